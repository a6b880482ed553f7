"""Step 1 use-cases for SMART goals: save with checks, progress with history, archive, delete
and undo."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..domain import Goal
from ..domain.assess import GoalStatus, ProgressPoint
from ..domain.common import DomainError, day_text
from ..domain.goals import SmartLetter, Track, is_smart, progress_fraction, smart_check, track
from .context import Context

# Records that point at a goal and lose the link when it is deleted (ON DELETE SET NULL). Lists of
# goals (a mentorship's, an initiative's, an opportunity's) keep the id: readers skip unknown ones.
GOAL_LINKS = ("learning_items", "achievements")


@dataclass(frozen=True)
class GoalRow:
    goal: Goal
    track: Track
    progress: float | None
    smart: bool


def current_value(history: list[ProgressPoint], today: date) -> float:
    """The goal's current value: the latest measurement dated today or before (a value dated
    later, kept from before that was refused, does not freeze the goal)."""
    measured = [p for p in history if p.on <= today] or history
    return max(measured, key=lambda p: p.on).value


def goal_row(goal: Goal, today: date) -> GoalRow:
    return GoalRow(goal, track(goal, today), progress_fraction(goal), is_smart(goal, today))


@dataclass(frozen=True)
class DeletedGoal:
    """Everything needed to undo a delete: the goal and the records that linked to it."""

    goal: Goal
    links: dict[str, list[str]]  # table -> ids whose goal_id pointed at the goal


class GoalServices:
    """Goal actions (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def rows(self, include_archived: bool = False) -> list[GoalRow]:
        """Every goal that is not archived (and the archived ones after them, when asked)."""
        today = self._ctx.today()
        goals = self._ctx.store.goals.where("status != ?", (GoalStatus.ARCHIVED.value,))
        if include_archived:
            goals += self._ctx.store.goals.where("status = ?", (GoalStatus.ARCHIVED.value,))
        return [goal_row(g, today) for g in goals]

    def smart_check(self, goal: Goal) -> list[SmartLetter]:
        return smart_check(goal, self._ctx.today())

    def save(self, goal: Goal, *, activate: bool) -> Goal:
        """Save a goal: as active when *activate* (it must be SMART), else as a draft.

        An achieved or dropped goal keeps its status. Raises DomainError saying why a goal
        cannot be activated, or why a milestone's date cannot be true.
        """
        for milestone in goal.milestones:
            if milestone.due is None:
                continue
            if goal.start is not None and milestone.due < goal.start:
                raise DomainError(
                    f"Milestone “{milestone.title}” is due before the goal's start "
                    f"({day_text(milestone.due)} before {day_text(goal.start)})"
                )
            if goal.deadline is not None and milestone.due > goal.deadline:
                raise DomainError(
                    f"Milestone “{milestone.title}” is due after the goal's deadline "
                    f"({day_text(milestone.due)} after {day_text(goal.deadline)})"
                )
        if goal.status in (GoalStatus.DRAFT, GoalStatus.ACTIVE):
            if activate:
                failing = [s for s in self.smart_check(goal) if not s.ok]
                if failing:
                    reasons = "; ".join(f"{s.name}: {s.reason}" for s in failing)
                    raise DomainError(f"Only a SMART goal can be activated ({reasons}). Save it as a draft instead.")
                goal.status = GoalStatus.ACTIVE
            else:
                goal.status = GoalStatus.DRAFT
        saved = self._ctx.save(goal)
        assert isinstance(saved, Goal)
        return saved

    def update_progress(self, goal_id: str, value: float, on: date | None = None) -> Goal:
        """Record a new current value; the dated history keeps every earlier one."""
        goal = self._ctx.store.goals.get(goal_id)
        today = self._ctx.today()
        on = on or today
        if on > today:
            raise DomainError(
                f"Measured on: a value cannot be measured after today ({day_text(today)}). "
                "Record it on the day you measure it."
            )
        if goal.start is not None and on < goal.start:
            raise DomainError(f"Measured on: a value cannot be dated before the goal's start ({day_text(goal.start)})")
        history = [p for p in goal.progress if p.on != on] + [ProgressPoint(on=on, value=value)]
        history.sort(key=lambda p: p.on)
        updated = replace(goal, current=current_value(history, today), progress=history)  # validates the value
        self._ctx.store.goals.update(updated)
        return updated

    def set_status(self, goal_id: str, status: GoalStatus) -> Goal:
        goal = self._ctx.store.goals.get(goal_id)
        if status is GoalStatus.ACTIVE and not is_smart(goal, self._ctx.today()):
            raise DomainError("Only a SMART goal can be active; open it and complete what the checklist asks.")
        goal.status = status
        self._ctx.store.goals.update(goal)
        return goal

    def delete(self, goal_id: str) -> DeletedGoal:
        """Delete a goal (links from learning items and achievements are cleared)."""
        with self._ctx.store.db.transaction():
            goal = self._ctx.store.goals.get(goal_id)
            links = {
                table: [
                    row[0] for row in self._ctx.store.db.query(f"SELECT id FROM {table} WHERE goal_id = ?", (goal_id,))
                ]
                for table in GOAL_LINKS
            }
            self._ctx.store.goals.delete(goal_id)
        return DeletedGoal(goal, links)

    def restore(self, deleted: DeletedGoal) -> Goal:
        """Undo a delete: the goal comes back with its id and the links that pointed at it."""
        with self._ctx.store.db.transaction() as conn:
            self._ctx.store.goals.add(deleted.goal)
            for table, ids in deleted.links.items():
                conn.executemany(
                    f"UPDATE {table} SET goal_id = ? WHERE id = ? AND goal_id IS NULL",
                    [(deleted.goal.id, record_id) for record_id in ids],
                )
        return deleted.goal
