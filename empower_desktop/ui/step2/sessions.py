"""Step 2 · Sessions: the time blocked for learning, one-off or as a weekly habit, occurrence by
occurrence, and what happened to each: done (minutes spent, a takeaway), skipped, or not logged.

The list shows the occurrences of a window of weeks around today (earlier or later ones through
the "Show" choice). Skipping or moving one occurrence of a habit makes it an exception of the
series in the calendar; deleting a session or habit can be undone with Ctrl+Z.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from ...changes import Changes, Kind
from ...domain import LearningItem, LearningSession
from ...domain.goals import Track
from ...domain.learn import OccurrenceState
from ...services import Services
from ...services.learn import OccurrenceRow
from ..formatting import MUTED_COLOUR, OVERDUE_COLOUR, TRACK_COLOUR, first_line
from ..messages import ask
from ..widgets.section import Section
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel
from ..widgets.undo import UNDO_NOTE, run_delete
from .log_dialog import LogDialog, MoveDialog, occurrence_when, repeats_text
from .session_editor import SessionEditor

if TYPE_CHECKING:
    from ..find_time.dialog import FindTimeDialog

DONE_COLOUR = TRACK_COLOUR[Track.ON_TRACK]
NOT_LOGGED_COLOUR = OVERDUE_COLOUR

# What the "Show" choice offers: (label, first day, day after the last) as days from today.
RANGES: tuple[tuple[str, int, int], ...] = (
    ("Past 4 weeks and next 4", -28, 29),
    ("Next 4 weeks", 0, 29),
    ("Past 4 weeks", -28, 1),
    ("Past 3 months and next 3", -91, 92),
    ("Past 12 months", -365, 1),
    ("Next 12 months", 0, 366),
)


@dataclass(frozen=True)
class SessionsData:
    rows: list[OccurrenceRow] = field(default_factory=list)
    items: list[LearningItem] = field(default_factory=list)
    zone: str = "UTC"
    first: date = date.min
    last: date = date.min  # the window's last day
    today: date = date.min
    not_logged: int = 0  # past sessions of these days not logged (the dashboard's count: one definition)


def when_text(row: OccurrenceRow, app_zone: str, today: date) -> str:
    """The occurrence in its session's own clock time ("Tue 16 Jun, 07:30" and its end; the year only when
    it is not this year's), with the zone's short name when it is not the app's zone."""
    text = occurrence_when(row, with_year=row.occurrence.start.year != today.year)
    if row.session.start.tz != app_zone:
        text += f" {row.occurrence.start.tzname() or row.session.start.tz}"
    return text


def when_tooltip(row: OccurrenceRow) -> str:
    start = row.occurrence.start
    return f"{occurrence_when(row)} {start.tzname() or ''} ({row.session.start.tz})".replace("  ", " ")


def item_tooltip(row: OccurrenceRow) -> str:
    """The item, and what came with the session: its place and notes (an imported event's title,
    link and description)."""
    parts = [row.item_title]
    if row.session.location:
        parts.append(f"Place: {row.session.location}")
    if row.session.notes:
        parts.append(row.session.notes[:600])
    return "\n".join(parts)


def state_text(row: OccurrenceRow) -> str:
    if row.state is OccurrenceState.DONE:
        return "Done" if row.minutes_spent is None else f"Done, {row.minutes_spent} min"
    return row.state.label


def state_colour(row: OccurrenceRow) -> QColor | None:
    return {
        OccurrenceState.DONE: DONE_COLOUR,
        OccurrenceState.SKIPPED: MUTED_COLOUR,
        OccurrenceState.NOT_LOGGED: NOT_LOGGED_COLOUR,
    }.get(row.state)


def state_tooltip(row: OccurrenceRow) -> str:
    lines = {
        OccurrenceState.PLANNED: "Planned",
        OccurrenceState.DONE: "Done" + (f": {row.minutes_spent} min spent" if row.minutes_spent is not None else ""),
        OccurrenceState.SKIPPED: "Skipped: it is no longer in your calendar",
        OccurrenceState.NOT_LOGGED: "Not logged yet: was it done (Ctrl+D) or skipped (Ctrl+K)?",
    }
    text = lines[row.state]
    if row.removed_from_calendar:
        text += "\nRemoved from the calendar in a calendar app; edit it to put it back"
    return text


