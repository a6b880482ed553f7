"""The Settings dialog, generated from the declared settings: saves valid values, refuses bad ones."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QDoubleSpinBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from empower_desktop.services import Services
from empower_desktop.settings import SETTINGS
from empower_desktop.ui.settings_dialog import SettingsDialog

from .conftest import WindowFactory


def open_dialog(window: object) -> SettingsDialog:
    window.settings_action.trigger()  # type: ignore[attr-defined]
    dialog = window.settings_dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, SettingsDialog)
    assert dialog.isVisible()
    return dialog


def press_ok(qtbot: QtBot, dialog: SettingsDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_one_editor_per_visible_setting_of_the_right_kind(services: Services, make_window: WindowFactory) -> None:
    dialog = open_dialog(make_window(services))
    visible = [s for s in SETTINGS if s.visible]
    assert list(dialog.editors) == [s.key for s in visible]
    kinds = {int: QSpinBox, float: QDoubleSpinBox, bool: QCheckBox, str: QLineEdit}
    for setting in visible:
        editor = dialog.editors[setting.key]
        assert isinstance(editor, kinds[setting.type])
        assert editor.toolTip() == setting.description
        if isinstance(editor, QSpinBox | QDoubleSpinBox):
            assert (editor.minimum(), editor.maximum()) == (setting.minimum, setting.maximum)
    assert "state.welcomed" not in dialog.editors


def test_ok_saves_a_valid_value(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(services)
    dialog = open_dialog(window)
    spin = dialog.editors["review.cadence_weeks"]
    spin.selectAll()  # type: ignore[union-attr]
    qtbot.keyClicks(spin, "6")
    dialog.set_value("learning.weekly_target_hours", 4.5)

    press_ok(qtbot, dialog)

    assert services.settings.get("review.cadence_weeks") == 6
    assert services.settings.get("learning.weekly_target_hours") == 4.5
    assert not dialog.isVisible()
    assert window.statusBar().currentMessage() == "Settings saved"


def test_an_out_of_range_number_cannot_be_typed(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    dialog = open_dialog(make_window(services))
    spin = dialog.editors["review.cadence_weeks"]  # 1 to 26 weeks
    spin.selectAll()  # type: ignore[union-attr]
    qtbot.keyClicks(spin, "99")
    assert dialog.value_of("review.cadence_weeks") == 9  # the second 9 is refused: 99 is past the setting's 26
    press_ok(qtbot, dialog)
    assert services.settings.get("review.cadence_weeks") == 9


def test_a_bad_value_is_refused_inline_and_nothing_is_saved(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    dialog = open_dialog(make_window(services))
    dialog.set_value("review.cadence_weeks", 8)  # a valid change in the same dialog
    zone = dialog.editors["general.time_zone"]
    zone.clear()  # type: ignore[union-attr]
    qtbot.keyClicks(zone, "Mars/Olympus_Mons")

    press_ok(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert "Mars/Olympus_Mons" in dialog.error_label.text()
    assert "not a known time zone" in dialog.error_label.text()
    assert services.settings.get("review.cadence_weeks") == 1  # nothing saved: still the default
    assert services.settings.get("general.time_zone") == "Europe/Berlin"

    zone.clear()  # type: ignore[union-attr]
    qtbot.keyClicks(zone, "Europe/Paris")
    press_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert services.settings.get("general.time_zone") == "Europe/Paris"
    assert services.settings.get("review.cadence_weeks") == 8


def test_cancel_saves_nothing(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    dialog = open_dialog(make_window(services))
    dialog.set_value("calendar.reminder_minutes", 45)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert services.settings.get("calendar.reminder_minutes") == 15
