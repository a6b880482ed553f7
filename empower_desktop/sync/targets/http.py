"""A small HTTP/1.1 client on the standard library: what a sync run needs and no more.

A sync with nothing to do is one request; as a scheduled command it is mostly process start-up,
and importing a full HTTP stack (the `caldav` package with niquests) costs more than the whole
sync. This client imports in a few milliseconds and does:

- one keep-alive connection per server (scheme, host, port), reopened when the server closes it,
  and a request that met a connection the server had already closed (no answer, no reset) sent
  once more on a new one;
- certificates always checked, against the operating system's trusted roots;
- Basic auth sent with the first request where that is safe (TLS, or this computer); otherwise,
  and for Digest, the server's challenge is answered (once per request);
- the proxy the system or the environment names (HTTPS through a CONNECT tunnel);
- redirects (301, 302, 307, 308) on the same server, same method and body.

`HttpPool` holds a few such clients for one user, so that writes can travel side by side: over a
real network each request costs a round trip, and a few connections share that wait. It uses as
many as the server takes, and falls back towards one when the server asks to slow down (429, 503,
a 423 for its own lock) or refuses another connection.

It raises what the standard library raises (OSError, http.client.HTTPException); the caller turns
those into messages. The password is kept only here and never logged: debug lines name the
method, the URL and the status.
"""

from __future__ import annotations

import base64
import email.utils
import http.client
import ipaddress
import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
# "Slow down": nothing was done, so asking again after a pause is safe. A 423 with no body is a
# server whose storage is locked by another of our requests (Xandikos's git repository, say), not a
# WebDAV lock someone holds (that one names lock-token-submitted in its body and is a refusal).
# Seconds before each retry when the server names no time:
BUSY_PAUSES = {429: (0.5, 1.5), 503: (0.5, 1.5), 423: (0.1, 0.2, 0.4, 0.8)}
BUSY_LONGEST_WAIT = 10.0  # a server that asks for a longer pause is left alone until the next run
Origin = tuple[str, str, int]  # scheme, host, port


@dataclass(frozen=True)
class HttpAnswer:
    status: int
    headers: http.client.HTTPMessage  # names compare case-insensitively
    body: bytes


