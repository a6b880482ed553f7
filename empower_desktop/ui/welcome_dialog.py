"""The first-start welcome: what the four steps are, and start empty or explore example data."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .help_text import steps_html


class WelcomeDialog(QDialog):
    """Emits `start_empty` or `explore_examples`; the window acts on the choice."""

    start_empty = Signal()
    explore_examples = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle("Welcome to Empower Desktop")
        self.setMinimumWidth(560)

        title = QLabel("Welcome to Empower Desktop")
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.5)
        title.setFont(font)

        intro = QLabel(
            "This app walks you through four steps of taking charge of your career, and puts the time "
            "they need into your own calendar. Everything stays on this computer."
        )
        intro.setWordWrap(True)
        steps = QLabel(steps_html(detailed=False))
        steps.setTextFormat(Qt.TextFormat.RichText)
        steps.setWordWrap(True)
        question = QLabel(
            "How would you like to begin? Example data opens apart from yours, in a temporary place: "
            "leave it whenever you like, and your own data is still empty."
        )
        question.setWordWrap(True)
        question.setObjectName("welcomeQuestion")

        self.empty_button = QPushButton("Start empty")
        self.empty_button.setToolTip("Begin with no data and add your own")
        self.example_button = QPushButton("Explore with example data")
        self.example_button.setToolTip("Look around a realistic example of every step, kept apart from your own data")
        self.example_button.setDefault(True)
        self.empty_button.clicked.connect(self.choose_empty)
        self.example_button.clicked.connect(self.choose_examples)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        buttons.addWidget(self.example_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(steps)
        layout.addSpacing(6)
        layout.addWidget(question)
        layout.addLayout(buttons)

    def choose_empty(self) -> None:
        self.accept()
        self.start_empty.emit()

    def choose_examples(self) -> None:
        self.accept()
        self.explore_examples.emit()
