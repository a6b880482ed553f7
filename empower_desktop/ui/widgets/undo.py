"""Undo for deletes: a record deleted from a section comes back with Ctrl+Z while the app runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox

from ...changes import Changes
from ...errors import ActionableError
from ..messages import ask
from .section import Section

D = TypeVar("D")  # what a delete returns and a restore takes (the record, with whatever went with it)

UNDO_NOTE = "You can undo this with Ctrl+Z while the app is open."


class DeleteCommand(QUndoCommand, Generic[D]):
    """A delete that has already happened, pushed on the window's undo stack.

    *restore* brings *deleted* back (undo); *delete* deletes it again and returns what a restore
    then needs (redo); *select* shows the restored record in its section; *changes* says what
    either step touches, so the views showing it read again. A step that can no
    longer be taken (the record changed meanwhile) says so in the status line and drops out of the
    stack instead of failing.
    """

    def __init__(
        self,
        section: Section,
        deleted: D,
        what: str,
        *,
        delete: Callable[[D], D],
        restore: Callable[[D], object],
        changes: Changes,
        select: Callable[[D], None] | None = None,
    ) -> None:
        super().__init__(f"Delete {what}")
        self.section = section
        self.deleted = deleted
        self.what = what
        self._delete = delete
        self._restore = restore
        self._select = select
        self.changes = changes
        self._done = True  # the first redo() is the delete that already happened

    def redo(self) -> None:
        if not self._done:
            self._run(self._delete, "Deleted")

    def undo(self) -> None:
        self._run(self._restore, "Restored")

    def _run(self, action: Callable[[D], object], verb: str) -> None:
        try:
            result = action(self.deleted)
        except ActionableError as exc:
            self.section.status.emit(f"{self.text()} could not be reversed: {exc}")
            self.setObsolete(True)
            return
        self._done = verb == "Deleted"
        if self._done:
            self.deleted = result  # type: ignore[assignment]  # delete returns a D
        elif self._select is not None:
            self._select(self.deleted)
        self.section.announce(self.changes, f"{verb} {self.what}")


def run_delete(
    section: Section,
    what: str,
    delete: Callable[[], D],
    *,
    redo: Callable[[D], D],
    restore: Callable[[D], object],
    changes: Changes,
    select: Callable[[D], None] | None = None,
    then: Callable[[D], object] | None = None,
) -> D | None:
    """Delete through the services with `Section.run_op`, undoable with Ctrl+Z: *delete* now, *redo*
    to delete again after an undo, *restore* to bring it back; *what* names it in the messages."""
    return section.run_op(
        delete,
        changes=changes,
        failed=f"Could not delete {what}",
        undo=lambda deleted: DeleteCommand(
            section, deleted, what, delete=redo, restore=restore, changes=changes, select=select
        ),
        then=then,
        done=f"Deleted {what} (Ctrl+Z to undo)",
    )


def confirm_delete(
    section: Section,
    title: str,
    question: str,
    what: str,
    delete: Callable[[], D],
    *,
    redo: Callable[[D], D],
    restore: Callable[[D], object],
    changes: Changes,
    select: Callable[[D], None] | None = None,
    then: Callable[[D], object] | None = None,
    detail: str = "",
) -> QMessageBox:
    """Ask *question* with Delete and Cancel before deleting, and say it can be undone with Ctrl+Z
    (then *detail*, if any); Delete runs `run_delete` with the rest, Cancel leaves the record as it is."""

    def yes() -> None:
        run_delete(section, what, delete, redo=redo, restore=restore, changes=changes, select=select, then=then)

    return ask(section, title, question, "Delete", yes, detail=UNDO_NOTE + (" " + detail if detail else ""))
