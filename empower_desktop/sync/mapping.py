"""Turns scheduled records into calendar items, and calendar items into iCalendar events.

Every event has a stable UID derived from its record's id and carries X-EMPOWER-ID, so the app
only ever manages objects it created. Timed events keep their TZID (with a VTIMEZONE for each
zone used); deadlines and milestones are all-day DATE events with an exclusive end; habits carry
their RRULE; reminders are VALARMs.

A `CalendarItem` is the app's side of one event: what the engine compares, hashes, writes, and
merges field by field (`fields()`) against what comes back from the calendar (`event_fields`).
"""

from __future__ import annotations

import calendar
import functools
import hashlib
import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..domain.assess import GoalStatus
from ..domain.learn import SessionState
from ..domain.network import MeetingState, Owner

if TYPE_CHECKING:
    from icalendar import Alarm, Calendar, Component

    from ..domain.learn import LearningItem, LearningSession
    from ..domain.network import Meeting
    from ..store import Store

UID_DOMAIN = "empower-desktop"
PRODID = "-//Empower Desktop//Career development//EN"
KINDS = ("session", "meeting", "deadline", "milestone", "renewal", "followup", "review", "task")
# The review ritual repeats from its weekday in the week of this Monday, so its start never moves from
# one sync to the next (and "every N weeks" always means the same weeks).
REVIEW_WEEK = date(2025, 12, 29)
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ROUTED_AS = {"task": "deadline"}  # a goal as a task goes where goal deadlines go
MERGED_FIELDS = ("summary", "start", "end", "location", "description")


def uid_for(kind: str, record_id: str) -> str:
    return f"{kind}-{record_id}@{UID_DOMAIN}"


def is_ours(uid: str) -> bool:
    return uid.endswith(f"@{UID_DOMAIN}") and uid.split("-", 1)[0] in KINDS


@dataclass(frozen=True)
class Reminders:
    """How items are put in the calendar: reminders, and the review ritual's rhythm and zone."""

    session_minutes: int = 15
    deadline_days: int = 3
    review_weeks: int = 0  # 0: no review ritual in the calendar
    tz: str = "UTC"
    review_weekday: int = 5  # 1 = Monday … 7 = Sunday
    review_time: str = "16:00"  # HH:MM in `tz`
    review_minutes: int = 30
    review_description: str = ""  # what the next review covers ("" gives a plain invitation)


