"""The two-way sync of one target, by comparing both sides with what was last synced.

For every UID the engine knows three states: the app's item now, the calendar's object now,
and the fields as they were when both last agreed (the status). A side changed if it differs
from the status; only changed sides move:

- changed in the app only: written to the calendar (If-Match the known ETag; no GET first);
- changed in the calendar only: brought back into the app where that makes sense (a session
  or meeting moved, its place), proposed for the person to confirm where it does not (a moved
  deadline);
- changed on both: merged field by field; a field both sides changed differently becomes a
  conflict that keeps both values, and nothing is overwritten;
- removed from the calendar: the record is marked so in the app, never deleted;
- removed in the app: deleted from the calendar, only if nobody edited it there since.

Each item's write is its own unit: a failure leaves that item's status as it was, so the next
run picks it up again; a create is conditional on a fixed href, so a run cut off after the
server accepted it finds the object instead of making a duplicate. Objects the app did not
create are never written. A target that suddenly looks emptied stops the run before anything
changes.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from ..errors import ActionableError
from .mapping import MERGED_FIELDS, CalendarItem, MalformedEvent, is_ours, read_event, with_fields
from .status import Status, StatusStore
from .targets.base import Listing, ObjectNotFound, PreconditionFailed, RemoteObject, Target, TargetError

log = logging.getLogger(__name__)
FETCH_BATCH = 100
EMPTIED_MIN_ITEMS = 3  # a target missing all of at least this many known objects stops the run


class TargetLooksEmptied(ActionableError):
    """The calendar suddenly lacks (almost) everything synced before: stop and ask the person."""


class LocalSide(Protocol):
    """How the engine reads and changes the app's records."""

    def items(self) -> dict[str, CalendarItem]:
        """Every item that belongs in this target, by UID."""
        ...

    def item(self, item: CalendarItem) -> CalendarItem | None:
        """*item* as the app holds it now (after `apply`), or None if it no longer belongs here."""
        ...

    def apply(self, item: CalendarItem, changes: dict[str, str]) -> dict[str, str]:
        """Bring calendar changes into the record; returns the changes that cannot be applied
        directly (they become proposals for the person to confirm)."""
        ...

    def mark_removed(self, item: CalendarItem) -> None:
        """The object was removed from the calendar: mark the record so (never delete it)."""
        ...


@dataclass
class SyncReport:
    """What one run did, item by item. `problems` holds one line per item that did not sync (the
    next run tries it again); `grouped` holds, for a cause that hits many items alike (a refusal
    for the same reason, a lost connection), the items it hit, so the report says it once."""

    target: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    pulled: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    grouped: dict[str, list[str]] = field(default_factory=dict)  # cause -> the problems it explains
    cancelled: bool = False
    _why: dict[str, TargetError] = field(default_factory=dict, repr=False)  # cause -> one error of it

    def failed(self, title: str, exc: TargetError) -> None:
        """An item did not sync because of *exc*."""
        line = f"{title}: {exc}"
        self.problems.append(line)
        cause = exc.cause()
        if cause is not None:
            self.grouped.setdefault(cause, []).append(line)
            self._why.setdefault(cause, exc)

    def add(self, other: SyncReport) -> None:
        """Take in the lines of *other* (one item's part of this run)."""
        for name in ("created", "updated", "deleted", "pulled", "removed", "conflicts", "proposals", "problems"):
            getattr(self, name).extend(getattr(other, name))
        for cause, lines in other.grouped.items():
            self.grouped.setdefault(cause, []).extend(lines)
            self._why.setdefault(cause, other._why[cause])

    @property
    def changed_anything(self) -> bool:
        return any((self.created, self.updated, self.deleted, self.pulled, self.removed))

    @property
    def not_synced(self) -> int:
        """Items this run could not bring up to date; the next run tries them again."""
        return len(self.problems)

    def lines(self) -> list[str]:
        parts = [
            ("created in the calendar", self.created),
            ("updated in the calendar", self.updated),
            ("deleted from the calendar", self.deleted),
            ("updated in the app from the calendar", self.pulled),
            ("removed from the calendar (kept in the app, marked)", self.removed),
            ("conflicts to resolve", self.conflicts),
            ("changes proposed by the calendar", self.proposals),
        ]
        lines = [f"{self.target}: {len(items)} {what}" for what, items in parts if items]
        for _what, items in parts[5:]:
            lines += [f"  - {text}" for text in items]
        if self.problems:
            count = len(self.problems)
            lines.append(
                f"{self.target}: {count} {'item' if count == 1 else 'items'} not synced; the next sync tries again"
            )
            explained = {line for hit in self.grouped.values() for line in hit}
            for cause, hit in sorted(self.grouped.items(), key=lambda kv: -len(kv[1])):
                lines.append(f"  - {hit[0]}" if len(hit) == 1 else f"  - {self._why[cause].for_many(len(hit))}")
            lines += [f"  - {line}" for line in self.problems if line not in explained]
        if self.cancelled:
            lines.append(f"{self.target}: cancelled; the rest syncs next time")
        return lines or [f"{self.target}: up to date"]


