"""The sync's place in the status bar: progress with a Cancel button while it runs, then how things
stand (up to date, offline with changes waiting, issues to resolve)."""

from __future__ import annotations

import math
import time
from datetime import datetime

from PySide6.QtCore import QTimer, Signal
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
        # "retrying in 4 min" counts down while a retry is due
        self.countdown = QTimer(self, interval=20_000)
        self.countdown.timeout.connect(self.refresh)
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
            text = f"Offline: {waiting}" if state.waiting else "Offline: the calendar cannot be reached"
            self.label.setText(text + _retrying(state.retry_at))
        elif state.not_synced and not state.errors:
            items = f"{state.not_synced} item{'s' if state.not_synced != 1 else ''} not synced yet"
            self.label.setText(items + _retrying(state.retry_at))
        elif state.errors:
            self.label.setText("Sync needs attention")
        elif state.last_finished is not None:
            self.label.setText(f"Calendar up to date · {datetime.fromtimestamp(state.last_finished):%H:%M}")
        elif state.waiting:
            self.label.setText(f"{state.waiting} change{'s' if state.waiting != 1 else ''} waiting to sync")
        else:
            self.label.setText("")
        why = "\n".join(line.strip().removeprefix("- ") for line in state.problems[:8])
        self.label.setToolTip(why if state.not_synced and not state.running else "")
        if state.retry_at is not None and not state.running:
            if not self.countdown.isActive():
                self.countdown.start()
        else:
            self.countdown.stop()
        self.issues_button.setVisible(state.issues > 0 and not state.running)
        self.issues_button.setText(f"{state.issues} to resolve…")
        self.issues_button.setToolTip("Conflicts, moved deadlines and events removed from the calendar")


def _retrying(retry_at: float | None) -> str:
    """The end of the status line for a retry due at *retry_at* ("; retrying in 4 min"), or "" for none."""
    if retry_at is None:
        return ""
    seconds = retry_at - time.time()
    if seconds < 60:
        return "; retrying in under a minute" if seconds > 0 else "; retrying now"
    return f"; retrying in {math.ceil(seconds / 60)} min"
