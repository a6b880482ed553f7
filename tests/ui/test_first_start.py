"""The first start: a short welcome, then either example data or an empty start, asked only once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from empower_desktop.services import Services

from .conftest import WindowFactory


def test_exploring_example_data_opens_it_apart_and_leaving_brings_back_an_untouched_start(
    open_services: Callable[[], Services], make_window: WindowFactory, qtbot: QtBot
) -> None:
    services = open_services()
    window = make_window(services)
    assert all(panel.is_showing_hint() for panel in window.pages[0].panels())
    welcome = window.show_welcome_if_needed()
    assert welcome is not None and welcome.isVisible()
    assert welcome.windowTitle() == "Welcome to Empower Desktop"

    qtbot.mouseClick(welcome.example_button, Qt.MouseButton.LeftButton)

    examples = window.example_window
    assert examples is not None and examples.isVisible() and not window.isVisible()
    qtbot.addWidget(examples)
    assert examples.windowTitle() == "Empower Desktop — example data"
    folder = examples.services.data_dir
    assert folder != services.data_dir and folder.exists()
    qtbot.waitUntil(lambda: examples.current_page().has_data)  # read after the first paint
    for index, page in enumerate(examples.pages):
        examples.tabs.setCurrentIndex(index)
        assert all(panel.total_rows() > 0 for panel in page.panels()), page.tab_title
    assert services.store.is_empty() and services.data.needs_welcome()  # the person's data: untouched

    qtbot.mouseClick(examples.leave_examples_button, Qt.MouseButton.LeftButton)

    assert window.example_window is None and not examples.isVisible() and window.isVisible()
    assert not folder.exists()  # the example data is thrown away
    qtbot.waitUntil(lambda: window.welcome is not None and window.welcome is not welcome and window.welcome.isVisible())
    assert services.store.is_empty()


def test_quitting_from_the_example_data_quits_the_app(
    open_services: Callable[[], Services], make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(open_services())
    welcome = window.show_welcome_if_needed()
    assert welcome is not None
    qtbot.mouseClick(welcome.example_button, Qt.MouseButton.LeftButton)
    examples = window.example_window
    assert examples is not None
    qtbot.addWidget(examples)
    folder = examples.services.data_dir

    examples.quit_action.trigger()

    assert not examples.isVisible() and not window.isVisible() and not folder.exists()


def test_a_first_start_says_nothing_that_did_not_happen(
    open_services: Callable[[], Services], make_window: WindowFactory, qtbot: QtBot
) -> None:
    services = open_services()
    window = make_window(services)
    window.start_auto_copy()  # what the first minutes schedule
    window.sync.sync_now()
    qtbot.waitUntil(lambda: not window.sync.state.running)
    assert window.statusBar().currentMessage() == ""  # no safety copy of nothing, no calendar synced
    assert window.sync_status.label.text() == ""
    assert not services.calendar.calendar_file().exists()  # no calendar file written unasked
    assert not (services.data_dir / "backups").exists() or not any((services.data_dir / "backups").iterdir())


def test_start_empty_keeps_tables_empty_and_the_welcome_does_not_come_back(
    open_services: Callable[[], Services], make_window: WindowFactory, qtbot: QtBot
) -> None:
    services = open_services()
    window = make_window(services)
    welcome = window.show_welcome_if_needed()
    assert welcome is not None

    qtbot.mouseClick(welcome.empty_button, Qt.MouseButton.LeftButton)

    assert not welcome.isVisible()
    for index, page in enumerate(window.pages):
        window.tabs.setCurrentIndex(index)
        assert all(panel.total_rows() == 0 and panel.is_showing_hint() for panel in page.panels())
    window.close()
    services.close()

    again = make_window(open_services())
    assert again.show_welcome_if_needed() is None
    assert again.welcome is None


def test_no_welcome_once_there_is_data(demo_services: Services, make_window: WindowFactory) -> None:
    window = make_window(demo_services)
    assert window.show_welcome_if_needed() is None
