"""Step 1 · Skills: the inventory of self-rated skills, each with its history of dated ratings.

Rating a skill again adds a rating; the earlier ones stay and show as a small chart and a list
with the evidence ("what makes me say so") given each time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...changes import Changes, Kind
from ...domain import Skill, SkillRating
from ...domain.assess import LEVEL_MAX, LEVEL_MIN
from ...services import Services, SkillRow
from ..formatting import DASH, EN_DASH, MUTED_COLOUR, date_key, first_line, fmt_date
from ..messages import ask, show_error
from ..widgets.charts import PALETTE, Series, TrendChart
from ..widgets.dialogs import INPUT_ERRORS, DateEdit, FormDialog, KeyBindings, text_area
from ..widgets.section import Section
from ..widgets.step_page import split
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel

# The Dreyfus stages, so "3" means the same thing every time a person rates.
LEVEL_WORDS = {1: "Novice", 2: "Advanced beginner", 3: "Competent", 4: "Proficient", 5: "Expert"}
LEVEL_HINTS = {
    1: "I know the basics and need guidance",
    2: "I handle simple tasks on my own",
    3: "I work on my own on most tasks",
    4: "I handle complex work and guide others",
    5: "Others come to me; I set the direction",
}


def level_text(level: int) -> str:
    return f"{level} · {LEVEL_WORDS.get(level, '')}"


def level_words(level: int) -> str:
    return f"{level} ({LEVEL_WORDS.get(level, '')})"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@dataclass(frozen=True)
class SkillsData:
    rows: list[SkillRow]
    histories: dict[str, list[SkillRating]] = field(default_factory=dict)


def _skill_columns() -> list[Column[SkillRow]]:
    return [
        Column("Skill", lambda r: r.skill.name, stretch=True, width=24),
        Column("Category", lambda r: r.skill.category or DASH, width=14),
        Column(
            f"Current (1{EN_DASH}5)",
            lambda r: str(r.latest.level) if r.latest else "Not rated",
            sort_key=lambda r: r.latest.level if r.latest else None,
            colour=lambda r: None if r.latest else MUTED_COLOUR,
            align="center",
            tooltip=lambda r: level_text(r.latest.level) if r.latest else "Not rated yet",
            width=13,
        ),
        Column(
            "Target",
            lambda r: str(r.skill.target_level) if r.skill.target_level else DASH,
            sort_key=lambda r: r.skill.target_level,
            align="center",
            tooltip=lambda r: level_text(r.skill.target_level) if r.skill.target_level else "No target level",
            width=8,
        ),
        Column(
            "Last rated",
            lambda r: fmt_date(r.latest.rated_on) if r.latest else DASH,
            sort_key=lambda r: date_key(r.latest.rated_on) if r.latest else None,
            tooltip=lambda r: f"{plural(r.ratings, 'rating')} so far",
            width=12,
        ),
        Column(
            "Notes",
            lambda r: first_line(r.skill.notes, 80),
            tooltip=lambda r: r.skill.notes or "No notes",
            width=22,
        ),
    ]


def _rating_columns() -> list[Column[SkillRating]]:
    return [
        Column("Date", lambda r: fmt_date(r.rated_on), sort_key=lambda r: date_key(r.rated_on), width=11),
        Column("Level", lambda r: level_text(r.level), sort_key=lambda r: r.level, width=20),
        Column(
            "Evidence",
            lambda r: first_line(r.evidence) or DASH,
            tooltip=lambda r: r.evidence or "No evidence noted",
            stretch=True,
        ),
    ]


class LevelField(QWidget):
    """A level from 1 to 5 (or "not yet" when *optional*), with what that level means beside it."""

    def __init__(self, value: int | None, optional_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spin = QSpinBox()
        self.spin.setRange(0 if optional_text else LEVEL_MIN, LEVEL_MAX)
        if optional_text:
            self.spin.setSpecialValueText(optional_text)
        self.spin.setValue(value if value is not None else self.spin.minimum())
        char = self.spin.fontMetrics().averageCharWidth()
        self.spin.setMinimumWidth(max(10, len(optional_text) + 6) * char)
        self.meaning = QLabel()
        self.meaning.setObjectName("fieldHint")
        self.spin.valueChanged.connect(self._explain)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin)
        layout.addWidget(self.meaning, 1)
        self._explain(self.spin.value())

    def value(self) -> int | None:
        return self.spin.value() or None

    def _explain(self, level: int) -> None:
        self.meaning.setText(f"{LEVEL_WORDS[level]}: {LEVEL_HINTS[level]}" if level in LEVEL_WORDS else "")


class SkillDialog(FormDialog):
    """Add a skill (optionally rating it at once) or edit one's name, category, target and notes."""

    def __init__(
        self, services: Services, categories: Sequence[str], skill: Skill | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("Add skill" if skill is None else "Edit skill", parent=parent)
        self.setObjectName("skillDialog")
        self.services = services
        self.skill = skill
        self.name_edit = QLineEdit(skill.name if skill else "")
        self.name_edit.setPlaceholderText("e.g. System design")
        self.category_edit = QComboBox()
        self.category_edit.setEditable(True)
        self.category_edit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.category_edit.addItems(sorted(set(categories), key=str.casefold))
        self.category_edit.setCurrentText(skill.category if skill else "")
        line = self.category_edit.lineEdit()
        if line is not None:
            line.setPlaceholderText("e.g. Engineering, Leadership (optional)")
        self.target_field = LevelField(skill.target_level if skill else None, "No target")
        self.level_field: LevelField | None = None
        self.notes_edit = text_area("Anything worth remembering about this skill (optional)")
        self.notes_edit.setPlainText(skill.notes if skill else "")
        self.add_row("&Name:", self.name_edit)
        self.add_row("&Category:", self.category_edit)
        self.add_row("&Target level:", self.target_field)
        if skill is None:
            self.level_field = LevelField(None, "Not yet")
            self.add_row("Current &level:", self.level_field, "Rate it now (dated today), or later with Rate…")
        self.add_row("N&otes:", self.notes_edit)

    def save(self) -> Skill:
        target = self.target_field.value()
        if self.skill is None:
            level = self.level_field.value() if self.level_field is not None else None
            return self.services.assessment.add_skill(
                self.name_edit.text(),
                self.category_edit.currentText(),
                target,
                self.notes_edit.toPlainText(),
                level=level,
            )
        return self.services.assessment.update_skill(
            self.skill.id,
            name=self.name_edit.text(),
            category=self.category_edit.currentText(),
            target_level=target,
            notes=self.notes_edit.toPlainText(),
        )

    def focus_for(self, message: str) -> QWidget | None:
        if "name" in message or "skill called" in message:
            return self.name_edit
        if message.startswith("Notes"):
            return self.notes_edit
        return None


class RateDialog(FormDialog):
    """A new dated rating of one skill, with the evidence for it; the earlier ratings stay."""

    def __init__(
        self, services: Services, skill: Skill, latest: SkillRating | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"Rate “{first_line(skill.name, 60)}”", save_text="Save rating", parent=parent)
        self.setObjectName("rateDialog")
        self.services = services
        self.skill = skill
        if latest is not None:
            before = f"Last rated {level_words(latest.level)} on {fmt_date(latest.rated_on)}"
        else:
            before = "Not rated yet"
        if skill.target_level:
            before += f"  ·  target {level_words(skill.target_level)}"
        self.before_label = QLabel(before)
        self.before_label.setObjectName("fieldHint")
        self.level_field = LevelField(latest.level if latest else 3)
        self.date_edit = DateEdit(services.today(), latest=services.today())
        self.evidence_edit = text_area("What makes me say so: a project, feedback, a result (optional)", lines=4)
        self.form.addRow(self.before_label)
        self.add_row("&Level:", self.level_field)
        self.add_row("&Date:", self.date_edit)
        self.add_row("&Evidence:", self.evidence_edit)
        self.level_field.spin.setFocus()
        self.level_field.spin.selectAll()

    def save(self) -> SkillRating:
        return self.services.assessment.rate_skill(
            self.skill.id,
            self.level_field.spin.value(),
            on=self.date_edit.value(),
            evidence=self.evidence_edit.toPlainText(),
        )

    def focus_for(self, message: str) -> QWidget | None:
        if message.startswith("Evidence"):
            return self.evidence_edit
        if "after today" in message:
            return self.date_edit
        return self.level_field.spin


class SkillDetails(QWidget):
    """The selected skill: its chart of ratings over time and the dated ratings with evidence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("Select a skill to see its history")
        self.heading.setObjectName("detailHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.meta = QLabel()
        self.meta.setObjectName("fieldHint")
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.chart = TrendChart(LEVEL_MIN, LEVEL_MAX, "Ratings over time show here once a skill is rated.")
        self.chart.setObjectName("skillChart")
        self.history: TablePanel[SkillRating] = TablePanel(
            "Ratings", _rating_columns(), "Not rated yet.\nRate it to start its history."
        )
        self.delete_rating_button = QPushButton("Delete rating…")
        self.delete_rating_button.setToolTip("Remove the selected rating if it was entered by mistake")
        history_box = QWidget()
        history_layout = QVBoxLayout(history_box)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(self.history, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.delete_rating_button)
        history_layout.addLayout(row)

        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.heading)
        words.addWidget(self.meta)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(words)
        layout.addWidget(split(Qt.Orientation.Horizontal, (self.chart, 1), (history_box, 1)), 1)
        self.show_skill(None, [])

    def show_skill(self, row: SkillRow | None, ratings: Sequence[SkillRating]) -> None:
        if row is None:
            self.heading.setText("Select a skill to see its history")
            self.meta.setText("")
            self.history.set_rows([])
            self.chart.set_series([], "Select a skill to see its ratings over time.")
            return
        skill = row.skill
        self.heading.setText(first_line(skill.name, 120))
        parts = [skill.category or "No category"]
        if skill.target_level:
            parts.append(f"target {level_words(skill.target_level)}")
        else:
            parts.append("no target level")
        parts.append(plural(len(ratings), "rating"))
        meta = "  ·  ".join(parts)
        if skill.notes:
            meta += f"\n{first_line(skill.notes, 300)}"
        self.meta.setText(meta)
        self.history.set_rows(list(reversed(ratings)))  # newest first
        points = [(r.rated_on, float(r.level)) for r in ratings]
        series = [Series("Rating", points)]
        if skill.target_level and points:
            start = points[0][0]
            end = max(points[-1][0], start + timedelta(days=1))
            series.append(
                Series("Target", [(start, skill.target_level), (end, skill.target_level)], PALETTE[0], 1.5, True, False)
            )
        self.chart.set_series(series, "Not rated yet: press Rate… to start its history.")


SKILLS = Changes.of(Kind.SKILLS)
# A deleted skill is unlinked from strengths and weaknesses, goals, learning items and achievements.
SKILL_DELETED = Changes.of(Kind.SKILLS, Kind.PROFILE, Kind.GOALS, Kind.LEARNING_ITEMS, Kind.ADVOCACY)


class SkillsSection(Section):
    title = "Skills"
    WATCHES = frozenset({Kind.SKILLS})

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.data = SkillsData([])
        self.dialog: FormDialog | None = None  # the open dialog (tests fill it in)
        self.confirm_box: Any = None
        self._select_id: str | None = None  # the skill to select after the next fill

        self.add_button = QPushButton("&Add skill…")
        self.add_button.setToolTip("Add a skill to your inventory (Ctrl+N)")
        self.rate_button = QPushButton("&Rate…")
        self.rate_button.setToolTip("Rate the selected skill again; earlier ratings are kept (Enter, double-click)")
        self.edit_button = QPushButton("Ed&it…")
        self.edit_button.setToolTip("Change the selected skill's name, category, target or notes")
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setToolTip("Delete the selected skill and its ratings (Del)")
        self.add_button.clicked.connect(self.add_skill)
        self.rate_button.clicked.connect(self.rate_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        toolbar = QHBoxLayout()
        toolbar.setSpacing(6)
        toolbar.addStretch(1)  # the actions sit at the right, as on the other sub-tabs
        for button in (self.add_button, self.rate_button, self.edit_button, self.delete_button):
            toolbar.addWidget(button)

        self.skills: TablePanel[SkillRow] = TablePanel(
            "Skills", _skill_columns(), "No skills yet.\nList the skills your work needs and rate yourself from 1 to 5."
        )
        self.skills.table.setSelectionMode(self.skills.table.SelectionMode.SingleSelection)
        self.skills.table.doubleClicked.connect(lambda _index: self.rate_selected())
        selection = self.skills.table.selectionModel()
        selection.selectionChanged.connect(self._current_changed)
        self.skills.model.modelReset.connect(self._update_details)
        self.skills.model.layoutChanged.connect(self._update_buttons)
        keys = KeyBindings(self.skills.table)
        keys.bind((Qt.Key.Key_Return, Qt.Key.Key_Enter), self.rate_selected)
        keys.bind((Qt.Key.Key_Delete,), self.delete_selected)
        QShortcut(QKeySequence("Ctrl+N"), self, self.add_skill, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.details = SkillDetails()
        self.details.delete_rating_button.clicked.connect(self.delete_selected_rating)
        self.details.history.table.selectionModel().selectionChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(toolbar)
        layout.addWidget(split(Qt.Orientation.Vertical, (self.skills, 3), (self.details, 2)), 1)
        self._update_buttons()

    # -- reading ---------------------------------------------------------------------------------
    def fetch(self) -> SkillsData:
        return SkillsData(self.services.assessment.skill_rows(), self.services.assessment.skill_histories())

    def fill(self, data: SkillsData) -> None:
        current = self.selected()
        keep = self._select_id or (current.skill.id if current is not None else None)
        self._select_id = None
        self.data = data
        self.skills.set_rows(data.rows)
        if keep is not None:
            self.select_skill(keep)
        self._update_details()

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.skills,)

    # -- selection -------------------------------------------------------------------------------
    def selected(self) -> SkillRow | None:
        index = self.skills.table.currentIndex()
        if not index.isValid() or not self.skills.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.skills.model.row_at(index.row())

    def select_skill(self, skill_id: str) -> bool:
        return self.skills.select_first(lambda row: row.skill.id == skill_id)

    def _current_changed(self, *_args: Any) -> None:
        self._update_details()

    def _update_details(self) -> None:
        row = self.selected()
        self.details.show_skill(row, self.data.histories.get(row.skill.id, []) if row else [])
        self._update_buttons()

    def _update_buttons(self, *_args: Any) -> None:
        chosen = self.selected() is not None
        for button in (self.rate_button, self.edit_button, self.delete_button):
            button.setEnabled(chosen)
        self.details.delete_rating_button.setEnabled(self.details.history.table.currentIndex().isValid())

    # -- actions ---------------------------------------------------------------------------------
    def _open(self, dialog: SkillDialog | RateDialog, done: str) -> FormDialog:
        def saved(record: object) -> None:
            skill = record if isinstance(record, Skill) else dialog.skill
            if skill is not None:
                self._select_id = skill.id
            self.announce(SKILLS, f"{done}: {first_line(skill.name, 60)}" if skill is not None else "")

        dialog.saved.connect(saved)
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_skill(self) -> FormDialog:
        categories = [r.skill.category for r in self.data.rows if r.skill.category]
        return self._open(SkillDialog(self.services, categories, parent=self), "Skill added")

    def rate_selected(self) -> FormDialog | None:
        row = self.selected()
        if row is None:
            return None
        return self._open(RateDialog(self.services, row.skill, row.latest, self), "Rating saved")

    def edit_selected(self) -> FormDialog | None:
        row = self.selected()
        if row is None:
            return None
        categories = [r.skill.category for r in self.data.rows if r.skill.category]
        return self._open(SkillDialog(self.services, categories, row.skill, self), "Skill saved")

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        skill = row.skill
        try:
            usage = self.services.assessment.skill_usage(skill.id)
        except INPUT_ERRORS as exc:
            show_error(self, "Could not read the skill", str(exc))
            return
        links = [
            plural(n, what)
            for n, what in (
                (usage.entries, "strength, weakness or interest"),
                (usage.goals, "goal"),
                (usage.learning_items, "learning item"),
                (usage.achievements, "achievement"),
            )
            if n
        ]
        detail = "Its rating history goes with it."
        if links:
            detail += f" It is also unlinked from {', '.join(links)}."
        name = first_line(skill.name, 80)

        def delete() -> None:
            self.run_op(
                lambda: self.services.assessment.delete_skill(skill.id),
                changes=SKILL_DELETED,
                done=f"Skill deleted: {name}",
                on_failure=lambda exc: show_error(
                    self, "The skill could not be deleted", str(exc), "Nothing was changed."
                ),
            )

        self.confirm_box = ask(
            self,
            "Delete skill",
            f"Delete the skill “{name}” and its {plural(usage.ratings, 'rating')}?",
            "Delete skill",
            delete,
            detail=detail,
        )

    def delete_selected_rating(self) -> None:
        row = self.selected()
        index = self.details.history.table.currentIndex()
        if row is None or not index.isValid():
            return
        history = self.details.history
        rating = history.model.row_at(index.row())

        def keep_selection(_result: object) -> None:
            self._select_id = row.skill.id

        def delete() -> None:
            self.run_op(
                lambda: self.services.assessment.delete_rating(rating.id),
                changes=SKILLS,
                then=keep_selection,
                done=f"Rating of {fmt_date(rating.rated_on)} deleted",
                on_failure=lambda exc: show_error(self, "The rating could not be deleted", str(exc)),
            )

        self.confirm_box = ask(
            self,
            "Delete rating",
            f"Delete the rating {level_text(rating.level)} of {fmt_date(rating.rated_on)} "
            f"from “{first_line(row.skill.name, 60)}”?",
            "Delete rating",
            delete,
            detail="The skill's other ratings stay.",
        )
