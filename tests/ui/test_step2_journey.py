"""Step 2 · the whole journey through the Learn tab, as a person takes it: from a goal's skill gap
plan a course, give it a weekly habit, log this week's session as done, see the week's logged
hours move on the chart, then finish the course and re-rate the skill, which closes part of the gap."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from empower_desktop.domain import Goal
from empower_desktop.domain.assess import RequiredSkill
from empower_desktop.domain.learn import LearningStatus, OccurrenceState
from empower_desktop.services import Services
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.step2.gap import GapSection
from empower_desktop.ui.step2.learned import LearnedSection
from empower_desktop.ui.step2.page import LearnPage
from empower_desktop.ui.step2.plan import PlanSection
from empower_desktop.ui.step2.progress import ProgressSection
from empower_desktop.ui.step2.sessions import SessionsSection
from empower_desktop.ui.widgets.section import Section
from empower_desktop.ui.widgets.table_panel import TablePanel

from ..conftest import FIXED_NOW
from .conftest import WindowFactory, learn_section

TODAY = FIXED_NOW.date()  # Monday 15 June 2026, 11:30 in Berlin (the fixture's zone)
THIS_WEEK = "W25 · 15 Jun"
COURSE = "Python for data pipelines"
TAKEAWAY = "Generators keep a pipeline's memory flat"


def with_goal(services: Services) -> tuple[str, str]:
    """Python rated 2 and an active SMART goal that needs it at 4 in a month; their ids."""
    services.data.start_empty()
    python = services.assessment.add_skill("Python", level=2, on=TODAY - timedelta(days=30))
    goal = Goal(
        title="Ship the data pipeline",
        specific="Ship the nightly sales data pipeline to production for the analytics team",
        metric="Pipelines in production",
        unit="pipelines",
        baseline=0,
        target=1,
        achievable="The team lead mentors me two hours a week",
        deadline=TODAY + timedelta(days=30),
        required_skills=[RequiredSkill(skill_id=python.id, target_level=4)],
    )
    goal = services.goals.save(goal, activate=True)
    return python.id, goal.id


def show(window: MainWindow, cls: type[Section]) -> Any:
    """Open the Learn tab and bring the sub-tab of *cls* to the front, as a click on it would."""
    return learn_section(window, cls)


def table_texts(panel: TablePanel[Any], columns: list[str]) -> list[list[str]]:
    """Every shown row as the table shows it, in these columns."""
    model = panel.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [[str(model.data(model.index(r, headers.index(c)))) for c in columns] for r in range(model.rowCount())]


def key(window: MainWindow, widget: QWidget, qtbot: QtBot, key: Qt.Key, ctrl: bool = False) -> None:
    """A key (or shortcut) pressed on *widget*, as a person would. A shortcut needs its window
    active; once a dialog has closed, wait until the window is active again."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    widget.setFocus()
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(widget, key, modifier)


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


