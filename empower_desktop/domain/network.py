"""Step 3: the professional network, mentors and coaches, and meetings with them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

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


class MentorshipStatus(Choice):
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


@dataclass(kw_only=True)
class Mentorship(Record):
    """A mentor, coach, sponsor or mentee (a contact), what I want from it, and how often we meet."""

    contact_id: str
    role: MentorRole = MentorRole.MENTOR
    focus: str = ""  # what I want from it, in my words
    started_on: date | None = None
    status: MentorshipStatus = MentorshipStatus.ACTIVE
    goal_ids: list[str] = field(default_factory=list)
    skill_ids: list[str] = field(default_factory=list)
    cadence_days: int | None = None  # meet every N days
    what_changed: str = ""  # at the end: what it changed for me

    def validate(self) -> None:
        self.role = MentorRole(self.role)
        self.status = MentorshipStatus(self.status)
        require_text_len(self.focus, "A focus", 2000)
        require_text_len(self.what_changed, "What changed", 5000)
        check_rhythm(self.cadence_days, "A meeting rhythm")
        self.goal_ids = list(dict.fromkeys(self.goal_ids))
        self.skill_ids = list(dict.fromkeys(self.skill_ids))

    @property
    def active(self) -> bool:
        return self.status is MentorshipStatus.ACTIVE


class Owner(Choice):
    ME = "me"
    THEM = "them"

    @property
    def label(self) -> str:
        return "Me" if self is Owner.ME else "Them"


@dataclass(kw_only=True)
class ActionItem:
    text: str
    due: date | None = None  # a dated item: it goes to the calendar as a follow-up
    done: bool = False
    owner: Owner = Owner.ME
    id: str = field(default_factory=new_id)


@dataclass(kw_only=True)
class AgendaTopic:
    """A topic to talk about; one not covered when the meeting is held is carried to the next."""

    text: str
    covered: bool = False
    carried: bool = False  # brought over, open, from the meeting before
    id: str = field(default_factory=new_id)


class MeetingState(Choice):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


MAX_SERIES = 60  # meetings a repeat rule creates at most (five years of monthly meetings)


@dataclass(kw_only=True)
class Meeting(Record):
    """A meeting with a mentor, coach or mentee.

    `state` is the meeting's own (planned, held, cancelled); `removed_from_calendar` is the
    calendar's mark, kept apart so that a removal there never loses that the meeting was held.
    A repeating meeting is a series of meetings sharing `series_id`, each with its own agenda,
    notes and action items; `rrule` keeps the rule the series was made with.
    """

    mentorship_id: str
    title: str
    start: ZonedDateTime
    end: ZonedDateTime
    location: str = ""  # a place or a video link
    agenda: list[AgendaTopic] = field(default_factory=list)
    notes: str = ""
    action_items: list[ActionItem] = field(default_factory=list)
    state: MeetingState = MeetingState.PLANNED
    removed_from_calendar: bool = False
    series_id: str = ""
    rrule: str = ""

    def validate(self) -> None:
        self.state = MeetingState(self.state)
        require_text(self.title, "A meeting's title", max_len=200)
        if self.end.instant <= self.start.instant:
            raise DomainError("A meeting must end after it starts")
        if self.end.instant - self.start.instant > timedelta(hours=12):
            raise DomainError("A meeting can last at most 12 hours")
        require_text_len(self.location, "A place or link", 500)
        require_text_len(self.notes, "Notes")
        self.agenda = [t for t in self.agenda if t.text.strip()]
        for topic in self.agenda:
            topic.text = topic.text.strip()
            require_text(topic.text, "An agenda topic", max_len=500)
        self.action_items = [a for a in self.action_items if a.text.strip()]
        for item in self.action_items:
            item.owner = Owner(item.owner)
            item.text = item.text.strip()
            require_text(item.text, "An action item", max_len=500)

    @property
    def open_topics(self) -> list[AgendaTopic]:
        return [t for t in self.agenda if not t.covered]

    @property
    def open_actions(self) -> list[ActionItem]:
        return [a for a in self.action_items if not a.done]

    def is_past(self, now: datetime) -> bool:
        return self.end.instant <= now

    def took_place(self, now: datetime) -> bool:
        """A real contact: marked held, or still planned at a time now past that the calendar kept
        (a meeting removed there, or cancelled, did not take place)."""
        return self.state is MeetingState.HELD or (
            self.state is MeetingState.PLANNED and not self.removed_from_calendar and self.is_past(now)
        )


def contact_due(
    own_days: int | None,
    tags: Iterable[str],
    rhythms: Mapping[str, int],
    last_seen: date | None,
    created_on: date,
    snoozed_until: date | None,
) -> tuple[date | None, int | None, str]:
    """When a contact is due (the rule of Reach out): the rhythm is the contact's own, else the
    shortest rhythm of its tags (*rhythms*: casefolded tag -> days); due that many days after the
    latest real contact (else the day the contact was added), or on the day it was snoozed to if
    later. Returns (due or None without a rhythm, the rhythm's days, the tag it comes from or "")."""
    days, source = own_days, ""
    if days is None:
        tagged = [(rhythms[t.casefold()], t) for t in tags if t.casefold() in rhythms]
        if tagged:
            days, source = min(tagged)
    if days is None:
        return None, None, ""
    due = (last_seen or created_on) + timedelta(days=days)
    if snoozed_until is not None and snoozed_until > due:
        due = snoozed_until
    return due, days, source
