"""The VTIMEZONE written with each event: a zone whose present rule repeats every year is written as
yearly RRULEs (the form servers' readers all understand; a list of RDATEs put Radicale's free-busy
answers an hour off in summer), and it gives the same offset as the zone itself, hour by hour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Timezone

from empower_desktop.sync.mapping import vtimezone, yearly_vtimezone

ZONES = (
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Sao_Paulo",  # no DST since 2019
    "Australia/Sydney",  # the southern summer spans the new year
    "Australia/Lord_Howe",  # half an hour of DST
    "Asia/Kolkata",
    "Pacific/Auckland",
)


@pytest.mark.parametrize("tzid", ZONES)
def test_the_yearly_form_gives_the_zones_own_offsets(tzid: str) -> None:
    text = yearly_vtimezone(tzid, 2026)
    assert text is not None and "RDATE" not in text
    component = Timezone.from_ical(text)
    assert isinstance(component, Timezone)
    written = component.to_tz()
    zone = ZoneInfo(tzid)
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    while moment < datetime(2031, 1, 1, tzinfo=UTC):
        assert moment.astimezone(written).utcoffset() == moment.astimezone(zone).utcoffset(), moment
        moment += timedelta(hours=1)


def test_berlin_reads_as_calendar_apps_write_it() -> None:
    text = vtimezone("Europe/Berlin").decode()
    assert "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZNAME:CEST\r\n" in text
    assert "DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZNAME:CET\r\n" in text


def test_a_zone_whose_changes_do_not_repeat_gets_the_exact_list() -> None:
    assert yearly_vtimezone("Africa/Casablanca", 2026) is None  # its clocks follow Ramadan
    assert b"RDATE" in vtimezone("Africa/Casablanca")
    assert yearly_vtimezone("Not/AZone", 2026) is None