def _when(value: datetime | date) -> str:
    """A start or end as comparable text: local time with its IANA zone, or a date.

    A time in a zone without an IANA name (a calendar's own VTIMEZONE) is given in UTC.
    """
    if isinstance(value, datetime):
        key = getattr(value.tzinfo, "key", None)
        if key is None:
            value, key = value.astimezone(UTC), "UTC"
        return f"{value.replace(tzinfo=None).isoformat()} {key}"
    return value.isoformat()


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    record_id: str
    kind: str
    summary: str
    start: datetime | date  # aware in its own zone, or a date for all-day items
    end: datetime | date  # exclusive
    category: str
    rrule: str = ""
    exdates: tuple[str, ...] = ()
    location: str = ""
    description: str = ""
    alarm: timedelta | None = None  # before the start
    component: str = "VEVENT"  # or "VTODO": a goal as a task, due on `start`

    @property
    def route(self) -> str:
        """The item type an account takes this item as."""
        return ROUTED_AS.get(self.kind, self.kind)

    def fields(self) -> dict[str, str]:
        """The fields merged one by one against the calendar's copy."""
        return {
            "summary": self.summary,
            "start": _when(self.start),
            "end": _when(self.end),
            "location": self.location,
            "description": self.description,
        }

    def content_hash(self) -> str:
        """Changes whenever anything written to the calendar would change."""
        data = {
            **self.fields(),
            "rrule": self.rrule,
            "exdates": list(self.exdates),
            "category": self.category,
            "alarm": self.alarm.total_seconds() if self.alarm is not None else None,
            "component": self.component,
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()

    def to_event(self, stamp: datetime) -> Component:
        from icalendar import Event, Todo, vRecur

        event = Todo() if self.component == "VTODO" else Event()
        event.add("uid", self.uid)
        event.add("x-empower-id", self.record_id)
        event.add("summary", self.summary)
        event.add("dtstamp", stamp)
        event.add("categories", [self.category])
        if self.component == "VTODO":
            event.add("due", self.start)
        else:
            event.add("dtstart", self.start)
            event.add("dtend", self.end)
        if self.component == "VEVENT" and isinstance(self.start, date) and not isinstance(self.start, datetime):
            event.add("transp", "TRANSPARENT")
        if self.rrule:
            event.add("rrule", vRecur.from_ical(self.rrule))
        for ex in self.exdates:  # local start times, in the zone of the series' start
            excluded = datetime.fromisoformat(ex)
            if isinstance(self.start, datetime) and excluded.tzinfo is None:
                excluded = excluded.replace(tzinfo=self.start.tzinfo)
            event.add("exdate", excluded)
        if self.location:
            event.add("location", self.location)
        if self.description:
            event.add("description", self.description)
        if self.alarm:
            event.add_component(_alarm(self.alarm, self.summary))
        return event

    def to_ics(self, stamp: datetime) -> bytes:
        """One VCALENDAR holding this event and the VTIMEZONE it uses: one CalDAV object."""
        zones = sorted(
            {
                key
                for value in (self.start, self.end)
                if isinstance(value, datetime) and (key := getattr(value.tzinfo, "key", None)) and key != "UTC"
            }
        )
        head = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{PRODID}\r\n".encode()
        body = bytes(self.to_event(stamp).to_ical())
        return head + b"".join(vtimezone(zone) for zone in zones) + body + b"END:VCALENDAR\r\n"


@functools.cache
def vtimezone(tzid: str) -> bytes:
    """The VTIMEZONE of an IANA zone, made once per zone: building it is most of the cost of
    writing an event, and every event in that zone carries the same one.

    Where the zone's present rule repeats every year (or it has no DST), the VTIMEZONE says so
    with a yearly RRULE per observance, as most calendar apps write it: some servers' readers
    (Radicale's vobject) take only an observance's first onset and miss a list of RDATEs, which put
    every summer time an hour off in their free-busy answers, for every calendar on that server.
    Other zones get icalendar's exact list of changes."""
    text = yearly_vtimezone(tzid, date.today().year)
    if text is not None:
        return text.encode()
    from icalendar import Timezone

    return bytes(Timezone.from_tzid(tzid).to_ical())


def _transitions(tz: ZoneInfo, year: int) -> list[datetime]:
    """The instants (UTC) in *year* where the zone's offset changes, found day by day and then to
    the minute."""
    found = []
    day = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    while day < end:
        following = day + timedelta(days=1)
        if day.astimezone(tz).utcoffset() != following.astimezone(tz).utcoffset():
            low, high = day, following
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                if middle.astimezone(tz).utcoffset() == low.astimezone(tz).utcoffset():
                    low = middle
                else:
                    high = middle
            found.append(high.replace(second=0, microsecond=0))
        day = following
    return found


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _yearly_rule(local: datetime) -> tuple[int, int, int]:
    """(month, weekday, n) of a day: its nth weekday of the month, -1 for the last."""
    last_day = calendar.monthrange(local.year, local.month)[1]
    n = -1 if local.day + 7 > last_day else (local.day - 1) // 7 + 1
    return local.month, local.weekday(), n


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> int:
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1) if date(year, month, d).weekday() == weekday]
    return days[-1] if n == -1 else days[n - 1]


