from __future__ import annotations

import pytest

from empower_desktop.services import Services
from empower_desktop.sync.targets.memory import MemoryTarget

from .support import TARGET, register, sync


@pytest.fixture
def calendar(demo_services: Services) -> MemoryTarget:
    """The example data, synced once to an in-memory calendar."""
    register(demo_services)
    target = MemoryTarget(TARGET)
    sync(demo_services, target)
    return target
