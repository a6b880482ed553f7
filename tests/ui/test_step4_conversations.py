"""Conversations as a person prepares and follows them up, from an empty data folder: a promotion
conversation with the manager for the last quarter (a period that ends before it starts refused
first), its achievements in impact order with the private one left out until ticked, the asks
written; the PDF for the manager and the Markdown for myself, each holding what it should; an
export to a folder that does not exist refused in plain words with no file; after the
conversation, a follow-up with its day, marked done from the list and undone; a prep deleted and
brought back."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTableWidget
from pytestqt.qtbot import QtBot

from empower_desktop.domain import Achievement, ConversationPrep
from empower_desktop.domain.advocate import Audience, FollowUp, Visibility
from empower_desktop.services import Services
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.step4.conversation_editor import ConversationEditor, PrepareDialog, quick_period
from empower_desktop.ui.step4.conversations import ConversationsSection
from empower_desktop.ui.step4.page import AdvocatePage

from .conftest import WindowFactory, activate, only_box, press, tab_section, type_into

CTRL = Qt.KeyboardModifier.ControlModifier


def conversations(window: MainWindow) -> ConversationsSection:
    section = tab_section(window, 3, ConversationsSection)  # Ctrl+4
    assert isinstance(window.current_page(), AdvocatePage)
    return section


def retype(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def pdf_text(path: Path) -> tuple[str, int]:
    reader = PdfReader(path)
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


def log(services: Services, title: str, day: date, value: float | None = None, *, private: bool = False) -> str:
    achievement = Achievement(
        title=title,
        achieved_on=day,
        impact_value=value,
        impact_unit="hours saved a month" if value is not None else "",
        visibility=Visibility.PRIVATE if private else Visibility.SHAREABLE,
    )
    return services.advocacy.save_achievement(achievement).id


def test_prepare_a_promotion_conversation_for_the_last_quarter_and_export_it(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    today = services.today()  # 15 Jun 2026: the last quarter is January to March
    assert quick_period("Last quarter", today) == (date(2026, 1, 1), date(2026, 3, 31))
    checklist = log(services, "Cut the release checklist to two hours", date(2026, 2, 10), 14)
    review = log(services, "Ran the incident review programme", date(2026, 3, 5), 40)
    private = log(services, "Turned down the recruiter offer", date(2026, 2, 20), private=True)
    log(services, "Shipped search version two", date(2026, 5, 2), 90)  # this quarter: not in the period
    window = make_window(services)
    section = conversations(window)
    assert section.list.is_showing_hint() and "Ctrl+N" in section.list.hint.text()

    section.list.table.setFocus()
    qtbot.keyClick(section.list.table, Qt.Key.Key_N, CTRL)
    prepare = section.dialog
    assert isinstance(prepare, PrepareDialog) and prepare.isVisible()
    activate(qtbot, prepare)
    assert prepare.audience_combo.currentText() == "Manager"
    assert prepare.period.quick_combo.currentText() == "Last quarter"
    assert prepare.period.words.text().startswith("1 Jan 2026 \u2013 31 Mar 2026")  # in words, not ISO

    # A period that ends before it starts: said under the field as it is typed, and Prepare refused
    retype(qtbot, prepare.period.start_edit.edit, "2026-03-31")
    retype(qtbot, prepare.period.end_edit.edit, "2026-01-01")
    assert prepare.period.quick_combo.currentText() == "Custom dates"
    problem = prepare.period.problem
    assert problem.isVisibleTo(prepare) and "before it starts" in problem.text() and "31 Mar 2026" in problem.text()
    qtbot.keyClick(prepare.period.end_edit.edit, Qt.Key.Key_Return)
    assert prepare.isVisible() and "before it starts" in prepare.error_label.text()
    assert "2026-" not in prepare.error_label.text()
    assert section.dialog is prepare and services.advocacy.conversations() == []  # nothing made, nothing saved

    prepare.period.quick_combo.setCurrentText("Last quarter")
    assert not problem.isVisibleTo(prepare)
    type_into(qtbot, prepare.title_edit, "Promotion conversation with my manager")
    qtbot.keyClick(prepare.title_edit, Qt.Key.Key_Return)  # Prepare…
    qtbot.waitUntil(lambda: not prepare.isVisible())
    editor = section.dialog
    assert isinstance(editor, ConversationEditor) and editor.isVisible()
    activate(qtbot, editor)
    assert services.advocacy.conversations() == []  # not saved until Save

    # The record of the quarter: the biggest impact first, the private one unticked and marked
    items = editor.record.items_of("achievement")
    texts = [item.text() for item in items]
    assert [t.split(" · ")[0] for t in texts] == [
        "Ran the incident review programme",
        "Cut the release checklist to two hours",
        "Turned down the recruiter offer",
    ]
    assert texts[0] == "Ran the incident review programme · 40 hours saved a month · 5 Mar 2026"
    assert texts[2].endswith("· private")
    assert [item.checkState() for item in items] == [Qt.CheckState.Checked] * 2 + [Qt.CheckState.Unchecked]
    assert "Shipped search" not in " ".join(texts)
    items[2].setCheckState(Qt.CheckState.Checked)  # chosen for my own copy

    editor.tabs.setCurrentIndex(1)  # What I want
    type_into(qtbot, editor.ask_edit, "Put me forward for senior engineer this cycle")
    type_into(qtbot, editor.points_edit, "The incident programme")
    qtbot.keyClick(editor.points_edit, Qt.Key.Key_Return)  # a new line, not Save
    qtbot.keyClicks(editor.points_edit, "The release checklist")
    assert editor.isVisible()
    editor.tabs.setCurrentIndex(3)  # Preview, as the manager will read it
    editor.preview_combo.setCurrentIndex(1)
    assert "For my manager" in editor.preview_combo.currentText()
    preview = editor.preview.toPlainText()
    assert "Put me forward for senior engineer" in preview and "Turned down the recruiter" not in preview
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)  # Save
    qtbot.waitUntil(lambda: not editor.isVisible())

    (stored,) = services.advocacy.conversations()
    assert stored.title == "Promotion conversation with my manager" and stored.audience is Audience.MANAGER
    assert (stored.period_start, stored.period_end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert stored.ask == "Put me forward for senior engineer this cycle"
    assert stored.talking_points == ["The incident programme", "The release checklist"]
    assert stored.achievement_ids == [private] and stored.excluded_ids == []
    qtbot.waitUntil(lambda: section.list.model.rowCount() == 1)
    (row,) = section.list.visible_rows()
    shown = [column.text(row) for column in section.list.model.columns]
    assert shown[1:5] == [
        "Promotion conversation with my manager",
        "Manager",
        "1 Jan 2026 \u2013 31 Mar 2026",
        "Not yet",
    ]

    # Export: the PDF for the manager, the Markdown for myself
    activate(qtbot, window)
    menu = section.show_export_menu()
    assert menu is not None
    assert [a.text().replace("&", "") for a in menu.actions()] == [
        "PDF for my manager (private items left out)…",
        "PDF for myself (everything chosen)…",
        "Markdown for my manager (private items left out)…",
        "Markdown for myself (everything chosen)…",
    ]
    menu.close()
    out = tmp_path / "out"
    out.mkdir()
    written = section.export("pdf", for_other=True, path=out / "for-dana")
    assert written == out / "for-dana.pdf" and written.is_file()
    text, pages = pdf_text(written)
    assert "Promotion conversation with my manager" in text
    assert "Ran the incident review programme" in text and "Cut the release checklist to two hours" in text
    assert "Turned down the recruiter offer" not in text  # private: never for the other person
    assert "Shipped search version two" not in text  # outside the period
    assert "Put me forward for senior engineer this cycle" in text
    assert pages == 1  # that little fits on one page
    mine = section.export("md", for_other=False, path=out / "mine.md")
    assert mine is not None
    markdown = mine.read_text(encoding="utf-8")
    assert "Turned down the recruiter offer" in markdown and "Ran the incident review programme" in markdown
    assert "Shipped search version two" not in markdown
    assert markdown.index("Ran the incident review") < markdown.index("Cut the release checklist")
    assert sorted(p.name for p in out.iterdir()) == ["for-dana.pdf", "mine.md"]  # no temporary file left
    assert checklist and review

    # To a folder that does not exist: a plain message, and no file
    missing = tmp_path / "no such folder" / "document.pdf"
    assert section.export("pdf", for_other=True, path=missing) is None
    box = only_box(section)
    assert "no such folder" in box.text() and "Errno" not in box.text() and "Error" not in box.text()
    press(box, "OK")
    assert not missing.parent.exists()
    assert section.export("md", for_other=False, path=tmp_path / "no such folder" / "document.md") is None
    press(only_box(section), "OK")
    assert not missing.parent.exists()


def test_after_the_conversation_a_follow_up_with_a_day_marked_done_from_the_list_and_undone(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    today = services.today()
    prep = services.advocacy.new_conversation(Audience.MANAGER, today - timedelta(days=90), today, "Mid-year review")
    prep.planned_on = today
    services.advocacy.save_conversation(prep)
    window = make_window(services)
    section = conversations(window)
    qtbot.waitUntil(lambda: section.list.model.rowCount() == 1)
    assert section.follow_up_list.is_showing_hint()

    section.list.table.setFocus()
    section.list.table.selectRow(0)
    qtbot.keyClick(section.list.table, Qt.Key.Key_Return)
    editor = section.dialog
    assert isinstance(editor, ConversationEditor) and editor.isVisible()
    activate(qtbot, editor)
    editor.tabs.setCurrentIndex(2)  # After the conversation
    type_into(qtbot, editor.held_edit.edit, today.isoformat())
    type_into(qtbot, editor.outcome_edit, "Promotion case goes to the calibration in July")
    type_into(qtbot, editor.theirs_edit, "Dana writes the case")
    qtbot.mouseClick(editor.follow_ups.add_button, Qt.MouseButton.LeftButton)
    table = editor.follow_ups.table
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    typing = QApplication.focusWidget()  # the new follow-up's text, being edited
    assert typing is not None and table.isAncestorOf(typing)
    qtbot.keyClicks(typing, "Send Dana the list of shipped work")
    qtbot.keyClick(typing, Qt.Key.Key_Return)  # ends the edit, does not save
    qtbot.waitUntil(lambda: cell_text(table, 0, 1) == "Send Dana the list of shipped work")  # committed (queued)
    assert editor.isVisible()
    editor.follow_ups.set_text(0, 3, "next week")
    editor.accept()
    assert editor.isVisible() and "is not a date" in editor.error_label.text()  # refused inline
    due = today + timedelta(days=7)
    editor.follow_ups.set_text(0, 3, due.isoformat())
    editor.accept()
    qtbot.waitUntil(lambda: not editor.isVisible())

    (stored,) = services.advocacy.conversations()
    assert stored.held_on == today and stored.their_commitments == "Dana writes the case"
    (follow_up,) = stored.follow_ups
    assert follow_up.text == "Send Dana the list of shipped work" and follow_up.due == due
    assert follow_up.mine and not follow_up.done
    qtbot.waitUntil(lambda: section.follow_up_list.model.rowCount() == 1)
    (row,) = section.list.visible_rows()
    assert section.list.model.columns[4].text(row) == "Held 15 Jun 2026"
    (item,) = section.follow_up_list.visible_rows()
    texts = [column.text(item) for column in section.follow_up_list.model.columns]
    assert texts[:4] == ["22 Jun 2026", "Send Dana the list of shipped work", "Mine", "Open"]

    # Done from the list with Ctrl+D; Ctrl+Z opens it again
    activate(qtbot, window)
    section.follow_up_list.table.setFocus()
    section.follow_up_list.table.selectRow(0)
    assert section.done_button.text() == "Mark d&one"
    qtbot.keyClick(section.follow_up_list.table, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: services.advocacy.conversations()[0].follow_ups[0].done)
    qtbot.waitUntil(
        lambda: section.follow_up_list.model.columns[3].text(section.follow_up_list.visible_rows()[0]) == "Done"
    )
    assert section.done_button.text() == "Re&open"
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not services.advocacy.conversations()[0].follow_ups[0].done)
    qtbot.waitUntil(
        lambda: section.follow_up_list.model.columns[3].text(section.follow_up_list.visible_rows()[0]) == "Open"
    )
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: services.advocacy.conversations()[0].follow_ups[0].done)


def test_delete_a_conversation_and_undo_brings_it_back_with_its_follow_ups(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    today = services.today()
    services.advocacy.save_conversation(
        ConversationPrep(
            title="Talk with HR about the pay band",
            audience=Audience.HR,
            period_start=today - timedelta(days=180),
            period_end=today,
            follow_ups=[FollowUp(text="Ask for the band's range in writing", due=today + timedelta(days=3))],
        )
    )
    window = make_window(services)
    section = conversations(window)
    qtbot.waitUntil(lambda: section.list.model.rowCount() == 1)
    section.list.table.setFocus()
    section.list.table.selectRow(0)
    qtbot.keyClick(section.list.table, Qt.Key.Key_Delete)
    box = only_box(section)
    assert "Talk with HR about the pay band" in box.text() and "1 follow-up" in box.text()
    press(box, "Delete")
    qtbot.waitUntil(lambda: section.list.model.rowCount() == 0)
    assert services.advocacy.conversations() == [] and section.follow_up_list.is_showing_hint()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: section.list.model.rowCount() == 1)
    (back,) = services.advocacy.conversations()
    assert back.title == "Talk with HR about the pay band" and len(back.follow_ups) == 1
    assert section.follow_up_list.model.rowCount() == 1