def yearly_vtimezone(tzid: str, year: int) -> str | None:
    """The zone's present rule as a VTIMEZONE of yearly RRULEs, checked on *year* and the two after
    it; None where the rule is not the same every year (the caller writes the exact changes)."""
    try:
        tz = ZoneInfo(tzid)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    years = [_transitions(tz, y) for y in (year, year + 1, year + 2)]
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    if not any(years):
        moment = datetime(year, 7, 1, tzinfo=UTC).astimezone(tz)
        offset = _offset_text(moment.utcoffset() or timedelta())
        name = moment.tzname() or offset
        lines += [
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            f"TZNAME:{name}",
            f"TZOFFSETFROM:{offset}",
            f"TZOFFSETTO:{offset}",
            "END:STANDARD",
        ]
    else:
        if any(len(found) != 2 for found in years):
            return None
        for index, instant in enumerate(years[0]):
            before = instant - timedelta(minutes=1)
            old, new = before.astimezone(tz).utcoffset(), instant.astimezone(tz).utcoffset()
            if old is None or new is None:
                return None
            wall = (instant + old).replace(tzinfo=None)  # DTSTART is written in the offset before the change
            month, weekday, n = _yearly_rule(wall)
            for later in years[1:]:
                other = (later[index] + old).replace(tzinfo=None)
                if (other.month, other.day, other.time()) != (
                    month,
                    _nth_weekday(other.year, month, weekday, n),
                    wall.time(),
                ):
                    return None
            first = wall.replace(year=1970, day=_nth_weekday(1970, month, weekday, n))
            kind = "DAYLIGHT" if new > old else "STANDARD"
            lines += [
                f"BEGIN:{kind}",
                f"DTSTART:{first:%Y%m%dT%H%M%S}",
                f"RRULE:FREQ=YEARLY;BYMONTH={month};BYDAY={n}{_RRULE_DAYS[weekday]}",
                f"TZNAME:{instant.astimezone(tz).tzname() or _offset_text(new)}",
                f"TZOFFSETFROM:{_offset_text(old)}",
                f"TZOFFSETTO:{_offset_text(new)}",
                f"END:{kind}",
            ]
    lines.append("END:VTIMEZONE")
    return "".join(line + "\r\n" for line in lines)


def _alarm(trigger: timedelta, description: str) -> Alarm:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    alarm.add("trigger", -trigger)
    return alarm


def _calendar() -> Calendar:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    return cal


def _skipped_one_offs(store: Store, session_id: str | None = None) -> set[str]:
    """One-off sessions logged as skipped: they leave the calendar (a habit's get an EXDATE)."""
    sql = (
        "SELECT l.session_id FROM occurrence_logs l JOIN learning_sessions s ON s.id = l.session_id "
        "WHERE l.state = 'skipped' AND s.rrule = ''"
    )
    if session_id is None:
        return {row[0] for row in store.db.query(sql)}
    return {row[0] for row in store.db.query(sql + " AND s.id = ?", (session_id,))}


def session_item(session: LearningSession, item: LearningItem | None, reminders: Reminders) -> CalendarItem:
    """A learning session (or habit) as a calendar item."""
    # No reminder of its own: the default from Settings; 0: none.
    minutes = reminders.session_minutes if session.reminder_minutes is None else session.reminder_minutes
    return CalendarItem(
        uid=uid_for("session", session.id),
        record_id=session.id,
        kind="session",
        summary=f"Learning: {item.title}" if item else "Learning session",
        start=session.start.local(),
        end=session.end.local(),
        category="Learning",
        rrule=session.rrule,
        exdates=tuple(session.exdates),
        location=session.location,
        alarm=timedelta(minutes=minutes) if minutes else None,
    )


def meeting_item(meeting: Meeting, reminders: Reminders) -> CalendarItem:
    """A mentor meeting as a calendar item (no attendees: nobody gets an invitation)."""
    return CalendarItem(
        uid=uid_for("meeting", meeting.id),
        record_id=meeting.id,
        kind="meeting",
        summary=meeting.title,
        start=meeting.start.local(),
        end=meeting.end.local(),
        category="Mentoring",
        location=meeting.location,
        description="Agenda:\n" + "\n".join(f"- {a.text}" for a in meeting.agenda) if meeting.agenda else "",
        alarm=timedelta(minutes=reminders.session_minutes) if reminders.session_minutes else None,
    )


def _meeting_in_calendar(meeting: Meeting) -> bool:
    return meeting.state is not MeetingState.CANCELLED and not meeting.removed_from_calendar


