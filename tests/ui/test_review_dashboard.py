"""The Review tab's dashboard as a person sees it: the figures the dashboard services count (the
same the steps count), dates as the rest of the app writes them, each goal, deadline, session and
figure opening its record in its step, the charts drawn from the example data, and sentences
instead of empty tables and axes when there is nothing yet."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from empower_desktop.domain.goals import Track
from empower_desktop.services import Services
from empower_desktop.ui.formatting import fmt_date
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.review.charts import (
    GOAL,
    GOAL_EMPTY,
    HOURS,
    HOURS_EMPTY,
    SATISFACTION,
    SATISFACTION_EMPTY,
    SKILLS,
    SKILLS_EMPTY,
)
from empower_desktop.ui.review.dashboard import DashboardSection, RecordLink
from empower_desktop.ui.review.page import ReviewPage
from empower_desktop.ui.review.reviews import ReviewsSection
from empower_desktop.ui.step1.goals import GoalsSection
from empower_desktop.ui.step2.hours_chart import hours
from empower_desktop.ui.step2.plan import PlanSection
from empower_desktop.ui.step2.sessions import SessionsSection
from empower_desktop.ui.step3.contacts import ReachOutSection
from empower_desktop.ui.step3.meetings import MeetingsSection
from empower_desktop.ui.step4.opportunities import OpportunitiesSection
from empower_desktop.ui.widgets.table_panel import TablePanel

from .conftest import WindowFactory

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def review_page(window: MainWindow) -> ReviewPage:
    window.tab_actions[4].trigger()  # Ctrl+5
    QApplication.processEvents()
    page = window.current_page()
    assert isinstance(page, ReviewPage)
    return page


def dashboard(window: MainWindow) -> DashboardSection:
    section = review_page(window).show_section(DashboardSection)
    QApplication.processEvents()
    assert section.isVisible() and section.data is not None
    return section


def cells(panel: TablePanel[Any]) -> list[list[str]]:
    model = panel.model
    return [[str(model.data(model.index(r, c))) for c in range(model.columnCount())] for r in range(model.rowCount())]


def rows_of(panel: TablePanel[Any]) -> list[Any]:
    return [panel.model.row_at(r) for r in range(panel.model.rowCount())]


def double_click(panel: TablePanel[Any], row: object) -> None:
    """Double-click the row showing *row*, as a person would."""
    model = panel.model
    found = next(r for r in range(model.rowCount()) if model.row_at(r) is row)
    index = model.index(found, 0)
    panel.table.setCurrentIndex(index)
    panel.table.doubleClicked.emit(index)
    QApplication.processEvents()


def shown_texts(section: DashboardSection) -> list[str]:
    texts = [label.text() for label in section.findChildren(QLabel) if label.isVisibleTo(section)]
    for panel in section.panels():
        texts += [text for row in cells(panel) for text in row]
    return texts


def test_the_review_tab_has_the_dashboard_then_the_reviews(demo_services: Services, make_window: WindowFactory) -> None:
    page = review_page(make_window(demo_services))
    assert [page.section_tabs.tabText(i) for i in range(page.section_tabs.count())] == ["Dashboard", "Reviews"]
    assert page.current_section() is page.section_of(DashboardSection)
    assert isinstance(page.section_of(ReviewsSection), ReviewsSection)


def test_the_dashboard_shows_the_figures_the_steps_count(demo_services: Services, make_window: WindowFactory) -> None:
    section = dashboard(make_window(demo_services))
    figures = demo_services.dashboard.dashboard()
    tiles = section.tiles

    assert section.today_label.text() == "Today, Monday 15 Jun 2026 · week 25, Q2 2026"
    for name, track in (("off-track", Track.OFF_TRACK), ("at-risk", Track.AT_RISK), ("on-track", Track.ON_TRACK)):
        assert tiles[name].number.text() == str(figures.count(track)), name
    assert sum(figures.count(t) for t in (Track.OFF_TRACK, Track.AT_RISK, Track.ON_TRACK)) > 0
    assert tiles["week"].number.text() == hours(figures.week.logged)
    assert f"of {hours(figures.week.planned)} planned" in tiles["week"].detail.text()
    assert tiles["quarter"].number.text() == hours(figures.quarter.logged)
    assert f"of {hours(figures.quarter.planned)} planned" in tiles["quarter"].detail.text()
    if figures.quarter.not_logged:
        assert f"{figures.quarter.not_logged} session" in tiles["quarter"].detail.text()
    assert tiles["contacts"].number.text() == str(figures.contacts_due) == str(len(demo_services.network.reach_out()))
    assert tiles["actions"].number.text() == str(figures.open_actions)
    assert tiles["actions"].detail.text() == (
        f"{figures.my_open_actions} mine, {figures.open_actions - figures.my_open_actions} theirs"
    )
    assert tiles["achievements"].number.text() == str(figures.achievements_this_month)
    assert tiles["achievements"].detail.text() == "logged in June"

    assert rows_of(section.goals) == figures.goals
    first = cells(section.goals)[0]
    goal = figures.goals[0]
    assert first[0] == goal.title and first[3] == fmt_date(goal.deadline)
    assert first[1] in ("Off track", "At risk", "On track", "Not measured")
    assert rows_of(section.deadlines) == figures.deadlines
    assert [row[0] for row in cells(section.deadlines)] == [fmt_date(d.day) for d in figures.deadlines]
    assert rows_of(section.events) == figures.next_events
    assert figures.next_events, "the example data has sessions and meetings ahead"
    assert not [text for text in shown_texts(section) if ISO_DAY.search(text)]


def test_a_goal_opens_in_goals(demo_services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(demo_services)
    section = dashboard(window)
    goal = rows_of(section.goals)[0]
    section.goals.table.setFocus()
    section.goals.table.selectRow(0)
    qtbot.keyClick(section.goals.table, Qt.Key.Key_Return)  # Enter opens it, as a double-click does

    assert window.tabs.currentIndex() == 0
    goals = window.current_section()
    assert isinstance(goals, GoalsSection) and goals.isVisible()
    selected = goals.selected_goal()
    assert selected is not None and selected.id == goal.goal_id


def test_the_next_session_or_meeting_opens_in_its_step(demo_services: Services, make_window: WindowFactory) -> None:
    window = make_window(demo_services)
    section = dashboard(window)
    for kind in ("session", "meeting"):
        event = next((e for e in rows_of(section.events) if e.kind == kind), None)
        if event is None:
            continue
        double_click(dashboard(window).events, event)
        shown = window.current_section()
        if kind == "session":
            assert isinstance(shown, SessionsSection)
            row = shown.selected_row()
            assert row is not None and row.occurrence.session_id == event.record_id
            assert row.occurrence.start == event.start
        else:
            assert isinstance(shown, MeetingsSection)
            meeting = shown.selected_meeting()
            assert meeting is not None and meeting.id == event.record_id


def test_a_deadline_opens_its_goal_item_or_opportunity(demo_services: Services, make_window: WindowFactory) -> None:
    window = make_window(demo_services)
    section = dashboard(window)
    kinds = {figure.kind: figure for figure in rows_of(section.deadlines)}
    assert kinds, "the example data has deadlines in the next 30 days"
    for kind, figure in kinds.items():
        double_click(dashboard(window).deadlines, figure)
        shown = window.current_section()
        if kind in ("goal", "milestone"):
            assert isinstance(shown, GoalsSection)
            selected_goal = shown.selected_goal()
            assert selected_goal is not None and selected_goal.id == figure.record_id
        elif kind == "certification":
            assert isinstance(shown, PlanSection)
            item = shown.selected_item()
            assert item is not None and item.id == figure.record_id
        else:
            assert isinstance(shown, OpportunitiesSection)
            row = shown.list.selected_row()
            assert row is not None and row.opportunity.id == figure.record_id


def test_a_figure_opens_the_list_it_counts(demo_services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(demo_services)
    section = dashboard(window)
    qtbot.mouseClick(section.tiles["contacts"], Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == 2 and isinstance(window.current_section(), ReachOutSection)

    section = dashboard(window)
    section.tiles["week"].setFocus()
    qtbot.keyClick(section.tiles["week"], Qt.Key.Key_Space)
    assert window.tabs.currentIndex() == 1 and isinstance(window.current_section(), SessionsSection)


def test_a_session_beyond_the_weeks_shown_is_found(demo_services: Services, make_window: WindowFactory) -> None:
    window = make_window(demo_services)
    section = dashboard(window)
    later = [e for e in rows_of(section.events) if e.kind == "session"]
    if not later:
        return
    event = later[-1]
    shown = section.open(RecordLink("session", event.record_id, event.key, event.start.date()))
    assert isinstance(shown, SessionsSection)
    row = shown.selected_row()
    assert row is not None and row.occurrence.session_id == event.record_id


def test_the_charts_draw_the_example_data(demo_services: Services, make_window: WindowFactory) -> None:
    section = dashboard(make_window(demo_services))
    charts = section.charts
    section.scroll_area.ensureWidgetVisible(charts)
    figures = demo_services.dashboard.dashboard()

    charts.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    assert charts.goal_picker.count() == len(figures.goals)
    assert charts.chosen_goal() == figures.goals[0].goal_id
    series = demo_services.dashboard.goal_series(figures.goals[0].goal_id)
    if series.points or series.expected:
        assert charts.goal_chart.is_showing_chart()
        drawn = charts.goal_chart.drawn_points()
        assert len(drawn.get("Measured", [])) == len(series.points)
        assert [y for _x, y in drawn.get("Expected", [])] == [round(v * 100, 1) for _d, v in series.expected]
    other = next(i for i in range(charts.goal_picker.count()) if i != charts.goal_picker.currentIndex())
    charts.goal_picker.setCurrentIndex(other)  # pick another goal: its line is drawn
    picked = demo_services.dashboard.goal_series(charts.chosen_goal())
    assert [s.name for s in charts.goal_chart.series() if s.points] == [
        name for name, points in (("Expected", picked.expected), ("Measured", picked.points)) if points
    ]

    charts.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    assert charts.skill_chart.is_showing_chart()
    assert 0 < len(charts.skill_chart.drawn_points()) <= 5

    charts.tabs.setCurrentIndex(2)
    QApplication.processEvents()
    assert charts.hours_chart.is_showing_chart()
    weeks = demo_services.dashboard.hours_by_week(12)
    assert len(charts.hours_chart.drawn_bars()) == len(weeks) == 12

    charts.tabs.setCurrentIndex(3)
    QApplication.processEvents()
    assert charts.satisfaction_chart.is_showing_chart()
    assert len(charts.satisfaction_chart.drawn_points()["Overall"]) == len(
        demo_services.dashboard.satisfaction_series()
    )


def test_empty_data_shows_sentences_not_empty_tables_or_axes(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    section = dashboard(make_window(services))
    for name in ("off-track", "at-risk", "on-track", "contacts", "actions", "achievements"):
        assert section.tiles[name].number.text() == "0", name
    assert section.tiles["week"].number.text() == "0 h"
    assert section.tiles["contacts"].detail.text() == "nobody is due today"
    for panel in section.panels():
        assert panel.is_showing_hint(), panel.title()
    assert "No active goals yet" in section.goals.hint.text()

    charts = section.charts
    section.scroll_area.ensureWidgetVisible(charts)
    assert not charts.goal_picker.isVisibleTo(charts) and not charts.skill_picker.isVisibleTo(charts)
    for index, (chart, sentence) in enumerate(
        (
            (charts.goal_chart, GOAL_EMPTY),
            (charts.skill_chart, SKILLS_EMPTY),
            (charts.hours_chart, HOURS_EMPTY),
            (charts.satisfaction_chart, SATISFACTION_EMPTY),
        )
    ):
        charts.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert not chart.is_showing_chart()
        assert chart.placeholder.isVisible() and chart.placeholder.text() == sentence


def test_only_the_chart_in_front_is_read_and_it_follows_changes(
    demo_services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    section = dashboard(make_window(demo_services))
    charts = section.charts
    assert section.data is not None
    # the first read, with the charts not yet seen, reads none of their series
    assert all(section.data.charts.part(chart) is None for chart in (GOAL, SKILLS, HOURS, SATISFACTION))
    section.scroll_area.ensureWidgetVisible(charts)
    QApplication.processEvents()
    assert charts.stale == {SKILLS, HOURS, SATISFACTION}  # the goal's chart is in front: the others wait
    assert charts.goal_chart.is_showing_chart()

    charts.tabs.setCurrentIndex(HOURS)
    QApplication.processEvents()
    assert HOURS not in charts.stale and charts.hours_chart.drawn_target() == 3.0

    demo_services.settings.set("learning.weekly_target_hours", 5.0)  # as the Progress view would set it
    qtbot.waitUntil(lambda: charts.hours_chart.drawn_target() == 5.0)
    assert charts.stale == {GOAL, SKILLS, SATISFACTION}
    charts.tabs.setCurrentIndex(GOAL)  # back to the goal: its series are read again as it comes to the front
    QApplication.processEvents()
    assert GOAL not in charts.stale and charts.goal_chart.is_showing_chart()
