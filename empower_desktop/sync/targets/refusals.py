"""Why a CalDAV server refused a write, in words a person can act on.

A server that refuses a PUT or DELETE (403, 409, 412, 413, 415, 423, 507, ...) often says why in
the body: a DAV:error element holding one or more precondition elements, e.g.

    <D:error xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><C:no-uid-conflict/></D:error>

`refusal()` turns the status and those precondition names into a `Refusal`: a stable `cause` key to
group by (a sync of 70 events all refused for one reason reports one line with a count), what it
means and what to do. The names come from RFC 4918 16 (WebDAV), RFC 4791 5.3.2.1 and 9.1.1
(CalDAV), RFC 6638 3.2.4.1 (scheduling), RFC 3744 7.1.1 (access control), RFC 4331 (quota),
RFC 5689 (extended MKCOL), RFC 6578 (sync) and RFC 7809 (time zones).

Names are matched by their local name in any namespace, so a server that puts a standard name in
its own namespace is understood too. Elements that describe rather than name a precondition (the
DAV:responsedescription some servers add, SabreDAV's exception and message) are left out. A name
this module does not know is shown as it is, with advice to ask the server's administrator.

When a body names several preconditions, the most specific known one wins, in this order:

1. a limit the events break: the kind of item the calendar takes, size, dates, repetitions,
   participants, time zones;
2. an identity already taken: the UID, or the same meeting in another calendar;
3. a scheduling rule about a meeting's organizer and participants;
4. the calendar data as a whole (servers often send one of these beside a more specific one);
5. the calendar or account: write rights, protected details, storage, locks, where a calendar
   may be made;
6. the request itself: sync tokens, reports, XML the server would not read.

Then a name this module does not know (the first one in the body), and last the status alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree import ElementTree

__all__ = ["Refusal", "known_causes", "preconditions_of", "refusal"]

DAV = "{DAV:}"

# Elements inside a DAV:error that explain rather than name a precondition: the description
# Xandikos and Cyrus add (iSchedule spells it response-description), and everything in SabreDAV's
# namespace (the exception's class, its message, the server's version, a stack trace).
_DESCRIPTIVE = frozenset({"responsedescription", "response-description", "href", "status"})
_SABREDAV = "{http://sabredav.org/ns}"

# A DAV:error body is a few hundred bytes; anything much larger is not one worth reading.
_MAX_BODY = 256 * 1024

_ACTIONS = {
    "creating": "add",
    "adding": "add",
    "putting": "add",
    "uploading": "add",
    "changing": "change",
    "updating": "change",
    "editing": "change",
    "replacing": "change",
    "moving": "change",
    "deleting": "delete",
    "removing": "delete",
}


@dataclass(frozen=True)
class Refusal:
    """Why a server refused a write: a key to group by, what it means, and what to do.

    Two refusals for the same reason (and the same kind of write) are equal and hash alike, so a
    caller may count them in a dict or a Counter and report each reason once.
    """

    cause: str  # a stable key: the precondition's name ("no-uid-conflict"), or "http-403" without one
    meaning: str  # one short clause, lower case, without a final period: what the server said
    advice: str  # one short clause, capitalised, without a final period: what the person can do

    def sentence(self, count: int = 1) -> str:
        """The line a person reads, e.g. "70 events were refused: <meaning>. <advice>."."""
        subject = "1 event was" if count == 1 else f"{count} events were"
        return f"{subject} refused: {self.meaning}. {self.advice}."


@dataclass(frozen=True)
class _Entry:
    names: tuple[str, ...]  # the local names it answers to; the first is the cause key
    meaning: str
    advice: str


# The advice that recurs.
_REPORT = "Update Empower Desktop; if it keeps happening, report it together with the server's name"
_OTHER_CALENDAR = "Choose a calendar that takes events for this account, then sync again"
_LOCKED = "Wait until the other app is done with it, then sync again"
_RESYNC = "Sync again; if it keeps happening, contact the server's administrator"
_LATER = "Try again later; if it keeps happening, tell the server's administrator"

# In order of precedence: the first entry a body names wins (see the module's docstring).
_ENTRIES: tuple[_Entry, ...] = (
    # 1. a limit the events break (RFC 4791 5.3.2.1, RFC 7809)
    _Entry(
        ("supported-calendar-component",),
        "this calendar does not take events (it may hold only tasks or notes)",
        _OTHER_CALENDAR,
    ),
    _Entry(
        ("max-resource-size",),
        "the server accepts no events this large",
        "Shorten long descriptions or notes, then sync again",
    ),
    _Entry(
        ("min-date-time",),
        "the server accepts no events dated this far in the past",
        "Move those events to a later date or delete them, then sync again",
    ),
    _Entry(
        ("max-date-time",),
        "the server accepts no events dated this far in the future",
        "Move those events to an earlier date or delete them, then sync again",
    ),
    _Entry(
        ("max-instances",),
        "a repeating event has more occurrences than the server allows",
        "Give the repetition an end date or fewer occurrences, then sync again",
    ),
    _Entry(
        ("max-attendees-per-instance",),
        "a meeting has more participants than the server allows",
        "Remove some participants or split the meeting, then sync again",
    ),
    _Entry(
        ("valid-timezone",),
        "the server does not accept a time zone the events use",
        "Set a common time zone (your city's) for the app, then sync again",
    ),
    # 2. an identity already taken (RFC 4791, RFC 6638 3.2.4.1)
    _Entry(
        ("no-uid-conflict",),
        "another event on this calendar account already uses the same UID",
        "Delete the old copy (perhaps left in another calendar of this account), then sync again",
    ),
    _Entry(
        ("unique-scheduling-object-resource",),
        "the same meeting is already in another calendar of this account",
        "Delete the other copy of the meeting, then sync again",
    ),
    # 3. a scheduling rule (RFC 6638 3.2.4.1)
    _Entry(
        ("same-organizer-in-all-components",),
        "the occurrences of a repeating meeting name different organizers",
        "Give the whole series one organizer, then sync again",
    ),
    _Entry(
        ("allowed-organizer-scheduling-object-change",),
        "the server does not allow this change to a meeting you organize",
        "Undo the change, or make it in the calendar's own app or website",
    ),
    _Entry(
        ("allowed-attendee-scheduling-object-change",),
        "you are invited to this meeting, and only its organizer may change it",
        "Ask the organizer to make the change; you may change only your own reply",
    ),
    _Entry(
        ("valid-organizer",),
        "the server does not accept the meeting's organizer",
        "Make the organizer the e-mail address of this calendar account, then sync again",
    ),
    _Entry(
        ("valid-scheduling-message",),
        "the server could not turn the meeting into valid invitations",
        "Check the e-mail addresses of the organizer and participants, then sync again",
    ),
    # 4. the calendar data as a whole (RFC 4791 5.3.2.1)
    _Entry(
        ("supported-calendar-data",),
        "the server does not take calendar data in the format the app sends",
        "Choose a calendar on a server that takes standard calendar files (iCalendar)",
    ),
    _Entry(
        ("valid-calendar-object-resource",),
        "the event data breaks the server's calendar rules",
        _REPORT,
    ),
    _Entry(
        ("valid-calendar-data",),
        "the server could not read the event data the app sent",
        _REPORT,
    ),
    # 5. the calendar or account (RFC 3744 7.1.1, RFC 4918 16, RFC 4331, RFC 4791 5.3.1.1, RFC 5689)
    _Entry(
        # RFC 4791 spells it needs-privilege in MKCALENDAR's list, and servers copied that
        ("need-privileges", "needs-privilege", "needs-privileges"),
        "you may not {do} this calendar (read-only, or shared without write access)",
        "Choose a calendar you own, or ask its owner for write access",
    ),
    _Entry(
        ("cannot-modify-protected-property",),
        "the server does not let apps change this detail of the calendar",
        "Leave it as it is, or change it in the server's own app or website",
    ),
    _Entry(
        ("quota-not-exceeded",),
        "your storage space on the server is used up",
        "Delete events or files you no longer need on this account, or ask the provider for more space",
    ),
    _Entry(
        ("sufficient-disk-space",),
        "the server's disk is full",
        _LATER,
    ),
    _Entry(
        ("lock-token-submitted",),
        "the calendar or event is locked by another app",
        _LOCKED,
    ),
    _Entry(
        ("no-conflicting-lock",),
        "the calendar or event is locked by another app",
        _LOCKED,
    ),
    _Entry(
        ("calendar-collection-location-ok",),
        "the server does not allow a calendar to be made in this place",
        "Choose an existing calendar, or create one in the server's own app or website",
    ),
    _Entry(
        ("valid-resourcetype",),
        "the server cannot make this kind of calendar here",
        "Choose an existing calendar, or create one in the server's own app or website",
    ),
    _Entry(
        ("resource-must-be-null",),
        "something already exists at that address on the server",
        _RESYNC,
    ),
    # 6. the request itself (RFC 6578, RFC 3253, RFC 4918 16)
    _Entry(
        ("valid-sync-token",),
        "the server no longer knows where the last sync left off",
        "Sync again; the app will then compare the whole calendar",
    ),
    _Entry(
        ("number-of-matches-within-limits",),
        "the calendar holds more events than the server lists at once",
        "Sync again later; if it keeps happening, delete old events from this calendar",
    ),
    _Entry(
        ("supported-report",),
        "the server lacks a calendar feature the app needs",
        "Check that the address is a CalDAV calendar, or ask the server's administrator",
    ),
    _Entry(
        ("no-external-entities",),
        "the server would not read the app's request, judging it unsafe",
        _REPORT,
    ),
)

_BY_NAME = {name: (rank, entry) for rank, entry in enumerate(_ENTRIES) for name in entry.names}

# What the status alone says, when the body names no precondition ("{doing}": adding events, ...).
_STATUSES: dict[int, tuple[str, str]] = {
    400: ("the server could not understand what the app sent (HTTP 400)", _REPORT),
    401: (
        "the server did not accept the user name or password (HTTP 401)",
        "Check the user name and password of this calendar account",
    ),
    403: (
        "the calendar may be read-only or belong to someone else (HTTP 403)",
        "Choose a calendar you may change, or ask its owner for write access",
    ),
    404: (
        "the calendar or event is no longer on the server (HTTP 404)",
        "Sync again; if it keeps happening, choose the calendar again for this account",
    ),
    405: (
        "the server does not allow {doing} at this address (HTTP 405)",
        "Check that this account points at a calendar, not at another kind of folder",
    ),
    409: (
        "the server found a conflict with what the calendar holds (HTTP 409)",
        "Sync again; if it keeps happening, check that the calendar still exists",
    ),
    410: (
        "the calendar or event is no longer on the server (HTTP 410)",
        "Sync again; if it keeps happening, choose the calendar again for this account",
    ),
    412: (
        "the event was changed on the server in the meantime (HTTP 412)",
        "Sync again; the app will then compare both versions",
    ),
    413: ("the server accepts no events this large (HTTP 413)", "Shorten long descriptions or notes, then sync again"),
    415: (
        "the server does not take calendar data at this address (HTTP 415)",
        "Check that this account points at a calendar, not at another kind of folder",
    ),
    423: ("the calendar or event is locked by another app (HTTP 423)", _LOCKED),
    429: ("the server is busy and asked the app to slow down (HTTP 429)", "Try again in a few minutes"),
    507: (
        "the server's storage or your space on it is full (HTTP 507)",
        "Delete events or files you no longer need on this account, or ask the provider for more space",
    ),
}

_VERBS = {"add": "add events to", "change": "change events on", "delete": "delete events from", "": "change"}
_GERUNDS = {"add": "adding events", "change": "changing events", "delete": "deleting events", "": "this change"}


def refusal(status: int, preconditions: Iterable[str], doing: str = "") -> Refusal:
    """Why the server refused, from its HTTP *status* and the *preconditions* its DAV:error body
    named (ElementTree tags such as "{urn:ietf:params:xml:ns:caldav}no-uid-conflict"; prefixed
    names such as "DAV:need-privileges" do too).

    *doing* is what was refused, as the caller words it ("creating /cal/a.ics", "deleting ...");
    only its first word is used (adding, changing or deleting events), never the rest, so that
    refusals of the same kind of write compare equal whatever the href.
    """
    action = _ACTIONS.get(doing.strip().split(" ", 1)[0].casefold(), "")
    names = [name for name in (_local_name(tag) for tag in preconditions if _is_precondition(tag)) if name]
    known = [_BY_NAME[name] for name in names if name in _BY_NAME]
    if known:
        _, entry = min(known, key=lambda ranked: ranked[0])
        return Refusal(entry.names[0], entry.meaning.format(do=_VERBS[action]), entry.advice)
    if names:
        return Refusal(
            names[0],
            f"the server's rule “{names[0]}” was not met",
            "Check the calendar on the server, or ask its administrator what the rule means",
        )
    return _from_status(status, action)


def preconditions_of(body: bytes | str | None) -> list[str]:
    """The precondition names a DAV:error body holds, e.g. ["{DAV:}need-privileges"]; [] for no
    body, a body that is no DAV:error, malformed XML, or one with a document type declaration (a
    DAV:error never needs one, and it is how entity-expansion attacks come)."""
    if not body or len(body) > _MAX_BODY:
        return []
    raw = body.encode("utf-8") if isinstance(body, str) else body
    if re.search(rb"<!(DOCTYPE|ENTITY)", raw, re.IGNORECASE):
        return []
    try:
        root = ElementTree.fromstring(raw)
    except (ElementTree.ParseError, ValueError):
        return []
    if root.tag != DAV + "error":
        return []
    return [child.tag for child in root if isinstance(child.tag, str) and _is_precondition(child.tag)]


def known_causes() -> tuple[str, ...]:
    """The cause keys of the preconditions this module words itself, in order of precedence."""
    return tuple(entry.names[0] for entry in _ENTRIES)


def _is_precondition(tag: str) -> bool:
    return not tag.startswith(_SABREDAV) and _local_name(tag) not in _DESCRIPTIVE


def _local_name(tag: str) -> str:
    """The name without its namespace ("{DAV:}need-privileges", "D:need-privileges" and
    "need-privileges" alike), kept to the characters an XML name may have and to a readable length."""
    name = tag.rsplit("}", 1)[-1] if "}" in tag else tag.rsplit(":", 1)[-1]
    return re.sub(r"[^A-Za-z0-9._-]", "", name)[:60]


def _from_status(status: int, action: str) -> Refusal:
    cause = f"http-{status}"
    if status in _STATUSES:
        meaning, advice = _STATUSES[status]
        return Refusal(cause, meaning.format(doing=_GERUNDS[action]), advice)
    if status >= 500:
        return Refusal(cause, f"the server had a problem (HTTP {status})", _LATER)
    return Refusal(
        cause,
        f"the server gave no reason (HTTP {status})",
        "Try again later; if it keeps happening, ask the server's administrator",
    )
