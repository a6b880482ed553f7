"""Step 2 use-cases against a real SQLite store: occurrences logged, skipped, moved and cleared
(and what the calendar gets), undo of deletes, the learned log, hours, backup and restore."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from empower_desktop.domain import DomainError, LearningItem, LearningSession, Skill, ZonedDateTime
from empower_desktop.domain.assess import Goal, GoalStatus, RequiredSkill
from empower_desktop.domain.common import zone
from empower_desktop.domain.learn import LearningStatus, LearningType, OccurrenceState, SessionState
from empower_desktop.domain.recurrence import weekly_rule
from empower_desktop.services import Services
from empower_desktop.sync.mapping import CalendarItem, Reminders, items_from_store

TZ = "Europe/Berlin"  # the fixture's zone; today is Monday 15 June 2026, 11:30 in Berlin


def item(services: Services, **kw: object) -> LearningItem:
    return services.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Distributed systems", **kw))  # type: ignore[arg-type]


def tue_thu_habit(services: Services, item_id: str) -> LearningSession:
    """Every Tue and Thu 7:30-8:15 from Tuesday 2 June to the end of June."""
    start = ZonedDateTime.at(datetime(2026, 6, 2, 7, 30), TZ)
    rule = weekly_rule([1, 3], date(2026, 6, 30), TZ)
    return services.learning.save_session(
        LearningSession(item_id=item_id, start=start, end=start + timedelta(minutes=45), rrule=rule)
    )


def one_off(services: Services, item_id: str, day: date, hour: int = 18) -> LearningSession:
    start = ZonedDateTime.at(datetime.combine(day, datetime.min.time()).replace(hour=hour), TZ)
    return services.learning.save_session(LearningSession(item_id=item_id, start=start, end=start + timedelta(hours=1)))


def states(services: Services, start: date, end: date) -> list[tuple[str, OccurrenceState]]:
    return [(r.occurrence.key, r.state) for r in services.learning.occurrence_rows(start, end)]


def calendar_item(services: Services, session_id: str) -> CalendarItem | None:
    found = [i for i in items_from_store(services.store, Reminders(tz=TZ)) if i.record_id == session_id]
    return found[0] if found else None


def test_occurrences_are_planned_not_logged_done_or_skipped(services: Services) -> None:
    habit = tue_thu_habit(services, item(services).id)
    assert states(services, date(2026, 6, 8), date(2026, 6, 22)) == [
        ("2026-06-09T07:30:00", OccurrenceState.NOT_LOGGED),
        ("2026-06-11T07:30:00", OccurrenceState.NOT_LOGGED),
        ("2026-06-16T07:30:00", OccurrenceState.PLANNED),
        ("2026-06-18T07:30:00", OccurrenceState.PLANNED),
    ]
    services.learning.log_done(habit.id, "2026-06-09T07:30:00", 40, "  Fencing tokens\nbeat leases ")
    services.learning.log_skipped(habit.id, "2026-06-11T07:30:00")
    rows = services.learning.occurrence_rows(date(2026, 6, 8), date(2026, 6, 15))
    assert [(r.state, r.minutes_spent, r.takeaway) for r in rows] == [
        (OccurrenceState.DONE, 40, "Fencing tokens beat leases"),
        (OccurrenceState.SKIPPED, None, ""),
    ]
    assert rows[0].rrule_text == "Every Tue and Thu until 30 Jun 2026"
    # The skipped occurrence leaves the calendar as an exception of the series, in the series' zone.
    cal = calendar_item(services, habit.id)
    assert cal is not None and cal.exdates == ("2026-06-11T07:30:00",)
    event = cal.to_event(services.now()).to_ical().decode()
    assert "EXDATE;TZID=Europe/Berlin:20260611T073000" in event


def test_clearing_a_log_brings_a_skipped_occurrence_back(services: Services) -> None:
    habit = tue_thu_habit(services, item(services).id)
    services.learning.log_skipped(habit.id, "2026-06-16T07:30:00")  # skipping ahead of time is fine
    assert services.store.learning_sessions.get(habit.id).exdates == ["2026-06-16T07:30:00"]
    services.learning.clear_log(habit.id, "2026-06-16T07:30:00")
    assert services.store.learning_sessions.get(habit.id).exdates == []
    assert services.store.occurrence_logs.count() == 0
    assert states(services, date(2026, 6, 16), date(2026, 6, 17)) == [("2026-06-16T07:30:00", OccurrenceState.PLANNED)]
    # Done after skipped: back in the calendar, one log.
    services.learning.log_skipped(habit.id, "2026-06-11T07:30:00")
    services.learning.log_done(habit.id, "2026-06-11T07:30:00", 45)
    assert services.store.learning_sessions.get(habit.id).exdates == []
    assert services.store.occurrence_logs.count() == 1


def test_moving_a_habit_occurrence_excludes_it_and_adds_a_one_off(services: Services) -> None:
    learning = item(services)
    habit = tue_thu_habit(services, learning.id)
    berlin = zone(TZ)
    moved = services.learning.move_occurrence(
        habit.id,
        "2026-06-18T07:30:00",
        datetime(2026, 6, 19, 19, 0, tzinfo=berlin),
        datetime(2026, 6, 19, 20, 0, tzinfo=berlin),
    )
    assert moved.id != habit.id and not moved.rrule and moved.item_id == learning.id
    assert services.store.learning_sessions.get(habit.id).exdates == ["2026-06-18T07:30:00"]
    assert states(services, date(2026, 6, 18), date(2026, 6, 20)) == [("2026-06-19T19:00:00", OccurrenceState.PLANNED)]
    assert calendar_item(services, moved.id) is not None  # the new time is in the calendar
    series = calendar_item(services, habit.id)
    assert series is not None and series.exdates == ("2026-06-18T07:30:00",)
    # A one-off just moves, and its log goes with it (logged once it has taken place).
    earlier = services.learning.move_occurrence(
        moved.id,
        "2026-06-19T19:00:00",
        datetime(2026, 6, 12, 19, 0, tzinfo=berlin),
        datetime(2026, 6, 12, 20, 0, tzinfo=berlin),
    )
    assert earlier.id == moved.id
    services.learning.log_done(moved.id, "2026-06-12T19:00:00", 55)
    again = services.learning.move_occurrence(
        moved.id,
        "2026-06-12T19:00:00",
        datetime(2026, 6, 13, 19, 0, tzinfo=berlin),
        datetime(2026, 6, 13, 20, 0, tzinfo=berlin),
    )
    assert again.id == moved.id
    assert states(services, date(2026, 6, 13), date(2026, 6, 14)) == [("2026-06-13T19:00:00", OccurrenceState.DONE)]


def test_a_skipped_one_off_leaves_the_calendar_and_a_removed_one_stays_marked(services: Services) -> None:
    learning = item(services)
    session = one_off(services, learning.id, date(2026, 6, 12))  # last Friday: over, so it can be logged
    services.learning.log_skipped(session.id, "2026-06-12T18:00:00")
    assert calendar_item(services, session.id) is None
    services.learning.clear_log(session.id, "2026-06-12T18:00:00")
    assert calendar_item(services, session.id) is not None
    # Sync marks a session removed from the calendar; logging it keeps that mark.
    stored = services.store.learning_sessions.get(session.id)
    stored.state = SessionState.REMOVED_FROM_CALENDAR
    services.store.learning_sessions.update(stored)
    services.learning.log_done(session.id, "2026-06-12T18:00:00", 60)
    assert services.store.learning_sessions.get(session.id).state is SessionState.REMOVED_FROM_CALENDAR
    assert calendar_item(services, session.id) is None
    assert services.learning.occurrence_rows(date(2026, 6, 12), date(2026, 6, 13))[0].removed_from_calendar


def test_an_old_style_done_one_off_reads_as_done_and_can_be_cleared(services: Services) -> None:
    learning = item(services)
    start = ZonedDateTime.at(datetime(2026, 6, 10, 18, 0), TZ)
    old = LearningSession(
        item_id=learning.id, start=start, end=start + timedelta(hours=1), state=SessionState.DONE, minutes_spent=50,
        takeaway="Old takeaway",
    )  # fmt: skip
    services.store.learning_sessions.add(old)
    assert states(services, date(2026, 6, 10), date(2026, 6, 11)) == [("2026-06-10T18:00:00", OccurrenceState.DONE)]
    assert [e.text for e in services.learning.learned_entries()] == ["Old takeaway"]
    services.learning.clear_log(old.id, "2026-06-10T18:00:00")
    assert states(services, date(2026, 6, 10), date(2026, 6, 11)) == [
        ("2026-06-10T18:00:00", OccurrenceState.NOT_LOGGED)
    ]
    assert services.store.learning_sessions.get(old.id).state is SessionState.PLANNED


@pytest.mark.parametrize(
    ("key", "minutes", "message"),
    [
        ("2026-06-10T07:30:00", 30, "does not take place on Wed 10 Jun 2026, 07:30"),
        ("2026-06-09T07:30:00", 2000, "Minutes spent must be between 0 and 1,440"),
        ("yesterday", 30, "Not an occurrence"),
    ],
)
def test_a_log_that_does_not_fit_changes_nothing(services: Services, key: str, minutes: int, message: str) -> None:
    habit = tue_thu_habit(services, item(services).id)
    before = services.store.learning_sessions.get(habit.id)
    with pytest.raises(DomainError, match=message):
        services.learning.log_done(habit.id, key, minutes)
    assert services.store.occurrence_logs.count() == 0
    assert services.store.learning_sessions.get(habit.id) == before


def test_bad_sessions_and_items_are_refused_and_nothing_is_saved(services: Services) -> None:
    learning = item(services)
    start = ZonedDateTime.at(datetime(2026, 6, 16, 7, 30), TZ)
    with pytest.raises(DomainError, match="must end after it starts"):
        LearningSession(item_id=learning.id, start=start + timedelta(minutes=30), end=start)
    with pytest.raises(DomainError, match="at most 12 hours"):
        LearningSession(item_id=learning.id, start=start, end=start + timedelta(hours=20))
    with pytest.raises(DomainError, match="This habit never takes place"):
        LearningSession(
            item_id=learning.id, start=start, end=start + timedelta(hours=1), rrule="FREQ=WEEKLY;UNTIL=20260101"
        )
    session = services.learning.save_session(
        LearningSession(item_id=learning.id, start=start, end=start + timedelta(hours=1))
    )
    session.end = session.start  # edited in place, then saved: checked again
    with pytest.raises(DomainError, match="must end after it starts"):
        services.learning.save_session(session)
    assert services.store.learning_sessions.get(session.id).duration == timedelta(hours=1)
    with pytest.raises(DomainError, match="The link is not a web address"):
        item(services, link="htp:/nowhere")
    assert services.store.learning_items.count() == 1
    # A habit skipping its only remaining occurrence is refused whole.
    last = services.learning.save_session(
        LearningSession(item_id=learning.id, start=start, end=start + timedelta(hours=1), rrule="FREQ=WEEKLY;COUNT=1")
    )
    with pytest.raises(DomainError, match="only session of the habit"):
        services.learning.log_skipped(last.id, "2026-06-16T07:30:00")
    assert services.store.occurrence_logs.count() == 0


def test_a_habit_starts_on_its_rules_first_occurrence(services: Services) -> None:
    learning = item(services)
    monday = ZonedDateTime.at(datetime(2026, 6, 15, 7, 30), TZ)
    saved = services.learning.save_session(
        LearningSession(
            item_id=learning.id, start=monday, end=monday + timedelta(minutes=45), rrule="FREQ=WEEKLY;BYDAY=TU"
        )
    )
    assert saved.start.local().replace(tzinfo=None) == datetime(2026, 6, 16, 7, 30)
    assert saved.duration == timedelta(minutes=45)


def test_deleting_an_item_or_a_session_can_be_undone(services: Services) -> None:
    learning = item(services)
    habit = tue_thu_habit(services, learning.id)
    services.learning.log_done(habit.id, "2026-06-09T07:30:00", 40, "Takeaway")
    note = services.learning.add_note("Quorum reads need quorum writes", learning.id)
    before = services.store.counts()

    deleted = services.learning.delete_item(learning.id)
    after = services.store.counts()
    assert (after["learning_items"], after["learning_sessions"], after["occurrence_logs"]) == (0, 0, 0)
    assert services.store.learning_notes.get(note.id).item_id is None  # what was learned stays
    services.learning.restore_item(deleted)
    assert services.store.counts() == before
    assert services.store.learning_notes.get(note.id).item_id == learning.id
    assert states(services, date(2026, 6, 9), date(2026, 6, 10)) == [("2026-06-09T07:30:00", OccurrenceState.DONE)]

    gone = services.learning.delete_session(habit.id)
    assert services.store.occurrence_logs.count() == 0
    services.learning.restore_session(gone)
    assert services.store.counts() == before

    removed = services.learning.delete_note(note.id)
    assert services.store.learning_notes.count() == 0
    services.learning.restore_note(removed)
    assert services.store.learning_notes.get(note.id) == note


def test_the_learned_log_is_newest_first_and_searchable(services: Services) -> None:
    learning = item(services)
    book = services.learning.save_item(LearningItem(kind=LearningType.BOOK, title="Staff Engineer"))
    habit = tue_thu_habit(services, learning.id)
    services.learning.log_done(habit.id, "2026-06-04T07:30:00", 45, "Leases need FENCING tokens")
    services.learning.log_done(habit.id, "2026-06-09T07:30:00", 45)  # no takeaway: not in the log
    services.learning.add_note("Write the promotion doc early", book.id, on=date(2026, 6, 12))
    services.learning.add_note("Ask for the scope, not the title", on=date(2026, 6, 1))
    entries = services.learning.learned_entries()
    assert [(e.on, e.source, e.item_title, e.text) for e in entries] == [
        (date(2026, 6, 12), "note", "Staff Engineer", "Write the promotion doc early"),
        (date(2026, 6, 4), "session", "Distributed systems", "Leases need FENCING tokens"),
        (date(2026, 6, 1), "note", "", "Ask for the scope, not the title"),
    ]
    assert [e.text for e in services.learning.learned_entries("fencing")] == ["Leases need FENCING tokens"]
    assert [e.text for e in services.learning.learned_entries("staff doc")] == [
        "Write the promotion doc early"
    ]  # title + text
    assert services.learning.learned_entries("kubernetes") == []
    with pytest.raises(DomainError, match=r"cannot be dated after today \(15 Jun 2026\)"):
        services.learning.add_note("Later", on=date(2026, 7, 1))
    with pytest.raises(DomainError, match="cannot be empty"):
        services.learning.add_note("   ")


def test_the_quarter_shows_planned_and_logged_hours_per_iso_week(services: Services) -> None:
    habit = tue_thu_habit(services, item(services).id)
    services.learning.log_done(habit.id, "2026-06-09T07:30:00", 30)
    services.learning.log_skipped(habit.id, "2026-06-11T07:30:00")
    weeks = services.learning.quarter_hours()
    assert weeks[0].week_start == date(2026, 3, 30) and len(weeks) == 14
    by_week = {w.week_start: (w.planned, w.logged) for w in weeks}
    assert by_week[date(2026, 6, 8)] == pytest.approx((0.75, 0.5))
    assert by_week[date(2026, 6, 15)] == pytest.approx((1.5, 0.0))
    assert by_week[date(2026, 6, 29)] == pytest.approx((0.75, 0.0))  # Tue 30th is the last
    assert services.learning.weekly_target_hours() == 3.0
    services.learning.set_weekly_target_hours(4.5)
    assert services.learning.weekly_target_hours() == 4.5
    with pytest.raises(DomainError, match="between 0 and 80"):
        services.learning.set_weekly_target_hours(200)


def test_the_skills_gap_and_rerating_when_an_item_is_done(services: Services) -> None:
    python = services.assessment.add_skill("Python", target_level=5, level=2)
    sql = services.assessment.add_skill("SQL", level=4)
    goal = services.data.save(
        Goal(
            title="Lead the data platform",
            status=GoalStatus.ACTIVE,
            deadline=date(2026, 7, 15),
            required_skills=[
                RequiredSkill(skill_id=sql.id, target_level=5),
                RequiredSkill(skill_id=python.id, target_level=4),
            ],
        )
    )
    rows = services.learning.skills_gap()
    assert [(r.skill_name, r.gap, r.goal_id) for r in rows] == [("Python", 2, goal.id), ("SQL", 1, goal.id)]
    learning = services.learning.save_item(
        LearningItem(kind=LearningType.CERTIFICATION, title="Cert", skill_ids=[python.id, "gone"], goal_id=goal.id)
    )
    assert learning.skill_ids == [python.id]
    assert services.learning.set_item_status(learning.id, LearningStatus.IN_PROGRESS) == []
    to_rerate = services.learning.set_item_status(learning.id, LearningStatus.DONE)
    assert [s.name for s in to_rerate] == ["Python"] and isinstance(to_rerate[0], Skill)
    stored = services.store.learning_items.get(learning.id)
    assert (stored.start, stored.finish, stored.earned_on) == (date(2026, 6, 15),) * 3
    services.assessment.rate_skill(python.id, 4)
    assert [(r.skill_name, r.gap) for r in services.learning.skills_gap()] == [("SQL", 1), ("Python", 0)]


def test_done_early_means_done_today_not_on_the_planned_finish(services: Services) -> None:
    today = services.today()
    cert = services.learning.save_item(
        LearningItem(
            kind=LearningType.CERTIFICATION,
            title="Planned far ahead",
            start=today + timedelta(days=10),
            finish=today + timedelta(days=90),
        )
    )
    services.learning.set_item_status(cert.id, LearningStatus.DONE)
    stored = services.store.learning_items.get(cert.id)
    assert (stored.start, stored.finish, stored.earned_on) == (today, today, today)


def test_certification_reminders_from_the_store(services: Services) -> None:
    services.learning.save_item(
        LearningItem(
            kind=LearningType.CERTIFICATION, title="CKA", earned_on=date(2024, 8, 1), expires_on=date(2026, 8, 1)
        )
    )
    services.learning.save_item(
        LearningItem(
            kind=LearningType.CERTIFICATION, title="Later", earned_on=date(2025, 1, 1), expires_on=date(2028, 1, 1)
        )
    )
    assert [(r.title, r.days_left) for r in services.learning.certification_reminders()] == [("CKA", 47)]


def test_backup_and_restore_keep_logs_and_notes(demo_services: Services, tmp_path: Path) -> None:
    counts = demo_services.data.backup(tmp_path / "b.json")
    assert counts["occurrence_logs"] > 0 and counts["learning_notes"] > 0
    other = Services.open(tmp_path / "other", clock=demo_services.now)
    other.settings.set("general.time_zone", TZ)
    assert other.data.restore(tmp_path / "b.json") == counts
    assert other.learning.learned_entries() == demo_services.learning.learned_entries()
    window = (date(2026, 5, 1), date(2026, 7, 1))
    assert [(r.occurrence, r.state) for r in other.learning.occurrence_rows(*window)] == [
        (r.occurrence, r.state) for r in demo_services.learning.occurrence_rows(*window)
    ]
    other.close()


def test_a_backup_from_before_the_learning_log_still_restores(demo_services: Services, tmp_path: Path) -> None:
    demo_services.data.backup(tmp_path / "b.json")
    doc = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    doc["schema_version"] = 3
    del doc["records"]["occurrence_logs"], doc["records"]["learning_notes"]
    (tmp_path / "old.json").write_text(json.dumps(doc), encoding="utf-8")
    counts = demo_services.data.restore(tmp_path / "old.json")
    assert counts["occurrence_logs"] == 0 and demo_services.store.learning_notes.count() == 0
    doc["schema_version"] = 4  # from this version on, a missing table means a damaged file
    (tmp_path / "cut.json").write_text(json.dumps(doc), encoding="utf-8")
    from empower_desktop.store import BackupError

    with pytest.raises(BackupError, match="incomplete"):
        demo_services.data.restore(tmp_path / "cut.json")


def test_the_demo_data_makes_the_learn_tab_look_alive(demo_services: Services) -> None:
    rows = demo_services.learning.occurrence_rows(date(2026, 4, 1), date(2026, 7, 1))
    found = {r.state for r in rows if r.occurrence.habit}
    assert found == {OccurrenceState.DONE, OccurrenceState.SKIPPED, OccurrenceState.NOT_LOGGED, OccurrenceState.PLANNED}
    assert any(r.takeaway for r in rows if r.occurrence.habit)
    assert demo_services.learning.learned_entries() and demo_services.learning.certification_reminders()
    assert [r for r in demo_services.learning.skills_gap() if r.group == "goal" and r.gap > 0]
    assert any(w.logged > 0 for w in demo_services.learning.quarter_hours())


def moved_by_another_app(services: Services, session_id: str, hour: int, minute: int) -> None:
    """A calendar app moved the whole series: sync sets the session's start and end, nothing else."""
    session = services.store.learning_sessions.get(session_id)
    start = ZonedDateTime.at(datetime.combine(session.start.local().date(), datetime.min.time()), TZ)
    start = ZonedDateTime.at(start.local().replace(tzinfo=None, hour=hour, minute=minute), TZ)
    session.start, session.end = start, start + session.duration
    session.validate()
    services.store.learning_sessions.update(session)


