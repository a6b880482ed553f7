"""Help menu dialogs: About Empower Desktop, and The Four Steps Explained."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTextBrowser, QWidget

from .. import APP_NAME, __version__
from .help_text import CALENDAR_NOTE, steps_html
from .widgets.dialogs import CLOSE, Dialog


class AboutDialog(Dialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(
            f"About {APP_NAME}", parent, name="aboutDialog", buttons=CLOSE, margins=(22, 18, 22, 14), spacing=None
        )
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
        self.column.addWidget(self.text)
        self.add_footer()
        self.setMinimumWidth(460)


class FourStepsDialog(Dialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "The Four Steps Explained",
            parent,
            name="fourStepsDialog",
            buttons=CLOSE,
            margins=(16, 16, 16, 12),
            spacing=None,
        )
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
        self.column.addWidget(self.browser)
        self.add_footer()
        self.resize(620, 560)
