"""Step 4 · Achievements: the record of the work with its impact, and the app's proposals.

Above the table, a strip shows what the app proposes to log (a goal achieved, a milestone reached,
a certification earned, an initiative delivered): "Add achievement…" opens the editor filled in
from the event, "Dismiss" drops it (Ctrl+Z brings it back). Either way the same event is never
proposed again. The table: add (Ctrl+N), edit (Enter or a double-click), delete (Delete, undoable).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...changes import Changes, Kind
from ...domain import Achievement, Goal, Initiative, Skill
from ...errors import ActionableError
from ...services import Services
from ...services.advocacy import AchievementRow, Suggestion
from ..formatting import DASH, MUTED_COLOUR, date_key, first_line, fmt_date, fmt_number
from ..widgets.section import Section
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel
from ..widgets.undo import confirm_delete
from .achievement_editor import AchievementEditor

ADVOCACY = Changes.of(Kind.ADVOCACY)
SHOWN_SUGGESTIONS = 3  # proposals shown at once; the next one comes up as each is decided


@dataclass(frozen=True)
class AchievementsData:
    rows: list[AchievementRow] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    today: date | None = None


def impact_text(achievement: Achievement) -> str:
    """ "120 hours saved a month · what changed", or the words alone, or the number alone."""
    number = (
        fmt_number(achievement.impact_value, achievement.impact_unit) if achievement.impact_value is not None else ""
    )
    words = first_line(achievement.impact, 80)
    return " · ".join(part for part in (number, words) if part) or DASH


def impact_tooltip(achievement: Achievement) -> str:
    lines = []
    if achievement.impact_value is not None:
        lines.append(fmt_number(achievement.impact_value, achievement.impact_unit))
    if achievement.impact:
        lines.append(achievement.impact)
    if achievement.metric:
        lines.append(f"Measured by: {achievement.metric}")
    return "\n".join(lines) or "No impact written down yet"


def achievement_tooltip(row: AchievementRow) -> str:
    achievement = row.achievement
    lines = [achievement.title]
    if achievement.noticed_by:
        lines.append(f"Noticed by: {achievement.noticed_by}")
    if row.skill_names:
        lines.append(f"Skills shown: {', '.join(row.skill_names)}")
    if achievement.evidence_link:
        lines.append(f"Evidence: {achievement.evidence_link}")
    return "\n".join(lines)


def linked_text(row: AchievementRow) -> str:
    return row.goal_title or (f"Initiative: {row.initiative_title}" if row.initiative_title else DASH)


def linked_tooltip(row: AchievementRow) -> str:
    lines = []
    if row.goal_title:
        lines.append(f"Goal: {row.goal_title}")
    if row.initiative_title:
        lines.append(f"Initiative: {row.initiative_title}")
    return "\n".join(lines) or "Not linked to a goal or an initiative"


def achievement_columns() -> list[Column[AchievementRow]]:
    return [
        Column(
            "Date",
            lambda r: fmt_date(r.achievement.achieved_on),
            sort_key=lambda r: date_key(r.achievement.achieved_on),
            width=12,
        ),
        Column("Achievement", lambda r: r.achievement.title, stretch=True, width=30, tooltip=achievement_tooltip),
        Column(
            "Impact",
            lambda r: impact_text(r.achievement),
            sort_key=lambda r: r.achievement.impact_value,
            stretch=True,
            width=34,
            tooltip=lambda r: impact_tooltip(r.achievement),
        ),
        Column(
            "Visibility",
            lambda r: "Private" if r.achievement.private else "Shareable",
            bold=lambda r: r.achievement.private,
            colour=lambda r: None if r.achievement.private else MUTED_COLOUR,
            tooltip=lambda r: (
                "Private: kept out of documents for others unless you choose it"
                if r.achievement.private
                else "Shareable: goes in the documents you prepare for others"
            ),
            width=10,
        ),
        Column("Goal or initiative", linked_text, width=28, tooltip=linked_tooltip),
    ]


class _DismissCommand(QUndoCommand):
    """A dismissed suggestion (already dismissed when pushed); undo brings it back."""

    def __init__(self, section: AchievementsSection, suggestion: Suggestion) -> None:
        super().__init__(f"Dismiss “{suggestion.reason}”")
        self.section = section
        self.key = suggestion.key
        self.reason = suggestion.reason
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(lambda: self.section.services.advocacy.dismiss_suggestion(self.key), "Dismissed")

    def undo(self) -> None:
        self._run(lambda: self.section.services.advocacy.undismiss_suggestion(self.key), "Proposed again")

    def _run(self, action: Any, verb: str) -> None:
        try:
            action()
        except ActionableError as exc:
            self.section.status.emit(f"{self.text()} could not be reversed: {exc}")
            self.setObsolete(True)
            return
        self.section.announce(ADVOCACY, f"{verb}: {self.reason}")


def suggestion_text(suggestion: Suggestion, goal_titles: dict[str, str]) -> str:
    """ "Milestone reached: Checkpoint 2 · 3 Jun 2026 · for “Give two conference talks”" (rich
    text: the reason, then the day and the goal muted)."""
    draft = suggestion.draft
    more = [fmt_date(draft.achieved_on)]
    goal = goal_titles.get(draft.goal_id or "", "")
    if goal and goal not in suggestion.reason:
        more.append(f"for “{first_line(goal, 60)}”")
    muted = MUTED_COLOUR.name()
    return f"{html.escape(suggestion.reason)} <span style='color:{muted}'>· {html.escape(' · '.join(more))}</span>"


class SuggestionStrip(QFrame):
    """The app's proposals, one line each: why, "Add achievement…" and "Dismiss"; hidden when none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestions")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(4)
        self.more = QLabel()
        self.more.setObjectName("fieldHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addLayout(self.rows_layout)
        layout.addWidget(self.more)
        self.add_buttons: list[QPushButton] = []
        self.dismiss_buttons: list[QPushButton] = []
        self.hide()

    def has_focus_inside(self) -> bool:
        focused = QApplication.focusWidget()
        return focused is not None and self.isAncestorOf(focused)

    def focus_first(self) -> bool:
        """Put the focus on the first proposal's "Add achievement…"; False when there is none."""
        if not self.add_buttons:
            return False
        self.add_buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def show_suggestions(
        self, suggestions: Sequence[Suggestion], accept: Any, dismiss: Any, goal_titles: dict[str, str] | None = None
    ) -> None:
        """One line per proposal (the first few): why, when, and the goal it would count for."""
        while self.rows_layout.count():
            item = self.rows_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.add_buttons, self.dismiss_buttons = [], []
        count = len(suggestions)
        self.heading.setText(
            "The app proposes an achievement to log:"
            if count == 1
            else f"The app proposes {count} achievements to log:"
        )
        for suggestion in suggestions[:SHOWN_SUGGESTIONS]:
            line = QWidget()
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            label = QLabel(suggestion_text(suggestion, goal_titles or {}))
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)  # a long title wraps rather than widening the window
            label.setToolTip(f"{suggestion.reason}\nIt would be logged as “{suggestion.draft.title}”")
            add = QPushButton("Add achievement…")
            add.setToolTip("Log it: the editor opens filled in, for you to add what it changed")
            add.setAccessibleName(f"Add achievement: {suggestion.reason}")
            add.clicked.connect(lambda _c=False, s=suggestion: accept(s))
            drop = QPushButton("Dismiss")
            drop.setToolTip("Do not log it; it is not proposed again (Ctrl+Z undoes)")
            drop.setAccessibleName(f"Dismiss: {suggestion.reason}")
            drop.clicked.connect(lambda _c=False, s=suggestion: dismiss(s))
            row.addWidget(label, 1)
            row.addWidget(add)
            row.addWidget(drop)
            self.rows_layout.addWidget(line)
            self.add_buttons.append(add)
            self.dismiss_buttons.append(drop)
        rest = count - SHOWN_SUGGESTIONS
        self.more.setText(f"…and {rest} more, shown as you decide on these." if rest > 0 else "")
        self.more.setVisible(rest > 0)
        self.setVisible(count > 0)


