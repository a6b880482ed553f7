"""A section of a step page: one sub-tab with its own tables, actions and reads.

Every change a section makes goes through `Section.run_op`, the one way to change data from the
window: it runs the service call, says what went wrong in the person's words, registers undo,
and announces what changed so that each view reads again only for changes it shows (after
Anki's operations, which return the changes they made):

    self.run_op(
        lambda: self.services.goals.set_status(goal.id, status),
        changes=Changes.of(Kind.GOALS),
        done=f"“{goal.title}” is now active",
        failed=f"Could not change “{goal.title}”",
    )

A failure the person can act on (an ActionableError) goes to the status line and changes
nothing; anything else is a bug and goes up to the app's exception hook.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ...changes import Changes, Kind
from ...errors import ActionableError
from ...services import Services
from ..workers import SyncRunner, TaskRunner
from .table_panel import TablePanel

T = TypeVar("T")


class ActionButton(QPushButton):
    """A section's button for an action: enabling the button enables the action (and its shortcut
    and menu item) too, and the other way round."""

    def __init__(self, text: str, action: QAction) -> None:
        super().__init__(text)
        self.action = action

    def setEnabled(self, enabled: bool) -> None:  # Qt's name
        super().setEnabled(enabled)
        self.action.setEnabled(enabled)


class Section(QWidget):
    """One sub-tab of a step.

    The page reads its sections' data on a worker thread (`fetch`, services calls only, no
    widgets) and hands each section its part on the GUI thread (`fill`). A section changes data
    through `run_op` (or, after a dialog saved, `announce`), which emits `changed` with what the
    change touched; every section whose `WATCHES` meets it reads again, on any tab. Undoable
    actions go on `undo_stack`, which the page replaces with the window's (so Ctrl+Z works from
    any tab).
    """

    title = ""
    WATCHES: frozenset[Kind] = frozenset()  # the kinds of record this section shows
    changed = Signal(object)  # Changes: what an action of this section changed
    status = Signal(str)  # a short message for the status bar ("Goal saved")

    def announce(self, changes: Changes, message: str = "") -> None:
        """Say that *changes* happened (views showing them read again) and, if given, *message*."""
        self.changed.emit(changes)
        if message:
            self.status.emit(message)

    def run_op(
        self,
        action: Callable[[], T],
        *,
        changes: Changes,
        done: str | Callable[[T], str] = "",
        failed: str = "",
        undo: Callable[[T], QUndoCommand] | None = None,
        then: Callable[[T], object] | None = None,
        on_failure: Callable[[ActionableError], object] | None = None,
    ) -> T | None:
        """Run *action*; on success push *undo(result)*, call *then(result)* (select the record, ...),
        announce *changes* and say *done*. Returns the result, or None when the action was refused:
        then the reason goes to the status line after *failed*, or to *on_failure* when given."""
        try:
            result = action()
        except ActionableError as exc:
            if on_failure is not None:
                on_failure(exc)
            else:
                self.status.emit(f"{failed}: {exc}" if failed else str(exc))
            return None
        if undo is not None:
            self.undo_stack.push(undo(result))
        if then is not None:
            then(result)
        self.announce(changes, done(result) if callable(done) else done)
        return result

    def shortcut_button(self, text: str, keys: str, slot: Callable[[], object], tip: str = "") -> QPushButton:
        """A button whose action also has a keyboard shortcut while this section has the focus;
        the tooltip names the keys."""
        return self.shortcut_action(text, keys, slot, tip)[1]

    def shortcut_action(
        self, text: str, keys: str, slot: Callable[[], object], tip: str = ""
    ) -> tuple[QAction, QPushButton]:
        """The action (its shortcut works while this section has the focus, or from anywhere in the
        window while it is the visible section; it goes in the Edit menu and context menus too) and its
        button. Enabling either enables both, so a menu never offers what the button refuses."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        button = ActionButton(text, action)
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
        self.runner: TaskRunner = SyncRunner()  # the page's, once the section is part of it

    @staticmethod
    def toolbar(leading: Sequence[QWidget | str | int] = (), actions: Sequence[QWidget] = ()) -> QHBoxLayout:
        """The row above a section's table: what narrows it at the left (a text becomes a label, a
        number a gap), the section's actions at the right, as on every sub-tab."""
        row = QHBoxLayout()
        row.setSpacing(6)
        for part in leading:
            if isinstance(part, str):
                row.addWidget(QLabel(part))
            elif isinstance(part, int):
                row.addSpacing(part)
            else:
                row.addWidget(part)
        row.addStretch(1)
        for widget in actions:
            row.addWidget(widget)
        return row

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
