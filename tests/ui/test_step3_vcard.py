"""Contacts from and to vCard files as a person uses them: Import vCard… shows the cards before
anything is saved (a contact already here marked and unchecked, the cards that cannot be a contact
counted), the person unchecks one more and imports exactly the rest; a file that is no address book
is refused in one line and adds nothing; Export vCard… writes a file that reads back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from empower_desktop.domain import Contact
from empower_desktop.services import Services
from empower_desktop.ui.formatting import DASH
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.step3.contacts import ContactsSection
from empower_desktop.ui.step3.page import NetworkPage
from empower_desktop.ui.step3.vcard_dialog import ImportVCardsDialog

from .conftest import WindowFactory, only_box, press
from .keys import clashes

SAMPLES = Path(__file__).parents[1] / "data" / "vcf"


def contacts_section(window: MainWindow) -> ContactsSection:
    window.tab_actions[2].trigger()  # Ctrl+3
    page = window.current_page()
    assert isinstance(page, NetworkPage)
    section = page.show_section(ContactsSection)
    QApplication.processEvents()
    assert section.isVisible()
    return section


def address_book(tmp_path: Path) -> Path:
    """Both sample exports in one file: Jürgen Müller, Grace Hopper, Zoë Ōkubo, and two cards that
    cannot be a contact (one without a name, one with a broken email)."""
    path = tmp_path / "address book.vcf"
    path.write_bytes((SAMPLES / "apple_3.0.vcf").read_bytes() + b"\r\n" + (SAMPLES / "nextcloud_4.0.vcf").read_bytes())
    return path


def pick_file(monkeypatch: pytest.MonkeyPatch, path: Path, *, save: bool = False) -> list[str]:
    """The file dialog answers *path* as if the person had chosen it; returns the captions asked."""
    asked: list[str] = []

    def choose(_parent: object, caption: str, _folder: str = "", _filter: str = "") -> tuple[str, str]:
        asked.append(caption)
        return str(path), "vCard files (*.vcf *.vcard)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName" if save else "getOpenFileName", staticmethod(choose))
    return asked


def preview(dialog: ImportVCardsDialog) -> list[tuple[bool, str, str, str, str, str]]:
    model = dialog.model
    return [
        (model.is_chosen(r), *(str(model.index(r, c).data()) for c in range(5)))  # type: ignore[misc]
        for r in range(model.rowCount())
    ]


def shown_names(section: ContactsSection) -> list[str]:
    return sorted(row.contact.name for row in section.contacts.visible_rows())


def test_preview_marks_the_duplicate_then_imports_only_the_chosen_contacts(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.network.save_contact(Contact(name="G. Hopper", organisation="US Navy", email="grace@navy.example"))
    asked = pick_file(monkeypatch, address_book(tmp_path))
    window = make_window(services)
    section = contacts_section(window)
    qtbot.waitUntil(lambda: section.contacts.model.rowCount() == 1)
    assert section.import_button.text() == "I&mport vCard…"
    section.contacts.table.setFocus()
    qtbot.keyClick(
        section.contacts.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = section.dialog
    assert isinstance(dialog, ImportVCardsDialog) and dialog.isVisible()
    assert asked == ["Import contacts from a vCard file"]
    qtbot.waitUntil(lambda: dialog.read_ok)
    assert preview(dialog) == [
        (True, "Jürgen Müller", "Börse Stuttgart", "juergen.mueller@example.de", "+49 170 1234567", "New"),
        (False, "Grace Hopper", "Navy", "grace@navy.example", DASH, "Already in your contacts: G. Hopper"),
        (True, "Zoë Ōkubo", "Contoso", "zoe.okubo@contoso.example", "+81-90-1234-5678", "New"),
    ]
    assert dialog.model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert dialog.model.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert dialog.summary_label.text() == (
        "3 contacts in the file; 1 already in your contacts. Duplicates start unchecked: check one to add it anyway."
    )
    skipped = dialog.skipped_label
    assert skipped.isVisible() and skipped.text().startswith("Skipped 2 cards that cannot be a contact: ")
    assert "(no name): A contact's name cannot be empty" in skipped.text()
    assert "Bad Mail: “not-an-address” is not an email address" in skipped.text()
    assert dialog.import_button.text() == "&Import 2 contacts" and dialog.import_button.isEnabled()
    assert clashes(dialog) == {}

    # The keyboard: Space on the current row toggles it; the buttons check and uncheck everything
    table = dialog.table
    assert dialog.focusWidget() is table and table.currentIndex().row() == 0
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert dialog.model.is_chosen(1) and dialog.import_button.text() == "&Import 3 contacts"
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert not dialog.model.is_chosen(1)
    qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    assert dialog.import_button.text() == "Nothing to import" and not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)
    assert [row[0] for row in preview(dialog)] == [True, True, True]
    for row in (1, 2):  # back to the duplicate unchecked, and Zoë unchecked too: Space on each
        table.setFocus()
        table.setCurrentIndex(dialog.model.index(row, 0))
        qtbot.keyClick(table, Qt.Key.Key_Space)
    assert [row[0] for row in preview(dialog)] == [True, False, False]
    assert dialog.import_button.text() == "&Import 1 contact"
    assert services.store.contacts.count() == 1  # nothing saved before the import

    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: section.contacts.model.rowCount() == 2)
    assert shown_names(section) == ["G. Hopper", "Jürgen Müller"]
    assert window.statusBar().currentMessage() == "Imported 1 contact from address book.vcf"
    chosen = section.selected_contact()
    assert chosen is not None and chosen.name == "Jürgen Müller"  # the imported contact is selected
    assert sorted(c.name for c in services.store.contacts.all()) == ["G. Hopper", "Jürgen Müller"]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\x00\x01\x02binary\xff" * 50, "damaged.vcf is not a vCard file: it holds no BEGIN:VCARD."),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut off", "damaged.vcf is damaged and cannot be read to the end"),
    ],
)
def test_a_damaged_or_binary_file_says_why_in_one_line_and_adds_nothing(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "damaged.vcf"
    path.write_bytes(content)
    window = make_window(services)
    section = contacts_section(window)
    qtbot.mouseClick(section.contacts.table, Qt.MouseButton.LeftButton)
    dialog = section.import_vcards(path)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    text = dialog.error_label.text()
    assert text.startswith(says) and text.endswith("Nothing was imported.")
    assert "\n" not in text and "Error" not in text and "Exception" not in text
    assert dialog.model.rowCount() == 0 and not dialog.skipped_label.isVisible()
    assert not dialog.import_button.isEnabled() and not dialog.all_button.isEnabled()
    dialog.reject()
    assert services.store.contacts.count() == 0
    assert section.contacts.is_showing_hint()


def test_export_writes_a_file_that_reads_back_with_the_same_names(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.network.import_vcards(address_book(tmp_path))
    services.network.save_contact(Contact(name="Ada Lovelace", organisation="Analytical Engines"))
    asked = pick_file(monkeypatch, tmp_path / "my network", save=True)  # no suffix: .vcf is added
    window = make_window(services)
    section = contacts_section(window)
    qtbot.waitUntil(lambda: section.contacts.model.rowCount() == 4)
    qtbot.mouseClick(section.export_button, Qt.MouseButton.LeftButton)
    assert asked == ["Export contacts to a vCard file"]
    assert window.statusBar().currentMessage() == "Exported 4 contacts to my network.vcf"
    cards = services.network.preview_vcards(tmp_path / "my network.vcf")
    assert sorted(c.name for c in cards) == shown_names(section)
    assert shown_names(section) == ["Ada Lovelace", "Grace Hopper", "Jürgen Müller", "Zoë Ōkubo"]
    assert all(c.duplicate_of for c in cards)  # the same people


def test_export_to_a_folder_that_does_not_exist_says_so(
    services: Services, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.network.save_contact(Contact(name="Ada Lovelace"))
    target = tmp_path / "gone" / "contacts.vcf"
    pick_file(monkeypatch, target, save=True)
    window = make_window(services)
    section = contacts_section(window)
    qtbot.waitUntil(lambda: section.contacts.model.rowCount() == 1)
    assert section.export_vcards() is None
    box = only_box(window)
    assert box.windowTitle() == "Contacts not exported"
    assert box.text().startswith("The vCard file could not be written.") and "does not exist" in box.text()
    assert "Error" not in box.text() and box.informativeText() == "Nothing was written."
    press(box, "OK")
    assert not target.parent.exists()


def test_export_with_no_contacts_asks_for_no_file(
    services: Services, make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = pick_file(monkeypatch, tmp_path / "empty.vcf", save=True)
    window = make_window(services)
    section = contacts_section(window)
    assert section.export_vcards() is None
    assert asked == [] and not (tmp_path / "empty.vcf").exists()
    assert window.statusBar().currentMessage() == "No contacts to export yet: add some, or import a vCard file."
