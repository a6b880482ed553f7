"""Step 2 · Skills gap: how far each skill is from the level your goals (or you) set for it.

Two lists, in the order the services give them: the skills your active goals require, most
pressing first (the gap times the goal's urgency), then the skills with a target level of their
own that no active goal asks for. "Plan learning for this skill" opens a new learning item in
the plan with the skill (and the goal) already chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...changes import Kind
from ...domain.goals import Track
from ...domain.learning_plan import GapRow
from ...services import Services
from ..formatting import DASH, MUTED_COLOUR, OVERDUE_COLOUR, TRACK_COLOUR, date_key, fmt_date
from ..theme import themed
from ..widgets.section import Section
from ..widgets.step_page import split
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel

HIGH_COLOUR = themed("#a35c00", "#f2b25c")
REACHED_COLOUR = TRACK_COLOUR[Track.ON_TRACK]


@dataclass(frozen=True)
class GapData:
    rows: list[GapRow] = field(default_factory=list)
    today: date = date.min


@dataclass(frozen=True)
class Urgency:
    """How pressing a goal's deadline is, in words and colour."""

    text: str
    order: int  # larger: more pressing
    colour: QColor | None
    tooltip: str


def urgency_of(deadline: date | None, today: date) -> Urgency:
    if deadline is None:
        return Urgency("Low", 0, MUTED_COLOUR, "No deadline")
    days = (deadline - today).days
    if days < 0:
        return Urgency("Overdue", 4, OVERDUE_COLOUR, f"The deadline passed {-days} day{'s' if days != -1 else ''} ago")
    if days == 0:
        return Urgency("Due today", 4, OVERDUE_COLOUR, "The deadline is today")
    left = f"{days} day{'s' if days != 1 else ''} to the deadline"
    if days <= 90:
        return Urgency("High", 3, HIGH_COLOUR, left)
    if days <= 240:
        return Urgency("Medium", 2, None, left)
    return Urgency("Low", 1, MUTED_COLOUR, left)


def current_text(row: GapRow) -> str:
    return DASH if row.current is None else str(row.current)


def current_tooltip(row: GapRow) -> str:
    return (
        "Never rated: counts as 0. Rate it under Assess & Set Goals → Skills."
        if row.current is None
        else (f"Your latest rating: {row.current} of 5")
    )


def gap_text(row: GapRow) -> str:
    return "Reached" if row.gap == 0 else str(row.gap)


def gap_colour(row: GapRow) -> QColor | None:
    return REACHED_COLOUR if row.gap == 0 else None


def gap_tooltip(row: GapRow) -> str:
    if row.gap == 0:
        return f"At or above the target ({row.target})"
    return f"{row.gap} level{'s' if row.gap != 1 else ''} to go: target {row.target}, now {row.current or 0}"


def _skill_columns() -> list[Column[GapRow]]:
    return [
        Column("Skill", lambda r: r.skill_name, width=24),
        Column("Target", lambda r: str(r.target), sort_key=lambda r: r.target, align="center", width=5),
        Column(
            "Current",
            current_text,
            sort_key=lambda r: r.current if r.current is not None else -1,
            align="center",
            tooltip=current_tooltip,
            width=6,
        ),
        Column(
            "Gap",
            gap_text,
            sort_key=lambda r: r.gap,
            align="center",
            colour=gap_colour,
            bold=lambda r: r.gap > 0,
            tooltip=gap_tooltip,
            width=7,
        ),
    ]


def goal_columns(today: Callable[[], date]) -> list[Column[GapRow]]:
    """Goal, deadline, skill, target, current, gap and urgency (urgency as of *today()*; a skill
    already at its target has none: nothing is urgent about it)."""

    def urgency(row: GapRow) -> Urgency:
        if row.gap <= 0:
            return Urgency(DASH, 0, MUTED_COLOUR, "Reached: nothing to close for this goal")
        return urgency_of(row.deadline, today())

    return [
        Column("Goal", lambda r: r.goal_title, stretch=True, width=28),
        Column("Deadline", lambda r: fmt_date(r.deadline), sort_key=lambda r: date_key(r.deadline), width=11),
        *_skill_columns(),
        Column(
            "Urgency",
            lambda r: urgency(r).text,
            sort_key=lambda r: urgency(r).order * 1000 + r.score,
            colour=lambda r: urgency(r).colour,
            bold=lambda r: urgency(r).order >= 3,
            tooltip=lambda r: (
                urgency(r).tooltip
                if r.gap <= 0
                else f"{urgency(r).tooltip}; priority {r.score:.1f} (gap \u00d7 urgency)"
            ),
            width=10,
        ),
    ]


def own_columns() -> list[Column[GapRow]]:
    columns = _skill_columns()
    return [
        Column(columns[0].title, columns[0].text, stretch=True, width=28),
        *columns[1:],
    ]


