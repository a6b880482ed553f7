"""Step 2 rules over learning records: the skills gap, occurrences of sessions and habits, hours
planned against hours logged per ISO week, certification expiry, and the "what I learned" log.

Pure functions over domain records; no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from .assess import Goal, GoalStatus, Skill
from .common import DomainError, zone
from .learn import (
    LearningItem,
    LearningNote,
    LearningSession,
    LearningStatus,
    LearningType,
    OccurrenceLog,
    OccurrenceState,
    SessionState,
)
from .recurrence import MAX_OCCURRENCES, compile_rule, key_to_local, local_starts, occurrence_key

# -- occurrences ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One time a session takes place: the only one of a one-off, or one of a habit's."""

    session_id: str
    item_id: str
    key: str  # the local start in the session's zone, "YYYY-MM-DDTHH:MM:SS"
    start: datetime  # aware, in the session's zone
    end: datetime
    habit: bool

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600


def expand(
    session: LearningSession, window_start: datetime, window_end: datetime, *, include_excluded: bool = False
) -> list[Occurrence]:
    """The session's occurrences starting in [window_start, window_end) (aware instants).

    A habit repeats in its zone's wall-clock time (7:30 in Berlin stays 7:30 across a DST change);
    every occurrence lasts as long as the first. Exceptions (EXDATE: skipped or moved occurrences)
    are left out unless *include_excluded*.
    """
    first = session.start.local()
    length = session.duration
    if not session.rrule:
        if window_start <= first < window_end:
            key = occurrence_key(first)
            return [Occurrence(session.id, session.item_id, key, first, first + length, False)]
        return []
    excluded = set() if include_excluded else set(session.exdates)
    found = []
    for start in local_starts(session.rrule, first, session.start.tz, window_start, window_end):
        key = occurrence_key(start)
        if key not in excluded:
            found.append(Occurrence(session.id, session.item_id, key, start, start + length, True))
    return found


def logged_occurrence(session: LearningSession, key: str) -> Occurrence | None:
    """The occurrence a log of *session* names by *key*, at that time and as long as the session's
    occurrences, whether or not the series still has it (a habit whose time or days changed since);
    None if *key* is no time."""
    try:
        start = key_to_local(key, session.start.tz)
    except DomainError:
        return None
    return Occurrence(session.id, session.item_id, key, start, start + session.duration, bool(session.rrule))


def first_from(session: LearningSession, instant: datetime, *, include_excluded: bool = False) -> Occurrence | None:
    """The session's first occurrence starting at or after *instant* (aware), or None."""
    return next(occurrences_from(session, instant, include_excluded=include_excluded), None)


def occurrences_from(
    session: LearningSession, instant: datetime, *, include_excluded: bool = False
) -> Iterator[Occurrence]:
    """The session's occurrences starting at or after *instant* (aware), soonest first, worked out
    one at a time as they are asked for (a habit's rule may have no end)."""
    first = session.start.local()
    length = session.duration
    if not session.rrule:
        if first >= instant:
            yield Occurrence(session.id, session.item_id, occurrence_key(first), first, first + length, False)
        return
    tz = session.start.tz
    excluded = set() if include_excluded else set(session.exdates)
    compiled = compile_rule(session.rrule, occurrence_key(first), tz)
    lo = instant.astimezone(zone(tz)).replace(tzinfo=None) - timedelta(days=1)
    passed = 0  # excluded or before *instant*, in a row
    for local in compiled.xafter(lo, count=None, inc=True):
        start = local.replace(tzinfo=zone(tz))
        key = occurrence_key(local)
        if start >= instant and key not in excluded:
            passed = 0
            yield Occurrence(session.id, session.item_id, key, start, start + length, True)
        else:
            passed += 1
            if passed > MAX_OCCURRENCES:  # pragma: no cover - every later one excluded
                return


def effective_logs(
    sessions: Iterable[LearningSession], logs: Iterable[OccurrenceLog]
) -> dict[tuple[str, str], OccurrenceLog]:
    """Every log by (session id, occurrence), including one-off sessions marked done or skipped
    on the session itself (as earlier versions stored it) that have no log of their own."""
    by_key = {(log.session_id, log.occurrence): log for log in logs}
    for session in sessions:
        if session.rrule or session.state not in (SessionState.DONE, SessionState.SKIPPED):
            continue
        key = (session.id, occurrence_key(session.start.local()))
        if key not in by_key:
            done = session.state is SessionState.DONE
            by_key[key] = OccurrenceLog(
                id=session.id,
                created=session.created,
                updated=session.updated,
                session_id=session.id,
                occurrence=key[1],
                state=OccurrenceState.DONE if done else OccurrenceState.SKIPPED,
                minutes_spent=session.minutes_spent if done else None,
                takeaway=session.takeaway,
            )
    return by_key


