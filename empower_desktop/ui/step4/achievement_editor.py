"""The achievement editor: when, what I did, what it changed (in words, and as a number with its
unit where there is one), how it was measured, the evidence, who noticed, the skills it shows, the
goal or initiative it belongs to, and whether it may go in a document for someone else.

The impact number and the evidence link say what is wrong with them right under the field, as it
is typed (the number) or when the field is left (the link); Save refuses them with the same words
and nothing is saved. An achievement proposed by the app (a suggestion) opens here pre-filled;
saving it keeps where it came from, so the same event is never proposed again.

The step's editors share the tick lists of goals and skills that are here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from ...domain import Achievement, DomainError, Goal, Initiative, Skill
from ...domain.advocate import Visibility
from ...domain.assess import GoalStatus
from ...domain.learn import check_link
from ...errors import InputError
from ...services import Services
from ..formatting import first_line
from ..step3.mentorship_editor import checklist, ticked
from ..widgets.dialogs import DateEdit, FormDialog, error_label, hint_label, text_area
from ..widgets.fields import NumberField

NONE_CHOSEN = "(none)"
VISIBILITY_TEXT = {
    Visibility.SHAREABLE: "Shareable: it can go in a document for someone else",
    Visibility.PRIVATE: "Private: only in my own copy, unless I choose it",
}


def goal_combo(name: str, goals: Sequence[Goal], chosen: str | None) -> QComboBox:
    """ "(none)" and the goals to link to: those still open or achieved, and the one linked now."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(NONE_CHOSEN, None)
    for goal in goals:
        if goal.status is not GoalStatus.ARCHIVED or goal.id == chosen:
            combo.addItem(first_line(goal.title, 70), goal.id)
    combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
    return combo


VISIBLE_ROWS = 6  # a tick list shows this many whole rows, then scrolls


def tick_list(name: str, choices: Sequence[tuple[str, str]], chosen: Sequence[str]) -> QListWidget:
    """(id, label) with a tick box each, *chosen* ticked; a label too long for the list ends in "…"
    (the whole of it in its tooltip) rather than making the list scroll sideways. It is as high as
    whole rows need (no row cut in half at the bottom)."""
    widget = checklist(name, choices, chosen)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    widget.setUniformItemSizes(True)
    for row in range(widget.count()):
        item = widget.item(row)
        item.setToolTip(item.text())
    row_height = widget.sizeHintForRow(0) if widget.count() else -1
    if row_height <= 0:
        row_height = widget.fontMetrics().height() + 6
    rows = min(max(widget.count(), 3), VISIBLE_ROWS)
    widget.setFixedHeight(rows * row_height + 2 * widget.frameWidth())
    return widget


def goal_checklist(name: str, goals: Sequence[Goal], chosen: Sequence[str]) -> QListWidget:
    """Goals with a tick box each (the archived ones only when already linked)."""
    shown = [(g.id, first_line(g.title, 70)) for g in goals if g.status is not GoalStatus.ARCHIVED or g.id in chosen]
    return tick_list(name, shown, chosen)


def none_yet(text: str) -> QLabel:
    """What stands in for an empty list of choices: where to add some."""
    return hint_label(text)


class FieldWithProblem(QWidget):
    """A field with the line under it that says what is wrong with what was typed (hidden when fine)."""

    def __init__(self, field: QWidget | QHBoxLayout, focus: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusProxy(focus)  # its label's Alt+letter goes to the field
        self.problem = error_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if isinstance(field, QHBoxLayout):
            layout.addLayout(field)
        else:
            layout.addWidget(field)
        layout.addWidget(self.problem)

    def say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))


