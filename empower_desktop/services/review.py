"""The ongoing review: the weekly and quarterly review ritual, past reviews, and where every goal
stands as plain text.

A review is started (or the unfinished one of its kind resumed), saved page by page, and
finished; each page writes through the services of the step that owns the record (a skill
re-rated through `AssessmentServices.rate_skill`, a goal paused or dropped through
`GoalServices.set_status`, a satisfaction check-in through the assessment services), and the
review keeps what was decided and why. The ritual (its weekday, time and length) is in Settings
and goes to the calendar as a repeating event.
"""

from __future__ import annotations

import calendar
import copy
from dataclasses import dataclass
from datetime import date, timedelta

from ..domain import Review
from ..domain.assess import GoalStatus
from ..domain.common import DomainError, day_text
from ..domain.learn import OccurrenceState
from ..domain.review import GoalAction, GoalDecision, ReviewKind
from ..settings import BY_KEY
from .assess import AssessmentServices
from .context import Context
from .goals import GoalServices
from .learn import LearningServices
from .network import NetworkServices

RITUAL_KEYS = ("review.weekday", "review.time", "review.minutes", "review.cadence_weeks")
PAUSED_OR_DROPPED = {GoalAction.PAUSE: GoalStatus.PAUSED, GoalAction.DROP: GoalStatus.DROPPED}


@dataclass(frozen=True)
class ReviewRow:
    """A review in the history: its focus, and whether the next review found it kept."""

    review: Review
    focus_kept: bool | None  # from the next review's answer; None: not asked yet (or no next review)


@dataclass(frozen=True)
class Recap:
    """What the first pages show: what I did and what slipped in the review's period."""

    sessions_logged: list[str]  # e.g. "Tue 1 Dec 2026 · Kubernetes the hard way · 45 min"
    meetings_held: list[str]  # e.g. "Thu 3 Dec 2026 · Mentor meeting with Ingrid"
    achievements: list[str]  # e.g. "2 Dec 2026 · Cut CI time in half"
    sessions_missed: list[str]  # ended with no log, or skipped
    milestones_overdue: list[str]  # e.g. "Draft the talk (Give two conference talks), due 30 Nov 2026"
    contacts_overdue: list[str]  # e.g. "Ana Lima, due 20 Nov 2026"
    last_focus: str  # the previous finished review's focus ("" when none)


@dataclass(frozen=True)
class Ritual:
    weekday: int  # 1 = Monday … 7 = Sunday
    time: str  # "HH:MM"
    minutes: int
    every_weeks: int


