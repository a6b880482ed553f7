"""What a change touched, so that each view reads again only when something it shows changed.

The window announces a `Changes` after every action (and after a sync or a restore); a section
or a page says which `Kind`s it shows and reads again only when one of them is in the set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """One kind of record a view can show."""

    SKILLS = "skills"  # skills and their ratings
    PROFILE = "profile"  # strengths, weaknesses, interests
    CHECKINS = "checkins"  # job-satisfaction check-ins
    VISION = "vision"
    GOALS = "goals"  # goals, their milestones and progress
    LEARNING_ITEMS = "learning_items"
    SESSIONS = "sessions"  # sessions and habits with what happened to each occurrence
    NOTES = "notes"  # the "what I learned" notes
    LEARNING_TARGET = "learning_target"  # the weekly learning target
    NETWORK = "network"  # contacts, interactions, mentorships, meetings
    ADVOCACY = "advocacy"  # initiatives, achievements, conversations
    REVIEWS = "reviews"
    ACCOUNTS = "accounts"  # calendar accounts and what a sync left to resolve
    SETTINGS = "settings"


@dataclass(frozen=True)
class Changes:
    """The kinds of record one action (or a sync, or a restore) changed."""

    kinds: frozenset[Kind]

    @classmethod
    def of(cls, *kinds: Kind) -> Changes:
        return cls(frozenset(kinds))

    @classmethod
    def everything(cls) -> Changes:
        """All data was replaced (a restore, example data, a sync that brought changes)."""
        return cls(frozenset(Kind))

    def touches(self, kinds: Iterable[Kind]) -> bool:
        """Whether any of *kinds* changed."""
        return not self.kinds.isdisjoint(kinds)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds)

    def __bool__(self) -> bool:
        return bool(self.kinds)
