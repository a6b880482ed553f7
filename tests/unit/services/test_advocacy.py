"""Step 4's services against a real SQLite store: the document for a period holds only what happened
in it (private achievements only where chosen, never in the copy for the other person), in order
of impact then date; its Markdown; each event proposes an achievement once; initiatives get their
stage dates; deleting and undoing keeps the links."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from empower_desktop.domain import Achievement, DomainError, Goal, Initiative, LearningItem, LearningSession
from empower_desktop.domain.advocate import Audience, InitiativeKind, InitiativeStatus, Visibility
from empower_desktop.domain.assess import GoalStatus, Milestone, ProgressPoint
from empower_desktop.domain.common import ZonedDateTime
from empower_desktop.domain.goals import Track
from empower_desktop.domain.learn import LearningStatus, LearningType
from empower_desktop.errors import ActionableError
from empower_desktop.services import Services
from empower_desktop.services.brag import render_html, render_markdown, write_markdown

from ...conftest import TODAY

# The last quarter before TODAY (15 Jun 2026)
Q_START, Q_END = date(2026, 1, 1), date(2026, 3, 31)


def achievement(services: Services, title: str, on: date, **fields: object) -> Achievement:
    return services.advocacy.save_achievement(Achievement(title=title, achieved_on=on, **fields))  # type: ignore[arg-type]


def initiative(services: Services, title: str, **fields: object) -> Initiative:
    made = Initiative(kind=InitiativeKind.PROPOSED_IDEA, title=title, **fields)  # type: ignore[arg-type]
    return services.advocacy.save_initiative(made)


def titles(items: list[Achievement]) -> list[str]:
    return [a.title for a in items]


# -- the document -------------------------------------------------------------------------------------


def test_the_document_holds_the_periods_achievements_by_impact_then_date(services: Services) -> None:
    achievement(services, "Before the quarter", date(2025, 12, 31), impact_value=1000, impact_unit="€")
    achievement(services, "After the quarter", date(2026, 4, 1), impact_value=1000, impact_unit="€")
    achievement(services, "No number, early", Q_START)
    achievement(services, "No number, late", Q_END)
    achievement(services, "Small win", date(2026, 2, 1), impact_value=3, impact_unit="incidents avoided")
    achievement(services, "Big win", date(2026, 1, 20), impact_value=120, impact_unit="hours saved")
    achievement(services, "Big win, later", date(2026, 3, 2), impact_value=120, impact_unit="hours saved")

    doc = services.advocacy.brag(Q_START, Q_END)

    assert titles(doc.achievements) == ["Big win, later", "Big win", "Small win", "No number, late", "No number, early"]
    assert (doc.period_start, doc.period_end, doc.audience) == (Q_START, Q_END, Audience.MANAGER)


def test_private_achievements_stay_out_unless_chosen_and_never_reach_the_other_person(services: Services) -> None:
    achievement(services, "Shipped the tracing library", date(2026, 2, 10))
    secret = achievement(services, "Offer from another company", date(2026, 2, 11), visibility=Visibility.PRIVATE)
    other = achievement(services, "Private note to self", date(2026, 2, 12), visibility=Visibility.PRIVATE)
    prep = services.advocacy.new_conversation(Audience.MANAGER, Q_START, Q_END)

    assert titles(services.advocacy.document(prep, for_other=False).achievements) == ["Shipped the tracing library"]
    prep.achievement_ids = [secret.id]
    assert titles(services.advocacy.document(prep, for_other=False).achievements) == [
        "Offer from another company",
        "Shipped the tracing library",
    ]
    assert titles(services.advocacy.document(prep, for_other=True).achievements) == ["Shipped the tracing library"]
    # the command line's --include-private puts every private one in
    assert set(titles(services.advocacy.brag(Q_START, Q_END, include_private=True).achievements)) == {
        "Shipped the tracing library",
        secret.title,
        other.title,
    }


def test_items_taken_out_of_a_prep_are_left_out(services: Services) -> None:
    kept = achievement(services, "Kept", date(2026, 2, 1))
    dropped = achievement(services, "Taken out", date(2026, 2, 2))
    delivered = initiative(
        services,
        "Runbooks next to the code",
        status=InitiativeStatus.DONE,
        started_on=date(2026, 1, 10),
        delivered_on=date(2026, 3, 1),
    )
    initiative(services, "Delivered last year", status=InitiativeStatus.DONE, delivered_on=date(2025, 11, 1))
    prep = services.advocacy.new_conversation(Audience.SKIP_LEVEL, Q_START, Q_END)
    assert [i.title for i in services.advocacy.document(prep, for_other=True).initiatives] == [delivered.title]

    prep.excluded_ids = [dropped.id, delivered.id]
    doc = services.advocacy.document(prep, for_other=True)
    assert titles(doc.achievements) == [kept.title] and doc.initiatives == []
    assert doc.title == "Conversation with my skip-level manager"


def test_goal_progress_learning_hours_and_skills_grown_in_the_period(services: Services) -> None:
    goal = services.goals.save(
        Goal(
            title="Give two conference talks",
            specific="Two talks accepted at engineering conferences",
            achievable="Two drafts already exist",
            relevant="Speaking builds the staff path",
            metric="talks given",
            unit="talks",
            baseline=0,
            target=2,
            current=0,
            start=date(2025, 10, 1),
            deadline=date(2026, 12, 31),
        ),
        activate=True,
    )
    goal.progress = [ProgressPoint(on=date(2025, 12, 1), value=0), ProgressPoint(on=date(2026, 3, 10), value=1)]
    goal.current = 1
    services.store.goals.update(goal)
    skill = services.assessment.add_skill("Public speaking", level=2, on=date(2025, 11, 1))
    services.assessment.rate_skill(skill.id, 4, on=date(2026, 3, 20))
    flat = services.assessment.add_skill("Go", level=3, on=date(2025, 11, 1))
    services.assessment.rate_skill(flat.id, 3, on=date(2026, 3, 20))
    course = services.learning.save_item(
        LearningItem(
            kind=LearningType.COURSE,
            title="Storytelling for engineers",
            status=LearningStatus.DONE,
            start=date(2026, 1, 5),
            finish=date(2026, 2, 27),
        )
    )
    session = services.learning.save_session(
        LearningSession(
            item_id=course.id,
            start=ZonedDateTime.at(datetime.combine(date(2026, 2, 3), time(18)), "Europe/Berlin"),
            end=ZonedDateTime.at(datetime.combine(date(2026, 2, 3), time(19, 30)), "Europe/Berlin"),
        )
    )
    services.learning.log_done(session.id, "2026-02-03T18:00:00", minutes=75)

    doc = services.advocacy.brag(Q_START, Q_END)

    [line] = doc.goals
    assert (line.title, line.fraction_before, line.fraction) == (goal.title, 0.0, 0.5)
    assert line.track is Track.ON_TRACK
    prep = services.advocacy.new_conversation(Audience.MANAGER, Q_START, Q_END)
    prep.excluded_ids = [goal.id]  # unticked in the editor: the goal stays out, whatever its title becomes
    assert services.advocacy.document(prep, for_other=True).goals == []
    services.goals.update_progress(goal.id, 2, on=date(2026, 5, 1))
    services.goals.set_status(goal.id, GoalStatus.ACHIEVED)
    [then] = services.advocacy.brag(Q_START, Q_END).goals
    assert (then.fraction, then.track) == (0.5, Track.ON_TRACK)  # as it stood then, not "target reached"
    assert [(s.name, s.before, s.after) for s in doc.skills] == [("Public speaking", 2, 4)]
    assert [(item.title, item.finished_on) for item in doc.learning] == [(course.title, date(2026, 2, 27))]
    assert doc.hours_logged == pytest.approx(1.25)
    text = render_markdown(doc)
    assert "- **Give two conference talks** — 0% → 50%;" in text
    assert "1.25 hours of learning logged." in text
    assert "- **Public speaking** — 2 → 4" in text


def test_the_markdown_has_a_title_the_period_and_a_section_per_part(services: Services) -> None:
    achievement(
        services,
        "Cut CI time from 25 to 9 minutes",
        date(2026, 2, 14),
        impact_value=16,
        impact_unit="minutes per build",
        impact="Every team ships faster.",
        evidence_link="https://git.example.org/ci/pull/42",
        noticed_by="Ingrid (VP Engineering)",
    )
    prep = services.advocacy.new_conversation(Audience.MANAGER, Q_START, Q_END, "Promotion conversation")
    prep.aspirations = "Staff engineer within a year."
    prep.needs = "A budget for the KubeCon trip."
    prep.ask = "Put me forward in the June round."
    prep.talking_points = ["The CI numbers", " "]

    text = render_markdown(services.advocacy.document(prep, for_other=True))

    assert text == (
        "# Promotion conversation\n"
        "\n"
        "**Period:** 1 Jan 2026 \u2013 31 Mar 2026  \n"
        "**For:** Manager\n"
        "\n"
        "## Achievements\n"
        "\n"
        "- **Cut CI time from 25 to 9 minutes** — 14 Feb 2026; 16 minutes per build; Every team ships faster; "
        "noticed by Ingrid (VP Engineering) ([evidence](https://git.example.org/ci/pull/42))\n"
        "\n"
        "## Talking points\n"
        "\n"
        "- The CI numbers\n"
        "\n"
        "## Aspirations\n"
        "\n"
        "Staff engineer within a year.\n"
        "\n"
        "## What I need\n"
        "\n"
        "A budget for the KubeCon trip.\n"
        "\n"
        "## My asks\n"
        "\n"
        "Put me forward in the June round.\n"
    )
    page = render_html(services.advocacy.document(prep, for_other=True))
    assert "<h2>Achievements</h2>" in page and "Ingrid (VP Engineering)" in page


def test_an_empty_period_says_so_and_a_period_ending_before_it_starts_is_refused(services: Services) -> None:
    text = render_markdown(services.advocacy.brag(Q_START, Q_END))
    assert "Nothing was logged between 1 Jan 2026 and 31 Mar 2026" in text
    with pytest.raises(DomainError, match=r"ends .* before it starts"):
        services.advocacy.new_conversation(Audience.HR, Q_END, Q_START)


def test_text_in_the_html_is_escaped(services: Services) -> None:
    achievement(services, 'Fixed <script> & the "quotes"', date(2026, 2, 1))
    page = render_html(services.advocacy.brag(Q_START, Q_END))
    assert "Fixed &lt;script&gt; &amp; the &quot;quotes&quot;" in page


def test_markdown_to_a_folder_that_does_not_exist_says_so_and_leaves_nothing(
    services: Services, tmp_path: Path
) -> None:
    doc = services.advocacy.brag(Q_START, Q_END)
    with pytest.raises(ActionableError, match="Nothing was written") as refused:
        write_markdown(doc, tmp_path / "missing" / "brag.md")
    assert "Errno" not in str(refused.value)
    assert not (tmp_path / "missing").exists()
    write_markdown(doc, tmp_path / "brag.md")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left
    assert (tmp_path / "brag.md").read_text(encoding="utf-8") == render_markdown(doc)


# -- suggestions ----------------------------------------------------------------------------------------


def keys(services: Services) -> list[str]:
    return [s.key for s in services.advocacy.suggestions()]


def test_each_event_proposes_an_achievement_once(services: Services) -> None:
    goal = services.goals.save(
        Goal(title="Become tech lead", milestones=[Milestone(title="Lead the CI migration")]), activate=False
    )
    cert = services.learning.save_item(LearningItem(kind=LearningType.CERTIFICATION, title="CKA"))
    course = services.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Rust basics"))
    idea = initiative(services, "Runbooks next to the code")
    assert keys(services) == []

    goal.milestones[0].done = True
    services.goals.save(goal, activate=False)
    services.goals.set_status(goal.id, GoalStatus.ACHIEVED)
    services.learning.set_item_status(cert.id, LearningStatus.DONE)
    services.learning.set_item_status(course.id, LearningStatus.DONE)  # finishing a course is not an event
    services.advocacy.set_stage(idea.id, InitiativeStatus.DONE)

    found = {s.key: s for s in services.advocacy.suggestions()}
    milestone_id = goal.milestones[0].id
    assert set(found) == {
        f"goal-achieved:{goal.id}",
        f"milestone:{goal.id}:{milestone_id}",
        f"certification:{cert.id}",
        f"initiative-delivered:{idea.id}",
    }
    assert found[f"certification:{cert.id}"].draft.title == "Earned the CKA certification"
    assert found[f"certification:{cert.id}"].draft.achieved_on == TODAY
    delivered = found[f"initiative-delivered:{idea.id}"].draft
    assert (delivered.title, delivered.initiative_id) == ("Delivered: Runbooks next to the code", idea.id)

    # accepted: saved with its impact, and never offered again (not even once it is deleted)
    accepted = services.advocacy.save_achievement(
        Achievement(**{**vars(delivered), "impact_value": 40.0, "impact_unit": "pages of runbooks"})
    )
    services.advocacy.delete_achievement(accepted.id)
    # dismissed: gone, and back on undo
    services.advocacy.dismiss_suggestion(f"goal-achieved:{goal.id}")
    assert set(keys(services)) == {f"milestone:{goal.id}:{milestone_id}", f"certification:{cert.id}"}
    services.advocacy.undismiss_suggestion(f"goal-achieved:{goal.id}")
    assert f"goal-achieved:{goal.id}" in keys(services)

    # the same events again (a goal set back and achieved again, an initiative re-delivered): not asked twice
    services.advocacy.set_stage(idea.id, InitiativeStatus.IN_PROGRESS)
    services.advocacy.set_stage(idea.id, InitiativeStatus.DONE)
    assert f"initiative-delivered:{idea.id}" not in keys(services)


# -- initiatives ----------------------------------------------------------------------------------------


def test_moving_through_the_pipeline_dates_each_stage_once(services: Services) -> None:
    idea = initiative(services, "Move CI to the new runners")
    assert (idea.status, idea.started_on, idea.proposed_on) == (InitiativeStatus.IDEA, TODAY, None)
    proposed = services.advocacy.set_stage(idea.id, InitiativeStatus.PROPOSED)
    assert proposed.proposed_on == TODAY
    services.advocacy.set_stage(idea.id, InitiativeStatus.ACCEPTED)
    services.advocacy.set_stage(idea.id, InitiativeStatus.IN_PROGRESS)
    done = services.advocacy.set_stage(idea.id, InitiativeStatus.DONE)
    assert (done.decided_on, done.delivered_on) == (TODAY, TODAY)
    back = services.advocacy.set_stage(idea.id, InitiativeStatus.IN_PROGRESS)
    assert back.delivered_on == TODAY  # kept when it moves back
    rows = services.advocacy.initiative_rows()
    assert [r.initiative.title for r in rows] == [idea.title]


def test_the_pipeline_is_grouped_by_stage(services: Services) -> None:
    for title, status in (("c", InitiativeStatus.DONE), ("a", InitiativeStatus.IDEA), ("b", InitiativeStatus.DECLINED)):
        made = initiative(services, title)
        services.advocacy.set_stage(made.id, status)
    assert [r.initiative.title for r in services.advocacy.initiative_rows()] == ["a", "c", "b"]


def test_deleting_an_initiative_and_undoing_brings_back_its_achievements_links(services: Services) -> None:
    project = initiative(services, "Runbooks next to the code")
    linked = achievement(services, "Halved the time to recover", TODAY - timedelta(days=3), initiative_id=project.id)
    deleted = services.advocacy.delete_initiative(project.id)
    assert services.advocacy.achievement(linked.id).initiative_id is None
    services.advocacy.restore_initiative(deleted)
    assert services.advocacy.achievement(linked.id).initiative_id == project.id
    [row] = services.advocacy.achievement_rows()
    assert row.initiative_title == project.title