STATE_ORDER = {OccurrenceState.NOT_LOGGED: 0, OccurrenceState.PLANNED: 1, OccurrenceState.DONE: 2}


def occurrence_columns(data: Callable[[], SessionsData]) -> list[Column[OccurrenceRow]]:
    return [
        Column(
            "When",
            lambda r: when_text(r, data().zone, data().today),
            sort_key=lambda r: r.occurrence.start.timestamp(),
            tooltip=when_tooltip,
            width=24,
        ),
        Column("Learning item", lambda r: r.item_title, tooltip=item_tooltip, width=30),
        Column("Repeats", repeats_text, tooltip=lambda r: r.rrule_text or "Once", width=32),
        Column(
            "State",
            state_text,
            sort_key=lambda r: STATE_ORDER.get(r.state, 3),
            colour=state_colour,
            bold=lambda r: r.state is OccurrenceState.NOT_LOGGED,
            tooltip=state_tooltip,
            width=14,
        ),
        Column("Takeaway", lambda r: first_line(r.takeaway), tooltip=lambda r: r.takeaway, stretch=True, width=24),
    ]


SESSIONS = Changes.of(Kind.SESSIONS)


class SessionsSection(Section):
    """Occurrences of sessions and habits, with their actions: new, edit, log, skip, move, clear, delete."""

    title = "Sessions"
    WATCHES = frozenset({Kind.SESSIONS, Kind.LEARNING_ITEMS})  # sessions show their item's title
    reload_wanted = Signal()  # the window of weeks changed: read again (nothing was saved)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self._data = SessionsData()
        self._range = RANGES[0]
        self._select: tuple[str, str | None] | None = None  # (session id, occurrence key or any)
        self.editor: SessionEditor | None = None
        self.log_dialog: LogDialog | None = None
        self.move_dialog: MoveDialog | None = None

        self.sessions: TablePanel[OccurrenceRow] = TablePanel(
            "Learning sessions",
            occurrence_columns(lambda: self._data),
            "No learning sessions in these weeks yet.\nGive a planned learning item real time with New session… "
            "(Ctrl+N): once, or as a weekly habit that goes to your calendar. Earlier or later sessions: "
            "change Show.",
        )
        table = self.sessions.table
        table.setSelectionMode(table.SelectionMode.SingleSelection)
        table.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.sessions.model.modelReset.connect(self._update_actions)

        self.range_combo = QComboBox()
        self.range_combo.setObjectName("sessionRange")
        for label, _first, _after in RANGES:
            self.range_combo.addItem(label)
        self.range_combo.setToolTip("Which weeks to list")
        self.range_combo.currentIndexChanged.connect(self._range_chosen)
        self.summary = QLabel()
        self.summary.setObjectName("sessionSummary")

        self.new_action, self.new_button = self.shortcut_action(
            "&New session…", "Ctrl+N", self.new_session, "Schedule a learning session or a weekly habit"
        )
        self.edit_action, self.edit_button = self.shortcut_action(
            "Ed&it…", "Return", self.edit_session, "Change the selected session, or the whole habit it belongs to"
        )
        self.log_action, self.log_button = self.shortcut_action(
            "&Log as done…", "Ctrl+D", self.log_done, "Log this time as done: minutes spent and a takeaway"
        )
        self._log_tip = self.log_button.toolTip()
        self.skip_action, self.skip_button = self.shortcut_action(
            "S&kip", "Ctrl+K", self.skip, "Skip this time; it leaves your calendar (the habit goes on)"
        )
        self.move_action, self.move_button = self.shortcut_action(
            "&Move…", "Ctrl+M", self.move_occurrence, "Move this time to another day or hour (the habit stays as it is)"
        )
        self.clear_action, self.clear_button = self.shortcut_action(
            "&Clear log", "Ctrl+Backspace", self.clear_log, "Forget that this time was done or skipped"
        )
        self.delete_action, self.delete_button = self.shortcut_action(
            "&Delete…", "Delete", self.delete_session, "Delete the selected session or the whole habit (Ctrl+Z undoes)"
        )
        self.find_action, self.find_button = self.shortcut_action(
            "Find &time…",
            "Ctrl+T",
            self.find_time,
            "Put a weekly learning habit into the free time of your own calendars",
        )

        self.sessions.set_row_actions(
            self.edit_session,
            [
                *(self.log_action, self.skip_action, self.move_action, self.clear_action),
                None,
                *(self.edit_action, self.delete_action),
                None,
                self.new_action,
            ],
        )
        toolbar = self.toolbar(
            ["Show:", self.range_combo, 8, self.summary],
            [
                self.find_button,
                self.new_button,
                self.edit_button,
                self.log_button,
                self.skip_button,
                self.move_button,
                self.clear_button,
                self.delete_button,
            ],
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(toolbar)
        layout.addWidget(self.sessions, 1)
        self._update_actions()

    # -- data ------------------------------------------------------------------------------------
    def days_shown(self) -> tuple[date, date]:
        """The first day listed and the day after the last, for today."""
        _label, first, after = self._range
        today = self.services.today()
        return today + timedelta(days=first), today + timedelta(days=after)

    def fetch(self) -> SessionsData:
        first, after = self.days_shown()
        return SessionsData(
            self.services.learning.occurrence_rows(first, after),
            self.services.learning.items(),
            self.services.time_zone(),
            first,
            after - timedelta(days=1),
            self.services.today(),
            len(self.services.dashboard.not_logged(first, after)),
        )

    def fill(self, data: SessionsData) -> None:
        current = self.selected_row()
        self._data = data
        self.sessions.set_rows(data.rows)
        wanted = self._select or (
            (current.occurrence.session_id, current.occurrence.key) if current is not None else None
        )
        self._select = None
        if wanted is not None:
            session_id, key = wanted
            self.sessions.select_first(
                lambda r: r.occurrence.session_id == session_id and (key is None or r.occurrence.key == key)
            )
        self.summary.setText(self._summary())
        self._update_actions()

    def _summary(self) -> str:
        missing = self._data.not_logged
        if missing:
            return f"{missing} past session{'s' if missing != 1 else ''} not logged"
        return ""

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.sessions,)

    def _range_chosen(self, index: int) -> None:
        self._range = RANGES[index]
        self.reload_wanted.emit()

    def show_range(self, label: str) -> None:
        """Choose what "Show" lists by its label (and read it)."""
        index = [r[0] for r in RANGES].index(label)
        self.range_combo.setCurrentIndex(index)

    # -- selection -------------------------------------------------------------------------------
    def selected_row(self) -> OccurrenceRow | None:
        return self.sessions.selected_row()

    def select_session(self, session_id: str, key: str | None = None) -> None:
        """Select this session's occurrence (its first one shown, without *key*) after the next read."""
        self._select = (session_id, key)

    def _update_actions(self) -> None:
        row = self.selected_row()
        chosen = row is not None
        for action in (self.edit_action, self.delete_action):
            action.setEnabled(chosen)
        # Only a time that has begun can be logged as done (skipping works ahead of time).
        begun = row is not None and row.occurrence.start <= self.services.now()
        self.log_action.setEnabled(begun)
        ahead = "This time is still ahead: log it once it has taken place (Skip works ahead of time)"
        self.log_button.setToolTip(self._log_tip if begun or row is None else ahead)
        self.log_action.setToolTip(self.log_button.toolTip())
        open_ = row is not None and row.state is not OccurrenceState.SKIPPED
        self.skip_action.setEnabled(open_)
        self.move_action.setEnabled(open_)
        self.clear_action.setEnabled(row is not None and row.state in (OccurrenceState.DONE, OccurrenceState.SKIPPED))
        if row is not None:
            self.log_action.setText("&Log as done…" if row.state is not OccurrenceState.DONE else "Change &log…")
            self.log_button.setText(self.log_action.text())

    # -- the session or habit --------------------------------------------------------------------
    def new_session(self) -> SessionEditor:
        return self._open_editor(None)

    def edit_session(self) -> SessionEditor | None:
        row = self.selected_row()
        return self._open_editor(row.session) if row is not None else None

    def _open_editor(self, session: LearningSession | None) -> SessionEditor:
        editor = SessionEditor(self.services, self._data.items, session, parent=self)
        editor.saved.connect(lambda saved: self._saved(saved, session))
        editor.finished.connect(editor.deleteLater)
        self.editor = editor
        editor.open()
        return editor

    def _saved(self, session: LearningSession, edited: LearningSession | None = None) -> None:
        self.select_session(session.id)
        what = "Habit" if session.is_habit else "Session"
        message = f"{what} for “{self._title_of(session)}” saved"
        if edited is not None and edited.id != session.id:  # a habit changed from today on
            message += ". Changes apply from today on; earlier sessions keep their log"
        self.announce(SESSIONS, message)

    def find_time(self) -> FindTimeDialog:
        """Find Time, for the learning item of the selected session (or the first item)."""
        from ..find_time.dialog import open_find_time

        row = self.selected_row()
        item_id = row.session.item_id if row else None
        self.find_dialog = open_find_time(self, self.services, self.runner, self.announce, item_id)
        return self.find_dialog

    def _title_of(self, session: LearningSession) -> str:
        titles = {i.id: i.title for i in self._data.items}
        return first_line(titles.get(session.item_id, "a learning item"), 60)

    def delete_session(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        title = first_line(row.item_title, 60)
        if row.session.is_habit:
            text = f"Delete the habit “{title}” ({repeats_text(row)}) with everything logged for it?"
            detail = "Every time of the habit goes, from this list and from your calendar. To drop just this "
            detail += f"time, use Skip instead. {UNDO_NOTE}"
        else:
            text = f"Delete the session “{title}” on {occurrence_when(row)}?"
            detail = UNDO_NOTE
        ask(self, "Delete learning session", text, "Delete", lambda: self._delete(row), detail=detail)

    def _delete(self, row: OccurrenceRow) -> None:
        what = f"{'habit' if row.session.is_habit else 'session'} “{first_line(row.item_title, 60)}”"

        run_delete(
            self,
            what,
            lambda: self.services.learning.delete_session(row.session.id),
            redo=lambda d: self.services.learning.delete_session(d.session.id),
            restore=self.services.learning.restore_session,
            changes=SESSIONS,
            select=lambda d: self.select_session(d.session.id),
        )

    # -- one occurrence --------------------------------------------------------------------------
    def log_done(self) -> LogDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        dialog = LogDialog(self.services, row, self)
        dialog.saved.connect(lambda _log: self._logged(row, "logged as done"))
        dialog.finished.connect(dialog.deleteLater)
        self.log_dialog = dialog
        dialog.open()
        return dialog

    def skip(self) -> None:
        row = self.selected_row()
        if row is None or row.state is OccurrenceState.SKIPPED:
            return
        occ = row.occurrence
        self._occurrence_action(row, lambda: self.services.learning.log_skipped(occ.session_id, occ.key), "skipped")

    def clear_log(self) -> None:
        row = self.selected_row()
        if row is None or row.state not in (OccurrenceState.DONE, OccurrenceState.SKIPPED):
            return
        occ = row.occurrence
        self._occurrence_action(
            row, lambda: self.services.learning.clear_log(occ.session_id, occ.key), "no longer logged"
        )

    def _occurrence_action(self, row: OccurrenceRow, action: Callable[[], object], verb: str) -> None:
        self.run_op(
            action,
            changes=SESSIONS,
            failed=f"Could not change “{first_line(row.item_title, 60)}”",
            then=lambda _result: self.select_session(row.occurrence.session_id, row.occurrence.key),
            done=f"“{first_line(row.item_title, 60)}” on {occurrence_when(row)} {verb}",
        )

    def _logged(self, row: OccurrenceRow, verb: str) -> None:
        self.select_session(row.occurrence.session_id, row.occurrence.key)
        self.announce(SESSIONS, f"“{first_line(row.item_title, 60)}” on {occurrence_when(row)} {verb}")

    def move_occurrence(self) -> MoveDialog | None:
        row = self.selected_row()
        if row is None or row.state is OccurrenceState.SKIPPED:
            return None
        dialog = MoveDialog(self.services, row, self)
        dialog.saved.connect(lambda session: self._moved(row, session))
        dialog.finished.connect(dialog.deleteLater)
        self.move_dialog = dialog
        dialog.open()
        return dialog

    def _moved(self, row: OccurrenceRow, session: LearningSession) -> None:
        self.select_session(session.id)
        local = session.start.local()
        self.announce(
            SESSIONS, f"“{first_line(row.item_title, 60)}” moved to {local:%a} {local.day} {local:%b}, {local:%H:%M}"
        )
