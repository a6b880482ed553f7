"""Mentoring as a person does it, from an empty data folder: add a mentorship for a contact, schedule
a monthly meeting, prepare its agenda, add an action item, mark it held and find the open topic
carried to the next meeting; see the Prepare view and the open action items; delete a meeting
and undo."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot

from empower_desktop.domain import Contact
from empower_desktop.domain.network import MeetingState, Owner
from empower_desktop.services import Services
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.step3.meeting_editor import MeetingEditor
from empower_desktop.ui.step3.meetings import ActionItemsSection, MeetingsSection, MentorshipsSection
from empower_desktop.ui.step3.mentorship_editor import MentorshipEditor
from empower_desktop.ui.step3.page import NetworkPage
from empower_desktop.ui.step3.prepare import PrepareDialog

from .conftest import WindowFactory, activate, tab_section, type_into


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def section(window: MainWindow, cls: type):  # type: ignore[no-untyped-def]
    found: Any = tab_section(window, 2, cls)  # Ctrl+3
    assert isinstance(window.current_page(), NetworkPage)
    return found


def test_a_monthly_mentor_meeting_prepared_held_and_its_open_topic_carried(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    services.network.save_contact(Contact(name="Grace Hopper", organisation="Navy"))
    window = make_window(services)

    ships = section(window, MentorshipsSection)
    assert ships.list.is_showing_hint()
    ships.list.table.setFocus()
    qtbot.keyClick(ships.list.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = ships.dialog
    assert isinstance(editor, MentorshipEditor) and editor.isVisible()
    assert editor.contact_combo.currentText().startswith("Grace Hopper")
    type_into(qtbot, editor.focus_edit, "Grow into a staff engineer role")
    editor.rhythm_spin.setValue(0)
    editor.rhythm_spin.setValue(30)
    editor.accept()
    qtbot.waitUntil(lambda: ships.list.model.rowCount() == 1)

    # Schedule a monthly meeting from the mentorship (Ctrl+M)
    ships.list.table.setFocus()
    qtbot.keyClick(ships.list.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    meeting_editor = ships.dialog
    assert isinstance(meeting_editor, MeetingEditor) and meeting_editor.isVisible()
    activate(qtbot, meeting_editor)
    assert meeting_editor.title_edit.text() == "Mentor meeting with Grace Hopper"
    meeting_editor.repeat_combo.setCurrentIndex(
        meeting_editor.repeat_combo.findText("Every month", Qt.MatchFlag.MatchStartsWith)
    )
    first_day = services.today() + timedelta(days=3)
    meeting_editor.day_edit.set_value(first_day)
    meeting_editor.start_edit.setText("")
    type_into(qtbot, meeting_editor.start_edit, "12:30")
    meeting_editor.end_edit.setText("")
    type_into(qtbot, meeting_editor.end_edit, "13:15")
    meeting_editor.until_edit.set_value(first_day + timedelta(days=70))  # three meetings
    for topic in ("The staff-scope document", "On-call load"):
        type_into(qtbot, meeting_editor.agenda.new_edit, topic)
        qtbot.keyClick(meeting_editor.agenda.new_edit, Qt.Key.Key_Return)  # adds the topic, does not save
    assert meeting_editor.isVisible() and meeting_editor.agenda.list.count() == 2
    qtbot.mouseClick(
        meeting_editor.findChild(type(meeting_editor.accept_button), "meetingAddAction"), Qt.MouseButton.LeftButton
    )
    table = meeting_editor.action_items.table
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    typing = QApplication.focusWidget()  # the new action item's text, being edited
    assert typing is not None and table.isAncestorOf(typing)
    qtbot.keyClicks(typing, "Send the draft to Grace")
    qtbot.keyClick(typing, Qt.Key.Key_Return)  # ends the edit, does not save the meeting
    qtbot.waitUntil(lambda: cell(table, 0, 1).text() == "Send the draft to Grace")  # committed (queued)
    assert meeting_editor.isVisible()
    cell(table, 0, 3).setText("tomorrow")
    meeting_editor.accept()
    assert meeting_editor.isVisible() and "is not a date" in meeting_editor.error_label.text()  # refused inline
    cell(table, 0, 3).setText((first_day + timedelta(days=7)).isoformat())
    meeting_editor.accept()
    qtbot.waitUntil(lambda: not meeting_editor.isVisible())
    series = sorted(services.store.meetings.all(), key=lambda m: m.start.instant)
    assert len(series) == 3 and len({m.series_id for m in series}) == 1
    assert [t.text for t in series[0].agenda] == ["The staff-scope document", "On-call load"]
    assert series[1].agenda == [] and series[0].action_items[0].owner is Owner.ME

    # Prepare the first one (Ctrl+P): the agenda and my open action item are there
    meetings = section(window, MeetingsSection)
    qtbot.waitUntil(lambda: meetings.meetings.model.rowCount() == 3)
    assert meetings.selected_meeting() is not None and meetings.selected_meeting().id == series[0].id
    activate(qtbot, window)
    meetings.meetings.table.setFocus()
    qtbot.keyClick(meetings.meetings.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    prepare = meetings.dialog
    assert isinstance(prepare, PrepareDialog) and prepare.isVisible()
    text = prepare.view.toPlainText()
    assert "The staff-scope document" in text and "Send the draft to Grace" in text
    prepare.close()
    activate(qtbot, window)

    # Held: the first topic was covered, the second was not, so it goes to the next meeting
    qtbot.keyClick(meetings.meetings.table, Qt.Key.Key_Return)
    edit = meetings.dialog
    assert isinstance(edit, MeetingEditor) and edit.meeting is not None
    edit.agenda.list.item(0).setCheckState(Qt.CheckState.Checked)
    edit.accept()
    qtbot.waitUntil(lambda: not edit.isVisible())
    activate(qtbot, window)
    meetings.meetings.table.setFocus()
    meetings.meetings.select_first(lambda r: r.meeting.id == series[0].id)
    qtbot.keyClick(meetings.meetings.table, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)  # Mark held
    qtbot.waitUntil(lambda: services.store.meetings.get(series[0].id).state is MeetingState.HELD)
    following = services.store.meetings.get(series[1].id)
    assert [(t.text, t.carried) for t in following.agenda] == [("On-call load", True)]

    # The action item is open in the list of all action items; done with Ctrl+D, back with Ctrl+Z
    actions = section(window, ActionItemsSection)
    qtbot.waitUntil(lambda: actions.list.model.rowCount() == 1)
    activate(qtbot, window)
    actions.list.table.setFocus()
    qtbot.keyClick(actions.list.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: actions.list.model.rowCount() == 0)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: actions.list.model.rowCount() == 1)

    # Prepare the next one: the carried topic and the still-open action item
    prep = services.mentoring.prepare(series[1].id)
    assert [t.text for t in prep.carried] == ["On-call load"]
    assert [a.item.text for a in prep.my_actions] == ["Send the draft to Grace"]


def test_delete_a_meeting_and_undo(demo_services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(demo_services)
    meetings = section(window, MeetingsSection)
    qtbot.waitUntil(lambda: meetings.meetings.model.rowCount() > 0)
    total = meetings.meetings.model.rowCount()
    chosen = meetings.selected_meeting()
    assert chosen is not None
    meetings._delete(chosen)  # what the confirmation's Delete button runs
    qtbot.waitUntil(lambda: meetings.meetings.model.rowCount() == total - 1)
    assert demo_services.store.meetings.find(chosen.id) is None
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: meetings.meetings.model.rowCount() == total)
    assert demo_services.store.meetings.get(chosen.id) == chosen


def test_a_meeting_in_the_past_is_flagged_not_refused(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    services.network.save_contact(Contact(name="Ada Lovelace"))
    window = make_window(services)
    ships = section(window, MentorshipsSection)
    ships.new_mentorship().accept()
    qtbot.waitUntil(lambda: ships.list.model.rowCount() == 1)
    editor = ships.schedule()
    assert editor is not None
    editor.day_edit.set_value(services.today() - timedelta(days=2))
    assert editor.past_label.isVisibleTo(editor) and "in the past" in editor.past_label.text()
    editor.held_box.setChecked(True)
    editor.accept()
    qtbot.waitUntil(lambda: not editor.isVisible())
    (meeting,) = services.store.meetings.all()
    assert meeting.state is MeetingState.HELD
    row = services.network.contact_rows()[0]
    assert row.last_contact == services.today() - timedelta(days=2)  # a meeting held counts as contact
