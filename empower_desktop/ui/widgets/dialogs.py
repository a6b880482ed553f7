"""What the self-assessment's dialogs and forms share: an inline error line, Save/Cancel that
keep the dialog open on bad input, keys bound on one widget, and a date field.

A dialog opens with `open()` (no nested event loop), so tests fill it in and press its buttons.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import ActionableError

# What a person can fix: a rule of the domain, what was typed, or the environment. Anything else is a bug.
INPUT_ERRORS: tuple[type[BaseException], ...] = (ActionableError,)


def error_label() -> QLabel:
    """The red line under a form that says what is wrong; hidden until there is something to say."""
    label = QLabel()
    label.setObjectName("inlineError")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class DateEdit(QDateEdit):
    """A day, typed or picked from a calendar; never later than *latest* (today, usually)."""

    def __init__(self, value: date, latest: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("d MMM yyyy")
        self.setMinimumDate(QDate(1970, 1, 1))
        if latest is not None:
            self.setMaximumDate(qdate(latest))
        self.set_value(value)

    def value(self) -> date:
        return pydate(self.date())

    def set_value(self, value: date) -> None:
        self.setDate(qdate(value))


def text_area(placeholder: str = "", lines: int = 3) -> QPlainTextEdit:
    """A few lines of free text; Tab moves on (so the keyboard can leave it), Ctrl+Enter saves."""
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    line = edit.fontMetrics().lineSpacing()
    edit.setMinimumHeight(lines * line + 12)
    return edit


class KeyBindings(QObject):
    """Keys handled on one widget before the widget itself sees them (Enter on a table, Ctrl+Up...).

    Unlike a shortcut, this works whichever window is active, as long as the widget has the focus.
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._bindings: dict[tuple[int, int], Callable[[], Any]] = {}
        widget.installEventFilter(self)

    def bind(
        self, keys: Sequence[Qt.Key], action: Callable[[], Any], modifiers: Qt.KeyboardModifier | None = None
    ) -> None:
        mods = modifiers if modifiers is not None else Qt.KeyboardModifier.NoModifier
        for key in keys:
            self._bindings[(int(key), int(mods.value))] = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            action = self._bindings.get((event.key(), int(mods.value)))
            if action is not None:
                action()
                return True
        return False


class FormDialog(QDialog):
    """Fields in a form, an inline error line, and Save/Cancel.

    Save calls `save()`; a DomainError (or another error the person can fix) is shown inline,
    the dialog stays open and nothing is saved. Enter saves (Ctrl+Enter from a text area), Esc
    cancels. `saved` carries what `save()` returned.
    """

    saved = Signal(object)

    def __init__(self, title: str, save_text: str = "Save", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(8)
        self.error_label = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(save_text)
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Save (Enter, or Ctrl+Enter in a text box)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 14)
        layout.setSpacing(12)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def add_row(self, label: str, field: QWidget | Any, hint: str = "") -> None:
        """A labelled field; *hint* is a muted line under it."""
        self.form.addRow(label, field)
        if hint:
            note = QLabel(hint)
            note.setObjectName("fieldHint")
            note.setWordWrap(True)
            self.form.addRow("", note)

    def save(self) -> object:
        """Write what the fields say through the services; raise what a person can fix."""
        raise NotImplementedError

    def focus_for(self, message: str) -> QWidget | None:
        """The field a refused save's message is about (it gets the focus)."""
        return None

    def accept(self) -> None:
        try:
            result = self.save()
        except INPUT_ERRORS as exc:
            self.show_error(str(exc))
            field = self.focus_for(str(exc))
            if field is not None:
                field.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.error_label.hide()
        self.saved.emit(result)
        super().accept()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        layout = self.layout()
        if layout is not None:
            layout.activate()
            self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())))