def current_item(store: Store, item: CalendarItem, reminders: Reminders) -> CalendarItem | None:
    """*item* as its record is now (a session or meeting may have taken calendar changes), or
    None when the record no longer belongs in the calendar. Other kinds never take changes."""
    if item.kind == "session":
        session = store.learning_sessions.find(item.record_id)
        if (
            session is None
            or session.state is SessionState.REMOVED_FROM_CALENDAR
            or _skipped_one_offs(store, session.id)
        ):
            return None
        return session_item(session, store.learning_items.find(session.item_id), reminders)
    if item.kind == "meeting":
        meeting = store.meetings.find(item.record_id)
        if meeting is None or not _meeting_in_calendar(meeting):
            return None
        return meeting_item(meeting, reminders)
    return item


def items_from_store(store: Store, reminders: Reminders, *, goals_as_tasks: bool = False) -> list[CalendarItem]:
    """Every record that belongs in the calendar, as calendar items.

    With *goals_as_tasks*, a goal's deadline is a task (VTODO, due that day) instead of an
    all-day event.
    """
    items: list[CalendarItem] = []
    learning = {i.id: i for i in store.learning_items.all()}
    deadline_alarm = timedelta(days=reminders.deadline_days) if reminders.deadline_days else None

    skipped = _skipped_one_offs(store)
    for session in store.learning_sessions.all():
        if session.state is not SessionState.REMOVED_FROM_CALENDAR and session.id not in skipped:
            items.append(session_item(session, learning.get(session.item_id), reminders))
    for meeting in store.meetings.all():
        if _meeting_in_calendar(meeting):
            items.append(meeting_item(meeting, reminders))
        if meeting.state is not MeetingState.CANCELLED:
            for action in meeting.action_items:
                if action.due is not None and not action.done:
                    owner = "" if action.owner is Owner.ME else " (theirs)"
                    summary = f"Follow up: {action.text}{owner}"
                    items.append(_all_day("followup", action.id, summary, action.due, deadline_alarm, "Mentoring"))

    for goal in store.goals.all():
        if goal.status not in (GoalStatus.ACTIVE, GoalStatus.DRAFT):
            continue
        if goal.deadline is not None and goals_as_tasks:
            task = _all_day("task", goal.id, f"Goal: {goal.title}", goal.deadline, deadline_alarm)
            items.append(replace(task, component="VTODO", end=goal.deadline))
        elif goal.deadline is not None:
            items.append(_all_day("deadline", goal.id, f"Goal deadline: {goal.title}", goal.deadline, deadline_alarm))
        for milestone in goal.milestones:
            if milestone.due is not None and not milestone.done:
                summary = f"Milestone: {milestone.title} ({goal.title})"
                items.append(_all_day("milestone", milestone.id, summary, milestone.due, deadline_alarm))

    for learning_item in learning.values():
        if learning_item.expires_on is not None:
            renew_on = learning_item.expires_on - timedelta(days=30)
            summary = f"Renew certification: {learning_item.title}"
            items.append(_all_day("renewal", learning_item.id, summary, renew_on, None, category="Learning"))

    for initiative in store.initiatives.all():
        if initiative.follow_up_on is not None and initiative.status.value not in ("done", "declined"):
            summary = f"Follow up: {initiative.title}"
            items.append(
                _all_day("followup", initiative.id, summary, initiative.follow_up_on, deadline_alarm, "Advocacy")
            )

    for opportunity in store.opportunities.all():
        if opportunity.next_step_on is not None and opportunity.status.value == "open":
            summary = f"Next step: {opportunity.next_step} ({opportunity.title})"
            day = opportunity.next_step_on
            items.append(_all_day("followup", opportunity.id, summary[:200], day, deadline_alarm, "Advocacy"))

    for prep in store.conversations.all():
        for follow_up in prep.follow_ups:
            if follow_up.due is not None and not follow_up.done:
                summary = f"Follow up: {follow_up.text}" + ("" if follow_up.mine else " (theirs)")
                items.append(
                    _all_day("followup", follow_up.id, summary[:200], follow_up.due, deadline_alarm, "Advocacy")
                )

    contacts = {c.id: c.name for c in store.contacts.all()}
    for interaction in store.interactions.all():
        if interaction.follow_up is not None:
            who = contacts.get(interaction.contact_id, "a contact")
            summary = f"Follow up with {who}" + (f": {interaction.summary}" if interaction.summary else "")
            items.append(
                _all_day("followup", interaction.id, summary[:200], interaction.follow_up, deadline_alarm, "Network")
            )

    if reminders.review_weeks:
        items.append(_review_ritual(reminders))
    return items


