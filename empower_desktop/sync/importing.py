"""Reading a course's or a conference's schedule from an .ics file, as learning sessions.

One reading serves the preview, `import-ics --dry-run` and the import itself, so what the preview
promises is what the import does. What a calendar program writes, as RFC 5545 means it:

- every VCALENDAR of the file (some tools put several in one), in UTF-8, with or without a
  byte-order mark, or in UTF-16;
- a time in a zone named as Windows names them ("W. Europe Standard Time", as Outlook writes) is
  taken in the IANA zone of that name (Europe/Berlin), which the session keeps; a floating time (no
  zone) in the person's own zone; a time in UTC in the person's zone too;
- a local time a DST change skips is read with the offset before the change (an hour later on the
  clock), one that happens twice as its first (RFC 5545 3.3.5); DURATION counts hours and minutes
  as exact time and days as calendar days (RFC 5545 3.3.6);
- a weekly series the app's habits hold (weekly on some weekdays, every N weeks, until a day or for
  a number of times) stays one habit, its EXDATEs skipped and its moved or changed occurrences
  (RECURRENCE-ID) made one-off sessions in their place; any other series (BYSETPOS, monthly days,
  RDATE, ...) is expanded, with recurring-ical-events, into one-off sessions up to a horizon the
  preview names;
- an event's title, description and link go into the session's notes, its place into its location;
- what cannot be a session is left out, each with its reason: an all-day event, a task, a
  cancelled event, one longer than a session may last, one of Empower's own mentor meetings,
  deadlines or reviews (from its own export).

Each session remembers the event it came from (`import_key`: the UID, and the occurrence for one
of a series), so the same file imported again changes nothing, and a changed file updates what
changed (`plan_import`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..domain.recurrence import occurrence_key, weekly_rule
from ..errors import ActionableError, os_error_text

if TYPE_CHECKING:
    from icalendar import Calendar, Component

    from ..domain import LearningSession

MAX_IMPORT = 2000
MAX_HOURS = 12  # a learning session lasts at most this long
HORIZON_DAYS = 366  # a series the app cannot keep as a habit is expanded this far ahead of today
_OWN = re.compile(r"^(meeting|deadline|milestone|renewal|followup|review|goal)-.*@empower-desktop$")
_OWN_KIND = {
    "meeting": "a mentor meeting",
    "deadline": "a goal deadline",
    "milestone": "a milestone",
    "renewal": "a certification renewal",
    "followup": "a follow-up",
    "review": "a review ritual",
    "goal": "a goal",
}
_HABIT_PARTS = frozenset({"FREQ", "INTERVAL", "BYDAY", "UNTIL", "COUNT", "WKST"})
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class IcsImportError(ActionableError):
    """The file cannot be imported; the message says why. Nothing was imported."""


@dataclass(frozen=True)
class FoundSession:
    """One session the file holds: a one-off, or a weekly habit (`rrule`, `exdates`)."""

    key: str  # the event it comes from: its UID, or "UID@occurrence" for one occurrence of a series
    start: datetime  # aware, in `zone`
    end: datetime
    zone: str  # an IANA name
    title: str
    location: str = ""
    notes: str = ""
    rrule: str = ""
    exdates: tuple[str, ...] = ()

    @property
    def what(self) -> str:
        return self.title or "(no title)"

    def repeats(self) -> str:
        """A habit's rule in words, with how many times it skips ("every Tue until …, 2 skipped"); ""
        for a one-off."""
        if not self.rrule:
            return ""
        from ..domain.recurrence import describe_rule

        skipped = f", {len(self.exdates)} skipped" if self.exdates else ""
        return f"{describe_rule(self.rrule, self.zone)}{skipped}"

    def session_fields(self) -> dict[str, Any]:
        """What a learning session takes from the event: on a new session, and on one imported
        before when the file changed it."""
        from ..domain import ZonedDateTime

        return {
            "start": ZonedDateTime(self.start, self.zone),
            "end": ZonedDateTime(self.end, self.zone),
            "rrule": self.rrule,
            "exdates": list(self.exdates),
            "location": self.location,
            "notes": self.notes,
            "import_hash": self.fingerprint(),
        }

    def fingerprint(self) -> str:
        """How the event reads: a session imported from it changes only when this does."""
        import hashlib

        text = "\x1f".join(
            [
                self.start.astimezone(UTC).isoformat(),
                self.end.astimezone(UTC).isoformat(),
                self.zone,
                self.location,
                self.notes,
                self.rrule,
                *sorted(self.exdates),
            ]
        )
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class LeftOut:
    """An event or task of the file that does not become a session, and why."""

    title: str
    when: datetime | date | None
    reason: str


@dataclass(frozen=True)
class Schedule:
    """What a file holds: the sessions it can give, and what it cannot, in file order."""

    name: str
    sessions: list[FoundSession]
    left_out: list[LeftOut]
    horizon: date  # series the app cannot keep as habits are expanded up to here
    expanded: list[str] = field(default_factory=list)  # titles of the series expanded so
    calendar_name: str = ""  # the calendar's own name (X-WR-CALNAME), if it gives one


@dataclass(frozen=True)
class ImportPlan:
    """What importing a schedule into one learning item does: sessions to add, sessions imported
    before that the file changed (with the id of the session to change), how many are there
    already as they are, and what the file holds that cannot be a session."""

    schedule: Schedule
    new: list[FoundSession]
    changed: list[tuple[str, FoundSession]]
    unchanged: list[FoundSession]

    @property
    def left_out(self) -> list[LeftOut]:
        return self.schedule.left_out

    @property
    def to_write(self) -> int:
        return len(self.new) + len(self.changed)

    def summary(self) -> str:
        """One sentence: "12 new sessions, 2 changed, 3 already imported; 2 events left out"."""
        parts = [f"{len(self.new)} new session{'s' if len(self.new) != 1 else ''}"]
        if self.changed:
            parts.append(f"{len(self.changed)} changed")
        if self.unchanged:
            parts.append(f"{len(self.unchanged)} already imported")
        text = ", ".join(parts)
        if self.left_out:
            count = len(self.left_out)
            text += f"; {count} {'entry' if count == 1 else 'entries'} left out"
        return text

    def lines(self) -> list[str]:
        """The plan as the command line prints it: a line per session and per left-out entry."""
        out = [f"  new      {_when(s.start)}  {s.what}{_habit(s)}" for s in self.new]
        out += [f"  changed  {_when(s.start)}  {s.what}{_habit(s)}" for _id, s in self.changed]
        out += [f"  same     {_when(s.start)}  {s.what}{_habit(s)}" for s in self.unchanged]
        for left in self.left_out:
            when = _when(left.when) if left.when is not None else "?"
            out.append(f"  left out {when}  {left.title or '(no title)'}: {left.reason}")
        if self.schedule.expanded:
            out.append(
                f"  ({len(self.schedule.expanded)} series repeat in a way a habit cannot keep; their times up to "
                f"{self.schedule.horizon:%d %b %Y} are imported as single sessions)"
            )
        return out


def _when(value: datetime | date) -> str:
    if isinstance(value, datetime):
        return f"{value:%a %d %b %Y %H:%M} {_zone_name(value)}"
    return f"{value:%a %d %b %Y}      all day"


def _zone_name(value: datetime) -> str:
    key = getattr(value.tzinfo, "key", None)
    return str(key) if key else (value.tzname() or "")


def _habit(found: FoundSession) -> str:
    return f"  ({found.repeats()})" if found.rrule else ""


# -- reading -----------------------------------------------------------------------------------------------


def read_file(path: Path, *, tz: str, today: date) -> Schedule:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IcsImportError(f"The calendar file could not be read. {os_error_text(exc, path)}") from exc
    return read_schedule(data, path.name, tz=tz, today=today)


def read_schedule(data: bytes, name: str, *, tz: str, today: date) -> Schedule:
    """The sessions the calendar data holds (see the module docstring); IcsImportError for data
    that is not a calendar, cannot be read, or holds nothing to import."""
    text = _decode(data)
    if not text.lstrip(" \t\r\n").upper().startswith("BEGIN:VCALENDAR"):
        raise IcsImportError(
            f"{name} is not a calendar file: an .ics file begins with BEGIN:VCALENDAR. "
            "Export the schedule from its calendar app as .ics and import that."
        )
    calendars = _parse(text, name)
    horizon = today + timedelta(days=HORIZON_DAYS)
    reader = _Reader(tz, horizon)
    for calendar in calendars:
        reader.read(calendar)
    if not reader.sessions and not reader.left_out:
        raise IcsImportError(f"{name} holds no event to import as a session.")
    if len(reader.sessions) > MAX_IMPORT:
        raise IcsImportError(
            f"{name} holds {len(reader.sessions):,} sessions; at most {MAX_IMPORT:,} are imported at once."
        )
    sessions = sorted(reader.sessions, key=lambda s: (s.start, s.key))
    left_out = sorted(reader.left_out, key=lambda left: _day_order(left.when))
    names = [str(c.get("X-WR-CALNAME", "")).strip() for c in calendars]
    return Schedule(name, sessions, left_out, horizon, reader.expanded, next((n for n in names if n), ""))


def _day_order(when: datetime | date | None) -> tuple[int, str]:
    """Left-out entries in time order (by their local day and time), those without a time last."""
    if isinstance(when, datetime):
        return 0, when.replace(tzinfo=None).isoformat()
    if isinstance(when, date):
        return 0, datetime.combine(when, datetime.min.time()).isoformat()
    return 1, ""


def _decode(data: bytes) -> str:
    """The file's text: UTF-8 (RFC 5545), with or without a byte-order mark, or UTF-16 with one."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if len(data) > 1 and data[1:2] == b"\x00" and data[:1] != b"\x00":  # UTF-16 LE without a mark
        return data.decode("utf-16-le", errors="replace")
    return data.decode("utf-8", errors="replace")


