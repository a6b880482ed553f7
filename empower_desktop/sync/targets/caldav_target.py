"""A calendar on a CalDAV server (RFC 4791), as a sync target.

The requests are written here, on the small HTTP client in `http.py`, because the engine needs
what a high-level CalDAV API hides: the conditional headers (`If-None-Match: *` to create,
`If-Match: <etag>` to change or delete), the ETag each write returns, and as few round trips as
possible. (The `caldav` package would do, but importing it costs more than a whole sync with no
changes; the tests use it as the other client that reads back what the app wrote.)

- discovery: current-user-principal, then its calendar-home-set, then the calendars in it; for a
  bare server address whose root is no CalDAV, /.well-known/caldav first (RFC 6764);

- listing: one sync-collection REPORT (RFC 6578) when the server has sync tokens, so a sync with
  no changes costs one request; otherwise, or when the server no longer knows the token, a full
  listing (the REPORT without a token, or PROPFIND Depth 1 for the ETags);
- fetch: one calendar-multiget REPORT for many hrefs;
- create, update, delete: one PUT or DELETE each (plus one PROPFIND when the server sends no
  ETag after a PUT, or to tell "changed" from "gone" after a 412). The target is safe to call
  from several threads: its requests share a pool of up to `connections` keep-alive connections
  (fewer when the server asks to slow down or refuses one), so the engine can have that many
  writes on the way at once. A request answered 429 or 503 is sent again after a pause: every
  write is conditional, so one the server did after all fails its precondition instead of
  happening twice.

`requests` counts the HTTP requests actually sent, the 401 of an auth negotiation included.

Every failure becomes a TargetError subclass with a message a person can act on. The password
lives only in the HTTP client; it is never part of a message, a log line or a repr.
"""

from __future__ import annotations

import hashlib
import http.client
import re
import socket
import ssl
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, NoReturn, Self
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from .base import (
    InsecureConnection,
    Listing,
    NotCalDAV,
    ObjectNotFound,
    PasswordRefused,
    PreconditionFailed,
    RemoteObject,
    SecureConnectionFailed,
    ServerProblem,
    ServerRefused,
    ServerUnreachable,
    Target,
    TargetError,
)
from .http import DigestUnsupported, HttpPool, is_loopback
from .refusals import refusal

DEFAULT_TIMEOUT = 30.0  # seconds, for each request
DEFAULT_CONNECTIONS = 4  # writes on the way at once: round trips shared, and no server strains at four
MULTIGET_CHUNK = 200  # hrefs per calendar-multiget REPORT; servers limit request sizes
MAX_SYNC_PAGES = 100  # a server may truncate a sync-collection answer (RFC 6578 3.6)

DAV = "{DAV:}"
CALDAV = "{urn:ietf:params:xml:ns:caldav}"

# Characters a path segment may hold as they are (RFC 3986 pchar, without "%"). Hrefs are put in
# this one spelling, so the href a PUT used and the one a listing reports compare equal.
_PCHAR = "-._~!$&'()*+,;=:@"
_SAFE_UID = re.compile(r"[A-Za-z0-9@_-][A-Za-z0-9._@-]{0,199}")


@dataclass(frozen=True)
class CalendarInfo:
    """A calendar collection found on the server."""

    name: str
    url: str
    supports_events: bool
    supports_todos: bool


# -- account level: find or make the calendar ----------------------------------------------------------


def discover_calendars(
    url: str, username: str, password: str, *, timeout: float = DEFAULT_TIMEOUT, allow_insecure: bool = False
) -> list[CalendarInfo]:
    """The calendars of *username* on the server at *url* (the server's address, the principal's or
    a calendar's): current-user-principal, then the calendar home set; for a bare server address
    whose root is no CalDAV, /.well-known/caldav (RFC 6764)."""
    conn, home = _account(url, username, password, timeout=timeout, allow_insecure=allow_insecure)
    with conn:
        answer = conn.send("PROPFIND", home, _PROPFIND_CALENDARS, {"Depth": "1"})
        if not answer.multistatus:
            conn.fail(answer, "listing the calendars", probe=True)
        found = [_calendar_info(conn, r) for r in answer.responses() if _is_calendar(r)]
        if not found:
            # Some servers only show a calendar to whoever names it: the URL itself may be one.
            answer = conn.send("PROPFIND", conn.base_url, _PROPFIND_CALENDARS, {"Depth": "0"})
            if answer.multistatus:
                found = [_calendar_info(conn, r) for r in answer.responses() if _is_calendar(r)]
        return sorted(found, key=lambda c: (c.name.casefold(), c.url))