def ritual_first_day(weekday: int) -> date:
    """The first day of the review ritual's series on *weekday* (1 = Monday … 7 = Sunday): every
    ritual day is a whole number of its cadence in weeks after it."""
    return REVIEW_WEEK + timedelta(days=weekday - 1)


def ritual_day_from(day: date, weekday: int, every_weeks: int) -> date:
    """The first day of the ritual's series on or after *day* (the days its calendar event repeats on)."""
    first = ritual_first_day(weekday)
    if day <= first:
        return first
    return day + timedelta(days=-(day - first).days % (7 * every_weeks))


RITUAL_INVITATION = "What got done, what slipped, which goals to adapt: the Review tab of Empower Desktop."


def _review_ritual(reminders: Reminders) -> CalendarItem:
    """The review ritual: a repeating event on its weekday and time in the person's zone, every
    `review_weeks` weeks, lasting `review_minutes`; its description says what the next review covers
    (recomputed at each sync, so the event is rewritten only when that text changes)."""
    from ..domain.common import zone

    hour, minute = (int(part) for part in reminders.review_time.split(":"))
    first = ritual_first_day(reminders.review_weekday)
    start = datetime.combine(first, datetime.min.time().replace(hour=hour, minute=minute), zone(reminders.tz))
    weeks = reminders.review_weeks
    return CalendarItem(
        uid=uid_for("review", "ritual"),
        record_id="ritual",
        kind="review",
        summary="Career review" if weeks == 1 else f"Career review (every {weeks} weeks)",
        start=start,
        end=start + timedelta(minutes=reminders.review_minutes),
        category="Review",
        rrule=f"FREQ=WEEKLY;INTERVAL={weeks};BYDAY={WEEKDAY_CODES[reminders.review_weekday - 1]}",
        description=reminders.review_description or RITUAL_INVITATION,
        alarm=timedelta(minutes=reminders.session_minutes) if reminders.session_minutes else None,
    )


def _all_day(
    kind: str, record_id: str, summary: str, day: date, alarm: timedelta | None, category: str = "Goal"
) -> CalendarItem:
    return CalendarItem(
        uid=uid_for(kind, record_id),
        record_id=record_id,
        kind=kind,
        summary=summary,
        start=day,
        end=day + timedelta(days=1),  # exclusive end: a one-day event
        category=category,
        alarm=alarm,
    )


def build_calendar(
    store: Store,
    stamp: datetime,
    reminders: Reminders,
    kinds: frozenset[str] | None = None,
    *,
    goals_as_tasks: bool = False,
) -> Calendar:
    """The items (of *kinds*, or all) as one calendar: an .ics file."""
    cal = _calendar()
    cal.add("x-wr-calname", "Empower")
    for item in items_from_store(store, reminders, goals_as_tasks=goals_as_tasks):
        if kinds is None or item.route in kinds:
            cal.add_component(item.to_event(stamp))
    cal.add_missing_timezones()
    return cal


def event_count(cal: Calendar) -> int:
    return sum(1 for c in cal.subcomponents if c.name == "VEVENT")


class MalformedEvent(ValueError):
    """A calendar object that cannot be read as one of our events; the message says why."""


def read_event(ics: bytes) -> tuple[str, dict[str, str]]:
    """The UID and the merged fields of the one VEVENT in a calendar object.

    Raises MalformedEvent for anything that is not a readable VCALENDAR with one master VEVENT.
    """
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(_without_known_timezones(ics))
        events = [e for e in cal.walk() if e.name in ("VEVENT", "VTODO") and "RECURRENCE-ID" not in e]
        if len(events) != 1:
            raise MalformedEvent(f"expected one event, found {len(events)}")
        event = events[0]
        uid = str(event.get("uid", ""))
        if not uid:
            raise MalformedEvent("the event has no UID")
        if event.name == "VTODO":  # a task: due on a day (or at a time)
            start = event_time(event, "DUE" if "DUE" in event else "DTSTART")
            end = start
        else:
            start = event_time(event, "DTSTART")
            end = event_time(event, "DTEND") if "DTEND" in event else _default_end(start, event)
        fields = {
            "summary": str(event.get("summary", "")),
            "start": _when(start),
            "end": _when(end),
            "location": str(event.get("location", "")),
            "description": str(event.get("description", "")),
        }
    except MalformedEvent:
        raise
    except OverflowError as exc:  # a year 9999 event that ends a day later, a huge DURATION, ...
        raise MalformedEvent(f"a date or time of the event is out of range ({exc})") from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise MalformedEvent(f"unreadable calendar data: {exc}") from exc
    return uid, fields


