"""Step 2: learning items (courses, certifications, ...) and the sessions that make time for them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .assess import require_text_len
from .common import Choice, DomainError, Record, ZonedDateTime, require_date_order, require_text
from .recurrence import check_rule, key_to_local

MAX_SESSION = timedelta(hours=12)
MAX_MINUTES = 24 * 60
TAKEAWAY_MAX = 2000
LINK_MAX = 2000


def check_link(link: str) -> str:
    """The link as stored: empty, or an http(s) address with a host ("example.org/x" gets https://).

    Raises DomainError "The link is not a web address: ..." for anything else.
    """
    from urllib.parse import urlsplit

    text = link.strip()
    if not text:
        return ""
    if "://" not in text and "." in text.split("/", 1)[0] and not text.startswith(("/", ".")):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        scheme, host = parts.scheme.lower(), parts.hostname
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        scheme, host = "", None
    if len(text) > LINK_MAX or scheme not in ("http", "https") or not host or any(c.isspace() for c in text):
        raise DomainError(f"The link is not a web address: {link.strip()[:80]!r} (e.g. https://example.org/course)")
    return text


class LearningType(Choice):
    COURSE = "course"
    CERTIFICATION = "certification"
    WORKSHOP = "workshop"
    CONFERENCE = "conference"
    BOOK = "book"
    ARTICLE_VIDEO = "article_video"
    MENTORING = "mentoring"
    ON_THE_JOB = "on_the_job"

    @property
    def label(self) -> str:
        return {"article_video": "Article/video", "on_the_job": "On-the-job practice"}.get(
            self.value, self.value.capitalize()
        )


class LearningStatus(Choice):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


@dataclass(kw_only=True)
class LearningItem(Record):
    kind: LearningType
    title: str
    provider: str = ""
    link: str = ""
    cost: float | None = None
    estimated_hours: float | None = None
    skill_ids: list[str] = field(default_factory=list)
    goal_id: str | None = None
    status: LearningStatus = LearningStatus.PLANNED
    start: date | None = None
    finish: date | None = None
    earned_on: date | None = None
    expires_on: date | None = None
    notes: str = ""

    def validate(self) -> None:
        self.kind = LearningType(self.kind)
        self.status = LearningStatus(self.status)
        require_text(self.title, "A learning item's title", max_len=200)
        self.link = check_link(self.link)
        require_date_order(self.start, self.finish, "A learning item", "start", "finish")
        require_date_order(self.earned_on, self.expires_on, "A certification", "day it was earned", "expiry")
        if self.cost is not None and self.cost < 0:
            raise DomainError("A cost cannot be negative")
        if self.estimated_hours is not None and not 0 <= self.estimated_hours <= 10_000:
            raise DomainError("Estimated hours must be between 0 and 10,000")
        require_text_len(self.notes, "Notes")


class SessionState(Choice):
    PLANNED = "planned"
    DONE = "done"
    SKIPPED = "skipped"
    REMOVED_FROM_CALENDAR = "removed_from_calendar"


@dataclass(kw_only=True)
class LearningSession(Record):
    """A time block for a learning item: one-off, or a weekly habit when `rrule` is set.

    `rrule` holds an iCalendar RRULE value (e.g. "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270301T000000Z")
    and `exdates` the local start times of occurrences that were skipped or moved.
    """

    item_id: str
    start: ZonedDateTime
    end: ZonedDateTime
    rrule: str = ""
    exdates: list[str] = field(default_factory=list)
    reminder_minutes: int | None = None
    state: SessionState = SessionState.PLANNED
    minutes_spent: int | None = None
    takeaway: str = ""
    location: str = ""  # where, if anywhere (a calendar app may set it)
    notes: str = ""  # what came with it: an imported event's title, description and link
    # The calendar event it was imported from (its UID, and RECURRENCE-ID for one occurrence):
    # importing the same file again finds it instead of adding it twice.
    import_key: str = ""
    import_hash: str = ""  # how that event read when imported: a file that did not change it leaves it alone

    def validate(self) -> None:
        self.state = SessionState(self.state)
        if self.end.instant <= self.start.instant:
            raise DomainError("A session must end after it starts")
        if self.end.instant - self.start.instant > MAX_SESSION:
            raise DomainError("A session can last at most 12 hours")
        if self.minutes_spent is not None and not 0 <= self.minutes_spent <= 24 * 60:
            raise DomainError("Minutes spent must be between 0 and 1,440")
        if self.reminder_minutes is not None and not 0 <= self.reminder_minutes <= 7 * 24 * 60:
            raise DomainError("A reminder must be between 0 minutes and 7 days before")
        require_text_len(self.takeaway, "A takeaway", 2000)
        require_text_len(self.notes, "A session's notes", 5000)

        for key in self.exdates:
            key_to_local(key, self.start.tz)
        if self.rrule:
            check_rule(self.rrule, self.start.local(), self.start.tz, self.exdates)

    @property
    def duration(self) -> timedelta:
        return self.end.instant - self.start.instant

    @property
    def is_habit(self) -> bool:
        return bool(self.rrule)


class OccurrenceState(Choice):
    """Where one occurrence of a session stands. NOT_LOGGED is derived: past, neither done nor skipped."""

    PLANNED = "planned"
    DONE = "done"
    SKIPPED = "skipped"
    NOT_LOGGED = "not_logged"

    @property
    def label(self) -> str:
        return {"not_logged": "Not logged"}.get(self.value, self.value.capitalize())


@dataclass(kw_only=True)
class OccurrenceLog(Record):
    """What happened to one occurrence of a session: done (with the minutes actually spent and a
    one-line takeaway) or skipped. `occurrence` is the local start, as in `LearningSession.exdates`."""

    session_id: str
    occurrence: str
    state: OccurrenceState
    minutes_spent: int | None = None
    takeaway: str = ""

    def validate(self) -> None:
        self.state = OccurrenceState(self.state)
        if self.state not in (OccurrenceState.DONE, OccurrenceState.SKIPPED):
            raise DomainError("An occurrence is logged as done or skipped")
        key_to_local(self.occurrence, "UTC")
        if self.minutes_spent is not None:
            if self.state is OccurrenceState.SKIPPED:
                raise DomainError("A skipped session has no minutes spent")
            if not 0 <= self.minutes_spent <= MAX_MINUTES:
                raise DomainError(f"Minutes spent must be between 0 and 1,440 (got {self.minutes_spent})")
        require_text_len(self.takeaway, "A takeaway", TAKEAWAY_MAX)


@dataclass(kw_only=True)
class LearningNote(Record):
    """A dated note in the "what I learned" log, about one learning item or none."""

    written_on: date
    text: str
    item_id: str | None = None

    def validate(self) -> None:
        require_text(self.text, "A learning note", max_len=TAKEAWAY_MAX)
