"""The Review tab's dashboard: every step's figures at a glance, for the window, the tray, the
review ritual's calendar event and `empower-desktop review`.

One definition, one function: each figure is computed by the function the step that owns it
uses (a session "not logged" is what the Sessions view counts for the same days; a contact "due"
is what Reach out lists), so the dashboard never disagrees with a step. Figures over many rows
are aggregated in SQLite, not by decoding every record in Python: the dashboard opens as fast on
a large record as on an empty one.

Weeks are ISO weeks (Monday to Sunday) and quarters calendar quarters, both in the person's time
zone (Settings), so a DST change inside a week does not move its boundaries.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..domain.common import day_text, moment_text, zone
from ..domain.goals import Position, Track, progress_fraction, track_of
from ..domain.learn import MAX_SESSION, OccurrenceState
from ..domain.learning_plan import (
    Occurrence,
    WeekHours,
    days_window,
    effective_logs,
    expand,
    logged_occurrence,
    monday_of,
    not_logged,
    occurrences_from,
    tally,
    weekly_hours,
)
from ..review.summary import lean_sessions, plain_one_off_tally, reason_of, sessions_between
from .context import Context

DEADLINES_AHEAD_DAYS = 30  # the dashboard lists deadlines and milestones this far ahead (and overdue ones)


@dataclass(frozen=True)
class GoalFigure:
    goal_id: str
    title: str
    track: Track
    reason: str  # why, in words, e.g. "18% behind the expected 52%", "milestone “Draft the talk” overdue
    #              since 3 Dec 2026", "deadline passed on 1 Dec 2026", "no measurement yet"; "" when on track
    fraction: float | None  # progress 0..1
    expected: float | None  # where a straight line from start to deadline says it should be today
    deadline: date | None


@dataclass(frozen=True)
class HoursFigure:
    first_day: date
    last_day: date  # inclusive
    planned: float  # hours, skipped occurrences left out (as the Progress view counts them)
    logged: float  # hours logged on occurrences in these days
    not_logged: int  # occurrences in these days that have ended with no log (the Sessions view's count)


@dataclass(frozen=True)
class DatedFigure:
    day: date
    kind: str  # "goal" (a deadline), "milestone", "certification" (expiry), "opportunity" (next step)
    title: str  # e.g. the goal's title, or "Draft the talk (Give two conference talks)"
    record_id: str  # the record to open: a goal's, a learning item's, an opportunity's id
    overdue: bool


@dataclass(frozen=True)
class NextEvent:
    """A learning session's occurrence or a mentor meeting still ahead (the tray shows the first)."""

    start: datetime  # aware
    end: datetime
    title: str  # the learning item's title, or the meeting's
    kind: str  # "session" | "meeting"
    record_id: str  # the session's or the meeting's id
    key: str = ""  # the occurrence key of a session's occurrence


@dataclass(frozen=True)
class Dashboard:
    today: date
    goals: list[GoalFigure]  # the active goals: off track, at risk, on track, not measured; then by deadline
    week: HoursFigure  # this ISO week
    quarter: HoursFigure  # this calendar quarter
    contacts_due: int  # as Reach out counts them today
    open_actions: int  # open action items of mentor meetings not cancelled, mine and theirs
    my_open_actions: int
    achievements_this_month: int
    deadlines: list[DatedFigure]  # overdue ones first, then the next DEADLINES_AHEAD_DAYS days, soonest first
    next_events: list[NextEvent]  # the next few sessions and meetings, soonest first

    def count(self, track: Track) -> int:
        return sum(1 for g in self.goals if g.track is track)


@dataclass(frozen=True)
class SinceFigures:
    """What happened since a day (the last review): for the ritual's calendar event and the review's
    first pages."""

    since: date
    sessions_logged: int
    sessions_missed: int  # ended with no log, or skipped
    meetings_held: int
    contacts_overdue: int  # due today (not only since)
    wins: int  # achievements dated since


