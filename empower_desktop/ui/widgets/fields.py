"""Small input widgets that say clearly what is wrong with what was typed."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction

from ...domain.common import day_text
from ...errors import InputError

MAX_NUMBER_TEXT = 40


ENGLISH_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DAY_PATTERN = re.compile(r"(\d{1,2})[\s.-]*([^\W\d_]+)\.?,?[\s.-]*(\d{4})")
EXAMPLE_DAY = date(2027, 2, 19)


def month_number(name: str) -> int | None:
    """1 to 12 for a month's name or its short form, in English or as this system writes it."""
    name = name.casefold().rstrip(".")
    for number in range(1, 13):
        first = date(2000, number, 1)
        names = {ENGLISH_MONTHS[number - 1], f"{first:%b}".casefold().rstrip("."), f"{first:%B}".casefold()}
        if name in names or (len(name) >= 3 and any(n.startswith(name) for n in names)):
            return number
    return None


def parse_date(text: str, label: str) -> date | None:
    """A day typed as the window writes it ("19 Feb 2027", "19 February 2027") or as 2027-02-19;
    None when empty; InputError naming *label* when it is not a day."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    found = DAY_PATTERN.fullmatch(text)
    month = month_number(found.group(2)) if found else None
    if found is not None and month is not None:
        try:
            return date(int(found.group(3)), month, int(found.group(1)))
        except ValueError:
            pass
    raise InputError(f"{label}: “{text}” is not a date (write it like {day_text(EXAMPLE_DAY)})")


class DateField(QWidget):
    """An optional day, shown as the window writes days ("19 Feb 2027"), typed that way (or as
    2027-02-19) or picked from a calendar; empty means none."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(f"e.g. {day_text(EXAMPLE_DAY)}")
        self.edit.setMaxLength(40)
        self.edit.setAccessibleName(label)
        self.edit.editingFinished.connect(self._tidy)
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self.changed)
        char = self.edit.fontMetrics().averageCharWidth()
        self.edit.setMinimumWidth(16 * char)
        self.pick = QToolButton()
        self.pick.setText("…")
        self.pick.setToolTip(f"Pick the {label.lower()} from a calendar")
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.pick)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.pick.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.pick)

    def value(self) -> date | None:
        """The date typed, None when empty; InputError naming the field when it is not a date."""
        return parse_date(self.edit.text(), self.label)

    def set_value(self, value: date | None) -> None:
        self.edit.setText(day_text(value) if value else "")

    def _tidy(self) -> None:
        """A day typed as 2027-02-19 is shown as 19 Feb 2027 once the field is left."""
        try:
            day = self.value()
        except InputError:
            return  # left as typed; Save says what is wrong
        if day is not None and self.edit.text() != day_text(day):
            self.set_value(day)

    def _prepare_calendar(self) -> None:
        try:
            current = self.value()
        except InputError:
            current = None
        day = current or date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _picked(self, day: QDate) -> None:
        self.set_value(date(day.year(), day.month(), day.day()))
        menu = self.pick.menu()
        if menu is not None:
            menu.close()


class NumberField(QLineEdit):
    """An optional number; accepts a decimal comma; empty means none."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.setMaxLength(MAX_NUMBER_TEXT)
        self.setPlaceholderText("number")
        self.setAccessibleName(label)

    def value(self) -> float | None:
        text = self.text().strip().replace("\u2212", "-").replace(" ", "")
        if not text:
            return None
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise InputError(f"{self.label}: “{self.text().strip()}” is not a number") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise InputError(f"{self.label}: “{self.text().strip()}” is not a usable number")
        return number

    def set_value(self, value: float | None) -> None:
        self.setText("" if value is None else f"{value:g}")
