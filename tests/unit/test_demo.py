from __future__ import annotations

from datetime import date
from pathlib import Path

from empower_desktop.demo import populate
from empower_desktop.domain.learn import LearningType, OccurrenceState
from empower_desktop.services import Services


def test_the_large_example_data_is_the_benchmark_size(tmp_path: Path) -> None:
    services = Services.open(tmp_path)
    populate(services.store, date(2026, 6, 15), size="large", tz="America/New_York")
    counts = services.store.counts()
    assert counts["skills"] >= 200 and counts["skill_ratings"] >= 2 * counts["skills"]
    assert counts["goals"] >= 300
    assert counts["learning_sessions"] >= 2000
    assert counts["contacts"] >= 1500
    assert counts["interactions"] >= 3000
    assert counts["achievements"] >= 1000
    assert services.store.db.integrity_check() == ["ok"]
    services.close()


def test_example_data_is_the_same_for_the_same_day(tmp_path: Path) -> None:
    titles = []
    for name in ("a", "b"):
        services = Services.open(tmp_path / name)
        populate(services.store, date(2026, 6, 15))
        titles.append([(g.title, g.deadline, g.current) for g in services.store.goals.all()])
        services.close()
    assert titles[0] == titles[1]


def test_example_data_reads_as_one_persons_career(demo_services: Services) -> None:
    store = demo_services.store
    goals = {g.id: g for g in store.goals.all()}
    items = store.learning_items.all()
    for item in items:
        goal = goals.get(item.goal_id) if item.goal_id else None
        if goal is not None:  # an item builds a skill its goal asks for
            wanted = {need.skill_id for need in goal.required_skills}
            assert set(item.skill_ids) <= wanted, f"{item.title} builds nothing “{goal.title}” needs"
        if item.kind is LearningType.CERTIFICATION:
            assert goal is not None, f"{item.title} serves no goal"
        if item.kind is LearningType.CONFERENCE and item.start and item.finish:
            assert (item.finish - item.start).days <= 7, f"{item.title} runs {(item.finish - item.start).days} days"
    started = {item.id: item.start for item in items}
    for session in store.learning_sessions.all():
        begins = started.get(session.item_id)
        assert begins is None or session.start.local().date() >= begins, "a session before its item began"
    today = demo_services.today().isoformat()
    for log in store.occurrence_logs.all():
        if log.state is OccurrenceState.DONE:  # nothing is logged as done before it happened
            assert log.occurrence[:10] < today, log.occurrence
