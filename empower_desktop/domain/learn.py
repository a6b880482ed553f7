"""Step 2: learning items (courses, certifications, ...) and the sessions that make time for them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .assess import require_text_len
from .common import Choice, DomainError, Record, ZonedDateTime, require_date_order, require_text

MAX_SESSION = timedelta(hours=12)


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
        require_date_order(self.start, self.finish, "A learning item")
        require_date_order(self.earned_on, self.expires_on, "A certification")
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

    @property
    def duration(self) -> timedelta:
        return self.end.instant - self.start.instant
