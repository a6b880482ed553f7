"""Schema upgrades tested with data: a database of every earlier schema, written by the app of that time,
is opened with today's code, and everything in it must still be there, unchanged, at the latest schema.

tests/data/schemas/vN.sqlite3 holds schema N (how they were made: scripts/make_schema_fixtures.md).
fixture_records() below is both the expectation and what the stored files were written from: the files
were made by running it with the code of the commit that wrote them, so it builds each record with the
classes of the code that runs it (a field a later migration renamed is passed under the name that code
knows: see CODE_SCHEMA), and a newer field or record only for the versions that have it.
"""

import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from empower_desktop.domain import (
    Achievement,
    AssessmentEntry,
    CareerVision,
    Contact,
    ConversationPrep,
    Goal,
    Initiative,
    Interaction,
    LearningItem,
    LearningSession,
    Meeting,
    Mentorship,
    Record,
    Review,
    SatisfactionCheckIn,
    Skill,
    SkillRating,
    ZonedDateTime,
)
from empower_desktop.domain.advocate import Audience, InitiativeKind, InitiativeStatus
from empower_desktop.domain.assess import EntryKind, GoalStatus, Milestone, ProgressPoint, RequiredSkill
from empower_desktop.domain.learn import LearningStatus, LearningType, SessionState
from empower_desktop.domain.network import ActionItem, AgendaTopic, InteractionKind, MeetingState, MentorRole
from empower_desktop.services import Services
from empower_desktop.store import DB_NAME, automatic_copies
from empower_desktop.store.backup import restore_backup, write_backup
from empower_desktop.store.migrations import LATEST_VERSION, MIGRATIONS
from empower_desktop.store.repositories import TABLES

SCHEMAS = Path(__file__).resolve().parents[2] / "data" / "schemas"

# -- what the stored databases hold ---------------------------------------------------------------------------

STAMP = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)  # created and updated of every record as first written
EDITED = datetime(2026, 6, 15, 9, 30, tzinfo=UTC)  # the clock while the files were made: edits carry it


def ident(table: int, n: int) -> str:
    """A fixed record id in the form of the app's UUIDs."""
    return f"{table:08d}-0000-4000-8000-{n:012d}"


SKILL_PYTHON, SKILL_DESIGN, SKILL_SPEAKING = ident(1, 1), ident(1, 2), ident(1, 3)
RATING_PYTHON_JAN, RATING_PYTHON_JUN = ident(2, 1), ident(2, 2)
GOAL_LEAD, GOAL_TALK, GOAL_RFC = ident(6, 1), ident(6, 2), ident(6, 3)
ITEM_BOOK, ITEM_CKA, ITEM_WORKSHOP = ident(7, 1), ident(7, 2), ident(7, 3)
SESSION_READING, SESSION_HABIT, SESSION_LIBRARY = ident(8, 1), ident(8, 2), ident(8, 3)
MILESTONE_RFC = ident(60, 1)  # done
CONTACT_MARTA, CONTACT_KENJI = ident(9, 1), ident(9, 2)
MENTORSHIP = ident(11, 1)
MEETING_HELD, MEETING_NEXT = ident(12, 1), ident(12, 2)
INITIATIVE, INITIATIVE_RUNBOOKS = ident(13, 1), ident(13, 2)
ACHIEVEMENT_CI, ACHIEVEMENT_DEMO = ident(14, 1), ident(14, 2)


# The schema of the code that runs this module: today's when testing, the old one when a stored file is
# made (its LATEST_VERSION). The records are built with the classes of that code.
CODE_SCHEMA = LATEST_VERSION


def topics(meeting_id: str, *texts: str, **flags: bool) -> list[AgendaTopic]:
    """Agenda topics as schema 5 made them of the plain texts stored before: ids from the meeting's.
    *flags* ("covered", "carried", as the files of schema 5 on hold them) apply to the first topic."""
    return [AgendaTopic(text=text, id=f"{meeting_id}-{k}", **(flags if k == 0 else {})) for k, text in enumerate(texts)]


def initiative_goals(*goal_ids: str) -> dict[str, Any]:
    """An initiative's goals as the running code takes them: its one `goal_id` before schema 6, its list
    `goal_ids` since (migration 6 turned the one into the other)."""
    if CODE_SCHEMA >= 6:
        return {"goal_ids": list(goal_ids)}
    assert len(goal_ids) <= 1, "before schema 6 an initiative has one goal"
    return {"goal_id": goal_ids[0] if goal_ids else None}


def marked_before(version: int) -> set[str]:
    """The events of the stored database of schema *version* that migration 6 marks as from before
    suggestions existed (so none is offered as an achievement): a milestone done, a certification
    earned and, in the files of schema 5 on, a goal achieved and an initiative delivered."""
    keys = {f"milestone:{GOAL_LEAD}:{MILESTONE_RFC}", f"certification:{ITEM_CKA}"}
    if version >= 5:
        keys |= {f"goal-achieved:{GOAL_RFC}", f"initiative-delivered:{INITIATIVE_RUNBOOKS}"}
    return keys if version < 6 else set()


SETTINGS: dict[str, Any] = {
    "general.time_zone": "Europe/Berlin",
    "learning.weekly_target_hours": 4.5,
    "review.cadence_weeks": 2,
    "calendar.reminder_minutes": 20,
    "state.welcomed": True,
}


def learning_log_records() -> dict[str, list[Record]]:
    """What schema 4 added: the log of the habit's occurrences and the "what I learned" notes."""
    from empower_desktop.domain.learn import LearningNote, OccurrenceLog, OccurrenceState

    stamp: dict[str, Any] = {"created": STAMP, "updated": STAMP}
    return {
        "occurrence_logs": [
            OccurrenceLog(
                id=ident(17, 1),
                session_id=SESSION_HABIT,
                occurrence="2026-06-02T07:30:00",
                state=OccurrenceState.DONE,
                minutes_spent=45,
                takeaway="Partitions by key range keep range scans cheap",
                **stamp,
            ),
            OccurrenceLog(
                id=ident(17, 2),
                session_id=SESSION_HABIT,
                occurrence="2026-06-09T07:30:00",
                state=OccurrenceState.DONE,
                minutes_spent=30,
                **stamp,
            ),
            # The habit's exception: a skipped occurrence is an EXDATE of the series.
            OccurrenceLog(
                id=ident(17, 3),
                session_id=SESSION_HABIT,
                occurrence="2026-06-11T07:30:00",
                state=OccurrenceState.SKIPPED,
                **stamp,
            ),
        ],
        "learning_notes": [
            LearningNote(
                id=ident(18, 1),
                written_on=date(2026, 6, 3),
                text="Read repair fixes a stale replica when it is read; anti-entropy fixes the rest",
                item_id=ITEM_BOOK,
                **stamp,
            ),
            LearningNote(
                id=ident(18, 2), written_on=date(2026, 6, 12), text="Lead with the decision, then why", **stamp
            ),
        ],
    }


