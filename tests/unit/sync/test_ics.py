"""The .ics file: what a calendar app reads back from it, and the safety rules of writing it."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any, cast

import pytest
from icalendar import Calendar, vRecur

from empower_desktop.domain import Goal, LearningItem, LearningSession, ZonedDateTime
from empower_desktop.domain.assess import GoalStatus, Milestone
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services
from empower_desktop.sync.ics import CalendarFileChangedError


def read(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def events(cal: Calendar) -> dict[str, object]:
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def planned(services: Services) -> Services:
    item = services.data.save(LearningItem(kind=LearningType.COURSE, title="Rust in Action"))
    start = ZonedDateTime.at(datetime(2026, 3, 24, 7, 30), "Europe/Berlin")
    services.data.save(
        LearningSession(
            item_id=item.id,
            start=start,
            end=start + timedelta(minutes=45),
            rrule="FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260430T000000Z",
            reminder_minutes=10,
        )
    )
    ny = ZonedDateTime.at(datetime(2026, 3, 5, 18, 0), "America/New_York")
    services.data.save(LearningSession(item_id=item.id, start=ny, end=ny + timedelta(hours=1)))
    services.data.save(
        Goal(
            title="Ship the talk",
            deadline=date(2026, 9, 30),
            status=GoalStatus.ACTIVE,
            milestones=[Milestone(title="Abstract sent", due=date(2026, 7, 1))],
        )
    )
    return services


def test_sessions_keep_their_zone_with_a_vtimezone_and_rrule(planned: Services, tmp_path: Path) -> None:
    out = tmp_path / "out.ics"
    assert planned.calendar.export_ics(out) == 4 + 1  # and the review ritual
    cal = read(out)
    zones = {str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")}
    assert zones == {"Europe/Berlin", "America/New_York"}
    sessions = [e for e in cal.walk("VEVENT") if "Learning" in str(e["summary"])]
    berlin = next(e for e in sessions if "RRULE" in e)
    start = berlin.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (7, 30, "Europe/Berlin")
    assert cast(vRecur, berlin["rrule"])["BYDAY"] == ["TU", "TH"]
    assert berlin.walk("VALARM")[0].decoded("trigger") == -timedelta(minutes=10)
    ny = next(e for e in sessions if "RRULE" not in e).decoded("dtstart")
    assert (ny.hour, str(ny.tzinfo)) == (18, "America/New_York")


def test_deadlines_are_all_day_with_an_exclusive_end(planned: Services, tmp_path: Path) -> None:
    out = tmp_path / "out.ics"
    planned.calendar.export_ics(out)
    deadline = next(e for e in read(out).walk("VEVENT") if str(e["summary"]).startswith("Goal deadline"))
    assert deadline.decoded("dtstart") == date(2026, 9, 30)
    assert deadline.decoded("dtend") == date(2026, 10, 1)
    assert deadline.walk("VALARM")[0].decoded("trigger") == -timedelta(days=3)


def test_every_event_has_a_stable_uid_and_its_record_id(planned: Services, tmp_path: Path) -> None:
    first, second = tmp_path / "1.ics", tmp_path / "2.ics"
    planned.calendar.export_ics(first)
    planned.calendar.export_ics(second)
    assert set(events(read(first))) == set(events(read(second)))
    for event in read(first).walk("VEVENT"):
        assert str(event["uid"]).endswith("@empower-desktop")
        assert str(event["x-empower-id"]) in str(event["uid"])


def test_sync_refuses_to_overwrite_a_file_another_program_changed(planned: Services) -> None:
    path = planned.calendar.calendar_file()
    assert planned.calendar.sync_calendar_file() == 4 + 1
    planned.calendar.sync_calendar_file()  # unchanged since our own write: fine
    path.write_text(path.read_text(encoding="utf-8").replace("Rust in Action", "Edited elsewhere"), encoding="utf-8")
    edited = path.read_bytes()
    with pytest.raises(CalendarFileChangedError, match="changed by another program"):
        planned.calendar.sync_calendar_file()
    assert path.read_bytes() == edited


def test_the_file_keeps_its_crlf_line_ends_where_text_files_translate_them(
    planned: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen: Callable[..., IO[Any]] = os.fdopen  # one signature for the overloads, as the wrapper passes any

    def windows_fdopen(fd: int, mode: str = "r", *args: Any, newline: str | None = None, **kwargs: Any) -> IO[Any]:
        """A text file as Windows opens it: each "\\n" written becomes "\\r\\n" unless newline="" says not to."""
        return real_fdopen(fd, mode, *args, newline="\r\n" if newline is None else newline, **kwargs)

    monkeypatch.setattr(os, "fdopen", windows_fdopen)
    out = tmp_path / "out.ics"
    planned.calendar.export_ics(out)
    data = out.read_bytes()
    assert b"\r\n" in data and b"\r\r\n" not in data
    assert data.count(b"\n") == data.count(b"\r\n")  # every line ends \r\n, as iCalendar wants


def test_sync_leaves_no_temp_files_behind(planned: Services) -> None:
    planned.calendar.sync_calendar_file()
    assert sorted(p.name for p in planned.data_dir.iterdir() if p.suffix in (".ics", ".part")) == ["calendar.ics"]


def test_goals_can_go_to_the_calendar_as_tasks_with_a_due_date(planned: Services, tmp_path: Path) -> None:
    planned.settings.set("calendar.goals_as_tasks", True)
    out = tmp_path / "tasks.ics"
    planned.calendar.export_ics(out)
    cal = read(out)
    [task] = cal.walk("VTODO")
    assert task.decoded("due") == date(2026, 9, 30)
    assert str(task["summary"]) == "Goal: Ship the talk"
    assert not [e for e in cal.walk("VEVENT") if str(e["summary"]).startswith("Goal deadline")]
    # milestones stay all-day events
    assert any(str(e["summary"]).startswith("Milestone:") for e in cal.walk("VEVENT"))


def test_follow_ups_and_the_review_ritual_are_in_the_calendar(demo_services: Services, tmp_path: Path) -> None:
    demo_services.settings.set("review.cadence_weeks", 2)
    out = tmp_path / "all.ics"
    demo_services.calendar.export_ics(out)
    events = {str(e["summary"]): e for e in read(out).walk("VEVENT")}
    follow_up = events["Follow up: Proposal: shared tracing library"]
    assert follow_up.decoded("dtend") - follow_up.decoded("dtstart") == timedelta(days=1)
    ritual = events["Career review (every 2 weeks)"]
    start = ritual.decoded("dtstart")
    assert (start.weekday(), start.hour, str(start.tzinfo)) == (4, 16, "Europe/Berlin")
    rule = cast(vRecur, ritual["rrule"])  # icalendar types a property as any of its value classes
    assert rule["INTERVAL"] == [2] and rule["BYDAY"] == ["FR"]
    first = read(out)
    demo_services.calendar.export_ics(out)  # the ritual's start stays put from one day to the next
    assert ritual.to_ical() == {str(e["summary"]): e for e in first.walk("VEVENT")}[str(ritual["summary"])].to_ical()


def test_step_3_follow_ups_and_meetings_go_to_the_calendar_without_inviting_anyone(
    services: Services, tmp_path: Path
) -> None:
    from empower_desktop.domain import Contact, Interaction, Meeting, Mentorship
    from empower_desktop.domain.network import ActionItem, Owner

    grace = services.network.save_contact(Contact(name="Grace Hopper", email="grace@navy.mil"))
    services.network.log_interaction(
        Interaction(
            contact_id=grace.id, happened_on=date(2026, 6, 10), summary="Asked about COBOL", follow_up=date(2026, 6, 20)
        )
    )
    ship = services.mentoring.save_mentorship(Mentorship(contact_id=grace.id))
    start = ZonedDateTime.at(datetime(2026, 6, 16, 12, 30), "Europe/Berlin")
    services.mentoring.save_meeting(
        Meeting(
            mentorship_id=ship.id,
            title="Mentoring with Grace",
            start=start,
            end=start + timedelta(minutes=45),
            action_items=[
                ActionItem(text="Send the draft", due=date(2026, 6, 23)),
                ActionItem(text="Introduce me to the SRE lead", due=date(2026, 6, 30), owner=Owner.THEM),
                ActionItem(text="Already done", due=date(2026, 6, 18), done=True),
                ActionItem(text="No date"),
            ],
        )
    )
    out = tmp_path / "all.ics"
    services.calendar.export_ics(out)
    found = {str(e["summary"]): e for e in read(out).walk("VEVENT")}
    assert found["Follow up with Grace Hopper: Asked about COBOL"].decoded("dtstart") == date(2026, 6, 20)
    assert found["Follow up: Send the draft"].decoded("dtstart") == date(2026, 6, 23)
    assert found["Follow up: Introduce me to the SRE lead (theirs)"].decoded("dtstart") == date(2026, 6, 30)
    assert not [s for s in found if "Already done" in s or "No date" in s]
    meeting = found["Mentoring with Grace"]
    assert "ATTENDEE" not in meeting and "ORGANIZER" not in meeting
