"""Real CalDAV servers for the tests: Radicale and Xandikos, each started once per session as a
subprocess on 127.0.0.1 and a free port, in a temporary folder, and stopped at the end.

Each test that asks for a calendar gets a new, empty calendar collection (MKCALENDAR with a
random name), so tests never see each other's objects. Another CalDAV client, for the events a
person adds with their phone or another app, is the caldav library used directly (`client()`).
Small fake HTTP servers (`fake_server`) give the answers no real server here gives.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from caldav.davclient import DAVClient

STARTUP_SECONDS = 30.0


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_answering(server: CalDAVServer) -> None:
    """Until the server answers HTTP at all (any status: 401 from Radicale is an answer)."""
    host, port = server.url.removeprefix("http://").rstrip("/").split(":")
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if server.process.poll() is not None:
            pytest.fail(f"{server.name} exited with {server.process.returncode}:\n{server.log.read_text()}")
        try:
            connection = http.client.HTTPConnection(host, int(port), timeout=2)
            try:
                connection.request("OPTIONS", "/")
                connection.getresponse().read()
                return
            finally:
                connection.close()
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"{server.name} did not answer within {STARTUP_SECONDS:g} s:\n{server.log.read_text()}")
            time.sleep(0.1)


def _stop(server: CalDAVServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)


def _start(server: CalDAVServer) -> Iterator[CalDAVServer]:
    try:
        _wait_until_answering(server)
        yield server
    finally:
        _stop(server)


@pytest.fixture(scope="session")
def radicale_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CalDAVServer]:
    folder = tmp_path_factory.mktemp("radicale")
    port = free_port()
    username, password = "alice", "radicale-secret-7Hq"
    (folder / "users").write_text(f"{username}:{password}\n")
    (folder / "config").write_text(
        f"""[server]
hosts = 127.0.0.1:{port}

[auth]
type = htpasswd
htpasswd_filename = {folder / "users"}
htpasswd_encryption = plain
# no pause after a wrong password: the tests try one on purpose
delay = 0

[storage]
filesystem_folder = {folder / "collections"}

[logging]
level = warning
"""
    )
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(folder / "config")],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    url = f"http://127.0.0.1:{port}/"
    yield from _start(CalDAVServer("Radicale", url, f"{url}{username}/", username, password, process, log))


@pytest.fixture(scope="session")
def xandikos_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CalDAVServer]:
    # Xandikos has no authentication of its own (it leaves that to a reverse proxy): it ignores
    # the credentials, which the clients send all the same (caldav wants some).
    folder = tmp_path_factory.mktemp("xandikos")
    port = free_port()
    username = "alice"
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "xandikos",
                "serve",
                "--directory",
                str(folder / "data"),
                "--defaults",
                "--current-user-principal",
                f"/{username}/",
                "--listen-address",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    url = f"http://127.0.0.1:{port}/"
    home = f"{url}{username}/calendars/"
    yield from _start(CalDAVServer("Xandikos", url, home, username, "not-checked", process, log))


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
