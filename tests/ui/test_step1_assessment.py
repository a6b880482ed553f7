"""Step 1's self-assessment as a person uses it: skills rated over time, strengths and their
order, job-satisfaction check-ins, the career vision's versions, and what survives a restart."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from empower_desktop.domain.assess import EntryKind
from empower_desktop.services import Services
from empower_desktop.ui.main_window import MainWindow
from empower_desktop.ui.step1.page import AssessPage
from empower_desktop.ui.step1.profile import EntryDialog, EntryList, ProfileSection
from empower_desktop.ui.step1.satisfaction import SatisfactionSection
from empower_desktop.ui.step1.skills import RateDialog, SkillDialog, SkillsSection
from empower_desktop.ui.step1.vision import VisionSection
from empower_desktop.ui.widgets.dialogs import FormDialog
from empower_desktop.ui.widgets.section import Section

from ..conftest import TODAY
from .conftest import WindowFactory, only_box, open_boxes, press

S = TypeVar("S", bound=Section)
PASTE = "x" * 10_000  # what an accidental paste of a whole document looks like


# -- helpers ----------------------------------------------------------------------------------------


def open_section(window: MainWindow, cls: type[S]) -> S:
    """Click the step's sub-tab that holds *cls*."""
    page = window.pages[0]
    assert isinstance(page, AssessPage)
    [section] = [s for s in page.sections if isinstance(s, cls)]
    page.section_tabs.setCurrentWidget(section)
    assert section.isVisible()
    return section


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Replace what a field holds by typing *text*, as a person would."""
    widget.setFocus()
    if isinstance(widget, QPlainTextEdit):
        widget.selectAll()
    else:
        qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def paste(widget: QWidget, text: str) -> None:
    """Paste *text* from the clipboard into a text field."""
    QApplication.clipboard().setText(text)
    widget.setFocus()
    widget.paste()  # type: ignore[attr-defined]


def save(qtbot: QtBot, dialog: FormDialog) -> None:
    click(qtbot, dialog.save_button)


def ready(services: Services) -> Services:
    services.data.start_empty()
    return services


def new_skill(qtbot: QtBot, section: SkillsSection, name: str, category: str = "", level: int | None = None) -> None:
    click(qtbot, section.add_button)
    dialog = section.dialog
    assert isinstance(dialog, SkillDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.name_edit, name)
    if category:
        qtbot.keyClicks(dialog.category_edit.lineEdit(), category)
    if level is not None:
        assert dialog.level_field is not None
        type_into(qtbot, dialog.level_field.spin, str(level))
    save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.error_label.text()


# -- skills -----------------------------------------------------------------------------------------


def test_add_a_skill_and_rate_it_twice_keeps_both_ratings(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(ready(services))
    section = open_section(window, SkillsSection)
    assert section.skills.is_showing_hint()

    new_skill(qtbot, section, "Public speaking", "Communication")
    [row] = section.skills.visible_rows()
    assert (row.skill.name, row.skill.category, row.latest) == ("Public speaking", "Communication", None)
    assert section.selected() == row  # the new skill is selected, ready to rate
    assert section.details.history.is_showing_hint()

    click(qtbot, section.rate_button)
    rate = section.dialog
    assert isinstance(rate, RateDialog) and rate.isVisible()
    type_into(qtbot, rate.level_field.spin, "2")
    rate.date_edit.set_value(TODAY - timedelta(days=90))
    qtbot.keyClicks(rate.evidence_edit, "Froze during the all-hands demo")
    save(qtbot, rate)
    assert not rate.isVisible()

    qtbot.keyClick(section.skills.table, Qt.Key.Key_Return)  # Enter on the table rates again
    again = section.dialog
    assert isinstance(again, RateDialog) and again is not rate and again.isVisible()
    assert "Last rated 2" in again.before_label.text()
    type_into(qtbot, again.level_field.spin, "4")
    qtbot.keyClicks(again.evidence_edit, "Gave the meetup talk; good feedback")
    qtbot.keyClick(again.level_field.spin, Qt.Key.Key_Return)  # Enter saves
    assert not again.isVisible()

    [row] = section.skills.visible_rows()
    assert row.ratings == 2 and row.latest is not None and row.latest.level == 4
    history = section.details.history.visible_rows()
    assert [(r.rated_on, r.level) for r in history] == [(TODAY, 4), (TODAY - timedelta(days=90), 2)]  # newest first
    assert history[0].evidence == "Gave the meetup talk; good feedback"
    assert section.details.history.title() == "Ratings (2)"
    assert [len(points) for name, points in section.details.chart.drawn_points().items() if name == "Rating"] == [2]
    assert [y for _, y in section.details.chart.drawn_points()["Rating"]] == [2.0, 4.0]
    assert [r.level for r in services.assessment.skill_history(row.skill.id)] == [2, 4]
    assert window.statusBar().currentMessage() == "Rating saved: Public speaking"


def test_a_skill_added_with_a_level_is_rated_today_and_has_a_notes_column(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(ready(services))
    section = open_section(window, SkillsSection)
    click(qtbot, section.add_button)
    dialog = section.dialog
    assert isinstance(dialog, SkillDialog) and dialog.level_field is not None
    qtbot.keyClicks(dialog.name_edit, "Rust")
    type_into(qtbot, dialog.target_field.spin, "4")
    type_into(qtbot, dialog.level_field.spin, "3")
    qtbot.keyClicks(dialog.notes_edit, "Side projects only so far")
    save(qtbot, dialog)

    [row] = section.skills.visible_rows()
    assert row.latest is not None and (row.latest.level, row.latest.rated_on) == (3, TODAY)
    model = section.skills.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[-1] == "Notes"
    assert section.skills.model.index(0, headers.index("Notes")).data() == "Side projects only so far"
    assert section.skills.model.index(0, headers.index("Target")).data() == "4"
    assert "target 4 (Proficient)" in section.details.meta.text()
    assert set(section.details.chart.drawn_points()) == {"Rating", "Target"}


def test_bad_skill_input_is_refused_inline_and_nothing_is_saved(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    services.assessment.add_skill("Python")
    window = make_window(ready(services))
    section = open_section(window, SkillsSection)
    click(qtbot, section.add_button)
    dialog = section.dialog
    assert isinstance(dialog, SkillDialog) and dialog.level_field is not None
    type_into(qtbot, dialog.level_field.spin, "3")  # a rating that must not be saved on its own

    save(qtbot, dialog)  # no name
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert dialog.error_label.text() == "A skill's name cannot be empty"
    assert dialog.focusWidget() is dialog.name_edit  # ready to fix

    paste(dialog.name_edit, PASTE)
    assert len(dialog.name_edit.text()) == 10_000  # nothing cut silently
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_label.text() == "A skill's name is too long (10,000 characters; at most 120)"

    type_into(qtbot, dialog.name_edit, "PYTHON ")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and "already have a skill called “Python”" in dialog.error_label.text()

    assert [s.name for s in services.assessment.skills()] == ["Python"]
    assert services.store.skill_ratings.count() == 0

    type_into(qtbot, dialog.name_edit, "Go")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert sorted(s.name for s in services.assessment.skills()) == ["Go", "Python"]
    assert services.store.skill_ratings.count() == 1


def test_a_rating_cannot_go_out_of_range_and_bad_evidence_saves_nothing(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    skill = services.assessment.add_skill("Kubernetes", level=2)
    window = make_window(ready(services))
    section = open_section(window, SkillsSection)
    assert section.select_skill(skill.id)
    section.skills.table.doubleClicked.emit(section.skills.table.currentIndex())  # a double-click rates
    dialog = section.dialog
    assert isinstance(dialog, RateDialog)

    type_into(qtbot, dialog.level_field.spin, "9")
    assert dialog.level_field.spin.value() == 2  # off the scale of 1 to 5: refused, the level stays
    type_into(qtbot, dialog.level_field.spin, "0")
    assert dialog.level_field.spin.value() == 2
    type_into(qtbot, dialog.level_field.spin, "5")
    paste(dialog.evidence_edit, "e" * 20_001)
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_label.text() == "Evidence is too long (20,001 characters; at most 20,000)"
    assert [r.level for r in services.assessment.skill_history(skill.id)] == [2]

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc cancels
    assert not dialog.isVisible()
    assert [r.level for r in services.assessment.skill_history(skill.id)] == [2]


def test_edit_a_skill(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    skill = services.assessment.add_skill("Writing", "Comms", 3)
    window = make_window(ready(services))
    section = open_section(window, SkillsSection)
    section.select_skill(skill.id)
    click(qtbot, section.edit_button)
    dialog = section.dialog
    assert isinstance(dialog, SkillDialog) and dialog.level_field is None  # rating is its own action
    assert dialog.name_edit.text() == "Writing" and dialog.target_field.value() == 3
    type_into(qtbot, dialog.name_edit, "Technical writing")
    type_into(qtbot, dialog.target_field.spin, "5")
    save(qtbot, dialog)
    stored = services.assessment.skill(skill.id)
    assert (stored.name, stored.category, stored.target_level) == ("Technical writing", "Comms", 5)
    assert section.selected() is not None and section.selected().skill.name == "Technical writing"  # type: ignore[union-attr]


def test_delete_a_skill_asks_first_naming_it_and_its_ratings(
    demo_services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(demo_services)
    section = open_section(window, SkillsSection)
    row = next(r for r in section.skills.visible_rows() if r.skill.name == "Public speaking")
    section.select_skill(row.skill.id)
    total = section.skills.total_rows()

    click(qtbot, section.delete_button)
    box = only_box(section)
    assert box.text() == f"Delete the skill “Public speaking” and its {row.ratings} ratings?"
    assert "unlinked from 1 strength, weakness or interest" in box.informativeText()
    press(box, "Cancel")
    assert section.skills.total_rows() == total

    qtbot.keyClick(section.skills.table, Qt.Key.Key_Delete)  # the Delete key asks the same
    press(only_box(section), "Delete skill")
    assert section.skills.total_rows() == total - 1
    assert all(s.name != "Public speaking" for s in demo_services.assessment.skills())
    assert demo_services.assessment.skill_history(row.skill.id) == []
    assert not open_boxes(section)


def test_delete_a_rating_entered_by_mistake(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    skill = services.assessment.add_skill("SQL", level=3, on=TODAY - timedelta(days=30))
    services.assessment.rate_skill(skill.id, 1)  # a slip of the finger
    window = make_window(ready(services))
    section = open_section(window, SkillsSection)
    section.select_skill(skill.id)
    history = section.details.history
    history.table.selectRow(0)  # the newest
    click(qtbot, section.details.delete_rating_button)
    press(only_box(section), "Delete rating")
    assert [r.level for r in services.assessment.skill_history(skill.id)] == [3]
    assert [r.level for r in section.details.history.visible_rows()] == [3]


# -- strengths, weaknesses, interests ----------------------------------------------------------------


def add_entry(qtbot: QtBot, entries: EntryList, text: str, skills: tuple[str, ...] = ()) -> EntryDialog:
    click(qtbot, entries.add_button)
    dialog = entries.dialog
    assert isinstance(dialog, EntryDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.text_edit, text)
    if skills:
        dialog.set_linked(skills)
    save(qtbot, dialog)
    return dialog


def texts(entries: EntryList) -> list[str]:
    return [row.entry.text for row in entries.rows()]


def test_strengths_are_added_linked_reordered_edited_and_deleted(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    python = services.assessment.add_skill("Python")
    services.assessment.add_skill("SQL")
    window = make_window(ready(services))
    section = open_section(window, ProfileSection)
    strengths = section.lists[EntryKind.STRENGTH]
    assert all(entry_list.panel.is_showing_hint() for entry_list in section.lists.values())

    dialog = add_entry(qtbot, strengths, "Calm in incidents")
    assert not dialog.isVisible()
    add_entry(qtbot, strengths, "Deep Python experience", ("Python",))
    add_entry(qtbot, strengths, "Explains simply")
    assert texts(strengths) == ["Calm in incidents", "Deep Python experience", "Explains simply"]
    linked = next(row for row in strengths.rows() if row.entry.text == "Deep Python experience")
    assert linked.skills == ("Python",) and linked.entry.skill_ids == [python.id]
    assert strengths.panel.title() == "Strengths (3)"

    assert strengths.selected() is not None and strengths.selected().text == "Explains simply"  # type: ignore[union-attr]
    assert not strengths.down_button.isEnabled()
    click(qtbot, strengths.up_button)
    assert texts(strengths) == ["Calm in incidents", "Explains simply", "Deep Python experience"]
    qtbot.keyClick(strengths.panel.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert texts(strengths) == ["Explains simply", "Calm in incidents", "Deep Python experience"]
    assert not strengths.up_button.isEnabled()  # at the top
    assert [e.text for e in services.assessment.entries(EntryKind.STRENGTH)] == texts(strengths)
    qtbot.keyClick(strengths.panel.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert texts(strengths) == ["Calm in incidents", "Explains simply", "Deep Python experience"]

    strengths.select(linked.entry.id)
    qtbot.keyClick(strengths.panel.table, Qt.Key.Key_Return)  # Enter edits
    edit = strengths.dialog
    assert isinstance(edit, EntryDialog) and edit.entry is not None
    assert edit.linked_ids() == [python.id]
    type_into(qtbot, edit.text_edit, "Deep Python and SQL")
    edit.set_linked(("Python", "SQL"))
    qtbot.keyClick(edit.text_edit, Qt.Key.Key_Return)
    assert not edit.isVisible()
    stored = services.store.assessment_entries.get(linked.entry.id)
    assert stored.text == "Deep Python and SQL" and len(stored.skill_ids) == 2

    strengths.select(linked.entry.id)
    click(qtbot, strengths.delete_button)
    box = only_box(strengths)
    assert box.text() == "Delete “Deep Python and SQL”?"
    press(box, "Delete strength")
    assert texts(strengths) == ["Calm in incidents", "Explains simply"]
    assert section.lists[EntryKind.WEAKNESS].rows() == []  # the other lists are their own


def test_bad_entry_text_is_refused_inline(services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(ready(services))
    section = open_section(window, ProfileSection)
    interests = section.lists[EntryKind.INTEREST]
    click(qtbot, interests.add_button)
    dialog = interests.dialog
    assert isinstance(dialog, EntryDialog)
    assert not dialog.skill_list.isVisible()  # no skills yet: it says so instead
    save(qtbot, dialog)
    assert dialog.isVisible() and dialog.error_label.text() == "An interest cannot be empty"
    paste(dialog.text_edit, PASTE)
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert "too long (10,000 characters; at most 1,000)" in dialog.error_label.text()
    assert services.store.assessment_entries.count() == 0
    dialog.reject()
    assert interests.panel.is_showing_hint()


def test_the_filter_narrows_the_entry_lists(demo_services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(demo_services)
    section = open_section(window, ProfileSection)
    qtbot.keyClicks(window.pages[0].filter_edit, "mentoring")
    assert texts(section.lists[EntryKind.INTEREST]) == ["Mentoring people new to the field"]
    assert section.lists[EntryKind.STRENGTH].panel.is_showing_hint()


# -- satisfaction -----------------------------------------------------------------------------------


def test_a_checkin_is_saved_and_shows_in_the_table_and_the_trend(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    services.assessment.add_checkin(5, {"growth": 4}, on=TODAY - timedelta(days=30))
    window = make_window(ready(services))
    section = open_section(window, SatisfactionSection)
    assert section.overall.last.text() == "last time 5"
    assert section.date_edit.value() == TODAY

    type_into(qtbot, section.overall.spin, "7")
    type_into(qtbot, section.aspects["growth"].spin, "8")
    type_into(qtbot, section.aspects["team"].spin, "9")
    qtbot.keyClicks(section.note_edit, "New project started")
    click(qtbot, section.save_button)

    assert not section.error_label.isVisible()
    rows = section.table.visible_rows()
    assert [(c.checked_on, c.overall) for c in rows] == [(TODAY, 7), (TODAY - timedelta(days=30), 5)]
    assert rows[0].aspects == {"growth": 8, "team": 9} and rows[0].note == "New project started"
    drawn = section.chart.drawn_points()
    assert [y for _, y in drawn["Overall"]] == [5.0, 7.0]
    assert [y for _, y in drawn["Growth"]] == [4.0, 8.0]
    assert [y for _, y in drawn["Team"]] == [9.0]
    assert section.overall.value() is None and section.note_edit.toPlainText() == ""  # ready for the next one
    assert section.overall.last.text() == "last time 7"
    assert window.statusBar().currentMessage().startswith("Check-in saved")


def test_a_checkin_without_an_overall_score_or_with_a_huge_note_saves_nothing(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(ready(services))
    section = open_section(window, SatisfactionSection)
    assert section.table.is_showing_hint() and not section.chart.has_points()
    type_into(qtbot, section.aspects["balance"].spin, "3")
    qtbot.keyClick(section.aspects["balance"].spin, Qt.Key.Key_Return)  # Enter in a score box saves
    assert section.error_label.isVisible()
    assert section.error_label.text() == "Give an overall score from 1 to 10"

    type_into(qtbot, section.overall.spin, "11")
    assert section.overall.value() == 1  # the second 1 is refused: 11 is off the scale of 1 to 10
    type_into(qtbot, section.overall.spin, "6")
    paste(section.note_edit, "n" * 20_001)
    click(qtbot, section.save_button)
    assert section.error_label.text() == "A note is too long (20,001 characters; at most 20,000)"
    assert services.assessment.checkins() == []
    assert section.aspects["balance"].value() == 3  # what was typed is kept to fix it

    section.note_edit.setPlainText("Better after the holidays")
    click(qtbot, section.save_button)
    assert not section.error_label.isVisible()
    assert [c.aspects for c in services.assessment.checkins()] == [{"balance": 3}]


def test_delete_a_checkin_asks_first(demo_services: Services, make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(demo_services)
    section = open_section(window, SatisfactionSection)
    total = section.table.total_rows()
    section.table.table.selectRow(0)
    click(qtbot, section.delete_button)
    press(only_box(section), "Delete check-in")
    assert section.table.total_rows() == total - 1 == len(demo_services.assessment.checkins())


# -- vision -----------------------------------------------------------------------------------------


def test_each_save_of_the_vision_keeps_the_earlier_version(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(ready(services))
    section = open_section(window, VisionSection)
    assert section.versions.is_showing_hint()
    assert "Not written yet" in section.revised_label.text()

    qtbot.keyClicks(section.editors["one_year"], "Senior engineer")
    qtbot.keyClicks(section.editors["success_means"], "A calm team")
    click(qtbot, section.save_button)
    assert [v.one_year for v in services.assessment.vision_history()] == ["Senior engineer"]
    assert section.revised_label.text().startswith(f"Last revised: {TODAY.day} {TODAY:%b %Y}")

    click(qtbot, section.save_button)  # nothing changed: no new version
    assert len(services.assessment.vision_history()) == 1
    assert window.statusBar().currentMessage() == "Nothing changed since the last version: nothing saved"

    type_into(qtbot, section.editors["one_year"], "Staff engineer")
    click(qtbot, section.save_button)
    history = services.assessment.vision_history()
    assert [v.one_year for v in history] == ["Staff engineer", "Senior engineer"]
    assert section.editors["one_year"].toPlainText() == "Staff engineer"
    assert [row.current for row in section.versions.visible_rows()] == [True, False]
    assert section.selected() == history[1]  # the earlier version, shown read-only
    assert "Senior engineer" in section.viewer.toPlainText() and section.viewer.isReadOnly()
    assert "1 earlier version kept" in section.revised_label.text()

    click(qtbot, section.reuse_button)
    assert section.editors["one_year"].toPlainText() == "Senior engineer"
    assert len(services.assessment.vision_history()) == 2  # nothing saved until saved


def test_a_vision_too_long_is_refused_inline_and_unsaved_edits_survive_a_reread(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    services.assessment.save_vision("Lead", "", "", "", on=TODAY - timedelta(days=10))
    window = make_window(ready(services))
    section = open_section(window, VisionSection)
    paste(section.editors["three_years"], "y" * 20_001)
    click(qtbot, section.save_button)
    assert section.error_label.isVisible()
    assert section.error_label.text() == "In 3 years is too long (20,001 characters; at most 20,000)"
    assert window.focusWidget() is section.editors["three_years"]
    assert len(services.assessment.vision_history()) == 1

    type_into(qtbot, section.editors["three_years"], "Principal")
    skills = open_section(window, SkillsSection)
    new_skill(qtbot, skills, "Go")  # the step reads everything again
    assert open_section(window, VisionSection).editors["three_years"].toPlainText() == "Principal"


# -- restart ----------------------------------------------------------------------------------------


def test_what_the_window_saved_is_there_after_a_restart(
    open_services: Callable[[], Services], make_window: WindowFactory, qtbot: QtBot
) -> None:
    services = ready(open_services())
    window = make_window(services)
    skills = open_section(window, SkillsSection)
    new_skill(qtbot, skills, "Negotiation", "Leadership", level=2)
    click(qtbot, skills.rate_button)
    rate = skills.dialog
    assert isinstance(rate, RateDialog)
    type_into(qtbot, rate.level_field.spin, "3")
    save(qtbot, rate)

    profile = open_section(window, ProfileSection)
    weaknesses = profile.lists[EntryKind.WEAKNESS]
    add_entry(qtbot, weaknesses, "Avoids hard conversations", ("Negotiation",))
    add_entry(qtbot, weaknesses, "Says yes too often")
    click(qtbot, weaknesses.up_button)

    satisfaction = open_section(window, SatisfactionSection)
    type_into(qtbot, satisfaction.overall.spin, "6")
    type_into(qtbot, satisfaction.aspects["recognition"].spin, "4")
    click(qtbot, satisfaction.save_button)

    vision = open_section(window, VisionSection)
    qtbot.keyClicks(vision.editors["five_years"], "Head of platform")
    click(qtbot, vision.save_button)
    type_into(qtbot, vision.editors["five_years"], "Founder")
    click(qtbot, vision.save_button)

    window.close()
    services.close()

    window = make_window(open_services())
    skills = open_section(window, SkillsSection)
    [row] = skills.skills.visible_rows()
    assert (row.skill.name, row.skill.category, row.ratings) == ("Negotiation", "Leadership", 2)
    assert row.latest is not None and row.latest.level == 3
    skills.select_skill(row.skill.id)
    assert [r.level for r in skills.details.history.visible_rows()] == [3, 2]

    profile = open_section(window, ProfileSection)
    weaknesses = profile.lists[EntryKind.WEAKNESS]
    assert texts(weaknesses) == ["Says yes too often", "Avoids hard conversations"]
    assert weaknesses.rows()[1].skills == ("Negotiation",)

    satisfaction = open_section(window, SatisfactionSection)
    [checkin] = satisfaction.table.visible_rows()
    assert (checkin.overall, checkin.aspects, checkin.checked_on) == (6, {"recognition": 4}, TODAY)

    vision = open_section(window, VisionSection)
    assert vision.editors["five_years"].toPlainText() == "Founder"
    assert [row.vision.five_years for row in vision.versions.visible_rows()] == ["Founder", "Head of platform"]


# -- example data -----------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [SkillsSection, ProfileSection, SatisfactionSection, VisionSection])
def test_example_data_fills_every_section(
    demo_services: Services, make_window: WindowFactory, cls: type[Section]
) -> None:
    window = make_window(demo_services)
    section = open_section(window, cls)
    for panel in section.panels():
        assert panel.total_rows() > 0 and panel.table.isVisible(), panel.title()
    if isinstance(section, SkillsSection):
        section.select_skill(section.skills.visible_rows()[0].skill.id)
        assert len(section.details.chart.drawn_points()["Rating"]) >= 2
    if isinstance(section, SatisfactionSection):
        assert len(section.chart.drawn_points()["Overall"]) == len(demo_services.assessment.checkins())
    if isinstance(section, VisionSection):
        assert section.editors["one_year"].toPlainText().startswith("Staff Engineer")
        assert date.fromisoformat("2000-01-01") < demo_services.assessment.vision_history()[0].revised_on <= TODAY
