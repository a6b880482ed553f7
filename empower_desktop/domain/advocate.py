"""Step 4: taking initiative and advocating for yourself.

Initiatives move through a pipeline (idea → proposed → accepted or declined → in progress →
delivered); opportunities are what the person wants to go after, each with a dated next step;
achievements are the record of the work with its impact; a conversation prep turns a period of
that record into the document brought to a manager, a skip-level, HR or a mentor, and keeps what
came out of the conversation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from .assess import Goal, GoalStatus, require_text_len
from .common import Choice, DomainError, Record, new_id, require_date_order, require_text
from .learn import LearningItem, LearningType, check_link

MAX_IMPACT = 1e12  # an impact number beyond this is a typing slip, not a measurement


class InitiativeKind(Choice):
    VOLUNTEERED_PROJECT = "volunteered_project"
    PROPOSED_IDEA = "proposed_idea"
    STRETCH_ASSIGNMENT = "stretch_assignment"


class InitiativeStatus(Choice):
    IDEA = "idea"
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return {"done": "Delivered", "in_progress": "In progress"}.get(self.value, self.value.capitalize())


# The pipeline in order; "declined" is off the line (a proposal that was turned down).
PIPELINE: tuple[InitiativeStatus, ...] = (
    InitiativeStatus.IDEA,
    InitiativeStatus.PROPOSED,
    InitiativeStatus.ACCEPTED,
    InitiativeStatus.IN_PROGRESS,
    InitiativeStatus.DONE,
)
# The stages as shown, grouped: the pipeline, then the declined ones.
STAGES: tuple[InitiativeStatus, ...] = (*PIPELINE, InitiativeStatus.DECLINED)


def next_stage(status: InitiativeStatus) -> InitiativeStatus | None:
    """The stage after *status* on the pipeline (None: delivered, or declined)."""
    if status not in PIPELINE:
        return None
    index = PIPELINE.index(status)
    return PIPELINE[index + 1] if index + 1 < len(PIPELINE) else None


def previous_stage(status: InitiativeStatus) -> InitiativeStatus | None:
    """The stage before *status* (a declined proposal goes back to "proposed")."""
    if status is InitiativeStatus.DECLINED:
        return InitiativeStatus.PROPOSED
    index = PIPELINE.index(status)
    return PIPELINE[index - 1] if index > 0 else None


@dataclass(kw_only=True)
class Initiative(Record):
    """A volunteered project, a proposed idea or a stretch assignment, and how it went.

    The stage dates are set as the initiative reaches each stage (and kept when it moves back).
    `follow_up_on` is the day of the next step: a dated item that goes to the calendar.
    """

    kind: InitiativeKind
    title: str
    description: str = ""  # what it is
    status: InitiativeStatus = InitiativeStatus.IDEA
    started_on: date | None = None  # noted, or started
    follow_up_on: date | None = None
    proposed_to: str = ""
    case_made: str = ""  # the case made for it
    outcome: str = ""
    proposed_on: date | None = None
    decided_on: date | None = None  # accepted or declined
    delivered_on: date | None = None
    goal_ids: list[str] = field(default_factory=list)
    skill_ids: list[str] = field(default_factory=list)

    def validate(self) -> None:
        self.kind = InitiativeKind(self.kind)
        self.status = InitiativeStatus(self.status)
        require_text(self.title, "An initiative's title", max_len=200)
        require_text_len(self.description, "A description")
        require_text_len(self.case_made, "The case made")
        require_text_len(self.outcome, "The outcome")
        if len(self.proposed_to) > 200:
            raise DomainError("“Proposed to” can be at most 200 characters")
        require_date_order(self.proposed_on, self.decided_on, "An initiative", "day it was proposed", "decision")
        require_date_order(self.started_on, self.delivered_on, "An initiative", "start", "day it was delivered")


class OpportunityKind(Choice):
    ROLE = "role"
    PROJECT = "project"
    TALK = "talk"
    OTHER = "other"


class OpportunityStatus(Choice):
    OPEN = "open"
    WON = "won"
    MISSED = "missed"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return {"open": "Going after it", "won": "Got it", "missed": "Not this time", "dropped": "Let go"}[self.value]


@dataclass(kw_only=True)
class Opportunity(Record):
    """A role, project or talk the person wants to go after; its next step is a dated item."""

    title: str
    kind: OpportunityKind = OpportunityKind.ROLE
    status: OpportunityStatus = OpportunityStatus.OPEN
    next_step: str = ""
    next_step_on: date | None = None
    notes: str = ""
    goal_ids: list[str] = field(default_factory=list)

    def validate(self) -> None:
        self.kind = OpportunityKind(self.kind)
        self.status = OpportunityStatus(self.status)
        require_text(self.title, "An opportunity's title", max_len=200)
        if len(self.next_step) > 500:
            raise DomainError("A next step can be at most 500 characters")
        if self.next_step_on is not None and not self.next_step.strip():
            raise DomainError("A next step's day needs the step itself: what will you do?")
        require_text_len(self.notes, "Notes")


class Visibility(Choice):
    SHAREABLE = "shareable"
    PRIVATE = "private"


@dataclass(kw_only=True)
class Achievement(Record):
    """What I did, when, and what it changed (with a number where there is one)."""

    title: str  # what I did
    achieved_on: date
    impact: str = ""  # what it changed, in words
    metric: str = ""  # how the impact was measured
    skill_ids: list[str] = field(default_factory=list)
    goal_id: str | None = None
    initiative_id: str | None = None
    impact_value: float | None = None  # e.g. 120
    impact_unit: str = ""  # e.g. "hours saved a month", "€", "users", "incidents avoided"
    evidence_link: str = ""
    noticed_by: str = ""
    visibility: Visibility = Visibility.SHAREABLE
    source: str = ""  # the suggestion it was accepted from ("goal-achieved:<id>", ...), if any

    def validate(self) -> None:
        self.visibility = Visibility(self.visibility)
        require_text(self.title, "An achievement's title", max_len=200)
        require_text_len(self.impact, "Impact")
        if len(self.metric) > 500:
            raise DomainError("“Measured by” can be at most 500 characters")
        value = self.impact_value
        if value is not None and not (math.isfinite(value) and abs(value) < MAX_IMPACT):
            raise DomainError("The impact is not a usable number")
        if len(self.impact_unit) > 60:
            raise DomainError("An impact's unit can be at most 60 characters")
        if len(self.noticed_by) > 200:
            raise DomainError("“Who noticed” can be at most 200 characters")
        self.evidence_link = check_link(self.evidence_link)

    @property
    def private(self) -> bool:
        return self.visibility is Visibility.PRIVATE


class SuggestionDecision(Choice):
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"
    BEFORE = "before"  # the event happened before the app made suggestions: never offered


@dataclass(kw_only=True)
class SuggestionMark(Record):
    """An event the app has proposed an achievement for, and what the person decided: once
    decided, the same event is never proposed again. `key` names the event
    ("goal-achieved:<goal id>", "milestone:<goal id>:<milestone id>", "certification:<item id>",
    "initiative-delivered:<initiative id>")."""

    key: str
    decision: SuggestionDecision

    def validate(self) -> None:
        self.decision = SuggestionDecision(self.decision)
        require_text(self.key, "A suggestion's key", max_len=300)


def goal_achieved_key(goal_id: str) -> str:
    return f"goal-achieved:{goal_id}"


def milestone_key(goal_id: str, milestone_id: str) -> str:
    return f"milestone:{goal_id}:{milestone_id}"


def certification_key(item_id: str) -> str:
    return f"certification:{item_id}"


def initiative_delivered_key(initiative_id: str) -> str:
    return f"initiative-delivered:{initiative_id}"


def is_earned_certification(item: LearningItem) -> bool:
    """The certification event: a certification with the day it was earned (the learning
    service sets that day when one is marked done)."""
    return item.kind is LearningType.CERTIFICATION and item.earned_on is not None


def event_keys(goals: list[Goal], items: list[LearningItem], initiatives: list[Initiative]) -> list[str]:
    """The key of every event in these records that the app proposes an achievement for."""
    keys = [goal_achieved_key(g.id) for g in goals if g.status is GoalStatus.ACHIEVED]
    keys += [milestone_key(g.id, m.id) for g in goals for m in g.milestones if m.done]
    keys += [certification_key(i.id) for i in items if is_earned_certification(i)]
    keys += [initiative_delivered_key(i.id) for i in initiatives if i.status is InitiativeStatus.DONE]
    return keys


class Audience(Choice):
    MANAGER = "manager"
    HR = "hr"
    SKIP_LEVEL = "skip_level"
    MENTOR = "mentor"

    @property
    def label(self) -> str:
        return {"hr": "HR", "skip_level": "Skip-level manager"}.get(self.value, self.value.capitalize())

    @property
    def cli_name(self) -> str:
        """As the command line spells it: manager, skip-level, hr, mentor."""
        return self.value.replace("_", "-")


@dataclass(kw_only=True)
class FollowUp:
    """Something agreed in a conversation, by a day: a dated item in Review and the calendar."""

    text: str
    due: date | None = None
    done: bool = False
    mine: bool = True  # False: the other person committed to it
    id: str = field(default_factory=new_id)


@dataclass(kw_only=True)
class ConversationPrep(Record):
    """Preparation for a conversation with a manager, a skip-level, HR or a mentor (a 1:1, a
    performance review, a promotion case), and what came out of it.

    The document is assembled from the record of the period (achievements, delivered initiatives,
    goals, learning, skills); `excluded_ids` are the items the person took out of it, and
    `achievement_ids` the private achievements they chose to put in. The sections the person
    writes are `aspirations`, `needs` and `ask` (the asks).
    """

    title: str
    audience: Audience = Audience.MANAGER
    planned_on: date | None = None
    ask: str = ""
    talking_points: list[str] = field(default_factory=list)
    achievement_ids: list[str] = field(default_factory=list)
    outcome: str = ""
    period_start: date | None = None
    period_end: date | None = None
    aspirations: str = ""
    needs: str = ""  # what I need: support, training, scope, pay
    excluded_ids: list[str] = field(default_factory=list)
    held_on: date | None = None
    my_commitments: str = ""
    their_commitments: str = ""
    follow_ups: list[FollowUp] = field(default_factory=list)

    def validate(self) -> None:
        self.audience = Audience(self.audience)
        require_text(self.title, "A conversation's title", max_len=200)
        require_text_len(self.ask, "The ask", 5000)
        require_text_len(self.outcome, "The outcome")
        require_text_len(self.aspirations, "Aspirations")
        require_text_len(self.needs, "What I need")
        require_text_len(self.my_commitments, "What I committed to")
        require_text_len(self.their_commitments, "What they committed to")
        require_date_order(self.period_start, self.period_end, "The period", "start", "end")
        for follow_up in self.follow_ups:
            require_text(follow_up.text, "A follow-up", max_len=500)

    @property
    def period(self) -> tuple[date, date]:
        """The first and last day the document covers; a prep from before periods were kept covers
        the 3 months up to its day."""
        end = self.period_end or self.planned_on or self.created.date()
        return self.period_start or min(end, end - timedelta(days=91)), end
