"""Rules that protect the record: what cannot be true is refused with a message in the window's
words (dates as the window writes them), and nothing is saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from empower_desktop.domain import DomainError, Goal, LearningItem, LearningSession, ZonedDateTime
from empower_desktop.domain.assess import GoalStatus, ProgressPoint
from empower_desktop.domain.learn import LearningType, OccurrenceState
from empower_desktop.services import Services

from ...conftest import TODAY

TZ = "Europe/Berlin"


def measured_goal(services: Services) -> Goal:
    goal = Goal(
        title="Cut p99 latency",
        status=GoalStatus.ACTIVE,
        metric="p99 in ms",
        baseline=400,
        target=200,
        current=400,
        start=TODAY - timedelta(days=60),
        deadline=TODAY + timedelta(days=120),
        progress=[ProgressPoint(on=TODAY - timedelta(days=60), value=400)],
    )
    saved = services.data.save(goal)
    assert isinstance(saved, Goal)
    return saved


def test_a_measurement_dated_after_today_is_refused_and_changes_nothing(services: Services) -> None:
    goal = measured_goal(services)
    with pytest.raises(DomainError, match=r"after today \(15 Jun 2026\)"):
        services.goals.update_progress(goal.id, 250, on=TODAY + timedelta(days=10))
    stored = services.store.goals.get(goal.id)
    assert stored.current == 400 and stored.progress == goal.progress


def test_a_value_measured_today_counts_even_after_a_future_dated_one_kept_from_before(services: Services) -> None:
    goal = measured_goal(services)
    ahead = ProgressPoint(on=TODAY + timedelta(days=30), value=210)  # accepted by an earlier version
    services.data.save(replace(goal, current=210, progress=[*goal.progress, ahead]))

    updated = services.goals.update_progress(goal.id, 330)

    assert updated.current == 330  # the latest value measured by today, not the one dated ahead
    assert services.store.goals.get(goal.id).current == 330
    assert [p.on for p in updated.progress] == [TODAY - timedelta(days=60), TODAY, TODAY + timedelta(days=30)]


def test_a_measurement_before_the_goals_start_names_the_start_as_the_window_writes_it(services: Services) -> None:
    goal = measured_goal(services)
    with pytest.raises(DomainError, match=r"before the goal's start \(16 Apr 2026\)"):
        services.goals.update_progress(goal.id, 300, on=TODAY - timedelta(days=90))


def one_off(services: Services, start: datetime) -> LearningSession:
    item = services.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Rust"))
    begins = ZonedDateTime.at(start, TZ)
    return services.learning.save_session(
        LearningSession(item_id=item.id, start=begins, end=begins + timedelta(hours=1))
    )


def test_a_session_still_ahead_cannot_be_logged_as_done_but_can_be_skipped(services: Services) -> None:
    session = one_off(services, datetime(2026, 6, 18, 7, 30))  # Thursday; today is Monday 15 June
    key = "2026-06-18T07:30:00"
    with pytest.raises(DomainError, match=r"on Thu 18 Jun 2026, 07:30 has not taken place yet"):
        services.learning.log_done(session.id, key, 60, "read ahead")
    assert services.store.occurrence_logs.all() == []
    assert services.learning.week_hours(date(2026, 6, 15), 1)[0].logged == 0

    assert services.learning.log_skipped(session.id, key).state is OccurrenceState.SKIPPED


def test_a_session_that_has_taken_place_is_logged_as_done(services: Services) -> None:
    session = one_off(services, datetime(2026, 6, 15, 7, 0))  # this morning, before 9:30 UTC
    log = services.learning.log_done(session.id, "2026-06-15T07:00:00", 55, "Lifetimes at last")
    assert log.state is OccurrenceState.DONE and log.minutes_spent == 55


def test_an_occurrence_a_session_does_not_have_is_named_in_words(services: Services) -> None:
    session = one_off(services, datetime(2026, 6, 15, 7, 0))
    with pytest.raises(DomainError, match=r"^This session does not take place on Tue 16 Jun 2026, 07:00$"):
        services.learning.log_skipped(session.id, "2026-06-16T07:00:00")


def test_a_certification_cannot_be_earned_after_today(services: Services) -> None:
    from empower_desktop.domain.learn import LearningType as Kind

    cert = LearningItem(kind=Kind.CERTIFICATION, title="CKA", earned_on=TODAY + timedelta(days=3))
    with pytest.raises(DomainError, match=r"^Earned on: .* after today \(15 Jun 2026\)"):
        services.learning.save_item(cert)
    assert services.learning.items() == []
    cert.earned_on = TODAY
    assert services.learning.save_item(cert).earned_on == TODAY


def test_dates_out_of_order_are_named_as_the_fields_are(services: Services) -> None:
    with pytest.raises(DomainError, match=r"the finish \(1 Jun 2026\) is before the start \(15 Jun 2026\)"):
        LearningItem(kind=LearningType.COURSE, title="Rust", start=TODAY, finish=date(2026, 6, 1))
    with pytest.raises(DomainError, match=r"the expiry \(1 Jun 2026\) is before the day it was earned"):
        LearningItem(kind=LearningType.CERTIFICATION, title="CKA", earned_on=TODAY, expires_on=date(2026, 6, 1))


def test_a_milestone_outside_its_goals_time_is_refused(services: Services) -> None:
    from empower_desktop.domain.assess import Milestone

    goal = Goal(
        title="Ship the pipeline",
        start=date(2026, 6, 1),
        deadline=date(2026, 9, 1),
        milestones=[Milestone(title="Design review", due=date(2026, 5, 20))],
    )
    with pytest.raises(DomainError, match=r"“Design review” is due before the goal's start \(20 May 2026 before"):
        services.goals.save(goal, activate=False)
    goal.milestones = [Milestone(title="Launch", due=date(2026, 9, 30))]
    with pytest.raises(DomainError, match=r"“Launch” is due after the goal's deadline \(30 Sep 2026 after 1 Sep"):
        services.goals.save(goal, activate=False)
    assert services.goals.rows(include_archived=True) == []
    goal.milestones = [Milestone(title="Launch", due=date(2026, 8, 30))]
    assert services.goals.save(goal, activate=False).milestones[0].due == date(2026, 8, 30)
