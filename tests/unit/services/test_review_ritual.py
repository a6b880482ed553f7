"""The review ritual against a real store: a weekly or quarterly review started, saved page by page,
resumed, and finished; what its first pages list; skills re-rated and goals paused or dropped through
the steps' own services; past reviews with their focus and whether it was kept; the ritual's day,
time and rhythm."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from empower_desktop.domain import (
    Achievement,
    Contact,
    DomainError,
    Goal,
    Interaction,
    LearningItem,
    LearningSession,
    Meeting,
    Mentorship,
    ZonedDateTime,
)
from empower_desktop.domain.assess import GoalStatus, Milestone
from empower_desktop.domain.learn import LearningType
from empower_desktop.domain.network import MeetingState
from empower_desktop.domain.recurrence import weekly_rule
from empower_desktop.domain.review import GoalAction, ReviewKind
from empower_desktop.services import Services
from empower_desktop.services.review import Ritual
from empower_desktop.settings import SettingError
from empower_desktop.sync.mapping import ritual_first_day

from ...conftest import FIXED_NOW, TODAY
from ..domain.test_goals import smart_goal

TZ = "Europe/Berlin"  # today is Monday 15 June 2026, 11:30 in Berlin


class Clock:
    """A clock the test moves on, day by day."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def days(self, n: int) -> None:
        self.now += timedelta(days=n)


@pytest.fixture
def clock() -> Clock:
    return Clock(FIXED_NOW)


@pytest.fixture
def opened(tmp_path: Path, clock: Clock) -> Iterator[Callable[[], Services]]:
    """Open the data folder (again, as after a restart) with the test's clock."""
    opened: list[Services] = []

    def open_folder() -> Services:
        services = Services.open(tmp_path / "data", clock=clock)
        services.settings.set("general.time_zone", TZ)
        opened.append(services)
        return services

    yield open_folder
    for services in opened:
        services.close()


@pytest.fixture
def svc(opened: Callable[[], Services]) -> Services:
    return opened()


# -- starting, resuming, finishing ------------------------------------------------------------------------


def test_a_new_weekly_review_covers_the_last_week_and_is_saved_at_once(svc: Services) -> None:
    review = svc.review.start(ReviewKind.WEEKLY)
    assert (review.kind, review.period_start, review.period_end) == (ReviewKind.WEEKLY, date(2026, 6, 8), TODAY)
    assert (review.completed, review.page, review.finished_on) == (False, "", None)
    assert svc.store.reviews.get(review.id) == review
    assert svc.review.unfinished() == review
    assert svc.review.unfinished(ReviewKind.QUARTERLY) is None


def test_a_new_quarterly_review_covers_the_last_quarter(svc: Services) -> None:
    review = svc.review.start(ReviewKind.QUARTERLY)
    assert (review.period_start, review.period_end) == (date(2026, 3, 15), TODAY)
    assert review.pages[2:4] == ("satisfaction", "vision")


def test_a_review_left_half_way_is_resumed_where_it_was_left(opened: Callable[[], Services], clock: Clock) -> None:
    first = opened()
    review = first.review.start(ReviewKind.WEEKLY)
    review.done = "Shipped the tracing memo"
    review.last_focus_kept = True
    saved = first.review.save_page(review, "skills")
    assert saved.page == "skills"
    first.close()

    clock.days(2)  # two days later, the app opened again
    again = opened()
    resumed = again.review.start(ReviewKind.WEEKLY)
    assert resumed.id == review.id
    assert (resumed.page, resumed.done, resumed.last_focus_kept) == ("skills", "Shipped the tracing memo", True)
    assert (resumed.period_start, resumed.period_end) == (date(2026, 6, 8), TODAY)  # its period as begun
    assert again.store.reviews.count() == 1
    # A quarterly review is another one: the weekly left half-way stays as it is.
    quarterly = again.review.start(ReviewKind.QUARTERLY)
    assert quarterly.id != review.id and again.store.reviews.count() == 2


