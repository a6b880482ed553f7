"""Composition root of the window: QApplication, Services, MainWindow.

`run_gui` is what the command line calls. Start-up does as little as it can before the first
paint: the window's frame (menus, tabs, status bar, its remembered size) paints first; then the
data is opened behind it (the recovery dialog shows over it if the file is damaged), then the
visible tab is imported, built and read. The domain, store, services, calendar, keyring and chart
modules are not imported before the first paint.
"""

from __future__ import annotations

import shutil
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleFactory

from . import APP_NAME
from .paths import default_data_dir
from .ui.main_window import MainWindow
from .ui.opening import Ask, ask_with_dialog, open_with_recovery
from .ui.workers import TaskRunner, ThreadPoolRunner

if TYPE_CHECKING:
    from .services import Services

ORGANISATION = "Empower"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
AUTO_COPY_DELAY_MS = 800  # after the window has painted and settled
SYNC_START_DELAY_MS = 2_000  # the first sync of a run, once the window is in use


def build_main_window(services: Services, runner: TaskRunner | None = None) -> MainWindow:
    """The main window over *services* (tests pass a synchronous runner)."""
    return MainWindow(services, runner)


def resource_path(name: str) -> Path | None:
    """A file from resources/, in a source checkout or a frozen bundle."""
    roots = [RESOURCES]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.insert(0, Path(bundle) / "resources")
    for root in roots:
        if (root / name).is_file():
            return root / name
    return None


def apply_style(app: QApplication, scheme: str | None = None) -> str:
    """Fusion, plus the modest style sheet from resources/ when it is there, in the system's colour
    scheme (light or dark; *scheme* chooses), following the system when it changes. Returns the scheme."""
    from .ui.theme import apply_theme

    style = QStyleFactory.create("Fusion")
    if style is not None:
        app.setStyle(style)
    path = resource_path("style.qss")
    sheet = path.read_text(encoding="utf-8") if path is not None else ""
    chosen = apply_theme(app, sheet, scheme)
    if scheme is None and not app.property("followsColourScheme"):
        app.setProperty("followsColourScheme", True)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app, sheet))
    set_window_icon(app)
    return chosen


def set_window_icon(app: QApplication) -> None:
    """The app icon for every window (title bar, task bar, Alt+Tab), from the rendered PNG sizes."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = resource_path(f"icons/app-icon-{size}.png")
        if png is not None:
            icon.addFile(str(png))
    if not icon.isNull():
        app.setWindowIcon(icon)


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setDesktopFileName("empower-desktop")
    apply_style(app)
    return app


class _ErrorHook:
    """sys.excepthook: an unexpected exception is shown in a dialog instead of vanishing.

    The dialog does not block (no nested event loop); while one is open, further errors are
    added to its details instead of piling up windows.
    """

    def __init__(self) -> None:
        self.box: QMessageBox | None = None

    def __call__(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, exc, tb))
        if sys.__stderr__ is not None:
            sys.__stderr__.write(text)
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if QApplication.instance() is None:
            return
        if self.box is not None and self.box.isVisible():
            self.box.setDetailedText(f"{self.box.detailedText()}\n{text}")
            return
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(f"{APP_NAME}: unexpected error")
        box.setText("Something went wrong that Empower Desktop did not expect.")
        box.setInformativeText(
            f"{kind.__name__}: {exc}\n\nYour data is safe: every change is saved as you make it. "
            "If this keeps happening, please report it with the details below."
        )
        box.setDetailedText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.finished.connect(box.deleteLater)
        self.box = box
        box.show()
        box.raise_()


def install_excepthook() -> _ErrorHook:
    hook = _ErrorHook()
    sys.excepthook = hook
    return hook


class _FirstPaint(QObject):
    """For the start-up benchmark: prints `first-paint` when the window first paints, then
    `data-shown` once the visible tab's data is filled in and painted, and quits."""

    def __init__(self, app: QApplication, window: MainWindow) -> None:
        super().__init__()
        self._app = app
        self._window = window
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            print("first-paint", flush=True)
            if self._window.is_attached:
                self._wait_for_data()
            else:
                self._window.attached.connect(self._wait_for_data)
        return False

    def _wait_for_data(self) -> None:
        page = self._window.current_page()
        if page.has_data:
            QTimer.singleShot(0, self._data_shown)
        else:
            page.data_loaded.connect(self._data_shown)

    def _data_shown(self) -> None:
        self._window.repaint()  # paint the filled tables now, synchronously
        print("data-shown", flush=True)
        self._app.exit(0)


def _start_logging(data_dir: Path) -> None:
    from .logs import setup_logging

    setup_logging(data_dir)


def run_gui(
    data_dir: Path | None,
    demo: bool,
    exit_on_first_paint: bool = False,
    ask: Ask = ask_with_dialog,
) -> int:
    """Start the window; returns the exit code. See the module docstring for what it avoids."""
    app = make_application()
    install_excepthook()
    opened: list[Services] = []
    if demo:  # example data in a folder of its own: made first, no welcome and no safety copy for it
        from .services import Services

        opened.append(Services.open_demo())
        window = MainWindow(opened[0], ThreadPoolRunner())
    else:
        folder = Path(data_dir) if data_dir is not None else default_data_dir()
        window = MainWindow(None, ThreadPoolRunner(), data_dir=folder)

    def open_data() -> None:
        """Behind the painted frame: open the data (asking to recover it if it is damaged)."""
        services = open_with_recovery(folder, ask)
        if services is None:  # the person quit the recovery
            window.hide()
            app.exit(1)
            return
        opened.append(services)
        window.attach(services)
        _started(window, exit_on_first_paint)

    try:
        if exit_on_first_paint:
            watcher = _FirstPaint(app, window)
            window.installEventFilter(watcher)
        if demo:
            window.first_painted.connect(lambda: _start_logging(opened[0].data_dir))
        else:
            window.first_painted.connect(open_data)
        window.show()
        code = app.exec()
        window.hide()
        if isinstance(window.runner, ThreadPoolRunner):
            window.runner.wait(10_000)  # let a running copy or backup finish before the store closes
        return int(code)
    finally:
        for services in opened:
            services.close()
        if demo and opened:  # the example data lived in a temporary folder made for this run
            shutil.rmtree(opened[0].data_dir, ignore_errors=True)


def _started(window: MainWindow, exit_on_first_paint: bool) -> None:
    """The data is open: logging, then the welcome, the daily safety copy and the calendar sync."""
    _start_logging(window.services.data_dir)
    if not exit_on_first_paint:
        QTimer.singleShot(0, window.show_welcome_if_needed)
        QTimer.singleShot(AUTO_COPY_DELAY_MS, window.start_auto_copy)
        QTimer.singleShot(SYNC_START_DELAY_MS, window.sync.start)
