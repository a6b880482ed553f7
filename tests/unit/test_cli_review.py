"""`empower-desktop review [--week | --quarter] [--json]`: the dashboard's figures in the terminal,
plain text for a person and JSON with stable fields for a script."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from empower_desktop.cli import main
from empower_desktop.demo import populate
from empower_desktop.domain.common import day_text
from empower_desktop.domain.learning_plan import monday_of
from empower_desktop.services import Services
from empower_desktop.services.dashboard import quarter_of

ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder holding the example data, as of the day the command runs."""
    folder = tmp_path / "data"
    services = Services.open(folder)
    try:
        services.settings.set("general.time_zone", "Europe/Berlin")
        populate(services.store, services.today(), tz="Europe/Berlin")
    finally:
        services.close()
    return folder


def review(folder: Path, capsys: pytest.CaptureFixture[str], *more: str) -> str:
    assert main(["--data-dir", str(folder), "review", *more]) == 0
    return capsys.readouterr().out


def today_of(folder: Path) -> date:
    services = Services.open(folder)
    try:
        return services.today()
    finally:
        services.close()


def test_the_text_gives_every_figure_in_plain_words(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = review(data, capsys)
    today = today_of(data)
    monday = monday_of(today)
    assert text.startswith(f"Goal review — {today.day} {today:%B %Y}")
    assert "4 active goals (1 off track, 1 at risk, 2 on track)" in text
    assert "OFF TRACK (1)" in text and "    why: " in text and "% behind the expected " in text
    assert "DRAFTS — NOT SMART YET (1)" in text
    assert f"LEARNING THIS WEEK ({day_text(monday)} to {day_text(monday + timedelta(days=6))})" in text
    assert re.search(r"\n  \d+\.\d h logged of \d+\.\d h planned\n", text)
    assert re.search(r"\nContacts due: [1-9]\d*", text)
    assert "Open action items from mentor meetings: 6 (3 mine)" in text
    assert "Achievements this month: " in text
    assert "DEADLINES AND MILESTONES, OVERDUE AND NEXT 30 DAYS" in text
    assert "\nNEXT\n" in text and "FOLLOW-UPS" in text
    assert not ISO_DAY.search(text), "dates read like 19 Feb 2027"
    assert review(data, capsys, "--week") == text  # the week is the default


def test_quarter_gives_the_quarters_hours(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, last = quarter_of(today_of(data))
    text = review(data, capsys, "--quarter")
    assert f"LEARNING THIS QUARTER ({day_text(first)} to {day_text(last)})" in text
    assert "LEARNING THIS WEEK" not in text


def test_json_has_the_documented_fields(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    figures = json.loads(review(data, capsys, "--json"))
    today = today_of(data)
    assert figures["format_version"] == 1 and figures["period"] == "week"
    assert figures["today"] == today.isoformat()
    goals = figures["goals"]
    assert (goals["on_track"], goals["at_risk"], goals["off_track"]) == (2, 1, 1)
    assert len(goals["items"]) == 4
    assert set(goals["items"][0]) == {"id", "title", "track", "reason", "progress", "expected", "deadline"}
    assert goals["items"][0]["track"] == "off_track" and "behind the expected" in goals["items"][0]["reason"]
    hours = figures["hours"]
    assert hours == figures["week"] and hours["first_day"] == monday_of(today).isoformat()
    assert set(hours) == {"first_day", "last_day", "planned_hours", "logged_hours", "sessions_not_logged"}
    assert figures["sessions_not_logged"] == hours["sessions_not_logged"]
    assert figures["quarter"]["first_day"] == quarter_of(today)[0].isoformat()
    assert figures["contacts_due"] > 0
    assert (figures["open_actions"], figures["my_open_actions"]) == (6, 3)
    assert isinstance(figures["achievements_this_month"], int)
    assert figures["deadlines"] and set(figures["deadlines"][0]) == {"day", "kind", "title", "id", "overdue"}
    assert figures["next_events"][0]["kind"] in ("session", "meeting")
    assert {"start", "end", "kind", "title", "id", "occurrence"} == set(figures["next_events"][0])
    quarter = json.loads(review(data, capsys, "--quarter", "--json"))
    assert quarter["period"] == "quarter" and quarter["hours"] == quarter["quarter"]


def test_an_empty_data_folder_has_zeros_and_a_first_step(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "new"
    text = review(folder, capsys)
    assert "No goals yet. Start with step 1" in text and "0.0 h logged of 0.0 h planned" in text
    figures = json.loads(review(folder, capsys, "--json"))
    assert figures["goals"]["items"] == [] and figures["deadlines"] == [] and figures["next_events"] == []
    assert figures["contacts_due"] == figures["open_actions"] == figures["sessions_not_logged"] == 0


def test_week_and_quarter_exclude_each_other_and_help_documents_the_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["--data-dir", str(tmp_path / "d"), "review", "--week", "--quarter"])
    assert refused.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["review", "--help"])
    help_text = capsys.readouterr().out
    for field in ("format_version", "contacts_due", "open_actions", "sessions_not_logged", "next_events"):
        assert field in help_text
