"""Calendar sync against a real Radicale, each figure against a baseline measured in the same run.

1. Initial sync of N items (the app's sync, in process) vs a plain sequential HTTP PUT loop of the
   same N objects (the same iCalendar bytes the app writes), each into a fresh calendar,
   alternating A B B A. Goal: at most 1.10x.
2. Requests a sync sends, counted at a small proxy between the app and the server: with no
   changes, for 10 and for N items (goal: at most 2 whatever N is), and with k changed items for
   k = 1, 10, 50 (goal: at most k + 2; no GET before a PUT, the ETag is known).
3. `empower-desktop sync` as a whole process vs vdirsyncer (from PyPI, installed into a
   virtualenv of its own in a cache folder on first use) pairing a filesystem vdir of the same N
   events with a calendar on the same server: the initial sync and the sync with no changes after
   it, each into a fresh calendar, alternating. Goal: the app faster on both (ratio below 1).

Radicale takes most of the time: it reads through the calendar for every new UID, so an initial
sync grows with the square of N (here about 10 s for 200 items, 25 s for 300, nearly 3 minutes
for 1,000). To keep a run bounded the default is 300 items (about 5 minutes in all);
`--items 1000 --runs 1` measures the 1,000 of the goal in about 13 minutes. Every sync has a
time limit of its own.

    python benchmarks/sync.py [--items N] [--runs R] [--skip-vdirsyncer] [--cache DIR]
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calendar_server import CountingProxy, Radicale, radicale  # noqa: E402

ACCOUNT = "bench"
CHANGES = (1, 10, 50)
COMMAND_TIMEOUT = 1800.0  # seconds, for any one sync


# -- the data --------------------------------------------------------------------------------------------


def make_data(folder: Path, count: int) -> Path:
    """A data folder with one course and *count* one-off learning sessions."""
    from empower_desktop.domain import LearningItem, LearningSession, ZonedDateTime
    from empower_desktop.domain.learn import LearningType
    from empower_desktop.services import Services

    services = Services.open(folder)
    try:
        services.settings.set("general.time_zone", "Europe/Berlin")
        course = services.data.save(LearningItem(kind=LearningType.COURSE, title="Distributed systems"))
        first = datetime(2027, 1, 4, 8, 0)
        sessions = []
        for n in range(count):
            start = ZonedDateTime.at(first + timedelta(days=n // 4, hours=2 * (n % 4)), "Europe/Berlin")
            sessions.append(LearningSession(item_id=course.id, start=start, end=start + timedelta(hours=1)))
        services.store.learning_sessions.add_many(sessions)
    finally:
        services.close()
    return folder


def items_in(data: Path) -> int:
    """How many events the app puts in a calendar for this data folder (the sessions, and what
    the app adds of its own, such as a review ritual)."""
    from empower_desktop.services import Services
    from empower_desktop.sync.mapping import items_from_store

    services = Services.open(data)
    try:
        return len(items_from_store(services.store, services.calendar.reminders()))
    finally:
        services.close()


def objects_of(data: Path) -> list[tuple[str, bytes]]:
    """(UID, the iCalendar object the app writes) for every item in the data folder."""
    from empower_desktop.services import Services
    from empower_desktop.sync.mapping import items_from_store

    services = Services.open(data)
    try:
        stamp = services.now()
        return [
            (item.uid, item.to_ics(stamp)) for item in items_from_store(services.store, services.calendar.reminders())
        ]
    finally:
        services.close()


class Workspace:
    """Fresh copies of a data folder, in a temporary folder removed at the end."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="empower-bench-sync-"))
        self._n = 0

    def folder(self, prefix: str) -> Path:
        self._n += 1
        return self.root / f"{prefix}-{self._n}"

    def copy(self, template: Path) -> Path:
        target = self.folder("data")
        shutil.copytree(template, target)
        return target

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


# -- 1. the initial sync in process vs a PUT loop ---------------------------------------------------------


