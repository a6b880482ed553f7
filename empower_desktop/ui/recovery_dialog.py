"""When the data file cannot be opened: say so plainly and offer safe ways back.

Nothing here overwrites the data file. Restoring moves the damaged file aside under a new name
(services.recover_from_copy / recover_from_backup) and says where it was kept.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from .. import services as services_module
from ..errors import message_for
from ..store import DB_NAME, DatabaseCorruptError, DatabaseTooNewError, StoreEnvironmentError
from ..store.errors import DataFolderError
from .formatting import fmt_instant

ChooseFile = Callable[[QWidget], Path | None]


def choose_backup_file(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Restore from backup file", str(Path.home()), "Empower Desktop backups (*.json);;All files (*)"
    )
    return Path(name) if name else None


def copy_label(copy: Path) -> str:
    when = fmt_instant(datetime.fromtimestamp(copy.stat().st_mtime).astimezone())
    return f"{when} (before an update)" if copy.name.startswith("before-migration-") else when


class RecoveryDialog(QDialog):
    """Offers: restore an automatic copy, restore from a backup file, or quit.

    Every choice is a method, so tests can drive it without a nested event loop; the file
    chooser is injectable. `kept_at` is where the damaged file went after a recovery.
    """

    def __init__(
        self,
        data_dir: Path,
        error: StoreEnvironmentError,
        choose_file: ChooseFile = choose_backup_file,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle("Empower Desktop: data file problem")
        self.data_dir = Path(data_dir)
        self.error = error
        self._choose_file = choose_file
        self.kept_at: Path | None = None
        self.copies = services_module.automatic_copies_for(self.data_dir)
        self.setMinimumWidth(600)

        self._pages = QStackedWidget()
        self._pages.addWidget(self._problem_page())
        self._pages.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.addWidget(self._pages)

    # -- pages -----------------------------------------------------------------------------------
    def _problem_page(self) -> QWidget:
        page = QWidget()
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(
            "Your data folder cannot be used"
            if isinstance(self.error, DataFolderError)
            else "Your data file could not be opened"
        )
        title.setObjectName("recoveryTitle")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        self.message_label = QLabel(str(self.error))
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label = QLabel(f"File: {self.data_dir / DB_NAME}")
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setObjectName("recoveryPath")
        reassure = QLabel(
            f"{self._advice()} The file has not been changed. Restoring keeps it beside the restored data, "
            "under a new name; nothing is deleted."
        )
        reassure.setWordWrap(True)

        text = QVBoxLayout()
        text.setSpacing(8)
        for widget in (title, self.message_label, self.path_label, reassure):
            text.addWidget(widget)
        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(icon)
        top.addLayout(text, 1)

        self.copy_combo = QComboBox()
        for copy in self.copies:
            self.copy_combo.addItem(copy_label(copy), str(copy))
        self.copy_button = QPushButton()
        self.copy_button.setDefault(bool(self.copies))
        self.copy_button.clicked.connect(lambda: self.restore_copy())
        self.copy_combo.currentIndexChanged.connect(self._update_copy_button)
        self._update_copy_button()
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_button, 1)
        copy_row.addWidget(self.copy_combo)
        self.copy_combo.setVisible(len(self.copies) > 1)
        self.copy_button.setEnabled(bool(self.copies))

        self.backup_button = QPushButton("Restore from backup file…")
        self.backup_button.clicked.connect(lambda: self.restore_backup())
        self.retry_button = QPushButton("Try again")
        self.retry_button.setToolTip("Open the data file again, e.g. after closing another program that uses it")
        self.retry_button.clicked.connect(self.accept)
        self.retry_button.setVisible(not isinstance(self.error, DatabaseCorruptError | DatabaseTooNewError))
        self.quit_button = QPushButton("Quit")
        self.quit_button.clicked.connect(self.quit)

        self.failure_label = QLabel()
        self.failure_label.setObjectName("inlineError")
        self.failure_label.setWordWrap(True)
        self.failure_label.hide()

        bottom = QHBoxLayout()
        bottom.addWidget(self.backup_button)
        bottom.addStretch(1)
        bottom.addWidget(self.retry_button)
        bottom.addWidget(self.quit_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addSpacing(4)
        layout.addLayout(copy_row)
        layout.addWidget(self.failure_label)
        layout.addLayout(bottom)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        title = QLabel("Your data is back")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("Open Empower Desktop")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(self.done_label)
        layout.addStretch(1)
        layout.addLayout(row)
        return page

    def _advice(self) -> str:
        if isinstance(self.error, DatabaseTooNewError):
            return "A newer version of Empower Desktop wrote this file: updating the app is the best fix."
        if isinstance(self.error, DatabaseCorruptError):
            return "The file is damaged, but you can get your data back from a copy."
        return "Another program may be using the file, or it cannot be read."

    def _update_copy_button(self) -> None:
        if self.copies:
            self.copy_button.setText(f"Restore automatic copy from {self.copy_combo.currentText()}")
        else:
            self.copy_button.setText("No automatic copy to restore")

    # -- choices ---------------------------------------------------------------------------------
    def restore_copy(self, copy: Path | None = None) -> bool:
        """Put the chosen automatic copy (the one in the list, newest first) in place of the file."""
        if copy is None:
            if not self.copies:
                return False
            copy = Path(self.copy_combo.currentData())
        return self._recover(lambda: services_module.recover_from_copy(self.data_dir, copy))

    def restore_backup(self, path: Path | None = None) -> bool:
        """Fill a fresh data file from a backup file (asked for when not given)."""
        chosen = path if path is not None else self._choose_file(self)
        if chosen is None:
            return False
        return self._recover(lambda: services_module.recover_from_backup(self.data_dir, chosen))

    def quit(self) -> None:
        self.reject()

    def open_app(self) -> None:
        self.accept()

    def _recover(self, action: Callable[[], Path]) -> bool:
        try:
            self.kept_at = action()
        except (StoreEnvironmentError, OSError) as exc:
            self.failure_label.setText(f"That did not work, and nothing was changed: {message_for(exc)}")
            self.failure_label.show()
            return False
        self.done_label.setText(
            "Empower Desktop will now open with the restored data.\n\n"
            f"The damaged file was kept as:\n{self.kept_at}\n\n"
            "You can delete it once you are sure nothing is missing."
        )
        self._pages.setCurrentIndex(1)
        self.open_button.setFocus()
        return True

    def showing_done(self) -> bool:
        return self._pages.currentIndex() == 1


def ask_with_dialog(data_dir: Path, error: StoreEnvironmentError) -> bool:
    """The default: a modal recovery dialog. True to try opening again, False to quit."""
    dialog = RecoveryDialog(data_dir, error)
    return dialog.exec() == QDialog.DialogCode.Accepted
