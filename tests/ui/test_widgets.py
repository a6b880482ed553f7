"""The widget kit every step builds on: a table's row actions and a section's toolbar."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLayoutItem, QMenu, QPushButton
from pytestqt.qtbot import QtBot

from empower_desktop.ui.widgets.section import Section
from empower_desktop.ui.widgets.table_model import Column
from empower_desktop.ui.widgets.table_panel import TablePanel


def panel_of(qtbot: QtBot, rows: list[str]) -> TablePanel[str]:
    panel: TablePanel[str] = TablePanel(
        "Things", [Column("Name", lambda row: row, stretch=True)], "None yet.\nAdd one."
    )
    qtbot.addWidget(panel)
    panel.resize(400, 300)
    panel.show()
    panel.set_rows(rows)
    return panel


def row_point(panel: TablePanel[str], row: int) -> QPoint:
    return panel.table.visualRect(panel.model.index(row, 0)).center()


def test_a_double_click_runs_the_rows_action_and_a_right_click_selects_the_row_and_offers_its_menu(
    qtbot: QtBot,
) -> None:
    panel = panel_of(qtbot, ["first", "second"])
    opened: list[str | None] = []
    edit = QAction("&Edit…", panel)
    delete = QAction("&Delete…", panel)
    panel.set_row_actions(lambda: opened.append(panel.selected_row()), [edit, None, delete])

    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=row_point(panel, 1))
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=row_point(panel, 1))
    assert opened == ["second"]

    panel.table.customContextMenuRequested.emit(row_point(panel, 0))
    assert panel.selected_row() == "first"
    menu = panel.row_menu
    assert isinstance(menu, QMenu) and menu.isVisible()
    assert [a.text() for a in menu.actions()] == ["&Edit…", "", "&Delete…"]
    assert menu.actions()[1].isSeparator()
    menu.close()


def test_a_menu_that_is_only_about_rows_is_not_offered_below_them(qtbot: QtBot) -> None:
    panel = panel_of(qtbot, ["only"])
    panel.set_row_actions(lambda: None, [QAction("&Plan…", panel)], menu_off_rows=False)
    below = QPoint(10, panel.table.viewport().height() - 5)
    assert not panel.table.indexAt(below).isValid()
    panel.table.customContextMenuRequested.emit(below)
    assert not hasattr(panel, "row_menu")


def test_a_sections_toolbar_puts_what_narrows_it_left_and_its_actions_right() -> None:
    new, delete = QPushButton("&New…"), QPushButton("&Delete…")
    row = Section.toolbar(["Show:", QLabel("filter"), 8], [new, delete])

    def kind(item: QLayoutItem | None) -> str:
        assert item is not None
        widget = item.widget()
        if isinstance(widget, QLabel):
            return "label:" + widget.text()
        if widget is None:
            return "space"
        assert isinstance(widget, QPushButton)
        return "button:" + widget.text()

    kinds = [kind(row.itemAt(i)) for i in range(row.count())]
    assert kinds == ["label:Show:", "label:filter", "space", "space", "button:&New…", "button:&Delete…"]
    assert row.stretch(3) == 1  # the spare width goes between the two ends
