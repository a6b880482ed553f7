"""Contacts → Import vCard… and Export vCard…: contacts from and to .vcf files.

The import shows what the file gives before anything is saved: one row a card, each with a
checkbox. A card like a contact already here (the same email, or the same name and organisation)
says so and starts unchecked; the rest start checked. Space toggles the selected rows, "Select
all" and "Select none" do what they say, and "Import N contacts" adds exactly the checked cards,
all in one go, through the section (so the lists read again and the status line says so). Cards
that cannot be a contact are counted on a line of their own, with why. A file that cannot be read
at all is refused in one line and imports nothing. The file is read off the GUI thread by the
same services call the command line uses.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStandardPaths, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from ...changes import Changes, Kind
from ...domain import Contact
from ...errors import ActionableError, message_for
from ...services.vcard import CardCandidate
from ..formatting import DASH, MUTED_COLOUR
from ..messages import show_error
from ..widgets.dialogs import OK_CANCEL, Dialog, KeyBindings, hint_label
from ..widgets.section import Section
from ..widgets.step_page import StepPage
from ..widgets.table_model import Column, RecordTableModel
from ..workers import SyncRunner, TaskRunner

NETWORK = Changes.of(Kind.NETWORK)
VCARD_FILTER = "vCard files (*.vcf *.vcard);;All files (*)"
SHOWN_PROBLEMS = 3  # cards that cannot be a contact named on the line; the tooltip lists them all
Index = QModelIndex | QPersistentModelIndex


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class CardRow:
    """One card of the preview that can be a contact."""

    card: CardCandidate
    contact: Contact
    already_here: bool = False  # it duplicates a contact already in the app (not one earlier in the file)

    @property
    def duplicate(self) -> bool:
        return bool(self.card.duplicate_of)

    @property
    def status(self) -> str:
        if not self.card.duplicate_of:
            return "New"
        if self.already_here:
            return f"Already in your contacts: {self.card.duplicate_of}"
        return f"Also earlier in this file: {self.card.duplicate_of}"


def card_rows(cards: Sequence[CardCandidate], existing_names: Iterable[str]) -> list[CardRow]:
    """The cards that can be contacts, in the file's order; *existing_names* tell a duplicate of a
    contact already in the app from a card the file holds twice."""
    here = set(existing_names)
    return [CardRow(c, c.contact, c.duplicate_of in here) for c in cards if c.contact is not None]


def _muted(row: CardRow) -> Any:
    return MUTED_COLOUR if row.duplicate else None


COLUMNS: list[Column[CardRow]] = [
    Column("Name", lambda r: r.contact.name, width=24, colour=_muted),
    Column("Organisation", lambda r: r.contact.organisation or DASH, width=20, colour=_muted),
    Column("Email", lambda r: r.contact.email or DASH, width=28, colour=_muted),
    Column("Phone", lambda r: r.contact.phone or DASH, width=17, colour=_muted),
    Column("Status", lambda r: r.status, stretch=True, colour=_muted),
]


class CardsModel(RecordTableModel[CardRow]):
    """The preview's rows with a checkbox each (in the Name column): duplicates start unchecked."""

    chosen_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)
        self._chosen: list[bool] = []

    def set_rows(self, rows: Sequence[CardRow]) -> None:
        self._chosen = [not row.duplicate for row in rows]
        super().set_rows(rows)
        self.chosen_changed.emit()

    def is_chosen(self, row: int) -> bool:
        return self._chosen[row]

    def chosen_rows(self) -> list[CardRow]:
        return [self.row_at(r) for r, chosen in enumerate(self._chosen) if chosen]

    def set_chosen(self, rows: Iterable[int], chosen: bool) -> None:
        rows = [r for r in rows if 0 <= r < len(self._chosen) and self._chosen[r] != chosen]
        for row in rows:
            self._chosen[row] = chosen
            first = self.index(row, 0)
            self.dataChanged.emit(first, first, [Qt.ItemDataRole.CheckStateRole])
        if rows:
            self.chosen_changed.emit()

    def set_all(self, chosen: bool) -> None:
        self.set_chosen(range(self.rowCount()), chosen)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole:
            if not index.isValid() or index.column() != 0:
                return None
            return Qt.CheckState.Checked if self._chosen[index.row()] else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        self.set_chosen([index.row()], state == Qt.CheckState.Checked)
        return True


