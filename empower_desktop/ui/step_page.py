"""What every tab shares: a header that says what the step is for, a filter line, lazy loading."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..services import Services
from .table_panel import TablePanel


class StepHeader(QFrame):
    """A bold title line, one or two sentences, and a "Start here:" hint."""

    def __init__(self, title: str, text: str, start_here: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepHeader")
        self.title_label = QLabel(title)
        self.title_label.setObjectName("stepTitle")
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.text_label = QLabel(text)
        self.text_label.setObjectName("stepText")
        self.text_label.setWordWrap(True)
        self.start_label = QLabel(f"<b>Start here:</b> {start_here}")
        self.start_label.setObjectName("stepStart")
        self.start_label.setWordWrap(True)
        self.start_label.setTextFormat(Qt.TextFormat.RichText)
        words = QVBoxLayout()
        words.setSpacing(6)
        words.addWidget(self.title_label)
        words.addWidget(self.text_label)
        words.addWidget(self.start_label)
        self.side = QVBoxLayout()
        self.side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(24)
        layout.addLayout(words, 2)
        layout.addLayout(self.side, 1)

    def add_side_widget(self, widget: QWidget) -> None:
        """A widget at the header's right, level with the "Start here:" line (the filter)."""
        self.side.addWidget(widget)

    def plain_text(self) -> str:
        start = self.start_label.text().replace("<b>", "").replace("</b>", "")
        return f"{self.title_label.text()}\n{self.text_label.text()}\n{start}"


class StepPage(QWidget):
    """One tab. Subclasses build their panels in `build()` and fill them in `load()`.

    Data is read only when the tab is first shown (`ensure_loaded`), so start-up reads just the
    visible tab; `mark_stale` makes the next showing read again (after a restore, for example).
    """

    tab_title = ""
    header_title = ""
    header_text = ""
    start_here = ""
    filter_hint = "Filter"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.loaded = False
        self.header = StepHeader(self.header_title, self.header_text, self.start_here)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText(f"{self.filter_hint}…")
        self.filter_edit.setToolTip("Show only the rows that contain this text (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        char = self.filter_edit.fontMetrics().averageCharWidth()
        self.filter_edit.setMinimumWidth(30 * char)
        self.filter_edit.setMaximumWidth(40 * char)
        self.filter_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.header.add_side_widget(self.filter_edit)

        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(12, 12, 12, 10)
        self.body.setSpacing(10)
        self.body.addWidget(self.header)
        content = self.build()
        self.body.addWidget(content, 1)

    @classmethod
    def tab_label(cls) -> str:
        """The title as a QTabBar or QAction text (a single "&" would become a keyboard mnemonic)."""
        return cls.tab_title.replace("&", "&&")

    # -- for subclasses --------------------------------------------------------------------------
    def build(self) -> QWidget:
        raise NotImplementedError

    def load(self) -> None:
        raise NotImplementedError

    def panels(self) -> Sequence[TablePanel[Any]]:
        return ()

    # -- loading ---------------------------------------------------------------------------------
    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.reload()

    def reload(self) -> None:
        self.load()
        self.loaded = True
        self._apply_filter(self.filter_edit.text())

    def mark_stale(self) -> None:
        self.loaded = False

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _apply_filter(self, text: str) -> None:
        for panel in self.panels():
            panel.set_filter(text)
