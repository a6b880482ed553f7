"""The Review tab: the plain-text review of where the goals stand, and the past reviews."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QTextEdit, QVBoxLayout, QWidget

from ...changes import Kind
from ...domain import Review
from ..formatting import DASH, EN_DASH, MUTED_COLOUR, date_key, first_line, fmt_date
from ..widgets.step_page import StepPage, split
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel


def fmt_period(review: Review) -> str:
    start, end = review.period_start, review.period_end
    if start.year == end.year:
        return f"{start.day} {start:%b} {EN_DASH} {fmt_date(end)}"
    return f"{fmt_date(start)} {EN_DASH} {fmt_date(end)}"


def review_html(text: str) -> str:
    """The plain-text review, with its title and its section lines (in capitals) in bold."""
    out = []
    for number, line in enumerate(text.splitlines()):
        escaped = html.escape(line)
        indent = len(line) - len(line.lstrip(" "))
        if number == 0:
            out.append(f"<p style='font-size:large; margin-bottom:6px'><b>{escaped}</b></p>")
        elif not line.strip():
            out.append("<p style='margin:0'>&nbsp;</p>")
        elif indent == 0 and line.upper() == line and any(c.isalpha() for c in line):
            out.append(f"<p style='margin:0'><b>{escaped}</b></p>")
        else:
            out.append(f"<p style='margin:0 0 0 {indent * 6}px'>{escaped.lstrip()}</p>")
    return "".join(out)


def _review_columns() -> list[Column[Review]]:
    return [
        Column("Period", fmt_period, sort_key=lambda r: date_key(r.period_end), width=22),
        Column(
            "State",
            lambda r: "Completed" if r.completed else "In progress",
            colour=lambda r: None if r.completed else MUTED_COLOUR,
            width=11,
        ),
        Column("What was done", lambda r: first_line(r.done) or DASH, tooltip=lambda r: r.done or DASH, stretch=True),
        Column(
            "What slipped", lambda r: first_line(r.slipped) or DASH, tooltip=lambda r: r.slipped or DASH, stretch=True
        ),
    ]


class ReviewPage(StepPage):
    tab_title = "Review"
    WATCHES = frozenset({Kind.REVIEWS, Kind.GOALS, Kind.NETWORK, Kind.ADVOCACY})
    header_title = "Look back, then adjust"
    header_text = (
        "Every few weeks, see what got done and what slipped, which goals are on or off track, and "
        "re-rate your skills. A review keeps the four steps honest."
    )
    start_here = "read the summary below and choose one goal to adjust or one skill to re-rate."
    filter_hint = "Filter past reviews"

    def build(self) -> QWidget:
        self.summary = QTextEdit()
        self.summary.setObjectName("reviewText")
        self.summary.setReadOnly(True)
        self.summary.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.summary.document().setDocumentMargin(10)
        self.summary.setPlaceholderText("The review appears here once you have goals.")
        summary_box = QGroupBox("Where you stand today")
        heading = summary_box.font()
        heading.setBold(True)
        self.summary.setFont(summary_box.font())
        summary_box.setFont(heading)
        box_layout = QVBoxLayout(summary_box)
        box_layout.setContentsMargins(0, 4, 0, 0)
        box_layout.addWidget(self.summary)

        self.past: TablePanel[Review] = TablePanel(
            "Past reviews",
            _review_columns(),
            "No reviews yet.\nYour first review is a good moment to adjust your goals.",
        )
        return split(Qt.Orientation.Vertical, (summary_box, 3), (self.past, 2))

    def fetch(self) -> tuple[str, list[Review]]:
        return self.services.review.text(), self.services.review.reviews()

    def fill(self, data: tuple[str, list[Review]]) -> None:
        text, reviews = data
        self.summary.setHtml(review_html(text))
        self.past.set_rows(reviews)

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.past,)