class ImportVCardsDialog(Dialog):
    """The preview of a vCard file, then the import of the checked cards through *section*.

    `imported` carries the contacts added; *then* runs with them before the section announces
    the change (to select the first one, say)."""

    imported = Signal(object)

    def __init__(
        self,
        section: Section,
        runner: TaskRunner,
        path: Path,
        parent: QWidget | None = None,
        *,
        then: Callable[[list[Contact]], object] | None = None,
    ) -> None:
        super().__init__(
            "Import contacts",
            parent,
            name="importVCardsDialog",
            buttons=OK_CANCEL,
            accept_text="&Import",
            on_accept=self.import_now,
            runner=runner,
        )
        self.section = section
        self.services = section.services
        self.path = path
        self._then = then
        self.read_ok = False  # the file was read (True even when no card in it can be a contact)
        self.setMinimumSize(900, 480)

        source = QLabel(f"From <b>{html.escape(path.name)}</b>: only the checked contacts are added.")
        source.setToolTip(str(path))
        self.model = CardsModel(self)
        self.table = QTableView()
        self.table.setObjectName("cardsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the buttons; arrows move within
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)  # one line a row; the tooltip has all of it
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        char = self.fontMetrics().averageCharWidth()
        for column, spec in enumerate(COLUMNS):
            if spec.stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, spec.width * char + 36)  # with room for the checkbox
        self.table.setToolTip("Space checks or unchecks the selected rows")
        keys = KeyBindings(self.table)
        keys.bind([Qt.Key.Key_Space], self.toggle_selected)

        self.all_button = QPushButton("Select &all")
        self.all_button.setAutoDefault(False)  # Enter imports, whichever button has the focus
        self.all_button.setToolTip("Check every card, duplicates too")
        self.all_button.clicked.connect(lambda _checked=False: self.model.set_all(True))
        self.none_button = QPushButton("Select &none")
        self.none_button.setAutoDefault(False)
        self.none_button.setToolTip("Uncheck every card")
        self.none_button.clicked.connect(lambda _checked=False: self.model.set_all(False))
        self.summary_label = hint_label()
        self.summary_label.setObjectName("summaryLabel")
        choose = QHBoxLayout()
        choose.setSpacing(6)
        choose.addWidget(self.all_button)
        choose.addWidget(self.none_button)
        choose.addSpacing(12)
        choose.addWidget(self.summary_label, 1)
        self.skipped_label = hint_label()
        self.skipped_label.setObjectName("skippedLabel")
        self.skipped_label.hide()
        self.import_button = self.accept_button

        self.column.addWidget(source)
        self.column.addWidget(self.table, 1)
        self.column.addLayout(choose)
        self.column.addWidget(self.skipped_label)
        self.column.addLayout(self.busy_row())
        self.add_footer()
        self.model.chosen_changed.connect(self._update_buttons)
        self._update_buttons()
        self.read()

    # -- the preview -----------------------------------------------------------------------------
    def read(self) -> None:
        services, path = self.services, self.path

        def work() -> tuple[list[CardCandidate], set[str]]:
            cards = services.network.preview_vcards(path)
            return cards, {c.name for c in services.store.contacts.all()}

        self.read_ok = False
        self.run("Reading the contacts…", work, self._show, self._unreadable)

    def _show(self, found: tuple[list[CardCandidate], set[str]]) -> None:
        cards, existing = found
        rows = card_rows(cards, existing)
        self.read_ok = True
        self.model.set_rows(rows)
        self._fit_columns()
        if rows:
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)  # Space toggles the first card at once
        here = sum(1 for r in rows if r.duplicate and r.already_here)
        twice = sum(1 for r in rows if r.duplicate and not r.already_here)
        parts = [f"{plural(len(rows), 'contact')} in the file"]
        if here:
            parts.append(f"{here} already in your contacts")
        if twice:
            parts.append(f"{twice} twice in the file")
        text = "; ".join(parts) + "."
        if here or twice:
            text += " Duplicates start unchecked: check one to add it anyway."
        self.summary_label.setText(text)
        problems = [c for c in cards if c.contact is None]
        if problems:
            named = "; ".join(f"{c.name}: {c.problem}" for c in problems[:SHOWN_PROBLEMS])
            more = f"; and {len(problems) - SHOWN_PROBLEMS} more" if len(problems) > SHOWN_PROBLEMS else ""
            self.skipped_label.setText(
                f"Skipped {plural(len(problems), 'card')} that cannot be a contact: {named}{more}."
            )
            self.skipped_label.setToolTip("\n".join(f"{c.name}: {c.problem}" for c in problems))
        self.skipped_label.setVisible(bool(problems))
        self._update_buttons()

    def _fit_columns(self) -> None:
        """Each column as wide as what it shows, up to its width: the status gets the rest."""
        header = self.table.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        for column, spec in enumerate(COLUMNS):
            if not spec.stretch:
                self.table.resizeColumnToContents(column)
                header.resizeSection(column, min(header.sectionSize(column) + 2 * char, spec.width * char + 36))

    def _unreadable(self, exc: BaseException) -> None:
        self.model.set_rows([])
        self.summary_label.setText("")
        self.skipped_label.hide()
        self.show_error(f"{message_for(exc)} Nothing was imported.")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.model.rowCount():  # read before the dialog showed: the table gets the keys, not OK
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- choosing --------------------------------------------------------------------------------
    def toggle_selected(self) -> None:
        """Space: check the selected rows, or uncheck them when the current one is checked."""
        current = self.table.currentIndex()
        if not current.isValid():
            return
        rows = {i.row() for i in self.table.selectionModel().selectedRows()} | {current.row()}
        self.model.set_chosen(sorted(rows), not self.model.is_chosen(current.row()))

    def _busy_changed(self, busy: bool) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.is_busy()
        count = len(self.model.chosen_rows())
        has_rows = self.model.rowCount() > 0
        self.import_button.setText(f"&Import {plural(count, 'contact')}" if count else "Nothing to import")
        self.import_button.setEnabled(idle and count > 0)
        self.all_button.setEnabled(idle and has_rows)
        self.none_button.setEnabled(idle and has_rows)

    # -- the import ------------------------------------------------------------------------------
    def import_now(self) -> None:
        cards = [row.card for row in self.model.chosen_rows()]
        if not cards or self.is_busy():
            return
        network = self.services.network
        name = self.path.name

        def then(added: list[Contact]) -> None:
            if self._then is not None:
                self._then(added)

        added = self.section.run_op(
            lambda: network.add_cards(cards),
            changes=NETWORK,
            done=lambda added: f"Imported {plural(len(added), 'contact')} from {name}",
            then=then,
            on_failure=self.show_error_for,
        )
        if added is not None:
            self.imported.emit(added)
            self.accept()


