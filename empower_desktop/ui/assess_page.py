"""Tab 1 · Assess & Set Goals: SMART goals and the self-assessment they rest on.

Each part is a section (a sub-tab) in ui/step1/; the page reads them all in one go.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from .step1.goals import GoalsSection
from .step1.profile import ProfileSection
from .step1.satisfaction import SatisfactionSection
from .step1.section import Section
from .step1.skills import SkillsSection
from .step1.vision import VisionSection
from .step_page import StepPage
from .table_panel import TablePanel

SECTIONS: tuple[type[Section], ...] = (GoalsSection, SkillsSection, ProfileSection, SatisfactionSection, VisionSection)


class AssessPage(StepPage):
    tab_title = "1 · Assess & Set Goals"
    header_title = "Know where you stand, then decide where you want to go"
    header_text = (
        "Rate your skills honestly and turn what you want into SMART goals: specific, measurable, "
        "achievable, relevant and with a deadline. Everything else in the app builds on these goals."
    )
    start_here = "rate three skills that matter for your next role, then write one goal with a deadline."
    filter_hint = "Filter this step's lists"

    def build(self) -> QWidget:
        self._built: dict[int, Section] = {}
        self.section_tabs = SectionTabs()
        self.section_tabs.setObjectName("sectionTabs")
        for cls in SECTIONS:
            slot = QWidget()
            layout = QVBoxLayout(slot)
            layout.setContentsMargins(0, 0, 0, 0)
            self.section_tabs.addTab(slot, cls.title)
        self._section(0)  # the others are built when first shown: building all five costs ~0.1 s
        self.section_tabs.currentChanged.connect(self._section)
        return self.section_tabs

    def _section(self, index: int) -> Section:
        """The section of sub-tab *index*, built (and read) the first time it is needed."""
        section = self._built.get(index)
        if section is not None:
            return section
        section = SECTIONS[index](self.services)
        section.changed.connect(self.reload)
        section.changed.connect(self.data_changed)
        section.status.connect(self.status)
        if isinstance(section, GoalsSection):
            section.undo_stack = self.undo_stack
        slot_widget = self.section_tabs.widget(index)
        layout = slot_widget.layout() if slot_widget is not None else None
        assert layout is not None and slot_widget is not None
        layout.addWidget(section)
        self.section_tabs.slot_of[section] = slot_widget
        self._built[index] = section
        if self.loaded:
            self.reload()  # read again, now with this section's part
        return section

    @property
    def sections(self) -> list[Section]:
        """Every section (building the ones not shown yet)."""
        return [self._section(i) for i in range(len(SECTIONS))]

    def fetch(self) -> list[tuple[int, Any]]:
        built = list(self._built.items())  # the sections built when the read started
        return [(index, section.fetch()) for index, section in built]

    def fill(self, data: list[tuple[int, Any]]) -> None:
        for index, part in data:
            self._built[index].fill(part)

    def panels(self) -> Sequence[TablePanel[Any]]:
        return [panel for _i, section in sorted(self._built.items()) for panel in section.panels()]


class SectionTabs(QTabWidget):
    """Sub-tabs whose pages are slots filled on first show; a section stands for its slot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slot_of: dict[QWidget, QWidget] = {}

    def setCurrentWidget(self, widget: QWidget) -> None:
        super().setCurrentWidget(self.slot_of.get(widget, widget))
