"""Screenshots of every tab and dialog for a person to look at (not a test).

QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py OUT_DIR
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from empower_desktop.app import build_main_window, make_application
from empower_desktop.services import Services, automatic_copies_for
from empower_desktop.store import DB_NAME, StoreEnvironmentError
from empower_desktop.ui.help_dialogs import AboutDialog, FourStepsDialog
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.recovery_dialog import RecoveryDialog
from empower_desktop.ui.settings_dialog import SettingsDialog
from empower_desktop.ui.step1.page import AssessPage
from empower_desktop.ui.welcome_dialog import WelcomeDialog
from empower_desktop.ui.workers import SyncRunner


def save(widget: QWidget, path: Path) -> None:
    for _ in range(5):
        QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def self_assessment_shots(window: MainWindow, out: Path) -> None:
    """Step 1's self-assessment sub-tabs and their dialogs, with the example data."""
    from empower_desktop.domain.assess import EntryKind
    from empower_desktop.ui.step1.profile import ProfileSection
    from empower_desktop.ui.step1.satisfaction import SatisfactionSection
    from empower_desktop.ui.step1.skills import SkillsSection
    from empower_desktop.ui.step1.vision import VisionSection

    page = window.pages[0]
    assert isinstance(page, AssessPage)
    window.tabs.setCurrentIndex(0)
    for section in page.sections:
        if isinstance(section, SkillsSection | ProfileSection | SatisfactionSection | VisionSection):
            page.section_tabs.setCurrentWidget(section)
            if isinstance(section, SkillsSection):
                section.select_skill(section.skills.visible_rows()[1].skill.id)
                save(window, out / "ui-step1-skills.png")
                for name, dialog in (("rate", section.rate_selected()), ("add-skill", section.add_skill())):
                    if dialog is not None:
                        save(dialog, out / f"ui-step1-{name}.png")
                        if name == "add-skill":
                            dialog.accept()  # no name: the inline message
                            save(dialog, out / "ui-step1-add-skill-error.png")
                        dialog.reject()
            elif isinstance(section, ProfileSection):
                save(window, out / "ui-step1-profile.png")
                strengths = section.lists[EntryKind.STRENGTH]
                strengths.select(strengths.rows()[2].entry.id)
                entry = strengths.edit_selected()
                if entry is not None:
                    save(entry, out / "ui-step1-entry.png")
                    entry.reject()
            elif isinstance(section, SatisfactionSection):
                save(window, out / "ui-step1-satisfaction.png")
                section.save_checkin()  # no overall score: the inline message
                save(window, out / "ui-step1-satisfaction-error.png")
                section.error_label.hide()
            else:
                save(window, out / "ui-step1-vision.png")
    page.section_tabs.setCurrentIndex(0)


def wait_for_read(page: QWidget, seconds: float = 10.0) -> None:
    """Until the page's background read has been shown (the sections fill after the first paint)."""
    import time

    from empower_desktop.ui.widgets.step_page import StepPage

    assert isinstance(page, StepPage)
    page.has_data = False
    page.reload()
    deadline = time.monotonic() + seconds
    while not page.has_data and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def learn_sections_shots(window: MainWindow, out: Path) -> None:
    """Every sub-tab of step 2, with the example data read in."""
    from empower_desktop.ui.step2.page import SECTIONS, LearnPage

    window.tabs.setCurrentIndex(1)
    page = window.pages[1]
    assert isinstance(page, LearnPage)
    for cls in SECTIONS:
        page.show_section(cls)
        wait_for_read(page)
        save(window, out / f"ui-step2-{cls.title.lower().replace(' ', '-')}.png")
    window.tabs.setCurrentIndex(0)


def learning_plan_shots(window: MainWindow, out: Path) -> None:
    """Step 2's plan: the item editor (a certification, then a refused save) and re-rating."""
    from empower_desktop.domain.learn import LearningStatus, LearningType
    from empower_desktop.ui.step2.page import LearnPage
    from empower_desktop.ui.step2.plan import PlanSection

    window.tabs.setCurrentIndex(1)
    page = window.pages[1]
    assert isinstance(page, LearnPage)
    section = page.show_section(PlanSection)
    section.plan.select_first(lambda row: row.item.kind is LearningType.CERTIFICATION)
    editor = section.edit_item()
    if editor is not None:
        save(editor, out / "ui-step2-item.png")
        editor.reject()
    editor = section.new_item()
    editor.accept()  # no title: the inline message
    save(editor, out / "ui-step2-item-error.png")
    editor.reject()
    section.plan.select_first(lambda row: row.item.status is not LearningStatus.DONE and bool(row.item.skill_ids))
    rerate = section.mark_done()  # changes the example data: the last step-2 shot
    if rerate is not None:
        save(rerate, out / "ui-step2-rerate.png")
        rerate.reject()
    window.tabs.setCurrentIndex(0)


