"""The whole sync, app to real CalDAV servers (Radicale and Xandikos) and back, read with another
client: times and zones across a DST change, all-day deadlines, habits, reminders, edits from
elsewhere, conflicts, and the calendar emptied under our feet."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from caldav.collection import Calendar as DAVCalendar
from icalendar import Calendar, Event

from empower_desktop.domain import Goal, LearningItem, LearningSession, ZonedDateTime
from empower_desktop.domain.assess import GoalStatus
from empower_desktop.domain.learn import LearningType, SessionState
from empower_desktop.services import Services
from empower_desktop.sync.engine import TargetLooksEmptied
from empower_desktop.sync.mapping import uid_for

from ..conftest import FIXED_NOW
from .conftest import CalDAVServer

pytestmark = pytest.mark.integration


_clients: list[Any] = []


@pytest.fixture(autouse=True)
def _close_other_clients() -> Iterator[None]:
    yield
    while _clients:
        _clients.pop().close()


def other_client(server: CalDAVServer, url: str) -> DAVCalendar:
    """The calendar as another app sees it (closed at the end of the test)."""
    client = server.client()
    _clients.append(client)
    return DAVCalendar(client=client, url=url)


def events_by_uid(server: CalDAVServer, url: str) -> dict[str, Any]:
    found = {}
    events = other_client(server, url).events()
    assert isinstance(events, list)  # the synchronous client
    for obj in events:
        cal = Calendar.from_ical(obj.data)
        for event in cal.walk("VEVENT"):
            found[str(event["uid"])] = (obj, event)
    return found


@pytest.fixture
def planned(services: Services) -> Services:
    """A course with a weekly habit across the spring DST change in Berlin, a one-off session in
    New York across the US change, and a goal with a deadline and a milestone."""
    item = services.data.save(LearningItem(kind=LearningType.COURSE, title="Rust in Action"))
    berlin = ZonedDateTime.at(datetime(2026, 3, 24, 7, 30), "Europe/Berlin")  # Tue, before 29 March
    services.data.save(
        LearningSession(
            item_id=item.id,
            start=berlin,
            end=berlin + timedelta(minutes=45),
            rrule="FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260430T000000Z",
            reminder_minutes=10,
        )
    )
    new_york = ZonedDateTime.at(datetime(2026, 3, 9, 18, 0), "America/New_York")  # the day after the US change
    services.data.save(LearningSession(item_id=item.id, start=new_york, end=new_york + timedelta(hours=1)))
    services.data.save(
        Goal(
            title="Ship the talk",
            deadline=date(2026, 9, 30),
            status=GoalStatus.DRAFT,
        )
    )
    return services


def add_account(services: Services, server: CalDAVServer, url: str) -> str:
    account, _where = services.calendar.add_caldav_account(
        "work", server.url, server.username, server.password, calendar=None, remember_password=False
    )
    # point the account at this test's own, empty calendar
    with services.store.db.transaction() as conn:
        conn.execute(
            "UPDATE sync_targets SET config = json_set(config, '$.calendar_url', ?) WHERE name = ?", (url, "work")
        )
    return account.name


def sync(services: Services, server: CalDAVServer) -> Any:
    return services.calendar.sync_account("work", password=server.password)


def test_what_the_app_writes_reads_back_right_in_another_client(
    planned: Services, server: CalDAVServer, calendar_url: str
) -> None:
    add_account(planned, server, calendar_url)
    report = sync(planned, server)
    assert len(report.created) == 3 + 1 and not report.problems  # and the review ritual
    events = events_by_uid(server, calendar_url)
    sessions = [e for uid, (_o, e) in events.items() if uid.startswith("session-")]
    habit = next(e for e in sessions if "RRULE" in e)
    start = habit.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (7, 30, "Europe/Berlin")
    assert habit["rrule"]["BYDAY"] == ["TU", "TH"]
    assert habit.walk("VALARM")[0].decoded("trigger") == -timedelta(minutes=10)
    # After the change to summer time the habit is still at 7:30 in Berlin, i.e. an hour earlier in UTC.
    after = start.replace(day=31)
    assert after.astimezone(UTC).hour == 5 and start.astimezone(UTC).hour == 6
    one_off = next(e for e in sessions if "RRULE" not in e).decoded("dtstart")
    assert (one_off.hour, str(one_off.tzinfo)) == (18, "America/New_York")
    assert one_off.utcoffset() == timedelta(hours=-4)  # EDT, the day after the change
    deadline = next(e for uid, (_o, e) in events.items() if uid.startswith("deadline-"))
    assert deadline.decoded("dtstart") == date(2026, 9, 30)
    assert deadline.decoded("dtend") == date(2026, 10, 1)
    zones = set()
    for obj, _event in events.values():
        zones |= {str(tz["tzid"]) for tz in Calendar.from_ical(obj.data).walk("VTIMEZONE")}
    assert {"Europe/Berlin", "America/New_York"} <= zones


def test_edits_moves_and_deletes_from_another_client_come_back(
    planned: Services, server: CalDAVServer, calendar_url: str
) -> None:
    add_account(planned, server, calendar_url)
    sync(planned, server)
    sessions = planned.store.learning_sessions.all()
    habit = next(s for s in sessions if s.rrule)
    one_off = next(s for s in sessions if not s.rrule)
    events = events_by_uid(server, calendar_url)

    obj, _event = events[uid_for("session", habit.id)]
    cal = Calendar.from_ical(obj.data)
    moved = next(iter(cal.walk("VEVENT")))
    new_start = datetime(2026, 3, 24, 8, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    for name in ("DTSTART", "DTEND", "LOCATION"):
        if name in moved:
            del moved[name]
    moved.add("dtstart", new_start)
    moved.add("dtend", new_start + timedelta(minutes=60))
    moved.add("location", "Library")
    obj.data = cal.to_ical().decode()
    obj.save()
    events[uid_for("session", one_off.id)][0].delete()

    report = sync(planned, server)
    assert report.pulled and report.removed
    stored = planned.store.learning_sessions.get(habit.id)
    assert stored.start.local().replace(tzinfo=None) == datetime(2026, 3, 24, 8, 0)
    assert stored.duration == timedelta(minutes=60)
    assert stored.location == "Library"
    gone = planned.store.learning_sessions.get(one_off.id)
    assert gone.state is SessionState.REMOVED_FROM_CALENDAR  # marked, never deleted


def test_both_sides_editing_is_reported_and_nothing_is_lost(
    planned: Services, server: CalDAVServer, calendar_url: str
) -> None:
    add_account(planned, server, calendar_url)
    sync(planned, server)
    session = next(s for s in planned.store.learning_sessions.all() if not s.rrule)
    session.end = session.end + timedelta(minutes=30)
    planned.store.learning_sessions.update(session)
    obj, _event = events_by_uid(server, calendar_url)[uid_for("session", session.id)]
    cal = Calendar.from_ical(obj.data)
    event = next(iter(cal.walk("VEVENT")))
    end = event.decoded("dtend")
    del event["DTEND"]
    event.add("dtend", end + timedelta(minutes=15))
    obj.data = cal.to_ical().decode()
    obj.save()

    report = sync(planned, server)
    assert len(report.conflicts) == 1
    issue = next(i for i in planned.calendar.sync_issues("work") if i.kind == "conflict")
    assert issue.field == "end"
    assert issue.local_value != issue.remote_value
    assert planned.store.learning_sessions.get(session.id).end == session.end  # the app's edit is kept
    _obj, event = events_by_uid(server, calendar_url)[uid_for("session", session.id)]
    assert event.decoded("dtend") == end + timedelta(minutes=15)  # and so is the calendar's


def test_a_foreign_event_is_untouched_after_many_syncs(
    planned: Services, server: CalDAVServer, calendar_url: str
) -> None:
    cal = Calendar()
    event = Event()
    event.add("uid", "dentist-42@example.org")
    event.add("summary", "Dentist")
    event.add("dtstart", datetime(2026, 6, 20, 9, tzinfo=UTC))
    event.add("dtend", datetime(2026, 6, 20, 10, tzinfo=UTC))
    cal.add_component(event)
    other_client(server, calendar_url).save_event(cal.to_ical().decode())
    before = events_by_uid(server, calendar_url)["dentist-42@example.org"][0].data
    add_account(planned, server, calendar_url)
    for minutes in (5, 10, 15):
        session = planned.store.learning_sessions.all()[0]
        session.end = session.end + timedelta(minutes=minutes)
        planned.store.learning_sessions.update(session)
        sync(planned, server)
    assert events_by_uid(server, calendar_url)["dentist-42@example.org"][0].data == before


def test_a_calendar_emptied_by_another_client_stops_the_sync(
    demo_services: Services, server: CalDAVServer, calendar_url: str
) -> None:
    add_account(demo_services, server, calendar_url)
    sync(demo_services, server)
    events = other_client(server, calendar_url).events()
    assert isinstance(events, list)  # the synchronous client
    for obj in events:
        obj.delete()
    before = list(demo_services.store.db.conn.iterdump())
    with pytest.raises(TargetLooksEmptied):
        sync(demo_services, server)
    assert list(demo_services.store.db.conn.iterdump()) == before


def test_a_sync_with_no_changes_costs_at_most_two_requests(
    demo_services: Services, server: CalDAVServer, calendar_url: str
) -> None:
    from empower_desktop.sync.engine import SyncEngine
    from empower_desktop.sync.local import StoreLocalSide
    from empower_desktop.sync.status import StatusStore
    from empower_desktop.sync.targets.caldav_target import CalDAVTarget

    add_account(demo_services, server, calendar_url)
    sync(demo_services, server)
    with CalDAVTarget(calendar_url, server.username, server.password, name="work") as target:
        local = StoreLocalSide(demo_services.store, demo_services.calendar.reminders())
        report = SyncEngine(target, StatusStore(demo_services.store.db, "work"), local, lambda: FIXED_NOW).run()
        assert not report.changed_anything
        assert target.requests <= 2


def run_cli(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "empower_desktop", "--data-dir", str(data), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_line_adds_an_account_and_syncs(tmp_path: Path, server: CalDAVServer) -> None:
    data = tmp_path / "data"
    backup = tmp_path / "demo.json"
    assert run_cli(data, "--demo", "backup", str(backup)).returncode == 0
    assert run_cli(data, "restore", str(backup)).returncode == 0
    added = run_cli(
        data,
        "account",
        "add",
        "work",
        "--url",
        server.url,
        "--username",
        server.username,
        "--calendar",
        f"cli-{tmp_path.name[-8:]}",
        "--password-stdin",
        "--no-keyring",
        stdin=server.password + "\n",
    )
    assert added.returncode == 1  # no such calendar: the message names the ones found
    assert "There is no calendar" in added.stderr and added.stderr.count("\n") == 1
    added = run_cli(
        data,
        "account",
        "add",
        "work",
        "--url",
        server.url,
        "--username",
        server.username,
        "--password-stdin",
        "--no-keyring",
        stdin=server.password + "\n",
    )
    assert added.returncode == 0, added.stderr
    assert "Added work (CalDAV)" in added.stdout
    if server.name == "Radicale":  # Xandikos has no authentication of its own
        wrong = run_cli(data, "sync", "--password-stdin", stdin="not-the-password\n")
        assert wrong.returncode == 1
        assert "refused the password" in wrong.stderr and "not-the-password" not in wrong.stderr + wrong.stdout
    done = run_cli(data, "sync", "--password-stdin", stdin=server.password + "\n")
    assert done.returncode == 0, done.stderr
    assert "created in the calendar" in done.stdout
    again = run_cli(data, "sync", "work", "--password-stdin", stdin=server.password + "\n")
    assert again.stdout.strip() == "work: up to date"
    listed = run_cli(data, "account", "list")
    assert listed.stdout.startswith("work (CalDAV): Empower on ")
    # the password is nowhere in the data folder
    for path in data.rglob("*"):
        if path.is_file():
            assert server.password.encode() not in path.read_bytes(), path


def test_goals_as_tasks_where_the_calendar_keeps_tasks(
    planned: Services, server: CalDAVServer, calendar_url: str
) -> None:
    add_account(planned, server, calendar_url)
    assert planned.calendar.account("work").supports_todos
    planned.settings.set("calendar.goals_as_tasks", True)
    report = sync(planned, server)
    assert not report.problems
    todos = other_client(server, calendar_url).todos(include_completed=True)
    assert isinstance(todos, list)  # the synchronous client
    [todo] = [Calendar.from_ical(t.data) for t in todos]
    [task] = todo.walk("VTODO")
    assert task.decoded("due") == date(2026, 9, 30)
    assert str(task["summary"]) == "Goal: Ship the talk"
    assert not [u for u in events_by_uid(server, calendar_url) if u.startswith("deadline-")]
