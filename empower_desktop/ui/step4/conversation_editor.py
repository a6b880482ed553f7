"""Preparing a conversation with a manager, a skip-level, HR or a mentor, and keeping what came of it.

"Prepare a conversation" asks who it is with and the period it looks back on (last quarter, this
quarter, the last 6 or 12 months, or dates of one's own); a period that ends before it starts is
refused under the field and nothing is made. The editor then shows what the record of that period
holds, for editing: the achievements (the biggest impact first) and initiatives delivered, each
with a tick box to leave it out (a private achievement is left out unless ticked, and never goes to
the other person), the goals worked on, the learning done and the skills grown; then what the
person writes (aspirations, what they need, their asks, talking points), and, after the
conversation, the day it took place, the outcome, what each side committed to and the follow-ups.
The Preview shows the document as it would be exported, for oneself or for the other person.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain import ConversationPrep
from ...domain.advocate import Audience, FollowUp
from ...domain.common import day_text
from ...errors import ActionableError, InputError, message_for
from ...services import Services
from ...services.advocacy import TITLES
from ...services.brag import BragDocument, number_text, render_html
from ..formatting import EN_DASH, first_line, fmt_date
from ..widgets.dated_items import DatedItem, DatedItemsTable
from ..widgets.dialogs import FormDialog, KeyBindings, error_label, form_layout, hint_label, text_area
from ..widgets.fields import EXAMPLE_DAY, DateField

CUSTOM = "Custom dates"
QUICK_PERIODS = ("Last quarter", "This quarter", "Last 6 months", "Last 12 months", CUSTOM)

# How the other person is named in the window ("for my manager").
AUDIENCE_NAME = {
    Audience.MANAGER: "my manager",
    Audience.SKIP_LEVEL: "my skip-level manager",
    Audience.HR: "HR",
    Audience.MENTOR: "my mentor",
}

PRIVATE_TIP = "Private: in your own copy only when ticked, and never in the document for the other person"
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "achievement", "initiative", "goal"; None for a heading
PRIVATE_ROLE = Qt.ItemDataRole.UserRole + 2


# -- periods ---------------------------------------------------------------------------------------
def add_months(day: date, months: int) -> date:
    """*day* moved by *months* (the last day of the month where the day does not exist)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quick_period(choice: str, today: date) -> tuple[date, date] | None:
    """The period of a quick choice ("Last quarter" is the calendar quarter before this one);
    None for custom dates."""
    if choice == "Last quarter":
        start = add_months(quarter_start(today), -3)
        return start, quarter_start(today) - timedelta(days=1)
    if choice == "This quarter":
        return quarter_start(today), today
    if choice == "Last 6 months":
        return add_months(today, -6), today
    if choice == "Last 12 months":
        return add_months(today, -12), today
    return None


def period_words(start: date, end: date) -> str:
    return f"{fmt_date(start)} {EN_DASH} {fmt_date(end)}"


