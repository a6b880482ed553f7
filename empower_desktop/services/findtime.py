"""Find time: learning habits, mentor meetings and the review placed into the free time of the
person's own calendars, and kept there.

Busy time comes from the calendars the person chose (`sync/busy_sources.py`: other calendars of
a CalDAV account, .ics files, feed links), read by `refresh` and kept, so planning works offline
on the last known busy time; and from the app's own plans (learning sessions, mentor meetings,
the review ritual), which count as busy for a new plan. The arithmetic is `domain/freetime.py`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.common import DomainError, ZonedDateTime, day_text, moment_text, zone
from ..domain.freetime import (
    Block,
    Busy,
    BusyIndex,
    Collision,
    HabitProposal,
    NoRoom,
    Preferences,
    Slot,
    collisions,
    days_off_setting,
    hours_setting,
    misfit,
    parse_days_off,
    parse_hours,
    parse_span,
    propose_habit,
    propose_one,
    span_setting,
    week_has_room,
    weekly_count,
)
from ..domain.learn import LearningItem, LearningSession, SessionState
from ..domain.learning_plan import expand, monday_of
from ..domain.network import MeetingState
from ..domain.recurrence import WEEKDAYS, occurrence_key
from ..errors import ActionableError, InputError
from ..sync.busy import BusyReadError
from ..sync.busy_sources import CALDAV, FEED, FILE, BusySource, BusySources
from .context import Context

if TYPE_CHECKING:
    from ..domain.network import Meeting
    from .calendar import CalendarServices
    from .learn import LearningServices
    from .mentoring import MentoringServices
    from .review import ReviewServices, Ritual

# The sources of the app's own plans, as busy time.
LEARNING, MEETINGS, RITUAL = "Learning sessions", "Mentor meetings", "Review ritual"
READ_WEEKS = 16  # busy time is read this far ahead: a quarter's plan, and some weeks beyond
PLAN_WEEKS = 13


class FindTimeError(ActionableError):
    """A busy calendar cannot be added or used as asked."""


@dataclass(frozen=True)
class Refreshed:
    """How one busy calendar's refresh went."""

    name: str
    ok: bool
    changed: bool  # it gave new busy time (False: unchanged, or it failed and the old is kept)
    spans: int  # busy spans kept for it now
    requests: int  # HTTP requests sent
    problem: str = ""  # why it failed, in one line


@dataclass(frozen=True)
class HabitPlan:
    """A proposal for a learning habit (or the review ritual: no item), with what it was planned against."""

    item: LearningItem | None
    weekly_hours: float
    proposal: HabitProposal
    busy: list[Busy]  # in the weeks planned: the week view shades it
    read_at: datetime | None  # when the oldest busy calendar was last read (None: never, or none chosen)
    problems: list[str]  # calendars whose last refresh failed: planned on what was read before
    unread: list[str] = dataclasses.field(default_factory=list)  # calendars never read for these weeks
    earliest: datetime | None = None  # no block before (now, or the first day asked for)
    what: str = ""  # what it is for, when not a learning item (a mentor meeting)

    @property
    def title(self) -> str:
        if self.what:
            return self.what
        return self.item.title if self.item is not None else "The review"


@dataclass(frozen=True)
class CollisionRow:
    """A planned session that busy time now overlaps, and where it could go."""

    session_id: str
    key: str  # the occurrence's local start in its session's zone
    title: str  # the learning item's
    collision: Collision


