"""What the tests of backups written before a schema change share: the document `write_backup` wrote
at that schema, a goal as the app of every schema since the first wrote it, writing a document to a
file, and the database's whole text (a refused restore must leave it as it was)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from empower_desktop.services import Services
from empower_desktop.store import TABLES
from empower_desktop.store.backup import FORMAT

STAMP = "2026-06-01T08:00:00+00:00"  # created, updated and exported of every record and document here


def records_of(*, without: tuple[str, ...] = ()) -> dict[str, list[dict[str, Any]]]:
    """An empty list for each table of today, less the tables *without* that the schema had not yet."""
    return {table: [] for table in TABLES if table not in without}


def backup_document(schema: int, records: dict[str, list[dict[str, Any]]], **settings: object) -> dict[str, Any]:
    """A backup as write_backup wrote it at *schema* (the time zone set, and *settings*)."""
    return {
        "format": FORMAT,
        "format_version": 1,
        "schema_version": schema,
        "app_version": f"0.{schema}.0",
        "exported_at": STAMP,
        "settings": {"general.time_zone": "Europe/Berlin", **settings},
        "records": records,
    }


def goal_record(ident: str, title: str, **fields: Any) -> dict[str, Any]:
    """A goal as every schema wrote it: a draft with nothing measured unless *fields* say otherwise."""
    return {
        "id": ident,
        "created": STAMP,
        "updated": STAMP,
        "title": title,
        "specific": "",
        "metric": "",
        "unit": "",
        "baseline": None,
        "target": None,
        "current": None,
        "achievable": "",
        "relevant": "",
        "start": None,
        "deadline": None,
        "status": "draft",
        "milestones": [],
        "required_skills": [],
        "progress": [],
        **fields,
    }


def write(doc: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def dump(services: Services) -> list[str]:
    return list(services.store.db.conn.iterdump())


def assert_restores_alike(services: Services, backup: Path, folder: Path) -> None:
    """*backup* restored into a new data folder *folder* holds every record *services* holds."""
    other = Services.open(folder)
    try:
        other.data.restore(backup)
        for table, repo in services.store.repositories().items():
            assert other.store.repositories()[table].all("id") == repo.all("id"), table
    finally:
        other.close()
