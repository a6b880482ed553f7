"""One generic, column-spec driven table model that sorts and filters its rows.

Each step's tables are a list of `Column`s over a list of row objects (domain records or the
row views of the services). The model never touches the store; a panel hands it rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

R = TypeVar("R")
SortKey = str | int | float | None
Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)


@dataclass(frozen=True)
class Column(Generic[R]):
    """How one column shows a row: its text, and optionally how it sorts, colours and explains it."""

    title: str
    text: Callable[[R], str]
    sort_key: Callable[[R], SortKey] | None = None  # default: the text, case-insensitively
    width: int = 12  # initial width in average characters
    stretch: bool = False  # take the spare width (the title column)
    align: str = "left"  # "left", "right" (numbers) or "center" (short scores)
    colour: Callable[[R], QColor | None] | None = None  # text colour
    swatch: Callable[[R], QColor | None] | None = None  # a small colour square before the text
    bold: Callable[[R], bool] | None = None
    tooltip: Callable[[R], str] | None = None


def _ordered(key: SortKey) -> tuple[int, Any]:
    """A sort key any two of which compare, ordered as Qt orders them: numbers, then texts
    (case-insensitively), then no value at all (last when ascending, first when descending)."""
    if key is None:
        return (2, 0)
    if isinstance(key, str):
        return (1, key.casefold())
    return (0, key)


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Read-only rows shown through a list of columns, sorted and filtered here.

    The model sorts itself (`sort`), in Python with each row's key computed once: sorting through
    `data()` asks for two keys per comparison, which on a few thousand rows is what a person waits
    for after a click on a header. It filters itself too (`set_filter_text`), so the view reads it
    with no proxy between them: through a proxy, every role of every cell painted cost three calls
    into Python (the proxy asks the model for the cell's index, which asks rowCount and
    columnCount, then for the role); here it costs one.
    """

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._given: list[R] = []  # the services' order
        self._sorted: list[int] = []  # every row's position in `_given`, in the order shown
        self._order: list[int] = []  # per shown row: its position in `_given` (`_sorted`, filtered)
        self._rows: list[R] = []  # the rows shown, in order
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._needle = ""  # the filter text, casefolded
        self._haystacks: list[str | None] = []  # per row of `_given`: its texts, casefolded

    @property
    def columns(self) -> list[Column[R]]:
        return list(self._columns)

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._given = list(rows)
        self._haystacks = [None] * len(self._given)
        self._sorted = self._sorted_order()
        self._show(self._matching(self._sorted))
        self.endResetModel()

    def total(self) -> int:
        """How many rows there are, shown or filtered out."""
        return len(self._given)

    def every_row(self) -> list[R]:
        """Every row in the services' order, however the table is sorted or filtered."""
        return list(self._given)

    def _show(self, order: list[int]) -> None:
        self._order = order
        given = self._given
        self._rows = [given[p] for p in order]

    def _sorted_order(self) -> list[int]:
        """Positions in the services' list, in the order shown."""
        rows = self._given
        if not 0 <= self._sort_column < len(self._columns):
            return list(range(len(rows)))
        column = self._columns[self._sort_column]
        if column.sort_key is not None:
            raw = column.sort_key
            keys = [_ordered(raw(row)) for row in rows]
        else:
            text = column.text
            keys = [_ordered(text(row).casefold() or None) for row in rows]
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(range(len(rows)), key=keys.__getitem__, reverse=descending)

    def _matching(self, order: list[int]) -> list[int]:
        """The positions in *order* whose row holds the filter text in any column."""
        needle = self._needle
        if not needle:
            return list(order)
        haystack = self.haystack
        return [p for p in order if needle in haystack(p)]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by a column (-1: back to the services' order), keeping selections."""
        self.layoutAboutToBeChanged.emit()
        self._sort_column = column if 0 <= column < len(self._columns) else -1
        self._sort_order = order
        before = self._order
        self._sorted = self._sorted_order()
        shown = set(before)  # the filter is as it was: the same rows, in the new order
        self._show([given for given in self._sorted if given in shown])
        shown_at = {given: shown for shown, given in enumerate(self._order)}
        moved = [shown_at[given] for given in before]  # old shown row -> new shown row
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(moved[i.row()], i.column()) if i.isValid() else i for i in persistent]
        )
        self.layoutChanged.emit()

    def set_filter_text(self, text: str) -> None:
        """Show only the rows that hold *text* (casefolded) in any column; "" shows every row. Rows
        leave and come back as removed and inserted rows, so a selection among those still shown
        stays."""
        needle = text.casefold()
        if needle == self._needle:
            return
        self._needle = needle
        wanted = self._matching(self._sorted)
        keep = set(wanted)
        # Rows that no longer match leave, in runs, from the last run up (rows above keep their number).
        order = self._order
        shown = len(order)
        while shown > 0:
            if order[shown - 1] in keep:
                shown -= 1
                continue
            last = shown - 1
            while shown > 0 and order[shown - 1] not in keep:
                shown -= 1
            self.beginRemoveRows(QModelIndex(), shown, last)
            del order[shown : last + 1]
            del self._rows[shown : last + 1]
            self.endRemoveRows()
        # What is left is in `wanted`'s order: rows that now match come in, in runs, from the top.
        given = self._given
        at = 0
        while at < len(wanted):
            if at < len(order) and order[at] == wanted[at]:
                at += 1
                continue
            end = at
            kept = order[at] if at < len(order) else None
            while end < len(wanted) and wanted[end] != kept:
                end += 1
            self.beginInsertRows(QModelIndex(), at, end - 1)
            order[at:at] = wanted[at:end]
            self._rows[at:at] = [given[p] for p in wanted[at:end]]
            self.endInsertRows()
            at = end

    def haystack(self, given: int) -> str:
        """The texts in every column of the services' row *given*, casefolded: what the filter
        line searches."""
        found = self._haystacks[given]
        if found is None:
            item = self._given[given]
            found = "\n".join(column.text(item) for column in self._columns).casefold()
            self._haystacks[given] = found
        return found

    def row_at(self, row: int) -> R:
        """The row shown at *row*."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Asked for every role of every cell painted: roles no column answers go back at once.
        answer = _ANSWERS.get(role)
        if answer is None or not index.isValid():
            return None
        return answer(self._columns[index.column()], self._rows[index.row()])


def _text(column: Column[Any], row: Any) -> Any:
    return column.text(row)


def _sort_key(column: Column[Any], row: Any) -> Any:
    if column.sort_key is not None:
        return column.sort_key(row)
    return column.text(row).casefold() or None


def _colour(column: Column[Any], row: Any) -> Any:
    return column.colour(row) if column.colour is not None else None


def _swatch(column: Column[Any], row: Any) -> Any:
    return column.swatch(row) if column.swatch is not None else None


def _font(column: Column[Any], row: Any) -> Any:
    if column.bold is not None and column.bold(row):
        font = QFont()
        font.setBold(True)
        return font
    return None


def _tooltip(column: Column[Any], row: Any) -> Any:
    return column.tooltip(row) if column.tooltip is not None else column.text(row)


def _alignment(column: Column[Any], row: Any) -> Any:
    if column.align == "left":
        return None
    horizontal = Qt.AlignmentFlag.AlignRight if column.align == "right" else Qt.AlignmentFlag.AlignHCenter
    return int(horizontal | Qt.AlignmentFlag.AlignVCenter)


def _row(column: Column[Any], row: Any) -> Any:
    return row


_ANSWERS: dict[int, Callable[[Column[Any], Any], Any]] = {
    _DISPLAY: _text,
    int(SORT_ROLE): _sort_key,
    int(Qt.ItemDataRole.ForegroundRole): _colour,
    int(Qt.ItemDataRole.DecorationRole): _swatch,
    int(Qt.ItemDataRole.FontRole): _font,
    int(Qt.ItemDataRole.ToolTipRole): _tooltip,
    int(Qt.ItemDataRole.TextAlignmentRole): _alignment,
    int(ROW_ROLE): _row,
}