class HttpClient:
    def __init__(self, username: str, password: str, *, timeout: float, user_agent: str = "empower-desktop") -> None:
        self.username = username
        self._password = password
        self.timeout = timeout
        self.user_agent = user_agent
        self.sent = 0  # requests on the wire, a 401 of an auth negotiation included
        self._connections: dict[Origin, http.client.HTTPConnection] = {}
        self._digest: dict[Origin, _DigestAuth] = {}  # an answered Digest challenge, reused while the server takes it
        self._basic: set[Origin] = set()  # where a Basic challenge was answered
        self._plain_proxy: set[Origin] = set()  # http:// servers reached through a proxy

    def __repr__(self) -> str:
        return f"HttpClient(username={self.username!r})"

    def close(self) -> None:
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()

    def request(
        self, method: str, url: str, body: bytes | None = None, headers: Mapping[str, str] | None = None
    ) -> HttpAnswer:
        for _redirect in range(MAX_REDIRECTS + 1):
            answer = self._authenticated(method, url, body, dict(headers or {}))
            location = answer.headers.get("Location")
            if answer.status not in (301, 302, 307, 308) or not location:
                return answer
            target = urljoin(url, location)
            if _origin(target) != _origin(url):
                return answer  # credentials stay with the server they were given for
            url = target
        return answer

    # -- auth ------------------------------------------------------------------------------------
    def _authenticated(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> HttpAnswer:
        origin = _origin(url)
        answered = False
        while True:
            authorization = self._authorization(origin, method, url, body)
            if authorization:
                headers["Authorization"] = authorization
            answer = self._send(origin, method, url, body, headers)
            if answer.status != 401 or answered:
                return answer
            answered = True  # one answer to a challenge per request: a second 401 is a refusal
            challenges = [c.strip() for c in answer.headers.get_all("WWW-Authenticate") or []]
            digest = next((c for c in challenges if c.lower().startswith("digest ")), None)
            if digest is not None:
                self._digest[origin] = _DigestAuth(origin, self.username, self._password, digest[7:])
            elif authorization is None and any(c.lower().startswith("basic") for c in challenges):
                self._basic.add(origin)
            else:
                return answer  # Basic sent and refused: a wrong password

    def _authorization(self, origin: Origin, method: str, url: str, body: bytes | None) -> str | None:
        digest = self._digest.get(origin)
        if digest is not None:
            return digest.header(method, url, body)
        if origin in self._basic or preemptive_ok(origin):
            token = base64.b64encode(f"{self.username}:{self._password}".encode()).decode("ascii")
            return f"Basic {token}"
        return None

    # -- the wire --------------------------------------------------------------------------------
    def _send(self, origin: Origin, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> HttpAnswer:
        parts = urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        headers.setdefault("User-Agent", self.user_agent)
        headers.setdefault("Accept-Encoding", "identity")
        for attempt in (1, 2):
            connection, reused = self._connection(origin)
            if origin in self._plain_proxy:
                target = url  # an http:// request through a proxy names the whole URL
            self.sent += 1
            try:
                connection.request(method, target, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError) as exc:
                self._drop(origin)
                if reused and attempt == 1:
                    # The server had closed the kept-alive connection (as it may when idle) before
                    # this request: nothing was answered. Every write of a sync is conditional, so
                    # sending it again is safe. A reset (RST) is not taken for that: it is a failure.
                    log.debug("%s %s: connection closed by the server (%s), sending again", method, url, exc)
                    continue
                raise
            except BaseException:
                self._drop(origin)
                raise
            if response.will_close:
                self._drop(origin)
            log.debug("%s %s -> %d (%d bytes)", method, url, response.status, len(data))
            return HttpAnswer(response.status, response.headers, data)
        raise AssertionError("unreachable")

    def _connection(self, origin: Origin) -> tuple[http.client.HTTPConnection, bool]:
        connection = self._connections.get(origin)
        if connection is not None and connection.sock is not None:
            return connection, True
        scheme, host, port = origin
        proxy = _proxy_for(scheme, host)
        if scheme == "https":
            if proxy:
                connection = http.client.HTTPSConnection(
                    proxy.hostname or "", proxy.port or 8080, timeout=self.timeout, context=_tls_context()
                )
                connection.set_tunnel(host, port, headers=_proxy_auth(proxy))
            else:
                connection = http.client.HTTPSConnection(host, port, timeout=self.timeout, context=_tls_context())
        elif proxy:
            connection = http.client.HTTPConnection(proxy.hostname or "", proxy.port or 8080, timeout=self.timeout)
            self._plain_proxy.add(origin)
        else:
            connection = http.client.HTTPConnection(host, port, timeout=self.timeout)
        self._connections[origin] = connection
        return connection, False

    def _drop(self, origin: Origin) -> None:
        connection = self._connections.pop(origin, None)
        if connection is not None:
            connection.close()


class HttpPool:
    """Up to *connections* HttpClients for one user, each with its own keep-alive connection;
    safe to use from several threads at once.

    A request waits for a free client; a new one is opened while fewer than the limit exist. The
    limit halves when the server answers 429, 503 or a bare 423 (the request is then sent again
    after the pause the server asks for, or a short one), and drops to the clients that work when the
    server refuses another connection. It never grows back within one pool (one sync run).
    """

    def __init__(self, username: str, password: str, *, timeout: float, connections: int = 1) -> None:
        self.username = username
        self._password = password
        self.timeout = timeout
        self.limit = max(1, connections)
        self._cond = threading.Condition()
        self._idle: list[HttpClient] = []
        self._clients: list[HttpClient] = []
        self._busy = 0
        self._sent_by_dropped = 0
        self.slowed_down = 0  # how many times the limit was lowered
        self.retried = 0  # requests sent again because the server asked to slow down

    def __repr__(self) -> str:
        return f"HttpPool(username={self.username!r}, limit={self.limit})"

    @property
    def sent(self) -> int:
        """Requests on the wire so far, over every client."""
        with self._cond:
            return self._sent_by_dropped + sum(c.sent for c in self._clients)

    def close(self) -> None:
        with self._cond:
            for client in self._clients:
                client.close()

    def request(
        self, method: str, url: str, body: bytes | None = None, headers: Mapping[str, str] | None = None
    ) -> HttpAnswer:
        retries = 0
        while True:
            client, fresh = self._acquire()
            try:
                answer = client.request(method, url, body, headers)
            except ConnectionError:  # refused, reset, or a pipe broken before the request was read
                # A server that takes fewer connections than asked refuses (or resets) the new one
                # before reading anything; the ones already open go on. Nothing was done: ask again.
                if fresh and self._others_work(client):
                    self._drop(client, "the server refused another connection")
                    continue
                self._release(client)
                raise
            except BaseException:
                self._release(client)
                raise
            self._release(client)
            pauses = BUSY_PAUSES.get(answer.status, ())
            if retries >= len(pauses) or (answer.status == 423 and answer.body.strip()):
                return answer
            pause = _retry_after(answer.headers.get("Retry-After"), pauses[retries])
            if pause is None or pause > BUSY_LONGEST_WAIT:
                return answer
            self._slow_down(f"HTTP {answer.status}")
            log.debug("%s %s: HTTP %d, trying again in %.1f s", method, url, answer.status, pause)
            time.sleep(pause)
            retries += 1
            with self._cond:
                self.retried += 1

    # -- the clients -----------------------------------------------------------------------------
    def _acquire(self) -> tuple[HttpClient, bool]:
        with self._cond:
            while self._busy >= self.limit:
                self._cond.wait()
            self._busy += 1
            if self._idle:
                return self._idle.pop(), False
            client = HttpClient(self.username, self._password, timeout=self.timeout)
            self._clients.append(client)
            return client, True

    def _release(self, client: HttpClient) -> None:
        with self._cond:
            self._busy -= 1
            self._idle.append(client)
            self._cond.notify()

    def _others_work(self, client: HttpClient) -> bool:
        with self._cond:
            return any(c is not client and c.sent for c in self._clients)

    def _drop(self, client: HttpClient, why: str) -> None:
        client.close()
        with self._cond:
            self._busy -= 1
            self._clients.remove(client)
            self._sent_by_dropped += client.sent
            self._lower(max(1, len(self._clients)), why)
            self._cond.notify()

    def _slow_down(self, why: str) -> None:
        with self._cond:
            self._lower(max(1, self.limit // 2), why)

    def _lower(self, limit: int, why: str) -> None:
        if limit < self.limit:
            log.info("fewer connections to the server: %d instead of %d (%s)", limit, self.limit, why)
            self.limit = limit
            self.slowed_down += 1
            # Idle clients beyond the limit are closed, so the server sees fewer connections.
            while len(self._clients) > self.limit and self._idle:
                extra = self._idle.pop()
                extra.close()
                self._clients.remove(extra)
                self._sent_by_dropped += extra.sent


def _retry_after(value: str | None, default: float) -> float | None:
    """The pause a Retry-After header asks for, in seconds (delta-seconds or an HTTP date); the
    default when there is none; None when it cannot be read."""
    if value is None or not value.strip():
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _origin(url: str) -> Origin:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or (443 if scheme == "https" else 80)


def preemptive_ok(origin: Origin) -> bool:
    """Basic auth may go with the first request: over TLS, or to this computer."""
    scheme, host, _port = origin
    return scheme == "https" or is_loopback(host)


def is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_TLS: list[tuple[Any, str]] = []


def _tls_context() -> Any:
    """Certificate checks on, against the system's trusted roots (wassima reads them from the
    Windows and macOS stores too, where Python alone may find none); Python's defaults without it."""
    if not _TLS:
        import ssl

        try:
            import wassima

            context, source = wassima.create_default_ssl_context(), "the system's store"
        except (ImportError, OSError, ssl.SSLError):
            context, source = ssl.create_default_context(), "Python's default paths"
        context.check_hostname = True
        context.verify_mode = ssl.CERT_REQUIRED
        _TLS.append((context, source))
    return _TLS[0][0]


def trusted_roots() -> tuple[int, str]:
    """How many root certificates https connections trust, and where they come from."""
    context = _tls_context()
    return len(context.get_ca_certs()), _TLS[0][1]


def _proxy_for(scheme: str, host: str) -> Any:
    """The proxy for *host* (its URL split), or None for a direct connection (always to this computer)."""
    if is_loopback(host):
        return None
    import urllib.request

    if urllib.request.proxy_bypass(host):
        return None
    proxy = urllib.request.getproxies().get(scheme)
    if not proxy:
        return None
    if "://" not in proxy:
        proxy = "http://" + proxy
    return urlsplit(proxy)


def _proxy_auth(proxy: Any) -> dict[str, str]:
    if not proxy.username:
        return {}
    from urllib.parse import unquote

    token = base64.b64encode(f"{unquote(proxy.username)}:{unquote(proxy.password or '')}".encode()).decode("ascii")
    return {"Proxy-Authorization": f"Basic {token}"}


class _DigestAuth:
    """Answers to one Digest challenge (RFC 7616, qop=auth), with the nonce count kept."""

    def __init__(self, origin: Origin, username: str, password: str, challenge: str) -> None:
        import urllib.request

        fields = urllib.request.parse_keqv_list([f for f in urllib.request.parse_http_list(challenge) if f])
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        scheme, host, port = origin
        manager.add_password(None, f"{scheme}://{host}:{port}/", username, password)
        self._handler = urllib.request.AbstractDigestAuthHandler(manager)
        self._fields = fields
        self._request = urllib.request.Request

    def header(self, method: str, url: str, body: bytes | None) -> str:
        request = self._request(url, data=body, method=method)
        answer = self._handler.get_authorization(request, self._fields)
        if not answer:
            raise DigestUnsupported(
                f"The server asks for a kind of Digest authentication this app cannot answer "
                f"({self._fields.get('algorithm', 'MD5')}, qop {self._fields.get('qop', 'none')})"
            )
        return f"Digest {answer}"


class DigestUnsupported(Exception):
    """The server's Digest challenge has an algorithm or qop the standard library cannot answer."""