class AchievementsSection(Section):
    """Every achievement, the newest first, with the app's proposals above them."""

    title = "Achievements"
    WATCHES = frozenset({Kind.ADVOCACY, Kind.GOALS, Kind.SKILLS, Kind.LEARNING_ITEMS})

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.dialog: AchievementEditor | None = None
        self._select_id: str | None = None
        self._data = AchievementsData()
        self.list: TablePanel[AchievementRow] = TablePanel(
            "Achievements",
            achievement_columns(),
            "No achievements logged yet.\nSmall wins count: add one with New achievement… (Ctrl+N): what you did, "
            "and what changed because of it.",
        )
        self.strip = SuggestionStrip()
        self.new_button = self.shortcut_button(
            "&New achievement…", "Ctrl+N", self.new_achievement, "Log an achievement"
        )
        edit_action, self.edit_button = self.shortcut_action(
            "Ed&it…", "Return", self.edit_selected, "Open the selected achievement (or double-click it)"
        )
        delete_action, self.delete_button = self.shortcut_action(
            "&Delete…", "Delete", self.delete_selected, "Delete the selected achievement (Ctrl+Z undoes)"
        )
        self.list.set_row_actions(self.edit_selected, [edit_action, None, delete_action], menu_off_rows=False)
        self.list.table.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.list.model.modelReset.connect(self._update_actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(self.toolbar([], [self.new_button, self.edit_button, self.delete_button]))
        layout.addWidget(self.strip)
        layout.addWidget(self.list, 1)
        self._update_actions()

    # -- reading ---------------------------------------------------------------------------------
    def fetch(self) -> AchievementsData:
        advocacy = self.services.advocacy
        return AchievementsData(
            rows=advocacy.achievement_rows(),
            suggestions=advocacy.suggestions(),
            goals=[r.goal for r in self.services.goals.rows(include_archived=True)],
            initiatives=advocacy.initiatives(),
            skills=self.services.assessment.skills(),
            today=self.services.today(),
        )

    def fill(self, data: AchievementsData) -> None:
        self._data = data
        self.list.set_rows(data.rows)
        goal_titles = {g.id: g.title for g in data.goals}
        decided_by_key = self.strip.has_focus_inside()  # a proposal was just dismissed from the keyboard
        self.strip.show_suggestions(data.suggestions, self.accept_suggestion, self.dismiss_suggestion, goal_titles)
        if not self.list.select_first(lambda r: r.achievement.id == self._select_id):
            self.list.select_first(lambda r: True)
        if decided_by_key and not self.strip.focus_first():  # the keys stay in the section
            target = self.new_button if self.list.is_showing_hint() else self.list.table
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_actions()

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.list,)

    @property
    def suggestions(self) -> list[Suggestion]:
        """The proposals as last read."""
        return list(self._data.suggestions)

    def selected(self) -> Achievement | None:
        row = self.list.selected_row()
        return row.achievement if row else None

    def _update_actions(self) -> None:
        chosen = self.list.selected_row() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # -- the editor ------------------------------------------------------------------------------
    def _open(self, achievement: Achievement | None, reason: str = "") -> AchievementEditor:
        data = self._data
        editor = AchievementEditor(
            self.services, data.goals, data.initiatives, data.skills, achievement, reason=reason, parent=self
        )

        def saved(record: Achievement) -> None:
            self._select_id = record.id
            verb = "added" if achievement is None or reason else "saved"
            self.announce(ADVOCACY, f"Achievement “{first_line(record.title, 60)}” {verb}")

        editor.saved.connect(saved)
        self.dialog = editor
        editor.open()
        return editor

    def new_achievement(self) -> AchievementEditor:
        return self._open(None)

    def edit_selected(self) -> AchievementEditor | None:
        achievement = self.selected()
        return self._open(achievement) if achievement else None

    # -- suggestions -----------------------------------------------------------------------------
    def accept_suggestion(self, suggestion: Suggestion) -> AchievementEditor:
        """The editor, filled in from the event; saving it logs the achievement with its source."""
        return self._open(suggestion.draft, reason=suggestion.reason)

    def dismiss_suggestion(self, suggestion: Suggestion) -> None:
        self.run_op(
            lambda: self.services.advocacy.dismiss_suggestion(suggestion.key),
            changes=ADVOCACY,
            done=f"Dismissed: {suggestion.reason} (Ctrl+Z to undo)",
            failed="Could not dismiss it",
            undo=lambda _r: _DismissCommand(self, suggestion),
        )

    # -- deleting --------------------------------------------------------------------------------
    def delete_selected(self) -> None:
        achievement = self.selected()
        if achievement is None:
            return
        advocacy = self.services.advocacy
        confirm_delete(
            self,
            "Delete achievement",
            f"Delete the achievement “{first_line(achievement.title, 80)}” of {fmt_date(achievement.achieved_on)}?",
            f"achievement “{first_line(achievement.title, 60)}”",
            lambda: advocacy.delete_achievement(achievement.id),
            redo=lambda a: advocacy.delete_achievement(a.id),
            restore=advocacy.restore_achievement,
            changes=ADVOCACY,
            select=lambda a: setattr(self, "_select_id", a.id),
        )
