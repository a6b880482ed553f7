"""Command line: no sub-command opens the window; sub-commands print to the terminal.

Sub-commands never import Qt, so scripted use (backups, reviews, scheduled syncs) stays light; the
one exception is `brag --out FILE.pdf`, whose PDF Qt lays out (with no display needed).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import APP_NAME, __version__
from .domain.advocate import Audience
from .errors import ActionableError, InputError, message_for

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
    p = sub.add_parser(
        "review",
        help="print the review's figures: goals, learning hours, contacts due, deadlines (--json for scripts)",
        description="Print what the Review tab's dashboard shows, offline: every goal on track, at risk or off "
        "track and why, drafts and what they lack; learning hours planned and logged this week (or quarter) "
        "and past sessions not logged; contacts due; open action items from mentor meetings; achievements "
        "this month; deadlines and milestones overdue or in the next 30 days; what comes next; follow-ups.",
        epilog=REVIEW_JSON_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    period = p.add_mutually_exclusive_group()
    period.add_argument(
        "--week", dest="period", action="store_const", const="week", help="learning hours of this week (the default)"
    )
    period.add_argument(
        "--quarter", dest="period", action="store_const", const="quarter", help="learning hours of this quarter"
    )
    p.set_defaults(period="week")
    p.add_argument("--json", action="store_true", help="print the figures as JSON, for a script (fields below)")
    _calendar_commands(sub)
    return parser


# The exit statuses of `sync`, worst first; a run over several accounts exits with the worst.
EXIT_FAILED = 1  # an account could not be synced at all
EXIT_NOT_SYNCED = 3  # some items were not synced (2 is the status of a mistyped command)
EXIT_FOR_YOU = 4  # all synced, but conflicts or changes from the calendar wait for the person
EXIT_USAGE = 2  # the command was mistyped or its input cannot be used (argparse's own status)
SYNC_EXIT_HELP = """exit status:
  0  everything is up to date: every item is in the calendar as it is in the app
  1  an account could not be synced at all (no connection, wrong password, no such
     account); the line on standard error says why. Nothing is lost: the next run
     syncs what is waiting.
  3  the sync ran, but some items were not synced (the server refused them, or the
     connection failed on the way); the output says which and why. The next run
     tries them again; items the server refuses keep failing until the cause the
     output names is fixed.
  4  everything was synced as far as it can be, but conflicts, events removed from
     the calendar or changes proposed by it wait for you (Sync > Resolve Sync
     Issues in the window). Until you settle them, each run exits 4.
  2  the command was mistyped (unknown option or account name missing)."""

REVIEW_JSON_HELP = """JSON fields (--json; days as YYYY-MM-DD, times ISO 8601 with their offset):
  format_version           1; a field is only added, never renamed, within a version
  today, period            the day (your time zone) and "week" or "quarter"
  goals                    on_track, at_risk, off_track, not_measured, target_reached:
                           counts of the active goals; items: id, title, track, reason
                           (why, in words; "" on track), progress and expected (0..1 or
                           null), deadline
  hours                    the period's learning: first_day, last_day, planned_hours,
                           logged_hours, sessions_not_logged; week and quarter: the same
                           for this ISO week and this calendar quarter
  sessions_not_logged      past sessions of the period not logged as done or skipped
  contacts_due             contacts due or overdue for a contact (as contacts due lists)
  open_actions             open action items of mentor meetings; my_open_actions: mine
  achievements_this_month  achievements dated this calendar month
  deadlines                day, kind (goal, milestone, certification, opportunity), title,
                           id, overdue: overdue ones first, then the next 30 days
  next_events              start, end, kind (session, meeting), title, id, occurrence"""

ITEMS_HELP = "item types this calendar takes, comma-separated: session, meeting, deadline, milestone, renewal"


def _calendar_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    account = sub.add_parser(
        "account",
        help="add, list or remove calendar accounts (CalDAV or .ics file)",
        description="Calendar accounts: where learning sessions, meetings, deadlines and reviews go.",
    )
    acc = account.add_subparsers(dest="account_command", metavar="ACTION", required=True)
    p = acc.add_parser(
        "add",
        help="add a CalDAV account (--url, --username) or an .ics file (--ics)",
        description="Add a CalDAV account: the server is asked for its calendars, the one named by --calendar "
        "is used (or a calendar called Empower is created), and the password goes to the system keyring. "
        "Or add an .ics file that a calendar app can subscribe to.",
    )
    p.add_argument("name", metavar="NAME")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", metavar="URL", help="the CalDAV server (https://...)")
    where.add_argument("--ics", type=Path, metavar="PATH", help="an .ics file to write")
    p.add_argument("--username", metavar="USER")
    p.add_argument("--calendar", metavar="NAME", help="the calendar to use (default: Empower, created if missing)")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.add_argument("--items", metavar="TYPES", help=ITEMS_HELP)
    p.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="I understand: allow a plain http:// address to a host other than this computer",
    )
    p.add_argument("--no-keyring", action="store_true", help="do not save the password; ask each time")
    acc.add_parser("list", help="list the calendar accounts")
    p = acc.add_parser(
        "move",
        help="move an account's events to another calendar on the same server",
        description="Sync with the account's calendar, delete the app's events there (only those), then "
        "create them in CALENDAR (a name or an address on the same server), and use that calendar from now "
        "on. Nothing is deleted while a sync issue waits for you. A move that is cut off is finished by the "
        "next sync.",
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("calendar", metavar="CALENDAR")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p = acc.add_parser("remove", help="remove an account (its events stay in the calendar unless asked)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--delete-events", action="store_true", help="first delete the events the app put there")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")

    p = sub.add_parser(
        "sync",
        help="sync calendars both ways (all accounts, or NAME)",
        description="Sync with the calendar accounts: prints what was created, updated and deleted on each "
        "side, and any conflicts. The exit status tells a scheduled sync how it went.",
        epilog=SYNC_EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p = sub.add_parser("export-ics", help="write everything scheduled to an .ics file")
    p.add_argument("file", type=Path, metavar="FILE")
    p = sub.add_parser(
        "import-ics",
        help="import an .ics schedule as learning sessions of one learning item",
        description="Import the timed events of an .ics file (a course's or a conference's schedule) as "
        "learning sessions of a learning item. Prints a line per session (new, changed, already imported) "
        "and per entry left out, with the reason. Importing the same file again changes nothing; a changed "
        "file updates what changed. --dry-run prints the same and changes nothing.",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--item", required=True, metavar="ID|TITLE", help="the learning item, by id or by title")
    p.add_argument("--dry-run", action="store_true", help="only show what would be imported")
    contacts = sub.add_parser("contacts", help="your network: who to reach out to")
    csub = contacts.add_subparsers(dest="contacts_command", metavar="ACTION", required=True)
    csub.add_parser(
        "due",
        help="the reach-out list: contacts due or overdue, most overdue first",
        description="Contacts whose stay-in-touch rhythm asks for a contact today or earlier, most overdue "
        "first, with when you were last in touch. Counted from the latest real contact of any kind, a "
        "mentor meeting held included.",
    )
    p = csub.add_parser(
        "import",
        help="add contacts from a vCard file (.vcf)",
        description="Add the contacts of a vCard file (3.0 or 4.0, as phones and mail programs export them). "
        "A card with the same email, or the same name and organisation, as a contact already here is a "
        "duplicate and left out unless --duplicates; a card that cannot be a contact is left out with its "
        "reason. --dry-run prints the same and changes nothing.",
    )
    p.add_argument("file", type=Path, metavar="FILE.vcf")
    p.add_argument("--dry-run", action="store_true", help="only show what would be imported")
    p.add_argument("--duplicates", action="store_true", help="add the duplicates too")
    p = csub.add_parser("export", help="write every contact to a vCard file (.vcf)")
    p.add_argument("file", type=Path, metavar="FILE.vcf")
    p = sub.add_parser(
        "meetings",
        help="the next mentor meetings, with what to prepare",
        description="The next planned meetings with your mentors, coaches and mentees, the soonest first: when, "
        "with whom, the title and the place, then the topics carried over open from the meeting before and "
        "the open action items with that person (yours and theirs, with their due dates).",
    )
    p.add_argument("--limit", type=_at_least_one, default=5, metavar="N", help="how many meetings to show (default: 5)")
    p = sub.add_parser(
        "brag",
        help="write your brag document for a period, as Markdown or PDF",
        description="Write the document you bring to a 1:1, a performance review or a promotion case: the "
        "achievements of the period (ordered by impact), the initiatives delivered, goal progress, learning "
        "done and skills grown, as the window's Advocate tab writes it. Private achievements stay out unless "
        "--include-private. Markdown (.md) needs nothing more; a PDF (.pdf) is laid out with the Qt libraries "
        "the window uses (no display needed).",
    )
    p.add_argument("--from", dest="start", required=True, type=_day, metavar="DATE", help="first day, as 2026-10-01")
    p.add_argument("--to", dest="end", required=True, type=_day, metavar="DATE", help="last day, as 2026-12-31")
    p.add_argument(
        "--audience",
        choices=[a.cli_name for a in (Audience.MANAGER, Audience.SKIP_LEVEL, Audience.HR, Audience.MENTOR)],
        default=Audience.MANAGER.cli_name,
        help="who the document is for; it sets the title (default: manager)",
    )
    p.add_argument("--include-private", action="store_true", help="include the achievements marked private")
    p.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="FILE.md|FILE.pdf",
        help="the file to write: .md for Markdown, .pdf for PDF (the PDF needs the Qt libraries, Markdown does not)",
    )
    _find_time_commands(sub)
    learning = sub.add_parser("learning", help="list the learning items (titles and ids)")
    lsub = learning.add_subparsers(dest="learning_command", metavar="ACTION", required=True)
    lsub.add_parser("list", help="the learning items: id, kind, status and title")


COLLISIONS_EXIT_HELP = """exit status:
  0  no planned session collides with busy time
  4  some do: each is listed with the free time proposed for it
  1  busy time could not be read at all, or the data folder cannot be opened"""


def _find_time_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "find-time",
        help="find free time in your calendars for a weekly learning habit (--apply to plan it)",
        description="Read your busy calendars again (see `busy`), then propose where a weekly learning habit "
        "goes: the weekly times free in the most weeks, within your working hours and preferences (set in the "
        "window: Learn > Find Time), and, for the weeks where such a time is busy, a move to the nearest free "
        "time that week. A busy calendar that cannot be read is named, and its last known busy time is used. "
        "--apply adds the sessions to the learning item; they go to your calendar at the next sync.",
    )
    p.add_argument("--item", required=True, metavar="ID|NAME", help="the learning item, by id or by title")
    p.add_argument("--weekly-hours", required=True, type=_positive, metavar="H", help="hours a week, e.g. 3")
    p.add_argument("--block", required=True, type=_at_least_one, metavar="MINUTES", help="one block's length")
    p.add_argument("--from", dest="start", type=_day, metavar="DATE", help="first day, as 2026-10-01 (default: now)")
    p.add_argument("--weeks", type=_at_least_one, default=13, metavar="N", help="weeks to plan (default: 13)")
    p.add_argument("--apply", action="store_true", help="add the proposed sessions to the learning item")
    p = sub.add_parser(
        "collisions",
        help="list planned sessions that busy time in your calendars now overlaps",
        description="Read your busy calendars again, then list the planned learning sessions a busy event now "
        "overlaps (a meeting added since), each with the nearest free time of its week. Move them in the "
        "window (Learn > Find Time) or with find-time.",
        epilog=COLLISIONS_EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    busy = sub.add_parser(
        "busy",
        help="the calendars whose events count as busy time when finding time",
        description="Busy calendars: other calendars of a CalDAV account (your Work and Personal ones), .ics "
        "files and published links. Their events are read (and kept, for planning offline) by `busy refresh`, "
        "find-time and collisions.",
    )
    bsub = busy.add_subparsers(dest="busy_command", metavar="ACTION", required=True)
    bsub.add_parser("list", help="the busy calendars, when each was last read and any problem")
    p = bsub.add_parser("add", help="add a busy calendar: --file, --link, or --account with --calendar")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--file", type=Path, metavar="FILE.ics", help="an .ics file on this computer")
    where.add_argument("--link", metavar="URL", help="a published calendar's https:// or webcal:// link")
    where.add_argument("--account", metavar="NAME", help="a CalDAV account added with `account add caldav`")
    p.add_argument("--calendar", metavar="URL|NAME", help="with --account: which of its calendars")
    p.add_argument("--name", default="", metavar="NAME", help="what to call it (default: from the file or link)")
    p.add_argument("--password-stdin", action="store_true", help="read the account's password from standard input")
    p = bsub.add_parser("remove", help="remove a busy calendar (its events are no longer busy time)")
    p.add_argument("name", metavar="NAME")
    p = bsub.add_parser("refresh", help="read every busy calendar again")
    p.add_argument("--password-stdin", action="store_true", help="read a password from standard input")


def _positive(text: str) -> float:
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        number = 0.0
    if not 0 < number <= 80:
        raise argparse.ArgumentTypeError(f"a number of hours above 0 and at most 80, not {text!r}")
    return number


def _at_least_one(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"a whole number of at least 1, not {text!r}")
    return number


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"a date as YYYY-MM-DD (e.g. 2026-10-01), not {text!r}") from None


BRAG_FORMATS = (".md", ".pdf")


def _brag_input_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the brag command's input before anything is opened, or None."""
    from .domain.common import day_text

    if args.out.suffix.lower() not in BRAG_FORMATS:
        return f"--out must end in .md (Markdown) or .pdf (PDF), not “{args.out.name}”."
    if args.end < args.start:
        return (
            f"The period ends ({day_text(args.end)}) before it starts ({day_text(args.start)}). "
            "Choose --to on or after --from."
        )
    return None


