"""The Review tab: every step at a glance (the dashboard, with its charts), and the weekly and
quarterly reviews (their history, and the guided review itself).

Each part is a section (a sub-tab) in ui/review/; the page reads them all in one go.
"""

from __future__ import annotations

from ..widgets.section import Section
from ..widgets.sectioned_page import SectionedPage
from .dashboard import DashboardSection
from .reviews import ReviewsSection

# In this order: "Dashboard", "Reviews".
SECTIONS: tuple[type[Section], ...] = (DashboardSection, ReviewsSection)


class ReviewPage(SectionedPage):
    tab_title = "Review"
    header_title = "Look back, then adjust"
    header_text = (
        "See every step at a glance: which goals are on track and why the others are not, the hours you "
        "learned, who to reach out to and what comes next. Every week, and more deeply every quarter, a "
        "short guided review turns that into decisions and a focus."
    )
    start_here = "look at the goals off track, then run this week's review under Reviews."
    filter_hint = "Filter the lists of this tab"
    SECTIONS = SECTIONS
