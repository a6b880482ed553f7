"""Tab 1 · Assess & Set Goals: SMART goals and the self-assessment they rest on.

Each part is a section (a sub-tab) in ui/step1/; the page reads them all in one go.
"""

from __future__ import annotations

from ..widgets.section import Section
from ..widgets.sectioned_page import SectionedPage, SectionTabs
from .goals import GoalsSection
from .profile import ProfileSection
from .satisfaction import SatisfactionSection
from .skills import SkillsSection
from .vision import VisionSection

SECTIONS: tuple[type[Section], ...] = (GoalsSection, SkillsSection, ProfileSection, SatisfactionSection, VisionSection)

__all__ = ["SECTIONS", "AssessPage", "SectionTabs"]


class AssessPage(SectionedPage):
    tab_title = "1 · Assess & Set Goals"
    header_title = "Know where you stand, then decide where you want to go"
    header_text = (
        "Rate your skills honestly and turn what you want into SMART goals: specific, measurable, "
        "achievable, relevant and with a deadline. Everything else in the app builds on these goals."
    )
    start_here = "rate three skills that matter for your next role, then write one goal with a deadline."
    filter_hint = "Filter this step's lists"
    SECTIONS = SECTIONS  # the others are built when first shown: building all five costs ~0.1 s