def create_calendar(
    url: str,
    username: str,
    password: str,
    name: str = "Empower",
    *,
    timeout: float = DEFAULT_TIMEOUT,
    allow_insecure: bool = False,
) -> CalendarInfo:
    """Make a new calendar collection called *name* in the user's calendar home (MKCALENDAR)."""
    conn, home = _account(url, username, password, timeout=timeout, allow_insecure=allow_insecure)
    with conn:
        slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "calendar"
        # "empower/", else "empower-2/", ...: a readable address that does not take an existing one.
        candidates = [slug, *(f"{slug}-{n}" for n in range(2, 5)), f"{slug}-{uuid.uuid4().hex[:12]}"]
        for candidate in candidates:
            target = urljoin(home, _canonical_path(candidate) + "/")
            answer = conn.send("MKCALENDAR", target, _mkcalendar_body(name))
            if 200 <= answer.status < 300:
                break
            taken = DAV + "resource-must-be-null" in answer.preconditions or answer.status in (405, 409, 412)
            if not taken or candidate == candidates[-1]:
                conn.fail(answer, f"creating the calendar {name!r}")
        answer = conn.send("PROPFIND", target, _PROPFIND_CALENDARS, {"Depth": "0"})
        infos = [_calendar_info(conn, r) for r in answer.responses() if _is_calendar(r)] if answer.multistatus else []
        return infos[0] if infos else CalendarInfo(name, target, True, True)


def _account(
    url: str, username: str, password: str, *, timeout: float, allow_insecure: bool
) -> tuple[_Connection, str]:
    """An open connection to the account, and its calendar home's URL (ending in "/")."""
    conn = _Connection(url, username, password, timeout=timeout, allow_insecure=allow_insecure)
    try:
        home = conn.calendar_home()
    except NotCalDAV:
        conn.close()
        parts = urlsplit(conn.base_url)
        if parts.path not in ("", "/"):
            raise
        # A bare server address: ask where its CalDAV service is (the same host redirects).
        well_known = urlunsplit((parts.scheme, parts.netloc, "/.well-known/caldav", "", ""))
        conn = _Connection(well_known, username, password, timeout=timeout, allow_insecure=allow_insecure)
        try:
            home = conn.calendar_home()
        except NotCalDAV:
            conn.close()
            raise NotCalDAV(f"{url} does not look like a CalDAV server") from None
        except BaseException:
            conn.close()
            raise
    except BaseException:
        conn.close()
        raise
    return conn, home if home.endswith("/") else home + "/"


# -- the target -------------------------------------------------------------------------------------------


