"""Importing a course's schedule (.ics) as learning sessions of one learning item."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from empower_desktop.domain import LearningItem
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services
from empower_desktop.sync.importing import IcsImportError


def schedule(path: Path) -> Path:
    cal = Calendar()
    cal.add("prodid", "-//A course//EN")
    cal.add("version", "2.0")
    for week in range(3):
        event = Event()
        event.add("uid", f"lecture-{week}@course.example")
        event.add("summary", f"Lecture {week + 1}")
        start = datetime(2026, 3, 23, 18, 0, tzinfo=ZoneInfo("Europe/Berlin")) + timedelta(weeks=week)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=90))
        cal.add_component(event)
    exam = Event()
    exam.add("uid", "exam-day@course.example")
    exam.add("summary", "Exam day")
    exam.add("dtstart", datetime(2026, 4, 20).date())
    cal.add_component(exam)
    cal.add_missing_timezones()
    path.write_bytes(cal.to_ical())
    return path


def test_timed_events_become_sessions_in_their_zone(services: Services, tmp_path: Path) -> None:
    item = services.data.save(LearningItem(kind=LearningType.COURSE, title="Distributed systems course"))
    plan = services.calendar.import_ics(schedule(tmp_path / "course.ics"), item.id)
    assert len(plan.new) == 3  # the all-day exam day is not a session
    assert [(left.title, left.reason) for left in plan.left_out] == [
        ("Exam day", "all day: a session has a start and an end time")
    ]
    sessions = services.store.learning_sessions.where("item_id = ?", (item.id,))
    first = sessions[0]
    assert (first.start.tz, first.start.local().hour, first.start.local().minute) == ("Europe/Berlin", 18, 0)
    # the third lecture falls after the change to summer time and stays at 18:00 local time
    assert sessions[2].start.local().hour == 18
    assert sessions[2].start.instant.hour == 16 and first.start.instant.hour == 17


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a calendar file"),
        (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "holds no event to import"),
        (b"hello, world", "not a calendar file"),
    ],
)
def test_a_bad_file_imports_nothing_and_says_why(
    services: Services, tmp_path: Path, content: bytes, message: str
) -> None:
    item = services.data.save(LearningItem(kind=LearningType.COURSE, title="Course"))
    bad = tmp_path / "bad.ics"
    bad.write_bytes(content)
    with pytest.raises(IcsImportError, match=message):
        services.calendar.import_ics(bad, item.id)
    assert services.store.learning_sessions.count() == 0


def test_the_command_line_previews_then_imports(services: Services, tmp_path: Path) -> None:
    item = services.data.save(LearningItem(kind=LearningType.COURSE, title="Distributed systems course"))
    path = schedule(tmp_path / "course.ics")
    data = str(services.data_dir)
    services.close()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "empower_desktop", "--data-dir", data, "import-ics", str(path), *args]
        return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=60, check=True)

    preview = run("--item", item.id, "--dry-run")
    lines = preview.stdout.splitlines()
    assert lines[0] == "  new      Mon 23 Mar 2026 18:00 Europe/Berlin  Lecture 1"
    assert "  left out Mon 20 Apr 2026      all day  Exam day: all day: a session has a start and an end time" in lines
    assert lines[-1] == "Would import: 3 new sessions; 1 entry left out (dry run: nothing changed)"
    reopened = Services.open(Path(data))
    assert reopened.store.learning_sessions.count() == 0
    reopened.close()
    imported = run("--item", "distributed SYSTEMS course")  # by its title, in any case
    assert imported.stdout.splitlines()[:-1] == lines[:-1]  # the dry run predicted the import exactly
    assert imported.stdout.splitlines()[-1] == "Imported: 3 new sessions; 1 entry left out"
    again = run("--item", item.id)
    assert again.stdout.splitlines()[-1] == "Imported: 0 new sessions, 3 already imported; 1 entry left out"
    listed = subprocess.run(
        [sys.executable, "-m", "empower_desktop", "--data-dir", data, "learning", "list"],
        capture_output=True, text=True, encoding="utf-8", timeout=60, check=True,
    )  # fmt: skip
    assert listed.stdout.splitlines() == [f"{item.id}  course         planned      Distributed systems course"]


def test_an_unknown_learning_item_is_one_line(services: Services, tmp_path: Path) -> None:
    path = schedule(tmp_path / "course.ics")
    data = str(services.data_dir)
    services.data.save(LearningItem(kind=LearningType.COURSE, title="Rust"))
    services.close()
    command = [sys.executable, "-m", "empower_desktop", "--data-dir", data, "import-ics", str(path), "--item", "Go"]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "empower-desktop: There is no learning item “Go” (by id or title); `empower-desktop learning list` shows them."
    ]
