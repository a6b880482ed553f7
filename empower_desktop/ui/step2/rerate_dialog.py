"""After a learning item is done: has it changed how you rate the skills it builds?

Each skill shows its latest rating and a level to rate it at now; "Save ratings" adds a dated
rating (evidence: "Finished <item>") for each skill given a level, "Skip" adds none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from ...domain import Skill, SkillRating
from ...services import Services
from ..formatting import first_line
from ..step1.skills import LevelField, level_words
from ..widgets.dialogs import FormDialog

KEEP = "No new rating"


class RerateDialog(FormDialog):
    """Re-rate the skills a finished item builds. Emits `saved(list of new ratings)`."""

    def __init__(
        self,
        services: Services,
        title: str,
        skills: Sequence[Skill],
        latest: Mapping[str, int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Re-rate your skills", save_text="Save ratings", parent=parent)
        self.setObjectName("rerateDialog")
        self.services = services
        self.item_title = title
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Skip")
        cancel.setToolTip("Keep the ratings as they are (Esc)")
        intro = QLabel(
            f"You finished “{first_line(title, 80)}”. Has it changed how you rate the skills it builds? "
            "Each skill given a level gets a new dated rating; the earlier ones stay in its history."
        )
        intro.setWordWrap(True)
        self.column.insertWidget(0, intro)  # above the form: a form row would not grow with the wrapped text
        self.fields: dict[str, LevelField] = {}
        for skill in skills:
            level = latest.get(skill.id)
            field = LevelField(level, KEEP)
            field.spin.setToolTip(f"Now {level_words(level)}" if level else "Not rated yet")
            now = f"now {level}" if level else "not rated yet"
            self.add_row(f"{first_line(skill.name, 40)} ({now}):", field)
            self.fields[skill.id] = field
        # Wide enough for the labels and level words: a wrapped text above would let it shrink.
        self.resize(self.sizeHint().expandedTo(self.minimumSizeHint()))
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.spin.setFocus()
            first.spin.selectAll()

    def levels(self) -> dict[str, int]:
        """The level chosen for each skill that gets a new rating."""
        return {skill_id: level for skill_id, field in self.fields.items() if (level := field.value()) is not None}

    def set_level(self, skill_id: str, level: int | None) -> None:
        self.fields[skill_id].spin.setValue(level or 0)

    def save(self) -> list[SkillRating]:
        evidence = f"Finished {self.item_title}"
        levels = self.levels()
        return [
            self.services.assessment.rate_skill(skill_id, level, evidence=evidence)
            for skill_id, level in levels.items()
        ]