class ReviewServices:
    """Reviews (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def reviews(self) -> list[Review]:
        return self._ctx.store.reviews.all()

    def text(self) -> str:
        """Where every goal stands, as plain text (the `review` command prints it)."""
        from ..review.summary import goal_review_text

        return goal_review_text(self._ctx.store, self._ctx.today())

    # -- the ritual -------------------------------------------------------------------------------
    def history(self) -> list[ReviewRow]:
        """Every review, the latest first (unfinished ones too, marked by `completed`). A review's
        focus was kept if the next review of its kind (weekly after weekly, quarterly after
        quarterly) answered so."""
        ordered = sorted(self.reviews(), key=_when)
        rows: list[ReviewRow] = []
        for index, review in enumerate(ordered):
            following = next((r for r in ordered[index + 1 :] if r.kind is review.kind), None)
            rows.append(ReviewRow(review, following.last_focus_kept if following is not None else None))
        return rows[::-1]

    def unfinished(self, kind: ReviewKind | None = None) -> Review | None:
        """The review left half-way (of *kind*, or of any kind), if any."""
        wanted = None if kind is None else ReviewKind(kind)
        found = [r for r in self.reviews() if not r.completed and (wanted is None or r.kind is wanted)]
        return max(found, key=_when) if found else None

    def last_finished(self, kind: ReviewKind, before: Review | None = None) -> Review | None:
        """The latest finished review of *kind* (before *before*, when given)."""
        found = [
            r
            for r in self.reviews()
            if r.completed
            and r.kind is ReviewKind(kind)
            and (before is None or (r.id != before.id and _when(r) < _when(before)))
        ]
        return max(found, key=_when) if found else None

    def start(self, kind: ReviewKind) -> Review:
        """Resume the unfinished review of *kind*, or begin (and save) a new one: its period runs
        from the day after the last finished review of that kind (or a week / a quarter back) to
        today."""
        kind = ReviewKind(kind)
        resumed = self.unfinished(kind)
        if resumed is not None:
            return resumed
        today = self._ctx.today()
        last = self.last_finished(kind)
        if last is not None:
            begin = min(_ended(last) + timedelta(days=1), today)
        elif kind is ReviewKind.WEEKLY:
            begin = today - timedelta(days=7)
        else:
            begin = _months_back(today, 3)
        review = Review(period_start=begin, period_end=today, kind=kind)
        return self._ctx.store.reviews.add(review)

    def recap(self, review: Review) -> Recap:
        """What the first pages list for the review's period: sessions logged and missed (as the
        Sessions view tells them), mentor meetings held, achievements, milestones overdue by the
        period's end, contacts to reach out to (as Reach out lists them today), and the focus the
        previous review of this kind picked."""
        ctx = self._ctx
        first, last = review.period_start, review.period_end
        logged, missed = [], []
        for row in LearningServices(ctx).occurrence_rows(first, last + timedelta(days=1)):
            start = row.occurrence.start.astimezone(ctx.zone())
            title = row.item_title or "Learning session"
            if row.state is OccurrenceState.DONE:
                minutes = f" · {row.minutes_spent} min" if row.minutes_spent else ""
                logged.append(f"{_weekday_day(start.date())} · {title}{minutes}")
            elif row.state is OccurrenceState.SKIPPED:
                missed.append(f"{_weekday_day(start.date())} · {title} · skipped")
            elif row.state is OccurrenceState.NOT_LOGGED:
                missed.append(f"{_weekday_day(start.date())} · {title} · not logged")

        now = ctx.now()
        meetings = []
        for meeting in ctx.store.meetings.all():
            day = meeting.start.instant.astimezone(ctx.zone()).date()
            if meeting.took_place(now) and first <= day <= last:
                meetings.append((meeting.start.instant, f"{_weekday_day(day)} · {meeting.title}"))

        achievements = [
            (a.achieved_on, f"{day_text(a.achieved_on)} · {a.title}")
            for a in ctx.store.achievements.all()
            if first <= a.achieved_on <= last
        ]

        overdue = []
        for goal in ctx.store.goals.all():
            if goal.status not in (GoalStatus.ACTIVE, GoalStatus.DRAFT):
                continue
            for milestone in goal.milestones:
                if not milestone.done and milestone.due is not None and milestone.due < last:
                    text = f"{milestone.title} ({goal.title}), due {day_text(milestone.due)}"
                    overdue.append((milestone.due, text))

        contacts = [
            f"{row.contact.name}, due {day_text(row.due)}"
            for row in NetworkServices(ctx).reach_out()
            if row.due is not None
        ]
        previous = self.last_finished(review.kind, before=review)
        return Recap(
            sessions_logged=logged,
            meetings_held=[text for _, text in sorted(meetings)],
            achievements=[text for _, text in sorted(achievements)],
            sessions_missed=missed,
            milestones_overdue=[text for _, text in sorted(overdue)],
            contacts_overdue=contacts,
            last_focus=previous.focus if previous is not None else "",
        )

    def save_page(self, review: Review, page: str) -> Review:
        """Save what the pages say so far, with *page* the page reached (to resume there)."""
        if page not in review.pages:
            raise DomainError(f"A {review.kind.value} review has no page “{page}”")
        saved = copy.deepcopy(review)
        saved.page = page
        return self._save(saved)

    def rerate(self, review: Review, skill_id: str, level: int) -> Review:
        """Re-rate a skill (a rating dated today in step 1's history) and note it in the review."""
        updated = copy.deepcopy(review)
        if skill_id not in updated.rerated_skill_ids:
            updated.rerated_skill_ids.append(skill_id)
        with self._ctx.store.db.transaction():
            AssessmentServices(self._ctx).rate_skill(skill_id, level)
            return self._save(updated)

    def decide(self, review: Review, goal_id: str, action: GoalAction, reason: str = "") -> Review:
        """Keep, adjust, pause or drop a goal (pause and drop need a reason: DomainError without
        one); pause and drop change the goal's status through the goal services. Changing a pause
        or a drop of this review back to keep or adjust makes the goal active again (a draft, if
        it is not SMART)."""
        action = GoalAction(action)
        reason = reason.strip()
        goals = GoalServices(self._ctx)
        goal = self._ctx.store.goals.get(goal_id)
        if action in PAUSED_OR_DROPPED and not reason:
            raise DomainError(f"Say why you {action.value} “{goal.title}”")
        updated = copy.deepcopy(review)
        before = next((d for d in updated.goal_decisions if d.goal_id == goal_id), None)
        updated.goal_decisions = [d for d in updated.goal_decisions if d.goal_id != goal_id]
        updated.goal_decisions.append(GoalDecision(goal_id=goal_id, action=action, reason=reason))
        if action is GoalAction.ADJUST and goal_id not in updated.goal_ids_adjusted:
            updated.goal_ids_adjusted.append(goal_id)
        elif action is not GoalAction.ADJUST and before is not None and before.action is GoalAction.ADJUST:
            updated.goal_ids_adjusted = [g for g in updated.goal_ids_adjusted if g != goal_id]
        updated.validate()  # a reason too long is refused before anything changes
        with self._ctx.store.db.transaction():
            if action in PAUSED_OR_DROPPED:
                if goal.status is not PAUSED_OR_DROPPED[action]:
                    goals.set_status(goal_id, PAUSED_OR_DROPPED[action])
            elif (
                before is not None
                and before.action in PAUSED_OR_DROPPED
                and goal.status is PAUSED_OR_DROPPED[before.action]
            ):
                try:
                    goals.set_status(goal_id, GoalStatus.ACTIVE)
                except DomainError:  # not SMART: back as a draft
                    goals.set_status(goal_id, GoalStatus.DRAFT)
            return self._save(updated)

    def finish(self, review: Review) -> Review:
        """Mark it completed, dated today."""
        finished = copy.deepcopy(review)
        finished.completed = True
        finished.finished_on = self._ctx.today()
        if finished.finished_on < finished.period_end:  # a period set ahead of the day it is finished
            finished.period_end = finished.finished_on
        return self._save(finished)

    def delete(self, review_id: str) -> Review:
        review = self._ctx.store.reviews.get(review_id)
        self._ctx.store.reviews.delete(review_id)
        return review

    def restore(self, review: Review) -> Review:
        return self._ctx.store.reviews.add(review)

    def _save(self, review: Review) -> Review:
        review.validate()
        repo = self._ctx.store.reviews
        return repo.update(review) if repo.exists(review.id) else repo.add(review)

    # -- when it comes round ----------------------------------------------------------------------
    def ritual(self) -> Ritual:
        settings = self._ctx.settings
        hour, minute = (int(part) for part in str(settings.get("review.time")).strip().split(":"))
        return Ritual(
            weekday=int(settings.get("review.weekday")),
            time=f"{hour:02d}:{minute:02d}",
            minutes=int(settings.get("review.minutes")),
            every_weeks=settings.review_cadence_weeks,
        )

    def set_ritual(self, ritual: Ritual) -> Ritual:
        """SettingError / DomainError with a plain message for a day, time or length out of range.
        Nothing is stored unless every value is taken."""
        values = dict(zip(RITUAL_KEYS, (ritual.weekday, ritual.time, ritual.minutes, ritual.every_weeks), strict=True))
        coerced = {key: BY_KEY[key].coerce(value) for key, value in values.items()}  # SettingError for the first wrong
        hour, minute = (int(part) for part in str(coerced["review.time"]).strip().split(":"))
        coerced["review.time"] = f"{hour:02d}:{minute:02d}"
        settings = self._ctx.settings
        for key, value in coerced.items():
            if settings.get(key) != value:
                settings.set(key, value)
        return self.ritual()

    def next_ritual_day(self, after: date | None = None) -> date:
        """The next day the ritual comes round (today included when it is today): its weekday, in
        the weeks of its rhythm (the same days the calendar event repeats on)."""
        from ..sync.mapping import ritual_day_from

        ritual = self.ritual()
        return ritual_day_from(after or self._ctx.today(), ritual.weekday, ritual.every_weeks)


def _ended(review: Review) -> date:
    """The last day a finished review covered (the day it was finished, if later than its period)."""
    return max(review.period_end, review.finished_on or review.period_end)


def _when(review: Review) -> tuple[date, date, object]:
    """The order of reviews in time: by the day they end (finished, or their period), then begun."""
    return (_ended(review), review.period_start, review.created)


def _weekday_day(day: date) -> str:
    """ "Tue 1 Dec 2026" """
    return f"{day:%a} {day_text(day)}"


def _months_back(day: date, months: int) -> date:
    """The same day *months* earlier (the month's last day where it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
