"""The app's side of a sync: calendar items from the store, and calendar changes back into it.

What comes back directly: a learning session's or a mentor meeting's new time and place, and a
meeting's new title. What is only proposed for the person to confirm: a moved deadline,
milestone or renewal date. Nothing is ever deleted here.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from ..domain import LearningSession, Meeting, ZonedDateTime
from ..domain.common import DomainError
from ..domain.learn import SessionState
from ..domain.recurrence import occurrence_key
from ..store import Store
from .mapping import CalendarItem, Reminders, current_item, items_from_store, parse_when

PULLED = {
    "session": {"start", "end", "location"},
    "meeting": {"start", "end", "location", "summary"},
}


class StoreLocalSide:
    def __init__(
        self,
        store: Store,
        reminders: Reminders,
        kinds: frozenset[str] | None = None,
        *,
        goals_as_tasks: bool = False,
    ) -> None:
        self.store = store
        self.reminders = reminders
        self.kinds = kinds  # None: every kind
        self.goals_as_tasks = goals_as_tasks

    def items(self) -> dict[str, CalendarItem]:
        return {
            item.uid: item
            for item in items_from_store(self.store, self.reminders, goals_as_tasks=self.goals_as_tasks)
            if self.kinds is None or item.route in self.kinds
        }

    def item(self, item: CalendarItem) -> CalendarItem | None:
        current = current_item(self.store, item, self.reminders)
        if current is None or (self.kinds is not None and current.route not in self.kinds):
            return None
        return current

    def apply(self, item: CalendarItem, changes: dict[str, str]) -> dict[str, str]:
        pulled = PULLED.get(item.kind, set())
        direct = {f: v for f, v in changes.items() if f in pulled}
        proposals = {f: v for f, v in changes.items() if f in ("start", "end") and f not in pulled}
        if direct:
            try:
                self._apply(item, direct)
            except (DomainError, ValueError, OverflowError) as exc:  # e.g. an end before the start, year 1
                return {**proposals, **{f: f"{v} (not taken: {exc})" for f, v in direct.items()}}
        return proposals  # other fields (a deadline's title, a description) stay the app's

    def _apply(self, item: CalendarItem, changes: dict[str, str]) -> None:
        record: LearningSession | Meeting
        if item.kind == "session":
            record = self.store.learning_sessions.get(item.record_id)
        else:
            record = self.store.meetings.get(item.record_id)
        shift = None
        if "start" in changes or "end" in changes:
            before = record.start
            record.start = _zoned(changes.get("start"), record.start)
            record.end = _zoned(changes.get("end"), record.end)
            if isinstance(record, LearningSession) and record.rrule:
                shift = record.start.local().replace(tzinfo=None) - before.local().replace(tzinfo=None)
                record.exdates = [_shifted(key, shift) for key in record.exdates]
        if "location" in changes:
            record.location = changes["location"]
        if "summary" in changes and isinstance(record, Meeting) and changes["summary"].strip():
            record.title = changes["summary"]
        record.validate()
        if not isinstance(record, LearningSession):
            self.store.meetings.update(record)
            return
        with self.store.db.transaction():
            self.store.learning_sessions.update(record)
            if shift:
                # The whole series moved (another app moved "all events"): its exceptions and what
                # was logged move with it, so nothing skipped comes back and nothing shows twice.
                logs = self.store.occurrence_logs.where("session_id = ?", (record.id,))
                for log in logs:
                    self.store.occurrence_logs.delete(log.id)
                self.store.occurrence_logs.add_many(
                    dataclasses.replace(log, occurrence=_shifted(log.occurrence, shift)) for log in logs
                )

    def mark_removed(self, item: CalendarItem) -> None:
        if item.kind == "session":
            session = self.store.learning_sessions.get(item.record_id)
            session.state = SessionState.REMOVED_FROM_CALENDAR
            self.store.learning_sessions.update(session)
        elif item.kind == "meeting":
            meeting = self.store.meetings.get(item.record_id)
            meeting.removed_from_calendar = True  # its own state (held, planned) stays as it was
            self.store.meetings.update(meeting)
        # Deadlines, milestones and renewals have no state of their own: the sync issue says it.


def _shifted(key: str, shift: timedelta) -> str:
    """An occurrence key (a wall-clock start) moved by *shift* of wall-clock time."""
    return occurrence_key(datetime.fromisoformat(key) + shift)


def _zoned(text: str | None, current: ZonedDateTime) -> ZonedDateTime:
    if text is None:
        return current
    value = parse_when(text)
    if not isinstance(value, datetime):
        raise DomainError("a timed event became an all-day event")
    zone_name = getattr(value.tzinfo, "key", None) or current.tz
    return ZonedDateTime(value, zone_name)
