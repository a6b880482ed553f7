"""The SMART goal editor: one part per letter, milestones, required skills, and a live check.

The checklist on the right is computed by the domain (`smart_check`) from what is typed, on
every keystroke, so a person sees which letter still fails and why. A goal that is not SMART
yet can be saved as a draft; only a SMART goal can be activated.
"""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import Goal, Skill
from ...domain.assess import LEVEL_MAX, LEVEL_MIN, GoalStatus, Milestone, ProgressPoint, RequiredSkill
from ...domain.common import day_text
from ...domain.goals import SmartLetter
from ...errors import ActionableError, InputError
from ...services import Services
from ..widgets.dialogs import NO_BUTTONS, Dialog
from ..widgets.fields import DateField, NumberField, parse_date

OK_COLOUR = "#1b6e2a"
FAIL_COLOUR = "#a1261b"
TEXT_LIMIT_HINT = 20_000


def _text_box(placeholder: str, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def _group(title: str) -> tuple[QWidget, QVBoxLayout]:
    """A part of the form: a bold heading line, then its fields."""
    box = QWidget()
    box.setObjectName("smartGroup")
    heading = QLabel(title)
    font = heading.font()
    font.setBold(True)
    heading.setFont(font)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 2)
    layout.setSpacing(6)
    layout.addWidget(heading)
    return box, layout


