"""Every setting, declared once with its type, default and description (the Settings dialog and
the store both read these declarations). No Qt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .store.repositories import SettingsRepository


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: str
    description: str
    minimum: float | None = None
    maximum: float | None = None
    visible: bool = True  # False: app state kept between runs, not shown in the Settings dialog
    check: Callable[[Any], None] | None = None  # a further rule; raises ValueError with a plain message

    def coerce(self, value: Any) -> Any:
        """The value as this setting's type, or ValueError with a message a person understands."""
        coerced = self._coerce_type(value)
        if self.check is not None:
            self.check(coerced)
        return coerced

    def _coerce_type(self, value: Any) -> Any:
        if self.type is bool:
            if isinstance(value, bool):
                return value
            raise ValueError(f"{self.label}: expected yes or no")
        if self.type in (int, float):
            if isinstance(value, bool):
                raise ValueError(f"{self.label}: expected a number")
            try:
                number = self.type(value)
            except (TypeError, ValueError):
                raise ValueError(f"{self.label}: {value!r} is not a number") from None
            if self.type is int and isinstance(value, float) and not value.is_integer():
                raise ValueError(f"{self.label}: expected a whole number")
            if (self.minimum is not None and number < self.minimum) or (
                self.maximum is not None and number > self.maximum
            ):
                raise ValueError(f"{self.label}: must be between {self.minimum:g} and {self.maximum:g}")
            return number
        if self.type is str:
            if not isinstance(value, str):
                raise ValueError(f"{self.label}: expected text")
            return value
        raise ValueError(f"{self.label}: unsupported type")


def _check_zone(value: str) -> None:
    if value:
        from .domain.common import DomainError, zone

        try:
            zone(value)
        except DomainError:
            raise ValueError(f"Time zone: “{value}” is not a known time zone (e.g. Europe/Berlin)") from None


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "general.time_zone",
        str,
        "",
        "Time zone",
        "IANA time zone for new sessions and meetings (e.g. Europe/Berlin). Empty: the computer's own.",
        check=_check_zone,
    ),
    Setting(
        "learning.weekly_target_hours",
        float,
        3.0,
        "Weekly learning target (hours)",
        "How many hours a week you want to spend on learning.",
        0,
        80,
    ),
    Setting(
        "review.cadence_weeks",
        int,
        4,
        "Review every (weeks)",
        "How often a review ritual is planned.",
        1,
        26,
    ),
    Setting(
        "calendar.reminder_minutes",
        int,
        15,
        "Reminder before sessions (minutes)",
        "Default reminder for learning sessions and mentor meetings.",
        0,
        1440,
    ),
    Setting(
        "calendar.deadline_reminder_days",
        int,
        3,
        "Reminder before deadlines (days)",
        "Goal deadlines and milestones remind you this many days ahead.",
        0,
        60,
    ),
    Setting(
        "calendar.ics_path",
        str,
        "",
        "Calendar file (.ics)",
        "Where Sync writes your calendar file. Empty: calendar.ics in the data folder.",
    ),
    Setting(
        "calendar.goals_as_tasks",
        bool,
        False,
        "Goals as tasks",
        "Put a goal's deadline in the calendar as a task (with a due date) instead of an all-day event, "
        "where the calendar keeps tasks.",
    ),
    Setting("state.welcomed", bool, False, "Welcome shown", "The first-start welcome was answered.", visible=False),
    Setting(
        "state.ics_written_hash",
        str,
        "",
        "Calendar file fingerprint",
        "SHA-256 of the calendar file as last written, to notice changes by other programs.",
        visible=False,
    ),
)
BY_KEY = {s.key: s for s in SETTINGS}


class Settings:
    """Typed access to the declared settings, stored in the database."""

    def __init__(self, repo: SettingsRepository) -> None:
        self._repo = repo

    def get(self, key: str) -> Any:
        setting = BY_KEY[key]
        value = self._repo.get(key)
        if value is None:
            return setting.default
        try:
            return setting.coerce(value)
        except ValueError:
            return setting.default

    def set(self, key: str, value: Any) -> None:
        self._repo.set(key, BY_KEY[key].coerce(value))

    def reset(self, key: str) -> None:
        self._repo.delete(key)
