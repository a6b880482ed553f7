"""Settings → Calendars as a person uses it: add a CalDAV account against a real Radicale (typing,
Test connection, picking the calendar), sync and see the result in the list; a wrong password;
remove (leaving or deleting the events); edit what goes where; add an .ics file.

Independent of the computer's keyring: while these tests run there is none (the password is asked
for), except where a stand-in keeps passwords in a dict to show the "remembered" path. The real
keyring is exercised in tests/integration.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from caldav.collection import Calendar as DAVCalendar
from keyring.backends import fail
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from empower_desktop.services import Services
from empower_desktop.services.calendar import SyncOutcome
from empower_desktop.sync import credentials
from empower_desktop.ui.account_dialog import (
    PRESETS,
    AddCalDAVDialog,
    AddIcsDialog,
    Preset,
    needs_insecure_consent,
    suggested_name,
)
from empower_desktop.ui.calendars_dialog import CalendarsDialog, EditAccountDialog, PasswordDialog
from empower_desktop.ui.formatting import DASH
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.move_calendar_dialog import MoveCalendarDialog

# The real Radicale of the integration tests (started once for this module's tests).
from ..integration.conftest import CalDAVServer, radicale_server  # noqa: F401
from .conftest import WindowFactory, only_box, open_boxes, press


@pytest.fixture(autouse=True)
def no_keyring() -> Iterator[None]:
    """No keyring while a test runs, whatever this computer (or an earlier test) set up."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def saved_passwords(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A keyring that works: passwords kept in a dict (account name → password)."""
    kept: dict[str, str] = {}
    monkeypatch.setattr(credentials, "keyring_status", lambda: (True, "Passwords are kept in the test's keyring."))
    monkeypatch.setattr(credentials, "save_password", kept.__setitem__)
    monkeypatch.setattr(credentials, "load_password", kept.get)
    monkeypatch.setattr(credentials, "delete_password", lambda name: kept.pop(name, None))
    return kept


def click(qtbot: QtBot, button: QPushButton | QCheckBox) -> None:
    assert button.isEnabled(), button.text()
    # a check box toggles when its box or its text is clicked, not the empty space beside them
    if isinstance(button, QCheckBox):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    assert edit.text() == text


def open_calendars(window: MainWindow) -> CalendarsDialog:
    window.calendars_action.trigger()
    dialog = window.calendars_dialog
    assert isinstance(dialog, CalendarsDialog) and dialog.isVisible()
    return dialog


def open_add_caldav(qtbot: QtBot, calendars: CalendarsDialog) -> AddCalDAVDialog:
    click(qtbot, calendars.add_caldav_button)
    dialog = calendars.child_dialog
    assert isinstance(dialog, AddCalDAVDialog) and dialog.isVisible()
    return dialog


def sign_in(qtbot: QtBot, dialog: AddCalDAVDialog, server: CalDAVServer, password: str) -> None:
    """Pick the Radicale preset, type the address and the account, Test connection."""
    dialog.preset_combo.setFocus()
    dialog.choose_preset("Radicale")
    assert dialog.url_edit.text() == "https://HOST:5232/"
    assert "Radicale" in dialog.preset_hint.text()
    retype(qtbot, dialog.url_edit, server.url)
    assert not dialog.insecure_box.isVisible()  # plain http:// to this computer needs no consent
    qtbot.keyClicks(dialog.username_edit, server.username)
    qtbot.keyClicks(dialog.password_edit, password)
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    if not dialog.remember_box.isEnabled():  # no keyring: the box says why, the password is asked for
        assert not dialog.remember_box.isChecked()
        assert "cannot be saved" in dialog.keyring_hint.text()
    assert not dialog.save_button.isEnabled()
    click(qtbot, dialog.test_button)


def calendar_objects(server: CalDAVServer, url: str) -> list[str]:
    """The events in the calendar as another app sees them."""
    with server.client() as client:
        events = DAVCalendar(client=client, url=url).events()
        assert isinstance(events, list)  # the synchronous client
        return [str(event.data) for event in events]