@dataclass
class _Remote:
    href: str
    etag: str
    fields: dict[str, str] | None = None  # None: unchanged since the status (not fetched)


class SyncEngine:
    def __init__(
        self,
        target: Target,
        status: StatusStore,
        local: LocalSide,
        now: Callable[[], datetime],
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.target = target
        self.status = status
        self.local = local
        self.now = now
        self.progress = progress or (lambda done, total: None)
        self.cancelled = cancelled or (lambda: False)
        self._skip: set[str] = set()  # UIDs whose calendar object could not be read this run
        self._local_lock = threading.Lock()  # the app's records are changed by one item at a time

    # -- the run ---------------------------------------------------------------------------------
    def run(self) -> SyncReport:
        report = SyncReport(self.target.name)
        self._skip.clear()
        items = self.local.items()
        statuses = self.status.all()
        listing = self.target.listing(self.status.token())
        remote, unknown = self._remote_state(listing, statuses)
        self._refuse_if_emptied(listing, statuses, remote)

        remote_ok = self._fetch_changed(remote, unknown, statuses, report)
        uids = sorted((set(items) | set(statuses) | {uid for uid in remote if uid not in statuses}) - self._skip)

        def one(uid: str) -> tuple[SyncReport, bool]:
            part = SyncReport(self.target.name)
            try:
                self._sync_one(uid, items.get(uid), statuses.get(uid), remote.get(uid), part)
            except TargetError as exc:
                part.failed(self._title(uid, items, statuses), exc)
                log.info("sync %s: %s: %s", self.target.name, uid, exc)  # the report tells the person
                return part, False
            return part, True

        parts, report.cancelled = self._each(uids, one)
        for uid in uids:  # in the order of the UIDs, however the items finished
            if uid in parts:
                part, ok = parts[uid]
                report.add(part)
                remote_ok &= ok
        # The token marks what this run has seen. After writing, the next run lists everything
        # instead: a server may leave out of a delta an object created and deleted since a token
        # (ours, then someone else's delete), and that delete must not go unseen.
        log.info("sync %s: %s", self.target.name, "; ".join(report.lines()))
        wrote = bool(report.created or report.updated or report.deleted)
        if wrote or not remote_ok or report.cancelled:
            self.status.forget_token()
            self.status.finish(None, "ok" if not report.problems else "problems")
        else:
            self.status.finish(listing.token, "ok" if not report.problems else "problems")
        return report

    def _each(
        self, uids: list[str], one: Callable[[str], tuple[SyncReport, bool]]
    ) -> tuple[dict[str, tuple[SyncReport, bool]], bool]:
        """Sync every UID with *one*, up to `target.connections` at once; returns the results by UID
        and whether the run was cancelled (no new item starts then; those on the way finish).

        Items are independent units: each reads and writes only its own status row and record, and
        the store serialises those writes. An error that is not the target's (a bug, a full disk)
        stops the run: no new item starts, and it is raised once those on the way are done."""
        done: dict[str, tuple[SyncReport, bool]] = {}
        workers = max(1, self.target.connections)
        if workers == 1 or len(uids) < 2:
            for uid in uids:
                if self.cancelled():
                    return done, True
                self.progress(len(done), len(uids))
                done[uid] = one(uid)
            self.progress(len(done), len(uids))
            return done, False
        cancelled = False
        with ThreadPoolExecutor(workers, thread_name_prefix="sync") as pool:
            waiting: dict[Future[tuple[SyncReport, bool]], str] = {}
            todo = iter(uids)
            while True:
                while len(waiting) < 2 * workers and not cancelled:
                    following = next(todo, None)
                    if following is None:
                        break
                    if self.cancelled():
                        cancelled = True
                        break
                    waiting[pool.submit(one, following)] = following
                if not waiting:
                    break
                finished, _ = wait(waiting, return_when=FIRST_COMPLETED)
                for future in finished:
                    uid = waiting.pop(future)
                    if future.exception() is not None:
                        cancelled = True  # start nothing new; raised below once the rest is done
                        wait(waiting)
                        future.result()
                    done[uid] = future.result()
                self.progress(len(done), len(uids))
        return done, cancelled

    def _remote_state(self, listing: Listing, statuses: dict[str, Status]) -> tuple[dict[str, _Remote], dict[str, str]]:
        """Our objects in the calendar by UID, and the hrefs of objects not known yet."""
        by_href = {s.href: s for s in statuses.values() if s.href}
        if listing.complete:
            etags = dict(listing.etags)
        else:  # a delta: start from what we know, apply what changed
            etags = {s.href: s.etag or "" for s in by_href.values() if s.href} | self.status.foreign()
            etags.update(listing.etags)
            for href in listing.deleted:
                etags.pop(href, None)
        foreign = self.status.foreign()
        gone_foreign = set(foreign) - set(etags)
        if gone_foreign:
            self.status.drop_foreign(gone_foreign)
        remote: dict[str, _Remote] = {}
        unknown: dict[str, str] = {}
        for href, etag in etags.items():
            known = by_href.get(href)
            if known is not None:
                remote[known.uid] = _Remote(href, etag)
            elif foreign.get(href) != etag:
                unknown[href] = etag
        return remote, unknown

    def _refuse_if_emptied(self, listing: Listing, statuses: dict[str, Status], remote: dict[str, _Remote]) -> None:
        synced = [s for s in statuses.values() if s.href and not s.removed_remotely]
        if len(synced) < EMPTIED_MIN_ITEMS:
            return
        present = sum(1 for s in synced if s.uid in remote)
        if present == 0 or (len(synced) >= 10 and present < len(synced) // 2):
            raise TargetLooksEmptied(
                f"The calendar “{self.target.name}” no longer holds {len(synced) - present} of the "
                f"{len(synced)} events synced to it before. It may have been emptied or replaced, so "
                "nothing was changed. Check the calendar; to start over with it, remove and add the account again."
            )

    def _fetch_changed(
        self, remote: dict[str, _Remote], unknown: dict[str, str], statuses: dict[str, Status], report: SyncReport
    ) -> bool:
        """Read the objects that changed or are new to us; returns False if one could not be read."""
        wanted = [r.href for uid, r in remote.items() if statuses[uid].etag != r.etag] + list(unknown)
        ok = True
        by_href = {r.href: uid for uid, r in remote.items()}
        for start in range(0, len(wanted), FETCH_BATCH):
            for obj in self.target.fetch(wanted[start : start + FETCH_BATCH]):
                ok &= self._take(obj, by_href, remote, report)
        return ok

    def _take(self, obj: RemoteObject, by_href: dict[str, str], remote: dict[str, _Remote], report: SyncReport) -> bool:
        try:
            uid, fields = read_event(obj.ics)
        except MalformedEvent as exc:
            known = by_href.get(obj.href)
            if known is None:
                self.status.set_foreign(obj.href, obj.etag)  # not readable, so not ours to touch
                return True
            self.status.add_issue(known, "unreadable", detail=str(exc))
            report.problems.append(f"{obj.href}: {exc}")
            self._skip.add(known)
            return False
        known = by_href.get(obj.href)
        if known is not None and known != uid:  # someone put another event at our href
            self.status.add_issue(known, "unreadable", detail=f"{obj.href} now holds another event ({uid})")
            report.problems.append(f"{obj.href}: now holds another event")
            self._skip.add(known)
            return False
        if known is None and not is_ours(uid):
            self.status.set_foreign(obj.href, obj.etag)
            return True
        remote[uid] = _Remote(obj.href, obj.etag, fields)
        return True

    # -- one item --------------------------------------------------------------------------------
    def _sync_one(
        self, uid: str, item: CalendarItem | None, status: Status | None, remote: _Remote | None, report: SyncReport
    ) -> None:
        if status is not None and status.removed_remotely:
            return  # waits for the person: restore to the calendar, or accept the removal
        if item is None:
            self._removed_locally(uid, status, remote, report)
        elif status is None or status.href is None:
            written = status.written if status is not None else None
            if remote is not None and remote.fields is not None:  # ours, already there (a cut-off run)
                # Merged against what that run sent, so an edit made in the calendar since is theirs.
                base = written if written is not None else remote.fields
                self._merge(item, Status(uid, remote.href, remote.etag, "", base), remote, report)
            else:
                self._create(item, written, report)
        elif remote is None:
            with self._local_lock:
                self.local.mark_removed(item)
            self.status.put(Status(uid, None, None, item.content_hash(), status.fields, removed_remotely=True))
            self.status.add_issue(uid, "removed", detail=item.summary)
            report.removed.append(item.summary)
        elif remote.fields is None:  # the calendar's copy is as last synced
            if item.content_hash() != status.local_hash:
                self._push(item, status.href, remote.etag, report)
        else:
            self._merge(item, status, remote, report)

    def _create(self, item: CalendarItem, written_before: dict[str, str] | None, report: SyncReport) -> None:
        # Remember what is sent before sending it: if the answer is lost, the next run finds the
        # event and merges against this, not against whatever the calendar holds by then.
        self.status.put(Status(item.uid, None, None, "", {}))
        self.status.note_written(item.uid, item.fields())
        try:
            href, etag = self.target.create(item.uid, item.to_ics(self.now()))
        except PreconditionFailed:  # an earlier run created it and stopped before remembering
            existing = self._read(self.target.href_for(item.uid), item.uid)
            base = written_before if written_before is not None else existing.fields or {}
            self._merge(item, Status(item.uid, existing.href, existing.etag, "", base), existing, report)
            return
        self.status.put(Status(item.uid, href, etag, item.content_hash(), item.fields()))
        report.created.append(item.summary)

    def _push(self, item: CalendarItem, href: str, etag: str, report: SyncReport) -> None:
        self.status.note_written(item.uid, item.fields())
        try:
            new_etag = self.target.update(href, item.to_ics(self.now()), etag)
        except PreconditionFailed:  # changed in the calendar since the listing: merge with it
            status = self.status.all()[item.uid]
            self._merge(item, status, self._read(href, item.uid), report, retry=False)
            return
        self.status.put(Status(item.uid, href, new_etag, item.content_hash(), item.fields()))
        report.updated.append(item.summary)

    def _read(self, href: str, uid: str) -> _Remote:
        """Our object at *href* as it is now; TargetError if it is gone or holds something else."""
        found = self.target.fetch([href])
        if not found:
            raise ObjectNotFound(f"{href} disappeared during the sync")
        try:
            found_uid, fields = read_event(found[0].ics)
        except MalformedEvent as exc:
            raise TargetError(f"{href}: {exc}") from exc
        if found_uid != uid:
            raise TargetError(f"{href} holds another event ({found_uid})")
        return _Remote(href, found[0].etag, fields)

    def _merge(
        self, item: CalendarItem, status: Status, remote: _Remote, report: SyncReport, retry: bool = True
    ) -> None:
        """Both sides may have changed since the status: merge field by field."""
        assert remote.fields is not None
        base, theirs, mine = status.fields, remote.fields, item.fields()
        # Changed in the app beyond the merged fields (a habit's rule, a reminder)?
        other_changed = bool(status.local_hash) and with_fields(item, base).content_hash() != status.local_hash
        if status.written is not None and theirs == status.written:
            base = status.written  # our own write arrived though its answer was lost: not their edit
        mine_changed = {f for f in MERGED_FIELDS if mine[f] != base.get(f)}
        theirs_changed = {f for f in MERGED_FIELDS if theirs[f] != base.get(f)}
        clashes = {f for f in mine_changed & theirs_changed if mine[f] != theirs[f]}
        pull = {f: theirs[f] for f in sorted(theirs_changed - mine_changed)}
        # What both sides hold once this item is done. A field still in dispute keeps its old
        # value, so it stays a change on both sides until the person settles it.
        agreed = {f: base.get(f, "") if f in clashes else theirs[f] if f in pull else mine[f] for f in MERGED_FIELDS}

        for f in sorted(clashes):
            self.status.add_issue(item.uid, "conflict", f, mine[f], theirs[f], item.summary)
            report.conflicts.append(f"{item.summary}: {f} changed both in the app and in the calendar")
        if not clashes:
            self.status.clear_issues(item.uid, ("conflict",))
        keep_theirs = set(clashes)
        if pull:
            with self._local_lock:
                proposals = self.local.apply(item, pull)
            for f, value in proposals.items():
                self.status.add_issue(item.uid, "proposal", f, mine[f], value, item.summary)
                report.proposals.append(f"{item.summary}: {f} → {value}")
                agreed[f] = base.get(f, "")
                keep_theirs.add(f)
            with self._local_lock:
                refreshed = self.local.item(item)
            if refreshed is None:  # the change took the record out of this calendar
                report.pulled.append(item.summary)
                self.status.put(Status(item.uid, remote.href, remote.etag, item.content_hash(), agreed))
                return
            if refreshed.content_hash() != item.content_hash():  # not when only app-owned fields came
                report.pulled.append(item.summary)
            if with_fields(refreshed, item.fields()).content_hash() != item.content_hash():
                other_changed = True  # taking it changed what only the app writes (a moved habit's exceptions)
            item = refreshed

        # Write what the app holds, except where the calendar's value must stay (a dispute or a
        # proposal not yet taken): nothing of theirs is overwritten. A field the app keeps as its
        # own (a session's title) goes back as the app has it, and is remembered so.
        to_write = with_fields(item, {f: theirs[f] for f in keep_theirs})
        agreed = {f: agreed[f] if f in keep_theirs else to_write.fields()[f] for f in MERGED_FIELDS}
        differs = any(to_write.fields()[f] != theirs[f] for f in MERGED_FIELDS)
        differs |= other_changed
        etag = remote.etag
        if differs:
            again = f"{item.summary}: changed again in the calendar during the sync; the next run merges it"
            if not retry:
                report.problems.append(again)
                return
            self.status.note_written(item.uid, to_write.fields())
            try:
                etag = self.target.update(remote.href, to_write.to_ics(self.now()), remote.etag)
            except PreconditionFailed:
                report.problems.append(again)
                return
            report.updated.append(item.summary)
        self.status.put(Status(item.uid, remote.href, etag, item.content_hash(), agreed))

    def _removed_locally(self, uid: str, status: Status | None, remote: _Remote | None, report: SyncReport) -> None:
        if status is None:
            if remote is not None:  # ours, but the app has no record of it: leave it alone
                self.status.set_foreign(remote.href, remote.etag)
            return
        if status.href is None and remote is not None and remote.fields is not None:
            # A create whose answer was lost, then deleted in the app: ours to delete while the
            # calendar holds what was sent; edited there since, it is theirs and stays.
            if status.written is not None and remote.fields == status.written:
                with contextlib.suppress(ObjectNotFound):
                    self.target.delete(remote.href, remote.etag)
                report.deleted.append(status.written.get("summary", uid))
            else:
                self.status.set_foreign(remote.href, remote.etag)
            self.status.drop(uid)
            return
        if status.href is None or remote is None:
            self.status.drop(uid)
            return
        if remote.fields is not None:  # edited in the calendar since: keep their edit
            self.status.drop(uid)
            self.status.set_foreign(remote.href, remote.etag)
            summary = remote.fields.get("summary", uid)
            report.problems.append(f"{summary}: deleted in the app but edited in the calendar, so left there")
            return
        with contextlib.suppress(ObjectNotFound):  # already gone is as good as deleted
            self.target.delete(status.href, remote.etag)
        self.status.drop(uid)
        report.deleted.append(status.fields.get("summary", uid))

    @staticmethod
    def _title(uid: str, items: dict[str, CalendarItem], statuses: dict[str, Status]) -> str:
        if uid in items:
            return items[uid].summary
        status = statuses.get(uid)
        return status.fields.get("summary", uid) if status else uid
