"""What a sync left for the person: conflicts with both versions side by side, moved deadlines to
take or turn down, events removed from the calendar to put back or let go."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..errors import ActionableError
from ..services import Services
from ..sync.mapping import parse_when
from ..sync.resolve import can_take_calendars
from ..sync.status import Issue
from .widgets.dialogs import CLOSE, Dialog

FIELD_NAMES = {"summary": "Title", "start": "Start", "end": "End", "location": "Place", "description": "Notes"}
KIND_TITLES = {
    "conflict": "Changed in both places",
    "proposal": "Moved in the calendar",
    "removed": "Removed from the calendar",
    "unreadable": "Unreadable in the calendar",
}


def show_value(field: str, text: str) -> str:
    """A stored field value as a person reads it."""
    if field in ("start", "end") and text:
        try:
            value = parse_when(text)
        except (ValueError, KeyError):
            return text
        if isinstance(value, datetime):
            return f"{value:%a %d %b %Y, %H:%M} ({getattr(value.tzinfo, 'key', 'UTC')})"
        if isinstance(value, date):
            return f"{value:%a %d %b %Y}"
    return text or "(empty)"


class ConflictsDialog(Dialog):
    resolved = Signal()  # something was settled: sync again, read again

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("Sync: to resolve", parent, name="conflictsDialog", buttons=CLOSE, margins=None, spacing=None)
        self.services = services
        self.resize(860, 460)
        self.items = QListWidget()
        self.items.setObjectName("issueList")
        self.items.setWordWrap(True)
        self.items.setSpacing(3)
        self.items.setMinimumWidth(300)
        self.items.currentRowChanged.connect(lambda _row: self._show_current())
        self.detail = QWidget()
        self.detail_layout = QVBoxLayout(self.detail)
        self.detail_layout.setContentsMargins(12, 0, 0, 0)
        splitter = QSplitter()
        splitter.addWidget(self.items)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 2)
        intro = QLabel(
            "The calendar and the app disagree about these. Nothing was overwritten: choose what stays, "
            "and the next sync carries it out."
        )
        intro.setWordWrap(True)
        self.column.addWidget(intro)
        self.column.addWidget(splitter, 1)
        self.add_footer()
        self.action_buttons: dict[str, QPushButton] = {}  # the choices for the issue shown
        self.merge_edit: QLineEdit | None = None
        self.reload()

    # -- the list --------------------------------------------------------------------------------
    def reload(self) -> None:
        self.issues: list[tuple[str, Issue]] = self.services.calendar.all_sync_issues()
        self.items.clear()
        for account, issue in self.issues:
            what = issue.detail if issue.kind != "unreadable" else issue.uid
            if issue.field:
                what += f" · {FIELD_NAMES.get(issue.field, issue.field).lower()}"
            label = f"{KIND_TITLES.get(issue.kind, issue.kind)}\n{what}"
            entry = QListWidgetItem(label)
            entry.setToolTip(f"Calendar account: {account}")
            self.items.addItem(entry)
        if self.issues:
            self.items.setCurrentRow(0)
        else:
            self._clear_detail()
            done = QLabel("Nothing to resolve: the app and the calendar agree.")
            done.setObjectName("nothingToResolve")
            self.detail_layout.addWidget(done)
            self.detail_layout.addStretch(1)

    def current(self) -> tuple[str, Issue] | None:
        row = self.items.currentRow()
        return self.issues[row] if 0 <= row < len(self.issues) else None

    def _clear_detail(self) -> None:
        self.action_buttons = {}
        self.merge_edit = None
        while self.detail_layout.count():
            child = self.detail_layout.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.deleteLater()

    # -- one issue -------------------------------------------------------------------------------
    def _show_current(self) -> None:
        self._clear_detail()
        self.error_label.hide()
        chosen = self.current()
        if chosen is None:
            return
        account, issue = chosen
        title = QLabel(f"<b>{KIND_TITLES.get(issue.kind, issue.kind)}</b><br>{issue.detail}")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        self.detail_layout.addWidget(title)
        if issue.kind in ("conflict", "proposal"):
            grid = QGridLayout()
            grid.addWidget(QLabel(""), 0, 0)
            grid.addWidget(QLabel("<b>In the app</b>"), 0, 1)
            grid.addWidget(QLabel("<b>In the calendar</b>"), 0, 2)
            field = FIELD_NAMES.get(issue.field, issue.field)
            grid.addWidget(QLabel(f"{field}:"), 1, 0)
            for column, value in ((1, issue.local_value), (2, issue.remote_value)):
                shown = QLabel(show_value(issue.field, value))
                shown.setWordWrap(True)
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(shown, 1, column)
            grid.setColumnStretch(1, 1)
            grid.setColumnStretch(2, 1)
            self.detail_layout.addLayout(grid)
            row = QHBoxLayout()
            self._button(row, "app", "Keep the app's", lambda: self._settle(self.services.calendar.keep_app_version))
            if can_take_calendars(issue):
                self._button(
                    row,
                    "calendar",
                    "Keep the calendar's",
                    lambda: self._settle(self.services.calendar.keep_calendar_version),
                )
            self.detail_layout.addLayout(row)
            if issue.kind == "conflict" and issue.field in ("summary", "location") and can_take_calendars(issue):
                merge = QHBoxLayout()
                self.merge_edit = QLineEdit(issue.local_value)
                self.merge_edit.setObjectName("mergeEdit")
                merge.addWidget(QLabel("Or write it yourself:"))
                merge.addWidget(self.merge_edit, 1)
                self._button(merge, "merge", "Use this", self._use_merge)
                self.detail_layout.addLayout(merge)
        elif issue.kind == "removed":
            note = QLabel("It was deleted in another calendar app. The app kept it, marked as removed.")
            note.setWordWrap(True)
            self.detail_layout.addWidget(note)
            row = QHBoxLayout()
            self._button(
                row,
                "restore",
                "Put it back in the calendar",
                lambda: self._settle(self.services.calendar.restore_to_calendar),
            )
            self._button(
                row, "accept", "Fine, leave it out", lambda: self._settle(self.services.calendar.accept_removal)
            )
            self.detail_layout.addLayout(row)
        else:
            note = QLabel(f"The calendar holds something the app cannot read here: {issue.detail}")
            note.setWordWrap(True)
            self.detail_layout.addWidget(note)
            row = QHBoxLayout()
            self._button(row, "accept", "Dismiss", lambda: self._settle(self.services.calendar.accept_removal))
            self.detail_layout.addLayout(row)
        self.detail_layout.addStretch(1)
        self.setToolTip(f"Calendar account: {account}")

    def _button(self, row: QHBoxLayout, key: str, text: str, slot: Callable[[], object]) -> None:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        self.action_buttons[key] = button
        row.addWidget(button)

    def _settle(self, action: Callable[..., object], *extra: str) -> None:
        chosen = self.current()
        if chosen is None:
            return
        account, issue = chosen
        try:
            action(account, issue.id, *extra)
        except ActionableError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.resolved.emit()
        row = self.items.currentRow()
        self.reload()
        if self.issues:
            self.items.setCurrentRow(min(row, len(self.issues) - 1))

    def _use_merge(self) -> None:
        if self.merge_edit is not None:
            self._settle(self.services.calendar.keep_calendar_version, self.merge_edit.text().strip())
