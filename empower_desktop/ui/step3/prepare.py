"""Prepare for a meeting: what to read before walking in — the topics carried over, the rest of the
agenda, my open action items (and theirs), and recent progress on the goals and skills the
mentorship serves, since the last meeting held."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QWidget

from ...services import ActionRow, Preparation
from ..formatting import TRACK_TEXT, fmt_date, fmt_percent
from ..widgets.dialogs import Dialog
from .meeting_editor import when_text


def _items(lines: list[str], empty: str) -> str:
    if not lines:
        return f"<p style='color:#6b6b6b'>{escape(empty)}</p>"
    return "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"


def _action(row: ActionRow) -> str:
    due = f" · due {fmt_date(row.item.due)}" if row.item.due else ""
    return f"{escape(row.item.text)}<span style='color:#6b6b6b'>{escape(due)}</span>"


def preparation_html(prep: Preparation) -> str:
    """The preparation as rich text (headings, lists), for the view and for printing."""
    meeting = prep.meeting
    place = f" · {escape(meeting.location)}" if meeting.location else ""
    head = (
        f"<h2>{escape(meeting.title)}</h2>"
        f"<p>{escape(when_text(meeting))}{place}<br>"
        f"With {escape(prep.with_whom or 'them')} ({escape(prep.mentorship.role.label.lower())})"
    )
    if prep.mentorship.focus:
        head += f" · what I want from it: <i>{escape(prep.mentorship.focus)}</i>"
    head += "</p>"
    if prep.last_held is not None:
        head += (
            f"<p style='color:#6b6b6b'>Last meeting held: {escape(fmt_date(prep.last_held.start.local().date()))}</p>"
        )
    parts = [head]
    parts.append("<h3>Carried over from last time</h3>")
    parts.append(_items([escape(t.text) for t in prep.carried], "Nothing left open from the last meeting."))
    parts.append("<h3>Agenda</h3>")
    parts.append(_items([escape(t.text) for t in prep.agenda], "No topics yet: add some in the meeting (Edit)."))
    parts.append("<h3>My open action items</h3>")
    parts.append(_items([_action(a) for a in prep.my_actions], "None open."))
    if prep.their_actions:
        parts.append("<h3>Theirs, still open</h3>")
        parts.append(_items([_action(a) for a in prep.their_actions], ""))
    parts.append("<h3>Progress on the goals it serves</h3>")
    goal_lines = []
    for g in prep.goals:
        now = fmt_percent(g.fraction) if g.fraction is not None else "not measured"
        since = f" (was {fmt_percent(g.fraction_before)} at the last meeting)" if g.fraction_before is not None else ""
        goal_lines.append(
            f"{escape(g.goal.title)}: <b>{escape(now)}</b>{escape(since)} · {escape(TRACK_TEXT[g.track])}"
        )
    parts.append(_items(goal_lines, "No goals linked: link some in the mentorship (Mentorships → Edit)."))
    parts.append("<h3>Skills</h3>")
    skill_lines = []
    for s in prep.skills:
        now = f"{s.level}/5" if s.level is not None else "not rated"
        since = ""
        if s.level_before is not None and s.level_before != s.level:
            since = f" (from {s.level_before}/5 at the last meeting)"
        skill_lines.append(f"{escape(s.skill.name)}: <b>{escape(now)}</b>{escape(since)}")
    parts.append(_items(skill_lines, "No skills linked."))
    return "".join(parts)


class PrepareDialog(Dialog):
    """The preparation for one meeting, to read (and print or copy) before it."""

    def __init__(self, prep: Preparation, parent: QWidget | None = None) -> None:
        super().__init__(
            f"Prepare: {prep.meeting.title}",
            parent,
            name="prepareDialog",
            buttons=QDialogButtonBox.StandardButton.Close,
            delete_on_close=True,
        )
        self.prep = prep
        self.view = QTextBrowser()
        self.view.setObjectName("prepareView")
        self.view.setOpenExternalLinks(True)
        self.view.setHtml(preparation_html(prep))
        self.column.addWidget(self.view, 1)
        self.add_footer()
        self.resize(640, 620)
