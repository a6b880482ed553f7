"""Step 1 · Goals: the list of SMART goals, with progress and whether each is on track."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox, QMenu, QToolButton, QVBoxLayout, QWidget

from ...changes import Changes, Kind
from ...domain import Goal
from ...domain.assess import GoalStatus
from ...services import DeletedGoal, GoalRow, Services
from ..formatting import (
    EN_DASH,
    MUTED_COLOUR,
    TRACK_COLOUR,
    TRACK_ORDER,
    TRACK_TEXT,
    date_key,
    fmt_date,
    fmt_number,
    fmt_percent,
)
from ..messages import ask
from ..widgets.section import Section
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel
from ..widgets.undo import confirm_delete
from .goal_editor import GoalEditor
from .progress_dialog import ProgressDialog


def _goal_columns() -> list[Column[GoalRow]]:
    return [
        Column("Goal", lambda r: r.goal.title, stretch=True, width=30),
        Column("Status", lambda r: r.goal.status.label, width=9),
        Column(
            "Track",
            lambda r: TRACK_TEXT[r.track],
            sort_key=lambda r: TRACK_ORDER[r.track],
            colour=lambda r: TRACK_COLOUR[r.track],
            swatch=lambda r: TRACK_COLOUR[r.track],
            width=15,
        ),
        Column(
            "Progress",
            lambda r: fmt_percent(r.progress),
            sort_key=lambda r: r.progress,
            align="right",
            width=9,
            tooltip=lambda r: _progress_tooltip(r),
        ),
        Column("Deadline", lambda r: fmt_date(r.goal.deadline), sort_key=lambda r: date_key(r.goal.deadline), width=12),
        Column(
            "SMART",
            lambda r: "Yes" if r.smart else f"Draft {EN_DASH} not SMART",
            sort_key=lambda r: int(r.smart),
            colour=lambda r: None if r.smart else MUTED_COLOUR,
            width=18,
        ),
    ]


def _progress_tooltip(row: GoalRow) -> str:
    goal = row.goal
    if goal.target is None:
        return "No target value yet"
    return (
        f"{goal.metric or 'Metric'}: {fmt_number(goal.current, goal.unit)} now, "
        f"from {fmt_number(goal.baseline, goal.unit)} towards {fmt_number(goal.target, goal.unit)}"
    )


STATUS_FILTERS: tuple[tuple[str, frozenset[GoalStatus]], ...] = (
    ("All but archived", frozenset(GoalStatus) - {GoalStatus.ARCHIVED}),
    ("Active", frozenset({GoalStatus.ACTIVE})),
    ("Drafts", frozenset({GoalStatus.DRAFT})),
    ("Paused", frozenset({GoalStatus.PAUSED})),
    ("Achieved", frozenset({GoalStatus.ACHIEVED})),
    ("Dropped", frozenset({GoalStatus.DROPPED})),
    ("Archived", frozenset({GoalStatus.ARCHIVED})),
)


GOALS = Changes.of(Kind.GOALS)
# A deleted goal's learning items, initiatives and achievements lose their link to it.
GOAL_DELETED = Changes.of(Kind.GOALS, Kind.LEARNING_ITEMS, Kind.ADVOCACY)


class GoalsSection(Section):
    """The goal list with its actions: new, edit, progress, status, archive, delete (undoable)."""

    title = "Goals"
    WATCHES = frozenset({Kind.GOALS})

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self._rows: list[GoalRow] = []
        self._select_id: str | None = None
        self.editor: GoalEditor | None = None
        self.progress_dialog: ProgressDialog | None = None
        self.confirm_box: Any = None

        self.goals: TablePanel[GoalRow] = TablePanel(
            "Goals",
            _goal_columns(),
            "No goals yet.\nA goal with a measurable target and a deadline is the place to begin.",
        )
        self.goals.table.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.goals.model.modelReset.connect(self._update_actions)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("goalStatusFilter")
        for label, _statuses in STATUS_FILTERS:
            self.status_filter.addItem(label)
        self.status_filter.currentIndexChanged.connect(lambda _i: self._show_rows())

        self.new_button = self.shortcut_button("&New goal…", "Ctrl+N", self.new_goal, "Write a new SMART goal")
        self.edit_button = self.shortcut_button(
            "Ed&it…", "Return", self.edit_goal, "Open the selected goal (or double-click it)"
        )
        self.progress_button = self.shortcut_button(
            "Update &progress…", "Ctrl+U", self.update_progress, "Record a new measured value for the selected goal"
        )
        self.status_button = QToolButton()
        self.status_button.setText("Set st&atus")
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        status_menu = QMenu(self.status_button)
        self.achieved_action = status_menu.addAction("Mark as achieved", lambda: self.set_status(GoalStatus.ACHIEVED))
        self.pause_action = status_menu.addAction("Pause this goal…", self.pause_goal)
        self.resume_action = status_menu.addAction("Resume", lambda: self.set_status(GoalStatus.ACTIVE))
        self.dropped_action = status_menu.addAction("Drop this goal", lambda: self.set_status(GoalStatus.DROPPED))
        self.reactivate_action = status_menu.addAction("Make active again", lambda: self.set_status(GoalStatus.ACTIVE))
        status_menu.addSeparator()
        self.archive_action = status_menu.addAction("Archive", self.toggle_archive)
        self.status_button.setMenu(status_menu)
        self.delete_button = self.shortcut_button(
            "&Delete…", "Delete", self.delete_goal, "Delete the selected goal (Ctrl+Z undoes)"
        )

        self.goals.set_row_actions(self.edit_goal)
        toolbar = self.toolbar(
            ["Show:", self.status_filter],
            [self.new_button, self.edit_button, self.progress_button, self.status_button, self.delete_button],
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(toolbar)
        layout.addWidget(self.goals, 1)
        self._update_actions()

    # -- data ------------------------------------------------------------------------------------
    def fetch(self) -> list[GoalRow]:
        return self.services.goals.rows(include_archived=True)

    def fill(self, data: list[GoalRow]) -> None:
        self._rows = data
        self._show_rows()

    def _show_rows(self) -> None:
        statuses = STATUS_FILTERS[self.status_filter.currentIndex()][1]
        self.goals.set_rows([row for row in self._rows if row.goal.status in statuses])
        if self._select_id is not None:
            wanted, self._select_id = self._select_id, None  # select once, right after a read
            if not self.goals.select_first(lambda row: row.goal.id == wanted):
                self._select_id = wanted
                self._show_all_statuses_for(wanted)  # shows the rows again, selecting it
        self._update_actions()

    def _show_all_statuses_for(self, goal_id: str) -> None:
        """The goal to show is hidden by the status filter: switch to a filter that shows it."""
        goal = next((row.goal for row in self._rows if row.goal.id == goal_id), None)
        if goal is None:
            return
        for index, (_label, statuses) in enumerate(STATUS_FILTERS):
            if goal.status in statuses:
                self.status_filter.setCurrentIndex(index)
                return
        self._select_id = None

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.goals,)

    def select_goal(self, goal_id: str) -> None:
        """Select this goal once the list has been read again."""
        self._select_id = goal_id

    def selected_goal(self) -> Goal | None:
        row = self.goals.selected_row()
        return row.goal if row else None

    def _update_actions(self) -> None:
        goal = self.selected_goal()
        for button in (self.edit_button, self.progress_button, self.status_button, self.delete_button):
            button.setEnabled(goal is not None)
        if goal is None:
            return
        self.progress_button.setEnabled(goal.target is not None and goal.status is not GoalStatus.ARCHIVED)
        self.achieved_action.setEnabled(goal.status is GoalStatus.ACTIVE)
        self.pause_action.setEnabled(goal.status is GoalStatus.ACTIVE)
        self.resume_action.setEnabled(goal.status is GoalStatus.PAUSED)
        self.dropped_action.setEnabled(goal.status in (GoalStatus.ACTIVE, GoalStatus.DRAFT, GoalStatus.PAUSED))
        self.reactivate_action.setEnabled(goal.status in (GoalStatus.ACHIEVED, GoalStatus.DROPPED))
        self.archive_action.setText("Unarchive" if goal.status is GoalStatus.ARCHIVED else "Archive")

    # -- actions ---------------------------------------------------------------------------------
    def new_goal(self) -> GoalEditor:
        return self._open_editor(None)

    def edit_goal(self) -> GoalEditor | None:
        goal = self.selected_goal()
        return self._open_editor(goal) if goal is not None else None

    def _open_editor(self, goal: Goal | None) -> GoalEditor:
        editor = GoalEditor(self.services, goal, self)
        editor.saved.connect(self._saved)
        editor.finished.connect(editor.deleteLater)
        self.editor = editor
        editor.open()
        return editor

    def _saved(self, goal: Goal) -> None:
        self.select_goal(goal.id)
        verb = {GoalStatus.ACTIVE: "saved and active", GoalStatus.DRAFT: "saved as a draft"}.get(goal.status, "saved")
        self.announce(GOALS, f"Goal “{goal.title}” {verb}")

    def update_progress(self) -> ProgressDialog | None:
        goal = self.selected_goal()
        if goal is None:
            return None
        dialog = ProgressDialog(self.services, goal, self)
        dialog.saved.connect(lambda updated: self._progress_saved(updated))
        dialog.finished.connect(dialog.deleteLater)
        self.progress_dialog = dialog
        dialog.open()
        return dialog

    def _progress_saved(self, goal: Goal) -> None:
        self.select_goal(goal.id)
        self.announce(GOALS, f"Progress of “{goal.title}”: {fmt_number(goal.current, goal.unit)}")

    def set_status(self, status: GoalStatus, goal: Goal | None = None) -> None:
        goal = goal or self.selected_goal()
        if goal is None:
            return
        archived = status is GoalStatus.ARCHIVED
        self.run_op(
            lambda: self.services.goals.set_status(goal.id, status),
            changes=GOALS,
            then=None if archived else lambda _goal: self.select_goal(goal.id),
            done=f"“{goal.title}” archived: choose Show: Archived to see it again"
            if archived
            else f"“{goal.title}” is now {status.label.lower()}",
        )

    def pause_goal(self) -> None:
        """Set an active goal aside for now (it keeps its progress; Resume makes it active again)."""
        goal = self.selected_goal()
        if goal is None or goal.status is not GoalStatus.ACTIVE:
            return
        self.confirm_box = ask(
            self,
            "Pause goal",
            f"Pause “{goal.title}”? It keeps its progress and milestones and is no longer counted as on or "
            "off track until you resume it.",
            "Pause",
            lambda: self.set_status(GoalStatus.PAUSED, goal),
            detail="Show: Paused lists it; Set status → Resume makes it active again. To record why, "
            "pause it in a review (Review tab).",
        )

    def toggle_archive(self) -> None:
        goal = self.selected_goal()
        if goal is None:
            return
        if goal.status is GoalStatus.ARCHIVED:
            self.set_status(GoalStatus.ACTIVE if self._is_smart(goal) else GoalStatus.DRAFT)
        else:
            self.set_status(GoalStatus.ARCHIVED)

    def _is_smart(self, goal: Goal) -> bool:
        return all(letter.ok for letter in self.services.goals.smart_check(goal))

    def delete_goal(self) -> None:
        goal = self.selected_goal()
        if goal is None:
            return

        def forget_selection(_deleted: DeletedGoal) -> None:
            self._select_id = None

        confirm_delete(
            self,
            "Delete goal",
            f"Delete “{goal.title}” with its milestones and progress history?",
            f"goal “{goal.title}”",
            lambda: self.services.goals.delete(goal.id),
            redo=lambda d: self.services.goals.delete(d.goal.id),
            restore=self.services.goals.restore,
            changes=GOAL_DELETED,
            select=lambda d: self.select_goal(d.goal.id),
            then=forget_selection,
            detail="To keep it out of sight instead, archive it.",
        )
