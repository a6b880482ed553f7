"""The ongoing review: what was done, what slipped, which goals to adapt.

A review is a guided sequence of pages (weekly: about 10 minutes; quarterly: deeper). It is saved
as the person goes (`page` is the page reached), so one left half-way is resumed; a finished one
is dated and read later. Each page writes through the same services as the step tabs (a skill
re-rated is a rating in step 1's history; a goal paused or dropped is that goal's status); the
review keeps what was decided and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .assess import require_text_len
from .common import Choice, Record, require_date_order


class ReviewKind(Choice):
    WEEKLY = "weekly"
    QUARTERLY = "quarterly"


class GoalAction(Choice):
    KEEP = "keep"
    ADJUST = "adjust"  # its target, deadline or milestones were changed in the review
    PAUSE = "pause"
    DROP = "drop"


@dataclass(kw_only=True)
class GoalDecision:
    """What the review decided about one goal, and why (a pause or a drop needs a reason)."""

    goal_id: str
    action: GoalAction
    reason: str = ""


# The pages of each kind of review, in order (the page names are stored in `Review.page`).
WEEKLY_PAGES: tuple[str, ...] = ("done", "slipped", "skills", "goals", "learned", "focus")
QUARTERLY_PAGES: tuple[str, ...] = (
    "done",
    "slipped",
    "satisfaction",
    "vision",
    "skills",
    "goals",
    "smart",
    "learned",
    "focus",
)


@dataclass(kw_only=True)
class Review(Record):
    period_start: date
    period_end: date
    done: str = ""  # what I did, in my words (the app lists the record beside it)
    slipped: str = ""
    adapt: str = ""
    goal_ids_adjusted: list[str] = field(default_factory=list)
    completed: bool = False
    kind: ReviewKind = ReviewKind.WEEKLY
    page: str = ""  # the page reached, to resume; "" before the first
    rerated_skill_ids: list[str] = field(default_factory=list)
    goal_decisions: list[GoalDecision] = field(default_factory=list)
    learned: str = ""  # what I learned about myself
    focus: str = ""  # the focus for the next week (or quarter)
    last_focus_kept: bool | None = None  # asked on the first page: was the previous review's focus kept?
    satisfaction_id: str | None = None  # the check-in made in a quarterly review
    vision_seen: bool = False
    finished_on: date | None = None

    def validate(self) -> None:
        self.kind = ReviewKind(self.kind)
        require_date_order(self.period_start, self.period_end, "A review period")
        for text, what in (
            (self.done, "What was done"),
            (self.slipped, "What slipped"),
            (self.adapt, "What to adapt"),
            (self.learned, "What I learned about myself"),
        ):
            require_text_len(text, what)
        require_text_len(self.focus, "The focus", 500)
        pages = WEEKLY_PAGES if self.kind is ReviewKind.WEEKLY else QUARTERLY_PAGES
        if self.page and self.page not in pages:
            self.page = pages[0]
        for decision in self.goal_decisions:
            decision.action = GoalAction(decision.action)
            require_text_len(decision.reason, "A reason")

    @property
    def pages(self) -> tuple[str, ...]:
        return WEEKLY_PAGES if self.kind is ReviewKind.WEEKLY else QUARTERLY_PAGES
