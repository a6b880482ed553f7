"""Adding a calendar account: a CalDAV calendar (server presets, Test connection, pick or create
the calendar) or an .ics file a calendar app subscribes to.

Everything that talks to a server, the keyring or the disk runs on the window's TaskRunner, off
the GUI thread; while it runs the dialog shows a busy bar and stays responsive. Failures are shown
in words inside the dialog (the sync targets' errors already say what to do) and nothing is saved.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..errors import message_for
from ..services import Account, Services
from ..services.calendar import ITEM_KINDS, KIND_LABELS
from .widgets.dialogs import Dialog, form_layout, hint_label
from .workers import TaskRunner

NEW_CALENDAR = "Empower"
ICS_FILTER = "Calendar files (*.ics);;All files (*)"


@dataclass(frozen=True)
class Preset:
    """A kind of server a person may know by name, and what its CalDAV address looks like."""

    label: str
    url: str  # "HOST" marks the part the person replaces
    hint: str
    username_hint: str = "Your user name on the server"
    name: str = ""  # the account's suggested name; empty: the server's host name


PRESETS: tuple[Preset, ...] = (
    Preset(
        "Nextcloud",
        "https://HOST/remote.php/dav",
        "Replace HOST with your Nextcloud's address (as in your browser). If you sign in with "
        "two-factor authentication, make an app password under Settings → Security → Devices & sessions.",
        "Your Nextcloud user name",
    ),
    Preset(
        "Fastmail",
        "https://caldav.fastmail.com/dav/",
        "Fastmail needs an app password for calendars: make one in Fastmail's Settings → "
        "Privacy & Security, with access to calendars (CalDAV). Your normal password will not work.",
        "Your Fastmail address, e.g. anna@fastmail.com",
        "Fastmail",
    ),
    Preset(
        "iCloud",
        "https://caldav.icloud.com/",
        "iCloud needs an app-specific password: make one at appleid.apple.com → Sign-In and "
        "Security → App-Specific Passwords. Your Apple ID password will not work.",
        "Your Apple ID (e-mail address)",
        "iCloud",
    ),
    Preset(
        "Radicale",
        "https://HOST:5232/",
        "Replace HOST with the computer Radicale runs on (5232 is its usual port). "
        "The user name and password are the ones Radicale checks.",
    ),
    Preset(
        "Baïkal",
        "https://HOST/dav.php/",
        "Replace HOST with your Baïkal's address; the user is one made in Baïkal's admin pages.",
    ),
    Preset(
        "Other CalDAV server",
        "",
        "Type the server's address. Usually the address of the server itself is enough: Empower "
        "finds your calendars from there.",
    ),
)


def needs_insecure_consent(url: str) -> bool:
    """A plain http:// address to another computer: the password would travel unencrypted."""
    parts = urlsplit(url.strip())
    if parts.scheme != "http" or not parts.hostname:
        return False
    host = parts.hostname
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


def suggested_name(url: str, preset: Preset, taken: Sequence[str]) -> str:
    """An account name a person would recognise: the service's, or the server's host name."""
    base = preset.name
    if not base:
        text = url.strip()
        host = urlsplit(text if "://" in text else f"https://{text}").hostname or ""
        base = "" if host.upper() == "HOST" else host
    base = base or "Calendar"
    name, number = base, 2
    while name in taken:
        name, number = f"{base} {number}", number + 1
    return name


