"""Where the person's data lives by default (cheap to import: the window's frame needs it to paint)."""

from __future__ import annotations

from pathlib import Path

from . import APP_ID


def default_data_dir() -> Path:
    """The platform's data folder for the app (e.g. %LOCALAPPDATA%, ~/Library/Application Support)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_ID, appauthor=False))
