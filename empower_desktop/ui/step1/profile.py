"""Step 1 · Strengths & interests: three short lists a person keeps in their own order, each
entry optionally linked to the skills it is about."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...changes import Changes, Kind
from ...domain import AssessmentEntry, Skill
from ...domain.assess import EntryKind
from ...services import Services
from ..formatting import DASH, first_line
from ..messages import ask, show_error
from ..widgets.dialogs import INPUT_ERRORS, FormDialog, KeyBindings
from ..widgets.section import Section
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel

TITLES = {EntryKind.STRENGTH: "Strengths", EntryKind.WEAKNESS: "Weaknesses", EntryKind.INTEREST: "Interests"}
NOUNS = {EntryKind.STRENGTH: "strength", EntryKind.WEAKNESS: "weakness", EntryKind.INTEREST: "interest"}
HINTS = {
    EntryKind.STRENGTH: "No strengths yet.\nWhat do colleagues rely on you for?",
    EntryKind.WEAKNESS: "No weaknesses yet.\nWhat holds you back, or what feedback keeps coming back?",
    EntryKind.INTEREST: "No interests yet.\nWhat would you happily spend more of your work on?",
}
PLACEHOLDERS = {
    EntryKind.STRENGTH: "e.g. Calm and structured during incidents",
    EntryKind.WEAKNESS: "e.g. I say yes to too many requests",
    EntryKind.INTEREST: "e.g. Developer experience and platform engineering",
}


@dataclass(frozen=True)
class ProfileData:
    entries: dict[EntryKind, list[AssessmentEntry]] = field(default_factory=dict)
    skills: list[Skill] = field(default_factory=list)


@dataclass(frozen=True)
class EntryRow:
    entry: AssessmentEntry
    skills: tuple[str, ...]  # the linked skills' names


def _entry_columns(kind: EntryKind) -> list[Column[EntryRow]]:
    return [
        Column(NOUNS[kind].capitalize(), lambda r: first_line(r.entry.text, 200), stretch=True, width=20),
        Column(
            "Linked skills",
            lambda r: ", ".join(r.skills) or DASH,
            tooltip=lambda r: "\n".join(r.skills) or "No linked skills",
            width=14,
        ),
    ]


class WrappingDelegate(QStyledItemDelegate):
    """Row heights for wrapped text that allow for the style sheet's cell padding.

    Qt measures wrapped text over the whole column width, but the cell paints it narrower by
    the padding, so a line that "fits" would be cut short; measuring narrower avoids that.
    """

    PADDING = 16  # at least the horizontal padding of QTableView::item in the style sheet

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        narrower = QStyleOptionViewItem(option)
        narrower.rect = QRect(option.rect)
        narrower.rect.setWidth(max(1, option.rect.width() - self.PADDING))
        size = super().sizeHint(narrower, index)
        return QSize(size.width(), size.height() + 8)  # a little air between wrapped rows


class EntryDialog(FormDialog):
    """Add or edit one strength, weakness or interest and choose the skills it is about."""

    def __init__(
        self,
        services: Services,
        kind: EntryKind,
        skills: Sequence[Skill],
        entry: AssessmentEntry | None = None,
        parent: QWidget | None = None,
    ) -> None:
        noun = NOUNS[kind]
        super().__init__(f"Add {noun}" if entry is None else f"Edit {noun}", parent=parent)
        self.setObjectName("entryDialog")
        self.services = services
        self.kind = kind
        self.entry = entry
        self.text_edit = QLineEdit(entry.text if entry else "")
        self.text_edit.setPlaceholderText(PLACEHOLDERS[kind])
        self.skill_filter = QLineEdit()
        self.skill_filter.setPlaceholderText("Find a skill…")
        self.skill_filter.setClearButtonEnabled(True)
        self.skill_filter.textChanged.connect(self._filter_skills)
        self.skill_list = QListWidget()
        self.skill_list.setObjectName("linkedSkills")
        linked = set(entry.skill_ids) if entry else set()
        for skill in skills:
            item = QListWidgetItem(skill.name)
            item.setData(Qt.ItemDataRole.UserRole, skill.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if skill.id in linked else Qt.CheckState.Unchecked)
            self.skill_list.addItem(item)
        line = self.skill_list.fontMetrics().lineSpacing()
        self.skill_list.setMinimumHeight(8 * (line + 6))
        skills_box = QWidget()
        box = QVBoxLayout(skills_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        if skills:
            box.addWidget(self.skill_filter)
            box.addWidget(self.skill_list)
        else:
            none = QLabel("No skills yet: add them on the Skills tab to link them here.")
            none.setObjectName("fieldHint")
            box.addWidget(none)
            self.skill_list.hide()
        self.add_row(f"&{noun.capitalize()}:", self.text_edit)
        self.add_row("Linked &skills:", skills_box, "Tick the skills this is about (optional; Space ticks).")
        self.text_edit.setFocus()

    def linked_ids(self) -> list[str]:
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.skill_list.item(i) for i in range(self.skill_list.count()))
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def set_linked(self, names: Sequence[str]) -> None:
        """Tick exactly the skills called *names* (as a person would click them)."""
        for i in range(self.skill_list.count()):
            item = self.skill_list.item(i)
            if item is not None:
                item.setCheckState(Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked)

    def _filter_skills(self, text: str) -> None:
        wanted = text.strip().casefold()
        for i in range(self.skill_list.count()):
            item = self.skill_list.item(i)
            if item is not None:
                item.setHidden(bool(wanted) and wanted not in item.text().casefold())

    def save(self) -> AssessmentEntry:
        if self.entry is None:
            return self.services.assessment.add_entry(self.kind, self.text_edit.text(), self.linked_ids())
        return self.services.assessment.update_entry(self.entry.id, self.text_edit.text(), self.linked_ids())

    def focus_for(self, message: str) -> QWidget | None:
        return self.text_edit


class EntryList(QWidget):
    """One of the three lists with its buttons; every change goes through the services."""

    saved = Signal(str, str)  # the entry to select afterwards ("" for none), and a status message

    def __init__(self, services: Services, kind: EntryKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.kind = kind
        self.skills: list[Skill] = []
        self.dialog: EntryDialog | None = None
        self.confirm_box: Any = None
        noun = NOUNS[kind]
        self.panel: TablePanel[EntryRow] = TablePanel(TITLES[kind], _entry_columns(kind), HINTS[kind])
        table = self.panel.table
        table.setSortingEnabled(False)  # the person's own order
        table.setWordWrap(True)  # a few short entries: show them whole
        table.setItemDelegate(WrappingDelegate(table))
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().sectionResized.connect(lambda *_args: table.resizeRowsToContents())
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.doubleClicked.connect(lambda _index: self.edit_selected())
        table.selectionModel().selectionChanged.connect(self._current_changed)
        self.panel.model.modelReset.connect(self._update_buttons)
        keys = KeyBindings(table)
        keys.bind((Qt.Key.Key_Return, Qt.Key.Key_Enter), self.edit_selected)
        keys.bind((Qt.Key.Key_Delete,), self.delete_selected)
        keys.bind((Qt.Key.Key_Insert,), self.add)
        keys.bind((Qt.Key.Key_Up,), lambda: self.move_selected(-1), Qt.KeyboardModifier.ControlModifier)
        keys.bind((Qt.Key.Key_Down,), lambda: self.move_selected(+1), Qt.KeyboardModifier.ControlModifier)

        self.add_button = self._text_button("Add…")
        self.add_button.setToolTip(f"Add a {noun} at the end of the list (Insert)")
        self.edit_button = self._text_button("Edit…")
        self.edit_button.setToolTip(f"Change the selected {noun} or its linked skills (Enter, double-click)")
        self.up_button = self._arrow(Qt.ArrowType.UpArrow, "Move up (Ctrl+Up)", lambda: self.move_selected(-1))
        self.down_button = self._arrow(Qt.ArrowType.DownArrow, "Move down (Ctrl+Down)", lambda: self.move_selected(+1))
        self.delete_button = self._text_button("Delete…")
        self.delete_button.setToolTip(f"Delete the selected {noun} (Del)")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        arrows = QVBoxLayout()  # beside the list's first rows, where the rows move
        arrows.setSpacing(4)
        title = int(self.panel.fontMetrics().height() * 1.6)  # the panel's title (QGroupBox margin-top)
        arrows.addSpacing(title + self.panel.table.horizontalHeader().sizeHint().height() + 4)
        arrows.addWidget(self.up_button)
        arrows.addWidget(self.down_button)
        arrows.addStretch(1)
        beside = QHBoxLayout()
        beside.setSpacing(4)
        beside.addWidget(self.panel, 1)
        beside.addLayout(arrows)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(beside, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    @staticmethod
    def _text_button(text: str) -> QToolButton:
        """A compact button: three lists side by side must fit a narrow window."""
        button = QToolButton()
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _arrow(self, arrow: Qt.ArrowType, tip: str, action: Callable[[], Any]) -> QToolButton:
        button = QToolButton()
        button.setArrowType(arrow)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(False)
        height = self.add_button.sizeHint().height()
        button.setFixedSize(height, height)
        button.clicked.connect(lambda _checked=False: action())
        return button

    # -- data ------------------------------------------------------------------------------------
    def set_entries(self, entries: Sequence[AssessmentEntry], skills: Sequence[Skill], select: str | None) -> None:
        self.skills = list(skills)
        names = {s.id: s.name for s in skills}
        rows = [EntryRow(e, tuple(names[s] for s in e.skill_ids if s in names)) for e in entries]
        self.panel.set_rows(rows)
        if select:
            self.select(select)
        self._update_buttons()

    def rows(self) -> list[EntryRow]:
        return self.panel.visible_rows()

    def selected(self) -> AssessmentEntry | None:
        index = self.panel.table.currentIndex()
        if not index.isValid() or not self.panel.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.panel.model.row_at(index.row()).entry

    def select(self, entry_id: str) -> bool:
        return self.panel.select_first(lambda row: row.entry.id == entry_id)

    def _current_changed(self, *_args: Any) -> None:
        self._update_buttons()

    def _update_buttons(self, *_args: Any) -> None:
        entry = self.selected()
        ids = [row.entry.id for row in self.panel.model.every_row()] if entry else []  # as ranked, all of them
        at = ids.index(entry.id) if entry and entry.id in ids else -1
        self.edit_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None)
        self.up_button.setEnabled(at > 0)
        self.down_button.setEnabled(0 <= at < len(ids) - 1)

    # -- actions ---------------------------------------------------------------------------------
    def _open(self, dialog: EntryDialog, done: str) -> EntryDialog:
        def saved(entry: object) -> None:
            if isinstance(entry, AssessmentEntry):
                self.saved.emit(entry.id, f"{done}: {first_line(entry.text, 60)}")

        dialog.saved.connect(saved)
        self.dialog = dialog
        dialog.open()
        return dialog

    def add(self) -> EntryDialog:
        noun = NOUNS[self.kind].capitalize()
        return self._open(EntryDialog(self.services, self.kind, self.skills, parent=self), f"{noun} added")

    def edit_selected(self) -> EntryDialog | None:
        entry = self.selected()
        if entry is None:
            return None
        noun = NOUNS[self.kind].capitalize()
        return self._open(EntryDialog(self.services, self.kind, self.skills, entry, self), f"{noun} saved")

    def move_selected(self, step: int) -> None:
        entry = self.selected()
        if entry is None:
            return
        try:
            moved = self.services.assessment.move_entry(entry.id, step)
        except INPUT_ERRORS as exc:
            show_error(self, "Could not move it", str(exc))
            return
        if moved:
            self.saved.emit(entry.id, f"Moved {'up' if step < 0 else 'down'}: {first_line(entry.text, 60)}")

    def delete_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        text = first_line(entry.text, 80)

        def delete() -> None:
            try:
                self.services.assessment.delete_entry(entry.id)
            except INPUT_ERRORS as exc:
                show_error(self, "Could not delete it", str(exc))
                return
            self.saved.emit("", f"{NOUNS[self.kind].capitalize()} deleted: {text}")

        self.confirm_box = ask(
            self, f"Delete {NOUNS[self.kind]}", f"Delete “{text}”?", f"Delete {NOUNS[self.kind]}", delete
        )


class ProfileSection(Section):
    title = "Strengths && interests"  # "&&" shows one "&" on a tab
    WATCHES = frozenset({Kind.PROFILE, Kind.SKILLS})  # entries show the skills they are linked to

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.lists = {kind: EntryList(services, kind) for kind in EntryKind}
        self._select: dict[EntryKind, str] = {}
        intro = QLabel(
            "What you are good at, what holds you back and what draws you: keep the most important at the top, "
            "and link each to the skills it is about."
        )
        intro.setObjectName("fieldHint")
        intro.setWordWrap(True)
        row = QHBoxLayout()
        row.setSpacing(14)
        for kind, entry_list in self.lists.items():
            row.addWidget(entry_list, 1)
            entry_list.saved.connect(self._saver(kind))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(intro)
        layout.addLayout(row, 1)

    def _saver(self, kind: EntryKind) -> Callable[[str, str], None]:
        def saved(entry_id: str, message: str) -> None:
            if entry_id:
                self._select[kind] = entry_id
            self.announce(Changes.of(Kind.PROFILE), message)

        return saved

    def fetch(self) -> ProfileData:
        return ProfileData(
            {kind: self.services.assessment.entries(kind) for kind in EntryKind}, self.services.assessment.skills()
        )

    def fill(self, data: ProfileData) -> None:
        for kind, entry_list in self.lists.items():
            current = entry_list.selected()
            keep = self._select.pop(kind, None) or (current.id if current else None)
            entry_list.set_entries(data.entries.get(kind, []), data.skills, keep)

    def panels(self) -> Sequence[TablePanel[Any]]:
        return tuple(entry_list.panel for entry_list in self.lists.values())
