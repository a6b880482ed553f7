"""File → Import course schedule (.ics)…: a preview of what the file gives, then the import.

The person picks the learning item the sessions belong to (or a new course named after the
calendar); the preview lists every session (new, changed, already imported) and every entry left
out with its reason, read off the GUI thread by the same services call the import runs, so the
import does what the preview shows. Import adds the new sessions and updates the changed ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLabel, QTableView, QWidget

from ..services import Services
from .formatting import MUTED_COLOUR, fmt_date
from .widgets.dialogs import OK_CANCEL, Dialog, form_layout, hint_label
from .widgets.table_model import Column, RecordTableModel
from .workers import TaskRunner

NEW_ITEM = ""  # the combo's data for "a new course"


@dataclass(frozen=True)
class PreviewRow:
    when: datetime | date | None
    title: str
    outcome: str  # "New", "Changed", "Already imported", "Left out"
    detail: str  # a habit's rule, or why it is left out

    @property
    def left_out(self) -> bool:
        return self.outcome == "Left out"


def preview_rows(plan: Any) -> list[PreviewRow]:
    """The plan as the preview shows it: sessions in time order, then what is left out."""
    from ..sync.importing import FoundSession

    def rule(found: FoundSession) -> str:
        return found.repeats() or found.location

    rows = [PreviewRow(f.start, f.what, "New", rule(f)) for f in plan.new]
    rows += [PreviewRow(f.start, f.what, "Changed", rule(f)) for _id, f in plan.changed]
    rows += [PreviewRow(f.start, f.what, "Already imported", rule(f)) for f in plan.unchanged]
    rows.sort(key=lambda r: _sort_key(r.when))
    rows += [PreviewRow(left.when, left.title or "(no title)", "Left out", left.reason) for left in plan.left_out]
    return rows


def _sort_key(when: datetime | date | None) -> str:
    if isinstance(when, datetime):
        return when.isoformat()
    return when.isoformat() if isinstance(when, date) else ""


def when_text(when: datetime | date | None) -> str:
    if isinstance(when, datetime):
        zone = getattr(when.tzinfo, "key", "") or ""
        return f"{fmt_date(when.date())} {when:%H:%M} {zone}".strip()
    if isinstance(when, date):
        return f"{fmt_date(when)}, all day"
    return ""


def _muted(row: PreviewRow) -> QColor | None:
    return MUTED_COLOUR if row.left_out or row.outcome == "Already imported" else None


COLUMNS: list[Column[PreviewRow]] = [
    Column("When", lambda r: when_text(r.when), sort_key=lambda r: _sort_key(r.when), width=26, colour=_muted),
    Column("Title", lambda r: r.title, stretch=True, colour=_muted),
    Column("Import", lambda r: r.outcome, width=14, colour=_muted),
    Column("Details", lambda r: r.detail, width=34, colour=_muted, tooltip=lambda r: r.detail),
]


class ImportScheduleDialog(Dialog):
    """`imported` carries a sentence on what was imported."""

    imported = Signal(str)

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        path: Path,
        parent: QWidget | None = None,
        *,
        item_id: str | None = None,
    ) -> None:
        super().__init__(
            "Import course schedule",
            parent,
            name="importScheduleDialog",
            buttons=OK_CANCEL,
            accept_text="&Import",
            on_accept=self.import_now,
            runner=runner,
        )
        self.services = services
        self.path = path
        self.plan: Any = None
        self.setMinimumSize(860, 520)
        source = QLabel(f"From <b>{_html(path.name)}</b>")
        source.setToolTip(str(path))
        self.item_combo = QComboBox()
        self.item_combo.setObjectName("itemCombo")
        items = sorted(services.learning.items(), key=lambda i: i.title.casefold())
        self.item_combo.addItem("A new course, named after the calendar", NEW_ITEM)
        for item in items:
            self.item_combo.addItem(item.title, item.id)
        chosen = self.item_combo.findData(item_id) if item_id else -1
        self.item_combo.setCurrentIndex(chosen if chosen >= 0 else (1 if len(items) == 1 else 0))
        item_label = QLabel("&Into the learning item:")
        item_label.setBuddy(self.item_combo)
        form = form_layout()
        form.addRow(item_label, self.item_combo)

        self.model: RecordTableModel[PreviewRow] = RecordTableModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setObjectName("previewTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)  # one line a row; the details' tooltip has all of it
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        for column, chars in ((0, 30), (2, 16), (3, 46)):
            header.resizeSection(column, self.fontMetrics().averageCharWidth() * chars)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setWordWrap(True)
        self.horizon_label = hint_label()
        self.horizon_label.hide()
        self.import_button = self.accept_button

        self.column.addWidget(source)
        self.column.addLayout(form)
        self.column.addWidget(self.table, 1)
        self.column.addWidget(self.summary_label)
        self.column.addWidget(self.horizon_label)
        self.column.addLayout(self.busy_row())
        self.add_footer()
        self.item_combo.currentIndexChanged.connect(lambda _index: self.read())
        self.import_button.setEnabled(False)
        self.read()

    def chosen_item(self) -> str | None:
        data = self.item_combo.currentData()
        return None if data == NEW_ITEM else str(data)

    # -- the preview -----------------------------------------------------------------------------
    def read(self) -> None:
        item = self.chosen_item()
        self.plan = None
        self.import_button.setEnabled(False)
        self.run(
            "Reading the schedule…",
            lambda: self.services.calendar.plan_import(self.path, item),
            self._show,
            self._unreadable,
        )

    def _show(self, plan: Any) -> None:
        self.plan = plan
        self.model.set_rows(preview_rows(plan))
        self.table.resizeColumnToContents(0)
        writes = plan.to_write
        self.summary_label.setText(_summary(plan))
        label = f"&Import {writes} session{'s' if writes != 1 else ''}" if writes else "Nothing to import"
        self.import_button.setText(label)
        self.import_button.setEnabled(writes > 0)
        schedule = plan.schedule
        if schedule.expanded:
            self.horizon_label.setText(
                f"{len(schedule.expanded)} series repeat in a way a habit cannot keep "
                f"({', '.join(schedule.expanded[:3])}{'…' if len(schedule.expanded) > 3 else ''}): "
                f"their times up to {fmt_date(schedule.horizon)} are imported as single sessions."
            )
        self.horizon_label.setVisible(bool(schedule.expanded))
        if self.chosen_item() is None:
            name = schedule.calendar_name or self.path.stem
            self.item_combo.setItemText(0, f"A new course: {name}")

    def _unreadable(self, exc: BaseException) -> None:
        self.model.set_rows([])
        self.summary_label.setText("")
        self.show_error_for(exc)

    # -- the import ------------------------------------------------------------------------------
    def _busy_changed(self, busy: bool) -> None:
        self.item_combo.setEnabled(not busy)
        self.import_button.setEnabled(not busy and self.plan is not None and self.plan.to_write > 0)

    def import_now(self) -> None:
        if self.plan is None or self.plan.to_write == 0 or self.is_busy():
            return
        item = self.chosen_item()

        def done(plan: Any) -> None:
            self.imported.emit(f"Imported from {self.path.name}: {plan.summary()}.")
            self.accept()

        self.run("Importing…", lambda: self.services.calendar.import_ics(self.path, item), done)


def _summary(plan: Any) -> str:
    text = str(plan.summary())
    return text[0].upper() + text[1:] + "."


def _html(text: str) -> str:
    from html import escape

    return escape(text)