class ItemKindsField(QWidget):
    """One checkbox per item type; a type another account already takes says where it goes."""

    changed = Signal()

    def __init__(self, taken: Mapping[str, str], checked: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        for kind in ITEM_KINDS:
            text = KIND_LABELS[kind].capitalize()
            if kind in taken:
                text += f" (now in “{taken[kind]}”)"
            box = QCheckBox(text)
            box.setObjectName(f"kind_{kind}")
            box.setChecked(kind in checked)
            if kind in taken:
                box.setToolTip(
                    f"{KIND_LABELS[kind].capitalize()} go to “{taken[kind]}” now; each kind goes to one calendar."
                )
            box.toggled.connect(lambda _on: self.changed.emit())
            self.boxes[kind] = box
            column.addWidget(box)

    def kinds(self) -> tuple[str, ...]:
        return tuple(kind for kind, box in self.boxes.items() if box.isChecked())

    def set_kinds(self, kinds: Sequence[str]) -> None:
        for kind, box in self.boxes.items():
            box.setChecked(kind in kinds)

    def focus_first(self) -> None:
        next(iter(self.boxes.values())).setFocus(Qt.FocusReason.OtherFocusReason)


def taken_kinds(accounts: Sequence[Account], except_name: str | None = None) -> dict[str, str]:
    """Which account each routed item type goes to (leaving out *except_name*)."""
    return {kind: a.name for a in accounts if a.name != except_name for kind in a.kinds}


class AddCalDAVDialog(Dialog):
    """Server, user name and password; Test connection lists the calendars; pick one, save.

    `added` carries the new Account and a sentence on where the password went; just before it,
    `password_for_session` carries the account's name and the password that worked, so this
    session's syncs need not ask for it again (it is kept in memory only).
    """

    added = Signal(object, str)
    password_for_session = Signal(str, str)

    def __init__(
        self, services: Services, runner: TaskRunner, accounts: Sequence[Account], parent: QWidget | None = None
    ) -> None:
        # Ctrl+Enter tests the connection until it worked, then adds the account (as save() does).
        super().__init__(
            "Add a CalDAV calendar",
            parent,
            name="addCalDAVDialog",
            accept_text="&Add account",
            on_accept=self.save,
            ctrl_enter=True,
            runner=runner,
            fit_on_show=True,
        )
        self.services = services
        self.setMinimumWidth(940)
        self._taken_names = [a.name for a in accounts]
        self._name_edited = False
        self._tested: tuple[str, str, str, bool] | None = None  # what the calendars were found with
        self._calendars: list[Any] = []
        self._saving = False

        intro = QLabel(
            "Empower puts your plans into a calendar on your own server, and brings back the changes "
            "you make there. It only ever changes the events it created."
        )
        intro.setWordWrap(True)
        self._build_server_fields()
        columns = QHBoxLayout()
        columns.setSpacing(18)
        columns.addWidget(self._build_server_group(), 11)
        columns.addWidget(self._build_calendar_group(accounts), 9)
        self._set_up_save_button()

        self.column.addWidget(intro)
        self.column.addLayout(columns, 1)
        self.add_footer()

        self._connect_fields()
        self.preset_combo.setCurrentIndex(0)
        self._preset_chosen(0)
        self._show_calendars([])
        self._check_keyring()

    def _build_server_fields(self) -> None:
        """The server, the account on it, and the Test connection button."""
        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("presetCombo")
        for preset in PRESETS:
            self.preset_combo.addItem(preset.label)
        self.preset_hint = hint_label()
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("urlEdit")
        self.url_edit.setClearButtonEnabled(True)
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("usernameEdit")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_box = QCheckBox("&Remember the password in the system keyring")
        self.remember_box.setObjectName("rememberBox")
        self.remember_box.setChecked(True)
        self.remember_box.setToolTip("Otherwise Empower asks for it once each session it syncs.")
        self.keyring_hint = hint_label()
        self.keyring_hint.hide()
        self.insecure_box = QCheckBox("I understand: use this plain &http:// address")
        self.insecure_box.setObjectName("insecureBox")
        self.insecure_box.setToolTip(
            "The password and the calendar travel unencrypted to another computer. Only on a network you trust."
        )
        self.insecure_box.hide()
        self.test_button = QPushButton("&Test connection")
        self.test_button.setObjectName("testButton")
        self.test_button.setToolTip("Sign in and list the calendars on this account")
        self.test_button.setAutoDefault(True)
        self.test_button.setDefault(True)
        self.found_label = hint_label()
        self.found_label.setObjectName("foundLabel")
        self.found_label.hide()

    def _build_server_group(self) -> QGroupBox:
        """Step 1: the server and the account on it."""
        self.server_group = QGroupBox("1 · Sign in to your server")
        self.server_group.setObjectName("serverGroup")
        server = QFormLayout(self.server_group)
        server.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        server.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        server.setHorizontalSpacing(10)
        server.setVerticalSpacing(8)
        for text, field in (
            ("&Server:", self.preset_combo),
            ("", self.preset_hint),
            ("A&ddress:", self.url_edit),
            ("&User name:", self.username_edit),
            ("&Password:", self.password_edit),
            ("", self.remember_box),
            ("", self.keyring_hint),
            ("", self.insecure_box),
        ):
            server.addRow(text, field)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addLayout(self.busy_row(), 1)
        server.addRow("", test_row)
        server.addRow("", self.found_label)
        return self.server_group

    def _build_calendar_group(self, accounts: Sequence[Account]) -> QGroupBox:
        """Step 2, after a successful test: which calendar, under what name, with which items."""
        self.calendar_group = QGroupBox("2 · Choose the calendar")
        self.calendar_group.setObjectName("calendarGroup")
        self.calendar_list = QListWidget()
        self.calendar_list.setObjectName("calendarList")
        self.calendar_list.setMinimumHeight(110)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setToolTip("How Empower calls this account in its lists and messages")
        self.kinds_field = ItemKindsField(
            taken_kinds(accounts), [k for k in ITEM_KINDS if k not in taken_kinds(accounts)]
        )
        pick = QVBoxLayout(self.calendar_group)
        pick.setSpacing(6)
        self.calendar_label = QLabel("Put Empower's &events in:")
        self.calendar_label.setBuddy(self.calendar_list)
        pick.addWidget(self.calendar_label)
        pick.addWidget(self.calendar_list, 1)
        name_row = QFormLayout()
        name_row.setHorizontalSpacing(10)
        name_label = QLabel("Account &name:")
        name_label.setBuddy(self.name_edit)
        name_row.addRow(name_label, self.name_edit)
        pick.addSpacing(4)
        pick.addLayout(name_row)
        pick.addSpacing(4)
        pick.addWidget(QLabel("What goes there:"))
        pick.addWidget(self.kinds_field)
        return self.calendar_group

    def _set_up_save_button(self) -> None:
        """Add account waits for a successful test; until then Enter tests the connection."""
        self.save_button = self.accept_button
        self.save_button.setObjectName("saveButton")
        self.save_button.setEnabled(False)
        self.save_button.setAutoDefault(True)

    def _connect_fields(self) -> None:
        self.preset_combo.currentIndexChanged.connect(self._preset_chosen)
        self.url_edit.textChanged.connect(self._server_changed)
        self.username_edit.textChanged.connect(self._server_changed)
        self.password_edit.textChanged.connect(self._server_changed)
        self.insecure_box.toggled.connect(self._server_changed)
        self.name_edit.textEdited.connect(self._name_typed)
        self.test_button.clicked.connect(self.test_connection)

    # -- the server part -------------------------------------------------------------------------
    def preset(self) -> Preset:
        return PRESETS[max(0, self.preset_combo.currentIndex())]

    def choose_preset(self, label: str) -> None:
        self.preset_combo.setCurrentIndex(next(i for i, p in enumerate(PRESETS) if p.label == label))

    def _preset_chosen(self, index: int) -> None:
        preset = PRESETS[max(0, index)]
        self.preset_hint.setText(preset.hint)
        self.username_edit.setPlaceholderText(preset.username_hint)
        self.url_edit.setPlaceholderText(preset.url.replace("HOST", "cloud.example.org") or "https://")
        self.url_edit.setText(preset.url)
        if "HOST" in preset.url:  # typing replaces the part the person fills in
            self.url_edit.setSelection(preset.url.index("HOST"), len("HOST"))
        if not self._name_edited:
            self.name_edit.setText(suggested_name(self.url_edit.text(), preset, self._taken_names))
        if self.isVisible():
            self._grow_to_fit()

    def _name_typed(self, _text: str) -> None:
        self._name_edited = True

    def _check_keyring(self) -> None:
        def done(status: tuple[bool, str]) -> None:
            usable, sentence = status
            if not usable:
                self.remember_box.setChecked(False)
                self.remember_box.setEnabled(False)
                self.keyring_hint.setText(sentence)
                self.keyring_hint.show()

        self.runner.run(
            self.services.calendar.keyring_status, lambda result: self._if_open(done, result), lambda _exc: None
        )

    def _if_open(self, action: Callable[[Any], None], result: Any) -> None:
        if shiboken6.isValid(self) and not self._closed:
            action(result)

    def _server(self) -> tuple[str, str, str, bool]:
        return (
            self.url_edit.text().strip(),
            self.username_edit.text().strip(),
            self.password_edit.text(),
            self.insecure_box.isVisible() and self.insecure_box.isChecked(),
        )

    def _server_changed(self) -> None:
        url = self.url_edit.text()
        self.insecure_box.setVisible(needs_insecure_consent(url))
        if not self._name_edited:
            self.name_edit.setText(suggested_name(url, self.preset(), self._taken_names))
        if self._tested is not None and self._server() != self._tested:
            self._tested = None  # the calendars listed were found with other details: test again
            self._forget_pending()
            self._show_calendars([])
            self.found_label.hide()
        elif self._tested is None:
            self._forget_pending()

    def _check_server_fields(self) -> str:
        url, username, password, allow_insecure = self._server()
        if not url or "HOST" in url:
            self.url_edit.setFocus()
            if "HOST" in url:
                self.url_edit.setSelection(url.index("HOST"), len("HOST"))
            return "Type your server's address (replace HOST with its name)." if url else "Type your server's address."
        if not username:
            self.username_edit.setFocus()
            return "Type your user name on the server."
        if not password:
            self.password_edit.setFocus()
            return "Type the password (for iCloud and Fastmail: an app-specific password)."
        if needs_insecure_consent(url) and not allow_insecure:
            self.insecure_box.setFocus()
            return (
                "This address uses plain http://, so your password would travel unencrypted. Use the "
                "server's https:// address, or tick the box above if this is a network you trust."
            )
        return ""

    def test_connection(self) -> None:
        """Sign in and list the account's calendars (off the GUI thread)."""
        problem = self._check_server_fields()
        if problem:
            self.show_error(problem)
            return
        asked = self._server()
        url, username, password, allow_insecure = asked
        host = urlsplit(url if "://" in url else f"https://{url}").hostname or url

        def found(calendars: list[Any]) -> None:
            self._tested = asked
            self._show_calendars(calendars)
            count = len(calendars)
            self.found_label.setText(
                f"Signed in to {host}. "
                + (f"{count} calendar{'s' if count != 1 else ''} found." if count else "There is no calendar yet.")
            )
            self.found_label.show()
            self.calendar_list.setFocus()

        def refused(exc: BaseException) -> None:
            from ..sync.targets.base import InsecureConnection, PasswordRefused

            self.show_error(message_for(exc))
            if isinstance(exc, PasswordRefused):
                self.password_edit.setFocus()
                self.password_edit.selectAll()
            elif isinstance(exc, InsecureConnection):
                self.insecure_box.setFocus()
            else:
                self.url_edit.setFocus()

        self.run(
            f"Connecting to {host}…",
            lambda: self.services.calendar.discover_calendars(url, username, password, allow_insecure=allow_insecure),
            found,
            refused,
        )

    def _show_calendars(self, calendars: list[Any]) -> None:
        self._calendars = list(calendars)
        self.calendar_list.clear()
        tested = self._tested is not None
        self.calendar_group.setEnabled(tested)
        self.calendar_group.setToolTip("" if tested else "Test the connection first: the calendars show here.")
        self.save_button.setEnabled(tested and not self.is_busy())
        self.save_button.setDefault(tested)
        self.test_button.setDefault(not tested)
        if not tested:
            waiting = QListWidgetItem("Test the connection: your calendars show here.")
            waiting.setFlags(Qt.ItemFlag.NoItemFlags)
            self.calendar_list.addItem(waiting)
            return
        existing = next((c for c in calendars if c.name.casefold() == NEW_CALENDAR.casefold()), None)
        if existing is None:
            item = QListWidgetItem(f"Create a new calendar called “{NEW_CALENDAR}”")
            item.setData(Qt.ItemDataRole.UserRole, None)
            item.setToolTip("Keeps Empower's events apart from your others (recommended)")
            self.calendar_list.addItem(item)
        for calendar in calendars:
            text = calendar.name
            if not calendar.supports_events:
                text += " (tasks only: cannot hold events)"
            elif calendar.supports_todos:
                text += " (events and tasks)"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, calendar)
            item.setToolTip(calendar.url)
            if not calendar.supports_events:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsSelectable)
            self.calendar_list.addItem(item)
        preferred = existing
        for row in range(self.calendar_list.count()):
            if self.calendar_list.item(row).data(Qt.ItemDataRole.UserRole) is preferred:
                self.calendar_list.setCurrentRow(row)
                break

    def calendar_texts(self) -> list[str]:
        return [self.calendar_list.item(row).text() for row in range(self.calendar_list.count())]

    def choose_calendar(self, text: str) -> None:
        """Select the calendar whose line starts with *text* (as clicking it would)."""
        for row in range(self.calendar_list.count()):
            if self.calendar_list.item(row).text().startswith(text):
                self.calendar_list.setCurrentRow(row)
                return
        raise LookupError(f"no calendar {text!r} in {self.calendar_texts()}")

    def chosen_calendar(self) -> Any:
        """The CalendarInfo picked, or None for a new "Empower" calendar."""
        item = self.calendar_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    # -- saving ----------------------------------------------------------------------------------
    def _busy_changed(self, busy: bool) -> None:
        self.test_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy and self._tested is not None)
        if not busy:
            self._set_saving(False)

    def _set_saving(self, saving: bool) -> None:
        """While the account is added nothing it depends on can change, and Cancel waits."""
        self._saving = saving
        for widget in (self.preset_combo, self.url_edit, self.username_edit, self.password_edit):
            widget.setEnabled(not saving)
        self.insecure_box.setEnabled(not saving)
        self.calendar_group.setEnabled(not saving and self._tested is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not saving)

    def reject(self) -> None:
        if not self._saving:  # the server may already have the new calendar: wait for the answer
            super().reject()

    def save(self) -> None:
        """Add the account (off the GUI thread: it signs in again and may use the keyring)."""
        if self._tested is None:
            self.test_connection()
            return
        if self.calendar_list.currentItem() is None:
            self.calendar_list.setFocus()
            self.show_error("Choose the calendar Empower puts its events in.")
            return
        name = self.name_edit.text().strip()
        if not name:
            self.name_edit.setFocus()
            self.show_error("Give the account a name, e.g. “work”.")
            return
        kinds = self.kinds_field.kinds()
        if not kinds:
            self.kinds_field.focus_first()
            self.show_error("Tick at least one kind of item to put in this calendar.")
            return
        url, username, password, allow_insecure = self._tested
        chosen = self.chosen_calendar()
        remember = self.remember_box.isEnabled() and self.remember_box.isChecked()

        def work() -> tuple[Account, str]:
            return self.services.calendar.add_caldav_account(
                name,
                url,
                username,
                password,
                chosen.url if chosen is not None else None,
                kinds=kinds,
                allow_insecure=allow_insecure,
                remember_password=remember,
            )

        def done(result: tuple[Account, str]) -> None:
            account, where = result
            self.password_for_session.emit(account.name, password)
            self.added.emit(account, where)
            self.accept()

        self._set_saving(True)  # until the answer comes (the runner then clears the busy state)
        self.run("Adding the account…", work, done)


