"""Step 3: the professional network with its stay-in-touch rhythms, and mentoring.

When a contact is due is counted from what actually happened, never from when a reminder last
fired: the latest interaction of any kind, and the latest mentor meeting with them that was held
(or that the calendar kept at a time now past). The rhythm is the contact's own, else the most
frequent rhythm of its tags; "Snooze" puts a reach-out off to a day, and any contact logged since
clears it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain import Contact, Interaction, Meeting, Mentorship, TagRhythm
from ..domain.network import InteractionKind, check_rhythm, contact_due
from .context import Context

if TYPE_CHECKING:
    from .vcard import CardCandidate


@dataclass(frozen=True)
class ContactRow:
    contact: Contact
    last_contact: date | None  # the latest real contact of any kind
    due: date | None  # when the stay-in-touch rhythm asks for the next contact
    rhythm_days: int | None = None  # the rhythm in force
    rhythm_from: str = ""  # "" (its own), or the tag it comes from

    def overdue_days(self, today: date) -> int:
        """Days past due (0 when due today, negative when not yet)."""
        return (today - self.due).days if self.due is not None else -(10**6)


@dataclass(frozen=True)
class DeletedContact:
    """What undoing a contact's delete brings back: the contact and everything that hung on it."""

    contact: Contact
    interactions: list[Interaction]
    mentorships: list[Mentorship]
    meetings: list[Meeting]


