"""A habit moved as a whole in another calendar app ("all events" 30 minutes later): its
exceptions and its logged sessions move with it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from icalendar import Calendar, vDDDLists

from empower_desktop.domain import LearningItem, LearningSession, ZonedDateTime
from empower_desktop.domain.learn import LearningType, OccurrenceState
from empower_desktop.domain.recurrence import weekly_rule
from empower_desktop.services import Services
from empower_desktop.sync.mapping import uid_for
from empower_desktop.sync.targets.memory import MemoryTarget

from .support import TARGET, edit_remote, register, sync

BERLIN = "Europe/Berlin"


def test_a_habit_moved_in_another_app_keeps_its_skips_and_logs(services: Services) -> None:
    course = services.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Distributed systems"))
    start = ZonedDateTime.at(datetime(2026, 6, 2, 7, 30), BERLIN)
    habit = services.learning.save_session(
        LearningSession(
            item_id=course.id,
            start=start,
            end=start + timedelta(minutes=45),
            rrule=weekly_rule((1, 3), date(2026, 7, 31), BERLIN),
        )
    )
    services.learning.log_done(habit.id, "2026-06-02T07:30:00", 40, "Quorums")
    services.learning.log_skipped(habit.id, "2026-06-04T07:30:00")
    register(services)
    target = MemoryTarget(TARGET)
    sync(services, target)

    tz = ZoneInfo(BERLIN)
    uid = uid_for("session", habit.id)
    edit_remote(
        target,
        uid,
        dtstart=datetime(2026, 6, 2, 8, 0, tzinfo=tz),
        dtend=datetime(2026, 6, 2, 8, 45, tzinfo=tz),
    )
    report = sync(services, target)
    assert report.pulled and not report.conflicts and not report.problems

    moved = services.store.learning_sessions.get(habit.id)
    assert moved.start.local().replace(tzinfo=None) == datetime(2026, 6, 2, 8, 0)
    assert moved.exdates == ["2026-06-04T08:00:00"]
    week = {
        (row.occurrence.key, row.state, row.minutes_spent)
        for row in services.learning.occurrence_rows(date(2026, 6, 1), date(2026, 6, 8))
    }
    # the logged one at its new time, the skipped one still skipped, nothing twice
    assert week == {
        ("2026-06-02T08:00:00", OccurrenceState.DONE, 40),
        ("2026-06-04T08:00:00", OccurrenceState.SKIPPED, None),
    }
    [first_week] = [w for w in services.learning.quarter_hours(date(2026, 6, 2)) if w.week_start == date(2026, 6, 1)]
    assert first_week.planned == 0.75 and round(first_week.logged, 2) == 0.67

    # and the calendar keeps the skipped session out, at its new time
    ics = target.objects[target.href_for(uid)][1]
    event = next(iter(Calendar.from_ical(ics).walk("VEVENT")))
    # an EXDATE of a timed series holds date-times (icalendar types it as any date, time or period)
    exdates = [
        cast(datetime, d.dt).replace(tzinfo=None) for exdate in _as_list(event.get("exdate")) for d in exdate.dts
    ]
    assert exdates == [datetime(2026, 6, 4, 8, 0)]


def _as_list(value: object) -> list[vDDDLists]:
    """EXDATE as its value lists: icalendar gives one list, or a list of them when the property repeats."""
    if value is None:
        return []
    return cast(list[vDDDLists], value) if isinstance(value, list) else [cast(vDDDLists, value)]
