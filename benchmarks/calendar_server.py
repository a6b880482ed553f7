"""What the sync benchmarks need around a real CalDAV server: a Radicale or a Xandikos of its own
on 127.0.0.1 and a free port (started by tests/servers.py, as the integration tests start theirs:
the project's root must be on sys.path), a few raw HTTP requests to it, and a small proxy in front
of it that counts the requests a client sends and, if asked, holds each one as a real network
would (a delay each way, and a round trip for every new connection)."""

from __future__ import annotations

import base64
import http.client
import shutil
import tempfile
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from tests import servers

SERVERS = ("radicale", "xandikos")
REQUEST_TIMEOUT = 300.0  # seconds, for any one request
_XML = "application/xml; charset=utf-8"
LOCKED_RETRIES = 5  # a PUT answered 423 Locked is sent again, after a short pause, up to this often


@dataclass
class CalDAVServer:
    """A running server and its one account."""

    kind: str  # "Radicale" or "Xandikos"
    url: str  # the server's root
    username: str
    password: str  # Xandikos checks none, clients send one all the same
    port: int
    home_path: str  # the account's calendar home, where new calendars go: /alice/ or /alice/calendars/

    @property
    def home(self) -> str:
        return f"{self.url.rstrip('/')}{self.home_path}"

    def auth_header(self) -> str:
        return "Basic " + base64.b64encode(f"{self.username}:{self.password}".encode()).decode()

    def connection(self, url: str | None = None) -> http.client.HTTPConnection:
        """A connection to the host of *url* (the server itself, or a proxy in front of it)."""
        parts = urlsplit(url or self.url)
        return http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=REQUEST_TIMEOUT)

    def new_calendar(self) -> tuple[str, str]:
        """A new, empty calendar, made on the server directly: (its display name, its URL)."""
        name = f"bench-{uuid.uuid4().hex[:12]}"
        path = f"{self.home_path}{name}/"
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop>'
            f"<d:displayname>{name}</d:displayname></d:prop></d:set></c:mkcalendar>"
        )
        conn = self.connection()
        try:
            conn.request("MKCALENDAR", path, body.encode(), {"Authorization": self.auth_header(), "Content-Type": _XML})
            response = conn.getresponse()
            response.read()
            if response.status != 201:
                raise RuntimeError(f"MKCALENDAR {path} on {self.kind}: HTTP {response.status}")
        finally:
            conn.close()
        return name, f"{self.url.rstrip('/')}{path}"

    def count_objects(self, calendar_url: str) -> int:
        """How many objects the calendar holds (PROPFIND Depth 1, on the server directly)."""
        path = urlsplit(calendar_url).path
        conn = self.connection()
        try:
            body = b'<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>'
            headers = {"Authorization": self.auth_header(), "Depth": "1", "Content-Type": _XML}
            conn.request("PROPFIND", path, body, headers)
            response = conn.getresponse()
            answer = response.read()
        finally:
            conn.close()
        if response.status != 207:
            raise RuntimeError(f"PROPFIND {path} on {self.kind}: HTTP {response.status}")
        hrefs = {unquote(urlsplit(h.text or "").path) for h in ET.fromstring(answer).iter("{DAV:}href")}
        return len(hrefs - {path, path.rstrip("/")})

    def put_loop(self, calendar_url: str, objects: list[tuple[str, bytes]], deadline: float | None = None) -> None:
        """The baseline: one plain, sequential PUT per object over one kept-alive connection to the
        host of *calendar_url* (the server, or a proxy in front of it), with the headers the app's
        create sends too (the content type, If-None-Match: *). A PUT answered 423 Locked (Xandikos
        refuses a write while another one commits) is sent again. *deadline*: a time.monotonic()."""
        path = urlsplit(calendar_url).path
        headers = {
            "Authorization": self.auth_header(),
            "Content-Type": "text/calendar; charset=utf-8",
            "If-None-Match": "*",
        }
        conn = self.connection(calendar_url)
        try:
            for uid, ics in objects:
                if deadline is not None and time.monotonic() > deadline:
                    raise TimeoutError(f"the PUT loop on {self.kind} ran out of time")
                for attempt in range(LOCKED_RETRIES + 1):
                    conn.request("PUT", f"{path}{quote(uid, safe='@')}.ics", ics, headers)
                    response = conn.getresponse()
                    response.read()
                    if response.status != 423 or attempt == LOCKED_RETRIES:
                        break
                    time.sleep(0.01 * (attempt + 1))  # Locked (Xandikos, while another write commits)
                if response.status != 201:
                    raise RuntimeError(f"PUT {uid} on {self.kind}: HTTP {response.status}")
        finally:
            conn.close()

    def put_loop_parallel(
        self,
        calendar_url: str,
        objects: list[tuple[str, bytes]],
        connections: int = 4,
        deadline: float | None = None,
    ) -> None:
        """The same PUTs split across *connections* threads, each with a kept-alive connection of
        its own: what a client that keeps a few requests in flight at once can reach."""
        share = -(-len(objects) // connections)  # rounded up: a contiguous slice per connection
        parts = [objects[n * share : (n + 1) * share] for n in range(connections)]
        with ThreadPoolExecutor(connections, thread_name_prefix="put") as pool:
            for future in [pool.submit(self.put_loop, calendar_url, part, deadline) for part in parts if part]:
                future.result()


@contextmanager
def radicale() -> Iterator[CalDAVServer]:
    """A Radicale server in a temporary folder, stopped (and the folder removed) at the end."""
    folder = Path(tempfile.mkdtemp(prefix="empower-bench-radicale-"))
    username, password = "alice", f"bench-{uuid.uuid4().hex[:10]}"
    try:
        with servers.radicale(folder, username, password) as running:
            yield CalDAVServer("Radicale", running.url, username, password, running.port, f"/{username}/")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def xandikos() -> Iterator[CalDAVServer]:
    """A Xandikos server in a temporary folder, stopped (and the folder removed) at the end. It
    checks no password (see tests/servers.py): any will do."""
    folder = Path(tempfile.mkdtemp(prefix="empower-bench-xandikos-"))
    username, password = "alice", "not-checked"
    try:
        with servers.xandikos(folder, username) as running:
            yield CalDAVServer("Xandikos", running.url, username, password, running.port, f"/{username}/calendars/")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def started(kind: str) -> AbstractContextManager[CalDAVServer]:
    """The server of that kind (one of SERVERS)."""
    if kind == "radicale":
        return radicale()
    if kind == "xandikos":
        return xandikos()
    raise ValueError(f"no such server: {kind} (known: {', '.join(SERVERS)})")


# -- a proxy: counting, and a network's latency ------------------------------------------------------------

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}
# Not forwarded either: the proxy answers "Expect: 100-continue" itself, and sets the length.
_NOT_FORWARDED = _HOP_BY_HOP | {"expect"}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # clients that open many connections at once (vdirsyncer) are not refused