def occurrence_state(occurrence: Occurrence, log: OccurrenceLog | None, now: datetime) -> OccurrenceState:
    """Done or skipped as logged; otherwise planned, or not logged once it has ended."""
    if log is not None:
        return log.state
    return OccurrenceState.NOT_LOGGED if occurrence.end <= now else OccurrenceState.PLANNED


def days_window(first: date, after: date, tz: str) -> tuple[datetime, datetime]:
    """The instants from the start of day *first* to the start of day *after* in zone *tz* (a DST
    change inside moves neither end)."""
    tzinfo = zone(tz)
    return datetime.combine(first, time(), tzinfo), datetime.combine(after, time(), tzinfo)


@dataclass(frozen=True)
class DaysTally:
    """What the occurrences of days *first* to *last* add up to (see `tally`)."""

    first: date
    last: date
    planned: float  # hours: every occurrence's length, skipped ones left out
    logged: float  # hours: minutes spent on occurrences done (else their length), at the time they took place
    not_logged: list[Occurrence]  # started in these days, ended by now, no log


def tally(
    sessions: Iterable[LearningSession],
    logs: Iterable[OccurrenceLog],
    ranges: Iterable[tuple[date, date]],
    tz: str,
    now: datetime,
) -> list[DaysTally]:
    """Hours planned and logged and the occurrences not logged on each range of days (first, last,
    both included, days in zone *tz*), in one pass over the occurrences of all of them.

    This is the one definition of those figures (the Sessions view, the Progress view's weeks, the
    review and the dashboard count with it): planned, every occurrence's length with skipped ones
    left out, a moved one at its new time only; logged, the minutes spent on occurrences done
    (their planned length when none were given), counted at the time the log names even when the
    series no longer has it; not logged, an occurrence that has ended by *now* with no log (one
    that ended earlier today counts, one still running does not, a skipped one never)."""
    sessions = list(sessions)
    logs = list(logs)
    ranges = list(ranges)
    if not ranges:
        return []
    by_key = effective_logs(sessions, logs)
    tzinfo = zone(tz)
    windows = [days_window(first, last + timedelta(days=1), tz) for first, last in ranges]
    lo, hi = min(w[0] for w in windows), max(w[1] for w in windows)
    planned = [0.0] * len(ranges)
    logged = [0.0] * len(ranges)
    missing: list[list[Occurrence]] = [[] for _ in ranges]
    for session in sessions:
        for occ in expand(session, lo, hi):
            log = by_key.get((occ.session_id, occ.key))
            state = occurrence_state(occ, log, now)
            for index, (start, end) in enumerate(windows):
                if start <= occ.start < end:
                    if state is not OccurrenceState.SKIPPED:
                        planned[index] += occ.hours
                    if state is OccurrenceState.NOT_LOGGED:
                        missing[index].append(occ)
    by_id = {s.id: s for s in sessions}
    for (session_id, key), log in by_key.items():
        owner = by_id.get(session_id)
        done = logged_occurrence(owner, key) if owner and log.state is OccurrenceState.DONE else None
        if done is None:
            continue
        day = done.start.astimezone(tzinfo).date()
        for index, (first, last) in enumerate(ranges):
            if first <= day <= last:
                logged[index] += done.hours if log.minutes_spent is None else log.minutes_spent / 60
    return [
        DaysTally(first, last, planned[i], logged[i], sorted(missing[i], key=lambda o: (o.start, o.session_id)))
        for i, (first, last) in enumerate(ranges)
    ]


def not_logged(
    sessions: Iterable[LearningSession],
    logs: Mapping[tuple[str, str], OccurrenceLog],
    window_start: datetime,
    window_end: datetime,
    now: datetime,
) -> list[Occurrence]:
    """The occurrences starting in [window_start, window_end) that have ended by *now* with no log
    (as `tally` counts them). *logs* is `effective_logs(...)`."""
    found = [
        occ
        for session in sessions
        for occ in expand(session, window_start, window_end)
        if occurrence_state(occ, logs.get((session.id, occ.key)), now) is OccurrenceState.NOT_LOGGED
    ]
    return sorted(found, key=lambda o: (o.start, o.session_id))


