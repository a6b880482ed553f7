"""The words the welcome and the "Four Steps Explained" dialogs share (rich text, no Qt)."""

from __future__ import annotations

STEPS: tuple[tuple[str, str, str], ...] = (
    (
        "1 · Assess & Set Goals",
        "Know where you stand, then decide where you want to go.",
        "Rate your skills from 1 to 5 and note your strengths, weaknesses, interests and how satisfied "
        "you are at work. Then write SMART goals: specific, measurable (a metric and a target), "
        "achievable, relevant, and with a deadline and milestones.",
    ),
    (
        "2 · Learn",
        "Learn what your goals ask of you.",
        "Your goals show which skills need to grow. Plan courses, certifications, workshops, books and "
        "on-the-job practice, block time for them (once, or as a weekly habit) and log the hours you "
        "actually spend.",
    ),
    (
        "3 · Network & Mentor",
        "Grow the people around your career.",
        "Keep your professional network with a stay-in-touch rhythm for each person or tag; Reach out "
        "lists who is due. Schedule meetings with mentors and coaches (once or repeating), prepare each "
        "with its agenda and the topics left open last time, keep notes, and follow up on the action "
        "items you agreed.",
    ),
    (
        "4 · Advocate",
        "Make your work visible and ask for what you want.",
        "Log your achievements as they happen: what you did, what it changed (with a number where "
        "there is one), the evidence and who noticed; the app proposes one when a goal is achieved, a "
        "milestone reached, a certification earned or an initiative delivered. Move your initiatives "
        "from idea to proposed, accepted, in progress and delivered, and keep the opportunities you go "
        "after with a dated next step. Then prepare a conversation with your manager, a skip-level, HR "
        "or a mentor on that record, and export it as a document to bring along.",
    ),
    (
        "Review",
        "Look back, then adjust.",
        "The dashboard shows every step at a glance: which goals are on track and why the others are not, "
        "the hours learned this week and quarter, who to reach out to and what is due; each figure opens "
        "its record. Every week (and more deeply every quarter) a guided review of a few pages takes you "
        "through what got done and what slipped, re-rating skills and adjusting goals, to one focus for "
        "the next week; it is saved as you go and can be resumed. Pick its day and time and it goes to "
        "your calendar; while the app runs, reminders come from the tray.",
    ),
)

CALENDAR_NOTE = (
    "Learning sessions, mentor meetings, goal deadlines, review dates, and the next steps of your "
    "initiatives, opportunities and conversations can go to your own calendar "
    "(Sync → Sync Calendar Now), so the time these steps need is really there. Tell the app which "
    "other calendars you live in (Settings → Busy Calendars: a CalDAV account's Work calendar, an .ics "
    "file or a published link) and Find Time places a learning habit, a mentor meeting or the weekly "
    "review into your free time (Sync → Find Time); at each sync it lists the sessions a "
    "meeting added since now lands on, with a free time to move each to."
)


def steps_html(*, detailed: bool) -> str:
    """The steps as a list: titles and one line each, or with the full explanation."""
    parts = []
    for title, line, more in STEPS:
        if detailed:
            parts.append(
                f"<p style='margin-top:14px; margin-bottom:2px'><b>{title}</b> &nbsp;<i>{line}</i></p>"
                f"<p style='margin-top:0; margin-left:12px'>{more}</p>"
            )
        else:
            parts.append(f"<p style='margin-top:10px; margin-bottom:0'><b>{title}</b><br>{line}</p>")
    return "".join(parts)
