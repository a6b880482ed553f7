"""The CalDAV target's own behaviour on real servers, beyond the contract every target keeps:
finding and making calendars, the listing without sync tokens, hrefs for awkward UIDs, and how
few requests it sends."""

from __future__ import annotations

import pytest

from empower_desktop.sync.targets import caldav_target
from empower_desktop.sync.targets.caldav_target import CalDAVTarget, create_calendar, discover_calendars

from .conftest import CalDAVServer
from .test_target_contract import ics, the_event

pytestmark = pytest.mark.integration


def target(server: CalDAVServer, url: str, **options: bool) -> CalDAVTarget:
    return CalDAVTarget(url, server.username, server.password, name=server.name, **options)


def test_discover_finds_the_calendars_from_the_server_address(server: CalDAVServer, calendar_url: str) -> None:
    found = discover_calendars(server.url, server.username, server.password)
    by_url = {c.url: c for c in found}
    assert calendar_url in by_url
    assert by_url[calendar_url].supports_events


def test_create_calendar_makes_a_new_one_each_time_and_it_can_be_synced(server: CalDAVServer) -> None:
    first = create_calendar(server.url, server.username, server.password, name="Empower")
    second = create_calendar(server.url, server.username, server.password, name="Empower")
    assert first.url != second.url
    assert (first.name, first.supports_events) == ("Empower", True)
    found = {c.url: c.name for c in discover_calendars(server.url, server.username, server.password)}
    assert found[first.url] == found[second.url] == "Empower"
    with target(server, first.url) as made:
        href, etag = made.create("a@empower-desktop", ics("a@empower-desktop"))
        assert made.listing().etags == {href: etag}
    with target(server, second.url) as other:
        assert other.listing().etags == {}


def test_a_new_target_lists_an_unchanged_calendar_in_one_request(server: CalDAVServer, calendar_url: str) -> None:
    with target(server, calendar_url) as first_run:
        for n in range(10):
            first_run.create(f"s{n}@empower-desktop", ics(f"s{n}@empower-desktop"))
        token = first_run.listing().token
    with target(server, calendar_url) as next_run:  # as after a restart of the app
        unchanged = next_run.listing(token)
        assert next_run.requests == 1
        assert (unchanged.etags, unchanged.deleted, unchanged.complete) == ({}, frozenset(), False)


def test_without_sync_tokens_the_listing_is_one_propfind(server: CalDAVServer, calendar_url: str) -> None:
    with target(server, calendar_url, sync_tokens=False) as plain:
        a, a_etag = plain.create("a@empower-desktop", ics("a@empower-desktop"))
        b, b_etag = plain.create("b@empower-desktop", ics("b@empower-desktop"))
        before = plain.requests
        listing = plain.listing("some-token-from-before")
        assert plain.requests - before == 1
        assert (listing.complete, listing.token, listing.etags) == (True, None, {a: a_etag, b: b_etag})
        plain.delete(b, b_etag)
        assert plain.listing().etags == {a: a_etag}


@pytest.mark.parametrize(
    "uid",
    [
        "session-1@empower-desktop",
        "with space+plus@x",
        "slash/in/it",
        "question?hash#percent%",
        "ünïcödé-€",
        "x" * 300,
    ],
)
def test_awkward_uids_get_an_href_every_server_takes(server: CalDAVServer, calendar_url: str, uid: str) -> None:
    with target(server, calendar_url) as cal:
        data = ics(uid, "awkward")
        href, etag = cal.create(uid, data)
        assert href == cal.href_for(uid)
        assert cal.listing().etags == {href: etag}
        (obj,) = cal.fetch([href])
        assert the_event(obj.ics)["UID"] == uid.encode()
        cal.delete(href, etag)
        assert cal.listing().etags == {}


def test_a_large_calendar_lists_and_fetches_in_few_requests(
    server: CalDAVServer, calendar_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(caldav_target, "MULTIGET_CHUNK", 20)  # 200 in the app; smaller keeps this quick
    with target(server, calendar_url) as cal:
        hrefs = [cal.create(f"s{n}@empower-desktop", ics(f"s{n}@empower-desktop", f"n{n}"))[0] for n in range(45)]
        before = cal.requests
        listing = cal.listing()
        objects = cal.fetch(hrefs)
        assert cal.requests - before == 4  # one listing, three multiget chunks
        assert set(listing.etags) == set(hrefs)
        assert [o.href for o in objects] == hrefs
        assert [the_event(o.ics)["SUMMARY"] for o in objects] == [f"n{n}".encode() for n in range(45)]
