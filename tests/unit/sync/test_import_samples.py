"""The .ics importer on files in the shapes Google Calendar, Outlook, Apple Calendar, Thunderbird,
Nextcloud, pretalx and Ical.Net write them (tests/data/ics, described in its README), for a person
in Europe/Berlin."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from empower_desktop.sync.importing import FoundSession, Schedule, read_schedule

SAMPLES = Path(__file__).parents[2] / "data" / "ics"


def read(name: str) -> Schedule:
    return read_schedule((SAMPLES / name).read_bytes(), name, tz="Europe/Berlin", today=date(2027, 1, 1))


def utc(found: FoundSession) -> str:
    return found.start.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def named(found: Schedule, start: str) -> list[FoundSession]:
    return [s for s in found.sessions if s.title.startswith(start)]


def reasons(found: Schedule) -> dict[str, str]:
    return {left.title: left.reason for left in found.left_out}


def test_google_a_series_with_a_skip_and_a_moved_occurrence() -> None:
    found = read("google_course.ics")
    habit, moved = named(found, "Kubernetes evening class")
    assert habit.rrule.startswith("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270316") and habit.zone == "Europe/Berlin"
    assert set(habit.exdates) == {"2027-02-09T18:30:00", "2027-02-23T18:30:00"}
    assert moved.start.strftime("%Y-%m-%d %H:%M") == "2027-02-25 19:00" and moved.location.startswith("Room H 0107")
    [prep] = named(found, "Kubernetes exam prep")
    assert prep.start.strftime("%H:%M") == "18:30" and "http" in prep.notes
    assert reasons(found) == {"Course holiday": "all day: a session has a start and an end time"}


def test_outlook_windows_zone_names_and_one_without_its_vtimezone() -> None:
    found = read("outlook_windows_tz.ics")
    [course] = named(found, "Spanish B1")
    assert course.zone == "Europe/Berlin" and course.rrule.startswith("FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270331")
    assert course.exdates == ("2027-03-17T08:30:00",)
    [webinar] = named(found, "Webinar")
    assert (webinar.zone, utc(webinar)) == ("America/New_York", "2027-03-16 15:00")
    [call] = named(found, "Mentoring call")
    assert (call.zone, utc(call)) == ("America/Los_Angeles", "2027-04-20 16:00")


def test_apple_floating_times_and_durations() -> None:
    found = read("apple_floating.ics")
    assert all(s.zone == "Europe/Berlin" for s in found.sessions)
    [extra] = [s for s in found.sessions if "chapter 9" in s.title]
    assert (extra.end.astimezone(UTC) - extra.start.astimezone(UTC)).total_seconds() == 90 * 60
    [day] = [r for r in found.left_out if "24-hour" in r.title]
    assert day.reason == "it lasts 23 hours; a session lasts at most 12"


def test_pretalx_talks_and_what_a_conference_schedule_leaves_out() -> None:
    found = read("conference_pretalx.ics")
    assert len(found.sessions) == 4 and all(s.location for s in found.sessions)
    assert utc(found.sessions[0]) == "2027-05-20 09:00"
    left = sorted(left.reason for left in found.left_out)
    assert left == ["a task, not an event with a time", "it lasts 14 hours; a session lasts at most 12"]


def test_thunderbird_rules_a_habit_cannot_hold_become_single_sessions() -> None:
    found = read("monthly_bysetpos.ics")
    assert len(named(found, "Mentoring circle")) == 6 and len(named(found, "Python meetup")) == 11
    [guild] = named(found, "Architecture guild")
    assert guild.rrule.startswith("FREQ=WEEKLY;INTERVAL=3;BYDAY=TH;UNTIL=20270401")  # every 3 weeks: a habit
    assert sorted(found.expanded) == sorted({s.title for s in found.sessions if not s.rrule})


def test_nextcloud_times_a_dst_change_skips_or_repeats() -> None:
    found = read("dst_gap.ics")
    spring, review, autumn = found.sessions
    assert (utc(spring), spring.start.strftime("%H:%M")) == ("2027-03-28 01:30", "03:30")
    assert utc(review) == "2027-03-28 08:00"
    assert utc(autumn) == "2027-10-31 00:30"


@pytest.mark.parametrize(("name", "count"), [("two_calendars.ics", 4), ("utf16_bom.ics", 2), ("utf8_bom.ics", 2)])
def test_several_calendars_and_encodings(name: str, count: int) -> None:
    found = read(name)
    assert len(found.sessions) == count and not found.left_out
    assert all("\ufffd" not in s.title for s in found.sessions)


def test_empowers_own_export_gives_back_only_its_learning_sessions() -> None:
    found = read("empower_export.ics")
    assert len(found.sessions) == 46 and all(s.key.startswith("session-") for s in found.sessions)
    assert sum(1 for s in found.sessions if s.rrule) == 2
    assert len(found.left_out) == 23
    assert all(left.reason.endswith("from Empower, not a session") for left in found.left_out)
    assert datetime(2026, 1, 1, tzinfo=UTC) < found.sessions[0].start.astimezone(UTC)
