"""The window's longest event-loop stall while a 1,000-item sync runs in the background.

A 10 ms heartbeat timer runs in the real main window while its sync controller pushes N learning
sessions to a Radicale started here; the longest gap between beats is the stall a person would
feel. The baseline is the same window, idle, for the same time, in the same run. Goal: under
50 ms.

    python benchmarks/sync_stall.py [--items N]
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    args = parser.parse_args()

    from calendar_server import radicale
    from PySide6.QtCore import QEventLoop, QTimer

    from empower_desktop.app import make_application
    from empower_desktop.domain import LearningItem, LearningSession, ZonedDateTime
    from empower_desktop.domain.learn import LearningType
    from empower_desktop.services import Services
    from empower_desktop.ui.main_window import MainWindow
    from empower_desktop.ui.workers import ThreadPoolRunner

    folder = Path(tempfile.mkdtemp(prefix="empower-stall-"))
    app = make_application()
    with radicale() as server:
        services = Services.open(folder / "data")
        services.data.start_empty()
        item = services.data.save(LearningItem(kind=LearningType.COURSE, title="Benchmark course"))
        first = datetime(2026, 6, 16, 7, 30)
        sessions = []
        for n in range(args.items):
            start = ZonedDateTime.at(first + timedelta(days=n // 3, hours=2 * (n % 3)), "Europe/Berlin")
            sessions.append(LearningSession(item_id=item.id, start=start, end=start + timedelta(minutes=45)))
        services.store.learning_sessions.add_many(sessions)
        services.calendar.add_caldav_account(
            "bench", server.url, server.username, server.password, remember_password=False
        )
        window = MainWindow(services, ThreadPoolRunner())
        window.show()
        window.sync.passwords["bench"] = server.password

        beats: list[float] = []
        heartbeat = QTimer()
        heartbeat.setInterval(10)
        heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))

        def longest(seconds: float | None, run_sync: bool) -> tuple[float, float]:
            beats.clear()
            loop = QEventLoop()
            started = time.perf_counter()
            heartbeat.start()
            if run_sync:
                window.sync.finished.connect(loop.quit)
                window.sync.sync_now()
            else:
                QTimer.singleShot(int((seconds or 1) * 1000), loop.quit)
            loop.exec()
            heartbeat.stop()
            if run_sync:
                window.sync.finished.disconnect(loop.quit)
            gaps = [b - a for a, b in itertools.pairwise(beats)]
            return max(gaps, default=0.0), time.perf_counter() - started

        sync_stall, took = longest(None, run_sync=True)
        idle_stall, _ = longest(took, run_sync=False)
        window.close()
        runner = window.runner
        assert isinstance(runner, ThreadPoolRunner)
        runner.wait(60_000)
        services.close()
        print(f"sync of {args.items} items to Radicale in the background: {took:.1f} s")
        print(f"longest event-loop stall: {sync_stall * 1000:.0f} ms during the sync, {idle_stall * 1000:.0f} ms idle")
        print(
            f"stall ratio (sync / idle): {sync_stall / max(idle_stall, 1e-3):.2f}x (goal: under 50 ms during the sync)"
        )
    app.quit()


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: finalising Qt objects after the app is gone can crash it
