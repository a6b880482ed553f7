"""Step 1 · Vision: where a person wants to be in 1, 3 and 5 years and what success means to
them. Each save is a new version; the earlier ones stay and can be read again."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...changes import Changes, Kind
from ...domain import CareerVision
from ...services import Services
from ..formatting import DASH, date_key, first_line, fmt_date
from ..widgets.dialogs import INPUT_ERRORS, error_label, text_area
from ..widgets.section import Section
from ..widgets.step_page import split
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel

PARTS = (
    ("one_year", "In 1 year", "The role, the work and the people around you a year from now"),
    ("three_years", "In 3 years", "Where this path leads in three years"),
    ("five_years", "In 5 years", "The bigger picture: what you would like to have become"),
    ("success_means", "What success means to me", "Not only titles: time, impact, learning, people, money…"),
)


@dataclass(frozen=True)
class VisionData:
    versions: list[CareerVision] = field(default_factory=list)  # newest first


@dataclass(frozen=True)
class VersionRow:
    vision: CareerVision
    current: bool


def texts_of(vision: CareerVision | None) -> tuple[str, ...]:
    if vision is None:
        return ("",) * len(PARTS)
    return tuple(str(getattr(vision, name)) for name, _, _ in PARTS)


def _version_columns() -> list[Column[VersionRow]]:
    return [
        Column(
            "Revised",
            lambda r: fmt_date(r.vision.revised_on) + (" (current)" if r.current else ""),
            sort_key=lambda r: date_key(r.vision.revised_on),
            bold=lambda r: r.current,
            width=20,
        ),
        Column(
            "In 1 year",
            lambda r: first_line(r.vision.one_year) or DASH,
            tooltip=lambda r: r.vision.one_year or "Not written",
            stretch=True,
        ),
    ]


def version_html(vision: CareerVision) -> str:
    parts = [f"<p><b>Revised on {fmt_date(vision.revised_on)}</b></p>"]
    for name, title, _ in PARTS:
        text = str(getattr(vision, name)).strip()
        body = html.escape(text).replace("\n", "<br>") if text else f"<i>{DASH}</i>"
        parts.append(f"<p><b>{html.escape(title)}</b><br>{body}</p>")
    return "".join(parts)


class VisionSection(Section):
    title = "Vision"
    WATCHES = frozenset({Kind.VISION})

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.data = VisionData()
        self._loaded: tuple[str, ...] = texts_of(None)  # what the editors showed when last filled

        self.editors: dict[str, QPlainTextEdit] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        for index, (name, title, placeholder) in enumerate(PARTS):
            edit = text_area(placeholder, lines=4)
            edit.setObjectName(f"vision-{name}")
            label = QLabel(f"<b>{html.escape(title)}</b>")
            label.setBuddy(edit)
            row, column = divmod(index, 2)
            grid.addWidget(label, 2 * row, column)
            grid.addWidget(edit, 2 * row + 1, column)
            grid.setRowStretch(2 * row + 1, 1)
            self.editors[name] = edit
        self.revised_label = QLabel()
        self.revised_label.setObjectName("fieldHint")
        self.error_label = error_label()
        self.save_button = QPushButton("Save a &new version")
        self.save_button.setToolTip("Keep this as the new version of your vision; earlier ones stay (Ctrl+S)")
        self.save_button.clicked.connect(self.save_version)
        QShortcut(
            QKeySequence("Ctrl+S"), self, self.save_version, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        bottom = QHBoxLayout()
        bottom.addWidget(self.revised_label, 1)
        bottom.addWidget(self.save_button)
        editor_box = QWidget()
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.setContentsMargins(0, 0, 8, 0)
        editor_layout.setSpacing(8)
        editor_layout.addLayout(grid, 1)
        editor_layout.addWidget(self.error_label)
        editor_layout.addLayout(bottom)

        self.versions: TablePanel[VersionRow] = TablePanel(
            "Versions",
            _version_columns(),
            "No versions yet.\nWrite where you want to be and save it: each save keeps the one before.",
        )
        self.versions.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.versions.table.selectionModel().selectionChanged.connect(self._current_changed)
        self.viewer = QTextBrowser()
        self.viewer.setObjectName("visionVersion")
        self.viewer.setOpenLinks(False)
        self.viewer.setPlaceholderText("Select a version to read it here.")
        self.reuse_button = QPushButton("Start from this version")
        self.reuse_button.setToolTip("Copy the selected version into the editor (nothing is saved until you save)")
        self.reuse_button.clicked.connect(self.reuse_selected)
        reuse_row = QHBoxLayout()
        reuse_row.addStretch(1)
        reuse_row.addWidget(self.reuse_button)
        viewer_box = QWidget()
        viewer_layout = QVBoxLayout(viewer_box)
        viewer_layout.setContentsMargins(0, 0, 0, 0)
        viewer_layout.setSpacing(4)
        viewer_layout.addWidget(self.viewer, 1)
        viewer_layout.addLayout(reuse_row)
        history = split(Qt.Orientation.Vertical, (self.versions, 1), (viewer_box, 2))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        halves = split(Qt.Orientation.Horizontal, (editor_box, 3), (history, 2))
        halves.setSizes([600, 400])  # proportions: the versions need room for their dates
        layout.addWidget(halves, 1)
        self._show_selected()

    # -- reading ---------------------------------------------------------------------------------
    def fetch(self) -> VisionData:
        return VisionData(self.services.assessment.vision_history())

    def fill(self, data: VisionData) -> None:
        self.data = data
        current = data.versions[0] if data.versions else None
        if self.texts() == self._loaded:  # unsaved edits are never overwritten by a re-read
            self.set_texts(texts_of(current))
        self._loaded = texts_of(current)
        if current is None:
            self.revised_label.setText("Not written yet. Each save keeps a dated version.")
        else:
            count = len(data.versions)
            earlier = f"{count - 1} earlier version{'s' if count != 2 else ''} kept" if count > 1 else "first version"
            self.revised_label.setText(f"Last revised: {fmt_date(current.revised_on)}  ·  {earlier}")
        shown = self.selected()
        self.versions.set_rows([VersionRow(v, i == 0) for i, v in enumerate(data.versions)])
        if not (shown is not None and self.select_version(shown.id)) and data.versions:
            self.select_version(data.versions[1 if len(data.versions) > 1 else 0].id)  # the one before
        self._show_selected()

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.versions,)

    # -- the editor ------------------------------------------------------------------------------
    def texts(self) -> tuple[str, ...]:
        return tuple(self.editors[name].toPlainText().strip() for name, _, _ in PARTS)

    def set_texts(self, texts: Sequence[str]) -> None:
        for (name, _, _), text in zip(PARTS, texts, strict=True):
            self.editors[name].setPlainText(text)

    def save_version(self) -> CareerVision | None:
        try:
            one_year, three_years, five_years, success_means = self.texts()
            vision = self.services.assessment.save_vision(one_year, three_years, five_years, success_means)
        except INPUT_ERRORS as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            message = str(exc)
            for name, title, _ in PARTS:
                if message.startswith(title.split(" to me")[0]):
                    self.editors[name].setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        self.error_label.hide()
        if vision is None:
            self.status.emit("Nothing changed since the last version: nothing saved")
            return None
        self._loaded = texts_of(vision)
        self.announce(Changes.of(Kind.VISION), f"New version of your vision saved ({fmt_date(vision.revised_on)})")
        return vision

    # -- earlier versions ------------------------------------------------------------------------
    def selected(self) -> CareerVision | None:
        index = self.versions.table.currentIndex()
        if not index.isValid():
            return None
        return self.versions.model.row_at(index.row()).vision

    def select_version(self, vision_id: str) -> bool:
        return self.versions.select_first(lambda row: row.vision.id == vision_id)

    def _current_changed(self, *_args: Any) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        vision = self.selected()
        if vision is None:
            self.viewer.clear()
        else:
            self.viewer.setHtml(version_html(vision))
        self.reuse_button.setEnabled(vision is not None)

    def reuse_selected(self) -> None:
        vision = self.selected()
        if vision is not None:
            self.set_texts(texts_of(vision))
            self.status.emit(f"The version of {fmt_date(vision.revised_on)} is in the editor: save to keep it")