def test_a_habit_moved_elsewhere_keeps_what_was_logged_at_the_old_time(services: Services) -> None:
    habit = tue_thu_habit(services, item(services).id)
    services.learning.log_done(habit.id, "2026-06-09T07:30:00", 40, "Fencing tokens")
    services.learning.log_skipped(habit.id, "2026-06-11T07:30:00")
    moved_by_another_app(services, habit.id, 8, 0)  # 7:30 -> 8:00 from Tuesday 2 June on
    week = {w.week_start: w for w in services.learning.quarter_hours()}[date(2026, 6, 8)]
    assert week.logged == pytest.approx(40 / 60)  # the skipped one adds nothing
    rows = services.learning.occurrence_rows(date(2026, 6, 8), date(2026, 6, 15))
    assert [(r.occurrence.key, r.state, r.minutes_spent) for r in rows] == [
        ("2026-06-09T07:30:00", OccurrenceState.DONE, 40),
        ("2026-06-09T08:00:00", OccurrenceState.NOT_LOGGED, None),
        ("2026-06-11T07:30:00", OccurrenceState.SKIPPED, None),
        ("2026-06-11T08:00:00", OccurrenceState.NOT_LOGGED, None),
    ]
    assert rows[0].occurrence.end - rows[0].occurrence.start == timedelta(minutes=45)
    assert [(e.on, e.text) for e in services.learning.learned_entries()] == [(date(2026, 6, 9), "Fencing tokens")]
    # The log at the old time can still be changed and cleared; it cannot be moved or skipped
    # into the calendar, where nothing takes place at that time any more.
    services.learning.log_done(habit.id, "2026-06-09T07:30:00", 50)
    assert {w.week_start: w for w in services.learning.quarter_hours()}[date(2026, 6, 8)].logged == pytest.approx(
        50 / 60
    )
    with pytest.raises(DomainError, match="no longer takes place"):
        services.learning.move_occurrence(
            habit.id,
            "2026-06-09T07:30:00",
            datetime(2026, 6, 9, 18, tzinfo=zone(TZ)),
            datetime(2026, 6, 9, 19, tzinfo=zone(TZ)),
        )
    services.learning.log_skipped(habit.id, "2026-06-09T07:30:00")
    assert services.store.learning_sessions.get(habit.id).exdates == ["2026-06-11T07:30:00"]
    services.learning.clear_log(habit.id, "2026-06-09T07:30:00")
    services.learning.clear_log(habit.id, "2026-06-11T07:30:00")
    assert services.store.occurrence_logs.count() == 0
    assert [r.occurrence.key for r in services.learning.occurrence_rows(date(2026, 6, 8), date(2026, 6, 15))] == [
        "2026-06-09T08:00:00",
        "2026-06-11T08:00:00",
    ]


