"""The initiative editor: what it is (a volunteered project, a proposed idea, a stretch assignment),
its stage on the pipeline, who it was proposed to and the case made, how it turned out, its dates,
the day of the next step (it goes to the calendar), and the goals and skills it serves.

The stage dates fill themselves when the stage changes (here or with Next stage); they are shown
to be corrected, not to be typed every time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...domain import Goal, Initiative, Skill
from ...domain.advocate import STAGES, InitiativeKind, InitiativeStatus
from ...errors import InputError
from ...services import Services
from ..step3.mentorship_editor import ticked
from ..widgets.dialogs import FormDialog, text_area
from ..widgets.fields import DateField
from .achievement_editor import goal_checklist, none_yet, tick_list

KIND_HINTS = {
    InitiativeKind.VOLUNTEERED_PROJECT: "A project you put your hand up for",
    InitiativeKind.PROPOSED_IDEA: "An idea of yours you propose (or will)",
    InitiativeKind.STRETCH_ASSIGNMENT: "Work a step beyond your role, taken on to grow",
}


def labelled(text: str, field: QWidget) -> QWidget:
    """A small caption above a field (the dates, the goals and the skills side by side); its
    Alt+letter goes to the field."""
    box = QWidget()
    caption = QLabel(text)
    caption.setBuddy(field)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(caption)
    layout.addWidget(field)
    return box


class InitiativeEditor(FormDialog):
    """Add or edit an initiative. Emits `saved(initiative)`."""

    def __init__(
        self,
        services: Services,
        goals: Sequence[Goal],
        skills: Sequence[Skill],
        initiative: Initiative | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("New initiative" if initiative is None else "Edit initiative", parent=parent)
        self.setObjectName("initiativeEditor")
        self.setMinimumWidth(700)
        self.services = services
        self.initiative = initiative
        chosen = initiative or Initiative(kind=InitiativeKind.PROPOSED_IDEA, title="-")

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("initiativeTitle")
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText("e.g. Move the nightly build to the new CI")
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("initiativeKind")
        for kind in InitiativeKind:
            self.kind_combo.addItem(kind.label, kind.value)
            self.kind_combo.setItemData(self.kind_combo.count() - 1, KIND_HINTS[kind], 3)  # ToolTipRole
        self.stage_combo = QComboBox()
        self.stage_combo.setObjectName("initiativeStage")
        for stage in STAGES:
            self.stage_combo.addItem(stage.label, stage.value)
        kind_row = QWidget()
        kind_row.setFocusProxy(self.kind_combo)
        kind_layout = QHBoxLayout(kind_row)
        kind_layout.setContentsMargins(0, 0, 0, 0)
        kind_layout.addWidget(self.kind_combo, 1)
        stage_label = QLabel("St&age:")
        stage_label.setBuddy(self.stage_combo)
        kind_layout.addSpacing(12)
        kind_layout.addWidget(stage_label)
        kind_layout.addWidget(self.stage_combo, 1)
        self.description_edit = text_area("What it is, in a sentence or two", lines=2)
        self.description_edit.setObjectName("initiativeDescription")
        self.proposed_to_edit = QLineEdit()
        self.proposed_to_edit.setObjectName("initiativeProposedTo")
        self.proposed_to_edit.setMaxLength(200)
        self.proposed_to_edit.setPlaceholderText("e.g. my manager, the architecture group")
        self.case_edit = text_area("Why it is worth doing: the problem, the gain, the cost", lines=2)
        self.case_edit.setObjectName("initiativeCase")
        self.outcome_edit = text_area("How it turned out (what was decided, what it delivered)", lines=2)
        self.outcome_edit.setObjectName("initiativeOutcome")

        self.started_edit = DateField("Started")
        self.proposed_edit = DateField("Proposed on")
        self.decided_edit = DateField("Decided on")
        self.delivered_edit = DateField("Delivered on")
        dates = QWidget()
        grid = QGridLayout(dates)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        captions = (
            ("Noted or sta&rted", self.started_edit),
            ("&Proposed", self.proposed_edit),
            ("&Decided (accepted or declined)", self.decided_edit),
            ("Deli&vered", self.delivered_edit),
        )
        for index, (caption, edit) in enumerate(captions):
            grid.addWidget(labelled(caption, edit), index // 2, index % 2)
        self.follow_up_edit = DateField("Next step on")
        self.follow_up_edit.setObjectName("initiativeFollowUp")
        self.follow_up_edit.setMaximumWidth(
            self.started_edit.sizeHint().width() + 12 * self.fontMetrics().averageCharWidth()
        )
        for field in (
            self.started_edit,
            self.proposed_edit,
            self.decided_edit,
            self.delivered_edit,
            self.follow_up_edit,
        ):
            field.setFocusProxy(field.edit)  # a label's Alt+letter goes to the typed date

        self.goals_list = goal_checklist("initiativeGoals", goals, chosen.goal_ids)
        self.skills_list = tick_list("initiativeSkills", [(s.id, s.name) for s in skills], chosen.skill_ids)
        links = QHBoxLayout()
        links.setContentsMargins(0, 0, 0, 0)
        links.setSpacing(12)
        goal_part = self.goals_list if goals else none_yet("No goals yet: add them in step 1.")
        skill_part = self.skills_list if skills else none_yet("No skills yet: add them in step 1.")
        links.addWidget(labelled("&Goals it serves", goal_part), 1)
        links.addWidget(labelled("Skil&ls it uses or grows", skill_part), 1)
        links_box = QWidget()
        links_box.setLayout(links)
        links_box.setFocusProxy(self.goals_list if goals else self.skills_list)

        self.add_row("&Title:", self.title_edit)
        self.add_row("&Kind:", kind_row)
        self.add_row("&What it is:", self.description_edit)
        self.add_row("Proposed t&o:", self.proposed_to_edit)
        self.add_row("The case &made:", self.case_edit)
        self.add_row("O&utcome:", self.outcome_edit)
        self.add_row("Dates:", dates, "Filled in as it moves through the stages; correct them here if needed.")
        self.add_row("&Next step on:", self.follow_up_edit, "The day of the next step: it goes to your calendar.")
        self.add_row("Linked to:", links_box)

        self.kind_combo.setCurrentIndex(self.kind_combo.findData(chosen.kind.value))
        self.stage_combo.setCurrentIndex(self.stage_combo.findData(chosen.status.value))
        if initiative is not None:
            self.title_edit.setText(initiative.title)
            self.description_edit.setPlainText(initiative.description)
            self.proposed_to_edit.setText(initiative.proposed_to)
            self.case_edit.setPlainText(initiative.case_made)
            self.outcome_edit.setPlainText(initiative.outcome)
            self.started_edit.set_value(initiative.started_on)
            self.proposed_edit.set_value(initiative.proposed_on)
            self.decided_edit.set_value(initiative.decided_on)
            self.delivered_edit.set_value(initiative.delivered_on)
            self.follow_up_edit.set_value(initiative.follow_up_on)
        self.title_edit.setFocus()

    def save(self) -> Initiative:
        if not self.title_edit.text().strip():
            raise InputError("Title: what is the initiative called?")
        fields: dict[str, Any] = {
            "title": self.title_edit.text().strip(),
            "kind": InitiativeKind(self.kind_combo.currentData()),
            "status": InitiativeStatus(self.stage_combo.currentData()),
            "description": self.description_edit.toPlainText().strip(),
            "proposed_to": self.proposed_to_edit.text().strip(),
            "case_made": self.case_edit.toPlainText().strip(),
            "outcome": self.outcome_edit.toPlainText().strip(),
            "started_on": self.started_edit.value(),
            "proposed_on": self.proposed_edit.value(),
            "decided_on": self.decided_edit.value(),
            "delivered_on": self.delivered_edit.value(),
            "follow_up_on": self.follow_up_edit.value(),
            "goal_ids": ticked(self.goals_list),
            "skill_ids": ticked(self.skills_list),
        }
        record = dataclasses.replace(self.initiative, **fields) if self.initiative else Initiative(**fields)
        return self.services.advocacy.save_initiative(record)

    def focus_for(self, message: str) -> QWidget | None:
        lowered = message.lower()
        by_start: tuple[tuple[str, QWidget], ...] = (
            ("Title", self.title_edit),
            ("Next step on", self.follow_up_edit.edit),
            ("Started", self.started_edit.edit),
            ("Proposed on", self.proposed_edit.edit),
            ("Decided on", self.decided_edit.edit),
            ("Delivered on", self.delivered_edit.edit),
        )
        for start, widget in by_start:
            if message.startswith(start):
                return widget
        by_word: tuple[tuple[str, QWidget], ...] = (
            ("title", self.title_edit),
            ("delivered", self.delivered_edit.edit),
            ("decision", self.decided_edit.edit),
            ("proposed to", self.proposed_to_edit),
            ("case made", self.case_edit),
            ("outcome", self.outcome_edit),
            ("description", self.description_edit),
        )
        for word, widget in by_word:
            if word in lowered:
                return widget
        return None
