"""The .ics file target: the embedded default that works with no server.

The file is written atomically (a temp file, then a rename), and a sync refuses to overwrite a
file that another program changed since the app last wrote it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import ActionableError
from ..store import Store
from ..store.backup import write_text_atomically
from .mapping import Reminders, build_calendar, event_count


class CalendarFileChangedError(ActionableError):
    """The calendar file was changed by another program since the app last wrote it."""


@dataclass(frozen=True)
class CalendarContent:
    """What goes into a calendar file: the store's scheduled items as of *now*, with reminders."""

    store: Store
    now: datetime
    reminders: Reminders
    goals_as_tasks: bool = False

    def render(self, kinds: frozenset[str] | None = None) -> tuple[bytes, int]:
        """The file's bytes and the number of events in it (only *kinds*, when given)."""
        cal = build_calendar(self.store, self.now, self.reminders, kinds, goals_as_tasks=self.goals_as_tasks)
        return cal.to_ical(), event_count(cal)


def export_calendar(content: CalendarContent, path: Path) -> int:
    """Everything, to a file of the person's choosing (a one-off export)."""
    data, count = content.render()
    write_text_atomically(path, data.decode("utf-8"))
    return count


def write_calendar_file(
    content: CalendarContent,
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
    data, count = content.render(kinds)
    write_text_atomically(path, data.decode("utf-8"))
    remember(hashlib.sha256(data).hexdigest())
    return count
