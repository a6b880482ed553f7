"""One repository per aggregate, all sharing the codec-driven CRUD below."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Generic, TypeVar

from ..domain import (
    Achievement,
    AssessmentEntry,
    CareerVision,
    Contact,
    ConversationPrep,
    Goal,
    Initiative,
    Interaction,
    LearningItem,
    LearningNote,
    LearningSession,
    Meeting,
    Mentorship,
    OccurrenceLog,
    Opportunity,
    Record,
    Review,
    SatisfactionCheckIn,
    Skill,
    SkillRating,
    SuggestionMark,
    TagRhythm,
)
from ..domain.common import utc_now
from .codec import RecordCodec
from .db import Database
from .errors import StoreBugError

T = TypeVar("T", bound=Record)
Clock = Callable[[], datetime]

# Table name -> record class, in an order where every referenced table comes first.
TABLES: dict[str, type[Record]] = {
    "skills": Skill,
    "skill_ratings": SkillRating,
    "assessment_entries": AssessmentEntry,
    "satisfaction_checkins": SatisfactionCheckIn,
    "career_visions": CareerVision,
    "goals": Goal,
    "learning_items": LearningItem,
    "learning_sessions": LearningSession,
    "occurrence_logs": OccurrenceLog,
    "learning_notes": LearningNote,
    "contacts": Contact,
    "interactions": Interaction,
    "tag_rhythms": TagRhythm,
    "mentorships": Mentorship,
    "meetings": Meeting,
    "initiatives": Initiative,
    "achievements": Achievement,
    "opportunities": Opportunity,
    "conversation_preps": ConversationPrep,
    "suggestion_marks": SuggestionMark,
    "reviews": Review,
}


class NotFoundError(StoreBugError):
    """A record asked for by id does not exist."""


class Repository(Generic[T]):
    def __init__(
        self, db: Database, table: str, cls: type[T], default_order: str = "created", clock: Clock = utc_now
    ) -> None:
        self.db = db
        self.table = table
        self.clock = clock  # what `update` stamps a record with
        self.codec = RecordCodec(cls)
        self.default_order = default_order
        cols = self.codec.columns
        self._insert = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})"
        sets = ", ".join(f"{c} = :{c}" for c in cols if c != "id")
        self._update = f"UPDATE {table} SET {sets} WHERE id = :id"

    def add(self, record: T) -> T:
        with self.db.transaction() as conn:
            conn.execute(self._insert, self.codec.encode(record))
        return record

    def add_many(self, records: Iterable[T]) -> int:
        rows = [self.codec.encode(r) for r in records]
        with self.db.transaction() as conn:
            conn.executemany(self._insert, rows)
        return len(rows)

    def update(self, record: T) -> T:
        record.updated = self.clock()
        with self.db.transaction() as conn:
            cur = conn.execute(self._update, self.codec.encode(record))
            if cur.rowcount != 1:
                raise NotFoundError(f"No {self.table} record {record.id}")
        return record

    def delete(self, record_id: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(f"DELETE FROM {self.table} WHERE id = ?", (record_id,))

    def exists(self, record_id: str) -> bool:
        return bool(self.db.query(f"SELECT 1 FROM {self.table} WHERE id = ?", (record_id,)))

    def find(self, record_id: str) -> T | None:
        """The record with this id, or None."""
        rows = self.db.query(f"SELECT * FROM {self.table} WHERE id = ?", (record_id,))
        return self.codec.decode(rows[0]) if rows else None

    def get(self, record_id: str) -> T:
        found = self.find(record_id)
        if found is None:
            raise NotFoundError(f"No {self.table} record {record_id}")
        return found

    def all(self, order_by: str | None = None) -> list[T]:
        rows = self.db.query(f"SELECT * FROM {self.table} ORDER BY {order_by or self.default_order}, id")
        return [self.codec.decode(r) for r in rows]

    def where(self, condition: str, params: tuple[Any, ...] = (), order_by: str | None = None) -> list[T]:
        rows = self.db.query(
            f"SELECT * FROM {self.table} WHERE {condition} ORDER BY {order_by or self.default_order}, id", params
        )
        return [self.codec.decode(r) for r in rows]

    def count(self) -> int:
        return int(self.db.query(f"SELECT count(*) FROM {self.table}")[0][0])


class SettingsRepository:
    """Key/value settings, values stored as JSON."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str) -> Any:
        rows = self.db.query("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else None

    def set(self, key: str, value: Any) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value)),
            )

    def delete(self, key: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))

    def all(self) -> dict[str, Any]:
        return {r[0]: json.loads(r[1]) for r in self.db.query("SELECT key, value FROM settings ORDER BY key")}


class Store:
    """The database and one repository per aggregate; *clock* (UTC, by default the wall clock's)
    stamps each update."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.settings = SettingsRepository(db)
        self.skills = Repository(db, "skills", Skill, "name COLLATE NOCASE")
        self.skill_ratings = Repository(db, "skill_ratings", SkillRating, "rated_on")
        self.assessment_entries = Repository(db, "assessment_entries", AssessmentEntry, "kind, position")
        self.satisfaction = Repository(db, "satisfaction_checkins", SatisfactionCheckIn, "checked_on")
        self.visions = Repository(db, "career_visions", CareerVision, "revised_on")
        self.goals = Repository(db, "goals", Goal, "deadline IS NULL, deadline")
        self.learning_items = Repository(db, "learning_items", LearningItem, "title COLLATE NOCASE")
        self.learning_sessions = Repository(db, "learning_sessions", LearningSession, "start_utc")
        self.occurrence_logs = Repository(db, "occurrence_logs", OccurrenceLog, "session_id, occurrence")
        self.learning_notes = Repository(db, "learning_notes", LearningNote, "written_on DESC, created DESC")
        self.contacts = Repository(db, "contacts", Contact, "name COLLATE NOCASE")
        self.interactions = Repository(db, "interactions", Interaction, "happened_on")
        self.tag_rhythms = Repository(db, "tag_rhythms", TagRhythm, "tag")
        self.mentorships = Repository(db, "mentorships", Mentorship, "started_on")
        self.meetings = Repository(db, "meetings", Meeting, "start_utc")
        self.initiatives = Repository(db, "initiatives", Initiative, "started_on")
        self.achievements = Repository(db, "achievements", Achievement, "achieved_on DESC")
        self.conversations = Repository(db, "conversation_preps", ConversationPrep, "planned_on")
        self.opportunities = Repository(db, "opportunities", Opportunity, "next_step_on")
        self.suggestion_marks = Repository(db, "suggestion_marks", SuggestionMark, "created")
        self.reviews = Repository(db, "reviews", Review, "period_end DESC")
        for repo in self.repositories().values():
            repo.clock = clock or utc_now

    def repositories(self) -> dict[str, Repository[Any]]:
        repos = [v for v in vars(self).values() if isinstance(v, Repository)]
        by_table = {r.table: r for r in repos}
        return {table: by_table[table] for table in TABLES}

    def counts(self) -> dict[str, int]:
        return {table: repo.count() for table, repo in self.repositories().items()}

    def is_empty(self) -> bool:
        return not any(self.counts().values())

    def close(self) -> None:
        self.db.close()