class CalDAVTarget:
    """One calendar collection on a CalDAV server, addressed by its URL."""

    def __init__(
        self,
        calendar_url: str,
        username: str,
        password: str,
        *,
        name: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        allow_insecure: bool = False,
        sync_tokens: bool = True,
        connections: int = DEFAULT_CONNECTIONS,
    ) -> None:
        self._conn = _Connection(
            calendar_url, username, password, timeout=timeout, allow_insecure=allow_insecure, connections=connections
        )
        self.connections = max(1, connections)
        self.url = self._conn.base_url if self._conn.base_url.endswith("/") else self._conn.base_url + "/"
        self.path = _canonical_path(urlsplit(self.url).path)
        self.username = username
        self.name = name or f"CalDAV {self.url}"
        # None: not known yet; the first listing finds out whether the server has sync tokens.
        self._sync_tokens: bool | None = None if sync_tokens else False

    @property
    def requests(self) -> int:
        """HTTP requests sent so far."""
        return self._conn.requests

    @property
    def retried(self) -> int:
        """Of those, how many were sent again because the server asked to slow down (429, 503, a
        bare 423): the server's doing, not the sync's."""
        return self._conn.http.retried

    def __repr__(self) -> str:
        return f"CalDAVTarget(name={self.name!r}, url={self.url!r}, username={self.username!r})"

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # -- the contract ----------------------------------------------------------------------------
    def listing(self, token: str | None = None) -> Listing:
        if self._sync_tokens is not False:
            result = self._sync_collection(token or "")
            if result is _INVALID_TOKEN:  # the server forgot the token: list everything anew
                result = self._sync_collection("")
            if isinstance(result, Listing):
                self._sync_tokens = True
                return result
            self._sync_tokens = False  # no sync-collection here: from now on straight to PROPFIND
        return self._etag_listing()

    def fetch(self, hrefs: list[str]) -> list[RemoteObject]:
        wanted = list(dict.fromkeys(_canonical_path(h) for h in hrefs))
        found: dict[str, RemoteObject] = {}
        for start in range(0, len(wanted), MULTIGET_CHUNK):
            chunk = wanted[start : start + MULTIGET_CHUNK]
            asked = set(chunk)
            answer = self._conn.send("REPORT", self.url, _multiget_body(chunk))
            if not answer.multistatus:
                self._conn.fail(answer, "reading events", probe=True)
            for response in answer.responses():
                href = self._href(response)
                data = response.prop(CALDAV + "calendar-data")
                if response.status != 200 or data is None or href not in asked:
                    continue
                ics = data.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
                found[href] = RemoteObject(href, response.prop(DAV + "getetag") or "", ics)
        return [found[h] for h in wanted if h in found]

    def href_for(self, uid: str) -> str:
        return self.path + _object_name(uid)

    def create(self, uid: str, ics: bytes) -> tuple[str, str]:
        href = self.href_for(uid)
        answer = self._conn.send("PUT", self._url(href), ics, {"If-None-Match": "*", **_ICS})
        if answer.status in (200, 201, 204):
            return href, self._etag_after_put(href, answer)
        if _UID_CONFLICT in answer.preconditions:  # 403 (RFC 4791) or 412 (Xandikos)
            if self._current_etag(href) is not None:
                raise PreconditionFailed(f"Something is already at {href}")  # ours, from a run cut off
            # Another object, elsewhere in this calendar or (on some servers) in the account, has it.
            raise ServerRefused(refusal(answer.status, answer.preconditions, f"creating {href}"))
        if answer.status == 412:
            raise PreconditionFailed(f"Something is already at {href}")
        self._conn.fail(answer, f"creating {href}")

    def update(self, href: str, ics: bytes, etag: str) -> str:
        href = _canonical_path(href)
        answer = self._conn.send("PUT", self._url(href), ics, {"If-Match": etag, **_ICS})
        if answer.status in (200, 201, 204):
            return self._etag_after_put(href, answer)
        if answer.status in (404, 410):
            raise ObjectNotFound(f"{href} is no longer on the calendar")
        if answer.status == 412:
            self._conflict(href)
        self._conn.fail(answer, f"changing {href}")

    def delete(self, href: str, etag: str) -> None:
        href = _canonical_path(href)
        answer = self._conn.send("DELETE", self._url(href), None, {"If-Match": etag})
        if 200 <= answer.status < 300:
            return
        if answer.status in (404, 410):
            raise ObjectNotFound(f"{href} is no longer on the calendar")
        if answer.status == 412:
            self._conflict(href)
        self._conn.fail(answer, f"deleting {href}")

    # -- listing ---------------------------------------------------------------------------------
    def _sync_collection(self, token: str) -> Listing | object:
        """A Listing, or _INVALID_TOKEN, or _UNSUPPORTED."""
        etags: dict[str, str] = {}
        deleted: set[str] = set()
        since = token
        for _page in range(MAX_SYNC_PAGES):
            answer = self._conn.send("REPORT", self.url, _sync_body(since), {"Depth": "0"})
            if answer.status == 404:
                self._calendar_missing()
            if not answer.multistatus:
                # Radicale answers an unknown token 403, Xandikos 412 (500 for one that is not a
                # hex SHA, as CCS does), RFC 6578 says 403 or 409 with DAV:valid-sync-token. So
                # any refusal of a token means: start over without one. A server that really is
                # in trouble fails that request too, and says so there.
                if since and answer.status not in (401, 404):
                    return _INVALID_TOKEN
                if answer.status == 401 or (answer.status >= 500 and answer.status != 501):
                    self._conn.fail(answer, "listing the calendar", probe=True)
                # Any other refusal of a listing without a token: no sync-collection here.
                return _UNSUPPORTED
            new_token = answer.sync_token()
            if new_token is None:
                return _UNSUPPORTED
            truncated = False
            for response in answer.responses():
                href = self._href(response)
                if response.status == 507 and href == self.path:
                    truncated = True
                elif href == self.path or href.endswith("/"):
                    continue
                elif response.status == 404:
                    etags.pop(href, None)
                    deleted.add(href)
                else:
                    etags[href] = response.prop(DAV + "getetag") or ""
                    deleted.discard(href)
            since = new_token
            if not truncated:
                break
        if not token:
            return Listing(etags, since, complete=True)
        return Listing(etags, since, complete=False, deleted=frozenset(deleted))

    def _etag_listing(self) -> Listing:
        answer = self._conn.send("PROPFIND", self.url, _PROPFIND_ETAGS, {"Depth": "1"})
        if answer.status == 404:
            self._calendar_missing()
        if not answer.multistatus:
            self._conn.fail(answer, "listing the calendar", probe=True)
        etags: dict[str, str] = {}
        for response in answer.responses():
            href = self._href(response)
            if href == self.path or href.endswith("/") or response.status != 200:
                continue
            if DAV + "collection" in response.resourcetype():
                continue
            etags[href] = response.prop(DAV + "getetag") or ""
        return Listing(etags, None, complete=True)

    # -- helpers ---------------------------------------------------------------------------------
    def _url(self, href: str) -> str:
        return urljoin(self.url, href)

    def _href(self, response: _Response) -> str:
        return _canonical_path(urlsplit(response.href).path)

    def _etag_after_put(self, href: str, answer: _Answer) -> str:
        etag = str(answer.headers.get("ETag") or "").strip()
        if etag.startswith("%22"):  # Bedework percent-encodes it (caldav's compatibility notes)
            etag = unquote(etag)
        if etag.startswith('"'):
            return etag
        # No ETag: the server changed what it stored (RFC 4791 5.3.4) or never sends one. A weak
        # one (W/"...", GMX) can never match an If-Match, so that counts as none. Ask for it.
        current = self._current_etag(href)
        if current is None:
            raise TargetError(f"The server accepted {href} but does not show it afterwards")
        return current

    def _current_etag(self, href: str) -> str | None:
        """The ETag of the object at *href*, or None when nothing is there."""
        answer = self._conn.send("PROPFIND", self._url(href), _PROPFIND_ETAGS, {"Depth": "0"})
        if answer.status in (404, 410):
            return None
        if not answer.multistatus:
            self._conn.fail(answer, f"reading {href}")
        for response in answer.responses():
            if response.status == 200 and self._href(response) == href:
                return response.prop(DAV + "getetag") or ""
        return None  # Xandikos answers a missing object 207 with a 404 inside

    def _conflict(self, href: str) -> NoReturn:
        """After a 412 on If-Match: tell "someone changed it" from "it is gone" (servers answer both 412)."""
        if self._current_etag(href) is None:
            raise ObjectNotFound(f"{href} is no longer on the calendar")
        raise PreconditionFailed(f"{href} was changed on the server since it was last read")

    def _calendar_missing(self) -> NoReturn:
        raise TargetError(f"The calendar {self.url} is not on the server (any more); choose it again in the settings")


