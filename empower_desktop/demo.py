"""Realistic example data covering every step, for a first look, screenshots and benchmarks.

`size="small"` is one person's lived-in record; `size="large"` grows it to the start-up
benchmark's data set (200 skills with rating history, 300 goals, 2,000 learning sessions,
1,500 contacts, 3,000 interactions, 1,000 achievements). The data is the same for the same day.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from .domain import (
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
    Opportunity,
    Review,
    SatisfactionCheckIn,
    Skill,
    SkillRating,
    SuggestionMark,
    ZonedDateTime,
)
from .domain.advocate import (
    Audience,
    FollowUp,
    InitiativeKind,
    InitiativeStatus,
    OpportunityKind,
    OpportunityStatus,
    SuggestionDecision,
    Visibility,
)
from .domain.assess import SATISFACTION_ASPECTS, EntryKind, GoalStatus, Milestone, ProgressPoint, RequiredSkill
from .domain.common import zone
from .domain.learn import LearningNote, LearningStatus, LearningType, OccurrenceLog, OccurrenceState
from .domain.learning_plan import expand
from .domain.network import (
    ActionItem,
    AgendaTopic,
    InteractionKind,
    MeetingState,
    MentorRole,
    MentorshipStatus,
    Owner,
    Relationship,
    TagRhythm,
)
from .domain.recurrence import occurrence_key, weekly_rule
from .domain.review import QUARTERLY_PAGES, WEEKLY_PAGES, ReviewKind
from .store import Store

SIZES = {
    "small": {"skills": 14, "goals": 6, "sessions": 48, "contacts": 24, "interactions": 39, "achievements": 14},
    "large": {
        "skills": 200,
        "goals": 300,
        "sessions": 2000,
        "contacts": 1500,
        "interactions": 3000,
        "achievements": 1000,
    },
}

SKILLS = [
    ("System design", "Engineering", 4),
    ("Python", "Engineering", 5),
    ("SQL & data modelling", "Engineering", 4),
    ("Distributed systems", "Engineering", 4),
    ("Kubernetes", "Platform", 3),
    ("Observability", "Platform", 4),
    ("Technical writing", "Communication", 4),
    ("Public speaking", "Communication", 3),
    ("Stakeholder management", "Leadership", 4),
    ("Mentoring others", "Leadership", 4),
    ("Roadmap planning", "Leadership", 3),
    ("Negotiation", "Leadership", 3),
    ("Rust", "Engineering", 3),
    ("Product sense", "Business", 3),
    ("Hiring & interviewing", "Leadership", 3),
    ("Cost awareness (FinOps)", "Business", 2),
]
# Three milestones per goal with a deadline, in order (a quarter, half and three quarters of the way)
MILESTONES = {
    "Get promoted to Staff Engineer": (
        "Write the promotion case with Sofia",
        "Lead the cross-team tracing work",
        "Present the platform roadmap to the directors",
    ),
    "Give two conference talks": (
        "Submit the event-pipeline abstract",
        "Give a dry run at the PyLadies meetup",
        "Send the slides for the regional conference",
    ),
    "Cut p99 latency of the order API": (
        "Per-endpoint p99 dashboards live",
        "Cache the product lookups",
        "Move the payment call off the hot path",
    ),
    "Earn the Kubernetes administrator certificate": (
        "Finish the networking modules",
        "Pass two practice exams",
        "Book the exam date",
    ),
    "Mentor two junior engineers": (
        "Agree goals with Arjun and Kwame",
        "Both on the on-call rota",
        "Each leads one design review",
    ),
}

GOALS = [
    (
        "Get promoted to Staff Engineer",
        "Be promoted to Staff Engineer in the next cycle by leading cross-team work",
        "staff-level scope items delivered",
        "items",
        0,
        4,
        2,
        GoalStatus.ACTIVE,
        120,
        [("System design", 5), ("Stakeholder management", 4)],
    ),
    (
        "Give two conference talks",
        "Speak at two regional engineering conferences about our event pipeline",
        "talks given",
        "talks",
        0,
        2,
        1,
        GoalStatus.ACTIVE,
        200,
        [("Public speaking", 4), ("Technical writing", 4)],
    ),
    (
        "Cut p99 latency of the order API",
        "Reduce the order API's p99 latency from 900 ms to 300 ms",
        "p99 latency",
        "ms",
        900,
        300,
        610,
        GoalStatus.ACTIVE,
        60,
        [("Observability", 5), ("Distributed systems", 5)],
    ),
    (
        "Earn the Kubernetes administrator certificate",
        "Pass the CKA exam with at least 80 percent",
        "exam modules completed",
        "modules",
        0,
        10,
        3,
        GoalStatus.ACTIVE,
        75,
        [("Kubernetes", 4)],
    ),
    (
        "Mentor two junior engineers",
        "Mentor two junior engineers through their first on-call rotation",
        "mentees through on-call",
        "people",
        0,
        2,
        2,
        GoalStatus.ACHIEVED,
        -20,
        [("Mentoring others", 4)],
    ),
    ("Get better at negotiation", "", "", "", None, None, None, GoalStatus.DRAFT, None, [("Negotiation", 4)]),
]
# One person's plan: each item serves the goal it belongs to and builds a skill that goal asks for,
# and lasts as long as such a thing does (a conference three days, a book a few weeks).
# (type, title, provider, cost, hours, goal, skill, status, starts in days, lasts days)
LEARNING = [
    (
        LearningType.COURSE,
        "Designing Data-Intensive Applications study group",
        "Internal guild",
        0.0,
        30,
        "Cut p99 latency of the order API",
        "Distributed systems",
        LearningStatus.IN_PROGRESS,
        -80,
        150,
    ),
    (
        LearningType.CERTIFICATION,
        "Certified Kubernetes Administrator (CKA)",
        "CNCF",
        395.0,
        60,
        "Earn the Kubernetes administrator certificate",
        "Kubernetes",
        LearningStatus.IN_PROGRESS,
        -75,
        140,
    ),
    (
        LearningType.WORKSHOP,
        "Speaker workshop: from abstract to stage",
        "Tech Speakers Club",
        150.0,
        8,
        "Give two conference talks",
        "Public speaking",
        LearningStatus.PLANNED,
        20,
        1,
    ),
    (
        LearningType.BOOK,
        "Staff Engineer: Leadership beyond the management track",
        "Will Larson",
        35.0,
        12,
        "Get promoted to Staff Engineer",
        "Stakeholder management",
        LearningStatus.DONE,
        -70,
        35,
    ),
    (
        LearningType.CONFERENCE,
        "EuroPython",
        "EuroPython Society",
        450.0,
        24,
        "Give two conference talks",
        "Technical writing",
        LearningStatus.PLANNED,
        150,
        3,
    ),
    (
        LearningType.ARTICLE_VIDEO,
        "Latency tail-at-scale reading list",
        "Papers",
        0.0,
        6,
        "Cut p99 latency of the order API",
        "Observability",
        LearningStatus.IN_PROGRESS,
        -72,
        90,
    ),
    (
        LearningType.ON_THE_JOB,
        "Lead the order API performance sprint",
        "Team",
        0.0,
        40,
        "Cut p99 latency of the order API",
        "Observability",
        LearningStatus.IN_PROGRESS,
        -74,
        90,
    ),
    (
        LearningType.MENTORING,
        "Negotiation coaching sessions",
        "Coach",
        300.0,
        6,
        "Get better at negotiation",
        "Negotiation",
        LearningStatus.PLANNED,
        10,
        60,
    ),
    (
        LearningType.CERTIFICATION,
        "AWS Certified Solutions Architect - Associate",
        "Amazon Web Services",
        150.0,
        40,
        "Get promoted to Staff Engineer",
        "System design",
        LearningStatus.DONE,
        -1140,
        90,
    ),
]
# What a logged session taught, per learning item above (in the same order).
TAKEAWAYS = [
    [
        "Idempotent consumers make retries safe",
        "Leader election needs fencing tokens, not just leases",
        "Snapshot isolation still allows write skew",
        "Log compaction keeps the latest value per key, not the history",
    ],
    [
        "kubectl drain respects PodDisruptionBudgets",
        "Back up etcd before every upgrade",
        "NetworkPolicies deny nothing until one selects the pod",
    ],
    ["Practice the opening", "Write the conclusion first, then the talk"],
    ["Write decisions down: a memo travels further than a meeting", "Sponsorship is earned in public"],
    ["Ask speakers what they would do differently", "Hallway track: three new contacts"],
    ["Use p99 not averages", "Hedged requests cut the tail at a small cost"],
    ["Profile before guessing: the hot path was JSON encoding", "Use p99 not averages"],
    ["Name the number first and explain it", "Silence after an offer is fine"],
    ["Well-architected: start from the failure modes", "Pick the storage class by access pattern"],
]
NOTES = [
    (3, 0, "Chapter 9 finally made linearizability click: it is about one copy, not about time."),
    (9, 1, "Practice exam 2: 71%. Weak spots: etcd backup and restore, network policies."),
    (16, None, "Asking 'what would make this a yes?' turned a stalled review into a plan."),
    (23, 5, "Tail latency compounds with fan-out: 100 calls at p99 means most requests see one."),
    (30, 2, "Record the rehearsal: I speak 30% faster than I think I do."),
]
FIRST = [
    "Priya",
    "Jonas",
    "Mei",
    "Carlos",
    "Amara",
    "Lukas",
    "Sofia",
    "Ravi",
    "Elena",
    "Tom",
    "Aisha",
    "Noah",
    "Hana",
    "Mateo",
    "Ingrid",
    "Kwame",
    "Lea",
    "Omar",
    "Yuki",
    "Ben",
    "Fatima",
    "Daniel",
    "Chloe",
    "Arjun",
]
LAST = [
    "Shah",
    "Becker",
    "Chen",
    "Ruiz",
    "Okafor",
    "Novak",
    "Rossi",
    "Iyer",
    "Petrova",
    "Walsh",
    "Haddad",
    "Kim",
    "Tanaka",
    "Silva",
    "Larsen",
    "Mensah",
    "Dubois",
    "Farouk",
    "Sato",
    "Cohen",
    "Nasser",
    "Weber",
    "Martin",
    "Rao",
]
ORGS = [
    "Acme Logistics",
    "Northwind",
    "Contoso",
    "Globex",
    "Initech",
    "PyLadies Berlin",
    "CNCF meetup",
    "University of Leeds",
]
ROLES = [
    "Staff Engineer",
    "Engineering Manager",
    "Principal Engineer",
    "Product Manager",
    "Recruiter",
    "CTO",
    "Developer Advocate",
    "SRE Lead",
    "Data Scientist",
    "Tech Lead",
]
# -- Step 3: one person's network -----------------------------------------------------------------------
# The person works at Acme Logistics (Contoso before that), is on the way to Staff Engineer, is
# preparing a first conference talk, and mentors a junior engineer.


@dataclass(frozen=True)
class _Person:
    name: str
    organisation: str
    role: str
    relationship: Relationship
    tags: tuple[str, ...] = ()
    rhythm: int | None = None  # stay in touch every N days (None: a tag's rhythm, or none)
    known_days: int = 400  # added this many days ago
    how_we_met: str = ""
    notes: str = ""
    link: str = ""


NETWORK = [
    _Person(
        "Sofia Rossi",
        "Acme Logistics",
        "Engineering Manager",
        Relationship.MANAGER,
        ("acme",),
        14,
        600,
        "My manager since I joined Acme",
        "Weekly 1:1 on Tuesdays. Supports the staff case; wants to see cross-team scope written down.",
    ),
    _Person(
        "Lukas Novak",
        "Acme Logistics",
        "Director of Engineering",
        Relationship.COLLEAGUE,
        ("acme", "leadership"),
        45,
        500,
        "Skip-level",
        "Skip-level every six weeks or so. Cares about platform teams sharing code.",
    ),
    _Person(
        "Jonas Becker",
        "Acme Logistics",
        "Staff Engineer",
        Relationship.COLLEAGUE,
        ("acme", "platform"),
        known_days=600,
        how_we_met="Same platform group",
        notes="Co-signed the tracing-library memo. Went through the staff promotion last year.",
    ),
    _Person(
        "Mei Chen",
        "Acme Logistics",
        "Product Manager",
        Relationship.COLLEAGUE,
        ("acme",),
        known_days=300,
        how_we_met="PM of the order API",
    ),
    _Person(
        "Ravi Iyer",
        "Acme Logistics",
        "SRE",
        Relationship.COLLEAGUE,
        ("acme", "sre"),
        known_days=500,
        how_we_met="On-call rotation",
    ),
    _Person(
        "Arjun Rao",
        "Acme Logistics",
        "Backend Engineer",
        Relationship.COLLEAGUE,
        ("acme", "mentee"),
        60,
        380,
        "Mentored him through his first on-call rotation",
        "Now mentors the next intern himself.",
    ),
    _Person(
        "Kwame Mensah",
        "Acme Logistics",
        "Junior Backend Engineer",
        Relationship.MENTEE,
        ("acme", "mentee"),
        14,
        100,
        "Joined my team in spring; Sofia asked me to mentor him",
    ),
    _Person(
        "Ingrid Larsen",
        "Northwind",
        "Principal Engineer",
        Relationship.MENTOR,
        ("mentor", "platform"),
        30,
        210,
        "Platform-engineering meetup; she offered to mentor me",
        "Went from senior to principal at Northwind in four years. Prefers a short written update before we meet.",
        "https://example.org/in/ingrid-larsen",
    ),
    _Person(
        "Amara Okafor",
        "Tech Speakers Club",
        "Speaker coach",
        Relationship.COACH,
        ("speaking",),
        30,
        110,
        "Speaker workshop taster evening",
        "Has coached dozens of first-time conference speakers.",
    ),
    _Person(
        "Tom Walsh",
        "Globex",
        "SRE Lead",
        Relationship.MENTOR,
        ("mentor", "sre"),
        90,
        450,
        "SREcon; mentored me for a year on incidents and on-call",
    ),
    _Person(
        "Elena Petrova",
        "Contoso",
        "Tech Lead",
        Relationship.COLLEAGUE,
        ("former-team",),
        known_days=700,
        how_we_met="Same team at Contoso",
    ),
    _Person(
        "Carlos Ruiz",
        "Contoso",
        "Data Scientist",
        Relationship.COLLEAGUE,
        ("former-team",),
        known_days=700,
        how_we_met="Same team at Contoso",
        notes="Curious about our event pipeline; might want a talk at their data guild.",
    ),
    _Person(
        "Hana Tanaka",
        "Initech",
        "CTO",
        Relationship.COLLEAGUE,
        ("former-team", "leadership"),
        60,
        700,
        "My manager at Contoso",
        "Great on sponsorship and promotions; CTO at Initech since last year.",
    ),
    _Person(
        "Priya Shah",
        "Globex",
        "Staff Engineer",
        Relationship.PEER,
        ("platform", "python"),
        known_days=250,
        how_we_met="EuroPython, hallway track",
        notes="Wrote Globex's retry library. Offered to review my talk slides.",
        link="https://example.org/in/priya-shah",
    ),
    _Person(
        "Omar Farouk",
        "Northwind",
        "Principal Engineer",
        Relationship.PEER,
        ("distributed-systems", "platform"),
        60,
        50,
        "Introduced by Ingrid",
        "Built distributed tracing at Northwind.",
    ),
    _Person(
        "Yuki Sato",
        "CNCF meetup",
        "Developer Advocate",
        Relationship.PEER,
        ("kubernetes", "speaking"),
        known_days=300,
        how_we_met="CNCF meetup",
        notes="Passed the CKA last year; organises the meetup's talks.",
    ),
    _Person(
        "Lea Dubois",
        "PyLadies Berlin",
        "Meetup organiser",
        Relationship.PEER,
        ("python", "speaking"),
        known_days=400,
        how_we_met="PyLadies Berlin meetup",
    ),
    _Person(
        "Noah Kim",
        "Initech",
        "SRE Lead",
        Relationship.PEER,
        ("sre",),
        90,
        300,
        "SREcon",
    ),
    _Person(
        "Chloe Martin",
        "EuroPython Society",
        "Programme committee",
        Relationship.PEER,
        ("python", "speaking"),
        known_days=300,
        how_we_met="EuroPython volunteers' dinner",
    ),
    _Person(
        "Daniel Weber",
        "University of Leeds",
        "Lecturer, distributed systems",
        Relationship.PEER,
        ("distributed-systems",),
        120,
        400,
        "Guest lecture in his course",
    ),
    _Person(
        "Fatima Nasser",
        "Globex",
        "Technical Recruiter",
        Relationship.RECRUITER,
        ("hiring",),
        180,
        200,
        "She reached out about a staff role",
        "Said not now; happy to talk again in the autumn.",
    ),
    _Person(
        "Ben Cohen",
        "Northwind",
        "Recruiter",
        Relationship.RECRUITER,
        ("hiring",),
        known_days=300,
        how_we_met="He reached out about a senior role",
    ),
    _Person(
        "Aisha Haddad",
        "Paywise",
        "Founder",
        Relationship.OTHER,
        ("friends",),
        90,
        900,
        "University friend",
        "Building a payments start-up; may need a platform advisor.",
    ),
    _Person(
        "Mateo Silva",
        "Northwind",
        "Engineering Manager",
        Relationship.PEER,
        ("leadership",),
        known_days=200,
        how_we_met="Panel at the Northwind engineering open day",
    ),
]
TAG_RHYTHMS = {"former-team": 90, "speaking": 60}  # stay in touch with everyone tagged so, every N days
# (with whom, days ago, kind, what happened, follow up in days from today)
INTERACTIONS: list[tuple[str, int, InteractionKind, str, int | None]] = [
    ("Sofia Rossi", 3, InteractionKind.MEETING, "1:1: I lead the tracing-library rollout next quarter", None),
    ("Sofia Rossi", 17, InteractionKind.MEETING, "1:1: asked what the staff rubric still needs from me", None),
    ("Sofia Rossi", 30, InteractionKind.MESSAGE, "Sent her the tracing-library decision memo", None),
    ("Sofia Rossi", 45, InteractionKind.MEETING, "1:1: the latency sprint is visible and well written up", None),
    ("Lukas Novak", 62, InteractionKind.MEETING, "Skip-level: how platform teams could share more code", None),
    ("Lukas Novak", 150, InteractionKind.MEETING, "Skip-level: introduced the order API latency work", None),
    ("Jonas Becker", 33, InteractionKind.MEETING, "Co-signed my tracing-library memo", None),
    ("Jonas Becker", 80, InteractionKind.CALL, "Walked me through his staff promotion packet", None),
    ("Mei Chen", 8, InteractionKind.MEETING, "Roadmap: the latency work goes first in Q3", None),
    ("Ravi Iyer", 36, InteractionKind.MESSAGE, "Thanked him for letting Kwame shadow his on-call shift", None),
    ("Arjun Rao", 70, InteractionKind.MESSAGE, "Congratulated him on passing probation", None),
    ("Kwame Mensah", 2, InteractionKind.MESSAGE, "Sent him the order-import design doc as an example", None),
    ("Ingrid Larsen", 210, InteractionKind.EVENT, "Platform-engineering meetup: she offered to mentor me", None),
    ("Ingrid Larsen", 38, InteractionKind.MESSAGE, "Sent her the draft of the tracing-library memo", None),
    ("Amara Okafor", 110, InteractionKind.EVENT, "Speaker workshop taster: asked her to coach me for the talk", None),
    ("Amara Okafor", 10, InteractionKind.MESSAGE, "Sent her the recording of act one", None),
    ("Tom Walsh", 172, InteractionKind.MESSAGE, "Thanked him for the year; sent the on-call handbook", None),
    ("Elena Petrova", 30, InteractionKind.CALL, "Catch-up: Contoso is hiring a staff engineer for platform", None),
    ("Elena Petrova", 130, InteractionKind.MESSAGE, "Congratulated her on the tech-lead role", None),
    ("Carlos Ruiz", 120, InteractionKind.MEETING, "Lunch: he asked how our event pipeline handles replays", None),
    ("Hana Tanaka", 95, InteractionKind.CALL, "Asked her how she decided whom to sponsor for promotion", None),
    ("Hana Tanaka", 200, InteractionKind.MESSAGE, "Congratulated her on the CTO role", None),
    ("Priya Shah", 25, InteractionKind.MEETING, "Coffee chat about platform teams; she will review my talk slides", 6),
    ("Priya Shah", 160, InteractionKind.EVENT, "EuroPython: compared retry libraries", None),
    ("Omar Farouk", 45, InteractionKind.INTRODUCTION_RECEIVED, "Ingrid introduced us; he built tracing", None),
    ("Omar Farouk", 40, InteractionKind.CALL, "Sampling strategies for tracing; he shared their rollout plan", None),
    ("Yuki Sato", 55, InteractionKind.EVENT, "CNCF meetup: talked about preparing for the CKA", None),
    ("Yuki Sato", 54, InteractionKind.MESSAGE, "She sent me her CKA study notes", None),
    ("Lea Dubois", 8, InteractionKind.MESSAGE, "Asked for a slot to try my talk at the autumn meetup", 10),
    ("Lea Dubois", 140, InteractionKind.EVENT, "PyLadies Berlin: gave a lightning talk on idempotent imports", None),
    ("Noah Kim", 90, InteractionKind.EVENT, "SREcon hallway track: compared on-call handbooks", None),
    ("Chloe Martin", 40, InteractionKind.MESSAGE, "Asked when the EuroPython call for proposals opens", 14),
    ("Daniel Weber", 160, InteractionKind.CALL, "Gave a guest lecture on event pipelines in his course", None),
    ("Daniel Weber", 85, InteractionKind.MESSAGE, "Sent him the tail-at-scale reading list", None),
    ("Daniel Weber", 20, InteractionKind.INTRODUCTION, "Introduced him to Omar for his tracing research", None),
    ("Fatima Nasser", 60, InteractionKind.CALL, "Staff role at Globex: not now, talk again in the autumn", None),
    ("Ben Cohen", 240, InteractionKind.CALL, "Intro call about a senior role at Northwind; declined", None),
    ("Aisha Haddad", 45, InteractionKind.MEETING, "Dinner: her start-up may need a platform advisor", None),
    ("Mateo Silva", 180, InteractionKind.EVENT, "Panel at the Northwind engineering open day", None),
]

# Mentoring. A held meeting: (title, its own topics as (text, covered), notes,
# action items as (text, owner, due in days after the meeting or None, done)).
_Held = tuple[str, tuple[tuple[str, bool], ...], str, tuple[tuple[str, Owner, int | None, bool], ...]]


@dataclass(frozen=True)
class _Mentoring:
    name: str
    role: MentorRole
    focus: str  # in the person's words
    goals: tuple[str, ...]  # goal titles
    skills: tuple[str, ...]  # skill names
    cadence: int  # meet every N days (a whole number of weeks: the same weekday each time)
    started_days: int  # started this many days ago
    weekday: int  # 0 Monday
    at: time
    minutes: int
    location: str
    held: tuple[_Held, ...]  # the oldest first
    next_in: int = 0  # active: the next meeting on the first `weekday` at least this many days ahead
    next_title: str = ""
    next_topics: tuple[str, ...] = ()
    ended_days: int = 0  # ended: its last meeting on the first `weekday` from this many days ago
    what_changed: str = ""


MENTORING = [
    _Mentoring(
        "Ingrid Larsen",
        MentorRole.MENTOR,
        "Get to Staff Engineer: find the cross-team problem worth owning, write it down, and make my case "
        "for promotion without sounding like a task list.",
        ("Get promoted to Staff Engineer",),
        ("System design", "Stakeholder management"),
        28,
        200,
        3,
        time(17, 30),
        60,
        "Video call",
        (
            (
                "Staff path: what counts as staff scope",
                (
                    ("What staff scope looks like at Acme", True),
                    ("Which cross-team problem I could own", True),
                    ("A reading list for the staff path", False),
                ),
                "Staff work is choosing the problem nobody owns and writing down why it matters. Candidates: "
                "the shared tracing library, the flaky deploy pipeline, on-call load across teams. Keep a brag "
                "document from now on.",
                (
                    ("Start a brag document with this quarter's work", Owner.ME, 7, True),
                    ("List three cross-team problems nobody owns", Owner.ME, 14, True),
                    ("Send the promotion packet she wrote at Northwind, as an example", Owner.THEM, 7, True),
                ),
            ),
            (
                "Staff path: leading without authority",
                (
                    ("My three cross-team problems", True),
                    ("Pitching the tracing library without authority", True),
                ),
                "Chose the shared tracing library: four teams, four hand-rolled tracers. Write it as a decision "
                "memo with options and costs, not as a proposal, and get another team's lead to co-sign before "
                "the review board. Reading: Staff Engineer (Larson), the chapters on sponsorship.",
                (
                    ("Write the tracing-library decision memo", Owner.ME, 14, True),
                    ("Ask Jonas to co-sign the memo", Owner.ME, 7, True),
                    ("Introduce me to Omar Farouk, who built tracing at Northwind", Owner.THEM, 3, True),
                ),
            ),
            (
                "Staff path: the promotion packet",
                (
                    ("How the architecture review went", True),
                    ("My promotion packet draft", True),
                    ("How to ask my manager for sponsorship", False),
                ),
                "The review board took the tracing memo with one change (sampling per service). Packet: lead "
                "with impact numbers (CI time halved, pages down 64%), not with a list of tasks. We ran out of "
                "time before the sponsorship question.",
                (
                    ("Rewrite the packet's first page around three impact numbers", Owner.ME, 25, False),
                    ("Book the promotion conversation with Sofia", Owner.ME, 2, True),
                    ("Share the rubric Northwind uses for technical direction", Owner.THEM, 7, False),
                ),
            ),
        ),
        next_in=6,
        next_title="Staff path: rehearse the promotion conversation",
        next_topics=("Rehearse the promotion conversation", "What to show in the next six months"),
    ),
    _Mentoring(
        "Amara Okafor",
        MentorRole.COACH,
        "Give my first conference talk without rushing: a story people remember, and calm when the questions come.",
        ("Give two conference talks",),
        ("Public speaking", "Technical writing"),
        21,
        100,
        1,
        time(18, 0),
        45,
        "Tech Speakers Club studio",
        (
            (
                "Talk coaching: finding the story",
                (("Which story the talk tells", True), ("The abstract for the call for proposals", True)),
                "The story: moving 40 services to the new event pipeline without anyone noticing, told through "
                "the three things that nearly went wrong. Working title: Forty services, zero downtime.",
                (
                    ("Write the abstract, under 300 words", Owner.ME, 7, True),
                    ("Send two abstracts that were accepted, as examples", Owner.THEM, 2, True),
                ),
            ),
            (
                "Talk coaching: structure",
                (("Feedback on the abstract", True), ("Structure: an opening, three acts, one idea per slide", True)),
                "The abstract is ready to send. Open with the 3 a.m. page, not with an agenda slide; each act "
                "ends with one thing the audience can use on Monday.",
                (
                    ("Send the abstract to the regional conference's call for proposals", Owner.ME, 5, True),
                    ("Draft the slides for act one", Owner.ME, 14, True),
                ),
            ),
            (
                "Talk coaching: first run-through",
                (
                    ("Run-through of act one, recorded", True),
                    ("Pace: I speak too fast", True),
                    ("Answering questions I cannot answer", False),
                ),
                "Recorded act one: I spoke 30% faster than planned. Pause after every number and breathe at "
                "each slide change. No time left for questions: first thing next time.",
                (
                    ("Record a full run-through and time each act", Owner.ME, 19, False),
                    ("Ask Lea for a slot to try the talk at PyLadies", Owner.ME, 7, True),
                    ("Send her checklist for the day of the talk", Owner.THEM, 21, False),
                ),
            ),
        ),
        next_in=3,
        next_title="Talk coaching: full run-through",
        next_topics=("Full run-through, timed", "Cut the slides to one idea each"),
    ),
    _Mentoring(
        "Kwame Mensah",
        MentorRole.MENTEE,
        "Help Kwame through his first year: confident on call, kind and clear in code review, and a first "
        "design doc of his own.",
        ("Mentor two junior engineers",),
        ("Mentoring others",),
        14,
        90,
        4,
        time(10, 0),
        30,
        "Acme office, room Fjord",
        (
            (
                "1:1 with Kwame: first on-call",
                (("How on-call works here", True), ("Reading the runbooks together", True)),
                "Kwame is nervous about his first on-call week. Walked through the handbook and two past "
                "incidents; he shadows a shift first.",
                (
                    ("Shadow Ravi's on-call shift", Owner.THEM, 7, True),
                    ("Pair with Kwame on fixing an outdated runbook", Owner.ME, 5, True),
                ),
            ),
            (
                "1:1 with Kwame: code review",
                (("Debrief of the shadow shift", True), ("Code review: asking for changes kindly", True)),
                "The shadow shift went well; he wants to be primary next rotation. Practised turning review "
                "comments into questions.",
                (
                    ("Review two pull requests from the platform team", Owner.THEM, 7, True),
                    ("Send him the API style guide", Owner.ME, 1, True),
                ),
            ),
            (
                "1:1 with Kwame: first incident",
                (("His first incident as primary", True), ("Writing his first design doc", False)),
                "He handled a queue backlog alone at night and wrote a clear timeline for the review. Out of "
                "time for the design doc.",
                (
                    ("Draft a one-page outline of the retry-queue design", Owner.THEM, 14, False),
                    ("Introduce Kwame to Priya, who wrote Globex's retry library", Owner.ME, 10, False),
                ),
            ),
        ),
        next_in=1,
        next_title="1:1 with Kwame: design doc",
        next_topics=("How his second on-call week went",),
    ),
    _Mentoring(
        "Tom Walsh",
        MentorRole.MENTOR,
        "Learn to run incidents and their reviews calmly, from someone who has led hundreds.",
        (),
        ("Observability",),
        28,
        420,
        2,
        time(12, 30),
        45,
        "Café Einstein",
        (
            (
                "Incidents: blameless reviews",
                (("How Globex runs incident reviews", True), ("The March outage timeline", True)),
                "Ask what made the failure possible, not who. Write the timeline before the meeting.",
                (("Draft the March outage review", Owner.ME, 7, True),),
            ),
            (
                "Incidents: what to automate first",
                (("Our noisiest alerts", True), ("Runbooks people actually read", True)),
                "Automate the alert that wakes people most often first. A runbook is a checklist, not an essay.",
                (
                    ("Rewrite the top five runbooks as checklists", Owner.ME, 21, True),
                    ("Send Globex's alert review template", Owner.THEM, 3, True),
                ),
            ),
            (
                "Wrapping up a year of mentoring",
                (("What changed in a year", True), ("Staying in touch", True)),
                "Pages per week are down from 14 to 5. Agreed to end the mentorship and keep in touch.",
                (),
            ),
        ),
        ended_days=180,
        what_changed="I lead incident reviews myself now: I ran the March outage review and wrote the on-call "
        "handbook, and pages per week fell from 14 to 5. Tom's question “what would you automate first?” is "
        "still my first question.",
    ),
]


def populate(store: Store, today: date, *, size: str = "small", tz: str = "Europe/Berlin") -> None:
    """Fill an empty store with example data for the person using the app on *today*."""
    counts = SIZES[size]
    rnd = random.Random(f"{today.isoformat()}-{size}")
    with store.db.transaction():
        skills = _skills(store, today, rnd, counts["skills"])
        goals = _goals(store, today, rnd, skills, counts["goals"])
        _assessment(store, today, skills)
        items = _learning(store, today, rnd, skills, goals)
        _sessions(store, today, rnd, tz, items, counts["sessions"])
        people = _contacts(store, today, rnd, tz, counts["contacts"], counts["interactions"])
        _mentoring(store, today, tz, people, goals, skills)
        _advocacy(store, today, rnd, skills, goals, counts["achievements"])
        _reviews(store, today, goals)


def _skills(store: Store, today: date, rnd: random.Random, n: int) -> dict[str, Skill]:
    skills: dict[str, Skill] = {}
    ratings: list[SkillRating] = []
    for i in range(n):
        name, category, target = SKILLS[i % len(SKILLS)]
        if i >= len(SKILLS):
            name = f"{name} {i // len(SKILLS) + 1}"
        skill = Skill(name=name, category=category, target_level=target)
        skills[name] = skill
        level = rnd.randint(1, 3)
        for k in range(rnd.randint(2, 4)):
            # every six weeks or so over the last half-year, so a look back at a past quarter sees growth
            rated = today - timedelta(days=45 * (4 - k) + 10 + rnd.randint(0, 15))
            ratings.append(
                SkillRating(
                    skill_id=skill.id,
                    rated_on=rated,
                    level=level,
                    evidence="Self-rated after the quarterly check-in" if k else "",
                )
            )
            level = min(5, level + rnd.choice((0, 1)))
    store.skills.add_many(skills.values())
    store.skill_ratings.add_many(ratings)
    return skills


def _goals(store: Store, today: date, rnd: random.Random, skills: dict[str, Skill], n: int) -> list[Goal]:
    goals = []
    for i in range(n):
        title, specific, metric, unit, base, target, current, status, due_in, required = GOALS[i % len(GOALS)]
        if i >= len(GOALS):
            title = f"{title} ({today.year + i // len(GOALS) % 3})"
        deadline = today + timedelta(days=due_in + i % 30) if due_in is not None else None
        start = today - timedelta(days=90)
        milestones = []
        if deadline is not None:
            span = (deadline - start).days
            milestones = [
                Milestone(
                    title=MILESTONES.get(GOALS[i % len(GOALS)][0], ("", "", ""))[k - 1] or f"Checkpoint {k}",
                    due=start + timedelta(days=span * k // 4),
                    done=start + timedelta(days=span * k // 4) < today,
                )
                for k in (1, 2, 3)
            ]
        goals.append(
            Goal(
                title=title,
                specific=specific,
                metric=metric,
                unit=unit,
                baseline=None if base is None else float(base),
                target=None if target is None else float(target),
                current=None if current is None else float(current),
                achievable="I have my manager's support and two hours a week protected for it" if specific else "",
                relevant="Moves me towards the staff-engineer path in my career vision" if specific else "",
                start=start,
                deadline=deadline,
                status=status,
                milestones=milestones,
                required_skills=[
                    RequiredSkill(skill_id=skills[s].id, target_level=lvl) for s, lvl in required if s in skills
                ],
                progress=_progress(start, base, current),
            )
        )
    store.goals.add_many(goals)
    return goals


def _progress(start: date, baseline: float | None, current: float | None) -> list[ProgressPoint]:
    """Measured every 20 days from the start (the baseline) until today's value, reached 60 days in."""
    if current is None:
        return []
    if baseline is None:
        return [ProgressPoint(on=start + timedelta(days=60), value=float(current))]
    return [
        ProgressPoint(on=start + timedelta(days=20 * k), value=float(round(baseline + (current - baseline) * k / 3)))
        for k in range(4)
    ]


