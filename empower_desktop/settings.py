"""Every setting, declared once with its type, default and description (the Settings dialog and
the store both read these declarations), read through typed accessors. No Qt.

A stored value that is not what its declaration allows (written by hand, or by a version that
allowed more) is never silently replaced: reading it logs the problem, answers the default and
keeps the problem in `Settings.problems()` for the window to report. Stored settings carry a
version; `UPGRADES` brings older ones up to date when the data folder is opened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import ActionableError
from .store.repositories import SettingsRepository

log = logging.getLogger(__name__)


class SettingError(ActionableError):
    """A value a setting does not take; the message names the setting as the window labels it."""


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
    check: Callable[[Any], None] | None = None  # a further rule; raises SettingError with a plain message

    def coerce(self, value: Any) -> Any:
        """The value as this setting's type, or SettingError with a message a person understands."""
        coerced = self._coerce_type(value)
        if self.check is not None:
            self.check(coerced)
        return coerced

    def _coerce_type(self, value: Any) -> Any:
        if self.type is bool:
            if isinstance(value, bool):
                return value
            raise SettingError(f"{self.label}: expected yes or no")
        if self.type in (int, float):
            if isinstance(value, bool):
                raise SettingError(f"{self.label}: expected a number")
            try:
                number = self.type(value)
            except (TypeError, ValueError):
                raise SettingError(f"{self.label}: {value!r} is not a number") from None
            if self.type is int and isinstance(value, float) and not value.is_integer():
                raise SettingError(f"{self.label}: expected a whole number")
            if (self.minimum is not None and number < self.minimum) or (
                self.maximum is not None and number > self.maximum
            ):
                raise SettingError(f"{self.label}: must be between {self.minimum:g} and {self.maximum:g}")
            return number
        if self.type is str:
            if not isinstance(value, str):
                raise SettingError(f"{self.label}: expected text")
            return value
        raise SettingError(f"{self.label}: unsupported type")


def _check_zone(value: str) -> None:
    if value:
        from .domain.common import DomainError, zone

        try:
            zone(value)
        except DomainError:
            raise SettingError(f"Time zone: “{value}” is not a known time zone (e.g. Europe/Berlin)") from None


def _check_calendar_file(value: str) -> None:
    """The calendar file must be a file's whole path in a folder that exists (or empty: the default)."""
    if not value.strip():
        return
    from pathlib import Path

    path = Path(value.strip()).expanduser()
    if not path.is_absolute():
        raise SettingError(
            "Calendar file (.ics): give the whole path, from the top of the disk (e.g. "
            f"“{Path.home() / 'empower.ics'}”)"
        )
    if path.is_dir():
        raise SettingError(f"Calendar file (.ics): “{path}” is a folder; give a file's name in it (e.g. empower.ics)")
    if not path.parent.is_dir():
        raise SettingError(f"Calendar file (.ics): the folder “{path.parent}” does not exist")


def _check_time(value: str) -> None:
    import re

    found = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value.strip())
    if found is None:
        raise SettingError(f"Review time: “{value}” is not a time of day (write it like 16:00)")


def _domain_check(label: str, parse: Callable[[str], object]) -> Callable[[Any], None]:
    """A check that runs a domain parser and words its refusal as the setting's."""

    def check(value: Any) -> None:
        from .domain.common import DomainError

        try:
            parse(str(value))
        except DomainError as exc:
            raise SettingError(str(exc)) from None

    return check


def _check_hours(value: str) -> None:
    from .domain.freetime import Preferences, parse_hours

    Preferences(hours=parse_hours(value))  # 09:00-09:00 or every day off: says which preference to relax


def _check_preferred(value: str) -> None:
    from .domain.freetime import parse_span

    span = parse_span(value, "Preferred time")
    if span is not None and span[1] <= span[0]:
        raise SettingError("Preferred time: it must end after it starts")


