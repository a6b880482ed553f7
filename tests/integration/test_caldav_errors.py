"""What a person reads when the CalDAV connection fails, and that the password is never in it.

Real failures, made on this machine: a wrong password on Radicale, a closed port, a server that
never answers, a tiny HTTP server answering 500 or plain web pages, a TLS server with a
certificate nobody vouches for. Nothing here leaves 127.0.0.1.
"""

from __future__ import annotations

import base64
import datetime as dt
import ipaddress
import logging
import socket
import ssl
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from empower_desktop.sync.targets.base import (
    InsecureConnection,
    NotCalDAV,
    PasswordRefused,
    SecureConnectionFailed,
    ServerProblem,
    ServerRefused,
    ServerUnreachable,
    TargetError,
)
from empower_desktop.sync.targets.caldav_target import CalDAVTarget, create_calendar, discover_calendars

from ..servers import free_port
from .conftest import CalDAVServer, Responder, always

pytestmark = pytest.mark.integration

WRONG = "Wr0ng-pa55word-Zq9"


def assert_no_password(error: BaseException, *others: object, password: str = WRONG) -> None:
    for text in (str(error), repr(error), *(repr(o) for o in others)):
        assert password not in text


# -- the password ---------------------------------------------------------------------------------------


def test_a_wrong_password_says_so_and_never_shows_it(
    radicale_server: CalDAVServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    url = radicale_server.new_calendar()
    with CalDAVTarget(url, radicale_server.username, WRONG) as target:
        with pytest.raises(PasswordRefused) as refused:
            target.listing()
        assert str(refused.value).startswith("The server refused the password for alice")
        assert_no_password(refused.value, target)
    with pytest.raises(PasswordRefused) as refused:
        discover_calendars(radicale_server.url, radicale_server.username, WRONG)
    assert str(refused.value).startswith("The server refused the password for alice")
    assert_no_password(refused.value)
    # nor in any log line, not even base64-encoded in a logged Authorization header
    basic = base64.b64encode(f"alice:{WRONG}".encode()).decode()
    assert caplog.records, "the HTTP stack logged nothing at DEBUG: this check would be empty"
    assert WRONG not in caplog.text and basic not in caplog.text


def test_the_right_password_after_a_wrong_one_works(radicale_server: CalDAVServer) -> None:
    url = radicale_server.new_calendar()
    with CalDAVTarget(url, radicale_server.username, radicale_server.password) as target:
        assert target.listing().etags == {}
        assert target.requests == 1  # Basic auth sent with the first request: no 401 round trip
        assert radicale_server.password not in repr(target)


def test_credentials_in_the_address_are_refused_without_echoing_them() -> None:
    with pytest.raises(TargetError) as refused:
        CalDAVTarget(f"https://alice:{WRONG}@calendar.example.com/cal/", "alice", WRONG)
    assert "own fields" in str(refused.value)
    assert_no_password(refused.value)


# -- the network ------------------------------------------------------------------------------------------


def test_a_closed_port_is_a_connection_message() -> None:
    port = free_port()  # bound and closed again: nobody listens there
    with CalDAVTarget(f"http://127.0.0.1:{port}/cal/", "alice", WRONG) as target:
        with pytest.raises(ServerUnreachable, match=f"127.0.0.1:{port} refused the connection") as failed:
            target.listing()
        assert_no_password(failed.value, target)
    with pytest.raises(ServerUnreachable, match="refused the connection"):
        discover_calendars(f"http://127.0.0.1:{port}/", "alice", WRONG)


def test_a_server_that_never_answers_times_out() -> None:
    with socket.socket() as silent:  # accepts connections (the backlog) and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        target = CalDAVTarget(f"http://127.0.0.1:{port}/cal/", "alice", WRONG, timeout=0.5)
        with target, pytest.raises(ServerUnreachable, match=r"did not answer within 0\.5 seconds"):
            target.listing()


def test_an_unknown_host_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def resolve(host: object, *args: object, **kwargs: object) -> object:
        if host == "calendar.example.com":  # as a resolver answers for a name that does not exist
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    target = CalDAVTarget("https://calendar.example.com/cal/", "alice", WRONG)
    with target, pytest.raises(ServerUnreachable, match=r"The server calendar\.example\.com was not found"):
        target.listing()


def _self_signed(tmp_path: Path) -> ssl.SSLContext:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .sign(key, hashes.SHA256())
    )
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    return context


