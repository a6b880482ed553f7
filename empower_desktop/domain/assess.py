"""Step 1: self-assessment (skills, strengths, weaknesses, interests, satisfaction, vision)
and SMART goals with a measurable metric, a deadline and milestones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .common import (
    NOTES_MAX,
    Choice,
    DomainError,
    Record,
    new_id,
    require_date_order,
    require_range,
    require_text,
)

LEVEL_MIN, LEVEL_MAX = 1, 5
SATISFACTION_MIN, SATISFACTION_MAX = 1, 10
MAX_METRIC = 1e12  # beyond this a metric value is a typo, not a measurement
SATISFACTION_ASPECTS = ("work itself", "growth", "recognition", "team", "balance")


@dataclass(kw_only=True)
class Skill(Record):
    name: str
    category: str = ""
    target_level: int | None = None
    notes: str = ""

    def validate(self) -> None:
        require_text(self.name, "A skill's name", max_len=120)
        if self.target_level is not None:
            require_range(self.target_level, LEVEL_MIN, LEVEL_MAX, "A target level")
        require_text_len(self.notes, "Notes")


@dataclass(kw_only=True)
class SkillRating(Record):
    """One dated self-rating of a skill; a skill's history is all of its ratings."""

    skill_id: str
    rated_on: date
    level: int
    evidence: str = ""

    def validate(self) -> None:
        require_range(self.level, LEVEL_MIN, LEVEL_MAX, "A rating")
        require_text_len(self.evidence, "Evidence")


class EntryKind(Choice):
    STRENGTH = "strength"
    WEAKNESS = "weakness"
    INTEREST = "interest"


@dataclass(kw_only=True)
class AssessmentEntry(Record):
    """A strength, weakness or interest, optionally linked to skills."""

    kind: EntryKind
    text: str
    position: int = 0
    skill_ids: list[str] = field(default_factory=list)

    def validate(self) -> None:
        self.kind = EntryKind(self.kind)
        article = "An" if self.kind is EntryKind.INTEREST else "A"
        require_text(self.text, f"{article} {self.kind.value}", max_len=1000)


@dataclass(kw_only=True)
class SatisfactionCheckIn(Record):
    """A dated job-satisfaction score (1-10) overall and per named aspect, with a note."""

    checked_on: date
    overall: int
    aspects: dict[str, int] = field(default_factory=dict)
    note: str = ""

    def validate(self) -> None:
        require_range(self.overall, SATISFACTION_MIN, SATISFACTION_MAX, "Overall satisfaction")
        for aspect, score in self.aspects.items():
            require_range(score, SATISFACTION_MIN, SATISFACTION_MAX, f"Satisfaction with {aspect}")
        require_text_len(self.note, "A note")


@dataclass(kw_only=True)
class CareerVision(Record):
    """One version of the career vision; earlier versions are kept as their own records."""

    revised_on: date
    one_year: str = ""
    three_years: str = ""
    five_years: str = ""
    success_means: str = ""

    def validate(self) -> None:
        for text, what in (
            (self.one_year, "In 1 year"),
            (self.three_years, "In 3 years"),
            (self.five_years, "In 5 years"),
            (self.success_means, "What success means"),
        ):
            require_text_len(text, what)


class GoalStatus(Choice):
    DRAFT = "draft"
    ACTIVE = "active"
    ACHIEVED = "achieved"
    PAUSED = "paused"  # set aside for now (in a review, with a reason); back to active when resumed
    DROPPED = "dropped"
    ARCHIVED = "archived"


@dataclass(kw_only=True)
class Milestone:
    title: str
    due: date | None = None
    done: bool = False
    id: str = field(default_factory=new_id)


@dataclass(kw_only=True)
class RequiredSkill:
    skill_id: str
    target_level: int


@dataclass(kw_only=True)
class ProgressPoint:
    """A dated measurement of a goal's metric."""

    on: date
    value: float


@dataclass(kw_only=True)
class Goal(Record):
    """A SMART goal. It may be stored as a draft while it is not SMART yet."""

    title: str
    specific: str = ""
    metric: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    current: float | None = None
    achievable: str = ""
    relevant: str = ""
    start: date | None = None
    deadline: date | None = None
    status: GoalStatus = GoalStatus.DRAFT
    milestones: list[Milestone] = field(default_factory=list)
    required_skills: list[RequiredSkill] = field(default_factory=list)
    progress: list[ProgressPoint] = field(default_factory=list)

    def validate(self) -> None:
        self.status = GoalStatus(self.status)
        require_text(self.title, "A goal's title", max_len=200)
        for text, what in ((self.specific, "Specific"), (self.achievable, "Achievable"), (self.relevant, "Relevant")):
            require_text_len(text, what)
        require_date_order(self.start, self.deadline, "A goal", "start", "deadline")
        measured = [(self.baseline, "Baseline"), (self.target, "Target"), (self.current, "Current value")]
        measured += [(point.value, f"The value measured on {point.on.isoformat()}") for point in self.progress]
        for value, what in measured:
            if value is not None and not abs(value) < MAX_METRIC:
                raise DomainError(f"{what} is not a usable number ({value:g}; at most ±{MAX_METRIC:,.0f})")
        for milestone in self.milestones:
            require_text(milestone.title, "A milestone's title", max_len=200)
        for required in self.required_skills:
            require_range(required.target_level, LEVEL_MIN, LEVEL_MAX, "A required skill's target level")


def require_text_len(value: str, what: str, max_len: int = NOTES_MAX) -> None:
    if len(value) > max_len:
        raise DomainError(f"{what} is too long ({len(value):,} characters; at most {max_len:,})")
