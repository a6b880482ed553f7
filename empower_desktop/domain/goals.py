"""Rules over goals: the SMART check, progress, and whether a goal is on track."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .assess import Goal, GoalStatus
from .common import Choice

SPECIFIC_MIN_WORDS = 5


@dataclass(frozen=True, slots=True)
class SmartLetter:
    letter: str
    name: str
    ok: bool
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {'ok' if self.ok else self.reason}"


def smart_check(goal: Goal, today: date) -> list[SmartLetter]:
    """One entry per SMART letter, each with the reason it fails (empty when it passes)."""
    specific_words = len((goal.specific or goal.title).split())
    specific = "" if specific_words >= SPECIFIC_MIN_WORDS else f"fewer than {SPECIFIC_MIN_WORDS} words"

    if not goal.metric.strip():
        measurable = "no metric"
    elif goal.target is None:
        measurable = "no target value"
    elif goal.baseline is not None and goal.baseline == goal.target:
        measurable = "target equals the baseline"
    else:
        measurable = ""

    achievable = "" if goal.achievable.strip() else "say why it is within reach"
    relevant = "" if goal.relevant.strip() or goal.required_skills else "link it to your vision or to skills"

    if goal.deadline is None:
        time_bound = "no deadline"
    elif goal.deadline < today and goal.status in (GoalStatus.DRAFT, GoalStatus.ACTIVE):
        time_bound = "deadline is in the past"
    else:
        time_bound = ""

    return [
        SmartLetter("S", "Specific", not specific, specific),
        SmartLetter("M", "Measurable", not measurable, measurable),
        SmartLetter("A", "Achievable", not achievable, achievable),
        SmartLetter("R", "Relevant", not relevant, relevant),
        SmartLetter("T", "Time-bound", not time_bound, time_bound),
    ]


def is_smart(goal: Goal, today: date) -> bool:
    return all(letter.ok for letter in smart_check(goal, today))


def progress_fraction(goal: Goal) -> float | None:
    """How far the current value is from baseline to target, 0..1; None when unmeasurable.

    Works for "reduce" goals too, where the target lies below the baseline.
    """
    if goal.target is None or goal.baseline is None or goal.current is None:
        return None
    span = goal.target - goal.baseline
    if span == 0:
        return 1.0 if goal.current == goal.target else 0.0
    return max(0.0, min(1.0, (goal.current - goal.baseline) / span))


def expected_fraction(goal: Goal, today: date) -> float | None:
    """Where a straight line from the goal's start (else the day it was made) to its deadline says its
    progress should be on *today*, 0..1 (1 from the deadline on); None without a deadline."""
    if goal.deadline is None:
        return None
    start = goal.start or goal.created.date()
    total_days = (goal.deadline - start).days
    return 1.0 if total_days <= 0 else max(0.0, min(1.0, (today - start).days / total_days))


class Track(Choice):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    DONE = "done"
    NOT_MEASURED = "not_measured"


ON_TRACK_SLACK = 0.05
AT_RISK_SLACK = 0.15


@dataclass(frozen=True, slots=True)
class Position:
    """What `track` and the reason given for it read of a goal on a day: one definition, whether the
    pieces come from a decoded goal (`position`) or from SQLite (the dashboard's read)."""

    achieved: bool  # its status is achieved
    has_scale: bool  # a baseline and a target are set
    measured: bool  # a current value is set
    fraction: float | None  # `progress_fraction`
    expected: float | None  # `expected_fraction` on the day
    deadline: date | None
    late: int  # milestones due before the day and not done
    first_late: tuple[date, str] | None  # the earliest of them (due, title; by title on a tie)


def position(goal: Goal, today: date) -> Position:
    late = sorted((m.due, m.title) for m in goal.milestones if m.due is not None and m.due < today and not m.done)
    return Position(
        achieved=goal.status is GoalStatus.ACHIEVED,
        has_scale=goal.target is not None and goal.baseline is not None,
        measured=goal.current is not None,
        fraction=progress_fraction(goal),
        expected=expected_fraction(goal, today),
        deadline=goal.deadline,
        late=len(late),
        first_late=late[0] if late else None,
    )


def track(goal: Goal, today: date) -> Track:
    """On track when progress keeps up with the time elapsed (expected linear progress).

    At risk when it trails by more than ON_TRACK_SLACK (up to AT_RISK_SLACK) or a milestone is overdue; off track beyond
    that or when the deadline has passed unmet.
    """
    return track_of(position(goal, today), today)


def track_of(at: Position, today: date) -> Track:
    """`track` of a goal at *at* on *today*."""
    if at.achieved:
        return Track.DONE
    fraction = at.fraction
    if fraction is None or at.deadline is None:
        return Track.NOT_MEASURED
    if fraction >= 1.0:
        return Track.DONE
    if today > at.deadline:
        return Track.OFF_TRACK
    expected = at.expected or 0.0
    behind = expected - fraction
    if behind > AT_RISK_SLACK:
        return Track.OFF_TRACK
    if behind > ON_TRACK_SLACK or at.late:
        return Track.AT_RISK
    return Track.ON_TRACK
