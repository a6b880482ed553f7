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
    skill = services.assessment.add_skill(
        "  Python ", "Engineering", 5, "daily", level=3, evidence="shipped two services"
    )
    assert skill.name == "Python"
    [row] = services.assessment.skill_rows()
    assert row.skill.id == skill.id and row.ratings == 1
    assert row.latest is not None and row.latest.level == 3 and row.latest.rated_on == TODAY
    assert row.latest.evidence == "shipped two services"


def test_rating_again_keeps_the_history_oldest_first(services: Services) -> None:
    skill = services.assessment.add_skill("SQL")
    services.assessment.rate_skill(skill.id, 4, on=TODAY, evidence="designed the schema")
    services.assessment.rate_skill(skill.id, 2, on=TODAY - timedelta(days=90))
    services.assessment.rate_skill(skill.id, 5, on=TODAY, evidence="entered last")  # the same day: order of entry
    history = services.assessment.skill_history(skill.id)
    assert [(r.rated_on, r.level) for r in history] == [
        (TODAY - timedelta(days=90), 2),
        (TODAY, 4),
        (TODAY, 5),
    ]
    [row] = services.assessment.skill_rows()
    assert row.ratings == 3 and row.latest is not None and row.latest.level == 5
    assert services.assessment.skill_histories() == {skill.id: history}


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
        services.assessment.add_skill(**kwargs)  # type: ignore[arg-type]
    assert services.store.skills.count() == 0
    assert services.store.skill_ratings.count() == 0


def test_skill_names_are_unique_whatever_their_case(services: Services) -> None:
    services.assessment.add_skill("Public speaking")
    other = services.assessment.add_skill("Writing")
    with pytest.raises(DomainError, match="already have a skill called “Public speaking”"):
        services.assessment.add_skill("public SPEAKING ")
    with pytest.raises(DomainError, match="already have"):
        services.assessment.update_skill(other.id, name="Public Speaking")
    services.assessment.update_skill(other.id, name="WRITING")  # its own name in another case is fine
    assert services.assessment.skill(other.id).name == "WRITING"


def test_update_skill_checks_the_rules_before_writing(services: Services) -> None:
    skill = services.assessment.add_skill("Rust", "Engineering", 3)
    with pytest.raises(DomainError, match="cannot be empty"):
        services.assessment.update_skill(skill.id, name=" ", category="Other")
    assert services.assessment.skill(skill.id).category == "Engineering"
    services.assessment.update_skill(skill.id, name="Rust", category="Systems", target_level=None, notes="async")
    stored = services.assessment.skill(skill.id)
    assert (stored.category, stored.target_level, stored.notes) == ("Systems", None, "async")


def test_a_rating_is_checked_and_cannot_be_in_the_future(services: Services) -> None:
    skill = services.assessment.add_skill("Kubernetes")
    for level in (0, 6):
        with pytest.raises(DomainError, match="between 1 and 5"):
            services.assessment.rate_skill(skill.id, level)
    with pytest.raises(DomainError, match="after today"):
        services.assessment.rate_skill(skill.id, 3, on=TODAY + timedelta(days=1))
    with pytest.raises(DomainError, match="Evidence is too long"):
        services.assessment.rate_skill(skill.id, 3, evidence="e" * 20_001)
    assert services.assessment.skill_history(skill.id) == []
    with pytest.raises(NotFoundError):
        services.assessment.rate_skill("no-such-skill", 3)


def test_delete_skill_takes_its_ratings_and_unlinks_it_everywhere(services: Services) -> None:
    python = services.assessment.add_skill("Python", level=3)
    services.assessment.rate_skill(python.id, 4)
    sql = services.assessment.add_skill("SQL")
    entry = services.assessment.add_entry(EntryKind.STRENGTH, "Data modelling", [python.id, sql.id])
    goal = Goal(
        title="Staff engineer",
        required_skills=[
            RequiredSkill(skill_id=python.id, target_level=5),
            RequiredSkill(skill_id=sql.id, target_level=4),
        ],
    )
    services.store.goals.add(goal)

    assert services.assessment.skill_usage(python.id).ratings == 2
    usage = services.assessment.delete_skill(python.id)

    assert (usage.ratings, usage.entries, usage.goals, usage.links) == (2, 1, 1, 2)
    assert [s.name for s in services.assessment.skills()] == ["SQL"]
    assert services.store.skill_ratings.count() == 0
    assert services.store.assessment_entries.get(entry.id).skill_ids == [sql.id]
    assert [r.skill_id for r in services.store.goals.get(goal.id).required_skills] == [sql.id]


