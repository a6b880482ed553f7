"""A titled, sortable, filterable read-only table that shows a friendly hint when it is empty, with
its row actions: one for a double-click, and a menu on right-click."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any, Generic

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .table_model import Column, R, RecordTableModel

SECTION_PADDING = 36  # pixels around a column's text, with room for the sort arrow


class TablePanel(QGroupBox, Generic[R]):
    """One table of a step: "Goals (3)" above a QTableView, or "No goals yet" when there are none."""

    def __init__(
        self,
        title: str,
        columns: Sequence[Column[R]],
        empty_hint: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self._title = title
        self._empty_hint = empty_hint
        self._filter_text = ""
        self._loading = False
        self.setObjectName(f"panel-{title.lower().replace(' ', '-')}")
        normal = self.font()
        normal.setBold(False)  # said outright: a font left as it was would follow the bold title
        heading = self.font()
        heading.setBold(True)
        self.setFont(heading)  # the title; the table and the hint keep the normal font

        self.model: RecordTableModel[R] = RecordTableModel(columns, self)  # sorts and filters too

        self.table = QTableView()
        self.table.setFont(normal)
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next control; arrows move within
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorClearable(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the services' order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        char = self.fontMetrics().averageCharWidth()
        for section, column in enumerate(columns):
            if column.stretch:
                header.setSectionResizeMode(section, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(section, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(section, column.width * char + SECTION_PADDING)
        header.setMinimumSectionSize(4 * char)

        self.hint = QLabel()
        self.hint.setFont(normal)
        self.hint.setObjectName("emptyHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.RichText)

        self._stack = QStackedWidget()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self._stack)

        self._filtering = False  # while the filter line's rows leave and come in: one update after
        for signal in (
            self.model.modelReset,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.layoutChanged,
        ):
            signal.connect(self._update_view)
        self._update_view()

    # -- data ------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[R]) -> None:
        self.model.set_rows(rows)
        self._update_view()

    def set_empty_hint(self, hint: str) -> None:
        """What the panel says when it has no rows: a first line in bold, then how to add one."""
        self._empty_hint = hint
        self._update_view()

    def set_loading(self, loading: bool) -> None:
        """While the first rows are read, say so instead of "No goals yet"."""
        self._loading = loading
        self._update_view()

    def set_filter(self, text: str) -> None:
        self._filter_text = text.strip()
        self._filtering = True
        try:
            self.model.set_filter_text(self._filter_text)
        finally:
            self._filtering = False
        self._update_view()

    def visible_rows(self) -> list[R]:
        """The rows as shown: filtered and in the current sort order."""
        return [self.model.row_at(r) for r in range(self.model.rowCount())]

    def selected_row(self) -> R | None:
        """The row with the keyboard focus or selection, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(index.row())

    def select_first(self, predicate: Callable[[R], bool]) -> bool:
        """Select (and scroll to) the first shown row that matches; False when none does."""
        for r in range(self.model.rowCount()):
            if predicate(self.model.row_at(r)):
                index = self.model.index(r, 0)
                self.table.setCurrentIndex(index)
                self.table.selectRow(r)
                self.table.scrollTo(index)
                return True
        return False

    # -- row actions -----------------------------------------------------------------------------
    def set_row_actions(
        self,
        activate: Callable[[], object],
        menu: Sequence[QAction | None] = (),
        *,
        menu_off_rows: bool = True,
    ) -> None:
        """A double-click on a row runs *activate*; a right-click selects the row under the pointer and
        offers *menu* (None: a separator). *menu_off_rows* False: no menu off the rows."""
        self.table.doubleClicked.connect(lambda _index: activate())
        if not menu:
            return
        self._row_menu = list(menu)
        self._menu_off_rows = menu_off_rows
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_row_menu)

    def _show_row_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.selectRow(index.row())
        elif not self._menu_off_rows:
            return
        menu = QMenu(self)
        for action in self._row_menu:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        self.row_menu = menu
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def total_rows(self) -> int:
        """Every row, shown or filtered out."""
        return self.model.total()

    def is_showing_hint(self) -> bool:
        return self._stack.currentWidget() is self.hint

    # -- look ------------------------------------------------------------------------------------
    def _update_view(self, *_args: Any) -> None:
        if self._filtering:
            return
        total = self.model.total()
        shown = self.model.rowCount()
        if total == 0 and self._loading:
            self.setTitle(self._title)
            self.hint.setText("Loading…")
            self._stack.setCurrentWidget(self.hint)
        elif total == 0:
            self.setTitle(self._title)
            first, _, rest = self._empty_hint.partition("\n")
            self.hint.setText(f"<b>{html.escape(first)}</b><br>{html.escape(rest)}")
            self._stack.setCurrentWidget(self.hint)
        elif shown == 0:
            self.setTitle(f"{self._title} (0 of {total})")
            self.hint.setText(html.escape(f"Nothing here matches “{self._filter_text}”."))
            self._stack.setCurrentWidget(self.hint)
        else:
            self.setTitle(f"{self._title} ({shown})" if shown == total else f"{self._title} ({shown} of {total})")
            self._stack.setCurrentWidget(self.table)
