"""Small input widgets that say clearly what is wrong with what was typed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction

from ...errors import InputError

MAX_NUMBER_TEXT = 40


def parse_date(text: str, label: str) -> date | None:
    """A typed YYYY-MM-DD date, None when empty; InputError naming *label* when it is not a date."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{label}: “{text}” is not a date (write it as YYYY-MM-DD)") from None


class DateField(QWidget):
    """An optional date: typed as YYYY-MM-DD (empty means none) or picked from a calendar."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setMaxLength(10)
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
        self.edit.setText(value.isoformat() if value else "")

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
