"""Step 3: the professional network, mentors and coaches, and meetings with them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .assess import require_text_len
from .common import Choice, DomainError, Record, ZonedDateTime, new_id, require_text

MAX_RHYTHM_DAYS = 3650
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_LINK = re.compile(r"^(https?://)?[^\s/]+\.[^\s]+$", re.IGNORECASE)


class Relationship(Choice):
    COLLEAGUE = "colleague"
    PEER = "peer"  # a peer in the industry
    MANAGER = "manager"
    MENTOR = "mentor"
    MENTEE = "mentee"
    COACH = "coach"
    RECRUITER = "recruiter"
    OTHER = "other"

    @property
    def label(self) -> str:
        return "Peer in the industry" if self is Relationship.PEER else super().label


def check_rhythm(days: int | None, what: str = "A stay-in-touch rhythm") -> None:
    if days is not None and not 1 <= days <= MAX_RHYTHM_DAYS:
        raise DomainError(f"{what} must be between 1 and {MAX_RHYTHM_DAYS:,} days")


@dataclass(kw_only=True)
class Contact(Record):
    name: str
    organisation: str = ""
    role: str = ""
    email: str = ""
    how_we_met: str = ""
    cadence_days: int | None = None  # stay in touch every N days; None: the rhythm of a tag, or none
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    relationship: Relationship = Relationship.OTHER
    phone: str = ""
    link: str = ""  # a profile page
    snoozed_until: date | None = None  # "not before": a reach-out put off until this day

    def validate(self) -> None:
        self.relationship = Relationship(self.relationship)
        require_text(self.name, "A contact's name", max_len=200)
        check_rhythm(self.cadence_days)
        require_text_len(self.notes, "Notes")
        self.email = self.email.strip()
        if self.email and not _EMAIL.match(self.email):
            raise DomainError(f"“{self.email[:80]}” is not an email address (name@example.org)")
        self.link = self.link.strip()
        if self.link and not _LINK.match(self.link):
            raise DomainError(f"“{self.link[:80]}” is not a web address (https://…)")
        if len(self.phone) > 60:
            raise DomainError("A phone number can be at most 60 characters")
        self.tags = sorted({t.strip() for t in self.tags if t.strip()}, key=str.casefold)


@dataclass(kw_only=True)
class TagRhythm(Record):
    """Stay in touch every N days with everyone tagged so (unless a contact has a rhythm of its own)."""

    tag: str
    cadence_days: int

    def validate(self) -> None:
        require_text(self.tag, "A tag", max_len=80)
        check_rhythm(self.cadence_days, "A tag's rhythm")


class InteractionKind(Choice):
    MEETING = "meeting"
    CALL = "call"
    MESSAGE = "message"
    EVENT = "event"
    INTRODUCTION = "introduction"  # an introduction I made
    INTRODUCTION_RECEIVED = "introduction_received"

    @property
    def label(self) -> str:
        return {"introduction": "Introduction made", "introduction_received": "Introduction received"}.get(
            self.value, super().label
        )


@dataclass(kw_only=True)
class Interaction(Record):
    contact_id: str
    happened_on: date
    kind: InteractionKind = InteractionKind.MESSAGE
    summary: str = ""
    follow_up: date | None = None  # a dated item: it goes to the calendar as a follow-up

    def validate(self) -> None:
        self.kind = InteractionKind(self.kind)
        require_text_len(self.summary, "A summary", 5000)
        if self.follow_up is not None and self.follow_up < self.happened_on:
            raise DomainError("A follow-up comes after the contact it follows")


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
