"""`empower-desktop find-time --item ID|NAME --weekly-hours H --block MINUTES [--from DATE]
[--weeks N] [--apply]`, `empower-desktop collisions` and `empower-desktop busy ...`: finding time
from a script, on a data folder with a busy calendar file.

The plans start in 2030 (a fixed Monday, 7 January), so they do not depend on today's date."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from empower_desktop.cli import EXIT_FOR_YOU, main
from empower_desktop.domain import LearningItem
from empower_desktop.domain.common import zone
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services

BERLIN = zone("Europe/Berlin")
MONDAY = date(2030, 1, 7)

FOCUS = (
    "BEGIN:VEVENT\r\nUID:focus@example.org\r\nDTSTAMP:20260601T000000Z\r\n"
    "DTSTART;TZID=Europe/Berlin:20260601T090000\r\nDTEND;TZID=Europe/Berlin:20260601T120000\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nSUMMARY:Focus time\r\nEND:VEVENT\r\n"
)


def calendar(*events: str) -> str:
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{''.join(events)}END:VCALENDAR\r\n"


def one_off(summary: str, start: datetime, minutes: int) -> str:
    end = start + timedelta(minutes=minutes)
    return (
        f"BEGIN:VEVENT\r\nUID:{summary.replace(' ', '-')}@example.org\r\nDTSTAMP:20260601T000000Z\r\n"
        f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}\r\nDTEND;TZID=Europe/Berlin:{end:%Y%m%dT%H%M%S}\r\n"
        f"SUMMARY:{summary}\r\nEND:VEVENT\r\n"
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    services = Services.open(data)
    try:
        services.settings.set("general.time_zone", "Europe/Berlin")
        services.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Distributed systems"))
    finally:
        services.close()
    return data


@pytest.fixture
def work(tmp_path: Path) -> Path:
    path = tmp_path / "work.ics"
    path.write_text(calendar(FOCUS), encoding="utf-8", newline="")
    return path


def run(folder: Path, capsys: pytest.CaptureFixture[str], *args: str, status: int = 0) -> str:
    assert main(["--data-dir", str(folder), *args]) == status
    out = capsys.readouterr()
    return out.out + out.err


FIND = ("find-time", "--item", "distributed systems", "--weekly-hours", "3", "--block", "45")
PLAN = (*FIND, "--from", MONDAY.isoformat(), "--weeks", "4")


def test_find_time_prints_the_proposal_and_changes_nothing_without_apply(
    folder: Path, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    added = run(folder, capsys, "busy", "add", "--file", str(work), "--name", "Work")
    assert "Added the busy calendar “Work”." in added
    text = run(folder, capsys, *PLAN)
    assert text.startswith("Distributed systems: 3 h a week in 4 blocks of 45 min, 4 weeks from the week of 7 Jan 2030")
    assert "Busy time: 1 calendar, read " in text
    assert "EVERY WEEK\n  Mon 12:10" not in text  # on the quarter-hour grid, after the buffer: 12:15
    weekly = [line for line in text.splitlines() if line.startswith("  ") and "free in" in line]
    assert weekly == [f"  {day} 12:15\u201313:00  free in 4 of 4 weeks" for day in ("Mon", "Tue", "Wed", "Thu")]
    assert text.rstrip().endswith("Nothing was changed: add --apply to plan these sessions.")
    services = Services.open(folder)
    try:
        assert services.store.learning_sessions.count() == 0
    finally:
        services.close()


def test_apply_adds_the_habit_and_collisions_lists_a_meeting_added_later(
    folder: Path, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(folder, capsys, "busy", "add", "--file", str(work), "--name", "Work")
    assert "Added 1 weekly habit to “Distributed systems”" in run(folder, capsys, *PLAN, "--apply")
    services = Services.open(folder)
    try:
        [habit] = services.store.learning_sessions.all()
        assert habit.rrule.startswith("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH;UNTIL=")
        assert habit.start.local() == datetime.combine(MONDAY, time(12, 15), BERLIN)
    finally:
        services.close()
    text = run(folder, capsys, "collisions")  # nothing planned in the weeks ahead collides
    assert text == "No planned session collides with busy time.\n"


def test_collisions_lists_a_session_a_new_meeting_overlaps_and_exits_4(
    folder: Path, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(folder, capsys, "busy", "add", "--file", str(work), "--name", "Work")
    run(folder, capsys, *FIND, "--weeks", "2", "--apply")
    services = Services.open(folder)
    try:
        first = min(
            o.occurrence.start
            for o in services.learning.occurrence_rows(services.today(), services.today() + timedelta(days=14))
        )
    finally:
        services.close()
    meeting = first.astimezone(BERLIN).replace(tzinfo=None) + timedelta(minutes=15)
    work.write_text(calendar(FOCUS, one_off("Hiring panel", meeting, 60)), encoding="utf-8", newline="")
    text = run(folder, capsys, "collisions", status=EXIT_FOR_YOU)
    assert text.startswith("1 session collides with busy time:\n")
    assert "Distributed systems  collides with Hiring panel (" in text and "\u2192 move to " in text


def test_a_calendar_that_cannot_be_read_is_named_and_planning_goes_on(
    folder: Path, work: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(folder, capsys, "busy", "add", "--file", str(work), "--name", "Work")
    broken = tmp_path / "team.ics"
    broken.write_text("<html>sign in</html>", encoding="utf-8")
    text = run(folder, capsys, "busy", "add", "--file", str(broken), "--name", "Team")
    assert "empower-desktop: Team is not a calendar: it does not begin as an .ics file." in text
    text = run(folder, capsys, *PLAN)
    assert "Could not be read now, planned on what was read before: Team is not a calendar" in text
    assert "EVERY WEEK" in text
    listed = run(folder, capsys, "busy", "list")
    assert "Team  (file: " in listed and "last refresh failed: Team is not a calendar" in listed
    assert "Removed the busy calendar “Team”" in run(folder, capsys, "busy", "remove", "team")


def test_no_room_and_unknown_items_are_refused_in_plain_words(
    folder: Path, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = run(folder, capsys, *PLAN[:-4], "--block", "150", "--from", MONDAY.isoformat(), status=1)
    assert "A 150-minute block is longer than your longest block (120 min). Relax the longest block" in text
    text = run(folder, capsys, "find-time", "--item", "Rust", "--weekly-hours", "3", "--block", "45", status=1)
    assert "There is no learning item “Rust”" in text
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(folder), "find-time", "--item", "x", "--weekly-hours", "0", "--block", "45"])
    assert exited.value.code == 2
    assert "a number of hours above 0" in capsys.readouterr().err