@dataclass(frozen=True)
class GoalSeries:
    goal_id: str
    title: str
    points: list[tuple[date, float]]  # progress 0..1 as measured, in date order
    expected: list[tuple[date, float]]  # the straight line: (start, 0), (deadline, 1); empty without both


@dataclass(frozen=True)
class SkillSeries:
    skill_id: str
    name: str
    points: list[tuple[date, int]]  # every rating, in date order


TRACK_ORDER = (Track.OFF_TRACK, Track.AT_RISK, Track.ON_TRACK, Track.NOT_MEASURED, Track.DONE)
NEXT_EVENTS = 5  # how many sessions and meetings the dashboard lists ahead
RITUAL_DEFAULT_DAYS = 7  # before the ritual's series begins, its event counts the last 7 days


def quarter_of(day: date) -> tuple[date, date]:
    """The first and last day of the calendar quarter holding *day*."""
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    following = date(first.year + (first.month == 10), (first.month + 2) % 12 + 1, 1)
    return first, following - timedelta(days=1)


# A mentor meeting `m` that took place by :now (`Meeting.took_place`): marked held, or still
# planned at a time now past that the calendar kept.
TOOK_PLACE = "m.state = 'held' OR (m.state = 'planned' AND m.removed_from_calendar = 0 AND m.end_utc <= :now)"

# The active goals' figures for a `Position` (domain.goals) on :today, in SQLite: progress from
# their REAL columns, and the days from the start (else the day the goal was made) to the deadline as
# julianday differences, which are whole numbers: each is the same double Python works out.
_POSITIONS = """
WITH g AS (
    SELECT id, title, baseline, target, current, deadline,
        julianday(coalesce(start, substr(created, 1, 10))) AS began
    FROM goals WHERE status = 'active'
)
SELECT id, title, baseline IS NOT NULL AND target IS NOT NULL, current IS NOT NULL,
    CASE WHEN baseline IS NULL OR target IS NULL OR current IS NULL THEN NULL
        WHEN target = baseline THEN CASE WHEN current = target THEN 1.0 ELSE 0.0 END
        ELSE max(0.0, min(1.0, (current - baseline) / (target - baseline))) END,
    CASE WHEN deadline IS NULL THEN NULL
        WHEN julianday(deadline) - began <= 0 THEN 1.0
        ELSE max(0.0, min(1.0, (julianday(:today) - began) / (julianday(deadline) - began))) END,
    deadline
FROM g
"""

# The milestones of active goals not done and due by :horizon, soonest first (then by title):
# (goal id, due, title). Those due before today are the goal's late ones.
_MILESTONES_DUE = """
SELECT g.id, json_extract(m.value, '$.due') AS due, json_extract(m.value, '$.title') AS title
FROM goals AS g, json_each(g.milestones) AS m
WHERE g.status = 'active' AND due <= :horizon AND NOT json_extract(m.value, '$.done')
ORDER BY due, title
"""


