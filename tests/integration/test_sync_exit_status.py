"""What `empower-desktop sync` tells a scheduled job, against a real Radicale behind the test proxy:
0 only when everything is up to date, 3 when some items were not synced (refused by the server,
or lost on a flaky line), 1 when an account could not be synced at all, 4 when all is synced but
something waits for the person. The refusals are one line per cause, not one per item."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from caldav.calendarobjectresource import CalendarObjectResource
from caldav.collection import Calendar as DAVCalendar

from empower_desktop.cli import EXIT_FAILED, EXIT_FOR_YOU, EXIT_NOT_SYNCED
from empower_desktop.services import Services
from empower_desktop.sync.mapping import uid_for

from .conftest import CalDAVServer
from .proxy import FaultyProxy
from .sync_checks import plan_sessions, server_events

pytestmark = pytest.mark.integration

NEED_PRIVILEGES = (
    b'<?xml version="1.0" encoding="utf-8"?><D:error xmlns:D="DAV:"><D:need-privileges><D:resource>'
    b"<D:href>/alice/</D:href><D:privilege><D:bind/></D:privilege></D:resource></D:need-privileges></D:error>"
)


def sync(data: Path, password: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "empower_desktop", "--data-dir", str(data), "sync", "--password-stdin"],
        input=password + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_exit_status_says_whether_everything_was_synced(tmp_path: Path, radicale_server: CalDAVServer) -> None:
    server = radicale_server
    data = tmp_path / "data"
    services = Services.open(data)
    try:
        sessions = plan_sessions(services, 6)
        refused = {uid_for("session", s.id) for s in sessions[:3]}
    finally:
        services.close()
    calendar_url = server.new_calendar()
    with FaultyProxy(server.url, rate=0, seed=3, stall_seconds=0) as proxy:
        add = ["account", "add", "work", "--url", proxy.url, "--username", server.username]
        add += ["--calendar", proxy.via(calendar_url), "--password-stdin", "--no-keyring"]
        added = subprocess.run(
            [sys.executable, "-m", "empower_desktop", "--data-dir", str(data), *add],
            input=server.password + "\n",
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert added.returncode == 0, added.stderr

        # The server refuses three of the events, for one reason: one line says it, with the count.
        proxy.rule = lambda method, path, body: (
            (403, NEED_PRIVILEGES) if method == "PUT" and any(uid in path for uid in refused) else None
        )
        partly = sync(data, server.password)
        assert partly.returncode == EXIT_NOT_SYNCED, partly.stdout + partly.stderr
        assert "work: 3 items not synced; the next sync tries again" in partly.stdout
        refusal_lines = [line for line in partly.stdout.splitlines() if "refused" in line]
        assert refusal_lines == [
            "  - 3 events were refused: you may not add events to this calendar (read-only, or shared "
            "without write access). Choose a calendar you own, or ask its owner for write access."
        ]
        assert partly.stderr == ""

        # The cause is fixed: the next run brings them, and says all is well.
        proxy.rule = None
        fixed = sync(data, server.password)
        assert fixed.returncode == 0, fixed.stdout + fixed.stderr
        assert "work: 3 created in the calendar" in fixed.stdout
        clean = sync(data, server.password)
        assert (clean.returncode, clean.stdout.strip()) == (0, "work: up to date")

        # A flaky line loses two of four changes: not up to date, and the output says so.
        services = Services.open(data)
        try:
            for session in services.store.learning_sessions.all()[:4]:
                session.location = "Room 4"
                services.store.learning_sessions.update(session)
        finally:
            services.close()
        sent = proxy.counts.total()
        proxy.script = {sent + 2: "status_500", sent + 3: "status_500"}  # after the listing: two of the PUTs
        flaky = sync(data, server.password)
        assert flaky.returncode == EXIT_NOT_SYNCED, flaky.stdout + flaky.stderr
        assert "work: 2 updated in the calendar" in flaky.stdout
        assert "work: 2 items not synced; the next sync tries again" in flaky.stdout
        assert "  - 2 events: The server had a problem (HTTP 500); try again later" in flaky.stdout
        again = sync(data, server.password)
        assert again.returncode == 0 and "work: 2 updated in the calendar" in again.stdout

        # The server fails as a whole: nothing could be synced; one line on stderr says why.
        proxy.rule = lambda method, path, body: (500, b"")
        failed = sync(data, server.password)
        assert failed.returncode == EXIT_FAILED
        assert failed.stderr.strip() == "empower-desktop: work: The server had a problem (HTTP 500); try again later"
        proxy.rule = None

        # An event removed in another app waits for the person: 4 on every run until it is settled.
        client = server.client()
        try:
            [removed] = [s for s in sessions if uid_for("session", s.id) not in refused][:1]
            found = DAVCalendar(client=client, url=calendar_url).event_by_uid(uid_for("session", removed.id))
            assert isinstance(found, CalendarObjectResource)  # the synchronous client
            found.delete()
        finally:
            client.close()
        for _run in range(2):
            waiting = sync(data, server.password)
            assert waiting.returncode == EXIT_FOR_YOU, waiting.stdout + waiting.stderr
            assert "work: 1 waiting for you to resolve" in waiting.stdout
    assert len(server_events(server, calendar_url)) == len(sessions) - 1 + 1  # the review ritual too
