"""Update a goal's progress: a new measured value, dated; the history keeps every earlier one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import Goal
from ...errors import ActionableError, InputError
from ...services import Services
from ..formatting import fmt_date, fmt_number, fmt_percent
from ..widgets.fields import DateField, NumberField


class ProgressDialog(QDialog):
    saved = Signal(object)  # the updated Goal

    def __init__(self, services: Services, goal: Goal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ...domain.goals import progress_fraction

        self.services = services
        self.goal = goal
        self.setObjectName("progressDialog")
        self.setWindowTitle(f"Progress: {goal.title}")
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

        self.error_label = QLabel()
        self.error_label.setObjectName("inlineError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(QLabel("Earlier measurements:"))
        layout.addWidget(self.history)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.value_edit.setFocus()

    def save(self) -> Goal | None:
        try:
            value = self.value_edit.value()
            if value is None:
                raise InputError("New value: type the value you measured")
            updated = self.services.goals.update_progress(self.goal.id, value, self.date_edit.value())
        except ActionableError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return None
        self.saved.emit(updated)
        self.accept()
        return updated
