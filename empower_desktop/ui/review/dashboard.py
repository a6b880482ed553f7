"""The Review tab's dashboard: every step's figures at a glance, and the charts.

The figures are `services.dashboard.dashboard()`'s, the same functions the steps count with, so
the dashboard never disagrees with a step. Each figure and each row opens what it stands for in
its step (`open_record`): a goal in Goals, a milestone in its goal, a session's time in Sessions,
a meeting in Meetings, the contacts due in Reach out, and so on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...changes import Kind
from ...domain.common import zone
from ...domain.goals import Track
from ...services import Services
from ...services.dashboard import Dashboard, DatedFigure, GoalFigure, HoursFigure, NextEvent
from ..formatting import (
    DASH,
    MUTED_COLOUR,
    OVERDUE_COLOUR,
    TRACK_COLOUR,
    TRACK_ORDER,
    TRACK_TEXT,
    date_key,
    fmt_date,
    fmt_percent,
)
from ..step2.hours_chart import hours
from ..widgets.section import Section
from ..widgets.step_page import StepPage
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel
from .charts import GOAL, HOURS, SATISFACTION, SKILLS, ChartsData, DashboardCharts, HoursData

TILE_COLUMNS = 4
LIST_HEIGHT = 230  # the lists' height in pixels: about seven rows, then they scroll
HOURS_WEEKS = 12  # the hours chart's weeks

KIND_TEXT = {
    "goal": "Deadline",
    "milestone": "Milestone",
    "certification": "Expires",
    "opportunity": "Next step",
    "session": "Session",
    "meeting": "Meeting",
}
KIND_TIP = {
    "goal": "The goal's deadline",
    "milestone": "A milestone of the goal in brackets",
    "certification": "A certification expires: plan the renewal",
    "opportunity": "The next step of the opportunity in brackets",
    "session": "A learning session",
    "meeting": "A mentor meeting",
}


def plural(count: int, word: str, many: str = "") -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


# -- opening a record in its step ----------------------------------------------------------------
@dataclass(frozen=True)
class RecordLink:
    """What a figure or a row of the dashboard stands for, to open in its step.

    kind: "goal", "milestone" (record_id: its goal's), "certification" (a learning item's),
    "opportunity", "session" (key: the occurrence's), "meeting"; or a list without a record:
    "goals", "sessions", "contacts", "actions", "achievements".
    """

    kind: str
    record_id: str = ""
    key: str = ""
    day: date | None = None  # a session's occurrence day (Sessions shows a range of weeks)


def link_for(figure: DatedFigure | NextEvent | GoalFigure) -> RecordLink:
    if isinstance(figure, GoalFigure):
        return RecordLink("goal", figure.goal_id)
    if isinstance(figure, NextEvent):
        return RecordLink(figure.kind, figure.record_id, figure.key, figure.start.date())
    return RecordLink(figure.kind, figure.record_id)


@runtime_checkable
class StepsWindow(Protocol):
    """The main window as `open_record` uses it: its tabs and their pages."""

    tabs: QTabWidget
    services: Services

    def page_at(self, index: int) -> StepPage: ...


def open_record(window: object, link: RecordLink, today: date | None = None) -> Section | None:
    """Bring the step and the sub-tab that hold *link* to the front and select its record there
    (once that sub-tab's rows are in, if they are still being read). Returns the sub-tab, or None
    outside the main window."""
    from ..step1.goals import GoalsSection
    from ..step2.plan import PlanSection
    from ..step2.sessions import RANGES, SessionsSection
    from ..step3.contacts import ReachOutSection
    from ..step3.meetings import ActionItemsSection, MeetingsSection
    from ..step4.achievements import AchievementsSection
    from ..step4.opportunities import OpportunitiesSection
    from ..widgets.sectioned_page import SectionedPage

    if not isinstance(window, StepsWindow):
        return None
    wanted = link.record_id
    select: Callable[[Any], bool] | None = None
    pend: Callable[[Any], None] = lambda _section: None  # noqa: E731
    cls: type[Section]
    if link.kind in ("goal", "milestone", "goals"):
        index, cls = 0, GoalsSection
        select = lambda s: bool(wanted) and s.goals.select_first(lambda r: r.goal.id == wanted)  # noqa: E731
        pend = lambda s: s.select_goal(wanted)  # noqa: E731
    elif link.kind in ("certification", "item"):
        index, cls = 1, PlanSection
        select = lambda s: s.plan.select_first(lambda r: r.item.id == wanted)  # noqa: E731
        pend = lambda s: s.select_item(wanted)  # noqa: E731
    elif link.kind in ("session", "sessions"):
        index, cls = 1, SessionsSection

        def select(s: Any) -> bool:
            return bool(wanted) and bool(
                s.sessions.select_first(
                    lambda r: r.occurrence.session_id == wanted and (not link.key or r.occurrence.key == link.key)
                )
            )

        def pend(s: Any) -> None:
            s.select_session(wanted, link.key or None)
            if link.day is not None:
                first, last = s.days_shown()
                if not first <= link.day < last:
                    shown = today or window.services.today()
                    days = (link.day - shown).days
                    label = next((r[0] for r in RANGES if r[1] <= days < r[2]), RANGES[0][0])
                    s.show_range(label)

    elif link.kind == "meeting":
        index, cls = 2, MeetingsSection
        select = lambda s: s.meetings.select_first(lambda r: r.meeting.id == wanted)  # noqa: E731
        pend = lambda s: setattr(s, "_select_id", wanted)  # noqa: E731
    elif link.kind == "contacts":
        index, cls = 2, ReachOutSection
    elif link.kind == "actions":
        index, cls = 2, ActionItemsSection
    elif link.kind == "achievements":
        index, cls = 3, AchievementsSection
    elif link.kind == "reviews":
        from .reviews import ReviewsSection

        index, cls = window.tabs.count() - 1, ReviewsSection  # the Review tab, last
    elif link.kind == "opportunity":
        index, cls = 3, OpportunitiesSection
        select = lambda s: s.list.select_first(lambda r: r.opportunity.id == wanted)  # noqa: E731
        pend = lambda s: setattr(s, "_select_id", wanted)  # noqa: E731
    else:
        raise ValueError(f"no step shows a {link.kind!r}")

    window.tabs.setCurrentIndex(index)
    page = window.page_at(index)
    assert isinstance(page, SectionedPage)
    section = page.show_section(cls)
    if select is None or not wanted or select(section):
        return section
    pend(section)  # the record is not among the rows shown (yet): select it once they are read
    page.refresh_section(section)
    return section


# -- the figures ---------------------------------------------------------------------------------
def _text_colour(label: QLabel, colour: QColor | None) -> None:
    """A label's text colour (None: the default), set by a style sheet: the app's style sheet would
    override a palette. Set only when it changes: each new sheet makes Qt parse and polish again."""
    sheet = f"color: {colour.name()};" if colour is not None else ""
    if label.styleSheet() != sheet:
        label.setStyleSheet(sheet)


class FigureTile(QFrame):
    """A figure at a glance: a large number, what it counts, a line of detail. A click (or Enter
    or Space when it has the focus) opens what it counts."""

    clicked = Signal()

    def __init__(self, name: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"tile-{name}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)  # a row's tiles: one height
        self.number = QLabel(DASH)
        self.number.setObjectName("tileNumber")
        big = self.number.font()
        big.setPointSizeF(big.pointSizeF() * 1.7)
        big.setBold(True)
        self.number.setFont(big)
        self.caption = QLabel(caption)
        self.caption.setObjectName("tileCaption")
        bold = self.caption.font()
        bold.setBold(True)
        self.caption.setFont(bold)
        self.detail = QLabel()
        self.detail.setObjectName("tileDetail")
        self.detail.setWordWrap(True)
        _text_colour(self.detail, MUTED_COLOUR)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.number)
        top.addWidget(self.caption, 1, Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.detail)
        self.setAccessibleName(caption)

    def set_figure(self, number: str, detail: str, colour: QColor | None = None, tip: str = "") -> None:
        self.number.setText(number)
        self.detail.setText(detail)
        _text_colour(self.number, colour)
        _text_colour(self.detail, MUTED_COLOUR)  # as at first, unless the colour scheme changed
        self.setToolTip(tip)
        self.setAccessibleDescription(f"{number} {self.caption.text()}. {detail}")

    def text(self) -> str:
        """What the tile says, in one line (for tests and checks)."""
        return f"{self.number.text()} {self.caption.text()} · {self.detail.text()}"

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


def hours_detail(figure: HoursFigure) -> str:
    missing = figure.not_logged
    text = f"of {hours(figure.planned)} planned" if figure.planned else "nothing planned"
    if missing:
        text += f" · {plural(missing, 'session')} not logged"
    return text


def hours_tip(figure: HoursFigure, what: str) -> str:
    return (
        f"{what} ({fmt_date(figure.first_day)} to {fmt_date(figure.last_day)}): {hours(figure.logged)} logged of "
        f"{hours(figure.planned)} planned; {plural(figure.not_logged, 'past session')} not logged. "
        "Click to open Sessions."
    )


def standing(goal: GoalFigure) -> str:
    """Why a goal stands where it does: its reason, or its progress against the expected."""
    if goal.reason:
        return goal.reason
    if goal.fraction is not None and goal.expected is not None:
        return f"{fmt_percent(goal.fraction)} done, {fmt_percent(goal.expected)} expected by today"
    if goal.fraction is not None:
        return f"{fmt_percent(goal.fraction)} done"
    return DASH


def _goal_columns() -> list[Column[GoalFigure]]:
    return [
        Column("Goal", lambda g: g.title, tooltip=lambda g: g.title, stretch=True),
        Column(
            "Standing",
            lambda g: TRACK_TEXT[g.track],
            sort_key=lambda g: TRACK_ORDER[g.track],
            colour=lambda g: TRACK_COLOUR[g.track],
            width=11,
        ),
        Column("Why", standing, tooltip=standing, stretch=True),
        Column("Deadline", lambda g: fmt_date(g.deadline), sort_key=lambda g: date_key(g.deadline), width=11),
    ]


def _deadline_columns() -> list[Column[DatedFigure]]:
    return [
        Column(
            "Date",
            lambda d: fmt_date(d.day),
            sort_key=lambda d: date_key(d.day),
            colour=lambda d: OVERDUE_COLOUR if d.overdue else None,
            tooltip=lambda d: "Overdue" if d.overdue else "",
            width=10,
        ),
        Column("What", lambda d: d.title, tooltip=lambda d: d.title, stretch=True),
        Column(
            "Kind",
            lambda d: KIND_TEXT.get(d.kind, d.kind.capitalize()),
            tooltip=lambda d: KIND_TIP.get(d.kind, ""),
            width=9,
        ),
    ]


@dataclass(frozen=True)
class DashboardData:
    dashboard: Dashboard
    charts: ChartsData
    zone: Any  # the person's time zone (times of sessions and meetings are shown in it)


class DashboardSection(Section):
    """Every step's figures at a glance, the lists behind them, and the charts."""

    title = "Dashboard"
    WATCHES = frozenset(
        {
            Kind.GOALS,
            Kind.SKILLS,
            Kind.CHECKINS,
            Kind.LEARNING_ITEMS,
            Kind.SESSIONS,
            Kind.LEARNING_TARGET,
            Kind.NETWORK,
            Kind.ADVOCACY,
            Kind.REVIEWS,
            Kind.SETTINGS,
        }
    )

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.data: DashboardData | None = None
        self._zone: Any = None
        self._goal_id = ""  # the goal the chart shows (read by the worker thread's fetch)
        self._charts_seen = False  # the charts were in view once: each read brings the one in front

        self.today_label = QLabel("Loading…")
        self.today_label.setObjectName("dashboardToday")
        heading = self.today_label.font()
        heading.setBold(True)
        heading.setPointSizeF(heading.pointSizeF() * 1.1)
        self.today_label.setFont(heading)

        self.tiles: dict[str, FigureTile] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        for position, (name, caption, link) in enumerate(
            (
                ("off-track", "Off track", RecordLink("goals")),
                ("at-risk", "At risk", RecordLink("goals")),
                ("on-track", "On track", RecordLink("goals")),
                ("week", "Learned this week", RecordLink("sessions")),
                ("quarter", "Learned this quarter", RecordLink("sessions")),
                ("contacts", "Contacts due", RecordLink("contacts")),
                ("actions", "Open action items", RecordLink("actions")),
                ("achievements", "Achievements this month", RecordLink("achievements")),
            )
        ):
            tile = FigureTile(name, caption)
            tile.clicked.connect(lambda link=link: self.open(link))
            self.tiles[name] = tile
            grid.addWidget(tile, position // TILE_COLUMNS, position % TILE_COLUMNS)
        for index in range(TILE_COLUMNS):
            grid.setColumnStretch(index, 1)

        self.goals: TablePanel[GoalFigure] = TablePanel(
            "Goals",
            _goal_columns(),
            "No active goals yet.\nWrite a goal with a measurable target and a deadline under 1 · Assess & Set Goals; "
            "it shows here on, at risk or off track.",
        )
        self.deadlines: TablePanel[DatedFigure] = TablePanel(
            "Deadlines and milestones",
            _deadline_columns(),
            "No deadline coming up yet.\nGoal deadlines, milestones, certifications that expire and the next "
            "steps of your opportunities show here from 30 days ahead.",
        )
        self.events: TablePanel[NextEvent] = TablePanel(
            "Next sessions and meetings",
            [
                Column("When", self.when_text, sort_key=lambda e: e.start.timestamp(), width=20),
                Column("What", lambda e: e.title, tooltip=lambda e: e.title, stretch=True),
                Column(
                    "Kind", lambda e: KIND_TEXT.get(e.kind, e.kind), tooltip=lambda e: KIND_TIP.get(e.kind, ""), width=8
                ),
            ],
            "No session or meeting planned yet.\nSchedule a learning session (2 · Learn → Sessions) or a "
            "mentor meeting (3 · Network & Mentor → Meetings).",
        )
        self.goals.set_row_actions(lambda: self._open_selected(self.goals))
        self.deadlines.set_row_actions(lambda: self._open_selected(self.deadlines))
        self.events.set_row_actions(lambda: self._open_selected(self.events))
        for panel in (self.goals, self.deadlines, self.events):
            panel.setMinimumHeight(LIST_HEIGHT)
            panel.setToolTip("Double-click a row (or press Enter) to open it in its step")
            self._enter_opens(panel)

        self.charts = DashboardCharts()
        self.charts.goal_chosen.connect(self.show_goal)
        self.charts.wanted.connect(self._chart_wanted)

        side = QVBoxLayout()
        side.setSpacing(6)
        side.addWidget(self.deadlines, 1)
        side.addWidget(self.events, 1)
        lists = QHBoxLayout()
        lists.setSpacing(12)
        lists.addWidget(self.goals, 3)
        lists.addLayout(side, 2)

        content = QWidget()
        content.setObjectName("dashboardContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(2, 8, 8, 8)
        column.setSpacing(10)
        column.addWidget(self.today_label)
        column.addLayout(grid)
        column.addLayout(lists, 1)
        column.addWidget(self.charts)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("dashboardScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        # The charts are drawn once scrolled into view: the figures and lists come first.
        self._charts_data: ChartsData | None = None
        self.scroll_area.verticalScrollBar().valueChanged.connect(lambda _value: self._draw_charts_if_seen())
        self.scroll_area.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    def _enter_opens(self, panel: TablePanel[Any]) -> None:
        """Enter on a row opens it, as a double-click does."""
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(panel.table)
        action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _checked=False: self._open_selected(panel))
        panel.table.addAction(action)

    # -- data ------------------------------------------------------------------------------------
    def fetch(self) -> DashboardData:
        services = self.services
        figures = services.dashboard.dashboard()
        goals = [(g.goal_id, g.title) for g in figures.goals]
        chosen = self._goal_id
        if chosen not in {goal_id for goal_id, _title in goals}:
            chosen = goals[0][0] if goals else ""
        # Only the chart in front is read, and only once the charts have been in view (below the
        # figures and lists, they often are not when the tab opens); the others when they are shown.
        shown = self.charts.shown  # read once: the window's thread may bring another chart to the front
        read = {shown: self.read_chart(shown, chosen)} if self._charts_seen else {}
        charts = ChartsData(
            figures.today,
            goals,
            chosen,
            read.get(GOAL),
            read.get(SKILLS),
            read.get(HOURS),
            read.get(SATISFACTION),
        )
        return DashboardData(figures, charts, zone(services.time_zone()))

    def read_chart(self, chart: int, goal_id: str) -> Any:
        """The series of chart *chart*: goal *goal_id*'s (None when there is none), skills, hours or
        satisfaction."""
        dashboard = self.services.dashboard
        if chart == GOAL:
            return dashboard.goal_series(goal_id) if goal_id else None
        if chart == SKILLS:
            return dashboard.skill_series()
        if chart == HOURS:
            return HoursData(dashboard.hours_by_week(HOURS_WEEKS), self.services.learning.weekly_target_hours())
        return dashboard.satisfaction_series()

    def _chart_wanted(self, chart: int) -> None:
        """A chart shown whose series were not read yet: read them now (a small read)."""
        from ..widgets.dialogs import INPUT_ERRORS

        try:
            part = self.read_chart(chart, self._goal_id)
        except INPUT_ERRORS as exc:
            self.status.emit(f"Could not read the chart: {exc}")
            return
        if chart == GOAL:
            self.charts.show_goal(part)
        elif chart == SKILLS:
            self.charts.set_skills(part)
        elif chart == HOURS:
            self.charts.set_hours(part)
        else:
            self.charts.set_satisfaction(part)

    def fill(self, data: DashboardData) -> None:
        self.data = data
        self._zone = data.zone
        figures = data.dashboard
        today = figures.today
        self.today_label.setText(
            f"Today, {today:%A} {fmt_date(today)} · week {today.isocalendar()[1]}, "
            f"Q{(today.month - 1) // 3 + 1} {today.year}"
        )
        self._fill_tiles(figures)
        self.goals.set_rows(figures.goals)
        self.deadlines.set_rows(figures.deadlines)
        self.events.set_rows(figures.next_events)
        self._goal_id = data.charts.chosen
        self._charts_data = data.charts
        self._draw_charts_if_seen()

    def _fill_tiles(self, figures: Dashboard) -> None:
        active = len(figures.goals)
        unmeasured = figures.count(Track.NOT_MEASURED)
        for name, track in (("off-track", Track.OFF_TRACK), ("at-risk", Track.AT_RISK), ("on-track", Track.ON_TRACK)):
            count = figures.count(track)
            named = [g.title for g in figures.goals if g.track is track]
            detail = f"of {plural(active, 'active goal')}" if active else "no active goals"
            if track is Track.ON_TRACK and unmeasured:
                detail += f" · {unmeasured} not measured yet"
            first = next((g for g in figures.goals if g.track is track), None)
            if track is not Track.ON_TRACK and first is not None and first.reason:
                detail = f"{first.title}: {first.reason}" + (f" (and {count - 1} more)" if count > 1 else "")
            colour = TRACK_COLOUR[track] if count else None
            tip = "\n".join(named[:10]) + ("\n…" if len(named) > 10 else "")
            self.tiles[name].set_figure(str(count), detail, colour, tip or "Click to open Goals")
        week, quarter = figures.week, figures.quarter
        self.tiles["week"].set_figure(hours(week.logged), hours_detail(week), None, hours_tip(week, "This week"))
        self.tiles["quarter"].set_figure(
            hours(quarter.logged), hours_detail(quarter), None, hours_tip(quarter, "This quarter")
        )
        self.tiles["contacts"].set_figure(
            str(figures.contacts_due),
            "due or overdue for a contact today" if figures.contacts_due else "nobody is due today",
            OVERDUE_COLOUR if figures.contacts_due else None,
            "Click to open Reach out",
        )
        theirs = figures.open_actions - figures.my_open_actions
        self.tiles["actions"].set_figure(
            str(figures.open_actions),
            f"{figures.my_open_actions} mine, {theirs} theirs" if figures.open_actions else "from mentor meetings",
            None,
            "Open action items of mentor meetings. Click to open Action items",
        )
        self.tiles["achievements"].set_figure(
            str(figures.achievements_this_month),
            f"logged in {figures.today:%B}",
            None,
            "Click to open Achievements",
        )

    def _draw_charts_if_seen(self) -> None:
        """Hand the charts what was read once any part of them is in view (they draw it then)."""
        if self._charts_data is None or self.charts.visibleRegion().isEmpty():
            return
        data, self._charts_data = self._charts_data, None
        self._charts_seen = True
        self.charts.set_data(data)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and watched is self.scroll_area.viewport():
            QTimer.singleShot(0, self, self._draw_charts_if_seen)  # once the layout has settled
        return super().eventFilter(watched, event)

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.goals, self.deadlines, self.events)

    def when_text(self, event: NextEvent) -> str:
        """ "Tue 16 Jun 2026, 18:30" in the person's time zone."""
        start: datetime = event.start.astimezone(self._zone) if self._zone is not None else event.start
        return f"{start:%a} {fmt_date(start.date())}, {start:%H:%M}"

    # -- opening ---------------------------------------------------------------------------------
    def show_goal(self, goal_id: str) -> None:
        """The goal picker changed: draw that goal's series (a small read, done right away)."""
        from ..widgets.dialogs import INPUT_ERRORS

        try:
            series = self.services.dashboard.goal_series(goal_id)
        except INPUT_ERRORS as exc:
            self.status.emit(f"Could not read that goal's progress: {exc}")
            return
        self._goal_id = goal_id
        self.charts.show_goal(series)

    def _open_selected(self, panel: TablePanel[Any]) -> None:
        row = panel.selected_row()
        if row is not None:
            self.open(link_for(row))

    def open(self, link: RecordLink) -> Section | None:
        """Open what *link* stands for in its step (in the main window)."""
        today = self.data.dashboard.today if self.data is not None else None
        return open_record(self.window(), link, today)
