"""Step 3 as a person uses it, from an empty data folder: add a contact with a rhythm (typed), log an
old call and see them in Reach out, mark them contacted today and see them leave it, snooze one,
delete a contact and undo."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from empower_desktop.services import Services
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.step3.contacts import ContactsSection, ReachOutSection
from empower_desktop.ui.step3.dialogs import ContactEditor, ContactLogDialog, SnoozeDialog
from empower_desktop.ui.step3.page import NetworkPage

from .conftest import WindowFactory, only_box, press, type_into


def network_section(window: MainWindow, cls: type[ReachOutSection] | type[ContactsSection]):  # type: ignore[no-untyped-def]
    qtbot_key = window.tab_actions[2]
    qtbot_key.trigger()  # Ctrl+3
    page = window.current_page()
    assert isinstance(page, NetworkPage)
    section = page.show_section(cls)
    QApplication.processEvents()
    return section


def test_add_a_contact_log_an_old_call_reach_out_then_contacted_today(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(services)
    contacts = network_section(window, ContactsSection)
    assert contacts.contacts.is_showing_hint()
    contacts.contacts.table.setFocus()
    qtbot.keyClick(contacts.contacts.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = contacts.dialog
    assert isinstance(editor, ContactEditor) and editor.isVisible()
    type_into(qtbot, editor.name_edit, "Grace Hopper")
    type_into(qtbot, editor.organisation_edit, "Navy")
    type_into(qtbot, editor.email_edit, "grace at navy")
    editor.rhythm_spin.setValue(30)
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Return)
    assert editor.isVisible() and "not an email address" in editor.error_label.text()  # refused inline
    editor.email_edit.selectAll()
    type_into(qtbot, editor.email_edit, "grace@navy.mil")
    qtbot.keyClick(editor.email_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible())
    qtbot.waitUntil(lambda: contacts.contacts.model.rowCount() == 1)
    chosen = contacts.selected_contact()
    assert chosen is not None and chosen.name == "Grace Hopper"

    # a call 40 days ago: with a 30-day rhythm she is 10 days overdue
    contacts.contacts.table.setFocus()
    qtbot.keyClick(contacts.contacts.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    log = contacts.dialog
    assert isinstance(log, ContactLogDialog)
    log.kind_combo.setCurrentIndex(log.kind_combo.findText("Call"))
    log.day_edit.set_value(services.today() - timedelta(days=40))
    type_into(qtbot, log.note_edit, "Talked about compilers")
    log.accept()
    qtbot.waitUntil(lambda: contacts.timeline.model.rowCount() == 1)
    reach = network_section(window, ReachOutSection)
    qtbot.waitUntil(lambda: reach.list.model.rowCount() == 1)
    assert str(reach.list.model.index(0, 5).data()).endswith("10 days overdue")

    qtbot.mouseClick(reach.contacted_button, Qt.MouseButton.LeftButton)
    contacted = reach.dialog
    assert isinstance(contacted, ContactLogDialog) and contacted.day_edit.value() == services.today()
    contacted.accept()
    qtbot.waitUntil(lambda: reach.list.model.rowCount() == 0)
    assert reach.list.is_showing_hint()
    assert len(services.network.interactions(services.store.contacts.all()[0].id)) == 2


def test_snooze_puts_a_contact_off_and_delete_is_undone(
    demo_services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(demo_services)
    reach = network_section(window, ReachOutSection)
    qtbot.waitUntil(lambda: reach.list.model.rowCount() > 0)
    before = reach.list.model.rowCount()
    first = reach.selected_contact()
    assert first is not None
    reach.list.table.setFocus()
    qtbot.keyClick(reach.list.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    snooze = reach.dialog
    assert isinstance(snooze, SnoozeDialog)
    snooze.accept()
    qtbot.waitUntil(lambda: reach.list.model.rowCount() == before - 1)
    assert demo_services.store.contacts.get(first.id).snoozed_until == demo_services.today() + timedelta(days=7)

    contacts = network_section(window, ContactsSection)
    qtbot.waitUntil(lambda: contacts.contacts.model.rowCount() > 0)
    count = contacts.contacts.model.rowCount()
    contacts.contacts.select_first(lambda r: r.contact.id == first.id)
    interactions = len(demo_services.network.interactions(first.id))
    qtbot.mouseClick(contacts.delete_button, Qt.MouseButton.LeftButton)
    press(only_box(window), "Delete")
    qtbot.waitUntil(lambda: contacts.contacts.model.rowCount() == count - 1)
    window.undo_action.trigger()  # Ctrl+Z
    qtbot.waitUntil(lambda: contacts.contacts.model.rowCount() == count)
    assert len(demo_services.network.interactions(first.id)) == interactions
