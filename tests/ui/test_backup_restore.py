"""Backup and Restore through the File menu, with the file dialogs answered by the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from empower_desktop.services import Services

from .conftest import WindowFactory, only_box, open_boxes, press


def answer_file_dialogs(monkeypatch: pytest.MonkeyPatch, window: object, path: Path) -> list[str]:
    """Make the window's save/open dialogs return *path*; returns the captions asked."""
    asked: list[str] = []

    def save(caption: str, suggested: Path, file_filter: str) -> Path:
        asked.append(f"{caption}|{suggested.name}")
        return path

    def open_(caption: str, file_filter: str) -> Path:
        asked.append(caption)
        return path

    monkeypatch.setattr(window, "ask_save_path", save)
    monkeypatch.setattr(window, "ask_open_path", open_)
    return asked


def test_backup_then_restore_round_trips_through_the_menu(
    demo_services: Services, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window(demo_services)
    before = demo_services.store.counts()
    backup = tmp_path / "my-backup.json"
    asked = answer_file_dialogs(monkeypatch, window, backup)

    window.backup_action.trigger()

    assert backup.is_file()
    assert asked == ["Back up your data|empower-backup-2026-06-15.json"]
    assert window.statusBar().currentMessage() == f"Backup saved: {sum(before.values())} records → {backup}"

    # Change the data, then restore the backup.
    goals = window.pages[0].panels()[0]
    shown_goals = goals.total_rows()
    for row in demo_services.goals.rows()[:2]:
        demo_services.data.delete(row.goal)
    window.reload_all()
    assert goals.total_rows() == shown_goals - 2
    assert demo_services.store.counts() != before

    window.restore_action.trigger()
    box = only_box(window)
    assert box.text().startswith(f"Replace all your data with this backup of {sum(before.values())} records made on ")
    assert "Your current data is copied to the backups folder first." in box.text()
    press(box, "Replace my data")

    assert demo_services.store.counts() == before
    assert goals.total_rows() == shown_goals  # the tables were read again
    assert open_boxes(window) == []
    assert window.statusBar().currentMessage().startswith(f"Restored {sum(before.values())} records")
    assert list((demo_services.data_dir / "backups").glob("before-restore-*.sqlite3"))


def test_restoring_a_malformed_file_shows_an_error_and_changes_nothing(
    demo_services: Services, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window(demo_services)
    before = demo_services.store.counts()
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "empower-desktop-backup", "records": ', encoding="utf-8")
    answer_file_dialogs(monkeypatch, window, bad)

    window.restore_action.trigger()

    box = only_box(window)
    assert box.windowTitle() == "This file cannot be restored"
    assert box.text().startswith("broken.json is cut off: the backup ends before it is complete")
    assert box.informativeText() == "Nothing was changed."
    press(box, "OK")
    assert demo_services.store.counts() == before
    assert not list((demo_services.data_dir / "backups").glob("before-restore-*"))
    assert all(action.isEnabled() for action in (window.backup_action, window.restore_action))


def test_cancelling_the_restore_confirmation_changes_nothing(
    demo_services: Services, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window(demo_services)
    backup = tmp_path / "b.json"
    demo_services.data.backup(backup)
    demo_services.data.delete(demo_services.goals.rows()[0].goal)
    after_delete = demo_services.store.counts()
    answer_file_dialogs(monkeypatch, window, backup)

    window.restore_action.trigger()
    press(only_box(window), "Cancel")

    assert demo_services.store.counts() == after_delete


def test_backup_to_an_unwritable_place_shows_the_error(
    demo_services: Services, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window(demo_services)
    answer_file_dialogs(monkeypatch, window, tmp_path / "no-such-folder" / "b.json")

    window.backup_action.trigger()

    box = only_box(window)
    assert box.windowTitle() == "The backup could not be saved"
    assert "no-such-folder" in box.text()


def test_a_cancelled_file_dialog_does_nothing(
    demo_services: Services, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(demo_services)
    monkeypatch.setattr(window, "ask_save_path", lambda *args: None)
    monkeypatch.setattr(window, "ask_open_path", lambda *args: None)
    window.backup_action.trigger()
    window.restore_action.trigger()
    window.export_action.trigger()
    assert open_boxes(window) == []
    assert window.statusBar().currentMessage() == ""
