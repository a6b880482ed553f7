"""Sync Calendar Now and Export calendar, and what the person sees when it cannot be done."""

from __future__ import annotations

from pathlib import Path

import pytest

from empower_desktop.services import Services

from .conftest import WindowFactory, only_box


def test_sync_calendar_now_writes_the_ics_file(demo_services: Services, make_window: WindowFactory) -> None:
    window = make_window(demo_services)
    target = demo_services.calendar.calendar_file()
    assert not target.exists()

    window.sync_action.trigger()

    text = target.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR")
    events = text.count("BEGIN:VEVENT")
    assert events > 0
    assert window.statusBar().currentMessage() == f"Calendar file updated: {events} events → {target}"


def test_sync_refuses_a_calendar_file_changed_by_another_program(
    demo_services: Services, make_window: WindowFactory
) -> None:
    window = make_window(demo_services)
    window.sync_action.trigger()
    target = demo_services.calendar.calendar_file()
    theirs = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    target.write_bytes(theirs)

    window.sync_action.trigger()

    box = only_box(window)
    assert box.windowTitle() == "Calendar sync failed"
    assert "changed by another program" in box.text()
    assert target.read_bytes() == theirs
    assert window.sync_action.isEnabled()


def test_export_calendar_writes_the_chosen_file(
    demo_services: Services, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window(demo_services)
    chosen = tmp_path / "my-calendar"  # no suffix typed: .ics is added
    monkeypatch.setattr(window, "ask_save_path", lambda caption, suggested, file_filter: chosen)

    window.export_action.trigger()

    written = chosen.with_suffix(".ics")
    events = written.read_text(encoding="utf-8").count("BEGIN:VEVENT")
    assert events > 0
    assert window.statusBar().currentMessage() == f"Calendar exported: {events} events → {written}"