class Proxy:
    """Forwards every request to the server on 127.0.0.1:*upstream_port* unchanged, and counts
    them by method.

    With a *latency* (seconds, each way) it behaves as a network between client and server would:
    each request waits *latency* before it goes on to the server and its answer *latency* before
    it goes back (a round trip of 2 x latency on top of the server's own time), and the first
    request of a new connection one round trip more, as a TCP handshake would. Each connection of
    a client is served by a thread of its own with a connection of its own to the server, so
    requests on different connections overlap as they would on a network."""

    def __init__(self, upstream_port: int, latency: float = 0.0) -> None:
        self.upstream_port = upstream_port
        self.latency = latency
        self.counts: Counter[str] = Counter()
        self.busy = 0  # answers that ask the client to send again (429, 503, 423): the server's doing
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            # One instance per client connection (and ThreadingHTTPServer's thread with it).
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # the delays are the ones above, not TCP's
            upstream: http.client.HTTPConnection | None = None
            served = 0

            def _forward(self) -> None:
                with proxy._lock:
                    proxy.counts[self.command] += 1
                body = self._body()
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _NOT_FORWARDED}
                # To the server: the way there, after the handshake on a new connection.
                time.sleep(proxy.latency * (3 if self.served == 0 else 1))
                self.served += 1
                try:
                    status, reason, answer_headers, answer = self._send(body, headers)
                except (OSError, http.client.HTTPException) as exc:
                    status, reason, answer_headers, answer = 502, "Bad Gateway", [], str(exc).encode()
                if status in (423, 429, 503):
                    with proxy._lock:
                        proxy.busy += 1
                time.sleep(proxy.latency)  # the way back
                self.send_response_only(status, reason)
                for name, value in answer_headers:
                    lower = name.lower()
                    if lower not in _HOP_BY_HOP and (lower != "content-length" or self.command == "HEAD"):
                        self.send_header(name, value)
                if self.command != "HEAD" and not (status < 200 or status in (204, 304)):
                    self.send_header("Content-Length", str(len(answer)))
                if self.close_connection:
                    self.send_header("Connection", "close")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(answer)

            do_GET = do_PUT = do_DELETE = do_OPTIONS = do_PROPFIND = do_REPORT = do_MKCALENDAR = do_HEAD = _forward
            do_POST = do_PROPPATCH = do_MOVE = do_COPY = _forward

            def _body(self) -> bytes | None:
                if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                    chunks = []
                    while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                        chunks.append(self.rfile.read(size))
                        self.rfile.readline()
                    while self.rfile.readline().strip():  # trailers, up to the empty line
                        pass
                    return b"".join(chunks)
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else None

            def _send(
                self, body: bytes | None, headers: dict[str, str]
            ) -> tuple[int, str, list[tuple[str, str]], bytes]:
                for attempt in (1, 2):
                    if self.upstream is None:
                        self.upstream = http.client.HTTPConnection(
                            "127.0.0.1", proxy.upstream_port, timeout=REQUEST_TIMEOUT
                        )
                    try:
                        self.upstream.request(self.command, self.path, body, headers)
                        response = self.upstream.getresponse()
                        return response.status, response.reason, response.getheaders(), response.read()
                    except (http.client.HTTPException, ConnectionError):
                        # The server closed a kept-alive connection: once more on a new one.
                        self.upstream.close()
                        self.upstream = None
                        if attempt == 2:
                            raise
                raise AssertionError("unreachable")

            def finish(self) -> None:
                super().finish()
                if self.upstream is not None:
                    self.upstream.close()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = _Server(("127.0.0.1", 0), Handler)
        self.port: int = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url_of(self, url: str) -> str:
        """The same address through the proxy (the same path on the proxy's host and port)."""
        parts = urlsplit(url)
        return parts._replace(scheme="http", netloc=f"127.0.0.1:{self.port}").geturl()

    def total(self) -> int:
        return sum(self.counts.values())

    def reset(self) -> None:
        with self._lock:
            self.counts.clear()
            self.busy = 0

    def __enter__(self) -> Proxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
