"""Help menu dialogs: About Empower Desktop, and The Four Steps Explained."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from .. import APP_NAME, __version__
from .help_text import CALENDAR_NOTE, steps_html


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APP_NAME}")
        folder = html.escape(str(data_dir))
        self.text = QLabel(
            f"<h2 style='margin-bottom:2px'>{APP_NAME}</h2>"
            f"<p style='margin-top:0'>Version {html.escape(__version__)}</p>"
            "<p>A personal career-development app that walks you through four steps and schedules "
            "the time they need in your own calendar. It works offline; your data stays on this computer.</p>"
            f"<p><b>Data folder:</b><br>{folder}</p>"
        )
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)


class FourStepsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fourStepsDialog")
        self.setWindowTitle("The Four Steps Explained")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDocumentMargin(14)
        self.browser.setHtml(
            "<h2>The four steps, and the review</h2>"
            "<p>Taking charge of your career is a cycle: know where you stand, learn, build "
            "relationships, make your work visible, then look back and adjust.</p>"
            f"{steps_html(detailed=True)}"
            f"<p style='margin-top:14px'><i>{html.escape(CALENDAR_NOTE)}</i></p>"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(620, 560)