def _parse(text: str, name: str) -> list[Calendar]:
    from icalendar import Calendar

    try:
        found = Calendar.from_ical(text, multiple=True)
    except (ValueError, IndexError, KeyError, TypeError) as exc:
        raise IcsImportError(
            f"{name} is damaged: it begins as a calendar file but cannot be read to the end. "
            "Download or export it again."
        ) from exc
    calendars = [c for c in found if getattr(c, "name", "") == "VCALENDAR"]
    if not calendars:
        raise IcsImportError(f"{name} holds no calendar (no VCALENDAR).")
    return calendars


class _Reader:
    """Walks calendars, gathering sessions and what is left out."""

    def __init__(self, tz: str, horizon: date) -> None:
        self.tz = tz
        self.horizon = horizon
        self.sessions: list[FoundSession] = []
        self.left_out: list[LeftOut] = []
        self.expanded: list[str] = []

    def read(self, calendar: Calendar) -> None:
        for todo in calendar.walk("VTODO"):
            when = _plain_value(todo, "DUE") or _plain_value(todo, "DTSTART")
            self.left_out.append(LeftOut(str(todo.get("SUMMARY", "")), when, "a task, not an event with a time"))
        series: dict[str, list[Component]] = defaultdict(list)
        for number, event in enumerate(calendar.walk("VEVENT")):
            series[str(event.get("UID", "")) or f"(no UID {number})"].append(event)
        for uid, events in series.items():
            masters = [e for e in events if "RECURRENCE-ID" not in e]
            overrides = [e for e in events if "RECURRENCE-ID" in e]
            own = _OWN.match(uid)
            if own:
                for event in events:
                    what = _OWN_KIND[own.group(1)]
                    self.left_out.append(
                        LeftOut(_title(event), _plain_value(event, "DTSTART"), f"{what} from Empower, not a session")
                    )
                continue
            try:
                self._events(calendar, uid, masters, overrides)
            except _UNREADABLE:
                first = (masters or overrides)[0]
                self.left_out.append(LeftOut(_title(first), None, "its times cannot be read"))

    def _events(self, calendar: Calendar, uid: str, masters: list[Component], overrides: list[Component]) -> None:
        if masters:
            for master in masters[1:]:  # the same UID twice without RECURRENCE-ID: the first counts
                self.left_out.append(
                    LeftOut(_title(master), _plain_value(master, "DTSTART"), "its UID is given twice in the file")
                )
            self._series(calendar, uid, masters[0], overrides)
        else:  # occurrences of a series the file does not hold: each on its own
            for event in overrides:
                self._one(event, f"{uid}@{self._occurrence(event)}")

    # -- one event -------------------------------------------------------------------------------
    def _one(self, event: Component, key: str) -> None:
        try:
            found = self._session(event, key)
        except _UNREADABLE:
            found = LeftOut(_title(event), None, "its times cannot be read")
        if isinstance(found, FoundSession):
            self.sessions.append(found)
        else:
            self.left_out.append(found)

    def _session(self, event: Component, key: str) -> FoundSession | LeftOut:
        """The event as a session, or why it cannot be one."""
        title = _title(event)
        plain = _plain_value(event, "DTSTART")
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            return LeftOut(title, plain, "cancelled")
        try:
            start, zone_name = self._time(event, "DTSTART")
        except _NotATime as exc:
            return LeftOut(title, plain, str(exc))
        try:
            end = self._end(event, start, zone_name)
        except _NotATime as exc:
            return LeftOut(title, start, str(exc))
        length = end.astimezone(UTC) - start.astimezone(UTC)  # exact time, across a DST change too
        if length <= timedelta(0):
            return LeftOut(title, start, "it ends before it starts")
        if length > timedelta(hours=MAX_HOURS):
            hours = length.total_seconds() / 3600
            return LeftOut(title, start, f"it lasts {hours:.3g} hours; a session lasts at most {MAX_HOURS}")
        return FoundSession(
            key=key,
            start=start,
            end=end,
            zone=zone_name,
            title=title,
            location=str(event.get("LOCATION", "")).strip(),
            notes=_notes(event),
        )

    def _time(self, event: Component, name: str) -> tuple[datetime, str]:
        """The property's time, aware in the zone it is kept in, and that zone's name."""
        if name not in event:
            raise _NotATime(f"it has no {'start' if name == 'DTSTART' else 'end'}")
        prop = event[name]
        if isinstance(prop, list):
            raise _NotATime(f"it has two {'starts' if name == 'DTSTART' else 'ends'}")
        value = getattr(prop, "dt", None)
        if not isinstance(value, date):
            raise _NotATime("its start or end is not a date or time")
        if not isinstance(value, datetime):
            raise _NotATime("all day: a session has a start and an end time")
        tzid = str(getattr(prop, "params", {}).get("TZID", "") or "")
        return self._localised(value, tzid)

    def _localised(self, value: datetime, tzid: str) -> tuple[datetime, str]:
        zone_name = _iana(tzid) if tzid else None
        if zone_name is None and tzid:
            if value.tzinfo is None:
                raise _NotATime(f"it is in a time zone this app does not know ({tzid[:60]})")
            zone_name = _iana(getattr(value.tzinfo, "key", "") or "") or self.tz  # defined in the file
            return value.astimezone(UTC).astimezone(ZoneInfo(zone_name)), zone_name
        if zone_name is None:
            zone_name = self.tz
            if value.tzinfo is not None:  # UTC ("Z"): the same instant, in the person's zone
                return value.astimezone(ZoneInfo(zone_name)), zone_name
        return _wall_clock(value.replace(tzinfo=None), zone_name), zone_name

    def _end(self, event: Component, start: datetime, zone_name: str) -> datetime:
        if "DTEND" in event:
            end, _zone = self._time(event, "DTEND")
            return end
        if "DURATION" in event:
            duration = event.decoded("DURATION")
            if not isinstance(duration, timedelta):
                raise _NotATime("its length (DURATION) is not a length of time")
            # Days are calendar days (the same clock time, whatever a DST change does), the rest
            # exact time (RFC 5545 3.3.6).
            days = timedelta(days=duration.days)
            nominal = _wall_clock(start.replace(tzinfo=None) + days, zone_name)
            return (nominal.astimezone(UTC) + (duration - days)).astimezone(ZoneInfo(zone_name))
        return (start.astimezone(UTC) + timedelta(hours=1)).astimezone(ZoneInfo(zone_name))  # no end: an hour

    def _occurrence(self, event: Component) -> str:
        """The occurrence an override stands for, as a key: its RECURRENCE-ID as a wall-clock time."""
        prop = event["RECURRENCE-ID"]
        value = getattr(prop, "dt", None)
        if isinstance(value, datetime):
            tzid = str(getattr(prop, "params", {}).get("TZID", "") or "")
            try:
                local, _zone = self._localised(value, tzid)
            except _NotATime:
                local = value
            return occurrence_key(local)
        return str(value)

    # -- a series --------------------------------------------------------------------------------
    def _series(self, calendar: Calendar, uid: str, master: Component, overrides: list[Component]) -> None:
        rules = master.get("RRULE")
        if rules is None and "RDATE" not in master:
            self._one(master, uid)
            for override in overrides:  # an override of an event that does not repeat: it replaces it
                self._one(override, f"{uid}@{self._occurrence(override)}")
            return
        found = self._session(master, uid)
        if isinstance(found, LeftOut):
            self.left_out.append(found)
            return
        habit = None if isinstance(rules, list) or "RDATE" in master else _as_habit(rules, found)
        if habit is None:
            self._expand(calendar, uid, master, found)
            return
        moved = {self._occurrence(o): o for o in overrides}
        skipped = {*_exdates(master, self, found.zone), *moved}
        self.sessions.append(replace(found, rrule=habit, exdates=tuple(sorted(skipped))))
        for key, override in moved.items():
            if str(override.get("STATUS", "")).upper() == "CANCELLED":
                continue  # a cancelled occurrence: skipped, nothing in its place
            self._one(override, f"{uid}@{key}")

    def _expand(self, calendar: Calendar, uid: str, master: Component, found: FoundSession) -> None:
        """Every occurrence up to the horizon, as one-off sessions (EXDATEs and overrides applied)."""
        import recurring_ical_events
        from icalendar import Calendar as NewCalendar

        only = NewCalendar()
        for timezone in calendar.walk("VTIMEZONE"):
            only.add_component(timezone)
        for event in calendar.walk("VEVENT"):
            if str(event.get("UID", "")) == uid:
                only.add_component(event)
        first = found.start.date() - timedelta(days=1)
        try:
            occurrences = recurring_ical_events.of(only).between(first, self.horizon + timedelta(days=1))
        except Exception as exc:
            self.left_out.append(LeftOut(found.title, found.start, f"its repeat rule cannot be read ({_plain(exc)})"))
            return
        self.expanded.append(found.title)
        for occurrence in occurrences:
            start = _plain_value(occurrence, "DTSTART")
            if isinstance(start, datetime) and start.date() > self.horizon:
                continue
            key = self._occurrence(occurrence) if "RECURRENCE-ID" in occurrence else None
            if key is None:
                try:
                    local, _zone = self._time(occurrence, "DTSTART")
                    key = occurrence_key(local)
                except _NotATime:
                    key = str(start)
            self._one(occurrence, f"{uid}@{key}")


