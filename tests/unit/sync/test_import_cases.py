"""The .ics import, case by case, on files in the shapes calendar programs write (RFC 5545): what a
series' exceptions do, time zones as Outlook names them, floating times, rules a habit cannot
hold, DST gaps, DURATION, several calendars in a file, encodings, what is kept with a session,
what is left out and why, and importing the same or a changed file again."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from empower_desktop.domain import LearningItem
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services
from empower_desktop.sync.importing import Schedule, read_schedule

TODAY = date(2027, 1, 4)
BERLIN = ZoneInfo("Europe/Berlin")

BERLIN_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""

OUTLOOK_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE"""


def ics(*events: str, prodid: str = "-//Google Inc//Google Calendar 70.9054//EN", extra: str = "") -> bytes:
    """A calendar of *events* (each the lines inside BEGIN:VEVENT ... END:VEVENT, or a whole
    component when it starts with BEGIN:), with CRLF line ends."""
    body = [f"BEGIN:VCALENDAR\nPRODID:{prodid}\nVERSION:2.0\nCALSCALE:GREGORIAN"]
    if extra:
        body.append(extra)
    for event in events:
        event = event.strip()
        body.append(event if event.startswith("BEGIN:") else f"BEGIN:VEVENT\n{event}\nEND:VEVENT")
    body.append("END:VCALENDAR\n")
    return "\n".join(body).replace("\n", "\r\n").encode()


def read(data: bytes, tz: str = "Europe/Berlin") -> Schedule:
    return read_schedule(data, "schedule.ics", tz=tz, today=TODAY)


def local(value: datetime) -> tuple[str, str]:
    return value.strftime("%Y-%m-%d %H:%M"), str(getattr(value.tzinfo, "key", ""))


# -- a series and its exceptions ---------------------------------------------------------------------------

GOOGLE_COURSE = ics(
    """UID:k8s-evening@google.com
DTSTAMP:20261201T090000Z
DTSTART;TZID=Europe/Berlin:20270112T183000
DTEND;TZID=Europe/Berlin:20270112T200000
RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10
EXDATE;TZID=Europe/Berlin:20270209T183000
SUMMARY:Kubernetes evening class
LOCATION:Room 4.12\\, TU Berlin
DESCRIPTION:Slides: https://example.org/k8s""",
    """UID:k8s-evening@google.com
DTSTAMP:20261201T090000Z
RECURRENCE-ID;TZID=Europe/Berlin:20270223T183000
DTSTART;TZID=Europe/Berlin:20270225T190000
DTEND;TZID=Europe/Berlin:20270225T203000
SUMMARY:Kubernetes evening class (moved)
LOCATION:Room 2.01""",
    extra=BERLIN_VTIMEZONE + "\nX-WR-TIMEZONE:Europe/Berlin",
)


def test_a_weekly_series_stays_a_habit_with_its_skips_and_its_moved_occurrence() -> None:
    found = read(GOOGLE_COURSE)
    habit, moved = found.sessions
    assert habit.rrule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270316T225959Z"  # COUNT=10 as its last day
    assert local(habit.start) == ("2027-01-12 18:30", "Europe/Berlin")
    # the cancelled 9 Feb and the moved 23 Feb are skipped in the habit ...
    assert habit.exdates == ("2027-02-09T18:30:00", "2027-02-23T18:30:00")
    # ... and the moved one is a session of its own, at its new time and place
    assert local(moved.start) == ("2027-02-25 19:00", "Europe/Berlin") and moved.location == "Room 2.01"
    assert moved.key == "k8s-evening@google.com@2027-02-23T18:30:00"
    assert habit.location == "Room 4.12, TU Berlin"
    assert habit.notes == "Kubernetes evening class\nSlides: https://example.org/k8s"


def test_a_cancelled_occurrence_is_skipped_with_nothing_in_its_place() -> None:
    data = GOOGLE_COURSE.replace(b"LOCATION:Room 2.01", b"STATUS:CANCELLED")
    [habit] = read(data).sessions
    assert "2027-02-23T18:30:00" in habit.exdates