# -- the skills gap -------------------------------------------------------------------------------

GapGroup = Literal["goal", "no_goal"]
URGENCY_HORIZON_DAYS = 365
URGENCY_OVERDUE = 5.0
URGENCY_DUE_TODAY = 4.0
URGENCY_FAR = 1.0  # a deadline a year or more away, or none


def urgency(deadline: date | None, today: date) -> float:
    """How pressing a goal is: 1 for no deadline or one a year or more away, rising linearly to 4
    on the deadline itself, and 5 once it has passed."""
    if deadline is None:
        return URGENCY_FAR
    days = (deadline - today).days
    if days < 0:
        return URGENCY_OVERDUE
    if days >= URGENCY_HORIZON_DAYS:
        return URGENCY_FAR
    return URGENCY_DUE_TODAY - (URGENCY_DUE_TODAY - URGENCY_FAR) * days / URGENCY_HORIZON_DAYS


@dataclass(frozen=True, slots=True)
class GapRow:
    group: GapGroup
    goal_id: str | None
    goal_title: str
    deadline: date | None
    skill_id: str
    skill_name: str
    target: int
    current: int | None  # the latest self-rating; None: never rated (counts as 0)
    gap: int  # target - current, never below 0
    score: float  # gap x the goal's urgency: what to learn first


def skills_gap(goals: Iterable[Goal], skills: Iterable[Skill], ratings: Mapping[str, int], today: date) -> list[GapRow]:
    """The skills gap the person's goals open.

    First every required skill of every ACTIVE goal (target from the goal), most pressing first:
    by gap x urgency, then larger gap, nearer deadline, goal and skill name. Skills already at
    their target stay listed (gap 0, at the end of the group) so each goal's needs are complete.
    Then, group "no_goal", skills with a target level of their own that no active goal requires,
    by gap. *ratings* maps a skill id to its latest level; a skill never rated counts as 0.
    """
    by_id = {s.id: s for s in skills}
    rows: list[GapRow] = []
    required: set[str] = set()
    for goal in goals:
        if goal.status is not GoalStatus.ACTIVE:
            continue
        weight = urgency(goal.deadline, today)
        for need in goal.required_skills:
            skill = by_id.get(need.skill_id)
            if skill is None:
                continue
            required.add(skill.id)
            current = ratings.get(skill.id)
            gap = max(0, need.target_level - (current or 0))
            rows.append(
                GapRow(
                    group="goal",
                    goal_id=goal.id,
                    goal_title=goal.title,
                    deadline=goal.deadline,
                    skill_id=skill.id,
                    skill_name=skill.name,
                    target=need.target_level,
                    current=current,
                    gap=gap,
                    score=gap * weight,
                )
            )
    far = date.max
    rows.sort(key=lambda r: (-r.score, -r.gap, r.deadline or far, r.goal_title.casefold(), r.skill_name.casefold()))
    own = []
    for skill in by_id.values():
        if skill.target_level is None or skill.id in required:
            continue
        current = ratings.get(skill.id)
        gap = max(0, skill.target_level - (current or 0))
        target = skill.target_level
        own.append(GapRow("no_goal", None, "", None, skill.id, skill.name, target, current, gap, float(gap)))
    own.sort(key=lambda r: (-r.gap, r.skill_name.casefold()))
    return rows + own


# -- hours per ISO week ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekHours:
    week_start: date  # the ISO week's Monday
    planned: float  # hours
    logged: float

    @property
    def iso_week(self) -> tuple[int, int]:
        year, week, _ = self.week_start.isocalendar()
        return year, week


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def quarter_weeks(day: date) -> tuple[date, int]:
    """The Monday of the ISO week holding the quarter's first day, and the number of ISO weeks
    up to the one holding its last day (13 or 14)."""
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    following = date(first.year + (first.month == 10), (first.month + 2) % 12 + 1, 1)
    last = following - timedelta(days=1)
    start = monday_of(first)
    return start, (monday_of(last) - start).days // 7 + 1


