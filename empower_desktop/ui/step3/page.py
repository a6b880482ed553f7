"""Tab 3 · Network & Mentor: who to reach out to, the network with its rhythms, mentor meetings.

Each part is a section (a sub-tab) in ui/step3/; the page reads them all in one go.
"""

from __future__ import annotations

from ..widgets.section import Section
from ..widgets.sectioned_page import SectionedPage
from .contacts import ContactsSection, ReachOutSection
from .meetings import ActionItemsSection, MeetingsSection, MentorshipsSection

# In this order: "Reach out", "Contacts", "Mentorships", "Meetings", "Action items".
SECTIONS: tuple[type[Section], ...] = (
    ReachOutSection,
    ContactsSection,
    MentorshipsSection,
    MeetingsSection,
    ActionItemsSection,
)


class NetworkPage(SectionedPage):
    tab_title = "3 · Network & Mentor"
    header_title = "Grow the people around your career"
    header_text = (
        "Keep in touch with your network on a rhythm you choose, and get the most out of mentors and "
        "coaches by preparing each meeting and following up on what you agreed."
    )
    start_here = "add the people you learn from under Contacts, with how often you want to be in touch."
    filter_hint = "Filter this step's lists"
    SECTIONS = SECTIONS
