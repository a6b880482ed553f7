"""Hours planned and logged per ISO week as grouped bars, with the weekly target as a line.

Like the trend charts of step 1, QtCharts is loaded the first time the chart is visible, never on
the window's start-up path. The chart keeps what it was given (`weeks()`) and reports what it
draws (`drawn_bars()`, `drawn_target()`), so tests and checks can read it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QCursor, QFont, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from ...domain.learning_plan import WeekHours
from ..formatting import fmt_number
from ..theme import themed
from ..widgets.charts import AXIS_TEXT, BLUE, GRID, LazyChart

if TYPE_CHECKING:
    from PySide6.QtCharts import QBarSeries, QBarSet, QChart, QChartView

PLANNED_COLOUR = themed("#a9c4e6", "#3f6591")  # a paler shade of the app's blue: what was meant to happen
LOGGED_COLOUR = BLUE  # the app's blue: what did happen
TARGET_COLOUR = themed("#a35c00", "#f2b25c")  # the amber the app uses for "soon": the bar to reach
THIS_WEEK_COLOUR = themed("#fdf0d5", "#3a3120")


def week_label(week: WeekHours) -> str:
    """ "W23 · 1 Jun": the ISO week's number and its Monday."""
    return f"W{week.iso_week[1]} · {week.week_start.day} {week.week_start:%b}"


def axis_label(week: WeekHours, current: bool) -> str:
    """The week's number over its Monday's date (rich text); the current week's number in bold."""
    number = f"W{week.iso_week[1]}"
    return f"{f'<b>{number}</b>' if current else number}<br>{week.week_start.day} {week.week_start:%b}"


def hours(value: float) -> str:
    return fmt_number(round(value, 1), "h")


