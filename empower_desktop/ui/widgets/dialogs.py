"""What the app's dialogs and forms share: one dialog base (title, margins, an inline error line,
the button box and its keys, and optionally work run off the GUI thread), a form with Save/Cancel
that keeps the dialog open on bad input, keys bound on one widget, and a date field.

A dialog opens with `open()` (no nested event loop), so tests fill it in and press its buttons.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import ActionableError, message_for
from ..workers import TaskRunner

# What a person can fix: a rule of the domain, what was typed, or the environment. Anything else is a bug.
INPUT_ERRORS: tuple[type[BaseException], ...] = (ActionableError,)
# What work run off the GUI thread may fail with that a person can act on (a server, the keyring, the disk).
WORK_ERRORS: tuple[type[BaseException], ...] = (ActionableError, OSError)

Margins = tuple[int, int, int, int]
MARGINS: Margins = (18, 18, 18, 14)  # left, top, right, bottom: every dialog's, unless it says otherwise
SAVE_CANCEL = QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
CLOSE = QDialogButtonBox.StandardButton.Close
NO_BUTTONS = QDialogButtonBox.StandardButton.NoButton


def error_label() -> QLabel:
    """The red line under a form that says what is wrong; hidden until there is something to say."""
    label = QLabel()
    label.setObjectName("inlineError")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def hint_label(text: str = "") -> QLabel:
    """A muted line that explains a field or says what happened."""
    label = QLabel(text)
    label.setObjectName("fieldHint")
    label.setWordWrap(True)
    return label


def side_button(text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
    """A button beside a dialog's list or view that acts on it: Enter in the dialog does not press
    it (it is never the default), a click calls *slot* with no argument."""
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAutoDefault(False)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def form_layout(vertical: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignVCenter) -> QFormLayout:
    """Labels on the right of their column, fields that grow; *vertical* places a label by its field."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | vertical)
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(8)
    return form


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


