"""Step 3: mentoring — mentorships, their meetings, agendas carried over, action items, preparing.

A meeting's agenda is a list of topics; the topics not covered when a meeting is marked held
are carried over to the next planned meeting with the same person (or into the next one made).
A repeating meeting is a series of meetings made from a repeat rule (each with its own agenda,
notes and action items), at most a year ahead when the rule has no end.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..domain import Goal, Meeting, Mentorship, Skill
from ..domain.common import DomainError, ZonedDateTime, new_id
from ..domain.goals import Track, progress_fraction, track
from ..domain.network import MAX_SERIES, ActionItem, AgendaTopic, MeetingState, MentorshipStatus, Owner
from ..domain.recurrence import check_rule, compile_rule, occurrence_key
from .context import Context

SERIES_HORIZON = timedelta(days=366)  # how far ahead a repeat rule without an end makes meetings


@dataclass(frozen=True)
class MentorshipRow:
    mentorship: Mentorship
    with_whom: str
    next_meeting: Meeting | None
    last_held: Meeting | None
    open_actions: int


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    with_whom: str

    def is_past(self, now: datetime) -> bool:
        return self.meeting.is_past(now)


@dataclass(frozen=True)
class ActionRow:
    meeting: Meeting
    item: ActionItem
    with_whom: str


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    fraction: float | None
    track: Track
    fraction_before: float | None  # at the last meeting held, when it was measured by then


@dataclass(frozen=True)
class SkillProgress:
    skill: Skill
    level: int | None
    level_before: int | None  # at the last meeting held


@dataclass(frozen=True)
class Preparation:
    """What to read before walking into a meeting."""

    meeting: Meeting
    with_whom: str
    mentorship: Mentorship
    last_held: Meeting | None
    carried: list[AgendaTopic]  # open topics brought over from the meeting before
    agenda: list[AgendaTopic]  # the rest of the agenda
    my_actions: list[ActionRow]  # my open action items with this person
    their_actions: list[ActionRow]
    goals: list[GoalProgress]
    skills: list[SkillProgress]


@dataclass(frozen=True)
class DeletedMentorship:
    mentorship: Mentorship
    meetings: list[Meeting]


def _earliest(meetings: list[Meeting]) -> Meeting | None:
    return min(meetings, key=lambda m: m.start.instant, default=None)


def _latest(meetings: list[Meeting]) -> Meeting | None:
    return max(meetings, key=lambda m: m.start.instant, default=None)


def carry_over(topics: list[AgendaTopic], into: Meeting) -> int:
    """Add *topics* (open ones of a meeting before) to *into*'s agenda, once; returns how many."""
    known = {t.text.casefold() for t in into.agenda}
    carried = [AgendaTopic(text=t.text, carried=True) for t in topics if t.text.casefold() not in known]
    into.agenda = carried + into.agenda
    return len(carried)