MONTHLY = ics(
    """UID:meetup@thunderbird
DTSTART;TZID=Europe/Berlin:20270126T190000
DTEND;TZID=Europe/Berlin:20270126T210000
RRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1;COUNT=4
SUMMARY:Platform meetup (last Tuesday)""",
    """UID:fortnight@thunderbird
DTSTART;TZID=Europe/Berlin:20270201T080000
DTEND;TZID=Europe/Berlin:20270201T090000
RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15;UNTIL=20270401T000000Z
EXDATE;TZID=Europe/Berlin:20270215T080000
SUMMARY:Reading hour""",
    prodid="-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN",
    extra=BERLIN_VTIMEZONE,
)


def test_rules_a_habit_cannot_hold_are_expanded_into_single_sessions() -> None:
    found = read(MONTHLY)
    starts = [(s.title, local(s.start)[0]) for s in found.sessions]
    assert starts == [
        ("Platform meetup (last Tuesday)", "2027-01-26 19:00"),
        ("Reading hour", "2027-02-01 08:00"),
        ("Platform meetup (last Tuesday)", "2027-02-23 19:00"),
        ("Reading hour", "2027-03-01 08:00"),
        ("Reading hour", "2027-03-15 08:00"),
        ("Platform meetup (last Tuesday)", "2027-03-30 19:00"),
        ("Platform meetup (last Tuesday)", "2027-04-27 19:00"),
    ]  # 15 Feb skipped (EXDATE); the last Tuesday in each month, after the DST change too
    assert all(not s.rrule for s in found.sessions)
    assert found.expanded == ["Platform meetup (last Tuesday)", "Reading hour"]
    assert len({s.key for s in found.sessions}) == 7


def test_an_endless_series_a_habit_cannot_hold_stops_at_the_horizon() -> None:
    data = MONTHLY.replace(b";COUNT=4", b"")
    found = read(data)
    meetups = [s for s in found.sessions if s.title.startswith("Platform")]
    assert local(meetups[-1].start)[0] <= (TODAY + timedelta(days=366)).isoformat()
    assert len(meetups) == 12
    assert found.horizon == TODAY + timedelta(days=366)


# -- time zones ---------------------------------------------------------------------------------------------


def test_windows_zone_names_become_iana_zones_and_stay_on_the_session() -> None:
    data = ics(
        """UID:040000008200E00074C5B7101A82E008@outlook
DTSTART;TZID=W. Europe Standard Time:20270118T090000
DTEND;TZID=W. Europe Standard Time:20270118T103000
SUMMARY:Leadership workshop""",
        """UID:pst@outlook
DTSTART;TZID=Pacific Standard Time:20270119T090000
DTEND;TZID=Pacific Standard Time:20270119T100000
SUMMARY:Webinar (no VTIMEZONE for its zone in the file)""",
        prodid="-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        extra=OUTLOOK_VTIMEZONE + "\nMETHOD:PUBLISH",
    )
    found = read(data)
    assert [(local(s.start), s.zone) for s in found.sessions] == [
        (("2027-01-18 09:00", "Europe/Berlin"), "Europe/Berlin"),
        (("2027-01-19 09:00", "America/Los_Angeles"), "America/Los_Angeles"),
    ]
    assert found.sessions[1].start.astimezone(UTC).hour == 17


def test_floating_times_are_the_persons_own_and_utc_is_shown_in_their_zone() -> None:
    data = ics(
        "UID:a@apple\nDTSTART:20270120T193000\nDTEND:20270120T210000\nSUMMARY:Reading group",
        "UID:b@apple\nDTSTART:20270121T080000Z\nDTEND:20270121T090000Z\nSUMMARY:Standup in UTC",
        prodid="-//Apple Inc.//macOS 14.5//EN",
    )
    floating, utc = read(data, tz="America/New_York").sessions
    assert local(floating.start) == ("2027-01-20 19:30", "America/New_York")
    assert local(utc.start) == ("2027-01-21 03:00", "America/New_York")


