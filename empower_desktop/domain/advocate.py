"""Step 4: taking initiative and advocating for yourself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .assess import require_text_len
from .common import Choice, Record, require_text


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


@dataclass(kw_only=True)
class Initiative(Record):
    kind: InitiativeKind
    title: str
    description: str = ""
    status: InitiativeStatus = InitiativeStatus.IDEA
    started_on: date | None = None
    follow_up_on: date | None = None
    goal_id: str | None = None

    def validate(self) -> None:
        self.kind = InitiativeKind(self.kind)
        self.status = InitiativeStatus(self.status)
        require_text(self.title, "An initiative's title", max_len=200)
        require_text_len(self.description, "A description")


@dataclass(kw_only=True)
class Achievement(Record):
    title: str
    achieved_on: date
    impact: str = ""
    metric: str = ""
    skill_ids: list[str] = field(default_factory=list)
    goal_id: str | None = None
    initiative_id: str | None = None

    def validate(self) -> None:
        require_text(self.title, "An achievement's title", max_len=200)
        require_text_len(self.impact, "Impact")


class Audience(Choice):
    MANAGER = "manager"
    HR = "hr"
    SKIP_LEVEL = "skip_level"
    MENTOR = "mentor"

    @property
    def label(self) -> str:
        return {"hr": "HR", "skip_level": "Skip-level manager"}.get(self.value, self.value.capitalize())


@dataclass(kw_only=True)
class ConversationPrep(Record):
    """Preparation for a conversation with a manager or HR (promotion, raise, new scope, ...)."""

    title: str
    audience: Audience = Audience.MANAGER
    planned_on: date | None = None
    ask: str = ""
    talking_points: list[str] = field(default_factory=list)
    achievement_ids: list[str] = field(default_factory=list)
    outcome: str = ""

    def validate(self) -> None:
        self.audience = Audience(self.audience)
        require_text(self.title, "A conversation's title", max_len=200)
        require_text_len(self.ask, "The ask", 5000)
        require_text_len(self.outcome, "The outcome")
