"""Run blocking work off the GUI thread; results come back to the GUI thread by signal.

Workers never touch widgets: they run a plain function (a services call) and hand back its
result or its exception. Tests inject `SyncRunner` so everything happens in order, at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class TaskRunner(Protocol):
    def run(self, work: Callable[[], Any], on_done: Done, on_error: Failed) -> None:
        """Run *work*; then call on_done(result) or on_error(exception) on the GUI thread."""


class SyncRunner:
    """Runs the work right away on the calling thread (for tests and for tiny jobs)."""

    def run(self, work: Callable[[], Any], on_done: Done, on_error: Failed) -> None:
        try:
            result = work()
        except Exception as exc:
            on_error(exc)
        else:
            on_done(result)


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits, Qt queues the call back to this thread."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, runner: ThreadPoolRunner, on_done: Done, on_error: Failed) -> None:
        super().__init__()
        self._runner = runner
        self._on_done = on_done
        self._on_error = on_error
        self.finished.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_result(self, result: Any) -> None:
        self._runner._forget(self)
        self._on_done(result)

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        self._runner._forget(self)
        self._on_error(exc)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:
            self._relay.failed.emit(exc)
        else:
            self._relay.finished.emit(result)


class ThreadPoolRunner:
    """Runs work on a QThreadPool (the global one unless given)."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self._pool = pool or QThreadPool.globalInstance()
        self._relays: set[_Relay] = set()

    def run(self, work: Callable[[], Any], on_done: Done, on_error: Failed) -> None:
        relay = _Relay(self, on_done, on_error)
        self._relays.add(relay)  # kept alive until the result is delivered
        self._pool.start(_Job(work, relay))

    def pending(self) -> int:
        return len(self._relays)

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the running work (at shutdown); results are delivered by the event loop."""
        return self._pool.waitForDone(msecs)

    def _forget(self, relay: _Relay) -> None:
        self._relays.discard(relay)
