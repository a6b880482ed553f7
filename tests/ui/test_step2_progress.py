"""Step 2 · Progress as a person sees it: hours planned and logged per week against the weekly
target, the target changed by typing, other quarters, and certifications due for renewal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import cast

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from empower_desktop.domain import LearningItem, LearningSession, ZonedDateTime
from empower_desktop.domain.learn import LearningType
from empower_desktop.domain.recurrence import weekly_rule
from empower_desktop.services import Services
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.step2.progress import ProgressSection

from .conftest import WindowFactory, learn_page, learn_section

TZ = "Europe/Berlin"  # the fixture's zone; today is Monday 15 June 2026 (ISO week 25), 11:30 in Berlin
THIS_WEEK = "W25 · 15 Jun"
LAST_WEEK = "W24 · 8 Jun"


def progress_section(window: MainWindow) -> ProgressSection:
    return learn_section(window, ProgressSection)


def with_habit(services: Services) -> tuple[str, str]:
    """A course with a habit every Tue and Thu 7:30-8:15 in June, last Tuesday's logged (30 min).
    The ids of the item and the habit."""
    services.data.start_empty()
    course = services.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Distributed systems"))
    start = ZonedDateTime.at(datetime(2026, 6, 2, 7, 30), TZ)
    habit = services.learning.save_session(
        LearningSession(
            item_id=course.id,
            start=start,
            end=start + timedelta(minutes=45),
            rrule=weekly_rule([1, 3], date(2026, 6, 30), TZ),
        )
    )
    services.learning.log_done(habit.id, "2026-06-09T07:30:00", 30)
    return course.id, habit.id


def test_the_chart_shows_planned_and_logged_hours_per_week(services: Services, make_window: WindowFactory) -> None:
    with_habit(services)
    section = progress_section(make_window(services))
    chart = section.chart

    assert chart.is_showing_chart()
    bars = chart.drawn_bars()
    assert len(bars) == 14  # ISO weeks 14 to 27 hold the second quarter
    weeks = list(bars)
    assert (weeks[0], weeks[-1]) == ("W14 · 30 Mar", "W27 · 29 Jun")
    assert bars[LAST_WEEK] == (1.5, 0.5)  # two sessions of 45 min planned, 30 min logged
    assert bars[THIS_WEEK] == (1.5, 0.0)
    assert bars["W23 · 1 Jun"] == (1.5, 0.0)
    assert bars["W27 · 29 Jun"] == (0.75, 0.0)  # Tuesday 30 June is the last
    assert bars["W20 · 11 May"] == (0.0, 0.0)
    assert chart.drawn_target() == 3.0
    assert list(bars)[cast(int, chart.current_index())] == THIS_WEEK
    assert section.quarter_label.text() == "Q2 2026 · weeks 14\u201327"
    assert section.summary_label.text() == "This week: 0 of 3 h logged; quarter: 0.5 of 42 h"


def test_logging_a_session_moves_this_weeks_logged_bar(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    course_id, _habit_id = with_habit(services)
    window = make_window(services)
    section = progress_section(window)
    assert section.chart.drawn_bars()[THIS_WEEK] == (1.5, 0.0)

    start = ZonedDateTime.at(datetime(2026, 6, 15, 8, 0), TZ)  # this morning, before now
    one_off = services.learning.save_session(
        LearningSession(item_id=course_id, start=start, end=start + timedelta(hours=1))
    )
    services.learning.log_done(one_off.id, "2026-06-15T08:00:00", 50, "Quorum reads are not free")
    learn_page(window).reload()  # what a section that logged time asks for

    bars = section.chart.drawn_bars()
    assert bars[THIS_WEEK] == (2.5, round(50 / 60, 2))
    assert bars[LAST_WEEK] == (1.5, 0.5)  # the other weeks stay as they were
    assert section.summary_label.text() == "This week: 0.8 of 3 h logged; quarter: 1.3 of 42 h"


def test_typing_a_weekly_target_saves_it_and_moves_the_line(
    services: Services, make_window: WindowFactory, qtbot: QtBot, open_services: Callable[[], Services]
) -> None:
    with_habit(services)
    window = make_window(services)
    section = progress_section(window)
    spin = section.target_spin
    assert spin.value() == 3.0

    window.activateWindow()
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "4.5")
    qtbot.keyClick(spin, Qt.Key.Key_Return)

    assert services.learning.weekly_target_hours() == 4.5
    assert open_services().learning.weekly_target_hours() == 4.5  # stored: the app opened again has it
    assert section.chart.drawn_target() == 4.5
    assert section.summary_label.text() == "This week: 0 of 4.5 h logged; quarter: 0.5 of 63 h"
    assert window.statusBar().currentMessage() == "Weekly learning target: 4.5 h"

    spin.setValue(0)  # the arrows or the keyboard down to "No target"; saved once the person pauses
    qtbot.waitUntil(lambda: services.learning.weekly_target_hours() == 0.0, timeout=3000)
    assert section.chart.drawn_target() is None
    assert spin.text() == "No target"
    assert section.summary_label.text() == "This week: 0 h logged of 1.5 h planned; quarter: 0.5 h of 6.8 h"


def test_other_quarters_are_one_click_away(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    with_habit(services)
    section = progress_section(make_window(services))
    assert not section.this_button.isEnabled()

    qtbot.mouseClick(section.next_button, Qt.MouseButton.LeftButton)
    assert section.quarter_label.text() == "Q3 2026 · weeks 27\u201340"
    bars = section.chart.drawn_bars()
    assert sorted(bars)[0] == "W27 · 29 Jun" and bars["W27 · 29 Jun"] == (0.75, 0.0)
    assert section.chart.current_index() is None
    assert section.summary_label.text() == "Q3 2026: 0 h of 42 h logged (0.8 h planned)"
    assert section.this_button.isEnabled()

    qtbot.mouseClick(section.previous_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(section.previous_button, Qt.MouseButton.LeftButton)
    assert section.quarter_label.text() == "Q1 2026 · weeks 1\u201314"
    assert not section.chart.is_showing_chart()  # nothing planned then: the friendly placeholder
    assert section.chart.placeholder.isVisible()

    qtbot.mouseClick(section.this_button, Qt.MouseButton.LeftButton)
    assert section.quarter_label.text() == "Q2 2026 · weeks 14\u201327"
    assert section.chart.drawn_bars()[LAST_WEEK] == (1.5, 0.5)


def test_certifications_due_for_renewal_are_listed_under_the_chart(
    services: Services, make_window: WindowFactory
) -> None:
    services.data.start_empty()
    for title, expires in (("CKA", date(2026, 7, 26)), ("Scrum master", date(2026, 6, 5)), ("AWS", date(2027, 3, 1))):
        services.learning.save_item(
            LearningItem(kind=LearningType.CERTIFICATION, title=title, earned_on=date(2024, 6, 1), expires_on=expires)
        )
    section = progress_section(make_window(services))

    assert section.reminders_box.isVisible()
    assert section.reminder_texts() == [
        "Scrum master expired 10 days ago (5 Jun 2026) — renew it or plan the exam again",
        "CKA expires in 41 days (26 Jul 2026) — plan the renewal",
    ]
    assert not section.chart.is_showing_chart()  # no sessions yet: the placeholder says what to do
    assert "Schedule a session" in section.chart.placeholder.text()
