"""The mentor meeting editor: when and where, optionally repeating; the agenda (with the open topics
of the last meeting carried over), notes, and action items with an owner, a due date and done.

Times are typed as the clock shows them in the meeting's zone, as in the learning session editor.
A new meeting can repeat (every week, every 2 or 4 weeks, every month), which makes a series of
meetings, each with its own agenda and notes. A meeting in the past is allowed (one that took
place and is written down afterwards) and flagged, not refused. Ticking "Held" marks it held on
save: its open topics then go to the next meeting with the same person.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import DomainError, Meeting, ZonedDateTime
from ...domain.common import zone
from ...domain.network import ActionItem, AgendaTopic, MeetingState, Owner
from ...domain.recurrence import describe_rule
from ...errors import InputError
from ...services import MentorshipRow, Services
from ..formatting import EN_DASH, fmt_date
from ..step2.session_editor import ZoneCombo, fmt_time, parse_time, time_range
from ..widgets.dated_items import DatedItem, DatedItemsTable
from ..widgets.dialogs import FormDialog, KeyBindings, hint_label, text_area
from ..widgets.fields import DateField

# What "Repeat" offers a new meeting, as the start of a repeat rule.
REPEATS: tuple[tuple[str, str], ...] = (
    ("Does not repeat", ""),
    ("Every week", "FREQ=WEEKLY"),
    ("Every 2 weeks", "FREQ=WEEKLY;INTERVAL=2"),
    ("Every 4 weeks", "FREQ=WEEKLY;INTERVAL=4"),
    ("Every month (same day of the month)", "FREQ=MONTHLY"),
)
CARRIED_TIP = "Carried over from the last meeting, where it stayed open"


def repeat_rule(base: str, until: date | None, tz: str) -> str:
    """*base* (a REPEATS rule) ending at the end of *until* (a day of zone *tz*), if given."""
    if not base or until is None:
        return base
    end_of_day = datetime.combine(until, time(23, 59, 59), zone(tz)).astimezone(UTC)
    return f"{base};UNTIL={end_of_day:%Y%m%dT%H%M%SZ}"


class AgendaEditor(QWidget):
    """The agenda: topics to talk about, ticked when covered; carried-over ones in italics."""

    def __init__(self, topics: Sequence[AgendaTopic], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("meetingAgenda")
        self.list.setAccessibleName("Agenda")
        self.list.setMinimumHeight(5 * self.list.fontMetrics().height() + 12)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.new_edit = QLineEdit()
        self.new_edit.setObjectName("meetingNewTopic")
        self.new_edit.setPlaceholderText("A topic to talk about, then Enter")
        KeyBindings(self.new_edit).bind([Qt.Key.Key_Return, Qt.Key.Key_Enter], self.add_typed)
        KeyBindings(self.list).bind([Qt.Key.Key_Delete], self.remove_current)
        add = QPushButton("Add topic")
        add.setAutoDefault(False)  # Enter saves the meeting
        add.clicked.connect(self.add_typed)
        remove = QPushButton("Remove")
        remove.setAutoDefault(False)
        remove.setToolTip("Remove the selected topic (Delete)")
        remove.clicked.connect(self.remove_current)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.new_edit, 1)
        row.addWidget(add)
        row.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(hint_label("Tick a topic once it is covered; the open ones go to the next meeting."))
        self.set_topics(topics)

    def set_topics(self, topics: Sequence[AgendaTopic]) -> None:
        self.list.clear()
        for topic in topics:
            self._append(topic)

    def _append(self, topic: AgendaTopic) -> QListWidgetItem:
        item = QListWidgetItem(topic.text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
        item.setCheckState(Qt.CheckState.Checked if topic.covered else Qt.CheckState.Unchecked)
        item.setData(Qt.ItemDataRole.UserRole, topic)
        if topic.carried:
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)
            item.setToolTip(CARRIED_TIP)
        self.list.addItem(item)
        return item

    def add_typed(self) -> None:
        text = self.new_edit.text().strip()
        if text:
            self.list.setCurrentItem(self._append(AgendaTopic(text=text)))
            self.new_edit.clear()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def topics(self) -> list[AgendaTopic]:
        found = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            topic: AgendaTopic = item.data(Qt.ItemDataRole.UserRole)
            found.append(
                dataclasses.replace(topic, text=item.text().strip(), covered=item.checkState() == Qt.CheckState.Checked)
            )
        return found


class ActionItemsEditor(DatedItemsTable):
    """Action items: what, whose (me or them), due by, done."""

    def __init__(self, items: Sequence[ActionItem], parent: QWidget | None = None) -> None:
        super().__init__(
            name="meetingActions",
            accessible_name="Action items",
            columns=("Done", "Action", "Owner", "Due"),
            whose=[(choice.label, choice.value) for choice in Owner],
            add_text="Add action item",
            remove_text="Remove",
            remove_tip="Remove the selected action item (Delete)",
            parent=parent,
        )
        self.add_button.setObjectName("meetingAddAction")
        self.add_button.clicked.connect(lambda: self.add_item())
        for item in items:
            self.add_item(item, edit=False)

    def add_item(self, action: ActionItem | None = None, *, edit: bool = True) -> int:
        action = action or ActionItem(text="")
        return self.add_row(
            DatedItem(
                id=action.id, text=action.text, whose=Owner(action.owner).value, due=action.due, done=action.done
            ),
            edit=edit,
        )

    def items(self) -> list[ActionItem]:
        return [
            ActionItem(id=row.id, text=row.text, due=row.due, done=row.done, owner=Owner(row.whose))
            for row in self.rows(lambda text: f"Due date of “{text[:40]}”")
        ]


class MeetingEditor(FormDialog):
    """Add or edit a mentor meeting. Emits `saved(meeting)` (the first of a new series)."""

    def __init__(
        self,
        services: Services,
        mentorships: Sequence[MentorshipRow],
        meeting: Meeting | None = None,
        mentorship_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("New mentor meeting" if meeting is None else "Edit mentor meeting", parent=parent)
        self.setObjectName("meetingEditor")
        self.setMinimumWidth(640)
        self.services = services
        self.meeting = meeting
        self._title_typed = meeting is not None
        self.ship_combo = QComboBox()
        self.ship_combo.setObjectName("meetingWith")
        keep = meeting.mentorship_id if meeting else None
        for row in mentorships:
            if row.mentorship.active or row.mentorship.id == keep:
                self.ship_combo.addItem(f"{row.with_whom} ({row.mentorship.role.label.lower()})", row.mentorship.id)
        if self.ship_combo.count() == 0:
            self.ship_combo.addItem("(add a mentorship first, under Mentorships)", None)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("meetingTitle")
        self.title_edit.textEdited.connect(lambda _t: setattr(self, "_title_typed", True))
        self.day_edit = DateField("Day")
        self.start_edit = QLineEdit()
        self.start_edit.setObjectName("meetingStart")
        self.end_edit = QLineEdit()
        self.end_edit.setObjectName("meetingEnd")
        times = time_range(self.start_edit, self.end_edit)
        self.zone_combo = ZoneCombo(meeting.start.tz if meeting else services.time_zone())
        self.zone_combo.setObjectName("meetingZone")
        self.repeat_combo = QComboBox()
        self.repeat_combo.setObjectName("meetingRepeat")
        for label, rule in REPEATS:
            self.repeat_combo.addItem(label, rule)
        self.until_edit = DateField("Until")
        self.until_edit.edit.setPlaceholderText("YYYY-MM-DD (optional)")
        self.repeat_combo.currentIndexChanged.connect(lambda _i: self.until_edit.setEnabled(bool(self._base_rule())))
        self.place_edit = QLineEdit()
        self.place_edit.setObjectName("meetingPlace")
        self.place_edit.setPlaceholderText("A place, or a video link")
        self.agenda = AgendaEditor(meeting.agenda if meeting else [])
        self.notes_edit = text_area("What you talked about, what you took away", lines=3)
        self.notes_edit.setObjectName("meetingNotes")
        self.action_items = ActionItemsEditor(meeting.action_items if meeting else [])
        self.held_box = QCheckBox("It took place (he&ld)")
        self.held_box.setObjectName("meetingHeld")
        self.past_label = hint_label("")
        self.past_label.setObjectName("meetingPast")

        self.add_row("&With:", self.ship_combo)
        self.add_row("T&itle:", self.title_edit)
        self.add_row("&Day:", self.day_edit)
        self.add_row("&Time:", times)
        self.form.addRow("", self.past_label)
        self.add_row("Time &zone:", self.zone_combo)
        if meeting is None:
            self.add_row("&Repeat:", self.repeat_combo)
            self.add_row("&Until:", self.until_edit, "A repeating meeting is a series: each has its own agenda.")
        elif meeting.rrule:
            series = describe_rule(meeting.rrule, meeting.start.tz)
            self.form.addRow("", hint_label(f"One of a series ({series}): edits change this one."))
        self.add_row("&Place or link:", self.place_edit)
        self.add_row("&Agenda:", self.agenda)
        self.add_row("N&otes:", self.notes_edit)
        self.add_row("A&ction items:", self.action_items)
        self.add_row("", self.held_box)

        if meeting is not None:
            self._fill(meeting)
        else:
            self._prefill(mentorship_id)
        self.until_edit.setEnabled(bool(self._base_rule()))
        self.ship_combo.currentIndexChanged.connect(lambda _i: self._ship_changed())
        for edit in (self.start_edit, self.end_edit):
            edit.textChanged.connect(lambda _t: self._update_past())
        self.day_edit.changed.connect(self._update_past)
        self._update_past()
        self.start_edit.setFocus() if meeting is None else self.title_edit.setFocus()

    # -- filling ---------------------------------------------------------------------------------
    def _fill(self, meeting: Meeting) -> None:
        self.ship_combo.setCurrentIndex(max(0, self.ship_combo.findData(meeting.mentorship_id)))
        self.title_edit.setText(meeting.title)
        local_start, local_end = meeting.start.local(), meeting.end.local()
        self.day_edit.set_value(local_start.date())
        self.start_edit.setText(fmt_time(local_start))
        self.end_edit.setText(fmt_time(local_end))
        self.place_edit.setText(meeting.location)
        self.notes_edit.setPlainText(meeting.notes)
        self.held_box.setChecked(meeting.state is MeetingState.HELD)

    def _prefill(self, mentorship_id: str | None) -> None:
        """A new meeting: next week at this hour, 45 minutes, its agenda opened with the open topics
        of the last meeting held with that person."""
        if mentorship_id is not None:
            self.ship_combo.setCurrentIndex(max(0, self.ship_combo.findData(mentorship_id)))
        now = self.services.now().astimezone(zone(self.services.time_zone()))
        start = datetime.combine(now.date() + timedelta(days=7), time(min(now.hour + 1, 17)))
        self.day_edit.set_value(start.date())
        self.start_edit.setText(fmt_time(start))
        self.end_edit.setText(fmt_time(start + timedelta(minutes=45)))
        self._ship_changed()

    def _ship_changed(self) -> None:
        if self.meeting is not None:
            return
        ship_id = self.ship_combo.currentData()
        if ship_id is None:
            return
        draft = self.services.mentoring.new_meeting(str(ship_id), datetime.combine(date.today(), time(12)))
        if not self._title_typed:
            self.title_edit.setText(draft.title)
        typed = [t for t in self.agenda.topics() if not t.carried]
        self.agenda.set_topics([*draft.agenda, *typed])

    def _start(self) -> datetime | None:
        try:
            day = self.day_edit.value()
            return datetime.combine(day, parse_time(self.start_edit.text(), "Start")) if day else None
        except InputError:
            return None

    def _update_past(self) -> None:
        start = self._start()
        past = False
        if start is not None:
            try:
                past = start.replace(tzinfo=zone(self.zone_combo.zone_name())) < self.services.now()
            except DomainError:
                past = False
        self.past_label.setText(
            "This meeting is in the past. That is fine for one written down afterwards: tick “held” if it took place."
            if past
            else ""
        )
        self.past_label.setVisible(past)

    # -- saving ----------------------------------------------------------------------------------
    def _base_rule(self) -> str:
        return str(self.repeat_combo.currentData() or "") if self.meeting is None else ""

    def save(self) -> Meeting:
        ship_id = self.ship_combo.currentData()
        if ship_id is None:
            raise InputError("Add a mentorship first (under Mentorships): a meeting is with a mentor, coach or mentee")
        day = self.day_edit.value()
        if day is None:
            raise InputError("Day: enter the day of the meeting (YYYY-MM-DD)")
        start_at = parse_time(self.start_edit.text(), "Start time")
        end_at = parse_time(self.end_edit.text(), "End time")
        tz = self.zone_combo.zone_name()
        start = ZonedDateTime.at(datetime.combine(day, start_at), tz)
        end = ZonedDateTime.at(datetime.combine(day, end_at), tz)
        fields: dict[str, Any] = {
            "mentorship_id": str(ship_id),
            "title": self.title_edit.text().strip(),
            "start": start,
            "end": end,
            "location": self.place_edit.text().strip(),
            "agenda": self.agenda.topics(),
            "notes": self.notes_edit.toPlainText().strip(),
            "action_items": self.action_items.items(),
        }
        if not fields["title"]:
            raise InputError("Title: what is the meeting called?")
        held = self.held_box.isChecked()
        if self.meeting is None:
            meeting = Meeting(**fields)
            rule = repeat_rule(self._base_rule(), self.until_edit.value(), tz)
            first = self.services.mentoring.save_meeting(meeting, rule)[0]
        else:
            state = self.meeting.state
            if not held and state is MeetingState.HELD:
                state = MeetingState.PLANNED
            meeting = dataclasses.replace(self.meeting, state=state, **fields)
            first = self.services.mentoring.save_meeting(meeting)[0]
        if held and first.state is not MeetingState.HELD:
            first = self.services.mentoring.mark_held(first.id)[0]
        return first

    def focus_for(self, message: str) -> QWidget | None:
        lowered = message.lower()
        if message.startswith("Start time"):
            return self.start_edit
        if message.startswith(("End time", "A meeting must end", "A meeting can last")):
            return self.end_edit
        if message.startswith("Day"):
            return self.day_edit.edit
        if message.startswith("Title") or "title" in lowered:
            return self.title_edit
        if "time zone" in lowered:
            return self.zone_combo
        if "repeat" in lowered or "never takes place" in lowered:
            return self.until_edit.edit
        if message.startswith("Due date") or "action item" in lowered:
            return self.action_items.table
        if "agenda" in lowered:
            return self.agenda.list
        return None


def when_text(meeting: Meeting) -> str:
    start, end = meeting.start.local(), meeting.end.local()
    return f"{fmt_date(start.date())} {fmt_time(start)}{EN_DASH}{fmt_time(end)}"
