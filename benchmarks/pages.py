"""What the benchmarks of a tab share (benchmarks/network_tab.py, benchmarks/dashboard.py): the
project on sys.path and Qt offscreen, a fixed clock and zone, opening a data folder, waiting until
a page's read is filled in and painted, closing it, and timing.

Import it before anything of the app: it puts the project's root on sys.path.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from empower_desktop.services import Services  # noqa: E402
from empower_desktop.ui.widgets.step_page import StepPage  # noqa: E402

# PySide6 6.12.0 under Python 3.11 drops a reference to None with every call of a Qt method that
# returns nothing, and Python aborts once None's count reaches 0 (from 3.12 on, None is never
# freed); the many thousands of calls of a run stay far below this many references of its own.
NONE_REFERENCES = [None] * 1_000_000 if sys.version_info < (3, 12) else []
NOW = datetime(2026, 6, 15, 9, 30, tzinfo=UTC)
TZ = "Europe/Berlin"
SIZE = (1180, 760)  # the main window's first size


def quiet_offscreen(kind: Any, context: Any, message: str) -> None:
    """Qt's messages to stderr, less the offscreen platform's known noise (no window manager)."""
    if not message.startswith("This plugin does not support"):
        print(message, file=sys.stderr)


def open_folder(folder: Path) -> Services:
    services = Services.open(folder, clock=lambda: NOW)
    services.settings.set("general.time_zone", TZ)
    return services


def wait_for(page: StepPage, action: Callable[[], object], began: float | None = None) -> float:
    """Seconds from *action* (or *began*) until the page's read is filled in and the whole page has
    then been painted once: what a person waits for. The paint is the event loop's own (the page is
    marked dirty once filled), timed to its end; a synchronous repaint on top of it would paint the
    filled page a second time."""
    loop = QEventLoop()
    outcome: list[object] = []
    painted = PaintWatch(page, loop)

    def ended(result: object) -> None:
        outcome.append(result)
        if result is True:
            painted.armed = True
            page.update()  # the whole page, whatever the fill marked dirty
        else:
            loop.quit()

    page.data_loaded.connect(lambda: ended(True))
    page.load_failed.connect(ended)
    began = time.perf_counter() if began is None else began
    action()
    QTimer.singleShot(60_000, loop.quit)
    if not painted.at:
        loop.exec()
    page.data_loaded.disconnect()
    page.load_failed.disconnect()
    page.removeEventFilter(painted)
    if outcome != [True] or not painted.at:
        raise SystemExit(f"the page's read failed, or it was not painted, within 60 s: {outcome}")
    return painted.at - began


class PaintWatch(QObject):
    """Once armed, notes when the page's next paint has ended (its children are painted in the same
    pass; a zero timer set during it runs once the pass is over) and ends the loop."""

    def __init__(self, page: StepPage, loop: QEventLoop) -> None:
        super().__init__()
        self.armed = False
        self.at = 0.0
        self._loop = loop
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.armed and event.type() == QEvent.Type.Paint:
            self.armed = False
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        self.at = time.perf_counter()
        self._loop.quit()


def show(page: StepPage) -> Callable[[], None]:
    """What the window does when a tab comes to the front for the first time: it builds the page,
    starts its read (MainWindow._load_current_page) and only then lays it out and shows it (the page
    joins the visible tab's layout, which shows it when the event loop runs next)."""

    def shown() -> None:
        page.ensure_loaded()
        page.resize(*SIZE)
        QTimer.singleShot(0, page.show)

    return shown


def close(page: StepPage) -> None:
    page.close()
    page.deleteLater()
    QApplication.processEvents()


def timed(work: Callable[[], Any], runs: int) -> float:
    """The median seconds of *runs* calls of *work*."""
    took = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        took.append(time.perf_counter() - began)
    return statistics.median(took)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"
