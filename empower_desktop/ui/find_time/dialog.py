"""Find Time: where a weekly learning habit goes in the free time of the person's own calendars.

The person picks a learning item, hours a week and a block's length; the busy calendars are read
again (off the GUI thread; one that cannot be read keeps its last known busy time, and the dialog
says how old that is), and a proposal is shown on a week view: busy time shaded, the weekly blocks
marked, a week's moved block in another colour. The person can nudge the selected block's weekly
time (the arrow keys, or the buttons), ask for the next proposal (other times), and take it: the
sessions are added to the item and go to the calendar at the next sync.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QWidget,
)

from ...changes import Changes, Kind
from ...domain.common import day_text
from ...domain.freetime import WEEKDAY_NAMES, Slot, clock_span
from ...errors import ActionableError
from ...services import Services
from ...services.findtime import HabitPlan, added_line
from ..formatting import fmt_instant
from ..widgets.dialogs import CLOSE, DateEdit, Dialog, hint_label, qdate, side_button
from ..workers import TaskRunner
from .week_view import WeekView

SESSIONS = Changes.of(Kind.SESSIONS)
NETWORK = Changes.of(Kind.NETWORK)
HABIT, MEETING, RITUAL = range(3)
MODES = ("A learning habit", "A mentor meeting", "The weekly review")
TITLES = ("Find Time for Learning", "Find Time for a Mentor Meeting", "Find Time for the Weekly Review")


class FindTimeDialog(Dialog):
    """Find time for a learning habit, see it on a week view, adjust it and take it."""

    taken = Signal(object, str)  # what the proposal taken changed (Changes), and that in one line

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        item_id: str | None = None,
        parent: QWidget | None = None,
        *,
        mode: int = HABIT,
        mentorship_id: str | None = None,
    ) -> None:
        """*item_id* and *mentorship_id* choose the learning item and the mentorship shown first;
        *mode* what the dialog opens on (HABIT, MEETING or RITUAL)."""
        super().__init__(TITLES[mode], parent, name="findTimeDialog", buttons=CLOSE, runner=runner)
        self.setMinimumSize(900, 640)
        self.services = services
        self.plan: HabitPlan | None = None
        self.avoided: list[Slot] = []  # the slots of the proposals seen: "Next proposal" avoids them
        self.avoided_starts: list[datetime] = []  # the same, for a meeting's one block
        self.week = 0  # the week shown, counted from the plan's first
        self.selected = -1  # the index of the weekly slot selected

        self.item_combo = QComboBox()
        self.item_combo.setObjectName("findTimeItem")
        for item in services.learning.items():
            self.item_combo.addItem(item.title, item.id)
        if item_id is not None and self.item_combo.findData(item_id) >= 0:
            self.item_combo.setCurrentIndex(self.item_combo.findData(item_id))
        self.hours_spin = QDoubleSpinBox()
        self.hours_spin.setRange(0.5, 40)
        self.hours_spin.setSingleStep(0.5)
        self.hours_spin.setDecimals(1)
        self.hours_spin.setSuffix(" h a week")
        self.hours_spin.setValue(max(0.5, services.learning.weekly_target_hours() or 3))
        self.block_spin = QSpinBox()
        self.block_spin.setRange(5, 24 * 60)
        self.block_spin.setSingleStep(15)
        self.block_spin.setSuffix(" min blocks")
        self.block_spin.setValue(45)
        self.weeks_spin = QSpinBox()
        self.weeks_spin.setRange(1, 26)
        self.weeks_spin.setSuffix(" weeks")
        self.weeks_spin.setValue(13)
        self.find_button = QPushButton("&Find Time")
        self.find_button.setDefault(True)
        self.find_button.setToolTip("Read your busy calendars again and propose times (Enter)")
        self.find_button.clicked.connect(self.find_time)
        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("findTimeFor")
        for text in MODES:
            self.mode_combo.addItem(text)
        self.mode_combo.setToolTip("What to find time for")
        label = QLabel("&For:")
        label.setBuddy(self.mode_combo)
        self.inputs = QStackedWidget()
        habit = QHBoxLayout()
        for widget in (self.item_combo, self.hours_spin, self.block_spin, self.weeks_spin):
            habit.addWidget(widget)
        habit.setStretchFactor(self.item_combo, 1)
        self.mentorship_combo = QComboBox()
        self.mentorship_combo.setObjectName("findTimeMentorship")
        for row in services.mentoring.mentorships():
            self.mentorship_combo.addItem(f"{row.mentorship.role.label}: {row.with_whom}", row.mentorship.id)
        if mentorship_id is not None and self.mentorship_combo.findData(mentorship_id) >= 0:
            self.mentorship_combo.setCurrentIndex(self.mentorship_combo.findData(mentorship_id))
        self.meeting_spin = QSpinBox()
        self.meeting_spin.setRange(15, 240)
        self.meeting_spin.setSingleStep(15)
        self.meeting_spin.setSuffix(" min")
        self.meeting_spin.setValue(45)
        today = services.today()
        self.meeting_from = DateEdit(today)
        self.meeting_from.setMaximumDate(qdate(today + timedelta(days=365)))
        self.meeting_to = DateEdit(today + timedelta(days=13))
        meeting = QHBoxLayout()
        for part in (
            self.mentorship_combo,
            self.meeting_spin,
            QLabel("between"),
            self.meeting_from,
            QLabel("and"),
            self.meeting_to,
        ):
            meeting.addWidget(part)
        meeting.setStretchFactor(self.mentorship_combo, 1)
        ritual = services.review.ritual()
        self.ritual_label = QLabel(f"The review ritual ({ritual.minutes} min), a time free in the most of the next")
        self.ritual_weeks = QSpinBox()
        self.ritual_weeks.setRange(1, 13)
        self.ritual_weeks.setSuffix(" weeks")
        self.ritual_weeks.setValue(4)
        review = QHBoxLayout()
        review.addWidget(self.ritual_label)
        review.addWidget(self.ritual_weeks)
        review.addStretch(1)
        for layout in (habit, meeting, review):
            page = QWidget()
            layout.setContentsMargins(0, 0, 0, 0)
            page.setLayout(layout)
            self.inputs.addWidget(page)
        self.mode_combo.currentIndexChanged.connect(self._mode_changed)
        ask = QHBoxLayout()
        ask.setSpacing(8)
        ask.addWidget(label)
        ask.addWidget(self.mode_combo)
        ask.addWidget(self.inputs, 1)
        ask.addWidget(self.find_button)

        self.busy_time_label = hint_label()
        self.busy_time_label.setObjectName("findTimeBusy")
        self.calendars_button = QPushButton("Busy &Calendars…")
        self.calendars_button.setToolTip("Choose the calendars whose events count as busy")
        self.calendars_button.clicked.connect(self.open_calendars)
        self.prefs_button = QPushButton("&Preferences…")
        self.prefs_button.setToolTip("Working hours, preferred times, block lengths, buffer, days off")
        self.prefs_button.clicked.connect(self.open_preferences)

        self.previous_button = QPushButton("\u25c0")
        self.previous_button.setToolTip("The week before (Page Up)")
        self.previous_button.clicked.connect(lambda: self.show_week(self.week - 1))
        self.next_week_button = QPushButton("\u25b6")
        self.next_week_button.setToolTip("The week after (Page Down)")
        self.next_week_button.clicked.connect(lambda: self.show_week(self.week + 1))
        self.week_label = QLabel()
        self.week_label.setObjectName("findTimeWeek")
        self.week_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for button in (self.previous_button, self.next_week_button):
            button.setFixedWidth(40)
        weeks_row = QHBoxLayout()
        weeks_row.addWidget(self.previous_button)
        weeks_row.addWidget(self.week_label, 1)
        weeks_row.addWidget(self.next_week_button)
        weeks_row.addSpacing(24)
        weeks_row.addWidget(self.calendars_button)
        weeks_row.addWidget(self.prefs_button)

        self.view = WeekView()
        self.view.block_clicked.connect(self._block_clicked)
        self.view.nudge_requested.connect(self.nudge)
        self.view.week_requested.connect(lambda step: self.show_week(self.week + step))

        self.summary = hint_label()
        self.summary.setObjectName("findTimeSummary")
        self.summary.setMinimumHeight(2 * self.summary.fontMetrics().lineSpacing() + 4)
        self.busy_time_label.setMinimumHeight(2 * self.busy_time_label.fontMetrics().lineSpacing() + 4)
        make = side_button
        self.earlier_button = make("&Earlier", "15 minutes earlier, every week (Up)", lambda: self.nudge(-15, 0))
        self.later_button = make("La&ter", "15 minutes later, every week (Down)", lambda: self.nudge(15, 0))
        self.day_before_button = make("Day &Before", "A day earlier, every week (Left)", lambda: self.nudge(0, -1))
        self.day_after_button = make("Day &After", "A day later, every week (Right)", lambda: self.nudge(0, 1))
        self.next_button = make("&Next Proposal", "Other times, none of those proposed so far", self.next_proposal)
        self.take_button = side_button("Ta&ke Proposal", "Add these sessions to the learning item", self.take)
        actions = QHBoxLayout()
        for button in (self.earlier_button, self.later_button, self.day_before_button, self.day_after_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.next_button)
        actions.addWidget(self.take_button)

        self.column.addLayout(ask)
        self.column.addWidget(self.busy_time_label)
        self.column.addLayout(weeks_row)
        self.column.addWidget(self.view, 1)
        self.column.addWidget(self.summary)
        self.column.addLayout(actions)
        self.add_footer(self.busy_row())
        self._show_busy_age()
        self._update_buttons()
        self.mode_combo.blockSignals(True)  # _mode_changed runs once, below
        self.mode_combo.setCurrentIndex(mode)
        self.mode_combo.blockSignals(False)
        self._mode_changed(mode)

    # -- asking ----------------------------------------------------------------------------------
    @property
    def mode(self) -> int:
        return self.mode_combo.currentIndex()

    def _missing(self) -> str:
        """What must exist first for the mode chosen ("" if nothing)."""
        if self.mode == HABIT and self.item_combo.count() == 0:
            return "There is no learning item yet: add a course or a book under 2 · Learn → Plan first, then find time."
        if self.mode == MEETING and self.mentorship_combo.count() == 0:
            return (
                "There is no mentor or coach yet: add one under 3 · Network & Mentor → Mentorships "
                "(New mentorship…) first, then find time."
            )
        return ""

    def _mode_changed(self, index: int) -> None:
        self.inputs.setCurrentIndex(index)
        self.setWindowTitle(TITLES[index])
        self.plan = None
        self.avoided, self.avoided_starts = [], []
        self.view.show_week(
            self.services.today() - timedelta(days=self.services.today().weekday()),
            [],
            [],
            self.services.find_time.preferences(),
            self.services.context.zone(),
        )
        self.summary.setText("")
        self.week_label.setText("")
        problem = self._missing()
        if problem:
            self.show_error(problem)
        else:
            self.error_label.hide()
        self.find_button.setEnabled(not problem)
        self.take_button.setText(("Ta&ke Proposal", "Ta&ke This Time", "Ta&ke This Time")[index])
        self._update_buttons()

    def find_time(self) -> None:
        """Read the busy calendars again, then propose (a calendar that cannot be read is named)."""
        if self._missing():
            return
        self.avoided, self.avoided_starts = [], []
        self._propose(refresh=True)

    def next_proposal(self) -> None:
        if self.plan is not None:
            self.avoided += [s for s in self.plan.proposal.slots if s not in self.avoided]
            self.avoided_starts += [b.start for b in self.plan.proposal.blocks]
            self._propose(refresh=False)

    def _propose(self, refresh: bool) -> None:
        mode = self.mode
        item_id = str(self.item_combo.currentData())
        hours, minutes, weeks = self.hours_spin.value(), self.block_spin.value(), self.weeks_spin.value()
        what = f"A meeting with {self.mentorship_combo.currentText().split(': ', 1)[-1]}"
        meeting_minutes, first, last = self.meeting_spin.value(), self.meeting_from.value(), self.meeting_to.value()
        if mode == MEETING and last < first:
            self.show_error("The window ends before it starts: move its last day later.")
            return
        ritual_weeks = self.ritual_weeks.value()
        avoid, avoid_starts = list(self.avoided), list(self.avoided_starts)
        find = self.services.find_time
        zone = self.services.context.zone()

        def work() -> HabitPlan:
            if refresh:
                if mode == MEETING:
                    until = datetime.combine(last, time(0), zone) + timedelta(days=8)
                else:
                    until = find.plan_window(None, weeks if mode == HABIT else ritual_weeks)[2]
                find.refresh(until=until)
            if mode == MEETING:
                return find.meeting_plan(what, meeting_minutes, first, last, avoid_starts)
            if mode == RITUAL:
                return find.find_ritual_time(ritual_weeks, avoid)
            return find.find_habit_time(item_id, hours, minutes, None, weeks, avoid)

        self.run("Reading your busy calendars…" if refresh else "Looking for other times…", work, self._proposed)

    def _proposed(self, plan: HabitPlan) -> None:
        self.plan = plan
        self.avoided += [s for s in plan.proposal.slots if s not in self.avoided]
        self.selected = 0 if plan.proposal.slots else -1
        self.error_label.hide()
        self._show_busy_age()
        self.show_week(self._first_week_with_blocks())
        self._update_buttons()
        self.view.setFocus()

    def _first_week_with_blocks(self) -> int:
        assert self.plan is not None
        for index, monday in enumerate(self.plan.proposal.weeks):
            if self.plan.proposal.blocks_in(monday):
                return index
        return 0

    # -- showing ---------------------------------------------------------------------------------
    def show_week(self, index: int) -> None:
        if self.plan is None:
            return
        weeks = self.plan.proposal.weeks
        self.week = max(0, min(len(weeks) - 1, index))
        monday = weeks[self.week]
        blocks = self.plan.proposal.blocks_in(monday)
        slot = self.plan.proposal.slots[self.selected] if 0 <= self.selected < len(self.plan.proposal.slots) else None
        chosen = next((i for i, b in enumerate(blocks) if b.slot == slot), -1)
        self.view.show_week(
            monday, self.plan.busy, blocks, self.services.find_time.preferences(), self.services.context.zone(), chosen
        )
        self.week_label.setText(f"Week of {day_text(monday)} ({self.week + 1} of {len(weeks)})")
        self.previous_button.setEnabled(self.week > 0)
        self.next_week_button.setEnabled(self.week < len(weeks) - 1)
        self.summary.setText(self._summary())

    def _summary(self) -> str:
        assert self.plan is not None
        proposal = self.plan.proposal
        if not proposal.slots:
            return f"Proposed: {proposal.blocks[0].text()}." if proposal.blocks else ""
        groups: dict[tuple[object, int, int], list[str]] = {}
        for slot, free, planned in zip(proposal.slots, proposal.free_weeks, proposal.planned_weeks, strict=True):
            groups.setdefault((slot.at, free, planned), []).append(slot.text()[:3])
        slots = []
        for (at, free, planned), days in groups.items():
            assert isinstance(at, time)
            end = datetime.combine(proposal.weeks[0], at) + timedelta(minutes=proposal.minutes)
            slots.append(f"{', '.join(days)} {clock_span(at, end.time())} (free in {free} of {planned} weeks)")
        text = f"Every week: {'; '.join(slots)}."
        if self.mode == RITUAL and list(proposal.slots) == [self.services.find_time.ritual_slot()]:
            text += " That is when your review comes round now: it is free. Next Proposal offers other times."
        if proposal.moved:
            text += f" {len(proposal.moved)} week{'s' if len(proposal.moved) != 1 else ''} move a block off busy time."
        if proposal.missing:
            missing = len(proposal.missing)
            weeks = "their weeks" if missing != 1 else "its week"
            text += f" {missing} block{'s' if missing != 1 else ''} found no free time in {weeks}."
        return text

    def _show_busy_age(self) -> None:
        find = self.services.find_time
        sources = find.sources()
        if not sources:
            self.busy_time_label.setText(
                "No busy calendar chosen: times are found around your plans in the app only. "
                "Add your work calendar under Busy Calendars."
            )
            return
        read_at = find.read_at()
        when = "not read yet" if read_at is None else f"read {fmt_instant(read_at)}"
        text = f"Busy time from {len(sources)} calendar{'s' if len(sources) != 1 else ''}, {when}."
        problems = find.problems()
        if problems:
            text += " Could not be read now, so what was read before is used: " + " · ".join(problems)
        self.busy_time_label.setText(text)

    def _block_clicked(self, index: int) -> None:
        if self.plan is None:
            return
        block = self.view.blocks[index]
        if block.slot is not None and block.slot in self.plan.proposal.slots:
            self.selected = self.plan.proposal.slots.index(block.slot)
            self.show_week(self.week)
        self.view.setFocus()

    def _update_buttons(self) -> None:
        has = self.plan is not None and bool(self.plan.proposal.blocks)
        movable = has and self.plan is not None and (self.selected >= 0 or not self.plan.proposal.slots)
        for button in (self.earlier_button, self.later_button, self.day_before_button, self.day_after_button):
            button.setEnabled(movable)
        self.next_button.setEnabled(self.plan is not None)
        self.take_button.setEnabled(has)
        self.previous_button.setEnabled(self.plan is not None and self.week > 0)
        self.next_week_button.setEnabled(self.plan is not None and self.week < len(self.plan.proposal.weeks) - 1)

    def _busy_changed(self, busy: bool) -> None:
        self.find_button.setEnabled(not busy)
        if busy:
            for button in (self.next_button, self.take_button):
                button.setEnabled(False)
        else:
            self._update_buttons()

    # -- adjusting and taking --------------------------------------------------------------------
    def nudge(self, minutes: int, days: int) -> None:
        """Move the selected weekly time; a time that cannot be (a day off, outside the working
        hours) is said inline and the proposal stays as it was."""
        if self.plan is None:
            return
        find = self.services.find_time
        try:
            if not self.plan.proposal.slots:  # one block: a meeting
                self.plan = find.nudge_block(self.plan, minutes, days)
            elif self.selected >= 0:
                self.plan = find.nudge(self.plan, self.selected, minutes, days)
        except ActionableError as exc:  # NoRoom: why it cannot go there, in words
            self.show_error(str(exc))
            return
        self.error_label.hide()
        self.show_week(self.week)

    def take(self) -> None:
        if self.plan is None:
            return
        plan = self.plan
        find = self.services.find_time
        if self.mode == MEETING:
            mentorship_id = str(self.mentorship_combo.currentData())
            [block] = plan.proposal.blocks
            self.run(
                "Adding the meeting…",
                lambda: find.take_meeting(mentorship_id, block),
                lambda _meeting: self._done(NETWORK, f"{plan.title} planned for {block.text()}"),
            )
        elif self.mode == RITUAL:
            self.run(
                "Moving the review…",
                lambda: find.take_ritual(plan),
                lambda ritual: self._done(
                    Changes.of(Kind.SETTINGS),
                    f"The review now comes round on {WEEKDAY_NAMES[ritual.weekday - 1]}s at {ritual.time}",
                ),
            )
        else:
            self.run(
                "Adding the sessions…",
                lambda: find.apply_habit(plan),
                lambda sessions: self._done(SESSIONS, added_line(sessions, plan.title)),
            )

    def _done(self, changes: Changes, line: str) -> None:
        self.taken.emit(changes, line)
        self.accept()

    # -- the other dialogs -----------------------------------------------------------------------
    def open_calendars(self) -> QWidget:
        from .busy_calendars import BusyCalendarsDialog

        dialog = BusyCalendarsDialog(self.services, self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._show_busy_age())
        dialog.open()
        return dialog

    def open_preferences(self) -> QWidget:
        from .preferences import FindTimePreferencesDialog

        dialog = FindTimePreferencesDialog(self.services, self)
        dialog.saved.connect(lambda _prefs: self._preferences_saved())
        dialog.open()
        return dialog

    def _preferences_saved(self) -> None:
        if self.plan is not None:
            self._propose(refresh=False)


def open_find_time(
    parent: QWidget,
    services: Services,
    runner: TaskRunner,
    on_taken: Callable[[Changes, str], object],
    item_id: str | None = None,
    *,
    mode: int = HABIT,
    mentorship_id: str | None = None,
) -> FindTimeDialog:
    """Open Find Time over *parent* (gone once closed); *on_taken* hears what a proposal taken
    changed, in one line."""
    dialog = FindTimeDialog(services, runner, item_id, parent, mode=mode, mentorship_id=mentorship_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.taken.connect(on_taken)
    dialog.open()
    return dialog
