"""Step 4's dated items in the calendar: an open opportunity's next step and a conversation's open
follow-up with a day are all-day follow-ups, as an initiative's follow-up already was; an opportunity
won, missed or let go, a follow-up done and one without a day are not, and one that is done leaves
the calendar at the next sync."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar, Component

from empower_desktop.domain import ConversationPrep, Opportunity
from empower_desktop.domain.advocate import FollowUp, OpportunityKind, OpportunityStatus
from empower_desktop.services import Services
from empower_desktop.sync.mapping import Reminders, items_from_store, uid_for
from empower_desktop.sync.targets.memory import MemoryTarget

from .support import TARGET, our_uids, register, sync

PHONE = "Phone"


def opportunity(title: str, status: OpportunityStatus, next_step: str = "", day: date | None = None) -> Opportunity:
    return Opportunity(title=title, kind=OpportunityKind.ROLE, status=status, next_step=next_step, next_step_on=day)


@pytest.fixture
def advocacy(services: Services) -> Services:
    """Opportunities in every state, and a held conversation with follow-ups of every kind."""
    save = services.data.save
    save(
        opportunity(
            "Staff engineer, platform", OpportunityStatus.OPEN, "Ask Dana for the role profile", date(2026, 6, 22)
        )
    )
    save(opportunity("Talk at PyCon DE", OpportunityStatus.OPEN, "Write the abstract"))  # no day yet
    save(opportunity("Tech lead, payments", OpportunityStatus.WON, "Sign the offer", date(2026, 6, 18)))
    save(opportunity("Conference keynote", OpportunityStatus.MISSED, "Thank the committee", date(2026, 6, 19)))
    save(opportunity("Open-source liaison", OpportunityStatus.DROPPED, "Tell Kim", date(2026, 6, 20)))
    save(
        ConversationPrep(
            title="Promotion case with Dana",
            planned_on=date(2026, 6, 12),
            held_on=date(2026, 6, 12),
            follow_ups=[
                FollowUp(text="Send Dana the RFC summary", due=date(2026, 6, 19)),
                FollowUp(text="Set up the skip-level meeting", due=date(2026, 6, 26), mine=False),
                FollowUp(text="Share the incident write-up", due=date(2026, 6, 16), done=True),
                FollowUp(text="Think about the mentoring budget"),  # no day
            ],
        )
    )
    return services


def the_prep(services: Services) -> ConversationPrep:
    [prep] = services.store.conversations.all()
    return prep


def follow_up_items(services: Services) -> dict[str, tuple[str, date | object, date | object, str, str]]:
    """The follow-up items the app would put in a calendar, by summary: (uid, start, end, record, category)."""
    return {
        item.summary: (item.uid, item.start, item.end, item.record_id, item.category)
        for item in items_from_store(services.store, Reminders())
        if item.kind == "followup"
    }


def read_events(path: Path) -> dict[str, Component]:
    return {str(e["summary"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_open_next_steps_and_open_follow_ups_with_a_day_are_all_day_follow_ups(advocacy: Services) -> None:
    staff = next(o for o in advocacy.store.opportunities.all() if o.title == "Staff engineer, platform")
    prep = the_prep(advocacy)
    mine, theirs = prep.follow_ups[0], prep.follow_ups[1]
    one_day = timedelta(days=1)
    assert follow_up_items(advocacy) == {
        "Next step: Ask Dana for the role profile (Staff engineer, platform)": (
            uid_for("followup", staff.id),
            date(2026, 6, 22),
            date(2026, 6, 22) + one_day,
            staff.id,
            "Advocacy",
        ),
        "Follow up: Send Dana the RFC summary": (
            uid_for("followup", mine.id),
            date(2026, 6, 19),
            date(2026, 6, 19) + one_day,
            mine.id,
            "Advocacy",
        ),
        "Follow up: Set up the skip-level meeting (theirs)": (
            uid_for("followup", theirs.id),
            date(2026, 6, 26),
            date(2026, 6, 26) + one_day,
            theirs.id,
            "Advocacy",
        ),
    }


def test_the_calendar_file_holds_them_as_all_day_events(advocacy: Services, tmp_path: Path) -> None:
    path = tmp_path / "phone.ics"
    advocacy.calendar.add_ics_account(PHONE, path, kinds=("followup",))
    advocacy.calendar.sync_account(PHONE)
    events = read_events(path)
    assert sorted(events) == [
        "Follow up: Send Dana the RFC summary",
        "Follow up: Set up the skip-level meeting (theirs)",
        "Next step: Ask Dana for the role profile (Staff engineer, platform)",
    ]
    step = events["Next step: Ask Dana for the role profile (Staff engineer, platform)"]
    assert (step.decoded("dtstart"), step.decoded("dtend")) == (date(2026, 6, 22), date(2026, 6, 23))
    assert step["dtstart"].to_ical() == b"20260622"  # a day, not a time: VALUE=DATE
    # Nothing done, won, missed, let go or undated got in.
    text = path.read_text(encoding="utf-8")
    for absent in (
        "incident write-up",
        "mentoring budget",
        "Sign the offer",
        "Thank the committee",
        "Tell Kim",
        "abstract",
    ):
        assert absent not in text


def test_a_follow_up_marked_done_leaves_the_calendar_file_at_the_next_sync(advocacy: Services, tmp_path: Path) -> None:
    path = tmp_path / "phone.ics"
    advocacy.calendar.add_ics_account(PHONE, path, kinds=("followup",))
    advocacy.calendar.sync_account(PHONE)
    assert "Follow up: Send Dana the RFC summary" in read_events(path)

    prep = the_prep(advocacy)
    prep.follow_ups[0].done = True
    advocacy.data.save(prep)
    assert "Follow up: Send Dana the RFC summary" in read_events(path)  # the file changes when it is synced
    advocacy.calendar.sync_account(PHONE)
    assert sorted(read_events(path)) == [
        "Follow up: Set up the skip-level meeting (theirs)",
        "Next step: Ask Dana for the role profile (Staff engineer, platform)",
    ]

    # Undone again (a slip of the mouse), it comes back; the opportunity won, its next step goes.
    prep = the_prep(advocacy)
    prep.follow_ups[0].done = False
    advocacy.data.save(prep)
    staff = next(o for o in advocacy.store.opportunities.all() if o.status is OpportunityStatus.OPEN and o.next_step_on)
    advocacy.data.save(replace(staff, status=OpportunityStatus.WON))
    advocacy.calendar.sync_account(PHONE)
    assert sorted(read_events(path)) == [
        "Follow up: Send Dana the RFC summary",
        "Follow up: Set up the skip-level meeting (theirs)",
    ]


def test_a_next_step_given_a_day_comes_in_and_a_moved_one_moves(advocacy: Services, tmp_path: Path) -> None:
    path = tmp_path / "phone.ics"
    advocacy.calendar.add_ics_account(PHONE, path, kinds=("followup",))
    talk = next(o for o in advocacy.store.opportunities.all() if o.title == "Talk at PyCon DE")
    advocacy.data.save(replace(talk, next_step_on=date(2026, 7, 1)))
    prep = the_prep(advocacy)
    prep.follow_ups[1].due = date(2026, 7, 3)
    advocacy.data.save(prep)
    advocacy.calendar.sync_account(PHONE)
    events = read_events(path)
    assert events["Next step: Write the abstract (Talk at PyCon DE)"].decoded("dtstart") == date(2026, 7, 1)
    assert events["Follow up: Set up the skip-level meeting (theirs)"].decoded("dtstart") == date(2026, 7, 3)


def test_a_caldav_calendar_gets_them_and_loses_them_when_done_or_deleted(advocacy: Services) -> None:
    register(advocacy)
    target = MemoryTarget(TARGET)
    report = sync(advocacy, target)
    prep = the_prep(advocacy)
    mine, theirs = prep.follow_ups[0], prep.follow_ups[1]
    staff = next(o for o in advocacy.store.opportunities.all() if o.title == "Staff engineer, platform")
    ours = {uid_for("followup", record) for record in (staff.id, mine.id, theirs.id)}
    assert ours <= set(our_uids(target)) and len(report.created) == len(our_uids(target))

    prep.follow_ups[0].done = True
    advocacy.data.save(prep)
    sync(advocacy, target)
    assert uid_for("followup", mine.id) not in our_uids(target)
    assert uid_for("followup", theirs.id) in our_uids(target)

    # The conversation deleted: its follow-ups leave the calendar; the opportunity's next step stays.
    advocacy.data.delete(prep)
    sync(advocacy, target)
    assert uid_for("followup", theirs.id) not in our_uids(target)
    assert uid_for("followup", staff.id) in our_uids(target)