class NetworkServices:
    """Contacts, their rhythm and timeline; mentoring (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    # -- reading ---------------------------------------------------------------------------------
    def contact_rows(self) -> list[ContactRow]:
        store = self._ctx.store
        last = self._last_contacts()
        rhythms = {r.tag.casefold(): r.cadence_days for r in store.tag_rhythms.all()}
        rows = []
        for contact in store.contacts.all():
            seen = last.get(contact.id)
            due, days, source = contact_due(
                contact.cadence_days, contact.tags, rhythms, seen, contact.created.date(), contact.snoozed_until
            )
            rows.append(ContactRow(contact, seen, due, days, source))
        return rows

    def _last_contacts(self) -> dict[str, date]:
        """contact id -> the day of the latest real contact: an interaction, or a mentor meeting held
        (or one at a time now past that the calendar kept)."""
        store = self._ctx.store
        last: dict[str, date] = {}
        for row in store.db.query("SELECT contact_id, max(happened_on) FROM interactions GROUP BY contact_id"):
            last[row[0]] = date.fromisoformat(row[1])
        now = self._ctx.now()
        contact_of = {m.id: m.contact_id for m in store.mentorships.all()}
        for meeting in store.meetings.all():
            contact_id = contact_of.get(meeting.mentorship_id)
            if contact_id is not None and meeting.took_place(now):
                day = meeting.start.local().date()
                if day > last.get(contact_id, date.min):
                    last[contact_id] = day
        return last

    def reach_out(self) -> list[ContactRow]:
        """Who is due or overdue for a contact, most overdue first."""
        today = self._ctx.today()
        due = [r for r in self.contact_rows() if r.due is not None and r.due <= today]
        return sorted(due, key=lambda r: (r.due, r.contact.name.casefold()))

    def interactions(self, contact_id: str) -> list[Interaction]:
        """A contact's timeline, the latest first."""
        found = self._ctx.store.interactions.where("contact_id = ?", (contact_id,))
        return sorted(found, key=lambda i: (i.happened_on, i.created), reverse=True)

    def tag_rhythms(self) -> list[TagRhythm]:
        return self._ctx.store.tag_rhythms.all()

    # -- contacts --------------------------------------------------------------------------------
    def save_contact(self, contact: Contact) -> Contact:
        """Add a new contact, or save an edited one (checked first: nothing half-saved)."""
        contact.validate()
        store = self._ctx.store
        if store.contacts.exists(contact.id):
            return store.contacts.update(contact)
        return store.contacts.add(contact)

    def delete_contact(self, contact_id: str) -> DeletedContact:
        """Delete a contact with its interactions, mentorships and their meetings."""
        store = self._ctx.store
        with store.db.transaction():
            contact = store.contacts.get(contact_id)
            interactions = store.interactions.where("contact_id = ?", (contact_id,))
            ships = store.mentorships.where("contact_id = ?", (contact_id,))
            meetings = [m for s in ships for m in store.meetings.where("mentorship_id = ?", (s.id,))]
            store.contacts.delete(contact_id)  # the rest goes with it (ON DELETE CASCADE)
        return DeletedContact(contact, interactions, ships, meetings)

    def restore_contact(self, deleted: DeletedContact) -> Contact:
        """Undo a delete: the contact comes back with its ids, timeline, mentorships and meetings."""
        store = self._ctx.store
        with store.db.transaction():
            store.contacts.add(deleted.contact)
            store.interactions.add_many(deleted.interactions)
            store.mentorships.add_many(deleted.mentorships)
            store.meetings.add_many(deleted.meetings)
        return deleted.contact

    # -- keeping in touch ------------------------------------------------------------------------
    def log_interaction(self, interaction: Interaction) -> Interaction:
        """Record a contact that happened; a reach-out put off (snoozed) is no longer needed."""
        interaction.validate()
        store = self._ctx.store
        with store.db.transaction():
            contact = store.contacts.get(interaction.contact_id)
            saved = (
                store.interactions.update(interaction)
                if store.interactions.exists(interaction.id)
                else store.interactions.add(interaction)
            )
            if contact.snoozed_until is not None:
                store.contacts.update(dataclasses.replace(contact, snoozed_until=None))
        return saved

    def contacted_today(
        self, contact_id: str, kind: InteractionKind = InteractionKind.MESSAGE, note: str = ""
    ) -> Interaction:
        return self.log_interaction(
            Interaction(contact_id=contact_id, happened_on=self._ctx.today(), kind=kind, summary=note)
        )

    def delete_interaction(self, interaction_id: str) -> Interaction:
        store = self._ctx.store
        interaction = store.interactions.get(interaction_id)
        store.interactions.delete(interaction_id)
        return interaction

    def restore_interaction(self, interaction: Interaction) -> Interaction:
        return self._ctx.store.interactions.add(interaction)

    def snooze(self, contact_id: str, until: date) -> Contact:
        """Put the reach-out off until *until* (a day after today)."""
        from ..domain import DomainError

        if until <= self._ctx.today():
            raise DomainError("Snooze until a day after today")
        store = self._ctx.store
        contact = store.contacts.get(contact_id)
        return store.contacts.update(dataclasses.replace(contact, snoozed_until=until))

    def set_tag_rhythm(self, tag: str, days: int | None) -> None:
        """Stay in touch every *days* with everyone tagged *tag* (no rhythm of their own); None removes it."""
        tag = tag.strip()
        check_rhythm(days, "A tag's rhythm")
        store = self._ctx.store
        with store.db.transaction():
            for existing in store.tag_rhythms.all():
                if existing.tag.casefold() == tag.casefold():
                    store.tag_rhythms.delete(existing.id)
            if days is not None:
                store.tag_rhythms.add(TagRhythm(tag=tag, cadence_days=days))

    # -- vCard -----------------------------------------------------------------------------------
    def preview_vcards(self, path: Path) -> list[CardCandidate]:
        """What importing the vCard file would do, card by card (duplicates and problems marked)."""
        from .vcard import read_cards

        return read_cards(Path(path), self._ctx.store.contacts.all())

    def import_vcards(self, path: Path, *, duplicates: bool = False) -> tuple[int, list[CardCandidate]]:
        """Add the file's contacts (those duplicating one already here only if *duplicates*), all in
        one transaction; returns how many were added and the cards left out."""
        from .vcard import cards_to_add

        cards = self.preview_vcards(path)
        wanted = cards_to_add(cards, duplicates=duplicates)
        store = self._ctx.store
        with store.db.transaction():
            store.contacts.add_many(c.contact for c in wanted if c.contact is not None)
        return len(wanted), [c for c in cards if c not in wanted]

    def add_cards(self, cards: Sequence[CardCandidate]) -> list[Contact]:
        """Add the contacts of the cards a person chose from `preview_vcards` (a duplicate too, when
        chosen), all in one transaction: each is checked first, and one refused adds none. Cards that
        cannot be a contact, and cards already added (the same contact id), are passed over, so
        adding the same choice twice doubles nothing. Returns the contacts added."""
        contacts = [dataclasses.replace(c.contact) for c in cards if c.contact is not None]  # checked again
        store = self._ctx.store
        added: list[Contact] = []
        with store.db.transaction():
            seen: set[str] = set()
            for contact in contacts:
                if contact.id not in seen and not store.contacts.exists(contact.id):
                    added.append(contact)
                seen.add(contact.id)
            store.contacts.add_many(added)
        return added

    def export_vcards(self, path: Path) -> int:
        from .vcard import write_cards

        contacts = sorted(self._ctx.store.contacts.all(), key=lambda c: c.name.casefold())
        return write_cards(Path(path), contacts)