def _print_utf8() -> None:
    """Print UTF-8 whatever the console or pipe would take: on Windows a pipe is cp1252, which has
    no "→" and would end the command with UnicodeEncodeError. (A windowed app has no stream.)"""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _print_utf8()
    args = build_parser().parse_args(argv)
    problem = _brag_input_problem(args) if args.command == "brag" else None
    if problem is not None:  # refused like a mistyped command, before any data folder is opened
        print(f"empower-desktop brag: {problem}", file=sys.stderr)
        return EXIT_USAGE
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
        print(f"empower-desktop: {message_for(exc)}", file=sys.stderr)
        return 1
    try:
        return _run(services, args)
    except BrokenPipeError:  # the reader stopped early (`| head`): not a failure of this command
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except (ActionableError, OSError) as exc:
        print(f"empower-desktop: {message_for(exc)}", file=sys.stderr)
        return 1
    finally:
        services.close()
        if args.demo:  # the example data lived in a temporary folder made for this command
            import shutil

            shutil.rmtree(services.data_dir, ignore_errors=True)


def _run(services: Services, args: argparse.Namespace) -> int:
    if args.command == "backup":
        counts = services.data.backup(args.file)
        print(f"Backed up {sum(counts.values())} records to {args.file}")
    elif args.command == "restore":
        counts = services.data.restore(args.file)
        print(f"Restored {sum(counts.values())} records from {args.file}")
    elif args.command == "review":
        _review(services, args.period, as_json=args.json)
    elif args.command == "account":
        return _account(services, args)
    elif args.command == "sync":
        return _sync(services, args)
    elif args.command == "export-ics":
        print(f"Wrote {services.calendar.export_ics(args.file)} events to {args.file}")
    elif args.command == "import-ics":
        plan = (services.calendar.plan_import if args.dry_run else services.calendar.import_ics)(args.file, args.item)
        for line in plan.lines():
            print(line)
        if args.dry_run:
            print(f"Would import: {plan.summary()} (dry run: nothing changed)")
        else:
            print(f"Imported: {plan.summary()}")
    elif args.command == "contacts" and args.contacts_command == "due":
        _contacts_due(services)
    elif args.command == "meetings":
        _meetings(services, args.limit)
    elif args.command == "contacts" and args.contacts_command == "export":
        print(f"Wrote {services.network.export_vcards(args.file)} contacts to {args.file}")
    elif args.command == "contacts":
        _contacts_import(services, args)
    elif args.command == "brag":
        _brag(services, args)
    elif args.command in ("find-time", "collisions", "busy"):
        return _find_time(services, args)
    elif args.command == "learning":
        items = services.learning.items()
        for item in items:
            print(f"{item.id}  {item.kind.value:<14} {item.status.value:<12} {item.title}")
        if not items:
            print("No learning items yet.")
    return 0


