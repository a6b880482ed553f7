"""The learning item editor: what to learn, from whom, for which skills and goal, and when.

A certification also has the day it was earned and the day it expires; those two rows show
only while the type is Certification. Every rule (a title, a web address for the link, no
negative cost, a finish not before the start) is the domain's: a broken one is shown under
the form and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...domain import Goal, LearningItem, Skill
from ...domain.assess import GoalStatus
from ...domain.learn import LearningStatus, LearningType
from ...services import Services
from ..formatting import first_line
from ..widgets.dialogs import FormDialog, text_area
from ..widgets.fields import DateField, NumberField

NO_GOAL = "(none)"
STATUS_LABELS = {
    LearningStatus.PLANNED: "Planned",
    LearningStatus.IN_PROGRESS: "In progress",
    LearningStatus.DONE: "Done",
    LearningStatus.DROPPED: "Dropped",
}
TITLE_HINTS = {
    LearningType.COURSE: "e.g. “Designing Data-Intensive Applications” course",
    LearningType.CERTIFICATION: "e.g. AWS Certified Solutions Architect Associate",
    LearningType.WORKSHOP: "e.g. Facilitation skills workshop",
    LearningType.CONFERENCE: "e.g. PyCon talks on packaging",
    LearningType.BOOK: "e.g. “Staff Engineer” by Will Larson",
    LearningType.ARTICLE_VIDEO: "e.g. The talk on event sourcing everyone quotes",
    LearningType.MENTORING: "e.g. Monthly sessions on system design with a mentor",
    LearningType.ON_THE_JOB: "e.g. Lead the next incident review",
}


class SkillChecklist(QWidget):
    """The existing skills, each with a tick box, and a line to find one in a long list."""

    def __init__(self, skills: Sequence[Skill], ticked: Iterable[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chosen = set(ticked)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("Find a skill…")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setObjectName("itemSkills")
        for skill in sorted(skills, key=lambda s: s.id not in chosen):  # the ones ticked first, in their order
            item = QListWidgetItem(skill.name)
            item.setData(Qt.ItemDataRole.UserRole, skill.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if skill.id in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        row = self.list.sizeHintForRow(0) if skills else self.list.fontMetrics().lineSpacing()
        self.list.setFixedHeight(min(max(len(skills), 3), 7) * row + 2 * self.list.frameWidth())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if skills:
            if len(skills) > 8:
                layout.addWidget(self.find_edit)
            layout.addWidget(self.list)
        else:
            none = QLabel("No skills yet: add them under Assess & Set Goals → Skills to link them here.")
            none.setObjectName("fieldHint")
            none.setWordWrap(True)
            layout.addWidget(none)
            self.list.hide()

    def items(self) -> list[QListWidgetItem]:
        return [item for item in (self.list.item(i) for i in range(self.list.count())) if item is not None]

    def ticked_ids(self) -> list[str]:
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in self.items() if i.checkState() == Qt.CheckState.Checked]

    def tick(self, skill_ids: Iterable[str]) -> None:
        """Tick these skills too (and scroll to the first one)."""
        wanted = set(skill_ids)
        first = None
        for item in self.items():
            if item.data(Qt.ItemDataRole.UserRole) in wanted:
                item.setCheckState(Qt.CheckState.Checked)
                first = first or item
        if first is not None:
            self.list.scrollToItem(first)

    def tick_names(self, names: Sequence[str]) -> None:
        """Tick exactly the skills called *names* (as a person would click them)."""
        for item in self.items():
            item.setCheckState(Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked)

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for item in self.items():
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())


def goal_choices(goals: Sequence[Goal], keep: str | None) -> list[Goal]:
    """The goals a learning item can serve: the ones still open, and the one it serves already."""
    open_ = (GoalStatus.ACTIVE, GoalStatus.DRAFT)
    return [g for g in goals if g.status in open_ or g.id == keep]


def _choices(choices: Iterable[tuple[str, Any]]) -> QComboBox:
    """A drop-down of (text, data) choices."""
    combo = QComboBox()
    for text, data in choices:
        combo.addItem(text, data)
    return combo


class ItemEditor(FormDialog):
    """Add or edit one learning item. Emits `saved(item)` after a successful save, then closes."""

    def __init__(
        self,
        services: Services,
        skills: Sequence[Skill],
        goals: Sequence[Goal],
        item: LearningItem | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = "New learning item" if item is None else f"Edit “{first_line(item.title, 60)}”"
        super().__init__(title, parent=parent)
        self.setObjectName("itemEditor")
        self.services = services
        self.item = item

        self.type_combo = _choices((kind.label, kind) for kind in LearningType)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(400)  # longer than allowed, so the domain can say how long is too long
        self.provider_edit = QLineEdit()
        self.provider_edit.setPlaceholderText("A platform, a school, an author, your team (optional)")
        self.link_edit = QLineEdit()
        self.link_edit.setPlaceholderText("https://… (optional)")
        self.cost_edit = NumberField("Cost")
        self.cost_edit.setPlaceholderText("optional")
        self.hours_edit = NumberField("Estimated hours")
        self.hours_edit.setPlaceholderText("optional")
        self.skills_box = SkillChecklist(skills, item.skill_ids if item else ())
        open_goals = goal_choices(goals, item.goal_id if item else None)
        self.goal_combo = _choices([(NO_GOAL, None)] + [(first_line(g.title, 80), g.id) for g in open_goals])
        self.goal_combo.setObjectName("itemGoal")
        self.status_combo = _choices((label, status) for status, label in STATUS_LABELS.items())
        self.start_edit = DateField("Start")
        self.finish_edit = DateField("Finish")
        self.earned_edit = DateField("Earned on")
        self.expires_edit = DateField("Expires on")
        self.notes_edit = text_area("What it covers, why this one, what to look out for (optional)")
        self.notes_edit.setMaximumHeight(5 * self.notes_edit.fontMetrics().lineSpacing() + 12)

        for label, field, hint in (
            ("&Type:", self.type_combo, ""),
            ("T&itle:", self.title_edit, ""),
            ("&Provider:", self.provider_edit, ""),
            ("&Link:", self.link_edit, ""),
            ("&Cost:", self.cost_edit, ""),
            ("Estimated &hours:", self.hours_edit, ""),
            ("&Skills it builds:", self.skills_box, "Tick the skills this item builds (Space ticks)."),
            ("For &goal:", self.goal_combo, ""),
            ("Stat&us:", self.status_combo, ""),
            ("Sta&rt:", self.start_edit, ""),
            ("&Finish:", self.finish_edit, ""),
            ("&Earned on:", self.earned_edit, ""),
            ("E&xpires on:", self.expires_edit, ""),
            ("N&otes:", self.notes_edit, ""),
        ):
            self.add_row(label, field, hint)

        if item is not None:
            self._load(item)
        self.type_combo.currentIndexChanged.connect(lambda _i: self._type_changed())
        self._type_changed()
        self.title_edit.setFocus()

    # -- the form --------------------------------------------------------------------------------
    def _load(self, item: LearningItem) -> None:
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(item.kind)))
        self.title_edit.setText(item.title)
        self.provider_edit.setText(item.provider)
        self.link_edit.setText(item.link)
        self.cost_edit.set_value(item.cost)
        self.hours_edit.set_value(item.estimated_hours)
        self.set_goal(item.goal_id)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(item.status)))
        self.start_edit.set_value(item.start)
        self.finish_edit.set_value(item.finish)
        self.earned_edit.set_value(item.earned_on)
        self.expires_edit.set_value(item.expires_on)
        self.notes_edit.setPlainText(item.notes)

    def kind(self) -> LearningType:
        return LearningType(self.type_combo.currentData())

    def set_kind(self, kind: LearningType) -> None:
        self.type_combo.setCurrentIndex(self.type_combo.findData(kind))

    def set_goal(self, goal_id: str | None) -> None:
        """Choose this goal (none when it is not one a learning item can serve)."""
        self.goal_combo.setCurrentIndex(max(0, self.goal_combo.findData(goal_id)))

    def goal_id(self) -> str | None:
        data = self.goal_combo.currentData()
        return str(data) if data else None

    def is_certification(self) -> bool:
        return self.kind() is LearningType.CERTIFICATION

    def _type_changed(self) -> None:
        certification = self.is_certification()
        for field in (self.earned_edit, self.expires_edit):
            self.form.setRowVisible(field, certification)
        self.title_edit.setPlaceholderText(TITLE_HINTS.get(self.kind(), ""))
        if self.isVisible():  # rows shown or hidden: fit the dialog to them
            layout = self.layout()
            if layout is not None:
                layout.activate()
            self.adjustSize()

    def item_from_form(self) -> LearningItem:
        """The item as typed. Raises InputError or DomainError naming what is wrong."""
        certification = self.is_certification()
        fields: dict[str, Any] = {
            "kind": self.kind(),
            "title": self.title_edit.text().strip(),
            "provider": self.provider_edit.text().strip(),
            "link": self.link_edit.text().strip(),
            "cost": self.cost_edit.value(),
            "estimated_hours": self.hours_edit.value(),
            "skill_ids": self.skills_box.ticked_ids(),
            "goal_id": self.goal_id(),
            "status": LearningStatus(self.status_combo.currentData()),
            "start": self.start_edit.value(),
            "finish": self.finish_edit.value(),
            "earned_on": self.earned_edit.value() if certification else None,
            "expires_on": self.expires_edit.value() if certification else None,
            "notes": self.notes_edit.toPlainText().strip(),
        }
        if self.item is None:
            return LearningItem(**fields)
        return replace(self.item, **fields)  # replace() checks the rules again

    # -- saving ----------------------------------------------------------------------------------
    def save(self) -> LearningItem:
        return self.services.learning.save_item(self.item_from_form())

    def focus_for(self, message: str) -> QWidget | None:
        text = message.casefold()
        for words, field in (
            ("title", self.title_edit),
            ("link", self.link_edit),
            ("cost", self.cost_edit),
            ("estimated hours", self.hours_edit),
            ("notes", self.notes_edit),
            ("certification", self.expires_edit.edit),
            ("earned on", self.earned_edit.edit),
            ("expires on", self.expires_edit.edit),
            ("learning item", self.finish_edit.edit),  # its end is before its start
            ("start", self.start_edit.edit),
            ("finish", self.finish_edit.edit),
        ):
            if words in text:
                return field
        return None
