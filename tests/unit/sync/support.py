"""What the sync tests share: an in-memory calendar synced with a real store, and another app
editing it."""

from __future__ import annotations

from icalendar import Calendar

from empower_desktop.services import Services
from empower_desktop.sync.engine import SyncEngine, SyncReport
from empower_desktop.sync.local import StoreLocalSide
from empower_desktop.sync.mapping import Reminders
from empower_desktop.sync.status import StatusStore
from empower_desktop.sync.targets.memory import MemoryTarget

from ...conftest import FIXED_NOW

TARGET = "mem"


def register(services: Services, name: str = TARGET) -> None:
    with services.store.db.transaction() as conn:
        conn.execute(
            "INSERT INTO sync_targets (name, kind, config, created) VALUES (?, 'memory', '{}', ?)",
            (name, FIXED_NOW.isoformat()),
        )


def engine(services: Services, target: MemoryTarget) -> SyncEngine:
    return SyncEngine(
        target,
        StatusStore(services.store.db, target.name),
        StoreLocalSide(services.store, Reminders()),
        lambda: FIXED_NOW,
    )


def sync(services: Services, target: MemoryTarget) -> SyncReport:
    return engine(services, target).run()


def edit_remote(target: MemoryTarget, uid: str, **changes: object) -> None:
    """Another calendar app edits our event (a new ETag, like a server gives)."""
    href = target.href_for(uid)
    _etag, ics = target.objects[href]
    cal = Calendar.from_ical(ics)
    event = next(iter(cal.walk("VEVENT")))
    for name, value in changes.items():
        if name in event:
            del event[name]
        event.add(name, value)
    target.put_foreign(href, cal.to_ical())


def our_uids(target: MemoryTarget) -> list[str]:
    uids = []
    for _etag, ics in target.objects.values():
        for event in Calendar.from_ical(ics).walk("VEVENT"):
            uids.append(str(event["uid"]))
    return uids
