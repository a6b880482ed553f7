"""Calendar sync over a simulated network, on real Radicale and Xandikos servers, each figure
against baselines measured in the same run.

Every client here talks to the server through a proxy on 127.0.0.1 that holds each request as a
network would: --latency-ms (default 25) each way, so every request costs a round trip of 50 ms on
top of the server's own time, and every new connection one round trip more (its handshake). On
each server of --servers (both by default), into a fresh calendar each, in the order A B C D, then
D C B A, and so on for --runs:

A. the app's initial sync of N items (--items, default 1,000), in process;
B. a plain sequential PUT loop of the same N objects (the iCalendar bytes the app writes), on one
   kept-alive connection;
C. the same PUTs on 4 kept-alive connections at once (a quarter of the objects each): the floor a
   client can reach, the larger of the server's own time and the round trips shared by 4
   connections (the server's own time is about B less its N round trips; a little of it, such as
   reading requests, overlaps across connections, so C may come in a little under that);
D. vdirsyncer (from PyPI, installed into a virtualenv of its own in a cache folder on first use)
   pairing a filesystem vdir holding the same N objects with the calendar: its initial sync, as a
   whole process, and the sync with no changes after it.

Printed per server: the medians, and the ratios app / 4-connection loop (goal: at most 1.2x),
app / sequential loop, app / vdirsyncer (goal: below 1). Then, through the same proxy:

- requests a sync sends, counted at the proxy: with no changes, for 10 and for N items (goal: at
  most 2 whatever N is), and with k changed items for k = 1, 10, 50 (goal: at most k + 2; no GET
  before a PUT, the ETag is known);
- `empower-desktop sync` with no changes as a whole process (on a data folder A synced) vs
  vdirsyncer's sync with no changes (D's). Goal: below 1. The command line must not load Qt.

How long it takes: the round trips alone are N x 50 ms, 50 s for 1,000 items, in B and D each,
and the servers' own time about as much again (1,000 items: about 60 s of Radicale's, 75 s of
Xandikos's, in each of A to D). One run of 1,000 items takes about 6 minutes on each server, so
the defaults (1,000 items, 2 runs, both servers) about 25 minutes, `--runs 1` about 13. Every sync
has a time limit of its own.

    python benchmarks/sync.py [--items N] [--runs R] [--servers radicale,xandikos]
                              [--latency-ms MS] [--skip-vdirsyncer] [--cache DIR]
"""

from __future__ import annotations

import argparse
import compileall
import logging
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calendar_server import SERVERS, CalDAVServer, Proxy, started  # noqa: E402

ACCOUNT = "bench"
CHANGES = (1, 10, 50)
COMMAND_TIMEOUT = 1800.0  # seconds, for any one sync (or PUT loop)
CONNECTIONS = 4  # of the parallel PUT loop


class Failed(Exception):
    """A measurement that went wrong (a sync that did not do what it must): the rest of that
    server's figures are left out, the other servers are still measured."""


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


# -- A. the app's initial sync, B. and C. the PUT loops -------------------------------------------------


def app_initial_sync(server: CalDAVServer, proxy: Proxy, data: Path, count: int) -> float:
    """Seconds for the app's initial sync of the data folder into a fresh calendar, through the
    proxy (the account's server address is the proxy's: so are all its syncs from now on)."""
    from empower_desktop.services import Services

    name, _url = server.new_calendar()
    services = Services.open(data)
    try:
        services.calendar.add_caldav_account(
            ACCOUNT, proxy.url, server.username, server.password, calendar=name, remember_password=False
        )
        deadline = time.monotonic() + COMMAND_TIMEOUT
        start = time.perf_counter()
        report = services.calendar.sync_account(
            ACCOUNT, password=server.password, cancelled=lambda: time.monotonic() > deadline
        )
        elapsed = time.perf_counter() - start
    finally:
        services.close()
    if len(report.created) != count or report.problems or report.cancelled:
        raise Failed(f"the initial sync on {server.kind} did not create {count} events: {report.lines()}")
    return elapsed


def put_loop(server: CalDAVServer, proxy: Proxy, objects: list[tuple[str, bytes]], connections: int) -> float:
    """Seconds for PUTting the objects into a fresh calendar through the proxy, on one connection
    (sequential) or on several at once."""
    _name, url = server.new_calendar()
    deadline = time.monotonic() + COMMAND_TIMEOUT
    start = time.perf_counter()
    if connections == 1:
        server.put_loop(proxy.url_of(url), objects, deadline)
    else:
        server.put_loop_parallel(proxy.url_of(url), objects, connections, deadline)
    elapsed = time.perf_counter() - start
    if server.count_objects(url) != len(objects):
        raise Failed(f"the PUT loop on {server.kind} did not leave every object on the server")
    return elapsed


