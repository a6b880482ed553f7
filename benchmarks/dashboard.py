"""Opening the Review tab's dashboard on the large example data set, against the same tab on an
empty data folder.

Both data folders are made here through the store (a fixed clock, as the tests use): the large one
filled with the example data at its large size (`demo.populate(size="large")`: 300 goals, 200
skills, 2,000 sessions, 1,500 contacts, 3,000 interactions, 1,000 achievements), the empty one
left empty. The page is the app's own (its read runs on a worker thread, as in the window) and is
opened, alternating, on each folder; medians of the runs are printed, with the ratio large/empty:

- the services' read: `dashboard()` alone, and the dashboard section's whole `fetch` (the figures
  and the four charts' series);
- the tab built, shown, read and painted with the dashboard in front. Goal: within 1.2x of the
  empty dashboard (the figures are aggregated in SQLite, not in Python loops over every row).

    python benchmarks/dashboard.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer, qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from empower_desktop.app import make_application  # noqa: E402
from empower_desktop.demo import populate  # noqa: E402
from empower_desktop.services import Services  # noqa: E402
from empower_desktop.ui.review.dashboard import DashboardSection  # noqa: E402
from empower_desktop.ui.review.page import ReviewPage  # noqa: E402
from empower_desktop.ui.workers import ThreadPoolRunner  # noqa: E402

# PySide6 6.12.0 under Python 3.11 drops a reference to None with every call of a Qt method that
# returns nothing, and Python aborts once None's count reaches 0 (from 3.12 on, None is never
# freed); the calls of this run stay far below this many references of its own.
NONE_REFERENCES = [None] * 1_000_000 if sys.version_info < (3, 12) else []
NOW = datetime(2026, 6, 15, 9, 30, tzinfo=UTC)
TZ = "Europe/Berlin"
SIZE = (1180, 760)  # the main window's first size
GOAL = 1.2


def quiet_offscreen(kind: Any, context: Any, message: str) -> None:
    """Qt's messages to stderr, less the offscreen platform's known noise (no window manager)."""
    if not message.startswith("This plugin does not support"):
        print(message, file=sys.stderr)


def open_folder(folder: Path) -> Services:
    services = Services.open(folder, clock=lambda: NOW)
    services.settings.set("general.time_zone", TZ)
    return services


def open_tab(services: Services) -> tuple[float, ReviewPage]:
    """Seconds from building the Review tab until its dashboard is filled in and painted."""
    loop = QEventLoop()
    outcome: list[object] = []
    began = time.perf_counter()
    page = ReviewPage(services, ThreadPoolRunner())

    def ended(result: object) -> None:
        outcome.append(result)
        loop.quit()

    page.data_loaded.connect(lambda: ended(True))
    page.load_failed.connect(ended)
    page.resize(*SIZE)
    page.show()
    page.ensure_loaded()  # as the window does when the tab comes to the front
    if not outcome:
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()
    if outcome != [True]:
        raise SystemExit(f"the dashboard's read failed or took over 60 s: {outcome}")
    page.repaint()  # paint the filled figures and lists now, synchronously
    took = time.perf_counter() - began
    assert isinstance(page.current_section(), DashboardSection)
    return took, page


def close(page: ReviewPage) -> None:
    page.close()
    page.deleteLater()
    QApplication.processEvents()


def timed(work: Callable[[], Any], runs: int) -> float:
    took = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        took.append(time.perf_counter() - began)
    return statistics.median(took)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # 7: one open takes about 100 ms, and the machine's noise is larger than the 1.2x margin
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    qInstallMessageHandler(quiet_offscreen)
    app = make_application()
    scratch = Path(tempfile.mkdtemp(prefix="empower-bench-dashboard-"))
    empty, large = open_folder(scratch / "empty"), open_folder(scratch / "large")
    try:
        began = time.perf_counter()
        populate(large.store, large.today(), size="large", tz=TZ)
        counts = large.store.counts()
        print(f"large data set ({time.perf_counter() - began:.1f} s to make): ")
        print("  " + ", ".join(f"{n:,} {t}" for t, n in counts.items() if n))

        for services in (empty, large):  # warm up: imports, QtCharts, the file cache, Qt's first paint
            close(open_tab(services)[1])
        opened: dict[str, list[float]] = {"empty": [], "large": []}
        for run in range(args.runs):
            order = [("empty", empty), ("large", large)]
            for name, services in order if run % 2 == 0 else reversed(order):
                took, page = open_tab(services)
                opened[name].append(took)
                close(page)

        reads: dict[str, dict[str, float]] = {}
        for name, services in (("empty", empty), ("large", large)):
            _took, page = open_tab(services)
            section = page.section_of(DashboardSection)
            reads[name] = {
                "dashboard()": timed(services.dashboard.dashboard, args.runs),
                "the dashboard's fetch": timed(section.fetch, args.runs),
            }
            if name == "large":
                figures = services.dashboard.dashboard()
                print(
                    f"  dashboard: {len(figures.goals)} active goals, {len(figures.deadlines)} deadlines, "
                    f"{figures.contacts_due} contacts due, {figures.quarter.not_logged} sessions not logged "
                    "this quarter"
                )
            close(page)
    finally:
        empty.close()
        large.close()
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"\nservices' read, median of {args.runs} (on the GUI thread):")
    for what in reads["large"]:
        e, g = reads["empty"][what], reads["large"][what]
        print(f"  {what:<24} empty {ms(e):>9}, large {ms(g):>9}  ({g / e:.2f}x)")

    e = statistics.median(opened["empty"])
    g = statistics.median(opened["large"])
    print(f"\nReview tab opened on its dashboard, median of {args.runs} (built, read on the worker, filled, painted):")
    print(f"  empty {ms(e)}, large {ms(g)}")
    ratio = g / e
    verdict = "within" if ratio <= GOAL else "NOT within"
    print(f"\nlarge / empty: {ratio:.2f}x ({verdict} the goal of {GOAL}x)")
    app.quit()


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: finalising Qt objects after the app is gone can crash it
