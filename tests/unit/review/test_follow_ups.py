"""The review lists the dated follow-ups of steps 3 and 4 that are overdue or due soon: what a
person agreed to do, wherever it was agreed, in one place."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from empower_desktop.domain import Contact, ConversationPrep, Interaction, Meeting, Mentorship, Opportunity
from empower_desktop.domain.advocate import Audience, FollowUp, OpportunityStatus
from empower_desktop.domain.common import ZonedDateTime
from empower_desktop.domain.network import ActionItem, InteractionKind, MeetingState, MentorRole, Owner
from empower_desktop.services import Services

from ...conftest import FIXED_NOW

TODAY = FIXED_NOW.date()  # 15 Jun 2026


def follow_ups(services: Services) -> list[str]:
    text = services.review.text()
    assert "FOLLOW-UPS, OVERDUE AND NEXT 2 WEEKS" in text
    section = text.split("FOLLOW-UPS, OVERDUE AND NEXT 2 WEEKS")[1].split("\n\n")[0]
    return [line.strip() for line in section.splitlines()[1:]]


def test_overdue_and_coming_follow_ups_of_every_step_are_listed_earliest_first(services: Services) -> None:
    store = services.store
    ingrid = store.contacts.add(Contact(name="Ingrid Larsen"))
    ship = store.mentorships.add(Mentorship(contact_id=ingrid.id, role=MentorRole.MENTOR, focus="Staff path"))
    start = ZonedDateTime.at(datetime(2026, 6, 1, 17, 30), "Europe/Berlin")
    store.meetings.add(
        Meeting(
            mentorship_id=ship.id,
            title="Staff path",
            start=start,
            end=ZonedDateTime.at(datetime(2026, 6, 1, 18, 15), "Europe/Berlin"),
            state=MeetingState.HELD,
            action_items=[
                ActionItem(text="Draft the promotion packet", due=TODAY - timedelta(days=2)),
                ActionItem(text="Send the rubric", due=TODAY + timedelta(days=3), owner=Owner.THEM),
                ActionItem(text="Done already", due=TODAY - timedelta(days=1), done=True),
                ActionItem(text="Far ahead", due=TODAY + timedelta(days=40)),
            ],
        )
    )
    store.interactions.add(
        Interaction(
            contact_id=ingrid.id,
            kind=InteractionKind.CALL,
            happened_on=TODAY - timedelta(days=3),
            summary="Ask about the SRE role",
            follow_up=TODAY,
        )
    )
    store.opportunities.add(
        Opportunity(title="Staff role in Platform", next_step="Talk to the hiring manager", next_step_on=TODAY)
    )
    store.opportunities.add(
        Opportunity(title="Old one", status=OpportunityStatus.DROPPED, next_step="Nothing", next_step_on=TODAY)
    )
    store.conversations.add(
        ConversationPrep(
            title="Learning budget with HR",
            audience=Audience.HR,
            follow_ups=[
                FollowUp(text="Book the exam", due=TODAY + timedelta(days=14)),
                FollowUp(text="Approve the budget", due=TODAY + timedelta(days=7), mine=False),
                FollowUp(text="Thank them", due=TODAY - timedelta(days=5), done=True),
                FollowUp(text="Some day", due=None),
            ],
        )
    )

    assert follow_ups(services) == [
        "• 13 Jun 2026 (overdue) — Draft the promotion packet",
        "• 15 Jun 2026 (today) — Follow up with Ingrid Larsen: Ask about the SRE role",
        "• 15 Jun 2026 (today) — Talk to the hiring manager (Staff role in Platform)",
        "• 18 Jun 2026 — Send the rubric (Ingrid Larsen)",
        "• 22 Jun 2026 — Approve the budget (theirs) — from “Learning budget with HR”",
        "• 29 Jun 2026 — Book the exam — from “Learning budget with HR”",
    ]


def test_without_dated_follow_ups_the_section_is_not_there(services: Services) -> None:
    store = services.store
    store.conversations.add(ConversationPrep(title="Learning budget with HR", follow_ups=[FollowUp(text="Some day")]))
    assert "FOLLOW-UPS" not in services.review.text()


def test_follow_ups_show_even_before_there_are_goals(services: Services) -> None:
    services.store.opportunities.add(
        Opportunity(title="Conference talk", next_step="Send the abstract", next_step_on=date(2026, 6, 20))
    )
    text = services.review.text()
    assert "No goals yet" in text
    assert "• 20 Jun 2026 — Send the abstract (Conference talk)" in text