# -- requests per sync ----------------------------------------------------------------------------------


Row = tuple[str, int, str, int, str]  # what, requests sent, by method, the most allowed, what went wrong


def count_requests(server: CalDAVServer, proxy: Proxy, data: Path, changes: tuple[int, ...]) -> list[Row]:
    """A row for each of two syncs with no changes, then one per k changed items; the data
    folder's account is already synced with the server through the proxy, which counts."""
    from empower_desktop.services import Services

    rows: list[Row] = []
    services = Services.open(data)
    try:

        def sync() -> tuple[int, str, Any]:
            proxy.reset()
            report = services.calendar.sync_account(ACCOUNT, password=server.password)
            by_method = ", ".join(f"{m} {n}" for m, n in sorted(proxy.counts.items()))
            if proxy.busy:  # sent again because the server asked (Xandikos: 423 while its repository is locked)
                by_method += f"; {proxy.busy} of them sent again when the server answered busy, not counted"
            return proxy.total() - proxy.busy, by_method, report

        for which in ("first", "second"):
            sent, by_method, report = sync()
            wrong = f"it changed something: {'; '.join(report.lines())}" if report.changed_anything else ""
            rows.append((f"no changes ({which} sync after the initial one)", sent, by_method, 2, wrong))
        sessions = services.store.learning_sessions.all()
        for k in changes:
            if k > len(sessions):
                continue
            for session in sessions[:k]:
                session.location = f"Room {k}"
                services.store.learning_sessions.update(session)
            sent, by_method, report = sync()
            wrong = ""
            if len(report.updated) != k or report.problems:
                wrong = f"{len(report.updated)} of {k} updated, {len(report.problems)} problems"
                wrong += f" (the first: {report.problems[0]})" if report.problems else ""
            rows.append((f"k = {k} changed", sent, by_method, k + 2, wrong))
    finally:
        services.close()
    return rows


# -- the command line, D. vdirsyncer ---------------------------------------------------------------------