# -- the requests' bodies; the connection: request counting, errors translated --------------------

_ICS = {"Content-Type": "text/calendar; charset=utf-8"}
_VALID_SYNC_TOKEN = DAV + "valid-sync-token"
_UID_CONFLICT = CALDAV + "no-uid-conflict"
_INVALID_TOKEN = object()
_UNSUPPORTED = object()

_XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>'
_PROPFIND_ETAGS = f'{_XML_HEAD}<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>'
_PROPFIND_PRINCIPAL = f'{_XML_HEAD}<d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/></d:prop></d:propfind>'
_PROPFIND_HOME = (
    f'{_XML_HEAD}<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop>'
    "<c:calendar-home-set/></d:prop></d:propfind>"
)
_PROPFIND_CALENDARS = (
    f'{_XML_HEAD}<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop>'
    "<d:resourcetype/><d:displayname/><c:supported-calendar-component-set/></d:prop></d:propfind>"
)


def _sync_body(token: str) -> str:
    return (
        f'{_XML_HEAD}<d:sync-collection xmlns:d="DAV:"><d:sync-token>{escape(token)}</d:sync-token>'
        "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>"
    )


def _multiget_body(hrefs: list[str]) -> str:
    items = "".join(f"<d:href>{escape(h)}</d:href>" for h in hrefs)
    return (
        f'{_XML_HEAD}<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
        f"<d:prop><d:getetag/><c:calendar-data/></d:prop>{items}</c:calendar-multiget>"
    )


