"""Step 2 · Skills gap as a person uses it: what each goal still needs, most pressing first, the
skills with a target of their own, and "Plan learning for this skill" straight into the plan."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from empower_desktop.domain import Goal
from empower_desktop.domain.assess import GoalStatus, RequiredSkill
from empower_desktop.domain.learning_plan import GapRow
from empower_desktop.services import Services
from empower_desktop.ui.formatting import OVERDUE_COLOUR
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.step2.gap import HIGH_COLOUR, GapSection
from empower_desktop.ui.step2.page import SECTIONS
from empower_desktop.ui.step2.plan import PlanSection
from empower_desktop.ui.widgets.table_panel import TablePanel
from empower_desktop.ui.workers import ThreadPoolRunner

from ..conftest import FIXED_NOW
from .conftest import WindowFactory, learn_page, learn_section

TODAY = FIXED_NOW.date()


def gap_section(window: MainWindow) -> GapSection:
    return learn_section(window, GapSection)


def table_texts(panel: TablePanel[GapRow]) -> list[list[str]]:
    """Every shown row as the table shows it, column by column."""
    model = panel.model
    return [[str(model.data(model.index(r, c))) for c in range(model.columnCount())] for r in range(model.rowCount())]


def headers(panel: TablePanel[GapRow]) -> list[str]:
    model = panel.model
    return [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]


def need(skill_id: str, level: int) -> RequiredSkill:
    return RequiredSkill(skill_id=skill_id, target_level=level)


def with_goals(services: Services) -> dict[str, str]:
    """Four skills, two active goals (one due soon, one in a year) and a draft; the ids by name."""
    services.data.start_empty()
    python = services.assessment.add_skill("Python", level=2, on=TODAY - timedelta(days=30))
    sql = services.assessment.add_skill("SQL")  # never rated
    talks = services.assessment.add_skill("Public speaking", level=4, on=TODAY - timedelta(days=3))
    rust = services.assessment.add_skill("Rust", target_level=3, level=1, on=TODAY)  # no goal wants it
    services.assessment.add_skill("Negotiation", target_level=2, level=3, on=TODAY)  # past its own target
    soon = Goal(
        title="Ship the data pipeline",
        status=GoalStatus.ACTIVE,
        deadline=TODAY + timedelta(days=30),
        required_skills=[need(python.id, 4), need(sql.id, 3)],
    )
    later = Goal(
        title="Give a conference talk",
        status=GoalStatus.ACTIVE,
        deadline=TODAY + timedelta(days=400),
        required_skills=[need(talks.id, 5), need(python.id, 3)],
    )
    draft = Goal(title="Maybe learn Go", required_skills=[need(rust.id, 5)])
    for goal in (soon, later, draft):
        services.data.save(goal)
    return {
        "python": python.id,
        "sql": sql.id,
        "talks": talks.id,
        "rust": rust.id,
        "soon": soon.id,
        "later": later.id,
    }


def test_the_gap_lists_each_active_goals_skills_most_pressing_first(
    services: Services, make_window: WindowFactory
) -> None:
    with_goals(services)
    window = make_window(services)
    page = learn_page(window)
    assert [cls.title for cls in SECTIONS][:3] == ["Skills gap", "Plan", "Sessions"]
    assert page.section_tabs.tabText(page.section_tabs.currentIndex()) == "Skills gap"
    section = gap_section(window)

    assert headers(section.goal_gaps) == ["Goal", "Deadline", "Skill", "Target", "Current", "Gap", "Urgency"]
    assert table_texts(section.goal_gaps) == [
        ["Ship the data pipeline", "15 Jul 2026", "SQL", "3", "\u2013", "3", "High"],
        ["Ship the data pipeline", "15 Jul 2026", "Python", "4", "2", "2", "High"],
        ["Give a conference talk", "20 Jul 2027", "Public speaking", "5", "4", "1", "Low"],
        ["Give a conference talk", "20 Jul 2027", "Python", "3", "2", "1", "Low"],
    ]
    first = section.goal_gaps.model.index(0, 6)
    assert section.goal_gaps.model.data(first, Qt.ItemDataRole.ForegroundRole) == HIGH_COLOUR
    never = section.goal_gaps.model.index(0, 4)
    assert "Never rated" in str(section.goal_gaps.model.data(never, Qt.ItemDataRole.ToolTipRole))
    assert section.summary.text().startswith("4 skills below target for 2 goals")

    # the first goal's deadline passes: still first, now overdue
    goal = next(row.goal for row in services.goals.rows() if row.goal.title == "Ship the data pipeline")
    goal.deadline = TODAY - timedelta(days=2)
    services.data.save(goal)
    page.reload()
    assert [row[6] for row in table_texts(section.goal_gaps)][:2] == ["Overdue", "Overdue"]
    overdue = section.goal_gaps.model.index(0, 6)
    assert section.goal_gaps.model.data(overdue, Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOUR


def test_skills_with_their_own_target_and_no_active_goal_are_a_group_of_their_own(
    services: Services, make_window: WindowFactory
) -> None:
    with_goals(services)
    section = gap_section(make_window(services))
    assert section.own_gaps.title() == "Skills with a target of their own (no active goal) (2)"
    assert headers(section.own_gaps) == ["Skill", "Target", "Current", "Gap"]
    assert table_texts(section.own_gaps) == [["Rust", "3", "1", "2"], ["Negotiation", "2", "3", "Reached"]]
    assert not {row.skill_name for row in section.goal_gaps.visible_rows()} & {"Rust", "Negotiation"}


def test_nothing_to_show_says_what_to_do(services: Services, make_window: WindowFactory) -> None:
    services.data.start_empty()
    services.assessment.add_skill("Python", level=2, on=TODAY)
    section = gap_section(make_window(services))
    assert section.goal_gaps.is_showing_hint() and section.own_gaps.is_showing_hint()
    assert "Add required skills to an active goal in step 1" in section.goal_gaps.hint.text()
    assert not section.plan_button.isEnabled()


def test_plan_learning_opens_the_plan_editor_with_the_skill_and_goal_chosen(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    ids = with_goals(services)
    window = make_window(services)
    page = learn_page(window)
    section = gap_section(window)
    row = section.selected_row()  # the most pressing gap is chosen to begin with
    assert row is not None and (row.skill_id, row.goal_id) == (ids["sql"], ids["soon"])

    window.activateWindow()
    section.goal_gaps.table.setFocus()
    qtbot.keyClick(section.goal_gaps.table, Qt.Key.Key_Down)
    qtbot.keyClick(section.goal_gaps.table, Qt.Key.Key_Return)
    plan = page.section_of(PlanSection)
    editor = plan.editor
    assert editor is not None and editor.isVisible()
    assert page.section_tabs.tabText(page.section_tabs.currentIndex()) == "Plan"
    assert editor.skills_box.ticked_ids() == [ids["python"]]
    assert editor.goal_id() == ids["soon"]
    qtbot.keyClicks(editor.title_edit, "Python for data pipelines")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    [item] = services.learning.items()
    assert (item.title, item.skill_ids, item.goal_id) == ("Python for data pipelines", [ids["python"]], ids["soon"])

    # from the second list, by double-click: the skill, and no goal
    page.show_section(GapSection)
    QApplication.processEvents()
    table = section.own_gaps.table
    index: QModelIndex = section.own_gaps.model.index(0, 0)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    assert not section.goal_gaps.table.selectionModel().hasSelection()  # one row chosen across both lists
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    editor = plan.editor
    assert editor is not None and editor.isVisible()
    assert editor.skills_box.ticked_ids() == [ids["rust"]]
    assert editor.goal_id() is None
    editor.reject()

    # the button does the same
    page.show_section(GapSection)
    QApplication.processEvents()
    section.goal_gaps.select_first(lambda r: r.skill_name == "Public speaking")
    qtbot.mouseClick(section.plan_button, Qt.MouseButton.LeftButton)
    editor = plan.editor
    assert editor is not None and editor.isVisible()
    assert (editor.skills_box.ticked_ids(), editor.goal_id()) == ([ids["talks"]], ids["later"])


def test_plan_learning_waits_for_the_plan_read_on_a_worker(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    """The plan sub-tab, never shown before, is read on a worker thread: its editor opens once the
    read is in, listing the skills and goals to choose from."""
    ids = with_goals(services)
    window = make_window(services, ThreadPoolRunner())
    page = learn_page(window)
    qtbot.waitUntil(lambda: page.has_data, timeout=10_000)
    section = gap_section(window)
    qtbot.waitUntil(lambda: section.selected_row() is not None, timeout=10_000)
    assert PlanSection not in {type(s) for s in page._built.values()}

    qtbot.mouseClick(section.plan_button, Qt.MouseButton.LeftButton)
    plan = page.section_of(PlanSection)
    qtbot.waitUntil(lambda: plan.editor is not None and plan.editor.isVisible(), timeout=10_000)
    editor = plan.editor
    assert editor is not None
    assert len(editor.skills_box.items()) == 5
    assert (editor.skills_box.ticked_ids(), editor.goal_id()) == ([ids["sql"]], ids["soon"])


def test_a_skill_already_at_its_target_is_not_urgent(services: Services, make_window: WindowFactory) -> None:
    ids = with_goals(services)
    services.assessment.rate_skill(ids["python"], 4, on=TODAY)  # Python reaches the first goal's 4
    window = make_window(services)
    section = gap_section(window)
    rows = {(row[0], row[2]): row for row in table_texts(section.goal_gaps)}
    assert rows[("Ship the data pipeline", "Python")][5:] == ["Reached", "\u2013"]
    assert rows[("Ship the data pipeline", "SQL")][6] == "High"  # the goal's other skill still is
