"""What the sync benchmark needs around a real CalDAV server: a Radicale of its own on 127.0.0.1
and a free port (started by tests/servers.py, as the integration tests start theirs: the project's
root must be on sys.path), a few raw HTTP requests to it, and a small proxy in front of it that
counts the requests a client sends."""

from __future__ import annotations

import base64
import http.client
import shutil
import tempfile
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit

from tests import servers


@dataclass
class Radicale:
    url: str  # the server's root
    username: str
    password: str
    port: int

    @property
    def home(self) -> str:
        return f"{self.url}{self.username}/"

    def auth_header(self) -> str:
        return "Basic " + base64.b64encode(f"{self.username}:{self.password}".encode()).decode()

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)

    def new_calendar(self) -> tuple[str, str]:
        """A new, empty calendar: (its display name, its URL)."""
        name = f"bench-{uuid.uuid4().hex[:12]}"
        path = f"/{self.username}/{name}/"
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop>'
            f"<d:displayname>{name}</d:displayname></d:prop></d:set></c:mkcalendar>"
        )
        conn = self.connection()
        try:
            conn.request("MKCALENDAR", path, body.encode(), {"Authorization": self.auth_header()})
            response = conn.getresponse()
            response.read()
            if response.status != 201:
                raise RuntimeError(f"MKCALENDAR {path}: HTTP {response.status}")
        finally:
            conn.close()
        return name, f"{self.url.rstrip('/')}{path}"

    def count_objects(self, calendar_url: str) -> int:
        """How many objects the calendar holds (PROPFIND Depth 1)."""
        path = urlsplit(calendar_url).path
        conn = self.connection()
        try:
            body = b'<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>'
            conn.request("PROPFIND", path, body, {"Authorization": self.auth_header(), "Depth": "1"})
            response = conn.getresponse()
            text = response.read().decode()
        finally:
            conn.close()
        return text.count(".ics</")

    def put_loop(self, calendar_url: str, objects: list[tuple[str, bytes]]) -> None:
        """The baseline: one plain, sequential PUT per object over one kept-alive connection, with
        the headers the app's create sends too (the content type, If-None-Match: *)."""
        path = urlsplit(calendar_url).path
        headers = {
            "Authorization": self.auth_header(),
            "Content-Type": "text/calendar; charset=utf-8",
            "If-None-Match": "*",
        }
        conn = self.connection()
        try:
            for uid, ics in objects:
                conn.request("PUT", f"{path}{quote(uid, safe='@')}.ics", ics, headers)
                response = conn.getresponse()
                response.read()
                if response.status != 201:
                    raise RuntimeError(f"PUT {uid}: HTTP {response.status}")
        finally:
            conn.close()


@contextmanager
def radicale() -> Iterator[Radicale]:
    """A Radicale server in a temporary folder, stopped (and the folder removed) at the end."""
    folder = Path(tempfile.mkdtemp(prefix="empower-bench-radicale-"))
    username, password = "alice", f"bench-{uuid.uuid4().hex[:10]}"
    try:
        with servers.radicale(folder, username, password) as running:
            yield Radicale(running.url, username, password, running.port)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- a counting proxy --------------------------------------------------------------------------------------

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


class CountingProxy:
    """Forwards every request to the server unchanged and counts them, by method."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._local = threading.local()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self) -> None:
                with proxy._lock:
                    proxy.counts[self.command] += 1
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
                status, reason, answer_headers, answer = proxy._send(self.command, self.path, body, headers)
                self.send_response(status, reason)
                for name, value in answer_headers:
                    if name.lower() not in _HOP_BY_HOP and name.lower() != "content-length":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            do_GET = do_PUT = do_DELETE = do_OPTIONS = do_PROPFIND = do_REPORT = do_MKCALENDAR = do_HEAD = _forward
            do_POST = do_PROPPATCH = do_MOVE = do_COPY = _forward

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def _send(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str]
    ) -> tuple[int, str, list[tuple[str, str]], bytes]:
        conn: http.client.HTTPConnection | None = getattr(self._local, "conn", None)
        for attempt in (1, 2):
            if conn is None:
                conn = self._local.conn = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=120)
            try:
                conn.request(method, path, body, headers)
                response = conn.getresponse()
                return response.status, response.reason, response.getheaders(), response.read()
            except (http.client.HTTPException, ConnectionError):
                conn.close()
                conn = self._local.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def total(self) -> int:
        return sum(self.counts.values())

    def reset(self) -> None:
        with self._lock:
            self.counts.clear()

    def __enter__(self) -> CountingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