class PeriodPicker(QWidget):
    """A quick choice of period, and the first and last day it covers (typed or picked). A period
    whose end is before its start is said under the fields as soon as it is typed."""

    changed = Signal()

    def __init__(
        self,
        today: date,
        check: Callable[[date, date], object],
        period: tuple[date, date] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """*check* raises what is wrong with a period (the services' rule)."""
        super().__init__(parent)
        self.today = today
        self._check = check
        self._setting = False
        self.quick_combo = QComboBox()
        self.quick_combo.setObjectName("conversationQuickPeriod")
        self.quick_combo.setAccessibleName("Period")
        self.quick_combo.addItems(list(QUICK_PERIODS))
        self.quick_combo.setToolTip(
            "What the document looks back on. Last quarter is the calendar quarter before this one; "
            "this quarter and the last months end today."
        )
        self.start_edit = DateField("Period start")
        self.start_edit.setObjectName("conversationPeriodStart")
        self.start_edit.edit.setAccessibleName("From")
        self.end_edit = DateField("Period end")
        self.end_edit.setObjectName("conversationPeriodEnd")
        self.end_edit.edit.setAccessibleName("To")
        self.setFocusProxy(self.quick_combo)
        self.words = hint_label()
        self.words.setObjectName("conversationPeriodWords")
        self.problem = error_label()
        self.problem.setObjectName("conversationPeriodProblem")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.quick_combo)
        row.addSpacing(6)
        row.addWidget(QLabel("from"))
        row.addWidget(self.start_edit, 1)
        row.addWidget(QLabel("to"))
        row.addWidget(self.end_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.words)
        layout.addWidget(self.problem)
        if period is None:
            self.choose(QUICK_PERIODS[0])
        else:
            self.set_period(*period)
        self.quick_combo.currentTextChanged.connect(self.choose)
        self.start_edit.changed.connect(self._typed)
        self.end_edit.changed.connect(self._typed)

    def choose(self, choice: str) -> None:
        """A quick choice: its dates go in the fields (custom dates keep what is there)."""
        self.quick_combo.setCurrentText(choice)
        found = quick_period(choice, self.today)
        if found is not None:
            self._setting = True
            self.start_edit.set_value(found[0])
            self.end_edit.set_value(found[1])
            self._setting = False
        self._update()

    def set_period(self, start: date, end: date) -> None:
        """These dates; the quick choice that gives them, else "Custom dates"."""
        choice = next((c for c in QUICK_PERIODS if quick_period(c, self.today) == (start, end)), CUSTOM)
        self._setting = True
        self.quick_combo.setCurrentText(choice)
        self.start_edit.set_value(start)
        self.end_edit.set_value(end)
        self._setting = False
        self._update()

    def _typed(self) -> None:
        if self._setting:
            return
        if self.quick_combo.currentText() != CUSTOM:
            self.quick_combo.blockSignals(True)
            self.quick_combo.setCurrentText(CUSTOM)
            self.quick_combo.blockSignals(False)
        self._update()

    def period(self) -> tuple[date, date]:
        """The period chosen; InputError when a day is missing or not a date, the services' error
        when the end is before the start."""
        start = self.start_edit.value()
        end = self.end_edit.value()
        if start is None:
            raise InputError(f"Period: enter the first day of the period (e.g. {day_text(EXAMPLE_DAY)})")
        if end is None:
            raise InputError(f"Period: enter the last day of the period (e.g. {day_text(EXAMPLE_DAY)})")
        self._check(start, end)
        return start, end

    def _update(self) -> None:
        try:
            start, end = self.period()
        except ActionableError as exc:
            self.words.setText("")
            self.words.hide()
            typed = self.start_edit.edit.text().strip() and self.end_edit.edit.text().strip()
            self.problem.setText(message_for(exc) if typed else "")
            self.problem.setVisible(bool(typed))
        else:
            days = (end - start).days + 1
            self.words.setText(f"{period_words(start, end)} ({days} day{'s' if days != 1 else ''})")
            self.words.show()
            self.problem.setText("")
            self.problem.hide()
        self.changed.emit()

    def is_valid(self) -> bool:
        try:
            self.period()
        except ActionableError:
            return False
        return True


def audience_combo(chosen: Audience = Audience.MANAGER) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("conversationAudience")
    for audience in (Audience.MANAGER, Audience.SKIP_LEVEL, Audience.HR, Audience.MENTOR):
        combo.addItem(audience.label, audience.value)
    combo.setCurrentIndex(max(0, combo.findData(Audience(chosen).value)))
    return combo