def test_a_page_the_review_does_not_have_is_refused(svc: Services) -> None:
    review = svc.review.start(ReviewKind.WEEKLY)
    with pytest.raises(DomainError, match="A weekly review has no page “vision”"):
        svc.review.save_page(review, "vision")
    assert svc.store.reviews.get(review.id).page == ""


def test_a_finished_review_is_dated_and_the_next_one_starts_the_day_after(svc: Services, clock: Clock) -> None:
    review = svc.review.start(ReviewKind.WEEKLY)
    clock.days(1)  # finished the next day: its period ran to the day it was begun
    finished = svc.review.finish(review)
    assert (finished.completed, finished.finished_on, finished.period_end) == (True, date(2026, 6, 16), TODAY)
    assert svc.store.reviews.get(review.id).finished_on == date(2026, 6, 16)
    assert svc.review.unfinished() is None

    clock.days(6)  # the next Monday
    second = svc.review.start(ReviewKind.WEEKLY)
    assert second.id != review.id
    assert (second.period_start, second.period_end) == (date(2026, 6, 17), date(2026, 6, 22))
    # A quarterly review still looks back a quarter: the weekly ones are not its own.
    assert svc.review.start(ReviewKind.QUARTERLY).period_start == date(2026, 3, 22)


def test_a_second_review_on_the_day_of_the_first_covers_that_day(svc: Services) -> None:
    svc.review.finish(svc.review.start(ReviewKind.WEEKLY))
    again = svc.review.start(ReviewKind.WEEKLY)
    assert (again.period_start, again.period_end) == (TODAY, TODAY)


def test_a_deleted_review_comes_back_with_undo(svc: Services) -> None:
    review = svc.review.finish(svc.review.start(ReviewKind.WEEKLY))
    deleted = svc.review.delete(review.id)
    assert svc.store.reviews.count() == 0
    svc.review.restore(deleted)
    assert svc.store.reviews.get(review.id) == review


# -- what the first pages list ----------------------------------------------------------------------------


def test_the_recap_lists_what_was_done_and_what_slipped_in_the_period(svc: Services) -> None:
    course = svc.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Distributed systems"))
    start = ZonedDateTime.at(datetime(2026, 6, 2, 7, 30), TZ)  # every Tue and Thu 7:30
    habit = svc.learning.save_session(
        LearningSession(
            item_id=course.id,
            start=start,
            end=start + timedelta(minutes=45),
            rrule=weekly_rule([1, 3], date(2026, 6, 30), TZ),
        )
    )
    svc.learning.log_done(habit.id, "2026-06-09T07:30:00", 40)
    svc.learning.log_skipped(habit.id, "2026-06-04T07:30:00")  # before the period: not listed
    # 11 June was not logged: missed, as the Sessions view says; 16 June is still ahead.

    marta = svc.network.save_contact(Contact(name="Marta Kowalska"))
    ana = svc.network.save_contact(Contact(name="Ana Lima", cadence_days=30))
    svc.network.log_interaction(Interaction(contact_id=ana.id, happened_on=date(2026, 5, 1)))  # due 31 May
    ship = svc.mentoring.save_mentorship(Mentorship(contact_id=marta.id))
    for day, title, state in (
        (10, "Mentor meeting with Marta", MeetingState.HELD),
        (12, "Cancelled chat", MeetingState.CANCELLED),
        (22, "Next mentor meeting", MeetingState.PLANNED),
    ):
        at = ZonedDateTime.at(datetime(2026, 6, day, 12, 0), TZ)
        svc.store.meetings.add(
            Meeting(mentorship_id=ship.id, title=title, start=at, end=at + timedelta(hours=1), state=state)
        )
    svc.store.achievements.add(Achievement(title="Cut CI time in half", achieved_on=date(2026, 6, 12)))
    svc.store.achievements.add(Achievement(title="Old news", achieved_on=date(2026, 5, 2)))
    svc.store.goals.add(
        smart_goal(
            milestones=[
                Milestone(title="Draft the talk", due=date(2026, 6, 1)),
                Milestone(title="Book the venue", due=date(2026, 6, 3), done=True),
                Milestone(title="Give the talk", due=date(2026, 9, 1)),
            ]
        )
    )
    svc.store.goals.add(
        Goal(
            title="Set aside",
            status=GoalStatus.PAUSED,
            milestones=[Milestone(title="Paused work", due=date(2026, 6, 1))],
        )
    )

    recap = svc.review.recap(svc.review.start(ReviewKind.WEEKLY))
    assert recap.sessions_logged == ["Tue 9 Jun 2026 · Distributed systems · 40 min"]
    assert recap.sessions_missed == ["Thu 11 Jun 2026 · Distributed systems · not logged"]
    # One definition: what the review calls missed is what the Sessions view counts for the same days.
    not_logged = [
        r for r in svc.learning.occurrence_rows(date(2026, 6, 8), date(2026, 6, 16)) if r.state.value != "done"
    ]
    assert len(recap.sessions_missed) == sum(1 for r in not_logged if r.state.value in ("not_logged", "skipped"))
    assert recap.meetings_held == ["Wed 10 Jun 2026 · Mentor meeting with Marta"]
    assert recap.achievements == ["12 Jun 2026 · Cut CI time in half"]
    assert recap.milestones_overdue == ["Draft the talk (Give two conference talks), due 1 Jun 2026"]
    assert recap.contacts_overdue == ["Ana Lima, due 31 May 2026"]
    assert [r.contact.name for r in svc.network.reach_out()] == ["Ana Lima"]  # as Reach out lists them
    assert recap.last_focus == ""


