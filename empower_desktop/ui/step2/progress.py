"""Step 2 · Progress: the weekly learning target, hours planned and logged per week of a quarter,
and the certifications that are due for renewal.

The chart reads `quarter_hours()`: every session's planned time (skipped ones left out) and the
time logged on the occurrences done. Changing the target saves the setting and moves its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...changes import Changes, Kind
from ...domain.learning_plan import CertificationReminder, WeekHours
from ...services import Services
from ..formatting import EN_DASH, fmt_date
from ..theme import themed
from ..widgets.dialogs import INPUT_ERRORS
from ..widgets.section import Section
from .hours_chart import TARGET_COLOUR, WeeklyHoursChart, hours

TARGET_MAX = 80.0  # the setting's upper bound
SAVE_DELAY_MS = 700  # a target typed or stepped is saved once the person pauses
EXPIRED_COLOUR = themed("#b3261e", "#ff958a")


def quarter_start(day: date, offset: int = 0) -> date:
    """The first day of the quarter *offset* quarters after the one holding *day*."""
    index = day.year * 4 + (day.month - 1) // 3 + offset
    return date(index // 4, 3 * (index % 4) + 1, 1)


def quarter_name(first_day: date) -> str:
    return f"Q{(first_day.month - 1) // 3 + 1} {first_day.year}"


def reminder_text(reminder: CertificationReminder) -> str:
    """ "CKA expires in 41 days (13 Jan 2027) — plan the renewal"."""
    when = fmt_date(reminder.expires_on)
    days = reminder.days_left
    if days < 0:
        ago = f"{-days} day{'s' if days != -1 else ''} ago"
        return f"{reminder.title} expired {ago} ({when}) — renew it or plan the exam again"
    if days == 0:
        return f"{reminder.title} expires today — plan the renewal"
    return f"{reminder.title} expires in {days} day{'s' if days != 1 else ''} ({when}) — plan the renewal"


@dataclass(frozen=True)
class ProgressData:
    today: date
    quarter: date  # the quarter's first day
    weeks: list[WeekHours]
    target: float
    reminders: list[CertificationReminder] = field(default_factory=list)

    def this_week(self) -> WeekHours | None:
        return next((w for w in self.weeks if 0 <= (self.today - w.week_start).days < 7), None)

    def summary(self) -> str:
        """One line: this week's hours against the target, then the quarter's."""
        logged = sum(w.logged for w in self.weeks)
        planned = sum(w.planned for w in self.weeks)
        quarter_target = self.target * len(self.weeks)
        week = self.this_week()
        if week is None:
            if self.target > 0:
                return (
                    f"{quarter_name(self.quarter)}: {hours(logged)} of {hours(quarter_target)} logged "
                    f"({hours(planned)} planned)"
                )
            return f"{quarter_name(self.quarter)}: {hours(logged)} logged of {hours(planned)} planned"
        if self.target > 0:
            return (
                f"This week: {hours(week.logged).removesuffix(' h')} of {hours(self.target)} logged; "
                f"quarter: {hours(logged).removesuffix(' h')} of {hours(quarter_target)}"
            )
        return (
            f"This week: {hours(week.logged)} logged of {hours(week.planned)} planned; "
            f"quarter: {hours(logged)} of {hours(planned)}"
        )


class ProgressSection(Section):
    """The weekly target, the quarter's hours per week, and certification renewals."""

    title = "Progress"
    # Hours planned and logged, the target, and certification renewals of the plan's items.
    WATCHES = frozenset({Kind.SESSIONS, Kind.LEARNING_TARGET, Kind.LEARNING_ITEMS})

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.offset = 0  # quarters from the one holding today
        self.data: ProgressData | None = None

        self.previous_button = self.shortcut_button("◀", "Alt+Left", lambda: self.go_to_quarter(self.offset - 1), "")
        self.next_button = self.shortcut_button("▶", "Alt+Right", lambda: self.go_to_quarter(self.offset + 1), "")
        self.this_button = self.shortcut_button(
            "This &quarter", "Alt+Home", lambda: self.go_to_quarter(0), "Back to the quarter we are in"
        )
        self.previous_button.setToolTip("The previous quarter (Alt+Left)")
        self.next_button.setToolTip("The next quarter (Alt+Right)")
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(button.sizeHint().height() + 8)
        self.quarter_label = QLabel()
        self.quarter_label.setObjectName("quarterLabel")
        bold = self.quarter_label.font()
        bold.setBold(True)
        self.quarter_label.setFont(bold)
        widest = f"Q4 2026 · weeks 40{EN_DASH}53"
        self.quarter_label.setMinimumWidth(self.quarter_label.fontMetrics().horizontalAdvance(widest) + 12)
        self.quarter_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_target)
        self.target_spin = QDoubleSpinBox()
        self.target_spin.setObjectName("weeklyTarget")
        self.target_spin.setRange(0.0, TARGET_MAX)
        self.target_spin.setDecimals(1)
        self.target_spin.setSingleStep(0.5)
        self.target_spin.setSuffix(" h")
        self.target_spin.setSpecialValueText("No target")
        self.target_spin.setAccessibleName("Weekly target in hours")
        self.target_spin.setToolTip("How many hours a week you want to spend learning; saved as you change it")
        self.target_spin.valueChanged.connect(lambda _v: self._save_timer.start())
        self.target_spin.editingFinished.connect(self.save_target)
        target_label = QLabel("Weekly &target:")
        target_label.setBuddy(self.target_spin)

        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.previous_button)
        top.addWidget(self.quarter_label)
        top.addWidget(self.next_button)
        top.addWidget(self.this_button)
        top.addStretch(1)
        top.addWidget(target_label)
        top.addWidget(self.target_spin)

        self.summary_label = QLabel("Loading…")
        self.summary_label.setObjectName("progressSummary")
        summary_font = self.summary_label.font()
        summary_font.setPointSizeF(summary_font.pointSizeF() * 1.1)
        self.summary_label.setFont(summary_font)
        self.summary_label.setWordWrap(True)

        self.chart = WeeklyHoursChart(
            "No learning time planned in this quarter.\n"
            "Schedule a session or a weekly habit under Sessions; its hours show here, week by week."
        )

        self.reminders_box = QGroupBox("Certification renewals")
        self.reminders_box.setObjectName("renewals")
        self.reminders_layout = QVBoxLayout(self.reminders_box)
        self.reminders_layout.setContentsMargins(10, 6, 10, 8)
        self.reminders_layout.setSpacing(4)
        self.reminder_labels: list[QLabel] = []
        self.reminders_box.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.reminders_box)

    # -- data ------------------------------------------------------------------------------------
    def fetch(self) -> ProgressData:
        today = self.services.today()
        first = quarter_start(today, self.offset)
        return ProgressData(
            today,
            first,
            self.services.learning.quarter_hours(first),
            self.services.learning.weekly_target_hours(),
            self.services.learning.certification_reminders(),
        )

    def fill(self, data: ProgressData) -> None:
        self.data = data
        if not self._save_timer.isActive() and not self.target_spin.hasFocus():
            self.target_spin.blockSignals(True)
            self.target_spin.setValue(data.target)
            self.target_spin.blockSignals(False)
        weeks = data.weeks
        numbers = f"weeks {weeks[0].iso_week[1]}{EN_DASH}{weeks[-1].iso_week[1]}" if weeks else ""
        self.quarter_label.setText(f"{quarter_name(data.quarter)} · {numbers}")
        self.quarter_label.setToolTip(
            f"{fmt_date(weeks[0].week_start)} to {fmt_date(weeks[-1].week_start)} and that week" if weeks else ""
        )
        self.this_button.setEnabled(self.offset != 0)
        self.summary_label.setText(data.summary())
        self.chart.set_data(weeks, data.target, data.today)
        self._show_reminders(data.reminders)

    def _show_reminders(self, reminders: list[CertificationReminder]) -> None:
        for label in self.reminder_labels:
            self.reminders_layout.removeWidget(label)
            label.deleteLater()
        self.reminder_labels = []
        for reminder in reminders:
            label = QLabel(reminder_text(reminder))
            label.setWordWrap(True)
            colour = EXPIRED_COLOUR if reminder.expired else TARGET_COLOUR
            label.setStyleSheet(f"color: {colour.name()};")
            self.reminders_layout.addWidget(label)
            self.reminder_labels.append(label)
        self.reminders_box.setVisible(bool(reminders))

    def reminder_texts(self) -> list[str]:
        return [label.text() for label in self.reminder_labels]

    # -- actions ---------------------------------------------------------------------------------
    def go_to_quarter(self, offset: int) -> None:
        """Show another quarter (0: the one we are in); read right away, it is a small read."""
        self.offset = offset
        try:
            data = self.fetch()
        except INPUT_ERRORS as exc:
            self.status.emit(f"Could not read the hours of that quarter: {exc}")
            return
        self.fill(data)

    def save_target(self) -> None:
        """Save the weekly target if it changed, and move the chart's line to it."""
        self._save_timer.stop()
        value = round(self.target_spin.value(), 1)
        if self.data is None or value == self.data.target:
            return
        data = self.data
        self.run_op(
            lambda: self.services.learning.set_weekly_target_hours(value),
            changes=Changes.of(Kind.LEARNING_TARGET),
            failed="Could not save the weekly target",
            then=lambda _none: self.fill(ProgressData(data.today, data.quarter, data.weeks, value, data.reminders)),
            done=f"Weekly learning target: {hours(value)}" if value else "No weekly learning target",
        )
