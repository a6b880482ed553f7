"""Tab 2 · Learn: the skills your goals ask for, the plan that builds them, and the time it takes.

Each part is a section (a sub-tab) in ui/step2/; the page reads them all in one go.
"""

from __future__ import annotations

from typing import Any

from ..widgets.section import Section
from ..widgets.sectioned_page import SectionedPage
from .gap import GapSection
from .item_editor import ItemEditor
from .learned import LearnedSection
from .plan import PlanSection
from .progress import ProgressSection
from .sessions import SessionsSection

# In this order: "Skills gap", "Plan", "Sessions", "Progress", "What I learned".
SECTIONS: tuple[type[Section], ...] = (
    GapSection,
    PlanSection,
    SessionsSection,
    ProgressSection,
    LearnedSection,
)


class LearnPage(SectionedPage):
    tab_title = "2 · Learn"
    header_title = "Learn what your goals ask of you"
    header_text = (
        "Plan the courses, certifications, books, workshops and on-the-job practice that close the gap "
        "between your skills today and your goals, and give them real time in your calendar."
    )
    start_here = "pick the goal with the biggest skill gap and plan one weekly learning session for it."
    filter_hint = "Filter this step's lists"
    SECTIONS = SECTIONS
    _reads = 0  # how many reads have been shown

    def connect_section(self, section: Section) -> None:
        super().connect_section(section)
        if isinstance(section, GapSection):
            section.plan_requested.connect(self.plan_when_read)
        if isinstance(section, SessionsSection):
            section.reload_wanted.connect(lambda: self.refresh_section(section))

    def fill(self, data: list[tuple[int, Any]]) -> None:
        super().fill(data)
        self._reads += 1

    def plan_item_for(self, skill_id: str, goal_id: str | None) -> ItemEditor:
        """Show the plan and open a new learning item for this skill (and goal), filled in."""
        return self.show_section(PlanSection).plan_item_for(skill_id, goal_id)

    def plan_when_read(self, skill_id: str, goal_id: str | None) -> None:
        """Like `plan_item_for`, but a plan shown for the first time is read before its editor
        opens (the editor lists the plan's skills and goals)."""
        first_time = self.SECTIONS.index(PlanSection) not in self._built
        reads = self._reads
        self.show_section(PlanSection)
        if not first_time or self._reads != reads:
            self.plan_item_for(skill_id, goal_id)
            return

        def read() -> None:
            self.data_loaded.disconnect(read)
            self.plan_item_for(skill_id, goal_id)

        self.data_loaded.connect(read)
