"""Settling what a sync left for the person, and the next sync carrying it out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from empower_desktop.domain.learn import SessionState
from empower_desktop.services import Services
from empower_desktop.sync.mapping import uid_for
from empower_desktop.sync.resolve import CannotResolve
from empower_desktop.sync.status import StatusStore
from empower_desktop.sync.targets.memory import MemoryTarget

from .support import TARGET, edit_remote, sync


def conflict_on_location(services: Services, target: MemoryTarget) -> str:
    meeting = services.store.meetings.all()[-1]
    meeting.location = "Room 4"
    services.store.meetings.update(meeting)
    edit_remote(target, uid_for("meeting", meeting.id), location="Café Central")
    sync(services, target)
    return meeting.id


def meeting_ics(target: MemoryTarget, meeting_id: str) -> bytes:
    return target.objects[target.href_for(uid_for("meeting", meeting_id))][1]


def only_issue(services: Services) -> tuple[str, str]:
    [(account, issue)] = [(TARGET, i) for i in StatusStore(services.store.db, TARGET).issues()]
    return account, issue.id


def test_keeping_the_apps_version_writes_it_to_the_calendar(demo_services: Services, calendar: MemoryTarget) -> None:
    meeting_id = conflict_on_location(demo_services, calendar)
    from empower_desktop.sync import resolve

    status = StatusStore(demo_services.store.db, TARGET)
    resolve.keep_app(demo_services.store, status, only_issue(demo_services)[1])
    report = sync(demo_services, calendar)
    assert report.updated and not report.conflicts
    assert b"Room 4" in meeting_ics(calendar, meeting_id)
    assert status.issues() == []


def test_keeping_the_calendars_version_takes_it_into_the_record(
    demo_services: Services, calendar: MemoryTarget
) -> None:
    meeting_id = conflict_on_location(demo_services, calendar)
    from empower_desktop.sync import resolve
    from empower_desktop.sync.local import StoreLocalSide
    from empower_desktop.sync.mapping import Reminders

    status = StatusStore(demo_services.store.db, TARGET)
    local = StoreLocalSide(demo_services.store, Reminders())
    resolve.keep_calendar(demo_services.store, status, local, only_issue(demo_services)[1])
    assert demo_services.store.meetings.get(meeting_id).location == "Café Central"
    calendar.requests = 0
    report = sync(demo_services, calendar)
    assert not report.changed_anything and not report.conflicts
    assert calendar.requests == 1  # nothing to write: both sides agree


def test_an_edited_merge_goes_to_both_sides(demo_services: Services, calendar: MemoryTarget) -> None:
    meeting_id = conflict_on_location(demo_services, calendar)
    from empower_desktop.sync import resolve
    from empower_desktop.sync.local import StoreLocalSide
    from empower_desktop.sync.mapping import Reminders

    status = StatusStore(demo_services.store.db, TARGET)
    local = StoreLocalSide(demo_services.store, Reminders())
    resolve.keep_calendar(demo_services.store, status, local, only_issue(demo_services)[1], "Room 4, Café level")
    sync(demo_services, calendar)
    assert demo_services.store.meetings.get(meeting_id).location == "Room 4, Café level"
    assert "Room 4, Café level".encode() in meeting_ics(calendar, meeting_id).replace(b"\\,", b",")


def test_a_proposed_deadline_is_taken_or_turned_down(demo_services: Services, calendar: MemoryTarget) -> None:
    from empower_desktop.sync import resolve
    from empower_desktop.sync.local import StoreLocalSide
    from empower_desktop.sync.mapping import Reminders

    goals = [g for g in demo_services.store.goals.all() if g.deadline is not None and g.status.value == "active"]
    taken, refused = goals[0], goals[1]
    assert taken.deadline is not None and refused.deadline is not None
    edit_remote(calendar, uid_for("deadline", taken.id), dtstart=taken.deadline + timedelta(days=7))
    edit_remote(calendar, uid_for("deadline", refused.id), dtstart=refused.deadline + timedelta(days=3))
    sync(demo_services, calendar)
    status = StatusStore(demo_services.store.db, TARGET)
    by_uid = {i.uid: i for i in status.issues()}
    local = StoreLocalSide(demo_services.store, Reminders())
    resolve.keep_calendar(demo_services.store, status, local, by_uid[uid_for("deadline", taken.id)].id)
    resolve.keep_app(demo_services.store, status, by_uid[uid_for("deadline", refused.id)].id)
    sync(demo_services, calendar)
    assert demo_services.store.goals.get(taken.id).deadline == taken.deadline + timedelta(days=7)
    assert demo_services.store.goals.get(refused.id).deadline == refused.deadline
    href = calendar.href_for(uid_for("deadline", refused.id))
    assert refused.deadline.strftime("%Y%m%d").encode() in calendar.objects[href][1]
    assert status.issues() == []


def test_a_removed_session_can_be_restored_to_the_calendar(demo_services: Services, calendar: MemoryTarget) -> None:
    from empower_desktop.sync import resolve

    session = demo_services.store.learning_sessions.all()[3]
    calendar.remove(calendar.href_for(uid_for("session", session.id)))
    sync(demo_services, calendar)
    status = StatusStore(demo_services.store.db, TARGET)
    [removed] = status.issues()
    resolve.restore_to_calendar(demo_services.store, status, removed.id)
    report = sync(demo_services, calendar)
    assert len(report.created) == 1
    assert demo_services.store.learning_sessions.get(session.id).state is not SessionState.REMOVED_FROM_CALENDAR
    assert calendar.href_for(uid_for("session", session.id)) in calendar.objects


def test_a_settled_issue_cannot_be_settled_twice(demo_services: Services, calendar: MemoryTarget) -> None:
    from empower_desktop.sync import resolve

    conflict_on_location(demo_services, calendar)
    status = StatusStore(demo_services.store.db, TARGET)
    issue_id = only_issue(demo_services)[1]
    resolve.keep_app(demo_services.store, status, issue_id)
    with pytest.raises(CannotResolve, match="settled already"):
        resolve.keep_app(demo_services.store, status, issue_id)
