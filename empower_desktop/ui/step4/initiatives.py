"""Step 4 · Initiatives: the pipeline, idea → proposed → accepted → in progress → delivered, then the
declined ones, each stage a bold heading with its count and its initiatives under it.

A stage changes with the keyboard (Next stage Ctrl+→ or Ctrl+], Back a stage Ctrl+← or Ctrl+[,
Mark declined Ctrl+Shift+D) or the mouse (the buttons, or right-click, Move to); each move is
undone with Ctrl+Z. Delivering one makes the app propose an achievement under Achievements.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, QSize, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...changes import Changes, Kind
from ...domain import Goal, Initiative, Skill
from ...domain.advocate import STAGES, InitiativeStatus, next_stage, previous_stage
from ...errors import ActionableError
from ...services import Services
from ...services.advocacy import DeletedInitiative, InitiativeRow
from ..formatting import DASH, MUTED_COLOUR, OVERDUE_COLOUR, first_line, fmt_date
from ..widgets.section import Section
from ..widgets.undo import confirm_delete
from .initiative_editor import InitiativeEditor

ADVOCACY = Changes.of(Kind.ADVOCACY)
ROW_ROLE = Qt.ItemDataRole.UserRole
STAGE_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Initiative", "Kind", "Proposed to", "In stage since", "Next step on", "Goals")
COLUMN_TIPS = (
    "What it is; hover for its description and skills",
    "A volunteered project, a proposed idea or a stretch assignment",
    "Who it was proposed to; hover for the case made",
    "The day it reached its stage (proposed, decided, delivered), or the day it was noted or started",
    "The day of the next step: it goes to your calendar; late ones are in red",
    "The goals it serves",
)
WIDTHS = (0, 15, 18, 14, 12, 20)  # in average characters; the first column stretches (its titles first)


def key_name(keys: str) -> str:
    """ "Ctrl+→", as this system writes the keys (with arrows for the arrow keys)."""
    text = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
    return text.replace("Right", "→").replace("Left", "←")


def keys_text(*keys: str) -> str:
    """ "(Ctrl+→ or Ctrl+])"."""
    return "(" + " or ".join(key_name(k) for k in keys) + ")"


NEXT_KEYS = ("Ctrl+Right", "Ctrl+]")
BACK_KEYS = ("Ctrl+Left", "Ctrl+[")
CLOSED = (InitiativeStatus.DONE, InitiativeStatus.DECLINED)
STAGE_HINTS = {
    InitiativeStatus.IDEA: "noted, not yet proposed",
    InitiativeStatus.PROPOSED: "waiting for a decision",
    InitiativeStatus.ACCEPTED: "a yes, not started yet",
    InitiativeStatus.IN_PROGRESS: "under way",
    InitiativeStatus.DONE: "done: log what it achieved",
    InitiativeStatus.DECLINED: "turned down, for now",
}


@dataclass(frozen=True)
class InitiativesData:
    rows: list[InitiativeRow] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    today: date | None = None


def stage_day(initiative: Initiative) -> date | None:
    """The day it reached its stage, where known."""
    status = initiative.status
    if status is InitiativeStatus.DONE:
        return initiative.delivered_on
    if status in (InitiativeStatus.ACCEPTED, InitiativeStatus.DECLINED):
        return initiative.decided_on
    if status is InitiativeStatus.PROPOSED:
        return initiative.proposed_on
    return initiative.started_on


def is_late(initiative: Initiative, today: date | None) -> bool:
    due = initiative.follow_up_on
    return due is not None and today is not None and due < today and initiative.status not in CLOSED


class _StageCommand(QUndoCommand):
    """A stage move that already happened; undo puts back the stage and the stage dates it had."""

    def __init__(self, section: InitiativesSection, before: Initiative, after: Initiative) -> None:
        super().__init__(f"Move “{first_line(before.title, 40)}” to {after.status.label}")
        self.section = section
        self.before = before
        self.status = after.status
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        advocacy = self.section.services.advocacy
        self._run(lambda: advocacy.set_stage(self.before.id, self.status), f"now {self.status.label}")

    def undo(self) -> None:
        self._run(self._put_back, f"back to {self.before.status.label}")

    def _put_back(self) -> Initiative:
        advocacy = self.section.services.advocacy
        current = next((i for i in advocacy.initiatives() if i.id == self.before.id), None)
        if current is None:
            raise ActionableError("it was deleted meanwhile")
        before = self.before
        restored = dataclasses.replace(
            current,
            status=before.status,
            proposed_on=before.proposed_on,
            decided_on=before.decided_on,
            started_on=before.started_on,
            delivered_on=before.delivered_on,
        )
        return advocacy.save_initiative(restored)

    def _run(self, action: Any, where: str) -> None:
        try:
            result = action()
        except ActionableError as exc:
            self.section.status.emit(f"{self.text()} could not be reversed: {exc}")
            self.setObsolete(True)
            return
        self.section.select_id = result.id
        self.section.announce(ADVOCACY, f"“{first_line(result.title, 60)}” is {where}")


class PipelineTree(QTreeWidget):
    """The initiatives under a heading per stage ("Proposed (2)"), in pipeline order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("initiativePipeline")
        self.setAccessibleName("Initiatives by stage")
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        header_item = self.headerItem()
        for column, tip in enumerate(COLUMN_TIPS):
            header_item.setToolTip(column, tip)
        self.setRootIsDecorated(True)
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        self.setTabKeyNavigation(False)  # Tab moves on; arrows move within
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setExpandsOnDoubleClick(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        char = self.fontMetrics().averageCharWidth()
        for column, width in enumerate(WIDTHS):
            if width:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, width * char + 36)
        self.row_height = self.fontMetrics().height() + 10  # as the tables' rows
        self.folded: set[InitiativeStatus] = set()
        self.itemCollapsed.connect(lambda item: self._remember(item, True))
        self.itemExpanded.connect(lambda item: self._remember(item, False))

    def moveCursor(  # Qt's name
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Up and Down go from initiative to initiative, over the stage headings between them."""
        index = super().moveCursor(action, modifiers)
        Move = QAbstractItemView.CursorAction
        if action not in (Move.MoveUp, Move.MoveDown, Move.MovePageUp, Move.MovePageDown, Move.MoveHome, Move.MoveEnd):
            return index
        downward = action in (Move.MoveDown, Move.MovePageDown, Move.MoveHome)
        found = index
        while found.isValid() and found.data(ROW_ROLE) is None:  # a heading
            found = self.indexBelow(found) if downward else self.indexAbove(found)
        if found.isValid():
            return found
        return self.currentIndex() if self.currentIndex().data(ROW_ROLE) is not None else index

    def _remember(self, item: QTreeWidgetItem, collapsed: bool) -> None:
        stage = item.data(0, STAGE_ROLE)
        if stage is not None:
            (self.folded.add if collapsed else self.folded.discard)(InitiativeStatus(stage))

    def show_rows(self, rows: Sequence[InitiativeRow], today: date | None, needle: str) -> int:
        """Fill the tree with the rows that contain *needle*; returns how many are shown."""
        self.clear()
        heading_font = QFont(self.font())
        heading_font.setBold(True)
        shown = 0
        for stage in STAGES:
            in_stage = [r for r in rows if r.initiative.status is stage]
            matching = [r for r in in_stage if not needle or needle in haystack(r)]
            if stage is InitiativeStatus.DECLINED and not in_stage:
                continue  # off the line: shown only when there are some
            count = f"{len(matching)}" if len(matching) == len(in_stage) else f"{len(matching)} of {len(in_stage)}"
            heading = QTreeWidgetItem([f"{stage.label} ({count}) · {STAGE_HINTS[stage]}"])
            heading.setData(0, STAGE_ROLE, stage.value)
            heading.setFont(0, heading_font)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading, not something to act on
            heading.setFirstColumnSpanned(True)
            heading.setToolTip(0, f"{stage.label}: {STAGE_HINTS[stage]}")
            heading.setSizeHint(0, QSize(1, self.row_height + 4))
            self.addTopLevelItem(heading)
            heading.setFirstColumnSpanned(True)
            for row in matching:
                item = self._item(row, today)
                item.setSizeHint(0, QSize(1, self.row_height))
                heading.addChild(item)
            heading.setExpanded(stage not in self.folded)
            shown += len(matching)
        return shown

    @staticmethod
    def _item(row: InitiativeRow, today: date | None) -> QTreeWidgetItem:
        initiative = row.initiative
        goals = ", ".join(row.goal_titles)
        item = QTreeWidgetItem(
            [
                initiative.title,
                initiative.kind.label,
                initiative.proposed_to or DASH,
                fmt_date(stage_day(initiative)),
                fmt_date(initiative.follow_up_on),
                goals or DASH,
            ]
        )
        item.setData(0, ROW_ROLE, row)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        tip = [initiative.title]
        if initiative.description:
            tip.append(initiative.description)
        if row.skill_names:
            tip.append(f"Skills: {', '.join(row.skill_names)}")
        item.setToolTip(0, "\n".join(tip))
        item.setToolTip(5, goals or "Not linked to a goal")
        proposed = (
            [f"Proposed to: {initiative.proposed_to}"] if initiative.proposed_to else ["Not proposed to anyone yet"]
        )
        if initiative.case_made:
            proposed.append(f"The case made: {initiative.case_made}")
        if initiative.outcome:
            proposed.append(f"Outcome: {initiative.outcome}")
        item.setToolTip(2, "\n".join(proposed))
        if is_late(initiative, today):
            item.setForeground(4, OVERDUE_COLOUR)
            font = item.font(4)
            font.setBold(True)
            item.setFont(4, font)
            item.setToolTip(4, "The next step's day has passed")
        elif initiative.status in CLOSED:
            item.setForeground(4, MUTED_COLOUR)
        return item

    def rows_in_order(self) -> list[InitiativeRow]:
        """The initiatives as shown, top to bottom."""
        found = []
        for top in range(self.topLevelItemCount()):
            heading = self.topLevelItem(top)
            assert heading is not None
            for child in range(heading.childCount()):
                item = heading.child(child)
                assert item is not None
                found.append(item.data(0, ROW_ROLE))
        return found

    def heading_texts(self) -> list[str]:
        texts = []
        for top in range(self.topLevelItemCount()):
            heading = self.topLevelItem(top)
            assert heading is not None
            texts.append(heading.text(0))
        return texts

    def select_id(self, initiative_id: str | None) -> bool:
        for top in range(self.topLevelItemCount()):
            heading = self.topLevelItem(top)
            assert heading is not None
            for child in range(heading.childCount()):
                item = heading.child(child)
                assert item is not None
                row: InitiativeRow = item.data(0, ROW_ROLE)
                if initiative_id is None or row.initiative.id == initiative_id:
                    heading.setExpanded(True)
                    self.setCurrentItem(item)
                    self.scrollToItem(item)
                    return True
        return False

    def selected_row(self) -> InitiativeRow | None:
        item = self.currentItem()
        if item is None or not item.isSelected():
            return None
        row = item.data(0, ROW_ROLE)
        return row if isinstance(row, InitiativeRow) else None


def haystack(row: InitiativeRow) -> str:
    i = row.initiative
    parts = (i.title, i.kind.label, i.status.label, i.proposed_to, i.description, *row.goal_titles, *row.skill_names)
    return " ".join(parts).casefold()


class InitiativesSection(Section):
    """The initiatives by stage, with their stage moved by key, button or menu."""

    title = "Initiatives"
    WATCHES = frozenset({Kind.ADVOCACY, Kind.GOALS, Kind.SKILLS})

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.dialog: InitiativeEditor | None = None
        self.select_id: str | None = None
        self._data = InitiativesData()
        self._filter = ""
        self.tree = PipelineTree()
        self.tree.itemDoubleClicked.connect(lambda item, _col: self._double_clicked(item))
        self.tree.currentItemChanged.connect(lambda *_: self._update_actions())
        self.tree.itemSelectionChanged.connect(self._update_actions)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_menu)

        self.hint = QLabel()
        self.hint.setObjectName("emptyHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.hint)
        self.box = QGroupBox("Initiatives by stage")
        self.box.setObjectName("panel-initiatives")
        heading_font = self.box.font()
        heading_font.setBold(True)
        self.box.setFont(heading_font)
        normal = QFont(heading_font)
        normal.setBold(False)
        self.stack.setFont(normal)
        box_layout = QVBoxLayout(self.box)
        box_layout.setContentsMargins(0, 4, 0, 0)
        box_layout.addWidget(self.stack)

        self.new_action, self.new_button = self.shortcut_action(
            "&New initiative…", "Ctrl+N", self.new_initiative, "Add an idea, a project or a stretch assignment"
        )
        self.edit_action, self.edit_button = self.shortcut_action(
            "Ed&it…", "Return", self.edit_selected, "Open the selected initiative (or double-click it)"
        )
        self.back_action, self.back_button = self.shortcut_action(
            "&Back a stage", "Ctrl+Left", self.back_stage, "Move the selected initiative back a stage"
        )
        self.next_action, self.next_button = self.shortcut_action(
            "Ne&xt stage", "Ctrl+Right", self.next_stage, "Move the selected initiative to its next stage"
        )
        self.decline_action, self.decline_button = self.shortcut_action(
            "Mark de&clined", "Ctrl+Shift+D", self.mark_declined, "The proposal was turned down"
        )
        self.delete_action, self.delete_button = self.shortcut_action(
            "&Delete…", "Delete", self.delete_selected, "Delete the selected initiative (Ctrl+Z undoes)"
        )
        # The same moves on the bracket keys, for keyboards where Ctrl+arrows move the text cursor
        self.back_action.setShortcuts([QKeySequence(k) for k in BACK_KEYS])
        self.next_action.setShortcuts([QKeySequence(k) for k in NEXT_KEYS])
        self.back_action.setToolTip(f"Move the selected initiative back a stage {keys_text(*BACK_KEYS)}")
        self.next_action.setToolTip(f"Move the selected initiative to its next stage {keys_text(*NEXT_KEYS)}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        buttons = [
            self.new_button,
            self.edit_button,
            self.back_button,
            self.next_button,
            self.decline_button,
            self.delete_button,
        ]
        self.keys_hint = QLabel(
            f"{key_name(NEXT_KEYS[0])} next stage · {key_name(BACK_KEYS[0])} back a stage · "
            f"{key_name('Ctrl+Z')} undoes a move"
        )
        self.keys_hint.setObjectName("fieldHint")
        self.keys_hint.setToolTip(
            f"Move the selected initiative: next stage {keys_text(*NEXT_KEYS)}, back a stage "
            f"{keys_text(*BACK_KEYS)}, declined ({key_name('Ctrl+Shift+D')}); or right-click it, Move to"
        )
        layout.addLayout(self.toolbar([self.keys_hint], buttons))
        layout.addWidget(self.box, 1)
        self._update_view()
        self._update_actions()

    # -- reading ---------------------------------------------------------------------------------
    def fetch(self) -> InitiativesData:
        return InitiativesData(
            rows=self.services.advocacy.initiative_rows(),
            goals=[r.goal for r in self.services.goals.rows(include_archived=True)],
            skills=self.services.assessment.skills(),
            today=self.services.today(),
        )

    def fill(self, data: InitiativesData) -> None:
        self._data = data
        self._update_view()

    def set_filter(self, text: str) -> None:
        """Show only the initiatives that contain *text* (the page's filter line)."""
        self._filter = text.strip()
        self._update_view()

    def _update_view(self) -> None:
        rows = self._data.rows
        keep = self.select_id
        current = self.tree.selected_row()
        if keep is None and current is not None:
            keep = current.initiative.id
        shown = self.tree.show_rows(rows, self._data.today, self._filter.casefold())
        title = "Initiatives by stage"
        if not rows:
            self.box.setTitle(title)
            self.hint.setText(
                "<b>No initiatives yet.</b><br>An idea you could propose, a project to volunteer for, a stretch "
                f"assignment: add it with New initiative… ({key_name('Ctrl+N')}), then move it along with Next stage "
                f"({key_name(NEXT_KEYS[0])})."
            )
            self.stack.setCurrentWidget(self.hint)
        elif shown == 0:
            self.box.setTitle(f"{title} (0 of {len(rows)})")
            self.hint.setText(html.escape(f"Nothing here matches “{self._filter}”."))
            self.stack.setCurrentWidget(self.hint)
        else:
            self.box.setTitle(f"{title} ({shown})" if shown == len(rows) else f"{title} ({shown} of {len(rows)})")
            self.stack.setCurrentWidget(self.tree)
            if not self.tree.select_id(keep):
                self.tree.select_id(None)
        self.select_id = None
        self._update_actions()

    def is_showing_hint(self) -> bool:
        return self.stack.currentWidget() is self.hint

    def selected(self) -> Initiative | None:
        row = self.tree.selected_row()
        return row.initiative if row else None

    def _update_actions(self) -> None:
        chosen = self.selected()
        self.edit_button.setEnabled(chosen is not None)
        self.delete_button.setEnabled(chosen is not None)
        self.next_button.setEnabled(chosen is not None and next_stage(chosen.status) is not None)
        self.back_button.setEnabled(chosen is not None and previous_stage(chosen.status) is not None)
        self.decline_button.setEnabled(chosen is not None and chosen.status not in CLOSED)
        ahead = next_stage(chosen.status) if chosen else None
        behind = previous_stage(chosen.status) if chosen else None
        self.next_button.setToolTip(f"Move it to {ahead.label if ahead else 'its next stage'} {keys_text(*NEXT_KEYS)}")
        self.back_button.setToolTip(
            f"Move it back to {behind.label if behind else 'its last stage'} {keys_text(*BACK_KEYS)}"
        )

    def _double_clicked(self, item: QTreeWidgetItem) -> None:
        if isinstance(item.data(0, ROW_ROLE), InitiativeRow):
            self.edit_selected()
        else:
            item.setExpanded(not item.isExpanded())

    def _show_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        if item is not None and isinstance(item.data(0, ROW_ROLE), InitiativeRow):
            self.tree.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.edit_action)
        chosen = self.selected()
        if chosen is not None:
            move = menu.addMenu("&Move to")
            for stage in STAGES:
                action = QAction(stage.label, move)
                action.setEnabled(stage is not chosen.status)
                action.triggered.connect(lambda _c=False, s=stage: self.move_to(s))
                move.addAction(action)
        menu.addActions([self.back_action, self.next_action, self.decline_action])
        menu.addSeparator()
        menu.addAction(self.new_action)
        menu.addAction(self.delete_action)
        self.row_menu = menu
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    # -- stages ----------------------------------------------------------------------------------
    def next_stage(self) -> None:
        chosen = self.selected()
        ahead = next_stage(chosen.status) if chosen else None
        if chosen is not None and ahead is not None:
            self.move_to(ahead)

    def back_stage(self) -> None:
        chosen = self.selected()
        behind = previous_stage(chosen.status) if chosen else None
        if chosen is not None and behind is not None:
            self.move_to(behind)

    def mark_declined(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.status not in CLOSED:
            self.move_to(InitiativeStatus.DECLINED)

    def move_to(self, stage: InitiativeStatus) -> None:
        before = self.selected()
        if before is None or before.status is stage:
            return

        def done(moved: Initiative) -> str:
            name = f"“{first_line(moved.title, 60)}”"
            if stage is InitiativeStatus.DONE:
                return f"{name} delivered: log what it achieved under Achievements (Ctrl+Z undoes the move)"
            return f"{name} is now {stage.label} (Ctrl+Z to undo)"

        self.run_op(
            lambda: self.services.advocacy.set_stage(before.id, stage),
            changes=ADVOCACY,
            done=done,
            failed=f"Could not move “{first_line(before.title, 60)}”",
            undo=lambda moved: _StageCommand(self, before, moved),
            then=lambda moved: setattr(self, "select_id", moved.id),
        )

    # -- the editor ------------------------------------------------------------------------------
    def _open(self, initiative: Initiative | None) -> InitiativeEditor:
        editor = InitiativeEditor(self.services, self._data.goals, self._data.skills, initiative, parent=self)

        def saved(record: Initiative) -> None:
            self.select_id = record.id
            verb = "added" if initiative is None else "saved"
            self.announce(ADVOCACY, f"Initiative “{first_line(record.title, 60)}” {verb}")

        editor.saved.connect(saved)
        self.dialog = editor
        editor.open()
        return editor

    def new_initiative(self) -> InitiativeEditor:
        return self._open(None)

    def edit_selected(self) -> InitiativeEditor | None:
        chosen = self.selected()
        return self._open(chosen) if chosen else None

    # -- deleting --------------------------------------------------------------------------------
    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        advocacy = self.services.advocacy

        def select(deleted: DeletedInitiative) -> None:
            self.select_id = deleted.initiative.id

        confirm_delete(
            self,
            "Delete initiative",
            f"Delete the initiative “{first_line(chosen.title, 80)}”? Achievements linked to it stay, unlinked.",
            f"initiative “{first_line(chosen.title, 60)}”",
            lambda: advocacy.delete_initiative(chosen.id),
            redo=lambda d: advocacy.delete_initiative(d.initiative.id),
            restore=advocacy.restore_initiative,
            changes=ADVOCACY,
            select=select,
        )
