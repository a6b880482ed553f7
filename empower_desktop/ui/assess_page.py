"""Tab 1 · Assess & Set Goals: SMART goals and the self-assessment they rest on.

Each part is a section (a sub-tab) in ui/step1/; the page reads them all in one go.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QTabWidget, QWidget

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
        self.sections: list[Section] = [cls(self.services) for cls in SECTIONS]
        self.section_tabs = QTabWidget()
        self.section_tabs.setObjectName("sectionTabs")
        for section in self.sections:
            self.section_tabs.addTab(section, section.title)
            section.changed.connect(self.reload)
            section.changed.connect(self.data_changed)
            section.status.connect(self.status)
            if isinstance(section, GoalsSection):
                section.undo_stack = self.undo_stack
        return self.section_tabs

    def fetch(self) -> list[Any]:
        return [section.fetch() for section in self.sections]

    def fill(self, data: list[Any]) -> None:
        for section, part in zip(self.sections, data, strict=True):
            section.fill(part)

    def panels(self) -> Sequence[TablePanel[Any]]:
        return [panel for section in self.sections for panel in section.panels()]