def weekly_hours(
    sessions: Iterable[LearningSession],
    logs: Iterable[OccurrenceLog],
    first_monday: date,
    weeks: int,
    tz: str,
) -> list[WeekHours]:
    """Hours planned and logged in each of *weeks* ISO weeks from *first_monday*, weeks counted in
    zone *tz*, as `tally` counts them (skipped ones left out of planned, moved ones at their new
    time; a log counts in its own week even when the series no longer has its occurrence)."""
    mondays = [first_monday + timedelta(weeks=w) for w in range(weeks)]
    # `tally`'s clock only decides which occurrences are "not logged", which weeks do not show
    clock = datetime.combine(first_monday, time(), zone(tz))
    days = tally(sessions, logs, [(monday, monday + timedelta(days=6)) for monday in mondays], tz, clock)
    return [WeekHours(monday, d.planned, d.logged) for monday, d in zip(mondays, days, strict=True)]


# -- certifications -------------------------------------------------------------------------------

CERTIFICATION_LEAD_DAYS = 60


@dataclass(frozen=True, slots=True)
class CertificationReminder:
    item_id: str
    title: str
    expires_on: date
    days_left: int  # negative: expired that many days ago

    @property
    def expired(self) -> bool:
        return self.days_left < 0


def certification_reminders(
    items: Iterable[LearningItem], today: date, lead_days: int = CERTIFICATION_LEAD_DAYS
) -> list[CertificationReminder]:
    """Earned certifications that expire within *lead_days* or have expired, soonest first.
    A dropped certification is not renewed, so it has no reminder."""
    found = [
        CertificationReminder(item.id, item.title, item.expires_on, (item.expires_on - today).days)
        for item in items
        if item.kind is LearningType.CERTIFICATION
        and item.status is not LearningStatus.DROPPED
        and item.earned_on is not None
        and item.expires_on is not None
        and (item.expires_on - today).days <= lead_days
    ]
    return sorted(found, key=lambda r: (r.expires_on, r.title.casefold()))


# -- what I learned -------------------------------------------------------------------------------

LearnedSource = Literal["note", "session"]


@dataclass(frozen=True, slots=True)
class LearnedEntry:
    on: date
    item_title: str  # "" for a note about no item
    text: str
    source: LearnedSource
    item_id: str | None
    record_id: str  # the note's id, or the session's
    occurrence: str = ""  # for a session: which occurrence


def learned_entries(
    sessions: Iterable[LearningSession],
    logs: Iterable[OccurrenceLog],
    notes: Iterable[LearningNote],
    titles: Mapping[str, str],
    query: str = "",
) -> list[LearnedEntry]:
    """The takeaways of occurrences done and the learning notes, newest first.

    With a *query*, only entries whose text or item title holds every word of it (ignoring case).
    """
    sessions = list(sessions)
    items_of = {s.id: s.item_id for s in sessions}
    entries: list[LearnedEntry] = []
    for (session_id, key), log in effective_logs(sessions, logs).items():
        if log.takeaway.strip() and session_id in items_of:
            item_id = items_of[session_id]
            on = datetime.fromisoformat(key).date()
            entries.append(
                LearnedEntry(on, titles.get(item_id, ""), log.takeaway.strip(), "session", item_id, session_id, key)
            )
    for note in notes:
        title = titles.get(note.item_id, "") if note.item_id else ""
        entries.append(LearnedEntry(note.written_on, title, note.text, "note", note.item_id, note.id))
    words = query.casefold().split()
    if words:
        entries = [e for e in entries if all(w in f"{e.text}\n{e.item_title}".casefold() for w in words)]
    entries.sort(key=lambda e: (e.on, e.occurrence, e.text), reverse=True)
    return entries


def hours_logged_between(
    sessions: Iterable[LearningSession], logs: Iterable[OccurrenceLog], first: date, last: date, tz: str
) -> float:
    """Hours logged on occurrences that took place from day *first* to day *last* (both included,
    days counted in zone *tz*): the minutes spent where given, else the planned length, as
    `weekly_hours` counts them."""
    sessions = list(sessions)
    by_id = {s.id: s for s in sessions}
    tzinfo = zone(tz)
    total = 0.0
    for (session_id, key), log in effective_logs(sessions, logs).items():
        owner = by_id.get(session_id)
        done = logged_occurrence(owner, key) if owner and log.state is OccurrenceState.DONE else None
        if done is not None and first <= done.start.astimezone(tzinfo).date() <= last:
            total += done.hours if log.minutes_spent is None else log.minutes_spent / 60
    return total
