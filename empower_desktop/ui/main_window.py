"""The main window: one tab per step and a Review tab, menus, status bar, remembered geometry."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, QStandardPaths, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QPaintEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..changes import Changes, Kind
from ..errors import ActionableError, message_for
from .messages import ask, show_error
from .pages import PAGES
from .workers import TaskRunner, ThreadPoolRunner

# The window's frame paints before the data is opened: what needs the services (and imports the
# domain, the store and the sync) is imported when the data is attached, a tab when it is shown,
# a dialog when it is first opened.
if TYPE_CHECKING:
    from ..services import Services
    from .calendars_dialog import CalendarsDialog
    from .conflicts_dialog import ConflictsDialog
    from .help_dialogs import AboutDialog, FourStepsDialog
    from .import_dialog import ImportScheduleDialog
    from .settings_dialog import SettingsDialog
    from .tray import ReminderTray
    from .welcome_dialog import WelcomeDialog
    from .widgets.section import Section
    from .widgets.step_page import StepPage

# What a person can act on (store, sync, domain and input failures are ActionableErrors, and what the
# file system refused); anything else is a bug and goes to the app's exception hook.
ERRORS: tuple[type[BaseException], ...] = (ActionableError, OSError)
DEFAULT_SIZE = (1180, 760)
FIRST_PAINT_LATEST_MS = 250  # the visible tab reads after the first paint, or after this at the latest
WINDOW_FILE = "window.ini"
BACKUP_FILTER = "Empower Desktop backups (*.json);;All files (*)"
ICS_FILTER = "Calendar files (*.ics);;All files (*)"
STATUS_TIMEOUT_MS = 10_000


def has_modifier(keys: QKeySequence) -> bool:
    """Whether a shortcut is pressed with Ctrl, Alt or Meta (not a plain Enter or Delete)."""
    if keys.isEmpty():
        return False
    modifiers = keys[0].keyboardModifiers()  # type: ignore[index]  # QKeySequence[i] is not in the stubs
    wanted = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
    return bool(modifiers & wanted)


def documents_dir() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


class MainWindow(QMainWindow):
    """Everything goes through `services`; blocking work goes through `runner`."""

    auto_copy_finished = Signal(object)  # the copy's Path, None (already made today) or the exception
    data_replaced = Signal()  # after a restore or after example data was loaded
    setting_changed = Signal(str)  # the key of a setting that changed (from any thread; handled on the GUI's)

    attached = Signal()  # the data is open and the window works on it
    first_painted = Signal()  # the window's frame is on screen (emitted once, just after the paint)

    def __init__(
        self,
        services: Services | None,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
        *,
        examples_for: MainWindow | None = None,
        data_dir: Path | None = None,
    ) -> None:
        """*services* None: the window's frame only (menus, tabs, status bar, its size from *data_dir*),
        to paint before the data is opened; `attach` then makes it work on the data.
        *examples_for*: this window shows example data in a temporary folder, opened from the
        welcome of that (hidden) window, which comes back when this one closes."""
        super().__init__(parent)
        self.runner: TaskRunner = runner if runner is not None else ThreadPoolRunner()
        self.examples_for = examples_for
        self.example_window: MainWindow | None = None  # the example data opened from this window's welcome
        self._quitting = False
        self._quit_requested = False  # Quit (File menu, Ctrl+Q, the tray's menu): close even to a tray
        self._closed = False  # after close, a timer set before it does nothing (the data may be closed)
        self.tray: ReminderTray | None = None  # reminders, where the desktop has a system tray
        self._in_tray = False  # hidden to the tray (the app goes on without a window)
        self.setWindowTitle(f"{APP_NAME} — example data" if examples_for is not None else APP_NAME)
        self.setObjectName("mainWindow")
        self.welcome: WelcomeDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self._busy = 0

        self.undo_stack = QUndoStack(self)  # deletes can be undone while the app runs
        self.tabs = QTabWidget()
        self.tabs.setObjectName("stepTabs")
        self.tabs.setDocumentMode(True)
        # Each tab holds an empty slot; its page is built the first time the tab is shown.
        self._slots: list[QWidget] = []
        self._pages: list[StepPage | None] = [None] * len(PAGES)
        for number, cls in enumerate(PAGES, start=1):
            slot = QWidget()
            slot_layout = QVBoxLayout(slot)
            slot_layout.setContentsMargins(0, 0, 0, 0)
            self._slots.append(slot)
            self.tabs.addTab(slot, cls.tab_label())
            self.tabs.setTabToolTip(number - 1, f"{cls.header_title} (Ctrl+{number})")
        if examples_for is not None:
            central = QWidget()
            column = QVBoxLayout(central)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(self._example_banner())
            column.addWidget(self.tabs, 1)
            self.setCentralWidget(central)
        else:
            self.setCentralWidget(self.tabs)

        self._build_menus()
        self.conflicts_dialog: ConflictsDialog | None = None
        self.import_dialog: ImportScheduleDialog | None = None
        self.data_label = QLabel()
        self.data_label.setObjectName("dataLabel")
        self.statusBar().addPermanentWidget(self.data_label)
        folder = services.data_dir if services is not None else data_dir
        self.window_settings = QSettings(
            str(folder / WINDOW_FILE) if folder is not None else "", QSettings.Format.IniFormat
        )
        self._restore_window_state()
        self.tabs.currentChanged.connect(self._on_tab_changed)
        # The visible tab starts reading once the window has painted (the read runs on a worker,
        # which would otherwise compete with building the first frame); other tabs read when shown.
        self._first_show_done = False
        self._painted = False
        self._first_load_done = False
        self._announced: set[Kind] = set()  # kinds sections announced in this turn of the event loop
        self._setting_changes = Changes.of()  # what settings changed since the last turn
        self.setting_changed.connect(self._setting_changed)
        self._stop_listening: Callable[[], None] = lambda: None
        self.is_attached = False
        self._waiting_actions = [a for a in self.findChildren(QAction) if a.isEnabled()]
        if services is not None:
            self.attach(services)
        else:
            for action in self._waiting_actions:
                action.setEnabled(False)  # nothing to act on until the data is open

    def attach(self, services: Services) -> None:
        """Work on *services*: the calendar sync, the status bar, the settings; the visible tab reads
        once the frame has painted."""
        from .sync_controller import SyncController
        from .sync_status import SyncStatus

        self.services = services
        self.sync = SyncController(services, self.runner, self)
        self.sync_status = SyncStatus(self.sync)
        self.statusBar().insertPermanentWidget(0, self.sync_status)
        self.sync.records_changed.connect(self.reread_all)
        self.sync.failed.connect(lambda message: self.show_error("Calendar sync", message))
        self.sync.needs_password.connect(self.ask_password)
        self.sync.plans_kept.connect(self._plans_kept)
        self.sync_status.resolve_requested.connect(self.open_conflicts)
        self.data_label.setText(f"Data: {services.data_dir}")
        self.data_label.setToolTip(str(services.db_path))
        if not self.window_settings.fileName():
            self.window_settings = QSettings(str(services.data_dir / WINDOW_FILE), QSettings.Format.IniFormat)
        self._stop_listening = services.settings.on_change(self._relay_setting)
        for action in self._waiting_actions:
            action.setEnabled(True)
        self.is_attached = True
        if self.examples_for is None:  # example data gives no reminders
            from .tray import ReminderTray

            self.tray = ReminderTray(self, self)
        if self._painted and not self._first_load_done:
            QTimer.singleShot(0, self._after_first_paint)
        self.attached.emit()

    # -- menus -----------------------------------------------------------------------------------
    def _action(self, text: str, shortcut: str, slot: Callable[[], Any], tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        title = text.replace("&", "").rstrip("…")
        action.triggered.connect(lambda _checked=False: self._guarded(title, slot))
        if tip:
            action.setStatusTip(tip)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.backup_action = self._action("&Backup…", "Ctrl+B", self.backup, "Save all your data to one file")
        self.restore_action = self._action(
            "&Restore…", "Ctrl+Shift+B", self.restore, "Replace all your data with a backup file"
        )
        self.export_action = self._action(
            "&Export a copy of the calendar (.ics)…",
            "Ctrl+E",
            self.export_calendar,
            "A one-off copy of everything scheduled, to send or import elsewhere (it is not kept up to date)",
        )
        self.import_action = self._action(
            "&Import course schedule (.ics)…",
            "Ctrl+I",
            self.import_schedule,
            "A course's or a conference's timetable from any calendar program, as learning sessions",
        )
        self.quit_action = self._action("&Quit", "Ctrl+Q", self.quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        for action in (self.backup_action, self.restore_action, self.export_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self.edit_menu = edit_menu
        self._section_separator = edit_menu.addSeparator()
        self._section_separator.setVisible(False)
        edit_menu.aboutToShow.connect(self._fill_edit_menu)

        view_menu = bar.addMenu("&View")
        self.tab_actions = []
        for index, cls in enumerate(PAGES):
            action = self._action(cls.tab_label(), f"Ctrl+{index + 1}", self._tab_switcher(index))
            view_menu.addAction(action)
            self.tab_actions.append(action)
        view_menu.addSeparator()
        self.next_section_action = self._action("&Next part of this tab", "Ctrl+PgDown", lambda: self._step_section(1))
        self.next_section_action.setShortcuts([QKeySequence("Ctrl+PgDown"), QKeySequence("Ctrl+Tab")])
        self.previous_section_action = self._action(
            "&Previous part of this tab", "Ctrl+PgUp", lambda: self._step_section(-1)
        )
        self.previous_section_action.setShortcuts([QKeySequence("Ctrl+PgUp"), QKeySequence("Ctrl+Shift+Tab")])
        view_menu.addAction(self.next_section_action)
        view_menu.addAction(self.previous_section_action)
        view_menu.addSeparator()
        self.filter_action = self._action("&Filter this tab", "Ctrl+F", self.focus_filter)
        view_menu.addAction(self.filter_action)

        sync_menu = bar.addMenu("S&ync")
        self.sync_action = self._action(
            "Sync &Calendar Now", "Ctrl+Shift+S", self.sync_calendar, "Bring your calendar file up to date"
        )
        sync_menu.addAction(self.sync_action)
        self.resolve_action = self._action(
            "&Resolve Sync Issues…",
            "Ctrl+Shift+R",
            self.open_conflicts,
            "Conflicts, events removed from the calendar, and changes the calendar proposes",
        )
        sync_menu.addAction(self.resolve_action)
        sync_menu.addSeparator()
        self.find_time_action = self._action(
            "&Find Time…",
            "Ctrl+Shift+F",
            self.find_time,
            "Put a learning habit, a mentor meeting or the weekly review into the free time of your own calendars",
        )
        sync_menu.addAction(self.find_time_action)
        self.collisions_action = self._action(
            "Sessions That Co&llide…",
            "Ctrl+Shift+L",
            self.open_collisions,
            "Planned sessions that meetings added to your calendars since now overlap",
        )
        sync_menu.addAction(self.collisions_action)

        settings_menu = bar.addMenu("&Settings")
        self.settings_action = self._action("&Settings…", "Ctrl+,", self.open_settings)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings_menu.addAction(self.settings_action)  # macOS moves it to the application menu
        self.calendars_action = self._action(
            "&Calendars…", "Ctrl+Shift+K", self.open_calendars, "Calendar accounts, what goes to each, reminders"
        )
        settings_menu.addAction(self.calendars_action)
        self.busy_calendars_action = self._action(
            "&Busy Calendars…",
            "Ctrl+Shift+Y",
            self.open_busy_calendars,
            "The calendars whose events count as busy when finding time",
        )
        settings_menu.addAction(self.busy_calendars_action)

        help_menu = bar.addMenu("&Help")
        self.steps_action = self._action("The &Four Steps Explained", "F1", self.show_four_steps)
        self.about_action = self._action(f"&About {APP_NAME}", "Ctrl+F1", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.steps_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        self._job_actions = (self.backup_action, self.restore_action, self.export_action, self.sync_action)

    def _guarded(self, title: str, slot: Callable[[], Any]) -> None:
        """Run a menu action; an error a person can act on becomes a message, never a crash."""
        try:
            slot()
        except ERRORS as exc:
            self.show_error(f"{title}: that did not work", exc)

    def _tab_switcher(self, index: int) -> Callable[[], None]:
        return lambda: self.tabs.setCurrentIndex(index)

    # -- pages -----------------------------------------------------------------------------------
    def page_at(self, index: int) -> StepPage:
        """The page of tab *index*, built now if it was not shown yet."""
        from .widgets.sectioned_page import SectionedPage  # with the first page, after the first paint

        page = self._pages[index]
        if page is None:
            page = PAGES[index].load()(self.services, self.runner, self.undo_stack)
            page.load_failed.connect(self._page_load_failed)
            page.status.connect(self.status)
            page.data_changed.connect(lambda changes, source=page: self.changes_made(changes, source))
            if isinstance(page, SectionedPage):
                page.section_tabs.currentChanged.connect(lambda _index: self._update_section_keys())
            layout = self._slots[index].layout()
            assert layout is not None
            layout.addWidget(page)
            self._pages[index] = page
        return page

    def is_built(self, index: int) -> bool:
        return self._pages[index] is not None

    @property
    def pages(self) -> list[StepPage]:
        """Every page (building the ones not shown yet)."""
        return [self.page_at(i) for i in range(len(self._pages))]

    def current_page(self) -> StepPage:
        return self.page_at(self.tabs.currentIndex())

    def _on_tab_changed(self, _index: int) -> None:
        self._load_current_page()

    # -- the visible section's actions -----------------------------------------------------------
    def current_section(self) -> Section | None:
        """The section (sub-tab) in front on the tab in front, if that tab has sections."""
        from .widgets.sectioned_page import SectionedPage  # with the first page, after the first paint

        page = self.current_page()
        return page.current_section() if isinstance(page, SectionedPage) else None

    def _update_section_keys(self) -> None:
        """The visible section's Ctrl shortcuts work from anywhere in the window; a hidden section's
        only inside it (so Ctrl+N means the visible one's New). Plain keys (Enter, Delete) always
        stay inside their section, where they cannot reach a text field."""
        from .widgets.sectioned_page import SectionedPage  # with the first page, after the first paint

        visible = self.current_section()
        for page in self._pages:
            if not isinstance(page, SectionedPage):
                continue
            for section in page.built_sections():
                for action in section.actions():
                    if has_modifier(action.shortcut()):
                        action.setShortcutContext(
                            Qt.ShortcutContext.WindowShortcut
                            if section is visible
                            else Qt.ShortcutContext.WidgetWithChildrenShortcut
                        )

    def _fill_edit_menu(self) -> None:
        """Edit lists the visible section's actions, with their shortcuts, under Undo and Redo."""
        menu = self.edit_menu
        for action in menu.actions()[menu.actions().index(self._section_separator) + 1 :]:
            menu.removeAction(action)
        section = self.current_section()
        actions = [a for a in section.actions() if a.text()] if section is not None else []
        self._section_separator.setVisible(bool(actions))
        menu.addActions(actions)

    def _step_section(self, step: int) -> None:
        """Ctrl+PgDown / Ctrl+Tab: the next part (sub-tab) of this tab; Ctrl+PgUp the previous one."""
        from .widgets.sectioned_page import SectionedPage  # with the first page, after the first paint

        page = self.current_page()
        if isinstance(page, SectionedPage):
            tabs = page.section_tabs
            tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())

    def _load_current_page(self) -> None:
        if self._closed:
            return
        self._update_section_keys()
        self.current_page().ensure_loaded()

    def _page_load_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ERRORS):
            raise exc  # a bug: the excepthook shows it
        self.show_error("Could not read your data", exc)

    def changes_made(self, changes: Changes, source: StepPage) -> None:
        """Something changed on *source*: the other tabs that show it read again (now if shown, else
        when next shown), and the calendar syncs soon."""
        if not self._announced:
            QTimer.singleShot(0, self._announced.clear)
        self._announced |= changes.kinds
        self._apply_to_pages(changes, source)
        self.sync.local_change()

    def _apply_to_pages(self, changes: Changes, source: StepPage | None = None) -> None:
        """Every built tab but *source* reads again what *changes* touched (now if shown, else when shown)."""
        for page in self._pages:
            if page is not None and page is not source:
                page.apply_changes(changes)

    def reload_all(self) -> None:
        """After the data changed underneath (a restore, example data): every tab reads again."""
        self.reread_all()
        self.data_replaced.emit()
        self.sync.local_change()

    def reread_all(self) -> None:
        """Every tab reads again when next shown; the visible one now (a sync brought changes)."""
        for page in self._pages:
            if page is not None:
                page.mark_stale()
        self._load_current_page()

    def focus_filter(self) -> None:
        self.current_page().focus_filter()

    # -- messages --------------------------------------------------------------------------------
    def status(self, text: str, timeout_ms: int = STATUS_TIMEOUT_MS) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def show_error(self, title: str, exc: BaseException | str, detail: str = "") -> None:
        show_error(self, title, exc if isinstance(exc, str) else message_for(exc), detail)

    def _failed(
        self, title: str, detail: str = "", expected: tuple[type[BaseException], ...] = ()
    ) -> Callable[[BaseException], None]:
        def handle(exc: BaseException) -> None:
            self.statusBar().clearMessage()
            if isinstance(exc, ERRORS + expected):
                self.show_error(title, exc, detail)
            else:  # a bug: the app-wide hook shows it with its traceback
                sys.excepthook(type(exc), exc, exc.__traceback__)

        return handle

    def _run(
        self,
        doing: str,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        error_title: str,
        error_detail: str = "",
        expected: tuple[type[BaseException], ...] = (),
    ) -> None:
        """Run a blocking services call on the runner, with the file actions paused meanwhile.

        Errors in ERRORS (and *expected*) are shown in a message box; anything else is a bug and
        goes to the app's exception hook.
        """
        self._set_busy(+1)
        self.status(doing, 0)
        failed = self._failed(error_title, error_detail, expected)

        def done(result: Any) -> None:
            self._set_busy(-1)
            self.statusBar().clearMessage()
            try:
                on_done(result)
            except ERRORS as exc:
                failed(exc)

        def error(exc: BaseException) -> None:
            self._set_busy(-1)
            failed(exc)

        self.runner.run(work, done, error)

    def _set_busy(self, delta: int) -> None:
        self._busy += delta
        for action in self._job_actions:
            action.setEnabled(self._busy == 0)

    # -- file dialogs (tests replace these two methods) ------------------------------------------
    def ask_save_path(self, caption: str, suggested: Path, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, caption, str(suggested), file_filter)
        return Path(name) if name else None

    def ask_open_path(self, caption: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, caption, str(documents_dir()), file_filter)
        return Path(name) if name else None

    # -- File menu -------------------------------------------------------------------------------
    def backup(self) -> None:
        suggested = documents_dir() / f"empower-backup-{self.services.today().isoformat()}.json"
        path = self.ask_save_path("Back up your data", suggested, BACKUP_FILTER)
        if path is None:
            return
        if not path.suffix and not path.is_dir():  # a folder is refused in words, not turned into a file
            path = path.with_suffix(".json")

        def done(counts: dict[str, int]) -> None:
            self.status(f"Backup saved: {sum(counts.values())} records → {path}")

        self._run("Saving a backup…", lambda: self.services.data.backup(path), done, "The backup could not be saved")

    def restore(self) -> None:
        path = self.ask_open_path("Restore from a backup", BACKUP_FILTER)
        if path is None:
            return

        def confirm(description: tuple[int, str]) -> None:
            from .formatting import fmt_iso_instant

            records, made = description
            ask(
                self,
                "Restore backup",
                f"Replace all your data with this backup of {records} records made on {fmt_iso_instant(made)}? "
                "Your current data is copied to the backups folder first.",
                "Replace my data",
                lambda: self._restore_confirmed(path),
                detail=str(path),
            )

        self._run(
            "Checking the backup…",
            lambda: self.services.data.describe_backup(path),
            confirm,
            "This file cannot be restored",
            "Nothing was changed.",
        )

    def _restore_confirmed(self, path: Path) -> None:
        def done(counts: dict[str, int]) -> None:
            self.reload_all()
            self.status(f"Restored {sum(counts.values())} records from {path.name}")

        self._run(
            "Restoring…",
            lambda: self.services.data.restore(path),
            done,
            "The backup could not be restored",
            "Your data was not changed.",
        )

    def export_calendar(self) -> None:
        path = self.ask_save_path("Export calendar", documents_dir() / "empower-calendar.ics", ICS_FILTER)
        if path is None:
            return
        if not path.suffix and not path.is_dir():  # a folder is refused in words, not turned into a file
            path = path.with_suffix(".ics")

        def done(events: int) -> None:
            self.status(f"Calendar exported: {events} events → {path}")

        def work() -> int:
            return self.services.calendar.export_ics(path)

        self._run("Exporting the calendar…", work, done, "The calendar could not be exported")

    def import_schedule(self, path: Path | None = None) -> ImportScheduleDialog | None:
        """File → Import course schedule: pick the .ics file, then the preview dialog."""
        from .import_dialog import ImportScheduleDialog

        path = path or self.ask_open_path("Import a course schedule", ICS_FILTER)
        if path is None:
            return None
        dialog = ImportScheduleDialog(self.services, self.runner, path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def imported(sentence: str) -> None:
            self.status(sentence)
            self.reread_all()
            self.sync.local_change()

        dialog.imported.connect(imported)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    # -- Find time -------------------------------------------------------------------------------
    def _planned(self, changes: Changes, sentence: str = "") -> None:
        """A find-time dialog changed plans: every tab showing them reads again; the calendar syncs soon."""
        if sentence:
            self.status(sentence)
        self._apply_to_pages(changes)
        self.sync.local_change()

    def _plans_kept(self, colliding: int, moved: int) -> None:
        """After a sync: say what busy time added since did to the plans."""
        parts = []
        if moved:
            parts.append(f"Moved {moved} session{'s' if moved != 1 else ''} off meetings added since")
        if colliding:
            many = colliding != 1
            parts.append(
                f"{colliding} session{'s' if many else ''} collide{'' if many else 's'} with meetings added since: "
                "Sync → Sessions That Collide (Ctrl+Shift+L)"
            )
        self.status(". ".join(parts))

    def find_time(self) -> QDialog:
        """Sync → Find Time."""
        from .find_time.dialog import open_find_time

        self.find_time_dialog = open_find_time(self, self.services, self.runner, self._planned)
        return self.find_time_dialog

    def open_collisions(self) -> QDialog:
        """Sync → Sessions That Collide."""
        from .find_time.collisions import CollisionsDialog

        dialog = CollisionsDialog(self.services, self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._planned)
        self.collisions_dialog = dialog
        dialog.open()
        return dialog

    def open_busy_calendars(self) -> QDialog:
        """Settings → Busy Calendars."""
        from .find_time.busy_calendars import BusyCalendarsDialog

        dialog = BusyCalendarsDialog(self.services, self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.busy_calendars_dialog = dialog
        dialog.open()
        return dialog

    # -- Sync menu -------------------------------------------------------------------------------
    def sync_calendar(self) -> None:
        """Sync now: the calendar accounts in the background, or else the calendar file."""
        if self.services.calendar.accounts():
            self.sync.sync_now()
            return

        def done(events: int) -> None:
            self.status(f"Calendar file updated: {events} events → {self.services.calendar.calendar_file()}")

        self._run(
            "Updating the calendar file…",
            self.services.calendar.sync_calendar_file,
            done,
            "Calendar sync failed",
        )

    # -- Settings and Help -----------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog | None:
        try:
            from .settings_dialog import SettingsDialog

            dialog = SettingsDialog(self.services, self)
        except ERRORS as exc:
            self.show_error("Could not read your settings", exc)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.status("Settings saved"))
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def open_calendars(self) -> CalendarsDialog:
        """Settings → Calendars: the calendar accounts, what goes where, default reminders."""
        from .calendars_dialog import CalendarsDialog

        dialog = CalendarsDialog(self.services, self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sync_running = lambda: self.sync.state.running
        dialog.hold_sync = self.sync.hold
        dialog.password_for_session.connect(self.sync.passwords.__setitem__)  # typed once, not asked again
        dialog.changed.connect(self.sync.local_change)  # a new or changed account syncs soon
        self.sync.finished.connect(dialog.refresh_after_sync)  # disconnected when the dialog goes
        self.calendars_dialog = dialog
        dialog.open()
        return dialog

    def show_about(self) -> AboutDialog:
        from .help_dialogs import AboutDialog

        dialog = AboutDialog(self.services.data_dir, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_four_steps(self) -> FourStepsDialog:
        from .help_dialogs import FourStepsDialog

        dialog = FourStepsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()  # not modal: it can stay open beside the window
        return dialog

    # -- first start -----------------------------------------------------------------------------
    def show_welcome_if_needed(self) -> WelcomeDialog | None:
        try:
            needed = self.services.data.needs_welcome()
        except ERRORS as exc:
            self.show_error("Could not read your data", exc)
            return None
        if not needed:
            return None
        from .welcome_dialog import WelcomeDialog

        dialog = WelcomeDialog(self)
        dialog.start_empty.connect(self._start_empty)
        dialog.explore_examples.connect(self._explore_examples)
        self.welcome = dialog
        dialog.open()
        return dialog

    def _start_empty(self) -> None:
        try:
            self.services.data.start_empty()
        except ERRORS as exc:
            self.show_error("Could not save your choice", exc)

    def _explore_examples(self) -> None:
        """Example data opens in a window of its own over a temporary folder, so exploring never
        writes into the person's data; leaving it brings this window (and its welcome) back."""
        from ..services import Services

        clock = self.services.now
        self._run(
            "Preparing example data…",
            lambda: Services.open_demo(clock=clock),
            self.open_examples,
            "Could not prepare the example data",
        )

    def open_examples(self, examples: Services) -> None:
        window = MainWindow(examples, self.runner, examples_for=self)
        self.example_window = window
        window.setGeometry(self.geometry())
        window.show()
        self.hide()
        window.status("Example data: look around every tab, and try anything")

    def _example_banner(self) -> QWidget:
        banner = QFrame()
        banner.setObjectName("exampleBanner")
        text = QLabel(
            "<b>Example data.</b> This is someone else's career, kept in a temporary folder: look around and "
            "try anything. Nothing here reaches your own data, and it is all thrown away when you leave."
        )
        text.setWordWrap(True)
        self.leave_examples_button = QPushButton("Leave the e&xample data")
        self.leave_examples_button.setObjectName("leaveExamples")
        self.leave_examples_button.setToolTip("Close the example data and go back to your own (still empty) data")
        self.leave_examples_button.clicked.connect(lambda _checked=False: self.close())
        row = QHBoxLayout(banner)
        row.setContentsMargins(12, 8, 12, 8)
        row.addWidget(text, 1)
        row.addWidget(self.leave_examples_button)
        return banner

    def _examples_closed(self) -> None:
        """The example window was left: this window and its welcome come back (or the app quits)."""
        self.example_window = None
        if self._quitting:
            self.close()
            return
        self.show()
        QTimer.singleShot(0, self.show_welcome_if_needed)

    def quit(self) -> None:
        """Quit the app, from either window (and from the tray, where the window may be hidden)."""
        self._quit_requested = True
        if self.examples_for is not None:
            self.examples_for._quitting = True
        in_tray = self._in_tray
        self.close()
        if in_tray and QThread.currentThread().loopLevel() > 0:
            QApplication.quit()  # a hidden window's close does not end the app's event loop: end it

    @property
    def is_closed(self) -> bool:
        """Closed for good (not hidden to the tray): its data may be closed too."""
        return self._closed

    def hide_to_tray(self) -> None:
        """The window goes, the app stays in the tray (its reminders and the calendar sync go on)."""
        QApplication.setQuitOnLastWindowClosed(False)  # a dialog closed meanwhile does not end the app
        self._in_tray = True
        self.save_window_state()
        self.hide()
        if self.tray is not None:
            self.tray.told_about_tray()

    def bring_back(self) -> None:
        """From the tray: the window shows again, in front."""
        self._leave_tray()
        if self.isMinimized():
            self.showNormal()
        else:
            self.show()
        self.raise_()
        self.activateWindow()

    def _leave_tray(self) -> None:
        if self._in_tray:
            self._in_tray = False
            QApplication.setQuitOnLastWindowClosed(True)

    def _closes_to_tray(self) -> bool:
        """Whether closing the window hides it to the tray: chosen in Settings, and a tray there."""
        if self._quit_requested or self._quitting or self.tray is None or not self.tray.has_icon():
            return False
        try:
            return bool(self.services.settings.get("app.close_to_tray"))
        except ERRORS:
            return False

    # -- automatic safety copy -------------------------------------------------------------------
    def start_auto_copy(self) -> None:
        """The daily safety copy of the data file, made off the GUI thread once per day."""

        def done(copy: Path | None) -> None:
            if copy is not None:
                self.status(f"Automatic safety copy saved in {copy.parent}", 5000)
            self.auto_copy_finished.emit(copy)

        def failed(exc: BaseException) -> None:
            self.status(f"The automatic safety copy failed: {message_for(exc)}", 0)
            self.auto_copy_finished.emit(exc)
            if not isinstance(exc, ERRORS):
                sys.excepthook(type(exc), exc, exc.__traceback__)

        self.runner.run(self.services.data.auto_copy_if_due, done, failed)

    # -- window state ----------------------------------------------------------------------------
    def _restore_window_state(self) -> None:
        geometry = self.window_settings.value("geometry")
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        if not restored:
            self._default_geometry()
        state = self.window_settings.value("state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        try:
            tab = int(self.window_settings.value("tab", 0))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            tab = 0
        if 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)

    def _default_geometry(self) -> None:
        width, height = DEFAULT_SIZE
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(width, height)
            return
        available = screen.availableGeometry()
        width = min(width, int(available.width() * 0.95))
        height = min(height, int(available.height() * 0.92))
        self.resize(width, height)
        frame = self.frameGeometry()
        frame.moveCenter(available.center())
        self.move(frame.topLeft())

    def save_window_state(self) -> None:
        self.window_settings.setValue("geometry", self.saveGeometry())
        self.window_settings.setValue("state", self.saveState())
        self.window_settings.setValue("tab", self.tabs.currentIndex())
        self.window_settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._first_show_done:
            self._first_show_done = True
            QTimer.singleShot(FIRST_PAINT_LATEST_MS, self._frame_shown)  # should no paint come

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            QTimer.singleShot(0, self._frame_shown)

    def _frame_shown(self) -> None:
        """Once, just after the frame's first paint: the data may open, the visible tab may read."""
        if self._painted:
            return
        self._painted = True
        self.first_painted.emit()
        self._after_first_paint()

    def _after_first_paint(self) -> None:
        """The frame is on screen: now the visible tab is built (its modules imported) and read."""
        if self._first_load_done or not self.is_attached:
            return  # attach() calls again once the data is open
        self._first_load_done = True
        self._load_current_page()
        self.report_setting_problems()

    def open_conflicts(self) -> ConflictsDialog:
        from .conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.services, self)
        dialog.resolved.connect(self.reread_all)
        dialog.resolved.connect(self.sync.local_change)
        dialog.finished.connect(dialog.deleteLater)
        self.conflicts_dialog = dialog
        dialog.open()
        return dialog

    def ask_password(self, account: str, why: str) -> QInputDialog:
        """The calendar needs a password this session (none saved, or refused): ask, then sync again."""
        dialog = QInputDialog(self)
        dialog.setObjectName("passwordDialog")
        dialog.setWindowTitle(f"Password for “{account}”")
        dialog.setLabelText(f"{why}\n\nPassword (kept until the app closes):")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)

        def given(password: str) -> None:
            if password:
                self.sync.passwords[account] = password
                self.sync.sync_now()

        dialog.textValueSelected.connect(given)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # -- settings --------------------------------------------------------------------------------
    def _relay_setting(self, key: str) -> None:
        if shiboken6.isValid(self):  # a window already gone hears nothing
            self.setting_changed.emit(key)

    def _setting_changed(self, key: str) -> None:
        """A setting changed (in Settings, the Calendars dialog or a tab): the views it shapes read again."""
        if key.startswith("state."):
            return  # the app's own bookkeeping, nothing shown
        changes = Changes.of(Kind.SETTINGS)
        if key == "learning.weekly_target_hours":
            changes = changes | Changes.of(Kind.LEARNING_TARGET)
        elif key == "general.time_zone":
            changes = Changes.everything()  # every time shown is shown in the zone
        if not self._setting_changes:
            QTimer.singleShot(0, self._apply_setting_changes)  # once, after the action that changed them
        self._setting_changes = self._setting_changes | changes
        if key.startswith(("calendar.", "review.", "general.")):
            self.sync.local_change()  # reminders, the review rhythm and times go to the calendar

    def _apply_setting_changes(self) -> None:
        """The views that settings shape read again, unless the action that changed them already
        announced the same kinds (a target typed on the Progress tab is read once, not twice)."""
        changes = Changes(self._setting_changes.kinds - self._announced)
        self._setting_changes = Changes.of()
        self._apply_to_pages(changes)

    def report_setting_problems(self) -> None:
        """Say once, after the first paint, which stored settings could not be used."""
        if self._closed:
            return
        problems = self.services.settings.problems()
        if problems:
            first = next(iter(problems.values()))
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            self.status(f"{first}{more} Open Settings to choose a value.", 0)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.example_window is not None:
            self._quitting = True
            self.example_window.close()  # its own clean-up; then this window closes
            event.ignore()
            return
        if self._closes_to_tray():
            event.ignore()
            self.hide_to_tray()
            return
        self._closed = True
        if self.tray is not None:
            self.tray.stop()
        self._leave_tray()
        self._stop_listening()
        if self.is_attached:
            self.sync.stop()
        self.save_window_state()
        super().closeEvent(event)
        if self.examples_for is not None:
            self._throw_away_examples()
            self.examples_for._examples_closed()

    def _throw_away_examples(self) -> None:
        if isinstance(self.runner, ThreadPoolRunner):
            self.runner.wait(10_000)  # a read of the example data may still run
        folder = self.services.data_dir
        self.services.close()
        shutil.rmtree(folder, ignore_errors=True)
