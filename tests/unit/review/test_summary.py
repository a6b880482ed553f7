from __future__ import annotations

from empower_desktop.services import Services


def test_review_groups_goals_by_track_and_explains_drafts(demo_services: Services) -> None:
    text = demo_services.review.text()
    assert text.startswith("Goal review — 15 June 2026")
    assert "4 active goals" in text and "1 draft," in text
    drafts = text.split("DRAFTS — NOT SMART YET (1)")[1]
    assert "Get better at negotiation — " in drafts and "Time-bound: no deadline" in drafts
    assert "ACHIEVED (1)\n  • Mentor two junior engineers" in text
    assert "LEARNING, LAST 4 WEEKS" in text and "h logged of" in text


def test_review_of_an_empty_record_says_where_to_start(services: Services) -> None:
    assert "No goals yet. Start with step 1" in services.review.text()
