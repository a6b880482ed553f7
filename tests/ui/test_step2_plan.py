"""Step 2 · Plan as a person uses it: plan an item, fix what is wrong, finish it, re-rate, undo."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from empower_desktop.domain import Goal, LearningItem
from empower_desktop.domain.learn import LearningStatus, LearningType
from empower_desktop.services import Services
from empower_desktop.ui.formatting import OVERDUE_COLOUR
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.step2.item_editor import ItemEditor
from empower_desktop.ui.step2.plan import SOON_COLOUR, STATUS_FILTERS, PlanRow, PlanSection

from ..conftest import FIXED_NOW
from .conftest import WindowFactory, learn_page, learn_section, only_box, press

TODAY = FIXED_NOW.date()


def plan_section(window: MainWindow) -> PlanSection:
    return learn_section(window, PlanSection)


def shown_titles(section: PlanSection) -> list[str]:
    return [row.item.title for row in section.plan.visible_rows()]


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    qtbot.keyClicks(widget, text)


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def with_skills_and_goal(services: Services) -> tuple[str, str, str]:
    """Two skills (Python rated 2) and a draft goal; their ids."""
    services.data.start_empty()
    python = services.assessment.add_skill("Python", level=2, on=TODAY - timedelta(days=30))
    sql = services.assessment.add_skill("SQL")
    goal = services.goals.save(Goal(title="Move into data engineering"), activate=False)
    return python.id, sql.id, goal.id


def cell(section: PlanSection, row: PlanRow, title: str, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> object:
    """What the table shows for *row* in the column called *title*."""
    model = section.plan.model
    column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index(title)
    index = model.index(next(r for r in range(model.rowCount()) if model.row_at(r) is row), column)
    return model.data(index, role)


def when_texts(section: PlanSection) -> dict[str, object]:
    return {row.item.title: cell(section, row, "When") for row in section.plan.visible_rows()}


def open_editor(section: PlanSection, qtbot: QtBot) -> ItemEditor:
    click(qtbot, section.new_button)
    editor = section.editor
    assert editor is not None and editor.isVisible()
    return editor


def test_planning_an_item_by_typing_it_in(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    python_id, _sql_id, goal_id = with_skills_and_goal(services)
    window = make_window(services)
    section = plan_section(window)
    assert section.plan.is_showing_hint()
    editor = open_editor(section, qtbot)

    type_into(qtbot, editor.title_edit, "Data engineering with Python")
    type_into(qtbot, editor.provider_edit, "Coursera")
    type_into(qtbot, editor.link_edit, "https://example.org/de-python")
    type_into(qtbot, editor.cost_edit, "49,5")
    type_into(qtbot, editor.hours_edit, "20")
    editor.skills_box.tick_names(["Python"])
    editor.goal_combo.setCurrentIndex(editor.goal_combo.findText("Move into data engineering"))
    type_into(qtbot, editor.start_edit.edit, "2026-07-01")
    type_into(qtbot, editor.finish_edit.edit, "2026-08-15")
    click(qtbot, editor.save_button)

    assert not editor.isVisible()
    [item] = services.learning.items()
    assert (item.kind, item.title, item.provider, item.link) == (
        LearningType.COURSE,
        "Data engineering with Python",
        "Coursera",
        "https://example.org/de-python",
    )
    assert (item.cost, item.estimated_hours, item.skill_ids, item.goal_id) == (49.5, 20.0, [python_id], goal_id)
    assert (item.start, item.finish, item.status) == (date(2026, 7, 1), date(2026, 8, 15), LearningStatus.PLANNED)
    row = section.plan.selected_row()
    assert row is not None and row.item.id == item.id
    assert (row.goal_title, row.skill_names) == ("Move into data engineering", ("Python",))
    assert window.statusBar().currentMessage() == "Learning item “Data engineering with Python” saved"


def test_bad_input_gets_an_inline_message_and_saves_nothing(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    with_skills_and_goal(services)
    window = make_window(services)
    editor = open_editor(plan_section(window), qtbot)

    click(qtbot, editor.save_button)  # nothing typed
    assert editor.isVisible() and editor.error_label.isVisible()
    assert editor.error_label.text() == "A learning item's title cannot be empty"
    assert editor.focusWidget() is editor.title_edit

    type_into(qtbot, editor.title_edit, "Fluent Python")
    type_into(qtbot, editor.link_edit, "fluent python book")
    click(qtbot, editor.save_button)
    assert editor.error_label.text().startswith("The link is not a web address")
    editor.link_edit.clear()

    type_into(qtbot, editor.cost_edit, "-10")
    click(qtbot, editor.save_button)
    assert editor.error_label.text() == "A cost cannot be negative"
    editor.cost_edit.clear()

    type_into(qtbot, editor.start_edit.edit, "2026-09-01")
    type_into(qtbot, editor.finish_edit.edit, "2026-08-01")
    click(qtbot, editor.save_button)
    assert "the finish (1 Aug 2026) is before the start (1 Sep 2026)" in editor.error_label.text()
    assert editor.isVisible()
    assert services.learning.items() == []


def test_editing_an_item_opens_it_filled_in(demo_services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(demo_services)
    section = plan_section(window)
    item = demo_services.learning.items()[0]
    assert section.plan.select_first(lambda row: row.item.id == item.id)
    window.activateWindow()
    section.plan.table.setFocus()
    qtbot.keyClick(section.plan.table, Qt.Key.Key_Return)
    editor = section.editor
    assert editor is not None and editor.isVisible()
    assert editor.title_edit.text() == item.title
    assert editor.skills_box.ticked_ids() == item.skill_ids
    assert editor.goal_id() == item.goal_id

    editor.title_edit.clear()
    type_into(qtbot, editor.title_edit, "Renamed course")
    editor.status_combo.setCurrentIndex(editor.status_combo.findData(LearningStatus.IN_PROGRESS))
    click(qtbot, editor.save_button)
    stored = next(i for i in demo_services.learning.items() if i.id == item.id)
    assert (stored.title, stored.status, stored.skill_ids) == (
        "Renamed course",
        LearningStatus.IN_PROGRESS,
        item.skill_ids,
    )
    assert len(demo_services.learning.items()) == len(section.plan.visible_rows())
    row = section.plan.selected_row()
    assert row is not None and row.item.title == "Renamed course"


def test_delete_asks_first_and_ctrl_z_brings_the_item_back(
    demo_services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(demo_services)
    section = plan_section(window)
    item = demo_services.learning.items()[1]
    sessions = [r.session.id for r in demo_services.learning.session_rows() if r.session.item_id == item.id]
    assert section.plan.select_first(lambda row: row.item.id == item.id)
    window.activateWindow()
    section.plan.table.setFocus()
    qtbot.keyClick(section.plan.table, Qt.Key.Key_Delete)
    box = only_box(window)
    assert box.text() == f"Delete “{item.title}” with its learning sessions?"
    press(box, "Delete")
    assert item.title not in shown_titles(section)
    assert item.id not in {i.id for i in demo_services.learning.items()}

    window.activateWindow()
    section.plan.table.setFocus()
    qtbot.keyClick(section.plan.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert item in demo_services.learning.items()
    assert sessions == [r.session.id for r in demo_services.learning.session_rows() if r.session.item_id == item.id]
    assert item.title in shown_titles(section)
    assert window.statusBar().currentMessage() == f"Restored learning item “{item.title}”"


def test_certification_dates_show_only_for_certifications_and_expiry_is_flagged(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    with_skills_and_goal(services)
    window = make_window(services)
    section = plan_section(window)
    editor = open_editor(section, qtbot)
    assert not editor.earned_edit.isVisible() and not editor.expires_edit.isVisible()
    editor.set_kind(LearningType.CERTIFICATION)
    assert editor.earned_edit.isVisible() and editor.expires_edit.isVisible()
    type_into(qtbot, editor.title_edit, "Cloud practitioner")
    type_into(qtbot, editor.earned_edit.edit, "2024-07-01")
    type_into(qtbot, editor.expires_edit.edit, (TODAY + timedelta(days=30)).isoformat())
    click(qtbot, editor.save_button)

    editor = open_editor(section, qtbot)
    editor.set_kind(LearningType.CERTIFICATION)
    type_into(qtbot, editor.title_edit, "Scrum master")
    type_into(qtbot, editor.expires_edit.edit, (TODAY - timedelta(days=3)).isoformat())
    editor.set_kind(LearningType.COURSE)  # changed my mind: a course does not expire
    assert not editor.expires_edit.isVisible()
    click(qtbot, editor.save_button)

    items = {i.title: i for i in services.learning.items()}
    assert items["Cloud practitioner"].expires_on == TODAY + timedelta(days=30)
    assert items["Scrum master"].expires_on is None
    assert when_texts(section) == {"Cloud practitioner": "Expires in 30 days", "Scrum master": "\u2013"}
    cloud = next(row for row in section.plan.visible_rows() if row.item.title == "Cloud practitioner")
    assert cell(section, cloud, "When", Qt.ItemDataRole.ForegroundRole) == SOON_COLOUR

    cert = items["Cloud practitioner"]
    cert.expires_on = TODAY - timedelta(days=1)
    services.data.save(cert)
    cert2 = LearningItem(kind=LearningType.CERTIFICATION, title="Azure", earned_on=TODAY, expires_on=date(2028, 6, 1))
    services.data.save(cert2)
    learn_page(window).reload()
    texts = when_texts(section)
    assert (texts["Cloud practitioner"], texts["Azure"]) == ("Expired 14 Jun 2026", "Expires 1 Jun 2028")
    cloud = next(row for row in section.plan.visible_rows() if row.item.title == "Cloud practitioner")
    assert cell(section, cloud, "When", Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOUR


def test_mark_done_then_re_rate_the_skills_it_built(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    python_id, sql_id, goal_id = with_skills_and_goal(services)
    item = LearningItem(
        kind=LearningType.COURSE, title="SQL for analysts", skill_ids=[python_id, sql_id], goal_id=goal_id
    )
    services.data.save(item)
    window = make_window(services)
    section = plan_section(window)
    assert section.plan.select_first(lambda row: row.item.id == item.id)
    window.activateWindow()
    section.plan.table.setFocus()
    qtbot.keyClick(section.plan.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)

    stored = services.learning.items()[0]
    assert (stored.status, stored.finish) == (LearningStatus.DONE, TODAY)
    dialog = section.rerate_dialog
    assert dialog is not None and dialog.isVisible()
    assert set(dialog.fields) == {python_id, sql_id}
    assert dialog.levels() == {python_id: 2}  # the current level; SQL, never rated, gets none unless chosen
    dialog.set_level(python_id, 3)
    dialog.set_level(sql_id, 2)
    click(qtbot, dialog.save_button)

    assert not dialog.isVisible()
    python_history = services.assessment.skill_history(python_id)
    assert [(r.level, r.rated_on, r.evidence) for r in python_history][-1] == (3, TODAY, "Finished SQL for analysts")
    assert len(python_history) == 2
    assert [(r.level, r.evidence) for r in services.assessment.skill_history(sql_id)] == [
        (2, "Finished SQL for analysts")
    ]
    assert window.statusBar().currentMessage() == "“SQL for analysts” done; 2 skills re-rated"
    assert not section.done_button.isEnabled()

    labels = [label for label, _ in STATUS_FILTERS]
    section.status_filter.setCurrentIndex(labels.index("Still to do"))
    assert shown_titles(section) == []
    section.status_filter.setCurrentIndex(labels.index("Done"))
    assert shown_titles(section) == ["SQL for analysts"]


def test_skip_keeps_the_ratings_as_they_are(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    python_id, _sql_id, _goal_id = with_skills_and_goal(services)
    services.data.save(LearningItem(kind=LearningType.BOOK, title="Fluent Python", skill_ids=[python_id]))
    section = plan_section(make_window(services))
    section.plan.select_first(lambda row: True)
    dialog = section.mark_done()
    assert dialog is not None
    dialog.reject()
    assert len(services.assessment.skill_history(python_id)) == 1
    assert services.learning.items()[0].status is LearningStatus.DONE


def test_plan_item_for_a_skill_opens_the_editor_with_skill_and_goal_chosen(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    _python_id, sql_id, goal_id = with_skills_and_goal(services)
    window = make_window(services)
    page = learn_page(window)
    editor = page.plan_item_for(sql_id, goal_id)
    assert editor.isVisible()
    assert page.section_tabs.tabText(page.section_tabs.currentIndex()) == "Plan"
    assert editor.skills_box.ticked_ids() == [sql_id]
    assert editor.goal_id() == goal_id
    type_into(qtbot, editor.title_edit, "SQL window functions")
    click(qtbot, editor.save_button)
    [item] = services.learning.items()
    assert (item.skill_ids, item.goal_id) == ([sql_id], goal_id)

    editor = page.plan_item_for(sql_id, None)
    assert editor.goal_combo.currentText() == "(none)"
