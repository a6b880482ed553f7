"""Find Time in the window, from a data folder with one learning item and a work calendar file as
busy time: ask for 3 h a week in 45-minute blocks with the keyboard, see the week view, nudge a
block, take the proposal, and find the sessions in the Sessions list and in the calendar file.

The window's clock is Monday 15 Jun 2026, 11:30 in Berlin (09:30 UTC)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from empower_desktop.domain import Contact, LearningItem, LearningSession, Meeting, Mentorship, ZonedDateTime
from empower_desktop.domain.common import zone
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services
from empower_desktop.ui.find_time.dialog import FindTimeDialog
from empower_desktop.ui.review.reviews import ReviewsSection
from empower_desktop.ui.step2.sessions import SessionsSection
from empower_desktop.ui.step3.meetings import MeetingsSection

from .conftest import WindowFactory, activate, learn_section, tab_section

BERLIN = zone("Europe/Berlin")
FOCUS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:focus@example.org\r\n"
    b"DTSTAMP:20260601T000000Z\r\nDTSTART;TZID=Europe/Berlin:20260601T090000\r\n"
    b"DTEND;TZID=Europe/Berlin:20260601T120000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\n"
    b"SUMMARY:Focus time\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def prepared(services: Services, tmp_path: Path) -> LearningItem:
    services.settings.set("general.time_zone", "Europe/Berlin")
    path = tmp_path / "work.ics"
    path.write_bytes(FOCUS)
    services.find_time.add_file_source(path, "Work")
    return services.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Distributed systems"))


def open_dialog(window: object, qtbot: QtBot) -> tuple[SessionsSection, FindTimeDialog]:
    section = learn_section(window, SessionsSection)  # type: ignore[arg-type]
    activate(qtbot, window)  # type: ignore[arg-type]
    section.sessions.table.setFocus()
    qtbot.keyClick(section.sessions.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = section.find_dialog
    assert dialog.isVisible()
    return section, dialog


def test_find_time_for_a_weekly_target_take_it_and_find_the_sessions(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    course = prepared(services, tmp_path)
    window = make_window(services)
    section, dialog = open_dialog(window, qtbot)
    assert dialog.item_combo.currentText() == "Distributed systems"
    assert "Ctrl+T" in section.find_button.toolTip()
    dialog.hours_spin.setValue(3)
    dialog.block_spin.setValue(45)
    dialog.weeks_spin.setValue(4)
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    assert dialog.plan is not None
    assert "Busy time from 1 calendar, read 15 Jun 2026" in dialog.busy_time_label.text()
    assert len(dialog.plan.proposal.slots) == 4
    # this week's first free time is still ahead: the week view starts here, with the blocks marked
    assert dialog.week_label.text() == "Week of 15 Jun 2026 (1 of 4)"
    shown = dialog.view.describe()
    assert shown.startswith("Week of 15 Jun 2026: 4 proposed")
    for block in dialog.view.blocks:
        local = block.start.astimezone(BERLIN)
        assert local.time() >= time(12, 10) and block.minutes == 45  # after the focus time and its buffer
    assert dialog.summary.text().startswith("Every week: Mon, Tue, Wed, Thu 12:15\u201313:00 (free in 4 of 4 weeks).")
    dialog.grab().save(str(tmp_path / "find_time.png"))

    # The keyboard nudges the selected block's weekly time: Down is 15 minutes later, every week.
    before = dialog.plan.proposal.slots[0]
    qtbot.keyClick(dialog.view, Qt.Key.Key_Down)
    assert dialog.plan.proposal.slots[0].at == time(before.at.hour, before.at.minute + 15)
    qtbot.keyClick(dialog.view, Qt.Key.Key_PageDown)
    assert dialog.week_label.text() == "Week of 22 Jun 2026 (2 of 4)"

    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "Added 2 weekly habits to “Distributed systems”" in window.statusBar().currentMessage()
    QApplication.processEvents()
    rows = [r for r in section.sessions.model.every_row() if r.session.item_id == course.id]
    assert len(rows) >= 4 * 3 and {r.occurrence.start.astimezone(BERLIN).time().hour for r in rows} == {12}

    # The calendar: the app's embedded default is the calendar file, written by the sync.
    window.sync_calendar()
    events = Calendar.from_ical(services.calendar.calendar_file().read_bytes()).walk("VEVENT")
    habits = [e for e in events if str(e.get("SUMMARY", "")) == "Learning: Distributed systems" and "RRULE" in e]
    # the nudged Monday at 12:30, the other three days together at 12:15
    assert sorted((h.decoded("RRULE")["BYDAY"], h.decoded("DTSTART").time()) for h in habits) == [
        (["MO"], time(12, 30)),
        (["TU", "WE", "TH"], time(12, 15)),
    ]


def test_a_nudge_that_cannot_go_there_says_why_and_next_proposal_offers_other_times(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    prepared(services, tmp_path)
    window = make_window(services)
    _section, dialog = open_dialog(window, qtbot)
    dialog.hours_spin.setValue(1)
    dialog.block_spin.setValue(60)
    dialog.weeks_spin.setValue(2)
    dialog.find_time()
    assert dialog.plan is not None
    first = dialog.plan.proposal.slots
    for _ in range(20):
        qtbot.keyClick(dialog.view, Qt.Key.Key_Down)
    assert "outside the working hours (09:00\u201317:00)" in dialog.error_label.text()
    assert dialog.error_label.isVisible()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert not set(first) & set(dialog.plan.proposal.slots)


def test_with_no_learning_item_the_dialog_says_what_to_do_first(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(services)
    dialog = window.find_time()
    assert isinstance(dialog, FindTimeDialog)
    assert "There is no learning item yet" in dialog.error_label.text()
    assert "No busy calendar chosen" in dialog.busy_time_label.text()
    dialog.find_time()
    assert dialog.plan is None and not dialog.take_button.isEnabled()


def test_after_a_sync_the_window_says_which_sessions_collide_or_moves_them(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    course = prepared(services, tmp_path)
    start = datetime(2026, 6, 16, 10, 0, tzinfo=BERLIN)  # in Tuesday's focus time
    services.learning.save_session(
        LearningSession(
            item_id=course.id,
            start=ZonedDateTime(start, "Europe/Berlin"),
            end=ZonedDateTime(start + timedelta(hours=1), "Europe/Berlin"),
        )
    )
    window = make_window(services)
    window.sync.sync_now()  # as the sync after each change, and every 15 minutes, runs
    assert window.statusBar().currentMessage() == (
        "1 session collides with meetings added since: Sync \u2192 Sessions That Collide (Ctrl+Shift+L)"
    )
    assert window.sync.state.collisions == 1

    services.settings.set("find_time.auto_move", True)
    window.sync.sync_now()
    assert window.statusBar().currentMessage().startswith("Moved 1 session off meetings added since")
    [session] = services.store.learning_sessions.all()
    assert session.start.local() == datetime(2026, 6, 16, 12, 15, tzinfo=BERLIN)  # after the focus time
    assert window.sync.state.collisions == 0


def test_find_a_time_for_a_mentor_meeting_nudge_it_and_take_it(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    prepared(services, tmp_path)
    window = make_window(services)
    dialog = window.find_time()
    assert isinstance(dialog, FindTimeDialog)
    dialog.mode_combo.setCurrentIndex(1)
    assert "There is no mentor or coach yet" in dialog.error_label.text()
    assert not dialog.find_button.isEnabled()
    dialog.close()

    priya = services.store.contacts.add(Contact(name="Priya Raman"))
    services.mentoring.save_mentorship(Mentorship(contact_id=priya.id))
    sam = services.store.contacts.add(Contact(name="Sam Okafor"))
    ship = services.mentoring.save_mentorship(Mentorship(contact_id=sam.id))
    held = ZonedDateTime.at(datetime(2026, 6, 1, 10), "Europe/Berlin")
    services.store.meetings.add(
        Meeting(mentorship_id=ship.id, title="1:1 with Sam", start=held, end=held + timedelta(hours=1))
    )
    # From 3 · Network & Mentor → Meetings: Ctrl+T opens it on a meeting with the selected meeting's mentor
    meetings = tab_section(window, 2, MeetingsSection)
    activate(qtbot, window)
    meetings.meetings.table.setFocus()
    qtbot.keyClick(meetings.meetings.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = meetings.find_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Find Time for a Mentor Meeting"
    assert dialog.mentorship_combo.currentData() == ship.id
    dialog.mentorship_combo.setCurrentIndex(dialog.mentorship_combo.findText("Mentor: Priya Raman"))
    dialog.meeting_spin.setValue(60)
    dialog.meeting_from.set_value(date(2026, 6, 22))
    dialog.meeting_to.set_value(date(2026, 6, 26))
    dialog.find_time()
    assert dialog.summary.text() == "Proposed: Mon 22 Jun 2026, 12:15\u201313:15."
    assert dialog.day_after_button.isEnabled()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Right)  # the day after, at the same time
    assert dialog.summary.text() == "Proposed: Tue 23 Jun 2026, 12:15\u201313:15."
    qtbot.keyClick(dialog.view, Qt.Key.Key_Up)  # into the focus time's buffer: refused in words
    assert "within 10 min of it" in dialog.error_label.text()
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    [meeting] = [m for m in services.store.meetings.all() if m.mentorship_id != ship.id]
    assert meeting.start.local() == datetime(2026, 6, 23, 12, 15, tzinfo=BERLIN) and "Priya Raman" in meeting.title
    assert "A meeting with Priya Raman planned for Tue 23 Jun 2026" in window.statusBar().currentMessage()
    assert any("Priya Raman" in row.meeting.title for row in meetings.meetings.visible_rows())  # the list read again


def test_find_a_time_for_the_weekly_review(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    prepared(services, tmp_path)
    window = make_window(services)
    reviews = tab_section(window, 4, ReviewsSection)  # the Review tab: Find a Free Time… beside the ritual
    qtbot.mouseClick(reviews.ritual_find_button, Qt.MouseButton.LeftButton)
    dialog = reviews.dialog
    assert isinstance(dialog, FindTimeDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Find Time for the Weekly Review"
    dialog.find_time()
    assert dialog.plan is not None and dialog.plan.title == "The review"
    assert [s.text() for s in dialog.plan.proposal.slots] == ["Fri 16:00"]  # where it is now: free
    assert "That is when your review comes round now: it is free." in dialog.summary.text()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    [slot] = dialog.plan.proposal.slots
    assert slot.text() != "Fri 16:00" and "comes round now" not in dialog.summary.text()
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    ritual = services.review.ritual()
    assert (ritual.weekday, ritual.time) == (slot.weekday + 1, f"{slot.at:%H:%M}")
    assert window.statusBar().currentMessage().startswith("The review now comes round on ")
    assert f"at {slot.at:%H:%M}" in reviews.ritual_label.text()  # the ritual line read again
