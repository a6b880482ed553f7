"""The learning session editor: a one-off time block, or a weekly habit ("Tue and Thu 7:30 to 8:15").

Times are typed as the clock shows them in the session's time zone; a habit keeps its clock time
across daylight-saving changes. Ticking days under "Repeat weekly on" makes the session a habit
(an iCalendar repeat rule), optionally until a day. Every rule (an end after the start, at most
12 hours, a repeat rule that gives at least one session) is the domain's: a broken one is shown
under the form and nothing is saved.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ...domain import DomainError, LearningItem, LearningSession, ZonedDateTime
from ...domain.common import zone
from ...domain.learn import LearningStatus
from ...domain.recurrence import DAY_NAMES, WEEKDAYS, parse_parts, weekly_rule
from ...errors import InputError
from ...services import Services
from ..formatting import EN_DASH, first_line
from ..widgets.dialogs import FormDialog, hint_label, text_area
from ..widgets.fields import DateField

MAX_REMINDER = 7 * 24 * 60
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?$")


def parse_time(text: str, label: str) -> time:
    """A clock time typed as 7:30, 07:30, 19.30 or 19 (InputError naming *label* otherwise)."""
    typed = text.strip()
    match = _TIME.match(typed)
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2) or 0)
        if hours < 24 and minutes < 60:
            return time(hours, minutes)
    if not typed:
        raise InputError(f"{label}: enter a time, e.g. 07:30")
    raise InputError(f"{label}: “{typed}” is not a time (write it as HH:MM, e.g. 07:30)")


def fmt_time(value: time | datetime) -> str:
    return f"{value:%H:%M}"


def time_range(start: QLineEdit, end: QLineEdit, note: str = "") -> QWidget:
    """Two HH:MM fields side by side (start, a dash, end), with *note* (a zone's name) after them."""
    char = start.fontMetrics().averageCharWidth()
    for edit, name in ((start, "Start time"), (end, "End time")):
        edit.setMaxLength(5)
        edit.setPlaceholderText("HH:MM")
        edit.setAccessibleName(name)
        edit.setFixedWidth(9 * char + 12)
    times = QWidget()
    row = QHBoxLayout(times)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    row.addWidget(start)
    row.addWidget(QLabel(EN_DASH))
    row.addWidget(end)
    if note:
        row.addWidget(QLabel(note))
    row.addStretch(1)
    return times


def zone_names() -> list[str]:
    """Every IANA time zone name this computer knows, sorted."""
    from zoneinfo import available_timezones

    return sorted(name for name in available_timezones() if "/" in name or name == "UTC")


class ZoneCombo(QComboBox):
    """A time zone: picked from the list or typed (the list narrows to the names that contain it)."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        names = zone_names()
        if current not in names:
            names.insert(0, current)
        self.addItems(names)
        completer = QCompleter(names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.set_zone(current)

    def zone_name(self) -> str:
        """The zone chosen; DomainError "Unknown time zone ..." when the text names none."""
        name = self.currentText().strip()
        if not name:
            raise DomainError("Time zone: pick one, e.g. Europe/Berlin")
        zone(name)
        return name

    def set_zone(self, name: str) -> None:
        index = self.findText(name)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(name)


def rule_weekdays(rule: str) -> list[int]:
    """The weekdays (0 = Monday) of a weekly rule's BYDAY; [] if it has none."""
    try:
        parts = parse_parts(rule)
    except DomainError:
        return []
    return [WEEKDAYS.index(piece[-2:]) for piece in parts.get("BYDAY", "").split(",") if piece[-2:] in WEEKDAYS]


def rule_until(rule: str, tz: str) -> date | None:
    """The last day of a rule with UNTIL, as a day of zone *tz*; None without one."""
    try:
        value = parse_parts(rule).get("UNTIL", "")
        if len(value) == 8:
            return datetime.strptime(value, "%Y%m%d").date()
        if value.endswith("Z"):
            instant = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            return instant.astimezone(zone(tz)).date()
        return datetime.strptime(value, "%Y%m%dT%H%M%S").date() if value else None
    except (DomainError, ValueError):
        return None


def is_simple_weekly(rule: str) -> bool:
    """A rule this editor can show and write back unchanged: weekly, on some days, maybe until a day."""
    try:
        parts = parse_parts(rule)
    except DomainError:
        return False
    return parts.get("FREQ") == "WEEKLY" and set(parts) <= {"FREQ", "BYDAY", "UNTIL", "WKST"} and "BYDAY" in parts


def item_choices(items: Sequence[LearningItem], keep: str | None) -> list[LearningItem]:
    """The items a session can be for: the ones not finished or dropped, and its own item."""
    open_ = (LearningStatus.PLANNED, LearningStatus.IN_PROGRESS)
    return [i for i in items if i.status in open_ or i.id == keep]


class SessionEditor(FormDialog):
    """Add or edit a session or habit. Emits `saved(session)` after a successful save, then closes."""

    def __init__(
        self,
        services: Services,
        items: Sequence[LearningItem],
        session: LearningSession | None = None,
        day: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        habit = session is not None and session.is_habit
        title = "New learning session" if session is None else ("Edit habit" if habit else "Edit session")
        super().__init__(title, parent=parent)
        self.setObjectName("sessionEditor")
        self.services = services
        self.session = session
        tz = session.start.tz if session else services.time_zone()

        self.item_combo = self._build_item_combo(items, session)
        self.day_edit = DateField("Day")
        self.start_edit = QLineEdit()
        self.start_edit.setObjectName("sessionStart")
        self.end_edit = QLineEdit()
        self.end_edit.setObjectName("sessionEnd")
        times = time_range(self.start_edit, self.end_edit)
        self.zone_combo = ZoneCombo(tz)
        self.zone_combo.setObjectName("sessionZone")
        days = self._build_day_boxes()
        self.until_edit = DateField("Until")
        self.until_edit.edit.setPlaceholderText("YYYY-MM-DD (optional)")
        self.reminder_spin = self._build_reminder_spin(services.settings.reminder_minutes)
        self.place_edit = QLineEdit()
        self.place_edit.setObjectName("sessionPlace")
        self.place_edit.setPlaceholderText("A room, an address or a video link (optional)")
        self.notes_edit = text_area("What it is about, a link to the material (optional)", lines=3)
        self.notes_edit.setObjectName("sessionNotes")

        self.add_row("Learning &item:", self.item_combo)
        self.add_row("&Day:", self.day_edit, "For a habit: the first day it may take place.")
        self.add_row("&Time:", times)
        self.add_row("Time &zone:", self.zone_combo)
        self.add_row("&Repeat weekly on:", days)
        self.add_row("&Until:", self.until_edit, "Leave the days empty for a one-off session.")
        self.add_row("Re&minder:", self.reminder_spin, "0 means at the start; the calendar shows it.")
        self.add_row("&Place:", self.place_edit)
        self.add_row("&Notes:", self.notes_edit)

        self.rule_kept = session.rrule if session is not None and habit and not is_simple_weekly(session.rrule) else ""
        if session is not None:
            self._fill(session)
        else:
            self.day_edit.set_value(day or services.today())
        self._update_repeat()
        self.start_edit.setFocus()

    def _build_item_combo(self, items: Sequence[LearningItem], session: LearningSession | None) -> QComboBox:
        """The learning items a session can be for (its own item, even when finished)."""
        combo = QComboBox()
        combo.setObjectName("sessionItem")
        choices = item_choices(items, session.item_id if session else None)
        if not choices:
            combo.addItem("(plan a learning item first, under Plan)", None)
        for item in choices:
            combo.addItem(first_line(item.title, 80), item.id)
        if session is not None:
            combo.setCurrentIndex(max(0, combo.findData(session.item_id)))
        return combo

    def _build_day_boxes(self) -> QWidget:
        """One box per weekday, Monday first: the days a habit repeats on."""
        self.day_boxes: list[QCheckBox] = []
        days = QWidget()
        day_row = QHBoxLayout(days)
        day_row.setContentsMargins(0, 0, 0, 0)
        day_row.setSpacing(10)
        for name in DAY_NAMES:
            box = QCheckBox(name)
            box.toggled.connect(lambda _on: self._update_repeat())
            self.day_boxes.append(box)
            day_row.addWidget(box)
        day_row.addStretch(1)
        return days

    def _build_reminder_spin(self, default: int) -> QSpinBox:
        """Minutes before the start; the lowest value stands for the setting's *default*."""
        spin = QSpinBox()
        spin.setObjectName("sessionReminder")
        spin.setRange(-1, MAX_REMINDER)
        spin.setSpecialValueText(f"Default ({default} min before)")
        spin.setSuffix(" min before")
        spin.setValue(-1)
        spin.setFixedWidth(30 * self.start_edit.fontMetrics().averageCharWidth())
        return spin

    def _fill(self, session: LearningSession) -> None:
        local_start, local_end = session.start.local(), session.end.local()
        self.day_edit.set_value(local_start.date())
        self.start_edit.setText(fmt_time(local_start))
        self.end_edit.setText(fmt_time(local_end))
        if session.rrule:
            for day in rule_weekdays(session.rrule):
                self.day_boxes[day].setChecked(True)
            self.until_edit.set_value(rule_until(session.rrule, session.start.tz))
        if session.reminder_minutes is not None:
            self.reminder_spin.setValue(session.reminder_minutes)
        self.place_edit.setText(session.location)
        self.notes_edit.setPlainText(session.notes)
        if self.rule_kept:
            self.form.addRow(
                "",
                hint_label(
                    f"This habit repeats by a rule set elsewhere ({self.rule_kept}); "
                    "it is kept unless you change the days."
                ),
            )

    def _update_repeat(self) -> None:
        self.until_edit.setEnabled(any(box.isChecked() for box in self.day_boxes))

    # -- reading the form ------------------------------------------------------------------------
    def weekdays(self) -> list[int]:
        return [day for day, box in enumerate(self.day_boxes) if box.isChecked()]

    def set_weekdays(self, days: Sequence[int]) -> None:
        for day, box in enumerate(self.day_boxes):
            box.setChecked(day in days)

    def reminder(self) -> int | None:
        value = self.reminder_spin.value()
        return None if value < 0 else value

    def rule(self, tz: str) -> str:
        days = self.weekdays()
        if not days:
            return ""
        until = self.until_edit.value()
        if self.rule_kept and days == rule_weekdays(self.rule_kept) and until == rule_until(self.rule_kept, tz):
            return self.rule_kept  # a rule from a calendar app, not changed here
        return weekly_rule(days, until, tz)

    def save(self) -> LearningSession:
        item_id = self.item_combo.currentData()
        if item_id is None:
            raise InputError("Plan a learning item first (under Plan); a session is time for one of them")
        day = self.day_edit.value()
        if day is None:
            raise InputError("Day: enter the day of the session (YYYY-MM-DD)")
        start_at = parse_time(self.start_edit.text(), "Start time")
        end_at = parse_time(self.end_edit.text(), "End time")
        tz = self.zone_combo.zone_name()
        rrule = self.rule(tz)
        start = ZonedDateTime.at(datetime.combine(day, start_at), tz)
        end = ZonedDateTime.at(datetime.combine(day, end_at), tz)
        if self.session is None:
            session = LearningSession(
                item_id=str(item_id),
                start=start,
                end=end,
                rrule=rrule,
                reminder_minutes=self.reminder(),
                location=self.place_edit.text().strip(),
                notes=self.notes_edit.toPlainText().strip(),
            )
        else:
            session = dataclasses.replace(
                self.session,
                item_id=str(item_id),
                start=start,
                end=end,
                rrule=rrule,
                exdates=self.session.exdates if rrule else [],
                reminder_minutes=self.reminder(),
                location=self.place_edit.text().strip(),
                notes=self.notes_edit.toPlainText().strip(),
            )
        return self.services.learning.save_session(session)

    def focus_for(self, message: str) -> QWidget | None:
        if message.startswith("Start time"):
            return self.start_edit
        if message.startswith(("End time", "A session")):
            return self.end_edit
        if message.startswith(("Day", "The day")):
            return self.day_edit.edit
        if "time zone" in message.lower():
            return self.zone_combo
        if message.startswith("Until"):
            return self.until_edit.edit
        if "repeat rule" in message or message.startswith("Pick at least"):
            return self.day_boxes[0]
        return None
