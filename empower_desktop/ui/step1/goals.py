"""Step 1 · Goals: the list of SMART goals, with progress and whether each is on track."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...services import GoalRow, Services
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
from ..table_model import Column
from ..table_panel import TablePanel
from .section import Section


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


class GoalsSection(Section):
    title = "Goals"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.goals: TablePanel[GoalRow] = TablePanel(
            "Goals",
            _goal_columns(),
            "No goals yet.\nA goal with a measurable target and a deadline is the place to begin.",
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.goals)

    def fetch(self) -> list[GoalRow]:
        return self.services.goal_rows()

    def fill(self, data: list[GoalRow]) -> None:
        self.goals.set_rows(data)

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.goals,)