# -- from the Contacts section ---------------------------------------------------------------------
def runner_of(widget: QWidget) -> TaskRunner:
    """The runner of the step page *widget* is on (its reads run there); at once without a page."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, StepPage):
            return parent.runner
        parent = parent.parentWidget()
    return SyncRunner()


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def ask_open_path(parent: QWidget, caption: str) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(parent, caption, str(_documents()), VCARD_FILTER)
    return Path(name) if name else None


def ask_save_path(parent: QWidget, caption: str, suggested: str) -> Path | None:
    name, _filter = QFileDialog.getSaveFileName(parent, caption, str(_documents() / suggested), VCARD_FILTER)
    return Path(name) if name else None


def import_vcards(
    section: Section, path: Path | None = None, *, then: Callable[[list[Contact]], object] | None = None
) -> ImportVCardsDialog | None:
    """Pick a .vcf file (unless given), then open its preview; None when no file was picked."""
    path = path or ask_open_path(section, "Import contacts from a vCard file")
    if path is None:
        return None
    dialog = ImportVCardsDialog(section, runner_of(section), path, section, then=then)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def export_vcards(section: Section, path: Path | None = None) -> int | None:
    """Pick where (unless given) and write every contact there as vCards; the status line says how
    many, a message box why not. Returns how many were written, None when nothing was."""
    services = section.services
    if services.store.contacts.count() == 0:
        section.status.emit("No contacts to export yet: add some, or import a vCard file.")
        return None
    path = path or ask_save_path(section, "Export contacts to a vCard file", "empower-contacts.vcf")
    if path is None:
        return None
    if not path.suffix and not path.is_dir():  # a folder is refused in words, not turned into a file
        path = path.with_suffix(".vcf")
    try:
        count = services.network.export_vcards(path)
    except ActionableError as exc:
        show_error(section, "Contacts not exported", message_for(exc), "Nothing was written.")
        return None
    section.status.emit(f"Exported {plural(count, 'contact')} to {path.name}")
    return count
