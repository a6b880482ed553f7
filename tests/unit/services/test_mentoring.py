"""Step 3's mentoring against a real SQLite store: the topics not covered in a meeting go to the next
one with the same person (once), a new meeting opens with what the last one left open, a repeating
meeting is a series of meetings each with its own agenda, open action items come dated first,
preparing a meeting shows what changed since the last one, and a meeting the calendar lost stays
held (it still counts as the last contact, and putting it back keeps it held)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

import pytest

from empower_desktop.domain import Contact, DomainError, Goal, Meeting, Mentorship
from empower_desktop.domain.network import (
    ActionItem,
    AgendaTopic,
    MeetingState,
    MentorshipStatus,
    Owner,
)
from empower_desktop.services import ContactRow, Services
from empower_desktop.sync import resolve
from empower_desktop.sync.mapping import uid_for
from empower_desktop.sync.status import StatusStore
from empower_desktop.sync.targets.memory import MemoryTarget

from ...conftest import FIXED_NOW, TODAY
from ..sync.support import TARGET, register, sync

LONG_AGO = FIXED_NOW - timedelta(days=400)
BERLIN = "Europe/Berlin"


def mentor(services: Services, name: str = "Grace Hopper", **fields: object) -> Mentorship:
    person = services.network.save_contact(Contact(name=name, created=LONG_AGO, cadence_days=30))
    return services.mentoring.save_mentorship(Mentorship(contact_id=person.id, **fields))  # type: ignore[arg-type]


def topics(*texts: str, covered: Iterable[str] = ()) -> list[AgendaTopic]:
    done = set(covered)
    return [AgendaTopic(text=t, covered=t in done) for t in texts]


def plan(
    services: Services,
    ship: Mentorship,
    days_from_today: int,
    *,
    agenda: list[AgendaTopic] | None = None,
    actions: list[ActionItem] | None = None,
    state: MeetingState = MeetingState.PLANNED,
    hour: int = 12,
) -> Meeting:
    """A meeting made as the window makes one (pre-filled by new_meeting), then saved."""
    start = datetime.combine(TODAY + timedelta(days=days_from_today), time(hour))
    meeting = services.mentoring.new_meeting(ship.id, start, minutes=60)
    if agenda is not None:
        meeting.agenda = agenda
    meeting.action_items = actions or []
    meeting.state = state
    [saved] = services.mentoring.save_meeting(meeting)
    return saved


def texts(agenda: list[AgendaTopic]) -> list[str]:
    return [t.text for t in agenda]


def contact_row(services: Services, ship: Mentorship) -> ContactRow:
    return next(r for r in services.network.contact_rows() if r.contact.id == ship.contact_id)


# -- agendas carried over ------------------------------------------------------------------------------


def test_marking_a_meeting_held_carries_its_open_topics_to_the_next_planned_one_once(services: Services) -> None:
    ship = mentor(services)
    other = mentor(services, "Ada Lovelace")
    held = plan(
        services,
        ship,
        -7,
        agenda=topics("Promotion case", "Conference talk", "Team move", covered=["Promotion case"]),
    )
    following = plan(services, ship, 7, agenda=topics("Budget", "team move"))
    later = plan(services, ship, 35, agenda=topics("Next year"))
    elsewhere = plan(services, other, 3, agenda=topics("Their topic"))

    marked, carried_to = services.mentoring.mark_held(held.id)
    assert marked.state is MeetingState.HELD
    assert carried_to is not None and carried_to.id == following.id

    stored = services.store.meetings.get(following.id)
    # The covered topic stays behind; one already on the agenda (whatever its case) is not added twice.
    assert texts(stored.agenda) == ["Conference talk", "Budget", "team move"]
    assert [t.carried for t in stored.agenda] == [True, False, False]
    assert not any(t.covered for t in stored.agenda)
    # Only the next meeting with the same person takes them.
    assert texts(services.store.meetings.get(later.id).agenda) == ["Next year"]
    assert texts(services.store.meetings.get(elsewhere.id).agenda) == ["Their topic"]
    # The held meeting keeps its own agenda as it was.
    assert texts(services.store.meetings.get(held.id).agenda) == ["Promotion case", "Conference talk", "Team move"]

    # Marked held a second time (a double click, an undo and redo): nothing is carried twice.
    services.mentoring.mark_held(held.id)
    services.mentoring.set_state(held.id, MeetingState.HELD)
    assert texts(services.store.meetings.get(following.id).agenda) == ["Conference talk", "Budget", "team move"]


def test_a_meeting_held_with_no_next_one_leaves_its_topics_for_the_next_one_made(services: Services) -> None:
    ship = mentor(services)
    older = plan(services, ship, -30, agenda=topics("Old question"), state=MeetingState.HELD)
    last = plan(
        services,
        ship,
        -7,
        agenda=topics("Salary talk", "Reading list", covered=["Reading list"]),
    )
    plan(services, ship, -2, agenda=topics("Called off"), state=MeetingState.CANCELLED)
    assert services.mentoring.mark_held(last.id)[1] is None
    assert texts(services.store.meetings.get(older.id).agenda) == ["Old question"]

    before = services.store.meetings.count()
    made = services.mentoring.new_meeting(ship.id, datetime(2026, 6, 22, 17, 0))
    # Opened with what the last meeting held left open: not the covered topic, not an older
    # meeting's, not the cancelled one's.
    assert texts(made.agenda) == ["Salary talk"]
    assert all(t.carried and not t.covered for t in made.agenda)
    assert made.title == "Mentor meeting with Grace Hopper"
    assert made.start.local().replace(tzinfo=None) == datetime(2026, 6, 22, 17, 0)
    assert made.start.tz == BERLIN
    assert made.end.instant - made.start.instant == timedelta(minutes=45)
    assert services.store.meetings.count() == before  # not saved until the person saves it

    [saved] = services.mentoring.save_meeting(made)
    preparation = services.mentoring.prepare(saved.id)
    assert texts(preparation.carried) == ["Salary talk"]
    assert preparation.agenda == []


def test_a_topic_the_next_planned_meeting_took_is_not_opened_again_in_a_later_new_one(services: Services) -> None:
    ship = mentor(services)
    held = plan(services, ship, -5, agenda=topics("Conference talk", "Reading list"))
    following = plan(services, ship, 5)
    services.mentoring.mark_held(held.id)
    assert texts(services.store.meetings.get(following.id).agenda) == ["Conference talk", "Reading list"]

    # Planned further ahead: what the next meeting already took is not opened a second time, so
    # talking about it there does not leave it open here.
    later = services.mentoring.new_meeting(ship.id, datetime(2026, 7, 20, 17, 0))
    assert later.agenda == []
    [later] = services.mentoring.save_meeting(later)
    following = services.store.meetings.get(following.id)
    for topic in following.agenda:
        topic.covered = True
    services.mentoring.save_meeting(following)
    services.mentoring.mark_held(following.id)
    assert services.mentoring.prepare(later.id).carried == []


def test_a_first_meeting_opens_with_an_empty_agenda(services: Services) -> None:
    ship = mentor(services, role="coach")
    made = services.mentoring.new_meeting(ship.id, datetime(2026, 6, 22, 17, 0), minutes=30, tz="America/New_York")
    assert made.agenda == []
    assert made.title == "Coach meeting with Grace Hopper"
    assert made.start.tz == "America/New_York"
    assert made.start.local().hour == 17


# -- series of meetings --------------------------------------------------------------------------------


def test_a_monthly_series_makes_a_year_of_meetings_each_with_its_own_agenda(services: Services) -> None:
    ship = mentor(services)
    first = services.mentoring.new_meeting(ship.id, datetime(2026, 6, 16, 18, 0), minutes=60)
    first.agenda = topics("Kick-off: what I want from this")
    first.notes = "Bring the skills map"
    first.action_items = [ActionItem(text="Send my CV", due=date(2026, 6, 20))]

    made = services.mentoring.save_meeting(first, "FREQ=MONTHLY")

    assert 12 <= len(made) <= 13
    assert services.store.meetings.count() == len(made)
    assert len({m.id for m in made}) == len(made) and made[0].id == first.id
    assert len({m.series_id for m in made}) == 1 and made[0].series_id
    assert all(m.rrule == "FREQ=MONTHLY" for m in made)
    starts = [m.start.local() for m in made]
    # Every month on the 16th at 18:00 Berlin time, summer and winter alike, within a year.
    assert all((s.day, s.hour, s.minute, str(s.tzinfo)) == (16, 18, 0, BERLIN) for s in starts)
    assert [s.month for s in starts[:8]] == [6, 7, 8, 9, 10, 11, 12, 1]
    assert starts[-1] - starts[0] <= timedelta(days=366)
    assert all(m.end.instant - m.start.instant == timedelta(hours=1) for m in made)

    stored = [services.store.meetings.get(m.id) for m in made]
    # Only the first keeps what was typed; the others start empty, each with its own agenda.
    assert texts(stored[0].agenda) == ["Kick-off: what I want from this"]
    assert stored[0].notes == "Bring the skills map"
    assert [a.text for a in stored[0].action_items] == ["Send my CV"]
    assert all(m.agenda == [] and m.notes == "" and m.action_items == [] for m in stored[1:])
    second = stored[1]
    second.agenda = topics("Only for July")
    services.mentoring.save_meeting(second)
    assert texts(services.store.meetings.get(made[1].id).agenda) == ["Only for July"]
    assert services.store.meetings.get(made[2].id).agenda == []
    assert texts(services.store.meetings.get(made[0].id).agenda) == ["Kick-off: what I want from this"]


def test_a_series_with_a_count_makes_that_many_meetings(services: Services) -> None:
    ship = mentor(services)
    first = services.mentoring.new_meeting(ship.id, datetime(2026, 6, 16, 18, 0))
    made = services.mentoring.save_meeting(first, "FREQ=MONTHLY;COUNT=3")
    assert [m.start.local().date() for m in made] == [date(2026, 6, 16), date(2026, 7, 16), date(2026, 8, 16)]
    assert services.store.meetings.count() == 3
    assert [r.meeting.id for r in services.mentoring.next_meetings()] == [m.id for m in made]


def test_a_meeting_in_the_past_can_be_logged(services: Services) -> None:
    ship = mentor(services)
    held = plan(services, ship, -10, agenda=topics("How the launch went"), state=MeetingState.HELD)
    planned_late = plan(services, ship, -3)  # planned, never marked: still saved
    assert services.store.meetings.get(held.id).state is MeetingState.HELD
    assert services.store.meetings.get(planned_late.id).state is MeetingState.PLANNED
    assert services.mentoring.next_meetings() == []  # neither is ahead
    [row] = services.mentoring.mentorships()
    assert row.last_held is not None and row.last_held.id == held.id
    assert row.next_meeting is None


# -- what is refused ----------------------------------------------------------------------------------


def test_a_meeting_ending_before_it_starts_is_refused_and_nothing_saved(services: Services) -> None:
    ship = mentor(services)
    meeting = services.mentoring.new_meeting(ship.id, datetime(2026, 6, 22, 17, 0))
    meeting.end = meeting.start + timedelta(minutes=-30)
    with pytest.raises(DomainError, match="end after it starts"):
        services.mentoring.save_meeting(meeting)
    meeting.end = meeting.start
    with pytest.raises(DomainError, match="end after it starts"):
        services.mentoring.save_meeting(meeting, "FREQ=MONTHLY")
    assert services.store.meetings.count() == 0


@pytest.mark.parametrize("days", [0, -14])
def test_a_meeting_rhythm_of_zero_or_less_is_refused(services: Services, days: int) -> None:
    person = services.network.save_contact(Contact(name="Grace Hopper"))
    with pytest.raises(DomainError, match="A meeting rhythm must be between 1 and"):
        services.mentoring.save_mentorship(Mentorship(contact_id=person.id, cadence_days=days))
    assert services.store.mentorships.count() == 0
    ship = services.mentoring.save_mentorship(Mentorship(contact_id=person.id, cadence_days=14))
    ship.cadence_days = days  # edited in the dialog
    with pytest.raises(DomainError, match="A meeting rhythm must be between 1 and"):
        services.mentoring.save_mentorship(ship)
    assert services.mentoring.mentorship(ship.id).cadence_days == 14


def test_empty_action_items_and_topics_are_dropped_and_the_rest_trimmed(services: Services) -> None:
    ship = mentor(services)
    saved = plan(
        services,
        ship,
        5,
        agenda=[AgendaTopic(text="   "), AgendaTopic(text="  Feedback on my talk ")],
        actions=[ActionItem(text=" "), ActionItem(text=" Send the slides ", owner=Owner.THEM), ActionItem(text="")],
    )
    stored = services.store.meetings.get(saved.id)
    assert texts(stored.agenda) == ["Feedback on my talk"]
    assert [(a.text, a.owner) for a in stored.action_items] == [("Send the slides", Owner.THEM)]


def test_a_new_mentorship_starts_today_and_active_ones_come_first(services: Services) -> None:
    ended = mentor(services, "Ada Lovelace", status=MentorshipStatus.ENDED, what_changed="I lead a team now")
    active = mentor(services, "Zed Shaw")
    assert active.started_on == TODAY and ended.started_on is None
    assert [r.mentorship.id for r in services.mentoring.mentorships()] == [active.id, ended.id]


# -- action items --------------------------------------------------------------------------------------


def test_open_actions_come_dated_first_soonest_first_and_none_of_a_cancelled_meeting(services: Services) -> None:
    ship = mentor(services)
    held = plan(
        services,
        ship,
        -20,
        state=MeetingState.HELD,
        actions=[
            ActionItem(text="Undated, earlier meeting"),
            ActionItem(text="In ten days", due=TODAY + timedelta(days=10)),
            ActionItem(text="Done already", due=TODAY + timedelta(days=1), done=True),
            ActionItem(text="Overdue", due=TODAY - timedelta(days=3)),
        ],
    )
    plan(
        services,
        ship,
        7,
        actions=[
            ActionItem(text="In two days", due=TODAY + timedelta(days=2), owner=Owner.THEM),
            ActionItem(text="Undated, later meeting"),
        ],
    )
    plan(
        services,
        ship,
        -2,
        state=MeetingState.CANCELLED,
        actions=[ActionItem(text="Of a cancelled meeting", due=TODAY + timedelta(days=1))],
    )
    assert [r.item.text for r in services.mentoring.open_actions()] == [
        "Overdue",
        "In two days",
        "In ten days",
        "Undated, earlier meeting",
        "Undated, later meeting",
    ]
    assert {r.with_whom for r in services.mentoring.open_actions()} == {"Grace Hopper"}

    overdue = next(a for a in held.action_items if a.text == "Overdue")
    services.mentoring.set_action_done(held.id, overdue.id, True)
    assert "Overdue" not in [r.item.text for r in services.mentoring.open_actions()]
    [row] = services.mentoring.mentorships()
    assert row.open_actions == 4
    with pytest.raises(DomainError, match="no longer there"):
        services.mentoring.set_action_done(held.id, "not-an-action", True)


# -- preparing a meeting -------------------------------------------------------------------------------


def test_preparing_shows_carried_topics_open_actions_and_progress_since_the_last_meeting(
    services: Services,
) -> None:
    goal = services.goals.save(
        Goal(
            title="Give a conference talk", baseline=0, target=10, start=date(2026, 1, 1), deadline=date(2026, 12, 31)
        ),
        activate=False,
    )
    services.goals.update_progress(goal.id, 2, on=date(2026, 5, 1))
    services.goals.update_progress(goal.id, 5, on=date(2026, 6, 10))  # after the last meeting
    speaking = services.assessment.add_skill("Public speaking", level=2, on=date(2026, 3, 1))
    services.assessment.rate_skill(speaking.id, 3, on=date(2026, 6, 12))
    unrated = services.assessment.add_skill("Negotiation")
    ship = mentor(services, goal_ids=[goal.id], skill_ids=[speaking.id, unrated.id])
    other = mentor(services, "Ada Lovelace")

    last = plan(
        services,
        ship,
        -10,  # 5 June
        agenda=topics("Intro", "Conference talk", covered=["Intro"]),
        actions=[
            ActionItem(text="Draft the abstract"),
            ActionItem(text="Send an intro to Ana", owner=Owner.THEM),
            ActionItem(text="Done already", done=True),
        ],
    )
    plan(services, ship, -40, state=MeetingState.HELD, actions=[ActionItem(text="Read the book")])
    plan(services, other, 1, actions=[ActionItem(text="Someone else's action")])
    upcoming = plan(
        services,
        ship,
        3,
        agenda=topics("Feedback on the slides"),
        actions=[ActionItem(text="Review the slides", owner=Owner.THEM)],
    )
    services.mentoring.mark_held(last.id)

    ready = services.mentoring.prepare(upcoming.id)
    assert ready.with_whom == "Grace Hopper"
    assert ready.last_held is not None and ready.last_held.id == last.id
    assert texts(ready.carried) == ["Conference talk"]
    assert texts(ready.agenda) == ["Feedback on the slides"]
    assert sorted(a.item.text for a in ready.my_actions) == ["Draft the abstract", "Read the book"]
    assert sorted(a.item.text for a in ready.their_actions) == ["Review the slides", "Send an intro to Ana"]

    [progress] = ready.goals
    assert progress.goal.id == goal.id
    assert progress.fraction_before == pytest.approx(0.2)  # measured 2 of 10 by the last meeting
    assert progress.fraction == pytest.approx(0.5)
    speaking_now, unrated_now = ready.skills
    assert (speaking_now.skill.id, speaking_now.level_before, speaking_now.level) == (speaking.id, 2, 3)
    assert (unrated_now.level_before, unrated_now.level) == (None, None)


def test_preparing_a_first_meeting_has_nothing_before(services: Services) -> None:
    speaking = services.assessment.add_skill("Public speaking", level=2, on=date(2026, 3, 1))
    ship = mentor(services, skill_ids=[speaking.id])
    first = plan(services, ship, 3, agenda=topics("Hello"))
    ready = services.mentoring.prepare(first.id)
    assert ready.last_held is None and ready.carried == []
    assert texts(ready.agenda) == ["Hello"]
    assert [(s.level_before, s.level) for s in ready.skills] == [(None, 2)]


# -- deleting and the calendar -------------------------------------------------------------------------


def test_deleting_a_mentorship_takes_its_meetings_and_undo_brings_them_back(services: Services) -> None:
    ship = mentor(services, focus="Becoming a staff engineer")
    other = mentor(services, "Ada Lovelace")
    held = plan(services, ship, -10, agenda=topics("Open question"), actions=[ActionItem(text="Read the paper")])
    upcoming = plan(services, ship, 7)
    kept = plan(services, other, 7)
    services.mentoring.mark_held(held.id)
    before = {m.id: m for m in (services.store.meetings.get(i) for i in (held.id, upcoming.id))}

    deleted = services.mentoring.delete_mentorship(ship.id)
    assert [m.id for m in services.store.meetings.all()] == [kept.id]
    assert [r.mentorship.id for r in services.mentoring.mentorships()] == [other.id]
    assert services.store.contacts.exists(ship.contact_id)  # the person stays in the network

    services.mentoring.restore_mentorship(deleted)
    assert services.mentoring.mentorship(ship.id).focus == "Becoming a staff engineer"
    for meeting_id, meeting in before.items():
        assert services.store.meetings.get(meeting_id) == meeting
    assert services.store.meetings.get(held.id).state is MeetingState.HELD
    assert texts(services.store.meetings.get(upcoming.id).agenda) == ["Open question"]


def test_deleting_a_meeting_and_undo(services: Services) -> None:
    ship = mentor(services)
    meeting = plan(services, ship, 4, agenda=topics("Keep me"))
    gone = services.mentoring.delete_meeting(meeting.id)
    assert services.store.meetings.count() == 0
    services.mentoring.restore_meeting(gone)
    assert texts(services.store.meetings.get(meeting.id).agenda) == ["Keep me"]


def test_a_held_meeting_removed_from_the_calendar_stays_held_and_counts_as_the_last_contact(
    services: Services,
) -> None:
    ship = mentor(services)
    held = plan(services, ship, -5, actions=[ActionItem(text="Write it up", due=TODAY + timedelta(days=3))])
    plan(services, ship, 25)  # the calendar keeps this one
    services.mentoring.mark_held(held.id)
    register(services)
    calendar = MemoryTarget(TARGET)
    sync(services, calendar)
    calendar.remove(calendar.href_for(uid_for("meeting", held.id)))  # deleted in another calendar app

    report = sync(services, calendar)
    assert report.removed
    stored = services.store.meetings.get(held.id)
    assert stored.state is MeetingState.HELD
    assert stored.removed_from_calendar
    row = contact_row(services, ship)
    assert row.last_contact == TODAY - timedelta(days=5)
    assert row.due == TODAY + timedelta(days=25)
    [mentorship_row] = services.mentoring.mentorships()
    assert mentorship_row.last_held is not None and mentorship_row.last_held.id == held.id
    # Its follow-up stays in the calendar: the action item is still open.
    assert calendar.href_for(uid_for("followup", held.action_items[0].id)) in calendar.objects

    status = StatusStore(services.store.db, TARGET)
    [issue] = status.issues()
    resolve.restore_to_calendar(services.store, status, issue.id)
    restored = services.store.meetings.get(held.id)
    assert restored.state is MeetingState.HELD and not restored.removed_from_calendar
    report = sync(services, calendar)
    assert len(report.created) == 1
    assert calendar.href_for(uid_for("meeting", held.id)) in calendar.objects
    assert services.store.meetings.get(held.id).state is MeetingState.HELD
    assert contact_row(services, ship).last_contact == TODAY - timedelta(days=5)
