"""The .ics file target: the embedded default that works with no server.

The file is written atomically (a temp file, then a rename), and Sync refuses to overwrite a file
that another program changed since the app last wrote it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ActionableError
from ..store.backup import write_text_atomically
from .mapping import Reminders, build_calendar, event_count

if TYPE_CHECKING:
    from ..services import CoreServices


class CalendarFileChangedError(ActionableError):
    """The calendar file was changed by another program since the app last wrote it."""


def _render(services: CoreServices) -> tuple[bytes, int]:
    reminders = Reminders(
        session_minutes=int(services.settings.get("calendar.reminder_minutes")),
        deadline_days=int(services.settings.get("calendar.deadline_reminder_days")),
    )
    cal = build_calendar(services.store, services.now(), reminders)
    return cal.to_ical(), event_count(cal)


def export_calendar(services: CoreServices, path: Path) -> int:
    data, count = _render(services)
    write_text_atomically(path, data.decode("utf-8"))
    return count


def sync_file(services: CoreServices) -> int:
    path = services.calendar_file()
    known = str(services.settings.get("state.ics_written_hash"))
    if path.exists():
        current = hashlib.sha256(path.read_bytes()).hexdigest()
        if current != known:
            raise CalendarFileChangedError(
                f"The calendar file {path} was changed by another program since Empower Desktop last wrote it, "
                "so it was left as it is. Move it away (or choose another file in Settings) and sync again."
            )
    data, count = _render(services)
    write_text_atomically(path, data.decode("utf-8"))
    services.settings.set("state.ics_written_hash", hashlib.sha256(data).hexdigest())
    return count
