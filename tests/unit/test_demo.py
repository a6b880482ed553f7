from __future__ import annotations

from datetime import date
from pathlib import Path

from empower_desktop.demo import populate
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