def _assessment(store: Store, today: date, skills: dict[str, Skill]) -> None:
    entries = [
        (EntryKind.STRENGTH, "Calm and structured during incidents", ["Observability"]),
        (EntryKind.STRENGTH, "Explaining complex systems simply", ["Technical writing"]),
        (EntryKind.STRENGTH, "Deep Python and data-modelling experience", ["Python", "SQL & data modelling"]),
        (EntryKind.WEAKNESS, "I say yes to too many requests", []),
        (EntryKind.WEAKNESS, "Nervous speaking to large audiences", ["Public speaking"]),
        (EntryKind.WEAKNESS, "Little exposure to budgets and cost trade-offs", ["Cost awareness (FinOps)"]),
        (EntryKind.INTEREST, "Developer experience and platform engineering", ["Kubernetes"]),
        (EntryKind.INTEREST, "Mentoring people new to the field", ["Mentoring others"]),
        (EntryKind.INTEREST, "Writing about what I learn", ["Technical writing"]),
    ]
    store.assessment_entries.add_many(
        AssessmentEntry(kind=kind, text=text, position=i, skill_ids=[skills[s].id for s in linked if s in skills])
        for i, (kind, text, linked) in enumerate(entries)
    )
    store.satisfaction.add_many(
        SatisfactionCheckIn(
            checked_on=today - timedelta(days=30 * k),
            overall=overall,
            aspects={
                aspect: max(1, min(10, overall + offset))
                for aspect, offset in zip(SATISFACTION_ASPECTS, offsets, strict=True)
            },
            note=note,
        )
        # Newest first: growth picks up after a dip around the release crunch.
        for k, (overall, offsets, note) in enumerate(
            [
                (8, (1, 1, 0, 1, -1), "Promotion case taking shape; the latency work is noticed."),
                (7, (1, 1, -1, 1, -2), "Good month; mentoring sessions help."),
                (7, (0, 0, 0, 1, -1), "Calmer after the release."),
                (5, (-1, -2, -1, 1, -3), "Release crunch, too many meetings."),
                (6, (0, -1, -1, 1, -1), "Recognition for the outage work."),
                (6, (1, -2, 0, 1, 0), "Good quarter; the migration landed."),
                (5, (1, -2, -1, 0, 0), "Feeling stuck; no growth path in sight."),
                (5, (0, -2, -1, 0, 1), "First check-in."),
            ]
        )
    )
    store.visions.add_many(
        [
            CareerVision(
                revised_on=today - timedelta(days=400),
                one_year="Senior engineer owning the order platform",
                three_years="Tech lead of a team of six",
                five_years="Engineering manager",
                success_means="A team that ships calmly and grows",
            ),
            CareerVision(
                revised_on=today - timedelta(days=60),
                one_year="Staff Engineer, leading the platform's reliability work",
                three_years="Principal Engineer known for distributed-systems design; speaking at conferences",
                five_years="Shaping the technical direction of a mission-driven company",
                success_means="Hard problems solved with kind, growing people around me, and time for family",
            ),
        ]
    )