def test_the_recap_shows_the_focus_the_previous_review_of_its_kind_picked(svc: Services, clock: Clock) -> None:
    first = svc.review.start(ReviewKind.WEEKLY)
    first.focus = "Finish the tracing memo"
    svc.review.finish(first)
    quarterly = svc.review.start(ReviewKind.QUARTERLY)
    quarterly.focus = "Land the staff promotion case"
    svc.review.finish(quarterly)
    clock.days(7)
    second = svc.review.start(ReviewKind.WEEKLY)
    assert svc.review.recap(second).last_focus == "Finish the tracing memo"
    # A finished review read later shows the focus of the one before it, not its own.
    assert svc.review.recap(svc.store.reviews.get(first.id)).last_focus == ""


# -- what the pages change in the steps -------------------------------------------------------------------


def test_a_skill_re_rated_in_the_review_is_a_rating_of_today_in_its_history(svc: Services) -> None:
    skill = svc.assessment.add_skill("Kubernetes", level=2, on=date(2026, 1, 10))
    review = svc.review.start(ReviewKind.WEEKLY)
    review = svc.review.rerate(review, skill.id, 3)
    review = svc.review.rerate(review, skill.id, 4)  # changed the mind: one more rating, one skill noted
    assert [(r.rated_on, r.level) for r in svc.assessment.skill_history(skill.id)] == [
        (date(2026, 1, 10), 2),
        (TODAY, 3),
        (TODAY, 4),
    ]
    assert review.rerated_skill_ids == [skill.id]
    assert svc.store.reviews.get(review.id).rerated_skill_ids == [skill.id]


def test_a_rating_out_of_range_is_refused_and_not_noted(svc: Services) -> None:
    skill = svc.assessment.add_skill("Kubernetes")
    review = svc.review.start(ReviewKind.WEEKLY)
    with pytest.raises(DomainError):
        svc.review.rerate(review, skill.id, 9)
    assert svc.assessment.skill_history(skill.id) == []
    assert svc.store.reviews.get(review.id).rerated_skill_ids == []


@pytest.mark.parametrize(("action", "verb"), [(GoalAction.PAUSE, "pause"), (GoalAction.DROP, "drop")])
def test_pausing_or_dropping_a_goal_without_a_reason_is_refused_and_changes_nothing(
    svc: Services, action: GoalAction, verb: str
) -> None:
    goal = svc.goals.save(smart_goal(), activate=True)
    review = svc.review.start(ReviewKind.WEEKLY)
    with pytest.raises(DomainError, match=f"^Say why you {verb} “Give two conference talks”$"):
        svc.review.decide(review, goal.id, action, "   ")
    assert svc.store.goals.get(goal.id).status is GoalStatus.ACTIVE
    assert svc.store.reviews.get(review.id).goal_decisions == []
    assert review.goal_decisions == []  # the page's copy is untouched too


