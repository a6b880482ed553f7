"""Finding free time: the free-slot arithmetic, and placing blocks (a weekly learning habit, a
mentor meeting within a window, the weekly review) into the free time of the person's calendar.

Pure functions; no I/O. Busy time comes in as `Busy` spans already read and expanded by the
caller; preferences are plain values. Blocks are placed on a grid of wall-clock times (every
`GRID_MINUTES`) in the person's zone, so a weekly habit keeps its clock time across a DST change,
and no block starts at a wall-clock time such a change skips or repeats. Busy time is compared as
POSIX seconds in one sorted index, so checking a block costs one binary search.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .common import DomainError, day_text, zone

GRID_MINUTES = 15
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# A slot free in one more week outweighs a day that already holds a block of the same habit: a
# habit spreads over the week unless keeping two blocks on one day spares a collision.
SPREAD_WEIGHT = 1
NINE_TO_FIVE = (time(9), time(17))
DEFAULT_HOURS: tuple[tuple[time, time] | None, ...] = (NINE_TO_FIVE,) * 5 + (None, None)


class NoRoom(DomainError):
    """The preferences (or what is asked) leave no room; the message says which preference to relax."""


def clock(at: time) -> str:
    return f"{at:%H:%M}"


def clock_span(start: time, end: time) -> str:
    """The span from *start* to *end* as the window writes it: the two times with an en dash between."""
    return f"{clock(start)}\u2013{clock(end)}"


def _minutes(at: time) -> int:
    return at.hour * 60 + at.minute


def _at(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


@dataclass(frozen=True, slots=True)
class Preferences:
    """When blocks may go: the person's choices (settings `find_time.*`)."""

    hours: tuple[tuple[time, time] | None, ...] = DEFAULT_HOURS  # Monday..Sunday; None: a day off
    preferred: tuple[time, time] | None = None  # the part of the day learning goes in first
    shortest: int = 30  # minutes
    longest: int = 120
    buffer: int = 10  # minutes kept free before and after busy time
    per_day: int = 2  # at most this many blocks of one plan a day
    days_off: frozenset[date] = field(default_factory=frozenset)  # holidays: no block at all

    def __post_init__(self) -> None:
        if len(self.hours) != 7:
            raise DomainError("Working hours need one entry for each day of the week")
        for name, hours in zip(WEEKDAY_NAMES, self.hours, strict=True):
            if hours is not None and hours[1] <= hours[0]:
                raise NoRoom(
                    f"The working hours on {name} ({clock_span(*hours)}) leave no time. "
                    f"Relax the working hours: let {name} end after it starts, or make it a day off."
                )
        if all(hours is None for hours in self.hours):
            raise NoRoom("Every day of the week is a day off, so no time is left. Relax the days off.")
        if self.preferred is not None and self.preferred[1] <= self.preferred[0]:
            raise DomainError(f"The preferred time ({clock_span(*self.preferred)}) must end after it starts")
        if not 5 <= self.shortest <= 24 * 60 or not 5 <= self.longest <= 24 * 60:
            raise DomainError("Blocks last between 5 minutes and 24 hours")
        if self.shortest > self.longest:
            raise NoRoom(
                f"The shortest block ({self.shortest} min) is longer than the longest ({self.longest} min). "
                "Relax one of them."
            )
        if not 0 <= self.buffer <= 240:
            raise DomainError("The buffer around meetings is between 0 and 240 minutes")
        if not 1 <= self.per_day <= 24:
            raise DomainError("At most between 1 and 24 blocks a day")

    def day_hours(self, day: date) -> tuple[time, time] | None:
        """The working hours on *day*, or None on a day off."""
        return None if day in self.days_off else self.hours[day.weekday()]

    def preferred_at(self, at: time, minutes: int) -> bool:
        """Whether a block at *at* lasting *minutes* lies within the preferred time."""
        if self.preferred is None:
            return False
        start = _minutes(at)
        return _minutes(self.preferred[0]) <= start and start + minutes <= _minutes(self.preferred[1])