def _learning(
    store: Store, today: date, rnd: random.Random, skills: dict[str, Skill], goals: list[Goal]
) -> list[LearningItem]:
    goal_ids = {goal.title: goal.id for goal in goals}
    items = []
    for i, (kind, title, provider, cost, hours, goal, skill, status, starts, lasts) in enumerate(LEARNING):
        begins = today + timedelta(days=starts)
        ends = begins + timedelta(days=lasts)
        earned = kind is LearningType.CERTIFICATION and status is LearningStatus.DONE  # up for renewal soon
        items.append(
            LearningItem(
                kind=kind,
                title=title,
                provider=provider,
                cost=cost,
                estimated_hours=float(hours),
                link=f"https://example.org/learning/{i + 1}",
                skill_ids=[skills[skill].id] if skill in skills else [],
                goal_id=goal_ids.get(goal),
                status=status,
                start=begins,
                finish=ends,
                earned_on=ends if earned else None,
                expires_on=today + timedelta(days=45) if earned else None,
                notes="Two evenings a week" if i % 2 == 0 else "",
            )
        )
    store.learning_items.add_many(items)
    return items


def _sessions(store: Store, today: date, rnd: random.Random, tz: str, items: list[LearningItem], n: int) -> None:
    """One-off sessions around today (past ones mostly logged) and two weekly habits, all for the
    items in progress: a conference months ahead has no sessions logged ten weeks ago."""
    sessions = []
    logs = []
    first = today - timedelta(days=7 * 10)
    ongoing = [i for i, item in enumerate(items) if item.status is LearningStatus.IN_PROGRESS] or [0]
    for k in range(n):
        index = ongoing[k % len(ongoing)]
        day = first + timedelta(days=(k * 3) % max(140, n // 4))
        start_local = datetime.combine(day, time(7, 30) if k % 2 else time(18, 0))
        minutes = (45, 60, 90)[k % 3]
        start = ZonedDateTime.at(start_local, tz)
        session = LearningSession(
            item_id=items[index].id, start=start, end=start + timedelta(minutes=minutes), reminder_minutes=15
        )
        sessions.append(session)
        if day < today and k % 7:  # every seventh past session is not logged yet
            learned = TAKEAWAYS[index % len(TAKEAWAYS)] if k % 3 == 0 else []
            logs.append(_log(session.id, start_local, minutes, rnd, skipped=k % 5 == 0, takeaways=learned))
    habits = [  # (item index, weekdays, time, minutes, weeks back, weeks ahead): "every Tue and Thu 7:30-8:15"
        (0, (1, 3), time(7, 30), 45, 8, 13),
        (1, (5,), time(9, 0), 90, 6, 8),
    ]
    for index, weekdays, at, minutes, back, ahead in habits:
        item = items[index]
        begin = today - timedelta(days=7 * back)
        while begin.weekday() not in weekdays:
            begin += timedelta(days=1)
        start = ZonedDateTime.at(datetime.combine(begin, at), tz)
        rule = weekly_rule(weekdays, today + timedelta(days=7 * ahead), tz)
        habit = LearningSession(
            item_id=item.id, start=start, end=start + timedelta(minutes=minutes), rrule=rule, reminder_minutes=10
        )
        now = datetime.combine(today, time(), zone(tz))
        past = [o for o in expand(habit, start.instant, now) if o.start.date() < today]
        for i, occ in enumerate(past[:-2]):  # the last two are not logged yet
            skipped = i == 3
            if skipped:
                habit.exdates.append(occ.key)
            if skipped or i % 4 != 1:  # and an older one now and then
                local = occ.start.replace(tzinfo=None)
                learned = TAKEAWAYS[index] if i % 2 == 0 else []
                logs.append(_log(habit.id, local, minutes, rnd, skipped=skipped, takeaways=learned))
        sessions.append(habit)
    store.learning_sessions.add_many(sessions)
    store.occurrence_logs.add_many(logs)
    store.learning_notes.add_many(
        LearningNote(
            written_on=today - timedelta(days=days_ago),
            text=text,
            item_id=items[index].id if index is not None and index < len(items) else None,
        )
        for days_ago, index, text in NOTES
    )


def _log(
    session_id: str, local_start: datetime, minutes: int, rnd: random.Random, *, skipped: bool, takeaways: list[str]
) -> OccurrenceLog:
    if skipped:
        return OccurrenceLog(
            session_id=session_id, occurrence=occurrence_key(local_start), state=OccurrenceState.SKIPPED
        )
    return OccurrenceLog(
        session_id=session_id,
        occurrence=occurrence_key(local_start),
        state=OccurrenceState.DONE,
        minutes_spent=minutes - rnd.choice((0, 0, 10, 15)),
        takeaway=rnd.choice(takeaways) if takeaways else "",
    )


def _contacts(
    store: Store, today: date, rnd: random.Random, tz: str, n: int, n_interactions: int
) -> dict[str, Contact]:
    """The network above; the large size adds made-up contacts and interactions up to its counts."""

    def added(days_ago: int) -> datetime:
        return datetime.combine(today - timedelta(days=days_ago), time(9), zone(tz))

    contacts = [
        Contact(
            name=p.name,
            organisation=p.organisation,
            role=p.role,
            email=f"{p.name.lower().replace(' ', '.')}@{p.organisation.lower().replace(' ', '-')}.example",
            how_we_met=p.how_we_met,
            cadence_days=p.rhythm,
            tags=list(p.tags),
            notes=p.notes,
            relationship=p.relationship,
            link=p.link,
            created=added(p.known_days),
        )
        for p in NETWORK
    ]
    for i in range(len(NETWORK), n):  # made up, for benchmarks
        first, last = FIRST[i % len(FIRST)], LAST[(i * 7 + i // len(FIRST)) % len(LAST)]
        contacts.append(
            Contact(
                name=f"{first} {last} ({i // len(FIRST)})",
                organisation=ORGS[i % len(ORGS)],
                role=ROLES[i % len(ROLES)],
                email=f"{first.lower()}.{last.lower()}{i}@example.org",
                how_we_met=rnd.choice(["Conference hallway", "Former colleague", "Meetup", "Introduced by a mentor"]),
                cadence_days=(30, None, 90, None)[i % 4],
                tags=[["platform"], ["python"], ["hiring"], []][i % 4],
                relationship=(Relationship.PEER, Relationship.PEER, Relationship.RECRUITER, Relationship.COLLEAGUE)[
                    i % 4
                ],
                created=added(400),
            )
        )
    store.contacts.add_many(contacts)
    store.tag_rhythms.add_many(TagRhythm(tag=tag, cadence_days=days) for tag, days in TAG_RHYTHMS.items())
    people = {c.name: c for c in contacts}
    logged = [
        Interaction(
            contact_id=people[name].id,
            happened_on=today - timedelta(days=days_ago),
            kind=kind,
            summary=summary,
            follow_up=today + timedelta(days=follow_up) if follow_up is not None else None,
        )
        for name, days_ago, kind, summary, follow_up in INTERACTIONS
    ]
    made_up = contacts[len(NETWORK) :]
    summaries = [
        "Coffee chat about platform teams",
        "Shared the talk draft for feedback",
        "Congratulated on new role",
        "Asked about their promotion packet",
        "Intro to their team's SRE lead",
    ]
    for j in range(n_interactions - len(logged) if made_up else 0):
        logged.append(
            Interaction(
                contact_id=made_up[(j * 5) % len(made_up)].id,
                happened_on=today - timedelta(days=rnd.randint(1, 200)),
                kind=list(InteractionKind)[j % len(InteractionKind)],
                summary=summaries[j % len(summaries)],
            )
        )
    store.interactions.add_many(logged)
    return people


def _on_weekday(day: date, weekday: int) -> date:
    """The first day on or after *day* that is a *weekday* (0 Monday)."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _mentoring(
    store: Store, today: date, tz: str, people: dict[str, Contact], goals: list[Goal], skills: dict[str, Skill]
) -> None:
    goal_ids: dict[str, str] = {}
    for goal in goals:
        goal_ids.setdefault(goal.title, goal.id)
    ships = []
    meetings = []
    for plan in MENTORING:
        ship = Mentorship(
            contact_id=people[plan.name].id,
            role=plan.role,
            focus=plan.focus,
            started_on=today - timedelta(days=plan.started_days),
            status=MentorshipStatus.ENDED if plan.ended_days else MentorshipStatus.ACTIVE,
            goal_ids=[goal_ids[title] for title in plan.goals if title in goal_ids],
            skill_ids=[skills[name].id for name in plan.skills if name in skills],
            cadence_days=plan.cadence,
            what_changed=plan.what_changed,
        )
        ships.append(ship)
        meetings += _meetings(plan, ship.id, today, tz)
    store.mentorships.add_many(ships)
    store.meetings.add_many(meetings)


def _meetings(plan: _Mentoring, mentorship_id: str, today: date, tz: str) -> list[Meeting]:
    """The meetings held so far, every `cadence` days, then (an active mentorship) the next one planned,
    its agenda opened with the topics the last one held left open, as marking that one held does."""

    def meeting(title: str, day: date, agenda: list[AgendaTopic], **more: Any) -> Meeting:
        start = ZonedDateTime.at(datetime.combine(day, plan.at), tz)
        end = start + timedelta(minutes=plan.minutes)
        return Meeting(
            mentorship_id=mentorship_id,
            title=title,
            start=start,
            end=end,
            location=plan.location,
            agenda=agenda,
            **more,
        )

    if plan.ended_days:
        ahead = None
        last = _on_weekday(today - timedelta(days=plan.ended_days), plan.weekday)
    else:
        ahead = _on_weekday(today + timedelta(days=max(1, plan.next_in)), plan.weekday)
        last = ahead - timedelta(days=plan.cadence)
    meetings = []
    left_open: list[str] = []
    for k, (title, topics, notes, actions) in enumerate(plan.held):
        day = last - timedelta(days=plan.cadence * (len(plan.held) - 1 - k))
        agenda = [AgendaTopic(text=t, carried=True, covered=True) for t in left_open]  # taken up this time
        agenda += [AgendaTopic(text=text, covered=covered) for text, covered in topics]
        left_open = [text for text, covered in topics if not covered]
        items = [
            ActionItem(text=text, owner=owner, due=day + timedelta(days=due) if due is not None else None, done=done)
            for text, owner, due, done in actions
        ]
        meetings.append(meeting(title, day, agenda, notes=notes, action_items=items, state=MeetingState.HELD))
    if ahead is not None:
        agenda = [AgendaTopic(text=t, carried=True) for t in left_open]
        agenda += [AgendaTopic(text=t) for t in plan.next_topics]
        meetings.append(meeting(plan.next_title, ahead, agenda, state=MeetingState.PLANNED))
    return meetings


# -- Step 4: initiatives, opportunities, achievements and the conversations they serve ------------------
# The same person's record of their work. Every link names a goal by its title and skills by their
# names, and only where it makes sense: a talk serves the speaking goal and shows public speaking.
STAFF = "Get promoted to Staff Engineer"
TALKS = "Give two conference talks"
LATENCY = "Cut p99 latency of the order API"
MENTOR = "Mentor two junior engineers"
NEGOTIATION = "Get better at negotiation"
TRACING = "Proposal: shared tracing library"
HANDBOOK = "Rewrite the on-call handbook"
DASHBOARDS = "Per-endpoint p99 dashboards for the order API"  # delivered days ago: its achievement is proposed


@dataclass(frozen=True)
class _Plan:
    """An initiative; days are counted back from today (None: not reached), `follow_up_in` ahead."""

    kind: InitiativeKind
    title: str
    status: InitiativeStatus
    description: str
    noted: int
    goals: tuple[str, ...]
    skills: tuple[str, ...]
    proposed_to: str = ""
    case_made: str = ""
    outcome: str = ""
    proposed: int | None = None
    decided: int | None = None
    delivered: int | None = None
    follow_up_in: int | None = None


INITIATIVES = [
    _Plan(
        InitiativeKind.VOLUNTEERED_PROJECT,
        HANDBOOK,
        InitiativeStatus.DONE,
        "Volunteered to rewrite the runbooks after three noisy rotations, as checklists people read at 3 a.m.",
        214,
        (MENTOR,),
        ("Technical writing", "Observability"),
        "Sofia Rossi, my manager",
        "Three noisy rotations in a row: 14 pages a week, and runbooks nobody trusted at night. New people "
        "were going on call without them.",
        "Delivered: pages per week fell from 14 to 5, and new people go on call with the handbook.",
        proposed=218,
        decided=215,
        delivered=175,
    ),
    _Plan(
        InitiativeKind.VOLUNTEERED_PROJECT,
        DASHBOARDS,
        InitiativeStatus.DONE,
        "One dashboard per endpoint, so the team stops guessing which call is slow.",
        30,
        (LATENCY,),
        ("Observability",),
        "Mei Chen, product manager",
        "We argued about which endpoint was slow; a p99 per endpoint settles it with numbers.",
        "Delivered: every endpoint's p99 on one page; the payment call stood out at once.",
        proposed=32,
        decided=31,
        delivered=5,
    ),
    _Plan(
        InitiativeKind.STRETCH_ASSIGNMENT,
        "Draft the platform roadmap for the next half-year",
        InitiativeStatus.IN_PROGRESS,
        "Gather what the four platform teams need and write one roadmap they can all sign.",
        40,
        (STAFF,),
        ("Roadmap planning", "Stakeholder management"),
        "Sofia Rossi, my manager",
        "Setting direction across teams is the staff scope I have not shown yet, and the platform has had "
        "no shared roadmap for a year.",
        proposed=50,
        decided=45,
    ),
    _Plan(
        InitiativeKind.PROPOSED_IDEA,
        TRACING,
        InitiativeStatus.ACCEPTED,
        "One library instead of four hand-rolled tracers.",
        60,
        (STAFF, LATENCY),
        ("Distributed systems", "Observability", "Stakeholder management"),
        "The architecture review board, co-signed by Jonas Becker",
        "Four teams run four hand-rolled tracers, so a slow request cannot be followed from one service to "
        "the next. One library, sampled per service, costs one quarter and pays for itself in the first "
        "incident.",
        "Accepted with one change: sampling per service. I lead the rollout next quarter.",
        proposed=28,
        decided=21,
        follow_up_in=10,
    ),
    _Plan(
        InitiativeKind.PROPOSED_IDEA,
        "One on-call rota for the three platform teams",
        InitiativeStatus.PROPOSED,
        "Share the nights across the platform teams instead of each team carrying its own.",
        20,
        (STAFF,),
        ("Stakeholder management",),
        "Lukas Novak, director of engineering",
        "Each team carries its nights alone; one rota halves each person's nights, and the handbook "
        "already covers all three teams.",
        proposed=12,
        follow_up_in=9,
    ),
    _Plan(
        InitiativeKind.PROPOSED_IDEA,
        "Brown-bag series on incident reviews",
        InitiativeStatus.IDEA,
        "A monthly half hour: one incident, what made it possible, what changed. Practice in front of "
        "people before the conference talk.",
        8,
        (TALKS,),
        ("Public speaking",),
    ),
    _Plan(
        InitiativeKind.PROPOSED_IDEA,
        "Rewrite the order API's hot path in Rust",
        InitiativeStatus.DECLINED,
        "Move JSON encoding and pricing into a Rust extension.",
        110,
        (LATENCY,),
        ("Rust", "Distributed systems"),
        "Sofia Rossi and Mei Chen",
        "JSON encoding takes 40% of the hot path; a Rust extension would remove most of it.",
        "Declined: a second language costs more than it saves this year. Fix the encoding in Python "
        "first, which became the performance sprint.",
        proposed=105,
        decided=98,
    ),
]


@dataclass(frozen=True)
class _Win:
    """An achievement, `days_ago` before today; `source` names the event it was accepted from."""

    title: str
    days_ago: int
    impact: str
    metric: str
    value: float | None
    unit: str
    skills: tuple[str, ...]
    goal: str = ""
    initiative: str = ""
    noticed_by: str = ""
    evidence: str = ""
    private: bool = False
    source: str = ""  # "goal-achieved" or "initiative-delivered": accepted when the app proposed it
    for_the_talk: bool = False  # private, chosen for the promotion conversation: dated in its period


# Spread over half a year, so that whatever today is, the last calendar quarter holds several.
ACHIEVEMENTS = [
    _Win(
        "Cut the order API's p99 latency from 900 to 610 ms",
        12,
        "Checkout answers faster; timeouts at the payment step fell by two thirds.",
        "p99 latency on the production dashboard, weekly",
        290,
        "ms off the p99",
        ("Observability", "Distributed systems"),
        LATENCY,
        noticed_by="Mei Chen, product manager",
        evidence="https://example.org/dashboards/order-api-latency",
    ),
    _Win(
        "Settled a stalled design review between the order and payments teams",
        16,
        "Asked “what would make this a yes?”; both teams signed the design the same week.",
        "",
        None,
        "",
        ("Stakeholder management", "Negotiation"),
        STAFF,
        private=True,
        for_the_talk=True,
    ),
    _Win(
        "Mentored two junior engineers through their first on-call rotation",
        18,
        "Arjun and Kwame take on-call shifts on their own now; Arjun mentors the next intern himself.",
        "Engineers on the rota without a shadow",
        2,
        "engineers on call on their own",
        ("Mentoring others",),
        MENTOR,
        noticed_by="Sofia Rossi, my manager",
        source="goal-achieved",
    ),
    _Win(
        "Got the shared tracing library accepted by the architecture review board",
        21,
        "One library instead of four hand-rolled tracers; four teams committed to adopt it.",
        "Teams signed up for the rollout",
        4,
        "teams",
        ("Stakeholder management", "Distributed systems"),
        STAFF,
        TRACING,
        "Lukas Novak, director of engineering",
        "https://example.org/docs/tracing-library-decision",
    ),
    _Win(
        "Cut CI time in half",
        30,
        "Builds take 11 minutes instead of 22: about 60 engineer-hours saved a week across the platform teams.",
        "Median pipeline time over four weeks",
        60,
        "engineer-hours saved a week",
        ("Python",),
        STAFF,
        noticed_by="Jonas Becker, staff engineer",
    ),
    _Win(
        "Negotiated the learning budget for the CKA exam and the speaker workshop",
        40,
        "HR funds both from the team's learning budget.",
        "",
        545,
        "EUR of training funded",
        ("Negotiation",),
        NEGOTIATION,
        private=True,
    ),
    _Win(
        "Ran the quarterly game day",
        65,
        "Found two failover gaps before customers did; both fixed the same month.",
        "Failover gaps found and fixed",
        2,
        "failover gaps fixed",
        ("Observability", "Distributed systems"),
        noticed_by="Ravi Iyer, SRE",
    ),
    _Win(
        "Designed the idempotent order import",
        80,
        "Duplicate orders fell from about 30 a week to none.",
        "Duplicate orders reported to support",
        30,
        "duplicate orders a week avoided",
        ("SQL & data modelling", "Distributed systems"),
        evidence="https://example.org/docs/order-import-design",
    ),
    _Win(
        "Led the review of the order-service outage",
        100,
        "Five follow-ups done; the outage has not come back.",
        "Review follow-ups closed",
        5,
        "follow-ups closed",
        ("Observability", "Stakeholder management"),
        noticed_by="Ravi Iyer, SRE",
    ),
    _Win(
        "Published the API style guide",
        120,
        "Adopted by four teams; one review round per API change instead of three.",
        "Teams using the guide; review rounds per API change",
        4,
        "teams adopted it",
        ("Technical writing", "System design"),
        STAFF,
        evidence="https://example.org/docs/api-style-guide",
    ),
    _Win(
        "Gave a lightning talk at PyLadies Berlin on idempotent imports",
        140,
        "My first talk outside the company; the organiser invited me back for a full talk.",
        "Attendees",
        60,
        "attendees",
        ("Public speaking",),
        TALKS,
        noticed_by="Lea Dubois, organiser",
    ),
    _Win(
        "Gave a guest lecture on event pipelines at the University of Leeds",
        160,
        "Two students asked about internships; the lecture is now part of the course.",
        "Students in the lecture",
        45,
        "students",
        ("Public speaking", "Technical writing"),
        TALKS,
        noticed_by="Daniel Weber, lecturer",
    ),
    _Win(
        "Rewrote the on-call handbook",
        175,
        "Pages per week fell from 14 to 5; new people go on call with it.",
        "Pages per week, four weeks before and after",
        9,
        "fewer pages a week",
        ("Technical writing", "Observability"),
        MENTOR,
        HANDBOOK,
        "Tom Walsh, my mentor",
        source="initiative-delivered",
    ),
    _Win(
        "Shipped the event pipeline migration",
        190,
        "Moved 40 services to the new pipeline with zero downtime.",
        "Services migrated; minutes of downtime",
        40,
        "services migrated",
        ("Distributed systems", "System design"),
        STAFF,
        evidence="https://example.org/docs/event-pipeline-migration",
    ),
]


def last_quarter(today: date) -> tuple[date, date]:
    """The calendar quarter before the one holding *today*: its first and last day."""
    this_quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = this_quarter - timedelta(days=1)
    return date(end.year, 3 * ((end.month - 1) // 3) + 1, 1), end


def _advocacy(
    store: Store, today: date, rnd: random.Random, skills: dict[str, Skill], goals: list[Goal], n: int
) -> None:
    """Initiatives at every stage, opportunities, *n* achievements (the large size repeats the
    list further back), a prepared promotion conversation for the last quarter and one with HR
    that was held; then the suggestion marks: every event worth an achievement is decided except
    two recent ones, so the window proposes those."""
    goal_ids: dict[str, str] = {}
    for goal in goals:
        goal_ids.setdefault(goal.title, goal.id)

    def days(ago: int | None) -> date | None:
        return None if ago is None else today - timedelta(days=ago)

    def linked_goals(titles: tuple[str, ...]) -> list[str]:
        return [goal_ids[title] for title in titles if title in goal_ids]

    def linked_skills(names: tuple[str, ...]) -> list[str]:
        return [skills[name].id for name in names if name in skills]

    initiatives = [
        Initiative(
            kind=plan.kind,
            title=plan.title,
            status=plan.status,
            description=plan.description,
            started_on=days(plan.noted),
            follow_up_on=None if plan.follow_up_in is None else today + timedelta(days=plan.follow_up_in),
            proposed_to=plan.proposed_to,
            case_made=plan.case_made,
            outcome=plan.outcome,
            proposed_on=days(plan.proposed),
            decided_on=days(plan.decided),
            delivered_on=days(plan.delivered),
            goal_ids=linked_goals(plan.goals),
            skill_ids=linked_skills(plan.skills),
        )
        for plan in INITIATIVES
    ]
    store.initiatives.add_many(initiatives)
    initiative_ids = {i.title: i.id for i in initiatives}
    sources = {"goal-achieved": lambda win: f"goal-achieved:{goal_ids[win.goal]}"}
    sources["initiative-delivered"] = lambda win: f"initiative-delivered:{initiative_ids[win.initiative]}"
    start, end = last_quarter(today)
    achievements = []
    for i in range(n):
        win = ACHIEVEMENTS[i % len(ACHIEVEMENTS)]
        first = i < len(ACHIEVEMENTS)
        achieved_on = today - timedelta(days=win.days_ago if first else 200 + (i * 23) % 500)
        if first and win.for_the_talk:  # in the conversation's period, whatever day today is
            achieved_on = min(achieved_on, end - timedelta(days=9))
        achievements.append(
            Achievement(
                title=win.title if first else f"{win.title} #{i // len(ACHIEVEMENTS) + 1}",
                achieved_on=achieved_on,
                impact=win.impact,
                metric=win.metric,
                impact_value=None if win.value is None else float(win.value),
                impact_unit=win.unit,
                skill_ids=linked_skills(win.skills),
                goal_id=goal_ids.get(win.goal),
                initiative_id=initiative_ids.get(win.initiative),
                noticed_by=win.noticed_by,
                evidence_link=win.evidence,
                visibility=Visibility.PRIVATE if win.private else Visibility.SHAREABLE,
                source=sources[win.source](win) if first and win.source else "",
            )
        )
    store.achievements.add_many(achievements)
    store.opportunities.add_many(
        [
            Opportunity(
                title="Talk at the regional engineering conference: “Forty services, zero downtime”",
                kind=OpportunityKind.TALK,
                next_step="Try the talk at the PyLadies Berlin autumn meetup: confirm the slot with Lea",
                next_step_on=today + timedelta(days=10),
                notes="Abstract sent to the call for proposals; Amara coaches the run-throughs.",
                goal_ids=linked_goals((TALKS,)),
            ),
            Opportunity(
                title="Lead the platform reliability working group",
                kind=OpportunityKind.PROJECT,
                next_step="Ask Lukas whether the working group can start next quarter",
                next_step_on=today + timedelta(days=3),
                notes="Staff-level scope across three teams; builds on the handbook and the tracing rollout.",
                goal_ids=linked_goals((STAFF,)),
            ),
            Opportunity(
                title="Lightning talk at PyLadies Berlin",
                kind=OpportunityKind.TALK,
                status=OpportunityStatus.WON,
                notes="Lea gave me a slot in the spring meetup. Sixty people came, and she invited me back for a "
                "full talk.",
                goal_ids=linked_goals((TALKS,)),
            ),
            Opportunity(
                title="Staff Engineer role at Globex",
                kind=OpportunityKind.ROLE,
                status=OpportunityStatus.DROPPED,
                notes="Fatima Nasser reached out. Not now: the staff case here comes first; she is happy to "
                "talk again in the autumn.",
                goal_ids=linked_goals((STAFF,)),
            ),
        ]
    )
    chosen = [a.id for win, a in zip(ACHIEVEMENTS, achievements, strict=False) if win.for_the_talk]
    budget_talk = today - timedelta(days=40)
    store.conversations.add_many(
        [
            ConversationPrep(
                title="Promotion conversation with my manager",
                audience=Audience.MANAGER,
                planned_on=today + timedelta(days=21),
                period_start=start,
                period_end=end,
                aspirations="Staff Engineer in the next promotion cycle, leading the platform's reliability "
                "work across teams. In three years: principal engineer, known for distributed-systems design "
                "and speaking at conferences.",
                needs="Sponsorship: put my case forward in calibration.\n"
                "Scope: lead the tracing-library rollout across the four teams.\n"
                "Time: two hours a week protected for the conference talk.",
                ask="Will you sponsor my Staff Engineer case in the next promotion cycle?\n"
                "Which two gaps in the staff rubric should I close first, and by when?",
                talking_points=[
                    "Scope I already carry across three teams",
                    "Impact: CI time halved, on-call pages down from 14 to 5 a week",
                    "What the staff rubric asks that I still need to show",
                ],
                achievement_ids=chosen,  # the private ones I chose to bring up in this talk
            ),
            ConversationPrep(
                title="Learning budget with HR",
                audience=Audience.HR,
                planned_on=budget_talk,
                held_on=budget_talk,
                period_start=budget_talk - timedelta(days=182),
                period_end=budget_talk - timedelta(days=1),
                ask="Fund the CKA exam and the speaker workshop from the team's learning budget",
                talking_points=["Both tie to goals agreed with my manager", "Together they cost 545 EUR"],
                needs="Training: the CKA exam (395 EUR) and the speaker workshop (150 EUR).",
                outcome="Approved: 545 EUR from the team's learning budget; the exam voucher comes through HR.",
                my_commitments="Pass the CKA by the end of the year and share what I learn at a brown-bag.",
                their_commitments="HR orders the exam voucher and books the workshop seat.",
                follow_ups=[
                    FollowUp(text="Send the exam voucher", due=budget_talk + timedelta(days=14), done=True, mine=False),
                    FollowUp(text="Book the CKA exam date with the voucher", due=today + timedelta(days=5)),
                ],
            ),
        ]
    )
    _suggestion_marks(store, today, goals, initiatives, achievements)


def _suggestion_marks(
    store: Store, today: date, goals: list[Goal], initiatives: list[Initiative], achievements: list[Achievement]
) -> None:
    """Decide every event the app would propose an achievement for (a goal achieved, a milestone
    done, a certification earned, an initiative delivered): accepted where an achievement came from
    it, dismissed when recent, else from before the app proposed anything; except the latest
    milestone of the latency goal and the dashboards just delivered, which the window proposes."""
    accepted = {a.source for a in achievements if a.source}
    events: list[tuple[str, date | None]] = []
    for goal in goals:
        if goal.status is GoalStatus.ACHIEVED:
            events.append((f"goal-achieved:{goal.id}", goal.deadline))
        events += [(f"milestone:{goal.id}:{m.id}", m.due) for m in goal.milestones if m.done]
    for item in store.learning_items.all():
        if item.kind is LearningType.CERTIFICATION and (item.earned_on or item.status is LearningStatus.DONE):
            events.append((f"certification:{item.id}", item.earned_on))
    events += [
        (f"initiative-delivered:{i.id}", i.delivered_on) for i in initiatives if i.status is InitiativeStatus.DONE
    ]
    open_keys = {f"initiative-delivered:{i.id}" for i in initiatives if i.title == DASHBOARDS}
    latency = next((g for g in goals if g.title == LATENCY), None)
    done = sorted((m for m in latency.milestones if m.done and m.due), key=lambda m: m.due or today) if latency else []
    if latency is not None and done:
        open_keys.add(f"milestone:{latency.id}:{done[-1].id}")
    recent = today - timedelta(days=60)
    marks = []
    for key, day in events:
        if key in open_keys:
            continue
        if key in accepted:
            decision = SuggestionDecision.ACCEPTED
        elif day is not None and day >= recent:
            decision = SuggestionDecision.DISMISSED
        else:
            decision = SuggestionDecision.BEFORE
        marks.append(SuggestionMark(key=key, decision=decision))
    store.suggestion_marks.add_many(marks)


def _reviews(store: Store, today: date, goals: list[Goal]) -> None:
    """A quarterly review two weeks ago and weekly ones since, each with the focus it picked and
    whether the next one found it kept; the last one a week ago, so this week's review is due."""
    weekly = [
        (
            21,
            "Latency down to 610 ms; mentor meeting on the promotion packet",
            "Conference talk proposal not sent yet",
            "I get more done on the talk in the morning than after work",
            "Send the conference talk proposal",
            None,
        ),
        (
            14,
            "Talk proposal sent; two CKA sessions logged",
            "Skipped the Thursday CKA session for the release",
            "Release weeks need the learning slot moved, not dropped",
            "Book the CKA exam date",
            True,
        ),
        (
            7,
            "Per-endpoint dashboards delivered; on-call handbook reviewed with Arjun",
            "Did not book the exam date",
            "I put off what needs money from someone else; ask early",
            "Ask Sofia about the exam voucher on Tuesday",
            False,
        ),
    ]
    reviews = [
        Review(
            kind=ReviewKind.QUARTERLY,
            period_start=today - timedelta(days=21 + 91),
            period_end=today - timedelta(days=22),
            completed=True,
            finished_on=today - timedelta(days=22),
            page=QUARTERLY_PAGES[-1],
            done="Finished the speaker workshop; 6 learning sessions a month; the event pipeline migration shipped",
            slipped="Skipped CKA sessions during the release crunch",
            adapt="Moved CKA sessions to mornings",
            learned="Speaking is where I grow fastest; certificates only when they open a door",
            focus="Write the promotion case with Sofia",
            goal_ids_adjusted=[goals[3 % len(goals)].id],
            vision_seen=True,
        )
    ]
    for days_ago, done, slipped, learned, focus, kept in weekly:
        end = today - timedelta(days=days_ago)
        reviews.append(
            Review(
                kind=ReviewKind.WEEKLY,
                period_start=end - timedelta(days=6),
                period_end=end,
                completed=True,
                finished_on=end,
                page=WEEKLY_PAGES[-1],
                done=done,
                slipped=slipped,
                learned=learned,
                focus=focus,
                last_focus_kept=kept,
            )
        )
    store.reviews.add_many(reviews)
