"""A backup written before schema 7 restores in today's form, as the schema upgrade turns a database of
that time: each review is a weekly one with nothing of the guided pages yet (the new fields take their
defaults), and a completed review is dated as finished on the last day of its period, so the next review
starts the day after it. A damaged one is refused with a clear message and changes nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from empower_desktop.domain import Review
from empower_desktop.domain.review import ReviewKind
from empower_desktop.services import Services
from empower_desktop.store import BackupError
from empower_desktop.store.backup import parse_backup
from empower_desktop.store.migrations import LATEST_VERSION

from .old_backups import STAMP, assert_restores_alike, backup_document, dump, goal_record, records_of, write

GOAL = "00000006-0000-4000-8000-000000000001"
DONE_REVIEW = "00000016-0000-4000-8000-000000000001"
OPEN_REVIEW = "00000016-0000-4000-8000-000000000002"


def review(ident: str, start: str, end: str, *, completed: bool, **fields: Any) -> dict[str, Any]:
    """A review as the app of schema 6 wrote it: what was done, slipped and to adapt, and completed."""
    return {
        "id": ident,
        "created": STAMP,
        "updated": STAMP,
        "period_start": start,
        "period_end": end,
        "done": "",
        "slipped": "",
        "adapt": "",
        "goal_ids_adjusted": [],
        "completed": completed,
        **fields,
    }


def schema6_document() -> dict[str, Any]:
    """A backup as write_backup wrote it at schema 6: every table, reviews without the ritual's fields."""
    records = records_of()
    records["goals"] = [goal_record(GOAL, "Give a talk at PyCon DE")]
    records["reviews"] = [
        review(
            DONE_REVIEW,
            "2026-05-01",
            "2026-05-31",
            completed=True,
            done="RFC accepted",
            slipped="The speaking workshop is not booked yet",
            adapt="Book the workshop before July",
            goal_ids_adjusted=[GOAL],
        ),
        review(OPEN_REVIEW, "2026-06-01", "2026-06-14", completed=False, done="Half-way"),
    ]
    return backup_document(6, records, **{"review.cadence_weeks": 2})


def test_a_schema_6_backup_restores_its_reviews_with_the_ritual_fields_at_their_defaults(
    services: Services, tmp_path: Path
) -> None:
    counts = services.data.restore(write(schema6_document(), tmp_path / "before-7.json"))
    assert counts["reviews"] == 2 and counts["goals"] == 1

    store = services.store
    done = store.reviews.get(DONE_REVIEW)
    assert (done.period_start, done.period_end, done.completed) == (date(2026, 5, 1), date(2026, 5, 31), True)
    assert (done.done, done.slipped, done.adapt, done.goal_ids_adjusted) == (
        "RFC accepted",
        "The speaking workshop is not booked yet",
        "Book the workshop before July",
        [GOAL],
    )
    assert done.finished_on == date(2026, 5, 31)  # as migration 7 dates it: the last day of its period
    half_way = store.reviews.get(OPEN_REVIEW)
    assert (half_way.completed, half_way.finished_on, half_way.done) == (False, None, "Half-way")
    for restored in (done, half_way):
        assert (restored.kind, restored.page, restored.rerated_skill_ids, restored.goal_decisions) == (
            ReviewKind.WEEKLY,
            "",
            [],
            [],
        )
        assert (restored.learned, restored.focus, restored.last_focus_kept) == ("", "", None)
        assert (restored.satisfaction_id, restored.vision_seen) == (None, False)
    assert services.settings.review_cadence_weeks == 2

    # The restored reviews behave as today's: the one left half-way is resumed, and in the history the
    # finished one comes after it.
    assert services.review.start(ReviewKind.WEEKLY).id == OPEN_REVIEW
    assert [row.review.id for row in services.review.history()] == [OPEN_REVIEW, DONE_REVIEW]
    services.review.finish(store.reviews.get(OPEN_REVIEW))
    # A backup of it now is in today's form and restores as it is.
    again = tmp_path / "today.json"
    services.data.backup(again)
    doc = json.loads(again.read_text(encoding="utf-8"))
    assert doc["schema_version"] == LATEST_VERSION
    assert {row["id"]: row["finished_on"] for row in doc["records"]["reviews"]} == {
        DONE_REVIEW: "2026-05-31",
        OPEN_REVIEW: "2026-06-15",
    }
    assert_restores_alike(services, again, tmp_path / "other")


def test_a_completed_review_of_today_keeps_the_day_it_was_finished(tmp_path: Path) -> None:
    """Only the backups of before are dated by their period: a review of today keeps its own day."""
    doc = schema6_document()
    doc["schema_version"] = LATEST_VERSION
    doc["records"]["reviews"][0] |= {"kind": "quarterly", "finished_on": "2026-06-03"}
    [done, _] = parse_backup(doc, "today.json").records["reviews"]
    assert isinstance(done, Review)
    assert (done.kind, done.finished_on) == (ReviewKind.QUARTERLY, date(2026, 6, 3))


def test_reading_the_old_backup_leaves_the_document_as_it_was() -> None:
    doc = schema6_document()
    text = json.dumps(doc)
    reviews = parse_backup(doc, "before-7.json").records["reviews"]
    assert [r.finished_on for r in reviews if isinstance(r, Review)] == [date(2026, 5, 31), None]
    assert json.dumps(doc) == text  # the old rows are read in today's form, not changed in place


def damaged(case: str) -> tuple[dict[str, Any], str]:
    """A schema 6 backup damaged as *case* says, and what the refusal says."""
    doc = schema6_document()
    reviews = doc["records"]["reviews"]
    if case == "period backwards":
        reviews[0]["period_end"] = "2026-04-01"
        return doc, r"reviews #1 \(id '00000016-0000-4000-8000-000000000001'\) is invalid"
    if case == "not a day":
        reviews[1]["period_end"] = "mid-June"
        return doc, r"reviews #2 .* is invalid"
    if case == "review is not a record":
        reviews[1] = "Half-way"
        return doc, r"reviews #2 .* is invalid"
    assert case == "reviews missing"
    del doc["records"]["reviews"]
    return doc, "is incomplete: no reviews"


@pytest.mark.parametrize("case", ["period backwards", "not a day", "review is not a record", "reviews missing"])
def test_a_damaged_schema_6_backup_is_refused_and_changes_nothing(
    demo_services: Services, tmp_path: Path, case: str
) -> None:
    before = dump(demo_services)
    doc, message = damaged(case)
    with pytest.raises(BackupError, match=message) as caught:
        demo_services.data.restore(write(doc, tmp_path / "damaged.json"))
    assert "Traceback" not in str(caught.value)
    assert dump(demo_services) == before
