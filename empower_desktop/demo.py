"""Realistic example data covering every step, for a first look, screenshots and benchmarks.

`size="small"` is one person's lived-in record; `size="large"` grows it to the start-up
benchmark's data set (200 skills with rating history, 300 goals, 2,000 learning sessions,
1,500 contacts, 3,000 interactions, 1,000 achievements). The data is the same for the same day.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

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
    Review,
    SatisfactionCheckIn,
    Skill,
    SkillRating,
    ZonedDateTime,
)
from .domain.advocate import Audience, InitiativeKind, InitiativeStatus
from .domain.assess import SATISFACTION_ASPECTS, EntryKind, GoalStatus, Milestone, ProgressPoint, RequiredSkill
from .domain.common import zone
from .domain.learn import LearningNote, LearningStatus, LearningType, OccurrenceLog, OccurrenceState
from .domain.learning_plan import expand
from .domain.network import ActionItem, AgendaTopic, InteractionKind, MeetingState, MentorRole, Relationship, TagRhythm
from .domain.recurrence import occurrence_key, weekly_rule
from .store import Store

SIZES = {
    "small": {"skills": 14, "goals": 6, "sessions": 48, "contacts": 24, "interactions": 60, "achievements": 12},
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
ACHIEVEMENTS = [
    ("Shipped the event pipeline migration", "Moved 40 services to the new pipeline with zero downtime", "40 services"),
    ("Cut CI time in half", "Build time from 22 to 11 minutes; saves ~60 engineer-hours a week", "-50% CI time"),
    ("Onboarded three new hires", "All three shipped to production in their first two weeks", "3 hires"),
    ("Wrote the on-call handbook", "Pages per week fell from 14 to 5 after the runbooks", "-64% pages"),
    ("Led the incident review for the March outage", "Five follow-ups done; no repeat since", "5 follow-ups"),
    ("Gave a talk at the Python meetup", "120 attendees; two candidates applied afterwards", "120 attendees"),
    ("Reduced cloud spend of the batch jobs", "Rightsized workers; 18% lower monthly bill", "-18% cost"),
    ("Designed the idempotent order import", "Duplicate orders fell from ~30 a week to none", "0 duplicates"),
    ("Mentored an intern to a return offer", "Their project shipped and is used by support daily", "1 return offer"),
    (
        "Published the API style guide",
        "Adopted by four teams; one review round per API change instead of three",
        "4 teams",
    ),
    ("Ran the quarterly game day", "Found two failover gaps before customers did", "2 gaps fixed"),
    ("Automated the release notes", "Saves the release manager two hours every release", "2 h per release"),
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
        contacts = _contacts(store, today, rnd, counts["contacts"], counts["interactions"])
        _mentoring(store, today, tz, contacts)
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
            rated = today - timedelta(days=30 * (4 - k) + rnd.randint(0, 20))
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
                    title=f"Checkpoint {k}",
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
                progress=[ProgressPoint(on=start + timedelta(days=30), value=float(current))]
                if current is not None
                else [],
            )
        )
    store.goals.add_many(goals)
    return goals


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


def _contacts(store: Store, today: date, rnd: random.Random, n: int, n_interactions: int) -> list[Contact]:
    contacts = []
    for i in range(n):
        first, last = FIRST[i % len(FIRST)], LAST[(i * 7 + i // len(FIRST)) % len(LAST)]
        contacts.append(
            Contact(
                name=f"{first} {last}" if i < len(FIRST) else f"{first} {last} ({i // len(FIRST)})",
                organisation=ORGS[i % len(ORGS)],
                role=ROLES[i % len(ROLES)],
                email=f"{first.lower()}.{last.lower()}{i}@example.org",
                how_we_met=rnd.choice(["Conference hallway", "Former colleague", "Meetup", "Introduced by a mentor"]),
                cadence_days=(30, None, 90, None)[i % 4],
                tags=[["mentor"], ["peer"], ["recruiter"], []][i % 4],
                relationship=(Relationship.MENTOR, Relationship.PEER, Relationship.RECRUITER, Relationship.COLLEAGUE)[
                    i % 4
                ],
                created=datetime.combine(today - timedelta(days=400), time(9)).astimezone(),
            )
        )
    store.contacts.add_many(contacts)
    store.tag_rhythms.add(TagRhythm(tag="peer", cadence_days=60))  # peers: every two months
    summaries = [
        "Coffee chat about platform teams",
        "Shared the talk draft for feedback",
        "Congratulated on new role",
        "Asked about their promotion packet",
        "Intro to their team's SRE lead",
    ]
    store.interactions.add_many(
        Interaction(
            contact_id=contacts[(j * 5) % n].id,
            happened_on=today - timedelta(days=rnd.randint(1, 200)),
            kind=list(InteractionKind)[j % len(InteractionKind)],
            summary=summaries[j % len(summaries)],
        )
        for j in range(n_interactions)
    )
    return contacts


def _mentoring(store: Store, today: date, tz: str, contacts: list[Contact]) -> None:
    ships = [
        Mentorship(
            contact_id=contacts[0].id,
            role=MentorRole.MENTOR,
            focus="Path to staff engineer",
            started_on=today - timedelta(days=180),
        ),
        Mentorship(
            contact_id=contacts[1].id,
            role=MentorRole.COACH,
            focus="Negotiation and presence",
            started_on=today - timedelta(days=60),
        ),
        Mentorship(
            contact_id=contacts[2].id,
            role=MentorRole.MENTEE,
            focus="First year as a backend engineer",
            started_on=today - timedelta(days=120),
        ),
    ]
    store.mentorships.add_many(ships)
    meetings = []
    for k in range(10):
        ship = ships[k % 3]
        day = today + timedelta(days=14 * (k - 6) + (1 - today.weekday()) % 7)  # every other Tuesday
        start = ZonedDateTime.at(datetime.combine(day, time(12, 30)), tz)
        past = day < today
        meetings.append(
            Meeting(
                mentorship_id=ship.id,
                title=f"{ship.role.label} session: {ship.focus}",
                start=start,
                end=start + timedelta(minutes=45),
                location="Video call" if k % 2 else "Café Einstein",
                agenda=[AgendaTopic(text=t) for t in ("Wins since last time", "Blockers", "Next steps")],
                notes="Discussed the promotion packet outline." if past else "",
                action_items=[
                    ActionItem(
                        text="Draft the staff-scope document", due=day + timedelta(days=7), done=past and k % 2 == 0
                    )
                ],
                state=MeetingState.HELD if past else MeetingState.PLANNED,
            )
        )
    store.meetings.add_many(meetings)


def _advocacy(
    store: Store, today: date, rnd: random.Random, skills: dict[str, Skill], goals: list[Goal], n: int
) -> None:
    initiatives = [
        Initiative(
            kind=InitiativeKind.VOLUNTEERED_PROJECT,
            title="Own the on-call handbook",
            status=InitiativeStatus.DONE,
            description="Volunteered to rewrite the runbooks after three noisy rotations.",
            started_on=today - timedelta(days=150),
            goal_id=goals[0].id,
        ),
        Initiative(
            kind=InitiativeKind.PROPOSED_IDEA,
            title="Proposal: shared tracing library",
            status=InitiativeStatus.PROPOSED,
            description="One library instead of four hand-rolled tracers.",
            started_on=today - timedelta(days=20),
            follow_up_on=today + timedelta(days=10),
            goal_id=goals[2 % len(goals)].id,
        ),
        Initiative(
            kind=InitiativeKind.STRETCH_ASSIGNMENT,
            title="Run the architecture review board for a quarter",
            status=InitiativeStatus.ACCEPTED,
            started_on=today - timedelta(days=5),
        ),
        Initiative(
            kind=InitiativeKind.PROPOSED_IDEA,
            title="Brown-bag series on incident reviews",
            status=InitiativeStatus.IDEA,
        ),
    ]
    store.initiatives.add_many(initiatives)
    names = list(skills)
    achievements = []
    for i in range(n):
        title, impact, metric = ACHIEVEMENTS[i % len(ACHIEVEMENTS)]
        achievements.append(
            Achievement(
                title=title if i < len(ACHIEVEMENTS) else f"{title} #{i // len(ACHIEVEMENTS) + 1}",
                achieved_on=today - timedelta(days=10 + (i * 23) % 700),
                impact=impact,
                metric=metric,
                skill_ids=[skills[names[i % len(names)]].id],
                goal_id=goals[i % len(goals)].id if i % 2 else None,
                initiative_id=initiatives[0].id if i == 3 else None,
            )
        )
    store.achievements.add_many(achievements)
    store.conversations.add_many(
        [
            ConversationPrep(
                title="Promotion conversation with my manager",
                audience=Audience.MANAGER,
                planned_on=today + timedelta(days=21),
                ask="Support my Staff Engineer case in the next promotion cycle",
                talking_points=[
                    "Scope I already carry across three teams",
                    "Impact: CI time halved, on-call pages down 64%",
                    "What the staff rubric asks that I still need to show",
                ],
                achievement_ids=[a.id for a in achievements[:3]],
            ),
            ConversationPrep(
                title="Learning budget with HR",
                audience=Audience.HR,
                planned_on=today - timedelta(days=40),
                ask="Fund the CKA exam and the speaker workshop",
                talking_points=["Both tie to goals agreed with my manager"],
                outcome="Approved: 545 EUR from the team's learning budget",
            ),
        ]
    )


def _reviews(store: Store, today: date, goals: list[Goal]) -> None:
    store.reviews.add_many(
        [
            Review(
                period_start=today - timedelta(days=56),
                period_end=today - timedelta(days=29),
                completed=True,
                done="Finished the speaker workshop abstract; 6 learning sessions logged",
                slipped="Skipped two CKA sessions during the release crunch",
                adapt="Moved CKA sessions to mornings",
                goal_ids_adjusted=[goals[3 % len(goals)].id],
            ),
            Review(
                period_start=today - timedelta(days=28),
                period_end=today - timedelta(days=1),
                completed=True,
                done="Latency down to 610 ms; mentor meeting on the promotion packet",
                slipped="Conference talk proposal not sent yet",
                adapt="Book a fixed writing slot on Fridays",
            ),
        ]
    )