class FindTimeServices:
    def __init__(
        self,
        ctx: Context,
        calendar: CalendarServices,
        learning: LearningServices,
        mentoring: MentoringServices,
        review: ReviewServices,
    ) -> None:
        self._ctx = ctx
        self._calendar = calendar
        self._learning = learning
        self._mentoring = mentoring
        self._review = review
        self.sources_store = BusySources(ctx.store.db)

    # -- preferences -------------------------------------------------------------------------------
    def preferences(self) -> Preferences:
        """The preferences as set; the defaults where a stored one no longer makes sense."""
        get = self._ctx.settings.get
        try:
            return Preferences(
                hours=parse_hours(str(get("find_time.hours"))),
                preferred=parse_span(str(get("find_time.preferred")), "Preferred time"),
                shortest=int(get("find_time.shortest")),
                longest=int(get("find_time.longest")),
                buffer=int(get("find_time.buffer")),
                per_day=int(get("find_time.per_day")),
                days_off=parse_days_off(str(get("find_time.days_off"))),
            )
        except DomainError:  # shortest and longest crossed by hand: the defaults, not a crash
            return Preferences()

    def set_preferences(self, prefs: Preferences) -> Preferences:
        """Store *prefs* (already checked as a whole by `Preferences`)."""
        values = {
            "find_time.hours": hours_setting(prefs.hours),
            "find_time.preferred": span_setting(prefs.preferred),
            "find_time.shortest": prefs.shortest,
            "find_time.longest": prefs.longest,
            "find_time.buffer": prefs.buffer,
            "find_time.per_day": prefs.per_day,
            "find_time.days_off": days_off_setting(prefs.days_off),
        }
        from ..settings import BY_KEY

        coerced = {key: BY_KEY[key].coerce(value) for key, value in values.items()}  # all or nothing
        for key, value in coerced.items():
            if self._ctx.settings.get(key) != value:
                self._ctx.settings.set(key, value)
        return self.preferences()

    @property
    def all_day_busy(self) -> bool:
        return bool(self._ctx.settings.get("find_time.all_day_busy"))

    def addresses(self) -> list[str]:
        """The person's addresses (an invitation declined with one is no busy time): those set, and
        each CalDAV account's user name that is one."""
        given = [a.strip() for a in str(self._ctx.settings.get("find_time.addresses")).split(",")]
        accounts = [a.username for a in self._calendar.accounts() if a.kind == "caldav" and "@" in a.username]
        return [a for a in dict.fromkeys([*given, *accounts]) if a]

    # -- busy calendars ----------------------------------------------------------------------------
    def sources(self) -> list[BusySource]:
        return self.sources_store.all()

    def _named(self, name: str, fallback: str) -> str:
        wanted = (name or fallback).strip()
        if not wanted:
            raise InputError("A busy calendar needs a name")
        same = next((s for s in self.sources() if s.name.casefold() == wanted.casefold()), None)
        if same is not None:
            raise FindTimeError(f"There is a busy calendar called “{same.name}” already; give this one another name.")
        return wanted

    def account_calendars(self, account_name: str, password: str | None = None) -> list[Any]:
        """The calendars of a CalDAV account other than the one the app writes to (CalendarInfo).
        Raises TargetError subclasses, AccountError."""
        account = self._calendar.account(account_name)
        if account.kind != "caldav":
            raise FindTimeError(f"“{account_name}” is a calendar file, not a CalDAV account.")
        password = password if password is not None else self._calendar.password_or_fail(account)
        found = self._calendar.discover_calendars(
            account.url, account.username, password, allow_insecure=account.allow_insecure
        )
        own = account.calendar_url.rstrip("/")
        return [c for c in found if c.url.rstrip("/") != own and c.supports_events]

    def add_caldav_source(self, account_name: str, calendar_url: str, name: str) -> BusySource:
        account = self._calendar.account(account_name)
        if account.kind != "caldav":
            raise FindTimeError(f"“{account_name}” is a calendar file, not a CalDAV account.")
        if calendar_url.rstrip("/") == account.calendar_url.rstrip("/"):
            raise FindTimeError(
                f"“{account.calendar_name or calendar_url}” is where the app writes your plans; its events are "
                "the app's own. Choose another calendar of the account."
            )
        return self.sources_store.add(self._named(name, ""), CALDAV, calendar_url, account.name)

    def add_file_source(self, path: Path, name: str = "") -> BusySource:
        path = Path(path).expanduser()
        if not path.is_file():
            raise FindTimeError(f"There is no calendar file at {path}.")
        return self.sources_store.add(self._named(name, path.stem), FILE, str(path.resolve()))

    def add_feed_source(self, link: str, name: str = "") -> BusySource:
        from urllib.parse import urlsplit

        from ..sync.busy import feed_url

        try:
            url = feed_url(link)
        except BusyReadError as exc:
            raise FindTimeError(str(exc)) from None
        return self.sources_store.add(self._named(name, urlsplit(url).hostname or "Feed"), FEED, link.strip())

    def remove_source(self, source_id: str) -> BusySource:
        source = self.sources_store.get(source_id)
        if source is None:
            raise FindTimeError("That busy calendar was removed already.")
        self.sources_store.remove(source_id)
        return source

    def refresh(
        self,
        passwords: Mapping[str, str] | None = None,
        progress: Callable[[int, int], None] | None = None,
        until: datetime | None = None,
    ) -> list[Refreshed]:
        """Read every busy calendar again, from today to `READ_WEEKS` ahead (or to *until*, if later:
        the end of a plan). One that cannot be read keeps what was read before and says why
        (`BusySource.problem`). *passwords*: by account name, for accounts whose password is not saved."""
        from ..sync import busy

        tz = self._ctx.zone()
        now = self._ctx.now()
        start = datetime.combine(self._ctx.today(), time(0), tz)
        end = max(start + timedelta(weeks=READ_WEEKS), until or start)
        me = self.addresses()
        results = []
        sources = self.sources()
        for done, source in enumerate(sources):
            if progress is not None:
                progress(done, len(sources))
            try:
                if source.kind == FILE:
                    read = busy.read_file(Path(source.location), source.validator, start, end, tz, me, source.name)
                elif source.kind == FEED:
                    read = busy.read_feed(source.location, source.validator, start, end, tz, me, source.name)
                else:
                    read = self._read_caldav(source, start, end, me, passwords or {})
            except (BusyReadError, ActionableError) as exc:
                problem = str(exc) if str(exc).startswith(source.name) else f"{source.name}: {exc}"
                self.sources_store.store_problem(source.id, problem)
                results.append(Refreshed(source.name, False, False, source.spans, 0, problem))
                continue
            if source.read_from != start or source.read_until != end:
                read = self._whole(read, source, start, end, me, passwords or {})
            self.sources_store.store_read(
                source.id,
                read.spans,
                validator=read.validator,
                method=read.method or source.method,
                read_at=now,
                read_from=start,
                read_until=end,
            )
            kept = len(read.spans) if read.spans is not None else source.spans
            results.append(Refreshed(source.name, True, read.spans is not None, kept, read.requests))
        if progress is not None:
            progress(len(sources), len(sources))
        return results

    def _whole(
        self, read: Any, source: BusySource, start: datetime, end: datetime, me: list[str], passwords: Mapping[str, str]
    ) -> Any:
        """A file or feed unchanged since it was read for other days is read whole again for these."""
        from ..sync import busy

        if read.spans is not None:
            return read
        if source.kind == FILE:
            return busy.read_file(Path(source.location), "", start, end, self._ctx.zone(), me, source.name)
        return busy.read_feed(source.location, "", start, end, self._ctx.zone(), me, source.name)

    def _read_caldav(
        self, source: BusySource, start: datetime, end: datetime, me: list[str], passwords: Mapping[str, str]
    ) -> Any:
        from ..sync import busy

        if source.account is None:  # pragma: no cover - a CalDAV source always names its account
            raise FindTimeError(f"{source.name}: its account is gone")
        account = self._calendar.account(source.account)
        password = passwords.get(account.name)
        if password is None:
            password = self._calendar.password_or_fail(account)
        return busy.read_caldav(
            source.location,
            account.username,
            password,
            source.method,
            start,
            end,
            self._ctx.zone(),
            me,
            source.name,
            allow_insecure=account.allow_insecure,
        )

    def read_at(self) -> datetime | None:
        """When the busy calendar read longest ago was read (None: one was never read, or none is chosen)."""
        sources = self.sources()
        if not sources or any(s.read_at is None for s in sources):
            return None
        return min(s.read_at for s in sources if s.read_at is not None)

    def problems(self) -> list[str]:
        return [s.problem for s in self.sources() if s.problem]

    # -- busy time -------------------------------------------------------------------------------------
    def busy_between(self, start: datetime, end: datetime, *, leave_out: Iterable[str] = ()) -> list[Busy]:
        """The busy time from *start* to *end*: what the busy calendars held when last read, and the
        app's own plans (learning sessions but those in *leave_out*, mentor meetings, the review)."""
        return self._calendar_busy(start, end) + self.own_plans(start, end, leave_out=leave_out)

    def _calendar_busy(self, start: datetime, end: datetime) -> list[Busy]:
        """What the busy calendars held from *start* to *end* when last read."""
        return [
            Busy(datetime.fromtimestamp(a, UTC), datetime.fromtimestamp(b, UTC), label, source)
            for a, b, label, source in self.sources_store.spans(start, end, all_day=self.all_day_busy)
        ]

    def own_plans(self, start: datetime, end: datetime, *, leave_out: Iterable[str] = ()) -> list[Busy]:
        """The app's own plans from *start* to *end* as busy time (their calendar events are not read
        back as busy: the records are the truth)."""
        from ..review.summary import sessions_between

        skipped = set(leave_out)
        titles = {item.id: item.title for item in self._ctx.store.learning_items.all()}
        plans: list[Busy] = []
        sessions, _logs = sessions_between(self._ctx.store, start, end)
        for session in sessions:
            if session.id in skipped or session.state is SessionState.SKIPPED:
                continue
            for occurrence in expand(session, start, end):
                plans.append(Busy(occurrence.start, occurrence.end, titles.get(session.item_id, "Learning"), LEARNING))
        lo, hi = (moment.astimezone(UTC).isoformat(timespec="seconds") for moment in (start, end))
        for meeting in self._ctx.store.meetings.where("start_utc < ? AND end_utc > ?", (hi, lo)):
            if meeting.state is MeetingState.PLANNED:
                plans.append(Busy(meeting.start.instant, meeting.end.instant, meeting.title, MEETINGS))
        plans.extend(self._rituals(start, end))
        return plans

    def _rituals(self, start: datetime, end: datetime) -> list[Busy]:
        """The review ritual's times from *start* to *end*."""
        from ..sync.mapping import ritual_day_from

        settings = self._ctx.settings
        hour, minute = (int(part) for part in str(settings.get("review.time")).split(":"))
        length = timedelta(minutes=int(settings.get("review.minutes")))
        weekday, every = int(settings.get("review.weekday")), settings.review_cadence_weeks
        tz = self._ctx.zone()
        found: list[Busy] = []
        day = ritual_day_from(start.astimezone(tz).date() - timedelta(days=1), weekday, every)
        while True:
            begin = datetime.combine(day, time(hour, minute), tz)
            if begin >= end:
                return found
            if begin + length > start:
                found.append(Busy(begin, begin + length, "Review", RITUAL))
            day = ritual_day_from(day + timedelta(days=1), weekday, every)

    # -- a learning habit ------------------------------------------------------------------------------
    def learning_item(self, item: str) -> LearningItem:
        """The learning item with this id, or else this title (any case); InputError naming them."""
        found = self._calendar.learning_item(item)
        assert isinstance(found, LearningItem)
        return found

    def find_habit_time(
        self,
        item: str,
        weekly_hours: float,
        block_minutes: int,
        first: date | None = None,
        weeks: int = PLAN_WEEKS,
        avoid: Iterable[Slot] = (),
    ) -> HabitPlan:
        """Where a habit of *weekly_hours* a week in blocks of *block_minutes* goes for *item*, over
        *weeks* weeks from *first* (default: now). Raises NoRoom saying which preference to relax."""
        learning_item = self.learning_item(item)
        count = weekly_count(weekly_hours, block_minutes)
        prefs = self.preferences()
        tz = self._ctx.time_zone()
        earliest, start, end = self.plan_window(first, weeks)
        busy = self.busy_between(start, end)
        proposal = propose_habit(BusyIndex(busy, prefs.buffer), prefs, tz, earliest, weeks, block_minutes, count, avoid)
        return HabitPlan(
            learning_item,
            weekly_hours,
            proposal,
            busy,
            self.read_at(),
            self.problems(),
            self.unread(start, end),
            earliest,
        )

    def nudge(self, plan: HabitPlan, index: int, minutes: int = 0, days: int = 0) -> HabitPlan:
        """*plan* with its weekly slot *index* moved by *minutes* and *days* (the other slots stay);
        each week placed again. Raises NoRoom saying why the slot cannot go there."""
        proposal = plan.proposal
        slot = proposal.slots[index]
        moved_minutes = slot.at.hour * 60 + slot.at.minute + minutes
        if not 0 <= moved_minutes < 24 * 60:
            raise NoRoom("A block cannot move past midnight; move it to another day instead.")
        weekday = (slot.weekday + days) % 7
        moved = Slot(weekday, time(moved_minutes // 60, moved_minutes % 60))
        slots = [moved if i == index else s for i, s in enumerate(proposal.slots)]
        prefs = self.preferences()
        tz = self._ctx.time_zone()
        busy = BusyIndex(plan.busy, prefs.buffer)
        earliest = plan.earliest or _next_grid(self._ctx.now())
        weeks = len(proposal.weeks)
        again = propose_habit(busy, prefs, tz, earliest, weeks, proposal.minutes, len(slots), slots=slots)
        return dataclasses.replace(plan, proposal=again)

    def plan_window(self, first: date | None, weeks: int) -> tuple[datetime, datetime, datetime]:
        """A plan of *weeks* weeks from *first* (default: now): its earliest start (not in the past),
        and the weeks it covers, Monday to Monday. A week whose working hours are all behind the
        earliest start (asked on a Saturday) does not count: the plan starts the Monday after."""
        tz = self._ctx.zone()
        now = self._ctx.now()
        earliest = _next_grid(now if first is None else max(now, datetime.combine(first, time(0), tz)))
        monday = monday_of(earliest.astimezone(tz).date())
        if not week_has_room(monday, self.preferences(), self._ctx.time_zone(), earliest):
            monday += timedelta(days=7)
            earliest = datetime.combine(monday, time(0), tz)
        start = datetime.combine(monday, time(0), tz)
        return earliest, start, start + timedelta(weeks=weeks)

    def unread(self, start: datetime, end: datetime) -> list[str]:
        """The busy calendars whose last read did not cover *start* to *end* (their busy time there is unknown)."""
        return [
            s.name
            for s in self.sources()
            if s.read_from is None or s.read_until is None or s.read_from > start or s.read_until < end
        ]

    def apply_habit(self, plan: HabitPlan) -> list[LearningSession]:
        """Write the proposal as sessions: a weekly habit per clock time (its days together), each
        week's moved occurrence as a one-off at its new time (the habit skips it there), and missing
        ones skipped. The habits end with the weeks planned."""
        proposal = plan.proposal
        item = plan.item
        if item is None:  # pragma: no cover - the ritual's plan is taken with take_ritual
            raise NoRoom("This proposal is for the review ritual, not a learning item.")
        tz = self._ctx.time_zone()
        tzinfo = zone(tz)
        reminder = self._ctx.settings.reminder_minutes
        length = timedelta(minutes=proposal.minutes)
        last_day = proposal.weeks[-1] + timedelta(days=6)
        until = datetime.combine(last_day, time(23, 59, 59), tzinfo).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        earliest = min((b.start for b in proposal.blocks), default=None)
        if earliest is None:
            raise NoRoom("The proposal has no block to put in the calendar.")
        placed = {(b.slot, b.start.date()) for b in proposal.blocks if not b.moved}
        saved: list[LearningSession] = []
        with self._ctx.store.db.transaction():
            for at in sorted({s.at for s in proposal.slots}):
                days = sorted({s.weekday for s in proposal.slots if s.at == at})
                dates = [
                    monday + timedelta(days=d)
                    for monday in proposal.weeks
                    for d in days
                    if datetime.combine(monday + timedelta(days=d), at, tzinfo) >= earliest
                ]
                if not dates:
                    continue
                skipped = [
                    occurrence_key(datetime.combine(day, at))
                    for day in dates
                    if (Slot(day.weekday(), at), day) not in placed
                ]
                first = next((day for day in dates if (Slot(day.weekday(), at), day) in placed), None)
                if first is None:  # every week of this slot moved or missing: the one-offs carry it
                    continue
                skipped = [key for key in skipped if key > occurrence_key(datetime.combine(first, at))]
                start = datetime.combine(first, at, tzinfo)
                session = LearningSession(
                    item_id=item.id,
                    start=ZonedDateTime(start, tz),
                    end=ZonedDateTime(start + length, tz),
                    rrule=f"FREQ=WEEKLY;BYDAY={','.join(WEEKDAYS[d] for d in days)};UNTIL={until}",
                    exdates=skipped,
                    reminder_minutes=reminder,
                )
                saved.append(self._learning.save_session(session))
            for block in proposal.moved:
                one_off = LearningSession(
                    item_id=item.id,
                    start=ZonedDateTime(block.start, tz),
                    end=ZonedDateTime(block.end, tz),
                    reminder_minutes=reminder,
                )
                saved.append(self._learning.save_session(one_off))
        return saved

    # -- one block: a mentor meeting, a single session ------------------------------------------------
    def find_one_time(
        self, minutes: int, first: date, last: date, avoid: Iterable[datetime] = (), preferred: bool = False
    ) -> Block:
        """The first free block of *minutes* from *first* (or now) to the end of *last*. Raises NoRoom."""
        prefs = self.preferences()
        tz = self._ctx.time_zone()
        earliest = _next_grid(max(self._ctx.now(), datetime.combine(first, time(0), zone(tz))))
        end = datetime.combine(last + timedelta(days=1), time(0), zone(tz))
        busy = self.busy_between(earliest, end)
        return propose_one(BusyIndex(busy, prefs.buffer), prefs, tz, earliest, last, minutes, avoid, preferred)

    def meeting_plan(
        self, what: str, minutes: int, first: date, last: date, avoid: Iterable[datetime] = ()
    ) -> HabitPlan:
        """`find_one_time` for a meeting, with the busy time of its window for the week view."""
        block = self.find_one_time(minutes, first, last, avoid)
        earliest, start, _end = self.plan_window(first, 1)
        mondays = []
        monday = monday_of(first)
        while monday <= last:
            mondays.append(monday)
            monday += timedelta(days=7)
        end = datetime.combine(mondays[-1] + timedelta(days=7), time(0), self._ctx.zone())
        busy = self.busy_between(start, end)
        proposal = HabitProposal((), minutes, tuple(mondays), (block,), (), ())
        return HabitPlan(
            None, minutes / 60, proposal, busy, self.read_at(), self.problems(), self.unread(start, end), earliest, what
        )

    def nudge_block(self, plan: HabitPlan, minutes: int = 0, days: int = 0) -> HabitPlan:
        """A one-block plan (a meeting) with its block moved; NoRoom saying why it cannot go there."""
        [block] = plan.proposal.blocks
        shift = timedelta(days=days, minutes=minutes)
        tz = self._ctx.zone()
        start = datetime.combine(block.start.astimezone(tz).date(), block.start.astimezone(tz).time(), tz) + shift
        start = start.astimezone(tz)
        moved = Block(start, start + timedelta(minutes=block.minutes))
        reason = self.misfit(moved.start, moved.end)
        if reason:
            raise NoRoom(reason)
        return dataclasses.replace(plan, proposal=dataclasses.replace(plan.proposal, blocks=(moved,)))

    def take_meeting(self, mentorship_id: str, block: Block) -> Meeting:
        """A mentor meeting at *block*, its agenda opened as a new meeting's is (the open topics of the last)."""
        tz = self._ctx.time_zone()
        meeting = self._mentoring.new_meeting(mentorship_id, block.start.astimezone(zone(tz)), block.minutes, tz)
        [saved] = self._mentoring.save_meeting(meeting)
        return saved

    def find_ritual_time(self, weeks: int = 4, avoid: Iterable[Slot] = ()) -> HabitPlan:
        """Where the review ritual goes: one weekly time, free in the most of the next *weeks* weeks
        (its own present time is not busy for it). Its present time comes first where it is free in
        every one of those weeks and within the working hours: a review that already has its time
        is not moved for nothing ("Next proposal" offers others). Raises NoRoom."""
        ritual = self._review.ritual()
        prefs = self.preferences()
        tz = self._ctx.time_zone()
        avoid = tuple(avoid)  # read twice below
        earliest, start, end = self.plan_window(None, weeks)
        busy = [b for b in self.busy_between(start, end) if b.source != RITUAL]
        index = BusyIndex(busy, prefs.buffer)
        proposal = None
        present = self.ritual_slot()
        if present is not None and present not in avoid:
            try:
                kept = propose_habit(index, prefs, tz, earliest, weeks, ritual.minutes, 1, slots=[present])
            except DomainError:  # outside the working hours, on a day off
                kept = None
            if kept is not None and kept.planned_weeks and 0 < kept.planned_weeks[0] == kept.free_weeks[0]:
                proposal = kept
        if proposal is None:
            proposal = propose_habit(index, prefs, tz, earliest, weeks, ritual.minutes, 1, avoid)
        return HabitPlan(
            None,
            ritual.minutes / 60,
            proposal,
            busy,
            self.read_at(),
            self.problems(),
            self.unread(start, end),
            earliest,
        )

    def ritual_slot(self) -> Slot | None:
        """The review ritual's present weekly time (None if its stored time does not read as one)."""
        ritual = self._review.ritual()
        try:
            return Slot(ritual.weekday - 1, time.fromisoformat(ritual.time)) if 1 <= ritual.weekday <= 7 else None
        except ValueError:
            return None

    def take_ritual(self, plan: HabitPlan) -> Ritual:
        """The ritual moved to the proposal's weekly time (its length and rhythm stay)."""
        from .review import Ritual

        [slot] = plan.proposal.slots[:1]
        ritual = self._review.ritual()
        return self._review.set_ritual(
            Ritual(
                weekday=slot.weekday + 1,
                time=f"{slot.at:%H:%M}",
                minutes=ritual.minutes,
                every_weeks=ritual.every_weeks,
            )
        )

    def misfit(self, start: datetime, end: datetime, *, leave_out: Iterable[str] = ()) -> str:
        """Why a block moved by hand cannot go there ("" if it can)."""
        busy = self.busy_between(start - timedelta(days=1), end + timedelta(days=1), leave_out=leave_out)
        return misfit(start, end, busy, self.preferences(), self._ctx.time_zone())

    # -- keeping plans in free time ---------------------------------------------------------------------
    def collisions(self, weeks: int = READ_WEEKS) -> list[CollisionRow]:
        """Planned learning sessions from now on that busy time of the busy calendars now overlaps
        (meetings added since), each with the nearest free time of its week; not those the person
        chose to keep where they are."""
        from ..review.summary import sessions_between

        now = self._ctx.now()
        tz = self._ctx.time_zone()
        end = now + timedelta(weeks=weeks)
        titles = {item.id: item.title for item in self._ctx.store.learning_items.all()}
        sessions, _logs = sessions_between(self._ctx.store, now, end)
        occurrences: list[tuple[str, datetime, datetime]] = []
        for session in sessions:
            if session.state is not SessionState.PLANNED and not session.rrule:
                continue
            for occurrence in expand(session, now, end):
                occurrences.append((f"{session.id}@{occurrence.key}", occurrence.start, occurrence.end))
        busy = self._calendar_busy(now, end)
        kept = self.sources_store.kept()
        meetings = [b for b in self.own_plans(now, end) if b.source != LEARNING]
        rows = []
        for hit in collisions(occurrences, busy, self.preferences(), tz, now, meetings):
            if (hit.key, int(hit.busy.start.timestamp()), int(hit.busy.end.timestamp())) in kept:
                continue
            session_id, _, key = hit.key.partition("@")
            item_id = next(s.item_id for s in sessions if s.id == session_id)
            rows.append(CollisionRow(session_id, key, titles.get(item_id, "Learning"), hit))
        return rows

    def move_collision(self, row: CollisionRow, block: Block | None = None) -> LearningSession:
        """Move the colliding occurrence to *block* (default: the one proposed)."""
        target = block or row.collision.move_to
        if target is None:
            raise NoRoom(f"No free time that week for “{row.title}”; move it by hand, or keep it where it is.")
        return self._learning.move_occurrence(row.session_id, row.key, target.start, target.end)

    def keep_collision(self, row: CollisionRow) -> None:
        """Leave the occurrence where it is: this collision is not listed again."""
        self.sources_store.keep(row.collision.key, row.collision.busy.start, row.collision.busy.end)

    def move_all(self, rows: Sequence[CollisionRow]) -> list[LearningSession]:
        """Move every collision that has a proposed slot (what "move by themselves" does after a refresh)."""
        return [self.move_collision(row) for row in rows if row.collision.move_to is not None]


def _next_grid(moment: datetime) -> datetime:
    """The next quarter hour at or after *moment* (blocks start on the grid)."""
    floored = moment.replace(second=0, microsecond=0)
    minutes = (-floored.minute) % 15
    if minutes == 0 and floored == moment:
        return floored
    return floored + timedelta(minutes=minutes or 15)


# -- as the command line prints it ----------------------------------------------------------------------


def _hours(hours: float) -> str:
    return f"{hours:g} h"


def read_lines(read_at: datetime | None, problems: Sequence[str], tz: Any, sources: int) -> list[str]:
    """How old the busy time planned on is, and which calendars could not be read."""
    if sources == 0:
        return ["Busy time: no busy calendar chosen; planned around your own plans in the app only."]
    when = "not read yet" if read_at is None else f"read {moment_text(read_at.astimezone(tz))}"
    lines = [f"Busy time: {sources} calendar{'s' if sources != 1 else ''}, {when}."]
    lines += [f"  Could not be read now, planned on what was read before: {problem}" for problem in problems]
    return lines


def proposal_lines(plan: HabitPlan, tz: Any, sources: int) -> list[str]:
    """A habit's proposal for a person: its weekly slots, the weeks' moves and what is missing."""
    proposal = plan.proposal
    weeks = len(proposal.weeks)
    first = proposal.weeks[0]
    title = plan.title
    lines = [
        f"{title}: {_hours(plan.weekly_hours)} a week in {len(proposal.slots)} blocks of "
        f"{proposal.minutes} min, {weeks} week{'s' if weeks != 1 else ''} from the week of {day_text(first)}",
        *read_lines(plan.read_at, plan.problems, tz, sources),
        *[f"  Not read for these weeks, so their busy time there is unknown: {name}" for name in plan.unread],
        "",
        "EVERY WEEK",
    ]
    for slot, free, planned in zip(proposal.slots, proposal.free_weeks, proposal.planned_weeks, strict=True):
        end = datetime.combine(first, slot.at) + timedelta(minutes=proposal.minutes)
        lines.append(f"  {slot.text()}\u2013{end:%H:%M}  free in {free} of {planned} weeks")
    if proposal.moved:
        lines += ["", "MOVED IN ONE WEEK (the usual time is busy then)"]
        lines += [f"  {block.slot.text() if block.slot else ''} \u2192 {block.text()}" for block in proposal.moved]
    if proposal.missing:
        lines += ["", "NO FREE TIME"]
        lines += [f"  the week of {day_text(monday)}: {slot.text()}" for monday, slot in proposal.missing]
    return lines


def added_line(sessions: Sequence[LearningSession], title: str) -> str:
    """What taking a proposal added, in one line."""
    habits = sum(1 for s in sessions if s.rrule)
    moved = len(sessions) - habits
    parts = [f"{habits} weekly habit{'s' if habits != 1 else ''}"]
    if moved:
        parts.append(f"{moved} session{'s' if moved != 1 else ''} moved off a busy week")
    return f"Added {' and '.join(parts)} to “{title}”; they go to your calendar at the next sync."


def collision_lines(rows: Sequence[CollisionRow], tz: Any) -> list[str]:
    """Sessions that busy time now overlaps, each with the proposed move."""
    if not rows:
        return ["No planned session collides with busy time."]
    lines = [
        f"{len(rows)} session{'s' if len(rows) != 1 else ''} collide{'' if len(rows) != 1 else 's'} with busy time:"
    ]
    for row in rows:
        hit = row.collision
        start, end = hit.start.astimezone(tz), hit.end.astimezone(tz)
        move = "no free time that week" if hit.move_to is None else f"move to {hit.move_to.text()}"
        lines.append(
            f"  {moment_text(start)}\u2013{end:%H:%M}  {row.title}  collides with {hit.busy.text(tz)}  \u2192 {move}"
        )
    return lines
