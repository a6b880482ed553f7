"""The sync engine against an in-memory calendar and a real store: the rules that keep data safe."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar, Event

from empower_desktop.domain import LearningItem, LearningSession, ZonedDateTime
from empower_desktop.domain.learn import LearningType, SessionState
from empower_desktop.services import Services
from empower_desktop.sync.engine import SyncEngine, TargetLooksEmptied
from empower_desktop.sync.local import StoreLocalSide
from empower_desktop.sync.mapping import Reminders, uid_for
from empower_desktop.sync.status import StatusStore
from empower_desktop.sync.targets.base import TargetError
from empower_desktop.sync.targets.memory import MemoryTarget

from ...conftest import FIXED_NOW
from .support import TARGET, edit_remote, our_uids, register, sync


def test_first_sync_creates_every_item_once_and_then_costs_one_request(demo_services: Services) -> None:
    register(demo_services)
    target = MemoryTarget(TARGET)
    first = sync(demo_services, target)
    items = StoreLocalSide(demo_services.store, Reminders()).items()
    assert len(first.created) == len(items) > 50
    assert sorted(our_uids(target)) == sorted(items)
    target.requests = 0
    again = sync(demo_services, target)
    assert again.lines() == [f"{TARGET}: up to date"]
    assert target.requests == 1  # the listing with a sync token, nothing else


def test_k_local_changes_cost_k_plus_one_requests(demo_services: Services, calendar: MemoryTarget) -> None:
    sessions = demo_services.store.learning_sessions.all()[:3]
    for session in sessions:
        session.end = session.end + timedelta(minutes=15)
        demo_services.store.learning_sessions.update(session)
    calendar.requests = 0
    report = sync(demo_services, calendar)
    assert len(report.updated) == 3
    assert calendar.requests == 3 + 1  # no GET before a PUT when the ETag is known


def test_a_session_moved_in_the_calendar_comes_back_with_its_place(
    demo_services: Services, calendar: MemoryTarget
) -> None:
    session = demo_services.store.learning_sessions.all()[5]
    moved = session.start.local() + timedelta(days=1, hours=2)
    edit_remote(
        calendar,
        uid_for("session", session.id),
        dtstart=moved,
        dtend=moved + session.duration,
        location="Library, 2nd floor",
    )
    report = sync(demo_services, calendar)
    stored = demo_services.store.learning_sessions.get(session.id)
    assert stored.start.instant == moved.astimezone(UTC)
    assert stored.duration == session.duration
    assert stored.location == "Library, 2nd floor"
    assert len(report.pulled) == 1
    assert not report.updated  # nothing to write back: both sides agree now
    calendar.requests = 0
    assert sync(demo_services, calendar).lines() == [f"{TARGET}: up to date"]


def test_a_moved_deadline_is_only_proposed(demo_services: Services, calendar: MemoryTarget) -> None:
    goal = next(g for g in demo_services.store.goals.all() if g.deadline is not None and g.status.value == "active")
    assert goal.deadline is not None
    edit_remote(calendar, uid_for("deadline", goal.id), dtstart=goal.deadline + timedelta(days=7))
    report = sync(demo_services, calendar)
    assert demo_services.store.goals.get(goal.id).deadline == goal.deadline
    [proposal] = [i for i in StatusStore(demo_services.store.db, TARGET).issues() if i.kind == "proposal"]
    assert proposal.field == "start"
    assert proposal.remote_value == (goal.deadline + timedelta(days=7)).isoformat()
    assert len(report.proposals) == 1
    # the calendar keeps the person's date until they decide
    assert (goal.deadline + timedelta(days=7)).strftime("%Y%m%d").encode() in calendar.objects[
        calendar.href_for(uid_for("deadline", goal.id))
    ][1]


def test_both_sides_editing_the_same_field_is_a_conflict_and_nothing_is_lost(
    demo_services: Services, calendar: MemoryTarget
) -> None:
    meeting = demo_services.store.meetings.all()[-1]
    meeting.location = "Room 4"
    demo_services.store.meetings.update(meeting)
    edit_remote(calendar, uid_for("meeting", meeting.id), location="Café Central")
    report = sync(demo_services, calendar)
    assert len(report.conflicts) == 1
    assert demo_services.store.meetings.get(meeting.id).location == "Room 4"
    assert b"Caf\xc3\xa9 Central" in calendar.objects[calendar.href_for(uid_for("meeting", meeting.id))][1]
    [conflict] = StatusStore(demo_services.store.db, TARGET).issues()
    assert (conflict.field, conflict.local_value, conflict.remote_value) == ("location", "Room 4", "Café Central")


def test_different_fields_edited_on_each_side_are_merged(demo_services: Services, calendar: MemoryTarget) -> None:
    meeting = demo_services.store.meetings.all()[-1]
    meeting.location = "Room 4"
    demo_services.store.meetings.update(meeting)
    edit_remote(calendar, uid_for("meeting", meeting.id), summary="Mentor chat (moved to Thursday)")
    report = sync(demo_services, calendar)
    assert not report.conflicts
    stored = demo_services.store.meetings.get(meeting.id)
    assert (stored.title, stored.location) == ("Mentor chat (moved to Thursday)", "Room 4")
    ics = calendar.objects[calendar.href_for(uid_for("meeting", meeting.id))][1]
    assert b"Room 4" in ics and b"moved to Thursday" in ics


def test_removed_from_the_calendar_is_marked_never_deleted_nor_recreated(
    demo_services: Services, calendar: MemoryTarget
) -> None:
    session = demo_services.store.learning_sessions.all()[0]
    calendar.remove(calendar.href_for(uid_for("session", session.id)))
    report = sync(demo_services, calendar)
    assert len(report.removed) == 1
    assert demo_services.store.learning_sessions.get(session.id).state is SessionState.REMOVED_FROM_CALENDAR
    for _ in range(2):
        sync(demo_services, calendar)
    assert calendar.href_for(uid_for("session", session.id)) not in calendar.objects


def test_a_foreign_event_is_never_touched(demo_services: Services, calendar: MemoryTarget) -> None:
    cal = Calendar()
    event = Event()
    event.add("uid", "dentist-123@example.org")
    event.add("summary", "Dentist")
    event.add("dtstart", datetime(2026, 6, 20, 9, tzinfo=UTC))
    event.add("dtend", datetime(2026, 6, 20, 10, tzinfo=UTC))
    cal.add_component(event)
    calendar.put_foreign("/calendars/empower/dentist.ics", cal.to_ical())
    before = calendar.objects["/calendars/empower/dentist.ics"]
    for _ in range(3):
        session = demo_services.store.learning_sessions.all()[1]
        session.end = session.end + timedelta(minutes=5)
        demo_services.store.learning_sessions.update(session)
        sync(demo_services, calendar)
    assert calendar.objects["/calendars/empower/dentist.ics"] == before
    calendar.requests = 0
    sync(demo_services, calendar)
    assert calendar.requests == 1  # known foreign objects are not read again


def test_an_emptied_calendar_stops_the_sync_and_changes_nothing(
    demo_services: Services, calendar: MemoryTarget
) -> None:
    for href in list(calendar.objects):
        calendar.remove(href)
    before = list(demo_services.store.db.conn.iterdump())
    with pytest.raises(TargetLooksEmptied, match="nothing was changed"):
        sync(demo_services, calendar)
    assert list(demo_services.store.db.conn.iterdump()) == before
    assert calendar.objects == {}


def test_a_failure_part_way_is_picked_up_by_the_next_run_without_duplicates(demo_services: Services) -> None:
    register(demo_services)
    target = MemoryTarget(TARGET)

    calls = {"n": 0}
    real_create = target.create

    def flaky_create(uid: str, ics: bytes) -> tuple[str, str]:
        calls["n"] += 1
        if calls["n"] % 7 == 0:
            real_create(uid, ics)  # the server took it, but the answer got lost
            raise TargetError("connection reset")
        return real_create(uid, ics)

    target.create = flaky_create  # type: ignore[method-assign]
    first = sync(demo_services, target)
    assert first.problems
    second = sync(demo_services, target)
    assert not second.problems
    uids = our_uids(target)
    assert len(uids) == len(set(uids)) == len(StoreLocalSide(demo_services.store, Reminders()).items())


def test_deleted_in_the_app_is_deleted_from_the_calendar_unless_edited_there(
    demo_services: Services, calendar: MemoryTarget
) -> None:
    first, second = demo_services.store.meetings.all()[:2]
    edit_remote(calendar, uid_for("meeting", second.id), summary="Edited elsewhere")
    demo_services.store.meetings.delete(first.id)
    demo_services.store.meetings.delete(second.id)
    report = sync(demo_services, calendar)
    assert calendar.href_for(uid_for("meeting", first.id)) not in calendar.objects
    assert calendar.href_for(uid_for("meeting", second.id)) in calendar.objects
    assert any("edited in the calendar" in p for p in report.problems)


def test_unreadable_calendar_data_is_reported_for_that_object_and_the_rest_syncs(
    demo_services: Services, calendar: MemoryTarget
) -> None:
    sessions = demo_services.store.learning_sessions.all()
    bad_href = calendar.href_for(uid_for("session", sessions[0].id))
    calendar.put_foreign(bad_href, b"BEGIN:VCALENDAR\r\nthis is not iCalendar\r\n")
    sessions[1].end = sessions[1].end + timedelta(minutes=10)
    demo_services.store.learning_sessions.update(sessions[1])
    before = demo_services.store.learning_sessions.get(sessions[0].id)
    report = sync(demo_services, calendar)
    assert len(report.problems) == 1 and bad_href in report.problems[0]
    assert len(report.updated) == 1
    assert demo_services.store.learning_sessions.get(sessions[0].id) == before
    issues = StatusStore(demo_services.store.db, TARGET).issues()
    assert [i.kind for i in issues] == ["unreadable"]


def test_status_remembers_fields_as_last_synced(demo_services: Services, calendar: MemoryTarget) -> None:
    rows = demo_services.store.db.query("SELECT fields FROM sync_status WHERE target = ?", (TARGET,))
    assert rows and all(set(json.loads(r[0])) == {"summary", "start", "end", "location", "description"} for r in rows)
    assert date(2026, 6, 15) == FIXED_NOW.date()


def test_switching_goals_to_tasks_replaces_the_deadline_events(demo_services: Services, calendar: MemoryTarget) -> None:
    deadlines = [u for u in our_uids(calendar) if u.startswith("deadline-")]
    assert deadlines
    local = StoreLocalSide(demo_services.store, Reminders(), goals_as_tasks=True)
    report = SyncEngine(calendar, StatusStore(demo_services.store.db, TARGET), local, lambda: FIXED_NOW).run()
    uids = our_uids_all(calendar)
    assert not [u for u in uids if u.startswith("deadline-")]
    assert sorted(u.replace("task-", "deadline-") for u in uids if u.startswith("task-")) == sorted(deadlines)
    assert len(report.deleted) == len(deadlines) == len(report.created)


def our_uids_all(target: MemoryTarget) -> list[str]:
    uids = []
    for _etag, ics in target.objects.values():
        for component in Calendar.from_ical(ics).walk():
            if component.name in ("VEVENT", "VTODO"):
                uids.append(str(component["uid"]))
    return uids


def lose_the_answer_to_the_first_create(target: MemoryTarget) -> None:
    real_create = target.create

    def create(uid: str, ics: bytes) -> tuple[str, str]:
        target.create = real_create  # type: ignore[method-assign]
        real_create(uid, ics)  # the server took it, but the answer got lost
        raise TargetError("connection reset")

    target.create = create  # type: ignore[method-assign]


def test_an_edit_in_the_calendar_after_a_lost_create_answer_is_kept_not_overwritten(services: Services) -> None:
    register(services)
    target = MemoryTarget(TARGET)
    item = services.data.save(LearningItem(kind=LearningType.COURSE, title="Rust"))
    start = ZonedDateTime.at(datetime(2026, 6, 16, 7, 30), "Europe/Berlin")
    session = services.data.save(LearningSession(item_id=item.id, start=start, end=start + timedelta(hours=1)))
    uid = uid_for("session", session.id)
    lose_the_answer_to_the_first_create(target)
    assert sync(services, target).problems  # the app does not know the calendar has it
    moved = start.local() + timedelta(hours=2)
    edit_remote(target, uid, dtstart=moved, dtend=moved + timedelta(hours=1))  # another app moves it

    report = sync(services, target)

    assert not report.conflicts and len(report.pulled) == 1
    assert services.store.learning_sessions.get(session.id).start.local() == moved  # the calendar's time
    assert sync(services, target).lines() == [f"{TARGET}: up to date"]
    assert our_uids(target) == [uid]


def test_a_session_deleted_after_a_lost_create_answer_leaves_the_calendar_too(services: Services) -> None:
    register(services)
    target = MemoryTarget(TARGET)
    item = services.data.save(LearningItem(kind=LearningType.COURSE, title="Rust"))
    start = ZonedDateTime.at(datetime(2026, 6, 16, 7, 30), "Europe/Berlin")
    session = services.data.save(LearningSession(item_id=item.id, start=start, end=start + timedelta(hours=1)))
    lose_the_answer_to_the_first_create(target)
    sync(services, target)
    services.store.learning_sessions.delete(session.id)

    report = sync(services, target)

    assert our_uids(target) == [] and len(report.deleted) == 1
    assert sync(services, target).lines() == [f"{TARGET}: up to date"]
