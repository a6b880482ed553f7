"""Reading a course's or a conference's schedule from an .ics file, to import as sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from ..errors import ActionableError

MAX_IMPORT = 2000


class IcsImportError(ActionableError):
    """The file cannot be imported; the message says why. Nothing was imported."""


@dataclass(frozen=True)
class ImportedSession:
    start: datetime  # aware, in the event's own zone
    end: datetime
    summary: str
    rrule: str


def read_sessions(path: Path) -> list[ImportedSession]:
    """The timed events of the file, in time order. All-day events are left out (a session has
    a time); a file that is not iCalendar, or holds no timed event, is refused."""
    from icalendar import Calendar

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IcsImportError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    try:
        cal = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as exc:
        raise IcsImportError(f"{path.name} is not a calendar file (iCalendar): {exc}") from exc
    sessions = []
    for number, event in enumerate(cal.walk("VEVENT"), start=1):
        if "RECURRENCE-ID" in event:
            continue  # an exception to a series: the series itself is imported
        try:
            start = event.decoded("dtstart")
            if isinstance(start, date) and not isinstance(start, datetime):
                continue  # all day
            if "DTEND" in event:
                end = event.decoded("dtend")
            else:
                end = start + (event.decoded("duration") if "DURATION" in event else timedelta(hours=1))
        except (KeyError, ValueError, TypeError) as exc:
            raise IcsImportError(f"{path.name}: event {number} has no readable start or end ({exc})") from exc
        if start.tzinfo is None:
            raise IcsImportError(f"{path.name}: event {number} has a time without a time zone")
        rule = event["RRULE"].to_ical() if "RRULE" in event else b""
        rrule = rule.decode() if isinstance(rule, bytes) else str(rule)
        sessions.append(ImportedSession(start, end, str(event.get("summary", "")), rrule))
    if not sessions:
        raise IcsImportError(f"{path.name} holds no timed event to import as a session.")
    if len(sessions) > MAX_IMPORT:
        raise IcsImportError(
            f"{path.name} holds {len(sessions):,} events; at most {MAX_IMPORT:,} are imported at once."
        )
    return sorted(sessions, key=lambda s: s.start)
