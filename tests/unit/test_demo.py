from __future__ import annotations

from datetime import date
from pathlib import Path

from empower_desktop.demo import last_quarter, populate
from empower_desktop.domain.advocate import STAGES, Audience, InitiativeStatus, OpportunityStatus
from empower_desktop.domain.learn import LearningType, OccurrenceState
from empower_desktop.domain.network import MeetingState, MentorRole, MentorshipStatus, Owner
from empower_desktop.services import Services


def test_the_large_example_data_is_the_benchmark_size(tmp_path: Path) -> None:
    services = Services.open(tmp_path)
    populate(services.store, date(2026, 6, 15), size="large", tz="America/New_York")
    counts = services.store.counts()
    assert counts["skills"] >= 200 and counts["skill_ratings"] >= 2 * counts["skills"]
    assert counts["goals"] >= 300
    assert counts["learning_sessions"] >= 2000
    assert counts["contacts"] >= 1500
    assert counts["interactions"] >= 3000
    assert counts["achievements"] >= 1000
    assert services.store.db.integrity_check() == ["ok"]
    services.close()


def test_example_data_is_the_same_for_the_same_day(tmp_path: Path) -> None:
    titles = []
    for name in ("a", "b"):
        services = Services.open(tmp_path / name)
        populate(services.store, date(2026, 6, 15))
        store = services.store
        titles.append(
            (
                [(g.title, g.deadline, g.current) for g in store.goals.all()],
                [(c.name, c.cadence_days, c.tags) for c in store.contacts.all(order_by="name")],
                sorted((i.happened_on, i.summary, i.follow_up) for i in store.interactions.all()),
                [(m.title, m.start, [t.text for t in m.agenda]) for m in store.meetings.all()],
            )
        )
        services.close()
    assert titles[0] == titles[1]


def test_example_data_reads_as_one_persons_career(demo_services: Services) -> None:
    store = demo_services.store
    goals = {g.id: g for g in store.goals.all()}
    items = store.learning_items.all()
    for item in items:
        goal = goals.get(item.goal_id) if item.goal_id else None
        if goal is not None:  # an item builds a skill its goal asks for
            wanted = {need.skill_id for need in goal.required_skills}
            assert set(item.skill_ids) <= wanted, f"{item.title} builds nothing “{goal.title}” needs"
        if item.kind is LearningType.CERTIFICATION:
            assert goal is not None, f"{item.title} serves no goal"
        if item.kind is LearningType.CONFERENCE and item.start and item.finish:
            assert (item.finish - item.start).days <= 7, f"{item.title} runs {(item.finish - item.start).days} days"
    started = {item.id: item.start for item in items}
    for session in store.learning_sessions.all():
        begins = started.get(session.item_id)
        assert begins is None or session.start.local().date() >= begins, "a session before its item began"
    today = demo_services.today().isoformat()
    for log in store.occurrence_logs.all():
        if log.state is OccurrenceState.DONE:  # nothing is logged as done before it happened
            assert log.occurrence[:10] < today, log.occurrence


def test_example_mentoring_links_real_goals_and_carries_open_topics_over(demo_services: Services) -> None:
    store = demo_services.store
    now = demo_services.now()
    goals = {g.id: g for g in store.goals.all()}
    skills = {s.id for s in store.skills.all()}
    ships = store.mentorships.all()
    assert {s.role for s in ships} >= {MentorRole.MENTOR, MentorRole.COACH, MentorRole.MENTEE}
    ended = [s for s in ships if s.status is MentorshipStatus.ENDED]
    assert len(ended) == 1 and ended[0].what_changed
    for ship in ships:
        assert ship.cadence_days and ship.focus and ship.skill_ids
        assert set(ship.goal_ids) <= set(goals) and set(ship.skill_ids) <= skills
        wanted = {need.skill_id for g in ship.goal_ids for need in goals[g].required_skills}
        assert not ship.goal_ids or set(ship.skill_ids) <= wanted, f"{ship.focus}: skills its goals do not ask for"
        meetings = sorted(store.meetings.where("mentorship_id = ?", (ship.id,)), key=lambda m: m.start.instant)
        held = [m for m in meetings if m.state is MeetingState.HELD]
        planned = [m for m in meetings if m.state is MeetingState.PLANNED]
        assert len(held) >= 2 and all(m.is_past(now) and m.notes and m.agenda for m in held)
        if not ship.active:
            assert not planned
            continue
        [ahead] = planned
        assert not ahead.is_past(now) and ahead.start.instant > held[-1].start.instant
        carried = [t.text for t in ahead.agenda if t.carried]
        assert carried and carried == [t.text for t in held[-1].open_topics]
        assert all(not t.covered for t in ahead.agenda)
        items = [a for m in held for a in m.action_items]
        assert {a.owner for a in items} == {Owner.ME, Owner.THEM} and any(a.done for a in items)
        prep = demo_services.mentoring.prepare(ahead.id)
        assert prep.carried and prep.my_actions and prep.their_actions
        assert all(a.item.due is not None for a in prep.my_actions + prep.their_actions)


