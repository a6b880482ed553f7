"""The SQLite connection: pragmas, transactions, migrations, and automatic copies of the file."""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..domain.common import DomainError, zone
from ..domain.recurrence import occurrence_key
from .errors import (
    DatabaseCorruptError,
    DatabaseTooNewError,
    StoreBugError,
    StoreEnvironmentError,
    translate,
)
from .migrations import LATEST_VERSION, MIGRATIONS

SQLITE_HEADER = b"SQLite format 3\x00"
DB_NAME = "empower.sqlite3"
BACKUP_DIR = "backups"
AUTO_PREFIX = "auto-"
KEEP_AUTO_COPIES = 5


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")


def casefold(text: str | None) -> str | None:
    """SQL `casefold(text)`: Python's caseless form, which SQLite's lower() gives only for ASCII."""
    return text.casefold() if isinstance(text, str) else None


def local_key(instant: str | None, tz: str | None) -> str | None:
    """SQL `local_key(start_utc, start_tz)`: the name of the occurrence that starts at that stored
    instant in that zone (its wall-clock start, as `occurrence_key` writes it); NULL for a value
    that is no instant or no zone."""
    if not instant or not tz:
        return None
    try:
        local = datetime.fromisoformat(instant).astimezone(zone(tz))
    except (ValueError, DomainError):
        return None
    return occurrence_key(local)


# What SQLite calls: the same answers, each worked out once. A figure over a quarter asks it for
# every one-off session with a log, several times over (once per count), and the zone arithmetic is
# most of that count's time.
_local_key_remembered = functools.lru_cache(maxsize=16_384)(local_key)


class Database:
    """One SQLite file with foreign keys, WAL and explicit transactions.

    Opening never overwrites a file it cannot read: a damaged file raises DatabaseCorruptError,
    a file written by a newer version raises DatabaseTooNewError; both leave the file as it was.
    """

    def __init__(self, path: Path, *, check: bool = True) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._depth = 0
        self._check_header()
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=5.0)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
        self.conn.row_factory = sqlite3.Row
        self.conn.create_function("local_key", 2, _local_key_remembered, deterministic=True)
        self.conn.create_function("casefold", 1, casefold, deterministic=True)
        try:
            version = self._read_version()
            if version > LATEST_VERSION:
                raise DatabaseTooNewError(
                    f"The data file {self.path} was written by a newer version of Empower Desktop "
                    f"(schema {version}; this version knows up to {LATEST_VERSION}). "
                    "Update the app, or restore a backup."
                )
            if check:
                self._integrity(quick=True)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate(version)
        except sqlite3.Error as exc:
            self.conn.close()
            raise translate(exc, self.path) from exc
        except BaseException:
            self.conn.close()
            raise

    # -- opening -------------------------------------------------------------------------------
    def _check_header(self) -> None:
        if not self.path.exists() or self.path.stat().st_size == 0:
            return
        with open(self.path, "rb") as fh:
            if fh.read(16) != SQLITE_HEADER:
                raise DatabaseCorruptError(
                    f"The data file {self.path} is not an Empower Desktop database (damaged or replaced)."
                )

    def _read_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _integrity(self, *, quick: bool) -> None:
        pragma = "quick_check" if quick else "integrity_check"
        rows = [r[0] for r in self.conn.execute(f"PRAGMA {pragma}").fetchall()]
        if rows != ["ok"]:
            raise DatabaseCorruptError(f"The data file {self.path} is damaged: {'; '.join(rows[:3])}")

    def integrity_check(self) -> list[str]:
        return [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall()]

    def _migrate(self, version: int) -> None:
        """Bring the schema to LATEST_VERSION; an existing database is copied before each step
        (a new, empty one has nothing to keep)."""
        existed = self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        for target in range(version + 1, LATEST_VERSION + 1):
            if existed:
                self.copy_to(self.backup_dir / f"before-migration-v{target - 1}-to-v{target}-{_stamp()}.sqlite3")
            with self.transaction():
                for statement in _split_sql(MIGRATIONS[target - 1]):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {target}")

    # -- transactions ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Commit on success, roll back on any error; nested use becomes a savepoint."""
        with self._lock:
            depth = self._depth
            begin, commit, rollback = (
                ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")
                if depth == 0
                else (f"SAVEPOINT sp{depth}", f"RELEASE sp{depth}", f"ROLLBACK TO sp{depth}; RELEASE sp{depth}")
            )
            try:
                self.conn.execute(begin)
            except sqlite3.Error as exc:
                raise translate(exc, self.path) from exc
            self._depth += 1
            try:
                yield self.conn
            except BaseException as exc:
                self._depth -= 1
                with contextlib.suppress(sqlite3.Error):
                    for statement in rollback.split("; "):
                        self.conn.execute(statement)
                if isinstance(exc, sqlite3.Error):
                    raise translate(exc, self.path) from exc
                raise
            self._depth -= 1
            try:
                self.conn.execute(commit)
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                raise translate(exc, self.path) from exc

    def query(self, sql: str, params: tuple[object, ...] | dict[str, object] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self.conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise translate(exc, self.path) from exc

    # -- copies ----------------------------------------------------------------------------------
    @property
    def backup_dir(self) -> Path:
        return self.path.parent / BACKUP_DIR

    def copy_to(self, dest: Path) -> Path:
        """A consistent copy of the whole database (SQLite's online backup), written atomically."""
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + ".part")
        with self._lock:
            try:
                target = sqlite3.connect(tmp)
                try:
                    self.conn.backup(target)
                finally:
                    target.close()
                os.replace(tmp, dest)
            except sqlite3.Error as exc:
                tmp.unlink(missing_ok=True)
                raise translate(exc, dest) from exc
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise StoreEnvironmentError(f"Could not write a copy of the data to {dest}: {exc.strerror}") from exc
        return dest

    def auto_copy(self, keep: int = KEEP_AUTO_COPIES) -> Path:
        """Keep a rolling automatic copy of a database that opened cleanly (the last *keep*)."""
        dest = self.copy_to(self.backup_dir / f"{AUTO_PREFIX}{_stamp()}.sqlite3")
        for old in automatic_copies(self.path)[keep:]:
            old.unlink(missing_ok=True)
        return dest

    def close(self) -> None:
        with self._lock:
            if self._depth:
                raise StoreBugError("close() inside a transaction")
            self.conn.close()


def automatic_copies(db_path: Path) -> list[Path]:
    """Copies the app made by itself, newest first: rolling copies and pre-migration copies."""
    folder = Path(db_path).parent / BACKUP_DIR
    if not folder.is_dir():
        return []
    copies = [p for p in folder.glob("*.sqlite3") if p.name.startswith((AUTO_PREFIX, "before-migration-"))]
    return sorted(copies, key=lambda p: p.stat().st_mtime, reverse=True)


def replace_with_copy(db_path: Path, copy: Path) -> Path:
    """Put *copy* in place of a damaged database; the damaged file is kept beside it, renamed.

    Returns the path the damaged file was moved to.
    """
    db_path = Path(db_path)
    with open(copy, "rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            raise DatabaseCorruptError(f"{copy} is not a database copy")
    aside = db_path.with_name(f"{db_path.name}.damaged-{_stamp()}")
    if db_path.exists():
        os.replace(db_path, aside)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    tmp = db_path.with_name(db_path.name + ".part")
    source = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    os.replace(tmp, db_path)
    return aside


def _split_sql(script: str) -> list[str]:
    """Split a migration script into statements (migrations hold no semicolons inside literals)."""
    return [s.strip() for s in script.split(";") if s.strip()]