class PrepareDialog(FormDialog):
    """Who the conversation is with and the period it looks back on. Emits `saved(prep)` with the
    unsaved prep, for the editor to open on."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("Prepare a conversation", save_text="Prepare…", parent=parent)
        self.setObjectName("conversationPrepare")
        self.setMinimumWidth(620)
        self.services = services
        self.audience_combo = audience_combo()
        self.period = PeriodPicker(services.today(), self._check)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("conversationTitle")
        self.title_edit.setMaxLength(200)
        self.planned_edit = DateField("Planned on")
        self.planned_edit.setObjectName("conversationPlanned")
        self.planned_edit.setFocusProxy(self.planned_edit.edit)
        self.planned_edit.edit.setPlaceholderText(f"e.g. {day_text(EXAMPLE_DAY)} (optional)")
        self.add_row("&With:", self.audience_combo)
        self.add_row("&Period:", self.period)
        self.add_row("T&itle:", self.title_edit)
        self.add_row("P&lanned on:", self.planned_edit)
        self.audience_combo.currentIndexChanged.connect(lambda _i: self._audience_changed())
        self._audience_changed()
        self.audience_combo.setFocus()

    def audience(self) -> Audience:
        return Audience(self.audience_combo.currentData())

    def _audience_changed(self) -> None:
        self.title_edit.setPlaceholderText(TITLES[self.audience()])

    def _check(self, start: date, end: date) -> None:
        self.services.advocacy.new_conversation(Audience.MANAGER, start, end)

    def save(self) -> ConversationPrep:
        start, end = self.period.period()
        prep = self.services.advocacy.new_conversation(self.audience(), start, end, self.title_edit.text())
        prep.planned_on = self.planned_edit.value()
        return prep

    def focus_for(self, message: str) -> QWidget | None:
        lowered = message.lower()
        if "period" in lowered:
            return (
                self.period.end_edit.edit if self.period.start_edit.edit.text().strip() else self.period.start_edit.edit
            )
        if message.startswith("Planned on"):
            return self.planned_edit.edit
        if "title" in lowered:
            return self.title_edit
        return None


# -- the record of the period ----------------------------------------------------------------------
def _heading(text: str) -> QListWidgetItem:
    item = QListWidgetItem(text)
    font = QFont(item.font())
    font.setBold(True)
    item.setFont(font)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    return item


def _checkable(text: str, ident: str, kind: str, checked: bool, tip: str = "") -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    item.setData(Qt.ItemDataRole.UserRole, ident)
    item.setData(KIND_ROLE, kind)
    item.setToolTip(tip or text)
    return item


def _percent(fraction: float | None) -> str:
    return "not measured" if fraction is None else f"{round(fraction * 100)}%"


class RecordList(QWidget):
    """What the record of the period holds: achievements and initiatives (and the goals worked on),
    a tick box each; then the learning done and the skills grown, as they will read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("conversationRecord")
        self.list.setAccessibleName("What goes in the document")
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMinimumHeight(8 * (self.list.fontMetrics().height() + 6))
        self.list.setSpacing(1)
        KeyBindings(self.list).bind([Qt.Key.Key_Space], self.toggle_current)
        self.summary = QLabel()
        self.summary.setObjectName("conversationSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(
            hint_label(
                "Untick what should stay out of the document. Private achievements stay out unless you tick them, "
                "and never go in the copy for the other person."
            )
        )
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)

    def toggle_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def show_document(self, doc: BragDocument, excluded: set[str], chosen: set[str]) -> None:
        """*doc* holds every item of the period (every private achievement chosen, nothing left
        out); *excluded* and *chosen* say which are ticked. A tick already changed here is kept."""
        kept = {ident: checked for ident, _kind, checked, _private in self.entries()}

        def ticked(ident: str, default: bool) -> bool:
            return kept.get(ident, default)

        self.list.clear()
        if doc.achievements:
            self.list.addItem(_heading("Achievements, the biggest impact first"))
        for achievement in doc.achievements:
            parts = [first_line(achievement.title, 90)]
            if achievement.impact_value is not None:
                parts.append(f"{number_text(achievement.impact_value)} {achievement.impact_unit}".strip())
            elif achievement.impact.strip():
                parts.append(first_line(achievement.impact, 60))
            parts.append(fmt_date(achievement.achieved_on))
            if achievement.private:
                parts.append("private")
                default = achievement.id in chosen and achievement.id not in excluded
            else:
                default = achievement.id not in excluded
            tip = achievement.title + (f"\n{achievement.impact}" if achievement.impact else "")
            item = _checkable(
                " · ".join(parts),
                achievement.id,
                "achievement",
                ticked(achievement.id, default),
                f"{tip}\n{PRIVATE_TIP}" if achievement.private else tip,
            )
            item.setData(PRIVATE_ROLE, achievement.private)
            if achievement.private:
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
            self.list.addItem(item)
        if doc.initiatives:
            self.list.addItem(_heading("Initiatives delivered"))
        for initiative in doc.initiatives:
            when = f"delivered {fmt_date(initiative.delivered_on)}" if initiative.delivered_on else "delivered"
            text = f"{first_line(initiative.title, 90)} · {when}"
            self.list.addItem(
                _checkable(text, initiative.id, "initiative", ticked(initiative.id, initiative.id not in excluded))
            )
        if doc.goals:
            self.list.addItem(_heading("Goal progress"))
        for goal in doc.goals:
            if goal.fraction_before is None or goal.fraction_before == goal.fraction:
                progress = _percent(goal.fraction)
            else:
                progress = f"{_percent(goal.fraction_before)} → {_percent(goal.fraction)}"
            text = f"{first_line(goal.title, 90)} · {progress}"
            self.list.addItem(
                _checkable(text, goal.goal_id, "goal", ticked(goal.goal_id, goal.goal_id not in excluded))
            )
        if self.list.count() == 0:
            empty = QListWidgetItem(
                f"Nothing was logged between {fmt_date(doc.period_start)} and {fmt_date(doc.period_end)}: "
                "the document will say so. Choose another period, or log achievements first."
            )
            empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(empty)
        self.summary.setText("\n".join(summary_lines(doc)))

    def entries(self) -> list[tuple[str, str, bool, bool]]:
        """(id, kind, ticked, private) of each item that can be ticked, in the order shown."""
        found = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            kind = item.data(KIND_ROLE)
            if kind:
                found.append(
                    (
                        str(item.data(Qt.ItemDataRole.UserRole)),
                        str(kind),
                        item.checkState() == Qt.CheckState.Checked,
                        bool(item.data(PRIVATE_ROLE)),
                    )
                )
        return found

    def items_of(self, kind: str) -> list[QListWidgetItem]:
        """The list's items of one kind ("achievement", "initiative", "goal"), in the order shown."""
        return [self.list.item(r) for r in range(self.list.count()) if self.list.item(r).data(KIND_ROLE) == kind]


