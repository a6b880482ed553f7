"""Step 2 use-cases: the skills gap, learning items, sessions and habits with what happened to each
occurrence, the weekly learning target, the "what I learned" log, and certification renewals.

How an occurrence's fate reaches the calendar: a habit's skipped or moved occurrence becomes an
exception (EXDATE) of its series, a moved one also a one-off session at the new time, and a
one-off session skipped leaves the calendar. A session's REMOVED_FROM_CALENDAR state belongs to
calendar sync and is left as it is by everything here.

Every action checks its records before writing and writes in one transaction: a broken rule
raises DomainError with a message the window shows as it is, and nothing is saved half-way.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..domain import DomainError, LearningItem, LearningNote, LearningSession, OccurrenceLog, Skill, ZonedDateTime
from ..domain.common import day_text, moment_text
from ..domain.learn import LearningStatus, LearningType, OccurrenceState, SessionState
from ..domain.learning_plan import (
    CertificationReminder,
    GapRow,
    LearnedEntry,
    Occurrence,
    WeekHours,
    certification_reminders,
    effective_logs,
    expand,
    first_from,
    learned_entries,
    logged_occurrence,
    occurrence_state,
    quarter_weeks,
    skills_gap,
    weekly_hours,
)
from ..domain.recurrence import describe_rule, ended_before, first_occurrence, key_to_local, occurrence_key
from ..settings import SettingError
from .assess import RATING_ORDER
from .context import Context

TARGET_KEY = "learning.weekly_target_hours"


@dataclass(frozen=True)
class SessionRow:
    session: LearningSession
    item_title: str


@dataclass(frozen=True)
class OccurrenceRow:
    """One occurrence of a session as the Learn tab lists it."""

    occurrence: Occurrence
    item_title: str
    state: OccurrenceState
    minutes_spent: int | None
    takeaway: str
    rrule_text: str  # the habit's rule in words; "" for a one-off
    session: LearningSession

    @property
    def removed_from_calendar(self) -> bool:
        return self.session.state is SessionState.REMOVED_FROM_CALENDAR


@dataclass(frozen=True)
class DeletedSession:
    """What undoing a session's delete brings back: the session and its occurrences' logs."""

    session: LearningSession
    logs: list[OccurrenceLog]


@dataclass(frozen=True)
class DeletedItem:
    """What undoing an item's delete brings back: the item, its sessions with their logs, and the
    links of the learning notes about it (the notes themselves stay when an item is deleted)."""

    item: LearningItem
    sessions: list[LearningSession]
    logs: list[OccurrenceLog]
    note_ids: list[str]


class LearningServices:
    """Step 2 actions (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    # -- the skills gap --------------------------------------------------------------------------
    def latest_levels(self) -> dict[str, int]:
        """Each rated skill's latest level (of two ratings on one day, the one entered last)."""
        return {r.skill_id: r.level for r in self._ctx.store.skill_ratings.all(RATING_ORDER)}

    def skills_gap(self) -> list[GapRow]:
        return skills_gap(
            self._ctx.store.goals.all(), self._ctx.store.skills.all(), self.latest_levels(), self._ctx.today()
        )

    # -- learning items --------------------------------------------------------------------------
    def items(self) -> list[LearningItem]:
        return self._ctx.store.learning_items.all()

    def session_rows(self) -> list[SessionRow]:
        titles = {i.id: i.title for i in self._ctx.store.learning_items.all()}
        return [SessionRow(s, titles.get(s.item_id, "")) for s in self._ctx.store.learning_sessions.all()]

    def save_item(self, item: LearningItem) -> LearningItem:
        """Add or update an item. Skills deleted meanwhile drop out of it; a goal must exist."""
        item.validate()
        today = self._ctx.today()
        if item.earned_on is not None and item.earned_on > today:
            raise DomainError(
                f"Earned on: a certification cannot be earned after today ({day_text(today)}). "
                "Fill it in once you have it; until then, plan the exam with a finish date."
            )
        known = {row[0] for row in self._ctx.store.db.query("SELECT id FROM skills")}
        item.skill_ids = list(dict.fromkeys(s for s in item.skill_ids if s in known))
        if item.goal_id is not None and not self._ctx.store.goals.exists(item.goal_id):
            raise DomainError("The goal this learning item is linked to no longer exists; pick another or none")
        saved = self._ctx.save(item)
        assert isinstance(saved, LearningItem)
        return saved

    def delete_item(self, item_id: str) -> DeletedItem:
        """Delete an item with its sessions and their logs; notes about it stay, unlinked."""
        store = self._ctx.store
        with store.db.transaction():
            item = store.learning_items.get(item_id)
            sessions = store.learning_sessions.where("item_id = ?", (item_id,))
            logs = [log for s in sessions for log in store.occurrence_logs.where("session_id = ?", (s.id,))]
            note_ids = [n.id for n in store.learning_notes.where("item_id = ?", (item_id,))]
            store.learning_items.delete(item_id)  # sessions and logs go with it, notes are unlinked
        return DeletedItem(item, sessions, logs, note_ids)

    def restore_item(self, deleted: DeletedItem) -> LearningItem:
        """Undo a delete: the item comes back with its ids, sessions, logs and note links."""
        store = self._ctx.store
        with store.db.transaction() as conn:
            if deleted.item.goal_id is not None and not store.goals.exists(deleted.item.goal_id):
                deleted.item.goal_id = None  # the goal went meanwhile
            store.learning_items.add(deleted.item)
            store.learning_sessions.add_many(deleted.sessions)
            store.occurrence_logs.add_many(deleted.logs)
            conn.executemany(
                "UPDATE learning_notes SET item_id = ? WHERE id = ? AND item_id IS NULL",
                [(deleted.item.id, note_id) for note_id in deleted.note_ids],
            )
        return deleted.item

    def set_item_status(self, item_id: str, status: LearningStatus | str) -> list[Skill]:
        """Set an item's status. Started: the start date is today if none was set. Done: so is the
        finish date if none was set or it lies ahead, and a certification's date earned. Returns
        the skills the item builds when it is done (to offer re-rating them), else an empty list."""
        item = self._ctx.store.learning_items.get(item_id)
        status = LearningStatus(status)
        today = self._ctx.today()
        changes: dict[str, object] = {"status": status}
        if status in (LearningStatus.IN_PROGRESS, LearningStatus.DONE) and item.start is None:
            changes["start"] = min(today, item.finish) if item.finish else today
        if status is LearningStatus.DONE:
            # Done today, even if it was planned to end later; a finish already past stays.
            finish = min(item.finish, today) if item.finish else today
            changes["finish"] = finish
            if item.start is not None and item.start > finish:
                changes["start"] = finish
            if item.kind is LearningType.CERTIFICATION and item.earned_on is None:
                changes["earned_on"] = finish
        updated = dataclasses.replace(item, **changes)  # type: ignore[arg-type]  # checks the rules again
        self._ctx.store.learning_items.update(updated)
        if status is not LearningStatus.DONE:
            return []
        skills = {s.id: s for s in self._ctx.store.skills.all()}
        return [skills[s] for s in updated.skill_ids if s in skills]

    def certification_reminders(self, lead_days: int | None = None) -> list[CertificationReminder]:
        """Earned certifications expiring within 60 days (or *lead_days*) or expired, soonest first."""
        items = self._ctx.store.learning_items.where("kind = ?", (LearningType.CERTIFICATION.value,))
        if lead_days is None:
            return certification_reminders(items, self._ctx.today())
        return certification_reminders(items, self._ctx.today(), lead_days)

    # -- sessions --------------------------------------------------------------------------------
    def save_session(self, session: LearningSession) -> LearningSession:
        """Add or update a session or habit. A habit's first start is moved onto its rule's first
        occurrence (a Monday start for "every Tue and Thu" becomes the Tuesday), so that calendar
        apps, which disagree on a start off the rule, all show the same sessions.

        A habit whose time, zone or rule changes while it has occurrences before today changes from
        today on, as "this and following events" in calendar apps: the series ends before today
        and the new pattern is a new habit from its first occurrence on or after today, which is
        returned (`split_from_today`). Earlier occurrences and their logs stay as they were.
        """
        session.validate()
        if not self._ctx.store.learning_items.exists(session.item_id):
            raise DomainError("The learning item of this session no longer exists")
        if session.rrule:
            session = _aligned(session)
        following = self.split_from_today(session)
        if following is not None:
            return following
        saved = self._ctx.save(session)
        assert isinstance(saved, LearningSession)
        return saved

    def split_from_today(self, edited: LearningSession) -> LearningSession | None:
        """Save *edited*, a changed pattern of a stored habit, from today on: the stored series ends
        before today (keeping its earlier exceptions and logs) and the new pattern is added as a
        new session from its first occurrence on or after today, with the exceptions and logs of
        later occurrences it still has. Returns that new session, or None when an edit in place
        is right: a new session or a one-off, the same pattern, nothing before today, or nothing
        from today on (in the old series or the new pattern)."""
        old = self._ctx.store.learning_sessions.find(edited.id)
        if old is None or not old.rrule or _pattern(old) == _pattern(edited):
            return None
        cutoff = datetime.combine(self._ctx.today(), time(), self._ctx.zone())
        if old.start.instant >= cutoff or first_from(old, cutoff, include_excluded=True) is None:
            return None
        first = first_from(edited, cutoff, include_excluded=True)
        if first is None:
            return None
        tz = edited.start.tz
        try:
            ended = dataclasses.replace(
                old,
                rrule=ended_before(old.rrule, cutoff),
                exdates=[k for k in old.exdates if key_to_local(k, old.start.tz) < cutoff],
            )
        except DomainError:
            return None  # every earlier occurrence was skipped or moved: nothing to keep apart
        new = LearningSession(
            item_id=edited.item_id,
            start=ZonedDateTime(first.start, tz),
            end=ZonedDateTime(first.end, edited.end.tz),
            rrule=edited.rrule,
            reminder_minutes=edited.reminder_minutes,
            location=edited.location,
        )
        later = [
            log
            for log in self._ctx.store.occurrence_logs.where("session_id = ?", (old.id,))
            if key_to_local(log.occurrence, old.start.tz) >= cutoff and self._in_series(new, log.occurrence)
        ]
        skipped = [log.occurrence for log in later if log.state is OccurrenceState.SKIPPED]
        kept = [k for k in edited.exdates if k not in skipped and self._in_series(new, k)]
        new = dataclasses.replace(new, exdates=[*kept, *skipped])
        with self._ctx.store.db.transaction():
            self._ctx.store.learning_sessions.update(ended)
            self._ctx.store.learning_sessions.add(new)
            for log in later:
                self._ctx.store.occurrence_logs.update(dataclasses.replace(log, session_id=new.id))
        return new

    def delete_session(self, session_id: str) -> DeletedSession:
        with self._ctx.store.db.transaction():
            session = self._ctx.store.learning_sessions.get(session_id)
            logs = self._ctx.store.occurrence_logs.where("session_id = ?", (session_id,))
            self._ctx.store.learning_sessions.delete(session_id)  # its logs go with it
        return DeletedSession(session, logs)

    def restore_session(self, deleted: DeletedSession) -> LearningSession:
        with self._ctx.store.db.transaction():
            self._ctx.store.learning_sessions.add(deleted.session)
            self._ctx.store.occurrence_logs.add_many(deleted.logs)
        return deleted.session

    # -- occurrences -----------------------------------------------------------------------------
    def occurrence_rows(self, start: date, end: date) -> list[OccurrenceRow]:
        """Every occurrence starting on a day in [start, end) (the app's time zone), in time order.

        Skipped occurrences are listed as such; a moved one appears at its new time only. A log
        whose occurrence the series no longer has is listed at the time it names.
        """
        tzinfo = self._ctx.zone()
        lo = datetime.combine(start, time(), tzinfo)
        hi = datetime.combine(end, time(), tzinfo)
        now = self._ctx.now()
        sessions = self._ctx.store.learning_sessions.all()
        logs = effective_logs(sessions, self._ctx.store.occurrence_logs.all())
        titles = {i.id: i.title for i in self._ctx.store.learning_items.all()}
        rows = []
        logged_keys: dict[str, list[str]] = {}
        for session_id, key in logs:
            logged_keys.setdefault(session_id, []).append(key)
        for session in sessions:
            excluded = set(session.exdates)
            rule_text = describe_rule(session.rrule, session.start.tz) if session.rrule else ""
            found = expand(session, lo, hi, include_excluded=True)
            # A moved occurrence is shown where it went (unless it was logged here).
            shown = [o for o in found if o.key not in excluded or (session.id, o.key) in logs]
            # A log whose occurrence the series no longer has (its time or days changed since)
            # is still listed at its own time, to be seen and cleared.
            keys = {o.key for o in found}
            for key in logged_keys.get(session.id, []):
                occ = logged_occurrence(session, key)
                if key not in keys and occ is not None and lo <= occ.start < hi:
                    shown.append(occ)
            for occ in shown:
                log = logs.get((session.id, occ.key))
                rows.append(
                    OccurrenceRow(
                        occurrence=occ,
                        item_title=titles.get(session.item_id, ""),
                        state=occurrence_state(occ, log, now),
                        minutes_spent=log.minutes_spent if log else None,
                        takeaway=log.takeaway if log else "",
                        rrule_text=rule_text,
                        session=session,
                    )
                )
        rows.sort(key=lambda r: (r.occurrence.start, r.item_title.casefold(), r.occurrence.session_id))
        return rows

    def _occurrence(self, session: LearningSession, key: str) -> Occurrence:
        """The occurrence *key* of *session*, skipped ones included, or one it had when it was logged
        (before the habit's time or days changed); DomainError if it has none such."""
        start = key_to_local(key, session.start.tz)
        second = timedelta(seconds=1)
        if session.rrule:
            found = expand(session, start - second, start + second, include_excluded=True)
        else:
            found = expand(session, session.start.instant, session.start.instant + second)
        found = [o for o in found if o.key == key]
        if found:
            return found[0]
        logged = logged_occurrence(session, key) if self._log(session.id, key) is not None else None
        if logged is None:
            raise DomainError(f"This session does not take place on {moment_text(start)}")
        return logged  # logged when the series still had it: its log can still be changed

    @staticmethod
    def _in_series(session: LearningSession, key: str) -> bool:
        """Whether the series (still) has the occurrence *key*, skipped ones included."""
        start = key_to_local(key, session.start.tz)
        second = timedelta(seconds=1)
        return any(o.key == key for o in expand(session, start - second, start + second, include_excluded=True))

    def _log(self, session_id: str, key: str) -> OccurrenceLog | None:
        found = self._ctx.store.occurrence_logs.where("session_id = ? AND occurrence = ?", (session_id, key))
        return found[0] if found else None

    def _write_log(self, log: OccurrenceLog, existing: OccurrenceLog | None) -> OccurrenceLog:
        if existing is None:
            return self._ctx.store.occurrence_logs.add(log)
        return self._ctx.store.occurrence_logs.update(
            dataclasses.replace(log, id=existing.id, created=existing.created)
        )

    def log_done(self, session_id: str, key: str, minutes: int | None, takeaway: str = "") -> OccurrenceLog:
        """Mark an occurrence done, with the minutes actually spent and a one-line takeaway.

        A habit's occurrence skipped before comes back into the calendar.
        """
        session = self._ctx.store.learning_sessions.get(session_id)
        occ = self._occurrence(session, key)
        if occ.start > self._ctx.now():
            raise DomainError(
                f"The session on {moment_text(occ.start)} has not taken place yet: log it as done once it has "
                "(to drop it, Skip works ahead of time)."
            )
        log = OccurrenceLog(
            session_id=session_id,
            occurrence=occ.key,
            state=OccurrenceState.DONE,
            minutes_spent=minutes,
            takeaway=" ".join(takeaway.split()),
        )
        with self._ctx.store.db.transaction():
            if occ.key in session.exdates:
                session.exdates = [k for k in session.exdates if k != occ.key]
            self._save_logged_session(session)
            return self._write_log(log, self._log(session_id, occ.key))

    def log_skipped(self, session_id: str, key: str) -> OccurrenceLog:
        """Mark an occurrence skipped; it leaves the calendar (an EXDATE of a habit)."""
        session = self._ctx.store.learning_sessions.get(session_id)
        occ = self._occurrence(session, key)
        log = OccurrenceLog(session_id=session_id, occurrence=occ.key, state=OccurrenceState.SKIPPED)
        if session.rrule and occ.key not in session.exdates and self._in_series(session, occ.key):
            session.exdates = [*session.exdates, occ.key]
            try:
                session.validate()
            except DomainError:
                raise DomainError(
                    "This is the only session of the habit still planned; delete the habit instead of skipping it"
                ) from None
        with self._ctx.store.db.transaction():
            self._save_logged_session(session)
            return self._write_log(log, self._log(session_id, occ.key))

    def clear_log(self, session_id: str, key: str) -> None:
        """Forget whether an occurrence was done or skipped (a skipped one returns to the calendar)."""
        session = self._ctx.store.learning_sessions.get(session_id)
        log = self._log(session_id, key)
        with self._ctx.store.db.transaction():
            if log is not None:
                if log.state is OccurrenceState.SKIPPED and key in session.exdates:
                    session.exdates = [k for k in session.exdates if k != key]
                self._ctx.store.occurrence_logs.delete(log.id)
            self._save_logged_session(session)

    def _save_logged_session(self, session: LearningSession) -> None:
        """Save a session whose occurrence was logged. Earlier versions kept a one-off's outcome on
        the session itself; the log written now replaces it. Its calendar state stays."""
        if session.state in (SessionState.DONE, SessionState.SKIPPED):
            session.state = SessionState.PLANNED
            session.minutes_spent = None
            session.takeaway = ""
        self._ctx.store.learning_sessions.update(session)

    def move_occurrence(self, session_id: str, key: str, new_start: datetime, new_end: datetime) -> LearningSession:
        """Move one occurrence to a new time. A one-off session simply moves. A habit's occurrence
        becomes an exception of the series plus a one-off session at the new time (returned), which
        takes the occurrence's log along."""
        session = self._ctx.store.learning_sessions.get(session_id)
        occ = self._occurrence(session, key)
        if session.rrule and not self._in_series(session, occ.key):
            raise DomainError("The habit no longer takes place at this time (it was changed since); nothing to move")
        tz = session.start.tz
        start, end = ZonedDateTime(new_start, tz), ZonedDateTime(new_end, tz)
        log = self._log(session_id, occ.key)
        with self._ctx.store.db.transaction():
            if not session.rrule:
                moved = dataclasses.replace(session, start=start, end=end)  # checks the times
                self._ctx.store.learning_sessions.update(moved)
                if log is not None:
                    self._ctx.store.occurrence_logs.update(
                        dataclasses.replace(log, occurrence=occurrence_key(moved.start.local()))
                    )
                return moved
            one_off = LearningSession(
                item_id=session.item_id,
                start=start,
                end=end,
                reminder_minutes=session.reminder_minutes,
                location=session.location,
            )
            if occ.key not in session.exdates:
                session.exdates = [*session.exdates, occ.key]
            try:
                session.validate()
            except DomainError:
                raise DomainError(
                    "This is the only session of the habit still planned; change the habit's time instead"
                ) from None
            self._ctx.store.learning_sessions.update(session)
            self._ctx.store.learning_sessions.add(one_off)
            if log is not None:
                self._ctx.store.occurrence_logs.delete(log.id)
                if log.state is OccurrenceState.DONE:
                    new_key = occurrence_key(one_off.start.local())
                    self._ctx.store.occurrence_logs.add(
                        dataclasses.replace(log, session_id=one_off.id, occurrence=new_key)
                    )
            return one_off

    # -- hours -----------------------------------------------------------------------------------
    def weekly_target_hours(self) -> float:
        return self._ctx.settings.weekly_target_hours

    def set_weekly_target_hours(self, hours: float) -> None:
        try:
            self._ctx.settings.set(TARGET_KEY, hours)
        except SettingError as exc:
            raise DomainError(str(exc)) from None

    def quarter_hours(self, day: date | None = None) -> list[WeekHours]:
        """Hours planned and logged per ISO week of the quarter holding *day* (default today)."""
        first, weeks = quarter_weeks(day or self._ctx.today())
        return self.week_hours(first, weeks)

    def week_hours(self, first_monday: date, weeks: int) -> list[WeekHours]:
        return weekly_hours(
            self._ctx.store.learning_sessions.all(),
            self._ctx.store.occurrence_logs.all(),
            first_monday,
            weeks,
            self._ctx.time_zone(),
        )

    # -- what I learned --------------------------------------------------------------------------
    def learned_entries(self, query: str = "") -> list[LearnedEntry]:
        """Takeaways of occurrences done and learning notes, newest first; *query* words must all
        appear in an entry's text or item title (ignoring case)."""
        titles = {i.id: i.title for i in self._ctx.store.learning_items.all()}
        return learned_entries(
            self._ctx.store.learning_sessions.all(),
            self._ctx.store.occurrence_logs.all(),
            self._ctx.store.learning_notes.all(),
            titles,
            query,
        )

    def add_note(self, text: str, item_id: str | None = None, on: date | None = None) -> LearningNote:
        written_on = on or self._ctx.today()
        if written_on > self._ctx.today():
            raise DomainError(f"A learning note cannot be dated after today ({day_text(self._ctx.today())})")
        note = LearningNote(written_on=written_on, text=text.strip(), item_id=item_id or None)
        if note.item_id is not None:
            self._ctx.store.learning_items.get(note.item_id)  # an item deleted meanwhile: NotFoundError
        return self._ctx.store.learning_notes.add(note)

    def delete_note(self, note_id: str) -> LearningNote:
        """Delete a note; returns it, so that `restore_learning_note` can undo the delete."""
        note = self._ctx.store.learning_notes.get(note_id)
        self._ctx.store.learning_notes.delete(note_id)
        return note

    def restore_note(self, note: LearningNote) -> LearningNote:
        if note.item_id is not None and not self._ctx.store.learning_items.exists(note.item_id):
            note = dataclasses.replace(note, item_id=None)
        return self._ctx.store.learning_notes.add(note)


def _pattern(session: LearningSession) -> tuple[str, str, str, str, str]:
    """What makes a session's occurrences: its first start and end with their zones, and its rule."""
    start, end = session.start, session.end
    return occurrence_key(start.local()), start.tz, occurrence_key(end.local()), end.tz, session.rrule


def _aligned(session: LearningSession) -> LearningSession:
    """The habit with its first start on its rule's first occurrence (same length)."""
    local = session.start.local()
    first = first_occurrence(session.rrule, local, session.start.tz)
    if first is None or occurrence_key(first) == occurrence_key(local):
        return session
    start = ZonedDateTime.at(first, session.start.tz)
    return dataclasses.replace(
        session, start=start, end=ZonedDateTime(start.instant + session.duration, session.end.tz)
    )
