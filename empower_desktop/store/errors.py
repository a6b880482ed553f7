"""Two kinds of store failure: the environment failed (the person can act on it) or we have a bug."""

from __future__ import annotations

import sqlite3

from ..errors import ActionableError


class StoreError(Exception):
    """Base of every store failure."""


class StoreEnvironmentError(StoreError, ActionableError):
    """The disk, the file or another program is in the way; the message says what to do."""


class DiskFullError(StoreEnvironmentError):
    pass


class DatabaseLockedError(StoreEnvironmentError):
    pass


class ReadOnlyError(StoreEnvironmentError):
    pass


class DatabaseCorruptError(StoreEnvironmentError):
    pass


class DatabaseTooNewError(StoreEnvironmentError):
    pass


class DataFolderError(StoreEnvironmentError):
    """The data folder itself cannot be used (it is a file, or cannot be made or written)."""


class StoreBugError(StoreError):
    """Bad SQL, a broken constraint, a misuse of the API: a bug to report, not the person's fault."""


class BackupError(StoreEnvironmentError):
    """A backup file cannot be read or restored; the message names what is wrong."""


def translate(exc: sqlite3.Error, path: object = None) -> StoreError:
    """Map a sqlite3 error to the store's error classes, with a message a person can act on."""
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFullError(f"The disk is full{where}; free some space and try again. Nothing was saved.")
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(f"The data file is in use by another program{where}; close it and try again.")
    if "readonly" in text or "read-only" in text:
        return ReadOnlyError(f"The data file cannot be written{where}; check its permissions.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseCorruptError(f"The data file is damaged{where}: {exc}")
    if isinstance(exc, sqlite3.OperationalError) and ("unable to open" in text or "i/o" in text):
        return StoreEnvironmentError(f"The data file cannot be opened{where}: {exc}")
    return StoreBugError(f"{type(exc).__name__}: {exc}")
