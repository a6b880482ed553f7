"""Tab 4 · Advocate: achievements with their impact, initiatives taken, conversations prepared."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ...changes import Kind
from ...domain import Achievement, ConversationPrep, Initiative
from ..formatting import DASH, date_key, first_line, fmt_date
from ..widgets.step_page import StepPage, split
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel


def _achievement_columns() -> list[Column[Achievement]]:
    return [
        Column("Date", lambda a: fmt_date(a.achieved_on), sort_key=lambda a: date_key(a.achieved_on), width=12),
        Column("Achievement", lambda a: a.title, stretch=True, width=32),
        Column(
            "Impact",
            lambda a: first_line(a.impact) or DASH,
            stretch=True,
            width=30,
            tooltip=lambda a: "\n".join(x for x in (a.impact, a.metric and f"Measured by: {a.metric}") if x) or DASH,
        ),
    ]


def _initiative_columns() -> list[Column[Initiative]]:
    return [
        Column("Initiative", lambda i: i.title, stretch=True, width=24),
        Column("Kind", lambda i: i.kind.label, width=17),
        Column("Status", lambda i: i.status.label, width=11),
    ]


def _conversation_columns() -> list[Column[ConversationPrep]]:
    return [
        Column("Planned", lambda c: fmt_date(c.planned_on), sort_key=lambda c: date_key(c.planned_on), width=12),
        Column("Conversation", lambda c: c.title, stretch=True, width=24),
        Column("With", lambda c: c.audience.label, width=10),
    ]


class AdvocatePage(StepPage):
    tab_title = "4 · Advocate"
    WATCHES = frozenset({Kind.ADVOCACY, Kind.GOALS, Kind.SKILLS})
    header_title = "Make your work visible and ask for what you want"
    header_text = (
        "Log the initiatives you take and your achievements with their impact, so that a conversation "
        "with your manager or HR rests on facts, not on memory."
    )
    start_here = "write down one achievement from this month and what changed because of it."
    filter_hint = "Filter achievements and more"

    def build(self) -> QWidget:
        self.achievements: TablePanel[Achievement] = TablePanel(
            "Achievements",
            _achievement_columns(),
            "No achievements logged yet.\nSmall wins count: what did you finish, and what did it change?",
        )
        self.initiatives: TablePanel[Initiative] = TablePanel(
            "Initiatives", _initiative_columns(), "No initiatives yet.\nVolunteer for a project or propose an idea."
        )
        self.conversations: TablePanel[ConversationPrep] = TablePanel(
            "Conversation preps",
            _conversation_columns(),
            "No conversations prepared yet.\nPrepare the ask before you talk to your manager or HR.",
        )
        lower = split(Qt.Orientation.Horizontal, (self.initiatives, 6), (self.conversations, 5))
        return split(Qt.Orientation.Vertical, (self.achievements, 0), (lower, 0))

    def fetch(self) -> tuple[list[Achievement], list[Initiative], list[ConversationPrep]]:
        return (
            self.services.advocacy.achievements(),
            self.services.advocacy.initiatives(),
            self.services.advocacy.conversations(),
        )

    def fill(self, data: tuple[list[Achievement], list[Initiative], list[ConversationPrep]]) -> None:
        achievements, initiatives, conversations = data
        self.achievements.set_rows(achievements)
        self.initiatives.set_rows(initiatives)
        self.conversations.set_rows(conversations)

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.achievements, self.initiatives, self.conversations)
