"""A section of a step page: one sub-tab with its own tables, actions and reads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QPushButton, QWidget

from ...services import Services
from .table_panel import TablePanel


class Section(QWidget):
    """One sub-tab of a step.

    The page reads every section's data in one go on a worker thread (`fetch`, services calls
    only, no widgets) and hands each section its part on the GUI thread (`fill`). A section
    that saved something emits `changed`, and the page reads again. Undoable actions go on
    `undo_stack`, which the page replaces with the window's (so Ctrl+Z works from any tab).
    """

    title = ""
    changed = Signal()
    status = Signal(str)  # a short message for the status bar ("Goal saved")

    def shortcut_button(self, text: str, keys: str, slot: Callable[[], object], tip: str = "") -> QPushButton:
        """A button whose action also has a keyboard shortcut while this section has the focus;
        the tooltip names the keys."""
        return self.shortcut_action(text, keys, slot, tip)[1]

    def shortcut_action(
        self, text: str, keys: str, slot: Callable[[], object], tip: str = ""
    ) -> tuple[QAction, QPushButton]:
        """The action (its shortcut works while this section has the focus; it can go in a context
        menu too) and its button, which follows the action's enabled state."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        if tip:
            button.setToolTip(f"{tip} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})")
            action.setToolTip(button.toolTip())
        action.enabledChanged.connect(button.setEnabled)
        return action, button

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.undo_stack = QUndoStack(self)

    def fetch(self) -> Any:
        raise NotImplementedError

    def fill(self, data: Any) -> None:
        raise NotImplementedError

    def panels(self) -> Sequence[TablePanel[Any]]:
        """The tables the page's filter line narrows."""
        return ()

    def focus_search(self) -> bool:
        """Put the focus on this section's own search field (Ctrl+F); False when it has none."""
        return False
