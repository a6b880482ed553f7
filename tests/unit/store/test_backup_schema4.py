"""A backup written before schema 5 restores in today's form, as the schema upgrade turns a database
of that time: a mentorship's active flag becomes its status, a meeting's agenda texts become topics
(with ids made from the meeting's, the same every time), and a meeting the calendar had removed is a
planned meeting carrying the calendar's mark."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from empower_desktop.domain.network import AgendaTopic, MeetingState, MentorshipStatus
from empower_desktop.services import Services
from empower_desktop.store import BackupError
from empower_desktop.store.backup import parse_backup, read_backup
from empower_desktop.sync.mapping import Reminders, items_from_store, uid_for

from .old_backups import STAMP, backup_document, records_of, write

CONTACT = "00000009-0000-4000-8000-000000000001"
ENDED_SHIP, ACTIVE_SHIP = "00000011-0000-4000-8000-000000000001", "00000011-0000-4000-8000-000000000002"
REMOVED, HELD = "00000012-0000-4000-8000-000000000001", "00000012-0000-4000-8000-000000000002"


def zoned(instant: str, tz: str = "Europe/Berlin") -> dict[str, str]:
    return {"instant": instant, "tz": tz}


def meeting(ident: str, ship: str, start: str, end: str, agenda: list[str], state: str) -> dict[str, Any]:
    """A meeting as the app of schema 4 wrote it: the agenda plain texts, one state for everything."""
    return {
        "id": ident,
        "created": STAMP,
        "updated": STAMP,
        "mentorship_id": ship,
        "title": "Mentoring",
        "start": zoned(start),
        "end": zoned(end),
        "location": "",
        "agenda": agenda,
        "notes": "",
        "action_items": [{"text": "Send the RFC", "due": "2026-06-20", "done": False, "id": f"{ident[:-1]}9"}],
        "state": state,
    }


def schema4_document() -> dict[str, Any]:
    """A backup as write_backup wrote it at schema 4 (no tag rhythms yet, the old field names)."""
    records = records_of(without=("tag_rhythms",))
    records["contacts"] = [
        {
            "id": CONTACT,
            "created": STAMP,
            "updated": STAMP,
            "name": "Marta Kowalska",
            "organisation": "Acme Cloud",
            "role": "Principal engineer",
            "email": "marta@example.com",
            "how_we_met": "Architecture guild",
            "cadence_days": 30,
            "tags": ["mentor"],
            "notes": "",
        }
    ]
    records["mentorships"] = [
        {
            "id": ship,
            "created": STAMP,
            "updated": STAMP,
            "contact_id": CONTACT,
            "role": "mentor",
            "focus": "Growing into a tech lead",
            "started_on": "2026-02-01",
            "active": active,
        }
        for ship, active in ((ENDED_SHIP, False), (ACTIVE_SHIP, True))
    ]
    records["meetings"] = [
        meeting(
            REMOVED,
            ENDED_SHIP,
            "2026-06-20T08:00:00+00:00",
            "2026-06-20T09:00:00+00:00",
            ["a", "b"],
            "removed_from_calendar",
        ),
        meeting(HELD, ACTIVE_SHIP, "2026-05-12T07:30:00+00:00", "2026-05-12T08:15:00+00:00", ["Next steps"], "held"),
    ]
    return backup_document(4, records)


def test_a_schema_4_backup_restores_with_status_topics_and_the_calendars_mark(
    services: Services, tmp_path: Path
) -> None:
    path = write(schema4_document(), tmp_path / "before-5.json")
    counts = services.data.restore(path)
    assert counts["mentorships"] == 2 and counts["meetings"] == 2 and counts["tag_rhythms"] == 0

    store = services.store
    assert store.mentorships.get(ENDED_SHIP).status is MentorshipStatus.ENDED
    assert store.mentorships.get(ACTIVE_SHIP).status is MentorshipStatus.ACTIVE

    removed = store.meetings.get(REMOVED)
    assert removed.agenda == [AgendaTopic(text="a", id=f"{REMOVED}-0"), AgendaTopic(text="b", id=f"{REMOVED}-1")]
    assert not any(t.covered or t.carried for t in removed.agenda)
    assert removed.state is MeetingState.PLANNED
    assert removed.removed_from_calendar
    held = store.meetings.get(HELD)
    assert (held.state, held.removed_from_calendar) == (MeetingState.HELD, False)
    assert held.agenda == [AgendaTopic(text="Next steps", id=f"{HELD}-0")]

    # The restored data behaves as today's: the removed meeting stays out of the calendar (its open
    # action item's follow-up goes there), and the held meeting is the last contact with Marta.
    uids = {item.uid for item in items_from_store(store, Reminders())}
    assert uid_for("meeting", REMOVED) not in uids
    assert {uid_for("meeting", HELD), uid_for("followup", f"{REMOVED[:-1]}9")} <= uids
    [marta] = services.network.contact_rows()
    assert marta.last_contact is not None and marta.last_contact.isoformat() == "2026-05-12"


def test_reading_the_same_old_backup_twice_gives_the_same_topic_ids(tmp_path: Path) -> None:
    path = write(schema4_document(), tmp_path / "before-5.json")
    first, second = read_backup(path), read_backup(path)
    assert first.records["meetings"] == second.records["meetings"]


def test_the_old_fields_are_not_taken_in_a_backup_of_today(tmp_path: Path) -> None:
    """Only a backup that says it is older is read the old way: today's backup with the old
    fields is damaged, and refused."""
    doc = schema4_document()
    doc["schema_version"] = 5
    doc["records"]["tag_rhythms"] = []
    with pytest.raises(BackupError, match="active"):
        parse_backup(doc, "today.json")
