"""Tab 3 · Network & Mentor: the people around the person's career and the meetings with mentors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ...changes import Kind
from ...domain.network import MeetingState
from ...services import ContactRow, MeetingRow
from ..formatting import (
    DASH,
    MUTED_COLOUR,
    OVERDUE_COLOUR,
    date_key,
    fmt_date,
    fmt_when,
    when_key,
    when_tooltip,
)
from ..widgets.step_page import StepPage, split
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel


def _contact_columns(today: Callable[[], date]) -> list[Column[ContactRow]]:
    def overdue(row: ContactRow) -> bool:
        return row.due is not None and row.due < today()

    def due_text(row: ContactRow) -> str:
        if row.due is None:
            return DASH
        return f"{fmt_date(row.due)} · overdue" if overdue(row) else fmt_date(row.due)

    def due_tooltip(row: ContactRow) -> str:
        if row.contact.cadence_days is None:
            return "No stay-in-touch rhythm set"
        late = f"; {(today() - row.due).days} days overdue" if overdue(row) and row.due else ""
        return f"Stay in touch every {row.contact.cadence_days} days{late}"

    return [
        Column("Name", lambda r: r.contact.name, stretch=True, width=20),
        Column("Organisation", lambda r: r.contact.organisation or DASH, width=18),
        Column("Role", lambda r: r.contact.role or DASH, width=22),
        Column(
            "Last contact",
            lambda r: fmt_date(r.last_contact) if r.last_contact else "Never",
            sort_key=lambda r: date_key(r.last_contact),
            colour=lambda r: None if r.last_contact else MUTED_COLOUR,
            width=12,
        ),
        Column(
            "Next contact due",
            due_text,
            sort_key=lambda r: date_key(r.due),
            colour=lambda r: OVERDUE_COLOUR if overdue(r) else None,
            bold=overdue,
            tooltip=due_tooltip,
            width=25,
        ),
    ]


def _meeting_columns() -> list[Column[MeetingRow]]:
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
            colour=lambda r: OVERDUE_COLOUR if r.meeting.state is MeetingState.REMOVED_FROM_CALENDAR else None,
            width=12,
        ),
    ]


class NetworkPage(StepPage):
    tab_title = "3 · Network & Mentor"
    WATCHES = frozenset({Kind.NETWORK})
    header_title = "Grow the people around your career"
    header_text = (
        "Keep in touch with your network on a rhythm you choose, and get the most out of mentors and "
        "coaches by preparing each meeting and following up on what you agreed."
    )
    start_here = "reach out to anyone whose next contact is marked overdue (in red)."
    filter_hint = "Filter contacts and meetings"

    def build(self) -> QWidget:
        self._today = date.today()
        self.contacts: TablePanel[ContactRow] = TablePanel(
            "Contacts",
            _contact_columns(lambda: self._today),
            "No contacts yet.\nAdd the people you learn from and who know your work.",
        )
        self.meetings: TablePanel[MeetingRow] = TablePanel(
            "Mentor meetings",
            _meeting_columns(),
            "No mentor meetings yet.\nA mentor or coach is worth an hour a month.",
        )
        return split(Qt.Orientation.Vertical, (self.contacts, 0), (self.meetings, 0))

    def fetch(self) -> tuple[date, list[ContactRow], list[MeetingRow]]:
        return self.services.today(), self.services.network.contact_rows(), self.services.network.meeting_rows()

    def fill(self, data: tuple[date, list[ContactRow], list[MeetingRow]]) -> None:
        self._today, contacts, meetings = data
        self.contacts.set_rows(contacts)
        self.meetings.set_rows(meetings)

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.contacts, self.meetings)
