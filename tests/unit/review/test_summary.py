from __future__ import annotations

from datetime import date, datetime, timedelta

from empower_desktop.domain import LearningSession, ZonedDateTime
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


def test_the_learning_lines_count_as_the_dashboard_and_the_sessions_view_count(demo_services: Services) -> None:
    """One definition: hours planned and logged and sessions not logged over the last 4 weeks and
    today are the dashboard's figures for those days (and so the Sessions view's count)."""
    first, today = date(2026, 5, 18), date(2026, 6, 15)
    item = demo_services.store.learning_items.all()[0]
    later = ZonedDateTime.at(datetime(2026, 6, 15, 19, 0), "Europe/Berlin")  # still ahead today: planned
    demo_services.learning.save_session(LearningSession(item_id=item.id, start=later, end=later + timedelta(hours=2)))
    figure = demo_services.dashboard.hours(first, today)
    text = demo_services.review.text()
    assert f"LEARNING, LAST 4 WEEKS (18 May 2026 to 15 Jun 2026)\n  {figure.logged:.1f} h logged of " in text
    assert f" of {figure.planned:.1f} h planned\n" in text
    assert figure.not_logged and f"  {figure.not_logged} past sessions not logged yet" in text
    assert len(demo_services.dashboard.not_logged(first, today + timedelta(days=1))) == figure.not_logged