def test_delete_one_rating_keeps_the_others(services: Services) -> None:
    skill = services.assessment.add_skill("Negotiation", level=2)
    second = services.assessment.rate_skill(skill.id, 3)
    services.assessment.delete_rating(second.id)
    assert [r.level for r in services.assessment.skill_history(skill.id)] == [2]


def test_skill_rows_over_the_example_data(demo_services: Services) -> None:
    rows = demo_services.assessment.skill_rows()
    histories = demo_services.assessment.skill_histories()
    for row in rows:
        history = histories[row.skill.id]
        assert row.ratings == len(history) >= 2
        assert row.latest == history[-1]
        assert [r.rated_on for r in history] == sorted(r.rated_on for r in history)


# -- strengths, weaknesses, interests --------------------------------------------------------------


def test_entries_are_added_at_the_end_of_their_own_list(services: Services) -> None:
    first = services.assessment.add_entry(EntryKind.STRENGTH, "Calm in incidents")
    services.assessment.add_entry(EntryKind.WEAKNESS, "Says yes too often")
    second = services.assessment.add_entry("strength", "Explains simply")
    assert [e.text for e in services.assessment.entries(EntryKind.STRENGTH)] == ["Calm in incidents", "Explains simply"]
    assert (first.position, second.position) == (0, 1)
    assert [e.text for e in services.assessment.entries(EntryKind.WEAKNESS)] == ["Says yes too often"]
    assert services.assessment.entries(EntryKind.INTEREST) == []


def test_move_entry_swaps_with_its_neighbour_and_stops_at_the_ends(services: Services) -> None:
    a, b, c = (services.assessment.add_entry(EntryKind.INTEREST, text) for text in "ABC")
    assert services.assessment.move_entry(c.id, -1)
    assert [e.text for e in services.assessment.entries(EntryKind.INTEREST)] == ["A", "C", "B"]
    assert services.assessment.move_entry(a.id, +1)
    assert [e.text for e in services.assessment.entries(EntryKind.INTEREST)] == ["C", "A", "B"]
    assert not services.assessment.move_entry(services.assessment.entries(EntryKind.INTEREST)[0].id, -1)
    assert not services.assessment.move_entry(b.id, +1)
    assert [e.position for e in services.assessment.entries(EntryKind.INTEREST)] == [0, 1, 2]


def test_move_entry_works_when_positions_are_equal(services: Services) -> None:
    entries = [services.assessment.add_entry(EntryKind.STRENGTH, text) for text in "XYZ"]
    for entry in entries:  # as an older version or a hand-made backup might leave them
        entry.position = 7
        services.store.assessment_entries.update(entry)
    assert services.assessment.move_entry(entries[2].id, -1)
    assert [e.text for e in services.assessment.entries(EntryKind.STRENGTH)] == ["X", "Z", "Y"]


def test_entry_text_and_links_are_checked(services: Services) -> None:
    skill = services.assessment.add_skill("Python")
    with pytest.raises(DomainError, match="A strength cannot be empty"):
        services.assessment.add_entry(EntryKind.STRENGTH, "  ")
    with pytest.raises(DomainError, match="An interest cannot be empty"):
        services.assessment.add_entry(EntryKind.INTEREST, "")
    with pytest.raises(DomainError, match=r"A weakness is too long \(10,000 characters; at most 1,000\)"):
        services.assessment.add_entry(EntryKind.WEAKNESS, "w" * 10_000)
    assert services.store.assessment_entries.count() == 0
    entry = services.assessment.add_entry(EntryKind.STRENGTH, "Python", [skill.id, "deleted-meanwhile", skill.id])
    assert entry.skill_ids == [skill.id]
    with pytest.raises(DomainError, match="cannot be empty"):
        services.assessment.update_entry(entry.id, "")
    assert services.store.assessment_entries.get(entry.id).text == "Python"
    services.assessment.update_entry(entry.id, "Deep Python")
    stored = services.store.assessment_entries.get(entry.id)
    assert stored.text == "Deep Python" and stored.skill_ids == [skill.id]  # links kept when not given
    services.assessment.set_entry_skills(entry.id, [])
    assert services.store.assessment_entries.get(entry.id).skill_ids == []
    services.assessment.delete_entry(entry.id)
    assert services.assessment.entries(EntryKind.STRENGTH) == []


