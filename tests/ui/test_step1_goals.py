"""Step 1 · Goals as a person uses it: write a goal, watch the SMART check, save, measure, undo."""

from __future__ import annotations

from datetime import date
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from empower_desktop.domain.assess import GoalStatus
from empower_desktop.services import Services
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.step1.goal_editor import GoalEditor
from empower_desktop.ui.step1.goals import STATUS_FILTERS, GoalsSection
from empower_desktop.ui.step1.page import AssessPage

from ..conftest import FIXED_NOW
from .conftest import WindowFactory, only_box, press


def goals_section(window: MainWindow) -> GoalsSection:
    page = cast(AssessPage, window.pages[0])
    section = next(s for s in page.sections if isinstance(s, GoalsSection))
    page.section_tabs.setCurrentWidget(section)
    return section


def failing_letters(editor: GoalEditor) -> list[str]:
    return editor.checklist.failing()


def shown_titles(section: GoalsSection) -> list[str]:
    return [row.goal.title for row in section.goals.visible_rows()]


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    qtbot.keyClicks(widget, text)


def test_writing_a_goal_through_the_editor_as_a_person_would(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    services.data.start_empty()
    window = make_window(services)
    section = goals_section(window)
    qtbot.mouseClick(section.new_button, Qt.MouseButton.LeftButton)
    editor = section.editor
    assert editor is not None and editor.isVisible()
    assert failing_letters(editor) == ["S", "M", "A", "R", "T"]
    assert not editor.activate_button.isEnabled()

    type_into(qtbot, editor.title_edit, "Give two conference talks")
    type_into(qtbot, editor.specific_edit, "Speak at two regional conferences about our event pipeline")
    assert "S" not in failing_letters(editor)
    type_into(qtbot, editor.metric_edit, "talks given")
    assert "no target value" in editor.checklist.lines["M"].text()
    type_into(qtbot, editor.baseline_edit, "0")
    type_into(qtbot, editor.target_edit, "2")
    type_into(qtbot, editor.current_edit, "0")
    assert "M" not in failing_letters(editor)
    type_into(qtbot, editor.achievable_edit, "Abstract drafted; my manager supports the travel")
    type_into(qtbot, editor.relevant_edit, "Visibility for the staff-engineer path")
    assert failing_letters(editor) == ["T"]
    type_into(qtbot, editor.start_edit.edit, "2026-06-01")
    type_into(qtbot, editor.deadline_edit.edit, "2026-12-31")
    assert failing_letters(editor) == []
    assert editor.activate_button.isEnabled()

    qtbot.mouseClick(editor.add_milestone_button, Qt.MouseButton.LeftButton)
    title_cell, date_cell = editor.milestones_table.item(0, 0), editor.milestones_table.item(0, 1)
    assert title_cell is not None and date_cell is not None
    title_cell.setText("Abstract accepted")
    date_cell.setText("2026-09-01")
    qtbot.mouseClick(editor.activate_button, Qt.MouseButton.LeftButton)

    assert not editor.isVisible()
    [goal] = services.store.goals.all()
    assert goal.status is GoalStatus.ACTIVE
    assert (goal.deadline, goal.target, goal.milestones[0].title) == (date(2026, 12, 31), 2.0, "Abstract accepted")
    row = section.goals.selected_row()
    assert row is not None and row.goal.id == goal.id
    assert window.statusBar().currentMessage() == "Goal “Give two conference talks” saved and active"

    # Update progress: the history keeps the dated value, and the list shows where it stands.
    qtbot.mouseClick(section.progress_button, Qt.MouseButton.LeftButton)
    dialog = section.progress_dialog
    assert dialog is not None
    dialog.value_edit.clear()
    type_into(qtbot, dialog.value_edit, "1")
    dialog.save()
    stored = services.store.goals.get(goal.id)
    assert stored.current == 1.0
    assert [(p.on, p.value) for p in stored.progress] == [(FIXED_NOW.date(), 1.0)]
    row = section.goals.selected_row()
    assert row is not None and row.progress == 0.5
    track_cell = section.goals.model.index(0, 2)
    assert section.goals.model.data(track_cell) == "On track"


def test_a_vague_goal_is_kept_as_a_draft_and_marked_so(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    services.data.start_empty()
    window = make_window(services)
    section = goals_section(window)
    editor = section.new_goal()
    type_into(qtbot, editor.title_edit, "Get better at negotiation")
    assert not editor.activate_button.isEnabled()
    qtbot.mouseClick(editor.draft_button, Qt.MouseButton.LeftButton)
    [goal] = services.store.goals.all()
    assert goal.status is GoalStatus.DRAFT
    smart_cell = section.goals.model.index(0, 5)
    assert section.goals.model.data(smart_cell) == "Draft \u2013 not SMART"


def test_bad_input_gets_an_inline_message_and_saves_nothing(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    services.data.start_empty()
    window = make_window(services)
    editor = goals_section(window).new_goal()

    editor.save(activate=False)  # no title at all
    assert editor.isVisible() and editor.error_label.isVisible()
    assert editor.error_label.text() == "A goal's title cannot be empty"

    type_into(qtbot, editor.title_edit, "Ship it")
    type_into(qtbot, editor.baseline_edit, "lots")
    assert "Fix first: Baseline: “lots” is not a number" in editor.checklist.lines["S"].text()
    assert not editor.activate_button.isEnabled()
    editor.save(activate=False)
    assert editor.error_label.text() == "Baseline: “lots” is not a number"

    editor.baseline_edit.setText("1e20")
    editor.save(activate=False)
    assert "Baseline is not a usable number" in editor.error_label.text()
    editor.baseline_edit.clear()

    type_into(qtbot, editor.start_edit.edit, "2026-09-01")
    type_into(qtbot, editor.deadline_edit.edit, "2026-08-01")
    editor.save(activate=False)
    assert "the deadline (1 Aug 2026) is before the start (1 Sep 2026)" in editor.error_label.text()
    editor.deadline_edit.set_value(None)

    editor.title_edit.setMaxLength(20_000)
    editor.title_edit.setText("x" * 10_000)  # a 10,000-character paste
    editor.save(activate=False)
    assert "too long (10,000 characters; at most 200)" in editor.error_label.text()
    assert services.store.goals.count() == 0
    assert window.isVisible()


def test_delete_asks_first_and_ctrl_z_brings_the_goal_back(
    demo_services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(demo_services)
    section = goals_section(window)
    target = next(r.goal for r in demo_services.goals.rows() if r.goal.status is GoalStatus.ACTIVE)
    assert section.goals.select_first(lambda row: row.goal.id == target.id)
    section.delete_goal()
    box = only_box(window)
    assert box.text() == f"Delete “{target.title}” with its milestones and progress history?"
    press(box, "Delete")
    assert target.title not in shown_titles(section)
    assert target.id not in {g.id for g in demo_services.store.goals.all()}

    window.activateWindow()
    section.goals.table.setFocus()
    qtbot.keyClick(section.goals.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert demo_services.store.goals.get(target.id) == target
    assert target.title in shown_titles(section)
    assert window.statusBar().currentMessage() == f"Restored goal “{target.title}”"


def test_archived_goals_are_out_of_the_way_but_one_filter_away(
    demo_services: Services, make_window: WindowFactory
) -> None:
    window = make_window(demo_services)
    section = goals_section(window)
    goal = demo_services.goals.rows()[0].goal
    section.goals.select_first(lambda row: row.goal.id == goal.id)
    section.toggle_archive()
    labels = [label for label, _ in STATUS_FILTERS]
    section.status_filter.setCurrentIndex(labels.index("All but archived"))
    assert goal.title not in shown_titles(section)
    section.status_filter.setCurrentIndex(labels.index("Archived"))
    assert shown_titles(section) == [goal.title]
    section.goals.select_first(lambda row: row.goal.id == goal.id)
    assert section.archive_action.text() == "Unarchive"


def test_a_saved_goal_is_there_after_a_restart(
    services: Services, make_window: WindowFactory, open_services: object, qtbot: QtBot
) -> None:
    services.data.start_empty()
    window = make_window(services)
    editor = goals_section(window).new_goal()
    type_into(qtbot, editor.title_edit, "Learn Rust well enough to review PRs")
    editor.save(activate=False)
    window.close()
    services.close()
    QApplication.processEvents()

    reopened = Services.open(services.data_dir)
    try:
        second = make_window(reopened)
        assert "Learn Rust well enough to review PRs" in shown_titles(goals_section(second))
    finally:
        second.close()
        reopened.close()
