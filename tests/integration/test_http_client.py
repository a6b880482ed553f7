"""The sync's own HTTP client, against small servers on 127.0.0.1 that behave as real ones do:
Digest auth, kept-alive connections a server closes, redirects, proxies."""

from __future__ import annotations

import hashlib
import socket
import struct
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from empower_desktop.sync.targets.base import PasswordRefused, ServerProblem
from empower_desktop.sync.targets.caldav_target import CalDAVTarget
from empower_desktop.sync.targets.http import HttpClient, HttpPool

pytestmark = pytest.mark.integration

EMPTY_SYNC = (
    b'<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:sync-token>http://x/t/1</d:sync-token></d:multistatus>'
)
REALM, NONCE = "calendars", "dcd98b7102dd2f0e8b11d0f600bfb0c093"


def _digest_response(fields: dict[str, str], method: str, password: str) -> str:
    def md5(text: str) -> str:
        return hashlib.md5(text.encode()).hexdigest()

    ha1 = md5(f"{fields['username']}:{REALM}:{password}")
    ha2 = md5(f"{method}:{fields['uri']}")
    return md5(f"{ha1}:{NONCE}:{fields['nc']}:{fields['cnonce']}:{fields['qop']}:{ha2}")


class Recorder:
    """What a test server saw: request lines, headers, and how many connections were opened."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.connections = 0


@pytest.fixture
def serve() -> Iterator[Callable[..., tuple[str, Recorder]]]:
    servers: list[ThreadingHTTPServer] = []

    def start(
        answer: Callable[[BaseHTTPRequestHandler, Recorder], None], *, keep_alive: bool = True
    ) -> tuple[str, Recorder]:
        recorder = Recorder()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1" if keep_alive else "HTTP/1.0"

            def setup(self) -> None:
                super().setup()
                recorder.connections += 1

            def _any(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                recorder.requests.append((self.command, self.path, dict(self.headers)))
                answer(self, recorder)

            do_PROPFIND = do_REPORT = do_PUT = do_GET = _any

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/", recorder

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def reply(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", **headers: str) -> None:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def sync_answer(handler: BaseHTTPRequestHandler, recorder: Recorder) -> None:
    reply(handler, 207, EMPTY_SYNC, Content_Type="application/xml")


def test_a_sync_keeps_one_connection_open_for_all_its_requests(serve: Callable[..., tuple[str, Recorder]]) -> None:
    url, recorder = serve(sync_answer)
    with CalDAVTarget(url + "cal/", "alice", "secret") as target:
        for _ in range(5):
            target.listing()
    assert len(recorder.requests) == 5 and recorder.connections == 1


def test_a_connection_the_server_closed_is_reopened_and_the_request_sent_again(
    serve: Callable[..., tuple[str, Recorder]],
) -> None:
    def answer_then_hang_up(handler: BaseHTTPRequestHandler, recorder: Recorder) -> None:
        sync_answer(handler, recorder)
        handler.close_connection = True  # without saying so: as an idle timeout on the server does

    url, recorder = serve(answer_then_hang_up)
    with CalDAVTarget(url + "cal/", "alice", "secret") as target:
        assert target.listing().token == "http://x/t/1"
        assert target.listing().token == "http://x/t/1"
    assert len(recorder.requests) == 2 and recorder.connections == 2


def test_a_server_that_wants_digest_gets_it_and_never_the_password_itself(
    serve: Callable[..., tuple[str, Recorder]],
) -> None:
    def digest_only(handler: BaseHTTPRequestHandler, recorder: Recorder) -> None:
        authorization = handler.headers.get("Authorization") or ""
        if authorization.startswith("Digest "):
            parts = urllib.request.parse_http_list(authorization[7:])
            fields = urllib.request.parse_keqv_list(parts)
            if fields["response"] == _digest_response(fields, handler.command, "secret"):
                return sync_answer(handler, recorder)
        challenge = f'Digest realm="{REALM}", nonce="{NONCE}", qop="auth", algorithm=MD5'
        reply(handler, 401, WWW_Authenticate=challenge)

    # https or this computer: Basic first, refused, then Digest (a host elsewhere would skip Basic)
    url, recorder = serve(digest_only)
    with CalDAVTarget(url + "cal/", "alice", "secret") as target:
        target.listing()
        target.listing()  # the challenge is remembered: no second 401
        assert target.requests == 3
    kinds = [r[2].get("Authorization", "").split(" ")[0] for r in recorder.requests]
    assert kinds == ["Basic", "Digest", "Digest"]
    assert not any("secret" in str(r) for r in recorder.requests[1:])

    with CalDAVTarget(url + "cal/", "alice", "wrong") as target, pytest.raises(PasswordRefused):
        target.listing()


def test_redirects_are_followed_on_the_same_server_only(serve: Callable[..., tuple[str, Recorder]]) -> None:
    elsewhere, far = serve(sync_answer)

    def moved(handler: BaseHTTPRequestHandler, recorder: Recorder) -> None:
        if handler.path == "/old/":
            return reply(handler, 301, Location="/new/")
        if handler.path == "/away/":
            return reply(handler, 301, Location=elsewhere + "cal/")
        return sync_answer(handler, recorder)

    url, recorder = serve(moved)
    client = HttpClient("alice", "secret", timeout=5)
    try:
        answer = client.request("REPORT", url + "old/", b"<x/>", {"Depth": "0"})
        assert answer.status == 207 and [r[:2] for r in recorder.requests] == [("REPORT", "/old/"), ("REPORT", "/new/")]
        # to another server: not followed, so the password never goes where the person did not send it
        assert client.request("REPORT", url + "away/", b"<x/>").status == 301
        assert far.requests == []
    finally:
        client.close()


def test_this_computer_is_never_reached_through_a_proxy(
    serve: Callable[..., tuple[str, Recorder]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, recorder = serve(sync_answer)
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    with CalDAVTarget(url + "cal/", "alice", "secret") as target:
        target.listing()
    assert len(recorder.requests) == 1


def test_another_computer_is_reached_through_the_environments_proxy(
    serve: Callable[..., tuple[str, Recorder]], monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy, recorder = serve(sync_answer)
    monkeypatch.setenv("http_proxy", proxy)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    target = CalDAVTarget("http://calendar.example.com/cal/", "alice", "secret", allow_insecure=True)
    with target:
        target.listing()
    method, line, headers = recorder.requests[0]
    assert (method, line) == ("REPORT", "http://calendar.example.com/cal/")  # the whole URL, as proxies take it
    assert "Authorization" not in headers  # plain http to another computer: no password unasked


# -- a few connections at once -----------------------------------------------------------------------------


def put_many(pool: HttpPool, url: str, count: int) -> list[int]:
    """*count* PUTs from four threads at once, as the engine sends writes; their statuses."""
    with ThreadPoolExecutor(4) as threads:
        answers = threads.map(lambda n: pool.request("PUT", f"{url}cal/{n}.ics", b"x"), range(count))
        return [answer.status for answer in answers]


def test_writes_share_a_few_connections_where_the_server_takes_them(
    serve: Callable[..., tuple[str, Recorder]],
) -> None:
    inside = {"now": 0, "most": 0}
    lock = threading.Lock()

    def slow_created(handler: BaseHTTPRequestHandler, recorder: Recorder) -> None:
        with lock:
            inside["now"] += 1
            inside["most"] = max(inside["most"], inside["now"])
        time.sleep(0.05)  # a round trip's worth: the others get in meanwhile
        with lock:
            inside["now"] -= 1
        reply(handler, 201, ETag='"1"')

    url, recorder = serve(slow_created)
    pool = HttpPool("alice", "secret", timeout=10, connections=4)
    try:
        assert put_many(pool, url, 24) == [201] * 24
    finally:
        pool.close()
    assert recorder.connections == 4 and inside["most"] == 4
    assert pool.sent == 24 and pool.limit == 4 and pool.retried == 0


def test_a_server_that_asks_to_slow_down_gets_fewer_connections_and_the_request_again(
    serve: Callable[..., tuple[str, Recorder]],
) -> None:
    """429 with Retry-After: nothing was done; after the pause the request goes again, and the pool
    halves. A server that wants a longer pause than a sync should wait is left alone: the run says
    "try again later" and the next run does."""
    busy = {"left": 2}
    lock = threading.Lock()

    def busy_twice(handler: BaseHTTPRequestHandler, recorder: Recorder) -> None:
        with lock:
            refuse = busy["left"] > 0
            busy["left"] -= 1
        if refuse:
            reply(handler, 429, Retry_After="1")
        else:
            reply(handler, 201, ETag='"1"')

    url, _recorder = serve(busy_twice)
    pool = HttpPool("alice", "secret", timeout=10, connections=4)
    began = time.monotonic()
    try:
        assert put_many(pool, url, 8) == [201] * 8
    finally:
        pool.close()
    assert time.monotonic() - began >= 1.0  # the pause the server asked for
    assert pool.retried == 2 and pool.limit == 1 and pool.sent == 10

    url, _ = serve(lambda handler, recorder: reply(handler, 503, Retry_After="3600"))
    with CalDAVTarget(url + "cal/", "alice", "secret") as target:
        with pytest.raises(ServerProblem, match="try again later"):
            target.create("a@empower-desktop", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        assert target.requests == 1  # not an hour's wait inside a sync


def test_a_server_that_takes_one_connection_gets_one(serve: Callable[..., tuple[str, Recorder]]) -> None:
    """A server (or a firewall before it) that hangs up on a second connection before reading it:
    the request goes again on the connection that works, and the pool stays at that."""
    open_now = {"count": 0}
    lock = threading.Lock()

    class OneAtATime(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            with lock:
                open_now["count"] += 1
                self.refused = open_now["count"] > 1

        def finish(self) -> None:
            with lock:
                open_now["count"] -= 1
            super().finish()

        def handle(self) -> None:
            if self.refused:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return  # closed with a reset, nothing read
            super().handle()

        def do_PUT(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            time.sleep(0.02)
            reply(self, 201, ETag='"1"')

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), OneAtATime)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    pool = HttpPool("alice", "secret", timeout=10, connections=4)
    try:
        assert put_many(pool, f"http://127.0.0.1:{server.server_address[1]}/", 12) == [201] * 12
    finally:
        pool.close()
        server.shutdown()
        server.server_close()
    assert pool.limit == 1 and pool.slowed_down >= 1
