"""The review ritual as a calendar event: on the chosen weekday and time in the person's zone, every N
weeks, as long as chosen, with a description of what the next review covers; one stable UID, and a sync
that rewrites the event only when something in it changed (a new description, another day)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from typing import cast

from icalendar import Calendar, vRecur

from empower_desktop.services import Services
from empower_desktop.sync.engine import SyncEngine
from empower_desktop.sync.local import StoreLocalSide
from empower_desktop.sync.mapping import (
    RITUAL_INVITATION,
    CalendarItem,
    Reminders,
    items_from_store,
    ritual_first_day,
    uid_for,
)
from empower_desktop.sync.status import StatusStore
from empower_desktop.sync.targets.memory import MemoryTarget

from ...conftest import FIXED_NOW
from .support import TARGET, edit_remote, register

RITUAL_UID = uid_for("review", "ritual")
FIGURES = "Since 8 Jun 2026: 2 sessions missed, 1 contact overdue, 1 win logged."
RITUAL = Reminders(
    review_weeks=2,
    tz="Europe/Berlin",
    review_weekday=2,
    review_time="08:45",
    review_minutes=25,
    review_description=FIGURES,
)


def ritual(services: Services, reminders: Reminders = RITUAL) -> CalendarItem:
    [item] = [i for i in items_from_store(services.store, reminders) if i.kind == "review"]
    return item


def test_the_ritual_is_on_its_weekday_and_time_in_the_persons_zone(services: Services) -> None:
    item = ritual(services)
    assert (item.uid, item.record_id, item.category) == (RITUAL_UID, "ritual", "Review")
    assert isinstance(item.start, datetime) and isinstance(item.end, datetime)
    assert (item.start.isoweekday(), item.start.hour, item.start.minute) == (2, 8, 45)
    assert getattr(item.start.tzinfo, "key", None) == "Europe/Berlin"
    assert item.end - item.start == timedelta(minutes=25)
    assert item.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert item.summary == "Career review (every 2 weeks)"
    assert item.description == FIGURES


def test_the_ritual_event_in_icalendar(services: Services) -> None:
    event = next(iter(Calendar.from_ical(ritual(services).to_ics(FIXED_NOW)).walk("VEVENT")))
    start = event.decoded("dtstart")
    assert (start.isoweekday(), start.hour, start.minute, str(start.tzinfo)) == (2, 8, 45, "Europe/Berlin")
    assert event.decoded("dtend") - start == timedelta(minutes=25)
    rule = cast(vRecur, event["rrule"])
    assert (rule["FREQ"], rule["INTERVAL"], rule["BYDAY"]) == (["WEEKLY"], [2], ["TU"])
    assert str(event["description"]) == FIGURES
    assert str(event["uid"]) == RITUAL_UID and str(event["x-empower-id"]) == "ritual"
    # The zone's rules travel with it, so a calendar elsewhere shows 08:45 Berlin time after a DST change too.
    assert b"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin" in ritual(services).to_ics(FIXED_NOW)


def test_the_ritual_stays_in_the_same_weeks_whatever_the_day_it_is_computed(services: Services) -> None:
    item = ritual(services)
    assert isinstance(item.start, datetime)
    assert item.start.date() == ritual_first_day(2) == date(2025, 12, 30)
    for weekday in range(1, 8):
        first = ritual_first_day(weekday)
        assert first.isoweekday() == weekday and 0 <= (first - date(2025, 12, 29)).days < 7
    # The default is Friday 16:00 for 30 minutes: the ritual of before moves only by its length.
    default = ritual(services, Reminders(review_weeks=4, tz="Europe/Berlin"))
    assert default.start == datetime.fromisoformat("2026-01-02T16:00").replace(tzinfo=default.start.tzinfo)  # type: ignore[union-attr]
    assert default.rrule == "FREQ=WEEKLY;INTERVAL=4;BYDAY=FR"


def test_without_figures_the_description_invites_to_the_review(services: Services) -> None:
    plain = ritual(services, dataclasses.replace(RITUAL, review_description=""))
    assert plain.description == RITUAL_INVITATION


def test_no_ritual_without_a_rhythm(services: Services) -> None:
    assert [i for i in items_from_store(services.store, Reminders(review_weeks=0)) if i.kind == "review"] == []


def test_the_hash_changes_with_the_description_and_the_day_and_nothing_else(services: Services) -> None:
    same = ritual(services, dataclasses.replace(RITUAL))
    assert same.content_hash() == ritual(services).content_hash()
    for change in (
        {"review_description": FIGURES.replace("2 sessions", "1 session")},
        {"review_weekday": 3},
        {"review_time": "09:00"},
        {"review_minutes": 30},
        {"review_weeks": 1},
    ):
        assert ritual(services, dataclasses.replace(RITUAL, **change)).content_hash() != same.content_hash(), change


def engine(services: Services, target: MemoryTarget, reminders: Reminders) -> SyncEngine:
    local = StoreLocalSide(services.store, reminders, frozenset({"review"}))
    return SyncEngine(target, StatusStore(services.store.db, target.name), local, lambda: FIXED_NOW)


def event_of(target: MemoryTarget) -> tuple[str, object]:
    _etag, ics = target.objects[target.href_for(RITUAL_UID)]
    event = next(iter(Calendar.from_ical(ics).walk("VEVENT")))
    return str(event["description"]), event.decoded("dtstart")


def test_a_sync_rewrites_the_ritual_only_when_its_description_or_day_changed(services: Services) -> None:
    register(services)
    target = MemoryTarget(TARGET)
    assert engine(services, target, RITUAL).run().created == ["Career review (every 2 weeks)"]
    etag = target.objects[target.href_for(RITUAL_UID)][0]

    # The same figures: nothing is written (one listing, no PUT).
    before = target.requests
    report = engine(services, target, RITUAL).run()
    assert not report.changed_anything and target.requests - before == 1
    assert target.objects[target.href_for(RITUAL_UID)][0] == etag

    # New figures: the same event (same UID and place) is updated.
    fewer = FIGURES.replace("2 sessions missed", "1 session missed")
    report = engine(services, target, dataclasses.replace(RITUAL, review_description=fewer)).run()
    assert report.updated == ["Career review (every 2 weeks)"] and not report.created
    assert list(target.objects) == [target.href_for(RITUAL_UID)]
    assert event_of(target)[0] == fewer

    # Another weekday moves the whole series.
    wednesday = dataclasses.replace(RITUAL, review_description=fewer, review_weekday=3)
    assert engine(services, target, wednesday).run().updated == ["Career review (every 2 weeks)"]
    start = event_of(target)[1]
    assert isinstance(start, datetime) and (start.date(), start.hour) == (date(2025, 12, 31), 8)
    assert len(target.objects) == 1


def test_the_description_edited_in_another_app_goes_back_to_the_figures(services: Services) -> None:
    register(services)
    target = MemoryTarget(TARGET)
    engine(services, target, RITUAL).run()
    edit_remote(target, RITUAL_UID, description="my own note")
    report = engine(services, target, RITUAL).run()
    assert not report.conflicts and not report.proposals
    assert event_of(target)[0] == FIGURES  # the app's own text: what the next review covers
