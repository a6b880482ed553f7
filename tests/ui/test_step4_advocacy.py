"""Step 4 as a person uses it, from an empty data folder: an idea moved stage by stage with the
keyboard until it is delivered, the achievement the app then proposes accepted with its impact; an
impact that is not a number and a link that is not a web address refused inline; an achievement
deleted and brought back; a proposal dismissed and brought back; an opportunity whose next step is
late."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from empower_desktop.domain import Achievement, Initiative
from empower_desktop.domain.advocate import InitiativeKind, InitiativeStatus, Visibility
from empower_desktop.services import Services
from empower_desktop.ui.formatting import OVERDUE_COLOUR
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.step4.achievement_editor import AchievementEditor
from empower_desktop.ui.step4.achievements import AchievementsSection
from empower_desktop.ui.step4.initiative_editor import InitiativeEditor
from empower_desktop.ui.step4.initiatives import InitiativesSection
from empower_desktop.ui.step4.opportunities import OpportunitiesSection
from empower_desktop.ui.step4.opportunity_editor import OpportunityEditor
from empower_desktop.ui.step4.page import AdvocatePage

from .conftest import WindowFactory, activate, only_box, press, type_into
from .keys import clashes, offered

CTRL = Qt.KeyboardModifier.ControlModifier
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def advocate_page(window: MainWindow) -> AdvocatePage:
    window.tab_actions[3].trigger()  # Ctrl+4
    QApplication.processEvents()
    page = window.current_page()
    assert isinstance(page, AdvocatePage)
    return page


def section(window: MainWindow, cls: type) -> Any:
    """The sub-tab of *cls* on tab 4, in front, with the keys going to the window."""
    found: Any = advocate_page(window).show_section(cls)
    QApplication.processEvents()
    window.activateWindow()
    return found


def test_deliver_an_initiative_stage_by_stage_and_log_the_proposed_achievement_with_its_impact(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(services)
    initiatives = section(window, InitiativesSection)
    assert initiatives.is_showing_hint() and "Ctrl+N" in initiatives.hint.text()  # says how to start

    initiatives.tree.setFocus()
    qtbot.keyClick(initiatives.tree, Qt.Key.Key_N, CTRL)
    editor = initiatives.dialog
    assert isinstance(editor, InitiativeEditor) and editor.isVisible()
    activate(qtbot, editor)
    type_into(qtbot, editor.title_edit, "Move the nightly build to the new CI")
    type_into(qtbot, editor.proposed_to_edit, "Dana, my manager")
    qtbot.keyClick(editor.proposed_to_edit, Qt.Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: not editor.isVisible())
    (initiative,) = services.advocacy.initiatives()
    assert initiative.status is InitiativeStatus.IDEA and initiative.proposed_to == "Dana, my manager"
    qtbot.waitUntil(lambda: len(initiatives.tree.rows_in_order()) == 1)
    assert initiatives.tree.heading_texts()[0].startswith("Idea (1)")

    # Stage by stage with the keyboard: Ctrl+Right four times, each move shown under its heading
    activate(qtbot, window)
    initiatives.tree.setFocus()
    selected = initiatives.selected()
    assert selected is not None and selected.id == initiative.id
    for stage, heading in (
        (InitiativeStatus.PROPOSED, "Proposed (1)"),
        (InitiativeStatus.ACCEPTED, "Accepted (1)"),
        (InitiativeStatus.IN_PROGRESS, "In progress (1)"),
        (InitiativeStatus.DONE, "Delivered (1)"),
    ):
        qtbot.keyClick(initiatives.tree, Qt.Key.Key_Right, CTRL)
        qtbot.waitUntil(lambda s=stage: services.advocacy.initiatives()[0].status is s)  # type: ignore[misc]
        qtbot.waitUntil(lambda h=heading: any(t.startswith(h) for t in initiatives.tree.heading_texts()))  # type: ignore[misc]
        still = initiatives.selected()
        assert still is not None and still.id == initiative.id  # the selection follows it
    delivered = services.advocacy.initiatives()[0]
    assert delivered.proposed_on == services.today() and delivered.delivered_on == services.today()
    assert not initiatives.next_button.isEnabled()  # the end of the line

    # Achievements: the app proposes one for the delivered initiative
    achievements = section(window, AchievementsSection)
    assert achievements.list.is_showing_hint()
    qtbot.waitUntil(lambda: achievements.strip.isVisible())
    (suggestion,) = achievements.suggestions
    assert "Move the nightly build to the new CI" in suggestion.reason
    qtbot.mouseClick(achievements.strip.add_buttons[0], Qt.MouseButton.LeftButton)
    proposed = achievements.dialog
    assert isinstance(proposed, AchievementEditor) and proposed.isVisible()
    activate(qtbot, proposed)
    assert "Move the nightly build to the new CI" in proposed.title_edit.text()  # pre-filled from the event
    assert proposed.initiative_combo.currentData() == initiative.id
    type_into(qtbot, proposed.impact_edit, "Builds are green by morning; nobody babysits them any more")
    type_into(qtbot, proposed.value_edit, "6")
    type_into(qtbot, proposed.unit_edit, "hours saved a week")
    qtbot.keyClick(proposed.unit_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not proposed.isVisible())

    qtbot.waitUntil(lambda: achievements.list.model.rowCount() == 1)
    (stored,) = services.advocacy.achievements()
    assert stored.impact_value == 6 and stored.impact_unit == "hours saved a week"
    assert stored.initiative_id == initiative.id and stored.source == suggestion.key
    (row,) = achievements.list.visible_rows()
    texts = [column.text(row) for column in achievements.list.model.columns]
    assert texts[2].startswith("6 hours saved a week · Builds are green")
    assert texts[3] == "Shareable"
    assert not achievements.strip.isVisible() and achievements.suggestions == []

    # Read again from the store: the proposal stays gone
    page = advocate_page(window)
    page.reload()
    qtbot.waitUntil(lambda: achievements.list.model.rowCount() == 1)
    assert not achievements.strip.isVisible() and achievements.suggestions == []
    assert services.advocacy.suggestions() == []


def test_an_impact_that_is_not_a_number_and_a_link_that_is_not_a_web_address_are_refused_inline(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(services)
    achievements = section(window, AchievementsSection)
    assert achievements.list.is_showing_hint() and not achievements.strip.isVisible()
    achievements.list.table.setFocus()
    qtbot.keyClick(achievements.list.table, Qt.Key.Key_N, CTRL)
    editor = achievements.dialog
    assert isinstance(editor, AchievementEditor) and editor.isVisible()
    activate(qtbot, editor)
    type_into(qtbot, editor.title_edit, "Ran the incident review for the outage")
    type_into(qtbot, editor.value_edit, "a dozen")
    problem = editor.value_field.problem
    assert problem.isVisibleTo(editor) and "is not a number" in problem.text()  # said as it is typed
    qtbot.keyClick(editor.value_edit, Qt.Key.Key_Return)
    assert editor.isVisible() and "is not a number" in editor.error_label.text()  # Save refused
    assert editor.value_edit.hasFocus()
    assert services.advocacy.achievements() == []

    editor.value_edit.clear()
    type_into(qtbot, editor.value_edit, "3")
    assert not problem.isVisibleTo(editor)
    type_into(qtbot, editor.unit_edit, "incidents avoided")
    type_into(qtbot, editor.link_edit, "the wiki page")
    qtbot.keyClick(editor.link_edit, Qt.Key.Key_Tab)  # leaving the field says what is wrong
    link_problem = editor.link_field.problem
    assert link_problem.isVisibleTo(editor) and "not a web address" in link_problem.text()
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)
    assert editor.isVisible() and "not a web address" in editor.error_label.text()
    assert services.advocacy.achievements() == []

    editor.link_edit.clear()
    type_into(qtbot, editor.link_edit, "https://wiki.example.org/incidents/42")
    assert not link_problem.isVisibleTo(editor)
    editor.visibility_combo.setCurrentIndex(editor.visibility_combo.findData(Visibility.PRIVATE.value))
    qtbot.keyClick(editor.link_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible())
    (stored,) = services.advocacy.achievements()
    assert stored.impact_value == 3 and stored.evidence_link == "https://wiki.example.org/incidents/42"
    qtbot.waitUntil(lambda: achievements.list.model.rowCount() == 1)
    (row,) = achievements.list.visible_rows()
    assert achievements.list.model.columns[3].text(row) == "Private"


def test_delete_an_achievement_and_undo_brings_it_back(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    kept = services.advocacy.save_achievement(
        Achievement(title="Mentored two new hires", achieved_on=services.today() - timedelta(days=10))
    )
    window = make_window(services)
    achievements = section(window, AchievementsSection)
    qtbot.waitUntil(lambda: achievements.list.model.rowCount() == 1)
    achievements.list.table.setFocus()
    achievements.list.table.selectRow(0)
    qtbot.keyClick(achievements.list.table, Qt.Key.Key_Delete)
    box = only_box(achievements)
    assert "Mentored two new hires" in box.text()
    press(box, "Delete")
    qtbot.waitUntil(lambda: achievements.list.model.rowCount() == 0)
    assert services.advocacy.achievements() == [] and achievements.list.is_showing_hint()

    activate(qtbot, window)
    qtbot.keyClick(achievements.list, Qt.Key.Key_Z, CTRL)  # Ctrl+Z, from anywhere in the window
    qtbot.waitUntil(lambda: achievements.list.model.rowCount() == 1)
    (back,) = services.advocacy.achievements()
    assert back.id == kept.id and back.title == kept.title and back.achieved_on == kept.achieved_on
    chosen = achievements.selected()
    assert chosen is not None and chosen.id == kept.id


def test_dismiss_a_proposal_with_the_keyboard_and_undo(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    services.advocacy.save_initiative(
        Initiative(kind=InitiativeKind.VOLUNTEERED_PROJECT, title="Ran the hack week", status=InitiativeStatus.IDEA)
    )
    (idea,) = services.advocacy.initiatives()
    services.advocacy.set_stage(idea.id, InitiativeStatus.DONE)
    window = make_window(services)
    achievements = section(window, AchievementsSection)
    qtbot.waitUntil(lambda: achievements.strip.isVisible())
    (suggestion,) = achievements.suggestions
    assert "Ran the hack week" in suggestion.reason

    dismiss = achievements.strip.dismiss_buttons[0]
    assert dismiss.focusPolicy() & Qt.FocusPolicy.TabFocus  # reached with Tab
    activate(qtbot, window)
    dismiss.setFocus()
    qtbot.keyClick(dismiss, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not achievements.strip.isVisible())
    focused = QApplication.focusWidget()  # the keys stay in the section, not lost with the button
    assert focused is achievements.new_button  # nothing logged yet: on New achievement…
    assert services.advocacy.suggestions() == [] and services.advocacy.achievements() == []

    window.undo_stack.undo()
    qtbot.waitUntil(lambda: achievements.strip.isVisible())
    assert [s.key for s in services.advocacy.suggestions()] == [suggestion.key]
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: not achievements.strip.isVisible())


def test_a_stage_moved_by_mistake_goes_back_with_undo(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    services.advocacy.save_initiative(
        Initiative(kind=InitiativeKind.PROPOSED_IDEA, title="An on-call handbook", status=InitiativeStatus.IDEA)
    )
    window = make_window(services)
    initiatives = section(window, InitiativesSection)
    qtbot.waitUntil(lambda: len(initiatives.tree.rows_in_order()) == 1)
    activate(qtbot, window)
    initiatives.tree.setFocus()
    qtbot.keyClick(initiatives.tree, Qt.Key.Key_BracketRight, CTRL)  # Ctrl+]: proposed
    qtbot.waitUntil(lambda: services.advocacy.initiatives()[0].status is InitiativeStatus.PROPOSED)
    qtbot.keyClick(initiatives.tree, Qt.Key.Key_D, CTRL | Qt.KeyboardModifier.ShiftModifier)  # declined
    qtbot.waitUntil(lambda: services.advocacy.initiatives()[0].status is InitiativeStatus.DECLINED)
    assert any(t.startswith("Declined (1)") for t in initiatives.tree.heading_texts())
    assert services.advocacy.initiatives()[0].decided_on == services.today()

    window.undo_stack.undo()
    qtbot.waitUntil(lambda: services.advocacy.initiatives()[0].status is InitiativeStatus.PROPOSED)
    assert services.advocacy.initiatives()[0].decided_on is None  # the decision's day went with it
    qtbot.waitUntil(lambda: not any(t.startswith("Declined") for t in initiatives.tree.heading_texts()))
    qtbot.keyClick(initiatives.tree, Qt.Key.Key_Left, CTRL)  # back a stage: an idea again
    qtbot.waitUntil(lambda: services.advocacy.initiatives()[0].status is InitiativeStatus.IDEA)

    # With the mouse: the Next stage button, then right-click, Move to
    qtbot.mouseClick(initiatives.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: services.advocacy.initiatives()[0].status is InitiativeStatus.PROPOSED)
    assert "(Ctrl+" in initiatives.next_button.toolTip()  # the button names its keys
    initiatives.tree.setFocus()
    item = initiatives.tree.currentItem()
    assert item is not None
    initiatives._show_menu(initiatives.tree.visualItemRect(item).center())
    move = next(a for a in initiatives.row_menu.actions() if a.text() == "&Move to").menu()
    assert move is not None
    accepted = next(a for a in move.actions() if a.text() == "Accepted")
    accepted.trigger()
    initiatives.row_menu.close()
    qtbot.waitUntil(lambda: services.advocacy.initiatives()[0].status is InitiativeStatus.ACCEPTED)


def test_an_opportunity_with_a_late_next_step_shows_it_in_the_error_colour(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(services)
    opportunities = section(window, OpportunitiesSection)
    assert opportunities.list.is_showing_hint()
    opportunities.list.table.setFocus()
    qtbot.keyClick(opportunities.list.table, Qt.Key.Key_N, CTRL)
    editor = opportunities.dialog
    assert isinstance(editor, OpportunityEditor) and editor.isVisible()
    activate(qtbot, editor)
    type_into(qtbot, editor.title_edit, "Tech lead of the payments team")
    type_into(qtbot, editor.step_edit, "Ask Dana who decides on the role")
    type_into(qtbot, editor.step_day_edit.edit, (services.today() - timedelta(days=2)).isoformat())
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible())
    qtbot.waitUntil(lambda: opportunities.list.model.rowCount() == 1)
    (row,) = opportunities.list.visible_rows()
    columns = opportunities.list.model.columns
    day = next(c for c in columns if c.title == "Next step on")
    step = next(c for c in columns if c.title == "Next step")
    assert step.text(row) == "Ask Dana who decides on the role"
    assert day.colour is not None and day.colour(row) == OVERDUE_COLOUR


def test_the_pipeline_reads_by_stage_arrows_skip_the_headings_and_the_filter_narrows_it(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    for title, kind in (
        ("A brown-bag series", InitiativeKind.PROPOSED_IDEA),
        ("Lead the game day", InitiativeKind.STRETCH_ASSIGNMENT),
    ):
        services.advocacy.save_initiative(Initiative(kind=kind, title=title))
    lead = next(i for i in services.advocacy.initiatives() if i.title == "Lead the game day")
    services.advocacy.set_stage(lead.id, InitiativeStatus.ACCEPTED)
    window = make_window(services)
    initiatives = section(window, InitiativesSection)
    qtbot.waitUntil(lambda: len(initiatives.tree.rows_in_order()) == 2)
    headings = initiatives.tree.heading_texts()
    assert [h.split(" (")[0] for h in headings] == ["Idea", "Proposed", "Accepted", "In progress", "Delivered"]
    assert headings[0].startswith("Idea (1)") and headings[1].startswith("Proposed (0)")

    activate(qtbot, window)
    initiatives.tree.setFocus()
    first = initiatives.selected()
    assert first is not None and first.title == "A brown-bag series"
    qtbot.keyClick(initiatives.tree, Qt.Key.Key_Down)  # over the "Proposed" and "Accepted" headings
    second = initiatives.selected()
    assert second is not None and second.title == "Lead the game day"
    assert initiatives.back_button.isEnabled() and initiatives.next_button.isEnabled()
    qtbot.keyClick(initiatives.tree, Qt.Key.Key_Return)  # Enter opens it
    editor = initiatives.dialog
    assert isinstance(editor, InitiativeEditor) and editor.isVisible()
    assert editor.title_edit.text() == "Lead the game day"
    editor.reject()

    page = advocate_page(window)
    page.filter_edit.setText("game day")
    assert [r.initiative.title for r in initiatives.tree.rows_in_order()] == ["Lead the game day"]
    assert initiatives.box.title() == "Initiatives by stage (1 of 2)"
    page.filter_edit.setText("nothing like this")
    assert initiatives.is_showing_hint() and "Nothing here matches" in initiatives.hint.text()
    page.filter_edit.clear()
    assert len(initiatives.tree.rows_in_order()) == 2


def test_each_editor_offers_each_alt_letter_once_and_shows_days_as_the_window_writes_them(
    demo_services: Services, make_window: WindowFactory
) -> None:
    window = make_window(demo_services)
    achievements = section(window, AchievementsSection)
    initiatives = section(window, InitiativesSection)
    opportunities = section(window, OpportunitiesSection)
    dialogs = [
        achievements.new_achievement(),
        achievements.edit_selected(),
        achievements.accept_suggestion(achievements.suggestions[0]),
        initiatives.new_initiative(),
        initiatives.edit_selected(),
        opportunities.new_opportunity(),
        opportunities.edit_selected(),
    ]
    found = {}
    for dialog in dialogs:
        assert dialog is not None
        QApplication.processEvents()
        assert dialog.isVisible(), dialog.windowTitle()
        assert len(offered(dialog)) >= 7, dialog.windowTitle()  # its fields are reached with Alt+letter
        if clashes(dialog):
            found[dialog.windowTitle()] = clashes(dialog)
        shown = [edit.text() for edit in dialog.findChildren(QLineEdit) if edit.isVisibleTo(dialog)]
        assert not [t for t in shown if ISO_DAY.fullmatch(t)], (dialog.windowTitle(), shown)
        dialog.reject()
    assert found == {}


def test_a_day_is_typed_as_the_window_writes_it_and_a_day_that_does_not_exist_is_refused(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(services)
    initiatives = section(window, InitiativesSection)
    editor = initiatives.new_initiative()
    activate(qtbot, editor)
    type_into(qtbot, editor.title_edit, "A shared on-call dashboard")
    type_into(qtbot, editor.follow_up_edit.edit, "31 Feb 2026")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)
    assert editor.isVisible() and "“31 Feb 2026” is not a date" in editor.error_label.text()
    assert editor.follow_up_edit.edit.hasFocus() and services.advocacy.initiatives() == []

    editor.follow_up_edit.edit.clear()
    type_into(qtbot, editor.follow_up_edit.edit, "2026-06-24")
    qtbot.keyClick(editor.follow_up_edit.edit, Qt.Key.Key_Tab)
    assert editor.follow_up_edit.edit.text() == "24 Jun 2026"  # shown as the window writes days
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible())
    (saved,) = services.advocacy.initiatives()
    assert saved.follow_up_on == date(2026, 6, 24)
    qtbot.waitUntil(lambda: len(initiatives.tree.rows_in_order()) == 1)
    item = initiatives.tree.topLevelItem(0).child(0)
    assert item.text(4) == "24 Jun 2026"