class SmartChecklist(QWidget):
    """Five lines, one per letter: a tick and the letter, or a cross and the reason it fails."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("smartChecklist")
        title = QLabel("SMART check")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.lines: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(title)
        for letter in "SMART":
            label = QLabel()
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            self.lines[letter] = label
            layout.addWidget(label)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setObjectName("smartVerdict")
        layout.addSpacing(6)
        layout.addWidget(self.verdict)
        layout.addStretch(1)

    def show_check(self, letters: list[SmartLetter]) -> None:
        for item in letters:
            if item.ok:
                text = f"<span style='color:{OK_COLOUR}'>✔ <b>{item.name}</b></span>"
            else:
                text = f"<span style='color:{FAIL_COLOUR}'>✘ <b>{item.name}</b>: {html.escape(item.reason)}</span>"
            self.lines[item.letter].setText(text)
            self.lines[item.letter].setToolTip(str(item))
        if all(item.ok for item in letters):
            self.verdict.setText("This goal is SMART: it can be activated.")
        else:
            self.verdict.setText("Not SMART yet. You can save it as a draft and come back to it.")

    def show_problem(self, message: str) -> None:
        for label in self.lines.values():
            label.setText("")
        self.lines["S"].setText(f"<span style='color:{FAIL_COLOUR}'>Fix first: {html.escape(message)}</span>")
        self.verdict.setText("")

    def failing(self) -> list[str]:
        return [letter for letter, label in self.lines.items() if "✘" in label.text()]


class GoalEditor(Dialog):
    """Create or edit a goal. Emits `saved(goal)` after a successful save, then closes."""

    saved = Signal(object)

    def __init__(self, services: Services, goal: Goal | None = None, parent: QWidget | None = None) -> None:
        super().__init__(
            "Edit goal" if goal else "New goal",
            parent,
            name="goalEditor",
            buttons=NO_BUTTONS,  # its own: Cancel, Save as draft, Save and activate
            margins=(16, 14, 16, 12),
            spacing=10,
        )
        self.services = services
        self.original = goal
        self.resize(980, 720)
        self.skills: list[Skill] = services.assessment.skills()
        self.vision = services.assessment.current_vision()

        body = QHBoxLayout()
        body.addWidget(self._build_form(), 1)
        body.addWidget(self._build_side())
        self.column.addLayout(body, 1)
        self.add_footer(self._build_buttons(goal))

        if goal is not None:
            self._load(goal)
        self._connect_live_check()
        self.title_edit.setFocus()
        self.refresh()

    # -- building the form -----------------------------------------------------------------------
    def _build_form(self) -> QScrollArea:
        """The title and one part per SMART letter, in a scroll area."""
        form = QWidget()
        column = QVBoxLayout(form)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(10)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("A short name, e.g. “Give two conference talks”")
        self.title_edit.setAccessibleName("Goal title")
        title_row = QFormLayout()
        title_row.addRow("&Goal:", self.title_edit)
        column.addLayout(title_row)
        for part in (
            self._build_specific(),
            self._build_measurable(),
            self._build_achievable(),
            self._build_relevant(),
            self._build_time_bound(),
        ):
            column.addWidget(part)
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        return scroll

    def _build_specific(self) -> QWidget:
        box, layout = _group("S · Specific — what exactly will be different?")
        self.specific_edit = _text_box("Speak at two regional engineering conferences about our event pipeline")
        layout.addWidget(self.specific_edit)
        return box

    def _build_measurable(self) -> QWidget:
        box, layout = _group("M · Measurable — how will you know?")
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        self.metric_edit = QLineEdit()
        self.metric_edit.setPlaceholderText("talks given")
        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText("talks")
        self.unit_edit.setMaxLength(30)
        self.baseline_edit = NumberField("Baseline")
        self.target_edit = NumberField("Target")
        self.current_edit = NumberField("Current value")
        grid.addWidget(QLabel("Metric:"), 0, 0)
        grid.addWidget(self.metric_edit, 0, 1, 1, 3)
        grid.addWidget(QLabel("Unit:"), 0, 4)
        grid.addWidget(self.unit_edit, 0, 5)
        grid.addWidget(QLabel("Baseline:"), 1, 0)
        grid.addWidget(self.baseline_edit, 1, 1)
        grid.addWidget(QLabel("Target:"), 1, 2)
        grid.addWidget(self.target_edit, 1, 3)
        grid.addWidget(QLabel("Now:"), 1, 4)
        grid.addWidget(self.current_edit, 1, 5)
        layout.addLayout(grid)
        return box

    def _build_achievable(self) -> QWidget:
        box, layout = _group("A · Achievable — why is it within reach?")
        self.achievable_edit = _text_box("Abstract drafted; my manager supports the travel; two hours a week set aside")
        layout.addWidget(self.achievable_edit)
        return box

    def _build_relevant(self) -> QWidget:
        """Why it matters (with the vision as a reminder) and the skills it needs."""
        box, layout = _group("R · Relevant — how does it serve your vision, which skills does it need?")
        if self.vision is not None and (self.vision.one_year or self.vision.three_years):
            hint = QLabel(f"Your vision: {self.vision.one_year or self.vision.three_years}")
            hint.setTextFormat(Qt.TextFormat.PlainText)
            hint.setObjectName("visionHint")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        self.relevant_edit = _text_box("Visibility I need for the staff-engineer path", lines=2)
        layout.addWidget(self.relevant_edit)
        self.skills_table = QTableWidget(0, 2)
        self.skills_table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.skills_table.setHorizontalHeaderLabels(["Required skill", "Target level"])
        self._setup_table(self.skills_table, stretch=0)
        skills_buttons = QHBoxLayout()
        self.add_skill_button = QPushButton("Add required skill")
        self.add_skill_button.clicked.connect(lambda: self.add_required_skill())
        self.add_skill_button.setEnabled(bool(self.skills))
        if not self.skills:
            self.add_skill_button.setToolTip("Add skills in the Skills section first")
        self.remove_skill_button = QPushButton("Remove")
        self.remove_skill_button.clicked.connect(lambda: self._remove_current(self.skills_table))
        skills_buttons.addWidget(self.add_skill_button)
        skills_buttons.addWidget(self.remove_skill_button)
        skills_buttons.addStretch(1)
        layout.addWidget(self.skills_table)
        layout.addLayout(skills_buttons)
        return box

    def _build_time_bound(self) -> QWidget:
        """The start, the deadline and the milestones on the way."""
        box, layout = _group("T · Time-bound — by when?")
        dates = QHBoxLayout()
        self.start_edit = DateField("Start")
        self.deadline_edit = DateField("Deadline")
        dates.addWidget(QLabel("Start (optional):"))
        dates.addWidget(self.start_edit)
        dates.addSpacing(16)
        dates.addWidget(QLabel("Deadline:"))
        dates.addWidget(self.deadline_edit)
        dates.addStretch(1)
        layout.addLayout(dates)
        self.milestones_table = QTableWidget(0, 3)
        self.milestones_table.setTabKeyNavigation(False)
        self.milestones_table.setHorizontalHeaderLabels(["Milestone", "Due", "Done"])
        self._setup_table(self.milestones_table, stretch=0)
        milestone_buttons = QHBoxLayout()
        self.add_milestone_button = QPushButton("Add milestone")
        self.add_milestone_button.clicked.connect(lambda: self.add_milestone())
        self.remove_milestone_button = QPushButton("Remove")
        self.remove_milestone_button.clicked.connect(lambda: self._remove_current(self.milestones_table))
        milestone_buttons.addWidget(self.add_milestone_button)
        milestone_buttons.addWidget(self.remove_milestone_button)
        milestone_buttons.addStretch(1)
        layout.addWidget(self.milestones_table)
        layout.addLayout(milestone_buttons)
        return box

    def _build_side(self) -> QWidget:
        """The live SMART check, beside the form."""
        self.checklist = SmartChecklist()
        side = QWidget()
        side.setObjectName("smartSide")
        side.setFixedWidth(280)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(14, 4, 4, 4)
        side_layout.addWidget(self.checklist)
        return side

    def _build_buttons(self, goal: Goal | None) -> QHBoxLayout:
        """Cancel, Save as draft, Save and activate (an achieved, dropped or archived goal keeps its
        status: it has one Save); Ctrl+Return and Ctrl+S save as the default button would."""
        self.draft_button = QPushButton("Save as &draft")
        self.draft_button.clicked.connect(lambda: self.save(activate=False))
        self.activate_button = QPushButton("Save and &activate")
        self.activate_button.clicked.connect(lambda: self.save(activate=True))
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.reject)
        keeps_status = goal is not None and goal.status not in (GoalStatus.DRAFT, GoalStatus.ACTIVE)
        if keeps_status:
            self.draft_button.setText("&Save")
            self.activate_button.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.activate_button)
        for keys in ("Ctrl+Return", "Ctrl+S"):
            QShortcut(QKeySequence(keys), self).activated.connect(self._save_default)
        return buttons

    def _connect_live_check(self) -> None:
        """Every change to the form runs the SMART check again."""
        for edit in (self.title_edit, self.metric_edit, self.unit_edit):
            edit.textChanged.connect(self.refresh)
        for number in (self.baseline_edit, self.target_edit, self.current_edit):
            number.textChanged.connect(self.refresh)
        for text in (self.specific_edit, self.achievable_edit, self.relevant_edit):
            text.textChanged.connect(self.refresh)
        for field in (self.start_edit, self.deadline_edit):
            field.changed.connect(self.refresh)
        self.milestones_table.itemChanged.connect(self.refresh)

    # -- tables ----------------------------------------------------------------------------------
    @staticmethod
    def _setup_table(table: QTableWidget, stretch: int) -> None:
        table.verticalHeader().setVisible(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for column in range(table.columnCount()):
            mode = QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
            table.horizontalHeader().setSectionResizeMode(column, mode)
        table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows = table.verticalHeader().defaultSectionSize()
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows * 4 + 2 * table.frameWidth())

    def _remove_current(self, table: QTableWidget) -> None:
        row = table.currentRow()
        if row < 0 and table.rowCount():
            row = table.rowCount() - 1
        if row >= 0:
            table.removeRow(row)
            self.refresh()

    def add_milestone(self, milestone: Milestone | None = None) -> int:
        row = self.milestones_table.rowCount()
        self.milestones_table.blockSignals(True)
        self.milestones_table.insertRow(row)
        title = QTableWidgetItem(milestone.title if milestone else "")
        title.setData(Qt.ItemDataRole.UserRole, milestone.id if milestone else None)
        due = QTableWidgetItem(day_text(milestone.due) if milestone and milestone.due else "")
        done = QTableWidgetItem()
        done.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        done.setCheckState(Qt.CheckState.Checked if milestone and milestone.done else Qt.CheckState.Unchecked)
        self.milestones_table.setItem(row, 0, title)
        self.milestones_table.setItem(row, 1, due)
        self.milestones_table.setItem(row, 2, done)
        self.milestones_table.blockSignals(False)
        if milestone is None:
            self.milestones_table.setCurrentCell(row, 0)
            self.milestones_table.editItem(title)
        self.refresh()
        return row

    def add_required_skill(self, required: RequiredSkill | None = None) -> int:
        row = self.skills_table.rowCount()
        self.skills_table.insertRow(row)
        combo = QComboBox()
        for skill in self.skills:
            combo.addItem(skill.name, skill.id)
        if required is not None:
            index = combo.findData(required.skill_id)
            combo.setCurrentIndex(max(index, 0))
        level = QSpinBox()
        level.setRange(LEVEL_MIN, LEVEL_MAX)
        level.setValue(required.target_level if required else 4)
        combo.currentIndexChanged.connect(self.refresh)
        self.skills_table.setCellWidget(row, 0, combo)
        self.skills_table.setCellWidget(row, 1, level)
        self.refresh()
        return row

    # -- reading the form ------------------------------------------------------------------------
    def _load(self, goal: Goal) -> None:
        self.title_edit.setText(goal.title)
        self.specific_edit.setPlainText(goal.specific)
        self.metric_edit.setText(goal.metric)
        self.unit_edit.setText(goal.unit)
        self.baseline_edit.set_value(goal.baseline)
        self.target_edit.set_value(goal.target)
        self.current_edit.set_value(goal.current)
        self.achievable_edit.setPlainText(goal.achievable)
        self.relevant_edit.setPlainText(goal.relevant)
        self.start_edit.set_value(goal.start)
        self.deadline_edit.set_value(goal.deadline)
        for milestone in goal.milestones:
            self.add_milestone(milestone)
        for required in goal.required_skills:
            self.add_required_skill(required)

    def _milestones(self) -> list[Milestone]:
        milestones = []
        for row in range(self.milestones_table.rowCount()):
            title_item = self.milestones_table.item(row, 0)
            due_item = self.milestones_table.item(row, 1)
            done_item = self.milestones_table.item(row, 2)
            title = title_item.text().strip() if title_item else ""
            due_text = due_item.text().strip() if due_item else ""
            if not title and not due_text:
                continue  # an empty row added by mistake
            due = parse_date(due_text, f"Milestone {row + 1}'s due date")
            if due is not None and (deadline := self._safe_deadline()) is not None and due > deadline:
                raise InputError(f"Milestone “{title}” is due after the goal's deadline")
            ident = title_item.data(Qt.ItemDataRole.UserRole) if title_item else None
            done = done_item is not None and done_item.checkState() == Qt.CheckState.Checked
            kwargs = {"id": ident} if ident else {}
            milestones.append(Milestone(title=title, due=due, done=done, **kwargs))
        return milestones

    def _safe_deadline(self) -> date | None:
        try:
            return self.deadline_edit.value()
        except InputError:
            return None

    def _required_skills(self) -> list[RequiredSkill]:
        chosen: dict[str, RequiredSkill] = {}
        for row in range(self.skills_table.rowCount()):
            combo = self.skills_table.cellWidget(row, 0)
            level = self.skills_table.cellWidget(row, 1)
            if isinstance(combo, QComboBox) and isinstance(level, QSpinBox) and combo.currentData():
                skill_id = str(combo.currentData())
                chosen[skill_id] = RequiredSkill(skill_id=skill_id, target_level=level.value())
        return list(chosen.values())

    def goal_from_form(self, untitled: str = "") -> Goal:
        """The goal as typed. Raises InputError or DomainError naming what is wrong.

        *untitled* stands in for an empty title (the live check runs before a title is typed).
        """
        current = self.current_edit.value()
        fields: dict[str, Any] = {
            "title": self.title_edit.text().strip() or untitled,
            "specific": self.specific_edit.toPlainText().strip(),
            "metric": self.metric_edit.text().strip(),
            "unit": self.unit_edit.text().strip(),
            "baseline": self.baseline_edit.value(),
            "target": self.target_edit.value(),
            "current": current,
            "achievable": self.achievable_edit.toPlainText().strip(),
            "relevant": self.relevant_edit.toPlainText().strip(),
            "start": self.start_edit.value(),
            "deadline": self.deadline_edit.value(),
            "milestones": self._milestones(),
            "required_skills": self._required_skills(),
        }
        today = self.services.today()
        if self.original is None:
            progress = [ProgressPoint(on=today, value=current)] if current is not None else []
            return Goal(**fields, progress=progress)
        progress = list(self.original.progress)
        if current is not None and current != self.original.current:
            progress = [p for p in progress if p.on != today] + [ProgressPoint(on=today, value=current)]
        return replace(self.original, **fields, progress=progress)

    # -- live check and saving -------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            goal = self.goal_from_form(untitled="Untitled goal")
        except ActionableError as exc:
            self.checklist.show_problem(str(exc))
            self.activate_button.setEnabled(False)
            return
        letters = self.services.goals.smart_check(goal)
        self.checklist.show_check(letters)
        smart = all(letter.ok for letter in letters)
        self.activate_button.setEnabled(smart)
        self.activate_button.setDefault(smart)
        self.draft_button.setDefault(not smart)
        if self.error_label.isVisible():
            self.error_label.hide()

    def _save_default(self) -> None:
        self.save(activate=self.activate_button.isVisible() and self.activate_button.isEnabled())

    def save(self, activate: bool) -> Goal | None:
        """Save as typed; on a problem, say it inline, keep the dialog open, save nothing."""
        try:
            goal = self.goal_from_form()
            saved = self.services.goals.save(goal, activate=activate)
        except ActionableError as exc:
            self.show_error(str(exc))
            return None
        self.saved.emit(saved)
        self.accept()
        return saved