def schema_5_values(version: int) -> dict[str, dict[str, Any]]:
    """What schema 5 added to records of before, by record (nothing before schema 5): an imported
    session's notes and event, a contact's relationship, phone, link and a reach-out put off, a
    mentorship's goals, skills and rhythm, a topic covered or carried over, an action the other person
    owns. None of it changes what goes to the calendar."""
    if version < 5:
        return {name: {} for name in ("reading", "marta", "kenji", "mentorship", "held", "next", "theirs")}
    from empower_desktop.domain.network import Owner, Relationship

    return {
        "reading": {
            "notes": "Imported from the library's reading plan: chapter 5, Replication",
            "import_key": "reading-plan-2026-06-03@library.example.org",
            "import_hash": "5f1d0c7a9e3b",
        },
        "marta": {"relationship": Relationship.MENTOR, "phone": "+49 30 1234567", "link": "https://marta.example.com/"},
        "kenji": {"relationship": Relationship.PEER, "snoozed_until": date(2026, 7, 1)},
        "mentorship": {"goal_ids": [GOAL_LEAD], "skill_ids": [SKILL_DESIGN], "cadence_days": 21},
        "held": {"covered": True},
        "next": {"carried": True},
        "theirs": {"owner": Owner.THEM},
    }


def schema_5_records(version: int) -> dict[str, list[Record]]:
    """Records of the files of schema 5 on that older files lack: a stay-in-touch rhythm of a tag (new in
    schema 5), and the events migration 6 must mark as from before: a goal achieved, an initiative
    delivered (neither goes to the calendar)."""
    if version < 5:
        return {"tag_rhythms": [], "goals": [], "initiatives": []}
    from empower_desktop.domain.network import TagRhythm

    stamp: dict[str, Any] = {"created": STAMP, "updated": STAMP}
    return {
        "tag_rhythms": [TagRhythm(id=ident(19, 1), tag="conference", cadence_days=90, **stamp)],
        "goals": [
            Goal(
                id=GOAL_RFC,
                title="Get the storage RFC accepted",
                metric="RFC accepted by the architecture guild",
                start=date(2026, 1, 5),
                deadline=date(2026, 4, 30),
                status=GoalStatus.ACHIEVED,
                **stamp,
            ),
        ],
        "initiatives": [
            Initiative(
                id=INITIATIVE_RUNBOOKS,
                kind=InitiativeKind.PROPOSED_IDEA,
                title="Runbooks next to the code",
                description="Proposed at the February retro",
                status=InitiativeStatus.DONE,
                started_on=date(2026, 2, 9),
                follow_up_on=date(2026, 3, 2),  # left over: a delivered initiative's follow-up is not shown
                **initiative_goals(),
                **schema_6_values(version)["runbooks"],
                **stamp,
            ),
        ],
    }


def schema_6_values(version: int) -> dict[str, dict[str, Any]]:
    """What schema 6 (step 4) added to records of before, by record (nothing before schema 6): the
    initiatives' pipeline, an achievement's measured impact, a conversation's period, what each side
    committed to and its follow-ups (done, or with no day: none goes to the calendar)."""
    names = ("initiative", "runbooks", "ci", "prep")
    if version < 6:
        return {name: {} for name in names}
    from empower_desktop.domain.advocate import FollowUp, Visibility

    return {
        "initiative": {
            "proposed_to": "Engineering manager",
            "case_made": "Builds take 25 minutes; the new runners cut that by half",
            "proposed_on": date(2026, 3, 20),
            "decided_on": date(2026, 3, 27),
            "skill_ids": [SKILL_PYTHON],
        },
        "runbooks": {"outcome": "Every service has its runbook in its repository", "delivered_on": date(2026, 3, 30)},
        "ci": {
            "impact_value": 16.0,
            "impact_unit": "minutes saved per build",
            "evidence_link": "https://ci.example.com/dashboards/build-times",
            "noticed_by": "Sofia, my manager",
            "visibility": Visibility.PRIVATE,
        },
        "prep": {
            "period_start": date(2026, 1, 1),
            "period_end": date(2026, 6, 30),
            "aspirations": "Lead the platform team",
            "needs": "A budget for the runners",
            "excluded_ids": [ACHIEVEMENT_DEMO],
            "my_commitments": "Write the on-call plan",
            "their_commitments": "Ask the director about the role",
            "follow_ups": [
                FollowUp(id=ident(150, 1), text="Send the CI numbers", due=date(2026, 6, 1), done=True),
                FollowUp(id=ident(150, 2), text="Name a budget owner", mine=False),
            ],
        },
    }


def schema_6_records(version: int) -> dict[str, list[Record]]:
    """Records of the files of schema 6 on that older files lack: an achievement taken from a suggestion,
    an opportunity (tables new in schema 6), what the person decided about each event the app proposed an
    achievement for, and a review left half-way (migration 7 must not date it as finished)."""
    if version < 6:
        return {"achievements": [], "opportunities": [], "suggestion_marks": [], "reviews": []}
    from empower_desktop.domain.advocate import (
        Opportunity,
        OpportunityKind,
        SuggestionDecision,
        SuggestionMark,
        certification_key,
        goal_achieved_key,
        initiative_delivered_key,
        milestone_key,
    )

    stamp: dict[str, Any] = {"created": STAMP, "updated": STAMP}
    accepted, dismissed = SuggestionDecision.ACCEPTED, SuggestionDecision.DISMISSED
    return {
        "achievements": [
            Achievement(
                id=ident(14, 3),
                title="Storage RFC accepted by the guild",
                achieved_on=date(2026, 4, 28),
                goal_id=GOAL_RFC,
                source=goal_achieved_key(GOAL_RFC),
                **stamp,
            )
        ],
        "opportunities": [
            Opportunity(
                id=ident(20, 1),
                title="Talk at the platform meetup",
                kind=OpportunityKind.TALK,
                next_step="Send the abstract",  # no day yet: nothing in the calendar
                notes="Autumn edition",
                goal_ids=[GOAL_TALK],
                **stamp,
            )
        ],
        "suggestion_marks": [
            SuggestionMark(id=ident(21, 1), key=goal_achieved_key(GOAL_RFC), decision=accepted, **stamp),
            SuggestionMark(id=ident(21, 2), key=milestone_key(GOAL_LEAD, MILESTONE_RFC), decision=dismissed, **stamp),
            SuggestionMark(id=ident(21, 3), key=certification_key(ITEM_CKA), decision=dismissed, **stamp),
            SuggestionMark(
                id=ident(21, 4), key=initiative_delivered_key(INITIATIVE_RUNBOOKS), decision=dismissed, **stamp
            ),
        ],
        "reviews": [
            Review(
                id=ident(16, 2),
                period_start=date(2026, 6, 1),
                period_end=date(2026, 6, 14),
                done="Runners half migrated",
                **stamp,
            )
        ],
    }


