"""Find Time's other dialogs, from an empty data folder: the preferences (saved as a whole, or
refused naming the preference to relax), the busy calendars (added, read, one that cannot be read
named, removed after asking), and the sessions that collide (moved, or kept where they are)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDateTimeEdit, QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from empower_desktop.domain import LearningItem, LearningSession, ZonedDateTime
from empower_desktop.domain.common import zone
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services
from empower_desktop.ui.find_time.busy_calendars import BusyCalendarsDialog
from empower_desktop.ui.find_time.collisions import CollisionsDialog
from empower_desktop.ui.find_time.preferences import FindTimePreferencesDialog
from empower_desktop.ui.workers import SyncRunner

from .conftest import only_box, press

BERLIN = zone("Europe/Berlin")
FOCUS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:focus@example.org\r\n"
    b"DTSTAMP:20260601T000000Z\r\nDTSTART;TZID=Europe/Berlin:20260601T090000\r\n"
    b"DTEND;TZID=Europe/Berlin:20260601T120000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\n"
    b"SUMMARY:Focus time\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def row(tree: QTreeWidget, index: int) -> QTreeWidgetItem:
    item = tree.topLevelItem(index)
    assert item is not None
    return item


@pytest.fixture
def berlin(services: Services) -> Services:
    services.settings.set("general.time_zone", "Europe/Berlin")
    return services


def test_preferences_are_saved_and_shown_again(berlin: Services, qtbot: QtBot, tmp_path: Path) -> None:
    dialog = FindTimePreferencesDialog(berlin)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.works[0].setChecked(False)  # Mondays off
    assert not dialog.starts[0].isEnabled()
    dialog.buffer.setValue(20)
    dialog.prefer.setChecked(True)
    for day in (date(2027, 1, 1), date(2026, 12, 24), date(2026, 12, 31), date(2026, 12, 24)):
        dialog.day_edit.set_value(day)
        dialog.add_day_button.click()
    shown = [dialog.days_off.item(row).text() for row in range(dialog.days_off.count())]
    assert shown == ["24 Dec 2026", "31 Dec 2026", "1 Jan 2027"]  # by date, each once
    dialog.all_day.setChecked(True)
    dialog.grab().save(str(tmp_path / "preferences.png"))
    dialog.save_button.click()
    assert not dialog.isVisible()
    prefs = berlin.find_time.preferences()
    assert prefs.hours[0] is None and prefs.hours[1] == (time(9), time(17))
    assert prefs.buffer == 20 and prefs.preferred == (time(8), time(11))
    assert prefs.days_off == frozenset({date(2026, 12, 24), date(2026, 12, 31), date(2027, 1, 1)})
    assert berlin.settings.get("find_time.all_day_busy") is True

    again = FindTimePreferencesDialog(berlin)
    qtbot.addWidget(again)
    assert not again.works[0].isChecked() and again.buffer.value() == 20
    assert again.days_off.item(0).text() == "24 Dec 2026"


def test_working_hours_that_leave_no_time_are_refused_and_nothing_is_saved(berlin: Services, qtbot: QtBot) -> None:
    dialog = FindTimePreferencesDialog(berlin)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.ends[2].setTime(QTime(9, 0))  # Wednesday 09:00-09:00
    dialog.buffer.setValue(30)
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "working hours on Wednesday (09:00\u201309:00) leave no time" in dialog.error_label.text()
    assert berlin.find_time.preferences().buffer == 10  # the default: nothing stored


def test_minutes_step_by_a_quarter_of_an_hour_from_the_keyboard(berlin: Services, qtbot: QtBot) -> None:
    dialog = FindTimePreferencesDialog(berlin)
    qtbot.addWidget(dialog)
    dialog.open()
    start = dialog.starts[1]  # Tuesday, 09:00
    start.setFocus()
    start.setTime(QTime(9, 7))  # typed by hand: kept, and the next step goes to the quarter
    start.setCurrentSection(QDateTimeEdit.Section.MinuteSection)
    qtbot.keyClick(start, Qt.Key.Key_Up)
    assert start.time() == QTime(9, 15)
    qtbot.keyClick(start, Qt.Key.Key_Up)
    qtbot.keyClick(start, Qt.Key.Key_Up)
    qtbot.keyClick(start, Qt.Key.Key_Up)
    assert start.time() == QTime(10, 0)  # over the hour
    qtbot.keyClick(start, Qt.Key.Key_Down)
    assert start.time() == QTime(9, 45)
    start.setCurrentSection(QDateTimeEdit.Section.HourSection)
    qtbot.keyClick(start, Qt.Key.Key_Up)
    assert start.time() == QTime(10, 45)  # hours still step by one
    start.setTime(QTime(23, 50))
    start.setCurrentSection(QDateTimeEdit.Section.MinuteSection)
    qtbot.keyClick(start, Qt.Key.Key_Up)
    assert start.time() == QTime(23, 59)  # the day's end, not the next morning


def test_busy_calendars_are_added_read_named_when_broken_and_removed_after_asking(
    berlin: Services, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work.ics"
    work.write_bytes(FOCUS)
    broken = tmp_path / "team.ics"
    broken.write_text("<html>Please sign in</html>", encoding="utf-8")
    dialog = BusyCalendarsDialog(berlin, SyncRunner())
    qtbot.addWidget(dialog)
    dialog.open()
    assert row(dialog.tree, 0).text(0).startswith("No busy calendar yet")
    assert not dialog.refresh_button.isEnabled()

    names = iter(["Work", "Team"])
    files = iter([work, broken])
    monkeypatch.setattr(dialog, "choose_file", lambda: next(files))
    monkeypatch.setattr(dialog, "ask_text", lambda title, label, value="": next(names))
    dialog.add_file_button.click()
    first = row(dialog.tree, 0)
    assert (first.text(0), first.text(1), first.text(2)) == ("Work", ".ics file", "80")
    assert first.text(3) != "never"
    dialog.add_file_button.click()
    texts = [row(dialog.tree, i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert texts == ["Team", "Team is not a calendar: it does not begin as an .ics file.", "Work"]
    assert "Team is not a calendar" in dialog.error_label.text()
    dialog.grab().save(str(tmp_path / "busy_calendars.png"))

    dialog.tree.setCurrentItem(row(dialog.tree, 0))
    dialog.remove_button.click()
    box = only_box(dialog)
    assert "Its events will no longer count as busy time" in box.text()
    press(box, "Remove")
    assert [s.name for s in berlin.find_time.sources()] == ["Work"]


def test_a_colliding_session_is_moved_or_kept(berlin: Services, qtbot: QtBot, tmp_path: Path) -> None:
    work = tmp_path / "work.ics"
    work.write_bytes(FOCUS)
    berlin.find_time.add_file_source(work, "Work")
    berlin.find_time.refresh()
    course = berlin.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Distributed systems"))
    for day in (16, 17):
        start = datetime(2026, 6, day, 10, 0, tzinfo=BERLIN)
        berlin.learning.save_session(
            LearningSession(
                item_id=course.id,
                start=ZonedDateTime(start, "Europe/Berlin"),
                end=ZonedDateTime(start + timedelta(hours=1), "Europe/Berlin"),
            )
        )
    dialog = CollisionsDialog(berlin, SyncRunner())
    qtbot.addWidget(dialog)
    dialog.open()
    moved: list[object] = []
    dialog.changed.connect(moved.append)
    assert dialog.heading.text().startswith("2 planned sessions collide with busy time")
    first = row(dialog.tree, 0)
    assert first.text(0) == "Tue 16 Jun 2026, 10:00\u201311:00"
    assert first.text(2) == "Focus time (Tue 16 Jun 2026, 09:00\u201312:00)"
    assert first.text(3) == "Tue 16 Jun 2026, 12:15\u201313:15"
    dialog.grab().save(str(tmp_path / "collisions.png"))

    dialog.move_button.click()
    assert len(moved) == 1 and dialog.tree.topLevelItemCount() == 1
    starts = [r.occurrence.start for r in berlin.learning.occurrence_rows(date(2026, 6, 15), date(2026, 6, 21))]
    assert datetime(2026, 6, 16, 12, 15, tzinfo=BERLIN) in starts
    dialog.keep_button.click()
    assert dialog.heading.text() == "No planned session collides with busy time."
    assert not dialog.move_all_button.isEnabled() and len(moved) == 1
