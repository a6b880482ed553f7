"""Command line: no sub-command opens the window; sub-commands print to the terminal.

Sub-commands never import Qt, so scripted use (backups, reviews, scheduled syncs) stays light.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import APP_NAME, __version__
from .errors import ActionableError

if TYPE_CHECKING:
    from .services import Services


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="empower-desktop",
        description=f"{APP_NAME}: assess yourself, set SMART goals, learn, network and advocate — "
        "and put the time it takes into your calendar. With no command, the window opens.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--data-dir", type=Path, metavar="DIR", help="folder holding your data (default: the platform's data folder)"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use a fresh temporary data folder filled with example data (your own data is not touched)",
    )
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="check that this installation works (database, time zones, keyring, Qt plugins) without "
        "opening a window; prints one line per check, exit code 0 if all pass",
    )
    parser.add_argument("--exit-on-first-paint", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser(
        "backup",
        help="write all your data to a JSON backup file",
        description="Write every record to one versioned JSON file that restore reads back losslessly.",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p = sub.add_parser(
        "restore",
        help="replace all your data with a backup file's",
        description="Replace every record with the backup's. The backup is checked completely first; "
        "a bad file changes nothing. Your current data is copied to the backups folder beforehand.",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    sub.add_parser(
        "review",
        help="print where every goal stands (offline goal review)",
        description="Print a plain-text summary of every goal: on track, at risk, off track, drafts.",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.selftest:  # before any window: uses its own temporary data folder
        from .selftest import run_selftest

        return run_selftest()
    if args.command is None:
        from .app import run_gui

        return run_gui(args.data_dir, demo=args.demo, exit_on_first_paint=args.exit_on_first_paint)
    from .services import Services, default_data_dir

    try:
        services = Services.open_demo() if args.demo else Services.open(args.data_dir or default_data_dir())
    except ActionableError as exc:
        print(f"empower-desktop: {exc}", file=sys.stderr)
        return 1
    try:
        return _run(services, args)
    except (ActionableError, OSError, ValueError) as exc:
        print(f"empower-desktop: {exc}", file=sys.stderr)
        return 1
    finally:
        services.close()
        if args.demo:  # the example data lived in a temporary folder made for this command
            import shutil

            shutil.rmtree(services.data_dir, ignore_errors=True)


def _run(services: Services, args: argparse.Namespace) -> int:
    if args.command == "backup":
        counts = services.backup(args.file)
        print(f"Backed up {sum(counts.values())} records to {args.file}")
    elif args.command == "restore":
        counts = services.restore(args.file)
        print(f"Restored {sum(counts.values())} records from {args.file}")
    elif args.command == "review":
        sys.stdout.write(services.review_text())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
