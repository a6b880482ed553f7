"""Sync over a bad network: a proxy between app and server resets connections, answers 500 and
503, stalls past the client's time-out and cuts answers short, for one request in five. Repeated
syncs still end with the server holding exactly the app's items: none twice, none lost. The writes
travel on four connections at once, as the app sends them (DEFAULT_CONNECTIONS)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from caldav.calendarobjectresource import CalendarObjectResource
from caldav.collection import Calendar as DAVCalendar
from icalendar import Calendar

from empower_desktop.domain import LearningSession
from empower_desktop.domain.learn import SessionState
from empower_desktop.services import Services
from empower_desktop.sync.engine import SyncEngine, SyncReport
from empower_desktop.sync.local import StoreLocalSide
from empower_desktop.sync.mapping import Reminders, uid_for
from empower_desktop.sync.status import StatusStore
from empower_desktop.sync.targets.base import TargetError
from empower_desktop.sync.targets.caldav_target import DEFAULT_CONNECTIONS, CalDAVTarget

from ..conftest import FIXED_NOW
from .conftest import CalDAVServer
from .proxy import FAULTS, FaultyProxy
from .sync_checks import app_events, duplicates, plan_sessions, server_events

pytestmark = pytest.mark.integration

ITEMS = 300
FAULT_RATE = 0.2
CLIENT_TIMEOUT = 2.0  # seconds the target waits for an answer; the proxy stalls longer
MAX_RUNS = 30
TIME_BUDGET = 240.0  # seconds for all the syncs of one test; a run that starts later fails the test
TARGET = "flaky"


def register(services: Services) -> None:
    with services.store.db.transaction() as conn:
        conn.execute(
            "INSERT INTO sync_targets (name, kind, config, created) VALUES (?, 'caldav', '{}', ?)",
            (TARGET, FIXED_NOW.isoformat()),
        )


def sync_once(services: Services, url: str, server: CalDAVServer) -> SyncReport:
    with CalDAVTarget(
        url, server.username, server.password, name=TARGET, timeout=CLIENT_TIMEOUT, connections=DEFAULT_CONNECTIONS
    ) as target:
        assert target.connections > 1
        engine = SyncEngine(
            target,
            StatusStore(services.store.db, TARGET),
            StoreLocalSide(services.store, Reminders()),
            lambda: FIXED_NOW,
        )
        return engine.run()


def sync_until_clean(services: Services, url: str, server: CalDAVServer, deadline: float) -> tuple[int, list[str]]:
    """Sync until a run ends without a problem; returns how many runs that took and what failed."""
    failures: list[str] = []
    for run in range(1, MAX_RUNS + 1):
        if time.monotonic() > deadline:
            pytest.fail(f"no clean sync within {TIME_BUDGET:g} s:\n" + "\n".join(failures[-20:]))
        try:
            report = sync_once(services, url, server)
        except TargetError as exc:  # the listing or a read failed: the run stops, the next one goes on
            failures.append(f"run {run}: {type(exc).__name__}: {exc}")
            continue
        if not report.problems:
            return run, failures
        failures += [f"run {run}: {problem}" for problem in report.problems]
    pytest.fail(f"no clean sync in {MAX_RUNS} runs:\n" + "\n".join(failures[-20:]))


def assert_server_equals_app(services: Services, server: CalDAVServer, url: str) -> None:
    remote = server_events(server, url)
    assert not duplicates(remote), f"on the server twice: {duplicates(remote)[:5]}"
    assert dict(remote) == app_events(services)
    issues = StatusStore(services.store.db, TARGET).issues()
    assert not issues, [f"{i.kind} {i.field} {i.detail}" for i in issues[:5]]


@pytest.mark.slow
def test_syncs_over_a_bad_network_converge_without_duplicates_or_losses(
    services: Services, server: CalDAVServer, calendar_url: str
) -> None:
    began = time.monotonic()
    deadline = began + TIME_BUDGET
    sessions = plan_sessions(services, ITEMS)
    register(services)
    with FaultyProxy(server.url, rate=FAULT_RATE, seed=20260615, stall_seconds=CLIENT_TIMEOUT + 0.5) as proxy:
        url = proxy.via(calendar_url)
        runs, failures = sync_until_clean(services, url, server, deadline)
        assert_server_equals_app(services, server, calendar_url)

        # Then the person moves some sessions and deletes others, over the same bad network.
        moved, deleted = sessions[:40], sessions[40:60]
        for session in moved:
            session.start = session.start + timedelta(minutes=30)
            session.end = session.end + timedelta(minutes=30)
            services.store.learning_sessions.update(session)
        for session in deleted:
            services.store.learning_sessions.delete(session.id)
        more_runs, more_failures = sync_until_clean(services, url, server, deadline)
        assert_server_equals_app(services, server, calendar_url)
    took = time.monotonic() - began

    stored = {s.id: s for s in services.store.learning_sessions.all()}
    assert len(stored) == ITEMS - len(deleted)
    assert all(s.state is SessionState.PLANNED for s in stored.values())
    for session in moved:
        assert stored[session.id].start == session.start  # the app's edit survived every retry
    assert {uid_for("session", s.id) for s in deleted}.isdisjoint(dict(server_events(server, calendar_url)))
    injected = {fault: proxy.counts[fault] for fault in FAULTS}
    assert all(injected.values()), f"every kind of fault happened at least once: {injected}"
    print(
        f"{server.name}: {runs} + {more_runs} runs, {proxy.counts.total()} requests, faults {injected}, "
        f"{len(failures) + len(more_failures)} failures reported, {took:.1f} s"
    )


@pytest.mark.parametrize("fault", ["truncate", "truncate_unframed", "reset_after", "status_500"])
def test_a_read_cut_short_is_a_clear_error_and_the_next_run_picks_it_up(
    services: Services, radicale_server: CalDAVServer, fault: str
) -> None:
    """An answer to a multiget that ends too soon, even one whose end nothing marks (no
    Content-Length, the connection closed), is a failed run that says to try again, not "this is
    no CalDAV server"; the next run reads the object and takes the change."""
    server = radicale_server
    calendar_url, sessions, moved = synced_then_moved_elsewhere(services, server)
    # request 1: the listing (a sync-collection REPORT); 2: the multiget of the changed object
    with FaultyProxy(server.url, rate=0, seed=1, stall_seconds=0, script={2: fault}) as proxy:
        with pytest.raises(TargetError) as failed:
            sync_once(services, proxy.via(calendar_url), server)
        assert "does not look like a CalDAV server" not in str(failed.value)
        assert "try again" in str(failed.value) or "connection failed" in str(failed.value), failed.value
        assert services.store.learning_sessions.get(sessions[0].id).start == sessions[0].start
        report = sync_once(services, proxy.via(calendar_url), server)
    assert report.pulled and not report.problems
    assert services.store.learning_sessions.get(sessions[0].id).start.instant == moved


