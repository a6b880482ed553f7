"""The sync's place in the status bar: progress with a Cancel button while it runs, then how things
stand (up to date, offline with changes waiting, issues to resolve)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from .sync_controller import SyncController


class SyncStatus(QWidget):
    resolve_requested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("syncStatus")
        self.label = QLabel()
        self.label.setObjectName("syncLabel")
        self.bar = QProgressBar()
        self.bar.setObjectName("syncProgress")
        self.bar.setFixedWidth(220)
        self.bar.setTextVisible(True)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop the sync; what is done stays done, the rest syncs next time")
        self.cancel_button.clicked.connect(controller.cancel)
        self.issues_button = QToolButton()
        self.issues_button.setObjectName("syncIssues")
        self.issues_button.clicked.connect(self.resolve_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.issues_button)
        controller.state_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        state = self.controller.state
        self.bar.setVisible(state.running)
        self.cancel_button.setVisible(state.running)
        if state.running:
            account, done, total = state.progress
            self.bar.setMaximum(max(total, 1))
            self.bar.setValue(done)
            self.bar.setFormat(f"Syncing {done}/{total}" if total else "Syncing…")
            self.label.setText(account)
        elif state.offline:
            waiting = f"{state.waiting} change{'s' if state.waiting != 1 else ''} waiting to sync"
            self.label.setText(f"Offline: {waiting}" if state.waiting else "Offline: the calendar cannot be reached")
        elif state.errors:
            self.label.setText("Sync needs attention")
        elif state.last_finished is not None:
            self.label.setText(f"Calendar up to date · {datetime.fromtimestamp(state.last_finished):%H:%M}")
        elif state.waiting:
            self.label.setText(f"{state.waiting} change{'s' if state.waiting != 1 else ''} waiting to sync")
        else:
            self.label.setText("")
        self.issues_button.setVisible(state.issues > 0 and not state.running)
        self.issues_button.setText(f"{state.issues} to resolve…")
        self.issues_button.setToolTip("Conflicts, moved deadlines and events removed from the calendar")
