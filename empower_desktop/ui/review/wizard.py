"""The guided review: a weekly (about 10 minutes) or quarterly (deeper) sequence of pages.

What I did and what slipped in the period, the skills worked on re-rated, every active goal's
progress updated and a decision about it (keep, adjust, pause or drop, with a reason), a
satisfaction check-in, a look at the career vision and every goal's SMART check (quarterly),
what I learned about myself, and the focus for the next stretch. Every page writes through the
services of the step that owns the record; every Next saves the review, so one closed half-way
is resumed on the page reached.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence
from datetime import timedelta

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...changes import Changes, Kind
from ...domain import Review
from ...domain.assess import LEVEL_MAX, LEVEL_MIN, SATISFACTION_ASPECTS, GoalStatus
from ...domain.goals import progress_fraction
from ...domain.learn import OccurrenceState
from ...domain.review import GoalAction, ReviewKind
from ...errors import InputError, message_for
from ...services import GoalRow, Services
from ...services.review import Recap
from ..formatting import DASH, EN_DASH, TRACK_TEXT, fmt_date, fmt_number, fmt_percent
from ..step1.satisfaction import NOT_SCORED, ScoreField, aspect_label
from ..step1.skills import level_text
from ..step1.vision import version_html
from ..widgets.dialogs import INPUT_ERRORS, NO_BUTTONS, Dialog, KeyBindings, hint_label, text_area
from ..widgets.fields import NumberField

REVIEWS = Changes.of(Kind.REVIEWS)

PAGE_TITLES = {
    "done": "What I did",
    "slipped": "What slipped",
    "satisfaction": "Satisfaction check-in",
    "vision": "Your career vision",
    "skills": "Re-rate skills",
    "goals": "Goals",
    "smart": "SMART check",
    "learned": "What I learned about myself",
    "focus": "Focus",
}

ACTION_TEXT = {
    GoalAction.KEEP: "Keep",
    GoalAction.ADJUST: "Adjust",
    GoalAction.PAUSE: "Pause",
    GoalAction.DROP: "Drop",
}


def period_text(review: Review) -> str:
    """ "1 Jun to 7 Jun 2026" with an en dash (the year once when both days are in it)."""
    start, end = review.period_start, review.period_end
    if start == end:
        return fmt_date(end)
    if start.year == end.year:
        return f"{start.day} {start:%b} {EN_DASH} {fmt_date(end)}"
    return f"{fmt_date(start)} {EN_DASH} {fmt_date(end)}"


def kind_text(kind: ReviewKind) -> str:
    return "Weekly" if kind is ReviewKind.WEEKLY else "Quarterly"


def stretch_word(kind: ReviewKind) -> str:
    return "week" if kind is ReviewKind.WEEKLY else "quarter"


def list_html(title: str, lines: Sequence[str], empty: str = "None in this period.") -> str:
    """A heading with its count, then one line per record (or *empty*)."""
    heading = f"<p style='margin:8px 0 2px 0'><b>{html.escape(title)}</b> ({len(lines)})</p>"
    if not lines:
        return heading + f"<p style='margin:0 0 0 12px'><i>{html.escape(empty)}</i></p>"
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return heading + f"<ul style='margin:0 0 0 -16px'>{items}</ul>"


def browser(name: str) -> QTextBrowser:
    view = QTextBrowser()
    view.setObjectName(name)
    view.setOpenLinks(False)
    view.document().setDocumentMargin(8)
    return view


def table(name: str, headings: Sequence[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setHeaderLabels(list(headings))
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headings)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return tree


def bold_title(box: QGroupBox) -> None:
    """The box's title in bold, what it holds in the normal font (call it once the box is filled)."""
    normal = box.font()
    bold = box.font()
    bold.setBold(True)
    box.setFont(bold)
    for child in box.findChildren(QWidget):
        child.setFont(normal)


def add_item(tree: QTreeWidget, texts: Sequence[str], key: str) -> QTreeWidgetItem:
    """A row as tall as the tables' rows elsewhere, with *key* (a record's id) in its data."""
    item = QTreeWidgetItem(list(texts))
    item.setSizeHint(0, QSize(0, tree.fontMetrics().height() + 10))
    item.setData(0, Qt.ItemDataRole.UserRole, key)
    tree.addTopLevelItem(item)
    return item


def buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class WizardPage(QWidget):
    """One page of the review: it shows what the services know and keeps what is typed."""

    name = ""

    def __init__(self, wizard: ReviewWizard) -> None:
        super().__init__()
        self.wizard = wizard
        self.services = wizard.services
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(8)

    def intro(self, text: str) -> QLabel:
        label = hint_label(text)
        self.column.addWidget(label)
        return label

    def load(self, review: Review) -> None:
        """Show what *review* recorded on this page."""

    def apply(self, review: Review) -> Review:
        """*review* with what this page's fields say (not saved yet)."""
        return review

    def entered(self) -> None:
        """The page came to the front: the focus goes to its first field."""


class DonePage(WizardPage):
    name = "done"

    def __init__(self, wizard: ReviewWizard) -> None:
        super().__init__(wizard)
        recap = wizard.recap
        self.kept_box = QGroupBox("Last time's focus")
        self.kept_box.setObjectName("lastFocusBox")
        kept_layout = QVBoxLayout(self.kept_box)
        word = stretch_word(wizard.review.kind)
        self.kept_question = QLabel(f"Did you keep last {word}'s focus: “{recap.last_focus}”?")
        self.kept_question.setWordWrap(True)
        self.kept_yes = QRadioButton("&Yes")
        self.kept_no = QRadioButton("N&o")
        self.kept_skip = QRadioButton("&Skip")
        self.kept_group = QButtonGroup(self)
        for button in (self.kept_yes, self.kept_no, self.kept_skip):
            self.kept_group.addButton(button)
        answers = QHBoxLayout()
        for button in (self.kept_yes, self.kept_no, self.kept_skip):
            answers.addWidget(button)
        answers.addStretch(1)
        kept_layout.addWidget(self.kept_question)
        kept_layout.addLayout(answers)
        bold_title(self.kept_box)
        self.column.addWidget(self.kept_box)
        self.kept_box.setVisible(bool(recap.last_focus))

        self.intro("What the app found in this period:")
        self.recap_view = browser("doneRecap")
        self.recap_view.setHtml(
            list_html("Sessions logged", recap.sessions_logged)
            + list_html("Meetings held", recap.meetings_held)
            + list_html("Achievements logged", recap.achievements)
        )
        self.column.addWidget(self.recap_view, 2)
        self.text = text_area("What else got done, in your words? (optional)", lines=3)
        self.text.setObjectName("doneText")
        self.column.addWidget(buddy("&In your words:", self.text))
        self.column.addWidget(self.text, 1)

    def load(self, review: Review) -> None:
        self.text.setPlainText(review.done)
        if review.last_focus_kept is None:
            self.kept_skip.setChecked(True)
        else:
            (self.kept_yes if review.last_focus_kept else self.kept_no).setChecked(True)

    def apply(self, review: Review) -> Review:
        kept: bool | None = None
        if self.wizard.recap.last_focus:
            kept = True if self.kept_yes.isChecked() else False if self.kept_no.isChecked() else None
        return dataclasses.replace(review, done=self.text.toPlainText().strip(), last_focus_kept=kept)

    def entered(self) -> None:
        (self.kept_yes if self.wizard.recap.last_focus else self.text).setFocus()


class SlippedPage(WizardPage):
    name = "slipped"

    def __init__(self, wizard: ReviewWizard) -> None:
        super().__init__(wizard)
        recap = wizard.recap
        self.intro("What did not happen as planned. No blame: it is what the next stretch adjusts to.")
        self.recap_view = browser("slippedRecap")
        self.recap_view.setHtml(
            list_html("Sessions missed", recap.sessions_missed)
            + list_html("Milestones overdue", recap.milestones_overdue, "None overdue.")
            + list_html("Contacts overdue", recap.contacts_overdue, "None overdue.")
        )
        self.column.addWidget(self.recap_view, 2)
        self.text = text_area("What slipped, and why? (optional)", lines=3)
        self.text.setObjectName("slippedText")
        self.column.addWidget(buddy("&In your words:", self.text))
        self.column.addWidget(self.text, 1)

    def load(self, review: Review) -> None:
        self.text.setPlainText(review.slipped)

    def apply(self, review: Review) -> Review:
        return dataclasses.replace(review, slipped=self.text.toPlainText().strip())

    def entered(self) -> None:
        self.text.setFocus()


