"""Step 1 · Satisfaction: a dated job-satisfaction check-in (1-10 overall and per aspect, with a
note), its trend over time, and the past check-ins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...changes import Changes, Kind
from ...domain import SatisfactionCheckIn
from ...domain.assess import SATISFACTION_ASPECTS, SATISFACTION_MAX, SATISFACTION_MIN
from ...services import Services
from ..formatting import DASH, date_key, first_line, fmt_date
from ..messages import ask, show_error
from ..widgets.charts import BLUE, PALETTE, Series, TrendChart
from ..widgets.dialogs import INPUT_ERRORS, DateEdit, KeyBindings, error_label, qdate, text_area
from ..widgets.section import Section
from ..widgets.step_page import split
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel

NOT_SCORED = DASH  # what a score box shows before it is given a value


def aspect_label(aspect: str) -> str:
    return aspect.capitalize()


@dataclass(frozen=True)
class SatisfactionData:
    checkins: list[SatisfactionCheckIn] = field(default_factory=list)  # oldest first
    today: date | None = None


def _score(value: int | None) -> str:
    return DASH if value is None else str(value)


def _aspect_column(aspect: str) -> Column[SatisfactionCheckIn]:
    def text(checkin: SatisfactionCheckIn) -> str:
        return _score(checkin.aspects.get(aspect))

    def key(checkin: SatisfactionCheckIn) -> int | None:
        return checkin.aspects.get(aspect)

    return Column(aspect_label(aspect), text, sort_key=key, align="center", width=max(6, len(aspect)))


def _checkin_columns() -> list[Column[SatisfactionCheckIn]]:
    columns: list[Column[SatisfactionCheckIn]] = [
        Column("Date", lambda c: fmt_date(c.checked_on), sort_key=lambda c: date_key(c.checked_on), width=11),
        Column(
            "Overall",
            lambda c: str(c.overall),
            sort_key=lambda c: c.overall,
            align="center",
            width=7,
            bold=lambda c: True,
        ),
    ]
    columns += [_aspect_column(aspect) for aspect in SATISFACTION_ASPECTS]
    columns.append(
        Column("Note", lambda c: first_line(c.note) or DASH, tooltip=lambda c: c.note or "No note", stretch=True)
    )
    return columns


class ScoreField(QWidget):
    """A score from 1 to 10, a dash until given, with what it was last time beside it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spin = QSpinBox()
        self.spin.setRange(SATISFACTION_MIN - 1, SATISFACTION_MAX)
        self.spin.setSpecialValueText(NOT_SCORED)
        self.spin.setAccessibleName(name)
        char = self.spin.fontMetrics().averageCharWidth()
        self.spin.setMinimumWidth(9 * char)
        self.last = QLabel()
        self.last.setObjectName("fieldHint")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin)
        layout.addWidget(self.last, 1)

    def value(self) -> int | None:
        return self.spin.value() or None

    def set_value(self, value: int | None) -> None:
        self.spin.setValue(value or 0)

    def set_last(self, value: int | None) -> None:
        self.last.setText("" if value is None else f"last time {value}")


CHECKINS = Changes.of(Kind.CHECKINS)


