"""Calendar accounts and syncing them: CalDAV calendars and .ics files, each item type routed to
one of them; importing a course's schedule from an .ics file."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ActionableError
from .context import Context

if TYPE_CHECKING:
    from ..sync.ics import CalendarContent
    from ..sync.mapping import Reminders

ITEM_KINDS = ("session", "meeting", "deadline", "milestone", "renewal", "followup", "review")
KIND_LABELS = {
    "session": "learning sessions",
    "meeting": "mentor meetings",
    "deadline": "goal deadlines",
    "milestone": "milestones",
    "renewal": "certification renewals",
    "followup": "follow-ups",
    "review": "review rituals",
}


class AccountError(ActionableError):
    """An account cannot be added, found or used as asked."""


@dataclass(frozen=True)
class Account:
    name: str
    kind: str  # "caldav" or "ics"
    kinds: tuple[str, ...] = ITEM_KINDS
    url: str = ""
    username: str = ""
    calendar_url: str = ""
    calendar_name: str = ""
    path: str = ""
    allow_insecure: bool = False
    supports_todos: bool = False  # the calendar keeps tasks (VTODO)
    moving_from: str = ""  # the calendar a move is leaving, until our events are gone from it
    created: str = field(default="")

    def describe(self) -> str:
        where = f"{self.calendar_name} on {self.url} as {self.username}" if self.kind == "caldav" else self.path
        items = ", ".join(KIND_LABELS[k] for k in self.kinds)
        return f"{self.name} ({'CalDAV' if self.kind == 'caldav' else '.ics file'}): {where} — {items}"


PasswordAsk = Callable[[Account], str | None]


@dataclass(frozen=True)
class SyncOutcome:
    """One account's sync: its report, or the one-line reason it failed (and the error's kind)."""

    account: str
    report: Any  # SyncReport | None
    error: str
    error_kind: str


class CalendarServices:
    """Accounts and sync (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    # -- what goes into a calendar ---------------------------------------------------------------
    def reminders(self) -> Reminders:
        """How items go into a calendar now: reminders, the zone, and the review ritual (its day,
        time, length and rhythm from Settings, and what the next review covers as its description,
        computed afresh each time: a sync rewrites the event only when that text changed)."""
        from ..sync.mapping import Reminders
        from .dashboard import DashboardServices

        settings = self._ctx.settings
        weeks = settings.review_cadence_weeks
        return Reminders(
            session_minutes=settings.reminder_minutes,
            deadline_days=settings.deadline_reminder_days,
            review_weeks=weeks,
            tz=self._ctx.time_zone(),
            review_weekday=int(settings.get("review.weekday")),
            review_time=str(settings.get("review.time")).strip(),
            review_minutes=int(settings.get("review.minutes")),
            review_description=DashboardServices(self._ctx).ritual_description() if weeks else "",
        )

    def _content(self) -> CalendarContent:
        from ..sync.ics import CalendarContent

        return CalendarContent(
            self._ctx.store, self._ctx.now(), self.reminders(), goals_as_tasks=self._ctx.settings.goals_as_tasks
        )

    # -- the calendar file in the data folder ----------------------------------------------------
    def calendar_file(self) -> Path:
        configured = self._ctx.settings.ics_path
        return Path(configured).expanduser() if configured else self._ctx.data_dir / "calendar.ics"

    def export_ics(self, path: Path) -> int:
        """Write every scheduled item to an .ics file (atomically); returns the number of events."""
        from ..sync.ics import export_calendar

        return export_calendar(self._content(), Path(path))

    def calendar_file_due(self) -> bool:
        """Whether the calendar file in the data folder is kept: once there is data to put in it (or
        it was written before). On a first start with nothing entered, no file is written."""
        return self.calendar_file().exists() or not self._ctx.store.is_empty()

    def sync_calendar_file(self) -> int:
        """Bring the calendar file up to date; refuses if another program changed it since."""
        from ..sync.ics import write_calendar_file

        settings = self._ctx.settings
        return write_calendar_file(
            self._content(),
            self.calendar_file(),
            None,
            settings.ics_written_hash,
            lambda digest: settings.set("state.ics_written_hash", digest),
        )

    # -- accounts --------------------------------------------------------------------------------
    def accounts(self) -> list[Account]:
        rows = self._ctx.store.db.query("SELECT name, kind, config, created FROM sync_targets ORDER BY created, name")
        return [self._account(r[0], r[1], r[2], r[3]) for r in rows]

    @staticmethod
    def _account(name: str, kind: str, config: str, created: str) -> Account:
        data: dict[str, Any] = json.loads(config)
        data["kinds"] = tuple(data.get("kinds", ITEM_KINDS))
        return Account(name=name, kind=kind, created=created, **data)

    def account(self, name: str) -> Account:
        for account in self.accounts():
            if account.name == name:
                return account
        known = ", ".join(a.name for a in self.accounts()) or "none yet"
        raise AccountError(f"There is no calendar account called “{name}” (accounts: {known}).")

    def _routed_kinds(self, wanted: tuple[str, ...] | None, name: str) -> tuple[str, ...]:
        taken = {kind: a.name for a in self.accounts() for kind in a.kinds}
        if wanted is None:
            free = tuple(k for k in ITEM_KINDS if k not in taken)
            if not free:
                raise AccountError(
                    "Every item type already goes to a calendar; say which items this one takes "
                    f"(items: {', '.join(ITEM_KINDS)})."
                )
            return free
        unknown = [k for k in wanted if k not in ITEM_KINDS]
        if unknown:
            raise AccountError(f"Unknown item type {unknown[0]!r}; choose from {', '.join(ITEM_KINDS)}.")
        clash = [k for k in wanted if k in taken]
        if clash:
            raise AccountError(f"{KIND_LABELS[clash[0]].capitalize()} already go to “{taken[clash[0]]}”.")
        return tuple(dict.fromkeys(wanted))

    def _insert(self, account: Account) -> Account:
        if not account.name.strip():
            raise AccountError("An account needs a name.")
        if any(a.name == account.name for a in self.accounts()):
            raise AccountError(f"There is already an account called “{account.name}”.")
        config = {k: v for k, v in asdict(account).items() if k not in ("name", "kind", "created")}
        created = datetime.now(UTC).isoformat(timespec="seconds")
        with self._ctx.store.db.transaction() as conn:
            conn.execute(
                "INSERT INTO sync_targets (name, kind, config, created) VALUES (?, ?, ?, ?)",
                (account.name, account.kind, json.dumps(config), created),
            )
        return self.account(account.name)

    def add_ics_account(self, name: str, path: Path, kinds: tuple[str, ...] | None = None) -> Account:
        path = Path(path).expanduser().resolve()
        if path.is_dir():
            raise AccountError(
                f"“{path}” is a folder. Give the calendar file's own name, e.g. “{path / 'empower.ics'}”."
            )
        if not path.parent.is_dir():
            raise AccountError(f"The folder “{path.parent}” does not exist. Choose a file in a folder that does.")
        return self._insert(Account(name=name, kind="ics", path=str(path), kinds=self._routed_kinds(kinds, name)))

    def add_caldav_account(
        self,
        name: str,
        url: str,
        username: str,
        password: str,
        calendar: str | None = None,
        *,
        kinds: tuple[str, ...] | None = None,
        allow_insecure: bool = False,
        remember_password: bool = True,
    ) -> tuple[Account, str]:
        """Check the account on the server, pick the calendar (or make "Empower"), remember it.

        Returns the account and a sentence on where the password went. Raises TargetError
        subclasses with their own messages (wrong password, unreachable, not CalDAV, ...).
        """
        from ..sync import credentials
        from ..sync.targets.caldav_target import create_calendar, discover_calendars

        routed = self._routed_kinds(kinds, name)
        if any(a.name == name for a in self.accounts()):
            raise AccountError(f"There is already an account called “{name}”.")
        wanted = calendar or "Empower"
        calendars = discover_calendars(url, username, password, allow_insecure=allow_insecure)
        chosen = next((c for c in calendars if c.name.casefold() == wanted.casefold() or c.url == wanted), None)
        if chosen is None:
            if calendar is not None and calendar.casefold() != "empower":
                names = ", ".join(c.name for c in calendars) or "none"
                raise AccountError(f"There is no calendar “{calendar}” on the server (found: {names}).")
            chosen = create_calendar(url, username, password, "Empower", allow_insecure=allow_insecure)
        account = Account(
            name=name,
            kind="caldav",
            kinds=routed,
            url=url,
            username=username,
            calendar_url=chosen.url,
            calendar_name=chosen.name,
            allow_insecure=allow_insecure,
            supports_todos=chosen.supports_todos,
        )
        where = "The password is not saved: you will be asked for it each session."
        if remember_password:
            try:
                credentials.save_password(name, password)
                where = "The password is saved in the system keyring."
            except credentials.KeyringUnavailable as exc:
                where = f"{exc} You will be asked for it each session."
        return self._insert(account), where

    def discover_calendars(self, url: str, username: str, password: str, *, allow_insecure: bool = False) -> list[Any]:
        """The calendars of an account ("Test connection"): CalendarInfo(name, url, supports_events,
        supports_todos). Raises TargetError subclasses with their own messages."""
        from ..sync.targets.caldav_target import discover_calendars

        return discover_calendars(url, username, password, allow_insecure=allow_insecure)

    def _save_config(self, account: Account) -> Account:
        config = {k: v for k, v in asdict(account).items() if k not in ("name", "kind", "created")}
        with self._ctx.store.db.transaction() as conn:
            conn.execute("UPDATE sync_targets SET config = ? WHERE name = ?", (json.dumps(config), account.name))
        return self.account(account.name)

    def move_account(
        self,
        name: str,
        calendar: str,
        *,
        password: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> MoveOutcome:
        """Move the account's events to another calendar (by name or URL) on the same server:
        sync with the old one, delete our events there, then create them in the new one (in that
        order: see sync/move.py). Raises AccountError, and TargetError subclasses, before anything
        was deleted; a move cut off later is finished by the next sync."""
        from ..sync.targets.base import TargetError
        from ..sync.targets.caldav_target import discover_calendars

        account = self.account(name)
        if account.kind != "caldav":
            raise AccountError(f"“{name}” is an .ics file, not a calendar on a server; add a CalDAV account instead.")
        if account.moving_from:
            raise AccountError(f"“{name}” is still moving to “{account.calendar_name}”; sync it to finish that first.")
        secret = password if password is not None else self.password_or_fail(account)
        calendars = discover_calendars(account.url, account.username, secret, allow_insecure=account.allow_insecure)
        chosen = next((c for c in calendars if calendar in (c.name, c.url)), None) or next(
            (c for c in calendars if c.name.casefold() == calendar.casefold()), None
        )
        if chosen is None:
            names = ", ".join(c.name for c in calendars) or "none"
            raise AccountError(f"There is no calendar “{calendar}” on the server (found: {names}).")
        if chosen.url.rstrip("/") == account.calendar_url.rstrip("/"):
            raise AccountError(f"“{name}” already uses the calendar “{chosen.name}”.")
        if not chosen.supports_events:
            raise AccountError(f"The calendar “{chosen.name}” does not take events; choose another one.")
        before = self.sync_account(name, password=secret)
        if before.not_synced:
            raise AccountError(
                f"{before.not_synced} events could not be synced with “{account.calendar_name}”, so nothing was "
                "moved (their latest state may be only there). Sync again, then move."
            )
        waiting = len(self.sync_issues(name))
        if waiting:
            raise AccountError(
                f"{waiting} sync issues of “{name}” wait for you (Sync > Resolve Sync Issues). Settle them first, "
                "so no change made in the calendar is lost in the move."
            )
        moving = replace(
            account,
            moving_from=account.calendar_url,
            calendar_url=chosen.url,
            calendar_name=chosen.name,
            supports_todos=chosen.supports_todos,
        )
        self._save_config(moving)
        try:
            left = self._leave_old_calendar(moving, secret, progress)
            report = self.sync_account(name, password=secret, progress=progress)
        except TargetError as exc:
            raise AccountError(
                f"The move to “{chosen.name}” stopped half-way: {exc}. The next sync finishes it; nothing is "
                "lost, the app holds every event."
            ) from exc
        return MoveOutcome(chosen.name, left.deleted, left.kept, report)

    def _leave_old_calendar(
        self, account: Account, password: str, progress: Callable[[int, int], None] | None = None
    ) -> Any:
        """Delete our events from the calendar the account is leaving, then forget it."""
        from ..sync.move import leave_calendar
        from ..sync.status import StatusStore
        from ..sync.targets.caldav_target import CalDAVTarget

        old = CalDAVTarget(
            account.moving_from, account.username, password, name=account.name, allow_insecure=account.allow_insecure
        )
        with old:
            left = leave_calendar(old, StatusStore(self._ctx.store.db, account.name), progress)
        self._save_config(replace(account, moving_from=""))
        return left

    def set_account_items(self, name: str, kinds: tuple[str, ...]) -> Account:
        """Change which item types go to this account (each type to one account only)."""
        account = self.account(name)
        others = {kind: a.name for a in self.accounts() if a.name != name for kind in a.kinds}
        unknown = [k for k in kinds if k not in ITEM_KINDS]
        if unknown:
            raise AccountError(f"Unknown item type {unknown[0]!r}; choose from {', '.join(ITEM_KINDS)}.")
        clash = [k for k in kinds if k in others]
        if clash:
            raise AccountError(f"{KIND_LABELS[clash[0]].capitalize()} already go to “{others[clash[0]]}”.")
        config = {k: v for k, v in asdict(account).items() if k not in ("name", "kind", "created")}
        config["kinds"] = list(dict.fromkeys(kinds))
        with self._ctx.store.db.transaction() as conn:
            conn.execute("UPDATE sync_targets SET config = ? WHERE name = ?", (json.dumps(config), name))
        return self.account(name)

    def set_password(self, name: str, password: str) -> str:
        """Save a new password for an account in the keyring; returns a sentence saying where it went."""
        from ..sync import credentials

        self.account(name)
        try:
            credentials.save_password(name, password)
        except credentials.KeyringUnavailable as exc:
            return f"{exc} You will be asked for it each session."
        return "The password is saved in the system keyring."

    def remove_account(self, name: str, *, delete_events: bool = False, password: str | None = None) -> int:
        """Forget an account (and its password); with *delete_events*, first delete from the
        calendar the events the app put there (only those). Returns how many were deleted."""
        from ..sync import credentials

        account = self.account(name)
        deleted = 0
        if delete_events and account.kind == "caldav":
            deleted = self._delete_our_events(account, password)
        elif delete_events and account.kind == "ics":
            Path(account.path).unlink(missing_ok=True)
        with self._ctx.store.db.transaction() as conn:
            conn.execute("DELETE FROM sync_targets WHERE name = ?", (name,))
        credentials.delete_password(name)
        return deleted

    def _delete_our_events(self, account: Account, password: str | None) -> int:
        from ..sync.status import StatusStore
        from ..sync.targets.base import ObjectNotFound, PreconditionFailed

        target = self._caldav_target(account, password)
        deleted = 0
        with target:
            for status in StatusStore(self._ctx.store.db, account.name).all().values():
                if status.href and status.etag:
                    try:
                        target.delete(status.href, status.etag)
                        deleted += 1
                    except (ObjectNotFound, PreconditionFailed):
                        pass  # gone already, or edited since: not ours to delete any more
        return deleted

    # -- passwords -------------------------------------------------------------------------------
    @staticmethod
    def keyring_status() -> tuple[bool, str]:
        """Whether passwords can be kept in the system keyring here: (usable, a sentence for the person)."""
        from ..sync import credentials

        return credentials.keyring_status()

    def password_for(self, account: Account) -> str | None:
        """The account's saved password; None when none is saved. Raises KeyringUnavailable when the
        keyring cannot be read."""
        from ..sync import credentials

        return credentials.load_password(account.name)

    def saved_password(self, account: Account) -> str | None:
        """The account's saved password, or None when there is none to be had (so it is asked for)."""
        from ..sync import credentials

        try:
            return credentials.load_password(account.name)
        except credentials.KeyringUnavailable:
            return None

    # -- syncing ---------------------------------------------------------------------------------

    def password_or_fail(self, account: Account) -> str:
        password = self.password_for(account)
        if password is None:
            from ..sync import credentials

            problem = credentials.keyring_problem()
            if problem is not None:  # no keyring could have kept it: say why, not "add it again"
                raise AccountError(
                    f"No password for “{account.name}”: it cannot be kept here because {problem}. "
                    "Give it for this run (empower-desktop sync --password-stdin)."
                )
            raise AccountError(
                f"No password for “{account.name}”: none is saved in the system keyring. "
                "Give it for this run (empower-desktop sync --password-stdin) or add the account again."
            )
        return password

    def _caldav_target(self, account: Account, password: str | None) -> Any:
        from ..sync.targets.caldav_target import CalDAVTarget

        password = password if password is not None else self.password_or_fail(account)
        return CalDAVTarget(
            account.calendar_url,
            account.username,
            password,
            name=account.name,
            allow_insecure=account.allow_insecure,
        )

    def sync_account(
        self,
        name: str,
        *,
        password: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Any:
        """Sync one account both ways (an .ics file: one way, written atomically). Returns the
        engine's SyncReport."""
        from ..sync.engine import SyncEngine, SyncReport
        from ..sync.ics import write_calendar_file
        from ..sync.status import StatusStore

        account = self.account(name)
        if account.kind == "ics":
            status = StatusStore(self._ctx.store.db, account.name)
            count = write_calendar_file(
                self._content(),
                Path(account.path),
                frozenset(account.kinds),
                status.token() or "",
                lambda digest: status.finish(digest, "ok"),
            )
            report = SyncReport(account.name)
            report.updated.append(f"{count} events written to {account.path}")
            return report
        if account.moving_from:  # a move cut off after it began deleting: finish it first
            secret = password if password is not None else self.password_or_fail(account)
            self._leave_old_calendar(account, secret)
        target = self._caldav_target(account, password)
        with target:
            engine = SyncEngine(
                target,
                StatusStore(self._ctx.store.db, account.name),
                self._local_side(account),
                self._ctx.now,
                progress=progress,
                cancelled=cancelled,
            )
            return engine.run()

    def sync_issues(self, name: str) -> list[Any]:
        from ..sync.status import StatusStore

        return StatusStore(self._ctx.store.db, self.account(name).name).issues()

    def _local_side(self, account: Account) -> Any:
        from ..sync.local import StoreLocalSide

        tasks = self._ctx.settings.goals_as_tasks and account.supports_todos
        return StoreLocalSide(self._ctx.store, self.reminders(), frozenset(account.kinds), goals_as_tasks=tasks)

    def sync_all(
        self,
        *,
        passwords: dict[str, str] | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[SyncOutcome]:
        """Sync every account in turn; one account's failure does not stop the others."""
        outcomes = []
        for account in self.accounts():
            if cancelled is not None and cancelled():
                break
            step = (lambda done, total, name=account.name: progress(name, done, total)) if progress else None
            try:
                report = self.sync_account(
                    account.name, password=(passwords or {}).get(account.name), progress=step, cancelled=cancelled
                )
            except ActionableError as exc:
                outcomes.append(SyncOutcome(account.name, None, str(exc), type(exc).__name__))
                continue
            outcomes.append(SyncOutcome(account.name, report, "", ""))
        return outcomes

    def pending_changes(self) -> int:
        """How many app changes wait to go to a CalDAV calendar (new, changed or deleted items)."""
        from ..sync.status import StatusStore

        waiting = 0
        for account in self.accounts():
            if account.kind != "caldav":
                continue
            items = self._local_side(account).items()
            statuses = StatusStore(self._ctx.store.db, account.name).all()
            for uid, item in items.items():
                status = statuses.get(uid)
                if status is None or (not status.removed_remotely and item.content_hash() != status.local_hash):
                    waiting += 1
            waiting += sum(1 for uid, s in statuses.items() if uid not in items and s.href and not s.removed_remotely)
        return waiting

    # -- what a sync left for the person ---------------------------------------------------------
    def all_sync_issues(self) -> list[tuple[str, Any]]:
        """(account name, Issue) for every conflict, proposal, removal and unreadable object."""
        from ..sync.status import StatusStore

        return [(a.name, i) for a in self.accounts() for i in StatusStore(self._ctx.store.db, a.name).issues()]

    def keep_app_version(self, account: str, issue_id: str) -> None:
        from ..sync import resolve
        from ..sync.status import StatusStore

        resolve.keep_app(self._ctx.store, StatusStore(self._ctx.store.db, self.account(account).name), issue_id)

    def keep_calendar_version(self, account: str, issue_id: str, value: str | None = None) -> None:
        from ..sync import resolve
        from ..sync.status import StatusStore

        acc = self.account(account)
        resolve.keep_calendar(
            self._ctx.store, StatusStore(self._ctx.store.db, acc.name), self._local_side(acc), issue_id, value
        )

    def restore_to_calendar(self, account: str, issue_id: str) -> None:
        from ..sync import resolve
        from ..sync.status import StatusStore

        resolve.restore_to_calendar(
            self._ctx.store, StatusStore(self._ctx.store.db, self.account(account).name), issue_id
        )

    def accept_removal(self, account: str, issue_id: str) -> None:
        from ..sync import resolve
        from ..sync.status import StatusStore

        resolve.accept_removal(StatusStore(self._ctx.store.db, self.account(account).name), issue_id)

    # -- import ----------------------------------------------------------------------------------
    def plan_import(self, path: Path, item: str | None) -> Any:
        """What importing the .ics file into the learning item (its id or its title; None for a new
        one) would do: an ImportPlan (sessions new, changed, already there; what is left out and
        why). The import runs the same reading, so this is what it does."""
        return self._plan_import(path, item)[0]

    def _plan_import(self, path: Path, item: str | None) -> tuple[Any, Any]:
        """The plan, and the learning item it is for (None: a new one)."""
        from ..sync.importing import plan_import, read_file

        schedule = read_file(Path(path), tz=self._ctx.time_zone(), today=self._ctx.today())
        found = self.learning_item(item) if item is not None else None
        existing = self._ctx.store.learning_sessions.where("item_id = ?", (found.id,)) if found else []
        return plan_import(schedule, existing), found

    def import_ics(self, path: Path, item: str | None, *, new_title: str = "") -> Any:
        """Import the file's sessions into the learning item (id or title), or into a new course
        called *new_title* (the calendar's own name, or the file's, when empty): new sessions
        added, those imported before updated where the file changed them; all in one transaction.
        Returns the ImportPlan that was carried out."""
        import dataclasses

        from ..domain import LearningItem
        from ..domain.learn import LearningType
        from ..sync.importing import as_sessions

        plan, target = self._plan_import(path, item)
        store = self._ctx.store
        with store.db.transaction():
            if target is None:
                title = new_title.strip() or plan.schedule.calendar_name or Path(path).stem
                target = store.learning_items.add(LearningItem(kind=LearningType.COURSE, title=title[:200]))
            store.learning_sessions.add_many(as_sessions(plan.new, target.id))
            for session_id, session in plan.changed:
                old = store.learning_sessions.get(session_id)
                store.learning_sessions.update(dataclasses.replace(old, **session.session_fields()))
        return plan

    def learning_item(self, item: str) -> Any:
        """The learning item with this id, or else this title (any case); InputError naming them."""
        from ..errors import InputError

        items = self._ctx.store.learning_items.all()
        wanted = item.strip()
        for candidate in items:
            if candidate.id == wanted:
                return candidate
        titled = [c for c in items if c.title.casefold() == wanted.casefold()]
        if len(titled) == 1:
            return titled[0]
        if len(titled) > 1:
            raise InputError(f"{len(titled)} learning items are called “{wanted}”; name one by its id (learning list).")
        if not items:
            raise InputError("There is no learning item yet: add the course in step 2 (Learn) first.")
        raise InputError(
            f"There is no learning item “{wanted}” (by id or title); `empower-desktop learning list` shows them."
        )

    # -- how each account stands (the Calendars dialog's list) -----------------------------------
    def account_states(self) -> dict[str, AccountState]:
        """For every account: when it last synced and how that went, how many events it holds
        in its calendar, and how many issues wait for the person. One read, no network."""
        rows = self._ctx.store.db.query(
            "SELECT t.name, s.last_sync, s.last_result, "
            "(SELECT count(*) FROM sync_status AS st WHERE st.target = t.name AND st.href IS NOT NULL "
            "AND st.removed_remotely = 0), "
            "(SELECT count(*) FROM sync_issues AS si WHERE si.target = t.name) "
            "FROM sync_targets AS t LEFT JOIN sync_state AS s ON s.target = t.name"
        )
        return {r[0]: AccountState(r[1], r[2], int(r[3]), int(r[4])) for r in rows}


@dataclass(frozen=True)
class MoveOutcome:
    """What move_account did: the new calendar, how many events left the old one, which stayed
    there (changed in it meanwhile), and the sync that put them into the new one."""

    calendar: str
    deleted: int
    kept: list[str]
    report: Any  # SyncReport


@dataclass(frozen=True)
class AccountState:
    """What account_states() says about one account."""

    last_sync: str | None  # ISO instant in UTC; None: never synced
    last_result: str | None  # "ok", "problems", ... as the engine recorded it
    events: int  # objects the app keeps in that calendar
    issues: int  # conflicts, proposals, removals waiting for the person
