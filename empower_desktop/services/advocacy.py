"""Step 4: initiatives through their pipeline, opportunities with a next step, the achievement log
(with achievements proposed when something worth logging happens), and conversation preps.

Every change checks its record and writes in one transaction: a broken rule raises DomainError
with a message the window shows as it is, and nothing is saved half-way. Deleting returns what is
needed to restore it (undo).

Suggestions: the app proposes an achievement when a goal is achieved, a milestone is done, a
certification is earned or an initiative is delivered. Each event has a key
("goal-achieved:<goal id>", "milestone:<goal id>:<milestone id>", "certification:<item id>",
"initiative-delivered:<initiative id>"); once the person accepts or dismisses it, a
SuggestionMark with that key is stored and the event is never proposed again.

The document for a conversation is gathered here from the record of its period and laid out by
`brag` (see there).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from ..domain import Achievement, ConversationPrep, Goal, Initiative, Opportunity, SuggestionMark
from ..domain.advocate import (
    STAGES,
    Audience,
    InitiativeStatus,
    OpportunityStatus,
    SuggestionDecision,
    Visibility,
    certification_key,
    goal_achieved_key,
    initiative_delivered_key,
    is_earned_certification,
    milestone_key,
)
from ..domain.assess import GoalStatus
from ..domain.common import DomainError, day_text
from ..domain.goals import Track, progress_fraction, track
from ..domain.learn import LearningStatus
from ..domain.learning_plan import hours_logged_between
from .brag import BragDocument, GoalLine, LearningLine, SkillLine, order_achievements
from .context import Context


@dataclass(frozen=True)
class InitiativeRow:
    initiative: Initiative
    goal_titles: list[str]  # of the linked goals that still exist, in the order linked
    skill_names: list[str]


@dataclass(frozen=True)
class AchievementRow:
    achievement: Achievement
    goal_title: str  # "" when none (or deleted)
    initiative_title: str
    skill_names: list[str]


@dataclass(frozen=True)
class OpportunityRow:
    opportunity: Opportunity
    goal_titles: list[str]


@dataclass(frozen=True)
class Suggestion:
    """An achievement the app proposes; `draft` is unsaved, ready for the editor."""

    key: str
    reason: str  # e.g. "Goal achieved: Give two conference talks"
    draft: Achievement


@dataclass(frozen=True)
class DeletedInitiative:
    initiative: Initiative
    achievement_ids: list[str]  # achievements that pointed at it (their link comes back on undo)


TITLES = {
    Audience.MANAGER: "Conversation with my manager",
    Audience.SKIP_LEVEL: "Conversation with my skip-level manager",
    Audience.HR: "Conversation with HR",
    Audience.MENTOR: "Conversation with my mentor",
}


class AdvocacyServices:
    """Initiatives, opportunities, achievements and conversations (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    # -- reading (the page's worker thread calls these) -------------------------------------------
    def _goal_titles(self) -> dict[str, str]:
        return {row[0]: row[1] for row in self._ctx.store.db.query("SELECT id, title FROM goals")}

    def _skill_names(self) -> dict[str, str]:
        return {row[0]: row[1] for row in self._ctx.store.db.query("SELECT id, name FROM skills")}

    def _initiative_titles(self) -> dict[str, str]:
        return {row[0]: row[1] for row in self._ctx.store.db.query("SELECT id, title FROM initiatives")}

    def initiatives(self) -> list[Initiative]:
        return self._ctx.store.initiatives.all()

    def initiative(self, initiative_id: str) -> Initiative:
        return self._ctx.store.initiatives.get(initiative_id)

    def initiative_rows(self) -> list[InitiativeRow]:
        """Every initiative, grouped by stage in `STAGES` order, newest first within a stage."""
        goals, skills = self._goal_titles(), self._skill_names()
        newest_first = sorted(self.initiatives(), key=lambda i: i.created, reverse=True)
        ordered = sorted(newest_first, key=lambda i: STAGES.index(i.status))
        return [
            InitiativeRow(
                i, [goals[g] for g in i.goal_ids if g in goals], [skills[s] for s in i.skill_ids if s in skills]
            )
            for i in ordered
        ]

    def achievements(self) -> list[Achievement]:
        return self._ctx.store.achievements.all()

    def achievement(self, achievement_id: str) -> Achievement:
        return self._ctx.store.achievements.get(achievement_id)

    def achievement_rows(self) -> list[AchievementRow]:
        """Every achievement, the newest first."""
        goals, skills, initiatives = self._goal_titles(), self._skill_names(), self._initiative_titles()
        ordered = sorted(self.achievements(), key=lambda a: (a.achieved_on, a.created), reverse=True)
        return [
            AchievementRow(
                a,
                goals.get(a.goal_id or "", ""),
                initiatives.get(a.initiative_id or "", ""),
                [skills[s] for s in a.skill_ids if s in skills],
            )
            for a in ordered
        ]

    def opportunities(self) -> list[Opportunity]:
        return self._ctx.store.opportunities.all()

    def opportunity(self, opportunity_id: str) -> Opportunity:
        return self._ctx.store.opportunities.get(opportunity_id)

    def opportunity_rows(self) -> list[OpportunityRow]:
        """Open ones first (by next step's day, none last), then won, missed, dropped."""
        goals = self._goal_titles()
        order = list(OpportunityStatus)
        ordered = sorted(
            self.opportunities(),
            key=lambda o: (
                order.index(o.status),
                o.next_step_on is None,
                o.next_step_on or date.min,
                o.title.casefold(),
            ),
        )
        return [OpportunityRow(o, [goals[g] for g in o.goal_ids if g in goals]) for o in ordered]

    def conversations(self) -> list[ConversationPrep]:
        return self._ctx.store.conversations.all()

    def conversation(self, prep_id: str) -> ConversationPrep:
        return self._ctx.store.conversations.get(prep_id)

    # -- initiatives ------------------------------------------------------------------------------
    def _stamp(self, initiative: Initiative, status: InitiativeStatus) -> None:
        today = self._ctx.today()
        if status is InitiativeStatus.PROPOSED and initiative.proposed_on is None:
            initiative.proposed_on = today
        elif status in (InitiativeStatus.ACCEPTED, InitiativeStatus.DECLINED) and initiative.decided_on is None:
            initiative.decided_on = max(today, initiative.proposed_on or today)
        elif status is InitiativeStatus.IN_PROGRESS and initiative.started_on is None:
            initiative.started_on = today
        elif status is InitiativeStatus.DONE and initiative.delivered_on is None:
            initiative.delivered_on = max(today, initiative.started_on or today)

    def save_initiative(self, initiative: Initiative) -> Initiative:
        """Add or update. A new one without `started_on` gets today. Stage dates are filled as in
        `set_stage` when the status was changed in the editor."""
        store = self._ctx.store
        initiative.validate()
        old = store.initiatives.find(initiative.id)
        if old is None and initiative.started_on is None:
            today = self._ctx.today()
            initiative.started_on = min(today, initiative.delivered_on) if initiative.delivered_on else today
        if old is None or old.status is not initiative.status:
            self._stamp(initiative, initiative.status)
            initiative.validate()
        return store.initiatives.update(initiative) if old is not None else store.initiatives.add(initiative)

    def set_stage(self, initiative_id: str, status: InitiativeStatus) -> Initiative:
        """Move an initiative to a stage (any stage: the window offers next, back and declined).
        Reaching "proposed" sets `proposed_on`, "accepted"/"declined" `decided_on`, "in progress"
        `started_on` (if unset), "delivered" `delivered_on`, each to today unless already set."""
        store = self._ctx.store
        initiative = store.initiatives.get(initiative_id)
        initiative.status = InitiativeStatus(status)
        self._stamp(initiative, initiative.status)
        initiative.validate()
        return store.initiatives.update(initiative)

    def delete_initiative(self, initiative_id: str) -> DeletedInitiative:
        store = self._ctx.store
        with store.db.transaction():
            initiative = store.initiatives.get(initiative_id)
            linked = [
                row[0]
                for row in store.db.query("SELECT id FROM achievements WHERE initiative_id = ?", (initiative_id,))
            ]
            store.initiatives.delete(initiative_id)  # the achievements lose the link (ON DELETE SET NULL)
        return DeletedInitiative(initiative, linked)

    def restore_initiative(self, deleted: DeletedInitiative) -> Initiative:
        store = self._ctx.store
        with store.db.transaction() as conn:
            store.initiatives.add(deleted.initiative)
            conn.executemany(
                "UPDATE achievements SET initiative_id = ? WHERE id = ? AND initiative_id IS NULL",
                [(deleted.initiative.id, a) for a in deleted.achievement_ids],
            )
        return deleted.initiative

    # -- opportunities ----------------------------------------------------------------------------
    def save_opportunity(self, opportunity: Opportunity) -> Opportunity:
        opportunity.validate()
        saved = self._ctx.save(opportunity)
        assert isinstance(saved, Opportunity)
        return saved

    def delete_opportunity(self, opportunity_id: str) -> Opportunity:
        store = self._ctx.store
        opportunity = store.opportunities.get(opportunity_id)
        store.opportunities.delete(opportunity_id)
        return opportunity

    def restore_opportunity(self, opportunity: Opportunity) -> Opportunity:
        return self._ctx.store.opportunities.add(opportunity)

    # -- achievements -----------------------------------------------------------------------------
    def _mark(self, key: str, decision: SuggestionDecision) -> None:
        marks = self._ctx.store.suggestion_marks
        found = marks.where("key = ?", (key,))
        if found:
            found[0].decision = decision
            marks.update(found[0])
        else:
            marks.add(SuggestionMark(key=key, decision=decision))

    def save_achievement(self, achievement: Achievement) -> Achievement:
        """Add or update. One with a `source` (accepted from a suggestion) also stores the
        suggestion's mark as accepted, in the same transaction."""
        achievement.validate()
        store = self._ctx.store
        with store.db.transaction():
            if achievement.initiative_id is not None:
                store.initiatives.get(achievement.initiative_id)  # deleted meanwhile: NotFoundError
            saved = self._ctx.save(achievement)
            if achievement.source:
                self._mark(achievement.source, SuggestionDecision.ACCEPTED)
        assert isinstance(saved, Achievement)
        return saved

    def delete_achievement(self, achievement_id: str) -> Achievement:
        """Its suggestion, if it came from one, stays decided: deleting does not ask again."""
        store = self._ctx.store
        achievement = store.achievements.get(achievement_id)
        store.achievements.delete(achievement_id)
        return achievement

    def restore_achievement(self, achievement: Achievement) -> Achievement:
        store = self._ctx.store
        with store.db.transaction():
            if achievement.goal_id is not None and store.goals.find(achievement.goal_id) is None:
                achievement = dataclasses.replace(achievement, goal_id=None)
            if achievement.initiative_id is not None and store.initiatives.find(achievement.initiative_id) is None:
                achievement = dataclasses.replace(achievement, initiative_id=None)
            return store.achievements.add(achievement)

    # -- suggestions ------------------------------------------------------------------------------
    def suggestions(self) -> list[Suggestion]:
        """The events not yet decided, the most recent first. Each draft is dated the day of the
        event where it is known (a certification's `earned_on`, an initiative's `delivered_on`),
        else today; linked to the goal / initiative / the item's skills; titled from the event
        ("Achieved: <goal>", "Milestone reached: <milestone> (<goal>)", "Earned the
        <certification> certification", "Delivered: <initiative>")."""
        store = self._ctx.store
        today = self._ctx.today()
        decided = {row[0] for row in store.db.query("SELECT key FROM suggestion_marks")}
        found: list[Suggestion] = []

        def offer(key: str, reason: str, draft: Achievement) -> None:
            if key not in decided:
                found.append(Suggestion(key, reason, draft))

        for goal in store.goals.all():
            skill_ids = [r.skill_id for r in goal.required_skills]
            if goal.status is GoalStatus.ACHIEVED:
                title = f"Achieved: {goal.title}"
                offer(
                    goal_achieved_key(goal.id),
                    f"Goal achieved: {goal.title}",
                    Achievement(
                        title=title[:200],
                        achieved_on=today,
                        goal_id=goal.id,
                        skill_ids=skill_ids,
                        source=goal_achieved_key(goal.id),
                    ),
                )
            for milestone in goal.milestones:
                if milestone.done:
                    key = milestone_key(goal.id, milestone.id)
                    title = f"Milestone reached: {milestone.title} ({goal.title})"
                    offer(
                        key,
                        f"Milestone reached: {milestone.title}",
                        Achievement(
                            title=title[:200],
                            achieved_on=min(milestone.due or today, today),
                            goal_id=goal.id,
                            skill_ids=skill_ids,
                            source=key,
                        ),
                    )
        for item in store.learning_items.all():
            if is_earned_certification(item):
                assert item.earned_on is not None
                key = certification_key(item.id)
                offer(
                    key,
                    f"Certification earned: {item.title}",
                    Achievement(
                        title=f"Earned the {item.title} certification"[:200],
                        achieved_on=item.earned_on,
                        goal_id=item.goal_id,
                        skill_ids=list(item.skill_ids),
                        source=key,
                    ),
                )
        goal_ids = {row[0] for row in store.db.query("SELECT id FROM goals")}
        for initiative in store.initiatives.all():
            if initiative.status is InitiativeStatus.DONE:
                key = initiative_delivered_key(initiative.id)
                goal_id = next((g for g in initiative.goal_ids if g in goal_ids), None)
                offer(
                    key,
                    f"Initiative delivered: {initiative.title}",
                    Achievement(
                        title=f"Delivered: {initiative.title}"[:200],
                        achieved_on=initiative.delivered_on or today,
                        initiative_id=initiative.id,
                        goal_id=goal_id,
                        skill_ids=list(initiative.skill_ids),
                        impact=initiative.outcome,
                        source=key,
                    ),
                )
        return sorted(found, key=lambda s: s.draft.achieved_on, reverse=True)

    def dismiss_suggestion(self, key: str) -> None:
        """Never propose this event again."""
        self._mark(key, SuggestionDecision.DISMISSED)

    def undismiss_suggestion(self, key: str) -> None:
        """Undo of dismiss: the mark goes, the suggestion is back."""
        with self._ctx.store.db.transaction() as conn:
            conn.execute(
                "DELETE FROM suggestion_marks WHERE key = ? AND decision = ?", (key, SuggestionDecision.DISMISSED.value)
            )

    # -- conversations ----------------------------------------------------------------------------
    def new_conversation(self, audience: Audience, start: date, end: date, title: str = "") -> ConversationPrep:
        """An unsaved prep for the period (DomainError when end is before start); the title
        defaults to e.g. "Conversation with my manager"."""
        audience = Audience(audience)
        if end < start:
            raise DomainError(
                f"The period ends ({day_text(end)}) before it starts ({day_text(start)}). "
                "Choose an end on or after the start."
            )
        prep = ConversationPrep(
            title=title.strip() or TITLES[audience], audience=audience, period_start=start, period_end=end
        )
        prep.validate()
        return prep

    def save_conversation(self, prep: ConversationPrep) -> ConversationPrep:
        prep.validate()
        saved = self._ctx.save(prep)
        assert isinstance(saved, ConversationPrep)
        return saved

    def delete_conversation(self, prep_id: str) -> ConversationPrep:
        store = self._ctx.store
        prep = store.conversations.get(prep_id)
        store.conversations.delete(prep_id)
        return prep

    def restore_conversation(self, prep: ConversationPrep) -> ConversationPrep:
        return self._ctx.store.conversations.add(prep)

    def set_follow_up_done(self, prep_id: str, follow_up_id: str, done: bool) -> ConversationPrep:
        store = self._ctx.store
        prep = store.conversations.get(prep_id)
        for follow_up in prep.follow_ups:
            if follow_up.id == follow_up_id:
                follow_up.done = done
                return store.conversations.update(prep)
        raise DomainError("That follow-up is no longer there; it may have been edited elsewhere.")

    def document(self, prep: ConversationPrep, *, for_other: bool) -> BragDocument:
        """The document for a prep (saved or not) as it stands: `for_other` leaves every private
        achievement out (even one chosen); otherwise private ones are in only where chosen
        (`prep.achievement_ids`). Items in `prep.excluded_ids` are left out."""
        store = self._ctx.store
        start, end = prep.period
        excluded = set(prep.excluded_ids)
        chosen = set(prep.achievement_ids)
        achievements = [
            a
            for a in store.achievements.all()
            if start <= a.achieved_on <= end
            and a.id not in excluded
            and (a.visibility is Visibility.SHAREABLE or (not for_other and a.id in chosen))
        ]
        initiatives = sorted(
            (
                i
                for i in store.initiatives.all()
                if i.status is InitiativeStatus.DONE
                and i.id not in excluded
                and start <= (i.delivered_on or i.updated.date()) <= end
            ),
            key=lambda i: i.delivered_on or i.updated.date(),
            reverse=True,
        )
        return BragDocument(
            title=prep.title,
            audience=prep.audience,
            period_start=start,
            period_end=end,
            for_other=for_other,
            achievements=order_achievements(achievements),
            initiatives=initiatives,
            goals=[g for g in self._goal_lines(start, end) if g.goal_id not in excluded],
            learning=self._learning_lines(start, end),
            hours_logged=hours_logged_between(
                store.learning_sessions.all(), store.occurrence_logs.all(), start, end, self._ctx.time_zone()
            ),
            skills=self._skill_lines(start, end),
            talking_points=[p for p in prep.talking_points if p.strip()],
            aspirations=prep.aspirations,
            needs=prep.needs,
            asks=prep.ask,
            goal_titles=self._goal_titles(),
            initiative_titles=self._initiative_titles(),
            skill_names=self._skill_names(),
        )

    def _goal_lines(self, start: date, end: date) -> list[GoalLine]:
        """The goals worked on in the period: active ones and those achieved, with the progress
        measured on or before the period's start and its end."""
        today = self._ctx.today()
        lines = []
        for goal in sorted(self._ctx.store.goals.all(), key=lambda g: (g.deadline or date.max, g.title.casefold())):
            if goal.status not in (GoalStatus.ACTIVE, GoalStatus.ACHIEVED):
                continue
            if goal.start is not None and goal.start > end:
                continue

            def at(day: date, goal: Goal = goal) -> float | None:
                if day >= today:
                    return progress_fraction(goal)
                points = [p for p in goal.progress if p.on <= day]
                if not points:
                    return None
                return progress_fraction(dataclasses.replace(goal, current=max(points, key=lambda p: p.on).value))

            lines.append(
                GoalLine(goal.id, goal.title, at(end), at(start), self._track_at(goal, end, today), goal.deadline)
            )
        return lines

    @staticmethod
    def _track_at(goal: Goal, day: date, today: date) -> Track:
        """Where the goal stood on *day*: as measured by then (a goal achieved since still counts as
        under way then, unless its target was already reached)."""
        if day >= today:
            return track(goal, today)
        points = [p for p in goal.progress if p.on <= day]
        if not points:
            return Track.NOT_MEASURED
        status = GoalStatus.ACTIVE if goal.status is GoalStatus.ACHIEVED else goal.status
        then = dataclasses.replace(goal, current=max(points, key=lambda p: p.on).value, status=status)
        return track(then, day)

    def _learning_lines(self, start: date, end: date) -> list[LearningLine]:
        lines = []
        for item in self._ctx.store.learning_items.all():
            finished = item.earned_on if is_earned_certification(item) else None
            if finished is None and item.status is LearningStatus.DONE:
                finished = item.finish
            if finished is not None and start <= finished <= end:
                lines.append(LearningLine(item.title, item.kind.label, finished))
        return sorted(lines, key=lambda line: line.finished_on or date.min, reverse=True)

    def _skill_lines(self, start: date, end: date) -> list[SkillLine]:
        by_skill: dict[str, list[tuple[date, int]]] = {}
        for rating in self._ctx.store.skill_ratings.all():
            by_skill.setdefault(rating.skill_id, []).append((rating.rated_on, rating.level))
        names = self._skill_names()
        lines = []
        for skill_id, ratings in by_skill.items():
            ratings.sort()
            before = [level for day, level in ratings if day <= start]
            after = [level for day, level in ratings if day <= end]
            if before and after and after[-1] > before[-1] and skill_id in names:
                lines.append(SkillLine(names[skill_id], before[-1], after[-1]))
        return sorted(lines, key=lambda line: (-(line.after - (line.before or 0)), line.name.casefold()))

    def brag(
        self, start: date, end: date, audience: Audience = Audience.MANAGER, include_private: bool = False
    ) -> BragDocument:
        """What `empower-desktop brag` writes: the document for the period with nothing excluded,
        no written sections, private achievements in only with `include_private`. The same as
        `document(new_conversation(audience, start, end), ...)` with every private one chosen
        when `include_private`, so the window and the command line write the same text."""
        prep = self.new_conversation(audience, start, end)
        if include_private:
            prep.achievement_ids = [a.id for a in self.achievements() if a.private]
        return self.document(prep, for_other=not include_private)
