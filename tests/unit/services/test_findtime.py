"""Find time through the services, from an empty data folder: busy calendars (.ics files here; the
CalDAV ones in tests/integration), the preferences, a habit's proposal taken into the Sessions
list, collisions after a meeting lands on a session, and calendars that cannot be read.

The clock of the `services` fixture: Monday 15 Jun 2026, 11:30 in Berlin (09:30 UTC).
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from empower_desktop.domain import Contact, LearningItem, LearningSession, Meeting, Mentorship, ZonedDateTime
from empower_desktop.domain.common import zone
from empower_desktop.domain.freetime import NoRoom, Preferences
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services
from empower_desktop.services.findtime import FindTimeError
from empower_desktop.settings import SettingError

BERLIN = zone("Europe/Berlin")


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


FOCUS = (
    "BEGIN:VEVENT\r\nUID:focus@example.org\r\nDTSTAMP:20260601T000000Z\r\n"
    "DTSTART;TZID=Europe/Berlin:20260601T090000\r\nDTEND;TZID=Europe/Berlin:20260601T120000\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nSUMMARY:Focus time\r\nEND:VEVENT\r\n"
)


def ics(*events: str) -> bytes:
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{''.join(events)}END:VCALENDAR\r\n".encode()


def event(summary: str, start: datetime, end: datetime) -> str:
    """A one-off event in Berlin time."""
    return (
        f"BEGIN:VEVENT\r\nUID:{summary.replace(' ', '-')}@example.org\r\nDTSTAMP:20260601T000000Z\r\n"
        f"DTSTART;TZID=Europe/Berlin:{start.astimezone(BERLIN):%Y%m%dT%H%M%S}\r\n"
        f"DTEND;TZID=Europe/Berlin:{end.astimezone(BERLIN):%Y%m%dT%H%M%S}\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\n"
    )


# Every weekday 09:00-12:00 is taken by a repeating "Focus time" in the work calendar.
WEEKLY_FOCUS = ics(FOCUS)


@pytest.fixture
def course(services: Services) -> LearningItem:
    return services.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Distributed systems"))


@pytest.fixture
def work_file(tmp_path: Path) -> Path:
    path = tmp_path / "work.ics"
    path.write_bytes(WEEKLY_FOCUS)
    return path


def session_at(services: Services, course: LearningItem, start: datetime, hours: int) -> LearningSession:
    end = start + timedelta(hours=hours)
    return services.learning.save_session(
        LearningSession(
            item_id=course.id, start=ZonedDateTime(start, "Europe/Berlin"), end=ZonedDateTime(end, "Europe/Berlin")
        )
    )


def overlaps(a0: datetime, a1: datetime, b0: datetime, b1: datetime) -> bool:
    return a0 < b1 and b0 < a1


def test_a_habit_is_planned_around_the_busy_calendar_and_taken_into_the_sessions_list(
    services: Services, course: LearningItem, work_file: Path
) -> None:
    find = services.find_time
    source = find.add_file_source(work_file, "Work")
    [refreshed] = find.refresh()
    assert refreshed.ok and refreshed.changed and refreshed.name == "Work"
    assert refreshed.spans == 5 * 16  # 16 weeks of weekday mornings, from the start of today
    assert find.read_at() == services.now()

    plan = find.find_habit_time("distributed SYSTEMS", 3, 45, weeks=13)
    assert plan.item is not None and plan.item.id == course.id and len(plan.proposal.slots) == 4
    assert not plan.problems and plan.read_at == services.now()
    for block in plan.proposal.blocks:
        assert block.start >= services.now()
        for busy in plan.busy:
            assert not overlaps(
                block.start, block.end, busy.start - timedelta(minutes=10), busy.end + timedelta(minutes=10)
            )
    assert all(block.start.astimezone(BERLIN).time() >= time(12, 10) for block in plan.proposal.blocks)
    assert source.name == "Work"

    sessions = find.apply_habit(plan)
    assert sessions and all(s.item_id == course.id for s in sessions)
    # the Sessions view's weeks: 3 hours planned in each of the 13 weeks after this one
    for week in services.learning.week_hours(date(2026, 6, 22), 12):
        assert week.planned == pytest.approx(3.0)
    rows = services.learning.occurrence_rows(date(2026, 6, 22), date(2026, 6, 28))
    assert len(rows) == 4


def test_the_apps_own_plans_and_the_review_ritual_count_as_busy(services: Services, course: LearningItem) -> None:
    start = local("2026-06-16 09:00")
    services.learning.save_session(
        LearningSession(
            item_id=course.id,
            start=ZonedDateTime(start, "Europe/Berlin"),
            end=ZonedDateTime(start + timedelta(hours=8), "Europe/Berlin"),
        )
    )
    priya = services.store.contacts.add(Contact(name="Priya"))
    mentorship = services.mentoring.save_mentorship(Mentorship(contact_id=priya.id))
    meeting_start = local("2026-06-17 09:00")
    services.mentoring.save_meeting(
        Meeting(
            mentorship_id=mentorship.id,
            title="Talk with Priya",
            start=ZonedDateTime(meeting_start, "Europe/Berlin"),
            end=ZonedDateTime(meeting_start + timedelta(hours=8), "Europe/Berlin"),
        )
    )
    labels = {b.label for b in services.find_time.busy_between(local("2026-06-15 00:00"), local("2026-06-22 00:00"))}
    assert labels == {"Distributed systems", "Talk with Priya", "Review"}
    plan = services.find_time.find_habit_time(course.id, 5, 60, first=date(2026, 6, 16), weeks=1)
    days = {b.start.astimezone(BERLIN).date() for b in plan.proposal.blocks}
    assert date(2026, 6, 16) not in days and date(2026, 6, 17) not in days  # taken whole by the two plans
    ritual = [b for b in plan.busy if b.label == "Review"]
    assert [b.start for b in ritual] == [local("2026-06-19 16:00")]  # Friday, 16:00, the default


def test_a_calendar_that_cannot_be_read_keeps_its_busy_time_and_says_why(
    services: Services, course: LearningItem, work_file: Path, tmp_path: Path
) -> None:
    find = services.find_time
    find.add_file_source(work_file, "Work")
    broken = tmp_path / "feed.ics"
    broken.write_bytes(b"<html>Please sign in</html>")
    find.add_file_source(broken, "Team")
    results = {r.name: r for r in find.refresh()}
    assert results["Work"].ok and not results["Team"].ok
    assert results["Team"].problem == "Team is not a calendar: it does not begin as an .ics file."

    work_file.unlink()  # offline, moved, deleted: the last known busy time stays
    results = {r.name: r for r in find.refresh()}
    assert not results["Work"].ok and results["Work"].spans == 80
    assert "Work: the file" in results["Work"].problem and "not there any more" in results["Work"].problem
    plan = find.find_habit_time(course.id, 1, 60, weeks=2)
    assert len(plan.problems) == 2
    assert all(b.start.astimezone(BERLIN).time() >= time(12) or b.start.weekday() >= 5 for b in plan.proposal.blocks)


def test_preferences_round_trip_and_one_that_leaves_no_room_says_which(
    services: Services, course: LearningItem
) -> None:
    find = services.find_time
    prefs = Preferences(
        hours=((time(7), time(10)),) * 5 + (None, None),
        preferred=(time(7), time(9)),
        shortest=45,
        longest=90,
        buffer=15,
        per_day=1,
        days_off=frozenset({date(2026, 12, 24)}),
    )
    assert find.set_preferences(prefs) == prefs
    assert services.settings.get("find_time.hours") == "07:00-10:00;07:00-10:00;07:00-10:00;07:00-10:00;07:00-10:00;;"
    plan = find.find_habit_time(course.id, 2, 60, first=date(2026, 6, 22), weeks=1)
    assert [b.start for b in plan.proposal.blocks] == [local("2026-06-22 07:00"), local("2026-06-23 07:00")]
    with pytest.raises(NoRoom, match=r"room for 5 blocks of 60 min a week .* 6 are needed"):
        find.find_habit_time(course.id, 6, 60)
    with pytest.raises(SettingError, match=r"working hours on Monday \(09:00\u201309:00\) leave no time"):
        services.settings.set("find_time.hours", "09:00-09:00;;;;;;")
    with pytest.raises(SettingError, match="not a span of time"):
        services.settings.set("find_time.preferred", "mornings")
    assert find.preferences() == prefs  # nothing changed by the refused values


def test_a_meeting_added_later_shows_up_as_a_collision_and_the_move_is_taken(
    services: Services, course: LearningItem, work_file: Path
) -> None:
    find = services.find_time
    find.add_file_source(work_file, "Work")
    find.refresh()
    plan = find.find_habit_time(course.id, 1, 60, first=date(2026, 6, 22), weeks=4)
    find.apply_habit(plan)
    assert find.collisions() == []

    hit = plan.proposal.blocks[2]  # the third week's session
    panel = event("Hiring panel", hit.start + timedelta(minutes=30), hit.start + timedelta(minutes=90))
    work_file.write_bytes(ics(FOCUS, panel))
    find.refresh()
    [row] = find.collisions()
    assert row.title == "Distributed systems" and row.collision.busy.label == "Hiring panel"
    assert row.collision.start == hit.start
    move = row.collision.move_to
    assert move is not None and move.start.isocalendar()[1] == hit.start.isocalendar()[1]
    assert not overlaps(move.start, move.end, row.collision.busy.start, row.collision.busy.end)

    find.move_collision(row)
    assert find.collisions() == []
    starts = [r.occurrence.start for r in services.learning.occurrence_rows(date(2026, 6, 22), date(2026, 7, 19))]
    assert move.start in starts and hit.start not in starts


def test_a_collision_kept_where_it_is_is_not_listed_again(
    services: Services, course: LearningItem, work_file: Path
) -> None:
    find = services.find_time
    find.add_file_source(work_file, "Work")
    start = local("2026-06-23 09:30")
    services.learning.save_session(
        LearningSession(
            item_id=course.id,
            start=ZonedDateTime(start, "Europe/Berlin"),
            end=ZonedDateTime(start + timedelta(hours=1), "Europe/Berlin"),
        )
    )
    find.refresh()
    [row] = find.collisions()
    assert row.collision.busy.label == "Focus time"
    find.keep_collision(row)
    assert find.collisions() == []


def test_busy_calendars_are_named_once_and_must_exist(services: Services, work_file: Path, tmp_path: Path) -> None:
    find = services.find_time
    find.add_file_source(work_file, "Work")
    with pytest.raises(FindTimeError, match="There is a busy calendar called “Work” already"):
        find.add_file_source(work_file, "work")
    with pytest.raises(FindTimeError, match="There is no calendar file at"):
        find.add_file_source(tmp_path / "missing.ics", "Other")
    with pytest.raises(FindTimeError, match="not a secure link"):
        find.add_feed_source("http://calendar.example.org/team.ics", "Team")
    feed = find.add_feed_source("webcal://calendar.example.org/team.ics")
    assert feed.name == "calendar.example.org"
    removed = find.remove_source(feed.id)
    assert removed.name == "calendar.example.org" and [s.name for s in find.sources()] == ["Work"]


def test_all_day_events_count_only_if_the_person_says_so(
    services: Services, course: LearningItem, tmp_path: Path
) -> None:
    path = tmp_path / "personal.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:trip@example.org\r\n"
        b"DTSTAMP:20260601T000000Z\r\nDTSTART;VALUE=DATE:20260622\r\nDTEND;VALUE=DATE:20260627\r\n"
        b"SUMMARY:Trip\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    services.find_time.add_file_source(path, "Personal")
    services.find_time.refresh()
    week = (local("2026-06-22 00:00"), local("2026-06-29 00:00"))
    assert "Trip" not in {b.label for b in services.find_time.busy_between(*week)}
    services.settings.set("find_time.all_day_busy", True)
    assert "Trip" in {b.label for b in services.find_time.busy_between(*week)}
    with pytest.raises(NoRoom):
        services.find_time.find_one_time(60, date(2026, 6, 22), date(2026, 6, 26))
    assert services.find_time.find_one_time(60, date(2026, 6, 22), date(2026, 6, 29)).start == local("2026-06-29 09:00")
    assert datetime(2026, 6, 29, 7, tzinfo=UTC) == local("2026-06-29 09:00")


def test_a_nudged_slot_moves_in_every_week_and_one_that_cannot_go_there_says_why(
    services: Services, course: LearningItem, work_file: Path
) -> None:
    find = services.find_time
    find.add_file_source(work_file, "Work")
    find.refresh()
    plan = find.find_habit_time(course.id, 1, 60, first=date(2026, 6, 22), weeks=2)
    [slot] = plan.proposal.slots
    later = find.nudge(plan, 0, minutes=30)
    assert [b.start - timedelta(minutes=30) for b in later.proposal.blocks] == [b.start for b in plan.proposal.blocks]
    next_day = find.nudge(plan, 0, days=1)
    assert next_day.proposal.slots[0].weekday == slot.weekday + 1
    with pytest.raises(NoRoom, match="outside the working hours"):
        find.nudge(plan, 0, minutes=-4 * 60)  # into the night
    with pytest.raises(NoRoom, match="past midnight"):
        find.nudge(plan, 0, minutes=-24 * 60)


def test_a_mentor_meeting_goes_in_the_first_free_time_of_its_window(services: Services, work_file: Path) -> None:
    find = services.find_time
    find.add_file_source(work_file, "Work")
    find.refresh()
    priya = services.store.contacts.add(Contact(name="Priya"))
    mentorship = services.mentoring.save_mentorship(Mentorship(contact_id=priya.id))
    block = find.find_one_time(60, date(2026, 6, 22), date(2026, 6, 26))
    assert block.start == local("2026-06-22 12:15")  # after the focus time and its buffer
    meeting = find.take_meeting(mentorship.id, block)
    assert (meeting.start.local(), meeting.end.local()) == (local("2026-06-22 12:15"), local("2026-06-22 13:15"))
    assert "Priya" in meeting.title
    again = find.find_one_time(60, date(2026, 6, 22), date(2026, 6, 26))
    assert again.start == local("2026-06-22 13:30")  # the meeting is busy time now, with its buffer


def test_the_review_ritual_moves_to_a_weekly_time_that_is_free(services: Services, tmp_path: Path) -> None:
    retro = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:retro@example.org\r\n"
        b"DTSTAMP:20260601T000000Z\r\nDTSTART;TZID=Europe/Berlin:20260605T090000\r\n"
        b"DTEND;TZID=Europe/Berlin:20260605T170000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\n"
        b"SUMMARY:Client work\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    path = tmp_path / "client.ics"
    path.write_bytes(retro)
    find = services.find_time
    find.add_file_source(path, "Client")
    find.refresh()
    hours = ((time(9), time(17)),) * 5 + ((time(10), time(12)), None)  # Saturday mornings too
    find.set_preferences(Preferences(hours=hours, buffer=0))
    plan = find.find_ritual_time(weeks=3)
    assert plan.item is None and plan.title == "The review"
    assert [s.text() for s in plan.proposal.slots] == ["Sat 10:00"]  # every weekday is taken by client work
    ritual = find.take_ritual(plan)
    assert (ritual.weekday, ritual.time, ritual.minutes) == (6, "10:00", 30)


def test_a_review_already_in_free_time_keeps_its_time_first(services: Services, work_file: Path) -> None:
    find = services.find_time
    find.add_file_source(work_file, "Work")
    find.refresh()
    present = services.review.ritual()
    assert (present.weekday, present.time) == (5, "16:00")  # Fridays at 16:00, clear of the focus time
    plan = find.find_ritual_time(weeks=4)
    assert [s.text() for s in plan.proposal.slots] == ["Fri 16:00"]
    assert plan.proposal.free_weeks == plan.proposal.planned_weeks == (4,)
    other = find.find_ritual_time(weeks=4, avoid=plan.proposal.slots)  # Next proposal: somewhere else
    assert [s.text() for s in other.proposal.slots] != ["Fri 16:00"]
    assert other.proposal.blocks and not any(
        overlaps(block.start, block.end, busy.start, busy.end) for block in other.proposal.blocks for busy in other.busy
    )

    services.review.set_ritual(dataclasses.replace(present, time="20:00"))  # after the working hours
    moved = find.find_ritual_time(weeks=4)
    assert [s.text() for s in moved.proposal.slots] != ["Fri 20:00"]


def test_asked_on_a_saturday_the_weeks_start_on_monday(tmp_path: Path, work_file: Path) -> None:
    saturday = datetime(2026, 6, 20, 8, 0, tzinfo=UTC)  # 10:00 in Berlin, the working week behind it
    services = Services.open(tmp_path / "weekend", clock=lambda: saturday)
    try:
        services.settings.set("general.time_zone", "Europe/Berlin")
        course = services.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Go"))
        services.find_time.add_file_source(work_file, "Work")
        plan = services.find_time.find_habit_time(course.id, 1.5, 45, weeks=4)
        assert plan.proposal.weeks[0] == date(2026, 6, 22)  # not the week nearly over
        assert len(plan.proposal.weeks) == 4 and set(plan.proposal.planned_weeks) == {4}
        ritual = services.find_time.find_ritual_time(weeks=4)
        assert ritual.proposal.planned_weeks == (4,)  # "free in 4 of 4 weeks", as asked
    finally:
        services.close()