def app_initial_sync(server: Radicale, data: Path, count: int) -> tuple[float, str]:
    """Seconds for the app's initial sync of the data folder into a fresh calendar, and its URL."""
    from empower_desktop.services import Services

    name, url = server.new_calendar()
    services = Services.open(data)
    try:
        services.calendar.add_caldav_account(
            ACCOUNT, server.url, server.username, server.password, calendar=name, remember_password=False
        )
        start = time.perf_counter()
        report = services.calendar.sync_account(ACCOUNT, password=server.password)
        elapsed = time.perf_counter() - start
    finally:
        services.close()
    if len(report.created) != count or report.problems:
        raise SystemExit(f"the initial sync did not create {count} events: {report.lines()}")
    return elapsed, url


def put_loop(server: Radicale, objects: list[tuple[str, bytes]]) -> float:
    _name, url = server.new_calendar()
    start = time.perf_counter()
    server.put_loop(url, objects)
    elapsed = time.perf_counter() - start
    if server.count_objects(url) != len(objects):
        raise SystemExit("the PUT loop did not leave every object on the server")
    return elapsed


# -- 2. requests per sync -------------------------------------------------------------------------------


def count_requests(server: Radicale, data: Path, changes: tuple[int, ...]) -> list[tuple[str, int, str, int]]:
    """(what, requests sent, by method, the most allowed) for two syncs with no changes, then one
    per k changed items; the data folder's account is already synced with the server."""
    from empower_desktop.services import Services

    rows: list[tuple[str, int, str, int]] = []
    with CountingProxy(server.port) as proxy:
        services = Services.open(data)
        try:
            # From now on the app talks to the server through the proxy.
            with services.store.db.transaction() as conn:
                conn.execute(
                    "UPDATE sync_targets SET config = json_set(config, '$.calendar_url', "
                    "replace(json_extract(config, '$.calendar_url'), ?, ?)) WHERE name = ?",
                    (server.url, proxy.url, ACCOUNT),
                )

            def sync() -> tuple[int, str, Any]:
                proxy.reset()
                report = services.calendar.sync_account(ACCOUNT, password=server.password)
                by_method = ", ".join(f"{m} {n}" for m, n in sorted(proxy.counts.items()))
                return proxy.total(), by_method, report

            for which in ("first", "second"):
                sent, by_method, report = sync()
                if report.changed_anything:
                    raise SystemExit(f"a sync with no changes changed something: {report}")
                rows.append((f"no changes ({which} sync after the initial one)", sent, by_method, 2))
            sessions = services.store.learning_sessions.all()
            for k in changes:
                if k > len(sessions):
                    continue
                for session in sessions[:k]:
                    session.location = f"Room {k}"
                    services.store.learning_sessions.update(session)
                sent, by_method, report = sync()
                if len(report.updated) != k:
                    raise SystemExit(f"{k} changes did not update {k} events: {report}")
                rows.append((f"k = {k} changed", sent, by_method, k + 2))
        finally:
            services.close()
    return rows


# -- 3. the command line vs vdirsyncer ------------------------------------------------------------------


def cli(data: Path, *args: str, stdin: str = "", python_flags: tuple[str, ...] = ()) -> tuple[float, str, str]:
    """Seconds, stdout and stderr of one run of the app's command line (exit code 0 required)."""
    cmd = [sys.executable, *python_flags, "-m", "empower_desktop", "--data-dir", str(data), *args]
    start = time.perf_counter()
    done = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=COMMAND_TIMEOUT, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return elapsed, done.stdout, done.stderr