def summary_lines(doc: BragDocument) -> list[str]:
    """The learning done and skills grown in the period, as one line each."""
    lines = []
    finished = len(doc.learning)
    if finished or doc.hours_logged:
        parts = []
        if finished:
            titles = ", ".join(first_line(line.title, 40) for line in doc.learning[:3])
            more = f" and {finished - 3} more" if finished > 3 else ""
            parts.append(f"{finished} item{'s' if finished != 1 else ''} finished ({titles}{more})")
        if doc.hours_logged:
            hours = number_text(round(doc.hours_logged, 1))
            parts.append(f"{hours} hour{'s' if hours != '1' else ''} logged")
        lines.append("Learning: " + "; ".join(parts) + ".")
    else:
        lines.append("Learning: nothing finished or logged in this period.")
    if doc.skills:
        grown = ", ".join(
            f"{s.name} {s.before} → {s.after}" if s.before is not None else f"{s.name} now {s.after}"
            for s in doc.skills
        )
        lines.append(f"Skills grown: {grown}.")
    else:
        lines.append("Skills grown: no rating went up in this period.")
    return lines


# -- after the conversation ------------------------------------------------------------------------
class FollowUpsEditor(DatedItemsTable):
    """Follow-ups: what, whose (mine or theirs), by when, done."""

    def __init__(self, follow_ups: Sequence[FollowUp], parent: QWidget | None = None) -> None:
        super().__init__(
            name="conversationFollowUps",
            accessible_name="Follow-ups",
            columns=("Done", "Follow-up", "Whose", "Due"),
            whose=[("Mine", True), ("Theirs", False)],
            add_text="A&dd follow-up",
            remove_text="Remo&ve",
            remove_tip="Remove the selected follow-up (Delete)",
            parent=parent,
        )
        self.table.setTabKeyNavigation(False)
        self.add_button.setObjectName("conversationAddFollowUp")
        self.add_button.clicked.connect(lambda: self.add_follow_up())
        for follow_up in follow_ups:
            self.add_follow_up(follow_up, edit=False)

    def add_follow_up(self, follow_up: FollowUp | None = None, *, edit: bool = True) -> int:
        follow_up = follow_up or FollowUp(text="")
        item = DatedItem(
            id=follow_up.id, text=follow_up.text, whose=follow_up.mine, due=follow_up.due, done=follow_up.done
        )
        return self.add_row(item, edit=edit)

    def set_text(self, row: int, column: int, text: str) -> None:
        """Type *text* into a cell (what finishing an edit in it does)."""
        cell = self.table.item(row, column)
        if cell is None:
            cell = QTableWidgetItem()
            self.table.setItem(row, column, cell)
        cell.setText(text)

    def set_mine(self, row: int, mine: bool) -> None:
        combo: Any = self.table.cellWidget(row, 2)
        combo.setCurrentIndex(0 if mine else 1)

    def follow_ups(self) -> list[FollowUp]:
        return [
            FollowUp(id=row.id, text=row.text, due=row.due, done=row.done, mine=bool(row.whose))
            for row in self.rows(lambda text: f"Due day of “{first_line(text, 40)}”")
        ]


