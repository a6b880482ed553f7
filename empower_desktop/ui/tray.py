"""Reminders while the app runs: the system tray icon, its menu, and the notifications.

Where the desktop has a system tray, an icon shows the next learning session or mentor meeting
(its tooltip and the first line of its menu), with Open and Quit. Once a minute `Reminders.due`
says what to tell the person, each kind switched off by its setting:

- a session or a meeting about to start (`notify.session_start`, 10 minutes before);
- the review ritual due today, from its time on, until a review is finished (`notify.review_due`);
- a goal's deadline, a milestone, a certification or an opportunity's next step within
  `notify.deadline_days` days (0: never);
- the contacts due for a contact, in one digest a day, not one per contact (`notify.contacts_digest`).

`Reminders` remembers what it told (for as long as the app runs; the digest once per day) so that
nothing is told twice; it is plain Python, given the time, and testable without a tray. Where the
desktop has no tray, nothing here is made and the window works as before.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon, QWidget

from .. import APP_NAME
from ..domain.common import day_text, zone
from ..errors import ActionableError

if TYPE_CHECKING:
    from ..services import Services
    from ..services.dashboard import NextEvent

log = logging.getLogger(__name__)

STARTS_WITHIN = timedelta(minutes=10)  # "about to start": this long before, or less
CHECK_EVERY_MS = 60_000
DEADLINES_EVERY = timedelta(minutes=15)  # deadlines are days apart: read them this often
FIRST_CHECK_MS = 5_000  # after the window opened: the first check, off the start-up path
MESSAGE_MS = 15_000  # how long a notification stays (where the desktop lets the app say)
NEXT_MESSAGE_MS = 6_000  # several notices at once: one after the other
DIGEST_NAMES = 3  # the contacts named in the digest; the others are counted
ERRORS: tuple[type[BaseException], ...] = (ActionableError, OSError)

KIND_TEXT = {
    "goal": "Goal deadline",
    "milestone": "Milestone",
    "certification": "Certification expires",
    "opportunity": "Next step",
}


@dataclass(frozen=True)
class Notice:
    """One notification: what it is about (`key`, never told twice), its words, and the record a
    click on it opens (`link`: kind, record id, occurrence key; kind "" for none)."""

    kind: str  # "start", "review", "deadline" or "contacts"
    key: str
    title: str
    text: str
    link: tuple[str, str, str] = ("", "", "")


class TrayWindow(Protocol):
    """What the tray needs of the main window (which owns the tray)."""

    services: Services

    @property
    def is_closed(self) -> bool: ...

    def bring_back(self) -> None: ...

    def hide_to_tray(self) -> None: ...

    def quit(self) -> None: ...

    def isVisible(self) -> bool: ...

    def isMinimized(self) -> bool: ...


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def event_text(event: NextEvent, tz: Any) -> str:
    """ "Kubernetes the hard way · Tue 16 Jun 2026, 18:30" (in the person's time zone)."""
    start = event.start.astimezone(tz)
    return f"{event.title} · {start:%a} {day_text(start.date())}, {start:%H:%M}"


class Reminders:
    """What to tell the person at a given time (see the module docstring)."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.told: set[str] = set()  # the keys of every notice given while the app runs
        self._deadlines_read: datetime | None = None

    def due(self, now: datetime) -> list[Notice]:
        """The notices to give at *now* (aware), each only once; remembered as told."""
        settings = self.services.settings
        tz = zone(self.services.time_zone())
        local = now.astimezone(tz)
        found: list[Notice] = []
        if settings.get("notify.session_start"):
            found += self._starting(now, tz)
        if settings.get("notify.review_due"):
            found += self._review(local)
        days = int(settings.get("notify.deadline_days"))
        if days > 0 and (self._deadlines_read is None or not now - DEADLINES_EVERY < self._deadlines_read <= now):
            self._deadlines_read = now  # the whole dashboard is read for them: not every minute
            found += self._deadlines(local.date(), days)
        if settings.get("notify.contacts_digest"):
            found += self._contacts(local.date())
        for notice in found:
            self.told.add(notice.key)
        return found

    def _new(self, key: str) -> bool:
        return key not in self.told

    def _starting(self, now: datetime, tz: Any) -> list[Notice]:
        notices = []
        for event in self.services.dashboard.next_events():
            if not now < event.start <= now + STARTS_WITHIN:
                continue
            key = f"start:{event.kind}:{event.record_id}:{event.key}:{event.start.isoformat()}"
            if not self._new(key):
                continue
            minutes = math.ceil((event.start - now).total_seconds() / 60)
            start, end = event.start.astimezone(tz), event.end.astimezone(tz)
            what = "Learning session" if event.kind == "session" else "Mentor meeting"
            notices.append(
                Notice(
                    "start",
                    key,
                    f"In {plural(minutes, 'minute')}: {event.title}",
                    f"{what}, {start:%H:%M} to {end:%H:%M}",
                    (event.kind, event.record_id, event.key),
                )
            )
        return notices

    def _review(self, local: datetime) -> list[Notice]:
        today = local.date()
        key = f"review:{today.isoformat()}"
        if not self._new(key) or self.services.review.next_ritual_day() != today:
            return []
        ritual = self.services.review.ritual()
        hour, minute = (int(part) for part in ritual.time.split(":"))
        if local.time() < time(hour, minute):
            return []
        if any(r.completed and r.finished_on == today for r in self.services.review.reviews()):
            return []
        return [
            Notice(
                "review",
                key,
                "Your review is due today",
                f"About {ritual.minutes} minutes: open the Review tab and start the review to look back "
                "and pick a focus.",
                ("reviews", "", ""),
            )
        ]

    def _deadlines(self, today: date, days: int) -> list[Notice]:
        coming = []
        for figure in self.services.dashboard.deadlines(days):
            left = (figure.day - today).days
            key = f"deadline:{figure.kind}:{figure.record_id}:{figure.title}:{figure.day.isoformat()}"
            if figure.overdue or not 0 <= left <= days or not self._new(key):
                continue
            coming.append((figure, left, key))
        if not coming:
            return []
        self.told.update(key for _figure, _left, key in coming[1:])  # told together, in one notice
        figure, left, key = coming[0]
        when = "today" if left == 0 else "tomorrow" if left == 1 else f"in {left} days"
        title = f"{KIND_TEXT.get(figure.kind, 'Deadline')} {when}: {figure.title}"
        text = f"On {figure.day:%a} {day_text(figure.day)}"
        if len(coming) > 1:
            title = f"{len(coming)} deadlines in the next {plural(days, 'day')}"
            text = "\n".join(f"{day_text(f.day)} · {f.title}" for f, _left, _key in coming[:4])
            if len(coming) > 4:
                text += f"\nand {len(coming) - 4} more"
        return [Notice("deadline", key, title, text, (figure.kind, figure.record_id, ""))]

    def _contacts(self, today: date) -> list[Notice]:
        key = f"contacts:{today.isoformat()}"
        if not self._new(key):
            return []
        rows = self.services.network.reach_out()
        if not rows:
            return []
        names = [row.contact.name for row in rows[:DIGEST_NAMES]]
        rest = len(rows) - len(names)
        listed = ", ".join(names) + (f" and {rest} more" if rest else "")
        title = f"{plural(len(rows), 'contact')} to reach out to"
        return [Notice("contacts", key, title, f"Due or overdue today: {listed}.", ("contacts", "", ""))]


def tray_icon_image() -> QIcon:
    """The app's icon, or a plain one from the style where the app has none."""
    icon = QApplication.windowIcon()
    if icon.isNull():
        style = QApplication.style()
        icon = style.standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
    return icon


class ReminderTray(QObject):
    """The tray icon of a main window, its menu, and the minute timer that gives the notices.

    The menu is made in any case (it is what the tray would show); the icon and the timer only
    where the desktop has a system tray."""

    def __init__(self, window: TrayWindow, parent: QWidget, available: bool | None = None) -> None:
        """*parent*: the window as a widget (its menu and timers go with it)."""
        super().__init__(parent)
        self.window = window
        self.reminders = Reminders(window.services)
        self.shown: list[Notice] = []  # every notice shown, in order (the last one is the one clicked)
        self._queue: list[Notice] = []
        self._told_tray = False

        self.menu = QMenu(parent)
        self.menu.setObjectName("trayMenu")
        self.next_action = QAction("No session or meeting ahead", self.menu)
        self.next_action.triggered.connect(lambda _checked=False: self.open_next())
        self.open_action = QAction(f"&Open {APP_NAME}", self.menu)
        self.open_action.triggered.connect(lambda _checked=False: window.bring_back())
        self.quit_action = QAction("&Quit", self.menu)
        self.quit_action.triggered.connect(lambda _checked=False: window.quit())
        self.menu.addAction(self.next_action)
        self.menu.addSeparator()
        self.menu.addAction(self.open_action)
        self.menu.addAction(self.quit_action)
        self.menu.aboutToShow.connect(self.refresh)
        self._next: NextEvent | None = None

        self.icon: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.first_check = QTimer(self)  # timers of this object: none fires once the window is gone
        self.first_check.setSingleShot(True)
        self.first_check.setInterval(FIRST_CHECK_MS)
        self.first_check.timeout.connect(self.check)
        self.next_message = QTimer(self)
        self.next_message.setSingleShot(True)
        self.next_message.setInterval(NEXT_MESSAGE_MS)
        self.next_message.timeout.connect(self._show_next)
        if available if available is not None else QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(tray_icon_image(), self)
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)
            self.icon.messageClicked.connect(self._message_clicked)
            self.icon.setToolTip(APP_NAME)
            self.icon.show()
            self.timer.start()
            self.first_check.start()

    def has_icon(self) -> bool:
        """Whether the tray shows the icon (the window can hide there)."""
        return self.icon is not None and self.icon.isVisible()

    def stop(self) -> None:
        for timer in (self.timer, self.first_check, self.next_message):
            timer.stop()
        self._queue.clear()
        if self.icon is not None:
            self.icon.hide()

    # -- the next session or meeting ------------------------------------------------------------
    def refresh(self) -> None:
        """The menu's first line and the tooltip: the next session or meeting."""
        if self.window.is_closed:
            return
        try:
            events = self.window.services.dashboard.next_events(1)
            tz = zone(self.window.services.time_zone())
        except ERRORS as exc:
            log.warning("the tray could not read the next session: %s", exc)
            return
        self._next = events[0] if events else None
        text = "No session or meeting ahead" if self._next is None else f"Next: {event_text(self._next, tz)}"
        self.next_action.setText(text.replace("&", "&&"))
        self.next_action.setEnabled(self._next is not None)
        if self.icon is not None:
            self.icon.setToolTip(f"{APP_NAME}\n{text}")

    def open_next(self) -> None:
        if self._next is not None:
            self._open(("session" if self._next.kind == "session" else "meeting", self._next.record_id, self._next.key))

    # -- notices ---------------------------------------------------------------------------------
    def check(self, now: datetime | None = None) -> list[Notice]:
        """Give the notices due at *now* (default: the services' clock); returns them."""
        if self.window.is_closed:
            return []
        try:
            notices = self.reminders.due(now or self.window.services.now())
        except ERRORS as exc:
            log.warning("the reminders could not be checked: %s", exc)
            return []
        self.refresh()
        showing = bool(self._queue)
        self._queue.extend(notices)
        if not showing:
            self._show_next()
        return notices

    def _show_next(self) -> None:
        if not self._queue:
            return
        notice = self._queue.pop(0)
        self.shown.append(notice)
        if self.icon is not None:
            self.icon.showMessage(notice.title, notice.text, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
        if self._queue:
            self.next_message.start()

    def _message_clicked(self) -> None:
        if self.shown:
            self._open(self.shown[-1].link)

    def _open(self, link: tuple[str, str, str]) -> None:
        """Bring the window back, showing what *link* names."""
        self.window.bring_back()
        kind, record_id, key = link
        if kind:
            from .review.dashboard import RecordLink, open_record

            open_record(self.window, RecordLink(kind, record_id, key))

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        """A click on the icon brings the window back (or hides it again to the tray)."""
        if reason is not QSystemTrayIcon.ActivationReason.Trigger:
            return
        if self.window.isVisible() and not self.window.isMinimized():
            self.window.hide_to_tray()
        else:
            self.window.bring_back()

    def told_about_tray(self) -> bool:
        """Say once, the first time the window goes to the tray, that the app still runs."""
        if self._told_tray or self.icon is None:
            return False
        self._told_tray = True
        self.icon.showMessage(
            f"{APP_NAME} is still running",
            "Reminders keep coming from here. Quit from this icon's menu or with File → Quit.",
            QSystemTrayIcon.MessageIcon.Information,
            MESSAGE_MS,
        )
        return True
