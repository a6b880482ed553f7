"""Building blocks shared by every step: ids, timestamps, zoned times, validation errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ActionableError

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo


class DomainError(ActionableError):
    """A record breaks a rule of the domain; the message says which, in plain words."""


def day_text(day: date) -> str:
    """A day as every table and message writes it: "3 Dec 2026"."""
    return f"{day.day} {day:%b %Y}"


def moment_text(moment: datetime) -> str:
    """A wall-clock time as messages write it: "Tue 8 Dec 2026, 07:30"."""
    return f"{moment:%a} {moment.day} {moment:%b %Y}, {moment:%H:%M}"


def new_id() -> str:
    """A fresh stable identifier (calendar UIDs and backups rely on it never changing)."""
    import uuid  # imported on first use: nothing is created before the window opens

    return str(uuid.uuid4())


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    """The IANA zone called *name*, or a DomainError that names it."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # imported on first use, off the start-up path

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DomainError(f"Unknown time zone {name!r}") from exc


def require_aware(value: datetime, what: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise DomainError(f"{what} must carry a time zone")
    return value.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class ZonedDateTime:
    """An instant together with the IANA zone it was planned in.

    The instant is what happened or will happen; the zone is how the person sees it and what a
    calendar needs to keep it right across daylight-saving changes.
    """

    instant: datetime
    tz: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "instant", require_aware(self.instant, "A time"))
        zone(self.tz)

    @classmethod
    def at(cls, local: datetime, tz: str) -> ZonedDateTime:
        """The wall-clock time *local* (naive) in zone *tz*."""
        if local.tzinfo is not None:
            raise DomainError("ZonedDateTime.at takes a wall-clock (naive) time")
        return cls(local.replace(tzinfo=zone(tz)).astimezone(UTC), tz)

    def local(self) -> datetime:
        """The wall-clock time in the record's own zone (aware)."""
        return self.instant.astimezone(zone(self.tz))

    def __add__(self, delta: timedelta) -> ZonedDateTime:
        return ZonedDateTime(self.instant + delta, self.tz)

    def __lt__(self, other: ZonedDateTime) -> bool:
        return self.instant < other.instant


@dataclass(kw_only=True)
class Record:
    """Every stored record: a stable UUID and created/updated instants (UTC)."""

    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=utc_now)
    updated: datetime = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        if not self.id:
            raise DomainError("A record needs an id")
        self.created = require_aware(self.created, "Created")
        self.updated = require_aware(self.updated, "Updated")
        self.validate()

    def validate(self) -> None:
        """Raise DomainError if the record breaks an invariant. Subclasses extend this."""

    def touch(self) -> None:
        self.updated = utc_now()


def require_text(value: str, what: str, *, max_len: int = 500) -> None:
    if not value or not value.strip():
        raise DomainError(f"{what} cannot be empty")
    if len(value) > max_len:
        raise DomainError(f"{what} is too long ({len(value):,} characters; at most {max_len:,})")


def require_range(value: float, lo: float, hi: float, what: str) -> None:
    if not lo <= value <= hi:
        raise DomainError(f"{what} must be between {lo:g} and {hi:g} (got {value:g})")


def require_date_order(
    start: date | None, end: date | None, what: str, start_label: str = "start", end_label: str = "end"
) -> None:
    """DomainError when *end* comes before *start*, naming both as the window's fields do."""
    if start is not None and end is not None and end < start:
        raise DomainError(f"{what}: the {end_label} ({day_text(end)}) is before the {start_label} ({day_text(start)})")


class Choice(StrEnum):
    """Base for the enumerations stored as text; labels are human-readable."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


NOTES_MAX = 20_000
