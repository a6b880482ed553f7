"""Reading a course's or a conference's schedule from an .ics file, to import as sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ActionableError, os_error_text
from .mapping import MalformedEvent, event_time

if TYPE_CHECKING:
    from icalendar import Component

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
        raise IcsImportError(f"The calendar file could not be read. {os_error_text(exc, path)}") from exc
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR"):
        raise IcsImportError(
            f"{path.name} is not a calendar file: an .ics file begins with BEGIN:VCALENDAR. "
            "Export the schedule from its calendar app as .ics and import that."
        )
    try:
        cal = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as exc:
        raise IcsImportError(
            f"{path.name} is damaged: it begins as a calendar file but cannot be read to the end. "
            "Download or export it again."
        ) from exc
    sessions = []
    for number, event in enumerate(cal.walk("VEVENT"), start=1):
        if "RECURRENCE-ID" in event:
            continue  # an exception to a series: the series itself is imported
        try:
            session = _session(event)
        except MalformedEvent as exc:
            raise IcsImportError(f"{path.name}, event {number}: {exc}") from exc
        except OverflowError as exc:
            raise IcsImportError(f"{path.name}, event {number}: a date or time is out of range") from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise IcsImportError(f"{path.name}, event {number}: its start or end cannot be read.") from exc
        if session is not None:
            sessions.append(session)
    if not sessions:
        raise IcsImportError(f"{path.name} holds no timed event to import as a session.")
    if len(sessions) > MAX_IMPORT:
        raise IcsImportError(
            f"{path.name} holds {len(sessions):,} events; at most {MAX_IMPORT:,} are imported at once."
        )
    return sorted(sessions, key=lambda s: s.start)


def _session(event: Component) -> ImportedSession | None:
    """The event as a session; None for an all-day event. Raises MalformedEvent (or what
    icalendar raises) for an event that cannot be one."""
    start = event_time(event, "DTSTART")
    if not isinstance(start, datetime):
        return None  # all day
    if start.tzinfo is None:
        raise MalformedEvent("the event has a time without a time zone")
    if "DTEND" in event:
        end = event_time(event, "DTEND")
    elif "DURATION" in event:
        duration = event.decoded("duration")
        if not isinstance(duration, timedelta):
            raise MalformedEvent("the event's length (DURATION) is not a length of time")
        end = start + duration
    else:
        end = start + timedelta(hours=1)
    if not isinstance(end, datetime) or end.tzinfo is None:
        raise MalformedEvent("the event starts at a time but does not end at one (with a time zone)")
    if end <= start:
        raise MalformedEvent("the event ends before it starts")
    rule = event.get("RRULE")
    if isinstance(rule, list):
        raise MalformedEvent("the event has more than one repeat rule (RRULE)")
    text = rule.to_ical() if rule is not None else b""
    rrule = text.decode() if isinstance(text, bytes) else str(text)
    return ImportedSession(start, end, str(event.get("summary", "")), rrule)
