"""The .ics file target: the embedded default that works with no server.

The file is written atomically (a temp file, then a rename), and a sync refuses to overwrite a
file that another program changed since the app last wrote it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ActionableError
from ..store.backup import write_text_atomically
from .mapping import build_calendar, event_count

if TYPE_CHECKING:
    from ..services import CoreServices


class CalendarFileChangedError(ActionableError):
    """The calendar file was changed by another program since the app last wrote it."""


def _render(services: CoreServices, kinds: frozenset[str] | None = None) -> tuple[bytes, int]:
    tasks = bool(services.settings.get("calendar.goals_as_tasks"))
    cal = build_calendar(services.store, services.now(), services.reminders(), kinds, goals_as_tasks=tasks)
    return cal.to_ical(), event_count(cal)


def export_calendar(services: CoreServices, path: Path) -> int:
    """Everything, to a file of the person's choosing (a one-off export)."""
    data, count = _render(services)
    write_text_atomically(path, data.decode("utf-8"))
    return count


def write_calendar_file(
    services: CoreServices,
    path: Path,
    kinds: frozenset[str] | None,
    last_written: str,
    remember: Callable[[str], None],
) -> int:
    """Bring a calendar file up to date; refuses if it is not what the app wrote last time.

    *last_written* is the SHA-256 of the app's last write ("" for never); *remember* keeps the new one.
    """
    if path.exists():
        current = hashlib.sha256(path.read_bytes()).hexdigest()
        if current != last_written:
            raise CalendarFileChangedError(
                f"The calendar file {path} was changed by another program since Empower Desktop last wrote it, "
                "so it was left as it is. Move it away (or choose another file) and sync again."
            )
    data, count = _render(services, kinds)
    write_text_atomically(path, data.decode("utf-8"))
    remember(hashlib.sha256(data).hexdigest())
    return count


def sync_file(services: CoreServices) -> int:
    """The default calendar file in the data folder (or where Settings say)."""
    return write_calendar_file(
        services,
        services.calendar_file(),
        None,
        str(services.settings.get("state.ics_written_hash")),
        lambda digest: services.settings.set("state.ics_written_hash", digest),
    )
