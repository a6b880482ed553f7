"""One generic, column-spec driven table model and the proxy that sorts and filters it.

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
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

R = TypeVar("R")
SortKey = str | int | float | None
Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
HAYSTACK_ROLE = Qt.ItemDataRole.UserRole + 3  # a row's texts, casefolded: what the filter searches
_HAYSTACK = int(HAYSTACK_ROLE)
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
    """Read-only rows shown through a list of columns.

    The model sorts itself (`sort`), in Python with each row's key computed once: a proxy sorting
    through `data()` asks for two keys per comparison, which on a few thousand rows is what a
    person waits for after a click on a header. The proxy above it only filters.
    """

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._given: list[R] = []  # the services' order
        self._order: list[int] = []  # per shown row: its position in `_given`
        self._rows: list[R] = []  # as shown: the services' order, or sorted by a column
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._haystacks: list[str | None] = []  # per shown row: its texts, casefolded, for the filter

    @property
    def columns(self) -> list[Column[R]]:
        return list(self._columns)

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._given = list(rows)
        self._order = self._sorted_order()
        self._rows = [self._given[p] for p in self._order]
        self._haystacks = [None] * len(self._rows)
        self.endResetModel()

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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by a column (-1: back to the services' order), keeping selections."""
        self.layoutAboutToBeChanged.emit()
        self._sort_column = column if 0 <= column < len(self._columns) else -1
        self._sort_order = order
        before = self._order
        haystacks = self._haystacks
        self._order = self._sorted_order()
        self._rows = [self._given[p] for p in self._order]
        shown_at = [0] * len(self._order)
        for shown, given in enumerate(self._order):
            shown_at[given] = shown
        moved = [shown_at[given] for given in before]  # old shown row -> new shown row
        self._haystacks = [None] * len(self._rows)
        for old, new in enumerate(moved):
            self._haystacks[new] = haystacks[old]
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(moved[i.row()], i.column()) if i.isValid() else i for i in persistent]
        )
        self.layoutChanged.emit()

    def haystack(self, row: int) -> str:
        """The row's texts in every column, casefolded: what the filter line searches."""
        found = self._haystacks[row]
        if found is None:
            item = self._rows[row]
            found = "\n".join(column.text(item) for column in self._columns).casefold()
            self._haystacks[row] = found
        return found

    def row_at(self, row: int) -> R:
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
            return self.haystack(index.row()) if role == _HAYSTACK and index.isValid() else None
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


class FilterProxy(QSortFilterProxyModel):
    """Keeps the rows where any column contains the filter text; sorting is passed down to the
    record model, which does it faster (the proxy itself stays unsorted, in the model's order).

    The filter is Qt's own, on each row's casefolded texts (`HAYSTACK_ROLE`), with the text
    casefolded too: with no filter text Qt keeps every row without asking Python about each one,
    which a table of thousands of rows would otherwise do at every reset."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setDynamicSortFilter(True)
        self.setFilterRole(HAYSTACK_ROLE)
        self.setFilterKeyColumn(0)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseSensitive)  # both sides casefolded

    def set_filter_text(self, text: str) -> None:
        needle = text.casefold()
        if needle == self._needle:
            return
        self._needle = needle
        self.setFilterFixedString(needle)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, RecordTableModel):
            model.sort(column, order)
        else:
            super().sort(column, order)
