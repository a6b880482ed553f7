"""Busy time read from iCalendar text, free-busy answers, files and feed links (sync/busy.py):
repeats with exceptions in two zones, what does not count (free, cancelled, declined, the app's
own events), all-day events, and calendars that cannot be read."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from empower_desktop.domain.common import zone
from empower_desktop.sync.busy import (
    BusyReadError,
    feed_url,
    read_file,
    spans_from_free_busy,
    spans_from_ics,
)

BERLIN = zone("Europe/Berlin")
NEW_YORK = zone("America/New_York")
START = datetime(2027, 3, 1, tzinfo=UTC)
END = datetime(2027, 4, 5, tzinfo=UTC)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def calendar(*events: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + "".join(events) + "END:VCALENDAR\r\n").encode()


def event(uid: str, start: str, end: str, summary: str = "Meeting", *extra: str) -> str:
    lines = [f"UID:{uid}", "DTSTAMP:20270101T000000Z", start, end, f"SUMMARY:{summary}", *extra]
    return "BEGIN:VEVENT\r\n" + "".join(line + "\r\n" for line in lines) + "END:VEVENT\r\n"


# Weekly stand-ups across the spring changes: Berlin on 28 March, New York on 14 March 2027.
BERLIN_WEEKLY = event(
    "standup-berlin",
    "DTSTART;TZID=Europe/Berlin:20270301T090000",
    "DTEND;TZID=Europe/Berlin:20270301T093000",
    "Stand-up",
    "RRULE:FREQ=WEEKLY;COUNT=5",
    "EXDATE;TZID=Europe/Berlin:20270315T090000",
)
BERLIN_MOVED = event(
    "standup-berlin",
    "DTSTART;TZID=Europe/Berlin:20270323T140000",
    "DTEND;TZID=Europe/Berlin:20270323T143000",
    "Stand-up (moved)",
    "RECURRENCE-ID;TZID=Europe/Berlin:20270322T090000",
)
NEW_YORK_WEEKLY = event(
    "sync-ny",
    "DTSTART;TZID=America/New_York:20270308T110000",
    "DTEND;TZID=America/New_York:20270308T120000",
    "NY sync",
    "RRULE:FREQ=WEEKLY;COUNT=2",
)


def test_repeats_expand_with_their_exceptions_and_keep_their_clock_time_in_their_own_zone() -> None:
    spans = spans_from_ics(calendar(BERLIN_WEEKLY, BERLIN_MOVED, NEW_YORK_WEEKLY), START, END, BERLIN)
    by_label: dict[str, list[datetime]] = {}
    for span in spans:
        by_label.setdefault(span.label, []).append(span.start)
    # 1, 8, (15 skipped), (22 moved), 29 March: 08:00 UTC before Berlin's change, 07:00 after it
    assert by_label["Stand-up"] == [utc("2027-03-01 08:00"), utc("2027-03-08 08:00"), utc("2027-03-29 07:00")]
    assert by_label["Stand-up (moved)"] == [utc("2027-03-23 13:00")]
    # 8 March 11:00 EST is 16:00 UTC; 15 March 11:00 EDT is 15:00 UTC
    assert by_label["NY sync"] == [utc("2027-03-08 16:00"), utc("2027-03-15 15:00")]
    assert spans == sorted(spans, key=lambda s: s.start)
    assert all(s.end - s.start == timedelta(minutes=30) for s in spans if s.label.startswith("Stand-up"))


def test_free_cancelled_declined_and_the_apps_own_events_do_not_count() -> None:
    times = ("DTSTART:20270302T100000Z", "DTEND:20270302T110000Z")
    data = calendar(
        event("free", *times, "Lunch maybe", "TRANSP:TRANSPARENT"),
        event("cancelled", *times, "Called off", "STATUS:CANCELLED"),
        event("declined", *times, "Not going", "ATTENDEE;PARTSTAT=DECLINED:mailto:Alex@Example.org"),
        event("accepted", *times, "Going", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:alex@example.org"),
        event("theirs", *times, "They declined", "ATTENDEE;PARTSTAT=DECLINED:mailto:sam@example.org"),
        event("ours", *times, "A learning session", "X-EMPOWER-ID:session-1"),
    )
    spans = spans_from_ics(data, START, END, BERLIN, me=["alex@example.org"])
    assert sorted(s.label for s in spans) == ["Going", "They declined"]


def test_all_day_events_are_kept_and_marked_from_midnight_in_the_persons_zone() -> None:
    data = calendar(
        event("holiday", "DTSTART;VALUE=DATE:20270305", "DTEND;VALUE=DATE:20270306", "Holiday"),
        event("trip", "DTSTART;VALUE=DATE:20270310", "", "One day, no end"),
    )
    spans = spans_from_ics(data.replace(b"\r\n\r\n", b"\r\n"), START, END, BERLIN)
    assert [(s.label, s.start, s.end, s.all_day) for s in spans] == [
        ("Holiday", utc("2027-03-04 23:00"), utc("2027-03-05 23:00"), True),
        ("One day, no end", utc("2027-03-09 23:00"), utc("2027-03-10 23:00"), True),
    ]


def test_floating_times_are_the_persons_zone_and_an_instant_is_no_busy_time() -> None:
    data = calendar(
        event("floating", "DTSTART:20270302T090000", "DTEND:20270302T100000", "Floating"),
        event("instant", "DTSTART:20270302T120000Z", "DURATION:PT0S", "Reminder"),
    )
    spans = spans_from_ics(data, START, END, NEW_YORK)
    assert [(s.label, s.start) for s in spans] == [("Floating", utc("2027-03-02 14:00"))]


def test_a_free_busy_answer_gives_its_busy_periods_in_utc() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VFREEBUSY\r\n"
        b"DTSTART:20270101T000000Z\r\nDTEND:20270201T000000Z\r\n"
        b"FREEBUSY;FBTYPE=BUSY:20270104T080000Z/20270104T090000Z\r\n"
        b"FREEBUSY;FBTYPE=FREE:20270104T150000Z/20270104T160000Z\r\n"
        b"FREEBUSY;FBTYPE=BUSY-TENTATIVE:20270105T080000Z/PT30M\r\n"
        b"FREEBUSY;VALUE=PERIOD:20270118T080000Z/20270118T090000Z,20270119T080000Z/20270119T083000Z\r\n"
        b"END:VFREEBUSY\r\nEND:VCALENDAR\r\n"
    )
    spans = spans_from_free_busy(data)
    assert [(s.start, s.end) for s in spans] == [
        (utc("2027-01-04 08:00"), utc("2027-01-04 09:00")),
        (utc("2027-01-05 08:00"), utc("2027-01-05 08:30")),
        (utc("2027-01-18 08:00"), utc("2027-01-18 09:00")),
        (utc("2027-01-19 08:00"), utc("2027-01-19 08:30")),
    ]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"<html><body>Sign in</body></html>", "Team feed is not a calendar"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2027", "Team feed is damaged"),
    ],
)
def test_a_malformed_calendar_is_named_in_one_line(data: bytes, says: str) -> None:
    with pytest.raises(BusyReadError) as caught:
        spans_from_ics(data, START, END, BERLIN, name="Team feed")
    assert str(caught.value).startswith(says)
    assert "\n" not in str(caught.value)


def test_a_file_is_read_again_only_when_it_changed(tmp_path: Path) -> None:
    path = tmp_path / "work.ics"
    path.write_bytes(calendar(NEW_YORK_WEEKLY))
    first = read_file(path, "", START, END, BERLIN, (), "Work")
    assert first.spans is not None and len(first.spans) == 2
    again = read_file(path, first.validator, START, END, BERLIN, (), "Work")
    assert again.spans is None and again.validator == first.validator
    path.write_bytes(calendar(NEW_YORK_WEEKLY, BERLIN_WEEKLY))
    os.utime(path, ns=(1, 2))  # another size and time of change
    changed = read_file(path, first.validator, START, END, BERLIN, (), "Work")
    assert changed.spans is not None and len(changed.spans) == 6
    path.unlink()
    with pytest.raises(BusyReadError, match=r"Work: the file .* is not there any more"):
        read_file(path, changed.validator, START, END, BERLIN, (), "Work")


def test_feed_links_are_fetched_over_https() -> None:
    assert feed_url("webcal://calendar.example.org/team.ics") == "https://calendar.example.org/team.ics"
    assert feed_url(" https://calendar.example.org/a.ics ") == "https://calendar.example.org/a.ics"
    assert feed_url("http://127.0.0.1:8080/a.ics") == "http://127.0.0.1:8080/a.ics"
    with pytest.raises(BusyReadError, match="not a secure link"):
        feed_url("http://calendar.example.org/a.ics")
    with pytest.raises(BusyReadError, match="not a calendar link"):
        feed_url("ftp://calendar.example.org/a.ics")
