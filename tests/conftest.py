"""Shared fixtures: a real SQLite store in a temporary folder and a fixed clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from empower_desktop.demo import populate
from empower_desktop.services import Services

FIXED_NOW = datetime(2026, 6, 15, 9, 30, tzinfo=UTC)
TODAY = date(2026, 6, 15)

# The fixtures of tests/integration/conftest.py that start a server (a real one, or a fake on 127.0.0.1)
SERVER_FIXTURES = frozenset({"radicale_server", "xandikos_server", "server", "calendar_url", "fake_server"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Stop the run if a test starts a server without the `integration` mark, so that
    `-m "not integration"` never waits for one."""
    unmarked = [
        item.nodeid
        for item in items
        if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())) and item.get_closest_marker("integration") is None
    ]
    if unmarked:
        raise pytest.UsageError("These tests start a server, so mark them integration: " + ", ".join(unmarked))


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    svc = Services.open(tmp_path / "data", clock=lambda: FIXED_NOW)
    svc.settings.set("general.time_zone", "Europe/Berlin")
    yield svc
    svc.close()


@pytest.fixture
def demo_services(services: Services) -> Services:
    populate(services.store, TODAY, size="small", tz="Europe/Berlin")
    return services
