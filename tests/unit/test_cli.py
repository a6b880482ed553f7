"""The command line as a person or a script uses it (real subprocesses, real files)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from empower_desktop import __version__


def run(*args: str, check: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "empower_desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",  # what the command line prints on every system, also into a pipe
        timeout=120,
        check=check,
        env=env,
    )


def test_version_and_help_describe_each_command() -> None:
    assert run("--version").stdout.strip() == f"Empower Desktop {__version__}"
    help_text = run("--help").stdout
    for word in ("backup", "restore", "review", "--data-dir", "--demo"):
        assert word in help_text
    assert "lossless" in run("backup", "--help").stdout


def test_demo_composes_with_subcommands(tmp_path: Path) -> None:
    review = run("--demo", "review").stdout
    assert "Goal review" in review and "ON TRACK" in review and "DRAFTS" in review
    out = tmp_path / "demo.json"
    assert "Backed up" in run("--demo", "backup", str(out)).stdout
    assert json.loads(out.read_text(encoding="utf-8"))["records"]["goals"]


def test_it_prints_utf8_into_a_pipe_of_another_code_page() -> None:
    cp1252 = {**os.environ, "PYTHONIOENCODING": "cp1252"}  # a pipe's encoding on Windows: it has no "→"
    review = run("--demo", "review", env=cp1252).stdout
    assert "Goal review —" in review and " → " in review


def test_demo_leaves_no_temporary_folder_behind(tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    run("--demo", "review", env={**os.environ, "TMPDIR": str(temp)})
    assert list(temp.iterdir()) == []


def test_backup_and_restore_between_data_folders(tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    run("--demo", "backup", str(out))
    data = tmp_path / "mine"
    restored = run("--data-dir", str(data), "restore", str(out)).stdout
    assert restored.startswith("Restored ")
    assert "active goal" in run("--data-dir", str(data), "review").stdout
    assert (data / "empower.sqlite3").exists()


def test_a_bad_backup_fails_with_a_one_line_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "empower-desktop-backup", "format_version": 7, "records": {}}', encoding="utf-8")
    result = run("--data-dir", str(tmp_path / "d"), "restore", str(bad), check=False)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "newer version" in result.stderr


def test_an_empty_data_folder_reviews_with_a_first_step(tmp_path: Path) -> None:
    assert "No goals yet" in run("--data-dir", str(tmp_path / "new"), "review").stdout


@pytest.mark.parametrize("garbage", [b"not a database at all" * 50])
def test_a_corrupt_database_is_reported_and_never_overwritten(tmp_path: Path, garbage: bytes) -> None:
    data = tmp_path / "d"
    data.mkdir()
    (data / "empower.sqlite3").write_bytes(garbage)
    result = run("--data-dir", str(data), "review", check=False)
    assert result.returncode == 1
    assert "not an Empower Desktop database" in result.stderr
    assert (data / "empower.sqlite3").read_bytes() == garbage


def test_contacts_due_lists_the_most_overdue_first(tmp_path: Path) -> None:
    from datetime import timedelta

    from empower_desktop.domain import Contact, Interaction
    from empower_desktop.services import Services

    data = tmp_path / "data"
    services = Services.open(data)
    try:
        today = services.today()
        for name, days_ago in (("Ada Lovelace", 40), ("Grace Hopper", 65), ("Alan Turing", 2)):
            person = services.network.save_contact(Contact(name=name, organisation="Analytical", cadence_days=30))
            services.network.log_interaction(
                Interaction(contact_id=person.id, happened_on=today - timedelta(days=days_ago))
            )
    finally:
        services.close()
    lines = run("--data-dir", str(data), "contacts", "due").stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["Grace Hopper (Analytical)", "Ada Lovelace (Analytical)"]
    assert lines[0].startswith("Grace Hopper (Analytical): overdue 35 days; every 30 days; last contact ")
    empty = run("--data-dir", str(tmp_path / "empty"), "contacts", "due").stdout
    assert empty == "Nobody is due: you are in touch with everyone on your rhythm.\n"
    assert "most overdue first" in " ".join(run("contacts", "due", "--help").stdout.split())


def test_meetings_lists_the_next_ones_with_what_to_prepare(tmp_path: Path) -> None:
    from datetime import datetime, time, timedelta

    from empower_desktop.domain import Contact, Mentorship
    from empower_desktop.domain.common import ZonedDateTime
    from empower_desktop.domain.network import ActionItem, AgendaTopic, MentorRole, Owner
    from empower_desktop.services import Services

    def when(start: ZonedDateTime) -> str:
        local = start.local()
        return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M} {local.tzname()}"

    def day(value: date) -> str:
        return f"{value.day} {value:%b %Y}"

    data = tmp_path / "data"
    services = Services.open(data)
    try:
        services.settings.set("general.time_zone", "Europe/Berlin")
        today = services.today()
        ada = services.network.save_contact(Contact(name="Ada Lovelace"))
        grace = services.network.save_contact(Contact(name="Grace Hopper"))
        mentor = services.mentoring.save_mentorship(Mentorship(contact_id=ada.id, role=MentorRole.MENTOR))
        coach = services.mentoring.save_mentorship(Mentorship(contact_id=grace.id, role=MentorRole.COACH))
        last = services.mentoring.new_meeting(mentor.id, datetime.combine(today - timedelta(days=14), time(17, 30)))
        last.agenda = [AgendaTopic(text="Promotion packet", covered=True), AgendaTopic(text="Sponsorship")]
        last.action_items = [
            ActionItem(text="Rewrite page one", due=today + timedelta(days=3)),
            ActionItem(text="Send the rubric", owner=Owner.THEM, due=today - timedelta(days=2)),
            ActionItem(text="Book the conversation", done=True),
        ]
        services.mentoring.save_meeting(last)
        [later] = services.mentoring.save_meeting(
            services.mentoring.new_meeting(mentor.id, datetime.combine(today + timedelta(days=10), time(17, 30)), 60)
        )
        later.title, later.location = "Staff path", "Video call"
        services.mentoring.save_meeting(later)
        services.mentoring.mark_held(last.id)  # its open topic goes to the next one, as in the window
        soon = services.mentoring.new_meeting(coach.id, datetime.combine(today + timedelta(days=2), time(9, 0)))
        soon.title = "Talk rehearsal"
        services.mentoring.save_meeting(soon)
    finally:
        services.close()
    out = run("--data-dir", str(data), "meetings").stdout
    assert out.splitlines() == [
        f"{when(soon.start)}  Talk rehearsal",
        "  with Grace Hopper (coach) · no place set",
        "  Nothing carried over, no open action items.",
        "",
        f"{when(later.start)}  Staff path",
        "  with Ada Lovelace (mentor) · Video call",
        "  Carried over from last time:",
        "    - Sponsorship",
        "  My open actions:",
        f"    - Rewrite page one (due {day(today + timedelta(days=3))})",
        "  Their open actions:",
        f"    - Send the rubric (due {day(today - timedelta(days=2))}, overdue)",
    ]
    first = run("--data-dir", str(data), "meetings", "--limit", "1").stdout
    assert first.startswith(f"{when(soon.start)}  Talk rehearsal\n") and "Staff path" not in first
    assert first.endswith("\n1 more planned (empower-desktop meetings --limit 2 shows them all).\n")
    assert run("--data-dir", str(data), "meetings", "--limit", "0", check=False).returncode == 2


def test_meetings_without_any_says_where_to_plan_one(tmp_path: Path) -> None:
    empty = run("--data-dir", str(tmp_path / "empty"), "meetings").stdout
    assert empty.startswith("No meetings planned. To plan one, open the window: tab 3 (Network & Mentor)")
    assert "carried over" in " ".join(run("meetings", "--help").stdout.split())
    demo = run("--demo", "meetings").stdout
    assert "(mentor)" in demo and "(coach)" in demo and "(mentee)" in demo
    assert demo.count("Carried over from last time:") == 3
