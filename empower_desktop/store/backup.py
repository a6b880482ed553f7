"""Backup and restore as one versioned JSON document that round-trips every record losslessly.

A restore is all or nothing: the document is read and checked completely before the database is
touched, and the replacement runs in one transaction, so a bad file leaves the data exactly as it was.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..domain.advocate import Initiative, SuggestionDecision, SuggestionMark, event_keys
from ..domain.assess import Goal
from ..domain.common import DomainError, Record
from ..domain.learn import LearningItem
from ..errors import os_error_text
from .codec import CodecError, from_json, to_json
from .db import _stamp
from .errors import BackupError, StoreEnvironmentError
from .migrations import LATEST_VERSION
from .repositories import TABLES, Store

FORMAT = "empower-desktop-backup"
FORMAT_VERSION = 1
# Tables added after the first schema, with the schema version that added them: a backup made
# before then has none of these records, which is not the same as a backup cut short.
ADDED_IN_SCHEMA = {
    "occurrence_logs": 4,
    "learning_notes": 4,
    "tag_rhythms": 5,
    "opportunities": 6,
    "suggestion_marks": 6,
}


@dataclass(frozen=True)
class BackupContents:
    """A backup read and checked completely: every record decoded, nothing written yet."""

    settings: dict[str, Any]
    records: dict[str, list[Record]]
    exported_at: str

    @property
    def record_count(self) -> int:
        return sum(len(rows) for rows in self.records.values())


def backup_document(store: Store) -> dict[str, Any]:
    with store.db.transaction():  # one consistent snapshot across tables
        records = {table: [to_json(r) for r in repo.all("id")] for table, repo in store.repositories().items()}
        settings = store.settings.all()
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": LATEST_VERSION,
        "app_version": __version__,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": settings,
        "records": records,
    }


def write_backup(store: Store, path: Path) -> dict[str, int]:
    """Write the whole record to *path* atomically; returns the number of records per table."""
    doc = backup_document(store)
    text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False)
    write_text_atomically(Path(path), text)
    return {table: len(rows) for table, rows in doc["records"].items()}


def write_text_atomically(path: Path, text: str) -> None:
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise StoreEnvironmentError(f"Nothing was written. {os_error_text(exc, path.parent)}") from exc
    try:
        # newline="": the text goes out as given, so an .ics file's \r\n does not become \r\r\n on Windows
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StoreEnvironmentError(f"Nothing was written. {os_error_text(exc, path)}") from exc


def read_backup(path: Path) -> BackupContents:
    """Read and check a backup completely; returns its settings and decoded records.

    Raises BackupError naming what is wrong: not JSON, truncated, not a backup, from a newer
    version, an unknown table, or a record that does not fit (with its table, position and field).
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BackupError(f"The backup could not be read. {os_error_text(exc, path)}") from exc
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BackupError(f"{path.name} is not an Empower Desktop backup: it is not a text file.") from exc
    except json.JSONDecodeError as exc:
        text = raw.decode("utf-8").strip()
        if not text.startswith("{"):
            raise BackupError(
                f"{path.name} is not an Empower Desktop backup: a backup is a JSON file that begins with “{{”."
            ) from exc
        if not text.endswith("}"):  # a backup ends with "}": the rest is missing
            raise BackupError(
                f"{path.name} is cut off: the backup ends before it is complete, so it cannot be restored. "
                "Use another copy of it."
            ) from exc
        raise BackupError(
            f"{path.name} is damaged at line {exc.lineno}: it is not a backup as Empower Desktop writes it, "
            "so it cannot be restored."
        ) from exc
    return parse_backup(doc, path.name)


def parse_backup(doc: Any, name: str = "The backup") -> BackupContents:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BackupError(f"{name} is not an Empower Desktop backup (no '{FORMAT}' marker).")
    version = doc.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BackupError(f"{name} has no valid format_version.")
    if version > FORMAT_VERSION:
        raise BackupError(
            f"{name} was made by a newer version of Empower Desktop (backup format {version}; "
            f"this version reads up to {FORMAT_VERSION}). Update the app to restore it."
        )
    settings = doc.get("settings", {})
    records_doc = doc.get("records")
    if not isinstance(settings, dict):
        raise BackupError(f"{name}: 'settings' must be an object.")
    if not isinstance(records_doc, dict):
        raise BackupError(f"{name}: 'records' is missing or not an object.")
    unknown = set(records_doc) - set(TABLES)
    if unknown:
        raise BackupError(f"{name} holds unknown record types: {', '.join(sorted(unknown))}.")
    schema = doc.get("schema_version")
    if isinstance(schema, int) and not isinstance(schema, bool):
        for table, added in ADDED_IN_SCHEMA.items():
            if schema < added and table not in records_doc:
                records_doc = {**records_doc, table: []}
    missing = set(TABLES) - set(records_doc)
    if missing:
        raise BackupError(f"{name} is incomplete: no {', '.join(sorted(missing))}.")
    records: dict[str, list[Record]] = {}
    for table, cls in TABLES.items():
        rows = records_doc[table]
        if not isinstance(rows, list):
            raise BackupError(f"{name}: '{table}' must be a list.")
        if isinstance(schema, int) and schema < 5:
            rows = [_from_schema_4(table, row) for row in rows]
        if isinstance(schema, int) and schema < 6:
            rows = [_from_schema_5(table, row) for row in rows]
        if isinstance(schema, int) and schema < 7:
            rows = [_from_schema_6(table, row) for row in rows]
        decoded: list[Record] = []
        seen: set[str] = set()
        for index, row in enumerate(rows):
            ident = row.get("id") if isinstance(row, dict) else None
            try:
                record = from_json(cls, row)
            except (CodecError, DomainError, TypeError) as exc:
                raise BackupError(f"{name}: {table} #{index + 1} (id {ident!r}) is invalid: {exc}") from exc
            if record.id in seen:
                raise BackupError(f"{name}: {table} has the id {record.id} twice.")
            seen.add(record.id)
            decoded.append(record)
        records[table] = decoded
    keys = [m.key for m in records["suggestion_marks"] if isinstance(m, SuggestionMark)]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise BackupError(f"{name}: suggestion_marks holds the event {twice[0]!r} twice.")
    if isinstance(schema, int) and schema < 6 and not records["suggestion_marks"]:
        records["suggestion_marks"] = _before_marks(records)
    return BackupContents(settings, records, str(doc.get("exported_at", "")))


