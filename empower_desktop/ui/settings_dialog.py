"""The Settings dialog, generated from the declared settings (settings.SETTINGS)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ..errors import message_for
from ..services import Services, local_zone_name
from ..settings import SETTINGS, Setting, SettingError
from ..store import StoreEnvironmentError
from .widgets.dialogs import OK_CANCEL, Dialog

Editor = QSpinBox | QDoubleSpinBox | QCheckBox | QLineEdit


class SettingsDialog(Dialog):
    """One row per visible setting; OK checks every value first and saves all of them or none."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("Settings", parent, name="settingsDialog", buttons=OK_CANCEL, spacing=10)
        self.services = services
        self.setMinimumWidth(640)
        self.editors: dict[str, Editor] = {}
        self.column.addLayout(self._build_grid())
        self.column.addStretch(1)
        self.add_footer()

    def _build_grid(self) -> QGridLayout:
        """A label, an editor and the setting's description under it, for each visible setting.

        A grid rather than a QFormLayout: wrapped descriptions get their full height here.
        """
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        row = 0
        for setting in SETTINGS:
            if not setting.visible:
                continue
            editor = self._editor_for(setting, self.services.settings.get(setting.key))
            editor.setToolTip(setting.description)
            editor.setObjectName(setting.key)
            self.editors[setting.key] = editor
            label = QLabel(f"{setting.label}:")
            label.setBuddy(editor)
            note = QLabel(setting.description)
            note.setObjectName("settingDescription")
            note.setWordWrap(True)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(editor, row, 1, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(note, row + 1, 1)
            grid.setRowMinimumHeight(row + 2, 12)
            row += 3
        return grid

    def _editor_for(self, setting: Setting, value: Any) -> Editor:
        if setting.type is bool:
            box = QCheckBox()
            box.setChecked(bool(value))
            return box
        if setting.type is int:
            spin = QSpinBox()
            spin.setRange(
                int(setting.minimum if setting.minimum is not None else -(2**31)),
                int(setting.maximum if setting.maximum is not None else 2**31 - 1),
            )
            spin.setValue(int(value))
            spin.setFixedWidth(140)
            return spin
        if setting.type is float:
            dspin = QDoubleSpinBox()
            dspin.setDecimals(1)
            dspin.setSingleStep(0.5)
            dspin.setRange(
                setting.minimum if setting.minimum is not None else -1e9,
                setting.maximum if setting.maximum is not None else 1e9,
            )
            dspin.setValue(float(value))
            dspin.setFixedWidth(140)
            return dspin
        line = QLineEdit(str(value))
        line.setClearButtonEnabled(True)
        line.setMinimumWidth(320)
        if setting.key == "general.time_zone":
            line.setPlaceholderText(f"The computer's own ({local_zone_name()})")
        elif setting.key == "calendar.ics_path":
            line.setPlaceholderText(str(self.services.data_dir / "calendar.ics"))
        return line

    def value_of(self, key: str) -> Any:
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox | QDoubleSpinBox):
            return editor.value()
        return editor.text().strip()

    def set_value(self, key: str, value: Any) -> None:
        """Put *value* in the editor of *key* as a person would type it."""
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QDoubleSpinBox):
            editor.setValue(float(value))
        else:
            editor.setText(str(value))

    def accept(self) -> None:
        """Save when every value is valid; otherwise say which is not, inline, and save nothing."""
        checked: dict[str, Any] = {}
        by_key = {s.key: s for s in SETTINGS}
        try:
            for key in self.editors:
                setting = by_key[key]
                value = setting.coerce(self.value_of(key))
                checked[key] = value
        except SettingError as exc:
            self.show_error(message_for(exc))
            editor = self.editors[key]
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        try:
            for key, value in checked.items():
                if value != self.services.settings.get(key):
                    self.services.settings.set(key, value)
        except StoreEnvironmentError as exc:
            self.show_error(f"Could not save the settings: {message_for(exc)}")
            return
        self.error_label.hide()
        super().accept()
