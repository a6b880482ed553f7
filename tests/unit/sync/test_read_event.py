"""Reading the time of an event another calendar app wrote: its zone's VTIMEZONE, or the IANA
zone the TZID names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from empower_desktop.sync.mapping import MalformedEvent, parse_when, read_event

# A zone only this object defines, as Outlook writes them: UTC+3 all year, no daylight saving.
CUSTOM = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Other app//EN\r
BEGIN:VTIMEZONE\r
TZID:Arabian Standard Time\r
BEGIN:STANDARD\r
DTSTART:16010101T000000\r
TZOFFSETFROM:+0300\r
TZOFFSETTO:+0300\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:a@example.org\r
DTSTAMP:20260601T000000Z\r
DTSTART;TZID=Arabian Standard Time:20260616T090000\r
DTEND;TZID=Arabian Standard Time:20260616T100000\r
SUMMARY:Study\r
END:VEVENT\r
END:VCALENDAR\r
"""

# An IANA zone with a VTIMEZONE that disagrees with the zone's real rules: the zone's rules win.
IANA = CUSTOM.replace(b"Arabian Standard Time", b"Europe/Berlin")


def utc(fields: dict[str, str], name: str) -> datetime:
    value = parse_when(fields[name])
    assert isinstance(value, datetime) and value.tzinfo is not None
    return value.astimezone(UTC)


def test_a_zone_only_the_object_defines_is_read_from_its_vtimezone() -> None:
    _uid, fields = read_event(CUSTOM)
    assert utc(fields, "start") == datetime(2026, 6, 16, 6, 0, tzinfo=UTC)
    assert utc(fields, "end") == datetime(2026, 6, 16, 7, 0, tzinfo=UTC)


def test_an_iana_zone_is_read_with_its_own_rules() -> None:
    _uid, fields = read_event(IANA)
    assert utc(fields, "start") == datetime(2026, 6, 16, 7, 0, tzinfo=UTC)  # CEST, UTC+2 in June


def test_a_zone_neither_known_nor_defined_is_refused() -> None:
    # (a name of its own: the library remembers zones that objects defined, for the process)
    named = CUSTOM.replace(b"Arabian Standard Time", b"Nowhere Standard Time")
    undefined = named.split(b"BEGIN:VTIMEZONE")[0] + named.split(b"END:VTIMEZONE\r\n")[1]
    with pytest.raises(MalformedEvent, match="unknown time zone 'Nowhere Standard Time'"):
        read_event(undefined)
