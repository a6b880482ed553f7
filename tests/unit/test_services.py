from __future__ import annotations

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
from empower_desktop.settings import SETTINGS
from empower_desktop.store import DB_NAME, BackupError, DatabaseCorruptError


def test_first_start_asks_once(services: Services, tmp_path: Path) -> None:
    assert services.needs_welcome()
    services.start_empty()
    assert not services.needs_welcome()
    assert services.store.is_empty()


def test_example_data_covers_every_step(services: Services) -> None:
    services.load_example_data()
    assert not services.needs_welcome()
    assert all(services.store.counts().values())
    tracks = {row.track for row in services.goal_rows()}
    assert {Track.ON_TRACK, Track.AT_RISK, Track.OFF_TRACK} <= tracks
    assert any(row.due is not None for row in services.contact_rows())
    assert all(row.item_title for row in services.session_rows())
    assert all(row.with_whom for row in services.meeting_rows())


def test_save_adds_then_updates_by_id(services: Services) -> None:
    skill = services.save(Skill(name="Python"))
    assert isinstance(skill, Skill)
    created = skill.updated
    skill.notes = "Daily driver"
    services.save(skill)
    stored = services.store.skills.get(skill.id)
    assert stored.notes == "Daily driver" and stored.updated >= created
    assert services.store.skills.count() == 1


def test_skill_rows_show_the_latest_rating(demo_services: Services) -> None:
    rows = demo_services.skill_rows()
    assert rows and all(r.latest is not None and r.ratings >= 2 for r in rows)


def test_settings_are_declared_typed_and_validated(services: Services) -> None:
    assert {s.key for s in SETTINGS} >= {"learning.weekly_target_hours", "calendar.reminder_minutes"}
    assert all(s.description for s in SETTINGS)
    assert services.settings.get("calendar.reminder_minutes") == 15
    services.settings.set("calendar.reminder_minutes", 30)
    assert services.settings.get("calendar.reminder_minutes") == 30
    with pytest.raises(ValueError, match="between 0 and 1440"):
        services.settings.set("calendar.reminder_minutes", 5000)
    with pytest.raises(ValueError, match="not a number"):
        services.settings.set("learning.weekly_target_hours", "lots")
    assert services.settings.get("calendar.reminder_minutes") == 30
    with pytest.raises(ValueError, match="not a known time zone"):
        services.settings.set("general.time_zone", "Europe/Atlantis")
    services.settings.set("general.time_zone", "America/New_York")
    assert services.time_zone() == "America/New_York"


def test_the_automatic_copy_is_made_once_a_day(services: Services) -> None:
    first = services.auto_copy_if_due()
    assert first is not None and first.exists()
    assert services.auto_copy_if_due() is None
    assert len(automatic_copies_for(services.data_dir)) == 1


def test_a_damaged_database_recovers_from_the_automatic_copy(demo_services: Services) -> None:
    data_dir = demo_services.data_dir
    count = demo_services.store.skills.count()
    demo_services.auto_copy()
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
    demo_services.backup(backup)
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
