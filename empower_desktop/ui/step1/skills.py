"""Step 1 · Skills: the inventory of self-rated skills."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...services import Services, SkillRow
from ..formatting import DASH, EN_DASH, MUTED_COLOUR, date_key, fmt_date
from ..table_model import Column
from ..table_panel import TablePanel
from .section import Section


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


class SkillsSection(Section):
    title = "Skills"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.skills: TablePanel[SkillRow] = TablePanel(
            "Skills", _skill_columns(), "No skills yet.\nList the skills your work needs and rate yourself from 1 to 5."
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.skills)

    def fetch(self) -> list[SkillRow]:
        return self.services.skill_rows()

    def fill(self, data: list[SkillRow]) -> None:
        self.skills.set_rows(data)

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.skills,)
