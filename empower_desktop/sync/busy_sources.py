"""The calendars whose events count as busy time, and the busy time last read from each (tables
`busy_sources` and `busy_times`): kept, so planning works offline on the last known busy time. A
refresh that fails keeps what was read before and records why, in the window's words.

Also the collisions the person chose to leave as they are (`collisions_kept`): an occurrence and
the busy span it overlaps; they are not listed again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from ..domain.common import new_id
from ..store import Database
from .busy import BusySpan

CALDAV = "caldav"
FILE = "file"
FEED = "feed"
KINDS = (CALDAV, FILE, FEED)


@dataclass(frozen=True, slots=True)
class BusySource:
    id: str
    name: str  # as the person named it ("Work", "Team feed")
    kind: str  # CALDAV, FILE or FEED
    location: str  # the calendar's URL, the file's path, or the feed's link
    account: str | None  # CALDAV: the account whose server and password it uses
    method: str  # CALDAV: how it was read last time (free-busy query or calendar query)
    validator: str  # what tells whether it changed since (a feed's ETag, a file's size and time)
    read_at: datetime | None  # when busy time was last read; None: never
    read_from: datetime | None  # the stretch of time read
    read_until: datetime | None
    problem: str  # why the last refresh failed ("" if it did not)
    spans: int = 0  # busy spans kept


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class BusySources:
    """The busy calendars' tables. Every write is its own transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def all(self) -> list[BusySource]:
        rows = self.db.query(
            "SELECT s.id, s.name, s.kind, s.location, s.account, s.method, s.validator, s.read_at, s.read_from,"
            " s.read_until, s.problem, (SELECT count(*) FROM busy_times AS t WHERE t.source_id = s.id)"
            " FROM busy_sources AS s ORDER BY s.name COLLATE NOCASE, s.created"
        )
        return [
            BusySource(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _when(r[7]), _when(r[8]), _when(r[9]), r[10], r[11])
            for r in rows
        ]

    def get(self, source_id: str) -> BusySource | None:
        return next((s for s in self.all() if s.id == source_id), None)

    def add(self, name: str, kind: str, location: str, account: str | None = None) -> BusySource:
        assert kind in KINDS
        source_id = new_id()
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO busy_sources (id, created, name, kind, location, account) VALUES (?, ?, ?, ?, ?, ?)",
                (source_id, _text(datetime.now(UTC)), name, kind, location, account),
            )
        found = self.get(source_id)
        assert found is not None
        return found

    def rename(self, source_id: str, name: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE busy_sources SET name = ? WHERE id = ?", (name, source_id))

    def remove(self, source_id: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM busy_sources WHERE id = ?", (source_id,))

    def store_read(
        self,
        source_id: str,
        spans: list[BusySpan] | None,
        *,
        validator: str,
        method: str,
        read_at: datetime,
        read_from: datetime,
        read_until: datetime,
    ) -> None:
        """A refresh that worked: its spans replace the ones kept (None: unchanged, keep them)."""
        with self.db.transaction() as conn:
            if spans is not None:
                conn.execute("DELETE FROM busy_times WHERE source_id = ?", (source_id,))
                conn.executemany(
                    "INSERT INTO busy_times (source_id, start_at, end_at, label, all_day) VALUES (?, ?, ?, ?, ?)",
                    [
                        (source_id, int(s.start.timestamp()), int(s.end.timestamp()), s.label, int(s.all_day))
                        for s in spans
                    ],
                )
            conn.execute(
                "UPDATE busy_sources SET validator = ?, method = ?, read_at = ?, read_from = ?, read_until = ?,"
                " problem = '' WHERE id = ?",
                (validator, method, _text(read_at), _text(read_from), _text(read_until), source_id),
            )

    def store_problem(self, source_id: str, problem: str) -> None:
        """A refresh that failed: what was read before stays; the reason is kept to show."""
        with self.db.transaction() as conn:
            conn.execute("UPDATE busy_sources SET problem = ? WHERE id = ?", (problem, source_id))

    def spans(self, start: datetime, end: datetime, *, all_day: bool) -> list[tuple[int, int, str, str]]:
        """Busy spans kept that overlap [start, end): (start, end as POSIX seconds, label, the
        calendar's name); all-day events only if *all_day*."""
        rows = self.db.query(
            "SELECT t.start_at, t.end_at, t.label, s.name FROM busy_times AS t JOIN busy_sources AS s"
            " ON s.id = t.source_id WHERE t.start_at < ? AND t.end_at > ? AND (? OR NOT t.all_day)"
            " ORDER BY t.start_at",
            (int(end.timestamp()), int(start.timestamp()), int(all_day)),
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    # -- collisions the person left as they are ----------------------------------------------------
    def keep(self, occurrence: str, start: datetime, end: datetime) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO collisions_kept (occurrence, start_at, end_at, kept_on) VALUES (?, ?, ?, ?)",
                (occurrence, int(start.timestamp()), int(end.timestamp()), _text(datetime.now(UTC))),
            )

    def kept(self) -> set[tuple[str, int, int]]:
        return {(r[0], r[1], r[2]) for r in self.db.query("SELECT occurrence, start_at, end_at FROM collisions_kept")}

    def forget_kept(self, occurrences: Iterable[str]) -> None:
        with self.db.transaction() as conn:
            conn.executemany("DELETE FROM collisions_kept WHERE occurrence = ?", [(o,) for o in occurrences])