class DashboardServices:
    """The figures above (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    # -- the dashboard ---------------------------------------------------------------------------
    def dashboard(self) -> Dashboard:
        ctx = self._ctx
        today = ctx.today()
        week_first = monday_of(today)
        quarter_first, quarter_last = quarter_of(today)
        first = min(week_first, quarter_first)
        last = max(week_first + timedelta(days=6), quarter_last)
        ranges = [(week_first, week_first + timedelta(days=6)), (quarter_first, quarter_last)]
        week, quarter = self._tally(ranges, (first, last))
        positions, milestones = self._positions(today, today + timedelta(days=DEADLINES_AHEAD_DAYS))
        goals = self._goal_figures(positions, today)
        open_actions, mine = self._open_actions()
        return Dashboard(
            today=today,
            goals=goals,
            week=week,
            quarter=quarter,
            contacts_due=self.contacts_due(),
            open_actions=open_actions,
            my_open_actions=mine,
            achievements_this_month=self._achievements(today.replace(day=1), today),
            deadlines=self._deadlines(goals, milestones, today, DEADLINES_AHEAD_DAYS),
            next_events=self.next_events(NEXT_EVENTS),
        )

    def _positions(
        self, today: date, horizon: date
    ) -> tuple[list[tuple[str, str, Position]], list[tuple[str, date, str]]]:
        """The active goals' (id, title, `Position` on *today*), worked out in SQLite (the same
        arithmetic as `domain.goals.position`, on the same doubles), and their milestones not done
        and due by *horizon* (goal id, due, title), soonest first."""
        db = self._ctx.store.db
        due = [
            (goal_id, date.fromisoformat(day), title)
            for goal_id, day, title in db.query(_MILESTONES_DUE, {"horizon": horizon.isoformat()})
        ]
        late: dict[str, list[tuple[date, str]]] = {}
        for goal_id, day, title in due:
            if day < today:
                late.setdefault(goal_id, []).append((day, title))
        positions = []
        for (
            goal_id,
            title,
            has_scale,
            measured,
            fraction,
            expected,
            deadline,
        ) in db.query(_POSITIONS, {"today": today.isoformat()}):
            overdue = late.get(goal_id, [])
            at = Position(
                achieved=False,
                has_scale=bool(has_scale),
                measured=bool(measured),
                fraction=fraction,
                expected=expected,
                deadline=date.fromisoformat(deadline) if deadline else None,
                late=len(overdue),
                first_late=overdue[0] if overdue else None,
            )
            positions.append((goal_id, title, at))
        return positions, due

    def _goal_figures(self, goals: list[tuple[str, str, Position]], today: date) -> list[GoalFigure]:
        figures = []
        for goal_id, title, at in goals:
            state = track_of(at, today)
            figures.append(
                GoalFigure(
                    goal_id=goal_id,
                    title=title,
                    track=state,
                    reason=reason_of(at, state, today),
                    fraction=at.fraction,
                    expected=at.expected,
                    deadline=at.deadline,
                )
            )
        return sorted(
            figures,
            key=lambda f: (TRACK_ORDER.index(f.track), f.deadline or date.max, f.title.casefold(), f.goal_id),
        )

    def _tally(self, ranges: list[tuple[date, date]], span: tuple[date, date]) -> list[HoursFigure]:
        """`tally` of *ranges* (all within the days *span*): the sessions that need their
        occurrences worked out in Python, and the one-offs nothing was logged for in SQLite."""
        ctx = self._ctx
        tz, now = ctx.time_zone(), ctx.now()
        window = days_window(span[0], span[1] + timedelta(days=1), tz)
        sessions, logs = sessions_between(ctx.store, *window, plain_one_offs=False)
        plain = plain_one_off_tally(
            ctx.store, [days_window(first, last + timedelta(days=1), tz) for first, last in ranges], now
        )
        return [
            HoursFigure(t.first, t.last, t.planned + planned, t.logged + logged, len(t.not_logged) + ended)
            for t, (planned, logged, ended) in zip(tally(sessions, logs, ranges, tz, now), plain, strict=True)
        ]

    def hours(self, first: date, last: date) -> HoursFigure:
        """Hours planned and logged, and sessions not logged, on the days *first* to *last*."""
        tz = self._ctx.time_zone()
        sessions, logs = sessions_between(self._ctx.store, *days_window(first, last + timedelta(days=1), tz))
        [days] = tally(sessions, logs, [(first, last)], tz, self._ctx.now())
        return HoursFigure(first, last, days.planned, days.logged, len(days.not_logged))

    def not_logged(self, first: date, after: date) -> list[Occurrence]:
        """The occurrences on the days from *first* to before *after* (the person's zone) that have
        ended with no log: what the Sessions view counts for the days it shows."""
        window = days_window(first, after, self._ctx.time_zone())
        sessions, logs = sessions_between(self._ctx.store, *window)
        return not_logged(sessions, effective_logs(sessions, logs), *window, self._ctx.now())

    def contacts_due(self) -> int:
        """How many contacts Reach out lists today (due or overdue), counted in SQLite with the rule
        of `domain.network.contact_due`: the contact's own rhythm, else the shortest of its tags'
        (tags compared as `str.casefold` compares them), from the latest real contact (an
        interaction, or a mentor meeting held, on its own day) or else the day it was added, and
        not before the day it was snoozed to."""
        db, today = self._ctx.store.db, self._ctx.today()
        rhythms: dict[str, int] = {}
        for tag, days in db.query("SELECT tag, cadence_days FROM tag_rhythms"):
            key = str(tag).casefold()
            rhythms[key] = min(int(days), rhythms.get(key, int(days)))
        held = self._meetings_held_days()
        values = ", ".join("(?, ?)" for _ in rhythms) or "(NULL, NULL)"
        held_values = ", ".join("(?, ?)" for _ in held) or "(NULL, NULL)"
        params: list[object] = [x for pair in rhythms.items() for x in pair]
        params += [x for contact_id, day in held.items() for x in (contact_id, day.isoformat())]
        # A tag in plain ASCII folds as SQLite's lower() folds it; any other goes through casefold().
        folded = "CASE WHEN t.value GLOB '*[^ -~]*' THEN casefold(t.value) ELSE lower(t.value) END"
        # Tags are looked through only where they may hold a tag with a rhythm: a list in plain ASCII
        # without escapes holds one only if its text, lowered, holds the rhythm's key.
        may_match = " OR ".join(
            ["c.tags GLOB '*[^ -~]*'", "instr(c.tags, '\\') > 0"] + ["instr(lower(c.tags), ?) > 0"] * len(rhythms)
        )
        params += list(rhythms)
        params += [today.isoformat()] * 2
        row = db.query(
            f"WITH rhythms(key, days) AS (VALUES {values}), held(contact_id, day) AS (VALUES {held_values}),"
            " paced AS (SELECT c.id, c.created, c.snoozed_until AS snoozed, coalesce(c.cadence_days,"
            f" CASE WHEN {may_match if rhythms else 'FALSE'} THEN (SELECT min(r.days) FROM json_each(c.tags) AS t"
            f" JOIN rhythms AS r ON r.key = {folded}) END) AS days"
            " FROM contacts AS c WHERE c.cadence_days IS NOT NULL OR c.tags <> '[]'),"
            " seen AS (SELECT days, snoozed, created,"
            " max(coalesce((SELECT max(happened_on) FROM interactions AS i WHERE i.contact_id = paced.id), ''),"
            " coalesce((SELECT day FROM held WHERE held.contact_id = paced.id), '')) AS day"
            " FROM paced WHERE days IS NOT NULL)"
            # due: the latest contact (else the day added) plus the rhythm is today or earlier, and
            # not snoozed past today; whole days, so julianday's arithmetic is exact
            " SELECT count(*) FROM seen"
            " WHERE julianday(CASE WHEN day = '' THEN substr(created, 1, 10) ELSE day END) + days <= julianday(?)"
            " AND coalesce(snoozed, '') <= ?",
            tuple(params),
        )[0]
        return int(row[0])

    def _meetings_held_days(self) -> dict[str, date]:
        """contact id -> the day of the latest mentor meeting with them that took place
        (`Meeting.took_place`, in SQL), in the meeting's own zone: a real contact."""
        rows = self._ctx.store.db.query(
            "SELECT s.contact_id, m.start_utc, m.start_tz FROM meetings AS m"
            f" JOIN mentorships AS s ON s.id = m.mentorship_id WHERE {TOOK_PLACE}",
            {"now": self._ctx.now().astimezone(UTC).isoformat()},
        )
        last: dict[str, date] = {}
        for contact_id, start_utc, start_tz in rows:
            day = datetime.fromisoformat(start_utc).astimezone(zone(start_tz)).date()
            if day > last.get(contact_id, date.min):
                last[contact_id] = day
        return last

    def _open_actions(self) -> tuple[int, int]:
        """Open action items of meetings not cancelled: all of them, and mine."""
        row = self._ctx.store.db.query(
            "SELECT count(*), coalesce(sum(json_extract(a.value, '$.owner') = 'me'), 0)"
            " FROM meetings AS m, json_each(m.action_items) AS a"
            " WHERE m.state <> 'cancelled' AND NOT json_extract(a.value, '$.done')"
        )[0]
        return int(row[0]), int(row[1])

    def _achievements(self, first: date, last: date) -> int:
        row = self._ctx.store.db.query(
            "SELECT count(*) FROM achievements WHERE achieved_on >= ? AND achieved_on <= ?",
            (first.isoformat(), last.isoformat()),
        )
        return int(row[0][0])

    def deadlines(self, ahead: int = DEADLINES_AHEAD_DAYS) -> list[DatedFigure]:
        """Goal deadlines, milestones, certification expiries and opportunities' next steps that
        are overdue or due in the next *ahead* days: overdue ones first, then the soonest."""
        today = self._ctx.today()
        positions, due = self._positions(today, today + timedelta(days=ahead))
        return self._deadlines(self._goal_figures(positions, today), due, today, ahead)

    def _deadlines(
        self, goals: list[GoalFigure], milestones: list[tuple[str, date, str]], today: date, ahead: int
    ) -> list[DatedFigure]:
        """The deadlines and *milestones* (goal id, due, title) of *goals* (the active ones) not
        done, and the rest of `deadlines`."""
        horizon = today + timedelta(days=ahead)
        found: list[DatedFigure] = []
        open_goals = {g.goal_id: g.title for g in goals if g.track is not Track.DONE}
        for goal in goals:
            if goal.goal_id in open_goals and goal.deadline is not None and goal.deadline <= horizon:
                found.append(DatedFigure(goal.deadline, "goal", goal.title, goal.goal_id, goal.deadline < today))
        for goal_id, day, title in milestones:
            if goal_id in open_goals and day <= horizon:
                found.append(DatedFigure(day, "milestone", f"{title} ({open_goals[goal_id]})", goal_id, day < today))
        db = self._ctx.store.db
        for item_id, title, expires in db.query(
            "SELECT id, title, expires_on FROM learning_items WHERE kind = 'certification' AND status <> 'dropped'"
            " AND earned_on IS NOT NULL AND expires_on IS NOT NULL AND expires_on <= ?",
            (horizon.isoformat(),),
        ):
            day = date.fromisoformat(expires)
            found.append(DatedFigure(day, "certification", title, item_id, day < today))
        for opportunity_id, title, step, on in db.query(
            "SELECT id, title, next_step, next_step_on FROM opportunities"
            " WHERE status = 'open' AND next_step_on IS NOT NULL AND next_step_on <= ?",
            (horizon.isoformat(),),
        ):
            day = date.fromisoformat(on)
            found.append(DatedFigure(day, "opportunity", f"{step} ({title})", opportunity_id, day < today))
        return sorted(found, key=lambda d: (not d.overdue, d.day, d.title.casefold(), d.record_id))

    # -- what happened since ---------------------------------------------------------------------
    def since(self, day: date) -> SinceFigures:
        ctx = self._ctx
        today, tz, now = ctx.today(), ctx.time_zone(), ctx.now()
        window = days_window(day, max(day, today) + timedelta(days=1), tz)
        sessions, logs = sessions_between(ctx.store, *window)
        by_key = effective_logs(sessions, logs)
        owners = {s.id: s for s in sessions}
        logged = skipped = 0
        for (session_id, key), log in by_key.items():
            owner = owners.get(session_id)
            occ = logged_occurrence(owner, key) if owner is not None else None
            if occ is None or not window[0] <= occ.start < window[1]:
                continue
            if log.state is OccurrenceState.DONE:
                logged += 1
            elif log.state is OccurrenceState.SKIPPED and occ.start <= now:
                skipped += 1
        missed = len(not_logged(sessions, by_key, *window, now))
        held = ctx.store.db.query(
            f"SELECT count(*) FROM meetings AS m WHERE ({TOOK_PLACE}) AND m.start_utc >= :lo AND m.start_utc < :hi",
            {
                "now": now.astimezone(UTC).isoformat(),
                "lo": window[0].astimezone(UTC).isoformat(),
                "hi": window[1].astimezone(UTC).isoformat(),
            },
        )[0][0]
        return SinceFigures(
            since=day,
            sessions_logged=logged,
            sessions_missed=missed + skipped,
            meetings_held=int(held),
            contacts_overdue=self.contacts_due(),
            wins=self._achievements(day, today),
        )

    def last_review_day(self) -> date | None:
        """The day the last finished review was finished, if any."""
        row = self._ctx.store.db.query(
            "SELECT max(coalesce(finished_on, period_end)) FROM reviews WHERE completed = 1"
        )[0][0]
        return date.fromisoformat(row) if row else None

    def ritual_description(self) -> str:
        """What the next review will cover, for the ritual's calendar event: e.g. "Since 27 Nov 2026:
        2 sessions missed, 3 contacts overdue, 1 win logged. Open the Review tab of Empower Desktop to
        run the review." Counted from `covered_from`."""
        day = self.covered_from(self._ctx.today())
        figures = self.since(day)
        return (
            f"Since {day_text(day)}: {_plural(figures.sessions_missed, 'session')} missed, "
            f"{_plural(figures.contacts_overdue, 'contact')} overdue, {_plural(figures.wins, 'win')} logged. "
            "Open the Review tab of Empower Desktop to run the review."
        )

    def covered_from(self, today: date) -> date:
        """The first day the next review covers: the day after the last finished review; with none
        yet, the day the ritual came round before its next time (today, when it is today). So the
        text of the ritual's event changes when its figures do, not each day a window slides on."""
        last = self.last_review_day()
        if last is not None:
            return min(last + timedelta(days=1), today)
        from ..sync.mapping import ritual_day_from, ritual_first_day

        settings = self._ctx.settings
        weekday, weeks = int(settings.get("review.weekday")), settings.review_cadence_weeks
        following = ritual_day_from(today, weekday, weeks)  # today, when it is a ritual day
        if following == ritual_first_day(weekday):  # pragma: no cover - the series began in Dec 2025
            return today - timedelta(days=RITUAL_DEFAULT_DAYS)
        return following - timedelta(weeks=weeks)

    # -- charts ----------------------------------------------------------------------------------
    def goal_series(self, goal_id: str) -> GoalSeries:
        goal = self._ctx.store.goals.get(goal_id)
        points = []
        for point in sorted(goal.progress, key=lambda p: p.on):
            fraction = progress_fraction(dataclasses.replace(goal, current=point.value))
            if fraction is not None:
                points.append((point.on, fraction))
        start = goal.start or goal.created.date()
        expected = [(start, 0.0), (goal.deadline, 1.0)] if goal.deadline is not None else []
        return GoalSeries(goal.id, goal.title, points, expected)

    def skill_series(self) -> list[SkillSeries]:
        """Every skill with at least two ratings."""
        rows = self._ctx.store.db.query(
            "SELECT r.skill_id, s.name, r.rated_on, r.level"
            " FROM skill_ratings AS r JOIN skills AS s ON s.id = r.skill_id"
            " WHERE r.skill_id IN (SELECT skill_id FROM skill_ratings GROUP BY skill_id HAVING count(*) >= 2)"
            " ORDER BY s.name COLLATE NOCASE, s.id, r.rated_on, r.created, r.rowid"
        )
        series: dict[str, SkillSeries] = {}
        for skill_id, name, rated_on, level in rows:
            found = series.setdefault(skill_id, SkillSeries(skill_id, name, []))
            found.points.append((date.fromisoformat(rated_on), int(level)))
        return list(series.values())

    def hours_by_week(self, weeks: int = 12) -> list[WeekHours]:
        """Planned and logged hours of the last *weeks* ISO weeks, this one included."""
        tz = self._ctx.time_zone()
        first = monday_of(self._ctx.today()) - timedelta(weeks=weeks - 1)
        sessions, logs = sessions_between(self._ctx.store, *days_window(first, first + timedelta(weeks=weeks), tz))
        return weekly_hours(sessions, logs, first, weeks, tz)

    def satisfaction_series(self) -> list[tuple[date, int]]:
        """The overall job satisfaction of every check-in, in date order."""
        rows = self._ctx.store.db.query(
            "SELECT checked_on, overall FROM satisfaction_checkins ORDER BY checked_on, created, rowid"
        )
        return [(date.fromisoformat(on), int(overall)) for on, overall in rows]

    # -- what comes next -------------------------------------------------------------------------
    def next_events(self, limit: int = 5) -> list[NextEvent]:
        """The next *limit* session occurrences and planned meetings not over yet, soonest first."""
        ctx = self._ctx
        now = ctx.now()
        now_utc = now.astimezone(UTC).isoformat()
        db = ctx.store.db
        titles = {row[0]: row[1] for row in db.query("SELECT id, title FROM learning_items")}
        found: list[NextEvent] = []
        for meeting_id, title, start_utc, start_tz, end_utc, end_tz in db.query(
            "SELECT id, title, start_utc, start_tz, end_utc, end_tz FROM meetings"
            " WHERE state = 'planned' AND end_utc > ? ORDER BY start_utc, id LIMIT ?",
            (now_utc, limit),
        ):
            start = datetime.fromisoformat(start_utc).astimezone(zone(start_tz))
            end = datetime.fromisoformat(end_utc).astimezone(zone(end_tz))
            found.append(NextEvent(start, end, title, "meeting", meeting_id))
        one_offs = lean_sessions(
            ctx.store,
            # not over yet, so begun at most MAX_SESSION ago: the start-time index finds them
            "rrule = '' AND start_utc > ? AND end_utc > ? AND state NOT IN ('done', 'skipped')"
            " AND id NOT IN (SELECT session_id FROM occurrence_logs WHERE state = 'skipped')",
            ((now - MAX_SESSION).astimezone(UTC).isoformat(), now_utc),
            limit,
        )
        habits = lean_sessions(
            ctx.store,
            "rrule <> '' AND (instr(rrule, 'UNTIL=') = 0 OR substr(rrule, instr(rrule, 'UNTIL=') + 6, 8) >= ?)",
            ((now.astimezone(UTC) - timedelta(days=1)).strftime("%Y%m%d"),),
        )
        skipped = {
            (row[0], row[1])
            for row in db.query(
                "SELECT session_id, occurrence FROM occurrence_logs WHERE state = 'skipped'"
                " AND session_id IN (SELECT id FROM learning_sessions WHERE rrule <> '')"
            )
        }
        occurrences: list[Occurrence] = []
        for session in one_offs:
            occurrences += expand(session, session.start.instant, session.start.instant + timedelta(seconds=1))
        for habit in habits:  # its next ones (or the one under way), worked out only as far as needed
            ahead = (
                o
                for o in occurrences_from(habit, now - habit.duration)
                if o.end > now and (habit.id, o.key) not in skipped
            )
            occurrences += itertools.islice(ahead, limit)
        for occ in occurrences:
            found.append(NextEvent(occ.start, occ.end, titles.get(occ.item_id, ""), "session", occ.session_id, occ.key))
        found.sort(key=lambda e: (e.start, e.kind, e.title.casefold(), e.record_id))
        return found[:limit]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _hours_json(figure: HoursFigure) -> dict[str, Any]:
    return {
        "first_day": figure.first_day.isoformat(),
        "last_day": figure.last_day.isoformat(),
        "planned_hours": round(figure.planned, 2),
        "logged_hours": round(figure.logged, 2),
        "sessions_not_logged": figure.not_logged,
    }


def _fraction(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


JSON_FORMAT_VERSION = 1


def dashboard_json(dashboard: Dashboard, period: str) -> dict[str, Any]:
    """The figures as `empower-desktop review --json` prints them (fields documented in the README).
    *period* is "week" or "quarter": which hours figure is given as "hours"."""
    if period not in ("week", "quarter"):
        raise ValueError(f"period is week or quarter, not {period!r}")
    hours = dashboard.week if period == "week" else dashboard.quarter
    return {
        "format_version": JSON_FORMAT_VERSION,
        "today": dashboard.today.isoformat(),
        "period": period,
        "goals": {
            "on_track": dashboard.count(Track.ON_TRACK),
            "at_risk": dashboard.count(Track.AT_RISK),
            "off_track": dashboard.count(Track.OFF_TRACK),
            "not_measured": dashboard.count(Track.NOT_MEASURED),
            "target_reached": dashboard.count(Track.DONE),
            "items": [
                {
                    "id": g.goal_id,
                    "title": g.title,
                    "track": g.track.value,
                    "reason": g.reason,
                    "progress": _fraction(g.fraction),
                    "expected": _fraction(g.expected),
                    "deadline": g.deadline.isoformat() if g.deadline else None,
                }
                for g in dashboard.goals
            ],
        },
        "hours": _hours_json(hours),
        "week": _hours_json(dashboard.week),
        "quarter": _hours_json(dashboard.quarter),
        "sessions_not_logged": hours.not_logged,
        "contacts_due": dashboard.contacts_due,
        "open_actions": dashboard.open_actions,
        "my_open_actions": dashboard.my_open_actions,
        "achievements_this_month": dashboard.achievements_this_month,
        "deadlines": [
            {"day": d.day.isoformat(), "kind": d.kind, "title": d.title, "id": d.record_id, "overdue": d.overdue}
            for d in dashboard.deadlines
        ],
        "next_events": [
            {
                "start": e.start.isoformat(),
                "end": e.end.isoformat(),
                "kind": e.kind,
                "title": e.title,
                "id": e.record_id,
                "occurrence": e.key,
            }
            for e in dashboard.next_events
        ],
    }


def dashboard_lines(dashboard: Dashboard, period: str) -> list[str]:
    """The dashboard's figures for a person, as `empower-desktop review` prints them below the goals:
    learning hours of the week (or quarter), contacts due, open actions, wins, deadlines, what is next."""
    hours = dashboard.week if period == "week" else dashboard.quarter
    span = f"{day_text(hours.first_day)} to {day_text(hours.last_day)}"
    lines = [
        "",
        f"LEARNING THIS {'WEEK' if period == 'week' else 'QUARTER'} ({span})",
        f"  {hours.logged:.1f} h logged of {hours.planned:.1f} h planned",
    ]
    if hours.not_logged:
        lines.append(f"  {_plural(hours.not_logged, 'past session')} not logged yet")
    lines += [
        "",
        f"Contacts due: {dashboard.contacts_due}"
        + (" (empower-desktop contacts due lists them)" if dashboard.contacts_due else ""),
        f"Open action items from mentor meetings: {dashboard.open_actions} ({dashboard.my_open_actions} mine)",
        f"Achievements this month: {dashboard.achievements_this_month}",
    ]
    if dashboard.deadlines:
        lines += [
            "",
            f"DEADLINES AND MILESTONES, OVERDUE AND NEXT {DEADLINES_AHEAD_DAYS} DAYS ({len(dashboard.deadlines)})",
        ]
        for d in dashboard.deadlines:
            late = " (overdue)" if d.overdue else " (today)" if d.day == dashboard.today else ""
            lines.append(f"  • {day_text(d.day)}{late} — {DATED_KINDS.get(d.kind, d.kind)}: {d.title}")
    if dashboard.next_events:
        lines += ["", "NEXT"]
        for e in dashboard.next_events:
            lines.append(f"  • {moment_text(e.start)} — {'Session' if e.kind == 'session' else 'Meeting'}: {e.title}")
    return lines


DATED_KINDS = {
    "goal": "Goal deadline",
    "milestone": "Milestone",
    "certification": "Certification expires",
    "opportunity": "Next step",
}
