"""SQLite storage: connection, migrations, repositories, backup and restore. No Qt."""

from .db import DB_NAME, Database, automatic_copies, replace_with_copy
from .errors import (
    BackupError,
    DatabaseCorruptError,
    DatabaseTooNewError,
    StoreBugError,
    StoreEnvironmentError,
    StoreError,
)
from .repositories import TABLES, Repository, Store

__all__ = [
    "DB_NAME",
    "TABLES",
    "BackupError",
    "Database",
    "DatabaseCorruptError",
    "DatabaseTooNewError",
    "Repository",
    "Store",
    "StoreBugError",
    "StoreEnvironmentError",
    "StoreError",
    "automatic_copies",
    "replace_with_copy",
]
