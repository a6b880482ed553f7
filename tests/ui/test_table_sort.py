"""The shared tables: a click on a header sorts as a person expects, the filter line narrows, and
neither loses what is selected or the order the services gave."""

from __future__ import annotations

import random
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from empower_desktop.ui.widgets.table_model import Column
from empower_desktop.ui.widgets.table_panel import TablePanel


@dataclass(frozen=True)
class Person:
    name: str
    organisation: str
    days_overdue: int | None


COLUMNS = [
    Column[Person]("Name", lambda p: p.name, stretch=True),
    Column[Person]("Organisation", lambda p: p.organisation),
    Column[Person](
        "Overdue",
        lambda p: "" if p.days_overdue is None else str(p.days_overdue),
        sort_key=lambda p: p.days_overdue,
        align="right",
    ),
]

PEOPLE = [
    Person("Zoë", "Acme", 3),
    Person("amara", "Globex", None),
    Person("Ingrid", "acme", 30),
    Person("Bo", "Initech", 12),
]


def make_panel(qtbot: QtBot) -> TablePanel[Person]:
    panel: TablePanel[Person] = TablePanel("People", COLUMNS, "No people yet")
    qtbot.addWidget(panel)
    panel.set_rows(PEOPLE)
    return panel


def names(panel: TablePanel[Person]) -> list[str]:
    return [p.name for p in panel.visible_rows()]


def test_a_header_sorts_texts_case_insensitively_and_numbers_as_numbers_with_blanks_last(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    assert names(panel) == ["Zoë", "amara", "Ingrid", "Bo"]  # the services' order until a header is used

    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert names(panel) == ["amara", "Bo", "Ingrid", "Zoë"]
    panel.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert names(panel) == ["Zoë", "Bo", "Ingrid", "amara"]  # 3 < 12 < 30, then no value
    panel.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert names(panel) == ["amara", "Ingrid", "Bo", "Zoë"]
    # Equal keys keep the services' order (a stable sort): Acme's Zoë before acme's Ingrid.
    panel.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert names(panel) == ["Zoë", "Ingrid", "amara", "Bo"]

    # New rows from the services come in the chosen order; clearing the header gives theirs back.
    panel.set_rows([*PEOPLE, Person("Ada", "Aardvark Ltd", 1)])
    assert names(panel)[0] == "Ada"
    panel.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    assert names(panel) == ["Zoë", "amara", "Ingrid", "Bo", "Ada"]


def test_sorting_keeps_the_selected_row_selected_and_current(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    ingrid = panel.model.index(2, 0)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    panel.table.selectionModel().setCurrentIndex(ingrid, flags)

    panel.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert names(panel) == ["Zoë", "Ingrid", "Bo", "amara"]
    selected = panel.table.selectionModel().selectedRows()
    assert [panel.model.data(i) for i in selected] == ["Ingrid"]
    assert panel.table.currentIndex().row() == 1


def test_the_filter_matches_any_column_ignoring_case_but_never_across_two_columns(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    panel.set_filter("ACME")
    assert names(panel) == ["Ingrid", "Zoë"]  # still sorted while filtered
    panel.set_filter("zoëacme")  # the end of one cell and the start of the next is no match
    assert names(panel) == []
    assert panel.is_showing_hint()
    panel.set_filter("")
    assert names(panel) == ["amara", "Bo", "Ingrid", "Zoë"]
    assert not panel.is_showing_hint()


def test_the_filter_takes_its_text_literally_and_folds_case_as_the_person_writes_it(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    panel.set_rows([*PEOPLE, Person("Jörg Straße", "C++ (Guild)", 2), Person("Ana", "A.B Corp", 1)])
    panel.set_filter("STRASSE")  # "ß" folds to "ss", as Python's casefold folds it
    assert names(panel) == ["Jörg Straße"]
    panel.set_filter("c++ (g")  # what a pattern would read as operators is plain text
    assert names(panel) == ["Jörg Straße"]
    panel.set_filter("a.b")
    assert names(panel) == ["Ana"]
    panel.set_filter("a*b")
    assert names(panel) == []
    # rows that come in while a filter is set are filtered too
    panel.set_filter("globex")
    panel.set_rows([*PEOPLE, Person("Kim", "Globex", None)])
    assert names(panel) == ["amara", "Kim"]


def test_typing_a_filter_keeps_the_selected_row_while_it_still_matches_and_every_step_shows_what_matches(
    qtbot: QtBot,
) -> None:
    # Many rows whose matches interleave, so each keystroke removes and brings back rows in many runs.
    randomly = random.Random(7)
    people = [
        Person(f"{randomly.choice(['Ada', 'Bo', 'Cy', 'Di'])} {n}", randomly.choice(["Acme", "Abc", "Bca", "Cab"]), n)
        for n in range(120)
    ]
    panel = make_panel(qtbot)
    panel.set_rows(people)
    # Qt's own checks of every change as it happens (a broken rule is a warning, which fails the test)
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Warning, panel.model)
    chosen = next(r for r, p in enumerate(panel.visible_rows()) if p.organisation == "Acme")
    panel.table.selectRow(chosen)
    kept: Person | None = panel.visible_rows()[chosen]

    for step in range(60):
        if step % 10 == 9:
            panel.table.sortByColumn(randomly.choice([0, 1, 2]), randomly.choice(list(Qt.SortOrder)))
        text = randomly.choice(["", "a", "ac", "acme", "b", "bc", "c", "ca", "cab", "di", "zz", "1", "12"])
        panel.set_filter(text)
        wanted = [p for p in panel.model.every_row() if any(text in c.text(p).casefold() for c in COLUMNS)]
        assert sorted(panel.visible_rows(), key=people.index) == wanted
        assert panel.table.model().rowCount() == len(wanted)
        selected = [panel.model.row_at(i.row()) for i in panel.table.selectionModel().selectedRows()]
        if kept in wanted:
            assert selected == [kept]
        else:  # the selected row was filtered out: nothing is selected; choose again where rows show
            assert selected == []
            kept = None
            if wanted:
                panel.table.selectRow(0)
                kept = panel.model.row_at(0)
