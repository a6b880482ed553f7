"""The log file in the data folder: what happened, for a person or a bug report; never passwords.

Nothing the app logs holds a password, and the HTTP libraries, whose debug output could show an
Authorization header, are kept at WARNING.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_NAME = "empower.log"
QUIET = ("caldav", "urllib3", "requests", "niquests", "httpx", "keyring")


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Log to data_dir/empower.log (rotated at 1 MB, three kept); returns the file's path."""
    path = Path(data_dir) / LOG_NAME
    root = logging.getLogger("empower_desktop")
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            if Path(handler.baseFilename) == path.resolve():
                return path
            root.removeHandler(handler)
            handler.close()
    try:
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return path  # a read-only folder: the app works without its log
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    return path


def close_logging() -> None:
    root = logging.getLogger("empower_desktop")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
