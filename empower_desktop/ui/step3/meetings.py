"""Step 3 · Mentor meetings: the meetings with mentors and coaches, as the calendar has them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...changes import Kind
from ...services import MeetingRow, Services
from ..formatting import DASH, OVERDUE_COLOUR, fmt_when, when_key, when_tooltip
from ..widgets.section import Section
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel


def meeting_columns() -> list[Column[MeetingRow]]:
    return [
        Column(
            "When",
            lambda r: fmt_when(r.meeting.start),
            sort_key=lambda r: when_key(r.meeting.start),
            tooltip=lambda r: when_tooltip(r.meeting.start),
            width=29,
        ),
        Column("With", lambda r: r.with_whom or DASH, width=18),
        Column("Title", lambda r: r.meeting.title, stretch=True, width=26),
        Column(
            "State",
            lambda r: r.meeting.state.label,
            colour=lambda r: OVERDUE_COLOUR if r.meeting.removed_from_calendar else None,
            width=12,
        ),
    ]


class MeetingsSection(Section):
    title = "Mentor meetings"
    WATCHES = frozenset({Kind.NETWORK})

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.meetings: TablePanel[MeetingRow] = TablePanel(
            "Mentor meetings",
            meeting_columns(),
            "No mentor meetings yet.\nA mentor or coach is worth an hour a month.",
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.meetings, 1)

    def fetch(self) -> list[MeetingRow]:
        return self.services.mentoring.meeting_rows()

    def fill(self, data: list[MeetingRow]) -> None:
        self.meetings.set_rows(data)

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.meetings,)
