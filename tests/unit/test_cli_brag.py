"""`empower-desktop brag`: the brag document from the terminal, as Markdown or PDF, the same text the
window writes for the same choices; bad input is refused in one line and leaves no file."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from empower_desktop.cli import main
from empower_desktop.demo import populate
from empower_desktop.domain import Achievement
from empower_desktop.domain.advocate import Audience, Visibility
from empower_desktop.services import Services
from empower_desktop.services.brag import render_markdown

from .test_cli import run

TODAY = date(2026, 6, 15)
START, END = date(2026, 1, 1), date(2026, 3, 31)


def filled(data: Path) -> Path:
    """A data folder holding the example data and a few achievements around the first quarter."""
    services = Services.open(data)
    try:
        populate(services.store, TODAY)
        for title, on, private in (
            ("Cut CI time in half", date(2026, 2, 10), False),
            ("Settled the payments design dispute", date(2026, 3, 3), True),
            ("Shipped the retry library", date(2026, 3, 31), False),
            ("Wrote the incident handbook", date(2025, 12, 31), False),  # the day before the period
            ("Ran the spring game day", date(2026, 4, 1), False),  # the day after
        ):
            visibility = Visibility.PRIVATE if private else Visibility.SHAREABLE
            services.advocacy.save_achievement(Achievement(title=title, achieved_on=on, visibility=visibility))
    finally:
        services.close()
    return data


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return filled(tmp_path / "data")


def brag(data: Path, out: Path, *more: str, start: date = START, end: date = END) -> int:
    return main(["--data-dir", str(data), "brag", *period(start, end), *more, "--out", str(out)])


def period(start: date = START, end: date = END) -> list[str]:
    return ["--from", start.isoformat(), "--to", end.isoformat()]


def private_in_the_period(data: Path) -> int:
    services = Services.open(data)
    try:
        return sum(1 for a in services.advocacy.achievements() if a.private and START <= a.achieved_on <= END)
    finally:
        services.close()


def test_markdown_holds_the_periods_shareable_achievements(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "brag.md"
    assert brag(data, out) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Conversation with my manager\n")
    assert "Cut CI time in half" in text and "Shipped the retry library" in text
    assert "Settled the payments design dispute" not in text  # private
    assert "Wrote the incident handbook" not in text and "Ran the spring game day" not in text  # not in the period
    printed = capsys.readouterr()
    assert printed.err == ""
    assert printed.out.count("\n") == 1
    assert printed.out.startswith(f"Wrote {out}: Conversation with my manager, 1 Jan 2026 \u2013 31 Mar 2026, ")
    assert printed.out.endswith(f" ({private_in_the_period(data)} private left out; --include-private adds them)\n")

    assert brag(data, out, "--include-private", "--audience", "mentor") == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Conversation with my mentor\n")
    assert "Settled the payments design dispute" in text and "Cut CI time in half" in text
    assert "private left out" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("audience", "include_private"), [(Audience.MANAGER, False), (Audience.SKIP_LEVEL, True), (Audience.HR, False)]
)
def test_the_command_line_writes_the_same_document_as_the_window(
    data: Path, tmp_path: Path, audience: Audience, include_private: bool
) -> None:
    out = tmp_path / "brag.md"
    more = ["--audience", audience.cli_name] + (["--include-private"] if include_private else [])
    assert brag(data, out, *more) == 0
    written = out.read_text(encoding="utf-8")

    services = Services.open(data)
    try:
        advocacy = services.advocacy
        assert written == render_markdown(advocacy.brag(START, END, audience, include_private))
        prep = advocacy.new_conversation(audience, START, END)  # as the window prepares one, nothing left out
        if include_private:  # every private one chosen
            prep.achievement_ids = [a.id for a in advocacy.achievements() if a.private]
        window = render_markdown(advocacy.document(prep, for_other=not include_private))
    finally:
        services.close()
    assert written == window
    assert ("Settled the payments design dispute" in written) is include_private
    assert "## Goal progress" in written and "## Skills grown" in written  # the example data's record of the period


def test_an_end_before_the_start_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, out = tmp_path / "data", tmp_path / "brag.md"
    assert brag(data, out, start=date(2026, 3, 31), end=date(2026, 1, 1)) == 2
    err = capsys.readouterr().err
    assert err == (
        "empower-desktop brag: The period ends (1 Jan 2026) before it starts (31 Mar 2026). "
        "Choose --to on or after --from.\n"
    )
    assert not out.exists() and not data.exists()  # refused before anything was opened


def test_another_kind_of_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "brag.docx"
    assert brag(tmp_path / "data", out) == 2
    assert capsys.readouterr().err == (
        "empower-desktop brag: --out must end in .md (Markdown) or .pdf (PDF), not \u201cbrag.docx\u201d.\n"
    )
    assert not out.exists()


def test_a_date_that_is_not_one_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(tmp_path), "brag", "--from", "2026-02-30", "--to", "2026-03-31", "--out", "x.md"])
    assert exited.value.code == 2
    assert "--from: a date as YYYY-MM-DD (e.g. 2026-10-01), not '2026-02-30'" in capsys.readouterr().err


def test_a_folder_that_does_not_exist_gets_one_line_and_no_file(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no such folder" / "brag.md"
    assert brag(data, out) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("empower-desktop: Nothing was written. ")
    assert "does not exist" in err and "Errno" not in err
    assert not out.parent.exists()


def test_an_empty_period_says_so(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty.md"
    assert brag(data, out, start=date(2020, 1, 1), end=date(2020, 3, 31)) == 0
    assert "Nothing was logged between 1 Jan 2020 and 31 Mar 2020" in out.read_text(encoding="utf-8")


def test_help_says_which_format_needs_qt() -> None:
    text = " ".join(run("brag", "--help").stdout.split())
    assert "the PDF needs the Qt libraries, Markdown does not" in text
    for option in ("--from DATE", "--to DATE", "--include-private", "--out FILE.md|FILE.pdf"):
        assert option in text
    assert "{manager,skip-level,hr,mentor}" in text


def test_a_pdf_from_the_terminal_holds_the_periods_achievements(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "brag.pdf"
    # as on a server: no display, and nothing telling Qt to draw offscreen
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "-m", "empower_desktop", "--data-dir", str(data), "brag", *period(), "--out", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # Qt has nothing to complain about either
    pdf = PdfReader(out)
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Cut CI time in half" in text and "Shipped the retry library" in text
    assert "Settled the payments design dispute" not in text and "Ran the spring game day" not in text
    pages = len(pdf.pages)
    left = private_in_the_period(data)
    assert result.stdout.endswith(
        f"on {pages} page{'s' if pages != 1 else ''} ({left} private left out; --include-private adds them)\n"
    )
    assert pdf.metadata is not None and pdf.metadata.title == "Conversation with my manager"
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == ["brag.pdf"]  # no temporary file left