@pytest.mark.parametrize("busy_answers", [1, 3])
def test_a_server_that_asks_to_slow_down_is_asked_again_after_a_pause(
    services: Services, radicale_server: CalDAVServer, busy_answers: int
) -> None:
    """A 503 means the server did nothing and wants a pause: the request goes again after one (and
    the sync uses fewer connections from then on). A server still busy after three tries fails the
    run with "try again later", and the next run picks the change up."""
    server = radicale_server
    calendar_url, sessions, moved = synced_then_moved_elsewhere(services, server)
    script = {2 + n: "status_503" for n in range(busy_answers)}  # the multiget, answered 503
    with FaultyProxy(server.url, rate=0, seed=1, stall_seconds=0, script=script) as proxy:
        if busy_answers == 1:
            report = sync_once(services, proxy.via(calendar_url), server)
        else:
            with pytest.raises(TargetError, match="try again later"):
                sync_once(services, proxy.via(calendar_url), server)
            report = sync_once(services, proxy.via(calendar_url), server)
        assert proxy.counts["status_503"] == busy_answers
    assert report.pulled and not report.problems
    assert services.store.learning_sessions.get(sessions[0].id).start.instant == moved


def synced_then_moved_elsewhere(
    services: Services, server: CalDAVServer
) -> tuple[str, list[LearningSession], datetime]:
    """Three sessions synced to a new calendar, the first then moved in another app: the calendar,
    the sessions, and the first one's new start."""
    calendar_url = server.new_calendar()
    sessions = plan_sessions(services, 3)
    register(services)
    assert not sync_once(services, calendar_url, server).problems
    return calendar_url, sessions, move_in_other_client(server, calendar_url, uid_for("session", sessions[0].id))


def move_in_other_client(server: CalDAVServer, url: str, uid: str) -> datetime:
    """Another app moves our event by an hour; returns the new start (UTC)."""
    client = server.client()
    try:
        obj = DAVCalendar(client=client, url=url).event_by_uid(uid)
        assert isinstance(obj, CalendarObjectResource)  # the synchronous client
        cal = Calendar.from_ical(obj.data)
        event = next(iter(cal.walk("VEVENT")))
        start: datetime = event.decoded("dtstart") + timedelta(hours=1)
        end: datetime = event.decoded("dtend") + timedelta(hours=1)
        for name in ("DTSTART", "DTEND"):
            del event[name]
        event.add("dtstart", start)
        event.add("dtend", end)
        obj.data = cal.to_ical().decode()
        obj.save()
        return start.astimezone(UTC)
    finally:
        client.close()
