"""Update a goal's progress: a new measured value, dated; the history keeps every earlier one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QListWidget, QWidget

from ...domain import Goal
from ...errors import ActionableError, InputError
from ...services import Services
from ..formatting import fmt_date, fmt_number, fmt_percent
from ..widgets.dialogs import Dialog
from ..widgets.fields import DateField, NumberField


class ProgressDialog(Dialog):
    saved = Signal(object)  # the updated Goal

    def __init__(self, services: Services, goal: Goal, parent: QWidget | None = None) -> None:
        super().__init__(
            f"Progress: {goal.title}", parent, name="progressDialog", on_accept=self.save, margins=None, spacing=10
        )
        from ...domain.goals import progress_fraction

        self.services = services
        self.goal = goal
        self.setMinimumWidth(460)

        metric = goal.metric or "Value"
        intro = QLabel(
            f"<b>{metric}</b>: {fmt_number(goal.current, goal.unit)} now "
            f"({fmt_percent(progress_fraction(goal))} of the way from {fmt_number(goal.baseline, goal.unit)} "
            f"to {fmt_number(goal.target, goal.unit)})."
        )
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)

        self.value_edit = NumberField("New value")
        self.value_edit.set_value(goal.current)
        self.value_edit.selectAll()
        self.date_edit = DateField("Measured on")
        self.date_edit.set_value(services.today())
        form = QFormLayout()
        form.addRow(f"New value ({goal.unit or 'number'}):", self.value_edit)
        form.addRow("Measured on:", self.date_edit)

        self.history = QListWidget()
        self.history.setObjectName("progressHistory")
        for point in reversed(goal.progress):
            self.history.addItem(f"{fmt_date(point.on)}   {fmt_number(point.value, goal.unit)}")
        if not goal.progress:
            self.history.addItem("No measurements yet")
        self.history.setMaximumHeight(self.history.sizeHintForRow(0) * 6 + 8)

        self.column.addWidget(intro)
        self.column.addLayout(form)
        self.column.addWidget(QLabel("Earlier measurements:"))
        self.column.addWidget(self.history)
        self.add_footer()
        self.value_edit.setFocus()

    def save(self) -> Goal | None:
        try:
            value = self.value_edit.value()
            if value is None:
                raise InputError("New value: type the value you measured")
            updated = self.services.goals.update_progress(self.goal.id, value, self.date_edit.value())
        except ActionableError as exc:
            self.show_error(str(exc))
            return None
        self.saved.emit(updated)
        self.accept()
        return updated