def edit_time(services: Services, session_id: str, hour: int, minute: int) -> LearningSession:
    """Change a habit's time as the editor does: same first day, same rule and exceptions."""
    session = services.store.learning_sessions.get(session_id)
    start = ZonedDateTime.at(datetime.combine(session.start.local().date(), datetime.min.time()), TZ)
    start = ZonedDateTime.at(start.local().replace(tzinfo=None, hour=hour, minute=minute), TZ)
    return services.learning.save_session(
        LearningSession(
            id=session.id,
            created=session.created,
            item_id=session.item_id,
            start=start,
            end=start + session.duration,
            rrule=session.rrule,
            exdates=session.exdates,
            reminder_minutes=10,
            location="Library",
        )
    )


def test_changing_a_habits_time_mid_series_applies_from_today_on(services: Services) -> None:
    habit = tue_thu_habit(services, item(services).id)
    services.learning.log_done(habit.id, "2026-06-09T07:30:00", 40, "Fencing tokens")
    services.learning.log_skipped(habit.id, "2026-06-11T07:30:00")
    services.learning.log_skipped(habit.id, "2026-06-18T07:30:00")  # skipped ahead of time
    before = {
        w.week_start: (w.planned, w.logged)
        for w in services.learning.quarter_hours()
        if w.week_start < date(2026, 6, 15)
    }
    new = edit_time(services, habit.id, 7, 30 + 15)  # 7:30 -> 7:45, today is Monday 15 June
    assert new.id != habit.id and new.item_id == habit.item_id
    assert (new.reminder_minutes, new.location) == (10, "Library")
    assert new.start.local().replace(tzinfo=None) == datetime(2026, 6, 16, 7, 45)
    old = services.store.learning_sessions.get(habit.id)
    assert old.start.local().replace(tzinfo=None) == datetime(2026, 6, 2, 7, 30)
    assert old.rrule == "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260614T215959Z"  # just before today in Berlin
    assert old.exdates == ["2026-06-11T07:30:00"]
    assert [(g.occurrence, g.state) for g in services.store.occurrence_logs.where("session_id = ?", (habit.id,))] == [
        ("2026-06-09T07:30:00", OccurrenceState.DONE),
        ("2026-06-11T07:30:00", OccurrenceState.SKIPPED),
        ("2026-06-18T07:30:00", OccurrenceState.SKIPPED),  # listed at its time, to be cleared
    ]
    after = {
        w.week_start: (w.planned, w.logged)
        for w in services.learning.quarter_hours()
        if w.week_start < date(2026, 6, 15)
    }
    assert after == before
    assert states(services, date(2026, 6, 8), date(2026, 6, 20)) == [
        ("2026-06-09T07:30:00", OccurrenceState.DONE),
        ("2026-06-11T07:30:00", OccurrenceState.SKIPPED),
        ("2026-06-16T07:45:00", OccurrenceState.PLANNED),
        ("2026-06-18T07:30:00", OccurrenceState.SKIPPED),  # the new time has no such occurrence
        ("2026-06-18T07:45:00", OccurrenceState.PLANNED),
    ]
    # The calendar: the old series ends before today, the new one starts tomorrow.
    old_event = calendar_item(services, habit.id)
    new_event = calendar_item(services, new.id)
    assert old_event is not None and new_event is not None
    assert old_event.rrule == old.rrule and old_event.exdates == ("2026-06-11T07:30:00",)
    assert new_event.rrule == "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260630T215959Z" and new_event.exdates == ()
    assert "DTSTART;TZID=Europe/Berlin:20260616T074500" in new_event.to_event(services.now()).to_ical().decode()


