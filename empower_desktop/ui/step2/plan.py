"""Step 2 · Plan: the courses, certifications, books and practice that build the skills a goal needs.

Each item says which skills it builds and which goal it serves, what it costs in hours and
money, and when; a certification also says when it expires, and the list flags the ones that
expire within two months or have expired. Finishing an item offers to re-rate its skills.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from ...changes import Changes, Kind
from ...domain import Goal, LearningItem, Skill, SkillRating
from ...domain.learn import LearningStatus, LearningType
from ...domain.learning_plan import CERTIFICATION_LEAD_DAYS, CertificationReminder
from ...services import DeletedItem, Services
from ..formatting import DASH, EN_DASH, MUTED_COLOUR, OVERDUE_COLOUR, date_key, fmt_date, fmt_number
from ..theme import themed
from ..widgets.section import Section
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel
from ..widgets.undo import confirm_delete
from .item_editor import STATUS_LABELS, ItemEditor
from .rerate_dialog import RerateDialog

SOON_COLOUR = themed("#a35c00", "#f2b25c")
DONE_COLOUR = themed("#1f5fa8", "#8cbcff")


@dataclass(frozen=True)
class PlanRow:
    item: LearningItem
    goal_title: str
    skill_names: tuple[str, ...]
    expiry: CertificationReminder | None  # the certification expires soon, or has expired


@dataclass(frozen=True)
class PlanData:
    rows: list[PlanRow]
    skills: list[Skill] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)


def expires(item: LearningItem) -> date | None:
    """The day a certification expires (None for everything else)."""
    return item.expires_on if item.kind is LearningType.CERTIFICATION else None


def dates_text(item: LearningItem) -> str:
    """ "3 Mar to 10 Apr 2026" (with an en dash); the first year only when they are over a year apart."""
    start, finish = item.start, item.finish
    if start is None and finish is None:
        return DASH
    if finish is None:
        return f"From {fmt_date(start)}"
    if start is None:
        return f"By {fmt_date(finish)}"
    if start == finish:
        return fmt_date(start)
    first = fmt_date(start) if (finish - start).days > 365 else f"{start.day} {start:%b}"
    return f"{first} {EN_DASH} {fmt_date(finish)}"


def when_text(row: PlanRow) -> str:
    """When the item is worked on, or for a certification with an expiry date, when it expires."""
    expiry = expires(row.item)
    if expiry is None:
        return dates_text(row.item)
    if row.expiry is None:
        return f"Expires {fmt_date(expiry)}"
    days = row.expiry.days_left
    if days < 0:
        return f"Expired {fmt_date(expiry)}"
    if days == 0:
        return "Expires today"
    return f"Expires in {days} day{'s' if days != 1 else ''}"


def _when_key(row: PlanRow) -> str | None:
    item = row.item
    return date_key(expires(item) or item.start or item.finish)


def _when_colour(row: PlanRow) -> QColor | None:
    if row.expiry is None:
        return None
    return OVERDUE_COLOUR if row.expiry.expired else SOON_COLOUR


def _when_tooltip(row: PlanRow) -> str:
    item = row.item
    lines = [f"Start {fmt_date(item.start)}, finish {fmt_date(item.finish)}"]
    if item.kind is LearningType.CERTIFICATION:
        lines.append(f"Earned {fmt_date(item.earned_on)}" if item.earned_on else "Not earned yet")
        if item.expires_on is not None:
            lines.append(f"Expires {fmt_date(item.expires_on)}")
        if row.expiry is not None:
            lines.append(
                "Expired: renew it, or plan the exam again"
                if row.expiry.expired
                else f"Expires within {CERTIFICATION_LEAD_DAYS} days: time to plan the renewal"
            )
    return "\n".join(lines)


def _status_colour(row: PlanRow) -> QColor | None:
    if row.item.status is LearningStatus.DONE:
        return DONE_COLOUR
    if row.item.status is LearningStatus.DROPPED:
        return MUTED_COLOUR
    return None


def _plan_columns() -> list[Column[PlanRow]]:
    return [
        Column("Type", lambda r: r.item.kind.label, width=11),
        Column("Title", lambda r: r.item.title, stretch=True, width=30),
        Column("Provider", lambda r: r.item.provider or DASH, width=10),
        Column(
            "Status",
            lambda r: STATUS_LABELS[r.item.status],
            sort_key=lambda r: list(LearningStatus).index(r.item.status),
            colour=_status_colour,
            width=10,
        ),
        Column(
            "Goal",
            lambda r: r.goal_title or DASH,
            tooltip=lambda r: r.goal_title or "Not linked to a goal",
            width=12,
        ),
        Column(
            "Skills",
            lambda r: ", ".join(r.skill_names) or DASH,
            tooltip=lambda r: "\n".join(r.skill_names) or "No skills linked",
            width=12,
        ),
        Column(
            "Hours",
            lambda r: fmt_number(r.item.estimated_hours),
            sort_key=lambda r: r.item.estimated_hours,
            align="right",
            tooltip=lambda r: "Estimated hours",
            width=4,
        ),
        Column(
            "Cost",
            lambda r: "Free" if r.item.cost == 0 else fmt_number(r.item.cost),
            sort_key=lambda r: r.item.cost,
            align="right",
            tooltip=lambda r: "Free" if r.item.cost == 0 else f"Costs {fmt_number(r.item.cost)}",
            width=4,
        ),
        Column(
            "When",
            when_text,
            sort_key=_when_key,
            colour=_when_colour,
            bold=lambda r: r.expiry is not None,
            tooltip=_when_tooltip,
            width=19,
        ),
    ]


STATUS_FILTERS: tuple[tuple[str, frozenset[LearningStatus]], ...] = (
    ("All", frozenset(LearningStatus)),
    ("Still to do", frozenset({LearningStatus.PLANNED, LearningStatus.IN_PROGRESS})),
    ("Planned", frozenset({LearningStatus.PLANNED})),
    ("In progress", frozenset({LearningStatus.IN_PROGRESS})),
    ("Done", frozenset({LearningStatus.DONE})),
    ("Dropped", frozenset({LearningStatus.DROPPED})),
)


ITEMS = Changes.of(Kind.LEARNING_ITEMS)
# A deleted item takes its sessions with it; notes about it lose the link.
ITEM_DELETED = Changes.of(Kind.LEARNING_ITEMS, Kind.SESSIONS, Kind.NOTES)


class PlanSection(Section):
    """The learning plan with its actions: new, edit, mark done (then re-rate), delete (undoable)."""

    title = "Plan"
    WATCHES = frozenset({Kind.LEARNING_ITEMS, Kind.SKILLS, Kind.GOALS})  # items name their skills and goal

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self._data = PlanData([])
        self._select_id: str | None = None
        self.editor: ItemEditor | None = None
        self.rerate_dialog: RerateDialog | None = None

        self.plan: TablePanel[PlanRow] = TablePanel(
            "Learning plan",
            _plan_columns(),
            "Nothing planned yet.\nAdd a course, a book or a project that builds a skill one of your goals needs "
            "with New item… (Ctrl+N).",
        )
        self.plan.table.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.plan.model.modelReset.connect(self._update_actions)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("itemStatusFilter")
        for label, _statuses in STATUS_FILTERS:
            self.status_filter.addItem(label)
        self.status_filter.currentIndexChanged.connect(lambda _i: self._show_rows())

        self.new_button = self.shortcut_button("&New item…", "Ctrl+N", self.new_item, "Plan a new learning item")
        self.edit_button = self.shortcut_button(
            "Ed&it…", "Return", self.edit_item, "Open the selected item (or double-click it)"
        )
        self.done_button = self.shortcut_button(
            "Mark d&one…", "Ctrl+D", self.mark_done, "Mark the selected item done, then re-rate the skills it builds"
        )
        self.delete_button = self.shortcut_button(
            "&Delete…", "Delete", self.delete_item, "Delete the selected item (Ctrl+Z undoes)"
        )

        self.plan.set_row_actions(self.edit_item)
        toolbar = self.toolbar(
            ["Show:", self.status_filter], [self.new_button, self.edit_button, self.done_button, self.delete_button]
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(toolbar)
        layout.addWidget(self.plan, 1)
        self._update_actions()

    # -- data ------------------------------------------------------------------------------------
    def fetch(self) -> PlanData:
        reminders = {r.item_id: r for r in self.services.learning.certification_reminders()}
        skills = self.services.assessment.skills()
        goals = [row.goal for row in self.services.goals.rows(include_archived=True)]
        names = {s.id: s.name for s in skills}
        titles = {g.id: g.title for g in goals}
        rows = [
            PlanRow(
                item,
                titles.get(item.goal_id, "") if item.goal_id else "",
                tuple(names[s] for s in item.skill_ids if s in names),
                reminders.get(item.id),
            )
            for item in self.services.learning.items()
        ]
        return PlanData(rows, skills, goals)

    def fill(self, data: PlanData) -> None:
        self._data = data
        self._show_rows()

    def _show_rows(self) -> None:
        statuses = STATUS_FILTERS[self.status_filter.currentIndex()][1]
        self.plan.set_rows([row for row in self._data.rows if row.item.status in statuses])
        if self._select_id is not None:
            wanted, self._select_id = self._select_id, None  # select once, right after a read
            if not self.plan.select_first(lambda row: row.item.id == wanted):
                self._select_id = wanted
                self._show_all_statuses_for(wanted)  # shows the rows again, selecting it
        self._update_actions()

    def _show_all_statuses_for(self, item_id: str) -> None:
        """The item to show is hidden by the status filter: show every status."""
        if any(row.item.id == item_id for row in self._data.rows):
            self.status_filter.setCurrentIndex(0)
        else:
            self._select_id = None

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.plan,)

    def select_item(self, item_id: str) -> None:
        """Select this item once the list has been read again."""
        self._select_id = item_id

    def selected_item(self) -> LearningItem | None:
        row = self.plan.selected_row()
        return row.item if row else None

    def _update_actions(self) -> None:
        item = self.selected_item()
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(item is not None)
        self.done_button.setEnabled(item is not None and item.status is not LearningStatus.DONE)

    # -- actions ---------------------------------------------------------------------------------
    def new_item(self) -> ItemEditor:
        return self._open_editor(None)

    def edit_item(self) -> ItemEditor | None:
        item = self.selected_item()
        return self._open_editor(item) if item is not None else None

    def plan_item_for(self, skill_id: str, goal_id: str | None) -> ItemEditor:
        """A new item that builds this skill (for this goal), the editor open and filled in."""
        editor = self._open_editor(None)
        editor.skills_box.tick([skill_id])
        editor.set_goal(goal_id)
        return editor

    def _open_editor(self, item: LearningItem | None) -> ItemEditor:
        editor = ItemEditor(self.services, self._data.skills, self._data.goals, item, self)
        editor.saved.connect(self._saved)
        editor.finished.connect(editor.deleteLater)
        self.editor = editor
        editor.open()
        return editor

    def _saved(self, item: LearningItem) -> None:
        self.select_item(item.id)
        self.announce(ITEMS, f"Learning item “{item.title}” saved")

    def mark_done(self) -> RerateDialog | None:
        """Mark the selected item done; then offer to re-rate the skills it builds."""
        item = self.selected_item()
        if item is None or item.status is LearningStatus.DONE:
            return None
        skills = self.run_op(
            lambda: self.services.learning.set_item_status(item.id, LearningStatus.DONE),
            changes=ITEMS,
            failed=f"Could not mark “{item.title}” done",
            then=lambda _skills: self.select_item(item.id),
            done=f"“{item.title}” done",
        )
        if not skills:
            return None
        latest = self.services.learning.latest_levels()
        dialog = RerateDialog(self.services, item.title, skills, latest, self)
        dialog.saved.connect(lambda ratings: self._rated(item, ratings))
        dialog.finished.connect(dialog.deleteLater)
        self.rerate_dialog = dialog
        dialog.open()
        return dialog

    def _rated(self, item: LearningItem, ratings: list[SkillRating]) -> None:
        count = len(ratings)
        message = f"“{item.title}” done; {count} skill{'s' if count != 1 else ''} re-rated" if count else ""
        self.announce(Changes.of(Kind.SKILLS), message)

    def delete_item(self) -> None:
        item = self.selected_item()
        if item is None:
            return

        def forget_selection(_deleted: DeletedItem) -> None:
            self._select_id = None

        confirm_delete(
            self,
            "Delete learning item",
            f"Delete “{item.title}” with its learning sessions?",
            f"learning item “{item.title}”",
            lambda: self.services.learning.delete_item(item.id),
            redo=lambda d: self.services.learning.delete_item(d.item.id),
            restore=self.services.learning.restore_item,
            changes=ITEM_DELETED,
            select=lambda d: self.select_item(d.item.id),
            then=forget_selection,
            detail="To keep it without working on it, set its status to Dropped.",
        )