def add_own_event(server: CalDAVServer, url: str, uid: str) -> None:
    """A person's own event in the calendar (a dentist's appointment), not Empower's."""
    with server.client() as client:
        DAVCalendar(client=client, url=url).save_event(
            f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n"
            "DTSTAMP:20260601T090000Z\r\nDTSTART:20260620T090000Z\r\nDTEND:20260620T100000Z\r\n"
            "SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )


def add_with_services(services: Services, server: CalDAVServer, name: str, calendar_url: str) -> None:
    services.calendar.add_caldav_account(
        name, server.url, server.username, server.password, calendar_url, remember_password=False
    )


@pytest.mark.integration
def test_add_a_caldav_account_through_the_dialog_then_sync(
    demo_services: Services,
    make_window: WindowFactory,
    qtbot: QtBot,
    radicale_server: CalDAVServer,  # noqa: F811
) -> None:
    window = make_window(demo_services)
    calendars = open_calendars(window)
    assert calendars.rows() == [] and calendars.empty_label.isVisible()
    dialog = open_add_caldav(qtbot, calendars)
    assert not dialog.calendar_group.isEnabled()

    sign_in(qtbot, dialog, radicale_server, radicale_server.password)

    assert not dialog.error_label.isVisible(), dialog.error_label.text()
    assert dialog.calendar_group.isEnabled() and dialog.save_button.isEnabled()
    assert "Signed in to 127.0.0.1" in dialog.found_label.text()
    texts = dialog.calendar_texts()
    if "Empower" not in [t.split(" (")[0] for t in texts]:  # a fresh account on the server
        assert texts[0] == "Create a new calendar called “Empower”"
        assert dialog.chosen_calendar() is None  # preselected
    dialog.choose_calendar(texts[0])
    assert dialog.name_edit.text() == "127.0.0.1"  # from the host until the person names it
    dialog.name_edit.selectAll()
    qtbot.keyClicks(dialog.name_edit, "work")
    assert dialog.kinds_field.kinds() == (
        "session",
        "meeting",
        "deadline",
        "milestone",
        "renewal",
        "followup",
        "review",
    )
    click(qtbot, dialog.kinds_field.boxes["renewal"])  # renewals go elsewhere

    click(qtbot, dialog.save_button)

    assert not dialog.isVisible(), dialog.error_label.text()
    account = demo_services.calendar.account("work")
    assert account.calendar_name == "Empower"
    assert account.kinds == ("session", "meeting", "deadline", "milestone", "followup", "review")
    row = calendars.row_texts("work")
    assert row["Kind"] == "CalDAV"
    assert row["Where"] == f"“Empower” on 127.0.0.1:{radicale_server.url.rsplit(':', 1)[1].rstrip('/')} as alice"
    assert row["What goes there"] == (
        "Learning sessions, mentor meetings, goal deadlines, milestones, follow-ups, review rituals"
    )
    assert (row["Last sync"], row["Result"]) == ("Not yet", DASH)
    assert calendars.note_label.text().startswith("Added “work”.")
    assert "certification renewals" in calendars.unrouted_label.text()

    # Sync → Sync Calendar Now: the password typed in the dialog serves this session (no keyring
    # here), and the list shows how the sync went as soon as it has finished.
    assert window.sync.passwords == {"work": radicale_server.password}
    finished: list[list[SyncOutcome]] = []
    window.sync.finished.connect(finished.append)
    window.sync_action.trigger()

    (outcomes,) = finished
    assert [(o.account, o.error) for o in outcomes] == [("work", "")]
    created = len(outcomes[0].report.created)
    assert created > 0
    row = calendars.row_texts("work")
    assert row["Last sync"] != "Not yet"
    assert row["Result"] == f"OK · {created} events"
    assert len(calendar_objects(radicale_server, account.calendar_url)) >= created


@pytest.mark.integration
def test_a_wrong_password_is_refused_inline_and_nothing_is_saved(
    services: Services,
    make_window: WindowFactory,
    qtbot: QtBot,
    radicale_server: CalDAVServer,  # noqa: F811
) -> None:
    calendars = open_calendars(make_window(services))
    dialog = open_add_caldav(qtbot, calendars)

    sign_in(qtbot, dialog, radicale_server, "not-the-password")

    assert dialog.isVisible()
    text = dialog.error_label.text()
    assert dialog.error_label.isVisible() and "refused the password for alice" in text
    assert "not-the-password" not in text
    assert not dialog.calendar_group.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.focusWidget() is dialog.password_edit  # to type it again
    dialog.save()  # Ctrl+Enter or a stray call: tests again, does not save
    assert services.calendar.accounts() == [] and calendars.rows() == []

    retype(qtbot, dialog.password_edit, radicale_server.password)  # typed right, and Enter: it works
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert not dialog.error_label.isVisible() and dialog.save_button.isEnabled()
    assert dialog.save_button.isDefault() and not dialog.test_button.isDefault()  # Enter now adds


@pytest.mark.integration
def test_remove_and_leave_the_events_keeps_them_in_the_calendar(
    demo_services: Services,
    make_window: WindowFactory,
    qtbot: QtBot,
    radicale_server: CalDAVServer,  # noqa: F811
) -> None:
    url = radicale_server.new_calendar()
    name = f"leave-{uuid.uuid4().hex[:6]}"
    add_with_services(demo_services, radicale_server, name, url)
    demo_services.calendar.sync_account(name, password=radicale_server.password)
    before = calendar_objects(radicale_server, url)
    assert before
    window = make_window(demo_services)
    calendars = open_calendars(window)
    calendars.select(name)
    calendars.sync_running = lambda: True  # not under a running sync
    click(qtbot, calendars.remove_button)
    assert "A sync is running" in calendars.error_label.text() and not open_boxes(window)
    calendars.sync_running = lambda: False

    click(qtbot, calendars.remove_button)
    box = only_box(window)
    assert box.text() == f"Remove “{name}”? Delete the events Empower put in that calendar, or leave them there?"
    assert [b.text() for b in box.buttons()] == ["Delete our events", "Leave them", "Cancel"] or set(
        b.text() for b in box.buttons()
    ) == {"Delete our events", "Leave them", "Cancel"}
    press(box, "Leave them")

    assert demo_services.calendar.accounts() == [] and calendars.rows() == []
    assert calendars.note_label.text() == f"Removed “{name}”. Its events stay in the calendar."
    assert len(calendar_objects(radicale_server, url)) == len(before)


@pytest.mark.integration
def test_remove_and_delete_our_events_asks_for_the_password_and_spares_other_events(
    demo_services: Services,
    make_window: WindowFactory,
    qtbot: QtBot,
    radicale_server: CalDAVServer,  # noqa: F811
) -> None:
    url = radicale_server.new_calendar()
    name = f"delete-{uuid.uuid4().hex[:6]}"
    add_with_services(demo_services, radicale_server, name, url)
    report = demo_services.calendar.sync_account(name, password=radicale_server.password)
    add_own_event(radicale_server, url, "mine-1")
    window = make_window(demo_services)
    calendars = open_calendars(window)
    calendars.select(name)
    click(qtbot, calendars.remove_button)
    press(only_box(window), "Delete our events")

    # No password is saved for this account: the dialog asks (a wrong one first).
    asked = calendars.child_dialog
    assert isinstance(asked, PasswordDialog) and asked.isVisible()
    qtbot.keyClicks(asked.password_edit, "wrong")
    click(qtbot, asked.buttons.button(QDialogButtonBox.StandardButton.Ok))
    again = calendars.child_dialog
    assert isinstance(again, PasswordDialog) and again is not asked
    assert "refused the password" in again.error_label.text()
    assert [a.name for a in demo_services.calendar.accounts()] == [name]
    qtbot.keyClicks(again.password_edit, radicale_server.password)
    click(qtbot, again.buttons.button(QDialogButtonBox.StandardButton.Ok))

    assert demo_services.calendar.accounts() == []
    created = len(report.created)
    assert calendars.note_label.text().startswith(f"Removed “{name}” and deleted the {created} event")
    left = calendar_objects(radicale_server, url)
    assert len(left) == 1 and "SUMMARY:Dentist" in left[0]


def test_edit_refuses_a_type_that_goes_to_another_calendar(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    services.calendar.add_ics_account("phone", tmp_path / "phone.ics", ("session", "meeting"))
    services.calendar.add_ics_account("laptop", tmp_path / "laptop.ics", ("deadline",))
    calendars = open_calendars(make_window(services))
    calendars.select("laptop")
    click(qtbot, calendars.edit_button)
    edit = calendars.child_dialog
    assert isinstance(edit, EditAccountDialog)
    assert edit.kinds_field.boxes["session"].text() == "Learning sessions (now in “phone”)"
    assert not edit.password_edit.isVisible()  # a file has no password

    click(qtbot, edit.kinds_field.boxes["session"])
    click(qtbot, edit.save_button)

    assert edit.isVisible()
    assert edit.error_label.text().startswith("Learning sessions already go to “phone”.")
    assert services.calendar.account("laptop").kinds == ("deadline",)

    click(qtbot, edit.kinds_field.boxes["session"])  # untick it again; take the milestones instead
    click(qtbot, edit.kinds_field.boxes["milestone"])
    click(qtbot, edit.save_button)

    assert not edit.isVisible()
    assert services.calendar.account("laptop").kinds == ("deadline", "milestone")
    assert calendars.row_texts("laptop")["What goes there"] == "Goal deadlines, milestones"
    assert calendars.note_label.text() == "“laptop” now takes: goal deadlines, milestones."


def test_an_ics_file_is_added_with_the_path_from_browse(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    services.calendar.add_ics_account("phone", tmp_path / "phone.ics", ("session",))
    window = make_window(services)
    calendars = open_calendars(window)
    click(qtbot, calendars.add_ics_button)
    dialog = calendars.child_dialog
    assert isinstance(dialog, AddIcsDialog)
    chosen = tmp_path / "subscribed"  # no suffix typed: .ics is added
    dialog.ask_path = lambda: chosen  # type: ignore[method-assign]
    assert dialog.kinds_field.kinds() == (
        "meeting",
        "deadline",
        "milestone",
        "renewal",
        "followup",
        "review",
    )  # not the taken one

    click(qtbot, dialog.browse_button)
    assert dialog.path_edit.text() == str(chosen.with_suffix(".ics"))
    click(qtbot, dialog.save_button)

    assert not dialog.isVisible(), dialog.error_label.text()
    account = services.calendar.account("Calendar file")
    assert account.path == str(chosen.with_suffix(".ics").resolve())
    assert calendars.row_texts("Calendar file")["Kind"] == ".ics file"
    assert calendars.unrouted_label.isHidden()  # everything goes somewhere now

    services.calendar.sync_account("Calendar file")
    calendars.refresh()
    assert calendars.row_texts("Calendar file")["Result"] == "OK"
    assert chosen.with_suffix(".ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_the_add_dialogs_say_what_is_missing_before_asking_the_server(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    calendars = open_calendars(make_window(services))
    dialog = open_add_caldav(qtbot, calendars)
    dialog.choose_preset("Nextcloud")
    click(qtbot, dialog.test_button)
    assert "replace HOST" in dialog.error_label.text()
    retype(qtbot, dialog.url_edit, "http://cloud.example.org/remote.php/dav")
    assert dialog.insecure_box.isVisible() and not dialog.insecure_box.isChecked()
    qtbot.keyClicks(dialog.username_edit, "anna")
    qtbot.keyClicks(dialog.password_edit, "secret")
    click(qtbot, dialog.test_button)
    assert "plain http://" in dialog.error_label.text()
    assert services.calendar.accounts() == []
    dialog.reject()
    assert not dialog.isVisible()


def test_presets_and_suggested_names() -> None:
    assert [p.label for p in PRESETS][:5] == ["Nextcloud", "Fastmail", "iCloud", "Radicale", "Baïkal"]
    icloud = next(p for p in PRESETS if p.label == "iCloud")
    assert "app-specific password" in icloud.hint
    assert suggested_name("https://cloud.example.org/remote.php/dav", PRESETS[0], []) == "cloud.example.org"
    assert suggested_name("https://HOST/remote.php/dav", PRESETS[0], []) == "Calendar"
    assert suggested_name(icloud.url, icloud, ["iCloud"]) == "iCloud 2"
    assert suggested_name("", Preset("", "", ""), []) == "Calendar"
    assert needs_insecure_consent("http://cloud.example.org/")
    assert needs_insecure_consent("http://192.168.1.5:5232/")
    assert not needs_insecure_consent("http://127.0.0.1:5232/")
    assert not needs_insecure_consent("http://localhost:5232/")
    assert not needs_insecure_consent("https://cloud.example.org/")


def test_reminder_defaults_are_edited_in_the_dialog(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(services)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    calendars = window.calendars_dialog
    assert isinstance(calendars, CalendarsDialog) and calendars.isVisible()
    minutes = calendars.reminder_editors["calendar.reminder_minutes"]
    minutes.setFocus()
    minutes.selectAll()  # type: ignore[union-attr]
    qtbot.keyClicks(minutes, "30")
    click(qtbot, calendars.reminder_editors["calendar.goals_as_tasks"])  # type: ignore[arg-type]

    assert services.settings.get("calendar.reminder_minutes") == 30
    assert services.settings.get("calendar.goals_as_tasks") is True
    assert services.store.settings.get("calendar.deadline_reminder_days") is None  # untouched: not written
    assert not calendars.edit_button.isEnabled() and not calendars.remove_button.isEnabled()  # nothing chosen


@pytest.mark.integration
def test_a_remembered_password_is_used_to_delete_our_events_then_forgotten(
    demo_services: Services,
    make_window: WindowFactory,
    qtbot: QtBot,
    radicale_server: CalDAVServer,  # noqa: F811
    saved_passwords: dict[str, str],
) -> None:
    url = radicale_server.new_calendar()
    calendar_name = url.rstrip("/").rsplit("/", 1)[1]
    window = make_window(demo_services)
    calendars = open_calendars(window)
    dialog = open_add_caldav(qtbot, calendars)
    sign_in(qtbot, dialog, radicale_server, radicale_server.password)
    assert dialog.remember_box.isEnabled() and dialog.remember_box.isChecked()  # the default
    dialog.choose_calendar(next(t for t in dialog.calendar_texts() if calendar_name in t))  # an existing one
    retype(qtbot, dialog.name_edit, "kept")
    click(qtbot, dialog.save_button)

    assert saved_passwords == {"kept": radicale_server.password}
    assert calendars.note_label.text() == "Added “kept”. The password is saved in the system keyring."
    assert demo_services.calendar.account("kept").calendar_url == url
    report = demo_services.calendar.sync_account("kept")  # no password given: the keyring's
    assert report.created

    calendars.select("kept")
    click(qtbot, calendars.remove_button)
    press(only_box(window), "Delete our events")

    assert calendars.child_dialog is None  # nothing asked
    assert demo_services.calendar.accounts() == [] and saved_passwords == {}
    assert calendar_objects(radicale_server, url) == []


@pytest.mark.integration
def test_move_an_account_to_another_calendar_through_the_dialog(
    demo_services: Services,
    make_window: WindowFactory,
    qtbot: QtBot,
    radicale_server: CalDAVServer,  # noqa: F811
) -> None:
    """Calendars → Move…: no password is saved, so the dialog asks for it (a wrong one first), lists
    the other calendars, and moves Empower's events; none stay behind, the person's own stays."""
    old_url, new_url = radicale_server.new_calendar(), radicale_server.new_calendar()
    name = f"move-{uuid.uuid4().hex[:6]}"
    add_with_services(demo_services, radicale_server, name, old_url)
    synced = demo_services.calendar.sync_account(name, password=radicale_server.password)
    add_own_event(radicale_server, old_url, "mine-2")
    window = make_window(demo_services)
    held: list[bool] = []
    calendars = open_calendars(window)
    calendars.hold_sync = held.append
    calendars.select(name)
    assert calendars.move_button.isEnabled()
    click(qtbot, calendars.move_button)
    dialog = calendars.child_dialog
    assert isinstance(dialog, MoveCalendarDialog) and held == [True]
    qtbot.waitUntil(lambda: dialog.password_edit.isVisible() and not dialog.is_busy())
    assert not dialog.move_button.isEnabled()  # nothing to move to before the calendars are listed

    qtbot.keyClicks(dialog.password_edit, "wrong")
    click(qtbot, dialog.list_button)
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert "refused the password" in dialog.error_label.text() and dialog.calendar_list.count() == 0
    retype(qtbot, dialog.password_edit, radicale_server.password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)  # Enter in the field lists, it does not move
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.calendar_list.count() > 0)
    urls = [
        str(dialog.calendar_list.item(n).data(Qt.ItemDataRole.UserRole)) for n in range(dialog.calendar_list.count())
    ]
    assert old_url not in urls and new_url in urls  # the calendar it uses now is not offered
    target = urls.index(new_url)
    dialog.calendar_list.setCurrentRow(target)
    with qtbot.waitSignal(dialog.moved, timeout=60_000):
        click(qtbot, dialog.move_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert held == [True, False]
    moved = len(synced.created)
    assert calendars.note_label.text().startswith(f"Moved “{name}” to “")
    assert f"{moved} events made there, {moved} deleted from" in calendars.note_label.text()
    assert demo_services.calendar.account(name).calendar_url == new_url
    assert len(calendar_objects(radicale_server, new_url)) == moved
    left = calendar_objects(radicale_server, old_url)
    assert len(left) == 1 and "Dentist" in left[0]