@dataclass(frozen=True, slots=True)
class Busy:
    """A stretch of busy time from one of the busy calendars."""

    start: datetime  # aware
    end: datetime
    label: str = ""  # the event's title where the calendar gives one (a free-busy answer gives none)
    source: str = ""  # the calendar it came from, as the person named it

    def text(self, tz: ZoneInfo) -> str:
        start, end = self.start.astimezone(tz), self.end.astimezone(tz)
        span = f"{start:%a} {day_text(start.date())}, {clock_span(start.time(), end.time())}"
        return f"{self.label} ({span})" if self.label else f"busy time ({span})"


class BusyIndex:
    """Busy time, each span widened by the buffer, merged into sorted spans of POSIX seconds."""

    def __init__(self, busy: Iterable[Busy], buffer_minutes: int = 0) -> None:
        pad = buffer_minutes * 60
        spans = sorted((b.start.timestamp() - pad, b.end.timestamp() + pad) for b in busy if b.end > b.start)
        starts: list[float] = []
        ends: list[float] = []
        for start, end in spans:
            if ends and start <= ends[-1]:
                if end > ends[-1]:
                    ends[-1] = end
            else:
                starts.append(start)
                ends.append(end)
        self._starts = starts
        self._ends = ends

    def __len__(self) -> int:
        return len(self._starts)

    def free(self, start: float, end: float) -> bool:
        """Whether [start, end) (POSIX seconds) touches no busy span."""
        i = bisect_right(self._ends, start)  # the first span ending after *start*
        return i == len(self._starts) or self._starts[i] >= end


@dataclass(frozen=True, slots=True)
class Slot:
    """A weekly slot: a weekday and a wall-clock time."""

    weekday: int  # 0: Monday
    at: time

    def text(self) -> str:
        return f"{SHORT_DAYS[self.weekday]} {clock(self.at)}"


@dataclass(frozen=True, slots=True)
class Block:
    """One proposed block of time."""

    start: datetime  # aware, in the person's zone
    end: datetime
    slot: Slot | None = None  # the weekly slot it stands for (a habit's), if any
    moved: bool = False  # this week's occurrence moved off its slot, which is busy that week

    @property
    def minutes(self) -> int:
        return round((self.end - self.start).total_seconds() / 60)

    def text(self) -> str:
        return f"{self.start:%a} {day_text(self.start.date())}, {clock_span(self.start.time(), self.end.time())}"


@dataclass(frozen=True, slots=True)
class HabitProposal:
    """Where a weekly habit goes: its weekly slots, and each week's blocks (moved where a slot is busy)."""

    slots: tuple[Slot, ...]
    minutes: int
    weeks: tuple[date, ...]  # the Mondays planned
    blocks: tuple[Block, ...]  # every occurrence placed, soonest first
    missing: tuple[tuple[date, Slot], ...]  # (the week's Monday, slot): no free time for it that week
    free_weeks: tuple[int, ...]  # for each slot: in how many of the weeks it is free as it stands
    planned_weeks: tuple[int, ...] = ()  # for each slot: in how many weeks it can be (not past, no day off)

    @property
    def moved(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.moved)

    def blocks_in(self, monday: date) -> list[Block]:
        return [b for b in self.blocks if monday <= b.start.date() < monday + timedelta(days=7)]


def weekly_count(weekly_hours: float, minutes: int) -> int:
    """Blocks of *minutes* a week that meet *weekly_hours*."""
    if weekly_hours <= 0 or minutes <= 0:
        raise DomainError("Hours a week and the block's minutes must be more than 0")
    return math.ceil(round(weekly_hours * 60) / minutes)