def test_a_time_a_dst_change_skips_or_repeats_is_read_as_rfc_5545_says() -> None:
    data = ics(
        "UID:gap@x\nDTSTART;TZID=Europe/Berlin:20270328T023000\nDURATION:PT1H\nSUMMARY:Night lab (spring)",
        "UID:twice@x\nDTSTART;TZID=Europe/Berlin:20271031T023000\nDURATION:PT1H\nSUMMARY:Night lab (autumn)",
        extra=BERLIN_VTIMEZONE,
    )
    spring, autumn = read(data).sessions
    # 02:30 does not exist on 28 Mar: read with the offset before the change, so 03:30 summer time
    assert local(spring.start) == ("2027-03-28 03:30", "Europe/Berlin")
    assert spring.start.astimezone(UTC) == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    # 02:30 happens twice on 31 Oct: the first (summer time)
    assert autumn.start.astimezone(UTC) == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


def test_duration_is_exact_for_hours_and_nominal_for_days() -> None:
    data = ics(
        "UID:h@x\nDTSTART;TZID=Europe/Berlin:20270328T010000\nDURATION:PT3H\nSUMMARY:Three hours over the change",
        "UID:d@x\nDTSTART;TZID=Europe/Berlin:20270327T100000\nDURATION:P1D\nSUMMARY:A day over the change",
        extra=BERLIN_VTIMEZONE,
    )
    found = read(data)
    [hours] = found.sessions
    assert hours.end.astimezone(UTC) - hours.start.astimezone(UTC) == timedelta(hours=3)  # 01:00 CET-05:00 CEST
    assert local(hours.end) == ("2027-03-28 05:00", "Europe/Berlin")
    [day] = found.left_out
    # one calendar day from 10:00 is 10:00 the next day: 23 hours, too long for a session
    assert day.reason == "it lasts 23 hours; a session lasts at most 12"


# -- files ----------------------------------------------------------------------------------------------------


def test_several_calendars_in_one_file_and_any_encoding() -> None:
    one = ics("UID:1@x\nDTSTART:20270201T100000Z\nDTEND:20270201T110000Z\nSUMMARY:Grundlagen der Führung - Woche 1")
    two = ics("UID:2@x\nDTSTART:20270208T100000Z\nDTEND:20270208T110000Z\nSUMMARY:Woche 2")
    both = one + two
    for data in (
        both,
        b"\xef\xbb\xbf" + both,
        both.decode().encode("utf-16"),  # with its byte-order mark
        both.decode().encode("utf-16-le"),
    ):
        found = read(data)
        assert [s.title for s in found.sessions] == ["Grundlagen der Führung - Woche 1", "Woche 2"]


def test_what_cannot_be_a_session_is_left_out_with_its_reason_and_the_rest_imports() -> None:
    data = ics(
        "UID:talk@pretalx\nDTSTART;TZID=Europe/Lisbon:20270503T100000\nDTEND;TZID=Europe/Lisbon:20270503T104500\n"
        "SUMMARY:Observability at scale\nLOCATION:Room A\nURL:https://pretalx.example/talk/ABC123",
        "UID:day@pretalx\nDTSTART;VALUE=DATE:20270504\nSUMMARY:Community day",
        "UID:long@pretalx\nDTSTART;TZID=Europe/Lisbon:20270505T080000\nDTEND;TZID=Europe/Lisbon:20270505T220000\n"
        "SUMMARY:Hack marathon",
        "UID:gone@pretalx\nSTATUS:CANCELLED\nDTSTART;TZID=Europe/Lisbon:20270503T110000\nDURATION:PT30M\n"
        "SUMMARY:Withdrawn talk",
        "BEGIN:VTODO\nUID:todo@pretalx\nDUE;VALUE=DATE:20270510\nSUMMARY:Submit feedback\nEND:VTODO",
        prodid="-//pretalx//pretalx.example//EN",
    )
    found = read(data)
    [talk] = found.sessions
    assert (talk.location, talk.zone) == ("Room A", "Europe/Lisbon")
    assert talk.notes == "Observability at scale\nhttps://pretalx.example/talk/ABC123"
    assert {(left.title, left.reason) for left in found.left_out} == {
        ("Submit feedback", "a task, not an event with a time"),
        ("Community day", "all day: a session has a start and an end time"),
        ("Hack marathon", "it lasts 14 hours; a session lasts at most 12"),
        ("Withdrawn talk", "cancelled"),
    }


