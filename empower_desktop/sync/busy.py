"""Busy time read from the calendars the person lives in: other calendars of a CalDAV account, an
.ics file, or a published feed (an https link).

- A CalDAV calendar is read with one REPORT per refresh: a calendar query for the events in the
  time range, whose repeats are expanded here with their own VTIMEZONEs; where the account may not
  read the events (only their free-busy), the server's free-busy query (RFC 4791 7.10), which then
  gives busy periods without titles and cannot tell all-day events apart. The free-busy query is
  not the first choice because a server works it out with its own time-zone handling: Radicale
  (through vobject) keeps the first VTIMEZONE it parses for a TZID for every later answer, and one
  written as a list of RDATEs (as icalendar writes them, and as other clients may) puts its summer
  times an hour off (seen on Radicale 3.9; Xandikos 0.4 answers right). The app itself writes
  yearly RRULEs where a zone allows (sync.mapping.vtimezone), but cannot vouch for other clients.
- A feed is fetched with one conditional GET (If-None-Match / If-Modified-Since): an answer
  "not modified" keeps what was read before.
- A file is read again only when its size or time of change differs.

Events are expanded with recurring-ical-events (EXDATEs, moved and cancelled occurrences
included). Left out: events marked free, cancelled events, events the person declined (an
ATTENDEE with one of the person's addresses and PARTSTAT=DECLINED), and the app's own events
(X-EMPOWER-ID: the app knows its sessions and meetings from its own records). All-day events are
kept and marked, so the choice whether they count can change without reading again.

Every failure is a BusyReadError whose message names the calendar in one line.
"""

from __future__ import annotations

import http.client
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit
from xml.sax.saxutils import quoteattr

from ..errors import ActionableError
from .importing import _decode
from .targets.base import TargetError
from .targets.caldav_target import CALDAV, DEFAULT_TIMEOUT, _Connection
from .targets.http import HttpClient, is_loopback

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from icalendar import Calendar

FREE_BUSY = "free-busy"
QUERY = "query"
MAX_FEED_BYTES = 50 * 1024 * 1024


class BusyReadError(ActionableError):
    """A busy calendar could not be read; the message names it and says why, in one line."""


@dataclass(frozen=True, slots=True)
class BusySpan:
    """A stretch of busy time as read (instants in UTC)."""

    start: datetime
    end: datetime
    label: str = ""
    all_day: bool = False


@dataclass(frozen=True, slots=True)
class BusyRead:
    """What one refresh of a busy calendar gave."""

    spans: list[BusySpan] | None  # None: unchanged since the last read (keep what was read then)
    validator: str  # what tells next time whether it changed (a feed's ETag, a file's size and time)
    method: str = ""  # for CalDAV: FREE_BUSY or QUERY, so the next refresh sends the one that works
    requests: int = 0  # HTTP requests sent


# -- reading iCalendar text -------------------------------------------------------------------------------


def _calendars(data: bytes, name: str) -> list[Calendar]:
    from icalendar import Calendar

    text = _decode(data)
    if "BEGIN:VCALENDAR" not in text[:4096].upper():
        raise BusyReadError(f"{name} is not a calendar: it does not begin as an .ics file.")
    damaged = f"{name} is damaged: it begins as a calendar but cannot be read to the end."
    if "END:VCALENDAR" not in text[-4096:].upper():
        raise BusyReadError(damaged)  # cut off on the way
    try:
        found = Calendar.from_ical(text, multiple=True)
    except (ValueError, IndexError, KeyError, TypeError):
        raise BusyReadError(damaged) from None
    calendars = [c for c in found if getattr(c, "name", "") == "VCALENDAR"]
    if not calendars:
        raise BusyReadError(damaged)
    return calendars


def _declined(event: Any, me: frozenset[str]) -> bool:
    if not me:
        return False
    attendees = event.get("ATTENDEE")
    if attendees is None:
        return False
    for attendee in attendees if isinstance(attendees, list) else [attendees]:
        address = str(attendee).lower().removeprefix("mailto:").strip()
        if address in me and str(attendee.params.get("PARTSTAT", "")).upper() == "DECLINED":
            return True
    return False


def _instant(value: date | datetime, tz: ZoneInfo) -> tuple[datetime, bool]:
    """An instant in UTC, and whether *value* was a date (an all-day event's day starts at midnight in
    the person's zone); floating times are the person's zone's too."""
    if isinstance(value, datetime):
        local = value if value.tzinfo is not None else value.replace(tzinfo=tz)
        return local.astimezone(UTC), False
    return datetime.combine(value, time(0), tz).astimezone(UTC), True


