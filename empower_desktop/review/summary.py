"""The plain-text goal review: where every goal stands, for the terminal and the Review tab."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from ..domain.assess import Goal, GoalStatus
from ..domain.common import day_text
from ..domain.goals import Track, progress_fraction, smart_check, track
from ..domain.learn import OccurrenceState
from ..domain.learning_plan import effective_logs, expand
from ..store import Store

TRACK_ORDER = (Track.OFF_TRACK, Track.AT_RISK, Track.ON_TRACK, Track.NOT_MEASURED, Track.DONE)
TRACK_HEADINGS = {
    Track.OFF_TRACK: "Off track",
    Track.AT_RISK: "At risk",
    Track.ON_TRACK: "On track",
    Track.NOT_MEASURED: "Not measured yet",
    Track.DONE: "Target reached",
}


def _fmt_number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:g}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe_goal(goal: Goal, today: date) -> str:
    parts = [goal.title]
    fraction = progress_fraction(goal)
    if fraction is not None:
        unit = f" {goal.unit}" if goal.unit else ""
        values = f"{_fmt_number(goal.baseline)} → {_fmt_number(goal.current)} of {_fmt_number(goal.target)}{unit}"
        parts.append(f"{fraction:.0%} ({values})")
    if goal.deadline is not None:
        days = (goal.deadline - today).days
        when = f"{days} days left" if days >= 0 else f"{-days} days overdue"
        parts.append(f"due {goal.deadline.isoformat()} ({when})")
    upcoming = [m for m in goal.milestones if not m.done]
    if upcoming:
        nxt = min(upcoming, key=lambda m: m.due or date.max)
        overdue = nxt.due is not None and nxt.due < today
        due = f" {nxt.due.isoformat()}" if nxt.due else ""
        parts.append(f"next milestone: {nxt.title}{due}{' (overdue)' if overdue else ''}")
    return " — ".join(parts)


FOLLOW_UP_AHEAD = timedelta(days=14)  # follow-ups shown this far ahead
INTERACTION_FOLLOW_UP_KEPT = timedelta(days=7)  # an interaction's follow-up (it has no "done") stays this long


def follow_up_lines(store: Store, today: date) -> list[str]:
    """The dated follow-ups that are overdue or due in the next two weeks, the earliest first:
    a mentor meeting's open action items, an interaction's follow-up day, an initiative's next
    step, an opportunity's next step and what was agreed in a conversation with a manager or HR.
    The same items go to the calendar as follow-ups."""
    ahead = today + FOLLOW_UP_AHEAD
    found: list[tuple[date, str]] = []
    names = {c.id: c.name for c in store.contacts.all()}
    ships = {m.id: names.get(m.contact_id, "") for m in store.mentorships.all()}
    for meeting in store.meetings.all():
        for action in meeting.action_items:
            if action.due is not None and not action.done and action.due <= ahead:
                whose = "" if action.owner.value == "me" else f" ({ships.get(meeting.mentorship_id) or 'theirs'})"
                found.append((action.due, f"{action.text}{whose}"))
    for interaction in store.interactions.all():
        day = interaction.follow_up
        if day is not None and today - INTERACTION_FOLLOW_UP_KEPT <= day <= ahead:
            who = names.get(interaction.contact_id, "a contact")
            found.append((day, f"Follow up with {who}" + (f": {interaction.summary}" if interaction.summary else "")))
    for initiative in store.initiatives.all():
        day = initiative.follow_up_on
        if day is not None and day <= ahead and initiative.status.value not in ("done", "declined"):
            found.append((day, f"Next step on “{initiative.title}”"))
    for opportunity in store.opportunities.all():
        day = opportunity.next_step_on
        if day is not None and day <= ahead and opportunity.status.value == "open":
            found.append((day, f"{opportunity.next_step} ({opportunity.title})"))
    for prep in store.conversations.all():
        for follow_up in prep.follow_ups:
            if follow_up.due is not None and not follow_up.done and follow_up.due <= ahead:
                whose = "" if follow_up.mine else " (theirs)"
                found.append((follow_up.due, f"{follow_up.text}{whose} — from “{prep.title}”"))
    found.sort(key=lambda item: (item[0], item[1].casefold()))
    lines = []
    for day, text in found:
        late = (today - day).days
        when = " (overdue)" if late > 0 else " (today)" if late == 0 else ""
        lines.append(f"  • {day_text(day)}{when} — {text}")
    return lines


def _follow_ups_section(store: Store, today: date) -> list[str]:
    lines = follow_up_lines(store, today)
    return ["", f"FOLLOW-UPS, OVERDUE AND NEXT 2 WEEKS ({len(lines)})", *lines] if lines else []


def goal_review_text(store: Store, today: date) -> str:
    goals = store.goals.all()
    active = [g for g in goals if g.status is GoalStatus.ACTIVE]
    drafts = [g for g in goals if g.status is GoalStatus.DRAFT]
    achieved = [g for g in goals if g.status is GoalStatus.ACHIEVED]
    dropped = [g for g in goals if g.status is GoalStatus.DROPPED]
    by_track: dict[Track, list[Goal]] = {t: [] for t in TRACK_ORDER}
    for goal in active:
        by_track[track(goal, today)].append(goal)

    lines = [f"Goal review — {today.strftime('%d %B %Y').lstrip('0')}", ""]
    if not goals:
        lines.append("No goals yet. Start with step 1: write one specific, measurable goal with a deadline.")
        return "\n".join(lines + _follow_ups_section(store, today)) + "\n"
    counts = ", ".join(f"{len(by_track[t])} {TRACK_HEADINGS[t].lower()}" for t in TRACK_ORDER if by_track[t])
    lines.append(
        f"{_plural(len(active), 'active goal')} ({counts or 'none measured'}); "
        f"{_plural(len(drafts), 'draft')}, {len(achieved)} achieved, {len(dropped)} dropped."
    )
    for t in TRACK_ORDER:
        if by_track[t]:
            lines += ["", f"{TRACK_HEADINGS[t].upper()} ({len(by_track[t])})"]
            lines += [f"  • {describe_goal(g, today)}" for g in by_track[t]]
    if drafts:
        lines += ["", f"DRAFTS — NOT SMART YET ({len(drafts)})"]
        for goal in drafts:
            missing = "; ".join(f"{s.name}: {s.reason}" for s in smart_check(goal, today) if not s.ok)
            lines.append(f"  • {goal.title} — {missing or 'ready to activate'}")
    if achieved:
        lines += ["", f"ACHIEVED ({len(achieved)})"]
        lines += [f"  • {g.title}" for g in achieved]

    since = today - timedelta(days=28)
    planned = logged = 0.0
    not_logged = 0
    sessions = store.learning_sessions.all()
    logs = effective_logs(sessions, store.occurrence_logs.all())
    window = (datetime.combine(since, time(), UTC), datetime.combine(today, time(), UTC))
    for session in sessions:
        for occurrence in expand(session, *window):  # every time a habit came round, not only its first
            log = logs.get((session.id, occurrence.key))
            if log is not None and log.state is OccurrenceState.SKIPPED:
                continue
            planned += occurrence.hours
            if log is None:
                not_logged += 1
            else:
                logged += occurrence.hours if log.minutes_spent is None else log.minutes_spent / 60
    lines += ["", "LEARNING, LAST 4 WEEKS", f"  {logged:.1f} h logged of {planned:.1f} h planned"]
    if not_logged:
        lines.append(f"  {not_logged} past sessions not logged yet")
    lines += _follow_ups_section(store, today)
    return "\n".join(lines) + "\n"
