"""Calendars → Move…: put one CalDAV account's events into another calendar on the same server.

The dialog lists the account's other calendars (asked of the server off the GUI thread, with the
saved password, or one typed here when none is saved), says what will happen, and runs the move
through `services.calendar.move_account`: the old copies are deleted first, then the events are
made in the new calendar. Only Empower's own events move; nothing is deleted in the app.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from ..services import Account, Services
from ..sync.targets.base import PasswordRefused
from .widgets.dialogs import OK_CANCEL, Dialog, hint_label
from .workers import TaskRunner


class MoveCalendarDialog(Dialog):
    """`moved` carries the account's name and a sentence on what was done."""

    moved = Signal(str, str)

    def __init__(
        self, services: Services, runner: TaskRunner, account: Account, events: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            f"Move “{account.name}” to another calendar",
            parent,
            name="moveCalendarDialog",
            buttons=OK_CANCEL,
            accept_text="&Move events",
            on_accept=self.move_events,
            runner=runner,
            fit_on_show=True,
        )
        self.services = services
        self.account = account
        self._password: str | None = None
        self.setMinimumWidth(560)
        these = f"Empower's {events} events" if events else "Empower's events"
        intro = QLabel(
            f"{these} in “{account.calendar_name}” move to the calendar you choose on the same server. They are "
            f"deleted from “{account.calendar_name}” first and then made in the new calendar, since some servers "
            "take an event only once per account. Your own events stay where they are, and nothing is deleted "
            "in Empower."
        )
        intro.setWordWrap(True)
        self.calendar_list = QListWidget()
        self.calendar_list.setObjectName("calendarList")
        self.calendar_list.setMinimumHeight(120)
        self.calendar_list.itemDoubleClicked.connect(lambda _item: self.move_events())
        self.calendar_list.currentItemChanged.connect(lambda *_args: self._update_button())
        list_label = QLabel("&To the calendar:")
        list_label.setBuddy(self.calendar_list)

        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_label = QLabel("&Password:")
        self.password_label.setBuddy(self.password_edit)
        self.list_button = QPushButton("&List calendars")
        self.list_button.setAutoDefault(False)
        self.list_button.clicked.connect(self._list_with_typed_password)
        self.password_hint = hint_label("No password is saved for this account: type it to list its calendars.")
        self.password_form = QFormLayout()
        password_row = QHBoxLayout()
        password_row.addWidget(self.password_edit, 1)
        password_row.addWidget(self.list_button)
        self.password_form.addRow(self.password_label, password_row)
        for widget in (self.password_label, self.password_edit, self.list_button, self.password_hint):
            widget.hide()

        self.move_button = self.accept_button
        self.column.addWidget(intro)
        self.column.addWidget(self.password_hint)
        self.column.addLayout(self.password_form)
        self.column.addWidget(list_label)
        self.column.addWidget(self.calendar_list, 1)
        self.column.addLayout(self.busy_row())
        self.add_footer()
        self._update_button()
        self._list(None)

    # -- the calendars ---------------------------------------------------------------------------
    def _list(self, typed: str | None) -> None:
        account = self.account

        def work() -> tuple[str | None, list[Any]]:
            password = typed if typed is not None else self.services.calendar.saved_password(account)
            if password is None:
                return None, []
            found = self.services.calendar.discover_calendars(
                account.url, account.username, password, allow_insecure=account.allow_insecure
            )
            return password, found

        def done(result: tuple[str | None, list[Any]]) -> None:
            password, calendars = result
            if password is None:
                self._ask_password()
                return
            self._password = password
            self._show(calendars)

        def failed(exc: BaseException) -> None:
            self.show_error_for(exc)
            if isinstance(exc, PasswordRefused) or typed is not None:
                self._ask_password()

        self.run("Asking the server for its calendars…", work, done, failed)

    def _ask_password(self) -> None:
        for widget in (self.password_label, self.password_edit, self.list_button, self.password_hint):
            widget.show()
        # Enter in the password lists the calendars; it moves nothing before one is chosen
        self.move_button.setDefault(False)
        self.list_button.setDefault(True)
        self.password_edit.setFocus()
        self.password_edit.selectAll()

    def _list_with_typed_password(self) -> None:
        if not self.password_edit.text():
            self.show_error("Type the password of the account first.")
            return
        self._list(self.password_edit.text())

    def _show(self, calendars: list[Any]) -> None:
        self.calendar_list.clear()
        current = self.account.calendar_url.rstrip("/")
        for info in calendars:
            if info.url.rstrip("/") == current:
                continue
            item = QListWidgetItem(info.name)
            item.setData(Qt.ItemDataRole.UserRole, info.url)
            item.setToolTip(info.url)
            if not info.supports_events:
                item.setText(f"{info.name} (takes no events)")
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.calendar_list.addItem(item)
        usable = [
            self.calendar_list.item(n)
            for n in range(self.calendar_list.count())
            if self.calendar_list.item(n).flags() & Qt.ItemFlag.ItemIsEnabled
        ]
        self.list_button.setDefault(False)
        self.move_button.setDefault(True)
        if usable:
            self.calendar_list.setCurrentItem(usable[0])
            self.calendar_list.setFocus()
        else:
            self.show_error(
                f"The server has no other calendar for {self.account.username} that takes events. Make one in "
                "your calendar app or on the server's web page, then open this again."
            )
        self._update_button()

    # -- the move --------------------------------------------------------------------------------
    def _chosen(self) -> tuple[str, str] | None:
        item = self.calendar_list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return item.text(), str(item.data(Qt.ItemDataRole.UserRole))

    def _update_button(self) -> None:
        self.move_button.setEnabled(not self.is_busy() and self._chosen() is not None)

    def _busy_changed(self, busy: bool) -> None:
        self._update_button()
        self.list_button.setEnabled(not busy)

    def move_events(self) -> None:
        chosen = self._chosen()
        if chosen is None or self.is_busy():
            return
        name, url = chosen
        account, password = self.account, self._password

        def work() -> str:
            moved = self.services.calendar.move_account(account.name, url, password=password)
            sentence = f"Moved “{account.name}” to “{moved.calendar}”: {len(moved.report.created)} events made there"
            sentence += f", {moved.deleted} deleted from “{account.calendar_name}”."
            if moved.kept:
                sentence += f" {len(moved.kept)} changed in “{account.calendar_name}” meanwhile and stayed there."
            if moved.report.not_synced:
                sentence += f" {moved.report.not_synced} not synced yet; the next sync tries again."
            return sentence

        def done(sentence: str) -> None:
            self.moved.emit(account.name, sentence)
            self.accept()

        self.run(f"Moving the events to “{name}”… (a minute for a large calendar)", work, done)
