"""Settings seen from the window: a change reaches the views it shapes, and a stored value the app
cannot use is reported instead of being silently replaced."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from empower_desktop.services import Services
from empower_desktop.ui.step2.progress import ProgressSection

from .conftest import WindowFactory, learn_section


def test_a_stored_setting_the_app_cannot_use_is_reported_after_the_first_paint(
    services: Services, make_window: WindowFactory
) -> None:
    services.data.start_empty()
    services.store.settings.set("calendar.reminder_minutes", "soon")  # edited by hand, or by another version
    window = make_window(services)
    window.report_setting_problems()  # what the first paint schedules
    message = window.statusBar().currentMessage()
    assert message.startswith("Reminder before sessions (minutes):")
    assert "'soon' was not used; the default is in force" in message and "Open Settings" in message
    assert services.store.settings.get("calendar.reminder_minutes") == "soon"  # left for the person to fix


def test_a_weekly_target_changed_in_settings_moves_the_progress_tab(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    services.data.start_empty()
    window = make_window(services)
    progress = learn_section(window, ProgressSection)
    assert progress.data is not None and progress.data.target == 3.0

    services.settings.set("learning.weekly_target_hours", 6.5)  # as the Settings dialog saves it

    qtbot.waitUntil(lambda: progress.data is not None and progress.data.target == 6.5, timeout=5_000)
    assert progress.target_spin.value() == 6.5
    window.close()
    services.settings.set("learning.weekly_target_hours", 2.0)  # a closed window no longer listens
