"""Step 3's network against a real SQLite store: when a contact is due is counted from what actually
happened (interactions, meetings held, a meeting the calendar kept at a time now past), from the
contact's own rhythm or its tag's, put off by a snooze until the next real contact; deleting a
contact takes its timeline and mentoring with it, and undo brings all of it back."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from empower_desktop.domain import Contact, DomainError, Interaction, Meeting, Mentorship, ZonedDateTime
from empower_desktop.domain.network import InteractionKind, MeetingState, Relationship
from empower_desktop.services import ContactRow, Services

from ...conftest import FIXED_NOW, TODAY

LONG_AGO = FIXED_NOW - timedelta(days=400)


def contact(services: Services, name: str = "Ada Lovelace", **fields: object) -> Contact:
    return services.network.save_contact(Contact(name=name, created=LONG_AGO, **fields))  # type: ignore[arg-type]


def row(services: Services, person: Contact) -> ContactRow:
    return next(r for r in services.network.contact_rows() if r.contact.id == person.id)


def contacted(services: Services, person: Contact, days_ago: int, kind: InteractionKind = InteractionKind.CALL) -> None:
    services.network.log_interaction(
        Interaction(contact_id=person.id, happened_on=TODAY - timedelta(days=days_ago), kind=kind)
    )


def meeting(
    services: Services, person: Contact, days_from_today: int, state: MeetingState, *, removed: bool = False
) -> Meeting:
    ship = services.store.mentorships.add(Mentorship(contact_id=person.id))
    start = ZonedDateTime.at(datetime.combine(TODAY + timedelta(days=days_from_today), time(12)), "Europe/Berlin")
    return services.store.meetings.add(
        Meeting(
            mentorship_id=ship.id,
            title="Mentoring",
            start=start,
            end=start + timedelta(hours=1),
            state=state,
            removed_from_calendar=removed,
        )
    )


def test_due_counts_from_the_latest_contact_of_any_kind(services: Services) -> None:
    ada = contact(services, cadence_days=30)
    assert row(services, ada).due == LONG_AGO.date() + timedelta(days=30)  # never contacted: from when added
    contacted(services, ada, 40, InteractionKind.MESSAGE)
    contacted(services, ada, 10, InteractionKind.INTRODUCTION_RECEIVED)
    contacted(services, ada, 25, InteractionKind.EVENT)  # logged later, happened earlier
    found = row(services, ada)
    assert found.last_contact == TODAY - timedelta(days=10)
    assert found.due == TODAY + timedelta(days=20)
    assert ada.id not in {r.contact.id for r in services.network.reach_out()}


def test_a_mentor_meeting_held_resets_the_rhythm(services: Services) -> None:
    mentor = contact(services, "Grace Hopper", cadence_days=30)
    contacted(services, mentor, 50)
    meeting(services, mentor, -5, MeetingState.HELD)
    assert row(services, mentor).last_contact == TODAY - timedelta(days=5)


def test_a_meeting_the_calendar_kept_at_a_past_time_counts_and_a_future_or_cancelled_one_does_not(
    services: Services,
) -> None:
    mentor = contact(services, "Grace Hopper", cadence_days=30)
    moved = meeting(services, mentor, 3, MeetingState.PLANNED)
    meeting(services, mentor, -2, MeetingState.CANCELLED)
    meeting(services, mentor, -1, MeetingState.PLANNED, removed=True)  # no sign it took place
    assert row(services, mentor).last_contact is None
    # the calendar moved it three days earlier (as a sync brings a move back): it took place then
    moved.start, moved.end = moved.start + timedelta(days=-6), moved.end + timedelta(days=-6)
    services.store.meetings.update(moved)
    assert row(services, mentor).last_contact == TODAY - timedelta(days=3)


def test_a_contacts_own_rhythm_wins_over_its_tags_and_the_most_frequent_tag_wins(services: Services) -> None:
    services.network.set_tag_rhythm("peer", 60)
    services.network.set_tag_rhythm("Recruiter", 120)
    tagged = contact(services, "Linus", tags=["recruiter", "peer"])
    own = contact(services, "Margaret", tags=["peer"], cadence_days=14)
    untagged = contact(services, "Alan")
    assert (row(services, tagged).rhythm_days, row(services, tagged).rhythm_from) == (60, "peer")
    assert (row(services, own).rhythm_days, row(services, own).rhythm_from) == (14, "")
    assert row(services, untagged).due is None
    services.network.set_tag_rhythm("PEER", None)  # removed, whatever its case
    assert (row(services, tagged).rhythm_days, row(services, tagged).rhythm_from) == (120, "recruiter")


@pytest.mark.parametrize("days", [0, -7, 3651])
def test_a_rhythm_of_zero_or_less_or_over_ten_years_is_refused(services: Services, days: int) -> None:
    with pytest.raises(DomainError, match="between 1 and 3,650 days"):
        contact(services, cadence_days=days)
    with pytest.raises(DomainError, match="between 1 and 3,650 days"):
        services.network.set_tag_rhythm("peer", days)
    assert services.store.contacts.count() == 0 and services.network.tag_rhythms() == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("email", "ada at example", "not an email address"), ("link", "not a link", "not a web address")],
)
def test_an_invalid_email_or_link_is_refused_and_nothing_saved(
    services: Services, field: str, value: str, message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        contact(services, **{field: value})
    assert services.store.contacts.count() == 0


def test_reach_out_lists_the_most_overdue_first_and_a_snooze_puts_one_off_until_the_next_contact(
    services: Services,
) -> None:
    late = contact(services, "Late", cadence_days=30)
    later = contact(services, "Later", cadence_days=30)
    fine = contact(services, "Fine", cadence_days=30)
    contacted(services, late, 35)
    contacted(services, later, 50)
    contacted(services, fine, 5)
    assert [r.contact.name for r in services.network.reach_out()] == ["Later", "Late"]
    services.network.snooze(later.id, TODAY + timedelta(days=7))
    assert row(services, later).due == TODAY + timedelta(days=7)
    assert [r.contact.name for r in services.network.reach_out()] == ["Late"]
    services.network.contacted_today(later.id)  # contacted after all: the snooze goes
    assert services.store.contacts.get(later.id).snoozed_until is None
    assert row(services, later).due == TODAY + timedelta(days=30)
    with pytest.raises(DomainError, match="after today"):
        services.network.snooze(late.id, TODAY)


def test_deleting_a_contact_takes_its_timeline_and_mentoring_and_undo_brings_them_back(services: Services) -> None:
    ada = contact(services, cadence_days=30, relationship=Relationship.MENTOR, email="ada@example.org")
    contacted(services, ada, 3)
    held = meeting(services, ada, -5, MeetingState.HELD)
    deleted = services.network.delete_contact(ada.id)
    assert services.store.contacts.count() == 0 and services.store.interactions.count() == 0
    assert services.store.meetings.count() == 0 and services.store.mentorships.count() == 0
    services.network.restore_contact(deleted)
    assert services.store.contacts.get(ada.id).relationship is Relationship.MENTOR
    assert services.store.meetings.get(held.id).state is MeetingState.HELD
    assert [i.kind for i in services.network.interactions(ada.id)] == [InteractionKind.CALL]


def test_a_follow_up_comes_after_the_contact(services: Services) -> None:
    ada = contact(services)
    with pytest.raises(DomainError, match="follow-up comes after"):
        services.network.log_interaction(
            Interaction(contact_id=ada.id, happened_on=TODAY, follow_up=TODAY - timedelta(days=1))
        )
    assert services.network.interactions(ada.id) == []
