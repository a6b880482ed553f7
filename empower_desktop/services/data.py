"""The person's data as a whole: the first start, backup and restore, automatic copies and
recovering a damaged data file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..domain import Record
from ..store import DB_NAME, Database, Store, automatic_copies, replace_with_copy
from ..store.backup import read_backup, restore_backup, write_backup
from .context import Context


class DataServices:
    """Backup, restore and the first start (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    # -- first start -----------------------------------------------------------------------------
    def needs_welcome(self) -> bool:
        return not self._ctx.settings.welcomed and self._ctx.store.is_empty()

    def start_empty(self) -> None:
        self._ctx.settings.set("state.welcomed", True)

    # -- any record ------------------------------------------------------------------------------
    def save(self, record: Record) -> Record:
        """Add a new record or update an existing one (by id), with no rule of any step applied."""
        return self._ctx.save(record)

    def delete(self, record: Record) -> None:
        self._ctx.delete(record)

    # -- backup, restore, recovery -----------------------------------------------------------------
    def backup(self, path: Path) -> dict[str, int]:
        return write_backup(self._ctx.store, Path(path))

    def restore(self, path: Path) -> dict[str, int]:
        """Replace all data with a backup's (all or nothing; the current data is copied first)."""
        return restore_backup(self._ctx.store, Path(path))

    @staticmethod
    def describe_backup(path: Path) -> tuple[int, str]:
        """(number of records, when it was made) after checking the whole file; raises BackupError."""
        contents = read_backup(Path(path))
        return contents.record_count, contents.exported_at

    def auto_copy(self) -> Path:
        return self._ctx.store.db.auto_copy()

    def auto_copy_if_due(self, today: date | None = None) -> Path | None:
        """The daily automatic copy, unless one was made today (by the computer's date, as file times
        are) or there is nothing to keep yet (no record at all)."""
        if self._ctx.store.is_empty():
            return None
        today = today or date.today()
        made = [c for c in automatic_copies_for(self._ctx.data_dir) if c.name.startswith("auto-")]
        if made and date.fromtimestamp(made[0].stat().st_mtime) == today:
            return None
        return self.auto_copy()


def automatic_copies_for(data_dir: Path) -> list[Path]:
    return automatic_copies(Path(data_dir) / DB_NAME)


def recover_from_copy(data_dir: Path, copy: Path) -> Path:
    """Replace a damaged database by an automatic copy; returns where the damaged file was kept."""
    return replace_with_copy(Path(data_dir) / DB_NAME, Path(copy))


def recover_from_backup(data_dir: Path, backup: Path) -> Path:
    """Replace a damaged database by a fresh one filled from a backup file.

    The backup is checked completely first; the damaged file is kept beside, renamed.
    """
    read_backup(Path(backup))  # raises BackupError before anything is moved
    db_path = Path(data_dir) / DB_NAME
    fresh = db_path.with_name(db_path.name + ".restoring")
    fresh.unlink(missing_ok=True)
    store = Store(Database(fresh))
    try:
        restore_backup(store, Path(backup), keep_copy=False)  # nothing to keep in a fresh file
    finally:
        store.close()
    aside = replace_with_copy(db_path, fresh)
    for suffix in ("", "-wal", "-shm"):
        Path(str(fresh) + suffix).unlink(missing_ok=True)
    return aside
