from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from empower_desktop.domain import Skill
from empower_desktop.store import (
    DB_NAME,
    Database,
    DatabaseCorruptError,
    DatabaseTooNewError,
    Store,
    StoreBugError,
    automatic_copies,
    replace_with_copy,
)
from empower_desktop.store.errors import DatabaseLockedError, DiskFullError, translate
from empower_desktop.store.migrations import LATEST_VERSION, MIGRATIONS


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(Database(tmp_path / DB_NAME))


def test_a_new_database_is_migrated_with_foreign_keys_and_wal(store: Store) -> None:
    conn = store.db.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert automatic_copies(store.db.path) == []  # nothing to copy before creating a new file


def test_transaction_rolls_back_everything_on_error(store: Store) -> None:
    with pytest.raises(RuntimeError), store.db.transaction():
        store.skills.add(Skill(name="Python"))
        store.skills.add(Skill(name="SQL"))
        raise RuntimeError("boom")
    assert store.skills.count() == 0


def test_nested_transaction_is_a_savepoint(store: Store) -> None:
    with store.db.transaction():
        store.skills.add(Skill(name="Python"))
        with pytest.raises(ValueError, match="inner"), store.db.transaction():
            store.skills.add(Skill(name="SQL"))
            raise ValueError("inner")
    assert [s.name for s in store.skills.all()] == ["Python"]


def test_a_broken_constraint_is_a_bug_not_an_environment_failure(store: Store) -> None:
    skill = store.skills.add(Skill(name="Python"))
    with pytest.raises(StoreBugError, match="UNIQUE"):
        store.skills.add(skill)


def test_foreign_keys_cascade_ratings_with_their_skill(store: Store) -> None:
    from datetime import date

    from empower_desktop.domain import SkillRating

    skill = store.skills.add(Skill(name="Python"))
    store.skill_ratings.add(SkillRating(skill_id=skill.id, rated_on=date(2026, 1, 1), level=3))
    store.skills.delete(skill.id)
    assert store.skill_ratings.count() == 0


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    Database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="newer version"):
        Database(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    path.write_bytes(b"this is a shopping list, not a database\n" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseCorruptError, match="damaged or replaced"):
        Database(path)
    assert path.read_bytes() == before


def test_a_damaged_page_is_detected_at_open(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    store = Store(Database(path))
    store.skills.add_many(Skill(name=f"Skill {i}", notes="x" * 500) for i in range(400))
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(3 * page, min(len(data), 12 * page)):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(DatabaseCorruptError):
        Database(path)
    assert path.read_bytes() == before


def test_an_automatic_copy_restores_a_damaged_database(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    store = Store(Database(path))
    store.skills.add(Skill(name="Python"))
    copy = store.db.auto_copy()
    store.close()
    path.write_bytes(b"garbage" * 1000)
    aside = replace_with_copy(path, copy)
    assert aside.read_bytes() == b"garbage" * 1000  # the damaged file is kept, renamed
    assert [s.name for s in Store(Database(path)).skills.all()] == ["Python"]


def test_automatic_copies_roll_over(store: Store) -> None:
    for _ in range(7):
        store.db.auto_copy(keep=3)
    assert len(automatic_copies(store.db.path)) == 3


def test_a_migration_is_preceded_by_a_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from empower_desktop.store import db as db_module

    path = tmp_path / DB_NAME
    store = Store(Database(path))
    store.skills.add(Skill(name="Python"))
    store.close()
    extra = "CREATE TABLE extra_test (id TEXT PRIMARY KEY NOT NULL) STRICT;"
    monkeypatch.setattr(db_module, "MIGRATIONS", (*MIGRATIONS, extra))
    monkeypatch.setattr(db_module, "LATEST_VERSION", LATEST_VERSION + 1)
    migrated = Database(path)
    assert migrated.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION + 1
    copies = automatic_copies(path)
    assert len(copies) == 1 and copies[0].name.startswith(
        f"before-migration-v{LATEST_VERSION}-to-v{LATEST_VERSION + 1}"
    )
    old = sqlite3.connect(copies[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert old.execute("SELECT name FROM skills").fetchall() == [("Python",)]


def test_environment_failures_get_messages_a_person_can_act_on() -> None:
    assert isinstance(translate(sqlite3.OperationalError("database or disk is full")), DiskFullError)
    locked = translate(sqlite3.OperationalError("database is locked"))
    assert isinstance(locked, DatabaseLockedError) and "another program" in str(locked)
