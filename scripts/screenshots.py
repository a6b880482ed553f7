"""Screenshots of every tab and dialog for a person to look at (not a test).

QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py OUT_DIR
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from empower_desktop.app import build_main_window, make_application
from empower_desktop.services import Services, automatic_copies_for
from empower_desktop.store import DB_NAME, StoreEnvironmentError
from empower_desktop.ui.help_dialogs import AboutDialog, FourStepsDialog
from empower_desktop.ui.recovery_dialog import RecoveryDialog
from empower_desktop.ui.settings_dialog import SettingsDialog
from empower_desktop.ui.welcome_dialog import WelcomeDialog
from empower_desktop.ui.workers import SyncRunner


def save(widget: QWidget, path: Path) -> None:
    for _ in range(5):
        QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def main(out: Path) -> None:
    app = make_application()
    services = Services.open_demo()
    window = build_main_window(services, SyncRunner())
    window.resize(1180, 760)
    window.show()
    names = ["step1", "step2", "step3", "step4", "review"]
    for index, name in enumerate(names):
        window.tabs.setCurrentIndex(index)
        save(window, out / f"ui-{name}.png")
    window.tabs.setCurrentIndex(0)
    window.pages[0].panels()[1].table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    window.pages[0].filter_edit.setText("python")
    save(window, out / "ui-step1-filtered.png")

    for name, dialog in (
        ("welcome", WelcomeDialog(window)),
        ("settings", SettingsDialog(services, window)),
        ("about", AboutDialog(services.data_dir, window)),
        ("four-steps", FourStepsDialog(window)),
    ):
        dialog.show()
        save(dialog, out / f"ui-{name}.png")
        dialog.close()

    settings = SettingsDialog(services, window)
    settings.show()
    settings.set_value("general.time_zone", "Mars/Olympus_Mons")
    settings.accept()
    save(settings, out / "ui-settings-error.png")
    settings.close()

    empty = Services.open(Path(tempfile.mkdtemp(prefix="empower-empty-")))
    empty.start_empty()
    empty_window = build_main_window(empty, SyncRunner())
    empty_window.resize(1180, 760)
    empty_window.show()
    save(empty_window, out / "ui-empty.png")

    # A damaged data file with one automatic copy.
    broken = Path(tempfile.mkdtemp(prefix="empower-broken-"))
    victim = Services.open(broken)
    victim.auto_copy()
    victim.close()
    (broken / DB_NAME).write_bytes(b"this is not a database" * 100)
    try:
        Services.open(broken)
    except StoreEnvironmentError as exc:
        recovery = RecoveryDialog(broken, exc)
        recovery.show()
        save(recovery, out / "ui-recovery.png")
        recovery.restore_copy()
        save(recovery, out / "ui-recovery-done.png")
    assert automatic_copies_for(broken)
    app.processEvents()
    for window_ in (window, empty_window):
        window_.close()
    for opened in (services, empty):
        opened.close()
        shutil.rmtree(opened.data_dir, ignore_errors=True)
    shutil.rmtree(broken, ignore_errors=True)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp"))