class SatisfactionSection(Section):
    title = "Satisfaction"
    WATCHES = frozenset({Kind.CHECKINS})

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.data = SatisfactionData()
        self.confirm_box: Any = None
        self._date_touched = False

        heading = QLabel("New check-in")
        heading.setObjectName("formHeading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        explain = QLabel(
            f"How satisfied are you with your job, from 1 (not at all) to 10 (completely)? "
            f"Leave an aspect at {NOT_SCORED} to skip it."
        )
        explain.setObjectName("fieldHint")
        explain.setWordWrap(True)
        self.date_edit = DateEdit(date.today())
        self.date_edit.dateChanged.connect(self._date_changed)
        self.overall = ScoreField("Overall")
        self.aspects = {aspect: ScoreField(aspect_label(aspect)) for aspect in SATISFACTION_ASPECTS}
        self.note_edit = text_area("What is behind these scores? (optional)", lines=4)
        self.error_label = error_label()
        self.save_button = QPushButton("Save chec&k-in")
        self.save_button.setToolTip("Save this check-in (Ctrl+S, or Enter in a score box)")
        self.save_button.clicked.connect(self.save_checkin)
        QShortcut(
            QKeySequence("Ctrl+S"), self, self.save_checkin, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        form.addRow("&Date:", self.date_edit)
        overall_label = QLabel("&Overall:")
        overall_font = overall_label.font()
        overall_font.setBold(True)
        overall_label.setFont(overall_font)
        overall_label.setBuddy(self.overall.spin)
        form.addRow(overall_label, self.overall)
        for aspect, score in self.aspects.items():
            label = QLabel(f"{aspect_label(aspect)}:")
            label.setBuddy(score.spin)
            form.addRow(label, score)
        form.addRow("&Note:", self.note_edit)
        for score in (self.overall, *self.aspects.values()):
            KeyBindings(score.spin).bind((Qt.Key.Key_Return, Qt.Key.Key_Enter), self.save_checkin)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)

        form_box = QWidget()
        form_box.setObjectName("checkinForm")
        form_layout = QVBoxLayout(form_box)
        form_layout.setContentsMargins(0, 0, 8, 0)
        form_layout.setSpacing(8)
        form_layout.addWidget(heading)
        form_layout.addWidget(explain)
        form_layout.addLayout(form)
        form_layout.addWidget(self.error_label)
        form_layout.addLayout(buttons)
        form_layout.addStretch(1)

        self.chart = TrendChart(SATISFACTION_MIN, SATISFACTION_MAX, "Your trend shows here after the first check-in.")
        self.chart.setObjectName("satisfactionChart")
        self.table: TablePanel[SatisfactionCheckIn] = TablePanel(
            "Check-ins", _checkin_columns(), "No check-ins yet.\nA check-in a month shows how your job feels over time."
        )
        self.table.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.table.selectionModel().selectionChanged.connect(self._current_changed)
        self.table.model.modelReset.connect(self._update_buttons)
        self.delete_button = QPushButton("Delete check-in…")
        self.delete_button.setToolTip("Delete the selected check-in (Del)")
        self.delete_button.clicked.connect(self.delete_selected)
        KeyBindings(self.table.table).bind((Qt.Key.Key_Delete,), self.delete_selected)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.delete_button)
        table_layout.addLayout(row)

        right = split(Qt.Orientation.Vertical, (self.chart, 3), (table_box, 2))
        right.setSizes([300, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        halves = split(Qt.Orientation.Horizontal, (form_box, 0), (right, 1))
        halves.setSizes([340, 800])
        layout.addWidget(halves, 1)
        self._update_buttons()

    # -- reading ---------------------------------------------------------------------------------
    def fetch(self) -> SatisfactionData:
        return SatisfactionData(self.services.assessment.checkins(), self.services.today())

    def fill(self, data: SatisfactionData) -> None:
        self.data = data
        if data.today is not None:
            self.date_edit.setMaximumDate(qdate(data.today))
            if not self._date_touched:
                self._set_date(data.today)
        last = data.checkins[-1] if data.checkins else None
        self.overall.set_last(last.overall if last else None)
        for aspect, score in self.aspects.items():
            score.set_last(last.aspects.get(aspect) if last else None)
        self.table.set_rows(list(reversed(data.checkins)))  # newest first
        series = []
        for aspect, colour in zip(SATISFACTION_ASPECTS, PALETTE, strict=True):
            points = [(c.checked_on, float(c.aspects[aspect])) for c in data.checkins if aspect in c.aspects]
            series.append(Series(aspect_label(aspect), points, colour, 1.2, markers=False))
        overall = [(c.checked_on, float(c.overall)) for c in data.checkins]
        series.append(Series("Overall", overall, BLUE, 3.0))  # last: drawn on top of the aspects
        self.chart.set_series(series)
        self._update_buttons()

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.table,)

    # -- the form --------------------------------------------------------------------------------
    def _set_date(self, day: date) -> None:
        self.date_edit.blockSignals(True)
        self.date_edit.set_value(day)
        self.date_edit.blockSignals(False)

    def _date_changed(self, *_args: Any) -> None:
        self._date_touched = True

    def scores(self) -> dict[str, int | None]:
        return {aspect: score.value() for aspect, score in self.aspects.items()}

    def save_checkin(self) -> SatisfactionCheckIn | None:
        try:
            checkin = self.services.assessment.add_checkin(
                self.overall.value(), self.scores(), self.note_edit.toPlainText(), on=self.date_edit.value()
            )
        except INPUT_ERRORS as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            message = str(exc)
            target = self.note_edit.setFocus if message.startswith("A note") else self.overall.spin.setFocus
            if "after today" in message:
                target = self.date_edit.setFocus
            target()
            return None
        self.error_label.hide()
        self.overall.set_value(None)
        for score in self.aspects.values():
            score.set_value(None)
        self.note_edit.clear()
        self._date_touched = False
        self.announce(CHECKINS, f"Check-in saved for {fmt_date(checkin.checked_on)}: overall {checkin.overall}")
        return checkin

    # -- past check-ins --------------------------------------------------------------------------
    def selected(self) -> SatisfactionCheckIn | None:
        index = self.table.table.currentIndex()
        if not index.isValid() or not self.table.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.table.model.row_at(index.row())

    def _current_changed(self, *_args: Any) -> None:
        self._update_buttons()

    def _update_buttons(self, *_args: Any) -> None:
        self.delete_button.setEnabled(self.selected() is not None)

    def delete_selected(self) -> None:
        checkin = self.selected()
        if checkin is None:
            return

        def delete() -> None:
            self.run_op(
                lambda: self.services.assessment.delete_checkin(checkin.id),
                changes=CHECKINS,
                done=f"Check-in of {fmt_date(checkin.checked_on)} deleted",
                on_failure=lambda exc: show_error(self, "Could not delete the check-in", str(exc)),
            )

        self.confirm_box = ask(
            self,
            "Delete check-in",
            f"Delete the check-in of {fmt_date(checkin.checked_on)} (overall {checkin.overall})?",
            "Delete check-in",
            delete,
        )
