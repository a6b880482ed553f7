"""Every failing path a person can walk into says what happened in the window's words: no error
number, no exception's name, no parser internals, no repeat rule, no traceback, no ISO date."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from empower_desktop.domain import LearningItem
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services
from empower_desktop.store import StoreEnvironmentError
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.opening import open_with_recovery
from empower_desktop.ui.step2.sessions import SessionsSection

from .conftest import WindowFactory, learn_section, only_box, press
from .test_backup_restore import answer_file_dialogs
from .test_step2_sessions import new_habit, retype

PROGRAMMER_WORDS = [
    (re.compile(r"errno|\[Errno", re.IGNORECASE), "an error number"),
    (re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception)\b"), "an exception's name"),
    (re.compile(r"Traceback|File \"", re.IGNORECASE), "a traceback"),
    (re.compile(r"FREQ=|BYDAY=|UNTIL=|RRULE"), "a repeat rule"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), "an ISO date"),
    (re.compile(r"Expecting value|line \d+ column \d+ \(char|Content line could not"), "a parser's words"),
]


def check(message: str) -> str:
    assert message.strip(), "an empty message"
    for pattern, what in PROGRAMMER_WORDS:
        assert not pattern.search(message), f"{what} in: {message}"
    return message


@pytest.fixture
def bad(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "a folder"
    folder.mkdir()
    files = {
        "folder": folder,
        "folder.json": tmp_path / "backups.json",  # a folder, whatever its name says
        "folder.ics": tmp_path / "calendar.ics",
        "missing": tmp_path / "missing.json",
        "no folder": tmp_path / "no such folder" / "backup.json",
        "binary": tmp_path / "photo.json",
        "text": tmp_path / "notes.json",
        "cut off": tmp_path / "cut.json",
        "not ics": tmp_path / "notes.ics",
        "a file": tmp_path / "a file",
    }
    files["folder.json"].mkdir()
    files["folder.ics"].mkdir()
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x01")
    files["text"].write_text("Dear diary,\n", encoding="utf-8")
    files["cut off"].write_text('{"format": "empower-desktop-backup", "records": ', encoding="utf-8")
    files["not ics"].write_text("Meeting on Tuesday at 10\n", encoding="utf-8")
    files["a file"].write_text("", encoding="utf-8")
    return files


def box_after(window: MainWindow, trigger: Callable[[], object]) -> str:
    trigger()
    box = only_box(window)
    text = f"{box.text()} {box.informativeText()}"
    press(box, "OK")
    return text


@pytest.mark.parametrize(
    ("action", "path", "expected"),
    [
        ("backup_action", "folder", "is a folder, not a file"),
        ("backup_action", "folder.json", "is a folder, not a file"),
        ("backup_action", "no folder", "does not exist"),
        ("export_action", "folder", "is a folder, not a file"),
        ("export_action", "folder.ics", "is a folder, not a file"),
        ("restore_action", "folder", "is a folder, not a file"),
        ("restore_action", "missing", "does not exist"),
        ("restore_action", "binary", "it is not a text file"),
        ("restore_action", "text", "a backup is a JSON file that begins with"),
        ("restore_action", "cut off", "is cut off"),
    ],
)
def test_a_file_that_is_not_what_was_expected_is_named_in_words(
    demo_services: Services,
    make_window: WindowFactory,
    monkeypatch: pytest.MonkeyPatch,
    bad: dict[str, Path],
    action: str,
    path: str,
    expected: str,
) -> None:
    window = make_window(demo_services)
    answer_file_dialogs(monkeypatch, window, bad[path])
    before = demo_services.store.counts()
    message = check(box_after(window, getattr(window, action).trigger))
    assert expected in message
    assert demo_services.store.counts() == before


def test_a_calendar_file_that_is_a_folder_or_a_relative_path_is_refused_where_it_is_typed(
    services: Services, make_window: WindowFactory, qtbot: QtBot, bad: dict[str, Path]
) -> None:
    window = make_window(services)
    calendars = window.open_calendars()
    for typed, expected in ((str(bad["folder"]), "is a folder"), ("calendar.ics", "give the whole path")):
        calendars.file_edit.setText(typed)
        calendars.file_edit.editingFinished.emit()
        assert calendars.file_error.isVisible() and expected in check(calendars.file_error.text())
    assert services.settings.ics_path == ""  # nothing saved
    good = bad["folder"] / "empower.ics"
    calendars.file_edit.setText(str(good))
    calendars.file_edit.editingFinished.emit()
    assert not calendars.file_error.isVisible()
    assert services.calendar.calendar_file() == good


def test_a_folder_given_as_an_ics_calendar_is_refused_in_the_dialog(
    services: Services, make_window: WindowFactory, qtbot: QtBot, bad: dict[str, Path]
) -> None:
    window = make_window(services)
    add = window.open_calendars().add_ics()
    add.name_edit.setText("phone")
    add.path_edit.setText(str(bad["folder"]))
    add.save()
    qtbot.waitUntil(lambda: add.error_label.isVisible())
    assert "is a folder" in check(add.error_label.text())
    add.path_edit.setText("phone.ics")
    add.save()
    assert "whole path" in check(add.error_label.text())
    assert services.calendar.accounts() == []


def test_a_data_folder_that_is_a_file_is_explained_before_anything_opens(bad: dict[str, Path]) -> None:
    seen: list[StoreEnvironmentError] = []

    def ask(_folder: Path, error: StoreEnvironmentError) -> bool:
        seen.append(error)
        return False  # the person quits

    assert open_with_recovery(bad["a file"], ask) is None
    assert "is a file, not a folder" in check(str(seen[0]))


def test_a_habit_that_ends_before_its_first_day_says_so_in_the_editors_words(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    services.data.start_empty()
    services.data.save(LearningItem(kind=LearningType.COURSE, title="Rust"))
    window = make_window(services)
    editor = new_habit(learn_section(window, SessionsSection), qtbot)
    retype(qtbot, editor.until_edit.edit, "2026-05-31")
    editor.accept()
    message = check(editor.error_label.text())
    assert message.startswith("This habit never takes place:") and "(Until)" in message
    assert services.store.learning_sessions.all() == []


CLI_PATHS = [
    (["backup", "{folder}"], "is a folder, not a file"),
    (["restore", "{text}"], "a backup is a JSON file that begins with"),
    (["restore", "{missing}"], "does not exist"),
    (["import-ics", "{not ics}", "--item", "x"], "is not a calendar file"),
    (["import-ics", "{binary}", "--item", "x"], "is not a calendar file"),
    (["account", "add", "phone", "--ics", "{folder}"], "is a folder"),
]


@pytest.mark.slow
def test_the_command_line_says_what_happened_in_words_and_exits_1(tmp_path: Path, bad: dict[str, Path]) -> None:
    for argv, expected in CLI_PATHS:
        args = [arg.format(**{k: str(v) for k, v in bad.items()}) for arg in argv]
        out = subprocess.run(
            [sys.executable, "-m", "empower_desktop", "--data-dir", str(tmp_path / "data"), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )
        assert out.returncode == 1, (args, out.stdout, out.stderr)
        assert expected in check(out.stderr), args
    out = subprocess.run(
        [sys.executable, "-m", "empower_desktop", "--data-dir", str(bad["a file"]), "review"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert out.returncode == 1 and "is a file, not a folder" in check(out.stderr)
