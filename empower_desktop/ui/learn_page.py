"""Tab 2 · Learn: what the person plans to learn and the time blocked for it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ..domain import LearningItem
from ..domain.learn import SessionState
from ..services import SessionRow
from .formatting import (
    DASH,
    MUTED_COLOUR,
    OVERDUE_COLOUR,
    fmt_duration,
    fmt_number,
    fmt_when,
    when_key,
    when_tooltip,
)
from .step_page import StepPage, split
from .table_model import Column
from .table_panel import TablePanel

WEEKDAYS = {"MO": "Mon", "TU": "Tue", "WE": "Wed", "TH": "Thu", "FR": "Fri", "SA": "Sat", "SU": "Sun"}


def repeats_text(rrule: str) -> str:
    """ "One-off", "Weekly" or "Weekly on Tue, Thu" from an RRULE value."""
    if not rrule:
        return "One-off"
    parts = dict(p.split("=", 1) for p in rrule.split(";") if "=" in p)
    freq = parts.get("FREQ", "").capitalize() or "Repeats"
    if freq == "Weekly" and parts.get("INTERVAL", "1") != "1":
        freq = f"Every {parts['INTERVAL']} weeks"
    days = [WEEKDAYS.get(d[-2:], d) for d in parts.get("BYDAY", "").split(",") if d]
    return f"{freq} on {', '.join(days)}" if days else freq


def _item_columns() -> list[Column[LearningItem]]:
    return [
        Column("Type", lambda i: i.kind.label, width=19),
        Column("Title", lambda i: i.title, stretch=True, width=30),
        Column("Provider", lambda i: i.provider or DASH, width=22),
        Column("Status", lambda i: i.status.label, width=11),
        Column(
            "Hours",
            lambda i: fmt_number(i.estimated_hours),
            sort_key=lambda i: i.estimated_hours,
            align="right",
            tooltip=lambda i: "Estimated hours",
            width=7,
        ),
    ]


def _state_colour(row: SessionRow) -> Any:
    if row.session.state is SessionState.REMOVED_FROM_CALENDAR:
        return OVERDUE_COLOUR
    if row.session.state is SessionState.SKIPPED:
        return MUTED_COLOUR
    return None


def _session_columns() -> list[Column[SessionRow]]:
    return [
        Column(
            "When",
            lambda r: fmt_when(r.session.start),
            sort_key=lambda r: when_key(r.session.start),
            tooltip=lambda r: when_tooltip(r.session.start),
            width=29,
        ),
        Column("Learning item", lambda r: r.item_title or DASH, stretch=True, width=26),
        Column(
            "Duration",
            lambda r: fmt_duration(r.session.duration),
            sort_key=lambda r: r.session.duration.total_seconds(),
            align="right",
            width=10,
        ),
        Column("Repeats", lambda r: repeats_text(r.session.rrule), width=22),
        Column("State", lambda r: r.session.state.label, colour=_state_colour, width=12),
    ]


class LearnPage(StepPage):
    tab_title = "2 · Learn"
    header_title = "Learn what your goals ask of you"
    header_text = (
        "Plan the courses, certifications, books, workshops and on-the-job practice that close the gap "
        "between your skills today and your goals, and give them real time in your calendar."
    )
    start_here = "pick the goal with the biggest skill gap and plan one weekly learning session for it."
    filter_hint = "Filter learning and sessions"

    def build(self) -> QWidget:
        self.items: TablePanel[LearningItem] = TablePanel(
            "Learning plan",
            _item_columns(),
            "Nothing planned yet.\nAdd a course, a book or a project that builds a skill.",
        )
        self.sessions: TablePanel[SessionRow] = TablePanel(
            "Learning sessions",
            _session_columns(),
            "No sessions scheduled yet.\nBlock a regular slot in your week; it goes to your calendar.",
        )
        return split(Qt.Orientation.Vertical, (self.items, 0), (self.sessions, 0))

    def fetch(self) -> tuple[list[LearningItem], list[SessionRow]]:
        return self.services.learning_items(), self.services.session_rows()

    def fill(self, data: tuple[list[LearningItem], list[SessionRow]]) -> None:
        items, sessions = data
        self.items.set_rows(items)
        self.sessions.set_rows(sessions)

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.items, self.sessions)
