"""The context every area of the services shares: the open store, its settings, the data
folder and the clock. Nothing here knows about goals, learning or calendars."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..domain import Record
from ..domain.common import zone
from ..paths import default_data_dir as default_data_dir  # re-exported for the services' callers
from ..settings import Settings
from ..store import Store
from ..store.repositories import TABLES, Repository

Clock = Callable[[], datetime]


def local_zone_name() -> str:
    try:
        from tzlocal import get_localzone_name

        return get_localzone_name() or "UTC"
    except Exception:  # no zone configured on this computer: UTC is a safe default
        return "UTC"


class Context:
    """The store, settings, data folder and clock that every area's use-cases work on."""

    def __init__(self, store: Store, data_dir: Path, clock: Clock | None = None) -> None:
        self.store = store
        self.data_dir = Path(data_dir)
        self.settings = Settings(store.settings)
        self._clock = clock or (lambda: datetime.now(UTC))

    def now(self) -> datetime:
        return self._clock()

    def today(self) -> date:
        """Today in the person's time zone."""
        return self.now().astimezone(self.zone()).date()

    def time_zone(self) -> str:
        """The IANA zone set in Settings, else the computer's own."""
        return self.settings.time_zone or local_zone_name()

    def zone(self) -> Any:
        return zone(self.time_zone())

    def repository_for(self, record: Record) -> Repository[Record]:
        table = next(t for t, cls in TABLES.items() if isinstance(record, cls))
        return self.store.repositories()[table]

    def save(self, record: Record) -> Record:
        """Add a new record or update an existing one (by id)."""
        repo = self.repository_for(record)
        return repo.update(record) if repo.exists(record.id) else repo.add(record)

    def delete(self, record: Record) -> None:
        self.repository_for(record).delete(record.id)
