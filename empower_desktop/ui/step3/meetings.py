"""Step 3 · Mentoring: mentorships, their meetings, and the open action items of every meeting.

Mentorships: add, edit (end one with what it changed), delete (undoable). Meetings: schedule one
(optionally repeating), edit its agenda, notes and action items, prepare for it, mark it held (its
open topics go to the next one), delete (undoable). Action items: every open one, soonest due first,
ticked done with one key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ...changes import Changes, Kind
from ...domain import Meeting
from ...domain.network import MeetingState, MentorshipStatus
from ...services import ActionRow, MeetingRow, MentorshipRow, Services
from ...services.mentoring import DeletedMentorship
from ..formatting import DASH, MUTED_COLOUR, OVERDUE_COLOUR, date_key, fmt_date, fmt_when, when_key, when_tooltip
from ..messages import ask
from ..widgets.section import Section
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel
from ..widgets.undo import UNDO_NOTE, confirm_delete, run_delete
from .meeting_editor import MeetingEditor
from .mentorship_editor import MentorshipEditor
from .prepare import PrepareDialog

NETWORK = Changes.of(Kind.NETWORK)


@dataclass(frozen=True)
class MeetingsData:
    now: datetime
    rows: list[MeetingRow]
    mentorships: list[MentorshipRow]


def state_text(row: MeetingRow, now: datetime) -> str:
    meeting = row.meeting
    text = meeting.state.label
    if meeting.state is MeetingState.PLANNED and meeting.is_past(now):
        text = "Past · not marked held"
    if meeting.removed_from_calendar:
        text += " · removed from the calendar"
    return text


def meeting_columns(now: Any) -> list[Column[MeetingRow]]:
    def flagged(row: MeetingRow) -> bool:
        return row.meeting.removed_from_calendar or (
            row.meeting.state is MeetingState.PLANNED and row.meeting.is_past(now())
        )

    return [
        Column(
            "When",
            lambda r: fmt_when(r.meeting.start),
            sort_key=lambda r: when_key(r.meeting.start),
            tooltip=lambda r: when_tooltip(r.meeting.start),
            width=26,
        ),
        Column("With", lambda r: r.with_whom or DASH, width=18),
        Column("Title", lambda r: r.meeting.title, stretch=True, width=26),
        Column("Open topics", lambda r: str(len(r.meeting.open_topics)) if r.meeting.agenda else DASH, width=12),
        Column(
            "Open actions", lambda r: str(len(r.meeting.open_actions)) if r.meeting.action_items else DASH, width=12
        ),
        Column(
            "State",
            lambda r: state_text(r, now()),
            colour=lambda r: OVERDUE_COLOUR if flagged(r) else None,
            width=22,
        ),
    ]


def mentorship_columns() -> list[Column[MentorshipRow]]:
    def rhythm(row: MentorshipRow) -> str:
        days = row.mentorship.cadence_days
        return f"every {days} days" if days else DASH

    return [
        Column("With", lambda r: r.with_whom or DASH, width=18),
        Column("Role", lambda r: r.mentorship.role.label, width=10),
        Column("What I want", lambda r: r.mentorship.focus or DASH, stretch=True, width=28),
        Column("Meet", rhythm, sort_key=lambda r: r.mentorship.cadence_days or 0, width=14),
        Column(
            "Next meeting",
            lambda r: fmt_when(r.next_meeting.start) if r.next_meeting else DASH,
            sort_key=lambda r: when_key(r.next_meeting.start) if r.next_meeting else 0.0,
            width=24,
        ),
        Column("Open actions", lambda r: str(r.open_actions), width=12),
        Column(
            "Status",
            lambda r: r.mentorship.status.label,
            colour=lambda r: MUTED_COLOUR if r.mentorship.status is not MentorshipStatus.ACTIVE else None,
            width=10,
        ),
    ]


def action_columns(today: Any) -> list[Column[ActionRow]]:
    def late(row: ActionRow) -> bool:
        return row.item.due is not None and row.item.due < today()

    return [
        Column(
            "Due",
            lambda r: fmt_date(r.item.due) if r.item.due else DASH,
            sort_key=lambda r: date_key(r.item.due),
            colour=lambda r: OVERDUE_COLOUR if late(r) else None,
            bold=late,
            width=12,
        ),
        Column("Action", lambda r: r.item.text, stretch=True, width=32, tooltip=lambda r: r.item.text),
        Column("Whose", lambda r: "Mine" if r.item.owner.value == "me" else f"{r.with_whom or 'Theirs'}", width=16),
        Column(
            "From the meeting", lambda r: f"{fmt_date(r.meeting.start.local().date())} · {r.meeting.title}", width=30
        ),
    ]


class _MeetingActions(Section):
    """What the mentoring lists share: the dialogs they open."""

    WATCHES = frozenset({Kind.NETWORK})

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.dialog: Any = None
        self._select_id: str | None = None
        self._data = MeetingsData(datetime.now().astimezone(), [], [])

    def _open(self, dialog: Any, message: str) -> Any:
        def saved(record: Any) -> None:
            self._select_id = record.id
            self.announce(NETWORK, message.format(title=getattr(record, "title", "")))

        dialog.saved.connect(saved)
        self.dialog = dialog
        dialog.open()
        return dialog

    def fetch(self) -> MeetingsData:
        mentoring = self.services.mentoring
        return MeetingsData(self.services.now(), mentoring.meeting_rows(), mentoring.mentorships())

    def new_meeting(self, mentorship_id: str | None = None) -> MeetingEditor:
        editor = MeetingEditor(self.services, self._data.mentorships, None, mentorship_id, self)
        self._open(editor, "Meeting “{title}” scheduled")
        return editor

    def edit_meeting(self, meeting: Meeting | None) -> MeetingEditor | None:
        if meeting is None:
            return None
        current = self.services.mentoring.meeting(meeting.id)
        editor = MeetingEditor(self.services, self._data.mentorships, current, parent=self)
        self._open(editor, "Meeting “{title}” saved")
        return editor


class MentorshipsSection(_MeetingActions):
    """Mentors, coaches, sponsors and mentees, with what each is for."""

    title = "Mentorships"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.list: TablePanel[MentorshipRow] = TablePanel(
            "Mentorships",
            mentorship_columns(),
            "No mentorships yet.\nA mentor or coach is worth an hour a month: add one with New mentorship… (Ctrl+N), "
            "for someone under Contacts.",
        )
        self.new_button = self.shortcut_button("&New mentorship…", "Ctrl+N", self.new_mentorship, "Add a mentorship")
        self.edit_button = self.shortcut_button(
            "Ed&it…", "Return", self.edit_mentorship, "Open the selected mentorship (or double-click it)"
        )
        self.meet_button = self.shortcut_button(
            "Schedule &meeting…", "Ctrl+M", self.schedule, "Schedule a meeting with the selected mentorship"
        )
        self.delete_button = self.shortcut_button(
            "&Delete…",
            "Delete",
            self.delete_mentorship,
            "Delete the selected mentorship with its meetings",
        )
        self.list.set_row_actions(self.edit_mentorship)
        self.list.table.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.list.model.modelReset.connect(self._update_actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(self.toolbar([], [self.new_button, self.edit_button, self.meet_button, self.delete_button]))
        layout.addWidget(self.list, 1)
        self._update_actions()

    def fill(self, data: MeetingsData) -> None:
        self._data = data
        self.list.set_rows(data.mentorships)
        if not self.list.select_first(lambda r: r.mentorship.id == self._select_id):
            self.list.select_first(lambda r: True)
        self._update_actions()

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.list,)

    def _update_actions(self) -> None:
        chosen = self.list.selected_row() is not None
        for button in (self.edit_button, self.meet_button, self.delete_button):
            button.setEnabled(chosen)

    def _editor(self, row: MentorshipRow | None) -> MentorshipEditor:
        store = self.services.store
        return MentorshipEditor(
            self.services,
            store.contacts.all(),
            [r.goal for r in self.services.goals.rows()],
            self.services.assessment.skills(),
            row.mentorship if row else None,
            parent=self,
        )

    def new_mentorship(self) -> MentorshipEditor:
        editor = self._editor(None)
        self._open(editor, "Mentorship added")
        return editor

    def edit_mentorship(self) -> MentorshipEditor | None:
        row = self.list.selected_row()
        return self._open(self._editor(row), "Mentorship saved") if row else None

    def schedule(self) -> MeetingEditor | None:
        row = self.list.selected_row()
        return self.new_meeting(row.mentorship.id) if row else None

    def delete_mentorship(self) -> None:
        row = self.list.selected_row()
        if row is None:
            return
        what = f"mentorship with {row.with_whom or 'them'}"
        count = sum(1 for m in self._data.rows if m.meeting.mentorship_id == row.mentorship.id)
        mentoring = self.services.mentoring

        def select(deleted: DeletedMentorship) -> None:
            self._select_id = deleted.mentorship.id

        confirm_delete(
            self,
            "Delete mentorship",
            f"Delete the {what} and its {count} meeting{'s' if count != 1 else ''}? The contact stays.",
            what,
            lambda: mentoring.delete_mentorship(row.mentorship.id),
            redo=lambda d: mentoring.delete_mentorship(d.mentorship.id),
            restore=mentoring.restore_mentorship,
            changes=NETWORK,
            select=select,
        )


class MeetingsSection(_MeetingActions):
    """Every mentor meeting, the earliest first: schedule, edit, prepare, mark held."""

    title = "Meetings"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.meetings: TablePanel[MeetingRow] = TablePanel(
            "Mentor meetings",
            meeting_columns(lambda: self._data.now),
            "No mentor meetings yet.\nSchedule one with New meeting… (Ctrl+N) once you have a mentorship.",
        )
        self.new_button = self.shortcut_button(
            "&New meeting…", "Ctrl+N", lambda: self.new_meeting(self._selected_ship()), "Schedule a mentor meeting"
        )
        self.edit_button = self.shortcut_button(
            "Ed&it…", "Return", self.edit_selected, "Agenda, notes and action items of the selected meeting"
        )
        self.prepare_button = self.shortcut_button(
            "&Prepare…", "Ctrl+P", self.prepare, "What to read before the selected meeting"
        )
        self.held_button = self.shortcut_button(
            "Mark he&ld", "Ctrl+H", self.mark_held, "It took place: its open topics go to the next meeting"
        )
        self.delete_button = self.shortcut_button(
            "&Delete…", "Delete", self.delete_meeting, "Delete the selected meeting (Ctrl+Z undoes)"
        )
        self.find_button = self.shortcut_button(
            "Find &time…",
            "Ctrl+T",
            self.find_time,
            "Put the next meeting with the selected mentor into the free time of your own calendars",
        )
        self.meetings.set_row_actions(self.edit_selected)
        self.meetings.table.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.meetings.model.modelReset.connect(self._update_actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        buttons = [
            self.new_button,
            self.edit_button,
            self.prepare_button,
            self.held_button,
            self.delete_button,
            self.find_button,
        ]
        layout.addLayout(self.toolbar([], buttons))
        layout.addWidget(self.meetings, 1)
        self._update_actions()

    def fill(self, data: MeetingsData) -> None:
        self._data = data
        self.meetings.set_rows(data.rows)
        # the meeting last worked on, else the next one ahead, else the last one
        found = self.meetings.select_first(lambda r: r.meeting.id == self._select_id)
        found = found or self.meetings.select_first(
            lambda r: r.meeting.state is MeetingState.PLANNED and not r.meeting.is_past(data.now)
        )
        if not found and data.rows:
            self.meetings.select_first(lambda r: r is data.rows[-1])
        self._update_actions()

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.meetings,)

    def selected_meeting(self) -> Meeting | None:
        row = self.meetings.selected_row()
        return row.meeting if row else None

    def _selected_ship(self) -> str | None:
        meeting = self.selected_meeting()
        return meeting.mentorship_id if meeting else None

    def _update_actions(self) -> None:
        meeting = self.selected_meeting()
        for button in (self.edit_button, self.prepare_button, self.delete_button):
            button.setEnabled(meeting is not None)
        self.held_button.setEnabled(meeting is not None and meeting.state is not MeetingState.HELD)

    def edit_selected(self) -> MeetingEditor | None:
        return self.edit_meeting(self.selected_meeting())

    def find_time(self) -> QDialog:
        """Find Time, on a mentor meeting with the selected meeting's mentor (or the first)."""
        from ..find_time.dialog import MEETING, open_find_time

        ship = self._selected_ship()
        self.find_dialog = open_find_time(
            self, self.services, self.runner, self.announce, mode=MEETING, mentorship_id=ship
        )
        return self.find_dialog

    def prepare(self) -> PrepareDialog | None:
        meeting = self.selected_meeting()
        if meeting is None:
            return None
        prep = self.run_op(
            lambda: self.services.mentoring.prepare(meeting.id), changes=Changes.of(), failed="Could not prepare"
        )
        if prep is None:
            return None
        dialog = PrepareDialog(prep, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def mark_held(self) -> None:
        meeting = self.selected_meeting()
        if meeting is None or meeting.state is MeetingState.HELD:
            return

        def done(result: tuple[Meeting, Meeting | None]) -> str:
            held, following = result
            carried = len(held.open_topics)
            if following is not None and carried:
                topics = f"{carried} open topic{'s' if carried != 1 else ''}"
                return f"“{held.title}” held; {topics} carried to the next meeting"
            return f"“{held.title}” held"

        self.run_op(
            lambda: self.services.mentoring.mark_held(meeting.id),
            changes=NETWORK,
            done=done,
            failed="Could not mark it held",
            then=lambda r: setattr(self, "_select_id", r[0].id),
        )

    def delete_meeting(self) -> None:
        meeting = self.selected_meeting()
        if meeting is None:
            return
        ask(
            self,
            "Delete meeting",
            f"Delete “{meeting.title}” of {fmt_when(meeting.start)} with its agenda, notes and action items?",
            "Delete",
            lambda: self._delete(meeting),
            detail=UNDO_NOTE,
        )

    def _delete(self, meeting: Meeting) -> None:
        mentoring = self.services.mentoring
        run_delete(
            self,
            f"meeting “{meeting.title}”",
            lambda: mentoring.delete_meeting(meeting.id),
            redo=lambda m: mentoring.delete_meeting(m.id),
            restore=mentoring.restore_meeting,
            changes=NETWORK,
            select=lambda m: setattr(self, "_select_id", m.id),
        )


class ActionItemsSection(_MeetingActions):
    """Every open action item of every meeting, the soonest due first."""

    title = "Action items"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self._actions: list[ActionRow] = []
        self.list: TablePanel[ActionRow] = TablePanel(
            "Open action items of all meetings",
            action_columns(lambda: self._data.now.date()),
            "No open action items.\nAdd them in a meeting (Meetings → Edit…): what, whose and by when.",
        )
        self.done_button = self.shortcut_button(
            "Mark &done", "Ctrl+D", self.mark_done, "The selected action item is done (Ctrl+Z undoes)"
        )
        self.open_button = self.shortcut_button(
            "Open &meeting…", "Return", self.open_meeting, "Edit the meeting the action item comes from"
        )
        self.list.set_row_actions(self.open_meeting)
        self.list.table.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.list.model.modelReset.connect(self._update_actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(self.toolbar([], [self.done_button, self.open_button]))
        layout.addWidget(self.list, 1)
        self._update_actions()

    def fetch(self) -> tuple[MeetingsData, list[ActionRow]]:  # type: ignore[override]
        return super().fetch(), self.services.mentoring.open_actions()

    def fill(self, data: tuple[MeetingsData, list[ActionRow]]) -> None:
        self._data, self._actions = data
        self.list.set_rows(self._actions)
        if not self.list.select_first(lambda r: r.item.id == self._select_id):
            self.list.select_first(lambda r: True)
        self._update_actions()

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.list,)

    def _update_actions(self) -> None:
        chosen = self.list.selected_row() is not None
        self.done_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)

    def open_meeting(self) -> MeetingEditor | None:
        row = self.list.selected_row()
        return self.edit_meeting(row.meeting) if row else None

    def mark_done(self) -> None:
        row = self.list.selected_row()
        if row is None:
            return
        mentoring = self.services.mentoring
        meeting_id, item_id = row.meeting.id, row.item.id
        following = self.list.visible_rows()
        index = following.index(row) if row in following else -1
        nxt = following[index + 1] if 0 <= index < len(following) - 1 else None
        self._select_id = nxt.item.id if nxt else None
        self.run_op(
            lambda: mentoring.set_action_done(meeting_id, item_id, True),
            changes=NETWORK,
            done=f"Done: {row.item.text[:60]}",
            failed="Could not mark it done",
            undo=lambda _m: _UndoDone(self, meeting_id, item_id, row.item.text),
        )


class _UndoDone(QUndoCommand):
    """Undo "mark done": the action item is open again (and done again on redo)."""

    def __init__(self, section: ActionItemsSection, meeting_id: str, item_id: str, text: str) -> None:
        super().__init__(f"Mark “{text[:40]}” done")
        self.section, self.meeting_id, self.item_id = section, meeting_id, item_id
        self._first = True

    def _set(self, done: bool) -> None:
        self.section.services.mentoring.set_action_done(self.meeting_id, self.item_id, done)
        self.section._select_id = self.item_id
        self.section.announce(NETWORK, "Marked done again" if done else "Open again")

    def redo(self) -> None:
        if self._first:  # pushed after the change was made
            self._first = False
            return
        self._set(True)

    def undo(self) -> None:
        self._set(False)