class MentoringServices:
    """Mentorships and their meetings (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    # -- reading ---------------------------------------------------------------------------------
    def _names(self) -> dict[str, str]:
        return {row[0]: row[1] for row in self._ctx.store.db.query("SELECT id, name FROM contacts")}

    def _with_whom(self) -> dict[str, str]:
        names = self._names()
        return {m.id: names.get(m.contact_id, "") for m in self._ctx.store.mentorships.all()}

    def mentorships(self) -> list[MentorshipRow]:
        """Every mentorship, active ones first, with its next and last meeting."""
        store = self._ctx.store
        now = self._ctx.now()
        names = self._names()
        by_ship: dict[str, list[Meeting]] = {}
        for meeting in store.meetings.all():
            by_ship.setdefault(meeting.mentorship_id, []).append(meeting)
        rows = []
        for ship in store.mentorships.all():
            meetings = by_ship.get(ship.id, [])
            upcoming = [m for m in meetings if m.state is MeetingState.PLANNED and not m.is_past(now)]
            held = [m for m in meetings if m.state is MeetingState.HELD]
            actions = sum(len(m.open_actions) for m in meetings if m.state is not MeetingState.CANCELLED)
            rows.append(
                MentorshipRow(ship, names.get(ship.contact_id, ""), _earliest(upcoming), _latest(held), actions)
            )
        order = list(MentorshipStatus)
        return sorted(rows, key=lambda r: (order.index(r.mentorship.status), r.with_whom.casefold()))

    def mentorship(self, mentorship_id: str) -> Mentorship:
        return self._ctx.store.mentorships.get(mentorship_id)

    def meeting(self, meeting_id: str) -> Meeting:
        return self._ctx.store.meetings.get(meeting_id)

    def meeting_rows(self) -> list[MeetingRow]:
        """Every meeting, the earliest first."""
        with_whom = self._with_whom()
        meetings = sorted(self._ctx.store.meetings.all(), key=lambda m: m.start.instant)
        return [MeetingRow(m, with_whom.get(m.mentorship_id, "")) for m in meetings]

    def next_meetings(self, limit: int = 5) -> list[MeetingRow]:
        """The planned meetings still ahead, the soonest first."""
        now = self._ctx.now()
        rows = [
            r for r in self.meeting_rows() if r.meeting.state is MeetingState.PLANNED and not r.meeting.is_past(now)
        ]
        return rows[:limit]

    def open_actions(self) -> list[ActionRow]:
        """Every open action item of every meeting not cancelled: dated ones first, the soonest first."""
        rows = [
            ActionRow(r.meeting, item, r.with_whom)
            for r in self.meeting_rows()
            if r.meeting.state is not MeetingState.CANCELLED
            for item in r.meeting.open_actions
        ]
        return sorted(rows, key=lambda r: (r.item.due is None, r.item.due or date.min, r.meeting.start.instant))

    def _meetings_of(self, mentorship_id: str) -> list[Meeting]:
        found = self._ctx.store.meetings.where("mentorship_id = ?", (mentorship_id,))
        return sorted(found, key=lambda m: m.start.instant)

    def last_held(self, mentorship_id: str, before: datetime | None = None) -> Meeting | None:
        held = [
            m
            for m in self._meetings_of(mentorship_id)
            if m.state is MeetingState.HELD and (before is None or m.start.instant < before)
        ]
        return _latest(held)

    # -- mentorships -----------------------------------------------------------------------------
    def save_mentorship(self, mentorship: Mentorship) -> Mentorship:
        mentorship.validate()
        store = self._ctx.store
        store.contacts.get(mentorship.contact_id)  # a contact deleted meanwhile: NotFoundError
        if mentorship.status is MentorshipStatus.ACTIVE and mentorship.started_on is None:
            mentorship.started_on = self._ctx.today()
        if store.mentorships.exists(mentorship.id):
            return store.mentorships.update(mentorship)
        return store.mentorships.add(mentorship)

    def delete_mentorship(self, mentorship_id: str) -> DeletedMentorship:
        store = self._ctx.store
        with store.db.transaction():
            ship = store.mentorships.get(mentorship_id)
            meetings = self._meetings_of(mentorship_id)
            store.mentorships.delete(mentorship_id)  # its meetings go with it (ON DELETE CASCADE)
        return DeletedMentorship(ship, meetings)

    def restore_mentorship(self, deleted: DeletedMentorship) -> Mentorship:
        store = self._ctx.store
        with store.db.transaction():
            store.mentorships.add(deleted.mentorship)
            store.meetings.add_many(deleted.meetings)
        return deleted.mentorship

    # -- meetings --------------------------------------------------------------------------------
    def new_meeting(self, mentorship_id: str, start: datetime, minutes: int = 45, tz: str | None = None) -> Meeting:
        """A meeting not saved yet, its agenda opened with the open topics of the last one held."""
        ship = self.mentorship(mentorship_id)
        tz = tz or self._ctx.time_zone()
        begin = ZonedDateTime.at(start.replace(tzinfo=None, second=0, microsecond=0), tz)
        name = self._names().get(ship.contact_id, "")
        title = f"{ship.role.label} meeting with {name}" if name else f"{ship.role.label} meeting"
        meeting = Meeting(mentorship_id=mentorship_id, title=title, start=begin, end=begin + timedelta(minutes=minutes))
        last = self.last_held(mentorship_id)
        if last is not None:
            # Topics a planned meeting after it took already (mark_held) are not carried twice.
            taken = {
                t.text.casefold()
                for m in self._meetings_of(mentorship_id)
                if m.state is MeetingState.PLANNED and m.start.instant > last.start.instant
                for t in m.agenda
            }
            carry_over([t for t in last.open_topics if t.text.casefold() not in taken], meeting)
        return meeting

    def series_starts(self, rule: str, start: datetime, tz: str) -> list[datetime]:
        """The wall-clock starts a repeat rule gives from *start*: at most a year ahead when the
        rule does not end, and never more than MAX_SERIES."""
        try:
            check_rule(rule, start, tz)
        except DomainError as exc:  # its words are a habit's
            raise DomainError(str(exc).replace("This habit", "This series of meetings")) from None
        compiled = compile_rule(rule, occurrence_key(start), tz)
        ends = "COUNT=" in rule.upper() or "UNTIL=" in rule.upper()
        starts: list[datetime] = []
        for local in compiled:
            assert isinstance(local, datetime)
            if len(starts) >= MAX_SERIES or (not ends and local > start + SERIES_HORIZON):
                break
            starts.append(local)
        return starts

    def save_meeting(self, meeting: Meeting, rule: str = "") -> list[Meeting]:
        """Add a new meeting (a series of them when *rule* repeats it), or save an edited one.

        A meeting in the past is allowed (one held and logged afterwards). Checked first, saved in
        one transaction: nothing is half-saved. Returns the meetings saved.
        """
        meeting.validate()
        store = self._ctx.store
        store.mentorships.get(meeting.mentorship_id)
        if store.meetings.exists(meeting.id):
            return [store.meetings.update(meeting)]
        if not rule:
            return [store.meetings.add(meeting)]
        tz = meeting.start.tz
        length = meeting.end.instant - meeting.start.instant
        series = new_id()
        made = []
        for k, local in enumerate(self.series_starts(rule, meeting.start.local().replace(tzinfo=None), tz)):
            begin = ZonedDateTime.at(local, tz)
            made.append(
                dataclasses.replace(
                    meeting,
                    id=meeting.id if k == 0 else new_id(),
                    start=begin,
                    end=begin + length,
                    agenda=meeting.agenda if k == 0 else [],
                    notes=meeting.notes if k == 0 else "",
                    action_items=meeting.action_items if k == 0 else [],
                    series_id=series,
                    rrule=rule,
                )
            )
        with store.db.transaction():
            store.meetings.add_many(made)
        return made

    def mark_held(self, meeting_id: str) -> tuple[Meeting, Meeting | None]:
        """The meeting took place: its open topics go to the next planned meeting with the same
        person (returned second, or None when there is none yet: the next one made takes them)."""
        store = self._ctx.store
        with store.db.transaction():
            meeting = store.meetings.get(meeting_id)
            meeting.state = MeetingState.HELD
            store.meetings.update(meeting)
            later = [
                m
                for m in self._meetings_of(meeting.mentorship_id)
                if m.state is MeetingState.PLANNED and m.start.instant > meeting.start.instant
            ]
            following = _earliest(later)
            if following is not None and carry_over(meeting.open_topics, following):
                store.meetings.update(following)
        return meeting, following

    def set_state(self, meeting_id: str, state: MeetingState) -> Meeting:
        if MeetingState(state) is MeetingState.HELD:
            return self.mark_held(meeting_id)[0]
        store = self._ctx.store
        meeting = store.meetings.get(meeting_id)
        meeting.state = MeetingState(state)
        return store.meetings.update(meeting)

    def delete_meeting(self, meeting_id: str) -> Meeting:
        store = self._ctx.store
        meeting = store.meetings.get(meeting_id)
        store.meetings.delete(meeting_id)
        return meeting

    def restore_meeting(self, meeting: Meeting) -> Meeting:
        return self._ctx.store.meetings.add(meeting)

    def set_action_done(self, meeting_id: str, action_id: str, done: bool) -> Meeting:
        store = self._ctx.store
        meeting = store.meetings.get(meeting_id)
        for item in meeting.action_items:
            if item.id == action_id:
                item.done = done
                return store.meetings.update(meeting)
        raise DomainError("That action item is no longer there; it may have been edited elsewhere.")

    # -- preparing -------------------------------------------------------------------------------
    def prepare(self, meeting_id: str) -> Preparation:
        """Carried-over topics, open action items and recent progress on the linked goals and
        skills (since the last meeting held), for reading before the meeting."""
        store = self._ctx.store
        meeting = store.meetings.get(meeting_id)
        ship = store.mentorships.get(meeting.mentorship_id)
        name = self._names().get(ship.contact_id, "")
        last = self.last_held(ship.id, before=meeting.start.instant)
        since = last.start.local().date() if last is not None else None
        actions = [
            ActionRow(m, item, name)
            for m in self._meetings_of(ship.id)
            if m.state is not MeetingState.CANCELLED and m.start.instant < meeting.start.instant
            for item in m.open_actions
        ] + [ActionRow(meeting, item, name) for item in meeting.open_actions]
        today = self._ctx.today()
        goals = []
        for goal in (store.goals.find(g) for g in ship.goal_ids):
            if goal is None:
                continue
            before = None
            if since is not None:
                earlier = [p for p in goal.progress if p.on <= since]
                if earlier:
                    point = max(earlier, key=lambda p: p.on)
                    before = progress_fraction(dataclasses.replace(goal, current=point.value))
            goals.append(GoalProgress(goal, progress_fraction(goal), track(goal, today), before))
        skills = []
        for skill in (store.skills.find(s) for s in ship.skill_ids):
            if skill is None:
                continue
            ratings = sorted(store.skill_ratings.where("skill_id = ?", (skill.id,)), key=lambda r: r.rated_on)
            level = ratings[-1].level if ratings else None
            earlier_ratings = [r for r in ratings if since is not None and r.rated_on <= since]
            skills.append(SkillProgress(skill, level, earlier_ratings[-1].level if earlier_ratings else None))
        return Preparation(
            meeting=meeting,
            with_whom=name,
            mentorship=ship,
            last_held=last,
            carried=[t for t in meeting.agenda if t.carried and not t.covered],
            agenda=[t for t in meeting.agenda if not t.carried],
            my_actions=[a for a in actions if a.item.owner is Owner.ME],
            their_actions=[a for a in actions if a.item.owner is Owner.THEM],
            goals=goals,
            skills=skills,
        )