def test_from_a_goals_gap_to_a_course_done_and_the_skill_re_rated(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    python_id, goal_id = with_goal(services)
    window = make_window(services)
    gap_columns = ["Goal", "Skill", "Target", "Current", "Gap"]

    # 1. Skills gap: the goal needs Python at 4, it is at 2
    gap = cast(GapSection, show(window, GapSection))
    assert table_texts(gap.goal_gaps, gap_columns) == [["Ship the data pipeline", "Python", "4", "2", "2"]]

    # 2. "Plan learning for this skill": the item editor opens on Plan with the skill and goal chosen
    row = gap.selected_row()
    assert row is not None and (row.skill_id, row.goal_id) == (python_id, goal_id)
    click(qtbot, gap.plan_button)
    plan = cast(LearnPage, window.current_page()).section_of(PlanSection)
    editor = plan.editor
    assert editor is not None and editor.isVisible() and plan.isVisible()
    assert (editor.skills_box.ticked_ids(), editor.goal_id()) == ([python_id], goal_id)
    qtbot.keyClicks(editor.title_edit, COURSE)
    click(qtbot, editor.save_button)
    assert not editor.isVisible()
    [course] = services.learning.items()
    assert (course.title, course.skill_ids, course.goal_id, course.status) == (
        COURSE,
        [python_id],
        goal_id,
        LearningStatus.PLANNED,
    )

    # 3. Sessions: a habit every Mon and Thu 07:30-08:15 from today until the end of July, typed in
    sessions = cast(SessionsSection, show(window, SessionsSection))
    click(qtbot, sessions.new_button)
    habit_editor = sessions.editor
    assert habit_editor is not None and habit_editor.isVisible()
    assert habit_editor.item_combo.currentText() == COURSE
    assert habit_editor.day_edit.value() == TODAY
    qtbot.keyClicks(habit_editor.start_edit, "7:30")
    qtbot.keyClicks(habit_editor.end_edit, "08:15")
    for day in ("Mon", "Thu"):
        qtbot.keyClick(next(b for b in habit_editor.day_boxes if b.text() == day), Qt.Key.Key_Space)
    qtbot.keyClicks(habit_editor.until_edit.edit, "2026-07-31")
    click(qtbot, habit_editor.save_button)
    assert not habit_editor.isVisible()
    [habit] = services.store.learning_sessions.all()
    assert (habit.item_id, habit.rrule) == (course.id, "FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20260731T215959Z")
    this_week = table_texts(sessions.sessions, ["When", "State"])[:2]
    assert this_week == [["Mon 15 Jun, 07:30\u201308:15", "Not logged"], ["Thu 18 Jun, 07:30\u201308:15", "Planned"]]

    # 4. Progress before logging: this week has both sessions planned, nothing logged
    progress = cast(ProgressSection, show(window, ProgressSection))
    before = progress.chart.drawn_bars()[THIS_WEEK]
    assert before == (1.5, 0.0)

    # 5. Sessions: this morning's session (already past) logged as done, 40 minutes, with a takeaway
    sessions = cast(SessionsSection, show(window, SessionsSection))
    assert sessions.sessions.select_first(lambda r: r.occurrence.key == "2026-06-15T07:30:00")
    key(window, sessions.sessions.table, qtbot, Qt.Key.Key_D, ctrl=True)
    log = sessions.log_dialog
    assert log is not None and log.isVisible()
    log.minutes_spin.lineEdit().selectAll()
    qtbot.keyClicks(log.minutes_spin, "40")
    qtbot.keyClicks(log.takeaway_edit, TAKEAWAY)
    click(qtbot, log.save_button)
    assert not log.isVisible()
    [logged] = services.store.occurrence_logs.all()
    assert (logged.occurrence, logged.state, logged.minutes_spent) == (
        "2026-06-15T07:30:00",
        OccurrenceState.DONE,
        40,
    )
    assert ["Mon 15 Jun, 07:30\u201308:15", "Done, 40 min"] in table_texts(sessions.sessions, ["When", "State"])

    # 6. Progress: this week's logged bar has moved up by the 40 minutes; the planned one has not
    progress = cast(ProgressSection, show(window, ProgressSection))
    after = progress.chart.drawn_bars()[THIS_WEEK]
    assert after != before
    assert after == (1.5, round(40 / 60, 2))

    # 7. Plan: the course marked done (Ctrl+D), Python re-rated at 3 in the dialog that follows
    plan = cast(PlanSection, show(window, PlanSection))
    assert plan.plan.select_first(lambda r: r.item.id == course.id)
    key(window, plan.plan.table, qtbot, Qt.Key.Key_D, ctrl=True)
    assert services.learning.items()[0].status is LearningStatus.DONE
    rerate = plan.rerate_dialog
    assert rerate is not None and rerate.isVisible()
    assert rerate.levels() == {python_id: 2}  # the current rating to begin with
    spin = rerate.fields[python_id].spin
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "3")
    click(qtbot, rerate.save_button)
    assert not rerate.isVisible()

    # 8. Python's history has the new rating, naming the course as its evidence
    latest = services.assessment.skill_history(python_id)[-1]
    assert (latest.level, latest.rated_on, latest.evidence) == (3, TODAY, f"Finished {COURSE}")
    assert len(services.assessment.skill_history(python_id)) == 2

    # 9. Skills gap: half the gap closed
    gap = cast(GapSection, show(window, GapSection))
    assert table_texts(gap.goal_gaps, gap_columns) == [["Ship the data pipeline", "Python", "4", "3", "1"]]

    # 10. What I learned: the takeaway is there, under the course
    learned = cast(LearnedSection, show(window, LearnedSection))
    assert TAKEAWAY in learned.shown_texts()
    entry = next(e for e in learned.table.visible_rows() if e.text == TAKEAWAY)
    assert (entry.item_title, entry.source, entry.on) == (COURSE, "session", date(2026, 6, 15))