def _refresh_busy(services: Services, password: str | None = None, until: datetime | None = None) -> None:
    """Read the busy calendars again; one that cannot be read is named on standard error."""
    passwords = {}
    if password is not None:
        passwords = {s.account: password for s in services.find_time.sources() if s.account}
    for result in services.find_time.refresh(passwords, until=until):
        if not result.ok:
            print(f"empower-desktop: {result.problem} (its busy time as last read is used)", file=sys.stderr)


def _find_time(services: Services, args: argparse.Namespace) -> int:
    from .services.findtime import added_line, collision_lines, proposal_lines

    find = services.find_time
    tz = services.context.zone()
    if args.command == "find-time":
        _earliest, _start, end = find.plan_window(args.start, args.weeks)
        _refresh_busy(services, until=end)
        plan = find.find_habit_time(args.item, args.weekly_hours, args.block, args.start, args.weeks)
        for line in proposal_lines(plan, tz, len(find.sources())):
            print(line)
        if args.apply:
            print("\n" + added_line(find.apply_habit(plan), plan.title))
        else:
            print("\nNothing was changed: add --apply to plan these sessions.")
        return 0
    if args.command == "collisions":
        _refresh_busy(services)
        rows = find.collisions()
        for line in collision_lines(rows, tz):
            print(line)
        return EXIT_FOR_YOU if rows else 0
    return _busy(services, args)


