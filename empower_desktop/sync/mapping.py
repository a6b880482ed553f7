"""Turns scheduled records into iCalendar events.

Every event has a stable UID derived from its record's id and carries X-EMPOWER-ID, so the app
only ever manages objects it created. Timed events keep their TZID (with a VTIMEZONE for each
zone used); deadlines and milestones are all-day DATE events with an exclusive end; habits carry
their RRULE; reminders are VALARMs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from ..domain.assess import GoalStatus
from ..domain.learn import SessionState
from ..domain.network import MeetingState

if TYPE_CHECKING:
    from icalendar import Alarm, Calendar, Event

    from ..store import Store

UID_DOMAIN = "empower-desktop"
PRODID = "-//Empower Desktop//Career development//EN"


def uid_for(kind: str, record_id: str) -> str:
    return f"{kind}-{record_id}@{UID_DOMAIN}"


@dataclass(frozen=True)
class Reminders:
    session_minutes: int = 15
    deadline_days: int = 3


def _base_event(uid: str, record_id: str, summary: str, stamp: datetime, category: str) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("x-empower-id", record_id)
    event.add("summary", summary)
    event.add("dtstamp", stamp)
    event.add("categories", [category])
    return event


def _alarm(trigger: timedelta, description: str) -> Alarm:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    alarm.add("trigger", -trigger)
    return alarm


def _all_day(event: Event, day: date, reminders: Reminders) -> None:
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))  # exclusive end: a one-day event
    event.add("transp", "TRANSPARENT")
    if reminders.deadline_days:
        event.add_component(_alarm(timedelta(days=reminders.deadline_days), str(event["summary"])))


def build_calendar(store: Store, stamp: datetime, reminders: Reminders) -> Calendar:
    from icalendar import Calendar, vRecur

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Empower")

    items = {i.id: i for i in store.learning_items.all()}
    for session in store.learning_sessions.all():
        if session.state is SessionState.REMOVED_FROM_CALENDAR:
            continue
        item = items.get(session.item_id)
        title = f"Learning: {item.title}" if item else "Learning session"
        event = _base_event(uid_for("session", session.id), session.id, title, stamp, "Learning")
        event.add("dtstart", session.start.local())
        event.add("dtend", session.end.local())
        if session.rrule:
            event.add("rrule", vRecur.from_ical(session.rrule))
        for ex in session.exdates:
            event.add("exdate", datetime.fromisoformat(ex))
        minutes = session.reminder_minutes if session.reminder_minutes is not None else reminders.session_minutes
        if minutes:
            event.add_component(_alarm(timedelta(minutes=minutes), title))
        cal.add_component(event)

    for meeting in store.meetings.all():
        if meeting.state in (MeetingState.CANCELLED, MeetingState.REMOVED_FROM_CALENDAR):
            continue
        event = _base_event(uid_for("meeting", meeting.id), meeting.id, meeting.title, stamp, "Mentoring")
        event.add("dtstart", meeting.start.local())
        event.add("dtend", meeting.end.local())
        if meeting.location:
            event.add("location", meeting.location)
        if meeting.agenda:
            event.add("description", "Agenda:\n" + "\n".join(f"- {a}" for a in meeting.agenda))
        if reminders.session_minutes:
            event.add_component(_alarm(timedelta(minutes=reminders.session_minutes), meeting.title))
        cal.add_component(event)

    for goal in store.goals.all():
        if goal.status not in (GoalStatus.ACTIVE, GoalStatus.DRAFT):
            continue
        if goal.deadline is not None:
            event = _base_event(uid_for("deadline", goal.id), goal.id, f"Goal deadline: {goal.title}", stamp, "Goal")
            _all_day(event, goal.deadline, reminders)
            cal.add_component(event)
        for milestone in goal.milestones:
            if milestone.due is None or milestone.done:
                continue
            event = _base_event(
                uid_for("milestone", milestone.id),
                milestone.id,
                f"Milestone: {milestone.title} ({goal.title})",
                stamp,
                "Goal",
            )
            _all_day(event, milestone.due, reminders)
            cal.add_component(event)

    for item in items.values():
        if item.expires_on is not None:
            event = _base_event(
                uid_for("renewal", item.id), item.id, f"Renew certification: {item.title}", stamp, "Learning"
            )
            _all_day(event, item.expires_on - timedelta(days=30), Reminders(deadline_days=0))
            cal.add_component(event)

    cal.add_missing_timezones()
    return cal


def event_count(cal: Calendar) -> int:
    return sum(1 for c in cal.subcomponents if c.name == "VEVENT")
