"""Step 2 rules: repeat rules across DST, the skills gap, hours per ISO week, certification expiry."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from empower_desktop.domain import DomainError, Goal, LearningItem, LearningSession, OccurrenceLog, Skill, ZonedDateTime
from empower_desktop.domain.assess import GoalStatus, RequiredSkill
from empower_desktop.domain.learn import LearningStatus, LearningType, OccurrenceState, SessionState
from empower_desktop.domain.learning_plan import (
    certification_reminders,
    expand,
    quarter_weeks,
    skills_gap,
    urgency,
    weekly_hours,
)
from empower_desktop.domain.recurrence import describe_rule, weekly_rule

TODAY = date(2026, 6, 15)


def habit(tz: str, first: datetime, minutes: int, rule: str, exdates: list[str] | None = None) -> LearningSession:
    start = ZonedDateTime.at(first, tz)
    return LearningSession(
        item_id="item", start=start, end=start + timedelta(minutes=minutes), rrule=rule, exdates=exdates or []
    )


@pytest.mark.parametrize(
    ("tz", "before", "after", "change"),
    [
        # Berlin leaves CET (+1) for CEST (+2) on 29 March 2026; New York leaves EST (-5) for EDT (-4) on 8 March.
        ("Europe/Berlin", "+01:00", "+02:00", date(2026, 3, 29)),
        ("America/New_York", "-05:00", "-04:00", date(2026, 3, 8)),
    ],
)
def test_a_habit_keeps_its_wall_clock_time_across_a_dst_change_and_drops_its_exdates(
    tz: str, before: str, after: str, change: date
) -> None:
    rule = weekly_rule([1, 3], change + timedelta(days=14), tz)  # every Tue and Thu 7:30-8:15
    first = datetime.combine(change - timedelta(days=12), datetime.min.time()).replace(hour=7, minute=30)
    while first.weekday() != 1:
        first += timedelta(days=1)
    skipped = (first + timedelta(days=9)).isoformat()  # the Thursday of the second week
    session = habit(tz, first, 45, rule, exdates=[skipped])
    found = expand(session, datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    keys = [o.key for o in found]
    assert skipped not in keys
    assert all(k.endswith("T07:30:00") for k in keys)
    assert all(o.start.isoformat().endswith(before if o.start.date() < change else after) for o in found)
    assert all(o.end - o.start == timedelta(minutes=45) for o in found)
    assert found[-1].start.date() <= change + timedelta(days=14)
    assert {o.start.weekday() for o in found} == {1, 3}
    # The instant moves by an hour across the change: the same 7:30 is an hour earlier in UTC.
    utc_hours = {o.start.astimezone(UTC).hour for o in found}
    assert len(utc_hours) == 2
    # With the exception included, the skipped occurrence is there again.
    with_excluded = expand(
        session, datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC), include_excluded=True
    )
    assert skipped in [o.key for o in with_excluded] and len(with_excluded) == len(found) + 1


def test_a_window_cuts_occurrences_by_their_start_instant() -> None:
    session = habit("Europe/Berlin", datetime(2026, 3, 24, 7, 30), 45, "FREQ=DAILY;COUNT=10")
    found = expand(session, datetime(2026, 3, 28, 6, 30, tzinfo=UTC), datetime(2026, 3, 30, 5, 30, tzinfo=UTC))
    # 28 March 7:30 CET is 6:30 UTC (in); 30 March 7:30 CEST is 5:30 UTC (out: the end is exclusive).
    assert [o.key for o in found] == ["2026-03-28T07:30:00", "2026-03-29T07:30:00"]


def test_a_one_off_session_is_one_occurrence() -> None:
    start = ZonedDateTime.at(datetime(2026, 6, 16, 18, 0), "Europe/Berlin")
    session = LearningSession(item_id="item", start=start, end=start + timedelta(hours=1))
    (only,) = expand(session, datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 7, 1, tzinfo=UTC))
    assert only.key == "2026-06-16T18:00:00" and not only.habit
    assert expand(session, datetime(2026, 7, 1, tzinfo=UTC), datetime(2026, 8, 1, tzinfo=UTC)) == []


@pytest.mark.parametrize(
    ("rule", "exdates", "message"),
    [
        ("FREQ=WEEKLY;COUNT=1", ["2026-06-16T07:30:00"], r"^Every time of this habit .* is skipped"),
        (
            "FREQ=WEEKLY;UNTIL=20200101T000000Z",
            [],
            r"^This habit never takes place: “Every week until 1 Jan 2020” has no day on or after its first day "
            r"\(16 Jun 2026\)",
        ),
        ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", [], "^This habit never takes place: no month has that day$"),
        ("FREQ=MONTHLY;BYDAY=6MO", [], "no month or year has a day “6MO”"),
        ("FREQ=HOURLY", [], "needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("FREQ=WEEKLY;BYHOUR=7", [], "does not support"),
        ("every tuesday", [], "The repeat rule is not valid"),
        ("FREQ=WEEKLY;BYDAY=XX", [], "BYDAY 'XX'"),
    ],
)
def test_a_rule_that_gives_no_session_or_cannot_be_read_is_refused_quickly(
    rule: str, exdates: list[str], message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        habit("Europe/Berlin", datetime(2026, 6, 16, 7, 30), 45, rule, exdates)


def test_session_times_are_checked() -> None:
    start = ZonedDateTime.at(datetime(2026, 6, 16, 7, 30), "Europe/Berlin")
    with pytest.raises(DomainError, match="must end after it starts"):
        LearningSession(item_id="i", start=start, end=start)
    with pytest.raises(DomainError, match="must end after it starts"):
        LearningSession(item_id="i", start=start, end=start + timedelta(minutes=-5))
    with pytest.raises(DomainError, match="at most 12 hours"):
        LearningSession(item_id="i", start=start, end=start + timedelta(hours=20))


@pytest.mark.parametrize(
    "link", ["not a link", "ftp://example.org/x", "https://", "http://exa mple.org", "javascript:alert(1)"]
)
def test_a_link_that_is_no_web_address_is_refused(link: str) -> None:
    with pytest.raises(DomainError, match="The link is not a web address"):
        LearningItem(kind=LearningType.COURSE, title="Course", link=link)


def test_a_web_address_without_scheme_gets_https() -> None:
    assert LearningItem(kind=LearningType.COURSE, title="C", link=" example.org/c ").link == "https://example.org/c"
    assert LearningItem(kind=LearningType.COURSE, title="C", link="").link == ""


def test_rules_read_as_words() -> None:
    assert describe_rule(weekly_rule([3, 1], date(2027, 3, 1), "America/New_York"), "America/New_York") == (
        "Every Tue and Thu until 1 Mar 2027"
    )
    assert describe_rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO") == "Every 2 weeks on Mon"


# -- the skills gap ---------------------------------------------------------------------------------


def test_urgency_grows_as_the_deadline_nears_and_is_highest_when_overdue() -> None:
    values = [urgency(TODAY + timedelta(days=d), TODAY) for d in (400, 365, 180, 30, 0, -1)]
    assert values == sorted(values) and values[0] == urgency(None, TODAY) == 1.0
    assert values[-2] == 4.0 and values[-1] == 5.0


def test_the_gap_is_ordered_by_gap_times_urgency_then_skills_without_a_goal() -> None:
    python, sql, talk, rust, k8s = (Skill(name=n, target_level=t) for n, t in [
        ("Python", 5), ("SQL", 4), ("Speaking", None), ("Rust", 4), ("Kubernetes", 3)
    ])  # fmt: skip
    needs = [RequiredSkill(skill_id=sql.id, target_level=4), RequiredSkill(skill_id=python.id, target_level=3)]
    soon = Goal(title="Soon", status=GoalStatus.ACTIVE, deadline=TODAY + timedelta(days=10), required_skills=needs)
    later = Goal(
        title="Later", status=GoalStatus.ACTIVE, deadline=TODAY + timedelta(days=300),
        required_skills=[RequiredSkill(skill_id=talk.id, target_level=5)],
    )  # fmt: skip
    draft = Goal(title="Draft", required_skills=[RequiredSkill(skill_id=rust.id, target_level=5)])
    ratings = {python.id: 4, sql.id: 2, talk.id: 2, rust.id: 1}
    rows = skills_gap([later, draft, soon], [python, sql, talk, rust, k8s], ratings, TODAY)
    summary = [(r.group, r.goal_title, r.skill_name, r.target, r.current, r.gap) for r in rows]
    assert summary == [
        ("goal", "Soon", "SQL", 4, 2, 2),  # 2 x ~3.9
        ("goal", "Later", "Speaking", 5, 2, 3),  # 3 x ~1.5
        ("goal", "Soon", "Python", 3, 4, 0),  # already there: listed last in its group
        ("no_goal", "", "Kubernetes", 3, None, 3),  # never rated counts as 0
        ("no_goal", "", "Rust", 4, 1, 3),  # the draft goal does not count
    ]
    assert rows[0].score == pytest.approx(2 * urgency(soon.deadline, TODAY))
    assert all(r.goal_id is None for r in rows[3:])


# -- hours per ISO week ---------------------------------------------------------------------------


def test_planned_and_logged_hours_per_iso_week() -> None:
    tz = "Europe/Berlin"
    monday = date(2026, 3, 23)  # ISO week 13; DST starts on Sunday 29 March
    weekly = habit(tz, datetime(2026, 3, 24, 7, 30), 45, "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6", ["2026-03-26T07:30:00"])
    start = ZonedDateTime.at(datetime(2026, 4, 1, 18, 0), tz)
    one_off = LearningSession(item_id="item", start=start, end=start + timedelta(hours=2))
    late = ZonedDateTime.at(datetime(2026, 3, 29, 23, 30), tz)  # Sunday night: still week 13
    sunday = LearningSession(item_id="item", start=late, end=late + timedelta(minutes=30))
    legacy = ZonedDateTime.at(datetime(2026, 4, 8, 8, 0), tz)
    old_style = LearningSession(
        item_id="item", start=legacy, end=legacy + timedelta(hours=1), state=SessionState.DONE, minutes_spent=50
    )
    done, skipped = OccurrenceState.DONE, OccurrenceState.SKIPPED
    logs = [
        OccurrenceLog(session_id=weekly.id, occurrence="2026-03-24T07:30:00", state=done, minutes_spent=40),
        OccurrenceLog(session_id=weekly.id, occurrence="2026-03-31T07:30:00", state=done),
        OccurrenceLog(session_id=weekly.id, occurrence="2026-04-02T07:30:00", state=skipped),
        OccurrenceLog(session_id=one_off.id, occurrence="2026-04-01T18:00:00", state=done, minutes_spent=90),
    ]
    weeks = weekly_hours([weekly, one_off, sunday, old_style], logs, monday, 3, tz)
    assert [w.week_start for w in weeks] == [date(2026, 3, 23), date(2026, 3, 30), date(2026, 4, 6)]
    assert [w.iso_week for w in weeks] == [(2026, 13), (2026, 14), (2026, 15)]
    # Week 13: Tue 24th (45 min), Thu 26th excluded, the Sunday half hour. Logged: 40 minutes.
    assert (weeks[0].planned, weeks[0].logged) == pytest.approx((1.25, 40 / 60))
    # Week 14: Tue 31st (done, no minutes: counts its 45), Thu 2nd skipped, the 2-hour one-off (90 min done).
    assert (weeks[1].planned, weeks[1].logged) == pytest.approx((2.75, 0.75 + 1.5))
    # Week 15: Tue 7th and Thu 9th (COUNT=6 counts the excluded one too), the old-style done session.
    assert (weeks[2].planned, weeks[2].logged) == pytest.approx((2.5, 50 / 60))


def test_logged_hours_stay_when_the_habit_no_longer_has_the_occurrence() -> None:
    tz = "Europe/Berlin"
    monday = date(2026, 6, 8)
    weekly = habit(tz, datetime(2026, 6, 2, 7, 30), 45, "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=8")
    done, skipped = OccurrenceState.DONE, OccurrenceState.SKIPPED
    logs = [
        OccurrenceLog(session_id=weekly.id, occurrence="2026-06-09T07:30:00", state=done, minutes_spent=40),
        OccurrenceLog(session_id=weekly.id, occurrence="2026-06-11T07:30:00", state=skipped),
        OccurrenceLog(session_id=weekly.id, occurrence="2026-06-16T07:30:00", state=done),  # no minutes: 45
    ]
    before = weekly_hours([weekly], logs, monday, 2, tz)
    assert [w.logged for w in before] == [pytest.approx(40 / 60), pytest.approx(0.75)]  # each log once
    # Another calendar app moves the whole series to 8:00: no occurrence has the logged keys any more.
    start = ZonedDateTime.at(datetime(2026, 6, 2, 8, 0), tz)
    moved = dataclasses.replace(weekly, start=start, end=start + timedelta(minutes=45))
    assert not {o.key for o in expand(moved, datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 7, 1, tzinfo=UTC))} & {
        log.occurrence for log in logs
    }
    after = weekly_hours([moved], logs, monday, 2, tz)
    assert [w.logged for w in after] == [w.logged for w in before]  # the skipped one adds nothing
    assert [w.planned for w in after] == [pytest.approx(1.5), pytest.approx(1.5)]  # the 8:00 sessions


def test_a_quarter_is_the_iso_weeks_from_its_first_to_its_last_day() -> None:
    assert quarter_weeks(date(2026, 2, 10)) == (date(2025, 12, 29), 14)  # 1 Jan 2026 is a Thursday
    assert quarter_weeks(date(2026, 6, 15)) == (date(2026, 3, 30), 14)
    assert quarter_weeks(date(2026, 12, 31)) == (date(2026, 9, 28), 14)
    first, weeks = quarter_weeks(date(2027, 5, 1))
    assert first.weekday() == 0 and first <= date(2027, 4, 1) and first + timedelta(weeks=weeks) > date(2027, 6, 30)


# -- certifications -------------------------------------------------------------------------------


def cert(title: str, expires_in: int | None, earned: bool = True, **kw: object) -> LearningItem:
    return LearningItem(
        kind=LearningType.CERTIFICATION,
        title=title,
        earned_on=TODAY - timedelta(days=700) if earned else None,
        expires_on=TODAY + timedelta(days=expires_in) if expires_in is not None else None,
        **kw,  # type: ignore[arg-type]
    )


def test_certification_reminders_come_before_expiry_and_after_it() -> None:
    items = [
        cert("Far", 61),
        cert("Soon", 60),
        cert("Expired", -3),
        cert("Today", 0),
        cert("Never expires", None),
        cert("Not earned yet", 10, earned=False),
        cert("Dropped", 5, status=LearningStatus.DROPPED),
        LearningItem(kind=LearningType.COURSE, title="Course", earned_on=TODAY, expires_on=TODAY + timedelta(days=5)),
    ]
    found = certification_reminders(items, TODAY)
    assert [(r.title, r.days_left, r.expired) for r in found] == [
        ("Expired", -3, True),
        ("Today", 0, False),
        ("Soon", 60, False),
    ]
    assert [r.title for r in certification_reminders(items, TODAY, lead_days=90)][-1] == "Far"