def test_changing_a_habit_keeps_later_exceptions_it_still_has(services: Services) -> None:
    habit = tue_thu_habit(services, item(services).id)
    services.learning.log_done(habit.id, "2026-06-09T07:30:00", 40)
    services.learning.log_skipped(habit.id, "2026-06-16T07:30:00")
    session = services.store.learning_sessions.get(habit.id)
    new = services.learning.save_session(
        dataclasses.replace(session, rrule=weekly_rule([1, 3, 4], date(2026, 6, 30), TZ))
    )
    assert new.id != habit.id and new.exdates == ["2026-06-16T07:30:00"]
    assert sorted((g.occurrence, g.session_id) for g in services.store.occurrence_logs.all()) == [
        ("2026-06-09T07:30:00", habit.id),
        ("2026-06-16T07:30:00", new.id),
    ]


def test_a_habit_without_sessions_before_today_or_after_it_is_edited_in_place(services: Services) -> None:
    item_id = item(services).id
    start = ZonedDateTime.at(datetime(2026, 6, 16, 7, 30), TZ)
    future = services.learning.save_session(
        LearningSession(
            item_id=item_id, start=start, end=start + timedelta(minutes=45), rrule=weekly_rule([1], None, TZ)
        )
    )
    assert edit_time(services, future.id, 8, 0).id == future.id
    assert services.store.learning_sessions.count() == 1
    assert services.store.learning_sessions.get(future.id).start.local().hour == 8
    start = ZonedDateTime.at(datetime(2026, 5, 5, 7, 30), TZ)
    ended = services.learning.save_session(
        LearningSession(
            item_id=item_id,
            start=start,
            end=start + timedelta(minutes=45),
            rrule=weekly_rule([1], date(2026, 5, 31), TZ),
        )
    )
    assert edit_time(services, ended.id, 8, 0).id == ended.id
    assert services.store.learning_sessions.count() == 2