def _mkcalendar_body(name: str) -> str:
    return (
        f'{_XML_HEAD}<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop>'
        f"<d:displayname>{escape(name)}</d:displayname>"
        '<c:supported-calendar-component-set><c:comp name="VEVENT"/><c:comp name="VTODO"/>'
        "</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>"
    )


def _object_name(uid: str) -> str:
    """The file name of the object with this UID: the UID itself where every server takes it as a
    name, otherwise a readable part of it plus a hash of all of it (servers refuse "/" and "?" or
    read "%2F" as a folder), so that one UID always gives the same name."""
    if _SAFE_UID.fullmatch(uid):
        return f"{uid}.ics"
    readable = re.sub(r"[^A-Za-z0-9._@-]+", "_", uid)[:60].strip("_.")
    digest = hashlib.sha256(uid.encode("utf-8")).hexdigest()[:16]
    return f"{readable}-{digest}.ics" if readable else f"{digest}.ics"


def _canonical_path(path: str) -> str:
    """One spelling for a URL path: pchar characters as they are, everything else %-encoded
    (upper-case hex). "%2F" stays encoded, so a "/" inside a UID never becomes a path step."""

    def decode(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if (char.isalnum() and char.isascii()) or char in _PCHAR else match.group(0).upper()

    path = re.sub(r"%([0-9A-Fa-f]{2})", decode, path)
    return quote(path, safe=_PCHAR + "/%")


def _check_url(url: str, allow_insecure: bool) -> str:
    url = url.strip()
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise NotCalDAV(f"{url} is not a web address; a CalDAV address starts with https://")
    if parts.username or parts.password:
        raise TargetError("Put the user name and password in their own fields, not in the server address")
    if parts.scheme == "http" and not allow_insecure and not is_loopback(parts.hostname):
        raise InsecureConnection(
            f"{url} uses plain http:// to another computer, so the password and the calendar would "
            "travel unencrypted. Use the server's https:// address, or allow an insecure connection "
            "explicitly if this is a network you trust."
        )
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


class _Response:
    """One DAV:response of a multistatus."""

    def __init__(self, element: Any) -> None:
        self._element = element
        self.href = (element.findtext(DAV + "href") or "").strip()  # its %-encoding is kept
        self.status = _status_code(element.findtext(DAV + "status"))
        self._props: dict[str, ElementTree.Element] = {}
        propstat_status = None
        for propstat in element.iter(DAV + "propstat"):
            code = _status_code(propstat.findtext(DAV + "status"))
            if code == 200:
                for prop in propstat.iter(DAV + "prop"):
                    for child in prop:
                        self._props[child.tag] = child
            propstat_status = propstat_status or code
        if element.find(DAV + "status") is None and propstat_status is not None and not self._props:
            self.status = propstat_status

    def element(self, tag: str) -> ElementTree.Element | None:
        """The element of property *tag*, if the server gave it (status 200)."""
        return self._props.get(tag)

    def prop(self, tag: str) -> str | None:
        element = self._props.get(tag)
        return None if element is None else (element.text or "")

    def resourcetype(self) -> set[str]:
        element = self._props.get(DAV + "resourcetype")
        return set() if element is None else {child.tag for child in element}

    def components(self) -> set[str] | None:
        element = self._props.get(CALDAV + "supported-calendar-component-set")
        if element is None or len(element) == 0:
            return None
        return {str(child.get("name", "")).upper() for child in element}


def _status_code(text: str | None) -> int:
    parts = (text or "").split()
    return int(parts[1]) if len(parts) >= 2 and parts[1].isdigit() else 200


class _Answer:
    """What the server answered to one request."""

    def __init__(self, status: int, headers: Any, tree: Any, body: bytes | str | None) -> None:
        self.status = status
        self.headers = headers  # an http.client.HTTPMessage or a dict: .get(name)
        self.tree = tree
        self.body = body
        self.preconditions = _preconditions(tree) if status >= 400 else []

    @property
    def multistatus(self) -> bool:
        """A 207 Multi-Status with a DAV:multistatus body: what WebDAV answers to PROPFIND and REPORT."""
        return self.status == 207 and self.tree is not None and self.tree.tag == DAV + "multistatus"

    @property
    def reason(self) -> str:
        """The server's precondition names, e.g. "no-uid-conflict", or ""."""
        return ", ".join(name.rsplit("}", 1)[-1] for name in self.preconditions)

    def responses(self) -> list[_Response]:
        if self.tree is None:
            return []
        return [_Response(element) for element in self.tree.iter(DAV + "response")]

    def sync_token(self) -> str | None:
        if self.tree is None:
            return None
        element = self.tree.find(DAV + "sync-token")  # the multistatus's own, not one inside a response
        return None if element is None else (str(element.text or "").strip() or None)


class _Connection:
    """An HTTP client for one server and user, with every failure turned into a TargetError."""

    def __init__(
        self, url: str, username: str, password: str, *, timeout: float, allow_insecure: bool, connections: int = 1
    ) -> None:
        self.base_url = _check_url(url, allow_insecure)
        parts = urlsplit(self.base_url)
        self.host = parts.hostname or ""
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.username = username
        self.timeout = timeout
        self.allow_insecure = allow_insecure
        # Basic auth goes with the first request (no 401 round trip) where that is safe: over TLS
        # or to this machine. Elsewhere, or if the server wants Digest, its challenge is answered.
        self.http = HttpPool(username, password, timeout=timeout, connections=connections)

    @property
    def requests(self) -> int:
        return self.http.sent

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def send(
        self, method: str, url: str, body: str | bytes | None, headers: Mapping[str, str] | None = None
    ) -> _Answer:
        fields = dict(headers or {})
        if isinstance(body, str):
            fields.setdefault("Content-Type", 'application/xml; charset="utf-8"')
            body = body.encode("utf-8")
        with self.translated_errors(url):
            if urlsplit(url).scheme == "http" and not self.allow_insecure:
                _check_url(url, allow_insecure=False)  # a server may name a home on another host
            answer = self.http.request(method, url, body, fields)
        tree = _parse_xml(answer.body, answer.status, answer.headers.get("Content-Type") or "")
        self._check_multistatus(answer.status, tree)
        return _Answer(answer.status, answer.headers, tree, answer.body)

    def _check_multistatus(self, status: int, tree: Any) -> None:
        """A 207 Multi-Status promises an XML body. One that is not XML did not arrive whole (an
        answer cut off on the way, with nothing to mark its end): a network failure, worth trying
        again, not a sign that this is no CalDAV server."""
        if status == 207 and tree is None:
            raise ServerUnreachable(
                f"The answer from {self.host}:{self.port} was cut off on the way (HTTP 207 without its "
                "whole body); try again later"
            )

    def calendar_home(self) -> str:
        """The calendar home set's URL (RFC 4791 6.2.1), found through the current user's
        principal (RFC 5397); a server without one is taken to be its own principal."""
        principal = self._property(self.base_url, _PROPFIND_PRINCIPAL, DAV + "current-user-principal")
        home = self._property(principal or self.base_url, _PROPFIND_HOME, CALDAV + "calendar-home-set")
        if home is None:
            raise NotCalDAV(f"{self.base_url} does not look like a CalDAV server (no calendar home)")
        return home

    def _property(self, url: str, body: str, tag: str) -> str | None:
        """The URL in the href of property *tag* of *url* (made absolute), or None."""
        answer = self.send("PROPFIND", url, body, {"Depth": "0"})
        if not answer.multistatus:
            self.fail(answer, "looking up the calendars", probe=True)
        for response in answer.responses():
            element = response.element(tag)
            href = None if element is None else element.findtext(DAV + "href")
            if href and href.strip():
                return urljoin(url, href.strip())
        return None

    def fail(self, answer: _Answer, doing: str, *, probe: bool = False) -> NoReturn:
        """Raise the error that fits a failed answer. *probe*: a request any CalDAV server
        answers (PROPFIND, REPORT on the calendar), so a refusal means this is no CalDAV server."""
        status = answer.status
        if status == 401:
            raise PasswordRefused(self._password_refused())
        if status == 429 or (status >= 500 and status != 507):
            raise ServerProblem(_server_problem(status))
        if probe and status != 403 and not answer.preconditions:
            raise NotCalDAV(f"{self.base_url} does not look like a CalDAV server (HTTP {status} when {doing})")
        why = refusal(status, answer.preconditions, doing)
        if probe:  # the calendar as a whole, not one event
            raise TargetError(f"The server refused {doing} for {self.username}: {why.meaning}. {why.advice}.")
        raise ServerRefused(why)

    def _password_refused(self) -> str:
        return (
            f"The server refused the password for {self.username}. Check the user name and password "
            "(some providers, such as iCloud and Fastmail, need an app-specific password)."
        )

    @contextmanager
    def translated_errors(self, url: str) -> Iterator[None]:
        """Turn what the network and the HTTP client raise into TargetErrors with a clear message."""
        where = f"{self.host}:{self.port}"
        try:
            yield
        except TargetError:
            raise
        except DigestUnsupported as exc:
            raise TargetError(str(exc)) from None
        except (OSError, http.client.HTTPException) as exc:
            raise _network_error(exc, self.host, where, self.timeout) from None


def _parse_xml(body: bytes, status: int, content_type: str) -> Any:
    """The root element of an XML answer, or None (no body, not XML, or not all of it arrived)."""
    if not body or (status != 207 and "xml" not in content_type.lower()):
        return None
    try:
        return ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return None


def _preconditions(tree: Any) -> list[str]:
    """The names of the preconditions a DAV:error body says failed (RFC 4918 16), e.g.
    "{urn:ietf:params:xml:ns:caldav}no-uid-conflict"."""
    if tree is None or tree.tag != DAV + "error":
        return []
    return [str(child.tag) for child in tree]


def _server_problem(status: int) -> str:
    if status == 429:
        return "The server is busy and asked to slow down (HTTP 429); try again later"
    return f"The server had a problem (HTTP {status}); try again later"


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        todo.extend(a for a in current.args if isinstance(a, BaseException))
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            todo.append(reason)


def _network_error(exc: BaseException, host: str, where: str, timeout: float) -> TargetError:
    causes = list(_causes(exc))
    text = " ".join(str(c) for c in causes)
    if any(isinstance(c, ssl.SSLCertVerificationError) for c in causes) or "CERTIFICATE_VERIFY_FAILED" in text:
        return SecureConnectionFailed(
            f"The certificate of {host} could not be verified, so the connection was not made: "
            "the server's certificate is not trusted, expired, or made out to another name"
        )
    if any(isinstance(c, ssl.SSLError) for c in causes):
        return SecureConnectionFailed(
            f"A secure (TLS) connection to {where} failed; check that the address is right and "
            "starts with https:// only if the server speaks https there"
        )
    if any(isinstance(c, socket.gaierror) for c in causes) or "NameResolution" in text:
        return ServerUnreachable(f"The server {host} was not found; check the address and the internet connection")
    if any(isinstance(c, ConnectionRefusedError) for c in causes) or "Connection refused" in text:
        return ServerUnreachable(
            f"{where} refused the connection: no server is listening there; check the address and port"
        )
    if any(isinstance(c, TimeoutError) for c in causes):
        return ServerUnreachable(f"{host} did not answer within {timeout:g} seconds; try again later")
    if any(isinstance(c, http.client.IncompleteRead) for c in causes):
        return ServerUnreachable(f"The answer from {where} was cut off on the way; try again later")
    if any(isinstance(c, http.client.RemoteDisconnected) for c in causes):
        return ServerUnreachable(f"{where} closed the connection without answering; try again later")
    if any(isinstance(c, ConnectionError) for c in causes):
        return ServerUnreachable(f"The connection to {where} broke off; try again later")
    return ServerUnreachable(f"Could not talk to {where}: the connection failed; try again later")


def _is_calendar(response: _Response) -> bool:
    return response.status == 200 and CALDAV + "calendar" in response.resourcetype()


def _calendar_info(conn: _Connection, response: _Response) -> CalendarInfo:
    path = _canonical_path(urlsplit(response.href).path)
    url = urljoin(conn.base_url, path)
    name = response.prop(DAV + "displayname") or unquote(path.rstrip("/").rsplit("/", 1)[-1])
    components = response.components()
    return CalendarInfo(
        name=name,
        url=url,
        supports_events=components is None or "VEVENT" in components,
        supports_todos=components is None or "VTODO" in components,
    )


if TYPE_CHECKING:

    def _keeps_the_contract(target: CalDAVTarget) -> Target:
        return target  # mypy checks CalDAVTarget against the Target protocol here
