"""The keyboard, as a person uses it: Tab leaves a table, every Alt+letter means one thing in a
window or dialog, the visible part's actions are in the Edit menu with their shortcuts and work from
anywhere in the window, and Ctrl+PgDown / Ctrl+Tab move between the parts of a tab."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from empower_desktop.domain.learn import LearningStatus
from empower_desktop.services import Account, Services
from empower_desktop.store import DatabaseCorruptError
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.move_calendar_dialog import MoveCalendarDialog
from empower_desktop.ui.recovery_dialog import RecoveryDialog
from empower_desktop.ui.step1.goals import GoalsSection
from empower_desktop.ui.step1.page import AssessPage
from empower_desktop.ui.step1.skills import SkillsSection
from empower_desktop.ui.step2.learned import LearnedSection
from empower_desktop.ui.step2.plan import PlanSection
from empower_desktop.ui.step2.sessions import SessionsSection
from empower_desktop.ui.widgets.sectioned_page import SectionedPage

from .conftest import WindowFactory, learn_section
from .keys import clashes, menu_clashes


def every_part(window: MainWindow) -> Iterator[str]:
    """Show each tab and each of its parts in turn; yields where the window is."""
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        page = window.current_page()
        if isinstance(page, SectionedPage):
            for part in range(page.section_tabs.count()):
                page.section_tabs.setCurrentIndex(part)
                QApplication.processEvents()
                yield f"{page.tab_title} > {page.section_tabs.tabText(part)}"
        else:
            yield page.tab_title


def test_no_alt_letter_means_two_things_anywhere_in_the_main_window(
    demo_services: Services, make_window: WindowFactory
) -> None:
    window = make_window(demo_services)
    for where in every_part(window):
        assert clashes(window) == {}, where
        window._fill_edit_menu()
        for action in window.menuBar().actions():
            menu = action.menu()
            assert isinstance(menu, QMenu)
            assert menu_clashes(menu) == {}, f"{where}: menu {action.text()}"


def open_dialogs(window: MainWindow) -> Iterator[QWidget]:
    """Open every dialog a person reaches from the window, one at a time."""
    window.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    assess = window.current_page()
    assert isinstance(assess, AssessPage)
    goals = assess.show_section(GoalsSection)
    yield goals.new_goal()
    goals.goals.table.selectRow(0)
    progress = goals.update_progress()
    assert progress is not None
    yield progress
    skills = assess.show_section(SkillsSection)
    yield skills.add_skill()
    skills.skills.table.selectRow(0)
    rate = skills.rate_selected()
    assert rate is not None
    yield rate
    yield learn_section(window, PlanSection).new_item()
    sessions = learn_section(window, SessionsSection)
    yield sessions.new_session()
    yield learn_section(window, LearnedSection).add_note()
    settings = window.open_settings()
    assert settings is not None
    yield settings
    calendars = window.open_calendars()
    yield calendars.add_caldav()  # over the Calendars dialog, which stays open meanwhile
    yield calendars.add_ics()
    yield calendars
    yield window.show_about()
    yield window.show_four_steps()
    yield window.open_conflicts()


def test_no_alt_letter_means_two_things_in_any_dialog(demo_services: Services, make_window: WindowFactory) -> None:
    window = make_window(demo_services)
    seen = []
    found = {}
    for dialog in open_dialogs(window):
        QApplication.processEvents()
        assert dialog.isVisible(), dialog.windowTitle()
        if clashes(dialog):
            found[dialog.windowTitle()] = clashes(dialog)
        seen.append(dialog.windowTitle())
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()
    assert found == {}
    assert len(seen) == 14, seen


def test_the_welcome_offers_each_alt_letter_once(services: Services, make_window: WindowFactory) -> None:
    window = make_window(services)
    welcome = window.show_welcome_if_needed()
    assert welcome is not None and clashes(welcome) == {}


def test_tab_moves_out_of_a_table_and_arrows_move_within_it(
    demo_services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(demo_services)
    for where in every_part(window):
        for view in window.findChildren(QAbstractItemView):
            if view.isVisibleTo(window):
                assert not view.tabKeyNavigation(), f"{where}: {view.objectName() or type(view).__name__}"

    window.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    goals = window.current_page().show_section(GoalsSection)  # type: ignore[attr-defined]
    table = goals.goals.table
    window.activateWindow()
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.hasFocus() and table.currentIndex().row() == 1  # arrows: within the table
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()  # Tab: on to the next control
    focused = QApplication.focusWidget()
    assert focused is not None and window.isAncestorOf(focused)


def test_the_visible_parts_actions_are_in_the_edit_menu_and_their_shortcuts_work_from_anywhere(
    demo_services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(demo_services)
    plan = learn_section(window, PlanSection)
    window._fill_edit_menu()
    texts = [a.text() for a in window.edit_menu.actions() if a.text()]
    assert texts[:2] == ["&Undo", "&Redo"]
    assert texts[2:] == ["&New item…", "Ed&it…", "Mark d&one…", "&Delete…"]
    new = next(a for a in window.edit_menu.actions() if a.text() == "&New item…")
    assert new.shortcut().toString() == "Ctrl+N"
    assert [a.isEnabled() for a in window.edit_menu.actions()[3:]] == [
        plan.new_button.isEnabled(),
        plan.edit_button.isEnabled(),
        plan.done_button.isEnabled(),
        plan.delete_button.isEnabled(),
    ]

    window.activateWindow()
    window.current_page().filter_edit.setFocus()  # outside the section, in the tab's filter line
    qtbot.keyClick(window.current_page().filter_edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert plan.editor is not None and plan.editor.isVisible()  # Ctrl+N: the visible part's New
    plan.editor.reject()


def test_ctrl_page_down_and_ctrl_tab_move_between_the_parts_of_a_tab(
    demo_services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(demo_services)
    page = window.current_page()
    assert isinstance(page, SectionedPage)
    window.activateWindow()
    page.filter_edit.setFocus()
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert page.section_tabs.currentIndex() == 1
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.section_tabs.currentIndex() == 2
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert page.section_tabs.currentIndex() == 1
    assert window.tabs.currentIndex() == 0  # the step stays; only its part changed


@pytest.fixture(autouse=True)
def _no_boxes_left(qtbot: QtBot) -> Iterator[None]:
    yield
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox) and box.isVisible():
            box.reject()


def test_no_alt_letter_means_two_things_in_the_dialogs_of_one_record(
    demo_services: Services, make_window: WindowFactory, tmp_path: Path
) -> None:
    """The dialogs that open on a chosen session, item or account, and the recovery dialog."""
    # No server answers there, so the move dialog shows its password row too.
    nowhere = Account("work", "caldav", url="http://127.0.0.1:9/", username="me", calendar_url="http://127.0.0.1:9/c/")
    demo_services.calendar.add_ics_account("phone", tmp_path / "phone.ics", ("milestone",))
    window = make_window(demo_services)
    sessions = learn_section(window, SessionsSection)
    past = next(r for r in sessions.sessions.visible_rows() if r.occurrence.start <= demo_services.now())
    assert sessions.sessions.select_first(lambda r: r is past)
    plan = learn_section(window, PlanSection)
    assert plan.plan.select_first(lambda r: r.item.status is not LearningStatus.DONE and bool(r.item.skill_ids))
    calendars = window.open_calendars()
    calendars.select("phone")
    account = calendars.selected_account()
    assert account is not None
    opened: list[QWidget | None] = [
        sessions.log_done(),
        sessions.move_occurrence(),
        plan.mark_done(),
        calendars.edit_selected(),
        calendars.ask_password(account),
        MoveCalendarDialog(demo_services, window.runner, nowhere, 3, window),  # its password row shown
        RecoveryDialog(tmp_path, DatabaseCorruptError("The data file is damaged.")),
    ]
    found = {}
    for dialog in opened:
        assert dialog is not None
        dialog.show()
        QApplication.processEvents()
        if clashes(dialog):
            found[dialog.windowTitle()] = clashes(dialog)
        dialog.close()
    assert found == {}
