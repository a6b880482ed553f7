"""Step 2 · What I learned: the takeaways written when logging a session and the learning notes,
newest first, searchable as you type; notes are added here and deleted (Ctrl+Z brings one back).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...changes import Changes, Kind
from ...domain import LearningItem, LearningNote
from ...domain.learning_plan import LearnedEntry
from ...services import Services
from ..formatting import DASH, MUTED_COLOUR, date_key, first_line, fmt_date
from ..widgets.dialogs import INPUT_ERRORS, DateEdit, FormDialog, KeyBindings, text_area
from ..widgets.section import Section
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel
from ..widgets.undo import run_delete

SEARCH_DELAY_MS = 150  # search once the typing pauses
SOURCE_TEXT = {"note": "Note", "session": "Session takeaway"}
EMPTY_HINT = (
    "Nothing written down yet.\nAdd a note of what you learned with Add note… (Ctrl+N), "
    "or write a takeaway when you log a session as done."
)


def _learned_columns() -> list[Column[LearnedEntry]]:
    return [
        Column("Date", lambda e: fmt_date(e.on), sort_key=lambda e: f"{date_key(e.on)} {e.occurrence}", width=11),
        Column(
            "Learning item",
            lambda e: e.item_title or DASH,
            tooltip=lambda e: e.item_title or "Not about one learning item",
            width=30,
        ),
        Column("What I learned", lambda e: first_line(e.text), tooltip=lambda e: e.text, stretch=True, width=40),
        Column(
            "From",
            lambda e: SOURCE_TEXT[e.source],
            colour=lambda e: MUTED_COLOUR if e.source == "session" else None,
            tooltip=lambda e: (
                "Written when the session was logged; change it under Sessions"
                if e.source == "session"
                else "A learning note"
            ),
            width=14,
        ),
    ]


@dataclass(frozen=True)
class LearnedData:
    entries: list[LearnedEntry]
    query: str
    items: list[LearningItem] = field(default_factory=list)
    today: date | None = None


class NoteDialog(FormDialog):
    """A new learning note: the day, what it is about (optional) and what was learned."""

    def __init__(
        self, services: Services, items: Sequence[LearningItem], today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__("Add a learning note", "Save note", parent)
        self.services = services
        self.date_edit = DateEdit(today, latest=today)
        self.item_combo = QComboBox()
        self.item_combo.addItem("No learning item", None)
        for item in sorted(items, key=lambda i: i.title.casefold()):
            self.item_combo.addItem(item.title, item.id)
        self.text_edit = text_area("What did you learn? One idea, in your own words.", lines=5)
        self.add_row("&Date:", self.date_edit)
        self.add_row("&About:", self.item_combo, "The course, book or practice it came from (optional).")
        self.add_row("&Learned:", self.text_edit)
        self.text_edit.setFocus()

    def save(self) -> LearningNote:
        return self.services.learning.add_note(
            self.text_edit.toPlainText(), self.item_combo.currentData(), on=self.date_edit.value()
        )

    def focus_for(self, message: str) -> QWidget | None:
        return self.date_edit if "after today" in message else self.text_edit


NOTES = Changes.of(Kind.NOTES)


class LearnedSection(Section):
    """What was learned, searchable; notes can be added and deleted."""

    title = "What I learned"
    WATCHES = frozenset({Kind.NOTES, Kind.SESSIONS, Kind.LEARNING_ITEMS})  # takeaways, item titles

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.data = LearnedData([], "")
        self.dialog: NoteDialog | None = None

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("learnedSearch")
        self.search_edit.setPlaceholderText("Search what you learned…")
        self.search_edit.setToolTip("Show only the entries whose text or learning item holds every word (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        char = self.search_edit.fontMetrics().averageCharWidth()
        self.search_edit.setMinimumWidth(36 * char)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search)
        self._query = ""  # the search field's text, kept here for reads on the worker thread
        self.search_edit.textChanged.connect(self._search_typed)
        self.search_edit.returnPressed.connect(self.search)

        self.add_button = self.shortcut_button(
            "&Add note…", "Ctrl+N", self.add_note, "Write down something you learned"
        )
        self.delete_button = QPushButton("&Delete note")
        self.delete_button.setToolTip("Delete the selected note (Del in the list; Ctrl+Z undoes)")
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_note())

        self.table: TablePanel[LearnedEntry] = TablePanel("What I learned", _learned_columns(), EMPTY_HINT)
        self.table.table.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.table.model.modelReset.connect(self._update_actions)
        KeyBindings(self.table.table).bind((Qt.Key.Key_Delete,), self.delete_note)

        toolbar = QHBoxLayout()
        toolbar.setSpacing(6)
        toolbar.addWidget(self.search_edit)
        toolbar.addStretch(1)
        toolbar.addWidget(self.add_button)
        toolbar.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(toolbar)
        layout.addWidget(self.table, 1)
        self._update_actions()

    # -- data ------------------------------------------------------------------------------------
    def fetch(self) -> LearnedData:
        query = self._query  # never a widget: this runs on the worker thread
        return LearnedData(
            self.services.learning.learned_entries(query), query, self.services.learning.items(), self.services.today()
        )

    def fill(self, data: LearnedData) -> None:
        self.data = data
        query = data.query.strip()
        self.table.set_empty_hint(
            f"Nothing you learned matches “{query}”.\nEvery word must appear in the text or the learning item."
            if query
            else EMPTY_HINT
        )
        self.table.set_rows(data.entries)

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.table,)

    def focus_search(self) -> bool:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()
        return True

    def _search_typed(self, text: str) -> None:
        self._query = text
        self._search_timer.start()

    def search(self) -> None:
        """Show the entries matching the search field now (a small read, done right here)."""
        self._search_timer.stop()
        query = self.search_edit.text()
        if query == self.data.query:
            return
        try:
            entries = self.services.learning.learned_entries(query)
        except INPUT_ERRORS as exc:
            self.status.emit(f"Could not search: {exc}")
            return
        self.fill(LearnedData(entries, query, self.data.items, self.data.today))

    def shown_texts(self) -> list[str]:
        return [entry.text for entry in self.table.visible_rows()]

    # -- actions ---------------------------------------------------------------------------------
    def selected_entry(self) -> LearnedEntry | None:
        return self.table.selected_row()

    def _update_actions(self) -> None:
        entry = self.selected_entry()
        self.delete_button.setEnabled(entry is not None and entry.source == "note")

    def add_note(self) -> NoteDialog:
        today = self.data.today or self.services.today()
        dialog = NoteDialog(self.services, self.data.items, today, self)
        dialog.saved.connect(self._saved)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, note: LearningNote) -> None:
        self.announce(NOTES, f"Learning note of {fmt_date(note.written_on)} saved")

    def delete_note(self) -> None:
        """Delete the selected note at once; Ctrl+Z brings it back. A session's takeaway stays."""
        entry = self.selected_entry()
        if entry is None:
            return
        if entry.source != "note":
            self.status.emit("A session's takeaway is changed or cleared where the session is logged, under Sessions")
            return
        run_delete(
            self,
            f"the learning note of {fmt_date(entry.on)}",
            lambda: self.services.learning.delete_note(entry.record_id),
            redo=lambda n: self.services.learning.delete_note(n.id),
            restore=self.services.learning.restore_note,
            changes=NOTES,
        )