class SkillsPage(WizardPage):
    """The skills worked on (linked to the learning logged in the period), or all of them."""

    name = "skills"

    def __init__(self, wizard: ReviewWizard) -> None:
        super().__init__(wizard)
        self.worked_on = worked_on_skill_ids(self.services, wizard.review)
        self.hint = self.intro("")
        self.all_box = QCheckBox("Show &all skills")
        self.all_box.toggled.connect(lambda _on: self.refresh())
        self.column.addWidget(self.all_box)
        self.skills = table("reviewSkills", ("Skill", "Level now", "Target", "In this review"))
        self.skills.currentItemChanged.connect(lambda *_: self._selected_changed())
        self.column.addWidget(self.skills, 1)
        self.level_combo = QComboBox()
        self.level_combo.setObjectName("rerateLevel")
        for level in range(LEVEL_MIN, LEVEL_MAX + 1):
            self.level_combo.addItem(level_text(level), level)
        self.rerate_button = QPushButton("&Re-rate")
        self.rerate_button.setToolTip("A rating dated today in the skill's history (Enter in the level box)")
        self.rerate_button.clicked.connect(self.rerate)
        KeyBindings(self.level_combo).bind((Qt.Key.Key_Return, Qt.Key.Key_Enter), self.rerate)
        row = QHBoxLayout()
        row.addWidget(buddy("New &level:", self.level_combo))
        row.addWidget(self.level_combo)
        row.addWidget(self.rerate_button)
        row.addStretch(1)
        self.column.addLayout(row)
        if not self.worked_on:
            self.all_box.setChecked(True)
        self.refresh()

    def refresh(self) -> None:
        current = self.selected_id()
        rows = self.services.assessment.skill_rows()
        shown_ids = set(self.worked_on) | set(self.wizard.review.rerated_skill_ids)
        if self.worked_on:
            self.hint.setText(
                "The skills linked to the learning you logged in this period. Re-rate those that moved "
                "(a rating dated today goes into the skill's history)."
            )
        else:
            self.hint.setText(
                "No logged learning in this period was linked to a skill, so all your skills are listed. "
                "Re-rate those that moved."
            )
        self.skills.clear()
        rerated = set(self.wizard.review.rerated_skill_ids)
        for skill_row in rows:
            skill = skill_row.skill
            if not self.all_box.isChecked() and skill.id not in shown_ids:
                continue
            level = skill_row.latest.level if skill_row.latest else None
            texts = [
                skill.name,
                level_text(level) if level else "Not rated",
                str(skill.target_level) if skill.target_level else DASH,
                "Re-rated" if skill.id in rerated else "",
            ]
            item = add_item(self.skills, texts, skill.id)
            item.setData(1, Qt.ItemDataRole.UserRole, level)
            if skill.id == current:
                self.skills.setCurrentItem(item)
        first = self.skills.topLevelItem(0)
        if self.skills.currentItem() is None and first is not None:
            self.skills.setCurrentItem(first)
        if not rows:
            self.hint.setText("You have no skills yet: add them in step 1 (Skills).")
        self._selected_changed()

    def selected_id(self) -> str | None:
        item = self.skills.currentItem()
        return str(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None

    def _selected_changed(self) -> None:
        item = self.skills.currentItem()
        self.rerate_button.setEnabled(item is not None)
        self.level_combo.setEnabled(item is not None)
        if item is not None:
            level = item.data(1, Qt.ItemDataRole.UserRole)
            index = self.level_combo.findData(level) if level else -1
            if index >= 0:
                self.level_combo.setCurrentIndex(index)

    def select_skill(self, skill_id: str) -> bool:
        for index in range(self.skills.topLevelItemCount()):
            item = self.skills.topLevelItem(index)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == skill_id:
                self.skills.setCurrentItem(item)
                return True
        return False

    def rerate(self) -> None:
        skill_id = self.selected_id()
        if skill_id is None:
            return
        level = int(self.level_combo.currentData())
        item = self.skills.currentItem()
        name = item.text(0) if item is not None else "the skill"
        try:
            review = self.services.review.rerate(self.wizard.review, skill_id, level)
        except INPUT_ERRORS as exc:
            self.wizard.show_error(message_for(exc))
            return
        self.wizard.review = review
        self.wizard.clear_error()
        self.wizard.changed.emit(Changes.of(Kind.SKILLS, Kind.REVIEWS))
        self.wizard.say(f"“{name}” re-rated: {level_text(level)}")
        self.refresh()

    def entered(self) -> None:
        self.skills.setFocus()


def worked_on_skill_ids(services: Services, review: Review) -> list[str]:
    """The skills linked to the learning items of the sessions logged done in the review's period."""
    rows = services.learning.occurrence_rows(review.period_start, review.period_end + timedelta(days=1))
    item_ids = {row.session.item_id for row in rows if row.state is OccurrenceState.DONE}
    found: list[str] = []
    for item in services.learning.items():
        if item.id in item_ids:
            found += [skill_id for skill_id in item.skill_ids if skill_id not in found]
    return found


class GoalsPage(WizardPage):
    """Every active goal: its progress updated, and kept, adjusted, paused or dropped with a reason."""

    name = "goals"

    def __init__(self, wizard: ReviewWizard) -> None:
        super().__init__(wizard)
        self.intro(
            "Update where each goal stands, then decide: keep it, adjust it (its target, deadline or milestones), "
            "pause it or drop it. A pause or a drop needs a reason."
        )
        self.rows: list[GoalRow] = []
        self.goals = table("reviewGoals", ("Goal", "Progress", "Track", "Decision"))
        self.goals.currentItemChanged.connect(lambda *_: self._selected_changed())
        self.column.addWidget(self.goals, 1)

        self.value_edit = NumberField("New value")
        self.value_edit.setObjectName("goalValue")
        self.progress_button = QPushButton("&Update progress")
        self.progress_button.setToolTip("Record the value measured today (Enter in the value box)")
        self.progress_button.clicked.connect(self.update_progress)
        KeyBindings(self.value_edit).bind((Qt.Key.Key_Return, Qt.Key.Key_Enter), self.update_progress)
        self.edit_button = QPushButton("&Edit goal…")
        self.edit_button.setToolTip("Change its target, deadline or milestones (then decide Adjust)")
        self.edit_button.clicked.connect(self.edit_goal)
        value_row = QHBoxLayout()
        value_row.addWidget(self.value_edit, 1)
        value_row.addWidget(self.progress_button)
        value_row.addWidget(self.edit_button)

        self.action_combo = QComboBox()
        self.action_combo.setObjectName("goalAction")
        for action in GoalAction:
            self.action_combo.addItem(ACTION_TEXT[action], action)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("goalReason")
        self.reason_edit.setMaxLength(1000)
        self.reason_edit.setPlaceholderText("Why? (needed to pause or drop)")
        KeyBindings(self.reason_edit).bind((Qt.Key.Key_Return, Qt.Key.Key_Enter), self.decide)
        self.decide_button = QPushButton("Recor&d decision")
        self.decide_button.setToolTip("Keep, adjust, pause or drop the selected goal (Enter in the reason box)")
        self.decide_button.clicked.connect(self.decide)
        decide_row = QHBoxLayout()
        decide_row.addWidget(self.action_combo)
        decide_row.addWidget(self.reason_edit, 1)
        decide_row.addWidget(self.decide_button)

        self.form_box = QGroupBox("The selected goal")
        form = QFormLayout(self.form_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.value_label = buddy("New &value:", self.value_edit)
        form.addRow(self.value_label, value_row)
        form.addRow(buddy("De&cision:", self.action_combo), decide_row)
        bold_title(self.form_box)
        self.column.addWidget(self.form_box)
        self.editor: QWidget | None = None
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        current = select or self.selected_id()
        decided = {d.goal_id: d for d in self.wizard.review.goal_decisions}
        self.rows = [
            row for row in self.services.goals.rows() if row.goal.status is GoalStatus.ACTIVE or row.goal.id in decided
        ]
        self.goals.clear()
        for row in self.rows:
            goal = row.goal
            decision = decided.get(goal.id)
            decision_text = ""
            if decision is not None:
                decision_text = ACTION_TEXT[decision.action]
                if decision.reason:
                    decision_text += f": {decision.reason}"
            texts = [goal.title, progress_text(row), TRACK_TEXT[row.track], decision_text]
            item = add_item(self.goals, texts, goal.id)
            item.setToolTip(3, decision_text)
            if goal.id == current:
                self.goals.setCurrentItem(item)
        first = self.goals.topLevelItem(0)
        if self.goals.currentItem() is None and first is not None:
            self.goals.setCurrentItem(first)
        self._selected_changed()

    def selected_id(self) -> str | None:
        item = self.goals.currentItem()
        return str(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None

    def selected_row(self) -> GoalRow | None:
        goal_id = self.selected_id()
        return next((row for row in self.rows if row.goal.id == goal_id), None)

    def select_goal(self, goal_id: str) -> bool:
        for index in range(self.goals.topLevelItemCount()):
            item = self.goals.topLevelItem(index)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == goal_id:
                self.goals.setCurrentItem(item)
                return True
        return False

    def _selected_changed(self) -> None:
        row = self.selected_row()
        self.form_box.setEnabled(row is not None)
        if row is None:
            self.form_box.setTitle("No active goals" if not self.rows else "The selected goal")
            return
        goal = row.goal
        self.form_box.setTitle(goal.title)
        self.value_label.setText(f"New &value ({goal.unit or 'number'}):")
        self.value_edit.set_value(goal.current)
        self.progress_button.setEnabled(goal.status is GoalStatus.ACTIVE)
        self.value_edit.setEnabled(goal.status is GoalStatus.ACTIVE)
        decision = next((d for d in self.wizard.review.goal_decisions if d.goal_id == goal.id), None)
        self.action_combo.setCurrentIndex(self.action_combo.findData(decision.action if decision else GoalAction.KEEP))
        self.reason_edit.setText(decision.reason if decision else "")

    def update_progress(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            value = self.value_edit.value()
            if value is None:
                raise InputError("New value: type the value you measured")
            goal = self.services.goals.update_progress(row.goal.id, value)
        except INPUT_ERRORS as exc:
            self.wizard.show_error(message_for(exc))
            self.value_edit.setFocus()
            return
        self.wizard.clear_error()
        self.wizard.changed.emit(Changes.of(Kind.GOALS))
        self.wizard.say(f"Progress of “{goal.title}”: {fmt_number(goal.current, goal.unit)}")
        self.refresh(goal.id)

    def decide(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        action = GoalAction(self.action_combo.currentData())
        reason = self.reason_edit.text().strip()
        try:
            review = self.services.review.decide(self.wizard.review, row.goal.id, action, reason)
        except INPUT_ERRORS as exc:
            self.wizard.show_error(message_for(exc))
            self.reason_edit.setFocus()
            return
        self.wizard.review = review
        self.wizard.clear_error()
        self.wizard.changed.emit(Changes.of(Kind.GOALS, Kind.REVIEWS))
        self.wizard.say(f"“{row.goal.title}”: {ACTION_TEXT[action].lower()}")
        self.refresh(row.goal.id)

    def edit_goal(self) -> QWidget | None:
        row = self.selected_row()
        if row is None:
            return None
        from ..step1.goal_editor import GoalEditor

        editor = GoalEditor(self.services, row.goal, self)
        editor.saved.connect(self._edited)
        self.editor = editor
        editor.open()
        return editor

    def _edited(self, goal: object) -> None:
        goal_id = getattr(goal, "id", None)
        self.wizard.changed.emit(Changes.of(Kind.GOALS))
        self.refresh(goal_id)
        self.action_combo.setCurrentIndex(self.action_combo.findData(GoalAction.ADJUST))
        self.reason_edit.setFocus()

    def entered(self) -> None:
        self.goals.setFocus()


def progress_text(row: GoalRow) -> str:
    goal = row.goal
    if goal.target is None:
        return "Not measured"
    now = fmt_number(goal.current, goal.unit)
    return f"{now}, target {fmt_number(goal.target, goal.unit)} ({fmt_percent(progress_fraction(goal))})"


class SatisfactionPage(WizardPage):
    """A job-satisfaction check-in, saved (as in step 1) when the page is left with a score given."""

    name = "satisfaction"

    def __init__(self, wizard: ReviewWizard) -> None:
        super().__init__(wizard)
        self.intro(
            f"How satisfied are you with your job, from 1 (not at all) to 10 (completely)? Leave an aspect at "
            f"{NOT_SCORED} to skip it; leave Overall at {NOT_SCORED} to skip the check-in this time. It is saved "
            "with Next, as a check-in of today in step 1."
        )
        checkins = self.services.assessment.checkins()
        last = checkins[-1] if checkins else None
        form = QFormLayout()
        self.overall = ScoreField("Overall")
        self.overall.set_last(last.overall if last else None)
        form.addRow(buddy("&Overall:", self.overall.spin), self.overall)
        self.aspects = {aspect: ScoreField(aspect_label(aspect)) for aspect in SATISFACTION_ASPECTS}
        for aspect, score in self.aspects.items():
            score.set_last(last.aspects.get(aspect) if last else None)
            form.addRow(f"{aspect_label(aspect)}:", score)
        self.note_edit = text_area("What is behind these scores? (optional)", lines=2)
        form.addRow(buddy("No&te:", self.note_edit), self.note_edit)
        form.setContentsMargins(0, 0, 0, 0)
        self.form_box = QWidget()
        self.form_box.setLayout(form)
        self.column.addWidget(self.form_box)
        self.saved_label = hint_label()
        self.saved_label.setObjectName("checkinSaved")
        self.column.addWidget(self.saved_label)
        self.column.addStretch(1)

    def load(self, review: Review) -> None:
        saved = None
        if review.satisfaction_id:
            saved = next((c for c in self.services.assessment.checkins() if c.id == review.satisfaction_id), None)
        self.form_box.setEnabled(saved is None)
        self.saved_label.setText(
            f"Check-in saved for {fmt_date(saved.checked_on)}: overall {saved.overall}." if saved else ""
        )
        if saved is not None:
            self.overall.set_value(saved.overall)
            for aspect, score in self.aspects.items():
                score.set_value(saved.aspects.get(aspect))

    def apply(self, review: Review) -> Review:
        if review.satisfaction_id or self.overall.value() is None:
            return review
        scores = {aspect: score.value() for aspect, score in self.aspects.items()}
        checkin = self.services.assessment.add_checkin(self.overall.value(), scores, self.note_edit.toPlainText())
        self.wizard.changed.emit(Changes.of(Kind.CHECKINS))
        self.wizard.say(f"Check-in saved: overall {checkin.overall}")
        review = dataclasses.replace(review, satisfaction_id=checkin.id)
        self.load(review)
        return review

    def entered(self) -> None:
        self.overall.spin.setFocus()


class VisionPage(WizardPage):
    name = "vision"

    def __init__(self, wizard: ReviewWizard) -> None:
        super().__init__(wizard)
        self.intro("Read where you want to be. Does the last quarter lead there? Change it in step 1 (Vision).")
        self.view = browser("reviewVision")
        vision = self.services.assessment.current_vision()
        if vision is None:
            self.view.setHtml("<p><i>You have not written a career vision yet: step 1 → Vision.</i></p>")
        else:
            self.view.setHtml(version_html(vision))
        self.column.addWidget(self.view, 1)
        self.seen_box = QCheckBox("I &looked at it")
        self.seen_box.setObjectName("visionSeen")
        self.column.addWidget(self.seen_box)

    def load(self, review: Review) -> None:
        self.seen_box.setChecked(review.vision_seen)

    def apply(self, review: Review) -> Review:
        return dataclasses.replace(review, vision_seen=self.seen_box.isChecked())

    def entered(self) -> None:
        self.seen_box.setFocus()


class SmartPage(WizardPage):
    name = "smart"

    def __init__(self, wizard: ReviewWizard) -> None:
        super().__init__(wizard)
        self.intro("Is every active goal still Specific, Measurable, Achievable, Relevant and Time-bound?")
        self.view = browser("reviewSmart")
        self.column.addWidget(self.view, 1)
        self.refresh()

    def refresh(self) -> None:
        parts = []
        for row in self.services.goals.rows():
            if row.goal.status is not GoalStatus.ACTIVE:
                continue
            failing = [letter for letter in self.services.goals.smart_check(row.goal) if not letter.ok]
            title = html.escape(row.goal.title)
            if not failing:
                parts.append(f"<p style='margin:6px 0 0 0'><b>{title}</b> {EN_DASH} SMART ✓</p>")
                continue
            missing = "".join(
                f"<li><b>{html.escape(letter.name)}</b>: {html.escape(letter.reason)}</li>" for letter in failing
            )
            parts.append(f"<p style='margin:6px 0 0 0'><b>{title}</b> {EN_DASH} missing:</p><ul>{missing}</ul>")
        self.view.setHtml("".join(parts) or "<p><i>No active goals.</i></p>")

    def load(self, review: Review) -> None:
        self.refresh()  # goals changed on an earlier page read again


class LearnedPage(WizardPage):
    name = "learned"

    def __init__(self, wizard: ReviewWizard) -> None:
        super().__init__(wizard)
        self.intro(
            "What did this stretch teach you about yourself: what gives you energy, what drains it, how you work best?"
        )
        self.text = text_area("What I learned about myself", lines=6)
        self.text.setObjectName("learnedText")
        self.column.addWidget(buddy("&What I learned:", self.text))
        self.column.addWidget(self.text, 1)

    def load(self, review: Review) -> None:
        self.text.setPlainText(review.learned)

    def apply(self, review: Review) -> Review:
        return dataclasses.replace(review, learned=self.text.toPlainText().strip())

    def entered(self) -> None:
        self.text.setFocus()


class FocusPage(WizardPage):
    name = "focus"

    def __init__(self, wizard: ReviewWizard) -> None:
        super().__init__(wizard)
        word = stretch_word(wizard.review.kind)
        self.intro(
            f"One thing to put first next {word}. The next review asks whether you kept it. Finish with Ctrl+Enter."
        )
        self.edit = QLineEdit()
        self.edit.setObjectName("focusEdit")
        self.edit.setMaxLength(500)
        self.edit.setPlaceholderText("e.g. Finish the Kubernetes course's module 3")
        self.column.addWidget(buddy(f"Focus for next &{word}:", self.edit))
        self.column.addWidget(self.edit)
        if wizard.recap.last_focus:
            self.column.addWidget(hint_label(f"Last time: “{wizard.recap.last_focus}”"))
        self.column.addStretch(1)

    def load(self, review: Review) -> None:
        self.edit.setText(review.focus)

    def apply(self, review: Review) -> Review:
        return dataclasses.replace(review, focus=" ".join(self.edit.text().split()))

    def entered(self) -> None:
        self.edit.setFocus()


PAGE_CLASSES: dict[str, type[WizardPage]] = {
    cls.name: cls
    for cls in (
        DonePage,
        SlippedPage,
        SatisfactionPage,
        VisionPage,
        SkillsPage,
        GoalsPage,
        SmartPage,
        LearnedPage,
        FocusPage,
    )
}


class ReviewWizard(Dialog):
    """The review's pages with Back (Alt+B), Next (Alt+N) and Finish (Ctrl+Enter); every step is
    saved as it is taken, so Cancel (Esc) keeps the review to be resumed on the page reached."""

    changed = Signal(object)  # Changes: what a page wrote (skills, goals, a check-in, the review)
    completed = Signal(object)  # the finished Review
    status = Signal(str)  # a short message for the window's status line

    def __init__(self, services: Services, review: Review, parent: QWidget | None = None) -> None:
        kind = kind_text(review.kind)
        super().__init__(f"{kind} review", parent, name="reviewWizard", buttons=NO_BUTTONS)
        self.services = services
        self.review = review
        self.recap: Recap = services.review.recap(review)
        self.done_ = False
        self.setMinimumSize(640, 560)

        heading = QLabel(f"{kind} review · {period_text(review)}")
        heading.setObjectName("wizardHeading")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        self.indicator = QLabel()
        self.indicator.setObjectName("fieldHint")
        self.indicator.setAccessibleName("Page")
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.indicator)
        self.page_title = QLabel()
        self.page_title.setObjectName("wizardPageTitle")
        title_font = self.page_title.font()
        title_font.setBold(True)
        self.page_title.setFont(title_font)

        self.stack = QStackedWidget()
        self.pages: list[WizardPage] = [PAGE_CLASSES[name](self) for name in review.pages]
        for page in self.pages:
            page.load(review)
            self.stack.addWidget(page)

        self.message = hint_label()
        self.message.setObjectName("wizardMessage")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Close; the review is saved and resumes on this page (Esc)")
        self.cancel_button.clicked.connect(self.reject)
        self.back_button = QPushButton("&Back")
        self.back_button.setToolTip("The previous page (Alt+B)")
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton("&Next")
        self.next_button.setToolTip("Save this page and go on (Alt+N, or Ctrl+Enter)")
        self.next_button.clicked.connect(self.next)
        self.finish_button = QPushButton("&Finish")
        self.finish_button.setToolTip("Finish the review (Ctrl+Enter)")
        self.finish_button.clicked.connect(self.finish)
        for button in (self.cancel_button, self.back_button, self.next_button, self.finish_button):
            button.setAutoDefault(False)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._ctrl_enter)
        footer = QHBoxLayout()
        footer.addWidget(hint_label("Saved as you go: close it and resume later."), 1)
        footer.addWidget(self.cancel_button)
        footer.addWidget(self.back_button)
        footer.addWidget(self.next_button)
        footer.addWidget(self.finish_button)

        self.column.addLayout(top)
        self.column.addWidget(self.page_title)
        self.column.addWidget(self.stack, 1)
        self.column.addWidget(self.message)
        self.add_footer(footer)

        start = review.pages.index(review.page) if review.page in review.pages else 0
        self.index = 0
        self._show(start)

    # -- pages -----------------------------------------------------------------------------------
    @property
    def page_names(self) -> tuple[str, ...]:
        return self.review.pages

    def current_page(self) -> WizardPage:
        return self.pages[self.index]

    def page_of(self, name: str) -> WizardPage:
        return self.pages[self.page_names.index(name)]

    def indicator_text(self) -> str:
        return f"{self.index + 1} of {len(self.pages)} · {self._title(self.page_names[self.index])}"

    def _title(self, name: str) -> str:
        if name == "focus":
            return f"Focus for next {stretch_word(self.review.kind)}"
        return PAGE_TITLES[name]

    def _show(self, index: int) -> None:
        self.index = index
        page = self.pages[index]
        self.stack.setCurrentWidget(page)
        self.indicator.setText(self.indicator_text())
        self.page_title.setText(self._title(page.name))
        last = index == len(self.pages) - 1
        self.back_button.setEnabled(index > 0)
        self.next_button.setVisible(not last)
        self.finish_button.setVisible(last)
        (self.finish_button if last else self.next_button).setDefault(True)
        (self.next_button if last else self.finish_button).setDefault(False)
        page.entered()

    def _save(self, page_name: str) -> bool:
        """What the current page says, saved with *page_name* as the page reached; False (and the
        reason shown) when it cannot be."""
        try:
            review = self.current_page().apply(self.review)
            self.review = self.services.review.save_page(review, page_name)
        except INPUT_ERRORS as exc:
            self.show_error(message_for(exc))
            return False
        self.clear_error()
        self.changed.emit(REVIEWS)
        return True

    def next(self) -> None:
        if self.index < len(self.pages) - 1 and self._save(self.page_names[self.index + 1]):
            self._show(self.index + 1)

    def back(self) -> None:
        if self.index > 0 and self._save(self.page_names[self.index - 1]):
            self._show(self.index - 1)

    def _ctrl_enter(self) -> None:
        if self.index == len(self.pages) - 1:
            self.finish()
        else:
            self.next()

    def finish(self) -> Review | None:
        focus_page = self.page_of("focus")
        try:
            review = self.current_page().apply(self.review)
            if not review.focus.strip():
                raise InputError(
                    f"Pick a focus for next {stretch_word(review.kind)} (one line is enough) before you finish"
                )
            review = self.services.review.save_page(review, self.page_names[-1])
            self.review = review
            finished = self.services.review.finish(review)
        except INPUT_ERRORS as exc:
            self.show_error(message_for(exc))
            if self.current_page() is focus_page:
                focus_page.entered()
            return None
        self.review = finished
        self.done_ = True
        self.changed.emit(REVIEWS)
        self.completed.emit(finished)
        self.accept()
        return finished

    def reject(self) -> None:
        """Close; what the page says is kept and the review resumes on this page."""
        if not self.done_:
            try:
                review = self.current_page().apply(self.review)
                self.review = self.services.review.save_page(review, self.page_names[self.index])
                self.changed.emit(REVIEWS)
            except INPUT_ERRORS:
                pass  # what was saved with the last Next stays
            kind = kind_text(self.review.kind)
            self.status.emit(
                f"{kind} review saved on page {self.index + 1} of {len(self.pages)}: resume it with {kind} review…"
            )
        super().reject()

    # -- messages --------------------------------------------------------------------------------
    def say(self, text: str) -> None:
        """What a page just did, under the page."""
        self.message.setText(text)
        self.status.emit(text)

    def clear_error(self) -> None:
        self.error_label.hide()
