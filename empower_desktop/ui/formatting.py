"""How dates, times, durations and states read in the tables (one place, so every tab agrees)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ..domain.common import ZonedDateTime, day_text
from ..domain.goals import Track
from .theme import themed

EN_DASH = "\u2013"
DASH = EN_DASH  # shown where there is no value

TRACK_TEXT = {
    Track.ON_TRACK: "On track",
    Track.AT_RISK: "At risk",
    Track.OFF_TRACK: "Off track",
    Track.DONE: "Done",
    Track.NOT_MEASURED: "Not measured",
}
# The text always says the same thing as the colour.
TRACK_COLOUR = {
    Track.ON_TRACK: themed("#1b7f3b", "#6fd08c"),
    Track.AT_RISK: themed("#a35c00", "#f2b25c"),
    Track.OFF_TRACK: themed("#b3261e", "#ff958a"),
    Track.DONE: themed("#1f5fa8", "#8cbcff"),
    Track.NOT_MEASURED: themed("#6b6b6b", "#a3a9b0"),
}
TRACK_ORDER = {Track.OFF_TRACK: 0, Track.AT_RISK: 1, Track.ON_TRACK: 2, Track.NOT_MEASURED: 3, Track.DONE: 4}
OVERDUE_COLOUR = themed("#b3261e", "#ff958a")
MUTED_COLOUR = themed("#6b6b6b", "#a3a9b0")


def fmt_date(value: date | None) -> str:
    if value is None:
        return DASH
    return day_text(value)


def date_key(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def fmt_when(value: ZonedDateTime) -> str:
    """The wall-clock time in the record's own zone, e.g. "Tue 3 Mar 2026, 18:30 CET"."""
    local = value.local()
    return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M} {local.tzname() or ''}".rstrip()


def when_tooltip(value: ZonedDateTime) -> str:
    return f"{fmt_when(value)} ({value.tz})"


def when_key(value: ZonedDateTime) -> float:
    return value.instant.timestamp()


def fmt_duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    if hours:
        return f"{hours} h"
    return f"{rest} min"


def fmt_number(value: float | None, unit: str = "") -> str:
    if value is None:
        return DASH
    text = f"{value:g}" if value != int(value) else f"{int(value)}"
    return f"{text} {unit}".strip()


def fmt_percent(fraction: float | None) -> str:
    return DASH if fraction is None else f"{round(fraction * 100)}%"


def fmt_instant(value: datetime) -> str:
    """An aware instant in the computer's local time."""
    local = value.astimezone()
    return f"{local.day} {local:%b %Y} at {local:%H:%M}"


def fmt_iso_instant(text: str) -> str:
    """A timestamp from a backup ("2026-03-01T10:00:00+00:00") in local time, or the text itself."""
    try:
        return fmt_instant(datetime.fromisoformat(text))
    except (TypeError, ValueError):
        return text or "an unknown date"


def first_line(text: str, limit: int = 120) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"
