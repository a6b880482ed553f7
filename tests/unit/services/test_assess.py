"""Self-assessment use-cases against a real SQLite store: skills and their history, entries and
their order, satisfaction check-ins, and the career vision's versions."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from empower_desktop.domain import DomainError
from empower_desktop.domain.assess import SATISFACTION_ASPECTS, EntryKind, Goal, RequiredSkill
from empower_desktop.services import Services
from empower_desktop.store.repositories import NotFoundError

from ...conftest import FIXED_NOW, TODAY

# -- skills ---------------------------------------------------------------------------------------


def test_add_skill_with_a_first_rating_saves_both(services: Services) -> None:
    skill = services.add_skill("  Python ", "Engineering", 5, "daily", level=3, evidence="shipped two services")
    assert skill.name == "Python"
    [row] = services.skill_rows()
    assert row.skill.id == skill.id and row.ratings == 1
    assert row.latest is not None and row.latest.level == 3 and row.latest.rated_on == TODAY
    assert row.latest.evidence == "shipped two services"


def test_rating_again_keeps_the_history_oldest_first(services: Services) -> None:
    skill = services.add_skill("SQL")
    services.rate_skill(skill.id, 4, on=TODAY, evidence="designed the schema")
    services.rate_skill(skill.id, 2, on=TODAY - timedelta(days=90))
    services.rate_skill(skill.id, 5, on=TODAY, evidence="entered last")  # the same day: order of entry
    history = services.skill_history(skill.id)
    assert [(r.rated_on, r.level) for r in history] == [
        (TODAY - timedelta(days=90), 2),
        (TODAY, 4),
        (TODAY, 5),
    ]
    [row] = services.skill_rows()
    assert row.ratings == 3 and row.latest is not None and row.latest.level == 5
    assert services.skill_histories() == {skill.id: history}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": ""}, "A skill's name cannot be empty"),
        ({"name": "   "}, "A skill's name cannot be empty"),
        ({"name": "x" * 10_000}, r"A skill's name is too long \(10,000 characters; at most 120\)"),
        ({"name": "Go", "target_level": 6}, "A target level must be between 1 and 5"),
        ({"name": "Go", "level": 0}, "A rating must be between 1 and 5"),
        ({"name": "Go", "notes": "n" * 20_001}, "Notes is too long"),
    ],
)
def test_a_bad_skill_is_refused_and_nothing_is_saved(
    services: Services, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        services.add_skill(**kwargs)  # type: ignore[arg-type]
    assert services.store.skills.count() == 0
    assert services.store.skill_ratings.count() == 0


def test_skill_names_are_unique_whatever_their_case(services: Services) -> None:
    services.add_skill("Public speaking")
    other = services.add_skill("Writing")
    with pytest.raises(DomainError, match="already have a skill called “Public speaking”"):
        services.add_skill("public SPEAKING ")
    with pytest.raises(DomainError, match="already have"):
        services.update_skill(other.id, name="Public Speaking")
    services.update_skill(other.id, name="WRITING")  # its own name in another case is fine
    assert services.skill(other.id).name == "WRITING"


def test_update_skill_checks_the_rules_before_writing(services: Services) -> None:
    skill = services.add_skill("Rust", "Engineering", 3)
    with pytest.raises(DomainError, match="cannot be empty"):
        services.update_skill(skill.id, name=" ", category="Other")
    assert services.skill(skill.id).category == "Engineering"
    services.update_skill(skill.id, name="Rust", category="Systems", target_level=None, notes="async")
    stored = services.skill(skill.id)
    assert (stored.category, stored.target_level, stored.notes) == ("Systems", None, "async")


def test_a_rating_is_checked_and_cannot_be_in_the_future(services: Services) -> None:
    skill = services.add_skill("Kubernetes")
    for level in (0, 6):
        with pytest.raises(DomainError, match="between 1 and 5"):
            services.rate_skill(skill.id, level)
    with pytest.raises(DomainError, match="future"):
        services.rate_skill(skill.id, 3, on=TODAY + timedelta(days=1))
    with pytest.raises(DomainError, match="Evidence is too long"):
        services.rate_skill(skill.id, 3, evidence="e" * 20_001)
    assert services.skill_history(skill.id) == []
    with pytest.raises(NotFoundError):
        services.rate_skill("no-such-skill", 3)


def test_delete_skill_takes_its_ratings_and_unlinks_it_everywhere(services: Services) -> None:
    python = services.add_skill("Python", level=3)
    services.rate_skill(python.id, 4)
    sql = services.add_skill("SQL")
    entry = services.add_entry(EntryKind.STRENGTH, "Data modelling", [python.id, sql.id])
    goal = Goal(
        title="Staff engineer",
        required_skills=[
            RequiredSkill(skill_id=python.id, target_level=5),
            RequiredSkill(skill_id=sql.id, target_level=4),
        ],
    )
    services.store.goals.add(goal)

    assert services.skill_usage(python.id).ratings == 2
    usage = services.delete_skill(python.id)

    assert (usage.ratings, usage.entries, usage.goals, usage.links) == (2, 1, 1, 2)
    assert [s.name for s in services.skills()] == ["SQL"]
    assert services.store.skill_ratings.count() == 0
    assert services.store.assessment_entries.get(entry.id).skill_ids == [sql.id]
    assert [r.skill_id for r in services.store.goals.get(goal.id).required_skills] == [sql.id]


def test_delete_one_rating_keeps_the_others(services: Services) -> None:
    skill = services.add_skill("Negotiation", level=2)
    second = services.rate_skill(skill.id, 3)
    services.delete_rating(second.id)
    assert [r.level for r in services.skill_history(skill.id)] == [2]


def test_skill_rows_over_the_example_data(demo_services: Services) -> None:
    rows = demo_services.skill_rows()
    histories = demo_services.skill_histories()
    for row in rows:
        history = histories[row.skill.id]
        assert row.ratings == len(history) >= 2
        assert row.latest == history[-1]
        assert [r.rated_on for r in history] == sorted(r.rated_on for r in history)


# -- strengths, weaknesses, interests --------------------------------------------------------------


def test_entries_are_added_at_the_end_of_their_own_list(services: Services) -> None:
    first = services.add_entry(EntryKind.STRENGTH, "Calm in incidents")
    services.add_entry(EntryKind.WEAKNESS, "Says yes too often")
    second = services.add_entry("strength", "Explains simply")
    assert [e.text for e in services.entries(EntryKind.STRENGTH)] == ["Calm in incidents", "Explains simply"]
    assert (first.position, second.position) == (0, 1)
    assert [e.text for e in services.entries(EntryKind.WEAKNESS)] == ["Says yes too often"]
    assert services.entries(EntryKind.INTEREST) == []


def test_move_entry_swaps_with_its_neighbour_and_stops_at_the_ends(services: Services) -> None:
    a, b, c = (services.add_entry(EntryKind.INTEREST, text) for text in "ABC")
    assert services.move_entry(c.id, -1)
    assert [e.text for e in services.entries(EntryKind.INTEREST)] == ["A", "C", "B"]
    assert services.move_entry(a.id, +1)
    assert [e.text for e in services.entries(EntryKind.INTEREST)] == ["C", "A", "B"]
    assert not services.move_entry(services.entries(EntryKind.INTEREST)[0].id, -1)
    assert not services.move_entry(b.id, +1)
    assert [e.position for e in services.entries(EntryKind.INTEREST)] == [0, 1, 2]


def test_move_entry_works_when_positions_are_equal(services: Services) -> None:
    entries = [services.add_entry(EntryKind.STRENGTH, text) for text in "XYZ"]
    for entry in entries:  # as an older version or a hand-made backup might leave them
        entry.position = 7
        services.store.assessment_entries.update(entry)
    assert services.move_entry(entries[2].id, -1)
    assert [e.text for e in services.entries(EntryKind.STRENGTH)] == ["X", "Z", "Y"]


def test_entry_text_and_links_are_checked(services: Services) -> None:
    skill = services.add_skill("Python")
    with pytest.raises(DomainError, match="A strength cannot be empty"):
        services.add_entry(EntryKind.STRENGTH, "  ")
    with pytest.raises(DomainError, match="An interest cannot be empty"):
        services.add_entry(EntryKind.INTEREST, "")
    with pytest.raises(DomainError, match=r"A weakness is too long \(10,000 characters; at most 1,000\)"):
        services.add_entry(EntryKind.WEAKNESS, "w" * 10_000)
    assert services.store.assessment_entries.count() == 0
    entry = services.add_entry(EntryKind.STRENGTH, "Python", [skill.id, "deleted-meanwhile", skill.id])
    assert entry.skill_ids == [skill.id]
    with pytest.raises(DomainError, match="cannot be empty"):
        services.update_entry(entry.id, "")
    assert services.store.assessment_entries.get(entry.id).text == "Python"
    services.update_entry(entry.id, "Deep Python")
    stored = services.store.assessment_entries.get(entry.id)
    assert stored.text == "Deep Python" and stored.skill_ids == [skill.id]  # links kept when not given
    services.set_entry_skills(entry.id, [])
    assert services.store.assessment_entries.get(entry.id).skill_ids == []
    services.delete_entry(entry.id)
    assert services.entries(EntryKind.STRENGTH) == []


# -- satisfaction ----------------------------------------------------------------------------------


def test_checkins_are_kept_oldest_first_with_their_aspects(services: Services) -> None:
    services.add_checkin(7, {"growth": 6, "team": None}, "fine", on=TODAY)
    services.add_checkin(4, {a: 5 for a in SATISFACTION_ASPECTS}, on=TODAY - timedelta(days=30))
    checkins = services.checkins()
    assert [(c.checked_on, c.overall) for c in checkins] == [(TODAY - timedelta(days=30), 4), (TODAY, 7)]
    assert checkins[1].aspects == {"growth": 6}  # not scored this time: not stored
    assert list(checkins[0].aspects) == list(SATISFACTION_ASPECTS)
    services.delete_checkin(checkins[0].id)
    assert len(services.checkins()) == 1


@pytest.mark.parametrize(
    ("overall", "aspects", "on", "message"),
    [
        (None, {}, None, "Give an overall score from 1 to 10"),
        (11, {}, None, "Overall satisfaction must be between 1 and 10"),
        (0, {}, None, "Overall satisfaction must be between 1 and 10"),
        (5, {"growth": 12}, None, "Satisfaction with growth must be between 1 and 10"),
        (5, {"salary": 3}, None, "Unknown satisfaction aspect: salary"),
        (5, {}, TODAY + timedelta(days=1), "cannot be dated in the future"),
    ],
)
def test_a_bad_checkin_is_refused(
    services: Services, overall: int | None, aspects: dict[str, int | None], on: object, message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        services.add_checkin(overall, aspects, on=on)  # type: ignore[arg-type]
    assert services.checkins() == []


# -- career vision ---------------------------------------------------------------------------------


def test_each_save_of_the_vision_is_a_new_version_and_the_old_ones_stay(services: Services) -> None:
    assert services.current_vision() is None
    assert services.save_vision("", " ", "", "") is None  # nothing written yet: nothing to save
    first = services.save_vision("Senior", "Lead", "Manager", "Calm team", on=TODAY - timedelta(days=100))
    assert first is not None
    assert services.save_vision("Senior ", "Lead", "Manager", "Calm team") is None  # unchanged
    second = services.save_vision("Staff", "Principal", "Director", "Calm team")
    assert second is not None and second.revised_on == TODAY
    history = services.vision_history()
    assert [v.id for v in history] == [second.id, first.id]  # newest first
    assert services.current_vision() == second
    assert history[1].one_year == "Senior"


def test_a_vision_that_is_too_long_is_refused(services: Services) -> None:
    with pytest.raises(DomainError, match=r"In 3 years is too long \(20,001 characters; at most 20,000\)"):
        services.save_vision("ok", "x" * 20_001, "", "")
    assert services.vision_history() == []


def test_what_was_saved_is_there_after_reopening(services: Services, tmp_path: Path) -> None:
    skill = services.add_skill("Python", level=2, on=TODAY - timedelta(days=10))
    services.rate_skill(skill.id, 3)
    services.add_entry(EntryKind.INTEREST, "Platforms", [skill.id])
    services.add_checkin(8, {"team": 9})
    services.save_vision("Staff", "", "", "Freedom")
    data_dir = services.data_dir
    services.close()

    reopened = Services.open(data_dir, clock=lambda: FIXED_NOW)
    try:
        assert [r.level for r in reopened.skill_history(skill.id)] == [2, 3]
        assert reopened.entries(EntryKind.INTEREST)[0].skill_ids == [skill.id]
        assert reopened.checkins()[0].aspects == {"team": 9}
        vision = reopened.current_vision()
        assert vision is not None and vision.success_means == "Freedom"
    finally:
        reopened.close()