def room_problem(prefs: Preferences, minutes: int, count: int = 1) -> str:
    """What stops *count* blocks of *minutes* from fitting in any week, naming the preference to
    relax; "" when a week has room for them (busy time aside)."""
    if minutes < prefs.shortest:
        return (
            f"A {minutes}-minute block is shorter than your shortest block ({prefs.shortest} min). "
            "Relax the shortest block, or ask for longer blocks."
        )
    if minutes > prefs.longest:
        return (
            f"A {minutes}-minute block is longer than your longest block ({prefs.longest} min). "
            "Relax the longest block, or ask for shorter blocks."
        )
    lengths = {i: _minutes(hours[1]) - _minutes(hours[0]) for i, hours in enumerate(prefs.hours) if hours is not None}
    longest_day = max(lengths, key=lambda i: (lengths[i], -i))
    if lengths[longest_day] < minutes:
        return (
            f"No working day is long enough for a {minutes}-minute block: the longest working hours are "
            f"{WEEKDAY_NAMES[longest_day]}'s {lengths[longest_day]} min. Relax the working hours, or ask for "
            "shorter blocks."
        )
    room = sum(min(prefs.per_day, (length + prefs.buffer) // (minutes + prefs.buffer)) for length in lengths.values())
    if room < count:
        return (
            f"Your preferences leave room for {room} blocks of {minutes} min a week (at most {prefs.per_day} a day "
            f"on {len(lengths)} working days); {count} are needed. Relax “at most blocks a day”, the working hours "
            "or the days off, or ask for longer blocks."
        )
    return ""


def wall_time(day: date, at: time, tz: ZoneInfo) -> datetime | None:
    """*at* on *day* in *tz* (aware), or None if a DST change skips or repeats that wall-clock time:
    a block never starts at a time that does not exist, or exists twice."""
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=tz, fold=0)
    if first.utcoffset() != naive.replace(tzinfo=tz, fold=1).utcoffset():
        return None
    return first


class _Week:
    """The candidate starts of one week: each working day's grid, with the day's end as an instant."""

    def __init__(self, monday: date, prefs: Preferences, tz: ZoneInfo, minutes: int, earliest: datetime) -> None:
        self.monday = monday
        self.starts: list[tuple[Slot, datetime, float, float]] = []  # slot, start, POSIX start and end
        limit = earliest.timestamp()
        length = minutes * 60
        for offset in range(7):
            day = monday + timedelta(days=offset)
            hours = prefs.day_hours(day)
            if hours is None:
                continue
            day_end = datetime.combine(day, hours[1]).replace(tzinfo=tz).timestamp()
            for at_minutes in range(_minutes(hours[0]), _minutes(hours[1]) - minutes + 1, GRID_MINUTES):
                at = _at(at_minutes)
                start = wall_time(day, at, tz)
                if start is None:
                    continue
                begin = start.timestamp()
                if begin < limit or begin + length > day_end:
                    continue
                self.starts.append((Slot(offset, at), start, begin, begin + length))


def week_has_room(monday: date, prefs: Preferences, tz: str, earliest: datetime) -> bool:
    """Whether the week of *monday* still has a start for the shortest block at or after *earliest*
    (aware) within the working hours, as the planner places them."""
    return bool(_Week(monday, prefs, zone(tz), prefs.shortest, earliest).starts)


def _apart(begin: float, end: float, placed: Sequence[tuple[float, float]], gap: float) -> bool:
    """Whether [begin, end) keeps *gap* seconds from every span in *placed*."""
    return all(end + gap <= b or begin >= e + gap for b, e in placed)


def propose_habit(
    busy: BusyIndex,
    prefs: Preferences,
    tz: str,
    earliest: datetime,
    weeks: int,
    minutes: int,
    count: int,
    avoid: Iterable[Slot] = (),
    slots: Sequence[Slot] | None = None,
) -> HabitProposal:
    """Where *count* weekly blocks of *minutes* go over *weeks* weeks from *earliest* (aware).

    Each block gets the weekly slot (weekday and clock time) that is busy in the fewest of the weeks
    it can be planned in (a slot already past in the first week is not busy there), spread over the
    week (`SPREAD_WEIGHT`), then free in the most weeks, in the preferred time, the earliest. In a
    week where a slot is busy, that week's occurrence moves to the nearest free time of the same
    week; if the week has none, it is listed as missing. *avoid*: slots an earlier proposal used
    (the person asked for the next one). *slots*: the weekly slots to use as they are (the person
    nudged one); each must lie within the working hours. *busy* carries the buffer already. Raises
    NoRoom.
    """
    problem = room_problem(prefs, minutes, count)
    if problem:
        raise NoRoom(problem)
    if not 1 <= weeks <= 260:
        raise DomainError("Plan between 1 and 260 weeks")
    tzinfo = zone(tz)
    first_monday = earliest.astimezone(tzinfo).date()
    first_monday -= timedelta(days=first_monday.weekday())
    plan = [_Week(first_monday + timedelta(days=7 * w), prefs, tzinfo, minutes, earliest) for w in range(weeks)]
    avoided = set(avoid)
    free: Counter[Slot] = Counter()
    seen: Counter[Slot] = Counter()  # weeks in which the slot can be planned (not past, no day off)
    for week in plan:
        for slot, _start, begin, end in week.starts:
            seen[slot] += 1
            if busy.free(begin, end):
                free[slot] += 1
    candidates = sorted(set(seen) - avoided, key=lambda s: (s.weekday, s.at))
    gap = prefs.buffer * 60
    chosen: list[Slot] = []
    if slots is not None:
        for slot in slots:
            if not _within_hours(slot, minutes, prefs):
                hours = prefs.hours[slot.weekday]
                where = "a day off" if hours is None else f"outside the working hours ({clock_span(*hours)})"
                raise NoRoom(f"{slot.text()} for {minutes} min is {where}.")
            if not _fits_beside(slot, chosen, Counter(s.weekday for s in chosen), minutes, prefs):
                raise NoRoom(f"{slot.text()} is too close to another block of the plan that day.")
            chosen.append(slot)
    for _ in range(count - len(chosen)):
        load = Counter(s.weekday for s in chosen)
        options = [s for s in candidates if _fits_beside(s, chosen, load, minutes, prefs)]
        if not options:
            raise NoRoom(
                f"Only {len(chosen)} of the {count} weekly blocks fit"
                + (" besides the times already proposed" if avoided else "")
                + ". Relax the working hours or “at most blocks a day”, or ask for fewer or shorter blocks."
            )
        chosen.append(
            min(
                options,
                key=lambda s: (
                    seen[s] - free[s] + SPREAD_WEIGHT * load[s.weekday],  # weeks it collides, spread
                    -free[s],
                    not prefs.preferred_at(s.at, minutes),
                    s.weekday,
                    s.at,
                ),
            )
        )
    chosen.sort(key=lambda s: (s.weekday, s.at))

    blocks: list[Block] = []
    missing: list[tuple[date, Slot]] = []
    length = timedelta(minutes=minutes)
    for week in plan:
        at_slot = {slot: (start, begin, end) for slot, start, begin, end in week.starts}
        placed: list[tuple[float, float]] = []
        per_day: Counter[int] = Counter()
        week_blocks: list[Block] = []
        collided: list[Slot] = []
        for slot in chosen:
            found = at_slot.get(slot)
            if found is None:  # before *earliest*, a day off, or a time the clock skips that day
                if slot.weekday in _days_off_in(week.monday, prefs) or _skipped(week.monday, slot, tzinfo):
                    collided.append(slot)
                continue
            start, begin, end = found
            if busy.free(begin, end) and _apart(begin, end, placed, gap):
                placed.append((begin, end))
                per_day[slot.weekday] += 1
                week_blocks.append(Block(start, start + length, slot))
            else:
                collided.append(slot)
        for slot in collided:
            wanted = _wanted_start(week.monday, slot, tzinfo)
            best: tuple[float, datetime, float, float] | None = None
            for other, start, begin, end in week.starts:
                if per_day[other.weekday] >= prefs.per_day or not busy.free(begin, end):
                    continue
                if not _apart(begin, end, placed, gap):
                    continue
                distance = abs(begin - wanted)
                if best is None or distance < best[0]:
                    best = (distance, start, begin, end)
            if best is None:
                missing.append((week.monday, slot))
                continue
            _distance, start, begin, end = best
            placed.append((begin, end))
            per_day[start.weekday()] += 1
            week_blocks.append(Block(start, start + length, slot, moved=True))
        blocks.extend(sorted(week_blocks, key=lambda b: b.start))
    return HabitProposal(
        slots=tuple(chosen),
        minutes=minutes,
        weeks=tuple(week.monday for week in plan),
        blocks=tuple(blocks),
        missing=tuple(missing),
        free_weeks=tuple(free[s] for s in chosen),
        planned_weeks=tuple(seen[s] for s in chosen),
    )


def _within_hours(slot: Slot, minutes: int, prefs: Preferences) -> bool:
    hours = prefs.hours[slot.weekday]
    if hours is None:
        return False
    start = _minutes(slot.at)
    on_grid = (start - _minutes(hours[0])) % GRID_MINUTES == 0
    return _minutes(hours[0]) <= start and start + minutes <= _minutes(hours[1]) and on_grid


def _fits_beside(slot: Slot, chosen: Sequence[Slot], load: Counter[int], minutes: int, prefs: Preferences) -> bool:
    """Whether a weekly *slot* can join the *chosen* ones: the day's limit, and apart from them by the buffer."""
    if load[slot.weekday] >= prefs.per_day:
        return False
    begin = _minutes(slot.at) * 60
    length = minutes * 60
    taken = [(_minutes(c.at) * 60, _minutes(c.at) * 60 + length) for c in chosen if c.weekday == slot.weekday]
    return _apart(begin, begin + length, taken, prefs.buffer * 60)


def _days_off_in(monday: date, prefs: Preferences) -> set[int]:
    return {offset for offset in range(7) if monday + timedelta(days=offset) in prefs.days_off}


def _skipped(monday: date, slot: Slot, tz: ZoneInfo) -> bool:
    return wall_time(monday + timedelta(days=slot.weekday), slot.at, tz) is None


def _wanted_start(monday: date, slot: Slot, tz: ZoneInfo) -> float:
    """Where the slot would start that week (POSIX seconds), even on a DST night."""
    return datetime.combine(monday + timedelta(days=slot.weekday), slot.at).replace(tzinfo=tz).timestamp()


def propose_one(
    busy: BusyIndex,
    prefs: Preferences,
    tz: str,
    earliest: datetime,
    last_day: date,
    minutes: int,
    avoid: Iterable[datetime] = (),
    preferred: bool = False,
) -> Block:
    """The first free block of *minutes* from *earliest* (aware) to the end of *last_day*: in the
    preferred time first if *preferred*. *avoid*: starts an earlier proposal used. Raises NoRoom."""
    problem = room_problem(prefs, minutes)
    if problem:
        raise NoRoom(problem)
    tzinfo = zone(tz)
    avoided = {a.timestamp() for a in avoid}
    day = earliest.astimezone(tzinfo).date()
    monday = day - timedelta(days=day.weekday())
    fallback: Block | None = None
    while monday <= last_day:
        for _slot, start, begin, end in _Week(monday, prefs, tzinfo, minutes, earliest).starts:
            if start.date() > last_day or begin in avoided or not busy.free(begin, end):
                continue
            block = Block(start, start + timedelta(minutes=minutes))
            if not preferred or prefs.preferred_at(start.time(), minutes):
                return block
            if fallback is None:
                fallback = block
        if fallback is not None:
            return fallback
        monday += timedelta(days=7)
    window = f"from {day_text(day)} to {day_text(last_day)}"
    raise NoRoom(
        f"No free {minutes} minutes {window}"
        + (" besides the times already proposed" if avoided else "")
        + ". Widen the window, or relax the working hours or the buffer around meetings."
    )


def misfit(start: datetime, end: datetime, busy: Sequence[Busy], prefs: Preferences, tz: str) -> str:
    """Why a block the person moved cannot go there ("" if it can): busy time (or its buffer), a
    day off, outside the working hours, or a start the clock change skips."""
    tzinfo = zone(tz)
    local = start.astimezone(tzinfo)
    day = local.date()
    if wall_time(day, local.time().replace(tzinfo=None), tzinfo) is None:
        return f"{clock(local.time())} on {day_text(day)} is skipped or repeated by a clock change."
    hours = prefs.day_hours(day)
    if hours is None:
        return f"{WEEKDAY_NAMES[day.weekday()]} {day_text(day)} is a day off."
    day_start = datetime.combine(day, hours[0]).replace(tzinfo=tzinfo)
    day_end = datetime.combine(day, hours[1]).replace(tzinfo=tzinfo)
    if start < day_start or end > day_end:
        return f"It is outside the working hours on {WEEKDAY_NAMES[day.weekday()]} ({clock_span(*hours)})."
    pad = timedelta(minutes=prefs.buffer)
    for b in busy:
        if b.start - pad < end and start < b.end + pad:
            near = "" if b.start < end and start < b.end else f" (within {prefs.buffer} min of it)"
            return f"It collides with {b.text(tzinfo)}{near}."
    return ""


@dataclass(frozen=True, slots=True)
class Collision:
    """A planned occurrence that busy time now overlaps, and the nearest free block that week."""

    key: str  # the caller's name for the occurrence
    start: datetime
    end: datetime
    busy: Busy  # the first busy span it overlaps
    move_to: Block | None  # None: that week has no free time for it


def collisions(
    occurrences: Sequence[tuple[str, datetime, datetime]],
    busy: Sequence[Busy],
    prefs: Preferences,
    tz: str,
    earliest: datetime,
    planned: Sequence[Busy] = (),
) -> list[Collision]:
    """The *occurrences* (key, start, end) starting at or after *earliest* that overlap *busy*
    (their own events are not in it), each with the nearest free block of its week, kept apart from
    the other occurrences, from the moves proposed before it and from *planned* (other plans, such
    as meetings, that are no collision but take time)."""
    tzinfo = zone(tz)
    ordered = sorted(busy, key=lambda b: b.start)
    starts = [b.start.timestamp() for b in ordered]
    longest = max(((b.end - b.start).total_seconds() for b in ordered), default=0.0)
    index = BusyIndex([*busy, *planned], prefs.buffer)
    gap = prefs.buffer * 60
    kept = [(s.timestamp(), e.timestamp()) for _k, s, e in occurrences]
    found: list[Collision] = []
    limit = earliest.timestamp()
    for key, start, end in sorted(occurrences, key=lambda o: o[1]):
        begin, finish = start.timestamp(), end.timestamp()
        if begin < limit:
            continue
        hit = None
        for i in range(bisect_right(starts, finish) - 1, -1, -1):
            if starts[i] < begin - longest:
                break
            event = ordered[i]
            if event.start.timestamp() < finish and begin < event.end.timestamp():
                hit = event  # the last one starting before the end: any overlapping one will do
                break
        if hit is None:
            continue
        others = [span for span in kept if span != (begin, finish)]
        local = start.astimezone(tzinfo)
        monday = local.date() - timedelta(days=local.weekday())
        minutes = round((finish - begin) / 60)
        best: tuple[float, Block] | None = None
        for _slot, s, b, e in _Week(monday, prefs, tzinfo, minutes, earliest).starts:
            if index.free(b, e) and _apart(b, e, others, gap) and (best is None or abs(b - begin) < best[0]):
                best = (abs(b - begin), Block(s, s + timedelta(minutes=minutes)))
        move = best[1] if best else None
        if move is not None:
            kept = [*others, (move.start.timestamp(), move.end.timestamp())]
        found.append(Collision(key, start, end, hit, move))
    return found


# -- preferences as the settings keep them ------------------------------------------------------------


def parse_span(text: str, what: str) -> tuple[time, time] | None:
    """ "09:00-17:00" (or with an en dash) as two times; "" or "off" for none. DomainError naming *what*."""
    value = text.strip().replace("\u2013", "-")
    if not value or value.casefold() == "off":
        return None
    first, sep, last = value.partition("-")
    try:
        if not sep:
            raise ValueError
        start, end = (time.fromisoformat(part.strip().zfill(5)) for part in (first, last))
    except ValueError:
        raise DomainError(f"{what}: “{text.strip()}” is not a span of time (write it like 09:00-17:00)") from None
    return start, end


def span_setting(span: tuple[time, time] | None) -> str:
    return "" if span is None else f"{clock(span[0])}-{clock(span[1])}"


def parse_hours(text: str) -> tuple[tuple[time, time] | None, ...]:
    """Working hours as the setting keeps them: seven spans, Monday first, separated by ";"."""
    parts = text.split(";")
    if len(parts) != 7:
        raise DomainError("Working hours: give one span (or nothing, for a day off) for each day of the week")
    return tuple(parse_span(part, f"Working hours on {name}") for name, part in zip(WEEKDAY_NAMES, parts, strict=True))


def hours_setting(hours: Sequence[tuple[time, time] | None]) -> str:
    return ";".join(span_setting(span) for span in hours)


def parse_days_off(text: str) -> frozenset[date]:
    """Days off as the setting keeps them: ISO dates separated by commas."""
    days = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        try:
            days.add(date.fromisoformat(part))
        except ValueError:
            raise DomainError(f"Days off: “{part}” is not a day (write it like 2026-12-24)") from None
    return frozenset(days)


def days_off_setting(days: Iterable[date]) -> str:
    return ",".join(day.isoformat() for day in sorted(days))
