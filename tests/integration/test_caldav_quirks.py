"""Server quirks the CalDAV target copes with, as caldav's compatibility notes describe them for
servers that cannot run here: a small fake server gives exactly that answer."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from empower_desktop.sync.targets.caldav_target import CalDAVTarget, discover_calendars

pytestmark = pytest.mark.integration

EMPTY = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
Answer = tuple[int, dict[str, str], bytes]
XML = {"Content-Type": "application/xml; charset=utf-8"}


def multistatus(*responses: str, token: str | None = None) -> bytes:
    sync = f"<sync-token>{token}</sync-token>" if token else ""
    return f'<?xml version="1.0"?><multistatus xmlns="DAV:">{"".join(responses)}{sync}</multistatus>'.encode()


def response(href: str, props: str = "", status: int = 200) -> str:
    if not props:
        return f"<response><href>{href}</href><status>HTTP/1.1 {status} X</status></response>"
    return (
        f"<response><href>{href}</href><propstat><prop>{props}</prop>"
        f"<status>HTTP/1.1 {status} X</status></propstat></response>"
    )


def etag_server(put_etag: str | None, seen: list[str]) -> Callable[[str, str, dict[str, str]], Answer]:
    def answer(method: str, path: str, headers: dict[str, str]) -> Answer:
        seen.append(f"{method} {path}")
        if method == "PUT":
            return 201, ({"ETag": put_etag} if put_etag else {}), b""
        return 207, XML, multistatus(response(path, '<getetag>"strong-1"</getetag>'))

    return answer


@pytest.mark.parametrize(
    ("put_etag", "expected", "requests"),
    [
        (None, '"strong-1"', 2),  # none sent (the server changed the object, RFC 4791 5.3.4)
        ('W/"weak-1"', '"strong-1"', 2),  # weak on PUT, strong on GET: If-Match never matches a weak one (GMX)
        ("%22encoded-1%22", '"encoded-1"', 1),  # percent-encoded (Bedework)
        ('"plain-1"', '"plain-1"', 1),
    ],
)
def test_the_etag_of_a_put_is_one_that_if_match_can_use(
    fake_server: Callable[..., str], put_etag: str | None, expected: str, requests: int
) -> None:
    seen: list[str] = []
    url = fake_server(etag_server(put_etag, seen))
    with CalDAVTarget(url + "cal/", "alice", "pw") as target:
        href, etag = target.create("a@empower-desktop", EMPTY)
        assert (href, etag) == ("/cal/a@empower-desktop.ics", expected)
        assert target.requests == requests
    assert seen[:requests] == ["PUT /cal/a@empower-desktop.ics", "PROPFIND /cal/a@empower-desktop.ics"][:requests]


@pytest.mark.parametrize(
    "refusal",
    [
        (403, b'<error xmlns="DAV:"><valid-sync-token/></error>'),  # RFC 6578, Radicale
        (409, b'<error xmlns="DAV:"><valid-sync-token/></error>'),
        (412, b'<error xmlns="DAV:"><valid-sync-token/></error>'),  # Xandikos
        (500, b"Internal Server Error"),  # Xandikos and CCS for a token they cannot parse
    ],
)
def test_a_refused_token_means_a_complete_listing(fake_server: Callable[..., str], refusal: tuple[int, bytes]) -> None:
    refused: list[bool] = []

    def refusing(method: str, path: str, headers: dict[str, str]) -> Answer:
        assert method == "REPORT"
        if not refused:  # the first REPORT, with the old token
            refused.append(True)
            return refusal[0], XML, refusal[1]
        return 207, XML, multistatus(response("/cal/a.ics", '<getetag>"1"</getetag>'), token="new")

    url = fake_server(refusing)
    with CalDAVTarget(url + "cal/", "alice", "pw") as target:
        listing = target.listing("old-token")
        assert (listing.complete, listing.token, listing.etags) == (True, "new", {"/cal/a.ics": '"1"'})
        assert target.requests == 2


def test_a_server_without_sync_collection_is_listed_by_propfind(fake_server: Callable[..., str]) -> None:
    seen: list[str] = []

    def server(method: str, path: str, headers: dict[str, str]) -> Answer:
        seen.append(method)
        if method == "REPORT":
            return 501, {}, b"Not Implemented"
        return (
            207,
            XML,
            multistatus(
                response("/cal/", "<resourcetype><collection/></resourcetype>"),
                response("/cal/a.ics", '<getetag>"1"</getetag><resourcetype/>'),
            ),
        )

    url = fake_server(server)
    with CalDAVTarget(url + "cal/", "alice", "pw") as target:
        assert target.listing().etags == {"/cal/a.ics": '"1"'}
        assert target.listing("ignored").etags == {"/cal/a.ics": '"1"'}  # remembered: straight to PROPFIND
    assert seen == ["REPORT", "PROPFIND", "PROPFIND"]


def test_a_truncated_sync_answer_is_followed_to_the_end(fake_server: Callable[..., str]) -> None:
    pages = [
        multistatus(
            response("/cal/a.ics", '<getetag>"a"</getetag>'),
            response("/cal/", status=507),
            token="page-2",
        ),
        multistatus(response("/cal/b.ics", '<getetag>"b"</getetag>'), response("/cal/a.ics", status=404), token="end"),
    ]
    seen: list[str] = []

    def server(method: str, path: str, headers: dict[str, str]) -> Answer:
        seen.append(method)
        return 207, XML, pages.pop(0)

    url = fake_server(server)
    with CalDAVTarget(url + "cal/", "alice", "pw") as target:
        listing = target.listing("start")
    assert (listing.complete, listing.token) == (False, "end")
    assert listing.etags == {"/cal/b.ics": '"b"'}
    assert listing.deleted == {"/cal/a.ics"}
    assert seen == ["REPORT", "REPORT"]


def test_a_bare_server_address_is_found_through_well_known(fake_server: Callable[..., str]) -> None:
    """As Nextcloud does: the root is a web page, /.well-known/caldav redirects to the DAV service."""

    def server(method: str, path: str, headers: dict[str, str]) -> Answer:
        if path == "/.well-known/caldav":
            return 301, {"Location": "/remote.php/dav/"}, b""
        if path == "/remote.php/dav/":
            principal = "<current-user-principal><href>/remote.php/dav/principals/alice/</href>"
            principal += "</current-user-principal>"
            return 207, XML, multistatus(response(path, principal))
        if path == "/remote.php/dav/principals/alice/":
            home = (
                '<C:calendar-home-set xmlns:C="urn:ietf:params:xml:ns:caldav">'
                "<href>/remote.php/dav/calendars/alice/</href></C:calendar-home-set>"
            )
            return 207, XML, multistatus(response(path, home))
        if path == "/remote.php/dav/calendars/alice/" and method == "PROPFIND":
            calendar = (
                '<resourcetype><collection/><C:calendar xmlns:C="urn:ietf:params:xml:ns:caldav"/></resourcetype>'
                "<displayname>Work</displayname>"
            )
            home_itself = response(path, "<resourcetype><collection/></resourcetype>")
            return 207, XML, multistatus(home_itself, response(path + "work/", calendar))
        return 404, {"Content-Type": "text/html"}, b"<html><body>Welcome</body></html>"

    url = fake_server(server)
    (found,) = discover_calendars(url, "alice", "pw")
    assert (found.name, found.supports_events) == ("Work", True)
    assert found.url == url + "remote.php/dav/calendars/alice/work/"
