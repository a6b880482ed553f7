"""A step page made of sections: sub-tabs built the first time they are shown, read in one go."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...changes import Changes
from .section import Section
from .step_page import StepPage
from .table_panel import TablePanel

S = TypeVar("S", bound=Section)


class SectionTabs(QTabWidget):
    """Sub-tabs whose pages are slots filled on first show; a section stands for its slot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slot_of: dict[QWidget, QWidget] = {}

    def setCurrentWidget(self, widget: QWidget) -> None:
        super().setCurrentWidget(self.slot_of.get(widget, widget))


class SectionedPage(StepPage):
    """A tab whose parts are `SECTIONS`, one sub-tab each, in that order.

    Only the sub-tab shown first is built with the page; the others are built (and read) when
    first shown, so a tab with many parts opens as fast as one with a single table. A read runs
    every built section's `fetch` on the worker thread and `fill` hands each its part; after a
    change, only the sections that watch what changed read again.
    """

    SECTIONS: tuple[type[Section], ...] = ()

    def build(self) -> QWidget:
        self._built: dict[int, Section] = {}
        self._stale: set[int] | None = None  # built sections to read next time; None: all of them
        self._reading: set[int] = set()  # sections a read still running was asked for
        self.section_tabs = SectionTabs()
        self.section_tabs.setObjectName("sectionTabs")
        for cls in self.SECTIONS:
            slot = QWidget()
            layout = QVBoxLayout(slot)
            layout.setContentsMargins(0, 0, 0, 0)
            self.section_tabs.addTab(slot, cls.title)
        self._section(0)
        self.section_tabs.currentChanged.connect(self._section)
        return self.section_tabs

    def connect_section(self, section: Section) -> None:
        """Wire a freshly built section to the page (subclasses add their own links)."""
        section.changed.connect(self._section_changed)
        section.status.connect(self.status)
        section.undo_stack = self.undo_stack
        section.runner = self.runner

    def _section_changed(self, changes: Changes) -> None:
        self.apply_changes(changes, now=True)  # the person is looking at this page
        self.data_changed.emit(changes)  # the window tells the other tabs and the calendar sync

    def apply_changes(self, changes: Changes, now: bool = False) -> None:
        """The sections that watch what changed read again: now if asked or on screen, else when shown."""
        touched = {i for i, section in self._built.items() if changes.touches(section.WATCHES)}
        if touched:
            self.read_again(touched, now=now or self.isVisible())

    def read_again(self, indexes: set[int], now: bool = True) -> None:
        """Sections *indexes* read again: now, or else the next time the page is shown."""
        if self._stale is not None:
            self._stale |= indexes
        if now:
            self.read()
        else:
            self.loaded = False

    def refresh_section(self, section: Section) -> None:
        """Read one section again (its own view changed, e.g. the weeks it shows)."""
        self.read_again({index for index, built in self._built.items() if built is section})

    def reload(self) -> None:
        self._stale = None
        super().reload()

    def mark_stale(self) -> None:
        self._stale = None
        super().mark_stale()

    def read_failed(self) -> None:
        self._stale = None

    def reader(self) -> Callable[[], list[tuple[int, Any]]]:
        """Read the stale sections (and those a superseded read was still reading); all at first."""
        wanted = set(self._built) if self._stale is None else (self._stale | self._reading) & set(self._built)
        self._stale = set()
        self._reading = wanted
        sections = [(index, self._built[index]) for index in sorted(wanted)]
        return lambda: [(index, section.fetch()) for index, section in sections]

    def _section(self, index: int) -> Section:
        """The section of sub-tab *index*, built (and read) the first time it is needed."""
        section = self._built.get(index)
        if section is not None:
            return section
        section = self.SECTIONS[index](self.services)
        self.connect_section(section)
        slot_widget = self.section_tabs.widget(index)
        layout = slot_widget.layout() if slot_widget is not None else None
        assert layout is not None and slot_widget is not None
        layout.addWidget(section)
        self.section_tabs.slot_of[section] = slot_widget
        self._built[index] = section
        if self.loaded:
            self.read_again({index})  # read this section's part now
        return section

    def built_sections(self) -> list[Section]:
        """The sections built so far (shown at least once), in tab order."""
        return [section for _index, section in sorted(self._built.items())]

    @property
    def sections(self) -> list[Section]:
        """Every section (building the ones not shown yet)."""
        return [self._section(i) for i in range(len(self.SECTIONS))]

    def section_of(self, cls: type[S]) -> S:
        """The section of class *cls* (built if needed)."""
        index = self.SECTIONS.index(cls)
        section = self._section(index)
        assert isinstance(section, cls)
        return section

    def show_section(self, cls: type[S]) -> S:
        """Bring the sub-tab of *cls* to the front and return its section."""
        section = self.section_of(cls)
        self.section_tabs.setCurrentWidget(section)
        return section

    def current_section(self) -> Section | None:
        """The section of the sub-tab in front, if it is built."""
        return self._built.get(self.section_tabs.currentIndex())

    def focus_filter(self) -> None:
        """Ctrl+F: the section's own search field where it has one, else the page's filter line."""
        section = self.current_section()
        if section is None or not section.focus_search():
            super().focus_filter()

    def fill(self, data: list[tuple[int, Any]]) -> None:
        for index, part in data:
            self._built[index].fill(part)
        self._reading = set()

    def panels(self) -> Sequence[TablePanel[Any]]:
        return [panel for _i, section in sorted(self._built.items()) for panel in section.panels()]
