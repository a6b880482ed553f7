"""The plain-text goal review: where every goal stands, for the terminal and the Review tab."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from ..domain.assess import Goal, GoalStatus
from ..domain.common import ZonedDateTime, day_text
from ..domain.goals import (
    ON_TRACK_SLACK,
    Position,
    Track,
    position,
    progress_fraction,
    smart_check,
    track,
    track_of,
)
from ..domain.learn import LearningSession, OccurrenceLog, OccurrenceState, SessionState
from ..domain.learning_plan import days_window, tally
from ..settings import Settings
from ..store import Store

TRACK_ORDER = (Track.OFF_TRACK, Track.AT_RISK, Track.ON_TRACK, Track.NOT_MEASURED, Track.DONE)
TRACK_HEADINGS = {
    Track.OFF_TRACK: "Off track",
    Track.AT_RISK: "At risk",
    Track.ON_TRACK: "On track",
    Track.NOT_MEASURED: "Not measured yet",
    Track.DONE: "Target reached",
}


def _fmt_number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:g}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe_goal(goal: Goal, today: date) -> str:
    parts = [goal.title]
    fraction = progress_fraction(goal)
    if fraction is not None:
        unit = f" {goal.unit}" if goal.unit else ""
        values = f"{_fmt_number(goal.baseline)} → {_fmt_number(goal.current)} of {_fmt_number(goal.target)}{unit}"
        parts.append(f"{fraction:.0%} ({values})")
    if goal.deadline is not None:
        days = (goal.deadline - today).days
        when = f"{days} days left" if days >= 0 else f"{-days} days overdue"
        parts.append(f"due {day_text(goal.deadline)} ({when})")
    upcoming = [m for m in goal.milestones if not m.done]
    if upcoming:
        nxt = min(upcoming, key=lambda m: m.due or date.max)
        overdue = nxt.due is not None and nxt.due < today
        due = f" {day_text(nxt.due)}" if nxt.due else ""
        parts.append(f"next milestone: {nxt.title}{due}{' (overdue)' if overdue else ''}")
    return " — ".join(parts)


def track_reason(goal: Goal, today: date) -> str:
    """Why a goal stands where `track` puts it, in words ("" when on track): "18% behind the expected
    52%", "milestone “Draft the talk” overdue since 3 Dec 2026", "deadline passed on 1 Dec 2026",
    "no measurement yet"."""
    at = position(goal, today)
    return reason_of(at, track_of(at, today), today)


def reason_of(at: Position, state: Track, today: date) -> str:
    """`track_reason` of a goal at *at*, which `track_of` puts at *state* on *today*."""
    if state is Track.ON_TRACK:
        return ""
    if state is Track.DONE:
        return "achieved" if at.achieved else "target reached: mark it achieved"
    fraction = at.fraction
    if state is Track.NOT_MEASURED or fraction is None or at.deadline is None:
        if not at.has_scale:
            return "no baseline or target value to measure against"
        if not at.measured:
            return "no measurement yet"
        return "no deadline"
    if today > at.deadline:
        return f"deadline passed on {day_text(at.deadline)}"
    reasons = []
    expected = at.expected or 0.0
    if expected - fraction > ON_TRACK_SLACK:
        expected_pct = round(expected * 100)
        reasons.append(f"{expected_pct - round(fraction * 100)}% behind the expected {expected_pct}%")
    if at.first_late is not None:
        due, title = at.first_late
        more = f" (and {at.late - 1} more)" if at.late > 1 else ""
        reasons.append(f"milestone “{title}” overdue since {day_text(due)}{more}")
    return "; ".join(reasons)


FOLLOW_UP_AHEAD = timedelta(days=14)  # follow-ups shown this far ahead
INTERACTION_FOLLOW_UP_KEPT = timedelta(days=7)  # an interaction's follow-up (it has no "done") stays this long


def follow_up_lines(store: Store, today: date) -> list[str]:
    """The dated follow-ups that are overdue or due in the next two weeks, the earliest first:
    a mentor meeting's open action items, an interaction's follow-up day, an initiative's next
    step, an opportunity's next step and what was agreed in a conversation with a manager or HR.
    The same items go to the calendar as follow-ups."""
    ahead = today + FOLLOW_UP_AHEAD
    found: list[tuple[date, str]] = []
    names = {c.id: c.name for c in store.contacts.all()}
    ships = {m.id: names.get(m.contact_id, "") for m in store.mentorships.all()}
    for meeting in store.meetings.all():
        for action in meeting.action_items:
            if action.due is not None and not action.done and action.due <= ahead:
                whose = "" if action.owner.value == "me" else f" ({ships.get(meeting.mentorship_id) or 'theirs'})"
                found.append((action.due, f"{action.text}{whose}"))
    for interaction in store.interactions.all():
        day = interaction.follow_up
        if day is not None and today - INTERACTION_FOLLOW_UP_KEPT <= day <= ahead:
            who = names.get(interaction.contact_id, "a contact")
            found.append((day, f"Follow up with {who}" + (f": {interaction.summary}" if interaction.summary else "")))
    for initiative in store.initiatives.all():
        day = initiative.follow_up_on
        if day is not None and day <= ahead and initiative.status.value not in ("done", "declined"):
            found.append((day, f"Next step on “{initiative.title}”"))
    for opportunity in store.opportunities.all():
        day = opportunity.next_step_on
        if day is not None and day <= ahead and opportunity.status.value == "open":
            found.append((day, f"{opportunity.next_step} ({opportunity.title})"))
    for prep in store.conversations.all():
        for follow_up in prep.follow_ups:
            if follow_up.due is not None and not follow_up.done and follow_up.due <= ahead:
                whose = "" if follow_up.mine else " (theirs)"
                found.append((follow_up.due, f"{follow_up.text}{whose} — from “{prep.title}”"))
    found.sort(key=lambda item: (item[0], item[1].casefold()))
    lines = []
    for day, text in found:
        late = (today - day).days
        when = " (overdue)" if late > 0 else " (today)" if late == 0 else ""
        lines.append(f"  • {day_text(day)}{when} — {text}")
    return lines


def follow_ups_section(store: Store, today: date) -> list[str]:
    lines = follow_up_lines(store, today)
    return ["", f"FOLLOW-UPS, OVERDUE AND NEXT 2 WEEKS ({len(lines)})", *lines] if lines else []


def goal_lines(goals: list[Goal], today: date) -> list[str]:
    """Every goal by where it stands (with why, when it is not on track), the drafts with what they
    lack, the goals achieved; or where to start when there is none."""
    if not goals:
        return ["No goals yet. Start with step 1: write one specific, measurable goal with a deadline."]
    active = [g for g in goals if g.status is GoalStatus.ACTIVE]
    drafts = [g for g in goals if g.status is GoalStatus.DRAFT]
    achieved = [g for g in goals if g.status is GoalStatus.ACHIEVED]
    paused = [g for g in goals if g.status is GoalStatus.PAUSED]
    dropped = [g for g in goals if g.status is GoalStatus.DROPPED]
    by_track: dict[Track, list[Goal]] = {t: [] for t in TRACK_ORDER}
    for goal in active:
        by_track[track(goal, today)].append(goal)
    counts = ", ".join(f"{len(by_track[t])} {TRACK_HEADINGS[t].lower()}" for t in TRACK_ORDER if by_track[t])
    more = f", {len(paused)} paused" if paused else ""
    lines = [
        f"{_plural(len(active), 'active goal')} ({counts or 'none measured'}); "
        f"{_plural(len(drafts), 'draft')}, {len(achieved)} achieved{more}, {len(dropped)} dropped."
    ]
    for t in TRACK_ORDER:
        if by_track[t]:
            lines += ["", f"{TRACK_HEADINGS[t].upper()} ({len(by_track[t])})"]
            for goal in by_track[t]:
                lines.append(f"  • {describe_goal(goal, today)}")
                reason = track_reason(goal, today) if t is not Track.DONE else ""
                if reason:
                    lines.append(f"    why: {reason}")
    if drafts:
        lines += ["", f"DRAFTS — NOT SMART YET ({len(drafts)})"]
        for goal in drafts:
            missing = "; ".join(f"{s.name}: {s.reason}" for s in smart_check(goal, today) if not s.ok)
            lines.append(f"  • {goal.title} — {missing or 'ready to activate'}")
    if achieved:
        lines += ["", f"ACHIEVED ({len(achieved)})"]
        lines += [f"  • {g.title}" for g in achieved]
    return lines


KEY_FORMAT = "%Y-%m-%dT%H:%M:%S"  # an occurrence's key: its local start
LEARNING_DAYS_BACK = 28  # the last 4 weeks and today, as the Sessions view's "Past 4 weeks"


# A one-off session whose only log, if any, names its own start: its one occurrence is planned
# at its own time (unless that log skips it), logged as that log says, and not logged once it has
# ended without one. SQLite adds these up without the session being read (`plain_one_off_tally`).
# Any other session (a habit, a one-off marked on itself as earlier versions did, one with a log
# from before it was moved) is read and counted by `tally`.
PLAIN_ONE_OFF = (
    "learning_sessions.rrule = '' AND learning_sessions.state NOT IN ('done', 'skipped')"
    " AND NOT EXISTS (SELECT 1 FROM occurrence_logs AS other WHERE other.session_id = learning_sessions.id"
    " AND other.occurrence IS NOT local_key(learning_sessions.start_utc, learning_sessions.start_tz))"
)


# The columns of a session that occurrences and hours need (see `lean_sessions`).
LEAN_SESSION = (
    "id, created, updated, item_id, start_utc, start_tz, end_utc, end_tz, rrule, exdates, state, minutes_spent,"
    " takeaway"
)


def lean_sessions(
    store: Store, condition: str, params: tuple[object, ...] | dict[str, object] = (), limit: int = -1
) -> list[LearningSession]:
    """The sessions meeting an SQL *condition* (the first *limit* of them), in start order, read as
    far as occurrences and hours need them: their place, notes and import marks are left empty."""
    rows = store.db.query(
        f"SELECT {LEAN_SESSION} FROM learning_sessions WHERE {condition} ORDER BY start_utc, id LIMIT {int(limit)}",
        params,
    )
    return [
        LearningSession(
            id=row[0],
            created=datetime.fromisoformat(row[1]),
            updated=datetime.fromisoformat(row[2]),
            item_id=row[3],
            start=ZonedDateTime(datetime.fromisoformat(row[4]), row[5]),
            end=ZonedDateTime(datetime.fromisoformat(row[6]), row[7]),
            rrule=row[8],
            exdates=json.loads(row[9]),
            state=SessionState(row[10]),
            minutes_spent=row[11],
            takeaway=row[12],
        )
        for row in rows
    ]


def sessions_between(
    store: Store, start: datetime, end: datetime, *, plain_one_offs: bool = True
) -> tuple[list[LearningSession], list[OccurrenceLog]]:
    """What a figure over the instants [start, end) needs to read, instead of every session: the
    one-off sessions starting then, the habits begun before *end* whose rule has not ended (UNTIL)
    before *start*, the sessions of logs naming a time then; and those logs. The sessions are read
    as far as occurrences and hours need them (their place, notes and import marks are left empty).
    Without *plain_one_offs*, the one-off sessions nothing was logged for are left out (see
    `plain_one_off_tally`, which counts them in SQLite)."""
    lo, hi = start.astimezone(UTC), end.astimezone(UTC)
    leave_out = "" if plain_one_offs else f" AND NOT ({PLAIN_ONE_OFF})"
    margin = timedelta(days=1)  # a log names its local time in its session's zone: at most a day off UTC
    lo_key, hi_key = (lo - margin).strftime(KEY_FORMAT), (hi + margin).strftime(KEY_FORMAT)
    # Each kind of session the figure needs, found through an index, instead of one condition with
    # ORs, which SQLite can only test on every session.
    wanted = (
        "SELECT id FROM learning_sessions WHERE rrule = '' AND start_utc >= :lo AND start_utc < :hi"
        " UNION SELECT id FROM learning_sessions WHERE rrule <> '' AND start_utc < :hi"
        " AND (instr(rrule, 'UNTIL=') = 0 OR substr(rrule, instr(rrule, 'UNTIL=') + 6, 8) >= :until)"
        " UNION SELECT session_id FROM occurrence_logs WHERE occurrence >= :lo_key AND occurrence < :hi_key"
    )
    sessions = lean_sessions(
        store,
        f"id IN ({wanted}){leave_out}",
        {
            "lo": lo.isoformat(),
            "hi": hi.isoformat(),
            "until": (lo - margin).strftime("%Y%m%d"),
            "lo_key": lo_key,
            "hi_key": hi_key,
        },
    )
    read = json.dumps([session.id for session in sessions])  # a log counts only with its session
    logs = [
        OccurrenceLog(
            id=row[0],
            created=datetime.fromisoformat(row[1]),
            updated=datetime.fromisoformat(row[2]),
            session_id=row[3],
            occurrence=row[4],
            state=OccurrenceState(row[5]),
            minutes_spent=row[6],
            takeaway=row[7],
        )
        for row in store.db.query(
            "SELECT id, created, updated, session_id, occurrence, state, minutes_spent, takeaway"
            " FROM occurrence_logs WHERE occurrence >= ? AND occurrence < ?"
            " AND session_id IN (SELECT value FROM json_each(?)) ORDER BY session_id, occurrence",
            (lo_key, hi_key, read),
        )
    ]
    return sessions, logs


def plain_one_off_tally(
    store: Store, windows: list[tuple[datetime, datetime]], now: datetime
) -> list[tuple[float, float, int]]:
    """For each window of instants [start, end), over the one-off sessions starting then whose only
    log names their own start (see PLAIN_ONE_OFF): hours planned (skipped ones left out), hours
    logged (minutes spent, else the session's length) and how many have ended by *now* with no log,
    as `tally` counts them, added up in SQLite."""
    found = []
    for start, end in windows:
        planned, logged, ended = store.db.query(
            "SELECT coalesce(sum(CASE WHEN l.state = 'skipped' THEN 0 ELSE s.hours END), 0),"
            " coalesce(sum(CASE WHEN l.state = 'done' THEN coalesce(l.minutes_spent / 60.0, s.hours) ELSE 0 END), 0),"
            " coalesce(sum(l.id IS NULL AND s.end_utc <= :now), 0)"
            " FROM (SELECT id, end_utc, (julianday(end_utc) - julianday(start_utc)) * 24 AS hours"
            f" FROM learning_sessions WHERE start_utc >= :lo AND start_utc < :hi AND {PLAIN_ONE_OFF}) AS s"
            " LEFT JOIN occurrence_logs AS l ON l.session_id = s.id",
            {
                "now": now.astimezone(UTC).isoformat(),
                "lo": start.astimezone(UTC).isoformat(),
                "hi": end.astimezone(UTC).isoformat(),
            },
        )[0]
        found.append((float(planned), float(logged), int(ended)))
    return found


def learning_lines(store: Store, today: date, now: datetime, tz: str) -> list[str]:
    """Hours logged of those planned on the days of the last 4 weeks and today, and how many past
    sessions are not logged: counted by `tally`, as the Sessions and Progress views count them."""
    first = today - timedelta(days=LEARNING_DAYS_BACK)
    sessions, logs = sessions_between(store, *days_window(first, today + timedelta(days=1), tz))
    [days] = tally(sessions, logs, [(first, today)], tz, now)
    planned, logged, missing = days.planned, days.logged, len(days.not_logged)
    lines = [
        "",
        f"LEARNING, LAST 4 WEEKS ({day_text(first)} to {day_text(today)})",
        f"  {logged:.1f} h logged of {planned:.1f} h planned",
    ]
    if missing:
        lines.append(f"  {_plural(missing, 'past session')} not logged yet")
    return lines


def goal_review_text(store: Store, today: date, *, now: datetime | None = None, tz: str | None = None) -> str:
    """The goal review as plain text. *now* and *tz* default to the store's clock and the zone in
    Settings (else UTC)."""
    now = now or store.occurrence_logs.clock()
    tz = tz or Settings(store.settings).time_zone or "UTC"
    lines = [f"Goal review — {today.strftime('%d %B %Y').lstrip('0')}", ""]
    goals = store.goals.all()
    lines += goal_lines(goals, today)
    if goals:
        lines += learning_lines(store, today, now, tz)
    lines += follow_ups_section(store, today)
    return "\n".join(lines) + "\n"
