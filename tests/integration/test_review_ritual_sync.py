"""The review ritual synced to a real Radicale and read back with another client: a repeating event on
the chosen weekday and time in the person's zone, whose description holds what the next review covers;
logging a session changes the figures, and the next sync rewrites the event (and only then)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from caldav.collection import Calendar as DAVCalendar
from icalendar import Calendar

from empower_desktop.domain import Contact, Interaction, LearningItem, LearningSession, ZonedDateTime
from empower_desktop.domain.learn import LearningType
from empower_desktop.domain.recurrence import weekly_rule
from empower_desktop.services import Services
from empower_desktop.services.review import Ritual
from empower_desktop.sync.mapping import uid_for

from .conftest import CalDAVServer
from .test_sync_engine_servers import add_account, sync

pytestmark = pytest.mark.integration

TZ = "Europe/Berlin"  # today is Monday 15 June 2026, 11:30 in Berlin
RITUAL = uid_for("review", "ritual")
SUMMARY = "Career review (every 2 weeks)"


def ritual_on_server(calendar: DAVCalendar) -> Any:
    """The ritual's VEVENT, read straight from the server."""
    events = calendar.events()
    assert isinstance(events, list)  # the synchronous client
    found = [
        event for obj in events for event in Calendar.from_ical(obj.data).walk("VEVENT") if str(event["uid"]) == RITUAL
    ]
    assert len(found) == 1
    return found[0]


def habit(services: Services) -> LearningSession:
    """Every Tue and Thu 7:30-8:15 from 2 June: since Thursday 4 June (the ritual before its next
    time, with no review finished), 4, 9 and 11 June have ended, not logged."""
    course = services.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Distributed systems"))
    start = ZonedDateTime.at(datetime(2026, 6, 2, 7, 30), TZ)
    rule = weekly_rule([1, 3], date(2026, 6, 30), TZ)
    return services.learning.save_session(
        LearningSession(item_id=course.id, start=start, end=start + timedelta(minutes=45), rrule=rule)
    )


def test_the_ritual_event_holds_the_figures_and_changes_when_they_do(
    services: Services, radicale_server: CalDAVServer, radicale_calendar: str, other_app: DAVCalendar
) -> None:
    services.review.set_ritual(Ritual(weekday=4, time="17:30", minutes=40, every_weeks=2))
    session = habit(services)
    ana = services.network.save_contact(Contact(name="Ana Lima", cadence_days=30))
    services.network.log_interaction(Interaction(contact_id=ana.id, happened_on=date(2026, 5, 1)))  # due 31 May

    add_account(services, radicale_server, radicale_calendar)
    report = sync(services, radicale_server)
    assert SUMMARY in report.created and not report.problems

    event = ritual_on_server(other_app)
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert (start.isoweekday(), start.hour, start.minute, str(start.tzinfo)) == (4, 17, 30, TZ)
    assert end - start == timedelta(minutes=40)
    assert (event["rrule"]["FREQ"], event["rrule"]["INTERVAL"], event["rrule"]["BYDAY"]) == (["WEEKLY"], [2], ["TH"])
    description = str(event["description"])
    assert description.startswith("Since 4 Jun 2026: 3 sessions missed, 1 contact overdue")

    # Nothing changed: the next sync leaves the event alone.
    again = sync(services, radicale_server)
    assert not again.changed_anything and not again.problems
    assert str(ritual_on_server(other_app)["description"]) == description

    # One of the missed sessions logged: the next sync rewrites the description on the server.
    services.learning.log_done(session.id, "2026-06-09T07:30:00", 45)
    after = sync(services, radicale_server)
    assert after.updated == [SUMMARY] and not after.problems and not after.conflicts
    changed = str(ritual_on_server(other_app)["description"])
    assert changed != description
    assert changed.startswith("Since 4 Jun 2026: 2 sessions missed")

    # Another weekday moves the series: the same event, now on Fridays.
    services.review.set_ritual(Ritual(weekday=5, time="17:30", minutes=40, every_weeks=2))
    assert sync(services, radicale_server).updated == [SUMMARY]
    moved = ritual_on_server(other_app)
    assert moved.decoded("dtstart").isoweekday() == 5 and moved["rrule"]["BYDAY"] == ["FR"]
