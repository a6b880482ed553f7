"""Step 3's dialogs about one contact: add or edit the contact (with its stay-in-touch rhythm), log
a contact that happened (with an optional follow-up), put a reach-out off (snooze)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from ...domain import Contact, Interaction
from ...domain.network import MAX_RHYTHM_DAYS, InteractionKind, Relationship
from ...errors import InputError
from ...services import Services
from ..widgets.dialogs import FormDialog, text_area
from ..widgets.fields import DateField


def _line(text: str = "", name: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    if name:
        edit.setObjectName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


# What a new contact's form starts with (a Contact without a name would not validate).
_BLANK = SimpleNamespace(
    name="",
    relationship=Relationship.OTHER,
    organisation="",
    role="",
    email="",
    phone="",
    link="",
    how_we_met="",
    tags=[],
    cadence_days=None,
    notes="",
)


class ContactEditor(FormDialog):
    """Add or edit a contact. Emits `saved(contact)`."""

    def __init__(self, services: Services, contact: Contact | None = None, parent: QWidget | None = None) -> None:
        super().__init__("New contact" if contact is None else f"Edit “{contact.name}”", parent=parent)
        self.setObjectName("contactEditor")
        self.services = services
        self.contact = contact
        c: Any = contact or _BLANK
        self.name_edit = _line(c.name, "contactName", "First and last name")
        self.relationship_combo = QComboBox()
        self.relationship_combo.setObjectName("contactRelationship")
        for relationship in Relationship:
            self.relationship_combo.addItem(relationship.label, relationship.value)
        self.relationship_combo.setCurrentIndex(self.relationship_combo.findData(c.relationship.value))
        self.organisation_edit = _line(c.organisation, "contactOrganisation")
        self.role_edit = _line(c.role, "contactRole", "Their role, e.g. Staff engineer")
        self.email_edit = _line(c.email, "contactEmail", "name@example.org")
        self.phone_edit = _line(c.phone, "contactPhone")
        self.link_edit = _line(c.link, "contactLink", "https://… (a profile page)")
        self.met_edit = _line(c.how_we_met, "contactMet", "A conference, a former team, an introduction…")
        self.tags_edit = _line(", ".join(c.tags), "contactTags", "Comma-separated, e.g. mentor, platform")
        self.rhythm_spin = QSpinBox()
        self.rhythm_spin.setObjectName("contactRhythm")
        self.rhythm_spin.setRange(0, MAX_RHYTHM_DAYS)
        self.rhythm_spin.setSpecialValueText("None of its own (its tags' rhythm, if any)")
        self.rhythm_spin.setPrefix("every ")
        self.rhythm_spin.setSuffix(" days")
        self.rhythm_spin.setValue(c.cadence_days or 0)
        self.rhythm_spin.setFixedWidth(36 * self.rhythm_spin.fontMetrics().averageCharWidth())
        self.notes_edit = text_area("What you talk about, what they care about", lines=3)
        self.notes_edit.setObjectName("contactNotes")
        self.notes_edit.setPlainText(c.notes)

        self.add_row("&Name:", self.name_edit)
        self.add_row("&Relationship:", self.relationship_combo)
        self.add_row("&Organisation:", self.organisation_edit)
        self.add_row("Ro&le:", self.role_edit)
        self.add_row("&Email:", self.email_edit)
        self.add_row("&Phone:", self.phone_edit)
        self.add_row("Profile lin&k:", self.link_edit)
        self.add_row("How we &met:", self.met_edit)
        self.add_row("&Tags:", self.tags_edit)
        self.add_row(
            "Stay in &touch:", self.rhythm_spin, "Reach out lists them once this long has passed since any contact."
        )
        self.add_row("N&otes:", self.notes_edit)
        self.name_edit.setFocus()

    def save(self) -> Contact:
        tags = [t.strip() for t in self.tags_edit.text().split(",") if t.strip()]
        fields = {
            "name": self.name_edit.text().strip(),
            "relationship": Relationship(self.relationship_combo.currentData()),
            "organisation": self.organisation_edit.text().strip(),
            "role": self.role_edit.text().strip(),
            "email": self.email_edit.text().strip(),
            "phone": self.phone_edit.text().strip(),
            "link": self.link_edit.text().strip(),
            "how_we_met": self.met_edit.text().strip(),
            "tags": tags,
            "cadence_days": self.rhythm_spin.value() or None,
            "notes": self.notes_edit.toPlainText().strip(),
        }
        if not fields["name"]:
            raise InputError("Name: who is it?")
        contact = dataclasses.replace(self.contact, **fields) if self.contact else Contact(**fields)  # type: ignore[arg-type]
        return self.services.network.save_contact(contact)

    def focus_for(self, message: str) -> QWidget | None:
        lowered = message.lower()
        for words, field in (
            (("name",), self.name_edit),
            (("email",), self.email_edit),
            (("web address",), self.link_edit),
            (("phone",), self.phone_edit),
            (("rhythm",), self.rhythm_spin),
            (("notes",), self.notes_edit),
        ):
            if any(w in lowered for w in words):
                return field
        return None


class ContactLogDialog(FormDialog):
    """Log a contact that happened (today unless changed), with an optional follow-up. Emits
    `saved(interaction)`."""

    def __init__(
        self,
        services: Services,
        contact: Contact,
        parent: QWidget | None = None,
        *,
        kind: InteractionKind = InteractionKind.MESSAGE,
    ) -> None:
        super().__init__(f"Log a contact with {contact.name}", save_text="Log", parent=parent)
        self.setObjectName("contactLogDialog")
        self.services = services
        self.contact = contact
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("interactionKind")
        for choice in InteractionKind:
            self.kind_combo.addItem(choice.label, choice.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))
        self.day_edit = DateField("Day")
        self.day_edit.set_value(services.today())
        self.note_edit = _line(name="interactionNote", placeholder="What you talked about (optional)")
        self.follow_up_edit = DateField("Follow up on")
        self.follow_up_edit.edit.setPlaceholderText("YYYY-MM-DD (optional): it goes to your calendar")

        self.add_row(
            "", QLabel(f"<b>{contact.name}</b>" + (f" · {contact.organisation}" if contact.organisation else ""))
        )
        self.add_row("&Kind:", self.kind_combo)
        self.add_row("&Day:", self.day_edit)
        self.add_row("&Note:", self.note_edit)
        self.add_row("&Follow up on:", self.follow_up_edit)
        self.note_edit.setFocus()

    def save(self) -> Interaction:
        day = self.day_edit.value()
        if day is None:
            raise InputError("Day: when was it (YYYY-MM-DD)?")
        if day > self.services.today():
            raise InputError("Day: a contact is logged once it happened; plan a meeting for what is ahead")
        return self.services.network.log_interaction(
            Interaction(
                contact_id=self.contact.id,
                happened_on=day,
                kind=InteractionKind(self.kind_combo.currentData()),
                summary=self.note_edit.text().strip(),
                follow_up=self.follow_up_edit.value(),
            )
        )

    def focus_for(self, message: str) -> QWidget | None:
        if message.startswith("Day"):
            return self.day_edit.edit
        if "follow-up" in message.lower():
            return self.follow_up_edit.edit
        return None


class SnoozeDialog(FormDialog):
    """Put a reach-out off until a day. Emits `saved(contact)`."""

    def __init__(self, services: Services, contact: Contact, parent: QWidget | None = None) -> None:
        super().__init__(f"Snooze {contact.name}", save_text="Snooze", parent=parent)
        self.setObjectName("snoozeDialog")
        self.services = services
        self.contact = contact
        self.days_spin = QSpinBox()
        self.days_spin.setObjectName("snoozeDays")
        self.days_spin.setRange(1, 365)
        self.days_spin.setValue(7)
        self.days_spin.setPrefix("for ")
        self.days_spin.setSuffix(" days")
        self.add_row("&Put off:", self.days_spin, "A contact logged before then ends the snooze.")
        self.days_spin.selectAll()
        self.days_spin.setFocus()

    def until(self) -> date:
        return self.services.today() + timedelta(days=self.days_spin.value())

    def save(self) -> Contact:
        return self.services.network.snooze(self.contact.id, self.until())