def app_cli_syncs(server: Radicale, data: Path, count: int) -> tuple[float, float]:
    """The app's command line: seconds for the initial sync and for the sync with no changes."""
    name, _url = server.new_calendar()
    password = server.password + "\n"
    cli(data, "account", "add", ACCOUNT, "--url", server.url, "--username", server.username, "--calendar", name,
        "--password-stdin", "--no-keyring", stdin=password)  # fmt: skip
    initial, out, _err = cli(data, "sync", "--password-stdin", stdin=password)
    if f"{ACCOUNT}: {count} created in the calendar" not in out:
        raise SystemExit(f"the command line's initial sync did not create {count} events:\n{out}")
    again, out, _err = cli(data, "sync", "--password-stdin", stdin=password)
    if out.strip() != f"{ACCOUNT}: up to date":
        raise SystemExit(f"the command line's second sync was not a sync with no changes:\n{out}")
    return initial, again


def no_qt_on_the_command_line(server: Radicale, data: Path) -> None:
    """A sync from the command line must not load Qt: checked on the import log of one run."""
    _t, _out, imports = cli(
        data, "sync", "--password-stdin", stdin=server.password + "\n", python_flags=("-X", "importtime")
    )
    if "PySide6" in imports:
        raise SystemExit("`empower-desktop sync` imported Qt")


def vdirsyncer_executable(cache: Path) -> Path:
    """vdirsyncer from PyPI, in a virtualenv of its own under *cache* (made on first use)."""
    venv = cache / "vdirsyncer-venv"
    exe = venv / "bin" / "vdirsyncer"
    if not exe.exists():
        print(f"installing vdirsyncer into {venv} (once)", flush=True)
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "vdirsyncer"], check=True, timeout=COMMAND_TIMEOUT)
    return exe


def vdirsyncer_syncs(
    exe: Path, server: Radicale, workspace: Workspace, objects: list[tuple[str, bytes]]
) -> tuple[float, float]:
    """vdirsyncer: seconds for the initial sync of a vdir holding the objects, and for the sync with
    no changes after it."""
    folder = workspace.folder("vdirsyncer")
    vdir = folder / "vdir"
    vdir.mkdir(parents=True)
    for uid, ics in objects:
        (vdir / f"{uid}.ics").write_bytes(ics)
    _name, url = server.new_calendar()
    config = folder / "config"
    config.write_text(
        f"""[general]
status_path = "{folder / "status"}/"

[pair bench]
a = "bench_local"
b = "bench_remote"
collections = null

[storage bench_local]
type = "filesystem"
path = "{vdir}/"
fileext = ".ics"

[storage bench_remote]
type = "caldav"
url = "{url}"
username = "{server.username}"
password = "{server.password}"
"""
    )

    def run(*args: str) -> float:
        cmd = [str(exe), "-c", str(config), "--verbosity", "WARNING", *args]
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=COMMAND_TIMEOUT, stdin=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"vdirsyncer {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
        return elapsed

    run("discover")
    initial = run("sync")
    if server.count_objects(url) != len(objects):
        raise SystemExit("vdirsyncer's initial sync did not put every event on the server")
    again = run("sync")
    return initial, again


# -- the run --------------------------------------------------------------------------------------------


def alternate(runs: int, first: Callable[[], None], second: Callable[[], None]) -> None:
    """A B B A A B ...: drift over the run (a growing server, a warming cache) hits both alike."""
    for n in range(runs):
        for step in (first, second) if n % 2 == 0 else (second, first):
            step()


def against_put_loop(server: Radicale, workspace: Workspace, template: Path, runs: int) -> tuple[float, float, Path]:
    """Median seconds of the app's initial sync and of the PUT loop, and one data folder synced."""
    objects = objects_of(template)
    count = len(objects)
    app: list[float] = []
    put: list[float] = []
    synced: list[Path] = []

    def app_run() -> None:
        data = workspace.copy(template)
        elapsed, _url = app_initial_sync(server, data, count)
        app.append(elapsed)
        synced.append(data)
        print(f"  app initial sync: {elapsed:.1f} s", flush=True)

    def put_run() -> None:
        put.append(put_loop(server, objects))
        print(f"  PUT loop: {put[-1]:.1f} s", flush=True)

    alternate(runs, app_run, put_run)
    return statistics.median(app), statistics.median(put), synced[0]