def _without_known_timezones(ics: bytes) -> bytes:
    """*ics* without the VTIMEZONEs of IANA zones this computer knows: a time in such a zone is
    read through zoneinfo all the same, and parsing a VTIMEZONE (dozens of RDATEs) costs several
    times more than the event itself. A zone only the object defines (a custom TZID) keeps its
    VTIMEZONE."""
    if b"BEGIN:VTIMEZONE" not in ics:
        return ics
    kept: list[bytes] = []
    block: list[bytes] | None = None
    for line in ics.splitlines(keepends=True):
        bare = line.rstrip(b"\r\n")
        if block is None:
            if bare == b"BEGIN:VTIMEZONE":
                block = [line]
            else:
                kept.append(line)
            continue
        block.append(line)
        if bare == b"END:VTIMEZONE":
            tzid = next((b.rstrip(b"\r\n")[5:] for b in block if b.startswith(b"TZID:")), b"")
            if not _known_zone(tzid.decode("utf-8", "replace")):
                kept.extend(block)
            block = None
    kept.extend(block or ())
    return b"".join(kept)


@functools.cache
def _known_zone(tzid: str) -> bool:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(tzid)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return True


def event_time(event: Component, name: str) -> datetime | date:
    """The event's DTSTART, DTEND (or a task's DUE) as a date or an aware (or floating) datetime.

    Raises MalformedEvent, with the property named, for a value that is missing, given twice, not
    a date or time, or in a time zone that is neither known nor defined in the object (icalendar
    would read it as floating time, silently shifting it by the difference to local time).
    """
    what = {"DTSTART": "start", "DTEND": "end", "DUE": "due date"}.get(name, name)
    if name not in event:
        raise MalformedEvent(f"the event has no {what} ({name})")
    prop = event[name]
    if isinstance(prop, list):
        raise MalformedEvent(f"the event has more than one {what} ({name})")
    value = event.decoded(name)
    if not isinstance(value, date):
        raw = prop.to_ical() if hasattr(prop, "to_ical") else prop
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        raise MalformedEvent(f"the event's {what} ({name}) is not a date or time: {text[:60]!r}")
    tzid = getattr(prop, "params", {}).get("TZID")
    if isinstance(value, datetime) and value.tzinfo is None and tzid:
        raise MalformedEvent(f"the event's {what} ({name}) is in an unknown time zone {str(tzid)[:60]!r}")
    return value


def _default_end(start: datetime | date, event: Component) -> datetime | date:
    if "DURATION" in event:
        duration = event.decoded("duration")
        if not isinstance(duration, timedelta):
            raise MalformedEvent("the event's length (DURATION) is not a length of time")
        return start + duration
    return start + timedelta(days=1) if not isinstance(start, datetime) else start


def with_fields(item: CalendarItem, fields: dict[str, str]) -> CalendarItem:
    """The item with some merged fields set from their text form (as `fields()` gives them)."""
    changes: dict[str, object] = {}
    for name, value in fields.items():
        changes[name] = parse_when(value) if name in ("start", "end") else value
    return replace(item, **changes)  # type: ignore[arg-type]


def parse_when(text: str) -> datetime | date:
    """The inverse of the text form in `fields()`: a zoned datetime or a date."""
    from ..domain.common import zone

    if " " not in text:
        return date.fromisoformat(text)
    local, tz = text.rsplit(" ", 1)
    return datetime.fromisoformat(local).replace(tzinfo=zone(tz))