# -- satisfaction ----------------------------------------------------------------------------------


def test_checkins_are_kept_oldest_first_with_their_aspects(services: Services) -> None:
    services.assessment.add_checkin(7, {"growth": 6, "team": None}, "fine", on=TODAY)
    services.assessment.add_checkin(4, {a: 5 for a in SATISFACTION_ASPECTS}, on=TODAY - timedelta(days=30))
    checkins = services.assessment.checkins()
    assert [(c.checked_on, c.overall) for c in checkins] == [(TODAY - timedelta(days=30), 4), (TODAY, 7)]
    assert checkins[1].aspects == {"growth": 6}  # not scored this time: not stored
    assert list(checkins[0].aspects) == list(SATISFACTION_ASPECTS)
    services.assessment.delete_checkin(checkins[0].id)
    assert len(services.assessment.checkins()) == 1


@pytest.mark.parametrize(
    ("overall", "aspects", "on", "message"),
    [
        (None, {}, None, "Give an overall score from 1 to 10"),
        (11, {}, None, "Overall satisfaction must be between 1 and 10"),
        (0, {}, None, "Overall satisfaction must be between 1 and 10"),
        (5, {"growth": 12}, None, "Satisfaction with growth must be between 1 and 10"),
        (5, {"salary": 3}, None, "Unknown satisfaction aspect: salary"),
        (5, {}, TODAY + timedelta(days=1), "cannot be dated after today"),
    ],
)
def test_a_bad_checkin_is_refused(
    services: Services, overall: int | None, aspects: dict[str, int | None], on: object, message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        services.assessment.add_checkin(overall, aspects, on=on)  # type: ignore[arg-type]
    assert services.assessment.checkins() == []


# -- career vision ---------------------------------------------------------------------------------


def test_each_save_of_the_vision_is_a_new_version_and_the_old_ones_stay(services: Services) -> None:
    assert services.assessment.current_vision() is None
    assert services.assessment.save_vision("", " ", "", "") is None  # nothing written yet: nothing to save
    first = services.assessment.save_vision("Senior", "Lead", "Manager", "Calm team", on=TODAY - timedelta(days=100))
    assert first is not None
    assert services.assessment.save_vision("Senior ", "Lead", "Manager", "Calm team") is None  # unchanged
    second = services.assessment.save_vision("Staff", "Principal", "Director", "Calm team")
    assert second is not None and second.revised_on == TODAY
    history = services.assessment.vision_history()
    assert [v.id for v in history] == [second.id, first.id]  # newest first
    assert services.assessment.current_vision() == second
    assert history[1].one_year == "Senior"


def test_a_vision_that_is_too_long_is_refused(services: Services) -> None:
    with pytest.raises(DomainError, match=r"In 3 years is too long \(20,001 characters; at most 20,000\)"):
        services.assessment.save_vision("ok", "x" * 20_001, "", "")
    assert services.assessment.vision_history() == []


def test_what_was_saved_is_there_after_reopening(services: Services, tmp_path: Path) -> None:
    skill = services.assessment.add_skill("Python", level=2, on=TODAY - timedelta(days=10))
    services.assessment.rate_skill(skill.id, 3)
    services.assessment.add_entry(EntryKind.INTEREST, "Platforms", [skill.id])
    services.assessment.add_checkin(8, {"team": 9})
    services.assessment.save_vision("Staff", "", "", "Freedom")
    data_dir = services.data_dir
    services.close()

    reopened = Services.open(data_dir, clock=lambda: FIXED_NOW)
    try:
        assert [r.level for r in reopened.assessment.skill_history(skill.id)] == [2, 3]
        assert reopened.assessment.entries(EntryKind.INTEREST)[0].skill_ids == [skill.id]
        assert reopened.assessment.checkins()[0].aspects == {"team": 9}
        vision = reopened.assessment.current_vision()
        assert vision is not None and vision.success_means == "Freedom"
    finally:
        reopened.close()
