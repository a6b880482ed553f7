"""Sync → Sessions That Collide: planned learning sessions that busy time added to the busy
calendars since now overlaps, each with the nearest free time of its week. Move one (Enter), move
them all, or keep one where it is (it is not listed again). Reading the busy calendars again
contacts their servers, so it runs off the GUI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QTreeWidget, QTreeWidgetItem, QWidget

from ...changes import Changes, Kind
from ...domain.common import moment_text
from ...errors import ActionableError
from ...services import Services
from ...services.findtime import CollisionRow
from ..widgets.dialogs import CLOSE, Dialog, KeyBindings, hint_label, side_button
from ..workers import TaskRunner

SESSIONS = Changes.of(Kind.SESSIONS)


class CollisionsDialog(Dialog):
    """The sessions that collide with busy time, and what to do with each."""

    changed = Signal(object)  # Changes: sessions were moved

    def __init__(self, services: Services, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__("Sessions That Collide", parent, name="collisionsDialog", buttons=CLOSE, runner=runner)
        self.setMinimumSize(940, 380)
        self.services = services
        self.rows: list[CollisionRow] = []
        self.heading = hint_label()
        self.heading.setObjectName("collisionsHeading")
        self.tree = QTreeWidget()
        self.tree.setObjectName("collisions")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(["When", "Learning", "Collides with", "Proposed"])
        for column, width in enumerate((190, 160, 300)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda _item, _column: self.move_selected())
        KeyBindings(self.tree).bind([Qt.Key.Key_Return, Qt.Key.Key_Enter], self.move_selected)
        self.move_button = side_button("&Move", "Move it to the time proposed (Enter)", self.move_selected)
        self.move_all_button = side_button("Move &All", "Move every session that has a time proposed", self.move_all)
        self.keep_button = side_button("&Keep Where It Is", "Leave it; it is not listed again", self.keep)
        self.refresh_button = side_button("&Read Busy Calendars Again", "Read them now, then list again", self.refresh)
        row = QHBoxLayout()
        for button in (self.move_button, self.move_all_button, self.keep_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.tree, 1)
        self.column.addLayout(row)
        self.add_footer(self.busy_row())
        self.reload()

    def reload(self) -> None:
        tz = self.services.context.zone()
        self.rows = self.services.find_time.collisions()
        self.tree.clear()
        for row in self.rows:
            hit = row.collision
            start, end = hit.start.astimezone(tz), hit.end.astimezone(tz)
            proposed = "no free time that week" if hit.move_to is None else hit.move_to.text()
            item = QTreeWidgetItem([f"{moment_text(start)}\u2013{end:%H:%M}", row.title, hit.busy.text(tz), proposed])
            for column in range(4):
                item.setToolTip(column, item.text(column))
            self.tree.addTopLevelItem(item)
        count = len(self.rows)
        if count:
            many = count != 1
            self.heading.setText(
                f"{count} planned session{'s' if many else ''} collide{'' if many else 's'} with busy time in your "
                "busy calendars (meetings added since they were planned)."
            )
            first = self.tree.topLevelItem(0)
            if first is not None:
                self.tree.setCurrentItem(first)
        else:
            self.heading.setText("No planned session collides with busy time.")
        self.tree.setFocus()
        self._update_buttons()

    def selected(self) -> CollisionRow | None:
        current = self.tree.currentItem()
        index = self.tree.indexOfTopLevelItem(current) if current is not None else -1
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _update_buttons(self) -> None:
        row = self.selected()
        idle = not self.is_busy()
        self.move_button.setEnabled(idle and row is not None and row.collision.move_to is not None)
        self.keep_button.setEnabled(idle and row is not None)
        self.move_all_button.setEnabled(idle and any(r.collision.move_to is not None for r in self.rows))
        self.refresh_button.setEnabled(idle)

    def _busy_changed(self, busy: bool) -> None:
        self._update_buttons()

    def _act(self, work: Any, moved: bool) -> None:
        try:
            work()
        except ActionableError as exc:
            self.show_error(str(exc))
            return
        self.error_label.hide()
        self.reload()
        if moved:
            self.changed.emit(SESSIONS)

    def move_selected(self) -> None:
        row = self.selected()
        if row is not None and row.collision.move_to is not None:
            self._act(lambda: self.services.find_time.move_collision(row), moved=True)

    def move_all(self) -> None:
        self._act(lambda: self.services.find_time.move_all(self.rows), moved=True)

    def keep(self) -> None:
        row = self.selected()
        if row is not None:
            self._act(lambda: self.services.find_time.keep_collision(row), moved=False)

    def refresh(self) -> None:
        find = self.services.find_time
        self.run("Reading your busy calendars…", find.refresh, self._refreshed)

    def _refreshed(self, results: list[Any]) -> None:
        self.reload()
        failed = [r.problem for r in results if not r.ok]
        if failed:
            self.show_error("Could not be read now (what was read before is used): " + " · ".join(failed))