def _busy(services: Services, args: argparse.Namespace) -> int:
    from .domain.common import moment_text

    find = services.find_time
    if args.busy_command == "list":
        sources = find.sources()
        for source in sources:
            read = None if source.read_at is None else source.read_at.astimezone(services.context.zone())
            when = "never read" if read is None else f"read {moment_text(read)}"
            print(f"{source.name}  ({source.kind}: {source.location})  {source.spans} busy spans, {when}")
            if source.problem:
                print(f"  last refresh failed: {source.problem}")
        if not sources:
            print("No busy calendar yet: add one with `empower-desktop busy add`.")
    elif args.busy_command == "add":
        if args.file is not None:
            source = find.add_file_source(args.file, args.name)
        elif args.link is not None:
            source = find.add_feed_source(args.link, args.name)
        else:
            if not args.calendar:
                raise InputError("Say which calendar of the account: --calendar URL or NAME")
            password = _password(args)
            calendars = find.account_calendars(args.account, password)
            wanted = args.calendar.strip()
            chosen = [
                c
                for c in calendars
                if c.url.rstrip("/") == wanted.rstrip("/") or c.name.casefold() == wanted.casefold()
            ]
            if len(chosen) != 1:
                names = ", ".join(f"“{c.name}”" for c in calendars) or "none besides the one the app writes to"
                raise InputError(
                    f"The account has no calendar “{wanted}” to read busy time from (its calendars: {names})."
                )
            source = find.add_caldav_source(args.account, chosen[0].url, args.name or chosen[0].name)
        print(f"Added the busy calendar “{source.name}”.")
        _refresh_busy(services, _password(args) if args.account is None else password)
    elif args.busy_command == "remove":
        match = [s for s in find.sources() if s.name.casefold() == args.name.strip().casefold()]
        if not match:
            raise InputError(f"There is no busy calendar called “{args.name}” (`empower-desktop busy list`).")
        find.remove_source(match[0].id)
        print(f"Removed the busy calendar “{match[0].name}”; its events no longer count as busy time.")
    else:
        _refresh_busy(services, _password(args))
        for source in find.sources():
            problem = f" (not read now: {source.problem})" if source.problem else ""
            print(f"{source.name}: {source.spans} busy spans{problem}")
    return 0


