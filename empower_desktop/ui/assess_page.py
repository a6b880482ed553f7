"""Tab 1 · Assess & Set Goals: the goals and the self-rated skills."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ..services import GoalRow, SkillRow
from .formatting import (
    DASH,
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
from .step_page import StepPage, split
from .table_model import Column
from .table_panel import TablePanel


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


def _skill_columns() -> list[Column[SkillRow]]:
    return [
        Column("Skill", lambda r: r.skill.name, stretch=True, width=24),
        Column("Category", lambda r: r.skill.category or DASH, width=14),
        Column(
            f"Current (1{EN_DASH}5)",
            lambda r: str(r.latest.level) if r.latest else "Not rated",
            sort_key=lambda r: r.latest.level if r.latest else None,
            colour=lambda r: None if r.latest else MUTED_COLOUR,
            align="center",
            width=13,
        ),
        Column(
            "Target",
            lambda r: str(r.skill.target_level) if r.skill.target_level else DASH,
            sort_key=lambda r: r.skill.target_level,
            align="center",
            width=8,
        ),
        Column(
            "Last rated",
            lambda r: fmt_date(r.latest.rated_on) if r.latest else DASH,
            sort_key=lambda r: date_key(r.latest.rated_on) if r.latest else None,
            tooltip=lambda r: f"{r.ratings} rating(s) so far",
            width=12,
        ),
    ]


class AssessPage(StepPage):
    tab_title = "1 · Assess & Set Goals"
    header_title = "Know where you stand, then decide where you want to go"
    header_text = (
        "Rate your skills honestly and turn what you want into SMART goals: specific, measurable, "
        "achievable, relevant and with a deadline. Everything else in the app builds on these goals."
    )
    start_here = "rate three skills that matter for your next role, then write one goal with a deadline."
    filter_hint = "Filter goals and skills"

    def build(self) -> QWidget:
        self.goals: TablePanel[GoalRow] = TablePanel(
            "Goals",
            _goal_columns(),
            "No goals yet.\nA goal with a measurable target and a deadline is the place to begin.",
        )
        self.skills: TablePanel[SkillRow] = TablePanel(
            "Skills", _skill_columns(), "No skills yet.\nList the skills your work needs and rate yourself from 1 to 5."
        )
        return split(Qt.Orientation.Vertical, (self.goals, 1), (self.skills, 1))

    def fetch(self) -> tuple[list[GoalRow], list[SkillRow]]:
        return self.services.goal_rows(), self.services.skill_rows()

    def fill(self, data: tuple[list[GoalRow], list[SkillRow]]) -> None:
        goals, skills = data
        self.goals.set_rows(goals)
        self.skills.set_rows(skills)

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.goals, self.skills)
