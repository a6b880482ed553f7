"""Opening the data folder, with the recovery dialog when the data file cannot be opened.

The dialog's module is imported only when it is needed, to keep it off the start-up path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when the data is opened, after the window's frame has painted
    from ..services import Services
    from ..store import StoreEnvironmentError

Ask = Callable[[Path, "StoreEnvironmentError"], bool]  # True: try opening again; False: quit


def ask_with_dialog(data_dir: Path, error: StoreEnvironmentError) -> bool:
    from .recovery_dialog import ask_with_dialog as ask

    return ask(data_dir, error)


def open_with_recovery(data_dir: Path, ask: Ask = ask_with_dialog) -> Services | None:
    """Services.open, and while it fails, the recovery dialog; None when the person quits."""
    from ..services import Services
    from ..store import StoreEnvironmentError

    while True:
        try:
            return Services.open(data_dir)
        except StoreEnvironmentError as exc:
            if not ask(data_dir, exc):
                return None
