"""Message boxes that never block the event loop: they open, and a callback runs on the answer.

Opening with `open()` instead of `exec()` keeps the app responsive (no nested event loop) and
lets tests find the box among the window's children and press its buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    detail: str = "",
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if detail:
        box.setInformativeText(detail)
    return box


def show_error(parent: QWidget | None, title: str, text: str, detail: str = "") -> QMessageBox:
    box = _box(parent, QMessageBox.Icon.Warning, title, text, detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open() if parent is not None else box.show()
    return box


def show_info(parent: QWidget | None, title: str, text: str, detail: str = "") -> QMessageBox:
    box = _box(parent, QMessageBox.Icon.Information, title, text, detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open() if parent is not None else box.show()
    return box


def ask(
    parent: QWidget,
    title: str,
    text: str,
    yes_text: str,
    on_yes: Callable[[], None],
    detail: str = "",
) -> QMessageBox:
    """A question with a clear "yes" button and Cancel; *on_yes* runs only when it is pressed."""
    box = _box(parent, QMessageBox.Icon.Question, title, text, detail)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(yes)

    def answered() -> None:
        if box.clickedButton() is yes:
            on_yes()

    box.finished.connect(answered)
    box.open()
    return box