class Dialog(QDialog):
    """The base of the app's dialogs: a title, a column with the standard margins, an inline error
    line, and a button box (Save/Cancel, OK/Cancel, Close, or none).

    A subclass fills `column` (a QVBoxLayout already on the dialog) and ends with `add_footer()`,
    which puts the error line and the buttons under what it added. The accept button (Save or OK)
    is the default one; it calls *on_accept* (the dialog's `accept` unless told), as Ctrl+Enter
    does when *ctrl_enter* is set; Cancel, Close and Esc call `reject`.

    Given a *runner*, `run()` does work off the GUI thread with a busy bar (`busy_row()` places
    it); results that come back after the dialog closed, or after the person changed what was
    asked (`_forget_pending()`), are dropped. Errors never leave a slot: what a person can act on
    is shown inline; anything else is a bug and goes to the app's exception hook.
    """

    def __init__(
        self,
        title: str,
        parent: QWidget | None = None,
        *,
        name: str = "",
        buttons: QDialogButtonBox.StandardButton = SAVE_CANCEL,
        accept_text: str = "",
        on_accept: Callable[[], object] | None = None,
        ctrl_enter: bool = False,
        runner: TaskRunner | None = None,
        delete_on_close: bool = False,
        fit_on_show: bool = False,
        margins: Margins | None = MARGINS,
        spacing: int | None = 12,
    ) -> None:
        """*margins* or *spacing* None keep the style's; *fit_on_show* grows the dialog to its
        content's height when it shows (wrapped text needs its height for the width it got)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        if name:
            self.setObjectName(name)
        if delete_on_close:
            self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._fit_on_show = fit_on_show
        self.error_label = error_label()
        self.buttons = self._button_box(buttons, accept_text, on_accept or self.accept)
        if ctrl_enter:
            for keys in ("Ctrl+Return", "Ctrl+Enter"):
                QShortcut(QKeySequence(keys), self, on_accept or self.accept)
        self.column = QVBoxLayout(self)
        if margins is not None:
            self.column.setContentsMargins(*margins)
        if spacing is not None:
            self.column.setSpacing(spacing)
        self._runner = runner
        self._generation = 0
        self._closed = False
        self._busy = False
        if runner is not None:
            self.busy_bar, self.busy_label = self._busy_widgets()
        self.finished.connect(self._on_finished)

    def _button_box(
        self, kinds: QDialogButtonBox.StandardButton, accept_text: str, on_accept: Callable[[], object]
    ) -> QDialogButtonBox:
        box = QDialogButtonBox(kinds)
        accept = self._accept_button(box)
        if accept is not None:
            if accept_text:
                accept.setText(accept_text)
            accept.setDefault(True)
        box.accepted.connect(on_accept)
        box.rejected.connect(self.reject)
        return box

    @staticmethod
    def _accept_button(box: QDialogButtonBox) -> QPushButton | None:
        for kind in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Ok):
            button = box.button(kind)
            if button is not None:
                return button
        return None

    @property
    def accept_button(self) -> QPushButton:
        """The button that accepts: Save, or OK."""
        button = self._accept_button(self.buttons)
        if button is None:
            raise LookupError(f"{type(self).__name__} has no Save or OK button")
        return button

    def add_footer(self, *between: QWidget | QLayout) -> None:
        """Under what the column holds: the error line, then *between*, then the buttons."""
        self.column.addWidget(self.error_label)
        for item in between:
            if isinstance(item, QLayout):
                self.column.addLayout(item)
            else:
                self.column.addWidget(item)
        self.column.addWidget(self.buttons)
        if not self.buttons.buttons():
            self.buttons.hide()  # a dialog with buttons of its own

    # -- the error line --------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        """Say what is wrong under the form; the dialog grows if the words need the room."""
        self.error_label.setText(text)
        self.error_label.show()
        self._grow_to_fit()

    def show_error_for(self, exc: BaseException) -> None:
        self.show_error(message_for(exc))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_on_show:
            self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        layout = self.layout()
        if layout is not None:
            layout.activate()
            needed = layout.totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)

    # -- work off the GUI thread -----------------------------------------------------------------
    @property
    def runner(self) -> TaskRunner:
        if self._runner is None:
            raise RuntimeError(f"{type(self).__name__} was made without a TaskRunner")
        return self._runner

    @staticmethod
    def _busy_widgets() -> tuple[QProgressBar, QLabel]:
        bar = QProgressBar()
        bar.setObjectName("busyBar")
        bar.setRange(0, 0)  # "working", without a known length
        bar.setTextVisible(False)
        bar.setFixedWidth(120)
        bar.setMaximumHeight(14)
        bar.hide()
        label = hint_label()
        label.setWordWrap(False)
        label.hide()
        return bar, label

    def _on_finished(self, _result: int) -> None:
        self._closed = True

    def busy_row(self) -> QHBoxLayout:
        """The busy bar and what is being done, for the subclass to place."""
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.busy_bar)
        row.addWidget(self.busy_label, 1)
        return row

    def is_busy(self) -> bool:
        return self._busy

    def _set_busy(self, text: str) -> None:
        busy = self._busy = bool(text)
        self.busy_bar.setVisible(busy)
        self.busy_label.setText(text)
        self.busy_label.setVisible(busy)
        self._busy_changed(busy)

    def _busy_changed(self, busy: bool) -> None:
        """Enable or disable the buttons that would start more work."""

    def _forget_pending(self) -> None:
        """What was asked changed: a result still on its way is not wanted any more."""
        self._generation += 1
        self._set_busy("")

    def run(
        self,
        doing: str,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run *work* off the GUI thread; *on_done* gets the result on the GUI thread."""
        runner = self.runner
        self._generation += 1
        generation = self._generation
        self.error_label.hide()
        self._set_busy(doing)

        def wanted() -> bool:
            return shiboken6.isValid(self) and not self._closed and generation == self._generation

        def done(result: Any) -> None:
            if not wanted():
                return
            self._set_busy("")
            try:
                on_done(result)
            except WORK_ERRORS as exc:
                self.show_error(message_for(exc))

        def failed(exc: BaseException) -> None:
            if not wanted():
                return
            self._set_busy("")
            if not isinstance(exc, WORK_ERRORS):
                self.show_error("Something went wrong inside Empower; nothing was saved.")
                sys.excepthook(type(exc), exc, exc.__traceback__)
                return
            (on_error or self.show_error_for)(exc)

        runner.run(work, done, failed)


class FormDialog(Dialog):
    """Fields in a form, an inline error line, and Save/Cancel.

    Save calls `save()`; a DomainError (or another error the person can fix) is shown inline,
    the dialog stays open and nothing is saved. Enter saves (Ctrl+Enter from a text area), Esc
    cancels. `saved` carries what `save()` returned.
    """

    saved = Signal(object)

    def __init__(self, title: str, save_text: str = "Save", parent: QWidget | None = None) -> None:
        super().__init__(title, parent, accept_text=save_text, ctrl_enter=True, delete_on_close=True)
        self.setMinimumWidth(520)
        self.form = form_layout()
        self.save_button = self.accept_button
        self.save_button.setToolTip("Save (Enter, or Ctrl+Enter in a text box)")
        self.column.addLayout(self.form)
        self.add_footer()

    def add_row(self, label: str, field: QWidget | Any, hint: str = "") -> None:
        """A labelled field; *hint* is a muted line under it."""
        self.form.addRow(label, field)
        if hint:
            self.form.addRow("", hint_label(hint))

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
            self.show_error(message_for(exc))
            field = self.focus_for(message_for(exc))
            if field is not None:
                field.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.error_label.hide()
        self.saved.emit(result)
        super().accept()
