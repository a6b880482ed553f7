"""The first start: a short welcome, then either example data or an empty start, asked only once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from empower_desktop.services import Services

from .conftest import WindowFactory


def test_first_start_shows_the_welcome_and_examples_fill_the_tables(
    open_services: Callable[[], Services], make_window: WindowFactory, qtbot: QtBot
) -> None:
    services = open_services()
    window = make_window(services)
    assert all(panel.is_showing_hint() for panel in window.pages[0].panels())

    welcome = window.show_welcome_if_needed()

    assert welcome is not None and welcome.isVisible()
    assert welcome.windowTitle() == "Welcome to Empower Desktop"
    qtbot.mouseClick(welcome.example_button, Qt.MouseButton.LeftButton)
    assert not welcome.isVisible()
    for index, page in enumerate(window.pages):
        window.tabs.setCurrentIndex(index)
        assert all(panel.total_rows() > 0 for panel in page.panels()), page.tab_title
    assert not services.data.needs_welcome()
    assert "Example data loaded" in window.statusBar().currentMessage()


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
