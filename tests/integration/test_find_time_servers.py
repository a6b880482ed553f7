"""Find time against real Radicale and Xandikos: busy time read from a second calendar of the account
holding recurring meetings with exceptions in Europe/Berlin and America/New_York (by the server's
free-busy query, and by a calendar query expanded here); a habit planned around it and synced; a
meeting added there later shows up as a collision after the next refresh, and the move proposed is
written back to the app's calendar at the next sync. A refresh with nothing changed costs one
request per calendar.

Today is Monday 15 June 2026, 11:30 in Berlin (the `services` fixture's clock).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from caldav.collection import Calendar as DAVCalendar
from icalendar import Calendar

from empower_desktop.domain import LearningItem
from empower_desktop.domain.common import zone
from empower_desktop.domain.freetime import Preferences
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services
from empower_desktop.sync.busy import FREE_BUSY, QUERY

from .conftest import CalDAVServer
from .test_sync_engine_servers import add_account, events_by_uid, sync

pytestmark = pytest.mark.integration

BERLIN = zone("Europe/Berlin")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def wrap(*events: str) -> str:
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other app//EN\r\n" + "".join(events) + "END:VCALENDAR\r\n"


def vevent(*lines: str) -> str:
    return "BEGIN:VEVENT\r\nDTSTAMP:20260601T000000Z\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VEVENT\r\n"


# Tuesdays 09:00-10:00 in Berlin: 23 June skipped, 30 June moved to 14:00.
TEAM = wrap(
    vevent(
        "UID:team@example.org",
        "SUMMARY:Team meeting",
        "DTSTART;TZID=Europe/Berlin:20260602T090000",
        "DTEND;TZID=Europe/Berlin:20260602T100000",
        "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=12",
        "EXDATE;TZID=Europe/Berlin:20260623T090000",
    ),
    vevent(
        "UID:team@example.org",
        "SUMMARY:Team meeting (moved)",
        "RECURRENCE-ID;TZID=Europe/Berlin:20260630T090000",
        "DTSTART;TZID=Europe/Berlin:20260630T140000",
        "DTEND;TZID=Europe/Berlin:20260630T150000",
    ),
)
# Wednesdays 10:00-11:00 in New York (16:00-17:00 in Berlin), 1 July skipped.
NEW_YORK = wrap(
    vevent(
        "UID:ny@example.org",
        "SUMMARY:NY sync",
        "DTSTART;TZID=America/New_York:20260603T100000",
        "DTEND;TZID=America/New_York:20260603T110000",
        "RRULE:FREQ=WEEKLY;BYDAY=WE",
        "EXDATE;TZID=America/New_York:20260701T100000",
    )
)
FREE = wrap(
    vevent(
        "UID:lunch@example.org",
        "SUMMARY:Lunch maybe",
        "DTSTART;TZID=Europe/Berlin:20260617T120000",
        "DTEND;TZID=Europe/Berlin:20260617T130000",
        "TRANSP:TRANSPARENT",
    )
)


@pytest.fixture(params=[QUERY, FREE_BUSY])
def method(request: pytest.FixtureRequest, server: CalDAVServer) -> str:
    """How busy time is read: the calendar query, or the free-busy query (used where an account may
    only read free-busy; here the source is told it answered that way before). Radicale's free-busy
    answer depends on the first VTIMEZONE of a TZID its process parsed (one written with RDATE lists
    puts summer times an hour off; see sync/busy.py), so it is asked of Xandikos only."""
    if request.param == FREE_BUSY and server.name == "Radicale":
        pytest.skip("Radicale's free-busy answer depends on the time zones parsed before it (sync/busy.py)")
    return str(request.param)


@pytest.fixture
def work(server: CalDAVServer) -> Iterator[tuple[str, DAVCalendar]]:
    """A second calendar of the account (the person's Work), written by another app."""
    url = server.new_calendar()
    with server.client() as client:
        other = DAVCalendar(client=client, url=url)
        for data in (TEAM, NEW_YORK, FREE):
            other.add_event(data, no_overwrite=True)
        yield url, other


@pytest.fixture
def planner(
    services: Services, server: CalDAVServer, calendar_url: str, work: tuple[str, Any], method: str
) -> Services:
    """The app, syncing to its own calendar, with the account's Work calendar as busy time."""
    add_account(services, server, calendar_url)
    source = services.find_time.add_caldav_source("work", work[0], "Work")
    if method == FREE_BUSY:
        with services.store.db.transaction() as conn:
            conn.execute("UPDATE busy_sources SET method = ? WHERE id = ?", (FREE_BUSY, source.id))
    services.find_time.set_preferences(
        Preferences(hours=((time(9), time(18)),) * 5 + (None, None), buffer=0, per_day=1, longest=120)
    )
    return services


def refresh(services: Services, server: CalDAVServer) -> Any:
    [result] = services.find_time.refresh({"work": server.password})
    assert result.ok, result.problem
    return result


def test_busy_time_is_read_with_its_exceptions_in_both_zones(
    planner: Services, server: CalDAVServer, method: str
) -> None:
    result = refresh(planner, server)
    assert result.requests == 1
    [source] = planner.find_time.sources()
    assert source.method == method
    spans = planner.find_time.busy_between(utc("2026-06-15 00:00"), utc("2026-07-06 00:00"))
    theirs = sorted((b.start, b.end) for b in spans if b.source == "Work")
    assert theirs == [
        (utc("2026-06-16 07:00"), utc("2026-06-16 08:00")),  # Tue 09:00 in Berlin (summer time)
        (utc("2026-06-17 14:00"), utc("2026-06-17 15:00")),  # Wed 10:00 in New York (EDT)
        (utc("2026-06-24 14:00"), utc("2026-06-24 15:00")),  # 23 June skipped
        (utc("2026-06-30 12:00"), utc("2026-06-30 13:00")),  # moved to 14:00 in Berlin; 1 July skipped
    ]
    if method == QUERY:  # the calendar query gives the titles; the free-busy answer gives none
        assert {b.label for b in spans if b.source == "Work"} == {"Team meeting", "NY sync", "Team meeting (moved)"}


def test_a_meeting_added_later_is_a_collision_and_the_move_is_written_back(
    planner: Services, server: CalDAVServer, calendar_url: str, work: tuple[str, DAVCalendar], method: str
) -> None:
    find = planner.find_time
    refresh(planner, server)
    course = planner.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Distributed systems"))
    plan = find.find_habit_time(course.id, 2, 60, first=date(2026, 6, 22), weeks=3)
    busy = [(b.start, b.end) for b in plan.busy if b.source == "Work"]
    for block in plan.proposal.blocks:
        assert all(not (block.start < end and start < block.end) for start, end in busy)
    find.apply_habit(plan)
    report = sync(planner, server)
    assert not report.problems
    habits = [e for uid, (_o, e) in events_by_uid(server, calendar_url).items() if uid.startswith("session-")]
    assert len(habits) == len({s.at for s in plan.proposal.slots})

    nothing_changed = refresh(planner, server)
    assert nothing_changed.requests == 1
    assert find.collisions() == []

    # A meeting lands on the second week's first session, in the Work calendar.
    hit = plan.proposal.blocks[2]
    local = hit.start.astimezone(BERLIN)
    panel = vevent(
        "UID:panel@example.org",
        "SUMMARY:Hiring panel",
        f"DTSTART;TZID=Europe/Berlin:{local + timedelta(minutes=30):%Y%m%dT%H%M%S}",
        f"DTEND;TZID=Europe/Berlin:{local + timedelta(minutes=90):%Y%m%dT%H%M%S}",
    )
    work[1].add_event(wrap(panel), no_overwrite=True)
    refresh(planner, server)
    [row] = find.collisions()
    assert row.collision.start == hit.start
    move = row.collision.move_to
    assert move is not None
    assert not (move.start < row.collision.busy.end and row.collision.busy.start < move.end)

    find.move_collision(row)
    assert find.collisions() == []
    report = sync(planner, server)
    assert not report.problems
    on_server = [event for _uid, (_obj, event) in events_by_uid(server, calendar_url).items()]
    one_offs = [e.decoded("dtstart").astimezone(UTC) for e in on_server if "RRULE" not in e]
    assert move.start.astimezone(UTC) in one_offs
    [habit] = [e for e in on_server if "RRULE" in e and e.decoded("dtstart").time() == hit.start.time()]
    skipped = [d.dt.astimezone(UTC) for exdate in _list(habit.get("EXDATE")) for d in exdate.dts]
    assert hit.start.astimezone(UTC) in skipped


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def test_the_sessions_written_are_busy_time_for_other_peoples_schedulers(
    planner: Services, server: CalDAVServer, calendar_url: str, method: str
) -> None:
    if method != QUERY:
        pytest.skip("once is enough: the busy calendar's method plays no part here")
    refresh(planner, server)
    course = planner.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Distributed systems"))
    plan = planner.find_time.find_habit_time(course.id, 1, 60, first=date(2026, 6, 22), weeks=1)
    planner.find_time.apply_habit(plan)
    sync(planner, server)
    with server.client() as client:
        mine = DAVCalendar(client=client, url=calendar_url)
        answer = mine.freebusy_request(datetime(2026, 6, 22, tzinfo=UTC), datetime(2026, 6, 29, tzinfo=UTC))
        data = answer.data if hasattr(answer, "data") else answer
    text = data.decode() if isinstance(data, bytes) else str(data)
    periods = [
        p.dt
        for fb in Calendar.from_ical(text).walk("VFREEBUSY")
        for p in _list(fb.get("FREEBUSY"))
        if str(p.params.get("FBTYPE", "BUSY")).upper() != "FREE"
    ]
    [block] = plan.proposal.blocks
    assert (block.start.astimezone(UTC), block.end.astimezone(UTC)) in [
        (start.astimezone(UTC), end.astimezone(UTC)) for start, end in periods
    ]
