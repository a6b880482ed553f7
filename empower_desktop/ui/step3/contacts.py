"""Step 3 · Contacts and Reach out: the network with its stay-in-touch rhythm, and who is due.

Contacts: add, edit, log a contact, delete (undoable with Ctrl+Z, the contact coming back with its
timeline, mentorships and meetings); the selected contact's timeline under the list; contacts from
and to vCard files, with a preview before an import (vcard_dialog). Reach out: who is due or
overdue, most overdue first, with "Contacted today…" and "Snooze…".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...changes import Changes, Kind
from ...domain import Contact, Interaction
from ...services import ContactRow, Services
from ...services.network import DeletedContact
from ..formatting import DASH, MUTED_COLOUR, OVERDUE_COLOUR, date_key, fmt_date
from ..widgets.section import Section
from ..widgets.step_page import split
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel
from ..widgets.undo import confirm_delete
from .dialogs import ContactEditor, ContactLogDialog, SnoozeDialog
from .vcard_dialog import ImportVCardsDialog, export_vcards, import_vcards

NETWORK = Changes.of(Kind.NETWORK)
D = TypeVar("D", ContactEditor, ContactLogDialog, SnoozeDialog)


@dataclass(frozen=True)
class NetworkData:
    today: date
    rows: list[ContactRow]
    timeline: dict[str, list[Interaction]] = field(default_factory=dict)


def rhythm_text(row: ContactRow) -> str:
    if row.rhythm_days is None:
        return DASH
    days = row.rhythm_days
    every = f"every {days // 7} weeks" if days % 7 == 0 and days >= 14 else f"every {days} days"
    return f"{every} ({row.rhythm_from})" if row.rhythm_from else every


def due_text(row: ContactRow, today: date) -> str:
    if row.due is None:
        return DASH
    late = row.overdue_days(today)
    if late > 0:
        return f"{fmt_date(row.due)} · {late} day{'s' if late != 1 else ''} overdue"
    return f"{fmt_date(row.due)} · today" if late == 0 else fmt_date(row.due)


def _last_contact(row: ContactRow) -> str:
    return fmt_date(row.last_contact) if row.last_contact else "Never"


def contact_columns(today: Any) -> list[Column[ContactRow]]:
    def overdue(row: ContactRow) -> bool:
        return row.overdue_days(today()) > 0

    return [
        Column("Name", lambda r: r.contact.name, stretch=True, width=20, tooltip=lambda r: r.contact.notes),
        Column("Relationship", lambda r: r.contact.relationship.label, width=14),
        Column("Organisation", lambda r: r.contact.organisation or DASH, width=16),
        Column(
            "Last contact",
            _last_contact,
            sort_key=lambda r: date_key(r.last_contact),
            colour=lambda r: None if r.last_contact else MUTED_COLOUR,
            width=12,
        ),
        Column("Rhythm", rhythm_text, sort_key=lambda r: r.rhythm_days or 0, width=16),
        Column(
            "Next contact due",
            lambda r: due_text(r, today()),
            sort_key=lambda r: date_key(r.due),
            colour=lambda r: OVERDUE_COLOUR if overdue(r) else None,
            bold=overdue,
            width=31,
        ),
        Column("Tags", lambda r: ", ".join(r.contact.tags) or DASH, width=14),
    ]


def timeline_columns() -> list[Column[Interaction]]:
    return [
        Column("Day", lambda i: fmt_date(i.happened_on), sort_key=lambda i: date_key(i.happened_on), width=12),
        Column("Kind", lambda i: i.kind.label, width=18),
        Column("Note", lambda i: i.summary or DASH, stretch=True, width=30, tooltip=lambda i: i.summary),
        Column("Follow up", lambda i: fmt_date(i.follow_up) if i.follow_up else DASH, width=12),
    ]


class _ContactActions(Section):
    """What both lists do with the selected contact: log a contact, snooze, edit."""

    WATCHES = frozenset({Kind.NETWORK})

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self._data = NetworkData(date.today(), [])
        self._select_id: str | None = None
        self.dialog: Any = None

    def selected_contact(self) -> Contact | None:
        raise NotImplementedError

    def _open(self, dialog: D, message: str) -> D:
        dialog.saved.connect(lambda saved: self._saved(saved, message))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, saved: Any, message: str) -> None:
        self._select_id = getattr(saved, "contact_id", None) or getattr(saved, "id", None)
        name = next((r.contact.name for r in self._data.rows if r.contact.id == self._select_id), "")
        self.announce(NETWORK, message.format(name=getattr(saved, "name", "") or name))

    def log_contact(self) -> ContactLogDialog | None:
        contact = self.selected_contact()
        if contact is None:
            return None
        return self._open(ContactLogDialog(self.services, contact, self), "Contact with {name} logged")

    def snooze(self) -> SnoozeDialog | None:
        contact = self.selected_contact()
        if contact is None:
            return None
        return self._open(SnoozeDialog(self.services, contact, self), "{name} snoozed")

    def edit_contact(self) -> ContactEditor | None:
        contact = self.selected_contact()
        return self._open(ContactEditor(self.services, contact, self), "Contact “{name}” saved") if contact else None


class ReachOutSection(_ContactActions):
    """Who is due or overdue for a contact, most overdue first."""

    title = "Reach out"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.list: TablePanel[ContactRow] = TablePanel(
            "Due or overdue, most overdue first",
            contact_columns(lambda: self._data.today),
            "Nobody to reach out to yet.\nGive a contact a stay-in-touch rhythm (under Contacts) and they show here "
            "when it is time to be in touch.",
        )
        self.contacted_button = self.shortcut_button(
            "&Contacted today…", "Ctrl+D", self.log_contact, "Log that you were in touch with the selected contact"
        )
        self.snooze_button = self.shortcut_button(
            "Snoo&ze…", "Ctrl+K", self.snooze, "Put the selected contact off for a while"
        )
        self.list.set_row_actions(self.log_contact)
        self.list.table.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.list.model.modelReset.connect(self._update_actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(self.toolbar([], [self.contacted_button, self.snooze_button]))
        layout.addWidget(self.list, 1)
        self._update_actions()

    def fetch(self) -> NetworkData:
        return NetworkData(self.services.today(), self.services.network.reach_out())

    def fill(self, data: NetworkData) -> None:
        self._data = data
        self.list.set_rows(data.rows)
        if not self.list.select_first(lambda r: r.contact.id == self._select_id):
            self.list.select_first(lambda r: True)
        self._update_actions()

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.list,)

    def selected_contact(self) -> Contact | None:
        row = self.list.selected_row()
        return row.contact if row else None

    def _update_actions(self) -> None:
        chosen = self.selected_contact() is not None
        self.contacted_button.setEnabled(chosen)
        self.snooze_button.setEnabled(chosen)


class ContactsSection(_ContactActions):
    """Every contact, with the selected one's timeline below."""

    title = "Contacts"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.contacts: TablePanel[ContactRow] = TablePanel(
            "Contacts",
            contact_columns(lambda: self._data.today),
            "No contacts yet.\nAdd the people you learn from and who know your work with New contact… (Ctrl+N).",
        )
        self.timeline: TablePanel[Interaction] = TablePanel(
            "Timeline of the selected contact",
            timeline_columns(),
            "No contact logged yet.\nLog a call, a message or a coffee with Log contact… (Ctrl+L).",
        )
        self.new_button = self.shortcut_button("&New contact…", "Ctrl+N", self.new_contact, "Add a contact")
        self.edit_button = self.shortcut_button(
            "Ed&it…", "Return", self.edit_contact, "Open the selected contact (or double-click it)"
        )
        self.log_button = self.shortcut_button(
            "&Log contact…", "Ctrl+L", self.log_contact, "Log a call, a message, a meeting with the selected contact"
        )
        self.delete_button = self.shortcut_button(
            "&Delete…", "Delete", self.delete_contact, "Delete the selected contact (Ctrl+Z undoes)"
        )
        self.import_button = self.shortcut_button(
            "I&mport vCard…",
            "Ctrl+Shift+I",
            self.import_vcards,
            "Add contacts from a vCard file (.vcf), after a preview",
        )
        self.export_button = self.shortcut_button(
            "Ex&port vCard…", "Ctrl+Shift+E", self.export_vcards, "Write every contact to a vCard file (.vcf)"
        )
        self.contacts.set_row_actions(self.edit_contact)
        self.contacts.table.selectionModel().currentChanged.connect(lambda *_: self._selection_changed())
        self.contacts.model.modelReset.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        buttons = [self.new_button, self.edit_button, self.log_button, self.delete_button]
        layout.addLayout(self.toolbar([], [*buttons, self.import_button, self.export_button]))
        layout.addWidget(split(Qt.Orientation.Vertical, (self.contacts, 3), (self.timeline, 1)), 1)
        self._selection_changed()

    def fetch(self) -> NetworkData:
        rows = self.services.network.contact_rows()
        timeline: dict[str, list[Interaction]] = {}
        for interaction in self.services.store.interactions.all():
            timeline.setdefault(interaction.contact_id, []).append(interaction)
        for items in timeline.values():
            items.sort(key=lambda i: (i.happened_on, i.created), reverse=True)
        return NetworkData(self.services.today(), rows, timeline)

    def fill(self, data: NetworkData) -> None:
        self._data = data
        self.contacts.set_rows(data.rows)
        if self._select_id is not None:
            self.contacts.select_first(lambda r: r.contact.id == self._select_id)
        self._selection_changed()

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.contacts,)

    def selected_contact(self) -> Contact | None:
        row = self.contacts.selected_row()
        return row.contact if row else None

    def _selection_changed(self) -> None:
        contact = self.selected_contact()
        self.timeline.set_rows(self._data.timeline.get(contact.id, []) if contact else [])
        for button in (self.edit_button, self.log_button, self.delete_button):
            button.setEnabled(contact is not None)

    def new_contact(self) -> ContactEditor:
        return self._open(ContactEditor(self.services, None, self), "Contact “{name}” added")

    def delete_contact(self) -> None:
        contact = self.selected_contact()
        if contact is None:
            return

        def forget(_deleted: DeletedContact) -> None:
            self._select_id = None

        confirm_delete(
            self,
            "Delete contact",
            f"Delete “{contact.name}” with their timeline and mentor meetings?",
            f"contact “{contact.name}”",
            lambda: self.services.network.delete_contact(contact.id),
            redo=lambda d: self.services.network.delete_contact(d.contact.id),
            restore=self.services.network.restore_contact,
            changes=NETWORK,
            select=lambda d: setattr(self, "_select_id", d.contact.id),
            then=forget,
        )

    def import_vcards(self, path: Path | None = None) -> ImportVCardsDialog | None:
        """Pick a .vcf file, preview its cards, import the checked ones (the first is then selected)."""

        def select(added: list[Contact]) -> None:
            self._select_id = added[0].id if added else self._select_id

        dialog = import_vcards(self, path, then=select)
        if dialog is not None:
            self.dialog = dialog
        return dialog

    def export_vcards(self, path: Path | None = None) -> int | None:
        return export_vcards(self, path)
