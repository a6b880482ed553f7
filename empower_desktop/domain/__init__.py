"""Plain dataclasses and rules, one module per step. No I/O, no Qt."""

from .advocate import Achievement, ConversationPrep, Initiative, Opportunity, SuggestionMark
from .assess import AssessmentEntry, CareerVision, Goal, SatisfactionCheckIn, Skill, SkillRating
from .common import DomainError, Record, ZonedDateTime
from .learn import LearningItem, LearningNote, LearningSession, OccurrenceLog
from .network import Contact, Interaction, Meeting, Mentorship, Relationship, TagRhythm
from .review import Review

__all__ = [
    "Achievement",
    "AssessmentEntry",
    "CareerVision",
    "Contact",
    "ConversationPrep",
    "DomainError",
    "Goal",
    "Initiative",
    "Interaction",
    "LearningItem",
    "LearningNote",
    "LearningSession",
    "Meeting",
    "Mentorship",
    "OccurrenceLog",
    "Opportunity",
    "Record",
    "Relationship",
    "Review",
    "SatisfactionCheckIn",
    "Skill",
    "SkillRating",
    "SuggestionMark",
    "TagRhythm",
    "ZonedDateTime",
]
