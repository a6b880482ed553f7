"""Step 4 · Conversations: the preps for the conversations that decide a career (with a manager, a
skip-level, HR or a mentor), and the follow-ups agreed in them.

Prepare one (Ctrl+N: who it is with and the period it looks back on), edit it (Enter or a
double-click), export it (Ctrl+Shift+E: Markdown or PDF, the full copy for oneself or the copy for
the other person without the private items), delete it (Delete, undoable). Under the list, the
follow-ups of every conversation, open ones first by their day: Ctrl+D marks one done (or open
again), Ctrl+Z undoes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import QFileDialog, QMenu, QSplitter, QVBoxLayout, QWidget

from ...changes import Changes, Kind
from ...domain import ConversationPrep
from ...domain.advocate import FollowUp
from ...errors import ActionableError, message_for
from ...services import Services
from ...services.brag import write_markdown
from ..brag_pdf import write_pdf
from ..formatting import DASH, EN_DASH, MUTED_COLOUR, OVERDUE_COLOUR, date_key, first_line, fmt_date
from ..messages import show_error
from ..widgets.section import Section
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel
from ..widgets.undo import confirm_delete
from .conversation_editor import AUDIENCE_NAME, ConversationEditor, PrepareDialog

ADVOCACY = Changes.of(Kind.ADVOCACY)
FORMATS = {"pdf": ("PDF", ".pdf", "PDF documents (*.pdf)"), "md": ("Markdown", ".md", "Markdown files (*.md)")}


@dataclass(frozen=True)
class FollowUpRow:
    prep: ConversationPrep
    follow_up: FollowUp


@dataclass(frozen=True)
class ConversationsData:
    preps: list[ConversationPrep] = field(default_factory=list)
    today: date | None = None

    @property
    def follow_ups(self) -> list[FollowUpRow]:
        """Open ones first, by their day (none last); then the done ones."""
        rows = [FollowUpRow(p, f) for p in self.preps for f in p.follow_ups]
        return sorted(rows, key=lambda r: (r.follow_up.done, r.follow_up.due is None, r.follow_up.due or date.min))


def prep_day(prep: ConversationPrep) -> date:
    """The day a prep is listed by: held, else planned, else made."""
    return prep.held_on or prep.planned_on or prep.created.date()


def ordered(preps: Sequence[ConversationPrep]) -> list[ConversationPrep]:
    """The most recent (or the next one ahead) first."""
    return sorted(preps, key=lambda p: (prep_day(p), p.created), reverse=True)


def period_text(prep: ConversationPrep) -> str:
    start, end = prep.period
    return f"{fmt_date(start)} {EN_DASH} {fmt_date(end)}"


def held_text(prep: ConversationPrep) -> str:
    return f"Held {fmt_date(prep.held_on)}" if prep.held_on else "Not yet"


def conversation_columns() -> list[Column[ConversationPrep]]:
    return [
        Column(
            "Planned",
            lambda p: fmt_date(p.planned_on),
            sort_key=lambda p: date_key(p.planned_on),
            width=12,
        ),
        Column("Conversation", lambda p: p.title, stretch=True, width=30, tooltip=lambda p: p.ask or p.title),
        Column("With", lambda p: p.audience.label, width=16),
        Column(
            "Period",
            period_text,
            sort_key=lambda p: date_key(p.period[0]),
            width=26,
        ),
        Column(
            "Held",
            held_text,
            sort_key=lambda p: date_key(p.held_on),
            colour=lambda p: None if p.held_on else MUTED_COLOUR,
            width=14,
        ),
        Column(
            "Open follow-ups",
            lambda p: str(sum(1 for f in p.follow_ups if not f.done)) if p.follow_ups else DASH,
            width=14,
        ),
    ]


def follow_up_columns(today: Any) -> list[Column[FollowUpRow]]:
    def late(row: FollowUpRow) -> bool:
        due, now = row.follow_up.due, today()
        return not row.follow_up.done and due is not None and now is not None and due < now

    return [
        Column(
            "Due",
            lambda r: fmt_date(r.follow_up.due),
            sort_key=lambda r: date_key(r.follow_up.due),
            colour=lambda r: OVERDUE_COLOUR if late(r) else None,
            bold=late,
            tooltip=lambda r: "The day has passed" if late(r) else fmt_date(r.follow_up.due),
            width=12,
        ),
        Column("Follow-up", lambda r: r.follow_up.text, stretch=True, width=32, tooltip=lambda r: r.follow_up.text),
        Column("Whose", lambda r: "Mine" if r.follow_up.mine else f"Theirs ({r.prep.audience.label})", width=18),
        Column(
            "State",
            lambda r: "Done" if r.follow_up.done else "Open",
            colour=lambda r: MUTED_COLOUR if r.follow_up.done else None,
            width=8,
        ),
        Column("From the conversation", lambda r: f"{fmt_date(prep_day(r.prep))} · {r.prep.title}", width=34),
    ]


def file_name(prep: ConversationPrep, for_other: bool, suffix: str) -> str:
    """A name for the exported file: the title, the period's last day, and whose copy."""
    title = re.sub(r'[\\/:*?"<>|\s]+', " ", prep.title).strip(" .") or "Conversation"
    end = prep.period[1]
    mine = "" if for_other else " (my copy)"
    return f"{first_line(title, 80)} {end.isoformat()}{mine}{suffix}"


