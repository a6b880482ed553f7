"""One way to change data: an action says what it changed, and only the views showing that read again,
on every tab; a refused action says why and changes nothing; a bug is never shown as advice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from empower_desktop.changes import Changes, Kind
from empower_desktop.domain import DomainError
from empower_desktop.domain.assess import GoalStatus
from empower_desktop.services import Services
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.step1.goals import GoalsSection
from empower_desktop.ui.step2.gap import GapSection
from empower_desktop.ui.step2.progress import ProgressSection
from empower_desktop.ui.widgets.section import Section

from .conftest import WindowFactory, learn_page, learn_section
from .test_step2_gap import with_goals


def count_reads(window: MainWindow) -> Counter[str]:
    """Build every Learn section and count, per section title, the reads from now on."""
    reads: Counter[str] = Counter()
    for section in learn_page(window).sections:
        real: Callable[[], Any] = section.fetch

        def counted(real: Callable[[], Any] = real, title: str = section.title) -> Any:
            reads[title] += 1
            return real()

        section.fetch = counted  # type: ignore[method-assign]
    return reads


def test_a_change_is_read_again_only_by_the_sections_that_show_it(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    with_goals(services)
    window = make_window(services)
    reads = count_reads(window)
    progress = learn_section(window, ProgressSection)
    reads.clear()

    progress.target_spin.setValue(5.5)
    progress.save_target()
    qtbot.wait(50)  # the settings' own announcement comes on the next turn of the event loop

    assert services.learning.weekly_target_hours() == 5.5
    assert reads == Counter({"Progress": 1})  # not the gap, the plan, the sessions or the notes
    assert window.statusBar().currentMessage() == "Weekly learning target: 5.5 h"


def test_a_goal_archived_on_the_first_tab_leaves_the_skills_gap_when_it_is_shown_again(
    services: Services, make_window: WindowFactory
) -> None:
    with_goals(services)
    window = make_window(services)
    gap = learn_section(window, GapSection)
    assert "Ship the data pipeline" in {row[0] for row in gap_rows(gap)}

    window.tabs.setCurrentIndex(0)
    goals = next(s for s in window.current_page().sections if isinstance(s, GoalsSection))  # type: ignore[attr-defined]
    table = goals.goals.table
    [row] = [r for r in range(table.model().rowCount()) if table.model().index(r, 0).data() == "Ship the data pipeline"]
    table.selectRow(row)
    goals.set_status(GoalStatus.ARCHIVED)
    assert window.statusBar().currentMessage().startswith("“Ship the data pipeline” archived")

    learn_page(window)  # back to Learn: it reads what the archive touched
    assert "Ship the data pipeline" not in {row[0] for row in gap_rows(gap)}
    assert {row[0] for row in gap_rows(gap)} == {"Give a conference talk"}


def gap_rows(gap: GapSection) -> list[list[str]]:
    model = gap.goal_gaps.model
    return [[str(model.index(r, c).data()) for c in range(model.columnCount())] for r in range(model.rowCount())]


class Probe(Section):
    title = "Probe"
    WATCHES = frozenset({Kind.GOALS})


def refuse() -> None:
    raise DomainError("Deadline: 31 Feb is not a day")


def test_a_refused_change_says_why_and_announces_nothing(services: Services, qtbot: QtBot) -> None:
    section = Probe(services)
    qtbot.addWidget(section)
    announced: list[Changes] = []
    said: list[str] = []
    section.changed.connect(announced.append)
    section.status.connect(said.append)

    assert section.run_op(refuse, changes=Changes.of(Kind.GOALS), failed="Could not save the goal") is None
    assert announced == [] and said == ["Could not save the goal: Deadline: 31 Feb is not a day"]
    assert section.undo_stack.count() == 0

    nothing: dict[str, int] = {}
    with pytest.raises(KeyError):  # a bug is not advice: it goes up to the exception hook
        section.run_op(lambda: nothing["missing"], changes=Changes.of(Kind.GOALS), failed="Could not save")
    assert announced == [] and len(said) == 1

    assert section.run_op(lambda: 42, changes=Changes.of(Kind.GOALS), done=lambda n: f"Saved {n}") == 42
    assert announced == [Changes.of(Kind.GOALS)] and said[-1] == "Saved 42"


def test_changes_say_what_they_touch() -> None:
    goals = Changes.of(Kind.GOALS)
    assert goals.touches({Kind.GOALS, Kind.SKILLS}) and not goals.touches({Kind.SESSIONS})
    assert (goals | Changes.of(Kind.SKILLS)).kinds == {Kind.GOALS, Kind.SKILLS}
    assert Changes.everything().touches({Kind.ACCOUNTS}) and not Changes.of()
