"""An unreliable network for tests: an HTTP proxy on 127.0.0.1 in front of a real CalDAV server.

For every request a seeded random decides what the network does with it:

- pass: forwarded, and the answer comes back whole;
- reset_before: the connection is reset before the request reaches the server;
- reset_after: the server does the request, then the connection is reset before the answer;
- status_500, status_503: the proxy answers the error itself; the server never sees the request;
- stall_before, stall_after: no answer for longer than the client waits (the request forwarded
  first, or not), then the connection is dropped;
- truncate: the server does the request; the answer is cut short (its body, or for an answer
  without a body its headers) and the connection closed, so the client sees fewer bytes than the
  Content-Length promised;
- truncate_unframed: the same, but the answer is sent without a Content-Length, ended by closing
  the connection (as HTTP/1.0 allows): the client gets a short body and nothing tells it so.

Stalls cost the client its whole time-out, so they come up half as often as the other faults.
`script` forces a fault on given requests (numbered from 1), for tests of one situation.

`rule` answers chosen requests itself, as a server with other rules would (a 403 with a given
precondition, say); `requests` records the method and path of every request, in the order the
proxy got them.

A client that sends its requests one at a time sees the same faults in the same order for the
same seed. Use it as a context manager: leaving it stops the proxy, wakes any stalled request and
closes every connection, so no thread or socket outlives the test.
"""

from __future__ import annotations

import contextlib
import http.client
import random
import socket
import struct
import threading
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

# fault -> weight among the faults
FAULT_WEIGHTS = {
    "reset_before": 2,
    "reset_after": 2,
    "status_500": 2,
    "status_503": 2,
    "stall_before": 1,
    "stall_after": 1,
    "truncate": 2,
    "truncate_unframed": 2,
}
FAULTS = tuple(FAULT_WEIGHTS)
# Hop-by-hop headers (RFC 9110 7.6.1) and the framing this proxy sets itself.
_NOT_FORWARDED = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "content-length",
}
UPSTREAM_TIMEOUT = 60.0
# A rule: (method, path, body) -> the (status, body) the proxy answers itself, or None to go on.
Rule = Callable[[str, str, bytes], tuple[int, bytes] | None]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as CalDAV clients use it
    server: _ProxyServer
    timeout = 120.0  # an idle client connection is dropped after this long

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.untrack(self.connection)

    def _handle(self) -> None:
        body = self._read_body()
        proxy = self.server.proxy
        with proxy._lock:
            proxy.requests.append((self.command, self.path))
        rule = proxy.rule
        ruled = rule(self.command, self.path, body) if rule is not None else None
        if ruled is not None:
            status, text = ruled
            self._write(status, "By rule", [("Content-Type", 'application/xml; charset="utf-8"')], text)
            return
        fault = proxy.decide()
        if fault in ("status_500", "status_503"):
            status = 500 if fault == "status_500" else 503
            self._write(status, "Injected fault", [("Content-Type", "text/plain")], b"injected by the test proxy\n")
            return
        if fault == "reset_before":
            self._reset()
            return
        if fault == "stall_before":
            self._stall()
            return
        status, reason, headers, answer = self._forward(body)
        if fault == "reset_after":
            self._reset()
        elif fault == "stall_after":
            self._stall()
        elif fault in ("truncate", "truncate_unframed"):
            self._truncated(status, reason, headers, answer, framed=fault == "truncate")
        else:
            self._write(status, reason, headers, answer)

    do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = do_OPTIONS = _handle
    do_PROPFIND = do_PROPPATCH = do_REPORT = do_MKCALENDAR = do_MKCOL = do_MOVE = do_COPY = _handle

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _forward(self, body: bytes) -> tuple[int, str, list[tuple[str, str]], bytes]:
        proxy = self.server.proxy
        upstream = http.client.HTTPConnection(proxy.upstream_host, proxy.upstream_port, timeout=UPSTREAM_TIMEOUT)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _NOT_FORWARDED}
            headers["Host"] = f"{proxy.upstream_host}:{proxy.upstream_port}"
            headers["Content-Length"] = str(len(body))
            upstream.request(self.command, self.path, body=body, headers=headers)
            response = upstream.getresponse()
            answer = response.read()
            kept = [(k, v) for k, v in response.getheaders() if k.lower() not in _NOT_FORWARDED]
            return response.status, response.reason, kept, answer
        finally:
            upstream.close()

    def _head(self, status: int, reason: str, headers: list[tuple[str, str]], length: int | None) -> bytes:
        lines = [f"HTTP/1.1 {status} {reason}", *(f"{k}: {v}" for k, v in headers)]
        lines.append(f"Content-Length: {length}" if length is not None else "Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _write(self, status: int, reason: str, headers: list[tuple[str, str]], body: bytes) -> None:
        self.wfile.write(self._head(status, reason, headers, len(body)) + (b"" if self.command == "HEAD" else body))
        self.wfile.flush()

    def _truncated(
        self, status: int, reason: str, headers: list[tuple[str, str]], body: bytes, *, framed: bool
    ) -> None:
        head = self._head(status, reason, headers, len(body) if framed else None)
        if body and self.command != "HEAD":
            self.wfile.write(head + body[: len(body) // 2])
        elif framed:
            self.wfile.write(head[: len(head) // 2])
        else:
            self.wfile.write(head)  # no body to cut: a whole answer, as far as anyone can tell
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def _reset(self) -> None:
        """Drop the connection with a TCP reset, as a broken network does."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    def _stall(self) -> None:
        self.server.proxy.stopping.wait(self.server.proxy.stall_seconds)
        self._reset()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True  # server_close() joins every handler thread

    def __init__(self, proxy: FaultyProxy) -> None:
        self.proxy = proxy
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def track(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.add(conn)

    def untrack(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.discard(conn)

    def drop_all(self) -> None:
        with self._lock:
            for conn in self._connections:
                with contextlib.suppress(OSError):  # closed already
                    conn.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that went away mid-answer is what this proxy is for


class FaultyProxy:
    """See the module docstring. `url` is the server's root URL through the proxy."""

    def __init__(
        self, upstream: str, *, rate: float, seed: int, stall_seconds: float, script: dict[int, str] | None = None
    ) -> None:
        parts = urlsplit(upstream)
        assert parts.hostname == "127.0.0.1" and parts.port, "the proxy forwards to this machine only"
        self.upstream_host = parts.hostname
        self.upstream_port = parts.port
        self.rate = rate
        self.stall_seconds = stall_seconds
        self.script = dict(script or {})  # request number (from 1) -> fault, whatever the random says
        self.rule: Rule | None = None
        self.requests: list[tuple[str, str]] = []  # (method, path) of every request, as they came
        self.counts: Counter[str] = Counter()
        self.stopping = threading.Event()
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._server = _ProxyServer(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="faulty-proxy"
        )
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"

    def via(self, url: str) -> str:
        """*url* on the upstream server, reached through the proxy."""
        parts = urlsplit(url)
        assert (parts.hostname, parts.port) == (self.upstream_host, self.upstream_port), url
        return self.url.rstrip("/") + (parts.path or "/")

    def decide(self) -> str:
        with self._lock:
            fault = "pass"
            if self._random.random() < self.rate:
                fault = self._random.choices(FAULTS, weights=list(FAULT_WEIGHTS.values()))[0]
            fault = self.script.get(self.counts.total() + 1, fault)
            self.counts[fault] += 1
            return fault

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.drop_all()
        self._server.server_close()
        self._thread.join(timeout=10)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