def schema_7_records(version: int) -> dict[str, list[Record]]:
    """Records of the files of schema 7 on that older files lack: a quarterly review finished with what
    schema 7 keeps of it (its last page, the skills re-rated, a decision on two goals with the reasons,
    what I learned, the focus picked and whether the last one was kept, the check-in it made, the career
    vision looked at). It ended before the weekly review of May, so that one stays the latest."""
    if version < 7:
        return {"reviews": []}
    from empower_desktop.domain.review import GoalAction, GoalDecision, ReviewKind

    return {
        "reviews": [
            Review(
                id=ident(16, 3),
                period_start=date(2026, 1, 1),
                period_end=date(2026, 3, 31),
                done="Storage RFC drafted",
                completed=True,
                kind=ReviewKind.QUARTERLY,
                page="focus",
                rerated_skill_ids=[SKILL_PYTHON, SKILL_SPEAKING],
                goal_decisions=[
                    GoalDecision(goal_id=GOAL_TALK, action=GoalAction.ADJUST, reason="The autumn meetup, not spring"),
                    GoalDecision(goal_id=GOAL_LEAD, action=GoalAction.KEEP),
                ],
                learned="I take on too much in one quarter",
                focus="Finish the RFC before anything new",
                last_focus_kept=True,
                satisfaction_id=ident(4, 1),
                vision_seen=True,
                finished_on=date(2026, 4, 2),
                created=STAMP,
                updated=STAMP,
            )
        ]
    }


def review_finished(day: date) -> dict[str, Any]:
    """A completed review's day of finishing, as the running code takes it: none before schema 7
    (migration 7 dates the reviews completed before as finished on the last day of their period)."""
    return {"finished_on": day} if CODE_SCHEMA >= 7 else {}


