"""The Review tab's dashboard: every figure on a fixed record, agreeing with the step that owns it.

The clock of the `services` fixture: Monday 15 Jun 2026, 11:30 in Berlin (09:30 UTC); this ISO
week runs from Monday 15 to Sunday 21 Jun, this quarter from 1 Apr to 30 Jun.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from empower_desktop.demo import populate
from empower_desktop.domain import (
    Achievement,
    Contact,
    Goal,
    Interaction,
    LearningItem,
    LearningSession,
    Meeting,
    Mentorship,
    Opportunity,
    Review,
    ZonedDateTime,
)
from empower_desktop.domain.advocate import OpportunityStatus
from empower_desktop.domain.assess import GoalStatus, Milestone, ProgressPoint
from empower_desktop.domain.goals import Track, expected_fraction, progress_fraction, track
from empower_desktop.domain.learn import LearningStatus, LearningType, OccurrenceState
from empower_desktop.domain.learning_plan import weekly_hours
from empower_desktop.domain.network import ActionItem, MeetingState, Owner, TagRhythm
from empower_desktop.domain.review import ReviewKind
from empower_desktop.review.summary import goal_review_text, track_reason
from empower_desktop.services import Services
from empower_desktop.services.dashboard import dashboard_json, dashboard_lines, quarter_of
from empower_desktop.services.review import Ritual

from ...conftest import FIXED_NOW, TODAY

BERLIN = "Europe/Berlin"


def at(day: date, hour: int, minute: int = 0, tz: str = BERLIN) -> ZonedDateTime:
    return ZonedDateTime.at(datetime(day.year, day.month, day.day, hour, minute), tz)


def item(services: Services, title: str = "Kubernetes the hard way") -> LearningItem:
    return services.learning.save_item(LearningItem(kind=LearningType.COURSE, title=title))


def session(
    services: Services, owner: LearningItem, day: date, hour: int, minute: int = 0, minutes: int = 60, rrule: str = ""
) -> LearningSession:
    start = at(day, hour, minute)
    return services.learning.save_session(
        LearningSession(item_id=owner.id, start=start, end=start + timedelta(minutes=minutes), rrule=rrule)
    )


def goal(services: Services, title: str, current: float | None, **more: object) -> Goal:
    fields: dict[str, object] = {
        "title": title,
        "metric": "count",
        "baseline": 0.0,
        "target": 10.0,
        "current": current,
        "start": TODAY - timedelta(days=50),
        "deadline": TODAY + timedelta(days=50),
        "status": GoalStatus.ACTIVE,
    }
    fields.update(more)
    return services.store.goals.add(Goal(**fields))  # type: ignore[arg-type]


# -- an empty record ---------------------------------------------------------------------------------


def test_an_empty_record_has_every_figure_at_zero_and_nothing_raises(services: Services) -> None:
    board = services.dashboard.dashboard()
    assert board.today == TODAY
    assert board.goals == [] and board.deadlines == [] and board.next_events == []
    assert (board.week.first_day, board.week.last_day) == (date(2026, 6, 15), date(2026, 6, 21))
    assert (board.quarter.first_day, board.quarter.last_day) == (date(2026, 4, 1), date(2026, 6, 30))
    for hours in (board.week, board.quarter):
        assert (hours.planned, hours.logged, hours.not_logged) == (0.0, 0.0, 0)
    assert (board.contacts_due, board.open_actions, board.my_open_actions, board.achievements_this_month) == (
        0,
        0,
        0,
        0,
    )
    assert all(board.count(t) == 0 for t in Track)
    figures = services.dashboard.since(TODAY - timedelta(days=7))
    assert (figures.sessions_logged, figures.sessions_missed, figures.meetings_held) == (0, 0, 0)
    assert (figures.contacts_overdue, figures.wins) == (0, 0)
    assert services.dashboard.skill_series() == []
    assert services.dashboard.satisfaction_series() == []
    weeks = services.dashboard.hours_by_week()
    assert len(weeks) == 12 and weeks[-1].week_start == date(2026, 6, 15)
    assert all(w.planned == w.logged == 0 for w in weeks)
    data = json.loads(json.dumps(dashboard_json(board, "week")))
    assert data["goals"]["items"] == [] and data["hours"]["planned_hours"] == 0
    assert dashboard_lines(board, "quarter")[1].startswith("LEARNING THIS QUARTER (1 Apr 2026 to 30 Jun 2026)")
    assert services.dashboard.ritual_description().startswith(  # since Friday's ritual (the default)
        "Since 12 Jun 2026: 0 sessions missed, 0 contacts overdue, 0 wins logged."
    )


def test_quarters_are_calendar_quarters() -> None:
    assert quarter_of(date(2026, 1, 1)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert quarter_of(date(2026, 6, 30)) == (date(2026, 4, 1), date(2026, 6, 30))
    assert quarter_of(date(2026, 11, 15)) == (date(2026, 10, 1), date(2026, 12, 31))


# -- goals -------------------------------------------------------------------------------------------


def test_goals_are_grouped_by_track_with_the_reason_in_words(services: Services) -> None:
    behind = goal(services, "Give two conference talks", 2.0)  # expected 50%, at 20%
    late = goal(
        services,
        "Write the design doc",
        5.0,
        milestones=[Milestone(title="Draft the talk", due=TODAY - timedelta(days=3))],
    )
    passed = goal(services, "Ship the tracing library", 3.0, deadline=TODAY - timedelta(days=1))
    fine = goal(services, "Read four books", 6.0)  # no milestones at all, ahead of the line
    unmeasured = goal(services, "Mentor a junior", None)
    goal(services, "A draft", 1.0, status=GoalStatus.DRAFT)
    goal(services, "Done before", 10.0, status=GoalStatus.ACHIEVED)

    board = services.dashboard.dashboard()
    figures = {f.title: f for f in board.goals}
    assert [f.goal_id for f in board.goals] == [passed.id, behind.id, late.id, fine.id, unmeasured.id]
    assert figures["Give two conference talks"].track is Track.OFF_TRACK
    assert figures["Give two conference talks"].reason == "30% behind the expected 50%"
    assert figures["Give two conference talks"].fraction == pytest.approx(0.2)
    assert figures["Give two conference talks"].expected == pytest.approx(0.5)
    assert figures["Write the design doc"].track is Track.AT_RISK
    assert figures["Write the design doc"].reason == "milestone “Draft the talk” overdue since 12 Jun 2026"
    assert figures["Ship the tracing library"].reason == "deadline passed on 14 Jun 2026"
    assert figures["Read four books"].track is Track.ON_TRACK and figures["Read four books"].reason == ""
    assert figures["Mentor a junior"].track is Track.NOT_MEASURED
    assert figures["Mentor a junior"].reason == "no measurement yet"
    assert (board.count(Track.OFF_TRACK), board.count(Track.AT_RISK), board.count(Track.ON_TRACK)) == (2, 1, 1)
    for stored in services.store.goals.where("status = 'active'"):  # the step's own rule, on the full record
        assert figures[stored.title].track is track(stored, TODAY)
        assert figures[stored.title].expected == expected_fraction(stored, TODAY)


def test_the_expected_line_is_the_one_track_uses(services: Services) -> None:
    talks = goal(services, "Give two conference talks", 2.0, start=date(2026, 1, 1), deadline=date(2027, 1, 1))
    assert expected_fraction(talks, date(2026, 1, 1)) == 0.0
    assert expected_fraction(talks, date(2027, 3, 1)) == 1.0
    assert expected_fraction(Goal(title="No deadline"), TODAY) is None
    services.goals.update_progress(talks.id, 1.0, on=date(2026, 3, 1))
    services.goals.update_progress(talks.id, 4.0, on=date(2026, 6, 1))
    series = services.dashboard.goal_series(talks.id)
    assert [day for day, _ in series.points] == [date(2026, 3, 1), date(2026, 6, 1)]
    assert [fraction for _, fraction in series.points] == pytest.approx([0.1, 0.4])
    assert series.expected == [(date(2026, 1, 1), 0.0), (date(2027, 1, 1), 1.0)]
    open_ended = goal(services, "Someday", 1.0, deadline=None, progress=[ProgressPoint(on=TODAY, value=1.0)])
    assert services.dashboard.goal_series(open_ended.id).expected == []


# -- learning hours ----------------------------------------------------------------------------------


def test_the_week_runs_from_monday_midnight_to_sunday_night_in_the_persons_zone(services: Services) -> None:
    course = item(services)
    session(services, course, date(2026, 6, 14), 23, 30, minutes=30)  # Sunday before: last week
    session(services, course, date(2026, 6, 15), 0, 30, minutes=60)  # Monday 00:30 Berlin = Sunday 22:30 UTC
    session(services, course, date(2026, 6, 21), 23, 30, minutes=30)  # Sunday 23:30 Berlin = 21:30 UTC
    session(services, course, date(2026, 6, 22), 0, 15, minutes=45)  # next Monday
    week = services.dashboard.dashboard().week
    assert week.planned == pytest.approx(1.5)
    assert week.not_logged == 1  # Monday 00:30 has ended unlogged; Sunday night is ahead
    by_week = {w.week_start: w for w in services.dashboard.hours_by_week(2)}
    assert by_week[date(2026, 6, 8)].planned == pytest.approx(0.5)
    assert by_week[date(2026, 6, 15)].planned == pytest.approx(1.5)
    # the Progress view's figure for the same week
    same = weekly_hours(services.store.learning_sessions.all(), [], date(2026, 6, 15), 1, BERLIN)
    assert same[0].planned == pytest.approx(week.planned)


def test_hours_planned_leave_skipped_out_and_logged_count_minutes_spent(services: Services) -> None:
    course = item(services)
    habit = session(services, course, date(2026, 6, 1), 7, 30, minutes=45, rrule="FREQ=WEEKLY;BYDAY=MO,WE;COUNT=8")
    services.learning.log_done(habit.id, "2026-06-15T07:30:00", 30, "Pods and services")
    services.learning.log_skipped(habit.id, "2026-06-17T07:30:00")
    early = session(services, course, date(2026, 4, 1), 0, 10, minutes=60)  # the quarter's first night
    services.learning.log_done(early.id, "2026-04-01T00:10:00", None)
    board = services.dashboard.dashboard()
    assert board.week.planned == pytest.approx(0.75)  # Monday's; Wednesday's was skipped
    assert board.week.logged == pytest.approx(0.5)
    assert board.week.not_logged == 0
    # quarter: 8 habit times (1, 3, 8, 10, 15, 17, 22, 24 Jun) less the skipped one, and 1 April
    assert board.quarter.planned == pytest.approx(7 * 0.75 + 1)
    assert board.quarter.logged == pytest.approx(0.5 + 1)
    assert board.quarter.not_logged == 4  # 1, 3, 8 and 10 Jun
    assert services.dashboard.hours(date(2026, 3, 1), date(2026, 3, 31)).planned == 0


@pytest.mark.parametrize(
    ("now", "monday"),
    [
        (datetime(2026, 3, 29, 20, 0, tzinfo=UTC), date(2026, 3, 23)),  # clocks go forward at 02:00 on 29 Mar
        (datetime(2026, 10, 25, 20, 0, tzinfo=UTC), date(2026, 10, 19)),  # and back at 03:00 on 25 Oct
    ],
)
def test_a_week_with_a_daylight_saving_change_keeps_its_hours(tmp_path: Path, now: datetime, monday: date) -> None:
    services = Services.open(tmp_path / "dst", clock=lambda: now)
    try:
        services.settings.set("general.time_zone", BERLIN)
        course = item(services)
        session(services, course, monday, 7, 30, minutes=45, rrule="FREQ=DAILY;COUNT=7")  # every day 7:30 to 8:15
        late = monday + timedelta(days=6)
        session(services, course, late, 23, 30, minutes=30)  # Sunday 23:30, after the change
        session(services, course, monday - timedelta(days=1), 23, 30, minutes=30)  # the Sunday before
        board = services.dashboard.dashboard()
        assert (board.week.first_day, board.week.last_day) == (monday, late)
        assert board.week.planned == pytest.approx(7 * 0.75 + 0.5)
        assert board.week.not_logged == 7  # every morning has passed; Sunday night is ahead
        assert [w.planned for w in services.dashboard.hours_by_week(2)] == [pytest.approx(0.5), pytest.approx(5.75)]
    finally:
        services.close()


def test_not_logged_has_one_definition_the_sessions_view_the_dashboard_and_the_review_share(
    services: Services,
) -> None:
    course = item(services)
    goal(services, "Read four books", 6.0)  # the review lists learning once there is a goal
    session(services, course, date(2026, 5, 17), 23, 30)  # before the 4 weeks (21:30 UTC on the 17th)
    session(services, course, date(2026, 5, 18), 0, 30)  # the first day (22:30 UTC on the 17th): counted
    session(services, course, date(2026, 6, 1), 18, 0)
    done = session(services, course, date(2026, 6, 3), 18, 0)
    services.learning.log_done(done.id, "2026-06-03T18:00:00", 60)
    habit = session(services, course, date(2026, 6, 8), 7, 0, minutes=30, rrule="FREQ=DAILY;COUNT=6")
    services.learning.log_skipped(habit.id, "2026-06-09T07:00:00")
    services.learning.move_occurrence(  # the 10th's time goes to the 12th, 20:00: counted there, once
        habit.id, "2026-06-10T07:00:00", at(date(2026, 6, 12), 20).instant, at(date(2026, 6, 12), 20, 30).instant
    )
    session(services, course, TODAY, 7, 30, minutes=45)  # ended earlier today: counted
    session(services, course, TODAY, 11, 0, minutes=60)  # still running (now 11:30): not yet
    session(services, course, TODAY, 19, 0)  # later today

    first, after = TODAY - timedelta(days=28), TODAY + timedelta(days=1)  # the Sessions view's "Past 4 weeks"
    rows = services.learning.occurrence_rows(first, after)
    view = sum(1 for r in rows if r.state is OccurrenceState.NOT_LOGGED)
    ours = services.dashboard.not_logged(first, after)
    # 18 May, 1 Jun, habit on 8, 11, 12, 13 Jun, the moved one on the 12th at 20:00, this morning
    assert view == len(ours) == 8
    assert ours[-1].key == "2026-06-15T07:30:00"
    review = goal_review_text(services.store, TODAY, now=FIXED_NOW, tz=BERLIN)
    assert "  8 past sessions not logged yet" in review
    assert services.review.text() == review  # the store's clock and the zone in Settings by default
    assert services.dashboard.dashboard().week.not_logged == 1  # this week: this morning's only


# -- the other steps' figures ------------------------------------------------------------------------


def test_contacts_due_are_who_reach_out_lists(services: Services) -> None:
    long_ago = datetime(2025, 1, 1, tzinfo=UTC)
    store = services.store
    store.tag_rhythms.add(TagRhythm(tag="platform", cadence_days=30))
    overdue = store.contacts.add(Contact(name="Ana Lima", cadence_days=30, created=long_ago))
    by_tag = store.contacts.add(Contact(name="Ben Ode", tags=["Platform"], created=long_ago))  # the tag, any case
    store.contacts.add(Contact(name="Cleo Park", cadence_days=30, created=long_ago, snoozed_until=TODAY + timedelta(3)))
    recent = store.contacts.add(Contact(name="Dev Rao", cadence_days=30, created=long_ago))
    store.interactions.add(Interaction(contact_id=recent.id, happened_on=TODAY - timedelta(days=10)))
    store.interactions.add(Interaction(contact_id=overdue.id, happened_on=TODAY - timedelta(days=40)))
    mentor = store.contacts.add(Contact(name="Eve Stone", cadence_days=30, created=long_ago))
    ship = store.mentorships.add(Mentorship(contact_id=mentor.id))
    start = at(TODAY - timedelta(days=5), 17)  # a meeting held with her is a contact
    store.meetings.add(
        Meeting(
            mentorship_id=ship.id, title="1:1", start=start, end=start + timedelta(hours=1), state=MeetingState.HELD
        )
    )
    store.contacts.add(Contact(name="Finn Hale", created=long_ago))  # no rhythm at all
    store.contacts.add(Contact(name="Gus Bay", cadence_days=30, created=datetime(2026, 5, 16, 12, tzinfo=UTC)))

    # tags beyond ASCII fold as Python folds them: "STRASSE" is the tag "Straße", "ÄRZTE" is "ärzte"
    store.tag_rhythms.add(TagRhythm(tag="Straße", cadence_days=30))
    store.tag_rhythms.add(TagRhythm(tag="ärzte", cadence_days=30))
    street = store.contacts.add(Contact(name="Hana Roth", tags=["STRASSE"], created=long_ago))
    doctors = store.contacts.add(Contact(name="Ida Kern", tags=["ÄRZTE"], created=long_ago))

    # a tag the list's text holds only escaped, and one that holds a rhythm's name only inside it
    store.tag_rhythms.add(TagRhythm(tag='the "core" team', cadence_days=30))
    quoted = store.contacts.add(Contact(name="Jo Wren", tags=['The "Core" Team'], created=long_ago))
    store.contacts.add(Contact(name="Kai Lund", tags=["platformers"], created=long_ago))

    due = {r.contact.id for r in services.network.reach_out()}
    gus = store.contacts.where("name = 'Gus Bay'")[0].id
    assert due == {overdue.id, by_tag.id, street.id, doctors.id, gus, quoted.id}
    assert services.dashboard.dashboard().contacts_due == len(due) == 6


def test_open_action_items_and_achievements_of_this_month(services: Services) -> None:
    store = services.store
    ship = store.mentorships.add(Mentorship(contact_id=store.contacts.add(Contact(name="Ingrid")).id))
    start = at(TODAY - timedelta(days=7), 17)
    actions = [
        ActionItem(text="Draft the packet"),
        ActionItem(text="Send the rubric", owner=Owner.THEM),
        ActionItem(text="Done already", done=True),
    ]
    for state in (MeetingState.HELD, MeetingState.PLANNED, MeetingState.CANCELLED):
        store.meetings.add(
            Meeting(
                mentorship_id=ship.id,
                title=state.value,
                start=start,
                end=start + timedelta(hours=1),
                state=state,
                action_items=[ActionItem(text=a.text, owner=a.owner, done=a.done) for a in actions],
            )
        )
    for title, on in (("May win", date(2026, 5, 31)), ("June 1", date(2026, 6, 1)), ("Today", TODAY)):
        store.achievements.add(Achievement(title=title, achieved_on=on))
    board = services.dashboard.dashboard()
    assert (board.open_actions, board.my_open_actions) == (4, 2)
    assert board.open_actions == len(services.mentoring.open_actions())
    assert board.achievements_this_month == 2


def test_deadlines_list_overdue_ones_first_then_the_next_30_days(services: Services) -> None:
    store = services.store
    talks = goal(
        services,
        "Give two conference talks",
        5.0,
        deadline=TODAY + timedelta(days=20),
        milestones=[
            Milestone(title="Draft the talk", due=TODAY - timedelta(days=2)),
            Milestone(title="Dry run", due=TODAY + timedelta(days=5)),
            Milestone(title="Submitted", due=TODAY - timedelta(days=9), done=True),
            Milestone(title="Far away", due=TODAY + timedelta(days=31)),
        ],
    )
    goal(services, "No milestones, far deadline", 5.0, deadline=TODAY + timedelta(days=200))
    store.learning_items.add(
        LearningItem(
            kind=LearningType.CERTIFICATION,
            title="CKA",
            status=LearningStatus.DONE,
            earned_on=date(2024, 7, 1),
            expires_on=TODAY + timedelta(days=30),
        )
    )
    staff = store.opportunities.add(
        Opportunity(title="Staff role", next_step="Talk to the manager", next_step_on=TODAY - timedelta(days=1))
    )
    store.opportunities.add(
        Opportunity(title="Old", status=OpportunityStatus.DROPPED, next_step="Nothing", next_step_on=TODAY)
    )
    deadlines = services.dashboard.dashboard().deadlines
    assert [(d.day, d.kind, d.title, d.overdue) for d in deadlines] == [
        (date(2026, 6, 13), "milestone", "Draft the talk (Give two conference talks)", True),
        (date(2026, 6, 14), "opportunity", "Talk to the manager (Staff role)", True),
        (date(2026, 6, 20), "milestone", "Dry run (Give two conference talks)", False),
        (date(2026, 7, 5), "goal", "Give two conference talks", False),
        (date(2026, 7, 15), "certification", "CKA", False),
    ]
    assert deadlines[0].record_id == talks.id and deadlines[1].record_id == staff.id


def test_next_events_are_the_next_session_times_and_planned_meetings(services: Services) -> None:
    course = item(services)
    session(services, course, TODAY, 11, 0)  # running now: still shown
    habit = session(services, course, date(2026, 6, 1), 7, 30, minutes=45, rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=10")
    services.learning.log_skipped(habit.id, "2026-06-16T07:30:00")  # this Tuesday's is skipped
    skipped = session(services, course, TODAY + timedelta(days=1), 18)
    services.learning.log_skipped(skipped.id, "2026-06-16T18:00:00")
    session(services, course, TODAY - timedelta(days=1), 18)  # over
    store = services.store
    ship = store.mentorships.add(Mentorship(contact_id=store.contacts.add(Contact(name="Ingrid")).id))
    for day, state in ((TODAY + timedelta(days=2), MeetingState.PLANNED), (TODAY, MeetingState.CANCELLED)):
        start = at(day, 17)
        store.meetings.add(
            Meeting(mentorship_id=ship.id, title=f"1:1 {state.value}", start=start, end=start + timedelta(hours=1))
        )
        if state is MeetingState.CANCELLED:
            meeting = store.meetings.where("title = ?", ("1:1 cancelled",))[0]
            services.mentoring.set_state(meeting.id, state)
    events = services.dashboard.next_events(3)
    assert [(e.kind, e.start.strftime("%d %H:%M"), e.title) for e in events] == [
        ("session", "15 11:00", "Kubernetes the hard way"),
        ("meeting", "17 17:00", "1:1 planned"),
        ("session", "23 07:30", "Kubernetes the hard way"),
    ]
    assert events[2].record_id == habit.id and events[2].key == "2026-06-23T07:30:00"
    assert services.dashboard.dashboard().next_events[:3] == events


# -- since the last review ---------------------------------------------------------------------------


def test_since_counts_what_happened_and_the_ritual_describes_it(services: Services) -> None:
    course = item(services)
    logged = session(services, course, date(2026, 6, 10), 18)
    services.learning.log_done(logged.id, "2026-06-10T18:00:00", 50)
    skipped = session(services, course, date(2026, 6, 11), 18)
    services.learning.log_skipped(skipped.id, "2026-06-11T18:00:00")
    session(services, course, date(2026, 6, 12), 18)  # missed
    session(services, course, date(2026, 6, 1), 18)  # before
    store = services.store
    ship = store.mentorships.add(Mentorship(contact_id=store.contacts.add(Contact(name="Ingrid")).id))
    for day in (date(2026, 6, 12), date(2026, 6, 2)):
        start = at(day, 17)
        store.meetings.add(
            Meeting(
                mentorship_id=ship.id, title="1:1", start=start, end=start + timedelta(hours=1), state=MeetingState.HELD
            )
        )
    # held as Meeting.took_place says: still planned at a time now past (the calendar kept it) counts;
    # one removed from the calendar, a cancelled one and one still ahead do not
    for day, hour, state, removed in (
        (date(2026, 6, 10), 12, MeetingState.PLANNED, False),
        (date(2026, 6, 11), 12, MeetingState.PLANNED, True),
        (date(2026, 6, 11), 14, MeetingState.CANCELLED, False),
        (TODAY, 18, MeetingState.PLANNED, False),
    ):
        start = at(day, hour)
        store.meetings.add(
            Meeting(
                mentorship_id=ship.id,
                title="Lunch",
                start=start,
                end=start + timedelta(hours=1),
                state=state,
                removed_from_calendar=removed,
            )
        )
    store.achievements.add(Achievement(title="Cut CI time in half", achieved_on=date(2026, 6, 9)))
    store.achievements.add(Achievement(title="Older", achieved_on=date(2026, 6, 7)))
    store.contacts.add(Contact(name="Ana", cadence_days=7, created=datetime(2026, 1, 1, tzinfo=UTC)))

    services.review.set_ritual(Ritual(weekday=1, time="08:00", minutes=30, every_weeks=1))  # Mondays: today
    figures = services.dashboard.since(date(2026, 6, 9))
    assert (figures.sessions_logged, figures.sessions_missed, figures.meetings_held) == (1, 2, 2)
    week = services.review.start(ReviewKind.WEEKLY)  # the review's first page counts the same meetings
    recap = services.review.recap(dataclasses.replace(week, period_start=date(2026, 6, 9), period_end=TODAY))
    assert len(recap.meetings_held) == figures.meetings_held
    assert (figures.contacts_overdue, figures.wins) == (1, 1)
    assert services.dashboard.ritual_description() == (
        "Since 8 Jun 2026: 2 sessions missed, 1 contact overdue, 1 win logged. "
        "Open the Review tab of Empower Desktop to run the review."
    )
    store.reviews.add(
        Review(period_start=date(2026, 6, 1), period_end=date(2026, 6, 8), completed=True, finished_on=date(2026, 6, 8))
    )
    assert services.dashboard.last_review_day() == date(2026, 6, 8)
    assert services.dashboard.ritual_description().startswith("Since 9 Jun 2026: 2 sessions missed")


def test_with_no_review_finished_the_ritual_covers_since_it_last_came_round(services: Services) -> None:
    """The event's text moves once a ritual, not every day: Friday's review covers since the Friday
    before, every day of the week up to it; a review every two weeks, the two weeks before."""
    covered = services.dashboard.covered_from
    fridays = {day: covered(day) for day in (date(2026, 6, d) for d in range(13, 20))}  # Sat 13 to Fri 19
    assert set(fridays.values()) == {date(2026, 6, 12)}
    assert covered(date(2026, 6, 20)) == date(2026, 6, 19)  # the day after: since that Friday
    services.review.set_ritual(Ritual(weekday=5, time="16:00", minutes=30, every_weeks=2))
    assert {covered(date(2026, 6, d)) for d in range(6, 20)} == {date(2026, 6, 5)}
    assert services.review.next_ritual_day(date(2026, 6, 6)) == date(2026, 6, 19)
    services.store.reviews.add(
        Review(
            period_start=date(2026, 6, 1), period_end=date(2026, 6, 8), completed=True, finished_on=date(2026, 6, 10)
        )
    )
    assert covered(TODAY) == date(2026, 6, 11)  # a review finished: since the day after it


# -- charts ------------------------------------------------------------------------------------------


def test_skill_and_satisfaction_series_in_date_order(services: Services) -> None:
    python = services.assessment.add_skill("Python")
    once = services.assessment.add_skill("Once rated")
    services.assessment.rate_skill(python.id, 3, on=date(2026, 5, 1))
    services.assessment.rate_skill(python.id, 2, on=date(2026, 1, 1))
    services.assessment.rate_skill(once.id, 4, on=date(2026, 2, 1))
    series = services.dashboard.skill_series()
    assert [(s.name, s.points) for s in series] == [("Python", [(date(2026, 1, 1), 2), (date(2026, 5, 1), 3)])]
    services.assessment.add_checkin(7, on=date(2026, 6, 1))
    services.assessment.add_checkin(5, on=date(2026, 3, 1))
    assert services.dashboard.satisfaction_series() == [(date(2026, 3, 1), 5), (date(2026, 6, 1), 7)]


# -- the example data, small and large ---------------------------------------------------------------


@pytest.mark.parametrize("size", ["small", "large"])
def test_on_the_example_data_every_figure_agrees_with_its_step(services: Services, size: str) -> None:
    populate(services.store, TODAY, size=size, tz=BERLIN)
    board = services.dashboard.dashboard()
    assert board.contacts_due == len(services.network.reach_out())
    assert board.open_actions == len(services.mentoring.open_actions())
    first, after = TODAY - timedelta(days=28), TODAY + timedelta(days=1)
    rows = services.learning.occurrence_rows(first, after)
    assert len(services.dashboard.not_logged(first, after)) == sum(
        1 for r in rows if r.state is OccurrenceState.NOT_LOGGED
    )
    quarter = {w.week_start: w for w in services.learning.quarter_hours()}
    assert board.week.planned == pytest.approx(quarter[board.week.first_day].planned)
    assert board.week.logged == pytest.approx(quarter[board.week.first_day].logged)
    active = [g for g in services.store.goals.all() if g.status is GoalStatus.ACTIVE]
    assert sorted(g.goal_id for g in board.goals) == sorted(g.id for g in active)
    assert all(f.track is track(g, TODAY) for g in active for f in board.goals if f.goal_id == g.id)
    assert json.loads(json.dumps(dashboard_json(board, "quarter")))["hours"]["first_day"] == "2026-04-01"
    # the week and the quarter are counted in one pass: the same as each on its own
    alone = services.dashboard.hours(board.quarter.first_day, board.quarter.last_day)
    assert (board.quarter.planned, board.quarter.logged, board.quarter.not_logged) == pytest.approx(
        (alone.planned, alone.logged, alone.not_logged)
    )
    week = services.dashboard.hours(board.week.first_day, board.week.last_day)
    assert (board.week.planned, board.week.logged, board.week.not_logged) == pytest.approx(
        (week.planned, week.logged, week.not_logged)
    )


def test_one_offs_counted_in_sqlite_agree_with_the_count_over_each_session(services: Services) -> None:
    """The dashboard adds up in SQLite the one-offs whose only log names their own start; every
    other kind of one-off is counted over the session: both give what the count of each
    session gives (`hours`), and the figures a person expects."""
    course = item(services)
    session(services, course, date(2026, 6, 1), 18)  # ended, nothing logged
    session(services, course, date(2026, 6, 20), 18)  # ahead
    done = session(services, course, date(2026, 6, 2), 18, minutes=90)
    services.learning.log_done(done.id, "2026-06-02T18:00:00", 40)
    skipped = session(services, course, date(2026, 6, 3), 18)
    services.learning.log_skipped(skipped.id, "2026-06-03T18:00:00")
    length_only = session(services, course, date(2026, 6, 4), 18, minutes=30)
    services.learning.log_done(length_only.id, "2026-06-04T18:00:00", None)  # no minutes: its length counts
    old_style = session(services, course, date(2026, 6, 5), 18)  # marked done on itself, as earlier versions did
    services.store.learning_sessions.update(
        LearningSession(**{**vars(old_style), "state": "done", "minutes_spent": 20})
    )
    moved = session(services, course, date(2026, 6, 8), 18)  # logged, then moved to the 9th: the log stays at the 8th
    services.learning.log_done(moved.id, "2026-06-08T18:00:00", 50)
    services.store.learning_sessions.update(
        LearningSession(**{**vars(moved), "start": at(date(2026, 6, 9), 18), "end": at(date(2026, 6, 9), 19)})
    )
    start = at(date(2026, 6, 10), 12, tz="America/New_York")  # 18:00 in Berlin, logged in its own zone
    elsewhere = services.learning.save_session(
        LearningSession(item_id=course.id, start=start, end=start + timedelta(minutes=60))
    )
    services.learning.log_done(elsewhere.id, "2026-06-10T12:00:00", 60)

    board = services.dashboard.dashboard()
    reference = services.dashboard.hours(board.quarter.first_day, board.quarter.last_day)
    assert (board.quarter.planned, board.quarter.logged, board.quarter.not_logged) == pytest.approx(
        (reference.planned, reference.logged, reference.not_logged)
    )
    # planned: 1 + 1 + 1.5 + 0.5 + 1 (old style) + 1 (moved, at the 9th) + 1 (New York); the skipped one not
    assert board.quarter.planned == pytest.approx(7.0)
    # logged: 40 min + 30 min (its length) + 20 min (old style) + 50 min (at the 8th) + 60 min
    assert board.quarter.logged == pytest.approx((40 + 30 + 20 + 50 + 60) / 60)
    # not logged: the 1st, and the moved one at its new time (its log names the 8th)
    assert board.quarter.not_logged == 2


# -- goals worked out in SQLite, against the step's own rule ------------------------------------------

_VALUES = st.one_of(st.sampled_from([None, 0.0, 1.0, 2.5, 3.0, 10.0, -4.0]), st.floats(-1e6, 1e6, allow_nan=False))
_DAYS = st.one_of(st.none(), st.dates(TODAY - timedelta(days=400), TODAY + timedelta(days=400)))
_MILESTONES = st.lists(
    st.builds(
        Milestone,
        title=st.sampled_from(["Draft", "draft", "Ébauche", "Review", "Zeta"]),
        due=st.one_of(st.none(), st.sampled_from([TODAY + timedelta(days=n) for n in (-40, -3, -1, 0, 1, 30, 31)])),
        done=st.booleans(),
    ),
    max_size=4,
)


@st.composite
def _goals(draw: st.DrawFn) -> Goal:
    start, deadline = draw(_DAYS), draw(st.one_of(_DAYS, st.dates(TODAY, TODAY + timedelta(days=60))))
    if start is not None and deadline is not None and deadline < start:
        start, deadline = deadline, start
    made = draw(st.dates(TODAY - timedelta(days=500), TODAY + timedelta(days=5)))
    return Goal(
        title=draw(st.sampled_from(["Talks", "talks", "Écrire", "Ship"])),
        created=datetime(made.year, made.month, made.day, 23, 30, tzinfo=UTC),
        baseline=draw(_VALUES),
        target=draw(_VALUES),
        current=draw(_VALUES),
        start=start,
        deadline=deadline,
        status=GoalStatus.ACTIVE,
        milestones=draw(_MILESTONES),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(goals=st.lists(_goals(), min_size=1, max_size=6))
@example(  # two milestones overdue since the same day: the reason names the first by title, as `track_reason` does
    goals=[
        Goal(
            title="Talks",
            baseline=0.0,
            target=10.0,
            current=5.0,
            start=TODAY - timedelta(days=10),
            deadline=TODAY + timedelta(days=10),
            status=GoalStatus.ACTIVE,
            milestones=[Milestone(title=t, due=TODAY - timedelta(days=3)) for t in ("Zeta", "Draft")],
        )
    ]
)
def test_goals_read_in_sqlite_stand_where_the_steps_own_rule_puts_them(services: Services, goals: list[Goal]) -> None:
    """Track, reason, progress and the expected line of each active goal, and its deadlines, are the
    same when the dashboard works them out in SQLite as when the step works them out on the decoded
    goal (`domain.goals.track`, `track_reason`): "reduce" goals, equal baseline and target, no
    deadline, a deadline before the day it was made, overdue milestones tied on their day."""
    for stored in services.store.goals.all():
        services.store.goals.delete(stored.id)
    for g in goals:
        services.store.goals.add(g)
    board = services.dashboard.dashboard()
    figures = {f.goal_id: f for f in board.goals}
    for g in services.store.goals.all():
        figure = figures[g.id]
        assert (figure.track, figure.reason) == (track(g, TODAY), track_reason(g, TODAY))
        assert (figure.fraction, figure.expected) == (progress_fraction(g), expected_fraction(g, TODAY))
    horizon = TODAY + timedelta(days=30)
    expected = sorted(
        [
            (g.deadline, "goal", g.id)
            for g in goals
            if g.deadline and g.deadline <= horizon and track(g, TODAY) is not Track.DONE
        ]
        + [
            (m.due, "milestone", g.id)
            for g in goals
            if track(g, TODAY) is not Track.DONE
            for m in g.milestones
            if m.due is not None and not m.done and m.due <= horizon
        ],
        key=repr,
    )
    assert sorted([(d.day, d.kind, d.record_id) for d in board.deadlines], key=repr) == expected
