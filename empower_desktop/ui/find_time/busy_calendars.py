"""Settings → Busy Calendars: the calendars whose events count as busy when finding time (other
calendars of a CalDAV account, .ics files, published links), when each was last read, and why
the last refresh of one failed. Reading a calendar contacts its server, so it runs off the GUI
thread; removing one asks first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ...errors import ActionableError
from ...services import Services
from ...sync.busy_sources import CALDAV, FILE, BusySource
from ..formatting import OVERDUE_COLOUR, fmt_instant
from ..messages import ask
from ..widgets.dialogs import CLOSE, Dialog, hint_label, side_button
from ..workers import TaskRunner

COLUMNS = ("Calendar", "Kind", "Busy spans", "Last read")


def kind_text(source: BusySource) -> str:
    if source.kind == CALDAV:
        return f"CalDAV, account “{source.account}”"
    return ".ics file" if source.kind == FILE else "Published link"


class BusyCalendarsDialog(Dialog):
    """The busy calendars: add, remove, read again."""

    changed = Signal()  # a calendar was added, removed or read again

    def __init__(self, services: Services, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__("Busy Calendars", parent, name="busyCalendarsDialog", buttons=CLOSE, runner=runner)
        self.setMinimumSize(720, 420)
        self.services = services
        self.column.addWidget(
            hint_label(
                "The events of these calendars count as busy time when Find Time looks for free time: your work "
                "and personal calendars, a team's published calendar. What was read is kept, so finding time "
                "works offline. The calendar the app writes your plans to is not one of them: the app knows "
                "its own plans."
            )
        )
        self.tree = QTreeWidget()
        self.tree.setObjectName("busyCalendars")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setColumnWidth(0, 200)
        self.tree.setColumnWidth(1, 190)
        self.tree.setColumnWidth(2, 90)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.column.addWidget(self.tree, 1)
        self.add_file_button = side_button("Add &File…", "An .ics file on this computer", self.add_file)
        self.add_link_button = side_button(
            "Add &Link…", "A published calendar's https:// or webcal:// link", self.add_link
        )
        self.add_account_button = side_button(
            "Add from &Account…",
            "Another calendar of a CalDAV account you added under Calendars",
            self.add_from_account,
        )
        self.remove_button = side_button("&Remove…", "Its events no longer count as busy", self.remove)
        self.refresh_button = side_button("Read &Again", "Read every busy calendar now", self.refresh)
        row = QHBoxLayout()
        for button in (self.add_file_button, self.add_link_button, self.add_account_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        row.addWidget(self.refresh_button)
        self.column.addLayout(row)
        self.add_footer(self.busy_row())
        self.reload()

    # -- the list --------------------------------------------------------------------------------
    def reload(self) -> None:
        self.tree.clear()
        for source in self.services.find_time.sources():
            read = "never" if source.read_at is None else fmt_instant(source.read_at)
            item = QTreeWidgetItem([source.name, kind_text(source), f"{source.spans:,}", read])
            item.setData(0, Qt.ItemDataRole.UserRole, source.id)
            item.setToolTip(0, source.location)
            item.setToolTip(1, source.location)
            if source.problem:
                problem = QTreeWidgetItem([source.problem])
                problem.setForeground(0, OVERDUE_COLOUR)
                problem.setFirstColumnSpanned(True)
                problem.setFlags(Qt.ItemFlag.NoItemFlags | Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(3, source.problem)
                self.tree.addTopLevelItem(item)
                self.tree.addTopLevelItem(problem)
                problem.setFirstColumnSpanned(True)
            else:
                self.tree.addTopLevelItem(item)
        if self.tree.topLevelItemCount() == 0:
            empty = QTreeWidgetItem(["No busy calendar yet: add your work calendar, a file or a link."])
            empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(empty)
            empty.setFirstColumnSpanned(True)
        self._update_buttons()

    def selected_source(self) -> str | None:
        items = self.tree.selectedItems()
        value = items[0].data(0, Qt.ItemDataRole.UserRole) if items else None
        return str(value) if value else None

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.selected_source() is not None and not self.is_busy())
        self.refresh_button.setEnabled(bool(self.services.find_time.sources()) and not self.is_busy())

    def _busy_changed(self, busy: bool) -> None:
        for button in (self.add_file_button, self.add_link_button, self.add_account_button):
            button.setEnabled(not busy)
        self._update_buttons()

    # -- what the person chooses (overridden in tests) -------------------------------------------
    def choose_file(self) -> Path | None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "A calendar file", "", "Calendar files (*.ics);;All files (*)"
        )
        return Path(path) if path else None

    def ask_text(self, title: str, label: str, value: str = "") -> str | None:
        text, ok = QInputDialog.getText(self, title, label, text=value)
        return text.strip() if ok and text.strip() else None

    def choose(self, title: str, label: str, options: list[str]) -> str | None:
        choice, ok = QInputDialog.getItem(self, title, label, options, 0, False)
        return choice if ok else None

    # -- adding, removing, reading ----------------------------------------------------------------
    def _added(self, source: BusySource) -> None:
        self.reload()
        self.changed.emit()
        self.refresh(f"“{source.name}” added; reading it…")

    def _try(self, work: Any) -> Any:
        try:
            return work()
        except ActionableError as exc:
            self.show_error(str(exc))
            return None

    def add_file(self) -> None:
        path = self.choose_file()
        if path is None:
            return
        name = self.ask_text("Name the calendar", "What to call it:", path.stem)
        if name is None:
            return
        source = self._try(lambda: self.services.find_time.add_file_source(path, name))
        if source is not None:
            self._added(source)

    def add_link(self) -> None:
        link = self.ask_text("A published calendar", "Its link (https:// or webcal://):")
        if link is None:
            return
        name = self.ask_text("Name the calendar", "What to call it:")
        if name is None:
            return
        source = self._try(lambda: self.services.find_time.add_feed_source(link, name))
        if source is not None:
            self._added(source)

    def add_from_account(self) -> None:
        accounts = [a.name for a in self.services.calendar.accounts() if a.kind == "caldav"]
        if not accounts:
            self.show_error("There is no CalDAV account yet: add one under Settings → Calendars first.")
            return
        account = accounts[0] if len(accounts) == 1 else self.choose("A CalDAV account", "Account:", accounts)
        if account is None:
            return
        find = self.services.find_time
        self.run(
            f"Looking up the calendars of “{account}”…",
            lambda: find.account_calendars(account),
            lambda calendars: self._calendars_found(account, calendars),
        )

    def _calendars_found(self, account: str, calendars: list[Any]) -> None:
        if not calendars:
            self.show_error(f"“{account}” has no calendar besides the one the app writes to.")
            return
        names = [c.name for c in calendars]
        chosen = self.choose("Which calendar is busy time?", f"A calendar of “{account}”:", names)
        if chosen is None:
            return
        calendar = calendars[names.index(chosen)]
        source = self._try(lambda: self.services.find_time.add_caldav_source(account, calendar.url, calendar.name))
        if source is not None:
            self._added(source)

    def remove(self) -> None:
        source_id = self.selected_source()
        source = self.services.find_time.sources_store.get(source_id) if source_id else None
        if source is None:
            return

        def removed() -> None:
            if self._try(lambda: self.services.find_time.remove_source(source.id)) is not None:
                self.reload()
                self.changed.emit()

        self.confirm = ask(
            self,
            "Remove the busy calendar",
            f"Remove the busy calendar “{source.name}”? Its events will no longer count as busy time.",
            "Remove",
            removed,
        )

    def refresh(self, doing: str = "Reading your busy calendars…") -> None:
        find = self.services.find_time
        self.run(doing, find.refresh, self._refreshed)

    def _refreshed(self, results: list[Any]) -> None:
        self.reload()
        self.changed.emit()
        failed = [r.problem for r in results if not r.ok]
        if failed:
            self.show_error("Could not be read now (what was read before is kept): " + " · ".join(failed))
        else:
            self.error_label.hide()
