"""Dialogs about one occurrence of a session: log it as done (minutes spent, a one-line takeaway),
or move it to another day or time (a habit keeps its other occurrences)."""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget

from ...domain import LearningSession, OccurrenceLog
from ...domain.common import day_text, zone
from ...domain.learn import MAX_MINUTES, TAKEAWAY_MAX, OccurrenceState
from ...errors import InputError
from ...services import Services
from ...services.learn import OccurrenceRow
from ..formatting import EN_DASH, first_line, fmt_date
from ..widgets.dialogs import FormDialog, hint_label
from ..widgets.fields import EXAMPLE_DAY, DateField
from .session_editor import fmt_time, parse_time, time_range


def occurrence_when(row: OccurrenceRow, with_year: bool = True) -> str:
    """ "Tue 16 Jun 2026, 07:30" to "08:15" (with an en dash), in the session's own zone."""
    start, end = row.occurrence.start, row.occurrence.end
    day = f"{start:%a} {start.day} {start:%b %Y}" if with_year else f"{start:%a} {start.day} {start:%b}"
    return f"{day}, {fmt_time(start)}{EN_DASH}{fmt_time(end)}"


_UNTIL = re.compile(r"until (\d{4}-\d{2}-\d{2})$")


def repeats_text(row: OccurrenceRow) -> str:
    """ "One-off", or the habit's rule in words with its last day as the tables write days."""
    if not row.occurrence.habit:
        return "One-off"
    return _UNTIL.sub(lambda m: f"until {fmt_date(date.fromisoformat(m.group(1)))}", row.rrule_text)


def planned_minutes(row: OccurrenceRow) -> int:
    return int((row.occurrence.end - row.occurrence.start).total_seconds() // 60)


def _about(row: OccurrenceRow) -> QLabel:
    label = QLabel(f"<b>{first_line(row.item_title, 80)}</b><br>{occurrence_when(row)}")
    label.setWordWrap(True)
    return label


class LogDialog(FormDialog):
    """Log an occurrence as done. Emits `saved(log)`."""

    def __init__(self, services: Services, row: OccurrenceRow, parent: QWidget | None = None) -> None:
        super().__init__("Log session as done", save_text="Log as done", parent=parent)
        self.setObjectName("logDialog")
        self.services = services
        self.row = row
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setObjectName("logMinutes")
        self.minutes_spin.setRange(0, MAX_MINUTES)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setAccessibleName("Minutes spent")
        done = row.state is OccurrenceState.DONE and row.minutes_spent is not None
        self.minutes_spin.setValue(
            row.minutes_spent if done and row.minutes_spent is not None else planned_minutes(row)
        )
        char = self.minutes_spin.fontMetrics().averageCharWidth()
        self.minutes_spin.setFixedWidth(14 * char)
        self.takeaway_edit = QLineEdit(row.takeaway)
        self.takeaway_edit.setObjectName("logTakeaway")
        self.takeaway_edit.setMaxLength(TAKEAWAY_MAX + 100)  # the domain says how long is too long
        self.takeaway_edit.setPlaceholderText("One thing you learned (optional)")

        self.add_row("", _about(row))
        self.add_row("&Minutes spent:", self.minutes_spin, f"Planned: {planned_minutes(row)} min.")
        self.add_row("&Takeaway:", self.takeaway_edit, "It goes to What I learned, so you can find it again.")
        self.minutes_spin.selectAll()
        self.minutes_spin.setFocus()

    def save(self) -> OccurrenceLog:
        occ = self.row.occurrence
        return self.services.learning.log_done(
            occ.session_id, occ.key, self.minutes_spin.value(), self.takeaway_edit.text()
        )


class MoveDialog(FormDialog):
    """Move one occurrence to a new day and time. Emits `saved(session)`: the moved one-off session."""

    def __init__(self, services: Services, row: OccurrenceRow, parent: QWidget | None = None) -> None:
        super().__init__("Move this session", save_text="Move", parent=parent)
        self.setObjectName("moveDialog")
        self.services = services
        self.row = row
        self.tz = row.session.start.tz
        occ = row.occurrence
        self.day_edit = DateField("Day")
        self.day_edit.set_value(occ.start.date())
        self.start_edit = QLineEdit(fmt_time(occ.start))
        self.end_edit = QLineEdit(fmt_time(occ.end))
        times = time_range(self.start_edit, self.end_edit, self.tz)

        self.add_row("", _about(row))
        self.add_row("&Day:", self.day_edit)
        self.add_row("&Time:", times)
        if occ.habit:
            self.form.addRow("", hint_label(f"Only this time moves; the habit stays as it is ({repeats_text(row)})."))
        self.day_edit.edit.setFocus()

    def save(self) -> LearningSession:
        day = self.day_edit.value()
        if day is None:
            raise InputError(f"Day: enter the new day (e.g. {day_text(EXAMPLE_DAY)})")
        tzinfo = zone(self.tz)
        start = datetime.combine(day, parse_time(self.start_edit.text(), "Start time"), tzinfo)
        end = datetime.combine(day, parse_time(self.end_edit.text(), "End time"), tzinfo)
        occ = self.row.occurrence
        return self.services.learning.move_occurrence(occ.session_id, occ.key, start, end)

    def focus_for(self, message: str) -> QWidget | None:
        if message.startswith("Start time"):
            return self.start_edit
        if message.startswith(("End time", "A session")):
            return self.end_edit
        if message.startswith("Day"):
            return self.day_edit.edit
        return None