def documents_dir() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


class ConversationsSection(Section):
    """Conversation preps, the most recent first, with the follow-ups of all of them below."""

    title = "Conversations"
    WATCHES = frozenset({Kind.ADVOCACY})

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.dialog: PrepareDialog | ConversationEditor | None = None
        self.export_menu: QMenu | None = None
        self._select_id: str | None = None
        self._select_follow_up: str | None = None
        self._data = ConversationsData()
        self.list: TablePanel[ConversationPrep] = TablePanel(
            "Conversations",
            conversation_columns(),
            "No conversations prepared yet.\nBefore a 1:1, a review or a promotion case, prepare one with "
            "New conversation… (Ctrl+N): it gathers what you achieved in the period for you to bring.",
        )
        self.follow_up_list: TablePanel[FollowUpRow] = TablePanel(
            "Follow-ups",
            follow_up_columns(lambda: self._data.today),
            "No follow-ups yet.\nAfter a conversation, add what each side agreed to do, and by when (Edit… → "
            "After the conversation).",
        )
        self.new_button = self.shortcut_button(
            "&New conversation…", "Ctrl+N", self.new_conversation, "Prepare a conversation: who with, and the period"
        )
        edit_action, self.edit_button = self.shortcut_action(
            "Ed&it…", "Return", self.edit_selected, "Open the selected conversation (or double-click it)"
        )
        export_action, self.export_button = self.shortcut_action(
            "E&xport…",
            "Ctrl+Shift+E",
            self.show_export_menu,
            "Write the selected conversation's document as PDF or Markdown",
        )
        delete_action, self.delete_button = self.shortcut_action(
            "&Delete…", "Delete", self.delete_selected, "Delete the selected conversation (Ctrl+Z undoes)"
        )
        self.done_action, self.done_button = self.shortcut_action(
            "Mark d&one", "Ctrl+D", self.toggle_done, "Mark the selected follow-up done, or open again (Ctrl+Z undoes)"
        )
        self.list.set_row_actions(
            self.edit_selected, [edit_action, export_action, None, delete_action], menu_off_rows=False
        )
        self.follow_up_list.set_row_actions(self.open_follow_up, [self.done_action], menu_off_rows=False)
        for panel in (self.list, self.follow_up_list):
            panel.table.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
            panel.model.modelReset.connect(self._update_actions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list)
        splitter.addWidget(self.follow_up_list)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        buttons = [self.new_button, self.edit_button, self.export_button, self.delete_button, self.done_button]
        layout.addLayout(self.toolbar([], buttons))
        layout.addWidget(splitter, 1)
        self._update_actions()

    # -- reading ---------------------------------------------------------------------------------
    def fetch(self) -> ConversationsData:
        return ConversationsData(ordered(self.services.advocacy.conversations()), self.services.today())

    def fill(self, data: ConversationsData) -> None:
        self._data = data
        self.list.set_rows(data.preps)
        if not self.list.select_first(lambda p: p.id == self._select_id):
            self.list.select_first(lambda p: True)
        self.follow_up_list.set_rows(data.follow_ups)
        if not self.follow_up_list.select_first(lambda r: r.follow_up.id == self._select_follow_up):
            self.follow_up_list.select_first(lambda r: True)
        self._update_actions()

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.list, self.follow_up_list)

    def selected(self) -> ConversationPrep | None:
        return self.list.selected_row()

    def selected_follow_up(self) -> FollowUpRow | None:
        return self.follow_up_list.selected_row()

    def _in_follow_ups(self) -> bool:
        return self.follow_up_list.table.hasFocus()

    def _update_actions(self) -> None:
        chosen = self.selected() is not None
        for button in (self.edit_button, self.export_button, self.delete_button):
            button.setEnabled(chosen)
        row = self.selected_follow_up()
        self.done_button.setEnabled(row is not None)
        text = "Re&open" if row is not None and row.follow_up.done else "Mark d&one"
        self.done_button.setText(text)
        self.done_action.setText(text)

    # -- preparing and editing -------------------------------------------------------------------
    def new_conversation(self) -> PrepareDialog:
        """Who with and which period; then the editor opens on what the record of it holds."""
        dialog = PrepareDialog(self.services, parent=self)
        dialog.saved.connect(lambda prep: self._edit(prep, new=True))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _edit(self, prep: ConversationPrep, *, new: bool = False) -> ConversationEditor:
        editor = ConversationEditor(self.services, prep, new=new, parent=self)

        def saved(record: ConversationPrep) -> None:
            self._select_id = record.id
            verb = "prepared" if new else "saved"
            self.announce(ADVOCACY, f"Conversation “{first_line(record.title, 60)}” {verb}")

        editor.saved.connect(saved)
        self.dialog = editor
        editor.open()
        return editor

    def edit_selected(self) -> ConversationEditor | None:
        if self._in_follow_ups():
            return self.open_follow_up()
        prep = self.selected()
        if prep is None:
            return None
        return self._edit(self.services.advocacy.conversation(prep.id))

    def open_follow_up(self) -> ConversationEditor | None:
        """The conversation the selected follow-up was agreed in, at "After the conversation"."""
        row = self.selected_follow_up()
        if row is None:
            return None
        self._select_id = row.prep.id
        self.list.select_first(lambda p: p.id == row.prep.id)
        editor = self._edit(self.services.advocacy.conversation(row.prep.id))
        editor.tabs.setCurrentIndex(2)
        return editor

    # -- exporting -------------------------------------------------------------------------------
    def export_choices(self) -> list[tuple[str, str, bool]]:
        """(text, format, for the other person) of each way to export the selected conversation."""
        prep = self.selected()
        other = AUDIENCE_NAME[prep.audience] if prep is not None else "them"
        return [
            (f"&PDF for {other} (private items left out)…", "pdf", True),
            ("P&DF for myself (everything chosen)…", "pdf", False),
            (f"&Markdown for {other} (private items left out)…", "md", True),
            ("M&arkdown for myself (everything chosen)…", "md", False),
        ]

    def show_export_menu(self) -> QMenu | None:
        """The ways to export, under the Export button (the keyboard reaches them too)."""
        if self.selected() is None:
            return None
        menu = QMenu(self)
        for text, fmt, for_other in self.export_choices():
            action = QAction(text, menu)
            action.triggered.connect(lambda _c=False, f=fmt, o=for_other: self.export(f, for_other=o))
            menu.addAction(action)
        self.export_menu = menu
        menu.popup(self.export_button.mapToGlobal(self.export_button.rect().bottomLeft()))
        return menu

    def export(self, fmt: str, *, for_other: bool, path: Path | None = None) -> Path | None:
        """Write the selected conversation's document as *fmt* ("pdf" or "md") to *path* (asked for
        when not given): the other person's copy leaves every private item out. A failure is said in
        a message box and leaves no file. Returns where it was written, None when it was not."""
        prep = self.selected()
        if prep is None:
            return None
        kind, suffix, file_filter = FORMATS[fmt]
        whose = f"for {AUDIENCE_NAME[prep.audience]}" if for_other else "for myself"
        if path is None:
            suggested = documents_dir() / file_name(prep, for_other, suffix)
            chosen, _filter = QFileDialog.getSaveFileName(
                self, f"Export the conversation as {kind} {whose}", str(suggested), file_filter
            )
            if not chosen:
                return None
            path = Path(chosen)
        if not path.suffix and not path.is_dir():  # a folder is refused in words, not turned into a file
            path = path.with_suffix(suffix)
        target = path

        def write() -> str:
            current = self.services.advocacy.conversation(prep.id)
            doc = self.services.advocacy.document(current, for_other=for_other)
            if fmt == "pdf":
                pages = write_pdf(doc, target)
                return f"{pages} page{'s' if pages != 1 else ''}"
            write_markdown(doc, target)
            return "Markdown"

        def failed(exc: ActionableError) -> None:
            show_error(self, "Not exported", message_for(exc))

        result = self.run_op(
            write,
            changes=Changes.of(),
            done=lambda what: f"Exported “{first_line(prep.title, 50)}” {whose} to {target.name} ({what})",
            on_failure=failed,
        )
        return target if result is not None else None

    # -- follow-ups ------------------------------------------------------------------------------
    def toggle_done(self) -> None:
        row = self.selected_follow_up()
        if row is None:
            return
        done = not row.follow_up.done
        prep_id, follow_up_id, text = row.prep.id, row.follow_up.id, row.follow_up.text
        self._select_follow_up = follow_up_id
        self.run_op(
            lambda: self.services.advocacy.set_follow_up_done(prep_id, follow_up_id, done),
            changes=ADVOCACY,
            done=f"{'Done' if done else 'Open again'}: {first_line(text, 60)} (Ctrl+Z to undo)",
            failed="Could not change the follow-up",
            undo=lambda _p: _UndoDone(self, prep_id, follow_up_id, text, done),
        )

    # -- deleting --------------------------------------------------------------------------------
    def delete_selected(self) -> None:
        if self._in_follow_ups():
            self.status.emit("To remove a follow-up, open its conversation (Enter) and remove it there.")
            return
        prep = self.selected()
        if prep is None:
            return
        count = len(prep.follow_ups)
        follow_ups = f" and its {count} follow-up{'s' if count != 1 else ''}" if count else ""
        advocacy = self.services.advocacy
        confirm_delete(
            self,
            "Delete conversation",
            f"Delete the conversation “{first_line(prep.title, 80)}” with what you wrote for it{follow_ups}? "
            "The achievements it gathered stay.",
            f"conversation “{first_line(prep.title, 60)}”",
            lambda: advocacy.delete_conversation(prep.id),
            redo=lambda p: advocacy.delete_conversation(p.id),
            restore=advocacy.restore_conversation,
            changes=ADVOCACY,
            select=lambda p: setattr(self, "_select_id", p.id),
        )


class _UndoDone(QUndoCommand):
    """Undo of marking a follow-up done (or open again): it goes back as it was; redo repeats it."""

    def __init__(self, section: ConversationsSection, prep_id: str, follow_up_id: str, text: str, done: bool) -> None:
        super().__init__(f"Mark “{first_line(text, 40)}” {'done' if done else 'open'}")
        self.section, self.prep_id, self.follow_up_id, self.done = section, prep_id, follow_up_id, done
        self.text_of = text
        self._first = True

    def _set(self, done: bool) -> None:
        try:
            self.section.services.advocacy.set_follow_up_done(self.prep_id, self.follow_up_id, done)
        except ActionableError as exc:
            self.section.status.emit(f"{self.text()} could not be reversed: {exc}")
            self.setObsolete(True)
            return
        self.section._select_follow_up = self.follow_up_id
        what = first_line(self.text_of, 60)
        self.section.announce(ADVOCACY, f"Done: {what}" if done else f"Open again: {what}")

    def redo(self) -> None:
        if self._first:  # pushed after the change was made
            self._first = False
            return
        self._set(self.done)

    def undo(self) -> None:
        self._set(not self.done)
