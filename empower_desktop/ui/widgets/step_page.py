"""What every tab shares: a header that says what the step is for, a filter line, lazy loading."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...changes import Changes, Kind
from ...services import Services
from ..workers import SyncRunner, TaskRunner
from .table_panel import TablePanel


def split(orientation: Qt.Orientation, *parts: tuple[QWidget, int]) -> QSplitter:
    """Widgets side by side (or stacked) that the person can resize, with stretch factors."""
    splitter = QSplitter(orientation)
    splitter.setChildrenCollapsible(False)
    for index, (widget, stretch) in enumerate(parts):
        splitter.addWidget(widget)
        splitter.setStretchFactor(index, stretch)
    return splitter


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
    """One tab. Subclasses build their panels in `build()`, read in `fetch()`, show in `fill()`.

    Data is read only when the tab is first shown (`ensure_loaded`), so start-up reads just the
    visible tab; `mark_stale` makes the next showing read again (after a restore, for example).
    `apply_changes` reads again only when a change touched a kind of record the page `WATCHES`:
    at once when the page is shown, else the next time it is.
    `fetch` runs on the runner's worker thread (services calls only, no widgets), so a large
    record never freezes the window; `fill` runs on the GUI thread with its result.
    """

    data_loaded = Signal()  # fill() has shown fresh data
    status = Signal(str)  # a short message for the status bar
    data_changed = Signal(object)  # Changes: the person changed something on this page
    load_failed = Signal(object)  # the exception fetch() raised

    tab_title = ""
    header_title = ""
    header_text = ""
    start_here = ""
    filter_hint = "Filter"
    WATCHES: frozenset[Kind] = frozenset()  # the kinds of record this page shows

    def __init__(
        self,
        services: Services,
        runner: TaskRunner | None = None,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.runner: TaskRunner = runner if runner is not None else SyncRunner()
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.loaded = False  # a read was started and not invalidated since
        self.has_data = False  # a read has been shown
        self._generation = 0  # results of reads started before the latest one are dropped
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

    def fetch(self) -> Any:
        """Read what the tab shows (on a worker thread: services calls only, no widgets)."""
        raise NotImplementedError

    def fill(self, data: Any) -> None:
        """Show what fetch() returned (on the GUI thread)."""
        raise NotImplementedError

    def panels(self) -> Sequence[TablePanel[Any]]:
        return ()

    # -- loading ---------------------------------------------------------------------------------
    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.read()

    def reader(self) -> Callable[[], Any]:
        """What the next read runs on the worker thread (chosen here, on the GUI thread)."""
        return self.fetch

    def read_failed(self) -> None:
        """A read failed: the next one reads everything (subclasses that read in parts reset here)."""

    def apply_changes(self, changes: Changes, now: bool = False) -> None:
        """Read again if *changes* touched what this page shows: now if asked or on screen, else when shown."""
        if not changes.touches(self.WATCHES):
            return
        if now or self.isVisible():
            self.reload()
        else:
            self.mark_stale()

    def reload(self) -> None:
        """Read everything the page shows again."""
        self.read()

    def read(self) -> None:
        """Read what `reader` says is due (for most pages: everything), on the worker thread."""
        self._generation += 1
        generation = self._generation
        self.loaded = True
        for panel in self.panels():
            panel.set_loading(True)
        fetch = self.reader()

        def done(data: Any) -> None:
            if generation != self._generation:
                return
            self.fill(data)
            for panel in self.panels():
                panel.set_loading(False)
            self._apply_filter(self.filter_edit.text())
            self.has_data = True
            # The new rows and figures resize parts of the page; lay it all out now, so the next
            # paint shows the final layout (not a squeezed one and, a moment later, a second paint).
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            self.data_loaded.emit()

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self.loaded = False  # try again when the tab is next shown
            self.read_failed()
            for panel in self.panels():
                panel.set_loading(False)
            self.load_failed.emit(exc)

        self.runner.run(fetch, done, failed)

    def mark_stale(self) -> None:
        self.loaded = False
        self._generation += 1  # a read still running would show the old data

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _apply_filter(self, text: str) -> None:
        for panel in self.panels():
            panel.set_filter(text)