def cli(data: Path, *args: str, stdin: str = "", python_flags: tuple[str, ...] = ()) -> tuple[float, str, str]:
    """Seconds, stdout and stderr of one run of the app's command line (exit code 0 required)."""
    cmd = [sys.executable, *python_flags, "-m", "empower_desktop", "--data-dir", str(data), *args]
    start = time.perf_counter()
    done = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=COMMAND_TIMEOUT, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise Failed(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return elapsed, done.stdout, done.stderr


def cli_no_change_sync(server: CalDAVServer, data: Path) -> float:
    """Seconds for `empower-desktop sync` on a data folder whose account is already synced."""
    elapsed, out, _err = cli(data, "sync", "--password-stdin", stdin=server.password + "\n")
    if out.strip() != f"{ACCOUNT}: up to date":
        raise Failed(f"the command line's sync on {server.kind} was not a sync with no changes:\n{out}")
    return elapsed


def no_qt_on_the_command_line(server: CalDAVServer, data: Path) -> None:
    """A sync from the command line must not load Qt: checked on the import log of one run."""
    _t, _out, imports = cli(
        data, "sync", "--password-stdin", stdin=server.password + "\n", python_flags=("-X", "importtime")
    )
    if "PySide6" in imports:
        raise Failed("`empower-desktop sync` imported Qt")


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
    exe: Path, server: CalDAVServer, proxy: Proxy, workspace: Workspace, objects: list[tuple[str, bytes]]
) -> tuple[float, float]:
    """vdirsyncer, through the proxy: seconds for the initial sync of a vdir holding the objects
    into a fresh calendar, and for the sync with no changes after it."""
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
url = "{proxy.url_of(url)}"
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
            raise Failed(f"vdirsyncer {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
        return elapsed

    run("discover")
    initial = run("sync")
    if server.count_objects(url) != len(objects):
        raise Failed(f"vdirsyncer's initial sync on {server.kind} did not put every event on the server")
    again = run("sync")
    return initial, again


# -- the run --------------------------------------------------------------------------------------------


def alternate(runs: int, *steps: Callable[[], None]) -> None:
    """A B C D, D C B A, A B C D, ...: drift over the run (a growing server, a warming cache) hits
    all alike."""
    for n in range(runs):
        for step in steps if n % 2 == 0 else reversed(steps):
            step()


@dataclass
class Figures:
    """What was measured on one server (seconds; medians once the runs are done)."""

    kind: str
    app: list[float] = field(default_factory=list)
    sequential: list[float] = field(default_factory=list)
    parallel: list[float] = field(default_factory=list)
    vdirsyncer: list[float] = field(default_factory=list)
    cli_no_change: list[float] = field(default_factory=list)
    vdirsyncer_no_change: list[float] = field(default_factory=list)
    requests: list[tuple[int, Row]] = field(default_factory=list)
    failure: str = ""  # what went wrong, if something did: the figures stop there


def measure(
    figures: Figures,
    server: CalDAVServer,
    proxy: Proxy,
    workspace: Workspace,
    templates: tuple[Path, Path],
    runs: int,
    exe: Path | None,
) -> None:
    """Every figure of one server, through the proxy, into *figures*."""
    template, small = templates
    objects = objects_of(template)
    count = len(objects)
    synced: list[Path] = []

    def app_run() -> None:
        data = workspace.copy(template)
        figures.app.append(app_initial_sync(server, proxy, data, count))
        synced.append(data)
        if len(synced) == 1:
            no_qt_on_the_command_line(server, data)
        figures.cli_no_change.append(cli_no_change_sync(server, data))
        print(
            f"  app initial sync: {figures.app[-1]:.1f} s"
            f" (then `empower-desktop sync` with no changes: {figures.cli_no_change[-1]:.2f} s)",
            flush=True,
        )

    def sequential_run() -> None:
        figures.sequential.append(put_loop(server, proxy, objects, 1))
        print(f"  PUT loop, 1 connection: {figures.sequential[-1]:.1f} s", flush=True)

    def parallel_run() -> None:
        figures.parallel.append(put_loop(server, proxy, objects, CONNECTIONS))
        print(f"  PUT loop, {CONNECTIONS} connections: {figures.parallel[-1]:.1f} s", flush=True)

    def vdirsyncer_run() -> None:
        assert exe is not None
        initial, again = vdirsyncer_syncs(exe, server, proxy, workspace, objects)
        figures.vdirsyncer.append(initial)
        figures.vdirsyncer_no_change.append(again)
        print(f"  vdirsyncer: initial sync {initial:.1f} s (then with no changes: {again:.2f} s)", flush=True)

    steps = [app_run, sequential_run, parallel_run]
    if exe is not None:
        steps.append(vdirsyncer_run)
    alternate(runs, *steps)
    # Requests: on one of the calendars just synced, and on a small one.
    small_synced = workspace.copy(small)
    app_initial_sync(server, proxy, small_synced, items_in(small))
    figures.requests = [(items_in(small), row) for row in count_requests(server, proxy, small_synced, ())]
    figures.requests += [(count, row) for row in count_requests(server, proxy, synced[0], CHANGES)]


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def report(figures: Figures, count: int, runs: int, latency: float) -> None:
    """The figures of one server, their ratios against the goals, and what the floor is (what was
    measured of it, if something failed on the way)."""
    rtt = 2 * latency
    med = {
        "app": figures.app,
        "seq": figures.sequential,
        "par": figures.parallel,
        "vdirsyncer": figures.vdirsyncer,
        "cli0": figures.cli_no_change,
        "vdirsyncer0": figures.vdirsyncer_no_change,
    }
    m = {key: statistics.median(values) for key, values in med.items() if values}
    print(f"{figures.kind}: initial sync of {count:,} items, {rtt * 1000:.0f} ms round trip, median of {runs}:")
    if figures.failure:
        print(f"  FAILED, the figures stop there: {figures.failure}")
    for key, label in (
        ("app", "app (in process)"),
        ("seq", "PUT loop, 1 connection"),
        ("par", f"PUT loop, {CONNECTIONS} connections"),
        ("vdirsyncer", "vdirsyncer (a process)"),
    ):
        if key in m:
            print(f"  {label:<24} {m[key]:8.2f} s")
    if "app" in m and "par" in m:
        ratio = m["app"] / m["par"]
        print(f"  app / {CONNECTIONS}-connection loop: {ratio:.2f}x (goal: at most 1.2x: {verdict(ratio <= 1.2)})")
    if "app" in m and "seq" in m:
        print(f"  app / sequential loop: {m['app'] / m['seq']:.2f}x")
    if "app" in m and "vdirsyncer" in m:
        ratio = m["app"] / m["vdirsyncer"]
        print(f"  app / vdirsyncer: {ratio:.2f}x (goal: below 1: {verdict(ratio < 1)})")
    if "seq" in m and "par" in m:
        # The sequential loop is the server's own time plus a round trip per request (and one for
        # the connection): what is left of it is the server's time, which more connections cannot
        # shorten (both servers write one object at a time).
        trips = (count + 1) * rtt
        own = max(m["seq"] - trips, 0.0)
        shared = (count / CONNECTIONS + 1) * rtt
        print(f"  the floor: the {CONNECTIONS}-connection loop is the floor a client can reach, the larger of")
        print(
            f"    the server's own time (at most about {own:.1f} s: the sequential loop less its"
            f" {count + 1:,} round trips of {rtt * 1000:.0f} ms, {trips:.1f} s)"
        )
        shared_by = f"the round trips shared by {CONNECTIONS} connections ({shared:.1f} s)"
        print(f"    and {shared_by}; measured {m['par']:.1f} s")
    if figures.requests:
        print("  requests per sync, counted at the proxy:")
    for items, (what, sent, by_method, most, wrong) in figures.requests:
        ok = f"FAILED: {wrong}" if wrong else "ok" if sent <= most else "TOO MANY"
        print(f"    {items:,} items, {what}: {sent} ({by_method}); goal at most {most}: {ok}")
    if "cli0" in m and "vdirsyncer0" in m:
        ours, theirs = m["cli0"], m["vdirsyncer0"]
        print(
            f"  sync with no changes, whole processes: empower-desktop sync {ours:.2f} s vs vdirsyncer {theirs:.2f} s,"
            f" ratio {ours / theirs:.2f}x (goal: below 1: {verdict(ours < theirs)})"
        )
    elif "cli0" in m:
        print(f"  sync with no changes, a whole process: empower-desktop sync {m['cli0']:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000, help="learning sessions to sync (default 1000)")
    parser.add_argument("--runs", type=int, default=2, help="timed runs of each side (default 2)")
    parser.add_argument(
        "--servers",
        default=",".join(SERVERS),
        help="the servers to measure on, comma-separated (default: %(default)s)",
    )
    parser.add_argument(
        "--latency-ms", type=float, default=25.0, help="the proxy's delay each way, in milliseconds (default 25)"
    )
    parser.add_argument("--skip-vdirsyncer", action="store_true", help="leave out the comparison with vdirsyncer")
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    parser.add_argument(
        "--cache",
        type=Path,
        default=cache_home / "empower-desktop-benchmarks",
        help="where vdirsyncer's virtualenv is kept (default: %(default)s)",
    )
    args = parser.parse_args()
    kinds = [k.strip().lower() for k in args.servers.split(",") if k.strip()]
    if not kinds or any(k not in SERVERS for k in kinds):
        parser.error(f"--servers: a comma-separated list of {', '.join(SERVERS)}")
    if args.items < 1 or args.runs < 1 or args.latency_ms < 0:
        parser.error("--items and --runs must be at least 1, --latency-ms at least 0")
    latency = args.latency_ms / 1000
    # What a sync logs of its problems is in the figures (a failed check, a row of the requests).
    logging.getLogger("empower_desktop").addHandler(logging.NullHandler())
    # Stopped from outside: still stop the servers and remove the temporary folders.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    began = time.perf_counter()
    compileall.compile_dir(ROOT / "empower_desktop", quiet=1)
    exe = None if args.skip_vdirsyncer else vdirsyncer_executable(args.cache)
    workspace = Workspace()
    measured: list[Figures] = []
    try:
        template = make_data(workspace.folder("template"), args.items)
        count = items_in(template)
        small = make_data(workspace.folder("template-small"), 10)
        for kind in kinds:
            with started(kind) as server, Proxy(server.port, latency) as proxy:
                print(
                    f"{server.kind}: {count:,} items, {args.runs} runs of each side, through a proxy adding"
                    f" {args.latency_ms:g} ms each way",
                    flush=True,
                )
                figures = Figures(server.kind)
                measured.append(figures)
                try:
                    measure(figures, server, proxy, workspace, (template, small), args.runs, exe)
                except (Failed, OSError, RuntimeError, subprocess.TimeoutExpired) as exc:
                    figures.failure = str(exc)
                    print(f"  FAILED: {exc}", flush=True)
    finally:
        workspace.close()

    for figures in measured:
        print()
        report(figures, count, args.runs, latency)
    print()
    print(f"benchmark took {time.perf_counter() - began:.0f} s")
    if any(figures.failure for figures in measured):
        sys.exit(1)


if __name__ == "__main__":
    main()
