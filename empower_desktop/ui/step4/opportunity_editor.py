"""The opportunity editor: a role, project or talk to go after, where it stands, the next step and
its day (a dated item that goes to the calendar), notes, and the goals it serves."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from ...domain import Goal, Opportunity
from ...domain.advocate import OpportunityKind, OpportunityStatus
from ...errors import InputError
from ...services import Services
from ..step3.mentorship_editor import ticked
from ..widgets.dialogs import FormDialog, text_area
from ..widgets.fields import DateField
from .achievement_editor import goal_checklist, none_yet


class OpportunityEditor(FormDialog):
    """Add or edit an opportunity. Emits `saved(opportunity)`."""

    def __init__(
        self,
        services: Services,
        goals: Sequence[Goal],
        opportunity: Opportunity | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("New opportunity" if opportunity is None else "Edit opportunity", parent=parent)
        self.setObjectName("opportunityEditor")
        self.setMinimumWidth(600)
        self.services = services
        self.opportunity = opportunity
        chosen = opportunity or Opportunity(title="-")

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("opportunityTitle")
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText("e.g. Tech lead of the payments team, a talk at the autumn meetup")
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("opportunityKind")
        for kind in OpportunityKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("opportunityStatus")
        for status in OpportunityStatus:
            self.status_combo.addItem(status.label, status.value)
        self.step_edit = QLineEdit()
        self.step_edit.setObjectName("opportunityNextStep")
        self.step_edit.setMaxLength(500)
        self.step_edit.setPlaceholderText("e.g. Ask Dana who decides on the role")
        char = self.fontMetrics().averageCharWidth()
        self.step_day_edit = DateField("Next step on")
        self.step_day_edit.setObjectName("opportunityNextStepOn")
        self.step_day_edit.setFocusProxy(self.step_day_edit.edit)
        self.step_day_edit.setMaximumWidth(self.step_day_edit.sizeHint().width() + 12 * char)
        self.notes_edit = text_area("Who is involved, what it needs, what you heard", lines=3)
        self.notes_edit.setObjectName("opportunityNotes")
        self.notes_edit.setMaximumHeight(6 * self.notes_edit.fontMetrics().lineSpacing() + 12)
        self.goals_list = goal_checklist("opportunityGoals", goals, chosen.goal_ids)

        self.add_row("&Title:", self.title_edit)
        self.add_row("&Kind:", self.kind_combo)
        self.add_row("&Where it stands:", self.status_combo)
        self.add_row("Ne&xt step:", self.step_edit)
        self.add_row("On &day:", self.step_day_edit, "The day of the next step: it goes to your calendar.")
        self.add_row("N&otes:", self.notes_edit)
        if goals:
            self.add_row("&Goals it serves:", self.goals_list)
        else:
            self.add_row("Goals it serves:", none_yet("No goals yet: add them in step 1."))

        self.kind_combo.setCurrentIndex(self.kind_combo.findData(chosen.kind.value))
        self.status_combo.setCurrentIndex(self.status_combo.findData(chosen.status.value))
        if opportunity is not None:
            self.title_edit.setText(opportunity.title)
            self.step_edit.setText(opportunity.next_step)
            self.step_day_edit.set_value(opportunity.next_step_on)
            self.notes_edit.setPlainText(opportunity.notes)
        self.title_edit.setFocus()

    def save(self) -> Opportunity:
        if not self.title_edit.text().strip():
            raise InputError("Title: what is the opportunity?")
        fields: dict[str, Any] = {
            "title": self.title_edit.text().strip(),
            "kind": OpportunityKind(self.kind_combo.currentData()),
            "status": OpportunityStatus(self.status_combo.currentData()),
            "next_step": self.step_edit.text().strip(),
            "next_step_on": self.step_day_edit.value(),
            "notes": self.notes_edit.toPlainText().strip(),
            "goal_ids": ticked(self.goals_list),
        }
        record = dataclasses.replace(self.opportunity, **fields) if self.opportunity else Opportunity(**fields)
        return self.services.advocacy.save_opportunity(record)

    def focus_for(self, message: str) -> QWidget | None:
        lowered = message.lower()
        if message.startswith("Title") or "title" in lowered:
            return self.title_edit
        if message.startswith("Next step on"):
            return self.step_day_edit.edit
        if "next step" in lowered:
            return self.step_edit
        if "notes" in lowered:
            return self.notes_edit
        return None
