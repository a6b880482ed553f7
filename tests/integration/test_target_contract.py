"""What the sync engine relies on from every target, checked on each of them: the in-memory
reference, and the CalDAV target against real Radicale and Xandikos servers.

Servers may rewrite what they store (order of properties, line folding), so objects are compared
by what a calendar app reads from them, not byte for byte.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

import pytest
from caldav.calendarobjectresource import Event
from caldav.collection import Calendar
from icalendar import Calendar as ICalendar
from icalendar import vDDDTypes

from empower_desktop.sync.targets.base import ObjectNotFound, PreconditionFailed, Target
from empower_desktop.sync.targets.caldav_target import CalDAVTarget
from empower_desktop.sync.targets.memory import MemoryTarget

from .conftest import CalDAVServer

pytestmark = pytest.mark.integration

BERLIN = """BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""


def ics(uid: str, summary: str = "Rust in Action", *, body: str | None = None, timezones: str = "") -> bytes:
    """One VCALENDAR with one VEVENT, CRLF line ends as RFC 5545 wants."""
    event = body or "DTSTART:20260324T063000Z\nDTEND:20260324T071500Z\n"
    text = (
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Empower Desktop//tests//EN\n"
        f"{timezones}BEGIN:VEVENT\nUID:{uid}\nDTSTAMP:20260301T120000Z\nSUMMARY:{summary}\n"
        f"X-EMPOWER-ID:{uid}\n{event}END:VEVENT\nEND:VCALENDAR\n"
    )
    return text.replace("\n", "\r\n").encode()


def the_event(data: bytes) -> dict[str, object]:
    """What matters of the one VEVENT in *data*, as a calendar app reads it."""
    cal = ICalendar.from_ical(data)
    (event,) = cal.walk("VEVENT")
    seen: dict[str, object] = {}
    for name in ("UID", "SUMMARY", "X-EMPOWER-ID", "RRULE"):
        if name in event:
            seen[name] = event[name].to_ical()
    for name in ("DTSTART", "DTEND"):
        if name in event:
            prop = cast(vDDDTypes, event[name])  # a date or date-time; icalendar types it as any property
            seen[name] = (prop.to_ical(), prop.params.get("TZID"), prop.params.get("VALUE"), type(prop.dt).__name__)
    seen["VALARM"] = sorted(
        (alarm["ACTION"].to_ical(), alarm["TRIGGER"].to_ical(), str(alarm.get("DESCRIPTION", "")))
        for alarm in event.walk("VALARM")
    )
    seen["VTIMEZONE"] = sorted(str(tz["TZID"]) for tz in cal.walk("VTIMEZONE"))
    return seen


@dataclass
class Subject:
    """A target under test, and a second client on the same calendar (a phone, another app)."""

    target: MemoryTarget | CalDAVTarget
    put_foreign: Callable[[str, bytes], str]  # (uid, ics) -> href, written by the other client
    remove_foreign: Callable[[str], None]  # href, removed by the other client

    @property
    def requests(self) -> int:
        return self.target.requests


def _memory() -> Iterator[Subject]:
    target = MemoryTarget()

    def put(uid: str, data: bytes) -> str:
        href = f"/calendars/empower/phone-{uid}.ics"
        target.put_foreign(href, data)
        return href

    yield Subject(target, put, target.remove)


def _caldav(server: CalDAVServer) -> Iterator[Subject]:
    url = server.new_calendar()
    target = CalDAVTarget(url, server.username, server.password, name=server.name)
    with server.client() as client, target:
        other = Calendar(client, url=url)

        def put(uid: str, data: bytes) -> str:
            event = other.add_event(data.decode(), no_overwrite=True)
            assert isinstance(event, Event)  # the synchronous client
            return urlsplit(str(event.url)).path

        def remove(href: str) -> None:
            response = client.delete(urlsplit(url)._replace(path=href).geturl())
            assert response.status in (200, 204)

        yield Subject(target, put, remove)


@pytest.fixture(params=["memory", "radicale", "xandikos"])
def subject(request: pytest.FixtureRequest) -> Iterator[Subject]:
    if request.param == "memory":
        yield from _memory()
    else:
        yield from _caldav(request.getfixturevalue(f"{request.param}_server"))


def test_is_a_target(subject: Subject) -> None:
    target: Target = subject.target
    assert target.name
    methods = ("listing", "fetch", "href_for", "create", "update", "delete")
    assert all(callable(getattr(target, name)) for name in methods)


def test_create_then_listing_shows_it_with_the_returned_etag(subject: Subject) -> None:
    target = subject.target
    href, etag = target.create("session-1@empower-desktop", ics("session-1@empower-desktop"))
    assert href == target.href_for("session-1@empower-desktop")
    assert target.listing().etags == {href: etag}


