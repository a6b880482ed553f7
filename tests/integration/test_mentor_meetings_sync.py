"""Mentor meetings synced to a real Radicale and read back with another client: a meeting is an event
with nobody invited, its dated action items are all-day follow-ups, a move in the calendar comes
back to the app, and a held meeting deleted in the calendar stays held in the app (the calendar's
removal is a mark of its own), also once it is put back."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from caldav.collection import Calendar as DAVCalendar
from icalendar import Calendar

from empower_desktop.domain import Contact, Meeting, Mentorship
from empower_desktop.domain.network import ActionItem, AgendaTopic, MeetingState, Owner
from empower_desktop.services import Services
from empower_desktop.sync.mapping import uid_for

from ..conftest import TODAY
from .conftest import CalDAVServer
from .test_sync_engine_servers import add_account, sync

pytestmark = pytest.mark.integration

BERLIN = ZoneInfo("Europe/Berlin")


def objects_by_uid(calendar: DAVCalendar) -> dict[str, tuple[Any, Any]]:
    """UID -> (the caldav object, its VEVENT), read straight from the server."""
    found = {}
    events = calendar.events()
    assert isinstance(events, list)  # the synchronous client
    for obj in events:
        for event in Calendar.from_ical(obj.data).walk("VEVENT"):
            found[str(event["uid"])] = (obj, event)
    return found


def mentor(services: Services) -> Mentorship:
    person = services.network.save_contact(Contact(name="Marta Kowalska", email="marta@example.com", cadence_days=30))
    return services.mentoring.save_mentorship(Mentorship(contact_id=person.id))


def meeting(services: Services, ship: Mentorship, day: date, hour: int, **fields: Any) -> Meeting:
    made = services.mentoring.new_meeting(ship.id, datetime.combine(day, time(hour)), minutes=60)
    for name, value in fields.items():
        setattr(made, name, value)
    [saved] = services.mentoring.save_meeting(made)
    return saved


def connect(services: Services, server: CalDAVServer, url: str) -> None:
    add_account(services, server, url)
    report = sync(services, server)
    assert report.created and not report.problems and not report.conflicts


def test_a_meeting_is_an_event_with_nobody_invited_and_its_dated_actions_are_all_day_follow_ups(
    services: Services, radicale_server: CalDAVServer, radicale_calendar: str, other_app: DAVCalendar
) -> None:
    ship = mentor(services)
    mine = ActionItem(text="Send the abstract", due=date(2026, 6, 25))
    theirs = ActionItem(text="Introduce me to Ana", due=date(2026, 6, 26), owner=Owner.THEM)
    undated = ActionItem(text="Think about the team move")
    done = ActionItem(text="Book the room", due=date(2026, 6, 24), done=True)
    planned = meeting(
        services,
        ship,
        date(2026, 6, 22),
        17,
        location="Café Central",
        agenda=[AgendaTopic(text="Conference talk")],
        action_items=[mine, theirs, undated, done],
    )
    connect(services, radicale_server, radicale_calendar)

    found = objects_by_uid(other_app)
    ours = sorted(uid for uid in found if uid.split("-", 1)[0] in ("meeting", "followup"))
    assert ours == sorted(
        [uid_for("meeting", planned.id), uid_for("followup", mine.id), uid_for("followup", theirs.id)]
    )

    obj, event = found[uid_for("meeting", planned.id)]
    assert b"ATTENDEE" not in obj.data.encode() and "ORGANIZER" not in event  # nobody gets an invitation
    assert str(event["summary"]) == "Mentor meeting with Marta Kowalska"
    assert event.decoded("dtstart") == datetime(2026, 6, 22, 17, 0, tzinfo=BERLIN)
    assert str(event.decoded("dtstart").tzinfo) == "Europe/Berlin"
    assert event.decoded("dtend") == datetime(2026, 6, 22, 18, 0, tzinfo=BERLIN)
    assert str(event["location"]) == "Café Central"
    assert "Conference talk" in str(event["description"])

    for item, summary in ((mine, "Follow up: Send the abstract"), (theirs, "Follow up: Introduce me to Ana (theirs)")):
        assert item.due is not None
        _obj, follow_up = found[uid_for("followup", item.id)]
        assert str(follow_up["summary"]) == summary
        start, end = follow_up.decoded("dtstart"), follow_up.decoded("dtend")
        assert not isinstance(start, datetime) and not isinstance(end, datetime)  # all-day: dates
        assert (start, end) == (item.due, item.due + timedelta(days=1))  # the end is exclusive
        assert "ATTENDEE" not in follow_up


def test_a_meeting_moved_in_the_calendar_moves_in_the_app(
    services: Services, radicale_server: CalDAVServer, radicale_calendar: str, other_app: DAVCalendar
) -> None:
    ship = mentor(services)
    planned = meeting(services, ship, date(2026, 6, 22), 17, agenda=[AgendaTopic(text="Conference talk")])
    meeting(services, ship, date(2026, 7, 20), 17)
    connect(services, radicale_server, radicale_calendar)

    obj, _event = objects_by_uid(other_app)[uid_for("meeting", planned.id)]
    cal = Calendar.from_ical(obj.data)
    moved = next(iter(cal.walk("VEVENT")))
    for name in ("DTSTART", "DTEND"):
        del moved[name]
    moved.add("dtstart", datetime(2026, 6, 23, 8, 0, tzinfo=BERLIN))
    moved.add("dtend", datetime(2026, 6, 23, 9, 30, tzinfo=BERLIN))
    obj.data = cal.to_ical().decode()
    obj.save()

    report = sync(services, radicale_server)
    assert report.pulled and not report.conflicts and not report.problems
    stored = services.store.meetings.get(planned.id)
    assert stored.start.local() == datetime(2026, 6, 23, 8, 0, tzinfo=BERLIN)
    assert stored.end.local() == datetime(2026, 6, 23, 9, 30, tzinfo=BERLIN)
    assert [t.text for t in stored.agenda] == ["Conference talk"]  # the rest is the app's, untouched
    assert stored.state is MeetingState.PLANNED
    assert not sync(services, radicale_server).changed_anything  # taken: nothing goes back and forth
    _obj, event = objects_by_uid(other_app)[uid_for("meeting", planned.id)]
    assert event.decoded("dtstart") == datetime(2026, 6, 23, 8, 0, tzinfo=BERLIN)


def test_a_held_meeting_deleted_in_the_calendar_stays_held_and_put_back_is_still_held(
    services: Services, radicale_server: CalDAVServer, radicale_calendar: str, other_app: DAVCalendar
) -> None:
    ship = mentor(services)
    held = meeting(
        services,
        ship,
        TODAY - timedelta(days=5),
        10,
        agenda=[AgendaTopic(text="Open question")],
        action_items=[ActionItem(text="Write it up", due=TODAY + timedelta(days=3))],
    )
    upcoming = meeting(services, ship, TODAY + timedelta(days=9), 10)
    services.mentoring.mark_held(held.id)  # its open topic goes to the next meeting
    connect(services, radicale_server, radicale_calendar)

    obj, _event = objects_by_uid(other_app)[uid_for("meeting", held.id)]
    obj.delete()  # deleted with another app
    report = sync(services, radicale_server)
    assert report.removed and not report.problems

    stored = services.store.meetings.get(held.id)
    assert stored.state is MeetingState.HELD  # the meeting took place: that stays
    assert stored.removed_from_calendar  # and the calendar's removal is marked apart from it
    assert [t.text for t in services.store.meetings.get(upcoming.id).agenda] == ["Open question"]
    [marta] = services.network.contact_rows()
    assert marta.last_contact == TODAY - timedelta(days=5)
    found = objects_by_uid(other_app)
    assert uid_for("meeting", held.id) not in found
    assert uid_for("followup", held.action_items[0].id) in found  # its open action item stays there
    # Another run neither puts it back by itself nor asks again.
    assert not sync(services, radicale_server).changed_anything
    assert uid_for("meeting", held.id) not in objects_by_uid(other_app)
    assert len(services.calendar.sync_issues("work")) == 1

    [issue] = [i for i in services.calendar.sync_issues("work") if i.uid == uid_for("meeting", held.id)]
    assert issue.kind == "removed"
    services.calendar.restore_to_calendar("work", issue.id)
    restored = services.store.meetings.get(held.id)
    assert (restored.state, restored.removed_from_calendar) == (MeetingState.HELD, False)

    report = sync(services, radicale_server)
    assert report.created == [held.title] and not report.problems
    _obj, event = objects_by_uid(other_app)[uid_for("meeting", held.id)]
    assert event.decoded("dtstart").astimezone(BERLIN).date() == TODAY - timedelta(days=5)
    assert services.store.meetings.get(held.id).state is MeetingState.HELD
    assert services.calendar.sync_issues("work") == []
