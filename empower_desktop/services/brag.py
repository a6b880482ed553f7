"""The document a person brings to a conversation with a manager, a skip-level, HR or a mentor:
what was achieved in a period and what it changed, the initiatives delivered, goal progress,
learning done, skills grown, and what the person wants from the conversation.

`services.advocacy` gathers the records, `order_achievements` sets the order below, and
`render_markdown` and `render_html` turn it into text (no Qt here).
The PDF is the HTML laid out by Qt (in `ui/`), so the two exports say the same.

Order of achievements: those with an impact number first, by that number, largest first (numbers
in different units are not comparable, but a person lists their biggest wins first and can
reorder by leaving items out); then those without a number; within equal numbers, or among those
without one, the newest first.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..domain import Achievement, Initiative
from ..domain.advocate import Audience
from ..domain.common import day_text
from ..domain.goals import Track
from ..store.backup import write_text_atomically


@dataclass(frozen=True)
class GoalLine:
    goal_id: str
    title: str
    fraction: float | None  # progress 0..1 at the period's end, None when not measured
    fraction_before: float | None  # at the period's start
    track: Track
    deadline: date | None


@dataclass(frozen=True)
class LearningLine:
    title: str  # a learning item finished (status done, finish or earned_on in the period)
    kind_label: str  # "Certification", "Course", ...
    finished_on: date | None


@dataclass(frozen=True)
class SkillLine:
    name: str
    before: int | None  # the last rating on or before the period's start (None: not rated then)
    after: int  # the last rating on or before the period's end


@dataclass(frozen=True)
class BragDocument:
    title: str  # e.g. "Promotion conversation with my manager"
    audience: Audience
    period_start: date
    period_end: date
    for_other: bool  # True: private achievements are left out, whatever was chosen
    achievements: list[Achievement] = field(default_factory=list)  # in the order above
    initiatives: list[Initiative] = field(default_factory=list)  # delivered in the period, newest first
    goals: list[GoalLine] = field(default_factory=list)
    learning: list[LearningLine] = field(default_factory=list)
    hours_logged: float = 0.0  # learning hours logged in the period
    skills: list[SkillLine] = field(default_factory=list)  # skills whose rating went up
    talking_points: list[str] = field(default_factory=list)
    aspirations: str = ""
    needs: str = ""
    asks: str = ""
    # names the document shows beside an achievement (goal / initiative titles, skill names)
    goal_titles: dict[str, str] = field(default_factory=dict)
    initiative_titles: dict[str, str] = field(default_factory=dict)
    skill_names: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        """Nothing from the record in the period (the written sections aside)."""
        return not (self.achievements or self.initiatives or self.learning or self.skills or self.hours_logged)


EN_DASH = "\u2013"

TRACK_WORDS = {
    Track.ON_TRACK: "on track",
    Track.AT_RISK: "at risk",
    Track.OFF_TRACK: "off track",
    Track.DONE: "target reached",
    Track.NOT_MEASURED: "not measured",
}


def order_achievements(achievements: list[Achievement]) -> list[Achievement]:
    """The document's order (see the module docstring)."""
    newest_first = sorted(achievements, key=lambda a: (a.achieved_on, a.created), reverse=True)
    return sorted(newest_first, key=lambda a: (a.impact_value is None, -(a.impact_value or 0.0)))