def _page(parent: QTabWidget, title: str, name: str) -> QWidget:
    page = QWidget()
    page.setObjectName(name)
    parent.addTab(page, title)
    return page


class ConversationEditor(FormDialog):
    """The prep of one conversation, new (unsaved, from "Prepare a conversation") or saved.
    Emits `saved(prep)`."""

    def __init__(
        self, services: Services, prep: ConversationPrep, *, new: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__("Prepare the conversation" if new else "Edit conversation", parent=parent)
        self.setObjectName("conversationEditor")
        self.setMinimumWidth(780)
        self.services = services
        self.prep = prep
        self.new = new
        self._private_ids = [a.id for a in services.advocacy.achievements() if a.private]
        start, end = prep.period

        self.title_edit = QLineEdit(prep.title)
        self.title_edit.setObjectName("conversationTitle")
        self.title_edit.setMaxLength(200)
        self.audience_combo = audience_combo(prep.audience)
        self.planned_edit = DateField("Planned on")
        self.planned_edit.setObjectName("conversationPlanned")
        self.planned_edit.setFocusProxy(self.planned_edit.edit)
        self.planned_edit.edit.setPlaceholderText(f"e.g. {day_text(EXAMPLE_DAY)} (optional)")
        self.planned_edit.set_value(prep.planned_on)
        self.period = PeriodPicker(services.today(), self._check, (start, end))
        self.add_row("T&itle:", self.title_edit)
        self.add_row("&With:", self.audience_combo)
        self.add_row("P&lanned on:", self.planned_edit)
        self.add_row("&Period:", self.period)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("conversationTabs")
        self.tabs.setDocumentMode(True)
        self.form.addRow(self.tabs)

        # From the record
        self.record = RecordList()
        record_page = _page(self.tabs, "From the record", "conversationRecordPage")
        QVBoxLayout(record_page).addWidget(self.record)
        record_page.layout().setContentsMargins(0, 0, 0, 0)  # type: ignore[union-attr]

        # What I want
        self.aspirations_edit = text_area("Where you want to go: the role, the scope, the work you want more of", 3)
        self.aspirations_edit.setObjectName("conversationAspirations")
        self.needs_edit = text_area("Support, training, scope, pay: what would help you get there", 3)
        self.needs_edit.setObjectName("conversationNeeds")
        self.ask_edit = text_area("What you will ask for, plainly, e.g. “Put me forward for senior this cycle”", 3)
        self.ask_edit.setObjectName("conversationAsk")
        self.points_edit = text_area("One point per line: what you want to be sure to say", 3)
        self.points_edit.setObjectName("conversationTalkingPoints")
        want = form_layout(Qt.AlignmentFlag.AlignTop)
        want.setContentsMargins(8, 10, 8, 8)
        want.addRow("&Aspirations:", self.aspirations_edit)
        want.addRow("What I &need:", self.needs_edit)
        want.addRow("My as&ks:", self.ask_edit)
        want.addRow("&Talking points:", self.points_edit)
        _page(self.tabs, "What I want", "conversationWantPage").setLayout(want)

        # After the conversation
        self.held_edit = DateField("Held on")
        self.held_edit.setObjectName("conversationHeld")
        self.held_edit.setFocusProxy(self.held_edit.edit)
        self.held_edit.edit.setPlaceholderText(f"e.g. {day_text(EXAMPLE_DAY)}, once it took place")
        self.outcome_edit = text_area("What was decided, what you heard", 2)
        self.outcome_edit.setObjectName("conversationOutcome")
        self.mine_edit = text_area("What you said you would do", 2)
        self.mine_edit.setObjectName("conversationMyCommitments")
        self.theirs_edit = text_area("What they said they would do", 2)
        self.theirs_edit.setObjectName("conversationTheirCommitments")
        self.follow_ups = FollowUpsEditor(prep.follow_ups)
        after = form_layout(Qt.AlignmentFlag.AlignTop)
        after.setContentsMargins(8, 10, 8, 8)
        after.addRow("&Held on:", self.held_edit)
        after.addRow("&Outcome:", self.outcome_edit)
        after.addRow("&My commitments:", self.mine_edit)
        after.addRow("Their &commitments:", self.theirs_edit)
        after.addRow("&Follow-ups:", self.follow_ups)
        after.addRow("", hint_label("A follow-up with a due day shows in Review and, once synced, in your calendar."))
        _page(self.tabs, "After the conversation", "conversationAfterPage").setLayout(after)

        # Preview
        self.preview_combo = QComboBox()
        self.preview_combo.setObjectName("conversationPreviewFor")
        self.preview = QTextBrowser()
        self.preview.setObjectName("conversationPreview")
        self.preview.setOpenExternalLinks(True)
        self.preview.setMinimumHeight(240)
        show_row = QHBoxLayout()
        show_as = QLabel("&Show it as:")
        show_as.setBuddy(self.preview_combo)
        show_row.addWidget(show_as)
        show_row.addWidget(self.preview_combo)
        show_row.addStretch(1)
        preview_layout = QVBoxLayout()
        preview_layout.setContentsMargins(8, 10, 8, 8)
        preview_layout.addLayout(show_row)
        preview_layout.addWidget(self.preview, 1)
        _page(self.tabs, "Preview", "conversationPreviewPage").setLayout(preview_layout)

        self._fill(prep)
        self._audience_changed()
        self._reassemble()
        self.audience_combo.currentIndexChanged.connect(lambda _i: self._audience_changed())
        self.period.changed.connect(self._reassemble)
        self.preview_combo.currentIndexChanged.connect(lambda _i: self.update_preview())
        self.tabs.currentChanged.connect(lambda _i: self.update_preview())
        if new:
            self.tabs.setCurrentIndex(0)
            self.record.list.setFocus()
        else:
            self.title_edit.setFocus()

    # -- filling ---------------------------------------------------------------------------------
    def _fill(self, prep: ConversationPrep) -> None:
        self.aspirations_edit.setPlainText(prep.aspirations)
        self.needs_edit.setPlainText(prep.needs)
        self.ask_edit.setPlainText(prep.ask)
        self.points_edit.setPlainText("\n".join(prep.talking_points))
        self.held_edit.set_value(prep.held_on)
        self.outcome_edit.setPlainText(prep.outcome)
        self.mine_edit.setPlainText(prep.my_commitments)
        self.theirs_edit.setPlainText(prep.their_commitments)

    def audience(self) -> Audience:
        return Audience(self.audience_combo.currentData())

    def _audience_changed(self) -> None:
        index = max(0, self.preview_combo.currentIndex())
        self.preview_combo.blockSignals(True)
        self.preview_combo.clear()
        self.preview_combo.addItem("My copy (everything ticked)", False)
        self.preview_combo.addItem(f"For {AUDIENCE_NAME[self.audience()]} (private items left out)", True)
        self.preview_combo.setCurrentIndex(index)
        self.preview_combo.blockSignals(False)
        self.update_preview()

    def _check(self, start: date, end: date) -> None:
        self.services.advocacy.new_conversation(Audience.MANAGER, start, end)

    def _reassemble(self) -> None:
        """The record of the period as the period now reads (nothing changes while it is wrong)."""
        if not self.period.is_valid():
            return
        start, end = self.period.period()
        everything = dataclasses.replace(
            self.prep, period_start=start, period_end=end, excluded_ids=[], achievement_ids=list(self._private_ids)
        )
        doc = self.services.advocacy.document(everything, for_other=False)
        self.record.show_document(doc, set(self.prep.excluded_ids), set(self.prep.achievement_ids))
        self.update_preview()

    # -- what the fields say ---------------------------------------------------------------------
    def current(self) -> ConversationPrep:
        """The prep as the fields say (not saved); InputError or DomainError for what is wrong."""
        title = self.title_edit.text().strip()
        if not title:
            raise InputError("Title: what is the conversation called?")
        start, end = self.period.period()
        entries = self.record.entries()
        shown = {ident for ident, *_rest in entries}
        excluded = [i for i in self.prep.excluded_ids if i not in shown]
        excluded += [ident for ident, _kind, checked, private in entries if not checked and not private]
        chosen = [i for i in self.prep.achievement_ids if i not in shown]
        chosen += [ident for ident, _kind, checked, private in entries if checked and private]
        points = [line.strip() for line in self.points_edit.toPlainText().splitlines() if line.strip()]
        return dataclasses.replace(
            self.prep,
            title=title,
            audience=self.audience(),
            planned_on=self.planned_edit.value(),
            period_start=start,
            period_end=end,
            aspirations=self.aspirations_edit.toPlainText().strip(),
            needs=self.needs_edit.toPlainText().strip(),
            ask=self.ask_edit.toPlainText().strip(),
            talking_points=points,
            excluded_ids=excluded,
            achievement_ids=chosen,
            held_on=self.held_edit.value(),
            outcome=self.outcome_edit.toPlainText().strip(),
            my_commitments=self.mine_edit.toPlainText().strip(),
            their_commitments=self.theirs_edit.toPlainText().strip(),
            follow_ups=self.follow_ups.follow_ups(),
        )

    def update_preview(self) -> None:
        """The document as it would be exported, when the Preview is showing."""
        if self.tabs.currentIndex() != self.tabs.count() - 1:
            return
        try:
            prep = self.current()
        except ActionableError as exc:
            self.preview.setPlainText(f"The preview shows once this is fixed: {message_for(exc)}")
            return
        for_other = bool(self.preview_combo.currentData())
        self.preview.setHtml(render_html(self.services.advocacy.document(prep, for_other=for_other)))

    def save(self) -> ConversationPrep:
        return self.services.advocacy.save_conversation(self.current())

    def focus_for(self, message: str) -> QWidget | None:
        lowered = message.lower()
        if message.startswith("Title") or "conversation's title" in lowered:
            return self.title_edit
        if "period" in lowered:
            return self.period.end_edit.edit
        if message.startswith("Planned on"):
            return self.planned_edit.edit
        for start, page, field in (
            ("Held on", 2, self.held_edit.edit),
            ("Due day", 2, self.follow_ups.table),
            ("A follow-up", 2, self.follow_ups.table),
            ("The outcome", 2, self.outcome_edit),
            ("What I committed", 2, self.mine_edit),
            ("What they committed", 2, self.theirs_edit),
            ("The ask", 1, self.ask_edit),
            ("Aspirations", 1, self.aspirations_edit),
            ("What I need", 1, self.needs_edit),
        ):
            if message.startswith(start):
                self.tabs.setCurrentIndex(page)
                return field
        return None