def _review(services: Services, period: str, *, as_json: bool) -> None:
    import json

    from .review.summary import follow_ups_section, goal_lines
    from .services.dashboard import dashboard_json, dashboard_lines

    dashboard = services.dashboard.dashboard()
    if as_json:
        print(json.dumps(dashboard_json(dashboard, period), ensure_ascii=False, indent=2))
        return
    today = dashboard.today
    lines = [f"Goal review — {today.day} {today:%B %Y}", ""]
    lines += goal_lines(services.store.goals.all(), today)
    lines += dashboard_lines(dashboard, period)
    lines += follow_ups_section(services.store, today)
    print("\n".join(lines))


def _brag(services: Services, args: argparse.Namespace) -> None:
    from .services.brag import period_text, write_markdown

    audience = next(a for a in Audience if a.cli_name == args.audience)
    doc = services.advocacy.brag(args.start, args.end, audience, args.include_private)
    count = len(doc.achievements)
    what = f"{count} achievement{'s' if count != 1 else ''}"
    if args.out.suffix.lower() == ".pdf":
        try:
            from .ui.brag_pdf import application, write_pdf
        except ImportError as exc:  # Qt or a system library it needs is missing
            raise ActionableError(
                f"The PDF needs the Qt libraries, which could not be loaded ({exc}). "
                "Markdown needs nothing more: --out FILE.md"
            ) from exc
        _app = application()  # kept alive while the PDF is made
        pages = write_pdf(doc, args.out)
        what += f" on {pages} page{'s' if pages != 1 else ''}"
    else:
        write_markdown(doc, args.out)
    private = "" if args.include_private else _private_left_out(services, args.start, args.end)
    print(f"Wrote {args.out}: {doc.title}, {period_text(args.start, args.end)}, {what}{private}")