def _before_marks(records: dict[str, list[Record]]) -> list[Record]:
    """As migration 6 does: the events of a backup made before the app proposed achievements are
    marked "before", so restoring it does not open with a pile of proposals for old news."""
    goals = [g for g in records["goals"] if isinstance(g, Goal)]
    items = [i for i in records["learning_items"] if isinstance(i, LearningItem)]
    initiatives = [i for i in records["initiatives"] if isinstance(i, Initiative)]
    return [
        SuggestionMark(key=key, decision=SuggestionDecision.BEFORE) for key in event_keys(goals, items, initiatives)
    ]


def _from_schema_4(table: str, row: Any) -> Any:
    """A record of a backup made before schema 5 in today's form, as migration 5 turns it: a
    mentorship's active flag becomes its status; a meeting's agenda texts become topics, and the
    calendar's "removed" mark leaves the meeting's own state."""
    if not isinstance(row, dict):
        return row
    row = dict(row)
    if table == "mentorships" and "active" in row:
        row["status"] = "active" if row.pop("active") else "ended"
    elif table == "meetings":
        agenda = row.get("agenda")
        if isinstance(agenda, list):
            row["agenda"] = [
                {"text": text, "id": f"{row.get('id')}-{k}"} if isinstance(text, str) else text
                for k, text in enumerate(agenda)
            ]
        if row.get("state") == "removed_from_calendar":
            row["state"], row["removed_from_calendar"] = "planned", True
    return row


def _from_schema_5(table: str, row: Any) -> Any:
    """A record of a backup made before schema 6 in today's form, as migration 6 turns it: an
    initiative's single goal becomes its list of goals."""
    if not isinstance(row, dict) or table != "initiatives" or "goal_id" not in row:
        return row
    row = dict(row)
    goal_id = row.pop("goal_id")
    row.setdefault("goal_ids", [goal_id] if goal_id else [])
    return row


def _from_schema_6(table: str, row: Any) -> Any:
    """A record of a backup made before schema 7 in today's form, as migration 7 turns it: a review
    is weekly, with nothing of the review ritual's pages yet (its fields take their defaults), and a
    completed one is dated as finished on the last day of its period."""
    if not isinstance(row, dict) or table != "reviews":
        return row
    row = dict(row)
    if row.get("completed") is True and row.get("finished_on") is None:
        row["finished_on"] = row.get("period_end")
    return row


def restore_backup(store: Store, path: Path, *, keep_copy: bool = True) -> dict[str, int]:
    """Replace every record with the backup's; all or nothing. Returns counts per table.

    The current data is copied to the backups folder first (unless *keep_copy* is false, for a
    database just created), so a restore can itself be undone.
    """
    contents = read_backup(path)
    settings, records = contents.settings, contents.records
    if keep_copy:
        store.db.copy_to(store.db.backup_dir / f"before-restore-{_stamp()}.sqlite3")
    repos = store.repositories()
    try:
        with store.db.transaction() as conn:
            conn.execute("PRAGMA defer_foreign_keys = ON")
            for table in reversed(list(TABLES)):
                conn.execute(f"DELETE FROM {table}")
            conn.execute("DELETE FROM settings")
            for table, rows in records.items():
                repos[table].add_many(rows)
            for key, value in settings.items():
                store.settings.set(key, value)
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                first = broken[0]
                raise BackupError(
                    f"{Path(path).name}: a {first[0]} record points to a {first[2]} record that is not in the backup."
                )
    except StoreEnvironmentError:
        raise
    except Exception as exc:  # an integrity error here means the backup contradicts itself
        raise BackupError(f"{Path(path).name} could not be restored: {exc}. Nothing was changed.") from exc
    return {table: len(rows) for table, rows in records.items()}
