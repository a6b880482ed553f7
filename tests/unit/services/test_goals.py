"""Goal use-cases: drafts and activation, progress history, status, delete and undo."""

from __future__ import annotations

from datetime import date

import pytest

from empower_desktop.domain import DomainError, Goal
from empower_desktop.domain.assess import GoalStatus, ProgressPoint
from empower_desktop.services import Services

from ..domain.test_goals import smart_goal


def test_a_goal_that_is_not_smart_is_saved_as_a_draft_and_cannot_be_activated(services: Services) -> None:
    vague = Goal(title="Get better at negotiation")
    with pytest.raises(DomainError, match=r"Only a SMART goal can be activated \(Specific: fewer than 5 words"):
        services.goals.save(vague, activate=True)
    assert services.store.goals.count() == 0  # nothing saved half-way
    saved = services.goals.save(vague, activate=False)
    assert services.store.goals.get(saved.id).status is GoalStatus.DRAFT


def test_a_smart_goal_is_activated(services: Services) -> None:
    saved = services.goals.save(smart_goal(status=GoalStatus.DRAFT), activate=True)
    row = next(r for r in services.goals.rows() if r.goal.id == saved.id)
    assert row.goal.status is GoalStatus.ACTIVE and row.smart


def test_progress_updates_keep_a_dated_history(services: Services) -> None:
    goal = services.goals.save(smart_goal(current=0.0, progress=[]), activate=True)
    services.goals.update_progress(goal.id, 1.0, date(2026, 3, 1))
    services.goals.update_progress(goal.id, 1.5, date(2026, 6, 1))
    updated = services.goals.update_progress(goal.id, 1.6, date(2026, 6, 1))  # same day: replaces that day's value
    assert updated.current == 1.6
    assert updated.progress == [
        ProgressPoint(on=date(2026, 3, 1), value=1.0),
        ProgressPoint(on=date(2026, 6, 1), value=1.6),
    ]
    assert services.store.goals.get(goal.id).progress == updated.progress


def test_absurd_or_early_measurements_are_refused_and_change_nothing(services: Services) -> None:
    goal = services.goals.save(smart_goal(current=1.0, progress=[]), activate=True)
    with pytest.raises(DomainError, match="not a usable number"):
        services.goals.update_progress(goal.id, 1e15, date(2026, 6, 1))
    with pytest.raises(DomainError, match="before the goal's start"):
        services.goals.update_progress(goal.id, 1.0, date(2025, 1, 1))
    assert services.store.goals.get(goal.id).current == 1.0
    assert services.store.goals.get(goal.id).progress == []


def test_archived_goals_leave_the_list_but_not_the_record(services: Services) -> None:
    goal = services.goals.save(smart_goal(), activate=True)
    services.goals.set_status(goal.id, GoalStatus.ARCHIVED)
    assert goal.id not in {r.goal.id for r in services.goals.rows()}
    assert goal.id in {r.goal.id for r in services.goals.rows(include_archived=True)}
    draft = services.goals.save(Goal(title="Vague"), activate=False)
    with pytest.raises(DomainError, match="Only a SMART goal can be active"):
        services.goals.set_status(draft.id, GoalStatus.ACTIVE)


def test_delete_then_restore_brings_back_the_goal_and_its_links(demo_services: Services) -> None:
    store = demo_services.store
    linked = next(a for a in store.achievements.all() if a.goal_id is not None)
    goal = store.goals.get(linked.goal_id or "")
    items_before = {i.id for i in store.learning_items.all() if i.goal_id == goal.id}
    deleted = demo_services.goals.delete(goal.id)
    assert goal.id not in {g.id for g in store.goals.all()}
    assert store.achievements.get(linked.id).goal_id is None  # the link is cleared, the record stays
    demo_services.goals.restore(deleted)
    assert store.goals.get(goal.id) == goal
    assert store.achievements.get(linked.id).goal_id == goal.id
    assert {i.id for i in store.learning_items.all() if i.goal_id == goal.id} == items_before