class AddIcsDialog(Dialog):
    """A calendar file Empower writes at each sync (a calendar app can subscribe to it).

    `added` carries the new Account and a sentence to show.
    """

    added = Signal(object, str)

    def __init__(
        self, services: Services, runner: TaskRunner, accounts: Sequence[Account], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Add a calendar file (.ics)",
            parent,
            name="addIcsDialog",
            accept_text="&Add file",
            on_accept=self.save,
            runner=runner,
            fit_on_show=True,
        )
        self.services = services
        self.setMinimumWidth(580)
        taken = taken_kinds(accounts)
        intro = QLabel(
            "Empower writes your plans to this file each time it syncs; a calendar app can subscribe "
            "to it. Changes made to the file are not read back."
        )
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(
            suggested_name("", Preset("", "", "", name="Calendar file"), [a.name for a in accounts])
        )
        self.name_edit.setObjectName("nameEdit")
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("pathEdit")
        self.path_edit.setPlaceholderText(str(Path.home() / "empower.ics"))
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton("&Browse…")
        self.browse_button.setObjectName("browseButton")
        self.browse_button.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.kinds_field = ItemKindsField(taken, [k for k in ITEM_KINDS if k not in taken])

        form = form_layout()
        form.addRow("Account &name:", self.name_edit)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, path_row)
        items_label = QLabel("What goes there:")
        items_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(items_label, self.kinds_field)
        self.save_button = self.accept_button

        self.column.addWidget(intro)
        self.column.addLayout(form)
        self.column.addLayout(self.busy_row())
        self.add_footer()
        self.path_edit.setFocus()

    def ask_path(self) -> Path | None:
        """Where the file goes (a file dialog; tests replace this method)."""
        start = self.path_edit.text().strip() or self.path_edit.placeholderText()
        name, _ = QFileDialog.getSaveFileName(
            self, "Calendar file", start, ICS_FILTER, options=QFileDialog.Option.DontConfirmOverwrite
        )
        return Path(name) if name else None

    def browse(self) -> None:
        path = self.ask_path()
        if path is not None:
            self.path_edit.setText(str(path if path.suffix else path.with_suffix(".ics")))

    def _busy_changed(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)

    def save(self) -> None:
        name = self.name_edit.text().strip()
        text = self.path_edit.text().strip()
        kinds = self.kinds_field.kinds()
        if not name:
            self.name_edit.setFocus()
            self.show_error("Give the account a name, e.g. “phone”.")
            return
        if not text:
            self.path_edit.setFocus()
            self.show_error("Choose where the calendar file goes (Browse…).")
            return
        if not kinds:
            self.kinds_field.focus_first()
            self.show_error("Tick at least one kind of item to put in this file.")
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            self.path_edit.setFocus()
            self.show_error(f"Give the file's whole path, e.g. “{Path.home() / 'empower.ics'}” (or use Browse…).")
            return
        if not path.suffix and not path.is_dir():  # a folder is refused in words, not turned into a file
            path = path.with_suffix(".ics")

        def done(account: Account) -> None:
            self.added.emit(account, f"Empower writes the file at each sync: {account.path}")
            self.accept()

        self.run("Adding the file…", lambda: self.services.calendar.add_ics_account(name, path, kinds), done)