# What icalendar and the date arithmetic raise for values that cannot be read or are out of range.
_UNREADABLE = (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError)


class _NotATime(Exception):
    """Why an event has no time a session could take (the text is shown as the reason)."""


def _plain(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else "unreadable"
    return text[:80]


def _title(event: Component) -> str:
    return str(event.get("SUMMARY", "")).strip()


def _plain_value(component: Component, name: str) -> datetime | date | None:
    prop = component.get(name)
    value = getattr(prop, "dt", None) if prop is not None and not isinstance(prop, list) else None
    return value if isinstance(value, date) else None


def _notes(event: Component) -> str:
    """What a person reads with the session: the title, the link, the description."""
    parts = [_title(event)]
    url = str(event.get("URL", "") or "").strip()
    if url:
        parts.append(url)
    description = str(event.get("DESCRIPTION", "") or "").strip()
    if description:
        parts.append(description)
    return "\n".join(p for p in parts if p)[:5000]


def _iana(name: str) -> str | None:
    """The IANA zone for a TZID: itself, or the zone of a Windows name ("W. Europe Standard
    Time" → Europe/Berlin); None when neither is known."""
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    name = name.strip().strip('"')
    candidates = [name, WINDOWS_TO_OLSON.get(name, "")]
    if name.startswith("/"):  # "/mozilla.org/20050126_1/Europe/Berlin" and the like
        candidates.append("/".join(name.strip("/").split("/")[-2:]))
    for candidate in candidates:
        if candidate:
            try:
                ZoneInfo(candidate)
            except (ValueError, KeyError, OSError):
                continue
            return candidate
    return None


def _wall_clock(local: datetime, zone_name: str) -> datetime:
    """A wall-clock time in the zone: one a DST change skips is read with the offset before it (an
    hour later on the clock), one it repeats as its first (RFC 5545 3.3.5)."""
    # Through UTC: astimezone() to the zone a time already has would leave a skipped time as it is.
    return local.replace(tzinfo=ZoneInfo(zone_name), fold=0).astimezone(UTC).astimezone(ZoneInfo(zone_name))


def _exdates(master: Component, reader: _Reader, zone_name: str) -> list[str]:
    keys: list[str] = []
    props = master.get("EXDATE")
    if props is None:
        return keys
    for prop in props if isinstance(props, list) else [props]:
        tzid = str(getattr(prop, "params", {}).get("TZID", "") or "")
        for item in getattr(prop, "dts", []):
            value = getattr(item, "dt", None)
            if isinstance(value, datetime):
                try:
                    local, _zone = reader._localised(value, tzid)
                except _NotATime:
                    continue
                keys.append(occurrence_key(local.astimezone(ZoneInfo(zone_name))))
    return keys


def _as_habit(rule: Any, found: FoundSession) -> str | None:
    """The rule as a habit's weekly RRULE, or None when a habit cannot hold it."""
    from ..domain.common import DomainError

    parts = {str(k).upper(): v for k, v in dict(rule).items()}
    if set(parts) - _HABIT_PARTS or [str(v).upper() for v in parts.get("FREQ", [])] != ["WEEKLY"]:
        return None
    days: list[int] = []
    for value in parts.get("BYDAY", []) or [_WEEKDAYS[found.start.weekday()]]:
        text = str(value).upper()
        if text not in _WEEKDAYS:
            return None  # "2TU" and the like need a monthly rule
        days.append(_WEEKDAYS.index(text))
    interval = int(parts.get("INTERVAL", [1])[0])
    until = _until(parts, rule, found)
    if until is False:
        return None
    try:
        return weekly_rule(days, until if isinstance(until, date) else None, found.zone, interval)
    except DomainError:
        return None


def _until(parts: dict[str, Any], rule: Any, found: FoundSession) -> date | bool | None:
    """The last day of the series (from UNTIL or COUNT), None for none, False when it cannot be told."""
    if "UNTIL" in parts:
        value = parts["UNTIL"][0]
        if isinstance(value, datetime):
            moment = value if value.tzinfo is not None else value.replace(tzinfo=ZoneInfo(found.zone))
            return moment.astimezone(ZoneInfo(found.zone)).date()
        return value if isinstance(value, date) else False
    if "COUNT" in parts:
        from dateutil.rrule import rrulestr

        text = rule.to_ical().decode() if hasattr(rule, "to_ical") else str(rule)
        naive = found.start.replace(tzinfo=None)
        try:
            starts = list(rrulestr(text, dtstart=naive))
        except (ValueError, TypeError):
            return False
        return starts[-1].date() if starts else False
    return None


# -- against what was imported before ----------------------------------------------------------------------


def plan_import(schedule: Schedule, existing: Iterable[LearningSession]) -> ImportPlan:
    """What importing *schedule* into a learning item whose sessions are *existing* does: a session
    imported before (the same import key) is changed where the file changed it, else left alone."""
    before = {s.import_key: s for s in existing if s.import_key}
    new: list[FoundSession] = []
    changed: list[tuple[str, FoundSession]] = []
    unchanged: list[FoundSession] = []
    for found in schedule.sessions:
        old = before.get(found.key)
        if old is None:
            new.append(found)
        elif old.import_hash == found.fingerprint():
            unchanged.append(found)  # the file did not change it: whatever the person edited stays
        else:
            changed.append((old.id, found))
    return ImportPlan(schedule, new, changed, unchanged)


def as_sessions(found: Sequence[FoundSession], item_id: str) -> list[LearningSession]:
    """New learning sessions of the item for *found*."""
    from ..domain import LearningSession

    return [LearningSession(item_id=item_id, import_key=f.key, **f.session_fields()) for f in found]