def spans_from_ics(
    data: bytes, start: datetime, end: datetime, tz: ZoneInfo, me: Iterable[str] = (), name: str = "The calendar"
) -> list[BusySpan]:
    """The busy time of the events in *data* from *start* to *end* (aware), repeats expanded."""
    import recurring_ical_events

    addresses = frozenset(a.lower() for a in me)
    spans: list[BusySpan] = []
    for calendar in _calendars(data, name):
        try:
            occurrences = recurring_ical_events.of(calendar, skip_bad_series=True).between(start, end)
        except Exception as exc:  # the library's errors for a calendar it cannot expand
            raise BusyReadError(f"{name} has events whose times cannot be read ({_first_line(exc)}).") from None
        for event in occurrences:
            if "X-EMPOWER-ID" in event:
                continue
            if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
                continue
            if str(event.get("STATUS", "")).upper() == "CANCELLED" or _declined(event, addresses):
                continue
            try:
                begin = event.get("DTSTART").dt
                finish = event.get("DTEND").dt if "DTEND" in event else None
            except AttributeError:
                continue
            first, all_day = _instant(begin, tz)
            if finish is None:
                if not all_day:
                    continue  # an instant, no stretch of time
                finish = begin + timedelta(days=1)
            last, _ = _instant(finish, tz)
            if last > first:
                spans.append(BusySpan(first, last, str(event.get("SUMMARY", "")).strip(), all_day))
    spans.sort(key=lambda s: (s.start, s.end))
    return spans


def spans_from_free_busy(data: bytes, name: str = "The calendar") -> list[BusySpan]:
    """The busy periods of a free-busy answer (VFREEBUSY): every FBTYPE but FREE."""
    spans: list[BusySpan] = []
    for calendar in _calendars(data, name):
        for component in calendar.walk("VFREEBUSY"):
            values = component.get("FREEBUSY")
            if values is None:
                continue
            for prop in values if isinstance(values, list) else [values]:
                if str(prop.params.get("FBTYPE", "BUSY")).upper() == "FREE":
                    continue
                for period in _periods(prop):
                    spans.append(period)
    spans.sort(key=lambda s: (s.start, s.end))
    return spans


def _periods(prop: Any) -> list[BusySpan]:
    """The period of one FREEBUSY value (icalendar gives each period of a line on its own)."""
    try:
        begin, end_or_length = prop.dt
    except (AttributeError, TypeError, ValueError):
        return []
    if not isinstance(begin, datetime):
        return []
    end = begin + end_or_length if isinstance(end_or_length, timedelta) else end_or_length
    if not isinstance(end, datetime) or end <= begin:
        return []
    return [BusySpan(begin.astimezone(UTC), end.astimezone(UTC))]


def _bytes(body: bytes | str | None) -> bytes:
    return body if isinstance(body, bytes) else (body or "").encode("utf-8")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:80] if text else "unreadable"


# -- reading the sources ----------------------------------------------------------------------------------


def read_file(
    path: Path, validator: str, start: datetime, end: datetime, tz: ZoneInfo, me: Iterable[str], name: str
) -> BusyRead:
    """An .ics file, read again only if its size or time of change differ from *validator*."""
    try:
        stat = path.stat()
        seen = f"{stat.st_size}:{stat.st_mtime_ns}"
        if seen == validator:
            return BusyRead(None, validator)
        data = path.read_bytes()
    except FileNotFoundError:
        raise BusyReadError(f"{name}: the file {path} is not there any more.") from None
    except PermissionError:
        raise BusyReadError(f"{name}: the file {path} may not be read (no permission).") from None
    except OSError:
        raise BusyReadError(f"{name}: the file {path} cannot be read.") from None
    return BusyRead(spans_from_ics(data, start, end, tz, me, name), seen)


def feed_url(link: str) -> str:
    """A feed's link as it is fetched: webcal:// is https://; plain http only to this machine."""
    text = link.strip()
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme in ("webcal", "webcals"):
        parts = parts._replace(scheme="https")
    elif scheme == "http" and not is_loopback(parts.hostname or ""):
        raise BusyReadError(f"{text} is not a secure link: use its https:// address.")
    elif scheme not in ("https", "http"):
        raise BusyReadError(f"“{text}” is not a calendar link (it should begin with https:// or webcal://).")
    if not parts.hostname:
        raise BusyReadError(f"“{text}” is not a calendar link: it names no server.")
    return urlunsplit(parts)