def _private_left_out(services: Services, start: date, end: date) -> str:
    left = sum(1 for a in services.advocacy.achievements() if a.private and start <= a.achieved_on <= end)
    return f" ({left} private left out; --include-private adds them)" if left else ""


def _contacts_due(services: Services) -> None:
    today = services.today()
    rows = services.network.reach_out()
    for row in rows:
        contact = row.contact
        late = row.overdue_days(today)
        when = "due today" if late == 0 else f"overdue {late} day{'s' if late != 1 else ''}"
        last = f"last contact {row.last_contact:%d %b %Y}" if row.last_contact else "never in touch yet"
        rhythm = f"every {row.rhythm_days} days" + (f" ({row.rhythm_from})" if row.rhythm_from else "")
        where = f" ({contact.organisation})" if contact.organisation else ""
        print(f"{contact.name}{where}: {when}; {rhythm}; {last}")
    if not rows:
        print("Nobody is due: you are in touch with everyone on your rhythm.")


def _meetings(services: Services, limit: int) -> None:
    from .domain.common import day_text, moment_text

    today = services.today()
    rows = services.mentoring.next_meetings(limit=sys.maxsize)  # all of them, to say how many more there are
    for n, row in enumerate(rows[:limit]):
        prep = services.mentoring.prepare(row.meeting.id)
        meeting = prep.meeting
        local = meeting.start.local()
        if n:
            print()
        print(f"{moment_text(local)} {local.tzname() or ''}".rstrip() + f"  {meeting.title}")
        print(f"  with {prep.with_whom} ({prep.mentorship.role.label.lower()}) · {meeting.location or 'no place set'}")
        if prep.carried:
            print("  Carried over from last time:")
            for topic in prep.carried:
                print(f"    - {topic.text}")
        for heading, actions in (("My open actions", prep.my_actions), ("Their open actions", prep.their_actions)):
            if actions:
                print(f"  {heading}:")
            for action in actions:
                due = action.item.due
                when = "" if due is None else f" (due {day_text(due)}{', overdue' if due < today else ''})"
                print(f"    - {action.item.text}{when}")
        if not (prep.carried or prep.my_actions or prep.their_actions):
            print("  Nothing carried over, no open action items.")
    if len(rows) > limit:
        more = len(rows) - limit
        print(f"\n{more} more planned (empower-desktop meetings --limit {len(rows)} shows them all).")
    if not rows:
        print(
            "No meetings planned. To plan one, open the window: tab 3 (Network & Mentor), Meetings, "
            "New meeting… (a mentorship under Mentorships comes first)."
        )


