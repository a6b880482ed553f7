"""One week as a calendar shows it, for finding time: a column per day, the hours of the working
day down the side, busy time shaded (with its title where the calendar gave one), the app's own
plans lighter, and the proposed blocks marked (a week's moved block in another colour).

A click on a proposed block selects it; with the focus here, the arrow keys ask to nudge the
selected block's weekly time (Up/Down: 15 minutes, Left/Right: a day) and Page Up/Down to show
the week before or after. The widget only draws and reports; the dialog decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain.freetime import Block, Busy, Preferences
from ...services.findtime import LEARNING, MEETINGS, RITUAL
from ..theme import themed

BUSY_COLOUR = themed("#c9ced6", "#4a5058")
OWN_COLOUR = themed("#dfe7f2", "#36404c")
OFF_COLOUR = themed("#f1f1f1", "#26292d")
BLOCK_COLOUR = themed("#2e7d32", "#66bb6a")  # under the ground's colour as text: 5.1:1 light, 8:1 dark
MOVED_COLOUR = themed("#a34e00", "#ffab40")
FILLS = (BUSY_COLOUR, OWN_COLOUR, OFF_COLOUR, BLOCK_COLOUR, MOVED_COLOUR)  # fills, not text colours
OWN_SOURCES = (LEARNING, MEETINGS, RITUAL)
TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
HEADER = 34  # pixels for the day names
GUTTER = 46  # pixels for the hours


class WeekView(QWidget):
    """A week of busy time and proposed blocks."""

    block_clicked = Signal(int)  # the index of the block clicked, in the blocks given
    nudge_requested = Signal(int, int)  # minutes, days
    week_requested = Signal(int)  # -1: the week before, +1: the week after

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weekView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Week view")
        self.monday = date.today() - timedelta(days=date.today().weekday())
        self.tz: Any = None
        self.busy: list[Busy] = []
        self.blocks: list[Block] = []
        self.prefs = Preferences()
        self.selected = -1
        self.first_hour, self.last_hour = 8, 18
        self._rects: list[QRectF] = []

    def sizeHint(self) -> QSize:
        return QSize(760, 420)

    def minimumSizeHint(self) -> QSize:
        return QSize(520, 300)

    def show_week(
        self,
        monday: date,
        busy: Sequence[Busy],
        blocks: Sequence[Block],
        prefs: Preferences,
        tz: Any,
        selected: int = -1,
    ) -> None:
        """Show the week of *monday*: *busy* and *blocks* outside it are left out."""
        self.monday, self.tz, self.prefs, self.selected = monday, tz, prefs, selected
        start = datetime.combine(monday, time(0), tz)
        end = start + timedelta(days=7)
        self.busy = [b for b in busy if b.start < end and b.end > start]
        self.blocks = list(blocks)
        hours = [h for h in prefs.hours if h is not None]
        first = min((h[0].hour for h in hours), default=8)
        last = max((h[1].hour + (1 if h[1].minute else 0) for h in hours), default=18)
        for block in self.blocks:
            local = block.start.astimezone(tz)
            if monday <= local.date() < monday + timedelta(days=7):
                first = min(first, local.hour)
                last = max(last, block.end.astimezone(tz).hour + 1)
        self.first_hour, self.last_hour = max(0, first - 1), min(24, max(last + 1, first + 4))
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        """The week in words (for screen readers and tests)."""
        mine = [b for b in self.blocks if self._in_week(b.start)]
        parts = [f"Week of {self.monday.day} {self.monday:%b %Y}: {len(mine)} proposed"]
        parts += [f"{b.text()}{' (moved)' if b.moved else ''}" for b in mine]
        return "; ".join(parts)

    def _in_week(self, moment: datetime) -> bool:
        return self.monday <= moment.astimezone(self.tz).date() < self.monday + timedelta(days=7)

    # -- geometry ----------------------------------------------------------------------------------
    def _column(self, day: int) -> tuple[float, float]:
        width = (self.width() - GUTTER - 1) / 7
        return GUTTER + day * width, width

    def _y(self, moment: datetime) -> float:
        local = moment.astimezone(self.tz)
        hours = local.hour + local.minute / 60 - self.first_hour
        span = self.last_hour - self.first_hour
        return HEADER + (self.height() - HEADER - 1) * max(0.0, min(1.0, hours / span))

    def _rect(self, start: datetime, end: datetime) -> list[QRectF]:
        """The rectangles of [start, end) in this week, one per day it touches."""
        rects = []
        for day in range(7):
            day_start = datetime.combine(self.monday + timedelta(days=day), time(0), self.tz)
            day_end = day_start + timedelta(days=1)
            a, b = max(start, day_start), min(end, day_end)
            if a >= b:
                continue
            x, width = self._column(day)
            top = self._y(a)
            bottom = self._y(b) if b < day_end else float(self.height() - 1)
            if bottom - top >= 1:
                rects.append(QRectF(x + 2, top, width - 4, bottom - top))
        return rects

    # -- painting ----------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        if self.tz is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        grid = QColor(text)
        grid.setAlpha(40)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        today = datetime.now(self.tz).date()
        for day in range(7):
            x, width = self._column(day)
            current = self.monday + timedelta(days=day)
            hours = self.prefs.day_hours(current)
            off = QRectF(x, HEADER, width, self.height() - HEADER)
            painter.fillRect(off, OFF_COLOUR)
            if hours is not None:
                top = self._y(datetime.combine(current, hours[0], self.tz))
                bottom = self._y(datetime.combine(current, hours[1], self.tz))
                painter.fillRect(QRectF(x, top, width, bottom - top), palette.color(QPalette.ColorRole.Base))
            heading = QFont(self.font())
            heading.setBold(current == today)
            painter.setFont(heading)
            painter.setPen(text)
            painter.drawText(
                QRectF(x, 0, width, HEADER), Qt.AlignmentFlag.AlignCenter, f"{current:%a} {current.day} {current:%b}"
            )
            painter.setFont(small)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, HEADER), QPointF(x, self.height()))
        painter.setPen(QPen(grid, 1))
        for hour in range(self.first_hour, self.last_hour + 1):
            y = HEADER + (self.height() - HEADER - 1) * (hour - self.first_hour) / (self.last_hour - self.first_hour)
            painter.drawLine(QPointF(GUTTER, y), QPointF(self.width(), y))
            if hour < self.last_hour:
                painter.setPen(text)
                painter.drawText(QRectF(0, y + 1, GUTTER - 6, 16), Qt.AlignmentFlag.AlignRight, f"{hour:02d}:00")
                painter.setPen(QPen(grid, 1))
        for busy in self.busy:
            colour = OWN_COLOUR if busy.source in OWN_SOURCES else BUSY_COLOUR
            for rect in self._rect(busy.start, busy.end):
                painter.fillRect(rect, colour)
                if rect.height() >= 14 and busy.label:
                    painter.setPen(text)
                    label = painter.fontMetrics().elidedText(
                        busy.label, Qt.TextElideMode.ElideRight, int(rect.width()) - 6
                    )
                    painter.drawText(
                        rect.adjusted(3, 1, -3, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, label
                    )
        self._rects = []
        for index, block in enumerate(self.blocks):
            rects = self._rect(block.start, block.end) if self._in_week(block.start) else []
            self._rects.append(rects[0] if rects else QRectF())
            for rect in rects:
                colour = QColor(MOVED_COLOUR if block.moved else BLOCK_COLOUR)
                painter.setBrush(colour)
                pen = QPen(
                    palette.color(QPalette.ColorRole.Text) if index == self.selected else colour,
                    3 if index == self.selected else 1,
                )
                if block.moved:
                    pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawRoundedRect(rect, 4, 4)
                painter.setPen(palette.color(QPalette.ColorRole.Base))
                start, end = block.start.astimezone(self.tz), block.end.astimezone(self.tz)
                label = f"{start:%H:%M}\u2013{end:%H:%M}" + (" moved" if block.moved else "")
                painter.drawText(
                    rect.adjusted(4, 1, -2, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, label
                )
        painter.end()

    # -- the person ---------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        for index, rect in enumerate(self._rects):
            if rect.contains(point):
                self.block_clicked.emit(index)
                break
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {
            Qt.Key.Key_Up: (-15, 0),
            Qt.Key.Key_Down: (15, 0),
            Qt.Key.Key_Left: (0, -1),
            Qt.Key.Key_Right: (0, 1),
        }
        key = Qt.Key(event.key())
        if key in moves and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.nudge_requested.emit(*moves[key])
            return
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.week_requested.emit(-1 if key == Qt.Key.Key_PageUp else 1)
            return
        super().keyPressEvent(event)
