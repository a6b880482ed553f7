"""Free-slot arithmetic and block placement (domain/freetime.py): buffers, working hours, days off,
DST weeks, busy time spanning midnight or overlapping, habits with collision weeks, and
preferences that leave no room."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

import pytest

from empower_desktop.domain.common import DomainError, zone
from empower_desktop.domain.freetime import (
    DEFAULT_HOURS,
    Busy,
    BusyIndex,
    NoRoom,
    Preferences,
    Slot,
    collisions,
    misfit,
    propose_habit,
    propose_one,
    room_problem,
    wall_time,
    weekly_count,
)

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"


def at(text: str, tz: str = BERLIN) -> datetime:
    """A wall-clock time in *tz*: "2027-01-04 09:00"."""
    return datetime.fromisoformat(text).replace(tzinfo=zone(tz))


def busy(start: str, end: str, label: str = "", tz: str = BERLIN) -> Busy:
    return Busy(at(start, tz), at(end, tz), label)


def prefs(**changes: object) -> Preferences:
    values: dict[str, object] = {"buffer": 0}
    values.update(changes)
    return Preferences(**values)  # type: ignore[arg-type]


def overlaps(a0: datetime, a1: datetime, b0: datetime, b1: datetime) -> bool:
    return a0 < b1 and b0 < a1


def stamp(text: str) -> float:
    return at(text).timestamp()


MONDAY = "2027-01-04"  # a Monday in winter


# -- the busy index -----------------------------------------------------------------------------


def test_overlapping_busy_spans_merge_and_a_block_touching_one_is_free() -> None:
    index = BusyIndex([busy("2027-01-04 09:00", "2027-01-04 10:00"), busy("2027-01-04 09:30", "2027-01-04 11:00")])
    assert len(index) == 1
    ts = stamp
    assert not index.free(ts("2027-01-04 10:30"), ts("2027-01-04 10:45"))  # inside the second, past the first
    assert index.free(ts("2027-01-04 11:00"), ts("2027-01-04 12:00"))  # starts as the busy time ends
    assert index.free(ts("2027-01-04 08:00"), ts("2027-01-04 09:00"))  # ends as it starts


def test_the_buffer_widens_busy_time_on_both_sides() -> None:
    index = BusyIndex([busy("2027-01-04 10:00", "2027-01-04 11:00")], buffer_minutes=15)
    ts = stamp
    assert not index.free(ts("2027-01-04 09:00"), ts("2027-01-04 09:50"))
    assert index.free(ts("2027-01-04 09:00"), ts("2027-01-04 09:45"))
    assert not index.free(ts("2027-01-04 11:10"), ts("2027-01-04 12:00"))
    assert index.free(ts("2027-01-04 11:15"), ts("2027-01-04 12:00"))


def test_busy_time_ending_where_it_starts_counts_for_nothing() -> None:
    assert len(BusyIndex([busy("2027-01-04 10:00", "2027-01-04 10:00")])) == 0


# -- preferences that leave no room -------------------------------------------------------------


def test_working_hours_that_end_as_they_start_name_the_day_and_the_preference() -> None:
    hours = list(DEFAULT_HOURS)
    hours[0] = (time(9), time(9))
    with pytest.raises(NoRoom) as caught:
        Preferences(hours=tuple(hours))
    assert "working hours on Monday (09:00\u201309:00) leave no time" in str(caught.value)
    assert "Relax the working hours" in str(caught.value)


def test_every_day_off_and_crossed_block_lengths_are_refused() -> None:
    with pytest.raises(NoRoom, match="Relax the days off"):
        Preferences(hours=(None,) * 7)
    with pytest.raises(NoRoom, match=r"shortest block \(90 min\) is longer than the longest \(60 min\)"):
        Preferences(shortest=90, longest=60)
    with pytest.raises(DomainError, match="preferred time"):
        Preferences(preferred=(time(12), time(8)))


def test_room_problem_names_the_preference_that_leaves_no_room() -> None:
    p = prefs(shortest=30, longest=90, per_day=1)
    assert "shorter than your shortest block (30 min)" in room_problem(p, 15)
    assert "longer than your longest block (90 min)" in room_problem(p, 120)
    short_days = prefs(hours=((time(9), time(10)),) * 5 + (None, None), longest=120)
    assert "No working day is long enough for a 90-minute block" in room_problem(short_days, 90)
    assert "Monday's 60 min" in room_problem(short_days, 90)
    # one block a day on five days: five fit, six do not
    assert room_problem(p, 45, 5) == ""
    message = room_problem(p, 45, 6)
    assert "room for 5 blocks of 45 min a week (at most 1 a day on 5 working days); 6 are needed" in message
    assert "at most blocks a day" in message


def test_propose_habit_raises_the_room_problem() -> None:
    with pytest.raises(NoRoom, match="longer than your longest block"):
        propose_habit(BusyIndex([]), prefs(longest=60), BERLIN, at(f"{MONDAY} 00:00"), 4, 90, 2)


def test_weekly_count_rounds_up_to_whole_blocks() -> None:
    assert weekly_count(3, 45) == 4
    assert weekly_count(3, 60) == 3
    assert weekly_count(2.5, 60) == 3
    with pytest.raises(DomainError):
        weekly_count(0, 45)


# -- wall-clock times on DST nights --------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "day", "clock", "exists"),
    [
        (BERLIN, date(2027, 3, 28), time(2, 30), False),  # skipped in spring
        (BERLIN, date(2027, 10, 31), time(2, 30), False),  # repeated in autumn
        (BERLIN, date(2027, 3, 28), time(3, 0), True),
        (NEW_YORK, date(2027, 3, 14), time(2, 15), False),
        (NEW_YORK, date(2027, 11, 7), time(1, 30), False),
        (NEW_YORK, date(2027, 11, 7), time(9, 0), True),
    ],
)
def test_a_block_never_starts_at_a_time_a_clock_change_skips_or_repeats(
    tz: str, day: date, clock: time, exists: bool
) -> None:
    assert (wall_time(day, clock, zone(tz)) is not None) is exists


# -- a weekly habit ----------------------------------------------------------------------------


def test_an_empty_calendar_spreads_the_habit_over_the_week_in_the_preferred_time() -> None:
    p = prefs(preferred=(time(13), time(16)))
    plan = propose_habit(BusyIndex([]), p, BERLIN, at(f"{MONDAY} 00:00"), 13, 45, weekly_count(3, 45))
    assert [s.text() for s in plan.slots] == ["Mon 13:00", "Tue 13:00", "Wed 13:00", "Thu 13:00"]
    assert plan.free_weeks == (13, 13, 13, 13)
    assert len(plan.blocks) == 13 * 4 and not plan.moved and not plan.missing
    assert plan.blocks[0].start == at("2027-01-04 13:00") and plan.blocks[0].minutes == 45


def test_a_habit_goes_where_it_is_free_in_most_weeks_and_collision_weeks_move_to_the_nearest_free_time() -> None:
    events = []
    for week in range(6):
        monday = date(2027, 1, 4) + timedelta(days=7 * week)
        for offset in range(5):  # every weekday morning is taken, except Wednesday's (and one Thursday's)
            day = (monday + timedelta(days=offset)).isoformat()
            if offset != 2 and not (week == 2 and offset == 3):
                events.append(busy(f"{day} 09:00", f"{day} 12:00", "Stand-up and focus"))
    events.append(busy("2027-01-20 09:00", "2027-01-20 12:00", "Quarterly planning"))  # week 3's Wednesday
    p = prefs(hours=((time(9), time(12)),) * 5 + (None, None), per_day=1)
    plan = propose_habit(BusyIndex(events), p, BERLIN, at(f"{MONDAY} 00:00"), 6, 60, 1)
    assert plan.slots == (Slot(2, time(9)),)
    assert plan.free_weeks == (5,)
    [moved] = plan.moved
    assert moved.start == at("2027-01-21 09:00") and moved.slot == Slot(2, time(9))  # that week's free Thursday
    assert len(plan.blocks) == 6 and not plan.missing


def test_a_week_with_no_free_time_lists_the_occurrence_as_missing() -> None:
    events = [busy("2027-01-11 00:00", "2027-01-18 00:00", "Conference week")]
    plan = propose_habit(BusyIndex(events), prefs(), BERLIN, at(f"{MONDAY} 00:00"), 3, 60, 2)
    assert {monday for monday, _slot in plan.missing} == {date(2027, 1, 11)}
    assert len(plan.missing) == 2
    assert not plan.blocks_in(date(2027, 1, 11))
    assert len(plan.blocks) == 4


def test_a_day_off_moves_that_weeks_occurrence() -> None:
    hours = ((time(9), time(17)), (time(9), time(10))) + (None,) * 5
    p = prefs(hours=hours, per_day=1, days_off=frozenset({date(2027, 1, 11)}))  # the second Monday
    tuesdays = [busy(f"{day} 09:00", f"{day} 10:00", "Tuesday class") for day in ("2027-01-05", "2027-01-19")]
    plan = propose_habit(BusyIndex(tuesdays), p, BERLIN, at(f"{MONDAY} 00:00"), 3, 60, 1)
    assert plan.slots == (Slot(0, time(9)),) and plan.free_weeks == (2,)
    [moved] = plan.moved
    assert moved.start == at("2027-01-12 09:00")  # that week's free Tuesday


def test_blocks_before_the_earliest_time_are_not_planned() -> None:
    plan = propose_habit(BusyIndex([]), prefs(), BERLIN, at("2027-01-06 12:00"), 2, 60, 1)
    assert plan.slots == (Slot(2, time(12)),)  # the first start free in both weeks
    assert [b.start for b in plan.blocks] == [at("2027-01-06 12:00"), at("2027-01-13 12:00")]
    assert not plan.missing


def test_the_next_proposal_avoids_the_slots_of_the_earlier_ones() -> None:
    first = propose_habit(BusyIndex([]), prefs(), BERLIN, at(f"{MONDAY} 00:00"), 4, 60, 2)
    second = propose_habit(BusyIndex([]), prefs(), BERLIN, at(f"{MONDAY} 00:00"), 4, 60, 2, avoid=first.slots)
    assert not set(first.slots) & set(second.slots)


def test_asking_past_every_free_slot_says_so() -> None:
    p = prefs(hours=((time(9), time(10)),) + (None,) * 6)
    first = propose_habit(BusyIndex([]), p, BERLIN, at(f"{MONDAY} 00:00"), 2, 60, 1)
    with pytest.raises(NoRoom, match="besides the times already proposed"):
        propose_habit(BusyIndex([]), p, BERLIN, at(f"{MONDAY} 00:00"), 2, 60, 1, avoid=first.slots)


def test_busy_time_spanning_midnight_blocks_the_morning_after() -> None:
    events = [busy("2027-01-04 22:00", "2027-01-05 10:00", "Night flight")]
    p = prefs(hours=((time(8), time(11)),) * 2 + (None,) * 5, per_day=1)
    plan = propose_habit(BusyIndex(events), p, BERLIN, at(f"{MONDAY} 00:00"), 1, 60, 2)
    tuesday = [b for b in plan.blocks if b.start.date() == date(2027, 1, 5)]
    assert [b.start.time() for b in tuesday] == [time(10)]


@pytest.mark.parametrize(("tz", "monday"), [(BERLIN, date(2027, 3, 22)), (NEW_YORK, date(2027, 3, 8))])
def test_a_habit_keeps_its_clock_time_across_a_dst_change(tz: str, monday: date) -> None:
    hours = ((time(7), time(9)),) * 7
    p = prefs(hours=hours, per_day=1)
    plan = propose_habit(BusyIndex([]), p, tz, datetime.combine(monday, time(0), zone(tz)), 2, 60, 1)
    assert {b.start.astimezone(zone(tz)).time() for b in plan.blocks} == {time(7)}
    offsets = {b.start.astimezone(zone(tz)).utcoffset() for b in plan.blocks}
    assert len(offsets) == 2  # the same clock time, an hour apart in UTC across the change


def test_the_spring_night_moves_a_slot_the_clock_skips() -> None:
    hours = ((time(1), time(4)),) * 7
    p = prefs(hours=hours, per_day=1)
    # Sunday 28 March 2027 in Berlin: 02:00-03:00 does not exist
    plan = propose_habit(BusyIndex([]), p, BERLIN, at("2027-03-22 00:00"), 1, 60, 1, avoid=[Slot(6, time(1))])
    for block in plan.blocks:
        local = block.start.astimezone(zone(BERLIN))
        assert wall_time(local.date(), local.time(), zone(BERLIN)) is not None


def random_busy(rng: random.Random, first: date, days: int, tz: str, count: int) -> list[Busy]:
    events = []
    for _ in range(count):
        day = first + timedelta(days=rng.randrange(days))
        start = datetime.combine(day, time(rng.randrange(6, 21), rng.choice((0, 15, 30, 45))), zone(tz))
        events.append(Busy(start, start + timedelta(minutes=rng.choice((15, 30, 60, 90, 240, 600)))))
    return events


@pytest.mark.parametrize("seed", range(12))
def test_no_proposal_overlaps_busy_time_or_its_buffer_or_breaks_a_preference(seed: int) -> None:
    rng = random.Random(seed)
    tz = (BERLIN, NEW_YORK)[seed % 2]
    first = date(2027, 3, 1) if seed < 6 else date(2027, 10, 18)  # both spring and autumn changes
    events = random_busy(rng, first, 8 * 7, tz, rng.randrange(20, 160))
    hours = tuple(
        None if rng.random() < 0.2 else (time(rng.randrange(0, 10)), time(rng.randrange(14, 24))) for _ in range(7)
    )
    if all(h is None for h in hours):
        hours = DEFAULT_HOURS
    minutes = rng.choice((30, 45, 60, 90))
    p = Preferences(
        hours=hours,
        buffer=rng.choice((0, 10, 15)),
        per_day=rng.choice((1, 2, 3)),
        shortest=30,
        longest=120,
        days_off=frozenset({first + timedelta(days=rng.randrange(56))}),
    )
    count = rng.randrange(1, 5)
    earliest = datetime.combine(first, time(0), zone(tz))
    try:
        plan = propose_habit(BusyIndex(events, p.buffer), p, tz, earliest, 8, minutes, count)
    except NoRoom:
        assert room_problem(p, minutes, count)
        return
    tzinfo = zone(tz)
    pad = timedelta(minutes=p.buffer)
    per_day: dict[date, int] = {}
    for block in plan.blocks:
        local = block.start.astimezone(tzinfo)
        assert wall_time(local.date(), local.time(), tzinfo) is not None
        hours_today = p.day_hours(local.date())
        assert hours_today is not None
        assert datetime.combine(local.date(), hours_today[0], tzinfo) <= block.start
        assert block.end <= datetime.combine(local.date(), hours_today[1], tzinfo)
        for event in events:
            assert not overlaps(block.start, block.end, event.start - pad, event.end + pad)
        per_day[local.date()] = per_day.get(local.date(), 0) + 1
        assert misfit(block.start, block.end, events, p, tz) == ""
    assert max(per_day.values(), default=0) <= p.per_day
    for a in plan.blocks:
        for b in plan.blocks:
            assert a is b or not overlaps(a.start, a.end, b.start, b.end)
    assert len(plan.blocks) + len(plan.missing) <= 8 * count


# -- one block within a window -------------------------------------------------------------------


def test_a_meeting_goes_in_the_first_free_time_of_its_window_and_the_next_proposal_after_it() -> None:
    events = [busy("2027-01-04 09:00", "2027-01-04 12:30")]
    p = prefs(buffer=15)
    index = BusyIndex(events, p.buffer)
    first = propose_one(index, p, BERLIN, at(f"{MONDAY} 00:00"), date(2027, 1, 8), 60)
    assert first.start == at("2027-01-04 12:45")
    second = propose_one(index, p, BERLIN, at(f"{MONDAY} 00:00"), date(2027, 1, 8), 60, avoid=[first.start])
    assert second.start == at("2027-01-04 13:00")


def test_a_preferred_time_comes_first_within_the_window() -> None:
    p = prefs(preferred=(time(14), time(17)))
    block = propose_one(BusyIndex([]), p, BERLIN, at(f"{MONDAY} 00:00"), date(2027, 1, 8), 60, preferred=True)
    assert block.start == at("2027-01-04 14:00")


def test_a_full_window_says_what_to_relax() -> None:
    events = [busy("2027-01-04 00:00", "2027-01-09 00:00", "Offsite")]
    with pytest.raises(NoRoom, match=r"No free 60 minutes from 4 Jan 2027 to 8 Jan 2027\. Widen the window"):
        propose_one(BusyIndex(events), prefs(), BERLIN, at(f"{MONDAY} 00:00"), date(2027, 1, 8), 60)


# -- a block the person moved ---------------------------------------------------------------------


def test_misfit_says_why_a_moved_block_cannot_go_there() -> None:
    events = [busy("2027-01-04 10:00", "2027-01-04 11:00", "Team meeting")]
    p = prefs(buffer=10, days_off=frozenset({date(2027, 1, 6)}))
    assert "collides with Team meeting (Mon 4 Jan 2027, 10:00\u201311:00)" in misfit(
        at("2027-01-04 10:30"), at("2027-01-04 11:30"), events, p, BERLIN
    )
    assert "within 10 min of it" in misfit(at("2027-01-04 11:05"), at("2027-01-04 12:00"), events, p, BERLIN)
    assert "outside the working hours on Monday (09:00\u201317:00)" in misfit(
        at("2027-01-04 16:30"), at("2027-01-04 17:30"), events, p, BERLIN
    )
    assert "day off" in misfit(at("2027-01-06 09:00"), at("2027-01-06 10:00"), events, p, BERLIN)
    assert "Saturday" in misfit(at("2027-01-09 09:00"), at("2027-01-09 10:00"), events, p, BERLIN)
    assert misfit(at("2027-01-04 11:15"), at("2027-01-04 12:00"), events, p, BERLIN) == ""


# -- collisions ----------------------------------------------------------------------------------


def test_an_occurrence_a_new_meeting_overlaps_is_listed_with_the_nearest_free_time_that_week() -> None:
    sessions = [
        ("s1@2027-01-05T09:00", at("2027-01-05 09:00"), at("2027-01-05 10:00")),
        ("s1@2027-01-12T09:00", at("2027-01-12 09:00"), at("2027-01-12 10:00")),
        ("s2@2027-01-05T10:15", at("2027-01-05 10:15"), at("2027-01-05 11:15")),
    ]
    events = [busy("2027-01-12 09:30", "2027-01-12 10:00", "Hiring panel")]
    found = collisions(sessions, events, prefs(buffer=15), BERLIN, at(f"{MONDAY} 00:00"))
    assert len(found) == 1
    [hit] = found
    assert hit.key == "s1@2027-01-12T09:00" and hit.busy.label == "Hiring panel"
    assert hit.move_to is not None and hit.move_to.start == at("2027-01-12 10:15")
    assert hit.move_to.minutes == 60


def test_a_move_keeps_clear_of_the_other_sessions_and_earlier_moves() -> None:
    sessions = [
        ("a", at("2027-01-05 09:00"), at("2027-01-05 10:00")),
        ("b", at("2027-01-05 10:00"), at("2027-01-05 11:00")),
        ("c", at("2027-01-05 11:00"), at("2027-01-05 12:00")),
    ]
    events = [busy("2027-01-05 09:00", "2027-01-05 11:00", "Workshop")]
    found = collisions(sessions, events, prefs(), BERLIN, at(f"{MONDAY} 00:00"))
    assert [c.key for c in found] == ["a", "b"]
    moves = [c.move_to for c in found]
    assert all(m is not None for m in moves)
    spans = [(m.start, m.end) for m in moves if m is not None] + [(sessions[2][1], sessions[2][2])]
    for i, (s0, e0) in enumerate(spans):
        for s1, e1 in spans[i + 1 :]:
            assert not overlaps(s0, e0, s1, e1)
        assert not overlaps(s0, e0, events[0].start, events[0].end)


def test_occurrences_already_past_are_not_listed() -> None:
    sessions = [("old", at("2027-01-05 09:00"), at("2027-01-05 10:00"))]
    events = [busy("2027-01-05 09:00", "2027-01-05 10:00")]
    assert collisions(sessions, events, prefs(), BERLIN, at("2027-01-06 00:00")) == []
    assert Busy(at("2027-01-05 09:00"), at("2027-01-05 10:00")).text(zone(BERLIN)).startswith("busy time (")


def test_times_in_utc_compare_with_times_in_the_zone() -> None:
    events = [Busy(datetime(2027, 1, 4, 8, 0, tzinfo=UTC), datetime(2027, 1, 4, 9, 0, tzinfo=UTC))]  # 09-10 Berlin
    plan = propose_habit(BusyIndex(events), prefs(per_day=1), BERLIN, at(f"{MONDAY} 00:00"), 1, 60, 1)
    assert plan.slots == (Slot(0, time(10)),)  # Monday 09:00 is busy: the first free start after it


def test_slots_given_as_they_are_are_placed_week_by_week_and_checked_against_the_hours() -> None:
    events = [busy("2027-01-12 14:00", "2027-01-12 15:00", "Review board")]  # the second Tuesday
    slots = [Slot(1, time(14)), Slot(3, time(9))]
    plan = propose_habit(BusyIndex(events), prefs(), BERLIN, at(f"{MONDAY} 00:00"), 3, 60, 2, slots=slots)
    assert plan.slots == (Slot(1, time(14)), Slot(3, time(9)))
    assert plan.free_weeks == (2, 3)
    [moved] = plan.moved
    assert moved.start == at("2027-01-12 13:00")  # as near as 15:00, after the board: the earlier wins
    with pytest.raises(NoRoom, match=r"Sat 10:00 for 60 min is a day off"):
        propose_habit(BusyIndex([]), prefs(), BERLIN, at(f"{MONDAY} 00:00"), 1, 60, 1, slots=[Slot(5, time(10))])
    with pytest.raises(NoRoom, match=r"Mon 16:30 for 60 min is outside the working hours \(09:00\u201317:00\)"):
        propose_habit(BusyIndex([]), prefs(), BERLIN, at(f"{MONDAY} 00:00"), 1, 60, 1, slots=[Slot(0, time(16, 30))])
