"""A target held in memory: the reference for the contract, and the engine's test double.

It behaves like a careful CalDAV server: hrefs from UIDs, a new ETag on every write,
conditional writes, sync tokens that list what changed since. `fail_next` makes the next calls
fail, as a flaky network would. With `connections` above 1 the engine calls it from that many
threads; each call is one step under a lock, as a server would order them.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import threading
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import quote

from .base import Listing, ObjectNotFound, PreconditionFailed, RemoteObject, TargetError

_Call = TypeVar("_Call", bound=Callable[..., Any])


def _one_at_a_time(method: _Call) -> _Call:
    @functools.wraps(method)
    def locked(self: MemoryTarget, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return locked  # type: ignore[return-value]


class MemoryTarget:
    def __init__(self, name: str = "memory", *, sync_tokens: bool = True, connections: int = 1) -> None:
        self.name = name
        self.connections = connections
        self._lock = threading.RLock()
        self.sync_tokens = sync_tokens
        self.objects: dict[str, tuple[str, bytes]] = {}  # href -> (etag, ics)
        self.requests = 0
        self.fail_next = 0  # how many coming calls raise TargetError
        # request number -> "before" (the request is lost) or "after" (done, but the answer is lost)
        self.faults: dict[int, str] = {}
        self._counter = itertools.count(1)
        self._version = 0
        self._log: list[tuple[int, str]] = []  # (version, href) of every change

    # -- helpers for tests: another client editing the calendar -------------------------------
    @_one_at_a_time
    def put_foreign(self, href: str, ics: bytes) -> str:
        etag = self._new_etag(ics)
        self.objects[href] = (etag, ics)
        self._changed(href)
        return etag

    @_one_at_a_time
    def remove(self, href: str) -> None:
        del self.objects[href]
        self._changed(href)

    # -- the contract ----------------------------------------------------------------------------
    @_one_at_a_time
    def listing(self, token: str | None = None) -> Listing:
        self._request()
        current = f"v{self._version}"
        if self.sync_tokens and token is not None and token.startswith("v"):
            since = int(token[1:])
            if since <= self._version:
                touched = {href for version, href in self._log if version > since}
                etags = {h: self.objects[h][0] for h in touched if h in self.objects}
                deleted = frozenset(h for h in touched if h not in self.objects)
                return Listing(etags, current, complete=False, deleted=deleted)
        return Listing({h: e for h, (e, _) in self.objects.items()}, current if self.sync_tokens else None)

    @_one_at_a_time
    def fetch(self, hrefs: list[str]) -> list[RemoteObject]:
        self._request()
        return [RemoteObject(h, *self.objects[h]) for h in hrefs if h in self.objects]

    def href_for(self, uid: str) -> str:
        return f"/calendars/empower/{quote(uid, safe='@-._')}.ics"

    @_one_at_a_time
    def create(self, uid: str, ics: bytes) -> tuple[str, str]:
        self._request()
        href = self.href_for(uid)
        if href in self.objects:
            raise PreconditionFailed(f"{href} exists already")
        etag = self._new_etag(ics)
        self.objects[href] = (etag, ics)
        self._changed(href)
        self._answer()
        return href, etag

    @_one_at_a_time
    def update(self, href: str, ics: bytes, etag: str) -> str:
        self._request()
        self._check(href, etag)
        new = self._new_etag(ics)
        self.objects[href] = (new, ics)
        self._changed(href)
        self._answer()
        return new

    @_one_at_a_time
    def delete(self, href: str, etag: str) -> None:
        self._request()
        self._check(href, etag)
        del self.objects[href]
        self._changed(href)
        self._answer()

    # -- internals -------------------------------------------------------------------------------
    def _request(self) -> None:
        self.requests += 1
        if self.fail_next or self.faults.get(self.requests) == "before":
            self.fail_next = max(0, self.fail_next - 1)
            raise TargetError(f"{self.name}: the server did not answer (simulated)")

    def _answer(self) -> None:
        if self.faults.get(self.requests) == "after":
            raise TargetError(f"{self.name}: the connection dropped before the answer (simulated)")

    def _check(self, href: str, etag: str) -> None:
        if href not in self.objects:
            raise ObjectNotFound(f"{href} is gone")
        if self.objects[href][0] != etag:
            raise PreconditionFailed(f"{href} changed since it was read")

    def _new_etag(self, ics: bytes) -> str:
        digest = hashlib.sha256(ics).hexdigest()[:12]
        return f'"{next(self._counter)}-{digest}"'

    def _changed(self, href: str) -> None:
        self._version += 1
        self._log.append((self._version, href))
