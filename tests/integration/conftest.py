"""Real CalDAV servers for the tests: Radicale and Xandikos, each started once per session as a
subprocess on 127.0.0.1 and a free port, in a temporary folder, and stopped at the end (how they
start is in tests/servers.py, which the benchmarks use too). Every test that asks for one is
marked `integration` (tests/conftest.py stops the run otherwise).

Each test that asks for a calendar gets a new, empty calendar collection (MKCALENDAR with a
random name), so tests never see each other's objects. Another CalDAV client, for the events a
person adds with their phone or another app, is the caldav library used directly (`client()`).
Small fake HTTP servers (`fake_server`) give the answers no real server here gives.
"""

from __future__ import annotations

import ssl
import subprocess
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from caldav.collection import Calendar as DAVCalendar
from caldav.davclient import DAVClient

from .. import servers


@dataclass
class CalDAVServer:
    """A server running for the tests, and the one account on it."""

    name: str
    url: str  # the server's root, as a person would type it
    home: str  # the account's calendar home, where new calendars go
    username: str
    password: str
    process: subprocess.Popen[bytes]
    log: Path

    def new_calendar(self) -> str:
        """A new, empty calendar collection; returns its URL."""
        url = f"{self.home}{uuid.uuid4().hex}/"
        with self.client() as client:
            response = client.mkcalendar(url)
            assert response.status == 201, f"MKCALENDAR {url} on {self.name}: HTTP {response.status}"
        return url

    def client(self) -> DAVClient:
        """A plain caldav client for this account: the "other app" of the tests."""
        return DAVClient(self.url, username=self.username, password=self.password, enable_rfc6764=False)


@pytest.fixture(scope="session")
def radicale_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CalDAVServer]:
    username, password = "alice", "radicale-secret-7Hq"
    with servers.radicale(tmp_path_factory.mktemp("radicale"), username, password) as running:
        home = f"{running.url}{username}/"
        yield CalDAVServer(running.name, running.url, home, username, password, running.process, running.log)


@pytest.fixture
def radicale_calendar(radicale_server: CalDAVServer) -> str:
    """A new, empty calendar on Radicale."""
    return radicale_server.new_calendar()


@pytest.fixture
def other_app(radicale_server: CalDAVServer, radicale_calendar: str) -> Iterator[DAVCalendar]:
    """The calendar as another app (a phone, a web calendar) sees it."""
    with radicale_server.client() as client:
        yield DAVCalendar(client=client, url=radicale_calendar)


@pytest.fixture(scope="session")
def xandikos_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CalDAVServer]:
    username = "alice"  # Xandikos checks no password (see servers.xandikos)
    with servers.xandikos(tmp_path_factory.mktemp("xandikos"), username) as running:
        home = f"{running.url}{username}/calendars/"
        yield CalDAVServer(running.name, running.url, home, username, "not-checked", running.process, running.log)


SERVERS = ["radicale", "xandikos"]


@pytest.fixture(params=SERVERS)
def server(request: pytest.FixtureRequest) -> CalDAVServer:
    """Each real server in turn."""
    started: CalDAVServer = request.getfixturevalue(f"{request.param}_server")
    return started


@pytest.fixture
def calendar_url(server: CalDAVServer) -> str:
    """A new, empty calendar on the server of this test."""
    return server.new_calendar()


# -- small fake servers, for answers no real server here gives ------------------------------------------

# (method, path, request headers) -> (status, response headers, body)
Responder = Callable[[str, str, dict[str, str]], tuple[int, dict[str, str], bytes]]


class _Handler(BaseHTTPRequestHandler):
    responder: Responder

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        status, headers, body = self.responder(self.command, self.path, dict(self.headers))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PUT = do_DELETE = do_OPTIONS = do_PROPFIND = do_REPORT = do_MKCALENDAR = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def fake_server() -> Iterator[Callable[..., str]]:
    """Start small HTTP servers on 127.0.0.1 that answer as told; returns their base URL."""
    servers: list[ThreadingHTTPServer] = []

    def start(responder: Responder, *, tls: ssl.SSLContext | None = None) -> str:
        handler = type("Handler", (_Handler,), {"responder": staticmethod(responder)})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        if tls is not None:
            server.socket = tls.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        scheme = "https" if tls else "http"
        return f"{scheme}://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def always(status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> Responder:
    return lambda method, path, request_headers: (status, headers or {}, body)