class WeeklyHoursChart(LazyChart):
    """Planned and logged hours per week, the weekly target, and the current week shaded."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(empty_text, 220, parent)
        self._weeks: list[WeekHours] = []
        self._target = 0.0
        self._today: date | None = None

    # -- data ------------------------------------------------------------------------------------
    def set_data(self, weeks: Sequence[WeekHours], target: float, today: date | None) -> None:
        self._weeks = list(weeks)
        self._target = target
        self._today = today
        self.data_changed()

    def weeks(self) -> list[WeekHours]:
        return list(self._weeks)

    def current_index(self) -> int | None:
        """The position of the week holding today, if it is shown."""
        if self._today is None:
            return None
        for index, week in enumerate(self._weeks):
            if 0 <= (self._today - week.week_start).days < 7:
                return index
        return None

    def has_data(self) -> bool:
        return any(w.planned or w.logged for w in self._weeks)

    def drawn_bars(self) -> dict[str, tuple[float, float]]:
        """What the chart draws now: (planned, logged) hours by week label ("W23 · 1 Jun")."""
        if self.view is None or not self.is_showing_chart():
            return {}
        from PySide6.QtCharts import QBarSeries

        chart = self.view.chart()
        bars = next(s for s in chart.series() if isinstance(s, QBarSeries))
        planned, logged = bars.barSets()
        labels = [week_label(w) for w in self._weeks]
        return {label: (planned.at(i), logged.at(i)) for i, label in enumerate(labels)}

    def drawn_target(self) -> float | None:
        """The height of the target line drawn now (None: no line)."""
        if self.view is None or not self.is_showing_chart():
            return None
        for series in self.view.chart().series():
            if series.name().startswith("Weekly target"):
                points = series.points()  # type: ignore[attr-defined]
                return float(points[0].y()) if points else None
        return None

    # -- drawing ---------------------------------------------------------------------------------
    view_name = "weeklyHoursChart"

    def draw(self, view: QChartView) -> None:
        chart = self.new_chart()  # a fresh chart each time: reused ones keep stale axis labels
        self._fill(chart)
        previous = view.chart()
        view.setChart(chart)  # the view owns the new chart and lets go of the previous one
        previous.deleteLater()

    def new_chart(self) -> QChart:
        chart = super().new_chart()
        chart.legend().setLabelColor(QColor(AXIS_TEXT))
        return chart

    def _top(self) -> float:
        """The vertical axis' top: above the highest bar and the target, on a whole number."""
        highest = max([self._target, *(max(w.planned, w.logged) for w in self._weeks)])
        return float(max(1, math.ceil(highest * 1.15)))

    def _fill(self, chart: QChart) -> None:
        from PySide6.QtCharts import QAreaSeries, QBarCategoryAxis, QBarSeries, QLineSeries, QValueAxis

        count = len(self._weeks)
        top = self._top()
        current = self.current_index()
        x_axis = QBarCategoryAxis()
        x_axis.append([axis_label(w, i == current) for i, w in enumerate(self._weeks)])
        small = QFont(x_axis.labelsFont())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        x_axis.setLabelsFont(small)
        x_axis.setGridLineVisible(False)
        y_axis = QValueAxis()
        y_axis.setRange(0, top)
        y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        y_axis.setTickAnchor(0)
        y_axis.setTickInterval(next(step for step in (1, 2, 5, 10, 20, 50) if top / step <= 8))
        y_axis.setLabelFormat("%d h")
        y_axis.setMinorTickCount(0)
        for axis in (x_axis, y_axis):
            axis.setLabelsColor(QColor(AXIS_TEXT))
            axis.setGridLineColor(QColor(GRID))
            axis.setLinePenColor(QColor(GRID))
        # a hidden value axis over the same span as the categories (-0.5 to count - 0.5), for lines
        line_axis = QValueAxis()
        line_axis.setRange(-0.5, count - 0.5)
        line_axis.setVisible(False)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(line_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)

        if current is not None:  # behind the bars: the week we are in
            band = QAreaSeries()
            lower, upper = QLineSeries(band), QLineSeries(band)  # an area series does not own its lines
            for x in (current - 0.5, current + 0.5):
                lower.append(QPointF(x, 0))
                upper.append(QPointF(x, top))
            band.setUpperSeries(upper)
            band.setLowerSeries(lower)
            band.setName("This week")
            band.setBrush(QBrush(QColor(THIS_WEEK_COLOUR)))
            band.setPen(QPen(Qt.PenStyle.NoPen))
            self._add(chart, band, line_axis, y_axis)

        bars = QBarSeries()
        bars.setBarWidth(0.75)
        planned = self._bar_set(bars, "Planned", PLANNED_COLOUR, [w.planned for w in self._weeks])
        logged = self._bar_set(bars, "Logged", LOGGED_COLOUR, [w.logged for w in self._weeks])
        bars.append([planned, logged])
        bars.hovered.connect(self._hover_tip)
        self._add(chart, bars, x_axis, y_axis)

        if self._target > 0:
            line = QLineSeries()
            line.setName(f"Weekly target ({hours(self._target)})")
            pen = QPen(QColor(TARGET_COLOUR))
            pen.setWidthF(2.0)
            pen.setStyle(Qt.PenStyle.DashLine)
            line.setPen(pen)
            line.append(QPointF(-0.5, self._target))
            line.append(QPointF(count - 0.5, self._target))
            self._add(chart, line, line_axis, y_axis)

    @staticmethod
    def _bar_set(owner: QBarSeries, name: str, colour: str | QColor, values: list[float]) -> QBarSet:
        from PySide6.QtCharts import QBarSet

        bar_set = QBarSet(name, owner)
        bar_set.setColor(QColor(colour))
        bar_set.setBorderColor(QColor(colour))
        bar_set.append([round(v, 2) for v in values])
        return bar_set

    @staticmethod
    def _add(chart: QChart, series: Any, x_axis: Any, y_axis: Any) -> None:
        chart.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)

    def _hover_tip(self, status: bool, index: int, _bar_set: QBarSet) -> None:
        if not status or not 0 <= index < len(self._weeks):
            QToolTip.hideText()
            return
        week = self._weeks[index]
        year, number = week.iso_week
        text = (
            f"Week {number}, {year} (from {week.week_start.day} {week.week_start:%b})\n"
            f"Logged {hours(week.logged)} of {hours(week.planned)} planned"
        )
        if self._target > 0:
            text += f"; target {hours(self._target)}"
        QToolTip.showText(QCursor.pos(), text, self)
