"""A data file that cannot be opened: the dialog never overwrites it and offers safe ways back."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from empower_desktop.demo import populate
from empower_desktop.services import Services
from empower_desktop.store import DB_NAME, DatabaseCorruptError, DatabaseTooNewError, StoreEnvironmentError
from empower_desktop.ui.opening import open_with_recovery
from empower_desktop.ui.recovery_dialog import RecoveryDialog

from ..conftest import TODAY

GARBAGE = b"\x00not a database, something overwrote it\xff" * 200


def make_data(data_dir: Path) -> dict[str, int]:
    services = Services.open(data_dir)
    populate(services.store, TODAY, size="small", tz="Europe/Berlin")
    counts = services.store.counts()
    services.close()
    return counts


def damage(data_dir: Path) -> None:
    (data_dir / DB_NAME).write_bytes(GARBAGE)


class Driver:
    """Stands in for the person at the recovery dialog; `choose` picks what they click."""

    def __init__(self, qtbot: QtBot, choose: str, backup: Path | None = None) -> None:
        self.qtbot = qtbot
        self.choose = choose
        self.backup = backup
        self.dialogs: list[RecoveryDialog] = []
        self.errors: list[StoreEnvironmentError] = []

    def __call__(self, data_dir: Path, error: StoreEnvironmentError) -> bool:
        self.errors.append(error)
        dialog = RecoveryDialog(data_dir, error, choose_file=self.choose_file)
        self.qtbot.addWidget(dialog)
        dialog.show()
        self.dialogs.append(dialog)
        if self.choose == "copy" and dialog.restore_copy():
            dialog.open_app()
            return True
        if self.choose == "backup" and dialog.restore_backup():
            dialog.open_app()
            return True
        dialog.quit()
        return False

    def choose_file(self, parent: QWidget) -> Path | None:
        return self.backup


def test_corrupt_database_restores_from_the_automatic_copy(tmp_path: Path, qtbot: QtBot) -> None:
    data_dir = tmp_path / "data"
    counts = make_data(data_dir)
    services = Services.open(data_dir)
    services.data.auto_copy()
    services.close()
    damage(data_dir)
    driver = Driver(qtbot, "copy")

    reopened = open_with_recovery(data_dir, driver)

    assert reopened is not None
    try:
        assert reopened.store.counts() == counts
    finally:
        reopened.close()
    [error] = driver.errors
    assert isinstance(error, DatabaseCorruptError)
    [dialog] = driver.dialogs
    assert dialog.copy_button.text().startswith("Restore automatic copy from ")
    assert dialog.showing_done()
    assert dialog.kept_at is not None and dialog.kept_at.read_bytes() == GARBAGE  # the damaged file is kept
    assert str(dialog.kept_at) in dialog.done_label.text()


def test_the_dialog_says_what_happened_and_where_the_file_is(tmp_path: Path, qtbot: QtBot) -> None:
    data_dir = tmp_path / "data"
    make_data(data_dir)
    damage(data_dir)
    with pytest.raises(DatabaseCorruptError) as caught:
        Services.open(data_dir)
    dialog = RecoveryDialog(data_dir, caught.value)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [w.text() for w in dialog.findChildren(type(dialog.message_label))]
    assert "Your data file could not be opened" in texts
    assert dialog.message_label.text() == str(caught.value)
    assert dialog.path_label.text() == f"File: {data_dir / DB_NAME}"
    assert not dialog.copy_button.isEnabled()  # no automatic copy was ever made
    assert dialog.backup_button.text() == "Restore from backup file…"
    assert dialog.quit_button.text() == "Quit"


def test_newer_version_database_shows_the_dialog_and_leaves_the_file_byte_identical(
    tmp_path: Path, qtbot: QtBot
) -> None:
    data_dir = tmp_path / "data"
    make_data(data_dir)
    conn = sqlite3.connect(data_dir / DB_NAME)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = (data_dir / DB_NAME).read_bytes()
    driver = Driver(qtbot, "quit")

    assert open_with_recovery(data_dir, driver) is None

    [error] = driver.errors
    assert isinstance(error, DatabaseTooNewError)
    assert "newer version" in driver.dialogs[0].message_label.text()
    assert (data_dir / DB_NAME).read_bytes() == before
    assert not any(".damaged" in p.name for p in data_dir.iterdir())


def test_corrupt_database_restores_from_a_backup_file(tmp_path: Path, qtbot: QtBot) -> None:
    data_dir = tmp_path / "data"
    counts = make_data(data_dir)
    services = Services.open(data_dir)
    backup = tmp_path / "backup.json"
    services.data.backup(backup)
    services.close()
    damage(data_dir)
    driver = Driver(qtbot, "backup", backup)

    reopened = open_with_recovery(data_dir, driver)

    assert reopened is not None
    try:
        assert reopened.store.counts() == counts
    finally:
        reopened.close()
    kept = driver.dialogs[0].kept_at
    assert kept is not None and kept.read_bytes() == GARBAGE


def test_a_bad_backup_file_is_refused_and_the_damaged_file_stays(tmp_path: Path, qtbot: QtBot) -> None:
    data_dir = tmp_path / "data"
    make_data(data_dir)
    damage(data_dir)
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2, 3]", encoding="utf-8")
    with pytest.raises(DatabaseCorruptError) as caught:
        Services.open(data_dir)
    dialog = RecoveryDialog(data_dir, caught.value, choose_file=lambda parent: bad)
    qtbot.addWidget(dialog)
    dialog.show()

    assert dialog.restore_backup() is False

    assert dialog.failure_label.isVisible()
    assert "nothing was changed" in dialog.failure_label.text()
    assert "not an Empower Desktop backup" in dialog.failure_label.text()
    assert not dialog.showing_done()
    assert (data_dir / DB_NAME).read_bytes() == GARBAGE


def test_quit_from_the_dialog_ends_the_app_with_the_file_untouched(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from empower_desktop.app import run_gui

    data_dir = tmp_path / "data"
    make_data(data_dir)
    damage(data_dir)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own; put it back after
    driver = Driver(qtbot, "quit")

    assert run_gui(data_dir, demo=False, ask=driver) == 1

    assert (data_dir / DB_NAME).read_bytes() == GARBAGE
    assert len(driver.dialogs) == 1
