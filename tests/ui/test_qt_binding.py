"""The Qt binding itself, where a fault in it would crash the app in a long session."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_calling_qt_methods_does_not_use_up_references_to_none(qtbot: QtBot) -> None:
    """A binding that loses a reference to None at each call (PySide6 6.12.0) makes Python 3.11
    abort after a few thousand calls: a person clicking around for an hour would lose the window."""
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.setEnabled(True)
        widget.setToolTip("")
    assert sys.getrefcount(None) >= before - 100  # no steady loss (on 3.12+ None is not counted)