def against_vdirsyncer(
    exe: Path, server: Radicale, workspace: Workspace, template: Path, runs: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median seconds of the initial and the no-change sync: the app's command line, vdirsyncer."""
    objects = objects_of(template)
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []

    def ours_run() -> None:
        data = workspace.copy(template)
        ours.append(app_cli_syncs(server, data, len(objects)))
        if len(ours) == 1:
            no_qt_on_the_command_line(server, data)
        print(f"  empower-desktop sync: initial {ours[-1][0]:.1f} s, no changes {ours[-1][1]:.2f} s", flush=True)

    def theirs_run() -> None:
        theirs.append(vdirsyncer_syncs(exe, server, workspace, objects))
        print(f"  vdirsyncer sync: initial {theirs[-1][0]:.1f} s, no changes {theirs[-1][1]:.2f} s", flush=True)

    alternate(runs, ours_run, theirs_run)

    def medians(times: list[tuple[float, float]]) -> tuple[float, float]:
        return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)

    return medians(ours), medians(theirs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=300, help="learning sessions to sync (default 300)")
    parser.add_argument("--runs", type=int, default=2, help="timed runs of each side (default 2)")
    parser.add_argument("--skip-vdirsyncer", action="store_true", help="leave out the comparison with vdirsyncer")
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    parser.add_argument(
        "--cache",
        type=Path,
        default=cache_home / "empower-desktop-benchmarks",
        help="where vdirsyncer's virtualenv is kept (default: %(default)s)",
    )
    args = parser.parse_args()
    # Stopped from outside: still stop the server and remove the temporary folders.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    began = time.perf_counter()
    compileall.compile_dir(ROOT / "empower_desktop", quiet=1)
    exe = None if args.skip_vdirsyncer else vdirsyncer_executable(args.cache)
    workspace = Workspace()
    try:
        template = make_data(workspace.folder("template"), args.items)
        count = items_in(template)
        small = make_data(workspace.folder("template-small"), 10)
        with radicale() as server:
            print(f"{count:,} items, {args.runs} runs of each side, Radicale on {server.url}", flush=True)
            app_t, put_t, synced = against_put_loop(server, workspace, template, args.runs)
            # Requests: on one of the calendars just synced, and on a small one.
            small_synced = workspace.copy(small)
            app_initial_sync(server, small_synced, items_in(small))
            counted = [(items_in(small), row) for row in count_requests(server, small_synced, ())]
            counted += [(count, row) for row in count_requests(server, synced, CHANGES)]
            versus = None if exe is None else against_vdirsyncer(exe, server, workspace, template, args.runs)
    finally:
        workspace.close()

    print()
    print(f"initial sync of {count:,} items, median of {args.runs}: app {app_t:.2f} s, plain PUT loop {put_t:.2f} s")
    print(f"initial sync ratio (app / PUT loop): {app_t / put_t:.3f}x (goal: at most 1.10x)")
    print("requests per sync, counted at a proxy:")
    for items, (what, sent, by_method, most) in counted:
        verdict = "ok" if sent <= most else "TOO MANY"
        print(f"  {items:,} items, {what}: {sent} ({by_method}); goal at most {most}: {verdict}")
    if versus is not None:
        ours, theirs = versus
        print(f"empower-desktop sync vs vdirsyncer, whole processes, median of {args.runs}:")
        print(f"  initial sync: {ours[0]:.2f} s vs {theirs[0]:.2f} s, ratio {ours[0] / theirs[0]:.3f}x (goal: below 1)")
        print(
            f"  no-change sync: {ours[1]:.2f} s vs {theirs[1]:.2f} s, ratio {ours[1] / theirs[1]:.3f}x (goal: below 1)"
        )
        print(f"  (the command line's initial sync / the PUT loop: {ours[0] / put_t:.3f}x)")
    print(f"benchmark took {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
