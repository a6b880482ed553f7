from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from empower_desktop.domain import Skill
from empower_desktop.domain.goals import Track
from empower_desktop.services import (
    Services,
    automatic_copies_for,
    recover_from_backup,
    recover_from_copy,
)
from empower_desktop.settings import SETTINGS, SETTINGS_VERSION, SettingError
from empower_desktop.store import DB_NAME, BackupError, DatabaseCorruptError

from ..conftest import FIXED_NOW


def test_first_start_asks_once(services: Services, tmp_path: Path) -> None:
    assert services.data.needs_welcome()
    services.data.start_empty()
    assert not services.data.needs_welcome()
    assert services.store.is_empty()


def test_example_data_covers_every_step(demo_services: Services) -> None:
    assert not demo_services.data.needs_welcome()
    assert all(demo_services.store.counts().values())
    tracks = {row.track for row in demo_services.goals.rows()}
    assert {Track.ON_TRACK, Track.AT_RISK, Track.OFF_TRACK} <= tracks
    assert any(row.due is not None for row in demo_services.network.contact_rows())
    assert all(row.item_title for row in demo_services.learning.session_rows())
    assert all(row.with_whom for row in demo_services.mentoring.meeting_rows())


def test_no_automatic_copy_of_an_empty_start(services: Services) -> None:
    assert services.data.auto_copy_if_due() is None  # nothing to keep yet
    assert automatic_copies_for(services.data_dir) == []
    assert not services.calendar.calendar_file_due()  # and no calendar file to keep


def test_save_adds_then_updates_by_id(services: Services) -> None:
    skill = services.data.save(Skill(name="Python", updated=FIXED_NOW - timedelta(days=1)))
    assert isinstance(skill, Skill)
    skill.notes = "Daily driver"
    services.data.save(skill)
    stored = services.store.skills.get(skill.id)
    assert stored.notes == "Daily driver" and stored.updated == FIXED_NOW  # stamped by the services' clock
    assert services.store.skills.count() == 1


def test_skill_rows_show_the_latest_rating(demo_services: Services) -> None:
    rows = demo_services.assessment.skill_rows()
    assert rows and all(r.latest is not None and r.ratings >= 2 for r in rows)


def test_settings_are_declared_typed_and_validated(services: Services) -> None:
    assert {s.key for s in SETTINGS} >= {"learning.weekly_target_hours", "calendar.reminder_minutes"}
    assert all(s.description for s in SETTINGS)
    assert services.settings.get("calendar.reminder_minutes") == 15
    services.settings.set("calendar.reminder_minutes", 30)
    assert services.settings.get("calendar.reminder_minutes") == 30
    with pytest.raises(SettingError, match="between 0 and 1440"):
        services.settings.set("calendar.reminder_minutes", 5000)
    with pytest.raises(SettingError, match="not a number"):
        services.settings.set("learning.weekly_target_hours", "lots")
    assert services.settings.get("calendar.reminder_minutes") == 30
    with pytest.raises(SettingError, match="not a known time zone"):
        services.settings.set("general.time_zone", "Europe/Atlantis")
    services.settings.set("general.time_zone", "America/New_York")
    assert services.time_zone() == "America/New_York"


def test_the_automatic_copy_is_made_once_a_day(services: Services) -> None:
    services.assessment.add_skill("Python")
    first = services.data.auto_copy_if_due()
    assert first is not None and first.exists()
    assert services.data.auto_copy_if_due() is None
    assert len(automatic_copies_for(services.data_dir)) == 1


def test_a_damaged_database_recovers_from_the_automatic_copy(demo_services: Services) -> None:
    data_dir = demo_services.data_dir
    count = demo_services.store.skills.count()
    demo_services.data.auto_copy()
    demo_services.close()
    (data_dir / DB_NAME).write_bytes(b"\0garbage" * 512)
    with pytest.raises(DatabaseCorruptError):
        Services.open(data_dir)
    copies = automatic_copies_for(data_dir)
    aside = recover_from_copy(data_dir, copies[0])
    assert aside.read_bytes() == b"\0garbage" * 512
    reopened = Services.open(data_dir)
    assert reopened.store.skills.count() == count
    reopened.close()


def test_a_damaged_database_recovers_from_a_backup_file(demo_services: Services, tmp_path: Path) -> None:
    data_dir = demo_services.data_dir
    backup = tmp_path / "b.json"
    demo_services.data.backup(backup)
    counts = demo_services.store.counts()
    demo_services.close()
    (data_dir / DB_NAME).write_bytes(b"garbage" * 512)
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    with pytest.raises(BackupError):
        recover_from_backup(data_dir, bad)
    assert (data_dir / DB_NAME).read_bytes() == b"garbage" * 512  # a bad backup moves nothing
    recover_from_backup(data_dir, backup)
    reopened = Services.open(data_dir)
    assert reopened.store.counts() == counts
    reopened.close()
    assert list(data_dir.glob(f"{DB_NAME}.damaged-*"))


def test_a_bad_stored_setting_is_reported_and_logged_not_silently_replaced(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    services.store.settings.set("calendar.reminder_minutes", "soon")  # written by hand, or by another version
    assert services.settings.reminder_minutes == 15  # the default is in force meanwhile ...
    problems = services.settings.problems()
    assert list(problems) == ["calendar.reminder_minutes"]  # ... and the window can say so
    assert "Reminder before sessions (minutes)" in problems["calendar.reminder_minutes"]
    assert "'soon'" in problems["calendar.reminder_minutes"]
    assert any("calendar.reminder_minutes" in r.getMessage() for r in caplog.records)
    assert services.store.settings.get("calendar.reminder_minutes") == "soon"  # kept, not overwritten
    services.settings.set("calendar.reminder_minutes", 20)
    assert services.settings.problems() == {}


def test_a_settings_change_is_announced_to_listeners(services: Services) -> None:
    seen: list[str] = []
    stop = services.settings.on_change(seen.append)
    services.settings.set("review.cadence_weeks", 2)
    with pytest.raises(SettingError):
        services.settings.set("review.cadence_weeks", 99)  # refused: nothing changed, nothing announced
    services.settings.reset("review.cadence_weeks")
    stop()
    services.settings.set("review.cadence_weeks", 3)
    assert seen == ["review.cadence_weeks", "review.cadence_weeks"]


def test_stored_settings_of_an_older_version_are_upgraded_once(tmp_path: Path) -> None:
    services = Services.open(tmp_path)
    services.store.settings.delete("state.settings_version")  # as a data folder from before versions
    services.store.settings.set("learning.weekly_target_hours", "2,5")  # an early build stored text
    services.close()
    reopened = Services.open(tmp_path)
    try:
        assert reopened.settings.weekly_target_hours == 2.5
        assert reopened.store.settings.get("state.settings_version") == SETTINGS_VERSION
        assert reopened.settings.problems() == {}
    finally:
        reopened.close()