def number_text(value: float) -> str:
    """1500 → "1,500", 2.5 → "2.5", 28.0 → "28"."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def period_text(start: date, end: date) -> str:
    return f"{day_text(start)} {EN_DASH} {day_text(end)}"


def _percent(fraction: float | None) -> str:
    return "not measured" if fraction is None else f"{round(fraction * 100)}%"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _part(text: str) -> str:
    """A phrase between semicolons: on one line, without a full stop of its own."""
    return _one_line(text).rstrip(".;, ")


@dataclass(frozen=True)
class _Item:
    """One bullet: a bold lead, then plain parts."""

    lead: str
    parts: list[str]
    link: str = ""
    bold: bool = True


@dataclass(frozen=True)
class _Section:
    heading: str
    items: list[_Item] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # plain paragraphs before the items
    text: str = ""  # a section the person wrote, kept with its line breaks


def _achievement_item(doc: BragDocument, a: Achievement) -> _Item:
    parts = [day_text(a.achieved_on)]
    if a.impact_value is not None:
        parts.append(f"{number_text(a.impact_value)} {a.impact_unit}".strip())
    if a.impact.strip():
        parts.append(_part(a.impact))
    if a.metric.strip():
        parts.append(f"measured by {_part(a.metric)}")
    if a.noticed_by.strip():
        parts.append(f"noticed by {a.noticed_by.strip()}")
    links = [
        title
        for title in (doc.goal_titles.get(a.goal_id or ""), doc.initiative_titles.get(a.initiative_id or ""))
        if title
    ]
    if links:
        parts.append("for " + " and ".join(f"“{t}”" for t in links))
    skills = [doc.skill_names[s] for s in a.skill_ids if s in doc.skill_names]
    if skills:
        parts.append("skills: " + ", ".join(skills))
    if a.private and not doc.for_other:
        parts.append("private")
    return _Item(a.title, parts, a.evidence_link)


def _sections(doc: BragDocument) -> list[_Section]:
    sections = []
    if doc.achievements:
        sections.append(_Section("Achievements", [_achievement_item(doc, a) for a in doc.achievements]))
    if doc.initiatives:
        items = []
        for i in doc.initiatives:
            parts = [f"delivered {day_text(i.delivered_on)}" if i.delivered_on else "delivered", i.kind.label.lower()]
            if i.outcome.strip():
                parts.append(_part(i.outcome))
            items.append(_Item(i.title, parts))
        sections.append(_Section("Initiatives delivered", items))
    if doc.goals:
        items = []
        for g in doc.goals:
            if g.fraction is None:
                progress = "progress not measured"
            elif g.fraction_before is None or g.fraction_before == g.fraction:
                progress = _percent(g.fraction)
            else:
                progress = f"{_percent(g.fraction_before)} → {_percent(g.fraction)}"
            parts = [progress, TRACK_WORDS[g.track]]
            if g.deadline is not None:
                parts.append(f"deadline {day_text(g.deadline)}")
            items.append(_Item(g.title, parts))
        sections.append(_Section("Goal progress", items))
    if doc.learning or doc.hours_logged:
        lines = [f"{number_text(round(doc.hours_logged, 2))} hours of learning logged."] if doc.hours_logged else []
        items = [
            _Item(
                line.title, [line.kind_label] + ([f"finished {day_text(line.finished_on)}"] if line.finished_on else [])
            )
            for line in doc.learning
        ]
        sections.append(_Section("Learning", items, lines))
    if doc.skills:
        items = [
            _Item(s.name, [f"{s.before} → {s.after}" if s.before is not None else f"now {s.after}"]) for s in doc.skills
        ]
        sections.append(_Section("Skills grown", items))
    if doc.talking_points:
        sections.append(_Section("Talking points", [_Item(_one_line(p), [], bold=False) for p in doc.talking_points]))
    for heading, text in (("Aspirations", doc.aspirations), ("What I need", doc.needs), ("My asks", doc.asks)):
        if text.strip():
            sections.append(_Section(heading, text=text.strip()))
    return sections


def _empty_sentence(doc: BragDocument) -> str:
    return (
        f"Nothing was logged between {day_text(doc.period_start)} and {day_text(doc.period_end)}: no achievements, "
        "initiatives delivered, learning or skill ratings fall in this period."
    )


def render_markdown(doc: BragDocument) -> str:
    """The document as Markdown: a title, the period ("1 Oct 2026 to 31 Dec 2026", with an en dash) and audience,
    then the sections that have content, each under a `##` heading: Achievements (each a bullet:
    what, date, impact with number and unit, who noticed, evidence link), Initiatives delivered,
    Goal progress, Learning, Skills grown, Talking points, Aspirations, What I need, My asks. An empty period says
    so in a sentence ("Nothing was logged between … and …") instead of leaving an empty page."""
    out = [
        f"# {_one_line(doc.title)}",
        "",
        f"**Period:** {period_text(doc.period_start, doc.period_end)}  ",
        f"**For:** {doc.audience.label}",
    ]
    if doc.is_empty:
        out += ["", _empty_sentence(doc)]
    for section in _sections(doc):
        out += ["", f"## {section.heading}", ""]
        if section.lines:
            out += [*section.lines, ""] if section.items else section.lines
        for item in section.items:
            text = f"- **{_one_line(item.lead)}**" if item.bold else f"- {item.lead}"
            if item.parts:
                text += " — " + "; ".join(item.parts)
            if item.link:
                text += f" ([evidence]({item.link}))"
            out.append(text)
        if section.text:
            out.append(section.text)
    return "\n".join(out) + "\n"


def render_html(doc: BragDocument) -> str:
    """The same content as `render_markdown`, as simple HTML that Qt's text document lays out
    (h1, h2, p, ul/li; no CSS beyond what QTextDocument supports), every text escaped."""
    e = html.escape
    out = [
        f"<html><head><title>{e(_one_line(doc.title))}</title></head><body>",
        f"<h1>{e(_one_line(doc.title))}</h1>",
        f"<p><b>Period:</b> {e(period_text(doc.period_start, doc.period_end))}<br/>"
        f"<b>For:</b> {e(doc.audience.label)}</p>",
    ]
    if doc.is_empty:
        out.append(f"<p>{e(_empty_sentence(doc))}</p>")
    for section in _sections(doc):
        out.append(f"<h2>{e(section.heading)}</h2>")
        out += [f"<p>{e(line)}</p>" for line in section.lines]
        if section.items:
            out.append("<ul>")
            for item in section.items:
                text = f"<b>{e(_one_line(item.lead))}</b>" if item.bold else e(item.lead)
                if item.parts:
                    text += " — " + e("; ".join(item.parts))
                if item.link:
                    text += f' (<a href="{e(item.link)}">evidence</a>)'
                out.append(f"<li>{text}</li>")
            out.append("</ul>")
        if section.text:
            out.append("<p>" + "<br/>".join(e(line) for line in section.text.splitlines()) + "</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def write_markdown(doc: BragDocument, path: Path) -> None:
    """Write the Markdown to *path* in one step (a temporary file renamed): nothing half-written is
    left. Raises an ActionableError saying why when the folder is missing, read-only or full."""
    write_text_atomically(Path(path), render_markdown(doc))
