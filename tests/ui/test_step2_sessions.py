"""Step 2 · Sessions as a person uses it: a weekly habit typed in, its occurrences listed, one
logged as done, one skipped (out of the calendar), one moved, bad input refused, delete and undo."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from empower_desktop.domain import LearningItem, LearningSession, ZonedDateTime
from empower_desktop.domain.learn import LearningType, OccurrenceState
from empower_desktop.services import Services
from empower_desktop.sync.mapping import items_from_store
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.step2.session_editor import SessionEditor
from empower_desktop.ui.step2.sessions import NOT_LOGGED_COLOUR, SessionsSection

from ..conftest import FIXED_NOW
from .conftest import WindowFactory, learn_section, only_box, press

TODAY = FIXED_NOW.date()  # Monday 15 June 2026; 11:30 in Berlin
BERLIN = "Europe/Berlin"


def sessions_section(window: MainWindow) -> SessionsSection:
    return learn_section(window, SessionsSection)


def with_item(services: Services) -> LearningItem:
    services.data.start_empty()
    item = LearningItem(kind=LearningType.COURSE, title="Designing Data-Intensive Applications")
    services.data.save(item)
    return item


def texts(section: SessionsSection, column: str) -> list[str]:
    """What the table shows in *column*, row by row."""
    model = section.sessions.model
    index = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index(column)
    return [str(model.data(model.index(r, index))) for r in range(model.rowCount())]


def shown(section: SessionsSection) -> list[tuple[str, str]]:
    return list(zip(texts(section, "When"), texts(section, "State"), strict=True))


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    qtbot.keyClicks(widget, text)


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


def press_keys(window: MainWindow, section: SessionsSection, qtbot: QtBot, key: Qt.Key, ctrl: bool = True) -> None:
    """A shortcut pressed on the sessions table, as a person would."""
    window.activateWindow()
    section.sessions.table.setFocus()
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(section.sessions.table, key, modifier)


def choose(section: SessionsSection, when: str) -> None:
    assert section.sessions.select_first(lambda r: texts_of(section, r) == when), when


def texts_of(section: SessionsSection, row: object) -> str:
    model = section.sessions.model
    return str(model.data(model.index(next(r for r in range(model.rowCount()) if model.row_at(r) is row), 0)))


def new_habit(section: SessionsSection, qtbot: QtBot) -> SessionEditor:
    """Tue and Thu 7:30-8:15 from Monday 1 June until 31 July, typed in (not saved yet)."""
    qtbot.mouseClick(section.new_button, Qt.MouseButton.LeftButton)
    editor = section.editor
    assert editor is not None and editor.isVisible()
    assert editor.zone_combo.currentText() == BERLIN  # the app's zone to begin with
    assert editor.day_edit.value() == TODAY
    retype(qtbot, editor.day_edit.edit, "2026-06-01")
    type_into(qtbot, editor.start_edit, "7:30")
    type_into(qtbot, editor.end_edit, "08:15")
    for day in ("Tue", "Thu"):
        box = next(b for b in editor.day_boxes if b.text() == day)
        qtbot.keyClick(box, Qt.Key.Key_Space)
    type_into(qtbot, editor.until_edit.edit, "2026-07-31")
    return editor


def make_habit(services: Services, item: LearningItem) -> LearningSession:
    start = datetime(2026, 6, 2, 7, 30)
    return services.learning.save_session(
        LearningSession(
            item_id=item.id,
            start=ZonedDateTime.at(start, BERLIN),
            end=ZonedDateTime.at(start + timedelta(minutes=45), BERLIN),
            rrule="FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260731T215959Z",
        )
    )


def test_a_weekly_habit_typed_in_lists_its_occurrences(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    item = with_item(services)
    window = make_window(services)
    section = sessions_section(window)
    assert section.sessions.is_showing_hint()
    assert "New session" in section.sessions.hint.text()

    editor = new_habit(section, qtbot)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()

    [session] = services.store.learning_sessions.all()
    assert session.item_id == item.id
    assert session.rrule == "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260731T215959Z"
    assert (session.start.tz, session.start.local().replace(tzinfo=None)) == (BERLIN, datetime(2026, 6, 2, 7, 30))
    assert session.duration == timedelta(minutes=45)
    assert session.reminder_minutes is None  # the default reminder

    # four weeks back and four ahead: 2 Jun to 11 Jul, Tuesdays and Thursdays
    assert shown(section)[:6] == [
        ("Tue 2 Jun, 07:30\u201308:15", "Not logged"),
        ("Thu 4 Jun, 07:30\u201308:15", "Not logged"),
        ("Tue 9 Jun, 07:30\u201308:15", "Not logged"),
        ("Thu 11 Jun, 07:30\u201308:15", "Not logged"),
        ("Tue 16 Jun, 07:30\u201308:15", "Planned"),
        ("Thu 18 Jun, 07:30\u201308:15", "Planned"),
    ]
    assert len(shown(section)) == 12  # ... up to Thu 9 Jul
    assert set(texts(section, "Repeats")) == {"Every Tue and Thu until 31 Jul 2026"}
    assert set(texts(section, "Learning item")) == {item.title}
    first = section.sessions.model.index(0, 3)
    assert section.sessions.model.data(first, Qt.ItemDataRole.ForegroundRole) == NOT_LOGGED_COLOUR
    assert section.summary.text() == "4 past sessions not logged"
    tip = section.sessions.model.data(section.sessions.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Tue 2 Jun 2026, 07:30\u201308:15 CEST (Europe/Berlin)"
    assert window.statusBar().currentMessage() == f"Habit for “{item.title}” saved"

    section.show_range("Next 4 weeks")
    assert texts(section, "When")[0] == "Tue 16 Jun, 07:30\u201308:15"
    section.show_range("Next 12 months")
    assert texts(section, "When")[-1] == "Thu 30 Jul, 07:30\u201308:15"  # the last before the end


def test_edit_the_habit_opens_it_filled_in(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    item = with_item(services)
    habit = make_habit(services, item)
    window = make_window(services)
    section = sessions_section(window)
    choose(section, "Tue 16 Jun, 07:30\u201308:15")
    press_keys(window, section, qtbot, Qt.Key.Key_Return, ctrl=False)
    editor = section.editor
    assert editor is not None and editor.isVisible()
    assert editor.windowTitle() == "Edit habit"
    assert (editor.start_edit.text(), editor.end_edit.text()) == ("07:30", "08:15")
    assert editor.weekdays() == [1, 3]
    assert editor.until_edit.value() == date(2026, 7, 31)
    retype(qtbot, editor.end_edit, "08:30")
    editor.reminder_spin.setValue(5)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    # The habit had sessions before today: the change applies from today on, as a new series.
    stored = services.store.learning_sessions.get(habit.id)
    [following] = [s for s in services.store.learning_sessions.all() if s.id != habit.id]
    assert (stored.duration, stored.reminder_minutes) == (timedelta(minutes=45), None)
    assert (following.duration, following.reminder_minutes) == (timedelta(minutes=45 + 15), 5)
    assert set(texts(section, "When")) >= {"Thu 11 Jun, 07:30\u201308:15", "Tue 16 Jun, 07:30\u201308:30"}
    row = section.selected_row()
    assert row is not None and row.session.id == following.id


def test_changing_a_habits_time_keeps_what_was_logged_before_today(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    item = with_item(services)
    habit = make_habit(services, item)
    services.learning.log_done(habit.id, "2026-06-09T07:30:00", 40, "Fencing tokens")
    services.learning.log_done(habit.id, "2026-06-11T07:30:00", 30)
    window = make_window(services)
    section = sessions_section(window)
    choose(section, "Thu 11 Jun, 07:30\u201308:15")
    press_keys(window, section, qtbot, Qt.Key.Key_Return, ctrl=False)
    editor = section.editor
    assert editor is not None and editor.windowTitle() == "Edit habit"
    retype(qtbot, editor.start_edit, "08:00")
    retype(qtbot, editor.end_edit, "08:45")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    rows = shown(section)
    assert ("Tue 9 Jun, 07:30\u201308:15", "Done, 40 min") in rows
    assert ("Thu 11 Jun, 07:30\u201308:15", "Done, 30 min") in rows
    assert ("Tue 16 Jun, 08:00\u201308:45", "Planned") in rows
    assert not any(when.startswith(("Tue 9 Jun, 08:00", "Thu 11 Jun, 08:00")) for when, _state in rows)
    assert window.statusBar().currentMessage() == (
        f"Habit for “{item.title}” saved. Changes apply from today on; earlier sessions keep their log"
    )
    row = section.selected_row()
    assert row is not None and row.session.id != habit.id
    assert row.occurrence.key == "2026-06-16T08:00:00"


def test_log_one_as_done_with_the_minutes_spent(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    item = with_item(services)
    habit = make_habit(services, item)
    window = make_window(services)
    section = sessions_section(window)
    choose(section, "Thu 11 Jun, 07:30\u201308:15")
    press_keys(window, section, qtbot, Qt.Key.Key_D)
    dialog = section.log_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.minutes_spin.value() == 45  # the planned length
    dialog.minutes_spin.lineEdit().selectAll()
    type_into(qtbot, dialog.minutes_spin, "40")
    type_into(qtbot, dialog.takeaway_edit, "Leader election needs fencing tokens")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    logs = services.store.occurrence_logs.where("session_id = ?", (habit.id,))
    assert [(log.occurrence, log.state, log.minutes_spent, log.takeaway) for log in logs] == [
        ("2026-06-11T07:30:00", OccurrenceState.DONE, 40, "Leader election needs fencing tokens")
    ]
    assert ("Thu 11 Jun, 07:30\u201308:15", "Done, 40 min") in shown(section)
    assert "Leader election needs fencing tokens" in texts(section, "Takeaway")
    assert section.summary.text() == "3 past sessions not logged"
    row = section.selected_row()
    assert row is not None and row.occurrence.key == "2026-06-11T07:30:00"
    assert section.log_button.text() == "Change &log…"

    # logged by mistake: clear it
    press_keys(window, section, qtbot, Qt.Key.Key_Backspace)
    assert services.store.occurrence_logs.where("session_id = ?", (habit.id,)) == []
    assert ("Thu 11 Jun, 07:30\u201308:15", "Not logged") in shown(section)


def test_skip_one_takes_it_out_of_the_calendar(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    item = with_item(services)
    habit = make_habit(services, item)
    window = make_window(services)
    section = sessions_section(window)
    choose(section, "Tue 16 Jun, 07:30\u201308:15")
    press_keys(window, section, qtbot, Qt.Key.Key_K)

    assert ("Tue 16 Jun, 07:30\u201308:15", "Skipped") in shown(section)
    assert services.store.learning_sessions.get(habit.id).exdates == ["2026-06-16T07:30:00"]
    [event] = [i for i in items_from_store(services.store, services.calendar.reminders()) if i.record_id == habit.id]
    assert event.exdates == ("2026-06-16T07:30:00",)
    assert not section.skip_button.isEnabled() and not section.move_button.isEnabled()

    # changed my mind: clearing the log puts it back in the calendar
    press_keys(window, section, qtbot, Qt.Key.Key_Backspace)
    assert services.store.learning_sessions.get(habit.id).exdates == []
    assert ("Tue 16 Jun, 07:30\u201308:15", "Planned") in shown(section)


def test_move_one_occurrence_to_another_day(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    item = with_item(services)
    habit = make_habit(services, item)
    window = make_window(services)
    section = sessions_section(window)
    choose(section, "Thu 18 Jun, 07:30\u201308:15")
    press_keys(window, section, qtbot, Qt.Key.Key_M)
    dialog = section.move_dialog
    assert dialog is not None and dialog.isVisible()
    assert (dialog.day_edit.value(), dialog.start_edit.text(), dialog.end_edit.text()) == (
        date(2026, 6, 18),
        "07:30",
        "08:15",
    )
    retype(qtbot, dialog.day_edit.edit, "2026-06-19")
    retype(qtbot, dialog.start_edit, "18:00")
    retype(qtbot, dialog.end_edit, "17:00")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error_label.text() == "A session must end after it starts"
    retype(qtbot, dialog.end_edit, "18:45")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    assert services.store.learning_sessions.get(habit.id).exdates == ["2026-06-18T07:30:00"]
    when = texts(section, "When")
    assert "Thu 18 Jun, 07:30\u201308:15" not in when
    index = when.index("Fri 19 Jun, 18:00\u201318:45")
    assert texts(section, "Repeats")[index] == "One-off"
    row = section.selected_row()
    assert row is not None and not row.occurrence.habit and row.session.item_id == item.id
    assert window.statusBar().currentMessage() == f"“{item.title}” moved to Fri 19 Jun, 18:00"


def test_bad_input_shows_the_rule_broken_and_saves_nothing(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    with_item(services)
    section = sessions_section(make_window(services))
    editor = new_habit(section, qtbot)

    def refused(message: str) -> None:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert editor.isVisible() and editor.error_label.isVisible()
        assert editor.error_label.text() == message

    retype(qtbot, editor.end_edit, "07:00")
    refused("A session must end after it starts")
    assert editor.focusWidget() is editor.end_edit
    retype(qtbot, editor.end_edit, "07:30")
    refused("A session must end after it starts")  # 0 minutes
    retype(qtbot, editor.end_edit, "20:00")
    refused("A session can last at most 12 hours")
    retype(qtbot, editor.end_edit, "8:15")
    retype(qtbot, editor.start_edit, "25:00")
    refused("Start time: “25:00” is not a time (write it as HH:MM, e.g. 07:30)")
    retype(qtbot, editor.start_edit, "07:30")
    retype(qtbot, editor.until_edit.edit, "2026-05-31")  # ends before the first day
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.error_label.text().startswith(
        "This habit never takes place: “Every Tue and Thu until 31 May 2026” has no day on or after its first day"
    )
    retype(qtbot, editor.until_edit.edit, "2026-07-31")
    editor.zone_combo.setEditText("Mars/Olympus")
    refused("Unknown time zone 'Mars/Olympus'")
    assert services.learning.occurrence_rows(date(2026, 1, 1), date(2027, 1, 1)) == []

    editor.zone_combo.set_zone("America/New_York")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    when = texts(section, "When")
    assert when[0] == "Tue 2 Jun, 07:30\u201308:15 EDT"  # another zone than the app's: said so


def test_delete_asks_first_and_ctrl_z_brings_the_habit_back_with_its_logs(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    item = with_item(services)
    habit = make_habit(services, item)
    services.learning.log_done(habit.id, "2026-06-11T07:30:00", 30, "Quorum reads")
    window = make_window(services)
    section = sessions_section(window)
    choose(section, "Tue 16 Jun, 07:30\u201308:15")
    press_keys(window, section, qtbot, Qt.Key.Key_Delete, ctrl=False)
    box = only_box(window)
    assert box.text() == (
        f"Delete the habit “{item.title}” (Every Tue and Thu until 31 Jul 2026) with everything logged for it?"
    )
    press(box, "Cancel")
    assert len(services.store.learning_sessions.all()) == 1

    press_keys(window, section, qtbot, Qt.Key.Key_Delete, ctrl=False)
    press(only_box(window), "Delete")
    assert services.store.learning_sessions.all() == []
    assert section.sessions.is_showing_hint()
    assert window.statusBar().currentMessage() == f"Deleted habit “{item.title}” (Ctrl+Z to undo)"

    window.activateWindow()
    section.sessions.setFocus()
    qtbot.keyClick(section.sessions, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s.id for s in services.store.learning_sessions.all()] == [habit.id]
    [log] = services.store.occurrence_logs.all()
    assert (log.occurrence, log.minutes_spent, log.takeaway) == ("2026-06-11T07:30:00", 30, "Quorum reads")
    assert ("Thu 11 Jun, 07:30\u201308:15", "Done, 30 min") in shown(section)
    assert window.statusBar().currentMessage() == f"Restored habit “{item.title}”"


def test_demo_sessions_show_every_state(demo_services: Services, make_window: WindowFactory) -> None:
    section = sessions_section(make_window(demo_services))
    states = {row.state for row in section.sessions.visible_rows()}
    assert states == set(OccurrenceState)
    assert section.summary.text().endswith("not logged")


def test_a_time_still_ahead_cannot_be_logged_as_done_but_can_be_skipped(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    item = with_item(services)
    for day in (TODAY - timedelta(days=3), TODAY + timedelta(days=2)):  # last Friday, this Wednesday
        start = ZonedDateTime.at(datetime.combine(day, datetime.min.time()).replace(hour=7), "Europe/Berlin")
        services.data.save(LearningSession(item_id=item.id, start=start, end=start + timedelta(hours=1)))
    window = make_window(services)
    section = sessions_section(window)
    rows = section.sessions.visible_rows()
    [ahead] = [row for row in rows if row.occurrence.start.date() == TODAY + timedelta(days=2)]
    [past] = [row for row in rows if row.occurrence.start.date() == TODAY - timedelta(days=3)]
    assert section.sessions.select_first(lambda r: r is ahead)

    assert not section.log_button.isEnabled() and section.skip_button.isEnabled()
    assert "still ahead" in section.log_button.toolTip()
    press_keys(window, section, qtbot, Qt.Key.Key_D)  # Ctrl+D does nothing either
    assert section.log_dialog is None or not section.log_dialog.isVisible()

    assert section.sessions.select_first(lambda r: r is past)
    assert section.log_button.isEnabled() and "(Ctrl+D)" in section.log_button.toolTip()
