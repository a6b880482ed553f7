"""Step 2 · What I learned as a person uses it: search as you type, add a note, fix what is wrong,
delete a note and bring it back."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from empower_desktop.domain import LearningItem, LearningSession, ZonedDateTime
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.step2.learned import LearnedSection, NoteDialog

from .conftest import WindowFactory, learn_section

TZ = "Europe/Berlin"  # the fixture's zone; today is Monday 15 June 2026

TAKEAWAY = "Leases need fencing tokens"
NOTE = "Write the promotion doc early"
LOOSE_NOTE = "Ask for the scope, not the title"


def learned_section(window: MainWindow) -> LearnedSection:
    return learn_section(window, LearnedSection)


def with_entries(services: Services) -> tuple[str, str]:
    """A session takeaway (4 June), a note about a book (12 June) and one about no item (1 June).
    The ids of the course and the book."""
    services.data.start_empty()
    course = services.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Distributed systems"))
    book = services.learning.save_item(LearningItem(kind=LearningType.BOOK, title="Staff Engineer"))
    start = ZonedDateTime.at(datetime(2026, 6, 4, 7, 30), TZ)
    session = services.learning.save_session(
        LearningSession(item_id=course.id, start=start, end=start + timedelta(hours=1))
    )
    services.learning.log_done(session.id, "2026-06-04T07:30:00", 60, TAKEAWAY)
    services.learning.add_note(NOTE, book.id, on=date(2026, 6, 12))
    services.learning.add_note(LOOSE_NOTE, on=date(2026, 6, 1))
    return course.id, book.id


def open_dialog(section: LearnedSection, qtbot: QtBot) -> NoteDialog:
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_log_is_newest_first_and_search_filters_as_you_type(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    with_entries(services)
    window = make_window(services)
    section = learned_section(window)
    assert section.shown_texts() == [NOTE, TAKEAWAY, LOOSE_NOTE]
    assert [(e.item_title, e.source) for e in section.table.visible_rows()] == [
        ("Staff Engineer", "note"),
        ("Distributed systems", "session"),
        ("", "note"),
    ]

    window.activateWindow()
    section.table.table.setFocus()
    qtbot.keyClick(section.table.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert section.search_edit.hasFocus()  # Ctrl+F goes to this section's search field
    qtbot.keyClicks(section.search_edit, "FENCING")
    qtbot.waitUntil(lambda: section.shown_texts() == [TAKEAWAY], timeout=3000)

    section.search_edit.clear()
    qtbot.keyClicks(section.search_edit, "staff doc")  # every word, in the item's title or the text
    qtbot.waitUntil(lambda: section.shown_texts() == [NOTE], timeout=3000)

    section.search_edit.clear()
    qtbot.keyClicks(section.search_edit, "kubernetes")
    qtbot.waitUntil(section.table.is_showing_hint, timeout=3000)
    assert "Nothing you learned matches “kubernetes”" in section.table.hint.text()

    section.search_edit.clear()
    qtbot.waitUntil(lambda: len(section.shown_texts()) == 3, timeout=3000)


def test_an_empty_log_says_how_to_fill_it(services: Services, make_window: WindowFactory) -> None:
    services.data.start_empty()
    section = learned_section(make_window(services))
    assert section.table.is_showing_hint()
    assert "Nothing written down yet" in section.table.hint.text()
    assert not section.delete_button.isEnabled()


def test_adding_a_note_by_typing_it_in(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    _course_id, book_id = with_entries(services)
    window = make_window(services)
    section = learned_section(window)
    dialog = open_dialog(section, qtbot)
    assert dialog.date_edit.value() == date(2026, 6, 15)

    dialog.item_combo.setCurrentIndex(dialog.item_combo.findText("Staff Engineer"))
    dialog.date_edit.setFocus()
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Down)  # a day earlier
    qtbot.keyClicks(dialog.text_edit, "Glue work counts when it is written down")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    newest = services.learning.learned_entries()[0]
    assert (newest.on, newest.item_id, newest.text, newest.source) == (
        date(2026, 6, 14),
        book_id,
        "Glue work counts when it is written down",
        "note",
    )
    assert section.shown_texts()[0] == "Glue work counts when it is written down"
    assert window.statusBar().currentMessage() == "Learning note of 14 Jun 2026 saved"


def test_an_empty_or_overlong_note_gets_an_inline_message_and_saves_nothing(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    with_entries(services)
    section = learned_section(make_window(services))
    dialog = open_dialog(section, qtbot)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # nothing typed
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert dialog.error_label.text() == "A learning note cannot be empty"

    qtbot.keyClicks(dialog.text_edit, "   ")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "A learning note cannot be empty"

    dialog.text_edit.setPlainText("x" * 2001)  # pasted
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "A learning note is too long (2,001 characters; at most 2,000)"
    assert dialog.focusWidget() is dialog.text_edit
    assert dialog.isVisible()
    assert len(services.learning.learned_entries()) == 3


def test_deleting_a_note_and_bringing_it_back(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    with_entries(services)
    window = make_window(services)
    section = learned_section(window)
    table = section.table.table

    assert section.table.select_first(lambda e: e.text == TAKEAWAY)
    assert not section.delete_button.isEnabled()  # a takeaway belongs to its session
    window.activateWindow()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert TAKEAWAY in [e.text for e in services.learning.learned_entries()]

    assert section.table.select_first(lambda e: e.text == NOTE)
    assert section.delete_button.isEnabled()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert [e.text for e in services.learning.learned_entries()] == [TAKEAWAY, LOOSE_NOTE]
    assert section.shown_texts() == [TAKEAWAY, LOOSE_NOTE]
    assert window.statusBar().currentMessage() == "Deleted the learning note of 12 Jun 2026 (Ctrl+Z to undo)"

    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = services.learning.learned_entries()[0]
    assert (restored.text, restored.item_title, restored.on) == (NOTE, "Staff Engineer", date(2026, 6, 12))
    assert section.shown_texts() == [NOTE, TAKEAWAY, LOOSE_NOTE]
    assert window.statusBar().currentMessage() == "Restored the learning note of 12 Jun 2026"
