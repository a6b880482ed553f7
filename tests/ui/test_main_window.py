"""The main window as a person meets it: tabs, headers, data, filters, shortcuts, remembered size."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from empower_desktop.services import Services
from empower_desktop.ui.main_window import WINDOW_FILE
from empower_desktop.ui.review.dashboard import DashboardSection
from empower_desktop.ui.step1.page import AssessPage
from empower_desktop.ui.widgets.step_page import StepPage
from empower_desktop.ui.widgets.table_panel import TablePanel

from .conftest import WindowFactory

TAB_NAMES = ["1 · Assess & Set Goals", "2 · Learn", "3 · Network & Mentor", "4 · Advocate", "Review"]


def tab_names(window: object) -> list[str]:
    tabs = window.tabs  # type: ignore[attr-defined]
    return [tabs.tabText(i).replace("&&", "&") for i in range(tabs.count())]


def test_title_and_the_five_tabs_in_order(services: Services, make_window: WindowFactory) -> None:
    window = make_window(services)
    assert window.windowTitle() == "Empower Desktop"
    assert tab_names(window) == TAB_NAMES


def test_each_tab_has_a_header_saying_what_to_do_first(services: Services, make_window: WindowFactory) -> None:
    window = make_window(services)
    for index, page in enumerate(window.pages):
        window.tabs.setCurrentIndex(index)
        header = page.header
        assert header.isVisible()
        assert header.title_label.font().bold()
        assert len(header.text_label.text().split()) >= 10
        assert header.plain_text().splitlines()[-1].startswith("Start here: ")


def test_only_the_visible_tab_reads_data_at_start(demo_services: Services, make_window: WindowFactory) -> None:
    window = make_window(demo_services)
    assert [window.is_built(i) for i in range(5)] == [True, False, False, False, False]
    assert window.page_at(0).loaded
    window.tabs.setCurrentIndex(3)
    assert window.is_built(3) and not window.is_built(1)
    assert window.pages[3].loaded
    assert window.pages[3].panels()[0].total_rows() > 0


def bring_to_front(page: StepPage, panel: TablePanel[Any]) -> None:
    """On a page with sections (sub-tabs), show the section that holds *panel*."""
    for section in getattr(page, "sections", []):
        if panel in section.panels():
            page.section_tabs.setCurrentWidget(section)  # type: ignore[attr-defined]


def test_example_data_shows_in_every_table(demo_services: Services, make_window: WindowFactory) -> None:
    window = make_window(demo_services)
    for index, page in enumerate(window.pages):
        window.tabs.setCurrentIndex(index)
        for panel in page.panels():
            bring_to_front(page, panel)
            assert panel.total_rows() > 0, panel.title()
            assert not panel.is_showing_hint()
            assert panel.table.isVisible()
    dashboard = window.pages[4].section_of(DashboardSection)  # type: ignore[attr-defined]
    assert dashboard.goals.total_rows() > 0 and dashboard.deadlines.total_rows() > 0


def test_goal_track_is_told_in_words_and_colour(demo_services: Services, make_window: WindowFactory) -> None:
    window = make_window(demo_services)
    goals = window.pages[0].panels()[0]
    column = [goals.model.headerData(c, Qt.Orientation.Horizontal) for c in range(goals.model.columnCount())]
    track = column.index("Track")
    smart = column.index("SMART")
    tracks = {goals.model.index(r, track).data() for r in range(goals.model.rowCount())}
    assert tracks & {"On track", "At risk", "Off track"}
    first = goals.model.index(0, track)
    assert first.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert first.data(Qt.ItemDataRole.DecorationRole) is not None
    smart_texts = {goals.model.index(r, smart).data() for r in range(goals.model.rowCount())}
    assert smart_texts <= {"Yes", "Draft \u2013 not SMART"}


def test_filter_narrows_the_tables_and_clearing_brings_all_back(
    demo_services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(demo_services)
    page = cast(AssessPage, window.pages[0])
    assert len(page.sections) == 5  # builds the sections not shown yet (they read at once)
    goals, skills = page.panels()[:2]
    all_goals, all_skills = goals.total_rows(), skills.total_rows()
    wanted = goals.visible_rows()[0].goal.title

    qtbot.keyClicks(page.filter_edit, wanted)

    assert [row.goal.title for row in goals.visible_rows()] == [wanted]
    assert goals.title() == f"Goals (1 of {all_goals})"
    assert skills.visible_rows() == [] or len(skills.visible_rows()) < all_skills
    page.filter_edit.clear()
    assert len(goals.visible_rows()) == all_goals
    assert len(skills.visible_rows()) == all_skills


def test_filter_with_no_match_says_so(demo_services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(demo_services)
    page = window.pages[0]
    qtbot.keyClicks(page.filter_edit, "zzzz-nothing")
    goals = page.panels()[0]
    assert goals.is_showing_hint()
    assert "Nothing here matches" in goals.hint.text()


def test_columns_sort_when_their_header_is_clicked(demo_services: Services, make_window: WindowFactory) -> None:
    window = make_window(demo_services)
    page = cast(AssessPage, window.pages[0])
    assert len(page.sections) == 5
    skills = page.panels()[1]
    skills.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    names = [row.skill.name for row in skills.visible_rows()]
    assert names == sorted(names, key=str.casefold, reverse=True)


def test_empty_tables_show_a_friendly_hint(services: Services, make_window: WindowFactory) -> None:
    services.data.start_empty()
    window = make_window(services)
    for index, page in enumerate(window.pages):
        window.tabs.setCurrentIndex(index)
        for panel in page.panels():
            bring_to_front(page, panel)
            assert panel.is_showing_hint(), panel.title()
            assert panel.hint.isVisible()
            assert "yet" in panel.hint.text()
    assert "No goals yet" in window.pages[0].panels()[0].hint.text()


def test_ctrl_number_switches_tabs_and_ctrl_f_focuses_the_filter(
    demo_services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(demo_services)
    with qtbot.waitActive(window):
        window.activateWindow()
    for number in (3, 5, 2, 4, 1):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == number - 1
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.pages[0].filter_edit


def test_every_menu_action_has_a_shortcut(services: Services, make_window: WindowFactory) -> None:
    window = make_window(services)
    menus: dict[str, QMenu] = {}
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            menus[top.text().replace("&", "")] = menu
    assert list(menus) == ["File", "Edit", "View", "Sync", "Settings", "Help"]
    actions = [a for menu in menus.values() for a in menu.actions() if not a.isSeparator()]
    texts = {a.text().replace("&&", "+").replace("&", "") for a in actions}
    for wanted in (
        "Backup…",
        "Restore…",
        "Export a copy of the calendar (.ics)…",
        "Quit",
        "Sync Calendar Now",
        "Settings…",
        "About Empower Desktop",
        "The Four Steps Explained",
    ):
        assert wanted in texts
    assert all(not a.shortcut().isEmpty() for a in actions), [a.text() for a in actions if a.shortcut().isEmpty()]
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.sync_action.shortcut().toString() == "Ctrl+Shift+S"
    assert window.settings_action.shortcut().toString() == "Ctrl+,"


def test_status_bar_shows_the_data_folder(services: Services, make_window: WindowFactory) -> None:
    window = make_window(services)
    assert window.data_label.text() == f"Data: {services.data_dir}"
    assert window.data_label.isVisible()


def test_size_position_and_tab_come_back_after_reopening(
    open_services: Callable[[], Services], make_window: WindowFactory, data_dir: Path, qtbot: QtBot
) -> None:
    first = make_window(open_services())
    first.resize(640, 480)  # smaller than the offscreen screen, so nothing is clamped
    first.move(37, 41)
    first.tabs.setCurrentIndex(2)
    qtbot.wait(10)
    geometry = first.geometry()
    first.close()
    assert (data_dir / WINDOW_FILE).is_file()

    second = make_window(open_services())
    assert second.size() == geometry.size() == first.size()
    assert second.geometry().topLeft() == geometry.topLeft()
    assert second.tabs.currentIndex() == 2
    assert isinstance(second.current_page(), StepPage)
    assert second.current_page().loaded


def test_first_open_has_a_sensible_size_within_the_screen(services: Services, make_window: WindowFactory) -> None:
    window = make_window(services)
    screen = window.screen().availableGeometry()
    assert window.width() == min(1180, int(screen.width() * 0.95))
    assert window.height() == min(760, int(screen.height() * 0.92))
    assert isinstance(window.current_page(), AssessPage)


def test_the_tabs_are_named_as_their_pages_say_and_built_only_when_shown(
    services: Services, make_window: WindowFactory
) -> None:
    from empower_desktop.ui.pages import PAGES

    window = make_window(services)
    for index, info in enumerate(PAGES):
        page = info.load()
        assert (info.tab_title, info.header_title) == (page.tab_title, page.header_title)
        assert window.tabs.tabText(index) == page.tab_label()
    assert window.is_built(0) and not any(window.is_built(i) for i in range(1, len(PAGES)))


def test_the_sync_menu_opens_the_issues_a_sync_left(services: Services, make_window: WindowFactory) -> None:
    """`empower-desktop sync` names Sync > Resolve Sync Issues for what waits: it is there, with its keys."""
    window = make_window(services)
    sync_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "S&ync")
    assert isinstance(sync_menu, QMenu) and window.resolve_action in sync_menu.actions()
    assert window.resolve_action.text() == "&Resolve Sync Issues…"
    assert window.resolve_action.shortcut().toString() == "Ctrl+Shift+R"
    window.resolve_action.trigger()
    assert window.conflicts_dialog is not None and window.conflicts_dialog.isVisible()
    window.conflicts_dialog.close()