def test_a_goal_paused_or_dropped_in_the_review_changes_its_status_with_the_reason_kept(svc: Services) -> None:
    talks = svc.goals.save(smart_goal(), activate=True)
    latency = svc.goals.save(smart_goal(title="Cut p99 latency of the order API"), activate=True)
    review = svc.review.start(ReviewKind.WEEKLY)
    review = svc.review.decide(review, talks.id, GoalAction.PAUSE, " No conference until spring ")
    review = svc.review.decide(review, latency.id, GoalAction.DROP, "The API is being retired")
    assert svc.store.goals.get(talks.id).status is GoalStatus.PAUSED
    assert svc.store.goals.get(latency.id).status is GoalStatus.DROPPED
    stored = svc.store.reviews.get(review.id)
    assert [(d.goal_id, d.action, d.reason) for d in stored.goal_decisions] == [
        (talks.id, GoalAction.PAUSE, "No conference until spring"),
        (latency.id, GoalAction.DROP, "The API is being retired"),
    ]
    # Thinking again on the same page: kept after all, the goal is active again; one decision per goal.
    review = svc.review.decide(review, talks.id, GoalAction.KEEP)
    assert svc.store.goals.get(talks.id).status is GoalStatus.ACTIVE
    assert [(d.goal_id, d.action) for d in svc.store.reviews.get(review.id).goal_decisions] == [
        (latency.id, GoalAction.DROP),
        (talks.id, GoalAction.KEEP),
    ]


def test_keeping_or_adjusting_a_goal_only_notes_it(svc: Services) -> None:
    goal = svc.goals.save(smart_goal(), activate=True)
    review = svc.review.start(ReviewKind.WEEKLY)
    review = svc.review.decide(review, goal.id, GoalAction.ADJUST, "Deadline moved to March")
    assert svc.store.goals.get(goal.id).status is GoalStatus.ACTIVE
    stored = svc.store.reviews.get(review.id)
    assert [(d.action, d.reason) for d in stored.goal_decisions] == [(GoalAction.ADJUST, "Deadline moved to March")]
    assert stored.goal_ids_adjusted == [goal.id]
    review = svc.review.decide(review, goal.id, GoalAction.KEEP)
    assert svc.store.reviews.get(review.id).goal_ids_adjusted == []
    assert svc.store.goals.get(goal.id).status is GoalStatus.ACTIVE


def test_a_paused_goal_that_is_no_longer_smart_comes_back_as_a_draft(svc: Services) -> None:
    vague = svc.goals.save(Goal(title="Get better at negotiation"), activate=False)
    review = svc.review.start(ReviewKind.WEEKLY)
    review = svc.review.decide(review, vague.id, GoalAction.PAUSE, "Other things first")
    assert svc.store.goals.get(vague.id).status is GoalStatus.PAUSED
    svc.review.decide(review, vague.id, GoalAction.ADJUST, "Made it concrete")
    assert svc.store.goals.get(vague.id).status is GoalStatus.DRAFT


# -- past reviews -----------------------------------------------------------------------------------------


def test_the_history_lists_the_latest_first_with_whether_each_focus_was_kept(svc: Services, clock: Clock) -> None:
    focuses = ["Finish the tracing memo", "Book the CKA exam", "Ask Sofia for feedback"]
    kept_answers = [None, True, False]
    ids = []
    for focus, kept in zip(focuses, kept_answers, strict=True):
        review = svc.review.start(ReviewKind.WEEKLY)
        review.last_focus_kept = kept
        review.focus = focus
        ids.append(svc.review.finish(review).id)
        clock.days(7)
    running = svc.review.start(ReviewKind.WEEKLY)  # the fourth, not answered yet
    rows = svc.review.history()
    assert [r.review.id for r in rows] == [running.id, *reversed(ids)]
    assert [(r.review.focus, r.focus_kept) for r in rows] == [
        ("", None),
        ("Ask Sofia for feedback", None),  # the running review has not said yet
        ("Book the CKA exam", False),
        ("Finish the tracing memo", True),
    ]
    assert [r.review.completed for r in rows] == [False, True, True, True]


