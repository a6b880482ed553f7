"""A small editable table of things to do by a day: done, what, whose, due. A meeting's action
items and a conversation's follow-ups are both one (ui/step3/meeting_editor.py,
ui/step4/conversation_editor.py); each maps its own records to and from the rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.common import day_text
from .dialogs import KeyBindings
from .fields import parse_date


@dataclass(frozen=True)
class DatedItem:
    """One row as typed: its record's id, the text, whose (the value of the choice), due, done."""

    id: str
    text: str
    whose: Any
    due: date | None
    done: bool


class DatedItemsTable(QWidget):
    """Done (a tick), what, whose (a choice of *whose*: label and value), due (a day as the window
    writes it); buttons to add a row (its text cell open for typing) and remove the selected one
    (also Delete). Rows with no text are left out of `rows()`."""

    def __init__(
        self,
        *,
        name: str,
        accessible_name: str,
        columns: tuple[str, str, str, str],
        whose: Sequence[tuple[str, Any]],
        add_text: str,
        remove_text: str,
        remove_tip: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._whose = list(whose)
        self._whose_name = columns[2]
        self.table = QTableWidget(0, len(columns))
        self.table.setObjectName(name)
        self.table.setAccessibleName(accessible_name)
        self.table.setHorizontalHeaderLabels(list(columns))
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(4 * self.table.fontMetrics().height() + 40)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        KeyBindings(self.table).bind([Qt.Key.Key_Delete], self.remove_current)
        self.add_button = QPushButton(add_text)
        self.add_button.setAutoDefault(False)  # Enter saves the dialog
        self.remove_button = QPushButton(remove_text)
        self.remove_button.setAutoDefault(False)
        self.remove_button.setToolTip(remove_tip)
        self.remove_button.clicked.connect(self.remove_current)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(row)

    def add_row(self, item: DatedItem, *, edit: bool = True) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        done = QTableWidgetItem()
        done.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        done.setCheckState(Qt.CheckState.Checked if item.done else Qt.CheckState.Unchecked)
        done.setData(Qt.ItemDataRole.UserRole, item.id)
        self.table.setItem(row, 0, done)
        self.table.setItem(row, 1, QTableWidgetItem(item.text))
        whose = QComboBox()
        for label, value in self._whose:
            whose.addItem(label, value)
        whose.setCurrentIndex(whose.findData(item.whose))
        whose.setAccessibleName(self._whose_name)
        self.table.setCellWidget(row, 2, whose)
        self.table.setItem(row, 3, QTableWidgetItem(day_text(item.due) if item.due else ""))
        if edit:
            self.table.setCurrentCell(row, 1)
            self.table.editItem(self.table.item(row, 1) or QTableWidgetItem())
        return row

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def rows(self, due_label: Callable[[str], str]) -> list[DatedItem]:
        """The rows with a text, as typed; InputError (named by *due_label* of the row's text) for a
        due day that is not a day."""
        found = []
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, 1)
            text = (cell.text() if cell is not None else "").strip()
            if not text:
                continue  # an empty row added by mistake
            due_cell = self.table.item(row, 3)
            due = parse_date(due_cell.text() if due_cell else "", due_label(text))
            whose: Any = self.table.cellWidget(row, 2)
            done: Any = self.table.item(row, 0)
            found.append(
                DatedItem(
                    id=str(done.data(Qt.ItemDataRole.UserRole)),
                    text=text,
                    whose=whose.currentData(),
                    due=due,
                    done=done.checkState() == Qt.CheckState.Checked,
                )
            )
        return found
