"""The brag document as a PDF, read back with a PDF library: a page number on every page, no line
cut or printed twice at a page break, as many pages as the content needs, the title in the file's
properties, and nothing left behind when the file cannot be written."""

from __future__ import annotations

import dataclasses
import os
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from empower_desktop.domain import Achievement
from empower_desktop.domain.advocate import Audience
from empower_desktop.services.brag import BragDocument, LearningLine, period_text
from empower_desktop.store import StoreEnvironmentError
from empower_desktop.ui.brag_pdf import application, write_pdf

START, END = date(2026, 1, 1), date(2026, 3, 31)


def document(*achievements: Achievement, title: str = "Promotion conversation with my manager") -> BragDocument:
    return BragDocument(
        title=title,
        audience=Audience.MANAGER,
        period_start=START,
        period_end=END,
        for_other=True,
        achievements=list(achievements),
    )


def wins(n: int) -> list[Achievement]:
    return [
        Achievement(
            title=f"Win number {k}",
            achieved_on=date(2026, 2, 1 + k % 28),
            impact=f"Saved the team a good deal of time in week {k}, and customers noticed it as well.",
            impact_value=float(k),
            impact_unit="hours saved",
            noticed_by="Sofia Rossi, my manager",
        )
        for k in range(n)
    ]


def page_texts(path: Path) -> list[str]:
    """Each page's text, its words separated by single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_every_page_has_its_number_and_the_title(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "brag.pdf"
    pages = write_pdf(document(*wins(80)), out)
    texts = page_texts(out)
    assert pages == len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text
        assert f"Promotion conversation with my manager · {period_text(START, END)}" in text
    metadata = PdfReader(out).metadata
    assert metadata is not None and metadata.title == "Promotion conversation with my manager"


def test_a_long_achievement_is_never_cut_or_repeated_at_a_page_break(qapp: QApplication, tmp_path: Path) -> None:
    words = [f"w{k:04d}" for k in range(1500)]  # each word once, so a line drawn on two pages shows twice
    long_one = Achievement(title="Wrote the platform handbook", achieved_on=date(2026, 2, 2), impact=" ".join(words))
    out = tmp_path / "long.pdf"
    pages = write_pdf(document(*wins(6), long_one), out)
    assert pages >= 2
    squashed = "".join("".join(page_texts(out)).split())  # a text extractor may split a word where the PDF does
    assert re.findall(r"w\d{4}", squashed) == words


def test_the_page_count_is_what_the_content_needs(qapp: QApplication, tmp_path: Path) -> None:
    counts = [write_pdf(document(*wins(n)), tmp_path / f"{n}.pdf") for n in (0, 3, 40, 120)]
    assert counts[0] == counts[1] == 1
    assert counts[1] < counts[2] < counts[3]
    assert [len(PdfReader(tmp_path / f"{n}.pdf").pages) for n in (0, 3, 40, 120)] == counts
    empty = page_texts(tmp_path / "0.pdf")[0]
    assert "Nothing was logged between 1 Jan 2026 and 31 Mar 2026" in empty


def test_a_heading_is_never_left_alone_at_the_foot_of_a_page(qapp: QApplication, tmp_path: Path) -> None:
    headings = ("Achievements", "Learning", "Aspirations", "My asks")
    for n in range(12, 20):  # as the list grows, each heading in turn reaches the foot of page 1
        doc = document(*wins(n))
        doc.learning.append(LearningLine("Staff Engineer (the book)", "Book", date(2026, 2, 1)))
        out = tmp_path / f"{n}.pdf"
        write_pdf(dataclasses.replace(doc, aspirations="Staff Engineer next cycle.", asks="Sponsor my case."), out)
        for text in page_texts(out):
            body = text.split(" Promotion conversation with my manager · ")[0]  # the footer follows
            assert not body.endswith(headings), (n, body[-80:])


def test_an_evidence_link_can_be_followed_from_the_pdf(qapp: QApplication, tmp_path: Path) -> None:
    shipped = Achievement(
        title="Shipped the tracing library",
        achieved_on=date(2026, 3, 2),
        evidence_link="https://example.org/docs/tracing-library",
    )
    out = tmp_path / "links.pdf"
    write_pdf(document(shipped), out)
    [page] = PdfReader(out).pages
    links = [note.get_object()["/A"]["/URI"] for note in page.get("/Annots", [])]
    assert links == ["https://example.org/docs/tracing-library"]


def test_an_existing_file_is_replaced_whole(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "brag.pdf"
    out.write_bytes(b"an older export" * 10_000)
    write_pdf(document(*wins(2)), out)
    assert out.read_bytes().startswith(b"%PDF")
    assert "Win number 1" in page_texts(out)[0]
    assert [p.name for p in tmp_path.iterdir()] == ["brag.pdf"]  # no temporary file left


def test_a_folder_that_cannot_be_written_gets_a_message_and_no_file(qapp: QApplication, tmp_path: Path) -> None:
    if os.name == "nt" or os.geteuid() == 0:  # no read-only folder there (root writes anyway): a file as the folder
        (tmp_path / "not-a-folder").write_text("a file", encoding="utf-8")
        out = tmp_path / "not-a-folder" / "brag.pdf"
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        out = locked / "brag.pdf"
    try:
        with pytest.raises(StoreEnvironmentError) as raised:
            write_pdf(document(*wins(3)), out)
        message = str(raised.value)
        assert message.startswith("Nothing was written. ")
        assert "Errno" not in message and "Error" not in message
        assert not out.exists()
        if out.parent.is_dir():
            assert list(out.parent.iterdir()) == []
    finally:
        if out.parent.is_dir():
            out.parent.chmod(0o700)


def test_a_missing_folder_gets_a_message_and_no_file(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "no such folder" / "brag.pdf"
    with pytest.raises(StoreEnvironmentError, match=r"^Nothing was written\. .*does not exist"):
        write_pdf(document(*wins(1)), out)
    assert list(tmp_path.iterdir()) == []


def test_the_window_keeps_its_own_application(qapp: QApplication) -> None:
    assert application() is qapp
