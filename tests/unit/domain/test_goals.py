from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from empower_desktop.domain import DomainError, Goal
from empower_desktop.domain.assess import GoalStatus, Milestone
from empower_desktop.domain.goals import Track, is_smart, progress_fraction, smart_check, track

TODAY = date(2026, 6, 15)


def smart_goal(**changes: object) -> Goal:
    fields: dict[str, object] = {
        "title": "Give two conference talks",
        "specific": "Speak at two regional conferences about our event pipeline",
        "metric": "talks given",
        "unit": "talks",
        "baseline": 0.0,
        "target": 2.0,
        "current": 1.0,
        "achievable": "Abstract drafted; my manager supports travel",
        "relevant": "Visibility for the staff-engineer path",
        "start": date(2026, 1, 1),
        "deadline": date(2026, 12, 31),
        "status": GoalStatus.ACTIVE,
        "created": datetime(2026, 1, 1, tzinfo=UTC),
    }
    fields.update(changes)
    return Goal(**fields)  # type: ignore[arg-type]


def reasons(goal: Goal) -> dict[str, str]:
    return {s.name: s.reason for s in smart_check(goal, TODAY) if not s.ok}


def test_a_complete_goal_is_smart() -> None:
    assert is_smart(smart_goal(), TODAY)
    assert reasons(smart_goal()) == {}


def test_a_goal_without_deadline_or_target_is_not_smart_with_reasons() -> None:
    goal = smart_goal(deadline=None, target=None)
    assert not is_smart(goal, TODAY)
    assert reasons(goal) == {"Measurable": "no target value", "Time-bound": "no deadline"}


@pytest.mark.parametrize(
    ("changes", "letter", "reason"),
    [
        ({"specific": "Talk more", "title": "Talks"}, "Specific", "fewer than 5 words"),
        ({"metric": ""}, "Measurable", "no metric"),
        ({"baseline": 2.0}, "Measurable", "target equals the baseline"),
        ({"achievable": " "}, "Achievable", "say why it is within reach"),
        ({"relevant": ""}, "Relevant", "link it to your vision or to skills"),
        ({"deadline": date(2026, 6, 1), "start": date(2026, 1, 1)}, "Time-bound", "deadline is in the past"),
    ],
)
def test_each_letter_fails_with_its_reason(changes: dict[str, object], letter: str, reason: str) -> None:
    assert reasons(smart_goal(**changes)) == {letter: reason}


def test_a_deadline_today_is_not_in_the_past() -> None:
    assert is_smart(smart_goal(deadline=TODAY), TODAY)


def test_deadline_before_start_is_refused() -> None:
    with pytest.raises(DomainError, match="before the start"):
        smart_goal(start=date(2026, 7, 1), deadline=date(2026, 6, 1))


def test_absurd_metric_values_are_refused() -> None:
    with pytest.raises(DomainError, match="not a usable number"):
        smart_goal(target=float("inf"))
    with pytest.raises(DomainError, match="not a usable number"):
        smart_goal(current=float("nan"))


def test_progress_for_increase_and_reduce_goals() -> None:
    assert progress_fraction(smart_goal(baseline=0.0, target=2.0, current=1.0)) == 0.5
    # a "reduce" goal: p99 latency from 900 to 300 ms, now 600
    assert progress_fraction(smart_goal(baseline=900.0, target=300.0, current=600.0)) == 0.5
    assert progress_fraction(smart_goal(baseline=900.0, target=300.0, current=1000.0)) == 0.0
    assert progress_fraction(smart_goal(baseline=2.0, target=2.0, current=2.0)) == 1.0
    assert progress_fraction(smart_goal(current=None)) is None


def test_on_track_compares_progress_with_time_elapsed() -> None:
    # start Jan 1, deadline Dec 31: on Jun 15 about 45% of the time has passed
    assert track(smart_goal(current=1.0), TODAY) is Track.ON_TRACK  # 50%
    assert track(smart_goal(current=0.8), TODAY) is Track.AT_RISK  # 40%
    assert track(smart_goal(current=0.2), TODAY) is Track.OFF_TRACK  # 10%
    assert track(smart_goal(current=2.0), TODAY) is Track.DONE


def test_an_overdue_milestone_puts_a_goal_at_risk() -> None:
    late = Milestone(title="Submit abstract", due=date(2026, 5, 1), done=False)
    assert track(smart_goal(current=1.0, milestones=[late]), TODAY) is Track.AT_RISK
    late.done = True
    assert track(smart_goal(current=1.0, milestones=[late]), TODAY) is Track.ON_TRACK


def test_a_goal_past_its_deadline_unmet_is_off_track_and_unmeasured_goals_say_so() -> None:
    assert track(smart_goal(deadline=date(2026, 6, 1), current=1.5), TODAY) is Track.OFF_TRACK
    assert track(smart_goal(target=None), TODAY) is Track.NOT_MEASURED
    assert track(smart_goal(status=GoalStatus.ACHIEVED, current=0.0), TODAY) is Track.DONE


def test_a_goal_without_milestones_is_judged_on_progress_alone() -> None:
    goal = smart_goal(current=1.0, milestones=[])
    assert goal.milestones == []
    assert track(goal, TODAY) is Track.ON_TRACK


def test_a_goal_whose_start_is_its_deadline_expects_all_progress_on_that_day() -> None:
    goal = smart_goal(start=TODAY, deadline=TODAY, current=1.0)
    assert track(goal, TODAY) is Track.OFF_TRACK  # 50% done when 100% was due today
