"""Background sync: when it runs, off the GUI thread, and what the window learns from it.

A sync runs on the runner's worker (the engine talks to servers and the keyring; none of that may
freeze the window). It starts on demand, a few seconds after the person changes something, on a
timer while the app runs, and once at start. While offline it retries with a growing pause, and
the status bar says how many changes wait. Progress comes back by signal; the worker never
touches a widget. Cancelling stops between two items, so every item is either synced or not.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from ..services import Services
from ..services.calendar import SyncOutcome
from .workers import TaskRunner

OFFLINE_KINDS = ("ServerUnreachable", "ServerProblem", "TargetError", "SecureConnectionFailed")
PASSWORD_KINDS = ("PasswordRefused", "AccountError")
RETRY_MS = (30_000, 60_000, 120_000, 300_000, 600_000)
PROGRESS_EVERY_S = 0.05
NOTHING_WRITTEN = -1  # no calendar account and nothing entered yet: no sync took place


@dataclass
class SyncState:
    running: bool = False
    offline: bool = False
    waiting: int = 0  # app changes not yet in a calendar
    not_synced: int = 0  # items the last sync could not bring up to date (refused, or lost on the way)
    problems: list[str] = field(default_factory=list)  # what the last sync said about them, a line per cause
    retry_at: float | None = None  # when the next try starts on its own (time.time()), if one is due
    issues: int = 0  # conflicts, proposals, removals for the person
    last_finished: float | None = None
    errors: dict[str, str] = field(default_factory=dict)  # account -> what went wrong last time
    progress: tuple[str, int, int] = ("", 0, 0)
    collisions: int = 0  # planned sessions that busy time in the busy calendars now overlaps


class SyncController(QObject):
    state_changed = Signal()
    finished = Signal(object)  # list[SyncOutcome] (empty for the calendar file alone)
    records_changed = Signal()  # a sync brought calendar changes into the app: tabs read again
    needs_password = Signal(str, str)  # account, why
    failed = Signal(str)  # a message for the person (shown once per distinct problem)
    plans_kept = Signal(int, int)  # sessions that collide with busy time now, and those moved off it
    _progress = Signal(str, int, int)  # from the worker; queued to the GUI thread

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        debounce_ms: int = 5_000,
        interval_ms: int = 15 * 60_000,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.state = SyncState()
        self.passwords: dict[str, str] = {}  # given this session, for accounts without a saved one
        self._cancel = threading.Event()
        self._again = False
        self._held = False
        self._retries = 0
        self._shown: set[str] = set()
        self._last_progress = 0.0
        self._progress.connect(self._on_progress)
        self.debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self.debounce.timeout.connect(self.sync_now)
        self.periodic = QTimer(self, interval=interval_ms)
        self.periodic.timeout.connect(self.sync_now)
        self.retry = QTimer(self, singleShot=True)
        self.retry.timeout.connect(self.sync_now)

    # -- when ------------------------------------------------------------------------------------
    def start(self) -> None:
        """Sync once now (at start) and then on the timer."""
        self.periodic.start()
        self.sync_now()

    def stop(self) -> None:
        for timer in (self.debounce, self.periodic, self.retry):
            timer.stop()
        self.cancel()

    def local_change(self) -> None:
        """The person changed something: sync a little later (several changes, one sync)."""
        self.debounce.start()
        self.refresh_counts()

    def hold(self, held: bool) -> None:
        """While held (an account moves to another calendar), no sync starts; one asked for meanwhile
        runs when let go."""
        self._held = held
        if not held and self._again and not self.state.running:
            self._again = False
            self.sync_now()

    def sync_now(self) -> None:
        if self.state.running or self._held:
            self._again = True
            return
        self.debounce.stop()
        self.retry.stop()
        self.state.retry_at = None
        self._cancel.clear()
        self.state.running = True
        self.state.progress = ("", 0, 0)
        self.state_changed.emit()
        passwords = dict(self.passwords)
        self.runner.run(lambda: self._work(passwords), self._done, self._crashed)

    def cancel(self) -> None:
        if self.state.running:
            self._cancel.set()

    # -- on the worker ---------------------------------------------------------------------------
    def _work(self, passwords: dict[str, str]) -> tuple[list[SyncOutcome], int, int, int, tuple[int, int]]:
        kept = self._keep_plans(passwords)
        if not self.services.calendar.accounts():
            if not self.services.calendar.calendar_file_due():
                return [], NOTHING_WRITTEN, 0, 0, kept  # nothing entered yet: no calendar to keep
            count = self.services.calendar.sync_calendar_file()
            return [], count, 0, 0, kept
        outcomes = self.services.calendar.sync_all(
            passwords=passwords, progress=self._report, cancelled=self._cancel.is_set
        )
        waiting, issues = self.services.calendar.pending_changes(), len(self.services.calendar.all_sync_issues())
        return outcomes, 0, waiting, issues, kept

    def _keep_plans(self, passwords: dict[str, str]) -> tuple[int, int]:
        """Before a sync: read the busy calendars again and list the sessions a new busy event now
        overlaps; moved to their proposed free time first if the person switched that on (so the
        sync that follows writes the moves). Returns (still colliding, moved). A busy calendar that
        cannot be read keeps its last known busy time (Find Time says so)."""
        find = self.services.find_time
        if not find.sources():
            return 0, 0
        find.refresh(passwords)
        rows = find.collisions()
        moved = 0
        if rows and self.services.settings.get("find_time.auto_move"):
            moved = len(find.move_all(rows))
            rows = find.collisions()
        return len(rows), moved

    def _report(self, account: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - self._last_progress >= PROGRESS_EVERY_S:
            self._last_progress = now
            self._progress.emit(account, done, total)

    # -- back on the GUI thread ------------------------------------------------------------------
    def _on_progress(self, account: str, done: int, total: int) -> None:
        self.state.progress = (account, done, total)
        self.state_changed.emit()

    def _done(self, result: tuple[list[SyncOutcome], int, int, int, tuple[int, int]]) -> None:
        outcomes, file_events, waiting, issues, (colliding, moved) = result
        self.state.running = False
        self.state.collisions = colliding
        if file_events != NOTHING_WRITTEN:  # the status bar says "up to date" only after a sync happened
            self.state.last_finished = time.time()
        self.state.waiting, self.state.issues = waiting, issues
        self.state.errors = {o.account: o.error for o in outcomes if o.error}
        offline = any(o.error_kind in OFFLINE_KINDS for o in outcomes)
        self.state.offline = offline
        reports = [o.report for o in outcomes if o.report is not None and o.report.not_synced]
        self.state.not_synced = sum(r.not_synced for r in reports)
        self.state.problems = [line for r in reports for line in r.lines() if line.startswith("  - ")]
        if offline or self.state.not_synced:
            pause = RETRY_MS[min(self._retries, len(RETRY_MS) - 1)]
            self.retry.start(pause)
            self.state.retry_at = time.time() + pause / 1000
            self._retries += 1
        else:
            self.state.retry_at = None
            self._retries = 0
        for outcome in outcomes:
            if outcome.error_kind in PASSWORD_KINDS:
                self.passwords.pop(outcome.account, None)
                self.needs_password.emit(outcome.account, outcome.error)
            elif outcome.error and not offline:
                self._tell(f"{outcome.account}: {outcome.error}")
        if any(o.report is not None and (o.report.pulled or o.report.removed) for o in outcomes):
            self.records_changed.emit()
        if not self.state.errors:
            self._shown.clear()  # a problem that comes back after a success is told again
        if moved:
            self.records_changed.emit()
        self.state_changed.emit()
        if colliding or moved:
            self.plans_kept.emit(colliding, moved)
        self.finished.emit(outcomes)
        if self._again:
            self._again = False
            self.sync_now()

    def _crashed(self, exc: BaseException) -> None:
        self.state.running = False
        self.state_changed.emit()
        self._tell(str(exc))
        self.finished.emit([])

    def _tell(self, message: str) -> None:
        if message not in self._shown:
            self._shown.add(message)
            self.failed.emit(message)

    def refresh_counts(self) -> None:
        """Count the waiting changes and open issues again (off the GUI thread)."""
        if self.state.running:
            return

        def count() -> tuple[int, int]:
            return self.services.calendar.pending_changes(), len(self.services.calendar.all_sync_issues())

        def show(counts: tuple[int, int]) -> None:
            self.state.waiting, self.state.issues = counts
            self.state_changed.emit()

        self.runner.run(count, show, lambda exc: None)