def test_a_certificate_nobody_vouches_for_is_refused(fake_server: Callable[..., str], tmp_path: Path) -> None:
    url = fake_server(always(207), tls=_self_signed(tmp_path))
    target = CalDAVTarget(url + "cal/", "alice", WRONG)
    with target, pytest.raises(SecureConnectionFailed, match=r"certificate of 127\.0\.0\.1 could not be verified"):
        target.listing()


def test_https_to_a_plain_http_port_is_a_tls_failure(fake_server: Callable[..., str]) -> None:
    url = fake_server(always(207)).replace("http://", "https://")
    target = CalDAVTarget(url + "cal/", "alice", WRONG)
    with target, pytest.raises(SecureConnectionFailed, match="secure"):
        target.listing()


# -- the server -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "headers"), [(500, {}), (502, {}), (503, {"Retry-After": "120"})])
def test_a_failing_server_says_try_again_later(
    fake_server: Callable[..., str], status: int, headers: dict[str, str]
) -> None:
    url = fake_server(always(status, {"Content-Type": "text/html", **headers}, b"<h1>Oops</h1>"))
    message = rf"The server had a problem \(HTTP {status}\); try again later"
    with CalDAVTarget(url + "cal/", "alice", WRONG) as target:
        with pytest.raises(ServerProblem, match=message):
            target.listing()
        with pytest.raises(ServerProblem, match=message):
            target.create("a@empower-desktop", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    with pytest.raises(ServerProblem, match=message):
        discover_calendars(url, "alice", WRONG)


@pytest.mark.parametrize(
    "answer",
    [
        always(200, {"Content-Type": "text/html"}, b"<html><body>Welcome to my blog</body></html>"),
        always(405, {"Allow": "GET, HEAD"}),
        always(404),
    ],
    ids=["web-page", "method-not-allowed", "not-found"],
)
def test_a_web_page_is_not_a_caldav_server(fake_server: Callable[..., str], answer: Responder) -> None:
    url = fake_server(answer)
    with pytest.raises(NotCalDAV, match="does not look like a CalDAV server"):
        discover_calendars(url, "alice", WRONG)
    with CalDAVTarget(url + "blog/", "alice", WRONG) as target, pytest.raises(TargetError) as failed:
        target.listing()
    assert "CalDAV" in str(failed.value) or "not on the server" in str(failed.value)


ERROR_BODY = (
    '<?xml version="1.0" encoding="utf-8"?><D:error xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
    "{}<D:responsedescription>refused</D:responsedescription></D:error>"
)


@pytest.mark.parametrize(
    ("status", "precondition", "cause", "says"),
    [
        (403, "", "http-403", "read-only or belong to someone else"),
        (403, "<D:need-privileges/>", "need-privileges", "may not add events"),
        (403, "<C:supported-calendar-component/>", "supported-calendar-component", "does not take events"),
        (403, "<C:valid-calendar-data/>", "valid-calendar-data", ""),
        (403, "<C:valid-calendar-object-resource/>", "valid-calendar-object-resource", ""),
        (403, "<C:max-resource-size/>", "max-resource-size", ""),
        (413, "", "http-413", ""),
        (403, "<C:min-date-time/>", "min-date-time", ""),
        (403, "<C:max-date-time/>", "max-date-time", ""),
        (403, "<C:max-instances/>", "max-instances", ""),
        (403, "<C:unique-scheduling-object-resource/>", "unique-scheduling-object-resource", ""),
        (403, "<C:same-organizer-in-all-components/>", "same-organizer-in-all-components", ""),
        (507, "<D:quota-not-exceeded/>", "quota-not-exceeded", ""),
        (409, '<X:odd-rule xmlns:X="http://example.com/ns"/>', "odd-rule", "odd-rule"),
    ],
)
def test_a_refused_write_says_why_in_the_servers_own_terms(
    fake_server: Callable[..., str], status: int, precondition: str, cause: str, says: str
) -> None:
    """The server's reason, read from the precondition in its DAV:error body (RFC 4791 5.3.2.1,
    RFC 6638, RFC 4918 16), becomes what it means and what to do; never the same vague line."""
    body = ERROR_BODY.format(precondition).encode() if precondition else b""
    url = fake_server(always(status, {"Content-Type": 'application/xml; charset="utf-8"'}, body))
    with CalDAVTarget(url + "cal/", "alice", WRONG) as target:
        with pytest.raises(ServerRefused) as refused:
            target.create("a@empower-desktop", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        with pytest.raises(ServerRefused) as refused_change:
            target.update("/cal/a@empower-desktop.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", '"1"')
    assert refused.value.refusal.cause == cause
    assert refused_change.value.refusal.cause == cause
    assert says in str(refused.value)
    assert "responsedescription" not in str(refused.value) and "HTTP 207" not in str(refused.value)
    assert_no_password(refused.value)


def test_a_uid_taken_elsewhere_in_the_account_is_a_refusal_not_our_own_earlier_copy(
    fake_server: Callable[..., str],
) -> None:
    """Some hosted servers allow a UID once per account: no-uid-conflict with nothing at our href
    is a refusal to explain, not "an earlier run created it" (which would send the engine looking
    for an object that is not there)."""

    def answer(method: str, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if method == "PROPFIND":  # is anything at our href? no
            return 404, {}, b""
        body = ERROR_BODY.format("<C:no-uid-conflict><D:href>/cal/other/a.ics</D:href></C:no-uid-conflict>")
        return 403, {"Content-Type": "application/xml"}, body.encode()

    url = fake_server(answer)
    with CalDAVTarget(url + "cal/", "alice", WRONG) as target, pytest.raises(ServerRefused) as refused:
        target.create("a@empower-desktop", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert refused.value.refusal.cause == "no-uid-conflict"
    assert "another calendar" in str(refused.value)


def test_a_uid_already_in_the_calendar_under_another_name_is_a_refusal_on_a_real_server(
    server: CalDAVServer, calendar_url: str
) -> None:
    """Radicale answers it 409 (or 403), Xandikos 412, both with no-uid-conflict: either way a
    refusal to explain, since nothing is at the href this app would use."""
    event = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\nBEGIN:VEVENT\r\nUID:taken@empower-desktop\r\n"
        "DTSTAMP:20260601T090000Z\r\nDTSTART:20260620T090000Z\r\nDTEND:20260620T100000Z\r\n"
        "SUMMARY:Copy\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with server.client() as client:  # another app, with a file name of its own choosing
        put = client.put(calendar_url + "other-app-1234.ics", event, {"Content-Type": "text/calendar"})
        assert put.status in (201, 204)
    with (
        CalDAVTarget(calendar_url, server.username, server.password) as target,
        pytest.raises(ServerRefused) as refused,
    ):
        target.create("taken@empower-desktop", event.encode())
    assert refused.value.refusal.cause == "no-uid-conflict", refused.value


# -- plain http:// --------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://calendar.example.com/dav/", "http://192.168.1.20:5232/alice/cal/"])
def test_plain_http_to_another_computer_is_refused_unless_allowed(url: str) -> None:
    with pytest.raises(InsecureConnection, match="unencrypted") as refused:
        CalDAVTarget(url, "alice", WRONG)
    assert_no_password(refused.value)
    with pytest.raises(InsecureConnection):
        discover_calendars(url, "alice", WRONG)
    with pytest.raises(InsecureConnection):
        create_calendar(url, "alice", WRONG)
    # allowed explicitly, or over https, or to this machine: no error (and no request yet)
    for allowed in (
        CalDAVTarget(url, "alice", WRONG, allow_insecure=True),
        CalDAVTarget(url.replace("http://", "https://"), "alice", WRONG),
        CalDAVTarget("http://localhost:5232/alice/cal/", "alice", WRONG),
        CalDAVTarget("http://[::1]:5232/alice/cal/", "alice", WRONG),
    ):
        with allowed:
            assert allowed.requests == 0
