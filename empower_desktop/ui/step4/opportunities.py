"""Step 4 · Opportunities: the roles, projects and talks to go after, each with its next step and
the day for it (late ones in the error colour, as Reach out shows who is due); open ones first.
Add (Ctrl+N), edit (Enter or a double-click), delete (Delete, undoable)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...changes import Changes, Kind
from ...domain import Goal, Opportunity
from ...domain.advocate import OpportunityStatus
from ...services import Services
from ...services.advocacy import OpportunityRow
from ..formatting import DASH, MUTED_COLOUR, OVERDUE_COLOUR, date_key, first_line, fmt_date
from ..widgets.section import Section
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel
from ..widgets.undo import confirm_delete
from .opportunity_editor import OpportunityEditor

ADVOCACY = Changes.of(Kind.ADVOCACY)


@dataclass(frozen=True)
class OpportunitiesData:
    rows: list[OpportunityRow] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    today: date | None = None


def is_late(opportunity: Opportunity, today: date | None) -> bool:
    due = opportunity.next_step_on
    return opportunity.status is OpportunityStatus.OPEN and due is not None and today is not None and due < today


def opportunity_columns(today: Any) -> list[Column[OpportunityRow]]:
    def late(row: OpportunityRow) -> bool:
        return is_late(row.opportunity, today())

    def open_(row: OpportunityRow) -> bool:
        return row.opportunity.status is OpportunityStatus.OPEN

    return [
        Column(
            "Opportunity",
            lambda r: r.opportunity.title,
            stretch=True,
            width=28,
            tooltip=lambda r: "\n".join(p for p in (r.opportunity.title, r.opportunity.notes) if p),
        ),
        Column("Kind", lambda r: r.opportunity.kind.label, width=8),
        Column(
            "Where it stands",
            lambda r: r.opportunity.status.label,
            colour=lambda r: None if open_(r) else MUTED_COLOUR,
            width=15,
        ),
        Column(
            "Next step",
            lambda r: first_line(r.opportunity.next_step, 80) or DASH,
            stretch=True,
            width=32,
            tooltip=lambda r: r.opportunity.next_step or "No next step yet: what is the smallest thing you could do?",
        ),
        Column(
            "Next step on",
            lambda r: fmt_date(r.opportunity.next_step_on),
            sort_key=lambda r: date_key(r.opportunity.next_step_on),
            colour=lambda r: OVERDUE_COLOUR if late(r) else None,
            bold=late,
            tooltip=lambda r: "The day has passed" if late(r) else fmt_date(r.opportunity.next_step_on),
            width=12,
        ),
        Column(
            "Goals",
            lambda r: ", ".join(r.goal_titles) or DASH,
            width=28,
            tooltip=lambda r: "\n".join(r.goal_titles) or "Not linked to a goal",
        ),
    ]


class OpportunitiesSection(Section):
    """Opportunities: open ones first, by their next step's day."""

    title = "Opportunities"
    WATCHES = frozenset({Kind.ADVOCACY, Kind.GOALS})

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.dialog: OpportunityEditor | None = None
        self._select_id: str | None = None
        self._data = OpportunitiesData()
        self.list: TablePanel[OpportunityRow] = TablePanel(
            "Opportunities",
            opportunity_columns(lambda: self._data.today),
            "No opportunities yet.\nA role, a project or a talk you want: add it with New opportunity… (Ctrl+N), "
            "with the next step and the day you will take it.",
        )
        self.new_button = self.shortcut_button(
            "&New opportunity…", "Ctrl+N", self.new_opportunity, "Add a role, project or talk to go after"
        )
        edit_action, self.edit_button = self.shortcut_action(
            "Ed&it…", "Return", self.edit_selected, "Open the selected opportunity (or double-click it)"
        )
        delete_action, self.delete_button = self.shortcut_action(
            "&Delete…", "Delete", self.delete_selected, "Delete the selected opportunity (Ctrl+Z undoes)"
        )
        self.list.set_row_actions(self.edit_selected, [edit_action, None, delete_action], menu_off_rows=False)
        self.list.table.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.list.model.modelReset.connect(self._update_actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(self.toolbar([], [self.new_button, self.edit_button, self.delete_button]))
        layout.addWidget(self.list, 1)
        self._update_actions()

    def fetch(self) -> OpportunitiesData:
        return OpportunitiesData(
            rows=self.services.advocacy.opportunity_rows(),
            goals=[r.goal for r in self.services.goals.rows(include_archived=True)],
            today=self.services.today(),
        )

    def fill(self, data: OpportunitiesData) -> None:
        self._data = data
        self.list.set_rows(data.rows)
        if not self.list.select_first(lambda r: r.opportunity.id == self._select_id):
            self.list.select_first(lambda r: True)
        self._update_actions()

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.list,)

    def selected(self) -> Opportunity | None:
        row = self.list.selected_row()
        return row.opportunity if row else None

    def _update_actions(self) -> None:
        chosen = self.list.selected_row() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _open(self, opportunity: Opportunity | None) -> OpportunityEditor:
        editor = OpportunityEditor(self.services, self._data.goals, opportunity, parent=self)

        def saved(record: Opportunity) -> None:
            self._select_id = record.id
            verb = "added" if opportunity is None else "saved"
            self.announce(ADVOCACY, f"Opportunity “{first_line(record.title, 60)}” {verb}")

        editor.saved.connect(saved)
        self.dialog = editor
        editor.open()
        return editor

    def new_opportunity(self) -> OpportunityEditor:
        return self._open(None)

    def edit_selected(self) -> OpportunityEditor | None:
        chosen = self.selected()
        return self._open(chosen) if chosen else None

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        advocacy = self.services.advocacy
        confirm_delete(
            self,
            "Delete opportunity",
            f"Delete the opportunity “{first_line(chosen.title, 80)}” with its next step and notes?",
            f"opportunity “{first_line(chosen.title, 60)}”",
            lambda: advocacy.delete_opportunity(chosen.id),
            redo=lambda o: advocacy.delete_opportunity(o.id),
            restore=advocacy.restore_opportunity,
            changes=ADVOCACY,
            select=lambda o: setattr(self, "_select_id", o.id),
        )