def fixture_records(version: int) -> dict[str, list[Record]]:
    """Every record of the stored database of schema *version*, by table (in TABLES order)."""
    stamp: dict[str, Any] = {"created": STAMP, "updated": STAMP}
    since_5 = schema_5_values(version)
    added_5 = schema_5_records(version)
    since_6 = schema_6_values(version)
    added_6 = schema_6_records(version)
    added_7 = schema_7_records(version)
    edited: dict[str, Any] = {"created": STAMP, "updated": EDITED}
    # Schema 2 gave sessions a location; the files of schema 2 on were synced, and this one was moved to
    # the library after the first sync (the edit is what the last sync pushed).
    library: dict[str, Any] = {"location": "Library, 2nd floor", **edited} if version >= 2 else stamp
    berlin, london, new_york = "Europe/Berlin", "Europe/London", "America/New_York"
    return {
        "skills": [
            Skill(
                id=SKILL_PYTHON, name="Python", category="Engineering", target_level=5, notes="Typing, asyncio", **stamp
            ),
            Skill(id=SKILL_DESIGN, name="System design", category="Engineering", target_level=4, **stamp),
            Skill(id=SKILL_SPEAKING, name="Public speaking", category="Communication", **stamp),
        ],
        "skill_ratings": [
            SkillRating(
                id=RATING_PYTHON_JAN,
                skill_id=SKILL_PYTHON,
                rated_on=date(2026, 1, 12),
                level=3,
                evidence="Wrote the CSV importer",
                **stamp,
            ),
            SkillRating(
                id=RATING_PYTHON_JUN,
                skill_id=SKILL_PYTHON,
                rated_on=date(2026, 6, 1),
                level=4,
                evidence="Reviewed the typing of the sync engine",
                **stamp,
            ),
            SkillRating(id=ident(2, 3), skill_id=SKILL_DESIGN, rated_on=date(2026, 2, 3), level=2, **stamp),
            SkillRating(
                id=ident(2, 4),
                skill_id=SKILL_SPEAKING,
                rated_on=date(2026, 3, 16),
                level=2,
                evidence="Team demo, nervous",
                **stamp,
            ),
        ],
        "assessment_entries": [
            AssessmentEntry(
                id=ident(3, 1), kind=EntryKind.STRENGTH, text="Calm in incidents", skill_ids=[SKILL_DESIGN], **stamp
            ),
            AssessmentEntry(id=ident(3, 2), kind=EntryKind.WEAKNESS, text="Saying no to side requests", **stamp),
            AssessmentEntry(
                id=ident(3, 3),
                kind=EntryKind.INTEREST,
                text="Developer tooling",
                position=1,
                skill_ids=[SKILL_PYTHON],
                **stamp,
            ),
        ],
        "satisfaction_checkins": [
            SatisfactionCheckIn(
                id=ident(4, 1),
                checked_on=date(2026, 3, 1),
                overall=6,
                aspects={"growth": 4, "team": 8},
                note="Stuck on maintenance work",
                **stamp,
            ),
            SatisfactionCheckIn(
                id=ident(4, 2),
                checked_on=date(2026, 6, 1),
                overall=8,
                aspects={"growth": 7, "team": 8, "balance": 6},
                **stamp,
            ),
        ],
        "career_visions": [
            CareerVision(
                id=ident(5, 1),
                revised_on=date(2026, 1, 10),
                one_year="Tech lead of the platform team",
                three_years="Staff engineer",
                five_years="Principal engineer, or my own developer-tools company",
                success_means="Other teams build on what we make",
                **stamp,
            ),
        ],
        "goals": [
            Goal(
                id=GOAL_LEAD,
                title="Become tech lead of the platform team",
                specific="Lead the platform roadmap and two cross-team projects by December",
                metric="cross-team projects led",
                unit="projects",
                baseline=0.0,
                target=2.0,
                current=1.0,
                achievable="My manager backs it; the current lead moves on in autumn",
                relevant="The first step of my vision",
                start=date(2026, 1, 1),
                deadline=date(2026, 12, 31),
                status=GoalStatus.ACTIVE,
                milestones=[
                    Milestone(id=MILESTONE_RFC, title="Write the storage RFC", due=date(2026, 3, 31), done=True),
                    Milestone(id=ident(60, 2), title="Run the on-call rotation", due=date(2026, 9, 30)),
                ],
                required_skills=[RequiredSkill(skill_id=SKILL_DESIGN, target_level=4)],
                progress=[
                    ProgressPoint(on=date(2026, 1, 1), value=0.0),
                    ProgressPoint(on=date(2026, 5, 20), value=1.0),
                ],
                **stamp,
            ),
            Goal(
                id=GOAL_TALK,
                title="Give a talk at PyCon DE",
                required_skills=[RequiredSkill(skill_id=SKILL_SPEAKING, target_level=3)],
                **stamp,
            ),
            *added_5["goals"],
        ],
        "learning_items": [
            LearningItem(
                id=ITEM_BOOK,
                kind=LearningType.BOOK,
                title="Designing Data-Intensive Applications",
                provider="O'Reilly",
                link="https://dataintensive.net/",
                cost=45.5,
                estimated_hours=30.0,
                skill_ids=[SKILL_DESIGN],
                goal_id=GOAL_LEAD,
                status=LearningStatus.IN_PROGRESS,
                start=date(2026, 5, 1),
                notes="Chapters 5 to 9 first",
                **stamp,
            ),
            LearningItem(
                id=ITEM_CKA,
                kind=LearningType.CERTIFICATION,
                title="Certified Kubernetes Administrator",
                provider="CNCF",
                link="https://www.cncf.io/training/certification/cka/",
                cost=395.0,
                status=LearningStatus.DONE,
                start=date(2026, 1, 15),
                finish=date(2026, 3, 20),
                earned_on=date(2026, 3, 20),
                expires_on=date(2028, 3, 20),
                **stamp,
            ),
            LearningItem(
                id=ITEM_WORKSHOP,
                kind=LearningType.WORKSHOP,
                title="Speaking with confidence",
                provider="Toastmasters Berlin",
                skill_ids=[SKILL_SPEAKING],
                goal_id=GOAL_TALK,
                **stamp,
            ),
        ],
        "learning_sessions": [
            LearningSession(
                id=SESSION_READING,
                item_id=ITEM_BOOK,
                start=ZonedDateTime.at(datetime(2026, 6, 3, 19, 0), berlin),
                end=ZonedDateTime.at(datetime(2026, 6, 3, 20, 30), berlin),
                reminder_minutes=10,
                state=SessionState.DONE,
                minutes_spent=85,
                takeaway="Leaderless replication needs read repair",
                **since_5["reading"],
                **stamp,
            ),
            LearningSession(
                id=SESSION_HABIT,
                item_id=ITEM_BOOK,
                start=ZonedDateTime.at(datetime(2026, 6, 2, 7, 30), new_york),
                end=ZonedDateTime.at(datetime(2026, 6, 2, 8, 15), new_york),
                rrule="FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261222T235959Z",
                exdates=["2026-06-11T07:30:00"],
                **stamp,
            ),
            LearningSession(
                id=SESSION_LIBRARY,
                item_id=ITEM_WORKSHOP,
                start=ZonedDateTime.at(datetime(2026, 6, 20, 10, 0), berlin),
                end=ZonedDateTime.at(datetime(2026, 6, 20, 12, 0), berlin),
                **library,
            ),
        ],
        **(learning_log_records() if version >= 4 else {}),
        "contacts": [
            Contact(
                id=CONTACT_MARTA,
                name="Marta Kowalska",
                organisation="Acme Cloud",
                role="Principal engineer",
                email="marta@example.com",
                how_we_met="Architecture guild",
                cadence_days=30,
                tags=["mentor", "platform"],
                notes="Prefers mornings",
                **since_5["marta"],
                **stamp,
            ),
            Contact(
                id=CONTACT_KENJI,
                name="Kenji Watanabe",
                organisation="PyCon DE",
                role="Programme committee",
                email="kenji@example.org",
                how_we_met="EuroPython 2025",
                tags=["conference"],
                **since_5["kenji"],
                **stamp,
            ),
        ],
        "interactions": [
            Interaction(
                id=ident(10, 1),
                contact_id=CONTACT_MARTA,
                happened_on=date(2026, 5, 12),
                kind=InteractionKind.MEETING,
                summary="Talked the storage RFC through",
                **stamp,
            ),
            Interaction(
                id=ident(10, 2),
                contact_id=CONTACT_KENJI,
                happened_on=date(2026, 4, 2),
                summary="Asked about the call for proposals",
                **stamp,
            ),
        ],
        "tag_rhythms": added_5["tag_rhythms"],
        "mentorships": [
            Mentorship(
                id=MENTORSHIP,
                contact_id=CONTACT_MARTA,
                role=MentorRole.MENTOR,
                focus="Growing into a tech lead",
                started_on=date(2026, 2, 1),
                **since_5["mentorship"],
                **stamp,
            ),
        ],
        "meetings": [
            Meeting(
                id=MEETING_HELD,
                mentorship_id=MENTORSHIP,
                title="Mentoring: RFC feedback",
                start=ZonedDateTime.at(datetime(2026, 5, 12, 8, 30), london),
                end=ZonedDateTime.at(datetime(2026, 5, 12, 9, 15), london),
                location="Video call",
                agenda=topics(MEETING_HELD, "Open questions of the RFC", "Next steps", **since_5["held"]),
                notes="Split the RFC in two",
                action_items=[
                    ActionItem(id=ident(120, 1), text="Send the revised RFC", due=date(2026, 5, 19), done=True),
                    ActionItem(id=ident(120, 2), text="Book a slot with the SRE lead", **since_5["theirs"]),
                ],
                state=MeetingState.HELD,
                **stamp,
            ),
            Meeting(
                id=MEETING_NEXT,
                mentorship_id=MENTORSHIP,
                title="Mentoring: on-call plan",
                start=ZonedDateTime.at(datetime(2026, 6, 23, 8, 30), london),
                end=ZonedDateTime.at(datetime(2026, 6, 23, 9, 15), london),
                location="Room 4",  # edited in the app and, differently, in the calendar: a conflict
                agenda=topics(MEETING_NEXT, "Draft of the on-call rotation", **since_5["next"]),
                **edited,
            ),
        ],
        "initiatives": [
            Initiative(
                id=INITIATIVE,
                kind=InitiativeKind.VOLUNTEERED_PROJECT,
                title="Move CI to the new runners",
                description="Volunteered at the April planning",
                status=InitiativeStatus.IN_PROGRESS,
                started_on=date(2026, 4, 1),
                follow_up_on=date(2026, 7, 1),
                **initiative_goals(GOAL_LEAD),
                **since_6["initiative"],
                **stamp,
            ),
            *added_5["initiatives"],
        ],
        "achievements": [
            Achievement(
                id=ACHIEVEMENT_CI,
                title="Cut CI time from 25 to 9 minutes",
                achieved_on=date(2026, 5, 28),
                impact="Every team ships faster",
                metric="-64% build time",
                skill_ids=[SKILL_PYTHON],
                goal_id=GOAL_LEAD,
                initiative_id=INITIATIVE,
                **since_6["ci"],
                **stamp,
            ),
            Achievement(
                id=ACHIEVEMENT_DEMO,
                title="First team demo",
                achieved_on=date(2026, 3, 16),
                skill_ids=[SKILL_SPEAKING],
                **stamp,
            ),
            *added_6["achievements"],
        ],
        "conversation_preps": [
            ConversationPrep(
                id=ident(15, 1),
                title="Tech lead conversation",
                audience=Audience.MANAGER,
                planned_on=date(2026, 7, 8),
                ask="The tech lead role from September",
                talking_points=["CI migration", "Storage RFC"],
                achievement_ids=[ACHIEVEMENT_CI],
                **since_6["prep"],
                **stamp,
            ),
        ],
        "opportunities": added_6["opportunities"],
        "suggestion_marks": added_6["suggestion_marks"],
        "reviews": [
            Review(
                id=ident(16, 1),
                period_start=date(2026, 5, 1),
                period_end=date(2026, 5, 31),
                done="RFC accepted",
                slipped="The speaking workshop is not booked yet",
                adapt="Book the workshop before July",
                goal_ids_adjusted=[GOAL_TALK],
                completed=True,
                **review_finished(date(2026, 5, 31)),
                **stamp,
            ),
            *added_6["reviews"],
            *added_7["reviews"],
        ],
    }


