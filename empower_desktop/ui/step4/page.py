"""Tab 4 · Advocate: achievements with their impact (and the ones the app proposes), initiatives
through their pipeline, opportunities with a next step, and conversations prepared on that record.

Each part is a section (a sub-tab) in ui/step4/; the page reads them all in one go.
"""

from __future__ import annotations

from ..widgets.section import Section
from ..widgets.sectioned_page import SectionedPage
from .achievements import AchievementsSection
from .conversations import ConversationsSection
from .initiatives import InitiativesSection
from .opportunities import OpportunitiesSection

# In this order: "Achievements", "Initiatives", "Opportunities", "Conversations".
SECTIONS: tuple[type[Section], ...] = (
    AchievementsSection,
    InitiativesSection,
    OpportunitiesSection,
    ConversationsSection,
)


class AdvocatePage(SectionedPage):
    tab_title = "4 · Advocate"
    header_title = "Make your work visible and ask for what you want"
    header_text = (
        "Log your achievements with their impact as they happen, move your initiatives from idea to "
        "delivered, go after the opportunities you want, and bring the record to the conversations that "
        "decide your career."
    )
    start_here = "write down one achievement from this month and what changed because of it."
    filter_hint = "Filter this step's lists"
    SECTIONS = SECTIONS

    def _apply_filter(self, text: str) -> None:
        """The filter line narrows the tables and the initiatives' pipeline too."""
        super()._apply_filter(text)
        for section in self.built_sections():
            if isinstance(section, InitiativesSection):
                section.set_filter(text)
