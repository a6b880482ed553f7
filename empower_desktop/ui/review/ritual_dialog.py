"""The review ritual: the weekday and time it comes round, how long it lasts, and every how many
weeks. It goes to the calendar as a repeating event."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from ...domain.common import day_text
from ...services import Services
from ...services.review import Ritual
from ..widgets.dialogs import FormDialog

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MINUTES_RANGE = (10, 240)  # as the review.minutes setting takes
WEEKS_RANGE = (1, 26)  # as review.cadence_weeks takes


def every_text(weeks: int) -> str:
    return "every week" if weeks == 1 else f"every {weeks} weeks"


def ritual_text(ritual: Ritual, next_day: date | None = None) -> str:
    """ "Fridays at 16:00, every week, 30 minutes · next on 19 Jun 2026"."""
    day = WEEKDAYS[ritual.weekday - 1] if 1 <= ritual.weekday <= 7 else "?"
    text = f"{day}s at {ritual.time}, {every_text(ritual.every_weeks)}, {ritual.minutes} minutes"
    if next_day is not None:
        text += f" · next on {day_text(next_day)}"
    return text


class RitualDialog(FormDialog):
    """Pick the ritual's day, time, length and rhythm; a value out of range is refused inline."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("Your review ritual", "Save", parent)
        self.setObjectName("ritualDialog")
        self.services = services
        ritual = services.review.ritual()

        self.weekday_combo = QComboBox()
        self.weekday_combo.addItems(list(WEEKDAYS))
        self.weekday_combo.setCurrentIndex(max(0, min(6, ritual.weekday - 1)))
        self.weekday_combo.setAccessibleName("Day")
        self.time_edit = QLineEdit(ritual.time)
        self.time_edit.setPlaceholderText("e.g. 16:00")
        self.time_edit.setMaxLength(8)
        self.time_edit.setAccessibleName("Time")
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(1, 24 * 60)  # the services say what is too short or too long
        self.minutes_spin.setSuffix(" minutes")
        self.minutes_spin.setValue(ritual.minutes)
        self.minutes_spin.setAccessibleName("Length")
        self.weeks_spin = QSpinBox()
        self.weeks_spin.setRange(1, 52)
        self.weeks_spin.setPrefix("every ")
        self.weeks_spin.setSuffix(" week(s)")
        self.weeks_spin.setValue(ritual.every_weeks)
        self.weeks_spin.setAccessibleName("Every how many weeks")

        self.add_row("&Day:", self.weekday_combo)
        self.add_row("&Time:", self.time_edit, "Your time zone, 24-hour clock (HH:MM).")
        self.add_row("&Length:", self.minutes_spin, f"From {MINUTES_RANGE[0]} to {MINUTES_RANGE[1]} minutes.")
        self.add_row(
            "&Repeat:",
            self.weeks_spin,
            "A weekly review takes about 10 minutes; the ritual goes to your calendar as a repeating event.",
        )
        self.time_edit.setFocus()

    def ritual(self) -> Ritual:
        return Ritual(
            weekday=self.weekday_combo.currentIndex() + 1,
            time=self.time_edit.text().strip(),
            minutes=self.minutes_spin.value(),
            every_weeks=self.weeks_spin.value(),
        )

    def save(self) -> Ritual:
        return self.services.review.set_ritual(self.ritual())

    def focus_for(self, message: str) -> QWidget | None:
        lowered = message.lower()
        if "minute" in lowered or "length" in lowered:
            return self.minutes_spin
        if "week" in lowered and "day" not in lowered:
            return self.weeks_spin
        if "time" in lowered:
            return self.time_edit
        return self.weekday_combo
