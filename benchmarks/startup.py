"""Start-up to the first painted main window on a large data set, against a bare PySide6 window.

Both are started as fresh processes, alternating, so machine noise hits both alike. Prints the
median time from process start to the first paint and the peak memory (max RSS) of each, and
their ratios; for the app also the time until the visible tab's data (read on a worker thread)
is filled in and painted. Goal: first paint within 1.5x of the bare window.

The package is byte-compiled first, as an installed or frozen app is (a checkout run with
PYTHONDONTWRITEBYTECODE would otherwise compile every module on every start).

    python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BARE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        done = False
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                print("first-paint", flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1180, 760)
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    sys.exit(app.exec())
    """
)


def large_data_dir() -> Path:
    from datetime import date

    from empower_desktop.demo import populate
    from empower_desktop.services import Services

    folder = Path(tempfile.mkdtemp(prefix="empower-bench-"))
    services = Services.open(folder)
    populate(services.store, date.today(), size="large", tz="Europe/Berlin")
    services.settings.set("state.welcomed", True)
    counts = services.store.counts()
    services.close()
    print("data set: " + ", ".join(f"{n:,} {t}" for t, n in counts.items() if n >= 100))
    return folder


def measure(cmd: list[str]) -> tuple[float, float, float]:
    """Seconds from process start to 'first-paint' and to 'data-shown' (the bare window has no
    data: both are its first paint), and peak RSS in MiB."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    elapsed = shown = None
    for line in proc.stdout:
        if line.strip() == "first-paint":
            elapsed = time.perf_counter() - start
            if cmd[-1] != "--exit-on-first-paint":
                shown = elapsed
                break
        elif line.strip() == "data-shown":
            shown = time.perf_counter() - start
            break
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if elapsed is None or shown is None or proc.returncode != 0:
        raise SystemExit(f"{cmd} did not paint (exit {proc.returncode}):\n{stderr}")
    return elapsed, shown, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "empower_desktop", quiet=1)
    folder = large_data_dir()
    app = [sys.executable, "-m", "empower_desktop", "--data-dir", str(folder), "--exit-on-first-paint"]
    bare = [sys.executable, "-c", BARE]
    measure(app)  # warm the file cache for both
    measure(bare)
    results: dict[str, list[tuple[float, float, float]]] = {"app": [], "bare": []}
    for _ in range(args.runs):
        results["app"].append(measure(app))
        results["bare"].append(measure(bare))
    app_t = statistics.median(r[0] for r in results["app"])
    app_d = statistics.median(r[1] for r in results["app"])
    bare_t = statistics.median(r[0] for r in results["bare"])
    app_m = max(r[2] for r in results["app"])
    bare_m = max(r[2] for r in results["bare"])
    print(f"first paint, median of {args.runs}: app {app_t * 1000:.0f} ms, bare window {bare_t * 1000:.0f} ms")
    print(f"first tab filled with data: app {app_d * 1000:.0f} ms ({app_d / bare_t:.2f}x the bare window)")
    print(f"peak memory: app {app_m:.0f} MiB, bare window {bare_m:.0f} MiB (ratio {app_m / bare_m:.2f}x)")
    print(f"start-up ratio (first paint): {app_t / bare_t:.2f}x (goal: at most 1.50x)")


if __name__ == "__main__":
    main()