def test_example_network_has_some_to_reach_out_to_and_follow_ups_ahead(demo_services: Services) -> None:
    store = demo_services.store
    today = demo_services.today()
    due = demo_services.network.reach_out()
    assert 0 < len(due) < store.contacts.count() // 2
    assert any(row.overdue_days(today) > 0 for row in due)
    relationships = {c.relationship.value for c in store.contacts.all()}
    assert {"manager", "colleague", "peer", "recruiter", "mentor", "coach", "mentee"} <= relationships
    interactions = store.interactions.all()
    assert all(i.summary and i.happened_on <= today for i in interactions)
    assert len([i for i in interactions if i.follow_up and i.follow_up > today]) >= 2
    assert store.tag_rhythms.count() > 0


def test_example_advocacy_is_one_record_that_holds_together(demo_services: Services) -> None:
    advocacy = demo_services.advocacy
    today = demo_services.today()
    goals = {g.id: g for g in demo_services.store.goals.all()}
    initiatives = {i.id: i for i in advocacy.initiatives()}
    assert {i.status for i in initiatives.values()} == set(STAGES)  # every stage of the pipeline, and declined
    for initiative in initiatives.values():
        assert set(initiative.goal_ids) <= set(goals) and initiative.skill_ids
        if initiative.status is not InitiativeStatus.IDEA:
            assert initiative.proposed_to and initiative.case_made
        if initiative.status is InitiativeStatus.DONE:
            assert initiative.delivered_on is not None and initiative.delivered_on <= today and initiative.outcome
    achievements = advocacy.achievements()
    assert any(a.private for a in achievements)
    assert any(a.impact_value is not None and a.impact_unit for a in achievements)
    assert any(a.evidence_link for a in achievements) and any(a.noticed_by for a in achievements)
    for a in achievements:
        assert a.achieved_on <= today and a.skill_ids
        if a.initiative_id is not None:  # the goal it served is one its initiative serves
            assert a.goal_id is None or a.goal_id in initiatives[a.initiative_id].goal_ids
    opportunities = advocacy.opportunities()
    assert any(o.status is OpportunityStatus.WON for o in opportunities)
    assert any(o.status is OpportunityStatus.OPEN and o.next_step and o.next_step_on for o in opportunities)
    # Decided events are not proposed again: the example opens with one or two proposals, not a pile
    assert 1 <= len(advocacy.suggestions()) <= 2
    [prep] = [c for c in advocacy.conversations() if c.audience is Audience.MANAGER]
    assert prep.held_on is None and prep.aspirations and prep.needs and prep.ask and prep.talking_points
    start, end = last_quarter(today)
    assert (prep.period_start, prep.period_end) == (start, end)
    chosen = [a for a in achievements if a.id in prep.achievement_ids]
    assert chosen and all(a.private and start <= a.achieved_on <= end for a in chosen)
    for_them = advocacy.document(prep, for_other=True)
    assert for_them.achievements and not any(a.private for a in for_them.achievements)
    assert [a for a in advocacy.document(prep, for_other=False).achievements if a.private] == chosen