def read_feed(
    link: str,
    validator: str,
    start: datetime,
    end: datetime,
    tz: ZoneInfo,
    me: Iterable[str],
    name: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> BusyRead:
    """A published calendar (an https link), with one conditional GET: "not modified" keeps what
    was read before."""
    url = feed_url(link)
    headers = {"Accept": "text/calendar, */*;q=0.5"}
    etag, _, modified = validator.partition("\n")
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    client = HttpClient("", "", timeout=timeout)
    try:
        answer = client.request("GET", url, None, headers)
    except (OSError, http.client.HTTPException) as exc:
        raise BusyReadError(f"{name} could not be fetched: {_network_reason(exc, url)}.") from None
    finally:
        client.close()
    if answer.status == 304:
        return BusyRead(None, validator, requests=1)
    if answer.status in (401, 403):
        raise BusyReadError(f"{name}: the server refused the link (HTTP {answer.status}); the feed may be private.")
    if answer.status == 404:
        raise BusyReadError(f"{name}: the server has no calendar at this link (HTTP 404).")
    if answer.status >= 300:
        raise BusyReadError(f"{name}: the server answered with a problem (HTTP {answer.status}); try again later.")
    if len(answer.body) > MAX_FEED_BYTES:
        raise BusyReadError(f"{name} is larger than 50 MB; that is not a calendar feed.")
    etag, modified = answer.headers.get("ETag") or "", answer.headers.get("Last-Modified") or ""
    seen = f"{etag}\n{modified}" if etag or modified else ""
    return BusyRead(spans_from_ics(answer.body, start, end, tz, me, name), seen, requests=1)


def _network_reason(exc: BaseException, url: str) -> str:
    host = urlsplit(url).hostname or url
    if isinstance(exc, TimeoutError):
        return f"{host} did not answer in time"
    return f"{host} cannot be reached (offline, or the address is wrong)"


def _time_range(start: datetime, end: datetime) -> str:
    fmt = "%Y%m%dT%H%M%SZ"
    first, last = (quoteattr(moment.astimezone(UTC).strftime(fmt)) for moment in (start, end))
    return f"<C:time-range start={first} end={last}/>"


def _free_busy_body(start: datetime, end: datetime) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">{_time_range(start, end)}</C:free-busy-query>'
    )


def _query_body(start: datetime, end: datetime) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
        "<D:prop><C:calendar-data/></D:prop>"
        '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
        f"{_time_range(start, end)}</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>"
    )


def read_caldav(
    calendar_url: str,
    username: str,
    password: str,
    method: str,
    start: datetime,
    end: datetime,
    tz: ZoneInfo,
    me: Iterable[str],
    name: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    allow_insecure: bool = False,
) -> BusyRead:
    """A calendar of a CalDAV account, with one REPORT: the events in the range, or the free-busy
    query where the account may only read that (*method* remembers it, so later refreshes ask it
    straight away)."""
    try:
        conn = _Connection(calendar_url, username, password, timeout=timeout, allow_insecure=allow_insecure)
    except TargetError as exc:
        raise BusyReadError(f"{name}: {exc}") from None
    with conn:
        try:
            if method != FREE_BUSY:
                answer = conn.send("REPORT", conn.base_url, _query_body(start, end), {"Depth": "1"})
                if answer.multistatus:
                    spans: list[BusySpan] = []
                    for response in answer.responses():
                        text = response.prop(CALDAV + "calendar-data")
                        if text and text.strip():
                            spans.extend(spans_from_ics(text.encode("utf-8"), start, end, tz, me, name))
                    spans.sort(key=lambda s: (s.start, s.end))
                    return BusyRead(spans, "", QUERY, conn.requests)
                if answer.status != 403:
                    conn.fail(answer, "reading the busy time", probe=True)
            answer = conn.send("REPORT", conn.base_url, _free_busy_body(start, end), {"Depth": "1"})
            if answer.status == 200 and answer.body and b"VFREEBUSY" in _bytes(answer.body):
                return BusyRead(spans_from_free_busy(_bytes(answer.body), name), "", FREE_BUSY, conn.requests)
            conn.fail(answer, "reading the busy time", probe=True)
        except TargetError as exc:
            raise BusyReadError(f"{name}: {exc}") from None