def _contacts_import(services: Services, args: argparse.Namespace) -> None:
    cards = services.network.preview_vcards(args.file)
    for card in cards:
        if card.problem:
            print(f"  left out  {card.name}: {card.problem}")
        elif card.duplicate_of:
            what = "duplicate" if not args.duplicates else "duplicate, added anyway"
            print(f"  {what}  {card.name} (like “{card.duplicate_of}”)")
        else:
            print(f"  new       {card.name}")
    if args.dry_run:
        from .services.vcard import cards_to_add

        added = len(cards_to_add(cards, duplicates=args.duplicates))
        print(f"Would add {added} of {len(cards)} contacts (dry run: nothing changed)")
        return
    added, _left = services.network.import_vcards(args.file, duplicates=args.duplicates)
    print(f"Added {added} of {len(cards)} contacts")


def _password(args: argparse.Namespace) -> str | None:
    if not getattr(args, "password_stdin", False):
        return None
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise InputError("no password on standard input")
    return password


def _items(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(t.strip() for t in text.split(",") if t.strip())


def _account(services: Services, args: argparse.Namespace) -> int:
    if args.account_command == "list":
        accounts = services.calendar.accounts()
        for account in accounts:
            print(account.describe())
        if not accounts:
            print("No calendar accounts yet (empower-desktop account add --help).")
    elif args.account_command == "remove":
        deleted = services.calendar.remove_account(
            args.name, delete_events=args.delete_events, password=_password(args)
        )
        extra = f"; deleted {deleted} of its events from the calendar" if args.delete_events else ""
        print(f"Removed the account {args.name}{extra}")
    elif args.account_command == "move":
        moved = services.calendar.move_account(args.name, args.calendar, password=_password(args))
        print(f"Moved {args.name} to the calendar {moved.calendar}: {moved.deleted} events left the old calendar")
        for title in moved.kept:
            print(f"  - kept in the old calendar (changed there meanwhile): {title}")
        for line in moved.report.lines():
            print(line)
        if moved.report.not_synced:
            return EXIT_NOT_SYNCED
    elif args.ics is not None:
        account = services.calendar.add_ics_account(args.name, args.ics, _items(args.items))
        print(f"Added {account.describe()}")
    else:
        if not args.username:
            raise InputError("a CalDAV account needs --username")
        password = _password(args)
        if password is None:
            import getpass

            password = getpass.getpass(f"Password for {args.username}: ")
        account, where = services.calendar.add_caldav_account(
            args.name,
            args.url,
            args.username,
            password,
            args.calendar,
            kinds=_items(args.items),
            allow_insecure=args.allow_insecure_http,
            remember_password=not args.no_keyring,
        )
        print(f"Added {account.describe()}")
        print(where)
    return 0


def _sync(services: Services, args: argparse.Namespace) -> int:
    names = [args.name] if args.name else [a.name for a in services.calendar.accounts()]
    if not names:
        print("No calendar accounts yet; the calendar file is brought up to date instead.")
        count = services.calendar.sync_calendar_file()
        print(f"Calendar file updated: {count} events → {services.calendar.calendar_file()}")
        return 0
    password = _password(args)
    status = 0
    for name in names:
        try:
            report = services.calendar.sync_account(name, password=password)
        except ActionableError as exc:
            print(f"empower-desktop: {name}: {message_for(exc)}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        for line in report.lines():
            print(line)
        waiting = len(services.calendar.sync_issues(name))
        if waiting:
            print(f"{name}: {waiting} waiting for you to resolve (Sync > Resolve Sync Issues in the window)")
        if report.not_synced and status != EXIT_FAILED:
            status = EXIT_NOT_SYNCED
        elif waiting and status == 0:
            status = EXIT_FOR_YOU
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
