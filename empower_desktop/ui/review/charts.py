"""The dashboard's charts: a goal's progress against its expected line, skill ratings over time,
learning hours per week (planned and logged), and job satisfaction over time.

Each chart is the app's lazy chart (QtCharts is loaded the first time one is visible); with
nothing to draw it shows a sentence saying how to get something to draw, never an empty axis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from ...domain.assess import LEVEL_MAX, LEVEL_MIN, SATISFACTION_MAX, SATISFACTION_MIN
from ...domain.learning_plan import WeekHours
from ...services.dashboard import GoalSeries, SkillSeries
from ..step2.hours_chart import WeeklyHoursChart
from ..widgets.charts import BLUE, PALETTE, Series, TrendChart

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart

RECENT_SKILLS = 5  # "the skills rated last": how many lines the skills chart draws at most
CHART_HEIGHT = 380  # the charts' tabs with a picker: a plot tall enough for its axis labels

GOAL_EMPTY = (
    "No goal to chart yet.\nA goal with a measurable target and a deadline (under 1 · Assess & Set Goals) "
    "shows here against the line it should follow."
)
GOAL_UNMEASURED = (
    "“{title}” has no measured progress and no start and deadline to draw its expected line.\n"
    "Update its progress under 1 · Assess & Set Goals → Goals to see it here."
)
SKILLS_EMPTY = (
    "No skill has been rated twice yet.\nRe-rate a skill (under 1 · Assess & Set Goals → Skills, or in a review) "
    "and its ratings over time show here."
)
HOURS_EMPTY = (
    "No learning time planned or logged in the last 12 weeks.\nSchedule a session or a weekly habit under "
    "2 · Learn → Sessions; its hours show here, week by week."
)
SATISFACTION_EMPTY = (
    "No satisfaction check-in yet.\nYour job satisfaction over time shows here after the first check-in "
    "(1 · Assess & Set Goals → Satisfaction)."
)


GOAL, SKILLS, HOURS, SATISFACTION = range(4)  # the charts' tabs, in this order


@dataclass(frozen=True)
class HoursData:
    weeks: list[WeekHours]
    target: float  # the weekly learning target (hours; 0: none)


@dataclass(frozen=True)
class ChartsData:
    """What the charts draw: the goal picker's goals and the goal chosen always; each chart's
    series only when read (None: not read, the chart asks for them when it is shown)."""

    today: date
    goals: list[tuple[str, str]] = field(default_factory=list)  # (id, title) the goal picker offers
    chosen: str = ""  # the id of the goal the goal chart shows ("": there is none)
    goal: GoalSeries | None = None  # the chosen goal's series
    skills: list[SkillSeries] | None = None
    hours: HoursData | None = None
    satisfaction: list[tuple[date, int]] | None = None

    def part(self, chart: int) -> object:
        """The series chart *chart* draws (None: not read)."""
        return {GOAL: self.goal, SKILLS: self.skills, HOURS: self.hours, SATISFACTION: self.satisfaction}[chart]


def percent(points: Sequence[tuple[date, float]]) -> list[tuple[date, float]]:
    return [(day, round(value * 100, 1)) for day, value in points]


class GoalProgressChart(TrendChart):
    """Progress in per cent over time, with the straight line from start to deadline dashed."""

    view_name = "goalProgressChart"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 100, GOAL_EMPTY, "Progress", parent)

    def _fill(self, chart: QChart) -> None:
        from PySide6.QtCharts import QValueAxis

        super()._fill(chart)
        highest = max((value for s in self._series for _day, value in s.points), default=100.0)
        for axis in chart.axes(Qt.Orientation.Vertical):
            if isinstance(axis, QValueAxis):
                axis.setRange(-3, max(100.0, highest) + 5)
                axis.setTickAnchor(0)
                axis.setTickInterval(25)
                axis.setLabelFormat("%d %%")


def goal_series(series: GoalSeries | None) -> list[Series]:
    if series is None:
        return []
    lines = []
    if series.expected:
        lines.append(Series("Expected", percent(series.expected), PALETTE[1], 1.5, dashed=True, markers=False))
    if series.points:
        lines.append(Series("Measured", percent(series.points), BLUE, 2.5))
    return lines


def skill_lines(skills: Sequence[SkillSeries], chosen: str) -> list[Series]:
    """One line per skill: the chosen one's, or those of the RECENT_SKILLS rated last."""
    if chosen:
        picked = [s for s in skills if s.skill_id == chosen]
    else:
        picked = sorted(skills, key=lambda s: s.points[-1][0] if s.points else date.min, reverse=True)
        picked = picked[:RECENT_SKILLS]
    return [
        Series(s.name, [(day, float(level)) for day, level in s.points], PALETTE[i % len(PALETTE)], 2.0)
        for i, s in enumerate(picked)
    ]


