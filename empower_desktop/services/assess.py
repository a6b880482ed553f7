"""Step 1 use-cases for the self-assessment: skills and their rating history, strengths,
weaknesses and interests, job-satisfaction check-ins, and the career vision's versions.

Every record is built (and so checked by the domain) before anything is written; a rule that
is broken raises DomainError with a message the window shows as it is, and nothing is saved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ..domain import AssessmentEntry, CareerVision, DomainError, SatisfactionCheckIn, Skill, SkillRating
from ..domain.assess import SATISFACTION_ASPECTS, SATISFACTION_MAX, SATISFACTION_MIN, EntryKind
from ..domain.common import day_text, require_text
from .context import Context

RATING_ORDER = "rated_on, created, rowid"  # of two ratings on one day, the one entered last wins
# Ties on the same day keep the order in which things were entered (rowid grows with each insert).
ENTRY_ORDER = "position, created, rowid"
CHECKIN_ORDER = "checked_on, created, rowid"
VISION_ORDER = "revised_on DESC, created DESC, rowid DESC"
ENTRY_MAX = 1000  # as AssessmentEntry allows


@dataclass(frozen=True)
class SkillRow:
    skill: Skill
    latest: SkillRating | None
    ratings: int


@dataclass(frozen=True)
class SkillUsage:
    """What deleting a skill takes with it (its ratings) or unlinks it from (everything else)."""

    ratings: int = 0
    entries: int = 0
    goals: int = 0
    learning_items: int = 0
    achievements: int = 0

    @property
    def links(self) -> int:
        return self.entries + self.goals + self.learning_items + self.achievements


def _like(record_id: str) -> tuple[str]:
    return (f'%"{record_id}"%',)  # ids are UUIDs, stored quoted inside a JSON list


class AssessmentServices:
    """Self-assessment actions (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    # -- skills ----------------------------------------------------------------------------------
    def skill_rows(self) -> list[SkillRow]:
        """Every skill with its latest rating; of two ratings on one day, the one entered last."""
        latest: dict[str, SkillRating] = {}
        counts: dict[str, int] = {}
        for rating in self._ctx.store.skill_ratings.all(RATING_ORDER):
            latest[rating.skill_id] = rating
            counts[rating.skill_id] = counts.get(rating.skill_id, 0) + 1
        return [SkillRow(s, latest.get(s.id), counts.get(s.id, 0)) for s in self._ctx.store.skills.all()]

    def skills(self) -> list[Skill]:
        return self._ctx.store.skills.all()

    def skill(self, skill_id: str) -> Skill:
        return self._ctx.store.skills.get(skill_id)

    def _require_unique_name(self, name: str, skill_id: str | None = None) -> None:
        wanted = name.strip().casefold()
        for other_id, other_name in self._ctx.store.db.query("SELECT id, name FROM skills"):
            if other_id != skill_id and str(other_name).strip().casefold() == wanted:
                raise DomainError(f"You already have a skill called “{other_name}”")

    def add_skill(
        self,
        name: str,
        category: str = "",
        target_level: int | None = None,
        notes: str = "",
        *,
        level: int | None = None,
        on: date | None = None,
        evidence: str = "",
    ) -> Skill:
        """A new skill; with *level*, rated at once (both saved together or neither)."""
        skill = Skill(name=name.strip(), category=category.strip(), target_level=target_level, notes=notes.strip())
        rating = None
        if level is not None:
            rating = self._rating(skill.id, level, on, evidence)
        self._require_unique_name(skill.name)
        with self._ctx.store.db.transaction():
            self._ctx.store.skills.add(skill)
            if rating is not None:
                self._ctx.store.skill_ratings.add(rating)
        return skill

    def update_skill(
        self, skill_id: str, *, name: str, category: str = "", target_level: int | None = None, notes: str = ""
    ) -> Skill:
        skill = dataclasses.replace(  # replace() checks the rules again, before anything is written
            self._ctx.store.skills.get(skill_id),
            name=name.strip(),
            category=category.strip(),
            target_level=target_level,
            notes=notes.strip(),
        )
        self._require_unique_name(skill.name, skill_id)
        return self._ctx.store.skills.update(skill)

    def skill_usage(self, skill_id: str) -> SkillUsage:
        store = self._ctx.store

        def count(table: str, column: str) -> int:
            rows = store.db.query(f"SELECT count(*) FROM {table} WHERE {column} LIKE ?", _like(skill_id))
            return int(rows[0][0])

        ratings = int(store.db.query("SELECT count(*) FROM skill_ratings WHERE skill_id = ?", (skill_id,))[0][0])
        return SkillUsage(
            ratings=ratings,
            entries=count("assessment_entries", "skill_ids"),
            goals=count("goals", "required_skills"),
            learning_items=count("learning_items", "skill_ids"),
            achievements=count("achievements", "skill_ids"),
        )

    def delete_skill(self, skill_id: str) -> SkillUsage:
        """Delete a skill with its ratings, and unlink it wherever it is named; one transaction."""
        usage = self.skill_usage(skill_id)
        store = self._ctx.store
        with store.db.transaction():
            for entry in store.assessment_entries.where("skill_ids LIKE ?", _like(skill_id)):
                entry.skill_ids = [s for s in entry.skill_ids if s != skill_id]
                store.assessment_entries.update(entry)
            for goal in store.goals.where("required_skills LIKE ?", _like(skill_id)):
                goal.required_skills = [r for r in goal.required_skills if r.skill_id != skill_id]
                store.goals.update(goal)
            for item in store.learning_items.where("skill_ids LIKE ?", _like(skill_id)):
                item.skill_ids = [s for s in item.skill_ids if s != skill_id]
                store.learning_items.update(item)
            for achievement in store.achievements.where("skill_ids LIKE ?", _like(skill_id)):
                achievement.skill_ids = [s for s in achievement.skill_ids if s != skill_id]
                store.achievements.update(achievement)
            store.skills.delete(skill_id)  # its ratings go with it (ON DELETE CASCADE)
        return usage

    # -- ratings ---------------------------------------------------------------------------------
    def _rating(self, skill_id: str, level: int, on: date | None, evidence: str) -> SkillRating:
        rated_on = on or self._ctx.today()
        if rated_on > self._ctx.today():
            raise DomainError(f"A rating cannot be dated after today ({day_text(self._ctx.today())})")
        return SkillRating(skill_id=skill_id, rated_on=rated_on, level=level, evidence=evidence.strip())

    def rate_skill(self, skill_id: str, level: int, on: date | None = None, evidence: str = "") -> SkillRating:
        """Add a dated rating; earlier ratings stay as the skill's history."""
        rating = self._rating(skill_id, level, on, evidence)
        self._ctx.store.skills.get(skill_id)  # a skill deleted meanwhile is a NotFoundError, not a dangling rating
        return self._ctx.store.skill_ratings.add(rating)

    def skill_history(self, skill_id: str) -> list[SkillRating]:
        """A skill's ratings, oldest first."""
        return self._ctx.store.skill_ratings.where("skill_id = ?", (skill_id,), RATING_ORDER)

    def skill_histories(self) -> dict[str, list[SkillRating]]:
        """Every skill's ratings, oldest first, in one read (what the skills section shows)."""
        histories: dict[str, list[SkillRating]] = {}
        for rating in self._ctx.store.skill_ratings.all(RATING_ORDER):
            histories.setdefault(rating.skill_id, []).append(rating)
        return histories

    def delete_rating(self, rating_id: str) -> None:
        """Remove one rating entered by mistake; the others stay."""
        self._ctx.store.skill_ratings.delete(rating_id)

    # -- strengths, weaknesses, interests --------------------------------------------------------
    def entries(self, kind: EntryKind | str) -> list[AssessmentEntry]:
        """The entries of one kind in the person's order."""
        return self._ctx.store.assessment_entries.where("kind = ?", (EntryKind(kind).value,), ENTRY_ORDER)

    def _known_skills(self, skill_ids: Iterable[str]) -> list[str]:
        """The ids that name a skill, once each, in the order given (a skill deleted meanwhile drops out)."""
        known = {row[0] for row in self._ctx.store.db.query("SELECT id FROM skills")}
        return list(dict.fromkeys(s for s in skill_ids if s in known))

    @staticmethod
    def _check_entry_text(kind: EntryKind | str, text: str) -> None:
        """The domain's rule, worded with the right article ("An interest cannot be empty")."""
        noun = EntryKind(kind).value
        require_text(text, f"{'An' if noun[0] in 'aeiou' else 'A'} {noun}", max_len=ENTRY_MAX)

    def add_entry(self, kind: EntryKind | str, text: str, skill_ids: Iterable[str] = ()) -> AssessmentEntry:
        """A new entry at the end of its list."""
        self._check_entry_text(kind, text)
        entry = AssessmentEntry(kind=EntryKind(kind), text=text.strip(), skill_ids=self._known_skills(skill_ids))
        with self._ctx.store.db.transaction():
            rows = self._ctx.store.db.query(
                "SELECT max(position) FROM assessment_entries WHERE kind = ?", (entry.kind.value,)
            )
            entry.position = 0 if rows[0][0] is None else int(rows[0][0]) + 1
            self._ctx.store.assessment_entries.add(entry)
        return entry

    def update_entry(self, entry_id: str, text: str, skill_ids: Iterable[str] | None = None) -> AssessmentEntry:
        current = self._ctx.store.assessment_entries.get(entry_id)
        self._check_entry_text(current.kind, text)
        linked = current.skill_ids if skill_ids is None else self._known_skills(skill_ids)
        entry = dataclasses.replace(current, text=text.strip(), skill_ids=linked)
        return self._ctx.store.assessment_entries.update(entry)

    def set_entry_skills(self, entry_id: str, skill_ids: Iterable[str]) -> AssessmentEntry:
        entry = self._ctx.store.assessment_entries.get(entry_id)
        entry.skill_ids = self._known_skills(skill_ids)
        return self._ctx.store.assessment_entries.update(entry)

    def delete_entry(self, entry_id: str) -> None:
        self._ctx.store.assessment_entries.delete(entry_id)

    def move_entry(self, entry_id: str, step: int) -> bool:
        """Move an entry up (step -1) or down (+1) its list; False when it is already at that end.

        The whole list is renumbered in one transaction, so equal or gapped positions (from an
        older version or a backup) still move as the person sees them.
        """
        entry = self._ctx.store.assessment_entries.get(entry_id)
        with self._ctx.store.db.transaction():
            ordered = self.entries(entry.kind)
            index = next(i for i, e in enumerate(ordered) if e.id == entry_id)
            target = index + (1 if step > 0 else -1)
            if not 0 <= target < len(ordered):
                return False
            ordered[index], ordered[target] = ordered[target], ordered[index]
            for position, item in enumerate(ordered):
                if item.position != position:
                    item.position = position
                    self._ctx.store.assessment_entries.update(item)
        return True

    # -- job satisfaction ------------------------------------------------------------------------
    def add_checkin(
        self,
        overall: int | None,
        aspects: Mapping[str, int | None] | None = None,
        note: str = "",
        on: date | None = None,
    ) -> SatisfactionCheckIn:
        """A dated check-in; aspects given as None were not scored this time."""
        if overall is None:
            raise DomainError(f"Give an overall score from {SATISFACTION_MIN} to {SATISFACTION_MAX}")
        scored = {name: score for name, score in (aspects or {}).items() if score is not None}
        unknown = sorted(set(scored) - set(SATISFACTION_ASPECTS))
        if unknown:
            raise DomainError(f"Unknown satisfaction aspect: {', '.join(unknown)}")
        checked_on = on or self._ctx.today()
        if checked_on > self._ctx.today():
            raise DomainError(f"A check-in cannot be dated after today ({day_text(self._ctx.today())})")
        checkin = SatisfactionCheckIn(
            checked_on=checked_on,
            overall=overall,
            aspects={name: scored[name] for name in SATISFACTION_ASPECTS if name in scored},
            note=note.strip(),
        )
        return self._ctx.store.satisfaction.add(checkin)

    def checkins(self) -> list[SatisfactionCheckIn]:
        """Every check-in, oldest first."""
        return self._ctx.store.satisfaction.all(CHECKIN_ORDER)

    def delete_checkin(self, checkin_id: str) -> None:
        self._ctx.store.satisfaction.delete(checkin_id)

    # -- career vision ---------------------------------------------------------------------------
    def current_vision(self) -> CareerVision | None:
        history = self._ctx.store.visions.all(VISION_ORDER)
        return history[0] if history else None

    def vision_history(self) -> list[CareerVision]:
        """Every version of the vision, newest first."""
        return self._ctx.store.visions.all(VISION_ORDER)

    def save_vision(
        self,
        one_year: str,
        three_years: str,
        five_years: str,
        success_means: str,
        on: date | None = None,
    ) -> CareerVision | None:
        """A new version of the vision (the earlier ones are kept), or None when nothing changed."""
        texts = (one_year.strip(), three_years.strip(), five_years.strip(), success_means.strip())
        vision = CareerVision(
            revised_on=on or self._ctx.today(),
            one_year=texts[0],
            three_years=texts[1],
            five_years=texts[2],
            success_means=texts[3],
        )
        current = self.current_vision()
        if current is None:
            if not any(texts):
                return None
        elif texts == (current.one_year, current.three_years, current.five_years, current.success_means):
            return None
        return self._ctx.store.visions.add(vision)
