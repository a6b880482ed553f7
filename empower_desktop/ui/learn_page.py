"""Tab 2 · Learn: the skills your goals ask for, the plan that builds them, and the time it takes.

Each part is a section (a sub-tab) in ui/step2/; the page reads them all in one go.
"""

from __future__ import annotations

from .sectioned_page import SectionedPage
from .step1.section import Section
from .step2.item_editor import ItemEditor
from .step2.learned import LearnedSection
from .step2.plan import PlanSection
from .step2.progress import ProgressSection
from .step2.session_table import SessionTableSection

# In this order: "Skills gap", "Plan", "Sessions", "Progress", "What I learned".
SECTIONS: tuple[type[Section], ...] = (
    # the skills gap goes first
    PlanSection,
    SessionTableSection,  # the list of sessions until the sessions section replaces it
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

    def plan_item_for(self, skill_id: str, goal_id: str | None) -> ItemEditor:
        """Show the plan and open a new learning item for this skill (and goal), filled in."""
        return self.show_section(PlanSection).plan_item_for(skill_id, goal_id)
