"""Contacts from and to vCard files (tests/data/vcf: a macOS Contacts 3.0 export with non-ASCII
names, folded lines, a photo and two numbers; a Nextcloud 4.0 export with a card that has no name
and one with an invalid email), duplicates marked, bad files refused in one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from empower_desktop.domain import Contact
from empower_desktop.services import Services
from empower_desktop.services.vcard import VCardError

SAMPLES = Path(__file__).parents[2] / "data" / "vcf"


def test_a_macos_export_reads_names_numbers_links_and_notes(services: Services) -> None:
    cards = services.network.preview_vcards(SAMPLES / "apple_3.0.vcf")
    assert [c.name for c in cards] == ["Jürgen Müller", "Grace Hopper"]
    juergen = cards[0].contact
    assert juergen is not None
    assert (juergen.organisation, juergen.role, juergen.email, juergen.phone) == (
        "Börse Stuttgart",
        "Head of Engineering",
        "juergen.mueller@example.de",
        "+49 170 1234567",
    )
    assert juergen.link == "https://www.linkedin.com/in/juergen-mueller-example"
    assert "internal developer platforms" in juergen.notes  # the folded line read whole
    assert "Other numbers: +49 711 222333" in juergen.notes


def test_a_nextcloud_export_and_what_cannot_be_a_contact(services: Services) -> None:
    cards = services.network.preview_vcards(SAMPLES / "nextcloud_4.0.vcf")
    zoe, nameless, bad = cards
    assert zoe.contact is not None and zoe.contact.phone == "+81-90-1234-5678" and zoe.name == "Zoë Ōkubo"
    assert nameless.contact is None and "name cannot be empty" in nameless.problem
    assert bad.contact is None and "not an email address" in bad.problem


def test_duplicates_by_email_or_by_name_and_organisation_are_left_out_unless_asked(services: Services) -> None:
    services.network.save_contact(Contact(name="G. Hopper", email="GRACE@navy.example"))
    services.network.save_contact(Contact(name="jürgen müller", organisation="börse stuttgart"))
    cards = services.network.preview_vcards(SAMPLES / "apple_3.0.vcf")
    assert [c.duplicate_of for c in cards] == ["jürgen müller", "G. Hopper"]
    added, left = services.network.import_vcards(SAMPLES / "apple_3.0.vcf")
    assert added == 0 and len(left) == 2 and services.store.contacts.count() == 2
    added, _left = services.network.import_vcards(SAMPLES / "apple_3.0.vcf", duplicates=True)
    assert added == 2 and services.store.contacts.count() == 4


def test_export_then_import_round_trips_the_contacts(services: Services, tmp_path: Path) -> None:
    services.network.import_vcards(SAMPLES / "apple_3.0.vcf")
    path = tmp_path / "network.vcf"
    assert services.network.export_vcards(path) == 2
    text = path.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 2 and "FN:Jürgen Müller" in text
    cards = services.network.preview_vcards(path)
    assert all(c.duplicate_of for c in cards)  # the same people: every card a duplicate
    assert {(c.contact.name, c.contact.email) for c in cards if c.contact} == {
        (c.name, c.email) for c in services.store.contacts.all()
    }


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\x00\x01\x02binary\xff" * 50, "is not a vCard file"),
        (b"hello", "is not a vCard file"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut off", "is damaged"),
    ],
)
def test_a_bad_file_is_one_line_and_imports_nothing(
    services: Services, tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "bad.vcf"
    path.write_bytes(content)
    with pytest.raises(VCardError, match=says) as refused:
        services.network.import_vcards(path)
    assert "\n" not in str(refused.value) and str(refused.value).startswith("bad.vcf")
    assert services.store.contacts.count() == 0


def test_a_huge_file_is_refused_before_it_is_read(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "huge.vcf"
    with path.open("wb") as out:
        out.truncate(25 * 1024 * 1024)
    with pytest.raises(VCardError, match="too large"):
        services.network.preview_vcards(path)


def test_the_command_line_previews_imports_and_exports(services: Services, tmp_path: Path) -> None:
    data = str(services.data_dir)
    services.close()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "empower_desktop", "--data-dir", data, "contacts", *args]
        return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=60, check=True)

    dry = run("import", str(SAMPLES / "nextcloud_4.0.vcf"), "--dry-run").stdout.splitlines()
    assert dry[0] == "  new       Zoë Ōkubo"
    assert dry[-1] == "Would add 1 of 3 contacts (dry run: nothing changed)"
    assert run("import", str(SAMPLES / "nextcloud_4.0.vcf")).stdout.splitlines()[-1] == "Added 1 of 3 contacts"
    again = run("import", str(SAMPLES / "nextcloud_4.0.vcf")).stdout.splitlines()
    assert "  duplicate  Zoë Ōkubo (like “Zoë Ōkubo”)" in again and again[-1] == "Added 0 of 3 contacts"
    out = tmp_path / "out.vcf"
    assert run("export", str(out)).stdout == f"Wrote 1 contacts to {out}\n"
