"""Find Time's preferences: working hours per weekday, the preferred time for learning, the
shortest and longest block, the buffer around meetings, at most blocks a day, days off, whether
all-day events count as busy, moving colliding sessions by themselves, and the person's e-mail
addresses (an invitation declined with one of them is not busy time).

Saved as a whole: preferences that leave no room (working hours 09:00-09:00, every day off, the
shortest block longer than the longest) are refused with a message naming the preference to
relax, and nothing is stored.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.common import day_text
from ...domain.freetime import WEEKDAY_NAMES, Preferences
from ...services import Services
from ..widgets.dialogs import DateEdit, FormDialog

USER = Qt.ItemDataRole.UserRole


class QuarterHourEdit(QTimeEdit):
    """A time of day whose minutes step by a quarter of an hour (arrow keys, wheel, buttons), to
    the next quarter first when the time is between two; any minute can still be typed."""

    STEP = 15

    def __init__(self, value: time) -> None:
        super().__init__(QTime(value.hour, value.minute))
        self.setDisplayFormat("HH:mm")

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        if self.currentSection() != QDateTimeEdit.Section.MinuteSection:
            return super().stepEnabled()
        enabled = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self.time() > self.minimumTime():
            enabled |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        if self.time() < self.maximumTime():
            enabled |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        return enabled

    def stepBy(self, steps: int) -> None:
        if self.currentSection() != QDateTimeEdit.Section.MinuteSection or steps == 0:
            super().stepBy(steps)
            return
        now = self.time().hour() * 60 + self.time().minute()
        quarter = now // self.STEP if steps > 0 else -(-now // self.STEP)
        last = self.maximumTime().hour() * 60 + self.maximumTime().minute()
        first = self.minimumTime().hour() * 60 + self.minimumTime().minute()
        minutes = min(max((quarter + steps) * self.STEP, first), last)
        self.setTime(QTime(minutes // 60, minutes % 60))


def _time_edit(value: time) -> QTimeEdit:
    return QuarterHourEdit(value)


def _pytime(edit: QTimeEdit) -> time:
    value = edit.time()
    return time(value.hour(), value.minute())


def _minutes(low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(" min")
    spin.setValue(value)
    return spin


class FindTimePreferencesDialog(FormDialog):
    """When blocks may go, as the person chooses."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("Find Time Preferences", "Save", parent)
        self.services = services
        prefs = services.find_time.preferences()
        settings = services.settings

        hours = QGridLayout()
        hours.setHorizontalSpacing(8)
        hours.setVerticalSpacing(4)
        self.works: list[QCheckBox] = []
        self.starts: list[QTimeEdit] = []
        self.ends: list[QTimeEdit] = []
        for row, (name, span) in enumerate(zip(WEEKDAY_NAMES, prefs.hours, strict=True)):
            works = QCheckBox(name)
            works.setChecked(span is not None)
            start = _time_edit(span[0] if span else time(9))
            end = _time_edit(span[1] if span else time(17))
            for edit in (start, end):
                edit.setEnabled(span is not None)
                works.toggled.connect(edit.setEnabled)
            hours.addWidget(works, row, 0)
            hours.addWidget(start, row, 1)
            hours.addWidget(QLabel("to"), row, 2)
            hours.addWidget(end, row, 3)
            self.works.append(works)
            self.starts.append(start)
            self.ends.append(end)
        hours.setColumnStretch(4, 1)
        self.add_row("Working hours:", self._wrap(hours), "A day left unticked is a day off: no block goes there.")

        self.prefer = QCheckBox("Learning goes first, from")
        self.prefer.setChecked(prefs.preferred is not None)
        self.prefer_start = _time_edit(prefs.preferred[0] if prefs.preferred else time(8))
        self.prefer_end = _time_edit(prefs.preferred[1] if prefs.preferred else time(11))
        for edit in (self.prefer_start, self.prefer_end):
            edit.setEnabled(prefs.preferred is not None)
            self.prefer.toggled.connect(edit.setEnabled)
        preferred = QHBoxLayout()
        for part in (self.prefer, self.prefer_start, QLabel("to"), self.prefer_end):
            preferred.addWidget(part)
        preferred.addStretch(1)
        self.add_row("Preferred time:", self._wrap(preferred))

        self.shortest = _minutes(5, 24 * 60, prefs.shortest)
        self.longest = _minutes(5, 24 * 60, prefs.longest)
        lengths = QHBoxLayout()
        for piece in (QLabel("from"), self.shortest, QLabel("to"), self.longest):
            lengths.addWidget(piece)
        lengths.addStretch(1)
        self.add_row("A block lasts:", self._wrap(lengths))
        self.buffer = _minutes(0, 240, prefs.buffer)
        self.add_row("Buffer around meetings:", self.buffer, "Kept free before and after busy time.")
        self.per_day = QSpinBox()
        self.per_day.setRange(1, 24)
        self.per_day.setValue(prefs.per_day)
        for spin in (self.buffer, self.per_day):
            spin.setMaximumWidth(110)
        self.add_row("At most blocks a day:", self.per_day)

        self.days_off = QListWidget()
        self.days_off.setMaximumHeight(90)
        for day in sorted(prefs.days_off):
            self._add_day(day)
        self.day_edit = DateEdit(services.today())
        self.add_day_button = QPushButton("&Add Day")
        self.add_day_button.clicked.connect(lambda: self._add_day(self.day_edit.value()))
        self.remove_day_button = QPushButton("&Remove Day")
        self.remove_day_button.clicked.connect(self._remove_day)
        buttons = QHBoxLayout()
        buttons.addWidget(self.day_edit)
        buttons.addWidget(self.add_day_button)
        buttons.addWidget(self.remove_day_button)
        buttons.addStretch(1)
        days = QVBoxLayout()
        days.addWidget(self.days_off)
        days.addLayout(buttons)
        self.add_row("Days off:", self._wrap(days), "Holidays and leave: no block on these days.")

        self.all_day = QCheckBox("All-day events count as busy")
        self.all_day.setChecked(bool(settings.get("find_time.all_day_busy")))
        self.add_row("", self.all_day, "Off: a holiday or a birthday in a busy calendar leaves the day free.")
        self.auto_move = QCheckBox("Move colliding sessions by themselves")
        self.auto_move.setChecked(bool(settings.get("find_time.auto_move")))
        self.add_row(
            "", self.auto_move, "At each sync, a session a new meeting lands on moves to the free time proposed."
        )
        self.addresses = QLineEdit(str(settings.get("find_time.addresses")))
        self.addresses.setPlaceholderText("me@work.example, me@home.example")
        self.add_row(
            "My e-mail addresses:", self.addresses, "An invitation you declined with one of these is not busy."
        )

    @staticmethod
    def _wrap(layout: QGridLayout | QHBoxLayout | QVBoxLayout) -> QWidget:
        widget = QWidget()
        layout.setContentsMargins(0, 0, 0, 0)
        widget.setLayout(layout)
        return widget

    def _add_day(self, day: date) -> None:
        """Add *day* in its place by date (once)."""
        days = [date.fromisoformat(self.days_off.item(row).data(USER)) for row in range(self.days_off.count())]
        if day in days:
            return
        item = QListWidgetItem(day_text(day))
        item.setData(USER, day.isoformat())
        self.days_off.insertItem(sum(1 for d in days if d < day), item)

    def _remove_day(self) -> None:
        for item in self.days_off.selectedItems():
            self.days_off.takeItem(self.days_off.row(item))

    def preferences(self) -> Preferences:
        """The preferences the fields say; NoRoom or DomainError naming the one to relax."""
        hours = tuple(
            (_pytime(start), _pytime(end)) if works.isChecked() else None
            for works, start, end in zip(self.works, self.starts, self.ends, strict=True)
        )
        preferred = (_pytime(self.prefer_start), _pytime(self.prefer_end)) if self.prefer.isChecked() else None
        days = frozenset(date.fromisoformat(self.days_off.item(row).data(USER)) for row in range(self.days_off.count()))
        return Preferences(
            hours=hours,
            preferred=preferred,
            shortest=self.shortest.value(),
            longest=self.longest.value(),
            buffer=self.buffer.value(),
            per_day=self.per_day.value(),
            days_off=days,
        )

    def save(self) -> Preferences:
        prefs = self.services.find_time.set_preferences(self.preferences())
        settings = self.services.settings
        addresses = ", ".join(a.strip() for a in self.addresses.text().split(",") if a.strip())
        for key, value in (
            ("find_time.all_day_busy", self.all_day.isChecked()),
            ("find_time.auto_move", self.auto_move.isChecked()),
            ("find_time.addresses", addresses),
        ):
            if settings.get(key) != value:
                settings.set(key, value)
        return prefs
