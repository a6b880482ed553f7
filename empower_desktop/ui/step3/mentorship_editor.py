"""The mentorship editor: who (a contact), their role, what I want from it (in my words, and the goals
and skills it serves), how often we meet, since when, its status, and at the end what it changed."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem, QSpinBox, QWidget

from ...domain import Contact, Goal, Mentorship, Skill
from ...domain.network import MAX_RHYTHM_DAYS, MentorRole, MentorshipStatus
from ...errors import InputError
from ...services import Services
from ..formatting import first_line
from ..widgets.dialogs import FormDialog, text_area
from ..widgets.fields import DateField


def checklist(name: str, choices: Sequence[tuple[str, str]], chosen: Sequence[str]) -> QListWidget:
    """A list of (id, label) with a tick box each; *chosen* ids ticked."""
    widget = QListWidget()
    widget.setObjectName(name)
    for ident, label in choices:
        item = QListWidgetItem(label)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ident in chosen else Qt.CheckState.Unchecked)
        item.setData(Qt.ItemDataRole.UserRole, ident)
        widget.addItem(item)
    rows = min(max(widget.count(), 2), 5)
    widget.setFixedHeight(rows * (widget.fontMetrics().height() + 6) + 8)
    return widget


def ticked(widget: QListWidget) -> list[str]:
    return [
        str(widget.item(row).data(Qt.ItemDataRole.UserRole))
        for row in range(widget.count())
        if widget.item(row).checkState() == Qt.CheckState.Checked
    ]


class MentorshipEditor(FormDialog):
    """Add or edit a mentorship. Emits `saved(mentorship)`."""

    def __init__(
        self,
        services: Services,
        contacts: Sequence[Contact],
        goals: Sequence[Goal],
        skills: Sequence[Skill],
        mentorship: Mentorship | None = None,
        contact_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("New mentorship" if mentorship is None else "Edit mentorship", parent=parent)
        self.setObjectName("mentorshipEditor")
        self.services = services
        self.mentorship = mentorship
        self.contact_combo = QComboBox()
        self.contact_combo.setObjectName("mentorshipContact")
        for contact in sorted(contacts, key=lambda c: c.name.casefold()):
            extra = f" · {contact.organisation}" if contact.organisation else ""
            self.contact_combo.addItem(f"{contact.name}{extra}", contact.id)
        if not contacts:
            self.contact_combo.addItem("(add the person under Contacts first)", None)
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("mentorshipRole")
        for role in MentorRole:
            self.role_combo.addItem(role.label, role.value)
        self.focus_edit = text_area("What I want from it, e.g. grow into a staff engineer role", lines=2)
        self.focus_edit.setObjectName("mentorshipFocus")
        self.goals_list = checklist("mentorshipGoals", [(g.id, first_line(g.title, 70)) for g in goals], [])
        self.skills_list = checklist("mentorshipSkills", [(s.id, s.name) for s in skills], [])
        self.rhythm_spin = QSpinBox()
        self.rhythm_spin.setObjectName("mentorshipRhythm")
        self.rhythm_spin.setRange(0, MAX_RHYTHM_DAYS)
        self.rhythm_spin.setSpecialValueText("No fixed rhythm")
        self.rhythm_spin.setPrefix("every ")
        self.rhythm_spin.setSuffix(" days")
        self.rhythm_spin.setFixedWidth(24 * self.rhythm_spin.fontMetrics().averageCharWidth())
        self.start_edit = DateField("Start")
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("mentorshipStatus")
        for status in MentorshipStatus:
            self.status_combo.addItem(status.label, status.value)
        self.changed_edit = text_area("At the end: what it changed for you", lines=2)
        self.changed_edit.setObjectName("mentorshipChanged")

        self.add_row("&Who:", self.contact_combo)
        self.add_row("&Role:", self.role_combo)
        self.add_row("&What I want:", self.focus_edit)
        self.add_row("&Goals it serves:", self.goals_list)
        self.add_row("S&kills:", self.skills_list)
        self.add_row(
            "&Meet:", self.rhythm_spin, "A rhythm of meetings; the contact's stay-in-touch rhythm is separate."
        )
        self.add_row("Sin&ce:", self.start_edit)
        self.add_row("S&tatus:", self.status_combo)
        self.add_row("What c&hanged:", self.changed_edit)
        self.status_combo.currentIndexChanged.connect(lambda _i: self._update_changed())

        if mentorship is not None:
            self.contact_combo.setCurrentIndex(max(0, self.contact_combo.findData(mentorship.contact_id)))
            self.role_combo.setCurrentIndex(self.role_combo.findData(mentorship.role.value))
            self.focus_edit.setPlainText(mentorship.focus)
            self._tick(self.goals_list, mentorship.goal_ids)
            self._tick(self.skills_list, mentorship.skill_ids)
            self.rhythm_spin.setValue(mentorship.cadence_days or 0)
            self.start_edit.set_value(mentorship.started_on)
            self.status_combo.setCurrentIndex(self.status_combo.findData(mentorship.status.value))
            self.changed_edit.setPlainText(mentorship.what_changed)
        else:
            if contact_id is not None:
                self.contact_combo.setCurrentIndex(max(0, self.contact_combo.findData(contact_id)))
            self.rhythm_spin.setValue(28)
            self.start_edit.set_value(services.today())
        self._update_changed()
        self.contact_combo.setFocus()

    @staticmethod
    def _tick(widget: QListWidget, ids: Sequence[str]) -> None:
        for row in range(widget.count()):
            item = widget.item(row)
            if item.data(Qt.ItemDataRole.UserRole) in ids:
                item.setCheckState(Qt.CheckState.Checked)

    def _update_changed(self) -> None:
        ended = self.status_combo.currentData() == MentorshipStatus.ENDED.value
        self.changed_edit.setPlaceholderText(
            "What it changed for you" if ended else "At the end: what it changed for you (optional now)"
        )

    def save(self) -> Mentorship:
        contact_id = self.contact_combo.currentData()
        if contact_id is None:
            raise InputError("Who: add the person under Contacts first")
        fields = {
            "contact_id": str(contact_id),
            "role": MentorRole(self.role_combo.currentData()),
            "focus": self.focus_edit.toPlainText().strip(),
            "goal_ids": ticked(self.goals_list),
            "skill_ids": ticked(self.skills_list),
            "cadence_days": self.rhythm_spin.value() or None,
            "started_on": self.start_edit.value(),
            "status": MentorshipStatus(self.status_combo.currentData()),
            "what_changed": self.changed_edit.toPlainText().strip(),
        }
        ship = (
            dataclasses.replace(self.mentorship, **fields)  # type: ignore[arg-type]
            if self.mentorship
            else Mentorship(**fields)  # type: ignore[arg-type]
        )
        return self.services.mentoring.save_mentorship(ship)

    def focus_for(self, message: str) -> QWidget | None:
        lowered = message.lower()
        if "rhythm" in lowered:
            return self.rhythm_spin
        if message.startswith("Who"):
            return self.contact_combo
        if "what changed" in lowered:
            return self.changed_edit
        if "focus" in lowered:
            return self.focus_edit
        return None
