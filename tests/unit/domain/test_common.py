from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from empower_desktop.domain import DomainError, Skill, ZonedDateTime


def test_zoned_time_keeps_the_wall_clock_across_dst() -> None:
    before = ZonedDateTime.at(datetime(2026, 3, 28, 7, 30), "Europe/Berlin")  # CET, UTC+1
    after = ZonedDateTime.at(datetime(2026, 3, 30, 7, 30), "Europe/Berlin")  # CEST, UTC+2
    assert before.instant == datetime(2026, 3, 28, 6, 30, tzinfo=UTC)
    assert after.instant == datetime(2026, 3, 30, 5, 30, tzinfo=UTC)
    assert after.local().hour == 7


def test_zoned_time_refuses_naive_instants_and_unknown_zones() -> None:
    with pytest.raises(DomainError, match="time zone"):
        ZonedDateTime(datetime(2026, 1, 1, 9), "Europe/Berlin")
    with pytest.raises(DomainError, match="Unknown time zone 'Mars/Olympus'"):
        ZonedDateTime(datetime(2026, 1, 1, 9, tzinfo=UTC), "Mars/Olympus")


def test_zoned_time_is_stored_as_utc_instant_with_zone() -> None:
    t = ZonedDateTime(datetime(2026, 7, 1, 9, tzinfo=UTC) + timedelta(hours=2), "America/New_York")
    assert t.instant.tzinfo is UTC
    assert t.local().utcoffset() == timedelta(hours=-4)


def test_every_record_gets_a_distinct_stable_uuid_and_aware_timestamps() -> None:
    a, b = Skill(name="Python"), Skill(name="Python")
    assert a.id != b.id and len(a.id) == 36
    assert a.created.tzinfo is not None and a.updated.tzinfo is not None


def test_records_reject_empty_names_and_huge_pastes() -> None:
    with pytest.raises(DomainError, match="cannot be empty"):
        Skill(name="   ")
    with pytest.raises(DomainError, match="too long"):
        Skill(name="x" * 10_000)