class DashboardCharts(QWidget):
    """The four charts as tabs, with a goal picker over the goal's chart and a skill picker over
    the skills'."""

    goal_chosen = Signal(str)  # a goal's id: its series is wanted
    wanted = Signal(int)  # a chart shown whose series were not read (or are out of date): read them

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = ChartsData(date.today())
        self._skills: list[SkillSeries] = []
        self.stale: set[int] = set()  # charts whose series are to be read when next shown
        self.shown = GOAL  # the chart in front (a plain number, read by the worker thread's fetch)

        self.goal_chart = GoalProgressChart()
        self.goal_picker = QComboBox()
        self.goal_picker.setObjectName("goalPicker")
        self.goal_picker.setAccessibleName("Goal to chart")
        self.goal_picker.setMinimumContentsLength(30)
        self.goal_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.goal_picker.currentIndexChanged.connect(self._goal_picked)

        self.skill_chart = TrendChart(LEVEL_MIN, LEVEL_MAX, SKILLS_EMPTY, "Level")
        self.skill_picker = QComboBox()
        self.skill_picker.setObjectName("skillPicker")
        self.skill_picker.setAccessibleName("Skill to chart")
        self.skill_picker.setMinimumContentsLength(24)
        self.skill_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.skill_picker.currentIndexChanged.connect(lambda _i: self._draw_skills())

        self.hours_chart = WeeklyHoursChart(HOURS_EMPTY)
        self.satisfaction_chart = TrendChart(SATISFACTION_MIN, SATISFACTION_MAX, SATISFACTION_EMPTY, "Overall")

        self.tabs = QTabWidget()
        self.tabs.setObjectName("dashboardCharts")
        self.tabs.addTab(self._with_picker("Goal:", self.goal_picker, self.goal_chart), "Goal progress")
        self.tabs.addTab(self._with_picker("Skills:", self.skill_picker, self.skill_chart), "Skill ratings")
        self.tabs.addTab(self._padded(self.hours_chart), "Learning hours per week")
        self.tabs.addTab(self._padded(self.satisfaction_chart), "Satisfaction")
        self.tabs.currentChanged.connect(self._chart_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.setMinimumHeight(CHART_HEIGHT)

    @staticmethod
    def _padded(chart: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(chart, 1)
        return page

    @staticmethod
    def _with_picker(label: str, picker: QComboBox, chart: QWidget) -> QWidget:
        """The chart under its picker (shown only when there is something to pick)."""
        page = QWidget()
        bar = QWidget()
        bar.setObjectName(f"{picker.objectName()}Bar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(QLabel(label))
        row.addWidget(picker)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(bar)
        layout.addWidget(chart, 1)
        return page

    @property
    def charts(self) -> list[TrendChart | WeeklyHoursChart]:
        return [self.goal_chart, self.skill_chart, self.hours_chart, self.satisfaction_chart]

    # -- data ------------------------------------------------------------------------------------
    def chosen_goal(self) -> str:
        """The id of the goal the picker shows ("" when there is none)."""
        return str(self.goal_picker.currentData() or "")

    def set_data(self, data: ChartsData) -> None:
        """Draw what *data* holds; the charts it does not hold are read again when next shown."""
        self._data = data
        self._fill_picker(self.goal_picker, data.goals, data.chosen)
        self.goal_picker.setEnabled(bool(data.goals))
        self._show_picker(self.goal_picker, bool(data.goals))
        self.stale = {chart for chart in (SKILLS, HOURS, SATISFACTION) if data.part(chart) is None}
        if data.goal is not None or not data.chosen:
            self.show_goal(data.goal)
        else:
            self.stale.add(GOAL)
        if data.skills is not None:
            self.set_skills(data.skills)
        if data.hours is not None:
            self.set_hours(data.hours)
        if data.satisfaction is not None:
            self.set_satisfaction(data.satisfaction)
        if self.shown in self.stale:
            self.wanted.emit(self.shown)

    def set_skills(self, series: list[SkillSeries]) -> None:
        self.stale.discard(SKILLS)
        self._skills = series
        skills = sorted(((s.skill_id, s.name) for s in series), key=lambda pair: pair[1].casefold())
        chosen = str(self.skill_picker.currentData() or "")
        first = f"The {RECENT_SKILLS} rated last" if len(skills) > RECENT_SKILLS else "All rated skills"
        self._fill_picker(self.skill_picker, [("", first), *skills], chosen)
        self.skill_picker.setEnabled(bool(skills))
        self._show_picker(self.skill_picker, bool(skills))
        self._draw_skills()

    def set_hours(self, hours: HoursData) -> None:
        self.stale.discard(HOURS)
        self.hours_chart.set_data(hours.weeks, hours.target, self._data.today)

    def set_satisfaction(self, points: list[tuple[date, int]]) -> None:
        self.stale.discard(SATISFACTION)
        overall = [(day, float(score)) for day, score in points]
        self.satisfaction_chart.set_series([Series("Overall", overall, BLUE, 2.5)] if overall else [])

    def _chart_shown(self, index: int) -> None:
        self.shown = index
        if index in self.stale:
            self.wanted.emit(index)

    def show_goal(self, series: GoalSeries | None) -> None:
        """Draw *series* (the goal the picker shows)."""
        self.stale.discard(GOAL)
        if series is None:
            self.goal_chart.set_series([], GOAL_EMPTY)
            return
        self.goal_chart.set_series(goal_series(series), GOAL_UNMEASURED.format(title=series.title))

    @staticmethod
    def _show_picker(picker: QComboBox, shown: bool) -> None:
        bar = picker.parentWidget()
        if bar is not None:
            bar.setVisible(shown)

    @staticmethod
    def _fill_picker(picker: QComboBox, choices: Sequence[tuple[str, str]], chosen: str) -> None:
        picker.blockSignals(True)
        picker.clear()
        for key, text in choices:
            picker.addItem(text, key)
            picker.setItemData(picker.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        index = picker.findData(chosen)
        picker.setCurrentIndex(max(index, 0) if picker.count() else -1)
        picker.blockSignals(False)

    def _goal_picked(self, _index: int) -> None:
        goal_id = self.chosen_goal()
        if goal_id:
            self.goal_chosen.emit(goal_id)

    def _draw_skills(self) -> None:
        chosen = str(self.skill_picker.currentData() or "")
        self.skill_chart.set_series(skill_lines(self._skills, chosen))
