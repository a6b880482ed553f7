"""The contract every sync target keeps, so the engine can treat them all alike.

Writes are conditional, as in CalDAV: `create` only if nothing is at the href yet
(If-None-Match: *), `update` and `delete` only if the object is still the one we last saw
(If-Match: <etag>). A precondition that fails is a conflict to resolve, never an error to
retry blindly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ...errors import ActionableError
from .refusals import Refusal


class TargetError(ActionableError):
    """The target could not do what was asked (network, server, permissions); the message says why."""

    def cause(self) -> str | None:
        """A key that is the same for every item this error hits for the same reason (so they are
        told in one line), or None when it is about one item in particular."""
        return None

    def for_many(self, count: int) -> str:
        """The line for *count* items hit by this same cause."""
        return f"{count} events: {self}"


class _SameForEveryItem(TargetError):
    """An error of the connection or the server, not of one item: it reads the same for all."""

    def cause(self) -> str | None:
        return str(self)


class ServerRefused(TargetError):
    """The server refused a write, and (where it said) why: see refusals.py."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(f"the server refused it: {refusal.meaning}. {refusal.advice}.")
        self.refusal = refusal

    def cause(self) -> str | None:
        return f"{self.refusal.cause}: {self.refusal.meaning}"

    def for_many(self, count: int) -> str:
        return self.refusal.sentence(count)


class PreconditionFailed(TargetError):
    """The object at the href is not the one we expected (a 412): someone else changed it."""


class ObjectNotFound(TargetError):
    """There is no object at the href (a 404)."""


@dataclass(frozen=True)
class RemoteObject:
    href: str
    etag: str
    ics: bytes  # one VCALENDAR holding one event (with its VTIMEZONEs)


@dataclass(frozen=True)
class Listing:
    """What the target holds, or what changed since a sync token.

    When `complete`, `etags` is every object in the collection and `deleted` is empty. Otherwise
    `etags` holds the objects changed since the token and `deleted` the hrefs removed since.
    """

    etags: dict[str, str]
    token: str | None = None
    complete: bool = True
    deleted: frozenset[str] = field(default_factory=frozenset)


class Target(Protocol):
    """A calendar the engine syncs with."""

    name: str
    # How many calls may be on the way at once, from as many threads (1: one at a time).
    connections: int

    def listing(self, token: str | None = None) -> Listing:
        """Changes since *token* when the target supports sync tokens and the token is valid;
        otherwise the complete listing (a target may always answer complete)."""
        ...

    def fetch(self, hrefs: list[str]) -> list[RemoteObject]:
        """The objects at *hrefs* (in one request where the target can); missing ones are left out."""
        ...

    def href_for(self, uid: str) -> str:
        """Where an object with this UID is created: the same href every time, so a create that
        was cut off can be recognised on the next run instead of making a duplicate."""
        ...

    def create(self, uid: str, ics: bytes) -> tuple[str, str]:
        """Put a new object at href_for(uid), only if nothing is there; returns (href, etag).
        Raises PreconditionFailed if something is."""
        ...

    def update(self, href: str, ics: bytes, etag: str) -> str:
        """Replace the object if its ETag is still *etag*; returns the new ETag.
        Raises PreconditionFailed if it changed, ObjectNotFound if it is gone."""
        ...

    def delete(self, href: str, etag: str) -> None:
        """Delete the object if its ETag is still *etag*.
        Raises PreconditionFailed if it changed, ObjectNotFound if it is gone."""
        ...


# -- why a remote target failed, one class per thing a person can do about it ---------------------
# Messages name the server, the address or the user, never the password.


class PasswordRefused(_SameForEveryItem):
    """The server answered 401: the user name or password (or app-specific password) is wrong."""


class ServerUnreachable(_SameForEveryItem):
    """No answer from the server: unknown host, connection refused, time-out."""


class SecureConnectionFailed(_SameForEveryItem):
    """The TLS handshake or the certificate check failed."""


class InsecureConnection(_SameForEveryItem):
    """A plain http:// address to another computer, refused unless explicitly allowed."""


class NotCalDAV(_SameForEveryItem):
    """The address answers, but not as a CalDAV server or calendar."""


class ServerProblem(_SameForEveryItem):
    """The server failed (HTTP 5xx) or asked to slow down; trying later may work."""