# The calendar accounts of the files of schema 2 on: a CalDAV calendar (synced three times with an
# in-memory calendar standing in for the server) and an .ics file (never written).
WORK = "Work calendar"
WORK_KINDS = ("session", "meeting", "deadline", "milestone", "renewal", "followup")
WORK_URL = "https://cloud.example.com/remote.php/dav"
WORK_CALENDAR = "https://cloud.example.com/remote.php/dav/calendars/alex/empower/"
PHONE = "Phone"
PHONE_PATH = "/home/alex/Calendars/empower.ics"
FOREIGN_HREF = "/calendars/empower/dentist.ics"  # another app's event in the same calendar
# That event as put in the calendar from schema 4 on (the bytes of the files of schemas 2 and 3 were not kept).
FOREIGN_ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\nBEGIN:VEVENT\r\nUID:dentist-2026@example.org\r\n"
    b"DTSTAMP:20260601T090000Z\r\nDTSTART:20260620T090000Z\r\nDTEND:20260620T100000Z\r\n"
    b"SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def uid(kind: str, record_id: str) -> str:
    """The calendar UID of a record, as the stored files hold it."""
    return f"{kind}-{record_id}@empower-desktop"


# What the syncs left per calendar UID: the ETag of the calendar's copy (from the in-memory calendar).
SYNCED_ETAGS = {
    uid("deadline", GOAL_LEAD): '"1-958aa8133a49"',
    uid("followup", INITIATIVE): '"2-5ade51a3161e"',
    uid("meeting", MEETING_HELD): '"3-5469f4dad855"',
    uid("meeting", MEETING_NEXT): '"11-c1ebe6dddcf5"',
    uid("milestone", ident(60, 2)): '"5-caefba973205"',
    uid("renewal", ITEM_CKA): '"6-e49cd81e43c2"',
    uid("session", SESSION_READING): '"7-a9c34535c542"',
    uid("session", SESSION_HABIT): '"8-12801460d88c"',
    uid("session", SESSION_LIBRARY): '"9-52cf822ad9d5"',
}
# The app of schema 4 writes the habit's EXDATE with the zone of the series (TZID): another event, another ETag.
SYNCED_ETAGS_SINCE_4 = SYNCED_ETAGS | {uid("session", SESSION_HABIT): '"8-930867029b6e"'}
FOREIGN_ETAG = '"10-936b7264115c"'
FOREIGN_ETAG_SINCE_4 = '"10-b63770bcab02"'  # FOREIGN_ICS
# The session's move to the library, sent in the third sync whose answer was lost (kept from schema 3 on).
LIBRARY_WRITTEN = {
    "description": "",
    "end": "2026-06-20T12:00:00 Europe/Berlin",
    "location": "Library, 2nd floor",
    "start": "2026-06-20T10:00:00 Europe/Berlin",
    "summary": "Learning: Speaking with confidence",
}


# -- the stored files, opened as the app opens a data folder -------------------------------------------------


def schema_of(path: Path) -> int:
    """The schema version a stored file is named for (vN.sqlite3)."""
    match = re.fullmatch(r"v(\d+)\.sqlite3", path.name)
    assert match is not None, f"{path.name}: stored databases are named vN.sqlite3"
    return int(match.group(1))


STORED = sorted(SCHEMAS.glob("v*.sqlite3"), key=schema_of)


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


@dataclass(frozen=True)
class Upgraded:
    version: int  # the schema the stored file was written in
    stored: Path  # the stored file (not to be opened: opening leaves files beside it)
    services: Services
    folder: Path  # the data folder it was opened in


@pytest.fixture(params=STORED, ids=[p.stem for p in STORED])
def upgraded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Upgraded]:
    """A copy of a stored database, opened (and so migrated) the way the app opens its data folder."""
    stored: Path = request.param
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(stored, folder / DB_NAME)
    services = Services.open(folder, clock=lambda: EDITED)
    try:
        yield Upgraded(schema_of(stored), stored, services, folder)
    finally:
        services.close()


def test_there_is_a_stored_database_of_every_earlier_schema(tmp_path: Path) -> None:
    """A new migration needs the database of the schema before it: see scripts/make_schema_fixtures.md."""
    assert [schema_of(p) for p in STORED] == list(range(1, LATEST_VERSION))
    for path in STORED:
        assert not path.with_name(path.name + "-wal").exists() and not path.with_name(path.name + "-shm").exists()
        copy = shutil.copyfile(path, tmp_path / path.name)  # read a copy: opening may leave files beside it
        assert user_version(copy) == schema_of(path)


def test_the_schema_is_brought_to_the_latest_version(upgraded: Upgraded) -> None:
    conn = upgraded.services.store.db.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_copy_is_kept_before_each_migration_step(upgraded: Upgraded) -> None:
    backups = upgraded.folder / "backups"
    steps: dict[tuple[int, int], Path] = {}
    for copy in backups.glob("before-migration-*.sqlite3"):
        match = re.fullmatch(r"before-migration-v(\d+)-to-v(\d+)-\d{8}-\d{6}-\d{6}\.sqlite3", copy.name)
        assert match is not None, copy.name
        steps[int(match.group(1)), int(match.group(2))] = copy
    assert sorted(steps) == [(n, n + 1) for n in range(upgraded.version, LATEST_VERSION)]
    assert set(steps.values()) <= set(automatic_copies(upgraded.services.db_path))  # offered for recovery
    for (before, _after), copy in steps.items():
        assert user_version(copy) == before
    # The first copy is the database as it was: the old schema with its data.
    conn = sqlite3.connect(steps[upgraded.version, upgraded.version + 1])
    try:
        assert conn.execute("SELECT title, deadline FROM goals WHERE id = ?", (GOAL_LEAD,)).fetchall() == [
            ("Become tech lead of the platform team", "2026-12-31")
        ]
        assert conn.execute("SELECT count(*) FROM skill_ratings").fetchone()[0] == 4
    finally:
        conn.close()


