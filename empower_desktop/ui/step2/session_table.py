"""Step 2 · Sessions, read-only: the time blocked for learning, one-off or as a weekly habit.

A plain list until the sessions section with scheduling and logging takes its place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...domain.learn import SessionState
from ...services import Services, SessionRow
from ..formatting import DASH, MUTED_COLOUR, OVERDUE_COLOUR, fmt_duration, fmt_when, when_key, when_tooltip
from ..step1.section import Section
from ..table_model import Column
from ..table_panel import TablePanel

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


class SessionTableSection(Section):
    """The learning sessions as a list."""

    title = "Sessions"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.sessions: TablePanel[SessionRow] = TablePanel(
            "Learning sessions",
            _session_columns(),
            "No sessions scheduled yet.\nBlock a regular slot in your week; it goes to your calendar.",
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.sessions, 1)

    def fetch(self) -> list[SessionRow]:
        return self.services.session_rows()

    def fill(self, data: list[SessionRow]) -> None:
        self.sessions.set_rows(data)

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.sessions,)
