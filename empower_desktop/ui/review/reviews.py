"""Review · Reviews: the past reviews (their period, kind, state, the focus picked and whether it
was kept), the weekly and quarterly review run or resumed from here, a finished one read again,
one deleted (undoable), and the ritual: the day, time and rhythm it comes round."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ...changes import Changes, Kind
from ...domain import Review
from ...domain.review import ReviewKind
from ...services import Services
from ...services.review import ReviewRow, Ritual
from ..formatting import DASH, MUTED_COLOUR, date_key, fmt_date
from ..step1.skills import level_text
from ..widgets.dialogs import CLOSE, Dialog
from ..widgets.section import ActionButton, Section
from ..widgets.table_model import Column
from ..widgets.table_panel import TablePanel
from ..widgets.undo import confirm_delete
from .ritual_dialog import RitualDialog, ritual_text
from .wizard import ACTION_TEXT, PAGE_TITLES, ReviewWizard, kind_text, list_html, period_text

REVIEWS = Changes.of(Kind.REVIEWS)


@dataclass(frozen=True)
class ReviewsData:
    rows: list[ReviewRow] = field(default_factory=list)
    ritual: Ritual | None = None
    next_day: date | None = None


def kept_text(row: ReviewRow) -> str:
    if not row.review.completed or row.focus_kept is None:
        return DASH
    return "Yes" if row.focus_kept else "No"


def state_text(review: Review) -> str:
    return "Completed" if review.completed else "In progress (resume)"


def review_columns() -> list[Column[ReviewRow]]:
    return [
        Column(
            "Period",
            lambda r: period_text(r.review),
            sort_key=lambda r: date_key(r.review.period_end),
            width=22,
        ),
        Column("Kind", lambda r: kind_text(r.review.kind), width=10),
        Column(
            "State",
            lambda r: state_text(r.review),
            colour=lambda r: None if r.review.completed else MUTED_COLOUR,
            tooltip=lambda r: (
                f"Finished on {fmt_date(r.review.finished_on)}"
                if r.review.completed
                else f"Resume it with {kind_text(r.review.kind)} review…"
            ),
            width=20,
        ),
        Column(
            "Focus picked",
            lambda r: r.review.focus or DASH,
            tooltip=lambda r: r.review.focus or "No focus yet",
            stretch=True,
            width=30,
        ),
        Column("Kept", kept_text, align="center", width=6),
    ]


def review_html(services: Services, review: Review) -> str:
    """What a review recorded, to read it again."""
    skills = {s.id: s.name for s in services.assessment.skills()}
    goals = {row.goal.id: row.goal.title for row in services.goals.rows(include_archived=True)}
    levels = {}
    for skill_id in review.rerated_skill_ids:
        history = services.assessment.skill_history(skill_id) if skill_id in skills else []
        done_on = [r for r in history if review.finished_on is None or r.rated_on <= review.finished_on]
        if done_on:
            levels[skill_id] = done_on[-1].level

    def text(value: str) -> str:
        return html.escape(value).replace("\n", "<br>") if value.strip() else f"<i>{DASH}</i>"

    def part(title: str, body: str) -> str:
        return f"<p style='margin:10px 0 2px 0'><b>{html.escape(title)}</b></p><div>{body}</div>"

    finished = f"Finished on {fmt_date(review.finished_on)}" if review.completed else "In progress"
    out = [
        f"<p style='font-size:large'><b>{kind_text(review.kind)} review · {period_text(review)}</b></p>",
        f"<p>{html.escape(finished)}</p>",
    ]
    if review.last_focus_kept is not None:
        out.append(part("Last time's focus kept", "Yes" if review.last_focus_kept else "No"))
    # What the period holds, as the first two pages listed it (read from the records as they are
    # now: a session logged since shows as logged), then what the person wrote on them.
    recap = services.review.recap(review)
    did = (
        list_html("Sessions logged", recap.sessions_logged)
        + list_html("Meetings held", recap.meetings_held)
        + list_html("Achievements logged", recap.achievements)
    )
    notes = "<p style='margin:8px 0 2px 0'><b>My notes</b></p>"
    out.append(part(PAGE_TITLES["done"], did + notes + text(review.done)))
    slipped = list_html("Sessions missed", recap.sessions_missed) + list_html(
        "Milestones overdue", recap.milestones_overdue, "None overdue."
    )
    out.append(part(PAGE_TITLES["slipped"], slipped + notes + text(review.slipped)))
    if review.kind is ReviewKind.QUARTERLY:
        checkin = next((c for c in services.assessment.checkins() if c.id == review.satisfaction_id), None)
        out.append(part("Satisfaction", f"Overall {checkin.overall}" if checkin else f"<i>{DASH}</i>"))
        out.append(part("Career vision", "Looked at" if review.vision_seen else "Not looked at"))
    rerated = [
        f"<li>{html.escape(skills.get(sid, 'A deleted skill'))}"
        + (f": {html.escape(level_text(levels[sid]))}" if sid in levels else "")
        + "</li>"
        for sid in review.rerated_skill_ids
    ]
    out.append(part("Skills re-rated", f"<ul>{''.join(rerated)}</ul>" if rerated else f"<i>{DASH}</i>"))
    decisions = [
        f"<li>{html.escape(goals.get(d.goal_id, 'A deleted goal'))}: {ACTION_TEXT[d.action]}"
        + (f" {DASH} {html.escape(d.reason)}" if d.reason else "")
        + "</li>"
        for d in review.goal_decisions
    ]
    out.append(part("Goals", f"<ul>{''.join(decisions)}</ul>" if decisions else f"<i>{DASH}</i>"))
    out.append(part(PAGE_TITLES["learned"], text(review.learned)))
    out.append(part("Focus picked", text(review.focus)))
    return "".join(out)


class ReviewView(Dialog):
    """A finished review, read-only."""

    def __init__(self, services: Services, review: Review, parent: QWidget | None = None) -> None:
        super().__init__(
            f"{kind_text(review.kind)} review · {period_text(review)}", parent, name="reviewView", buttons=CLOSE
        )
        self.review = review
        self.setMinimumSize(560, 520)
        self.view = QTextBrowser()
        self.view.setObjectName("reviewRecord")
        self.view.setOpenLinks(False)
        self.view.document().setDocumentMargin(10)
        self.view.setHtml(review_html(services, review))
        self.column.addWidget(self.view, 1)
        self.add_footer()


class ReviewsSection(Section):
    """The past reviews and the ritual; the weekly and quarterly review start (or resume) here."""

    title = "Reviews"
    WATCHES = frozenset({Kind.REVIEWS, Kind.SETTINGS})  # the history, and the ritual (in Settings)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.data = ReviewsData()
        self.dialog: Any = None
        self._select_id: str | None = None

        self.list: TablePanel[ReviewRow] = TablePanel(
            "Past reviews",
            review_columns(),
            "No reviews yet.\nA weekly review takes about 10 minutes: start one with Weekly review… (Ctrl+N).",
        )
        self.weekly_button = self.shortcut_button(
            "&Weekly review…",
            "Ctrl+N",
            lambda: self.start(ReviewKind.WEEKLY),
            "Look back on the week and pick next week's focus (resumes one left half-way)",
        )
        self.quarterly_button = self.shortcut_button(
            "&Quarterly review…",
            "Ctrl+Shift+N",
            lambda: self.start(ReviewKind.QUARTERLY),
            "The deeper review: satisfaction, vision and every goal's SMART check too",
        )
        self.open_button = self.shortcut_button(
            "&Open…", "Return", self.open_selected, "Read the selected review, or resume it (or double-click it)"
        )
        self.delete_button = self.shortcut_button(
            "&Delete…", "Delete", self.delete_selected, "Delete the selected review (Ctrl+Z undoes)"
        )
        self.list.set_row_actions(self.open_selected)
        self.list.table.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.list.model.modelReset.connect(self._update_actions)

        self.ritual_label = QLabel()
        self.ritual_label.setObjectName("ritualLine")
        self.ritual_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ritual_button = QPushButton("Chan&ge…")
        self.ritual_button.setToolTip("The day, time, length and rhythm of your review")
        self.ritual_button.clicked.connect(self.change_ritual)
        self.ritual_find_button = QPushButton("Find a Free &Time…")
        self.ritual_find_button.setToolTip("Move your review to a weekly time that is free in your own calendars")
        self.ritual_find_button.clicked.connect(self.find_ritual_time)
        ritual_row = QHBoxLayout()
        ritual_row.setSpacing(8)
        ritual_row.addWidget(self.ritual_label)
        ritual_row.addWidget(self.ritual_button)
        ritual_row.addWidget(self.ritual_find_button)
        ritual_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(
            self.toolbar([], [self.weekly_button, self.quarterly_button, self.open_button, self.delete_button])
        )
        layout.addLayout(ritual_row)
        layout.addWidget(self.list, 1)
        self._update_actions()

    # -- data ------------------------------------------------------------------------------------
    def fetch(self) -> ReviewsData:
        review = self.services.review
        return ReviewsData(review.history(), review.ritual(), review.next_ritual_day())

    def fill(self, data: ReviewsData) -> None:
        self.data = data
        if data.ritual is not None:
            self.ritual_label.setText(f"Your review: {ritual_text(data.ritual, data.next_day)}")
        self.list.set_rows(data.rows)
        if not self.list.select_first(lambda r: r.review.id == self._select_id):
            self.list.select_first(lambda r: True)
        self._update_actions()

    def panels(self) -> Sequence[TablePanel[Any]]:
        return (self.list,)

    def selected_review(self) -> Review | None:
        row = self.list.selected_row()
        return row.review if row else None

    def select_review(self, review_id: str) -> None:
        """Select this review once the list has been read again."""
        self._select_id = review_id

    def _update_actions(self) -> None:
        review = self.selected_review()
        self.open_button.setEnabled(review is not None)
        self.delete_button.setEnabled(review is not None)
        if review is not None:
            text = "&Open…" if review.completed else "Resu&me…"
            self.open_button.setText(text)
            if isinstance(self.open_button, ActionButton):
                self.open_button.action.setText(text)  # the Edit menu says the same

    # -- actions ---------------------------------------------------------------------------------
    def start(self, kind: ReviewKind) -> ReviewWizard | None:
        """Resume the unfinished review of *kind*, or begin a new one."""
        review = self.run_op(
            lambda: self.services.review.start(kind),
            changes=REVIEWS,
            failed=f"Could not start the {kind_text(kind).lower()} review",
            then=lambda r: self.select_review(r.id),
        )
        return self._wizard(review) if review is not None else None

    def _replace_dialog(self, dialog: QWidget) -> None:
        """*dialog* is the one open now; the one before it (closed) goes."""
        old, self.dialog = self.dialog, dialog
        if old is not None and old is not dialog and shiboken6.isValid(old) and not old.isVisible():
            old.deleteLater()

    def _wizard(self, review: Review) -> ReviewWizard:
        wizard = ReviewWizard(self.services, review, self)
        wizard.changed.connect(self.announce)
        wizard.status.connect(self.status)
        wizard.completed.connect(self._completed)
        self._replace_dialog(wizard)
        wizard.open()
        return wizard

    def _completed(self, review: Review) -> None:
        self.select_review(review.id)
        focus = f": next focus “{review.focus}”" if review.focus else ""
        self.announce(REVIEWS, f"{kind_text(review.kind)} review of {period_text(review)} finished{focus}")

    def open_selected(self) -> QWidget | None:
        review = self.selected_review()
        if review is None:
            return None
        if not review.completed:
            return self.start(review.kind)
        view = ReviewView(self.services, review, self)
        self._replace_dialog(view)
        view.open()
        return view

    def delete_selected(self) -> None:
        review = self.selected_review()
        if review is None:
            return
        what = f"{kind_text(review.kind).lower()} review of {period_text(review)}"
        reviews = self.services.review
        confirm_delete(
            self,
            "Delete review",
            f"Delete the {what}? The ratings, progress and check-ins it recorded stay in their steps.",
            what,
            lambda: reviews.delete(review.id),
            redo=lambda r: reviews.delete(r.id),
            restore=reviews.restore,
            changes=REVIEWS,
            select=lambda r: self.select_review(r.id),
        )

    def change_ritual(self) -> RitualDialog:
        dialog = RitualDialog(self.services, self)
        dialog.saved.connect(self._ritual_saved)
        self._replace_dialog(dialog)
        dialog.open()
        return dialog

    def find_ritual_time(self) -> QDialog:
        """Find Time, on the weekly review: a time free in most of the next weeks."""
        from ..find_time.dialog import RITUAL, open_find_time

        dialog = open_find_time(self, self.services, self.runner, self.announce, mode=RITUAL)
        self._replace_dialog(dialog)
        return dialog

    def _ritual_saved(self, ritual: Ritual) -> None:
        self.announce(Changes.of(Kind.SETTINGS, Kind.REVIEWS), f"Your review: {ritual_text(ritual)}")