def test_every_record_is_still_there_with_the_same_values(upgraded: Upgraded) -> None:
    store = upgraded.services.store
    expected = fixture_records(upgraded.version)
    for table, repo in store.repositories().items():
        found = sorted(repo.all(), key=lambda r: r.id)
        if table == "suggestion_marks" and upgraded.version < 6:  # made by migration 6: checked below
            assert {mark.key for mark in found} == marked_before(upgraded.version)
            continue
        assert found == sorted(expected.get(table, []), key=lambda r: r.id), table
    for key, value in SETTINGS.items():
        assert upgraded.services.settings.get(key) == value, key


def test_what_the_person_wrote_reads_back_as_written(upgraded: Upgraded) -> None:
    store = upgraded.services.store
    goal = store.goals.get(GOAL_LEAD)
    assert (goal.title, goal.start, goal.deadline, goal.status) == (
        "Become tech lead of the platform team",
        date(2026, 1, 1),
        date(2026, 12, 31),
        GoalStatus.ACTIVE,
    )
    assert (goal.baseline, goal.target, goal.current, goal.unit) == (0.0, 2.0, 1.0, "projects")
    assert [(m.id, m.title, m.due, m.done) for m in goal.milestones] == [
        (ident(60, 1), "Write the storage RFC", date(2026, 3, 31), True),
        (ident(60, 2), "Run the on-call rotation", date(2026, 9, 30), False),
    ]
    assert [(r.skill_id, r.target_level) for r in goal.required_skills] == [(SKILL_DESIGN, 4)]
    assert [(p.on, p.value) for p in goal.progress] == [(date(2026, 1, 1), 0.0), (date(2026, 5, 20), 1.0)]
    assert store.goals.get(GOAL_TALK).deadline is None

    ratings = store.skill_ratings.where("skill_id = ?", (SKILL_PYTHON,), order_by="rated_on")
    assert [(r.rated_on, r.level, r.evidence) for r in ratings] == [
        (date(2026, 1, 12), 3, "Wrote the CSV importer"),
        (date(2026, 6, 1), 4, "Reviewed the typing of the sync engine"),
    ]
    assert store.skills.get(SKILL_PYTHON).target_level == 5
    assert store.skills.get(SKILL_SPEAKING).target_level is None

    habit = store.learning_sessions.get(SESSION_HABIT)
    assert habit.start.tz == "America/New_York"
    assert habit.start.instant == datetime(2026, 6, 2, 11, 30, tzinfo=UTC)  # 7:30 EDT
    assert habit.start.local().replace(tzinfo=None) == datetime(2026, 6, 2, 7, 30)
    assert habit.duration == timedelta(minutes=45)
    assert habit.rrule == "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261222T235959Z"
    assert habit.exdates == ["2026-06-11T07:30:00"]
    reading = store.learning_sessions.get(SESSION_READING)
    assert (reading.start.tz, reading.start.instant) == ("Europe/Berlin", datetime(2026, 6, 3, 17, 0, tzinfo=UTC))
    assert (reading.state, reading.minutes_spent, reading.reminder_minutes) == (SessionState.DONE, 85, 10)
    assert reading.takeaway == "Leaderless replication needs read repair"
    library = store.learning_sessions.get(SESSION_LIBRARY)
    assert library.location == ("Library, 2nd floor" if upgraded.version >= 2 else "")  # schema 2 added it

    book = store.learning_items.get(ITEM_BOOK)
    assert (book.cost, book.estimated_hours, book.goal_id, book.skill_ids) == (45.5, 30.0, GOAL_LEAD, [SKILL_DESIGN])
    cka = store.learning_items.get(ITEM_CKA)
    assert (cka.kind, cka.earned_on, cka.expires_on) == (
        LearningType.CERTIFICATION,
        date(2026, 3, 20),
        date(2028, 3, 20),
    )

    held = store.meetings.get(MEETING_HELD)
    assert (held.start.tz, held.start.instant) == ("Europe/London", datetime(2026, 5, 12, 7, 30, tzinfo=UTC))
    assert [(a.text, a.due, a.done) for a in held.action_items] == [
        ("Send the revised RFC", date(2026, 5, 19), True),
        ("Book a slot with the SRE lead", None, False),
    ]
    assert [t.text for t in held.agenda] == ["Open questions of the RFC", "Next steps"]
    assert store.meetings.get(MEETING_NEXT).location == "Room 4"
    marta = store.contacts.get(CONTACT_MARTA)
    assert (marta.email, marta.cadence_days, marta.tags) == ("marta@example.com", 30, ["mentor", "platform"])
    assert store.achievements.get(ACHIEVEMENT_CI).initiative_id == INITIATIVE
    assert store.initiatives.get(INITIATIVE).goal_ids == [GOAL_LEAD]
    assert store.satisfaction.get(ident(4, 2)).aspects == {"growth": 7, "team": 8, "balance": 6}
    assert upgraded.services.settings.get("general.time_zone") == "Europe/Berlin"
    assert upgraded.services.settings.get("learning.weekly_target_hours") == 4.5
    if upgraded.version < 5:
        return
    # What schema 5 added.
    assert (reading.notes, reading.import_key) == (
        "Imported from the library's reading plan: chapter 5, Replication",
        "reading-plan-2026-06-03@library.example.org",
    )
    assert (marta.relationship.value, marta.phone, marta.link) == (
        "mentor",
        "+49 30 1234567",
        "https://marta.example.com/",
    )
    assert store.contacts.get(CONTACT_KENJI).snoozed_until == date(2026, 7, 1)
    assert [(r.tag, r.cadence_days) for r in store.tag_rhythms.all()] == [("conference", 90)]
    mentorship = store.mentorships.get(MENTORSHIP)
    assert (mentorship.goal_ids, mentorship.skill_ids, mentorship.cadence_days) == ([GOAL_LEAD], [SKILL_DESIGN], 21)
    assert [(t.covered, t.carried) for t in held.agenda] == [(True, False), (False, False)]
    assert [(t.covered, t.carried) for t in store.meetings.get(MEETING_NEXT).agenda] == [(False, True)]
    assert [a.owner.value for a in held.action_items] == ["me", "them"]
    assert store.goals.get(GOAL_RFC).status is GoalStatus.ACHIEVED
    runbooks = store.initiatives.get(INITIATIVE_RUNBOOKS)
    assert (runbooks.status, runbooks.goal_ids) == (InitiativeStatus.DONE, [])


def test_an_initiatives_one_goal_becomes_its_list_of_goals(upgraded: Upgraded) -> None:
    store = upgraded.services.store
    initiative = store.initiatives.get(INITIATIVE)
    assert initiative.goal_ids == [GOAL_LEAD]
    if upgraded.version >= 5:
        assert store.initiatives.get(INITIATIVE_RUNBOOKS).goal_ids == []  # no goal before: none now
    # The old column stays (SQLite cannot drop a column that references another table), emptied: nothing
    # reads it, and deleting a goal no longer touches it.
    conn = store.db.conn
    assert conn.execute("SELECT count(*) FROM initiatives WHERE goal_id IS NOT NULL").fetchone()[0] == 0
    # Edited and saved with today's code, it keeps its goal and takes another.
    initiative.goal_ids.append(GOAL_TALK)
    store.initiatives.update(initiative)
    assert store.initiatives.get(INITIATIVE).goal_ids == [GOAL_LEAD, GOAL_TALK]


