"""What the engine remembers per target: for each UID the href, the ETag and the fields as they
were when both sides last agreed; the sync token; objects that are not ours; and the issues
that wait for the person (conflicts, proposed changes, removals, unreadable objects)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import UTC, datetime

from ..domain.common import new_id
from ..store import Database


@dataclass
class Status:
    uid: str
    href: str | None
    etag: str | None
    local_hash: str
    fields: dict[str, str]
    removed_remotely: bool = False
    written: dict[str, str] | None = None  # sent in an update whose answer has not come back


@dataclass(frozen=True)
class Issue:
    id: str
    target: str
    uid: str
    kind: str  # "conflict", "proposal", "removed", "unreadable"
    field: str
    local_value: str
    remote_value: str
    detail: str
    created: str = dataclass_field(default="")


class StatusStore:
    """The sync tables of one target. Every write is its own transaction."""

    def __init__(self, db: Database, target: str) -> None:
        self.db = db
        self.target = target

    # -- per item --------------------------------------------------------------------------------
    def all(self) -> dict[str, Status]:
        rows = self.db.query(
            "SELECT uid, href, etag, local_hash, fields, removed_remotely, written FROM sync_status WHERE target = ?",
            (self.target,),
        )
        return {
            r[0]: Status(r[0], r[1], r[2], r[3], json.loads(r[4]), bool(r[5]), json.loads(r[6]) if r[6] else None)
            for r in rows
        }

    def put(self, status: Status) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO sync_status (target, uid, href, etag, local_hash, fields, removed_remotely, written) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT(target, uid) DO UPDATE SET href = excluded.href, "
                "etag = excluded.etag, local_hash = excluded.local_hash, fields = excluded.fields, "
                "removed_remotely = excluded.removed_remotely, written = NULL",
                (
                    self.target,
                    status.uid,
                    status.href,
                    status.etag,
                    status.local_hash,
                    json.dumps(status.fields, sort_keys=True),
                    int(status.removed_remotely),
                ),
            )

    def note_written(self, uid: str, fields: dict[str, str]) -> None:
        """Remember what is about to be sent for *uid* (cleared by the next put)."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE sync_status SET written = ? WHERE target = ? AND uid = ?",
                (json.dumps(fields, sort_keys=True), self.target, uid),
            )

    def drop(self, uid: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM sync_status WHERE target = ? AND uid = ?", (self.target, uid))

    # -- whole target ----------------------------------------------------------------------------
    def token(self) -> str | None:
        rows = self.db.query("SELECT token FROM sync_state WHERE target = ?", (self.target,))
        return str(rows[0][0]) if rows and rows[0][0] is not None else None

    def finish(self, token: str | None, result: str) -> None:
        """Remember the token (None keeps the old one) and how the run ended."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO sync_state (target, token, last_sync, last_result) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(target) DO UPDATE SET token = coalesce(excluded.token, token), "
                "last_sync = excluded.last_sync, last_result = excluded.last_result",
                (self.target, token, now, result),
            )

    def forget_token(self) -> None:
        """The next listing is a complete one."""
        with self.db.transaction() as conn:
            conn.execute("UPDATE sync_state SET token = NULL WHERE target = ?", (self.target,))

    def forget_calendar(self) -> None:
        """Forget the calendar itself: its token, the objects that are not ours, the issues. The
        next run lists the calendar anew (after an account moved to another calendar)."""
        with self.db.transaction() as conn:
            conn.execute("UPDATE sync_state SET token = NULL WHERE target = ?", (self.target,))
            conn.execute("DELETE FROM sync_foreign WHERE target = ?", (self.target,))
            conn.execute("DELETE FROM sync_issues WHERE target = ?", (self.target,))

    def foreign(self) -> dict[str, str]:
        rows = self.db.query("SELECT href, etag FROM sync_foreign WHERE target = ?", (self.target,))
        return {r[0]: r[1] for r in rows}

    def set_foreign(self, href: str, etag: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO sync_foreign (target, href, etag) VALUES (?, ?, ?) "
                "ON CONFLICT(target, href) DO UPDATE SET etag = excluded.etag",
                (self.target, href, etag),
            )

    def drop_foreign(self, hrefs: set[str]) -> None:
        with self.db.transaction() as conn:
            conn.executemany(
                "DELETE FROM sync_foreign WHERE target = ? AND href = ?", [(self.target, h) for h in hrefs]
            )

    # -- issues for the person -------------------------------------------------------------------
    def add_issue(
        self, uid: str, kind: str, field: str = "", local: str = "", remote: str = "", detail: str = ""
    ) -> None:
        """Record an issue; the same (uid, kind, field) is kept once, with the latest values."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db.transaction() as conn:
            conn.execute(
                "DELETE FROM sync_issues WHERE target = ? AND uid = ? AND kind = ? AND field = ?",
                (self.target, uid, kind, field),
            )
            conn.execute(
                "INSERT INTO sync_issues (id, target, uid, kind, field, local_value, remote_value, detail, created) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new_id(), self.target, uid, kind, field, local, remote, detail, now),
            )

    def clear_issues(self, uid: str, kinds: tuple[str, ...]) -> None:
        with self.db.transaction() as conn:
            conn.executemany(
                "DELETE FROM sync_issues WHERE target = ? AND uid = ? AND kind = ?",
                [(self.target, uid, kind) for kind in kinds],
            )

    def issues(self) -> list[Issue]:
        rows = self.db.query(
            "SELECT id, target, uid, kind, field, local_value, remote_value, detail, created "
            "FROM sync_issues WHERE target = ? ORDER BY created, uid, field",
            (self.target,),
        )
        return [Issue(*row) for row in rows]
