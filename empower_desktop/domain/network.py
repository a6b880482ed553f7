"""Step 3: the professional network, mentors and coaches, and meetings with them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .assess import require_text_len
from .common import Choice, DomainError, Record, ZonedDateTime, new_id, require_text


@dataclass(kw_only=True)
class Contact(Record):
    name: str
    organisation: str = ""
    role: str = ""
    email: str = ""
    how_we_met: str = ""
    cadence_days: int | None = None
    tags: list[str] = field(default_factory=list)
    notes: str = ""

    def validate(self) -> None:
        require_text(self.name, "A contact's name", max_len=200)
        if self.cadence_days is not None and not 1 <= self.cadence_days <= 3650:
            raise DomainError("A stay-in-touch cadence must be between 1 and 3,650 days")
        require_text_len(self.notes, "Notes")


class InteractionKind(Choice):
    MEETING = "meeting"
    CALL = "call"
    MESSAGE = "message"
    EVENT = "event"
    INTRODUCTION = "introduction"


@dataclass(kw_only=True)
class Interaction(Record):
    contact_id: str
    happened_on: date
    kind: InteractionKind = InteractionKind.MESSAGE
    summary: str = ""

    def validate(self) -> None:
        self.kind = InteractionKind(self.kind)
        require_text_len(self.summary, "A summary", 5000)


class MentorRole(Choice):
    MENTOR = "mentor"
    COACH = "coach"
    SPONSOR = "sponsor"
    MENTEE = "mentee"


@dataclass(kw_only=True)
class Mentorship(Record):
    contact_id: str
    role: MentorRole = MentorRole.MENTOR
    focus: str = ""
    started_on: date | None = None
    active: bool = True

    def validate(self) -> None:
        self.role = MentorRole(self.role)
        require_text_len(self.focus, "A focus", 2000)


@dataclass(kw_only=True)
class ActionItem:
    text: str
    due: date | None = None
    done: bool = False
    id: str = field(default_factory=new_id)


class MeetingState(Choice):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"
    REMOVED_FROM_CALENDAR = "removed_from_calendar"


@dataclass(kw_only=True)
class Meeting(Record):
    mentorship_id: str
    title: str
    start: ZonedDateTime
    end: ZonedDateTime
    location: str = ""
    agenda: list[str] = field(default_factory=list)
    notes: str = ""
    action_items: list[ActionItem] = field(default_factory=list)
    state: MeetingState = MeetingState.PLANNED

    def validate(self) -> None:
        self.state = MeetingState(self.state)
        require_text(self.title, "A meeting's title", max_len=200)
        if self.end.instant <= self.start.instant:
            raise DomainError("A meeting must end after it starts")
        require_text_len(self.notes, "Notes")
        for item in self.action_items:
            require_text(item.text, "An action item", max_len=500)