def test_what_step_4_adds_starts_empty_on_the_records_of_before(upgraded: Upgraded) -> None:
    from empower_desktop.domain.advocate import Visibility

    if upgraded.version >= 6:  # written by the app of step 4: what it holds is checked in the next test
        return
    store = upgraded.services.store
    for initiative in store.initiatives.all():
        assert (initiative.proposed_to, initiative.case_made, initiative.outcome, initiative.skill_ids) == (
            "",
            "",
            "",
            [],
        )
        assert (initiative.proposed_on, initiative.decided_on, initiative.delivered_on) == (None, None, None)
    for achievement in store.achievements.all():
        assert (achievement.impact_value, achievement.impact_unit, achievement.evidence_link) == (None, "", "")
        assert (achievement.noticed_by, achievement.visibility, achievement.source) == ("", Visibility.SHAREABLE, "")
    # What was written before is kept as it was: the impact in words, how it was measured.
    ci = store.achievements.get(ACHIEVEMENT_CI)
    assert (ci.impact, ci.metric) == ("Every team ships faster", "-64% build time")
    [prep] = store.conversations.all()
    assert (prep.period_start, prep.period_end, prep.held_on) == (None, None, None)
    assert (prep.aspirations, prep.needs, prep.my_commitments, prep.their_commitments) == ("", "", "", "")
    assert (prep.excluded_ids, prep.follow_ups) == ([], [])
    assert (prep.ask, prep.achievement_ids) == ("The tech lead role from September", [ACHIEVEMENT_CI])
    assert store.opportunities.all() == []


def test_what_step_4_wrote_reads_back_as_written(upgraded: Upgraded) -> None:
    from empower_desktop.domain.advocate import OpportunityStatus, SuggestionDecision, Visibility

    if upgraded.version < 6:  # written before step 4: checked in the test above
        return
    store = upgraded.services.store
    initiative = store.initiatives.get(INITIATIVE)
    assert (initiative.proposed_to, initiative.proposed_on, initiative.decided_on, initiative.skill_ids) == (
        "Engineering manager",
        date(2026, 3, 20),
        date(2026, 3, 27),
        [SKILL_PYTHON],
    )
    runbooks = store.initiatives.get(INITIATIVE_RUNBOOKS)
    assert (runbooks.delivered_on, runbooks.outcome) == (
        date(2026, 3, 30),
        "Every service has its runbook in its repository",
    )
    ci = store.achievements.get(ACHIEVEMENT_CI)
    assert (ci.impact_value, ci.impact_unit, ci.visibility) == (16.0, "minutes saved per build", Visibility.PRIVATE)
    assert store.achievements.get(ident(14, 3)).source == f"goal-achieved:{GOAL_RFC}"
    [prep] = store.conversations.all()
    assert (prep.period_start, prep.period_end, prep.excluded_ids) == (
        date(2026, 1, 1),
        date(2026, 6, 30),
        [ACHIEVEMENT_DEMO],
    )
    assert [(f.text, f.due, f.done, f.mine) for f in prep.follow_ups] == [
        ("Send the CI numbers", date(2026, 6, 1), True, True),
        ("Name a budget owner", None, False, False),
    ]
    [opportunity] = store.opportunities.all()
    assert (opportunity.title, opportunity.status, opportunity.next_step, opportunity.goal_ids) == (
        "Talk at the platform meetup",
        OpportunityStatus.OPEN,
        "Send the abstract",
        [GOAL_TALK],
    )
    decisions = {mark.key: mark.decision for mark in store.suggestion_marks.all()}
    assert decisions[f"goal-achieved:{GOAL_RFC}"] is SuggestionDecision.ACCEPTED
    assert list(decisions.values()).count(SuggestionDecision.DISMISSED) == 3


def test_reviews_of_before_are_weekly_and_a_completed_one_is_dated_as_finished(upgraded: Upgraded) -> None:
    """Migration 7: every review of before is a weekly one with nothing of the guided pages yet; one
    completed is finished on the last day of its period, so the next review starts the day after it."""
    from empower_desktop.domain.review import ReviewKind

    services = upgraded.services
    reviews = {r.id: r for r in services.store.reviews.all()}
    done = reviews[ident(16, 1)]
    assert (done.completed, done.finished_on) == (True, date(2026, 5, 31))
    for review in (r for r in reviews.values() if r.id != ident(16, 3)):  # the files of schema 7 on: below
        assert (review.kind, review.page, review.rerated_skill_ids, review.goal_decisions) == (
            ReviewKind.WEEKLY,
            "",
            [],
            [],
        )
        assert (review.learned, review.focus, review.last_focus_kept, review.satisfaction_id) == ("", "", None, None)
        assert review.vision_seen is False
    conn = services.store.db.conn
    assert (
        conn.execute("SELECT count(*) FROM reviews WHERE completed = 0 AND finished_on IS NOT NULL").fetchone()[0] == 0
    )
    if upgraded.version >= 6:  # the files of schema 6 on hold one left half-way: it is resumed, not dated
        half_way = reviews[ident(16, 2)]
        assert (half_way.completed, half_way.finished_on) == (False, None)
        assert services.review.start(ReviewKind.WEEKLY).id == half_way.id
    else:  # the next weekly review covers what came after the one finished
        assert services.review.start(ReviewKind.WEEKLY).period_start == date(2026, 6, 1)
    before_7 = [row.review.id for row in services.review.history() if row.review.id != ident(16, 3)]
    assert before_7[-1] == done.id


def test_what_a_guided_review_kept_reads_back_as_written(upgraded: Upgraded) -> None:
    """What schema 7 keeps of a review (the files of schema 7 on hold a finished quarterly one)."""
    if upgraded.version < 7:
        return
    from empower_desktop.domain.review import GoalAction, ReviewKind

    services = upgraded.services
    review = services.store.reviews.get(ident(16, 3))
    assert (review.kind, review.page, review.completed, review.finished_on) == (
        ReviewKind.QUARTERLY,
        "focus",
        True,
        date(2026, 4, 2),
    )
    assert review.rerated_skill_ids == [SKILL_PYTHON, SKILL_SPEAKING]
    assert [(d.goal_id, d.action, d.reason) for d in review.goal_decisions] == [
        (GOAL_TALK, GoalAction.ADJUST, "The autumn meetup, not spring"),
        (GOAL_LEAD, GoalAction.KEEP, ""),
    ]
    assert (review.learned, review.focus, review.last_focus_kept) == (
        "I take on too much in one quarter",
        "Finish the RFC before anything new",
        True,
    )
    assert (review.satisfaction_id, review.vision_seen) == (ident(4, 1), True)
    history = [row.review.id for row in services.review.history()]
    assert history.index(ident(16, 3)) > history.index(ident(16, 1))  # newest first: it ended before May's


