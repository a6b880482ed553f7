"""Fixtures for the window tests: a real window over a real SQLite store in a temporary folder.

Blocking work runs through a synchronous runner so every test is deterministic; message boxes
open without a nested event loop, so a test finds them and presses their buttons.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar, cast

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from empower_desktop.services import Services
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.step2.page import LearnPage
from empower_desktop.ui.widgets.section import Section
from empower_desktop.ui.widgets.sectioned_page import SectionedPage
from empower_desktop.ui.workers import SyncRunner, TaskRunner, ThreadPoolRunner

from ..conftest import FIXED_NOW

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def open_services(data_dir: Path) -> Iterator[Callable[[], Services]]:
    """Open the test data folder (again); everything opened is closed at the end."""
    opened: list[Services] = []

    def open_() -> Services:
        services = Services.open(data_dir, clock=lambda: FIXED_NOW)
        opened.append(services)
        return services

    yield open_
    for services in opened:
        services.close()


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[WindowFactory]:
    """Build and show a main window; closed (saving its geometry) before the store closes."""
    windows: list[MainWindow] = []

    def make(services: Services, runner: TaskRunner | None = None) -> MainWindow:
        window = MainWindow(services, runner if runner is not None else SyncRunner())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        qtbot.waitUntil(lambda: window.current_page().has_data, timeout=10_000)  # read after the first paint
        return window

    yield make
    for window in windows:
        window.close()
        if isinstance(window.runner, ThreadPoolRunner):
            window.runner.wait(10_000)  # a tab may still be reading: let it finish before the store closes


def open_boxes(parent: QWidget) -> list[QMessageBox]:
    """The message boxes showing over *parent* right now."""
    return [box for box in parent.findChildren(QMessageBox) if box.isVisible()]


def only_box(parent: QWidget) -> QMessageBox:
    boxes = open_boxes(parent)
    assert len(boxes) == 1, [b.text() for b in boxes]
    return boxes[0]


def press(box: QMessageBox, text: str) -> None:
    """Press the button labelled *text* (as a person would click it)."""
    for button in box.buttons():
        if button.text().replace("&", "") == text:
            button.click()
            return
    raise AssertionError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")


S = TypeVar("S", bound=Section)


def activate(qtbot: QtBot, widget: QWidget) -> None:
    """Make *widget* the active window, as it is for a person once it opens (keys go to it)."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type *text* into *widget*, focused first, a key at a time."""
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def learn_page(window: MainWindow) -> LearnPage:
    """The Learn tab, brought to the front."""
    window.tabs.setCurrentIndex(1)
    QApplication.processEvents()  # a page added to a shown tab shows on the next turn of the loop
    return cast(LearnPage, window.current_page())


def learn_section(window: MainWindow, cls: type[S]) -> S:
    """The Learn tab's sub-tab of *cls*, brought to the front as a click on it would."""
    section = learn_page(window).show_section(cls)
    QApplication.processEvents()
    assert section.isVisible()
    return section


def tab_section(window: MainWindow, tab: int, cls: type[S]) -> S:
    """The sub-tab of *cls* on tab *tab* (0 to 4, as Ctrl+1 to Ctrl+5 choose), brought to the front,
    with the keys going to the window again (as once a dialog has closed)."""
    window.tab_actions[tab].trigger()
    QApplication.processEvents()
    page = window.current_page()
    assert isinstance(page, SectionedPage)
    section = page.show_section(cls)
    QApplication.processEvents()
    window.activateWindow()
    return section
