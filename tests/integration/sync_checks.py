"""Shared by the tests that sync many items under duress: the items, and the calendar as another
client reads it."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from caldav.collection import Calendar as DAVCalendar

from empower_desktop.domain import LearningItem, LearningSession, ZonedDateTime
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services
from empower_desktop.sync.local import StoreLocalSide
from empower_desktop.sync.mapping import Reminders, read_event

from .conftest import CalDAVServer


def plan_sessions(services: Services, count: int) -> list[LearningSession]:
    """*count* one-off learning sessions of one course, an hour each, spread over the months ahead."""
    item = services.data.save(LearningItem(kind=LearningType.COURSE, title="Distributed systems"))
    first = datetime(2026, 6, 16, 7, 0)
    sessions = []
    for n in range(count):
        start = ZonedDateTime.at(first + timedelta(days=n // 4, hours=3 * (n % 4)), "Europe/Berlin")
        sessions.append(LearningSession(item_id=item.id, start=start, end=start + timedelta(hours=1)))
    services.store.learning_sessions.add_many(sessions)
    return services.store.learning_sessions.all()


def server_events(server: CalDAVServer, url: str) -> list[tuple[str, str]]:
    """(UID, start as the engine compares it) of every event in the calendar, read by another
    client straight from the server; an object that is not one readable event fails the test."""
    client = server.client()
    try:
        found = []
        events = DAVCalendar(client=client, url=url).events()
        assert isinstance(events, list)  # the synchronous client
        for obj in events:
            uid, fields = read_event(obj.data.encode())
            found.append((uid, fields["start"]))
        return found
    finally:
        client.close()


def app_events(services: Services) -> dict[str, str]:
    """What the app holds for the calendar: UID -> start."""
    return {uid: item.fields()["start"] for uid, item in StoreLocalSide(services.store, Reminders()).items().items()}


def duplicates(events: list[tuple[str, str]]) -> list[str]:
    """The UIDs that are in the calendar more than once."""
    counts = Counter(uid for uid, _start in events)
    return sorted(uid for uid, count in counts.items() if count > 1)