class GapSection(Section):
    """The skills gap, with "Plan learning for this skill"."""

    title = "Skills gap"
    WATCHES = frozenset({Kind.GOALS, Kind.SKILLS})  # the goals' required skills against the latest ratings
    plan_requested = Signal(str, object)  # skill id, goal id or None

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self._data = GapData()
        self.goal_gaps: TablePanel[GapRow] = TablePanel(
            "Skills your active goals need",
            goal_columns(lambda: self._data.today),
            "No skill gaps to show yet.\nAdd required skills to an active goal in step 1 (Assess & Set Goals → "
            "Goals) to see how far you are from each, most pressing first.",
        )
        self.own_gaps: TablePanel[GapRow] = TablePanel(
            "Skills with a target of their own (no active goal)",
            own_columns(),
            "No skill has a target of its own yet.\nGive a skill a target level in step 1 (Skills → Edit) "
            "to track it here without a goal.",
        )
        for panel in (self.goal_gaps, self.own_gaps):
            table = panel.table
            table.setSelectionMode(table.SelectionMode.SingleSelection)
            table.selectionModel().currentChanged.connect(lambda *_a, p=panel: self._current_moved(p))
            panel.model.modelReset.connect(self._update_actions)

        self.summary = QLabel()
        self.summary.setObjectName("gapSummary")
        self.summary.setWordWrap(True)

        self.plan_action = QAction("&Plan learning for this skill…", self)
        self.plan_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.plan_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.plan_action.triggered.connect(lambda _checked=False: self.plan_selected())
        self.addAction(self.plan_action)
        self.plan_button = QPushButton("&Plan learning for this skill…")
        self.plan_button.setToolTip(
            "Add a learning item to the plan that builds the selected skill, for its goal "
            "(Enter, or double-click the row)"
        )
        self.plan_button.clicked.connect(lambda _checked=False: self.plan_selected())
        for panel in (self.goal_gaps, self.own_gaps):
            panel.set_row_actions(self.plan_selected, [self.plan_action], menu_off_rows=False)

        toolbar = QHBoxLayout()
        toolbar.setSpacing(6)
        toolbar.addWidget(self.summary, 1)
        toolbar.addWidget(self.plan_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(toolbar)
        layout.addWidget(split(Qt.Orientation.Vertical, (self.goal_gaps, 1), (self.own_gaps, 1)), 1)
        self._update_actions()

    # -- data ------------------------------------------------------------------------------------
    def fetch(self) -> GapData:
        return GapData(self.services.learning.skills_gap(), self.services.today())

    def fill(self, data: GapData) -> None:
        keep = self.selected_row()
        self._data = data
        self.goal_gaps.set_rows([r for r in data.rows if r.group == "goal"])
        self.own_gaps.set_rows([r for r in data.rows if r.group == "no_goal"])
        self.summary.setText(self._summary())
        if keep is not None:
            for panel in (self.goal_gaps, self.own_gaps):
                if panel.select_first(lambda r: (r.skill_id, r.goal_id) == (keep.skill_id, keep.goal_id)):
                    break
        # Nothing chosen: the most pressing gap, so that Enter plans for it straight away.
        if self.selected_row() is None and not self.goal_gaps.select_first(lambda _r: True):
            self.own_gaps.select_first(lambda _r: True)
        self._update_actions()

    def _summary(self) -> str:
        open_rows = [r for r in self._data.rows if r.gap > 0]
        if not self._data.rows:
            return ""
        if not open_rows:
            return "Every skill is at its target level. Raise a target, or add a goal that asks for more."
        skills = len({r.skill_id for r in open_rows})
        goals = len({r.goal_id for r in open_rows if r.goal_id})
        text = f"{skills} skill{'s' if skills != 1 else ''} below target"
        if goals:
            text += f" for {goals} goal{'s' if goals != 1 else ''}"
        return text + ". Pick one and plan how you will learn it."

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.goal_gaps, self.own_gaps)

    # -- selection -------------------------------------------------------------------------------
    def _current_moved(self, panel: TablePanel[GapRow]) -> None:
        """One row is chosen across both lists: choosing in one clears the other."""
        if panel.table.currentIndex().isValid():
            other = self.own_gaps if panel is self.goal_gaps else self.goal_gaps
            other.table.selectionModel().clear()
        self._update_actions()

    def selected_row(self) -> GapRow | None:
        for panel in (self.goal_gaps, self.own_gaps):
            index = panel.table.currentIndex()
            if index.isValid() and panel.table.selectionModel().isRowSelected(index.row()):
                return panel.selected_row()
        return None

    def _update_actions(self, *_args: Any) -> None:
        chosen = self.selected_row() is not None
        self.plan_button.setEnabled(chosen)
        self.plan_action.setEnabled(chosen)

    # -- actions ---------------------------------------------------------------------------------
    def plan_selected(self) -> None:
        """Open a new learning item in the plan for the selected skill (and its goal)."""
        row = self.selected_row()
        if row is None:
            return
        self.plan_requested.emit(row.skill_id, row.goal_id)
