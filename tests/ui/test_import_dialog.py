"""File → Import course schedule (.ics)… as a person uses it: pick the file, see what it gives and
what it leaves out (and why), choose the learning item, import the rest; import it again and
nothing doubles."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from empower_desktop.domain import LearningItem
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services
from empower_desktop.ui.import_dialog import ImportScheduleDialog
from empower_desktop.ui.step2.session_editor import SessionEditor

from .conftest import WindowFactory

SCHEDULE = (
    "BEGIN:VCALENDAR\r\nPRODID:-//pretalx//pretalx.example//EN\r\nVERSION:2.0\r\nX-WR-CALNAME:DevOpsDays 2027\r\n"
    "BEGIN:VEVENT\r\nUID:talk-1@pretalx\r\nDTSTART;TZID=Europe/Lisbon:20270503T100000\r\n"
    "DTEND;TZID=Europe/Lisbon:20270503T104500\r\nSUMMARY:Observability at scale\r\nLOCATION:Room A\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:talk-2@pretalx\r\nDTSTART;TZID=Europe/Lisbon:20270503T110000\r\n"
    "DTEND;TZID=Europe/Lisbon:20270503T113000\r\nSUMMARY:Platform teams\r\nLOCATION:Room B\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:day@pretalx\r\nDTSTART;VALUE=DATE:20270504\r\nSUMMARY:Community day\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:hack@pretalx\r\nDTSTART;TZID=Europe/Lisbon:20270505T080000\r\n"
    "DTEND;TZID=Europe/Lisbon:20270505T220000\r\nSUMMARY:Hack marathon\r\nEND:VEVENT\r\n"
    "BEGIN:VTODO\r\nUID:todo@pretalx\r\nDUE;VALUE=DATE:20270510\r\nSUMMARY:Submit feedback\r\nEND:VTODO\r\n"
    "END:VCALENDAR\r\n"
)


def rows(dialog: ImportScheduleDialog) -> list[tuple[str, str, str]]:
    model = dialog.model
    return [
        (str(model.index(r, 1).data()), str(model.index(r, 2).data()), str(model.index(r, 3).data()))
        for r in range(model.rowCount())
    ]


def test_preview_a_partly_importable_schedule_then_import_the_rest(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "devopsdays.ics"
    path.write_text(SCHEDULE, encoding="utf-8")
    services.data.save(LearningItem(kind=LearningType.CONFERENCE, title="DevOpsDays"))
    window = make_window(services)
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    dialog = window.import_schedule(path)
    assert isinstance(dialog, ImportScheduleDialog)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert dialog.item_combo.currentText() == "DevOpsDays"  # the only learning item
    assert rows(dialog) == [
        ("Observability at scale", "New", "Room A"),
        ("Platform teams", "New", "Room B"),
        ("Community day", "Left out", "all day: a session has a start and an end time"),
        ("Hack marathon", "Left out", "it lasts 14 hours; a session lasts at most 12"),
        ("Submit feedback", "Left out", "a task, not an event with a time"),
    ]
    assert str(dialog.model.index(0, 0).data()) == "3 May 2027 10:00 Europe/Lisbon"
    assert dialog.summary_label.text() == "2 new sessions; 3 entries left out."
    assert dialog.import_button.text() == "&Import 2 sessions" and dialog.import_button.isEnabled()
    dialog.resize(900, 520)
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    assert window.statusBar().currentMessage() == "Imported from devopsdays.ics: 2 new sessions; 3 entries left out."
    sessions = services.store.learning_sessions.all()
    assert sorted(s.location for s in sessions) == ["Room A", "Room B"]
    assert {s.start.tz for s in sessions} == {"Europe/Lisbon"}

    again = window.import_schedule(path)
    assert again is not None
    qtbot.waitUntil(lambda: again.plan is not None)
    assert [outcome for _t, outcome, _d in rows(again)][:2] == ["Already imported", "Already imported"]
    assert again.import_button.text() == "Nothing to import" and not again.import_button.isEnabled()
    again.reject()
    assert services.store.learning_sessions.count() == 2


def test_starting_empty_the_schedule_becomes_a_new_course(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "devopsdays.ics"
    path.write_text(SCHEDULE, encoding="utf-8")
    window = make_window(services)
    dialog = window.import_schedule(path)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert dialog.item_combo.currentText() == "A new course: DevOpsDays 2027"
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    [course] = services.learning.items()
    assert course.title == "DevOpsDays 2027"
    assert services.store.learning_sessions.count() == 2


def test_a_file_that_is_no_calendar_is_told_in_the_dialog(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "notes.ics"
    path.write_text("hello", encoding="utf-8")
    window = make_window(services)
    dialog = window.import_schedule(path)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert dialog.error_label.text().startswith("notes.ics is not a calendar file")
    assert not dialog.import_button.isEnabled() and dialog.model.rowCount() == 0


def test_an_imported_sessions_place_and_notes_are_shown_and_edited(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "devopsdays.ics"
    path.write_text(SCHEDULE.replace("LOCATION:Room A", "LOCATION:Room A\r\nURL:https://pretalx.example/t/1"), "utf-8")
    item = services.data.save(LearningItem(kind=LearningType.CONFERENCE, title="DevOpsDays"))
    services.calendar.import_ics(path, item.id)
    talk = next(s for s in services.store.learning_sessions.all() if s.location == "Room A")
    assert talk.notes == "Observability at scale\nhttps://pretalx.example/t/1"
    make_window(services)
    editor = SessionEditor(services, services.learning.items(), talk)
    qtbot.addWidget(editor)
    assert editor.place_edit.text() == "Room A"
    assert editor.notes_edit.toPlainText() == talk.notes
    editor.notes_edit.setPlainText(talk.notes + "\nBring the laptop")
    saved = editor.save()
    assert saved.notes.endswith("Bring the laptop") and saved.import_key == talk.import_key
    # The same file imported again leaves the person's edit alone; a file that changed the talk wins
    plan = services.calendar.plan_import(path, item.id)
    assert not plan.changed and len(plan.unchanged) == 2
    path.write_text(path.read_text("utf-8").replace("LOCATION:Room A", "LOCATION:Room C"), "utf-8")
    plan = services.calendar.plan_import(path, item.id)
    assert [found.location for _id, found in plan.changed] == ["Room C"]
