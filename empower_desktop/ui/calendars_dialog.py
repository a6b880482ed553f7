"""Settings → Calendars: the calendar accounts, what goes to each, how their last sync went, and
the default reminders. Add a CalDAV calendar or an .ics file, edit one (items, password), remove
one (deleting the events Empower put there, or leaving them).

Reads, writes, the keyring and the servers are reached through the window's TaskRunner, off the
GUI thread; the dialog shows a busy bar meanwhile and says in words what went wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..errors import message_for
from ..services import Account, Services
from ..services.calendar import ITEM_KINDS, KIND_LABELS, AccountState
from ..settings import BY_KEY, SettingError
from ..store import StoreEnvironmentError
from .account_dialog import AddCalDAVDialog, AddIcsDialog, ItemKindsField, taken_kinds
from .formatting import DASH, MUTED_COLOUR, OVERDUE_COLOUR, fmt_iso_instant
from .move_calendar_dialog import MoveCalendarDialog
from .widgets.dialogs import CLOSE, OK_CANCEL, Dialog, KeyBindings, error_label, form_layout, hint_label
from .widgets.table_model import Column, RecordTableModel
from .workers import TaskRunner

REMINDER_KEYS = ("calendar.reminder_minutes", "calendar.deadline_reminder_days", "calendar.goals_as_tasks")


@dataclass(frozen=True)
class AccountRow:
    account: Account
    state: AccountState | None


def kinds_text(kinds: Sequence[str]) -> str:
    text = ", ".join(KIND_LABELS[k] for k in ITEM_KINDS if k in kinds)
    return text[:1].upper() + text[1:] if text else "Nothing yet"


def where_text(account: Account) -> str:
    if account.kind != "caldav":
        return account.path
    host = urlsplit(account.url if "://" in account.url else f"https://{account.url}").netloc or account.url
    return f"“{account.calendar_name}” on {host} as {account.username}"


def last_sync_text(row: AccountRow) -> str:
    state = row.state
    return fmt_iso_instant(state.last_sync) if state is not None and state.last_sync else "Not yet"


def result_text(row: AccountRow) -> str:
    state = row.state
    if state is None or not state.last_sync:
        return DASH
    words = {"ok": "OK", "problems": "Some items not synced"}.get(state.last_result or "", state.last_result or DASH)
    parts = [words]
    if row.account.kind == "caldav":
        parts.append(f"{state.events} event{'s' if state.events != 1 else ''}")
    if state.issues:
        parts.append(f"{state.issues} to look at")
    return " · ".join(parts)


def _result_colour(row: AccountRow) -> Any:
    state = row.state
    if state is None or not state.last_sync:
        return MUTED_COLOUR
    return OVERDUE_COLOUR if state.last_result != "ok" or state.issues else None


def _columns() -> list[Column[AccountRow]]:
    return [
        Column("Account", lambda r: r.account.name, width=11),
        Column("Kind", lambda r: "CalDAV" if r.account.kind == "caldav" else ".ics file", width=8),
        Column(
            "Where",
            lambda r: where_text(r.account),
            tooltip=lambda r: r.account.calendar_url if r.account.kind == "caldav" else r.account.path,
            width=30,
        ),
        Column("What goes there", lambda r: kinds_text(r.account.kinds), stretch=True, width=24),
        Column(
            "Last sync",
            last_sync_text,
            sort_key=lambda r: r.state.last_sync if r.state else None,
            colour=lambda r: None if r.state and r.state.last_sync else MUTED_COLOUR,
            width=24,
        ),
        Column("Result", result_text, colour=_result_colour, width=17),
    ]


class CalendarsDialog(Dialog):
    """The accounts in a table, the buttons that act on them, and the reminder defaults."""

    changed = Signal()  # an account was added, edited or removed
    password_for_session = Signal(str, str)  # account, a password that worked (memory only)

    def __init__(self, services: Services, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            "Calendars", parent, name="calendarsDialog", buttons=CLOSE, runner=runner, fit_on_show=True, spacing=10
        )
        self.services = services
        self.setMinimumSize(1000, 580)
        self.accounts: list[Account] = []
        self.child_dialog: Dialog | None = None  # the add, edit or password dialog open now
        self.question: QMessageBox | None = None
        # Whether a sync runs now (the window sets this): an account is not removed under it.
        self.sync_running: Callable[[], bool] = lambda: False
        # Hold the background sync while an account moves, and let it go after (the window sets this).
        self.hold_sync: Callable[[bool], None] = lambda held: None

        intro = QLabel(
            "Empower puts your plans into these calendars and brings back the changes you make there. "
            "Each kind of item goes to one calendar."
        )
        intro.setWordWrap(True)
        self._build_table()
        self.empty_label = hint_label(
            "No calendar account yet, so Sync keeps the calendar file below. Add the CalDAV calendar of your "
            "server (Nextcloud, Fastmail, iCloud, …), or an .ics file with the items you choose for a calendar "
            "app to subscribe to."
        )
        self.empty_label.setObjectName("emptyHint")
        self.unrouted_label = hint_label()
        self.unrouted_label.setObjectName("unroutedLabel")
        account_buttons = self._build_account_buttons()
        self.note_label = hint_label()
        self.note_label.setObjectName("noteLabel")
        self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_label.hide()
        self._build_reminders()
        self._build_calendar_file()
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)

        self.column.addWidget(intro)
        self.column.addWidget(self.table, 1)
        self.column.addWidget(self.empty_label)
        self.column.addWidget(self.unrouted_label)
        self.column.addLayout(account_buttons)
        self.column.addLayout(self.busy_row())
        self.column.addWidget(self.note_label)
        self.column.addWidget(self.file_group)
        self.add_footer(self.reminders_group)  # the reminders sit under the error line, above Close

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._update_buttons()
        self.refresh()

    def _build_table(self) -> None:
        """The accounts, one row each; Enter or a double click edits one, Delete removes it."""
        self.model: RecordTableModel[AccountRow] = RecordTableModel(_columns(), self)
        self.table = QTableView()
        self.table.setObjectName("accountsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)  # a long address or list of items wraps instead of being cut
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        chars = self.table.fontMetrics().averageCharWidth()
        for index, column in enumerate(self.model.columns):
            self.table.setColumnWidth(index, column.width * chars + 16)
            if column.stretch:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        keys = KeyBindings(self.table)
        keys.bind([Qt.Key.Key_Return, Qt.Key.Key_Enter], self.edit_selected)
        keys.bind([Qt.Key.Key_Delete], self.remove_selected)

    def _build_account_buttons(self) -> QHBoxLayout:
        """Add on the left, Edit and Remove (of the selected account) on the right."""
        self.add_caldav_button = QPushButton("Add &CalDAV account…")
        self.add_caldav_button.setObjectName("addCalDAVButton")
        self.add_caldav_button.setToolTip(
            "A calendar on Nextcloud, Fastmail, iCloud, Radicale, Baïkal or another server"
        )
        self.add_ics_button = QPushButton("Add .&ics file…")
        self.add_ics_button.setObjectName("addIcsButton")
        self.add_ics_button.setToolTip("A calendar file Empower writes; a calendar app can subscribe to it")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName("editButton")
        self.edit_button.setToolTip("Change what goes to the selected calendar, or its password (Enter)")
        self.remove_button = QPushButton("&Remove…")
        self.remove_button.setObjectName("removeButton")
        self.remove_button.setToolTip("Stop syncing with the selected calendar (Delete)")
        self.move_button = QPushButton("Mo&ve…")
        self.move_button.setObjectName("moveButton")
        self.move_button.setToolTip("Move Empower's events to another calendar on the same server")
        self.move_button.clicked.connect(self.move_selected)
        self.add_caldav_button.clicked.connect(self.add_caldav)
        self.add_ics_button.clicked.connect(self.add_ics)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (
            self.add_caldav_button,
            self.add_ics_button,
            self.edit_button,
            self.move_button,
            self.remove_button,
        ):
            button.setAutoDefault(False)
        row = QHBoxLayout()
        row.setSpacing(8)
        for button in (self.add_caldav_button, self.add_ics_button):
            row.addWidget(button)
        row.addStretch(1)
        for button in (self.edit_button, self.move_button, self.remove_button):
            row.addWidget(button)
        return row

    def _build_reminders(self) -> None:
        """The default reminders: the same settings as in Settings, where a person looks for them."""
        self.reminders_group = QGroupBox("Reminders and tasks")
        self.reminders_group.setObjectName("remindersGroup")
        self.reminder_editors: dict[str, QSpinBox | QCheckBox] = {}
        reminders = QFormLayout(self.reminders_group)
        reminders.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        reminders.setHorizontalSpacing(12)
        reminders.setVerticalSpacing(6)
        self.reminder_error = error_label()
        for key in REMINDER_KEYS:
            label, editor = self._reminder_editor(key)
            editor.setObjectName(key)
            self.reminder_editors[key] = editor
            reminders.addRow(label, editor)
        reminders.addRow("", self.reminder_error)
        reminders.addRow(
            "", hint_label("A session or meeting with its own reminder keeps it. Changes apply at the next sync.")
        )

    def _build_calendar_file(self) -> None:
        """The calendar file on this computer: where Sync keeps everything while no calendar above is set up."""
        self.file_group = QGroupBox("Calendar file on this computer")
        self.file_group.setObjectName("calendarFileGroup")
        self.file_edit = QLineEdit(self.services.settings.ics_path)
        self.file_edit.setObjectName("calendarFileEdit")
        self.file_edit.setPlaceholderText(str(self.services.data_dir / "calendar.ics"))
        self.file_edit.setClearButtonEnabled(True)
        self.file_edit.setToolTip("Empty: calendar.ics in your data folder")
        self.file_edit.editingFinished.connect(self._save_calendar_file)
        self.file_browse = QPushButton("Cho&ose…")
        self.file_browse.clicked.connect(lambda _checked=False: self._choose_calendar_file())
        self.file_error = error_label()
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.file_browse)
        column = QVBoxLayout(self.file_group)
        column.addWidget(
            hint_label(
                "While no calendar is set up above, Sync keeps everything you schedule in this file, and a "
                "calendar app can subscribe to it. File → Export makes a one-off copy instead, to send or "
                "import elsewhere; that copy is not kept up to date."
            )
        )
        column.addLayout(row)
        column.addWidget(self.file_error)

    def _choose_calendar_file(self) -> None:
        current = self.file_edit.text().strip() or self.file_edit.placeholderText()
        chosen, _filter = QFileDialog.getSaveFileName(self, "Calendar file", current, "Calendar files (*.ics)")
        if chosen:
            self.file_edit.setText(chosen)
            self._save_calendar_file()

    def _save_calendar_file(self) -> None:
        """Keep the file where it is typed, once it is a file's whole path in a folder that exists."""
        typed = self.file_edit.text().strip()
        if typed == self.services.settings.ics_path:
            self.file_error.hide()
            return
        if self._save_setting("calendar.ics_path", typed, self.file_error):
            self.say(f"Calendar file: {typed or self.file_edit.placeholderText()}")

    def _reminder_editor(self, key: str) -> tuple[str, QSpinBox | QCheckBox]:
        """The label and the editor of one reminder setting; a change is saved at once."""
        setting = BY_KEY[key]
        if setting.type is bool:
            box = QCheckBox("Put goal deadlines in as tasks with a due date, where the calendar keeps tasks")
            box.setToolTip(setting.description)
            box.setChecked(bool(self.services.settings.get(key)))
            box.toggled.connect(lambda on: self._save_setting(key, on))
            return setting.label + ":", box
        spin = QSpinBox()
        spin.setRange(int(setting.minimum or 0), int(setting.maximum or 0))
        spin.setValue(int(self.services.settings.get(key)))
        spin.setSuffix(" min" if key.endswith("minutes") else " days")
        spin.setFixedWidth(110)
        spin.setToolTip(setting.description)
        spin.valueChanged.connect(lambda value: self._save_setting(key, value))
        return setting.label.split(" (")[0] + ":", spin

    # -- the list --------------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """Read the accounts and their sync state again (after a sync, an add, an edit...)."""
        selected = self.selected_account()
        current = select or (selected.name if selected is not None else None)

        def read() -> tuple[list[Account], dict[str, AccountState]]:
            return self.services.calendar.accounts(), self.services.calendar.account_states()

        def done(result: tuple[list[Account], dict[str, AccountState]]) -> None:
            accounts, states = result
            self.accounts = accounts
            self.model.set_rows([AccountRow(a, states.get(a.name)) for a in accounts])
            self.empty_label.setVisible(not accounts)
            free = [k for k in ITEM_KINDS if k not in taken_kinds(accounts)]
            self.unrouted_label.setText(
                f"Not in any calendar yet: {', '.join(KIND_LABELS[k] for k in free)}." if accounts and free else ""
            )
            self.unrouted_label.setVisible(bool(accounts and free))
            names = [a.name for a in accounts]
            row = names.index(current) if current in names else (0 if names else -1)
            if row >= 0:
                self.table.selectRow(row)
            self._update_buttons()

        self.run("Reading your calendar accounts…", read, done)

    def rows(self) -> list[AccountRow]:
        return [self.model.row_at(i) for i in range(self.model.rowCount())]

    def row_texts(self, name: str) -> dict[str, str]:
        """What the table shows for account *name*, column title → text."""
        row = next(i for i, r in enumerate(self.rows()) if r.account.name == name)
        return {c.title: str(self.model.index(row, i).data()) for i, c in enumerate(self.model.columns)}

    def select(self, name: str) -> None:
        row = next(i for i, r in enumerate(self.rows()) if r.account.name == name)
        self.table.selectRow(row)

    def selected_account(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0].row()).account if rows else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected_account() is not None and not self.is_busy()
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        account = self.selected_account()
        self.move_button.setEnabled(chosen and account is not None and account.kind == "caldav")
        self.add_caldav_button.setEnabled(not self.is_busy())
        self.add_ics_button.setEnabled(not self.is_busy())

    def _busy_changed(self, busy: bool) -> None:
        self._update_buttons()

    def say(self, text: str) -> None:
        """A sentence on what was just done, under the buttons."""
        self.note_label.setText(text)
        self.note_label.setVisible(bool(text))

    @Slot(object)
    def refresh_after_sync(self, _outcomes: object = None) -> None:
        """A sync finished somewhere: show its result (a no-op while something here runs)."""
        if not self.is_busy():
            self.refresh()

    def _account_changed(self, name: str | None, sentence: str) -> None:
        self.say(sentence)
        self.changed.emit()
        self.refresh(select=name)

    # -- adding ----------------------------------------------------------------------------------
    def _open_child(self, dialog: Dialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.child_dialog = dialog
        dialog.finished.connect(lambda _result: self._child_closed(dialog))
        dialog.open()

    def _child_closed(self, dialog: Dialog) -> None:
        if self.child_dialog is dialog:
            self.child_dialog = None

    def add_caldav(self) -> AddCalDAVDialog:
        dialog = AddCalDAVDialog(self.services, self.runner, self.accounts, self)
        dialog.password_for_session.connect(self.password_for_session)
        dialog.added.connect(
            lambda account, where: self._account_changed(account.name, f"Added “{account.name}”. {where}")
        )
        self._open_child(dialog)
        return dialog

    def add_ics(self) -> AddIcsDialog:
        dialog = AddIcsDialog(self.services, self.runner, self.accounts, self)
        dialog.added.connect(
            lambda account, where: self._account_changed(account.name, f"Added “{account.name}”. {where}")
        )
        self._open_child(dialog)
        return dialog

    # -- editing ---------------------------------------------------------------------------------
    def edit_selected(self) -> EditAccountDialog | None:
        account = self.selected_account()
        if account is None or self.is_busy():
            return None
        dialog = EditAccountDialog(self.services, self.runner, account, self.accounts, self)
        dialog.saved.connect(lambda name, sentence: self._account_changed(name, sentence))
        self._open_child(dialog)
        return dialog

    # -- moving ----------------------------------------------------------------------------------
    def move_selected(self) -> MoveCalendarDialog | None:
        account = self.selected_account()
        if account is None or account.kind != "caldav" or self.is_busy():
            return None
        if self.sync_running():
            self.show_error(f"A sync is running: move “{account.name}” once it has finished.")
            return None
        state = next((r.state for r in self.rows() if r.account.name == account.name), None)
        dialog = MoveCalendarDialog(self.services, self.runner, account, state.events if state else 0, self)
        dialog.moved.connect(lambda name, sentence: self._account_changed(name, sentence))
        self.hold_sync(True)
        dialog.finished.connect(lambda _result: self.hold_sync(False))
        self._open_child(dialog)
        return dialog

    # -- removing --------------------------------------------------------------------------------
    def remove_selected(self) -> QMessageBox | None:
        """Ask whether to delete what Empower put in that calendar, or leave it; then remove."""
        account = self.selected_account()
        if account is None or self.is_busy():
            return None
        if self.sync_running():
            self.show_error(f"A sync is running: remove “{account.name}” once it has finished.")
            return None
        if account.kind == "caldav":
            text = f"Remove “{account.name}”? Delete the events Empower put in that calendar, or leave them there?"
            detail = (
                f"Only the events Empower created in “{account.calendar_name}” are deleted; your other events "
                "stay. Nothing is deleted in Empower itself."
            )
            delete_text, leave_text = "Delete our events", "Leave them"
        else:
            text = f"Remove “{account.name}”? Delete the calendar file Empower wrote, or leave it there?"
            detail = f"{account.path}\nNothing is deleted in Empower itself."
            delete_text, leave_text = "Delete the file", "Leave it"
        box = QMessageBox(
            QMessageBox.Icon.Question, "Remove calendar account", text, QMessageBox.StandardButton.NoButton, self
        )
        box.setObjectName("removeQuestion")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(detail)
        delete = box.addButton(delete_text, QMessageBox.ButtonRole.DestructiveRole)
        leave = box.addButton(leave_text, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(leave)

        def answered() -> None:
            self.question = None
            clicked = box.clickedButton()
            if clicked in (leave, delete) and self.sync_running():
                self.show_error(f"A sync started meanwhile: remove “{account.name}” once it has finished.")
                return
            if clicked is leave:
                self._remove(account, delete_events=False)
            elif clicked is delete:
                self._remove_deleting(account)

        box.finished.connect(lambda _result: answered())
        self.question = box
        box.open()
        return box

    def _remove(self, account: Account, *, delete_events: bool, password: str | None = None) -> None:
        from ..sync.targets.base import PasswordRefused

        def done(deleted: int) -> None:
            if not delete_events:
                kept = "Its events stay in the calendar." if account.kind == "caldav" else "The file stays where it is."
                sentence = f"Removed “{account.name}”. {kept}"
            elif account.kind == "caldav":
                sentence = (
                    f"Removed “{account.name}” and deleted the {deleted} event{'s' if deleted != 1 else ''} "
                    f"Empower had put in “{account.calendar_name}”."
                )
            else:
                sentence = f"Removed “{account.name}” and deleted {account.path}."
            self._account_changed(None, sentence)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PasswordRefused):
                self.ask_password(account, message_for(exc))
            else:  # it may have gone part of the way (forgotten here, the keyring failed): show what is left
                self.refresh()
                self.show_error(f"Removing “{account.name}” did not finish: {message_for(exc)}")

        self.say("")
        self.run(
            f"Removing “{account.name}”…",
            lambda: self.services.calendar.remove_account(account.name, delete_events=delete_events, password=password),
            done,
            failed,
        )

    def _remove_deleting(self, account: Account) -> None:
        """Deleting events needs the password: the keyring's, or the person types it."""
        if account.kind != "caldav":
            self._remove(account, delete_events=True)
            return

        def saved_password() -> str | None:
            return self.services.calendar.saved_password(account)

        def done(password: str | None) -> None:
            if password is None:
                self.ask_password(account)
            else:
                self._remove(account, delete_events=True, password=password)

        self.run("Looking for the saved password…", saved_password, done)

    def ask_password(self, account: Account, problem: str = "") -> PasswordDialog:
        dialog = PasswordDialog(self.runner, account, self)
        if problem:
            dialog.show_error(problem)
        dialog.given.connect(lambda password: self._remove(account, delete_events=True, password=password))
        self._open_child(dialog)
        return dialog

    # -- reminders -------------------------------------------------------------------------------
    def _save_setting(self, key: str, value: Any, error: QLabel | None = None) -> bool:
        """Save a setting at once; a value it does not take is said on *error* (the reminders' line)."""
        error = error if error is not None else self.reminder_error
        try:
            self.services.settings.set(key, value)
        except (SettingError, StoreEnvironmentError) as exc:
            error.setText(f"Not saved: {message_for(exc)}")
            error.show()
            return False
        error.hide()
        return True


class EditAccountDialog(Dialog):
    """What goes to one account, and (CalDAV) a new password, checked on the server first.

    `saved` carries the account's name and a sentence on what changed.
    """

    saved = Signal(str, str)

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        account: Account,
        accounts: Sequence[Account],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            f"Edit “{account.name}”",
            parent,
            name="editAccountDialog",
            on_accept=self.save,
            runner=runner,
            fit_on_show=True,
        )
        self.services = services
        self.account = account
        self.setMinimumWidth(560)
        self.taken = taken_kinds(accounts, except_name=account.name)

        where = QLabel(where_text(account))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kinds_field = ItemKindsField(self.taken, account.kinds)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText("Leave empty to keep the password as it is")
        self.keyring_hint = hint_label()
        self.keyring_hint.hide()

        form = form_layout(Qt.AlignmentFlag.AlignTop)
        form.addRow("Calendar:" if account.kind == "caldav" else "File:", where)
        form.addRow("What goes there:", self.kinds_field)
        form.addRow(
            "", hint_label("Each kind of item goes to one calendar: to move one here, untick it in the other first.")
        )
        self.password_label = QLabel("New &password:")
        self.password_label.setBuddy(self.password_edit)
        if account.kind == "caldav":
            form.addRow(self.password_label, self.password_edit)
            form.addRow("", self.keyring_hint)
        else:
            self.password_edit.hide()
            self.password_label.hide()
        self.save_button = self.accept_button

        self.column.addLayout(form)
        self.column.addLayout(self.busy_row())
        self.add_footer()
        self.kinds_field.focus_first()
        if account.kind == "caldav":
            self._check_keyring()

    def _check_keyring(self) -> None:
        def done(status: tuple[bool, str]) -> None:
            usable, sentence = status
            if usable:
                self.keyring_hint.setText("The server checks it first; then it replaces the one in the keyring.")
            else:  # nothing to replace: the password is asked for each session
                self.keyring_hint.setText(sentence)
                self.password_label.hide()
                self.password_edit.hide()
                self.password_edit.clear()
            self.keyring_hint.show()

        self.run("Looking at the keyring…", self.services.calendar.keyring_status, done, lambda _exc: None)

    def _busy_changed(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)

    def save(self) -> None:
        kinds = self.kinds_field.kinds()
        clash = next((k for k in kinds if k in self.taken), None)
        if clash is not None:
            self.kinds_field.boxes[clash].setFocus()
            self.show_error(
                f"{KIND_LABELS[clash].capitalize()} already go to “{self.taken[clash]}”. Each kind of item goes "
                f"to one calendar: untick it in “{self.taken[clash]}” first, or leave it there."
            )
            return
        account = self.account
        password = self.password_edit.text()

        def work() -> str:
            said = []
            if password:  # a typo would lock the account out: ask the server first
                self.services.calendar.discover_calendars(
                    account.url, account.username, password, allow_insecure=account.allow_insecure
                )
            if tuple(kinds) != tuple(account.kinds):
                self.services.calendar.set_account_items(account.name, kinds)
                said.append(f"“{account.name}” now takes: {kinds_text(kinds).lower()}.")
            if password:
                said.append(self.services.calendar.set_password(account.name, password))
            return " ".join(said) or "Nothing changed."

        def done(sentence: str) -> None:
            self.saved.emit(account.name, sentence)
            self.accept()

        def failed(exc: BaseException) -> None:
            from ..sync.targets.base import PasswordRefused

            self.show_error(message_for(exc))
            if isinstance(exc, PasswordRefused):
                self.password_edit.setFocus()
                self.password_edit.selectAll()

        self.run("Saving…" if not password else "Checking the password with the server…", work, done, failed)


class PasswordDialog(Dialog):
    """The password of a CalDAV account, for one action (never saved from here)."""

    given = Signal(str)

    def __init__(self, runner: TaskRunner, account: Account, parent: QWidget | None = None) -> None:
        super().__init__(
            f"Password for “{account.name}”",
            parent,
            name="passwordDialog",
            buttons=OK_CANCEL,
            accept_text="&Delete our events",
            on_accept=self.give,
            runner=runner,
            fit_on_show=True,
        )
        self.setMinimumWidth(460)
        text = QLabel(
            f"To delete its events, Empower signs in to {where_text(account)}. No password is saved for it: "
            "type it here (it is used once and not saved)."
        )
        text.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        label = QLabel("&Password:")
        label.setBuddy(self.password_edit)
        form.addRow(label, self.password_edit)
        self.column.addWidget(text)
        self.column.addLayout(form)
        self.add_footer()
        self.password_edit.setFocus()

    def give(self) -> None:
        if not self.password_edit.text():
            self.show_error("Type the password, or Cancel to keep the account.")
            return
        self.given.emit(self.password_edit.text())
        self.accept()
