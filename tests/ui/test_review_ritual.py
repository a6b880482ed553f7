"""The review ritual as a person runs it, from an empty data folder with a goal, a rated skill and a
learning session logged this week: a weekly review completed end to end with the keyboard (a skill
re-rated, a goal's progress updated, a focus picked) and found in the history; a review closed
half-way resumed on the page reached; a pause without a reason refused; the next review asking
whether the last focus was kept; the ritual's day and time changed (a time that is not one refused);
and a goal paused and resumed in step 1."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTreeWidget
from pytestqt.qtbot import QtBot

from empower_desktop.domain import Goal, LearningItem, LearningSession
from empower_desktop.domain.assess import GoalStatus
from empower_desktop.domain.common import ZonedDateTime
from empower_desktop.domain.learn import LearningType
from empower_desktop.domain.review import ReviewKind
from empower_desktop.services import Services
from empower_desktop.ui.formatting import DASH, EN_DASH
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.review.dashboard import DashboardSection
from empower_desktop.ui.review.page import ReviewPage
from empower_desktop.ui.review.reviews import ReviewsSection
from empower_desktop.ui.review.ritual_dialog import RitualDialog
from empower_desktop.ui.review.wizard import GoalsPage, ReviewWizard, SkillsPage
from empower_desktop.ui.step1.goals import STATUS_FILTERS, GoalsSection
from empower_desktop.ui.step1.page import AssessPage

from ..conftest import TODAY
from .conftest import WindowFactory, activate, only_box, press, tab_section, type_into
from .keys import clashes, mnemonic

CTRL = Qt.KeyboardModifier.ControlModifier
TZ = "Europe/Berlin"


def seed(services: Services) -> tuple[str, str]:
    """An active SMART goal at 2 of 10 talks, Kubernetes rated 2, and a course on it with a session
    logged done on Friday 12 June; the ids of the skill and the goal."""
    services.data.start_empty()
    skill = services.assessment.add_skill("Kubernetes", level=2, on=TODAY - timedelta(days=60))
    goal = services.goals.save(
        Goal(
            title="Give ten internal tech talks",
            specific="Give ten internal tech talks on platform engineering to the product teams",
            metric="Talks given",
            unit="talks",
            baseline=0,
            target=10,
            current=2,
            achievable="One talk a month, prepared on Friday afternoons",
            relevant="Speaking is what the staff role asks for",
            start=TODAY - timedelta(days=90),
            deadline=TODAY + timedelta(days=120),
        ),
        activate=True,
    )
    course = services.learning.save_item(
        LearningItem(kind=LearningType.COURSE, title="Kubernetes the hard way", skill_ids=[skill.id])
    )
    start = ZonedDateTime.at(datetime(2026, 6, 12, 18, 0), TZ)
    session = services.learning.save_session(
        LearningSession(item_id=course.id, start=start, end=start + timedelta(minutes=45))
    )
    services.learning.log_done(session.id, "2026-06-12T18:00:00", 45, "Etcd needs an odd number of nodes")
    return skill.id, goal.id


def reviews_section(window: MainWindow) -> ReviewsSection:
    """The Reviews part of the Review tab, in front, with the keys going to the window."""
    section = tab_section(window, 4, ReviewsSection)  # Ctrl+5
    assert isinstance(window.current_page(), ReviewPage)
    return section


def start_weekly(qtbot: QtBot, window: MainWindow, section: ReviewsSection) -> ReviewWizard:
    """Weekly review… with Ctrl+N, as a person starts (or resumes) it."""
    activate(qtbot, window)
    section.list.table.setFocus()
    qtbot.keyClick(section.list.table, Qt.Key.Key_N, CTRL)
    wizard = section.dialog
    assert isinstance(wizard, ReviewWizard) and wizard.isVisible()
    activate(qtbot, wizard)
    return wizard


def next_page(qtbot: QtBot, wizard: ReviewWizard) -> None:
    """Next (Alt+N: the offscreen test platform does not deliver Alt+letter, so it is clicked)."""
    before = wizard.index
    assert mnemonic(wizard.next_button.text()) == "n"
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.index == before + 1, wizard.error_label.text()


def cell(tree: QTreeWidget, row: int, column: int) -> str:
    item = tree.topLevelItem(row)
    assert item is not None
    return item.text(column)


def row_texts(section: ReviewsSection) -> list[list[str]]:
    return [[column.text(row) for column in section.list.model.columns] for row in section.list.visible_rows()]


def test_a_weekly_review_end_to_end_with_a_skill_re_rated_a_goal_updated_and_a_focus(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    skill_id, goal_id = seed(services)
    window = make_window(services)
    section = reviews_section(window)
    assert section.list.is_showing_hint() and "Ctrl+N" in section.list.hint.text()
    assert section.ritual_label.text().startswith("Your review: Fridays at 16:00")
    assert "next on 19 Jun 2026" in section.ritual_label.text()

    wizard = start_weekly(qtbot, window, section)
    assert wizard.indicator.text() == "1 of 6 · What I did"
    assert clashes(wizard) == {}
    done = wizard.current_page()
    assert "Kubernetes the hard way · 45 min" in done.recap_view.toPlainText()  # type: ignore[attr-defined]
    assert "Fri 12 Jun 2026" in done.recap_view.toPlainText()  # type: ignore[attr-defined]
    assert not done.kept_box.isVisible()  # type: ignore[attr-defined]  # no earlier focus to ask about
    type_into(qtbot, done.text, "Finished the etcd chapter")  # type: ignore[attr-defined]
    next_page(qtbot, wizard)
    assert wizard.indicator.text() == "2 of 6 · What slipped"
    next_page(qtbot, wizard)

    # Re-rate the skill worked on: it is listed because the logged session's course is about it
    skills = wizard.current_page()
    assert isinstance(skills, SkillsPage) and wizard.indicator.text() == "3 of 6 · Re-rate skills"
    assert not skills.all_box.isChecked()
    assert skills.skills.topLevelItemCount() == 1 and cell(skills.skills, 0, 0) == "Kubernetes"
    assert cell(skills.skills, 0, 1) == "2 · Advanced beginner"
    skills.level_combo.setFocus()
    skills.level_combo.setCurrentIndex(skills.level_combo.findData(3))
    qtbot.mouseClick(skills.rerate_button, Qt.MouseButton.LeftButton)
    history = services.assessment.skill_history(skill_id)
    assert [(r.level, r.rated_on) for r in history][-1] == (3, TODAY)
    assert cell(skills.skills, 0, 1) == "3 · Competent"
    assert cell(skills.skills, 0, 3) == "Re-rated"
    next_page(qtbot, wizard)

    # The goal's progress: 2 → 6 talks, typed and Enter
    goals = wizard.current_page()
    assert isinstance(goals, GoalsPage) and goals.selected_id() == goal_id
    assert cell(goals.goals, 0, 1) == "2 talks, target 10 talks (20%)"
    goals.value_edit.clear()
    type_into(qtbot, goals.value_edit, "6")
    qtbot.keyClick(goals.value_edit, Qt.Key.Key_Return)  # updates the progress, does not leave the page
    assert wizard.current_page() is goals
    assert services.store.goals.get(goal_id).current == 6
    assert cell(goals.goals, 0, 1) == "6 talks, target 10 talks (60%)"
    qtbot.mouseClick(goals.decide_button, Qt.MouseButton.LeftButton)  # Keep, no reason needed
    assert cell(goals.goals, 0, 3) == "Keep"
    next_page(qtbot, wizard)

    learned = wizard.current_page()
    type_into(qtbot, learned.text, "I learn best in the evening, with a lab open")  # type: ignore[attr-defined]
    next_page(qtbot, wizard)
    assert wizard.indicator.text() == "6 of 6 · Focus for next week"
    assert wizard.finish_button.isVisible() and not wizard.next_button.isVisible()

    # Finishing without a focus is refused inline; with one, Ctrl+Enter finishes
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert wizard.isVisible() and "Pick a focus" in wizard.error_label.text()
    focus = wizard.current_page()
    type_into(qtbot, focus.edit, "Give the etcd talk to the payments team")  # type: ignore[attr-defined]
    qtbot.keyClick(focus.edit, Qt.Key.Key_Return, CTRL)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not wizard.isVisible())

    # In the history, selected, with its focus; read again, it shows what it recorded
    qtbot.waitUntil(lambda: section.list.model.rowCount() == 1)
    assert row_texts(section) == [
        [f"8 Jun {EN_DASH} 15 Jun 2026", "Weekly", "Completed", "Give the etcd talk to the payments team", DASH]
    ]
    (row,) = services.review.history()
    review = row.review
    assert review.completed and review.finished_on == TODAY
    assert review.rerated_skill_ids == [skill_id] and review.done == "Finished the etcd chapter"
    assert [(d.goal_id, d.action.value) for d in review.goal_decisions] == [(goal_id, "keep")]
    selected = section.selected_review()
    assert selected is not None and selected.id == review.id
    activate(qtbot, window)
    section.list.table.setFocus()
    qtbot.keyClick(section.list.table, Qt.Key.Key_Return)  # Open…
    view = section.dialog
    assert view is not None and view.isVisible()
    text = view.view.toPlainText()
    assert "Kubernetes: 3 · Competent" in text and "Give ten internal tech talks: Keep" in text
    # what the first pages listed for the week, then what was written on them
    assert "Sessions logged (1)" in text and "Kubernetes the hard way · 45 min" in text
    assert text.index("Kubernetes the hard way · 45 min") < text.index("Finished the etcd chapter")
    assert "Sessions missed (" in text and "Milestones overdue (" in text
    assert "I learn best in the evening" in text and "Finished on 15 Jun 2026" in text
    view.reject()

    # The dashboard reads the new progress, and so does the Dashboard part of the tab
    figure = next(g for g in services.dashboard.dashboard().goals if g.goal_id == goal_id)
    assert figure.fraction == 0.6
    page = window.current_page()
    assert isinstance(page, ReviewPage)
    dashboard = page.show_section(DashboardSection)
    qtbot.waitUntil(lambda: any(g.goal_id == goal_id and g.fraction == 0.6 for g in dashboard.goals.visible_rows()))


def test_a_review_closed_half_way_resumes_on_the_page_reached(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    seed(services)
    window = make_window(services)
    section = reviews_section(window)
    wizard = start_weekly(qtbot, window, section)
    type_into(qtbot, wizard.current_page().text, "Two evenings of labs")  # type: ignore[attr-defined]
    next_page(qtbot, wizard)
    type_into(qtbot, wizard.current_page().text, "Skipped the Tuesday session")  # type: ignore[attr-defined]
    next_page(qtbot, wizard)
    assert wizard.indicator.text() == "3 of 6 · Re-rate skills"
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Escape)  # Cancel asks nothing
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert only_boxes_none(window)
    assert "resume it with Weekly review…" in window.statusBar().currentMessage()

    unfinished = services.review.unfinished(ReviewKind.WEEKLY)
    assert unfinished is not None and unfinished.page == "skills"
    assert (unfinished.done, unfinished.slipped) == ("Two evenings of labs", "Skipped the Tuesday session")
    qtbot.waitUntil(lambda: section.list.model.rowCount() == 1)
    assert row_texts(section)[0][2] == "In progress (resume)"
    assert section.open_button.text() == "Resu&me…"

    # Weekly review… again resumes it, on the page reached, with what was typed
    again = start_weekly(qtbot, window, section)
    assert again is not wizard and again.review.id == unfinished.id
    assert again.indicator.text() == "3 of 6 · Re-rate skills"
    assert mnemonic(again.back_button.text()) == "b"  # Alt+B
    qtbot.mouseClick(again.back_button, Qt.MouseButton.LeftButton)
    assert again.indicator.text() == "2 of 6 · What slipped"
    assert again.current_page().text.toPlainText() == "Skipped the Tuesday session"  # type: ignore[attr-defined]
    again.reject()
    assert len(services.review.reviews()) == 1


def only_boxes_none(window: MainWindow) -> bool:
    from .conftest import open_boxes

    return open_boxes(window) == []


def test_a_pause_without_a_reason_is_refused_and_with_one_the_goal_is_paused(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    _skill_id, goal_id = seed(services)
    window = make_window(services)
    section = reviews_section(window)
    wizard = start_weekly(qtbot, window, section)
    for _ in range(3):
        next_page(qtbot, wizard)
    goals = wizard.current_page()
    assert isinstance(goals, GoalsPage)
    goals.action_combo.setCurrentIndex(goals.action_combo.findText("Pause"))
    qtbot.mouseClick(goals.decide_button, Qt.MouseButton.LeftButton)
    assert wizard.error_label.isVisible() and "Say why" in wizard.error_label.text()
    assert services.store.goals.get(goal_id).status is GoalStatus.ACTIVE  # nothing changed
    type_into(qtbot, goals.reason_edit, "The talks wait until the migration ships")
    qtbot.keyClick(goals.reason_edit, Qt.Key.Key_Return)
    assert not wizard.error_label.isVisible()
    assert services.store.goals.get(goal_id).status is GoalStatus.PAUSED
    assert cell(goals.goals, 0, 3) == "Pause: The talks wait until the migration ships"
    decisions = services.review.unfinished(ReviewKind.WEEKLY).goal_decisions  # type: ignore[union-attr]
    assert [(d.action.value, d.reason) for d in decisions] == [("pause", "The talks wait until the migration ships")]
    wizard.reject()


def test_the_next_review_asks_whether_the_focus_was_kept_and_the_history_shows_it(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    seed(services)
    first = services.review.start(ReviewKind.WEEKLY)
    first.focus = "Give the etcd talk"
    services.review.finish(services.review.save_page(first, "focus"))
    window = make_window(services)
    section = reviews_section(window)
    qtbot.waitUntil(lambda: section.list.model.rowCount() == 1)
    assert row_texts(section)[0][4] == DASH  # not asked yet

    wizard = start_weekly(qtbot, window, section)
    done = wizard.current_page()
    assert done.kept_box.isVisible()  # type: ignore[attr-defined]
    assert done.kept_question.text() == "Did you keep last week's focus: “Give the etcd talk”?"  # type: ignore[attr-defined]
    assert mnemonic(done.kept_yes.text()) == "y"  # type: ignore[attr-defined]  # Alt+Y
    qtbot.mouseClick(done.kept_yes, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert done.kept_yes.isChecked()  # type: ignore[attr-defined]
    for _ in range(5):
        next_page(qtbot, wizard)
    type_into(qtbot, wizard.current_page().edit, "Write the talk's abstract")  # type: ignore[attr-defined]
    qtbot.mouseClick(wizard.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())

    qtbot.waitUntil(lambda: section.list.model.rowCount() == 2)
    rows = row_texts(section)
    assert [(r[3], r[4]) for r in rows] == [("Write the talk's abstract", DASH), ("Give the etcd talk", "Yes")]


def test_the_ritual_is_changed_and_a_time_that_is_not_one_is_refused(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    services.data.start_empty()
    window = make_window(services)
    section = reviews_section(window)
    qtbot.mouseClick(section.ritual_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert isinstance(dialog, RitualDialog) and dialog.isVisible()
    assert clashes(dialog) == {}
    activate(qtbot, dialog)
    dialog.weekday_combo.setCurrentIndex(0)  # Monday
    dialog.time_edit.selectAll()
    type_into(qtbot, dialog.time_edit, "25:00")
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert services.review.ritual().weekday == 5  # nothing stored
    dialog.time_edit.selectAll()
    type_into(qtbot, dialog.time_edit, "08:30")
    dialog.weeks_spin.setValue(1)
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    ritual = services.review.ritual()
    assert (ritual.weekday, ritual.time, ritual.every_weeks) == (1, "08:30", 1)
    qtbot.waitUntil(lambda: "Mondays at 08:30, every week" in section.ritual_label.text())
    assert "next on 15 Jun 2026" in section.ritual_label.text()  # today is a Monday


def test_a_goal_paused_and_resumed_in_step_1(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    _skill_id, goal_id = seed(services)
    window = make_window(services)
    page = window.current_page()
    assert isinstance(page, AssessPage)
    goals = page.show_section(GoalsSection)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: goals.goals.model.rowCount() == 1)
    goals.goals.select_first(lambda r: r.goal.id == goal_id)
    assert goals.pause_action.isEnabled() and not goals.resume_action.isEnabled()
    goals.pause_action.trigger()
    press(only_box(goals), "Pause")
    qtbot.waitUntil(lambda: services.store.goals.get(goal_id).status is GoalStatus.PAUSED)
    goals.status_filter.setCurrentIndex([label for label, _ in STATUS_FILTERS].index("Paused"))
    qtbot.waitUntil(lambda: goals.goals.model.rowCount() == 1)
    assert goals.goals.visible_rows()[0].goal.status is GoalStatus.PAUSED
    goals.goals.select_first(lambda r: True)
    assert goals.resume_action.isEnabled() and not goals.pause_action.isEnabled()
    goals.resume_action.trigger()
    qtbot.waitUntil(lambda: services.store.goals.get(goal_id).status is GoalStatus.ACTIVE)
    assert clashes(window) == {}