def test_events_from_before_suggestions_are_marked_never_to_be_proposed(upgraded: Upgraded) -> None:
    """An upgrade does not greet the person with an achievement to log for every goal ever achieved:
    each event that happened before is marked "before", once; an event still to come is not. (In the files
    of schema 6 on, the person decided on each event: nothing is marked "before".)"""
    from empower_desktop.domain.advocate import SuggestionDecision

    marks = [m for m in upgraded.services.store.suggestion_marks.all() if m.decision is SuggestionDecision.BEFORE]
    assert sorted(mark.key for mark in marks) == sorted(marked_before(upgraded.version))
    assert all(mark.decision is SuggestionDecision.BEFORE for mark in marks)
    assert len({mark.id for mark in marks}) == len(marks)
    assert not any(ident(60, 2) in mark.key for mark in marks)  # the milestone not done yet
    assert not any(INITIATIVE in mark.key for mark in marks)  # the initiative in progress
    assert upgraded.services.advocacy.suggestions() == []  # nothing from before is proposed


def columns_by_table(conn: sqlite3.Connection) -> dict[str, set[str]]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: {r[1] for r in conn.execute(f"PRAGMA table_info({table})")} for table in tables}


# What a migration fills from the data it finds rather than leaving empty or at the column's default (checked
# in the tests above): the marks of the events from before suggestions, an initiative's goal moved to its list,
# the day a review completed before was finished.
FILLED_TABLES = {"suggestion_marks"}
FILLED_COLUMNS = {("initiatives", "goal_ids"), ("reviews", "finished_on")}


def test_tables_and_columns_of_later_migrations_exist_and_are_empty(upgraded: Upgraded, tmp_path: Path) -> None:
    old_conn = sqlite3.connect(shutil.copyfile(upgraded.stored, tmp_path / "old.sqlite3"))
    try:
        old = columns_by_table(old_conn)
    finally:
        old_conn.close()
    conn = upgraded.services.store.db.conn
    now = columns_by_table(conn)
    later = "\n".join(MIGRATIONS[upgraded.version :])
    created = set(re.findall(r"CREATE TABLE (\w+)", later)) & set(now)
    altered = re.findall(r"ALTER TABLE (\w+) ADD COLUMN (\w+)", later)
    assert created or altered  # what the later migrations added (migration 5: columns only)
    assert set(now) - set(old) == created
    for table in created - FILLED_TABLES:
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    added = {(table, column) for table in old for column in now[table] - old[table]}
    assert {(table, column) for table, column in altered if table in old} <= added
    for table, column in added - FILLED_COLUMNS:  # the rows written before hold the column's default
        info = {row["name"]: row for row in conn.execute(f"PRAGMA table_info({table})")}
        default = info[column]["dflt_value"] or "NULL"
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE {column} IS NOT {default}").fetchone()[0] == 0
    # In the end the schema is the one a new data folder gets.
    fresh = Services.open(tmp_path / "fresh")
    try:
        schema = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        assert [tuple(r) for r in conn.execute(schema)] == [tuple(r) for r in fresh.store.db.conn.execute(schema)]
    finally:
        fresh.close()


def test_the_calendar_sync_state_is_kept(upgraded: Upgraded) -> None:
    from empower_desktop.sync.mapping import uid_for
    from empower_desktop.sync.status import StatusStore

    services = upgraded.services
    if upgraded.version < 2:  # no calendar accounts before schema 2
        assert services.calendar.accounts() == []
        return
    accounts = [
        (a.name, a.kind, a.kinds, a.url, a.username, a.calendar_url, a.calendar_name, a.path, a.supports_todos)
        for a in services.calendar.accounts()
    ]
    assert accounts == [
        (PHONE, "ics", ("review",), "", "", "", "", PHONE_PATH, False),
        (WORK, "caldav", WORK_KINDS, WORK_URL, "alex", WORK_CALENDAR, "Empower", "", True),
    ]
    status = StatusStore(services.store.db, WORK)
    statuses = status.all()
    assert {u: s.etag for u, s in statuses.items()} == (SYNCED_ETAGS_SINCE_4 if upgraded.version >= 4 else SYNCED_ETAGS)
    assert all(s.href == f"/calendars/empower/{u}.ics" and not s.removed_remotely for u, s in statuses.items())
    assert uid_for("session", SESSION_LIBRARY) == uid("session", SESSION_LIBRARY)  # records still map to them
    library = statuses[uid("session", SESSION_LIBRARY)]
    assert library.fields["location"] == ""  # as last agreed: the move's answer never came
    assert library.written == (LIBRARY_WRITTEN if upgraded.version >= 3 else None)  # schema 3 keeps what was sent
    assert statuses[uid("meeting", MEETING_NEXT)].fields["summary"] == "Mentoring: on-call plan"
    assert status.foreign() == {FOREIGN_HREF: FOREIGN_ETAG_SINCE_4 if upgraded.version >= 4 else FOREIGN_ETAG}
    assert status.token() is None
    assert [(i.uid, i.kind, i.field, i.local_value, i.remote_value, i.detail, i.created) for i in status.issues()] == [
        (
            uid("meeting", MEETING_NEXT),
            "conflict",
            "location",
            "Room 4",
            "Café Central",
            "Mentoring: on-call plan",
            "2026-06-15T09:30:00+00:00",
        )
    ]
    assert StatusStore(services.store.db, PHONE).all() == {}
    # Only the move whose answer was lost waits to go to the calendar: the upgrade changed nothing else the
    # next sync would write.
    assert services.calendar.pending_changes() == 1


def test_the_upgraded_database_is_consistent(upgraded: Upgraded) -> None:
    db = upgraded.services.store.db
    assert db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.integrity_check() == ["ok"]


def test_a_backup_of_the_upgraded_data_restores_into_a_new_data_folder(upgraded: Upgraded, tmp_path: Path) -> None:
    store = upgraded.services.store
    backup = tmp_path / "backup.json"
    expected = fixture_records(upgraded.version)
    expected["suggestion_marks"] = list(store.suggestion_marks.all())  # made by the upgrade, kept as they are
    assert write_backup(store, backup) == {table: len(expected.get(table, [])) for table in TABLES}
    fresh = Services.open(tmp_path / "fresh", clock=lambda: EDITED)
    try:
        restore_backup(fresh.store, backup, keep_copy=False)
        for table, repo in fresh.store.repositories().items():
            assert sorted(repo.all(), key=lambda r: r.id) == sorted(expected.get(table, []), key=lambda r: r.id), table
        for key, value in SETTINGS.items():
            assert fresh.settings.get(key) == value, key
    finally:
        fresh.close()