def test_empowers_own_export_gives_no_meetings_or_reviews_as_sessions(demo_services: Services, tmp_path: Path) -> None:
    exported = tmp_path / "export.ics"
    demo_services.calendar.export_ics(exported)
    found = read_schedule(exported.read_bytes(), "export.ics", tz="Europe/Berlin", today=TODAY)
    assert found.sessions and all(s.key.startswith("session-") for s in found.sessions)
    reasons = {left.reason for left in found.left_out}
    assert "a mentor meeting from Empower, not a session" in reasons
    assert "a review ritual from Empower, not a session" in reasons


# -- again ---------------------------------------------------------------------------------------------------


@pytest.fixture
def course(services: Services) -> str:
    return services.data.save(LearningItem(kind=LearningType.COURSE, title="Kubernetes")).id


def test_importing_the_same_file_again_changes_nothing(services: Services, course: str, tmp_path: Path) -> None:
    path = tmp_path / "k8s.ics"
    path.write_bytes(GOOGLE_COURSE)
    first = services.calendar.import_ics(path, course)
    assert (len(first.new), len(first.changed), len(first.unchanged)) == (2, 0, 0)
    before = services.store.learning_sessions.all()
    again = services.calendar.import_ics(path, course)
    assert (len(again.new), len(again.changed), len(again.unchanged)) == (0, 0, 2)
    assert services.store.learning_sessions.all() == before


def test_a_changed_file_updates_what_changed_and_adds_what_is_new(
    services: Services, course: str, tmp_path: Path
) -> None:
    path = tmp_path / "k8s.ics"
    path.write_bytes(GOOGLE_COURSE)
    services.calendar.import_ics(path, course)
    session_ids = {s.import_key: s.id for s in services.store.learning_sessions.all()}
    changed = GOOGLE_COURSE.replace(b"LOCATION:Room 2.01", b"LOCATION:Room 3.14").replace(
        b"END:VCALENDAR", b"BEGIN:VEVENT\r\nUID:extra@google.com\r\nDTSTART:20270301T170000Z\r\n"
        b"DTEND:20270301T180000Z\r\nSUMMARY:Extra lab\r\nEND:VEVENT\r\nEND:VCALENDAR",
    )  # fmt: skip
    path.write_bytes(changed)
    preview = services.calendar.plan_import(path, course)
    assert [s.title for s in preview.new] == ["Extra lab"]
    assert [found.location for _id, found in preview.changed] == ["Room 3.14"]
    done = services.calendar.import_ics(path, course)
    assert done.summary() == preview.summary() == "1 new session, 1 changed, 1 already imported"
    moved = services.store.learning_sessions.get(session_ids["k8s-evening@google.com@2027-02-23T18:30:00"])
    assert moved.location == "Room 3.14"  # the same session, changed where the file changed
    assert services.store.learning_sessions.count() == 3


def test_the_preview_names_each_sessions_zone(services: Services, course: str, tmp_path: Path) -> None:
    path = tmp_path / "k8s.ics"
    path.write_bytes(GOOGLE_COURSE)
    lines = services.calendar.plan_import(path, course).lines()
    assert lines[0].startswith("  new      Tue 12 Jan 2027 18:30 Europe/Berlin  Kubernetes evening class  (")
    assert "None" not in "\n".join(lines)
