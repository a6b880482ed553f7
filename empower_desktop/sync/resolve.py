"""Settling what a sync left for the person: conflicts, proposed changes, removals.

Each choice adjusts the record and the status so that the next sync carries it out: keeping the
app's version makes the app's side the changed one (it is written to the calendar); keeping the
calendar's brings it into the record; restoring a removed event makes it new again.
"""

from __future__ import annotations

from datetime import date, datetime

from ..domain.common import DomainError
from ..domain.learn import SessionState
from ..errors import ActionableError
from ..store import Store
from .local import PULLED, StoreLocalSide
from .mapping import CalendarItem, parse_when
from .status import Issue, StatusStore


class CannotResolve(ActionableError):
    """The choice cannot be carried out (the record or the issue is gone); the message says why."""


def _issue(status: StatusStore, issue_id: str) -> Issue:
    for issue in status.issues():
        if issue.id == issue_id:
            return issue
    raise CannotResolve("That sync issue was settled already.")


def _drop_issue(status: StatusStore, issue: Issue) -> None:
    with status.db.transaction() as conn:
        conn.execute("DELETE FROM sync_issues WHERE id = ?", (issue.id,))


def can_take_calendars(issue: Issue) -> bool:
    """Whether the calendar's value can go into the record (a session's time, a meeting's title...)."""
    kind = issue.uid.split("-", 1)[0]
    if issue.kind == "proposal":
        return kind in ("deadline", "milestone", "task") and issue.field == "start"
    return issue.field in PULLED.get(kind, set())


def keep_app(store: Store, status: StatusStore, issue_id: str) -> None:
    """The app's value wins: the next sync writes it to the calendar."""
    issue = _issue(status, issue_id)
    row = status.all().get(issue.uid)
    if row is not None:
        row.fields[issue.field] = issue.remote_value  # the calendar's value is now the known one
        row.local_hash = ""  # so the app's side counts as changed, and is written
        status.put(row)
    _drop_issue(status, issue)


def keep_calendar(
    store: Store, status: StatusStore, local: StoreLocalSide, issue_id: str, value: str | None = None
) -> None:
    """The calendar's value (or an edited *value*) goes into the record."""
    issue = _issue(status, issue_id)
    if not can_take_calendars(issue):
        raise CannotResolve("This change cannot be taken into the app; keep the app's version instead.")
    chosen = issue.remote_value if value is None else value
    item = local.items().get(issue.uid)
    if item is None:
        raise CannotResolve("The record this was about no longer exists.")
    try:
        if issue.kind == "proposal":
            _move_date(store, item, chosen)
        elif local.apply(item, {issue.field: chosen}):
            raise CannotResolve(f"“{chosen}” cannot be taken into the app.")
    except (DomainError, ValueError) as exc:
        raise CannotResolve(f"“{chosen}” cannot be taken: {exc}") from None
    row = status.all().get(issue.uid)
    if row is not None:
        row.fields[issue.field] = issue.remote_value
        if issue.kind == "proposal":
            row.fields["end"] = _next_day(issue.remote_value)
        updated = local.items().get(issue.uid)
        # Taken as the calendar has it: both sides agree. Edited: the app's side is the newer one.
        same = chosen == issue.remote_value and updated is not None
        row.local_hash = updated.content_hash() if same and updated is not None else ""
        status.put(row)
    _drop_issue(status, issue)


def _next_day(day_text: str) -> str:
    from datetime import timedelta

    return (date.fromisoformat(day_text) + timedelta(days=1)).isoformat()


def _move_date(store: Store, item: CalendarItem, text: str) -> None:
    day = parse_when(text)
    if isinstance(day, datetime):
        day = day.date()
    if item.kind in ("deadline", "task"):
        goal = store.goals.get(item.record_id)
        goal.deadline = day
        goal.validate()
        store.goals.update(goal)
        return
    for goal in store.goals.all():
        for milestone in goal.milestones:
            if milestone.id == item.record_id:
                milestone.due = day
                goal.validate()
                store.goals.update(goal)
                return
    raise CannotResolve("The milestone no longer exists.")


def restore_to_calendar(store: Store, status: StatusStore, issue_id: str) -> None:
    """A record removed from the calendar goes back there at the next sync."""
    issue = _issue(status, issue_id)
    kind, _, rest = issue.uid.partition("-")
    record_id = rest.split("@", 1)[0]
    if kind == "session":
        session = store.learning_sessions.get(record_id)
        session.state = SessionState.PLANNED
        store.learning_sessions.update(session)
    elif kind == "meeting":
        meeting = store.meetings.get(record_id)
        meeting.removed_from_calendar = False  # held stays held
        store.meetings.update(meeting)
    status.drop(issue.uid)  # unknown again: created afresh
    _drop_issue(status, issue)


def accept_removal(status: StatusStore, issue_id: str) -> None:
    """Fine that it is gone from the calendar: the record stays marked, the note goes away."""
    _drop_issue(status, _issue(status, issue_id))