def _check_days_off(value: str) -> None:
    from .domain.freetime import parse_days_off

    parse_days_off(value)


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
        1,
        "Review every (weeks)",
        "How often the weekly review ritual comes round (1: every week).",
        1,
        26,
    ),
    Setting(
        "review.weekday",
        int,
        5,
        "Review day (1 = Monday … 7 = Sunday)",
        "The day of the week the review ritual is planned on.",
        1,
        7,
        visible=False,  # chosen with the ritual on the Review tab
    ),
    Setting(
        "review.time",
        str,
        "16:00",
        "Review time",
        "When the review ritual starts on its day (HH:MM, your time zone).",
        check=_check_time,
        visible=False,
    ),
    Setting(
        "review.minutes",
        int,
        30,
        "Review length (minutes)",
        "How long the review ritual is in the calendar.",
        10,
        240,
        visible=False,
    ),
    Setting(
        "notify.session_start",
        bool,
        True,
        "Notify when a session or meeting is about to start",
        "While the app runs, a notification a few minutes before a learning session or a mentor meeting.",
    ),
    Setting(
        "notify.review_due",
        bool,
        True,
        "Notify when a review is due",
        "While the app runs, a notification when the review ritual comes round.",
    ),
    Setting(
        "notify.deadline_days",
        int,
        3,
        "Notify of deadlines (days ahead; 0 = never)",
        "While the app runs, a notification this many days before a goal's deadline or a milestone.",
        0,
        60,
    ),
    Setting(
        "notify.contacts_digest",
        bool,
        True,
        "Daily digest of contacts to reach out to",
        "While the app runs, one notification a day listing the contacts due, not one per contact.",
    ),
    Setting(
        "app.close_to_tray",
        bool,
        False,
        "Closing the window keeps the app in the tray",
        "Where the desktop has a system tray, closing the window keeps reminders running; quit from the tray "
        "or the File menu.",
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
        check=_check_calendar_file,
        visible=False,  # chosen in the Calendars dialog, beside the calendars it stands in for
    ),
    Setting(
        "calendar.goals_as_tasks",
        bool,
        False,
        "Goals as tasks",
        "Put a goal's deadline in the calendar as a task (with a due date) instead of an all-day event, "
        "where the calendar keeps tasks.",
    ),
    Setting(
        "find_time.hours",
        str,
        "09:00-17:00;09:00-17:00;09:00-17:00;09:00-17:00;09:00-17:00;;",
        "Working hours",
        "When blocks may go, Monday to Sunday (a day left empty is a day off).",
        check=_domain_check("Working hours", _check_hours),
        visible=False,  # chosen in Find time's preferences
    ),
    Setting(
        "find_time.preferred",
        str,
        "",
        "Preferred time for learning",
        "The part of the day learning goes in first (e.g. 08:00-11:00); empty: any time.",
        check=_domain_check("Preferred time", _check_preferred),
        visible=False,
    ),
    Setting("find_time.shortest", int, 30, "Shortest block (minutes)", "No block is shorter.", 5, 1440, visible=False),
    Setting("find_time.longest", int, 120, "Longest block (minutes)", "No block is longer.", 5, 1440, visible=False),
    Setting(
        "find_time.buffer",
        int,
        10,
        "Buffer around meetings (minutes)",
        "Time kept free before and after busy time.",
        0,
        240,
        visible=False,
    ),
    Setting(
        "find_time.per_day", int, 2, "At most blocks a day", "Blocks of one plan on the same day.", 1, 24, visible=False
    ),
    Setting(
        "find_time.days_off",
        str,
        "",
        "Days off",
        "Days with no block at all (holidays), as dates.",
        check=_domain_check("Days off", _check_days_off),
        visible=False,
    ),
    Setting(
        "find_time.all_day_busy",
        bool,
        False,
        "All-day events count as busy",
        "Whether an all-day event (a holiday, a trip) in a busy calendar keeps its whole day free of blocks.",
        visible=False,
    ),
    Setting(
        "find_time.auto_move",
        bool,
        False,
        "Move colliding sessions by themselves",
        "At each refresh of busy time, a session a new meeting overlaps moves to the proposed free time.",
        visible=False,
    ),
    Setting(
        "find_time.addresses",
        str,
        "",
        "My e-mail addresses",
        "An invitation you declined with one of these addresses does not count as busy time.",
        visible=False,
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


SETTINGS_VERSION_KEY = "state.settings_version"


def _upgrade_1(repo: SettingsRepository) -> None:
    """Version 1: a weekly target stored as text by early builds becomes a number."""
    value = repo.get("learning.weekly_target_hours")
    if isinstance(value, str):
        try:
            repo.set("learning.weekly_target_hours", float(value.replace(",", ".")))
        except ValueError:
            repo.delete("learning.weekly_target_hours")


# UPGRADES[n] brings stored settings from version n to n + 1. Append, never change a released step.
UPGRADES: tuple[Callable[[SettingsRepository], None], ...] = (_upgrade_1,)
SETTINGS_VERSION = len(UPGRADES)


class Settings:
    """Typed access to the declared settings, stored in the database.

    `get(key)` and `set(key, value)` work on any declared key (the Settings dialog walks the
    declarations); the code of the app reads the typed properties below.
    """

    def __init__(self, repo: SettingsRepository) -> None:
        self._repo = repo
        self._listeners: list[Callable[[str], None]] = []
        self._problems: dict[str, str] = {}

    # -- generic access ----------------------------------------------------------------------------
    def get(self, key: str) -> Any:
        setting = BY_KEY[key]
        value = self._repo.get(key)
        if value is None:
            return setting.default
        try:
            return setting.coerce(value)
        except SettingError as exc:
            if key not in self._problems:
                log.warning("stored setting %s has a value it does not take (%r): %s", key, value, exc)
            self._problems[key] = f"{exc}. The stored value {value!r} was not used; the default is in force."
            return setting.default

    def set(self, key: str, value: Any) -> None:
        """Store a value; raises SettingError (and stores nothing) for one the setting does not take."""
        coerced = BY_KEY[key].coerce(value)
        self._repo.set(key, coerced)
        self._problems.pop(key, None)
        self._changed(key)

    def reset(self, key: str) -> None:
        self._repo.delete(key)
        self._problems.pop(key, None)
        self._changed(key)

    def problems(self) -> dict[str, str]:
        """Settings whose stored value could not be used, by key, each with a sentence saying so."""
        for setting in SETTINGS:
            self.get(setting.key)
        return dict(self._problems)

    # -- changes ----------------------------------------------------------------------------------
    def on_change(self, listener: Callable[[str], None]) -> Callable[[], None]:
        """Call *listener(key)* after each change; returns a function that stops it."""
        self._listeners.append(listener)

        def stop() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return stop

    def _changed(self, key: str) -> None:
        for listener in list(self._listeners):
            listener(key)

    # -- versions ---------------------------------------------------------------------------------
    def upgrade(self) -> int:
        """Bring stored settings to SETTINGS_VERSION; returns the version they had."""
        stored = self._repo.get(SETTINGS_VERSION_KEY)
        version = stored if isinstance(stored, int) and not isinstance(stored, bool) else 0
        for step in UPGRADES[version:]:
            step(self._repo)
        if version != SETTINGS_VERSION:
            self._repo.set(SETTINGS_VERSION_KEY, SETTINGS_VERSION)
        return version

    # -- typed accessors --------------------------------------------------------------------------
    @property
    def time_zone(self) -> str:
        """The IANA zone chosen in Settings; "" for the computer's own."""
        return str(self.get("general.time_zone"))

    @property
    def weekly_target_hours(self) -> float:
        return float(self.get("learning.weekly_target_hours"))

    @property
    def review_cadence_weeks(self) -> int:
        return int(self.get("review.cadence_weeks"))

    @property
    def reminder_minutes(self) -> int:
        return int(self.get("calendar.reminder_minutes"))

    @property
    def deadline_reminder_days(self) -> int:
        return int(self.get("calendar.deadline_reminder_days"))

    @property
    def ics_path(self) -> str:
        return str(self.get("calendar.ics_path"))

    @property
    def goals_as_tasks(self) -> bool:
        return bool(self.get("calendar.goals_as_tasks"))

    @property
    def welcomed(self) -> bool:
        return bool(self.get("state.welcomed"))

    @property
    def ics_written_hash(self) -> str:
        return str(self.get("state.ics_written_hash"))