def test_href_for_is_the_same_every_time_and_one_per_uid(subject: Subject) -> None:
    target = subject.target
    uids = ["session-1@empower-desktop", "session-2@empower-desktop", "Session-1@empower-desktop"]
    assert [target.href_for(u) for u in uids] == [target.href_for(u) for u in uids]
    assert len({target.href_for(u) for u in uids}) == len(uids)


def test_fetch_returns_what_was_written(subject: Subject) -> None:
    target = subject.target
    data = ics("session-1@empower-desktop", "Weekly Rust")
    href, etag = target.create("session-1@empower-desktop", data)
    (obj,) = target.fetch([href])
    assert (obj.href, obj.etag) == (href, etag)
    assert the_event(obj.ics) == the_event(data)


def test_fetch_many_in_one_request_leaves_missing_ones_out(subject: Subject) -> None:
    target = subject.target
    hrefs = [target.create(f"s{n}@empower-desktop", ics(f"s{n}@empower-desktop", f"n{n}"))[0] for n in range(5)]
    missing = target.href_for("never-made@empower-desktop")
    before = subject.requests
    found = target.fetch([hrefs[3], missing, *hrefs[:3], hrefs[4]])
    assert subject.requests - before == 1
    assert [o.href for o in found] == [hrefs[3], *hrefs[:3], hrefs[4]]
    assert [the_event(o.ics)["SUMMARY"] for o in found] == [b"n3", b"n0", b"n1", b"n2", b"n4"]
    assert target.fetch([]) == []


def test_create_twice_for_one_uid_fails_and_makes_no_duplicate(subject: Subject) -> None:
    target = subject.target
    href, etag = target.create("session-1@empower-desktop", ics("session-1@empower-desktop", "first"))
    with pytest.raises(PreconditionFailed):
        target.create("session-1@empower-desktop", ics("session-1@empower-desktop", "second"))
    assert target.listing().etags == {href: etag}
    (obj,) = target.fetch([href])
    assert the_event(obj.ics)["SUMMARY"] == b"first"


def test_update_with_the_current_etag_replaces_and_returns_the_new_etag(subject: Subject) -> None:
    target = subject.target
    href, etag = target.create("session-1@empower-desktop", ics("session-1@empower-desktop", "before"))
    new = target.update(href, ics("session-1@empower-desktop", "after"), etag)
    assert new != etag
    assert target.listing().etags == {href: new}
    (obj,) = target.fetch([href])
    assert (obj.etag, the_event(obj.ics)["SUMMARY"]) == (new, b"after")


def test_update_with_a_stale_etag_fails_and_changes_nothing(subject: Subject) -> None:
    target = subject.target
    href, stale = target.create("session-1@empower-desktop", ics("session-1@empower-desktop", "v1"))
    current = target.update(href, ics("session-1@empower-desktop", "v2 by someone else"), stale)
    with pytest.raises(PreconditionFailed):
        target.update(href, ics("session-1@empower-desktop", "v3 from an old copy"), stale)
    with pytest.raises(PreconditionFailed):
        target.delete(href, stale)
    (obj,) = target.fetch([href])
    assert (obj.etag, the_event(obj.ics)["SUMMARY"]) == (current, b"v2 by someone else")


def test_update_or_delete_of_a_missing_object_is_object_not_found(subject: Subject) -> None:
    target = subject.target
    href = target.href_for("gone@empower-desktop")
    with pytest.raises(ObjectNotFound):
        target.update(href, ics("gone@empower-desktop"), '"some-etag"')
    with pytest.raises(ObjectNotFound):
        target.delete(href, '"some-etag"')
    assert target.listing().etags == {}


def test_an_object_removed_by_someone_else_is_not_found(subject: Subject) -> None:
    target = subject.target
    href, etag = target.create("session-1@empower-desktop", ics("session-1@empower-desktop"))
    subject.remove_foreign(href)
    with pytest.raises(ObjectNotFound):
        target.update(href, ics("session-1@empower-desktop", "changed"), etag)
    with pytest.raises(ObjectNotFound):
        target.delete(href, etag)


def test_delete_with_the_right_etag(subject: Subject) -> None:
    target = subject.target
    href, etag = target.create("session-1@empower-desktop", ics("session-1@empower-desktop"))
    target.delete(href, etag)
    assert target.listing().etags == {}
    assert target.fetch([href]) == []
    # the UID is free again: a create at the same href works
    assert target.create("session-1@empower-desktop", ics("session-1@empower-desktop"))[0] == href


