"""A small line chart of values over time, built with QtCharts only when it is first shown.

QtCharts is a large library; the window's start-up path never loads it. `TrendChart` keeps the
series it was given and builds its chart the first time it is visible, so a section filled in
the background costs nothing until the person looks at it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QMargins, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QCursor, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QToolTip, QVBoxLayout, QWidget

from ..theme import themed
from .dialogs import qdate

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart, QChartView

BLUE = "#2f6fb3"
PALETTE = ("#1b7f3b", "#a35c00", "#7b3fa0", "#b3261e", "#00838f")  # readable on white, distinct hues
AXIS_TEXT = themed("#2f3742", "#d5dae0")
GRID = themed("#e1e5ea", "#3b424b")


@dataclass(frozen=True)
class Series:
    """One line: its name (in the legend), its dated values and how it is drawn."""

    name: str
    points: Sequence[tuple[date, float]]
    colour: str = BLUE
    width: float = 2.5
    dashed: bool = False
    markers: bool = True


def msecs(day: date) -> float:
    return float(QDateTime(qdate(day), QTime(12, 0)).toMSecsSinceEpoch())


class LazyChart(QWidget):
    """A chart whose QtCharts parts are made the first time it is shown with something to draw;
    until then, and whenever there is nothing to draw, a placeholder text stands in its place.

    A subclass keeps its data, calls `data_changed()` when it changes, says whether there is
    anything to draw (`has_data`) and draws it into the view (`draw`).
    """

    view_name = "chart"

    def __init__(self, empty_text: str, min_height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dirty = False
        self.view: QChartView | None = None  # built on first showing
        self.placeholder = QLabel(empty_text)
        self.placeholder.setObjectName("chartPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.placeholder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self.setMinimumHeight(min_height)

    def has_data(self) -> bool:
        raise NotImplementedError

    def draw(self, view: QChartView) -> None:
        raise NotImplementedError

    def data_changed(self) -> None:
        """Draw again now if shown, else the next time it is."""
        self._dirty = True
        if self.isVisible():
            self._render()

    def is_showing_chart(self) -> bool:
        return self.view is not None and self._stack.currentWidget() is self.view

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self._render()

    def _render(self) -> None:
        self._dirty = False
        if not self.has_data():
            self._stack.setCurrentWidget(self.placeholder)
            return
        if self.view is None:
            from PySide6.QtCharts import QChartView  # loaded on first showing, not at start-up

            self.view = QChartView(self.new_chart())
            self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.view.setObjectName(self.view_name)
            self._stack.addWidget(self.view)
        self.draw(self.view)
        self._stack.setCurrentWidget(self.view)

    def new_chart(self) -> QChart:
        """An empty chart in the app's style: no animation, square, the legend at the bottom."""
        from PySide6.QtCharts import QChart

        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setBackgroundBrush(QApplication.palette().base())  # the table's ground, light or dark
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return chart


class TrendChart(LazyChart):
    """Values over time on a fixed vertical scale (1-5 ratings, 1-10 scores)."""

    def __init__(
        self,
        y_min: int,
        y_max: int,
        empty_text: str,
        y_title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(empty_text, 160, parent)
        self.y_min, self.y_max = y_min, y_max
        self.y_title = y_title
        self._series: list[Series] = []

    # -- data ------------------------------------------------------------------------------------
    def set_series(self, series: Sequence[Series], empty_text: str | None = None) -> None:
        self._series = list(series)
        if empty_text is not None:
            self.placeholder.setText(empty_text)
        self.data_changed()

    def series(self) -> list[Series]:
        return list(self._series)

    def has_points(self) -> bool:
        return any(s.points for s in self._series)

    has_data = has_points

    def drawn_points(self) -> dict[str, list[tuple[float, float]]]:
        """What the chart draws now, by series name (x in ms since the epoch): for tests and checks."""
        if self.view is None or not self.is_showing_chart():
            return {}
        chart = self.view.chart()
        return {s.name(): [(p.x(), p.y()) for p in s.points()] for s in chart.series()}  # type: ignore[attr-defined]

    # -- drawing ---------------------------------------------------------------------------------
    view_name = "trendChart"

    def draw(self, view: QChartView) -> None:
        chart = view.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self._fill(chart)

    def _fill(self, chart: QChart) -> None:
        from PySide6.QtCharts import QDateTimeAxis, QLineSeries, QValueAxis

        days = [day for s in self._series for day, _ in s.points]
        first, last = min(days), max(days)
        span = (last - first).days
        pad = timedelta(days=max(7, span // 12))
        x_axis = QDateTimeAxis()
        x_axis.setFormat("MMM yyyy" if span > 120 else "d MMM")
        x_axis.setRange(
            QDateTime(qdate(first - pad), QTime(0, 0)),
            QDateTime(qdate(last + pad), QTime(23, 59)),
        )
        x_axis.setTickCount(5 if span > 30 else 3)
        y_axis = QValueAxis()
        y_axis.setRange(self.y_min - 0.3, self.y_max + 0.3)
        y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        y_axis.setTickAnchor(self.y_min)
        y_axis.setTickInterval(1 if self.y_max - self.y_min <= 5 else 3)
        y_axis.setLabelFormat("%d")
        if self.y_title:
            y_axis.setTitleText(self.y_title)
        for axis in (x_axis, y_axis):
            axis.setLabelsColor(QColor(AXIS_TEXT))
            axis.setGridLineColor(QColor(GRID))
            axis.setTitleBrush(QColor(AXIS_TEXT))
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)

        shown = 0
        for spec in self._series:
            if not spec.points:
                continue
            line = QLineSeries()
            line.setName(spec.name)
            pen = QPen(QColor(spec.colour))
            pen.setWidthF(spec.width)
            if spec.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            line.setPen(pen)
            for day, value in spec.points:
                line.append(QPointF(msecs(day), value))
            if spec.markers:
                line.setPointsVisible(True)
                line.setMarkerSize(max(6.0, spec.width * 3))
            line.hovered.connect(self._hover_tip(spec.name))
            chart.addSeries(line)
            line.attachAxis(x_axis)
            line.attachAxis(y_axis)
            shown += 1
        chart.legend().setVisible(shown > 1)

    def _hover_tip(self, name: str) -> Any:
        def show(point: QPointF, state: bool) -> None:
            if not state:
                QToolTip.hideText()
                return
            day = QDateTime.fromMSecsSinceEpoch(int(point.x())).date()
            QToolTip.showText(QCursor.pos(), f"{name}: {point.y():g} on {day.toString('d MMM yyyy')}", self)

        return show