def main(out: Path) -> None:
    app = make_application()
    services = Services.open_demo()
    window = build_main_window(services, SyncRunner())
    window.resize(1180, 760)
    window.show()
    names = ["step1", "step2", "step3", "step4", "review"]
    for index, name in enumerate(names):
        window.tabs.setCurrentIndex(index)
        save(window, out / f"ui-{name}.png")
    window.tabs.setCurrentIndex(0)
    assess = window.pages[0]
    assert isinstance(assess, AssessPage)
    assert len(assess.sections) > 1  # builds the sub-tabs not shown yet, so the skills table is there
    assess.panels()[1].table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    window.pages[0].filter_edit.setText("python")
    save(window, out / "ui-step1-filtered.png")
    window.pages[0].filter_edit.clear()
    self_assessment_shots(window, out)
    learn_sections_shots(window, out)
    learning_plan_shots(window, out)

    for name, dialog in (
        ("welcome", WelcomeDialog(window)),
        ("settings", SettingsDialog(services, window)),
        ("about", AboutDialog(services.data_dir, window)),
        ("four-steps", FourStepsDialog(window)),
    ):
        dialog.show()
        save(dialog, out / f"ui-{name}.png")
        dialog.close()

    settings = SettingsDialog(services, window)
    settings.show()
    settings.set_value("general.time_zone", "Mars/Olympus_Mons")
    settings.accept()
    save(settings, out / "ui-settings-error.png")
    settings.close()

    empty = Services.open(Path(tempfile.mkdtemp(prefix="empower-empty-")))
    empty.data.start_empty()
    empty_window = build_main_window(empty, SyncRunner())
    empty_window.resize(1180, 760)
    empty_window.show()
    save(empty_window, out / "ui-empty.png")

    # A damaged data file with one automatic copy.
    broken = Path(tempfile.mkdtemp(prefix="empower-broken-"))
    victim = Services.open(broken)
    victim.data.auto_copy()
    victim.close()
    (broken / DB_NAME).write_bytes(b"this is not a database" * 100)
    try:
        Services.open(broken)
    except StoreEnvironmentError as exc:
        recovery = RecoveryDialog(broken, exc)
        recovery.show()
        save(recovery, out / "ui-recovery.png")
        recovery.restore_copy()
        save(recovery, out / "ui-recovery-done.png")
    assert automatic_copies_for(broken)
    app.processEvents()
    for window_ in (window, empty_window):
        window_.close()
    for opened in (services, empty):
        opened.close()
        shutil.rmtree(opened.data_dir, ignore_errors=True)
    shutil.rmtree(broken, ignore_errors=True)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp"))


# -- Settings → Calendars ------------------------------------------------------------------------


class _Radicale:
    """A throwaway Radicale (a test dependency) with one user, anna/secret, on a free port."""

    def __init__(self, folder: Path) -> None:
        import socket
        import subprocess
        import time

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        (folder / "users").write_text("anna:secret\n")
        (folder / "config").write_text(
            f"[server]\nhosts = 127.0.0.1:{port}\n[auth]\ntype = htpasswd\n"
            f"htpasswd_filename = {folder / 'users'}\nhtpasswd_encryption = plain\ndelay = 0\n"
            f"[storage]\nfilesystem_folder = {folder / 'collections'}\n"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(folder / "config")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


def calendars_shots(out: Path) -> None:
    """The Calendars dialog, adding a CalDAV account (presets, calendars found, a refused password),
    an .ics file, editing, removing."""
    from empower_desktop.sync.targets.caldav_target import create_calendar

    make_application()
    services = Services.open_demo()
    import importlib.util

    folder = Path(tempfile.mkdtemp(prefix="empower-radicale-"))
    radicale = _Radicale(folder) if importlib.util.find_spec("radicale") is not None else None
    try:
        url = ""
        if radicale is not None:
            url = radicale.url
            create_calendar(url, "anna", "secret", "Personal")
            services.calendar.add_caldav_account(
                "work", url, "anna", "secret", None, kinds=("session", "meeting", "deadline"), remember_password=False
            )
            services.calendar.sync_account("work", password="secret")
        services.calendar.add_ics_account("phone", services.data_dir / "phone.ics", ("milestone",))
        services.calendar.sync_account("phone")
        window = build_main_window(services, SyncRunner())
        window.resize(1180, 760)
        window.show()
        calendars = window.open_calendars()
        save(calendars, out / "ui-calendars.png")

        add = calendars.add_caldav()
        save(add, out / "ui-calendars-add.png")
        add.choose_preset("iCloud")
        save(add, out / "ui-calendars-add-icloud.png")
        if url:
            add.choose_preset("Radicale")
            add.url_edit.setText(url)
            add.username_edit.setText("anna")
            add.password_edit.setText("not-it")
            add.test_connection()
            save(add, out / "ui-calendars-add-refused.png")
            add.password_edit.setText("secret")
            add.test_connection()
            save(add, out / "ui-calendars-add-found.png")
        add.reject()

        ics = calendars.add_ics()
        save(ics, out / "ui-calendars-add-ics.png")
        ics.reject()
        calendars.select("phone")
        edit = calendars.edit_selected()
        if edit is not None:
            edit.kinds_field.boxes["session"].setChecked(True)
            edit.save()  # sessions go to "work": the inline message
            save(edit, out / "ui-calendars-edit-refused.png")
            edit.reject()
        box = calendars.remove_selected()
        if box is not None:
            save(box, out / "ui-calendars-remove.png")
            box.reject()
        calendars.reject()
        window.close()
    finally:
        if radicale is not None:
            radicale.stop()
        services.close()
        shutil.rmtree(services.data_dir, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    calendars_shots(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp"))