def test_listing_since_a_token_reports_only_what_changed(subject: Subject) -> None:
    target = subject.target
    a, a_etag = target.create("a@empower-desktop", ics("a@empower-desktop"))
    b, b_etag = target.create("b@empower-desktop", ics("b@empower-desktop"))
    c, c_etag = target.create("c@empower-desktop", ics("c@empower-desktop"))
    first = target.listing()
    assert first.complete and first.token is not None
    assert first.etags == {a: a_etag, b: b_etag, c: c_etag}

    a_etag = target.update(a, ics("a@empower-desktop", "changed"), a_etag)
    target.delete(b, b_etag)
    d, d_etag = target.create("d@empower-desktop", ics("d@empower-desktop"))

    since = target.listing(first.token)
    assert since.token is not None and since.token != first.token
    if since.complete:  # allowed for a server without sync tokens; none of these is one
        pytest.fail(f"{target.name} answered a valid token with a complete listing")
    assert since.etags == {a: a_etag, d: d_etag}
    assert since.deleted == {b}


def test_changes_by_another_client_show_in_the_token_listing(subject: Subject) -> None:
    target = subject.target
    ours, our_etag = target.create("ours@empower-desktop", ics("ours@empower-desktop"))
    first = target.listing()
    theirs = subject.put_foreign("theirs-1", ics("theirs-1", "Dentist"))
    subject.remove_foreign(ours)
    since = target.listing(first.token)
    assert not since.complete
    assert set(since.etags) == {theirs}
    assert since.deleted == {ours}
    assert our_etag not in since.etags.values()


def test_a_listing_with_no_changes_costs_one_request(subject: Subject) -> None:
    target = subject.target
    for n in range(20):
        target.create(f"s{n}@empower-desktop", ics(f"s{n}@empower-desktop"))
    token = target.listing().token
    before = subject.requests
    unchanged = target.listing(token)
    assert subject.requests - before == 1
    assert (unchanged.etags, unchanged.deleted, unchanged.complete) == ({}, frozenset(), False)
    assert unchanged.token is not None


def test_an_unknown_token_gives_a_complete_listing(subject: Subject) -> None:
    target = subject.target
    href, etag = target.create("a@empower-desktop", ics("a@empower-desktop"))
    again = target.listing("http://example.invalid/sync/" + uuid.uuid4().hex)
    assert again.complete
    assert again.etags == {href: etag}
    assert again.deleted == frozenset()
    assert again.token is not None


def test_time_zones_recurrence_and_alarms_survive_a_round_trip(subject: Subject) -> None:
    target = subject.target
    weekly = ics(
        "session-7@empower-desktop",
        "Rust (weekly)",
        timezones=BERLIN,
        body=(
            "DTSTART;TZID=Europe/Berlin:20260324T073000\n"
            "DTEND;TZID=Europe/Berlin:20260324T081500\n"
            "RRULE:FREQ=WEEKLY;UNTIL=20260430T000000Z;BYDAY=TU,TH\n"
            "BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:Rust (weekly)\nTRIGGER:-PT10M\nEND:VALARM\n"
        ),
    )
    deadline = ics(
        "goal-3@empower-desktop",
        "Deadline: certification",
        body=(
            "DTSTART;VALUE=DATE:20261231\nDTEND;VALUE=DATE:20270101\nTRANSP:TRANSPARENT\n"
            "BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:Deadline\nTRIGGER:-P7D\nEND:VALARM\n"
        ),
    )
    w_href, _ = target.create("session-7@empower-desktop", weekly)
    d_href, _ = target.create("goal-3@empower-desktop", deadline)
    by_href = {o.href: o.ics for o in target.fetch([w_href, d_href])}

    got = the_event(by_href[w_href])
    assert got == the_event(weekly)
    assert got["DTSTART"] == (b"20260324T073000", "Europe/Berlin", None, "datetime")
    assert got["RRULE"] == b"FREQ=WEEKLY;UNTIL=20260430T000000Z;BYDAY=TU,TH"
    assert got["VTIMEZONE"] == ["Europe/Berlin"]
    assert got["VALARM"] == [(b"DISPLAY", b"-PT10M", "Rust (weekly)")]

    got = the_event(by_href[d_href])
    assert got == the_event(deadline)
    assert got["DTSTART"] == (b"20261231", None, "DATE", "date")
    assert got["DTEND"] == (b"20270101", None, "DATE", "date")


def test_a_foreign_event_is_listed_but_never_touched(subject: Subject) -> None:
    target = subject.target
    theirs = subject.put_foreign("dentist-42", ics("dentist-42", "Dentist"))
    (their_etag,) = target.listing().etags.values()

    href, etag = target.create("session-1@empower-desktop", ics("session-1@empower-desktop"))
    etag = target.update(href, ics("session-1@empower-desktop", "moved"), etag)
    target.delete(href, etag)
    target.create("session-2@empower-desktop", ics("session-2@empower-desktop"))

    listing = target.listing()
    assert listing.etags[theirs] == their_etag
    (obj,) = target.fetch([theirs])
    assert obj.etag == their_etag
    assert the_event(obj.ics)["SUMMARY"] == b"Dentist"
