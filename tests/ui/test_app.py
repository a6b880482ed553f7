"""Start-up: the first-paint mode the benchmark uses, the background safety copy, the error hook."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from empower_desktop.app import build_main_window, install_excepthook
from empower_desktop.services import GoalRow, Services, automatic_copies_for
from empower_desktop.ui.help_dialogs import AboutDialog, FourStepsDialog
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.workers import ThreadPoolRunner

from .conftest import WindowFactory

START = """
import sys
from pathlib import Path
from empower_desktop.app import run_gui
code = run_gui(Path(sys.argv[1]), demo=sys.argv[2] == "demo", exit_on_first_paint=True)
heavy = [m for m in ("icalendar", "caldav", "keyring", "PySide6.QtCharts") if m in sys.modules]
print("heavy:" + ",".join(heavy))
raise SystemExit(code)
"""


def start(data_dir: Path, mode: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", START, str(data_dir), mode], capture_output=True, text=True, timeout=60, env=env
    )


@pytest.mark.slow
def test_exit_on_first_paint_prints_the_line_and_loads_no_heavy_libraries(tmp_path: Path) -> None:
    done = start(tmp_path / "data", "normal")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["first-paint", "data-shown", "heavy:"]
    # No welcome in this mode, and the first start was not answered for the person.
    services = Services.open(tmp_path / "data")
    try:
        assert services.data.needs_welcome()
    finally:
        services.close()


@pytest.mark.slow
def test_demo_mode_reaches_the_first_paint(tmp_path: Path) -> None:
    done = start(tmp_path / "unused", "demo")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["first-paint", "data-shown", "heavy:"]


def test_the_window_reads_its_tab_off_the_gui_thread_and_shows_loading_meanwhile(
    demo_services: Services, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    read_on: list[threading.Thread] = []
    real_rows = demo_services.goals.rows

    def slow_rows(include_archived: bool = False) -> list[GoalRow]:
        read_on.append(threading.current_thread())
        release.wait(10)  # a large record still being read
        return real_rows(include_archived=include_archived)

    monkeypatch.setattr(demo_services.goals, "rows", slow_rows)
    window = build_main_window(demo_services)  # the real thread-pool runner, as run_gui uses
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow)
    assert isinstance(window.runner, ThreadPoolRunner)
    window.show()
    page = window.current_page()
    qtbot.waitUntil(lambda: bool(read_on), timeout=10_000)  # reading starts after the first paint
    goals = page.panels()[0]
    assert goals.is_showing_hint() and goals.hint.text() == "Loading…"  # the window is usable meanwhile
    with qtbot.waitSignal(page.data_loaded, timeout=10_000):
        release.set()
    assert read_on and read_on[0] is not threading.main_thread()
    assert goals.total_rows() == len(real_rows(include_archived=True)) > 0
    assert not goals.is_showing_hint()
    window.close()
    window.runner.wait(10_000)


def test_daily_safety_copy_runs_off_the_gui_thread_and_only_once_a_day(
    services: Services, make_window: WindowFactory, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real_copy = services.data.auto_copy

    def watched_copy() -> Path:
        threads.append(threading.current_thread())
        return real_copy()

    monkeypatch.setattr(services.data, "auto_copy", watched_copy)
    services.assessment.add_skill("Python")  # something to keep: an empty start has no copy
    runner = ThreadPoolRunner()
    window = make_window(services, runner)

    delivered_on: list[threading.Thread] = []
    window.auto_copy_finished.connect(lambda _result: delivered_on.append(threading.current_thread()))
    with qtbot.waitSignal(window.auto_copy_finished, timeout=10_000) as first:
        window.start_auto_copy()
    copy = first.args[0]
    assert isinstance(copy, Path) and copy.is_file()
    assert copy in automatic_copies_for(services.data_dir)
    assert threads and threads[0] is not threading.main_thread()  # the copy ran on a worker
    assert delivered_on == [threading.main_thread()]  # the result came back to the GUI thread

    with qtbot.waitSignal(window.auto_copy_finished, timeout=10_000) as second:
        window.start_auto_copy()
    assert second.args[0] is None  # one copy a day is enough
    assert len(automatic_copies_for(services.data_dir)) == 1
    assert runner.pending() == 0


def test_unexpected_errors_are_shown_in_a_dialog(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(sys, "__stderr__", None)  # keep the test output quiet
    hook = install_excepthook()
    assert sys.excepthook is hook
    try:
        raise RuntimeError("the flux capacitor broke")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    box = hook.box
    assert isinstance(box, QMessageBox)
    qtbot.addWidget(box)
    assert box.isVisible()
    assert "RuntimeError: the flux capacitor broke" in box.informativeText()
    assert "Traceback" in box.detailedText()
    try:
        raise KeyError("second")
    except KeyError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert hook.box is box and "KeyError" in box.detailedText()  # added to the open dialog
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()] == [box]


def test_about_names_the_version_and_the_data_folder(services: Services, make_window: WindowFactory) -> None:
    from empower_desktop import __version__

    window = make_window(services)
    window.about_action.trigger()
    [about] = [d for d in window.findChildren(AboutDialog) if d.isVisible()]
    assert f"Version {__version__}" in about.text.text()
    assert str(services.data_dir) in about.text.text()


def test_the_four_steps_explained_covers_every_step_and_the_review(
    services: Services, make_window: WindowFactory
) -> None:
    window = make_window(services)
    window.steps_action.trigger()
    [steps] = [d for d in window.findChildren(FourStepsDialog) if d.isVisible()]
    text = steps.browser.toPlainText()
    for title in ("1 · Assess & Set Goals", "2 · Learn", "3 · Network & Mentor", "4 · Advocate", "Review"):
        assert title in text


@pytest.mark.slow
def test_a_normal_run_makes_the_safety_copy_and_remembers_the_window(
    tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer

    from empower_desktop.app import AUTO_COPY_DELAY_MS, run_gui

    data_dir = tmp_path / "data"
    services = Services.open(data_dir)
    services.data.start_empty()
    services.assessment.add_skill("Python")  # something to keep: an empty start has no copy
    services.close()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    seen: list[MainWindow] = []

    ticks = [0]

    def close_when_copied() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen.extend(windows)
        ticks[0] += 1
        if windows and (automatic_copies_for(data_dir) or ticks[0] > 100):  # at most ~10 s
            windows[0].close()
        else:
            QTimer.singleShot(100, close_when_copied)

    QTimer.singleShot(AUTO_COPY_DELAY_MS, close_when_copied)
    try:
        assert run_gui(data_dir, demo=False) == 0
    finally:
        qapp.setStyleSheet("")
    assert seen and seen[0].welcome is None  # answered before: no welcome
    assert len(automatic_copies_for(data_dir)) == 1
    assert (data_dir / "window.ini").is_file()


def test_every_window_carries_the_app_icon(qapp: QApplication) -> None:
    from empower_desktop.app import set_window_icon

    set_window_icon(qapp)
    sizes = {size.width() for size in qapp.windowIcon().availableSizes()}
    assert {16, 32, 256} <= sizes
