"""A `sync` killed with SIGKILL at random points, then run again: the calendar ends with every item
once, the app keeps every record, and the database stays intact. The command line sends its writes
on several connections at once (DEFAULT_CONNECTIONS), so a kill finds several on the way."""

from __future__ import annotations

import contextlib
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from empower_desktop.domain.learn import SessionState
from empower_desktop.services import Services
from empower_desktop.store.db import DB_NAME
from empower_desktop.sync.status import StatusStore
from empower_desktop.sync.targets.caldav_target import DEFAULT_CONNECTIONS

from .conftest import CalDAVServer
from .sync_checks import app_events, duplicates, plan_sessions, server_events

pytestmark = [
    pytest.mark.integration,
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

ITEMS = 300
KILLS = 5
SEED = 9
RESERVE = 30  # items every kill leaves undone at least: far more than the sync does in the longest jitter


def start_sync(data: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "empower_desktop", "--data-dir", str(data), "sync", "--password-stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def synced_so_far(data: Path) -> int:
    """How many items the sync has recorded as done, read beside the running sync."""
    with contextlib.closing(sqlite3.connect(f"file:{data / DB_NAME}?mode=ro", uri=True, timeout=10)) as conn:
        count: int = conn.execute("SELECT count(*) FROM sync_status WHERE href IS NOT NULL").fetchone()[0]
        return count


def sync_killed_at(data: Path, password: str, done: int, jitter: float) -> None:
    """Start a sync and SIGKILL it *jitter* seconds after it recorded *done* items (wherever it
    is then: a request in flight, an answer not yet recorded, a transaction open), or as soon as
    it has recorded all but RESERVE: a pause here must not let it finish before the kill."""
    process = start_sync(data)
    try:
        assert process.stdin is not None
        process.stdin.write(password + "\n")
        process.stdin.close()
        deadline = time.monotonic() + 120
        while process.poll() is None and synced_so_far(data) < done:
            assert time.monotonic() < deadline, "the sync made no progress"
            time.sleep(0.02)
        kill_at = time.monotonic() + jitter
        while process.poll() is None and time.monotonic() < kill_at and synced_so_far(data) < ITEMS - RESERVE:
            time.sleep(0.005)
        assert process.poll() is None, (
            f"the sync ended (exit {process.returncode}, {synced_so_far(data)} of {ITEMS} recorded) before the kill "
            f"at {done}: {process.stderr.read() if process.stderr else ''}"
        )
        process.send_signal(signal.SIGKILL)
        assert process.wait() == -signal.SIGKILL
    finally:
        if process.poll() is None:  # the test itself failed on the way: leave nothing running
            process.kill()
        process.wait()
        for stream in (process.stdout, process.stderr):  # a few lines at most: no pipe filled up
            if stream is not None:
                stream.close()


def sync_to_the_end(data: Path, password: str) -> subprocess.CompletedProcess[str]:
    process = start_sync(data)
    try:
        out, err = process.communicate(password + "\n", timeout=180)
    except BaseException:
        process.kill()
        process.communicate()
        raise
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def check_database(data: Path) -> None:
    with contextlib.closing(sqlite3.connect(data / DB_NAME)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_sync_killed_at_random_points_leaves_no_duplicate_and_loses_nothing(
    tmp_path: Path, radicale_server: CalDAVServer
) -> None:
    # One server is enough to kill a client on; Radicale is the faster of the two.
    assert DEFAULT_CONNECTIONS > 1  # several writes on the way when the kill comes
    server = radicale_server
    calendar_url = server.new_calendar()
    began = time.monotonic()
    data = tmp_path / "data"
    services = Services.open(data)
    try:
        planned = {s.id for s in plan_sessions(services, ITEMS)}
        services.calendar.add_caldav_account(
            "work", server.url, server.username, server.password, remember_password=False, kinds=("session",)
        )
        with services.store.db.transaction() as conn:  # this test's own, empty calendar
            conn.execute(
                "UPDATE sync_targets SET config = json_set(config, '$.calendar_url', ?) WHERE name = 'work'",
                (calendar_url,),
            )
        expected = app_events(services)
    finally:
        services.close()

    rng = random.Random(SEED)
    on_server = []
    for done in sorted(rng.sample(range(1, ITEMS - RESERVE), KILLS)):
        sync_killed_at(data, server.password, done, rng.uniform(0, 0.2))
        check_database(data)
        on_server.append((synced_so_far(data), len(server_events(server, calendar_url))))
    # Each kill left the sync half done (and now and then an event on the server the app had not
    # recorded yet: the case that must not become a duplicate).
    assert all(0 < count < ITEMS for _recorded, count in on_server), on_server

    finished = sync_to_the_end(data, server.password)
    assert finished.returncode == 0, finished.stderr
    assert "problems" not in finished.stdout, finished.stdout
    again = sync_to_the_end(data, server.password)
    assert again.stdout.strip() == "work: up to date", again.stdout + again.stderr
    check_database(data)

    remote = server_events(server, calendar_url)
    assert not duplicates(remote), f"on the server twice: {duplicates(remote)[:5]}"
    assert dict(remote) == expected
    services = Services.open(data)
    try:
        sessions = services.store.learning_sessions.all()
        assert {s.id for s in sessions} == planned
        assert all(s.state is SessionState.PLANNED for s in sessions)
        assert app_events(services) == expected
        statuses = StatusStore(services.store.db, "work").all()
        assert set(statuses) == set(expected) and all(s.href and s.etag for s in statuses.values())
        assert StatusStore(services.store.db, "work").issues() == []
    finally:
        services.close()
    print(f"(recorded, on the server) after each kill: {on_server}; {time.monotonic() - began:.1f} s in all")
