"""Step 3 reads: the professional network with its stay-in-touch rhythm, and mentor meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..domain import Contact, Meeting
from .context import Context


@dataclass(frozen=True)
class ContactRow:
    contact: Contact
    last_contact: date | None
    due: date | None  # when the stay-in-touch cadence asks for the next contact


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    with_whom: str


class NetworkServices:
    """Contacts and mentoring (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def contact_rows(self) -> list[ContactRow]:
        store = self._ctx.store
        last: dict[str, date] = {}
        for row in store.db.query("SELECT contact_id, max(happened_on) FROM interactions GROUP BY contact_id"):
            last[row[0]] = date.fromisoformat(row[1])
        rows = []
        for contact in store.contacts.all():
            seen = last.get(contact.id)
            due = None
            if contact.cadence_days:
                due = (seen or contact.created.date()) + timedelta(days=contact.cadence_days)
            rows.append(ContactRow(contact, seen, due))
        return rows

    def meeting_rows(self) -> list[MeetingRow]:
        store = self._ctx.store
        names = {row[0]: row[1] for row in store.db.query("SELECT id, name FROM contacts")}
        mentor_of = {m.id: names.get(m.contact_id, "") for m in store.mentorships.all()}
        return [MeetingRow(m, mentor_of.get(m.mentorship_id, "")) for m in store.meetings.all()]
