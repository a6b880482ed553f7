"""Step 1 use-cases for SMART goals: save with checks, progress with history, archive, delete
and undo."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..domain import Goal
from ..domain.assess import GoalStatus, ProgressPoint
from ..domain.common import DomainError
from ..domain.goals import SmartLetter, is_smart, smart_check
from .core import CoreServices, GoalRow

# Records that point at a goal and lose the link when it is deleted (ON DELETE SET NULL).
GOAL_LINKS = ("learning_items", "initiatives", "achievements")


@dataclass(frozen=True)
class DeletedGoal:
    """Everything needed to undo a delete: the goal and the records that linked to it."""

    goal: Goal
    links: dict[str, list[str]]  # table -> ids whose goal_id pointed at the goal


class GoalServices(CoreServices):
    """Goal actions (see the module docstring)."""

    def goal_rows(self, include_archived: bool = False) -> list[GoalRow]:
        rows = super().goal_rows()
        if include_archived:
            today = self.today()
            archived = self.store.goals.where("status = ?", (GoalStatus.ARCHIVED.value,))
            rows += [self._row(g, today) for g in archived]
        return rows

    def smart_check(self, goal: Goal) -> list[SmartLetter]:
        return smart_check(goal, self.today())

    def save_goal(self, goal: Goal, *, activate: bool) -> Goal:
        """Save a goal: as active when *activate* (it must be SMART), else as a draft.

        An achieved or dropped goal keeps its status. Raises DomainError saying why a goal
        cannot be activated.
        """
        if goal.status in (GoalStatus.DRAFT, GoalStatus.ACTIVE):
            if activate:
                failing = [s for s in self.smart_check(goal) if not s.ok]
                if failing:
                    reasons = "; ".join(f"{s.name}: {s.reason}" for s in failing)
                    raise DomainError(f"Only a SMART goal can be activated ({reasons}). Save it as a draft instead.")
                goal.status = GoalStatus.ACTIVE
            else:
                goal.status = GoalStatus.DRAFT
        saved = self.save(goal)
        assert isinstance(saved, Goal)
        return saved

    def update_progress(self, goal_id: str, value: float, on: date | None = None) -> Goal:
        """Record a new current value; the dated history keeps every earlier one."""
        goal = self.store.goals.get(goal_id)
        on = on or self.today()
        if goal.start is not None and on < goal.start:
            raise DomainError(f"A measurement cannot be dated before the goal's start ({goal.start.isoformat()})")
        history = [p for p in goal.progress if p.on != on] + [ProgressPoint(on=on, value=value)]
        history.sort(key=lambda p: p.on)
        updated = replace(goal, current=history[-1].value, progress=history)  # validates the value
        self.store.goals.update(updated)
        return updated

    def set_goal_status(self, goal_id: str, status: GoalStatus) -> Goal:
        goal = self.store.goals.get(goal_id)
        if status is GoalStatus.ACTIVE and not is_smart(goal, self.today()):
            raise DomainError("Only a SMART goal can be active; open it and complete what the checklist asks.")
        goal.status = status
        self.store.goals.update(goal)
        return goal

    def delete_goal(self, goal_id: str) -> DeletedGoal:
        """Delete a goal (links from learning items, initiatives, achievements are cleared)."""
        with self.store.db.transaction():
            goal = self.store.goals.get(goal_id)
            links = {
                table: [row[0] for row in self.store.db.query(f"SELECT id FROM {table} WHERE goal_id = ?", (goal_id,))]
                for table in GOAL_LINKS
            }
            self.store.goals.delete(goal_id)
        return DeletedGoal(goal, links)

    def restore_goal(self, deleted: DeletedGoal) -> Goal:
        """Undo a delete: the goal comes back with its id and the links that pointed at it."""
        with self.store.db.transaction() as conn:
            self.store.goals.add(deleted.goal)
            for table, ids in deleted.links.items():
                conn.executemany(
                    f"UPDATE {table} SET goal_id = ? WHERE id = ? AND goal_id IS NULL",
                    [(deleted.goal.id, record_id) for record_id in ids],
                )
        return deleted.goal