# -- the ritual ------------------------------------------------------------------------------------------


def test_the_ritual_is_read_and_set_in_settings(svc: Services) -> None:
    assert svc.review.ritual() == Ritual(weekday=5, time="16:00", minutes=30, every_weeks=1)
    chosen = svc.review.set_ritual(Ritual(weekday=2, time=" 9:05", minutes=45, every_weeks=2))
    assert chosen == Ritual(weekday=2, time="09:05", minutes=45, every_weeks=2)
    assert (svc.settings.get("review.weekday"), svc.settings.get("review.time")) == (2, "09:05")
    assert (svc.settings.get("review.minutes"), svc.settings.review_cadence_weeks) == (45, 2)


@pytest.mark.parametrize(
    ("ritual", "message"),
    [
        (Ritual(weekday=8, time="16:00", minutes=30, every_weeks=1), r"Review day .*: must be between 1 and 7"),
        (Ritual(weekday=5, time="25:00", minutes=30, every_weeks=1), "Review time: “25:00” is not a time of day"),
        (Ritual(weekday=5, time="teatime", minutes=30, every_weeks=1), "write it like 16:00"),
        (Ritual(weekday=5, time="16:00", minutes=5, every_weeks=1), r"Review length \(minutes\): must be between"),
        (Ritual(weekday=5, time="16:00", minutes=30, every_weeks=0), r"Review every \(weeks\): must be between"),
    ],
)
def test_a_ritual_out_of_range_is_refused_with_a_plain_message_and_nothing_stored(
    svc: Services, ritual: Ritual, message: str
) -> None:
    before = svc.review.ritual()
    with pytest.raises(SettingError, match=message) as caught:
        svc.review.set_ritual(ritual)
    assert "Error" not in str(caught.value) and "Traceback" not in str(caught.value)
    assert svc.review.ritual() == before


def test_the_next_ritual_day_is_its_weekday_in_the_weeks_of_its_rhythm(svc: Services) -> None:
    svc.review.set_ritual(Ritual(weekday=5, time="16:00", minutes=30, every_weeks=1))
    assert svc.review.next_ritual_day() == date(2026, 6, 19)  # Monday 15 June: that Friday
    assert svc.review.next_ritual_day(date(2026, 6, 19)) == date(2026, 6, 19)  # on the day: that day
    assert svc.review.next_ritual_day(date(2026, 6, 20)) == date(2026, 6, 26)
    svc.review.set_ritual(Ritual(weekday=1, time="08:00", minutes=30, every_weeks=5))
    found = svc.review.next_ritual_day()
    assert found.isoweekday() == 1 and TODAY <= found < TODAY + timedelta(weeks=5)
    assert (found - ritual_first_day(1)).days % 35 == 0  # the days the calendar event repeats on
    assert found == date(2026, 6, 22)


def test_the_calendar_gets_the_ritual_as_chosen_with_what_the_next_review_covers(svc: Services) -> None:
    from empower_desktop.sync.mapping import items_from_store

    svc.review.set_ritual(Ritual(weekday=3, time="07:15", minutes=20, every_weeks=2))
    reminders = svc.calendar.reminders()
    assert (reminders.review_weekday, reminders.review_time, reminders.review_minutes) == (3, "07:15", 20)
    assert (reminders.review_weeks, reminders.tz) == (2, TZ)
    assert reminders.review_description == svc.dashboard.ritual_description() != ""
    [ritual] = [i for i in items_from_store(svc.store, reminders) if i.kind == "review"]
    assert ritual.description == svc.dashboard.ritual_description()
    assert ritual.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"
