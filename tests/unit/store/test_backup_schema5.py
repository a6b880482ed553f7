"""A backup written before schema 6 restores in today's form, as the schema upgrade turns a database
of that time: an initiative's one goal becomes its list of goals, what step 4 added to initiatives,
achievements and conversation preps starts empty, and there are no opportunities and no suggestion
marks (the backup has no lists of them). A damaged one is refused with a clear message and changes
nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from empower_desktop.domain import Initiative
from empower_desktop.domain.advocate import InitiativeStatus, Visibility
from empower_desktop.services import Services
from empower_desktop.store import BackupError
from empower_desktop.store.backup import parse_backup
from empower_desktop.store.migrations import LATEST_VERSION
from empower_desktop.sync.mapping import Reminders, items_from_store, uid_for

from .old_backups import STAMP, assert_restores_alike, backup_document, dump, goal_record, records_of, write

GOAL = "00000006-0000-4000-8000-000000000001"
LINKED, UNLINKED = "00000013-0000-4000-8000-000000000001", "00000013-0000-4000-8000-000000000002"
ACHIEVEMENT = "00000014-0000-4000-8000-000000000001"
PREP = "00000015-0000-4000-8000-000000000001"
NEW_IN_6 = ("opportunities", "suggestion_marks")


def initiative(ident: str, title: str, goal_id: str | None, **fields: Any) -> dict[str, Any]:
    """An initiative as the app of schema 5 wrote it: one goal_id, no pipeline fields."""
    return {
        "id": ident,
        "created": STAMP,
        "updated": STAMP,
        "kind": "volunteered_project",
        "title": title,
        "description": "",
        "status": "in_progress",
        "started_on": "2026-04-01",
        "follow_up_on": None,
        "goal_id": goal_id,
        **fields,
    }


def schema5_document() -> dict[str, Any]:
    """A backup as write_backup wrote it at schema 5: no opportunities or suggestion marks lists."""
    records = records_of(without=NEW_IN_6)
    records["goals"] = [
        goal_record(
            GOAL, "Become tech lead of the platform team", start="2026-01-01", deadline="2026-12-31", status="active"
        )
    ]
    records["initiatives"] = [
        initiative(LINKED, "Move CI to the new runners", GOAL, follow_up_on="2026-07-01"),
        initiative(UNLINKED, "Runbooks next to the code", None),
    ]
    records["achievements"] = [
        {
            "id": ACHIEVEMENT,
            "created": STAMP,
            "updated": STAMP,
            "title": "Cut CI time from 25 to 9 minutes",
            "achieved_on": "2026-05-28",
            "impact": "Every team ships faster",
            "metric": "-64% build time",
            "skill_ids": [],
            "goal_id": GOAL,
            "initiative_id": LINKED,
        }
    ]
    records["conversation_preps"] = [
        {
            "id": PREP,
            "created": STAMP,
            "updated": STAMP,
            "title": "Tech lead conversation",
            "audience": "manager",
            "planned_on": "2026-07-08",
            "ask": "The tech lead role from September",
            "talking_points": ["CI migration"],
            "achievement_ids": [ACHIEVEMENT],
            "outcome": "",
        }
    ]
    return backup_document(5, records)


def test_a_schema_5_backup_restores_with_a_list_of_goals_and_empty_new_tables(
    services: Services, tmp_path: Path
) -> None:
    counts = services.data.restore(write(schema5_document(), tmp_path / "before-6.json"))
    assert counts["initiatives"] == 2 and counts["achievements"] == 1 and counts["conversation_preps"] == 1
    assert all(counts[table] == 0 for table in NEW_IN_6)

    store = services.store
    linked, unlinked = store.initiatives.get(LINKED), store.initiatives.get(UNLINKED)
    assert (linked.goal_ids, unlinked.goal_ids) == ([GOAL], [])
    assert (linked.status, linked.follow_up_on) == (InitiativeStatus.IN_PROGRESS, date(2026, 7, 1))
    assert (linked.proposed_to, linked.case_made, linked.outcome, linked.skill_ids) == ("", "", "", [])
    assert (linked.proposed_on, linked.decided_on, linked.delivered_on) == (None, None, None)
    achievement = store.achievements.get(ACHIEVEMENT)
    assert (achievement.impact, achievement.metric, achievement.goal_id) == (
        "Every team ships faster",
        "-64% build time",
        GOAL,
    )
    assert (achievement.impact_value, achievement.impact_unit, achievement.evidence_link) == (None, "", "")
    assert (achievement.visibility, achievement.source) == (Visibility.SHAREABLE, "")
    prep = store.conversations.get(PREP)
    assert (prep.ask, prep.achievement_ids) == ("The tech lead role from September", [ACHIEVEMENT])
    assert (prep.period_start, prep.period_end, prep.follow_ups, prep.excluded_ids) == (None, None, [], [])
    assert store.opportunities.all() == [] and store.suggestion_marks.all() == []

    # The restored data behaves as today's: the initiative's follow-up goes to the calendar, and a backup
    # of it now is in today's form (the list of goals, no old field) and restores as it is.
    uids = {item.uid for item in items_from_store(store, Reminders())}
    assert uid_for("followup", LINKED) in uids
    again = tmp_path / "today.json"
    services.data.backup(again)
    doc = json.loads(again.read_text(encoding="utf-8"))
    assert doc["schema_version"] == LATEST_VERSION
    assert [(row["goal_ids"], "goal_id" in row) for row in doc["records"]["initiatives"]] == [
        ([GOAL], False),
        ([], False),
    ]
    assert_restores_alike(services, again, tmp_path / "other")


def test_reading_the_old_backup_leaves_the_document_as_it_was() -> None:
    doc = schema5_document()
    text = json.dumps(doc)
    contents = parse_backup(doc, "before-6.json")
    initiatives = contents.records["initiatives"]
    assert all(isinstance(i, Initiative) for i in initiatives)
    assert [i.goal_ids for i in initiatives if isinstance(i, Initiative)] == [[GOAL], []]
    assert json.dumps(doc) == text  # the old rows are read in today's form, not changed in place


def damaged(case: str) -> tuple[dict[str, Any], str]:
    """A schema 5 backup damaged as *case* says, and what the refusal says."""
    doc = schema5_document()
    records = doc["records"]
    if case == "goal is not an id":
        records["initiatives"][0]["goal_id"] = 42
        return doc, r"initiatives #1 \(id '00000013-0000-4000-8000-000000000001'\) is invalid"
    if case == "initiative is not a record":
        records["initiatives"][1] = "Runbooks next to the code"
        return doc, r"initiatives #2 .* is invalid"
    if case == "unknown stage":
        records["initiatives"][0]["status"] = "shipped"
        return doc, r"initiatives #1 .* is invalid"
    if case == "initiatives not a list":
        records["initiatives"] = {"0": records["initiatives"][0]}
        return doc, "'initiatives' must be a list"
    if case == "initiatives missing":
        del records["initiatives"]
        return doc, "incomplete: no initiatives"
    if case == "new table not a list":
        records["opportunities"] = {}
        return doc, "'opportunities' must be a list"
    if case == "achievement of a missing initiative":
        records["achievements"][0]["initiative_id"] = "00000013-0000-4000-8000-000000000009"
        return doc, "achievements record points to a initiatives record that is not in the backup"
    raise AssertionError(case)


CASES = [
    "goal is not an id",
    "initiative is not a record",
    "unknown stage",
    "initiatives not a list",
    "initiatives missing",
    "new table not a list",
    "achievement of a missing initiative",
]


@pytest.mark.parametrize("case", CASES)
def test_a_damaged_schema_5_backup_is_refused_with_a_clear_message_and_changes_nothing(
    services: Services, tmp_path: Path, case: str
) -> None:
    services.data.restore(write(schema5_document(), tmp_path / "good.json"))  # data that must stay as it is
    before = dump(services)
    doc, message = damaged(case)
    with pytest.raises(BackupError, match=message) as refused:
        services.data.restore(write(doc, tmp_path / "bad.json"))
    assert "Traceback" not in str(refused.value) and "Error" not in str(refused.value)
    assert dump(services) == before


def test_a_schema_5_backup_cut_short_is_refused_and_changes_nothing(services: Services, tmp_path: Path) -> None:
    services.data.restore(write(schema5_document(), tmp_path / "good.json"))
    before = dump(services)
    text = json.dumps(schema5_document())
    cut = tmp_path / "cut.json"
    cut.write_text(text[: len(text) * 2 // 3], encoding="utf-8")
    with pytest.raises(BackupError, match="cut off"):
        services.data.restore(cut)
    assert dump(services) == before


def test_the_old_field_is_not_taken_in_a_backup_of_today() -> None:
    """Only a backup that says it is older is read the old way: today's backup with an initiative's
    one goal_id is damaged, and refused."""
    doc = schema5_document()
    doc["schema_version"] = 6
    doc["records"].update({table: [] for table in NEW_IN_6})
    with pytest.raises(BackupError, match="goal_id"):
        parse_backup(doc, "today.json")


def test_events_in_a_schema_5_backup_are_not_proposed_as_achievements_after_a_restore(
    services: Services, tmp_path: Path
) -> None:
    """As the upgrade of a data folder does: an old backup's goal achieved, milestone done and
    initiative delivered are old news, marked "before", never offered as achievements to log."""
    doc = schema5_document()
    goal = doc["records"]["goals"][0]
    goal["status"] = "achieved"
    goal["milestones"] = [{"title": "Lead the CI migration", "due": "2026-06-30", "done": True, "id": "m-1"}]
    doc["records"]["initiatives"][1]["status"] = "done"
    services.data.restore(write(doc, tmp_path / "before-6.json"))

    marks = services.store.suggestion_marks.all()
    assert sorted(m.key for m in marks) == sorted(
        [f"goal-achieved:{GOAL}", f"milestone:{GOAL}:m-1", f"initiative-delivered:{UNLINKED}"]
    )
    assert services.advocacy.suggestions() == []


def test_a_backup_naming_one_event_twice_is_refused_and_changes_nothing(services: Services, tmp_path: Path) -> None:
    doc = schema5_document()
    doc["schema_version"] = LATEST_VERSION
    for row in doc["records"]["initiatives"]:
        row["goal_ids"] = [row.pop("goal_id")] if row["goal_id"] else []
        row.pop("goal_id", None)
    mark = {"created": STAMP, "updated": STAMP, "key": f"goal-achieved:{GOAL}", "decision": "dismissed"}
    doc["records"]["opportunities"] = []
    doc["records"]["suggestion_marks"] = [{"id": "a", **mark}, {"id": "b", **mark}]
    before = dump(services)
    with pytest.raises(BackupError, match="twice"):
        services.data.restore(write(doc, tmp_path / "twice.json"))
    assert dump(services) == before
