"""Backup and restore: lossless round trip, and a bad file changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from empower_desktop.services import Services
from empower_desktop.store import TABLES, BackupError
from empower_desktop.store.backup import FORMAT


def dump(services: Services) -> list[str]:
    return list(services.store.db.conn.iterdump())


def records_only(doc: dict[str, Any]) -> dict[str, Any]:
    return {"settings": doc["settings"], "records": doc["records"]}


def test_backup_round_trips_every_record_losslessly(demo_services: Services, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    counts = demo_services.data.backup(first)
    assert all(counts[table] > 0 for table in TABLES), counts

    other = Services.open(tmp_path / "other")
    restored = other.data.restore(first)
    assert restored == counts
    second = tmp_path / "second.json"
    other.data.backup(second)
    assert records_only(json.loads(first.read_text(encoding="utf-8"))) == records_only(
        json.loads(second.read_text(encoding="utf-8"))
    )
    for table, repo in demo_services.store.repositories().items():
        assert other.store.repositories()[table].all("id") == repo.all("id"), table
    other.close()


def test_restore_replaces_data_and_keeps_a_copy_of_what_was_there(demo_services: Services, tmp_path: Path) -> None:
    empty = Services.open(tmp_path / "empty")
    empty_backup = tmp_path / "empty.json"
    empty.data.backup(empty_backup)
    empty.close()
    demo_services.data.restore(empty_backup)
    assert demo_services.store.is_empty()
    copies = list((demo_services.data_dir / "backups").glob("before-restore-*.sqlite3"))
    assert len(copies) == 1


def _valid_doc(services: Services, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "valid.json"
    services.data.backup(path)
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return doc


def _bad_files(doc: dict[str, Any], tmp_path: Path) -> dict[str, tuple[bytes, str]]:
    text = json.dumps(doc)
    newer = dict(doc, format_version=99)
    bad_level = json.loads(text)
    bad_level["records"]["skill_ratings"][0]["level"] = 9
    bad_date = json.loads(text)
    bad_date["records"]["goals"][0]["deadline"] = "next Tuesday"
    unknown = json.loads(text)
    unknown["records"]["spaceships"] = []
    missing = json.loads(text)
    del missing["records"]["contacts"]
    duplicate = json.loads(text)
    duplicate["records"]["skills"].append(duplicate["records"]["skills"][0])
    dangling = json.loads(text)
    dangling["records"]["skill_ratings"][0]["skill_id"] = "00000000-0000-0000-0000-000000000000"
    naive = json.loads(text)
    naive["records"]["meetings"][0]["start"]["instant"] = "2026-06-01T10:00:00"
    return {
        "truncated": (text[: len(text) // 2].encode(), "cut off"),
        "not json": (b"\x89PNG\r\n\x1a\n", "not a text file"),
        "text, not a backup": (b"Dear diary,\n", "a backup is a JSON file that begins with"),
        "damaged inside": (text.replace('"records"', '"records" "', 1).encode(), r"damaged at line \d+"),
        "not a backup": (b'{"hello": "world"}', "not an Empower Desktop backup"),
        "newer version": (json.dumps(newer).encode(), "newer version"),
        "rating out of range": (json.dumps(bad_level).encode(), r"skill_ratings #1 .* between 1 and 5"),
        "bad date": (json.dumps(bad_date).encode(), r"goals #1 .*deadline"),
        "unknown table": (json.dumps(unknown).encode(), "unknown record types: spaceships"),
        "missing table": (json.dumps(missing).encode(), "incomplete: no contacts"),
        "duplicate id": (json.dumps(duplicate).encode(), "has the id .* twice"),
        "dangling reference": (json.dumps(dangling).encode(), "points to a skills record that is not in the backup"),
        "naive time": (json.dumps(naive).encode(), "time without a time zone"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "truncated",
        "not json",
        "text, not a backup",
        "damaged inside",
        "not a backup",
        "newer version",
        "rating out of range",
        "bad date",
        "unknown table",
        "missing table",
        "duplicate id",
        "dangling reference",
        "naive time",
    ],
)
def test_a_bad_backup_is_refused_with_a_clear_message_and_changes_nothing(
    demo_services: Services, tmp_path: Path, case: str
) -> None:
    data, message = _bad_files(_valid_doc(demo_services, tmp_path), tmp_path)[case]
    bad = tmp_path / "bad.json"
    bad.write_bytes(data)
    before = dump(demo_services)
    with pytest.raises(BackupError, match=message):
        demo_services.data.restore(bad)
    assert dump(demo_services) == before


def test_backup_document_names_its_format_and_versions(demo_services: Services, tmp_path: Path) -> None:
    doc = _valid_doc(demo_services, tmp_path)
    assert doc["format"] == FORMAT
    assert doc["format_version"] == 1
    assert doc["schema_version"] >= 1
    assert set(doc["records"]) == set(TABLES)