class AchievementEditor(FormDialog):
    """Add, edit, or accept a proposed achievement. Emits `saved(achievement)`."""

    def __init__(
        self,
        services: Services,
        goals: Sequence[Goal],
        initiatives: Sequence[Initiative],
        skills: Sequence[Skill],
        achievement: Achievement | None = None,
        *,
        reason: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """*achievement* is the one to edit, or, with *reason*, a suggestion's unsaved draft."""
        proposed = bool(reason)
        if proposed:
            title = "Add the proposed achievement"
        else:
            title = "New achievement" if achievement is None else "Edit achievement"
        super().__init__(title, parent=parent)
        self.setObjectName("achievementEditor")
        self.setMinimumWidth(640)
        self.services = services
        self.achievement = achievement
        chosen = achievement or Achievement(title="-", achieved_on=services.today())

        self.date_edit = DateEdit(chosen.achieved_on)
        self.date_edit.setObjectName("achievementDate")
        self.date_edit.setAccessibleName("Date")
        self.date_edit.setToolTip("The day of the achievement (type it, or pick it from the calendar)")
        self.date_edit.setMaximumWidth(self.date_edit.sizeHint().width() + 8 * self.fontMetrics().averageCharWidth())
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("achievementTitle")
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText("What I did, e.g. Cut the release checklist from 2 days to 2 hours")
        self.impact_edit = text_area("What changed because of it, in words", lines=2)
        self.impact_edit.setObjectName("achievementImpact")
        self.impact_edit.setMaximumHeight(5 * self.impact_edit.fontMetrics().lineSpacing() + 12)
        self.value_edit = NumberField("Impact number")
        self.value_edit.setObjectName("achievementValue")
        self.value_edit.setPlaceholderText("e.g. 120")
        char = self.value_edit.fontMetrics().averageCharWidth()
        self.value_edit.setFixedWidth(16 * char)
        self.unit_edit = QLineEdit()
        self.unit_edit.setObjectName("achievementUnit")
        self.unit_edit.setMaxLength(60)
        self.unit_edit.setAccessibleName("Unit")
        self.unit_edit.setPlaceholderText("unit, e.g. hours saved a month, €, users, incidents avoided")
        number_row = QHBoxLayout()
        number_row.setContentsMargins(0, 0, 0, 0)
        number_row.addWidget(self.value_edit)
        number_row.addWidget(self.unit_edit, 1)
        self.value_field = FieldWithProblem(number_row, self.value_edit)
        self.metric_edit = QLineEdit()
        self.metric_edit.setObjectName("achievementMetric")
        self.metric_edit.setMaxLength(500)
        self.metric_edit.setPlaceholderText("How you know, e.g. the deploy dashboard, the support queue")
        self.link_edit = QLineEdit()
        self.link_edit.setObjectName("achievementLink")
        self.link_edit.setPlaceholderText("https://… a document, a ticket, a dashboard, a thank-you note")
        self.link_field = FieldWithProblem(self.link_edit, self.link_edit)
        self.noticed_edit = QLineEdit()
        self.noticed_edit.setObjectName("achievementNoticed")
        self.noticed_edit.setMaxLength(200)
        self.noticed_edit.setPlaceholderText("e.g. my manager, in the team meeting")
        self.skills_list = tick_list("achievementSkills", [(s.id, s.name) for s in skills], chosen.skill_ids)
        self.goal_combo = goal_combo("achievementGoal", goals, chosen.goal_id)
        self.initiative_combo = QComboBox()
        self.initiative_combo.setObjectName("achievementInitiative")
        self.initiative_combo.addItem(NONE_CHOSEN, None)
        for initiative in initiatives:
            self.initiative_combo.addItem(
                f"{first_line(initiative.title, 60)} ({initiative.status.label})", initiative.id
            )
        if chosen.initiative_id:
            self.initiative_combo.setCurrentIndex(max(0, self.initiative_combo.findData(chosen.initiative_id)))
        self.visibility_combo = QComboBox()
        self.visibility_combo.setObjectName("achievementVisibility")
        for visibility, text in VISIBILITY_TEXT.items():
            self.visibility_combo.addItem(text, visibility.value)

        if proposed:
            intro = hint_label(
                f"The app proposes this achievement. {reason}. Add what it changed, with a number where "
                "there is one, and save to log it."
            )
            intro.setObjectName("achievementReason")
            self.form.addRow(intro)
        self.add_row("&Date:", self.date_edit)
        self.add_row("&What I did:", self.title_edit)
        self.add_row("Imp&act:", self.impact_edit)
        self.add_row("Impact &number:", self.value_field)
        self.add_row("&Measured by:", self.metric_edit)
        self.add_row("Evidence &link:", self.link_field)
        self.add_row("Wh&o noticed:", self.noticed_edit)
        if skills:
            self.add_row("S&kills shown:", self.skills_list)
        else:
            self.add_row("Skills shown:", none_yet("Add skills in step 1 to tick the ones this shows."))
        self.add_row("&Goal:", self.goal_combo)
        self.add_row("&Initiative:", self.initiative_combo)
        self.add_row("&Visibility:", self.visibility_combo)

        if achievement is not None:
            self._fill(achievement)
        self.value_edit.textChanged.connect(lambda _t: self._check_value())
        self.link_edit.editingFinished.connect(lambda: self._check_link(leaving=True))
        self.link_edit.textChanged.connect(lambda _t: self._check_link(leaving=False))
        (self.impact_edit if proposed else self.title_edit).setFocus()

    def _fill(self, achievement: Achievement) -> None:
        self.date_edit.set_value(achievement.achieved_on)
        self.title_edit.setText(achievement.title)
        self.impact_edit.setPlainText(achievement.impact)
        self.value_edit.set_value(achievement.impact_value)
        self.unit_edit.setText(achievement.impact_unit)
        self.metric_edit.setText(achievement.metric)
        self.link_edit.setText(achievement.evidence_link)
        self.noticed_edit.setText(achievement.noticed_by)
        self.visibility_combo.setCurrentIndex(self.visibility_combo.findData(achievement.visibility.value))

    # -- what is wrong, under the field ----------------------------------------------------------
    def _check_value(self) -> bool:
        try:
            self.value_edit.value()
        except InputError as exc:
            self.value_field.say(str(exc))
            self._grow_to_fit()
            return False
        self.value_field.say("")
        return True

    def _check_link(self, *, leaving: bool) -> bool:
        """A link that is not a web address is pointed out when the field is left (not at every
        key typed); the message goes as soon as the text is a link."""
        try:
            check_link(self.link_edit.text())
        except DomainError:
            if leaving or self.link_field.problem.isVisible():
                self.link_field.say(self._link_problem())
                self._grow_to_fit()
            return False
        self.link_field.say("")
        return True

    def _link_problem(self) -> str:
        typed = self.link_edit.text().strip()
        shown = typed if len(typed) <= 60 else typed[:59] + "…"
        return f"Evidence link: “{shown}” is not a web address (e.g. https://example.org/report)"

    # -- saving ----------------------------------------------------------------------------------
    def save(self) -> Achievement:
        day = self.date_edit.value()
        if not self.title_edit.text().strip():
            raise InputError("What I did: say in a few words what you did")
        if not self._check_value():
            self.value_edit.value()  # raises the message shown under the field
        if not self._check_link(leaving=True):
            raise InputError(self._link_problem())
        fields: dict[str, Any] = {
            "achieved_on": day,
            "title": self.title_edit.text().strip(),
            "impact": self.impact_edit.toPlainText().strip(),
            "impact_value": self.value_edit.value(),
            "impact_unit": self.unit_edit.text().strip(),
            "metric": self.metric_edit.text().strip(),
            "evidence_link": self.link_edit.text().strip(),
            "noticed_by": self.noticed_edit.text().strip(),
            "skill_ids": ticked(self.skills_list),
            "goal_id": self.goal_combo.currentData(),
            "initiative_id": self.initiative_combo.currentData(),
            "visibility": Visibility(self.visibility_combo.currentData()),
        }
        record = dataclasses.replace(self.achievement, **fields) if self.achievement else Achievement(**fields)
        return self.services.advocacy.save_achievement(record)

    def focus_for(self, message: str) -> QWidget | None:
        lowered = message.lower()
        if message.startswith("Date") or "day" in lowered:
            return self.date_edit
        if message.startswith("What I did") or "title" in lowered:
            return self.title_edit
        if message.startswith("Impact number") or "impact is not" in lowered:
            return self.value_edit
        if "unit" in lowered:
            return self.unit_edit
        if "link" in lowered:
            return self.link_edit
        if "measured by" in lowered:
            return self.metric_edit
        if "who noticed" in lowered:
            return self.noticed_edit
        if lowered.startswith("impact"):
            return self.impact_edit
        return None
