"""Reminders while the app runs: what the tray tells and when (a session about to start, the review
due, a deadline near, the contacts due in one digest a day), each kind switched off by its setting
and none told twice; the tray's menu; closing to the tray, and quitting from it; and a desktop
without a tray, where closing the window still quits."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from empower_desktop.domain import Goal, LearningItem, LearningSession, ZonedDateTime
from empower_desktop.domain.assess import GoalStatus
from empower_desktop.domain.learn import LearningType
from empower_desktop.domain.review import ReviewKind
from empower_desktop.services import Services
from empower_desktop.ui.tray import Reminders, ReminderTray

from ..conftest import FIXED_NOW, TODAY
from .conftest import WindowFactory

BERLIN = "Europe/Berlin"
ISO_DAY = r"\d{4}-\d{2}-\d{2}"
# What a tray icon prints offscreen, where no desktop shows it (the ini's other noise stays ignored).
NO_DESKTOP_TRAY = [
    r"^This plugin does not support",
    r"No such signal QPlatformNativeInterface::systemTrayWindowChanged",
]


def session_at(services: Services, local: datetime, minutes: int = 45) -> LearningSession:
    """A one-off learning session at the wall-clock time *local* in Berlin."""
    item = LearningItem(kind=LearningType.COURSE, title="Kubernetes the hard way")
    services.data.save(item)
    start = ZonedDateTime.at(local, BERLIN)
    session = LearningSession(item_id=item.id, start=start, end=start + timedelta(minutes=minutes))
    services.data.save(session)
    return session


def only_sessions_and_meetings(services: Services) -> None:
    for key in ("notify.review_due", "notify.contacts_digest"):
        services.settings.set(key, False)
    services.settings.set("notify.deadline_days", 0)


def test_a_session_ten_minutes_ahead_is_told_once(services: Services) -> None:
    only_sessions_and_meetings(services)
    session_at(services, datetime(2026, 6, 15, 11, 40))  # FIXED_NOW is 11:30 in Berlin
    reminders = Reminders(services)

    [notice] = reminders.due(FIXED_NOW)
    assert notice.kind == "start"
    assert notice.title == "In 10 minutes: Kubernetes the hard way"
    assert notice.text == "Learning session, 11:40 to 12:25"
    assert reminders.due(FIXED_NOW + timedelta(minutes=1)) == []  # a minute later: not again


def test_a_session_further_ahead_is_not_told_yet(services: Services) -> None:
    only_sessions_and_meetings(services)
    session_at(services, datetime(2026, 6, 15, 12, 0))
    reminders = Reminders(services)
    assert reminders.due(FIXED_NOW) == []  # 30 minutes ahead
    [notice] = reminders.due(FIXED_NOW + timedelta(minutes=21))  # 9 minutes ahead
    assert notice.title == "In 9 minutes: Kubernetes the hard way"


def test_switched_off_nothing_is_told(services: Services) -> None:
    only_sessions_and_meetings(services)
    services.settings.set("notify.session_start", False)
    session_at(services, datetime(2026, 6, 15, 11, 40))
    assert Reminders(services).due(FIXED_NOW) == []


def test_the_contacts_due_come_in_one_digest_a_day(demo_services: Services) -> None:
    services = demo_services
    for key in ("notify.review_due", "notify.session_start"):
        services.settings.set(key, False)
    services.settings.set("notify.deadline_days", 0)
    due = services.network.reach_out()
    assert len(due) > 3  # the example data has people to reach out to
    reminders = Reminders(services)

    [digest] = reminders.due(FIXED_NOW)
    assert digest.kind == "contacts"
    assert digest.title == f"{len(due)} contacts to reach out to"
    names = ", ".join(row.contact.name for row in due[:3])
    assert digest.text == f"Due or overdue today: {names} and {len(due) - 3} more."
    assert reminders.due(FIXED_NOW + timedelta(hours=3)) == []  # once a day, not once a minute
    [tomorrow] = reminders.due(FIXED_NOW + timedelta(days=1))
    assert tomorrow.kind == "contacts"

    services.settings.set("notify.contacts_digest", False)
    assert Reminders(services).due(FIXED_NOW) == []


def test_the_review_is_told_on_its_day_from_its_time_until_one_is_finished(services: Services) -> None:
    services.settings.set("notify.session_start", False)
    services.settings.set("notify.contacts_digest", False)
    services.settings.set("notify.deadline_days", 0)
    services.settings.set("review.weekday", TODAY.isoweekday())  # today, a Monday
    services.settings.set("review.time", "11:45")
    reminders = Reminders(services)

    assert reminders.due(FIXED_NOW) == []  # 11:30: not yet
    [notice] = reminders.due(FIXED_NOW + timedelta(minutes=20))
    assert notice.kind == "review" and notice.title == "Your review is due today"
    assert reminders.due(FIXED_NOW + timedelta(minutes=21)) == []

    review = services.review.start(ReviewKind.WEEKLY)
    services.review.finish(review)
    assert Reminders(services).due(FIXED_NOW + timedelta(minutes=20)) == []  # done today: nothing to remind

    services.settings.set("notify.review_due", False)
    services.settings.set("review.weekday", TODAY.isoweekday())
    assert Reminders(services).due(FIXED_NOW + timedelta(hours=1)) == []


def test_a_deadline_within_the_days_chosen_is_told_once(services: Services) -> None:
    for key in ("notify.review_due", "notify.session_start", "notify.contacts_digest"):
        services.settings.set(key, False)
    services.settings.set("notify.deadline_days", 3)
    goal = Goal(
        title="Give a conference talk",
        start=TODAY - timedelta(days=60),
        deadline=TODAY + timedelta(days=3),
        status=GoalStatus.ACTIVE,
    )
    services.data.save(goal)
    reminders = Reminders(services)

    [notice] = reminders.due(FIXED_NOW)
    assert notice.kind == "deadline"
    assert notice.title == "Goal deadline in 3 days: Give a conference talk"
    assert notice.text == "On Thu 18 Jun 2026"
    assert notice.link == ("goal", goal.id, "")
    assert reminders.due(FIXED_NOW + timedelta(hours=1)) == []

    services.settings.set("notify.deadline_days", 2)  # too far ahead now
    assert Reminders(services).due(FIXED_NOW) == []


def test_a_deadline_further_ahead_than_the_dashboard_lists_is_told_when_chosen(services: Services) -> None:
    """The dashboard lists 30 days ahead; a reminder 45 days ahead still finds its deadline."""
    for key in ("notify.review_due", "notify.session_start", "notify.contacts_digest"):
        services.settings.set(key, False)
    services.settings.set("notify.deadline_days", 45)
    services.data.save(
        Goal(
            title="Earn the CKA",
            start=TODAY - timedelta(days=60),
            deadline=TODAY + timedelta(days=45),
            status=GoalStatus.ACTIVE,
        )
    )
    [notice] = Reminders(services).due(FIXED_NOW)
    assert notice.title == "Goal deadline in 45 days: Earn the CKA"


def test_the_tray_menu_names_the_next_session(services: Services, make_window: WindowFactory) -> None:
    session_at(services, datetime(2026, 6, 16, 18, 30))
    window = make_window(services)
    tray = window.tray
    assert tray is not None
    tray.refresh()
    texts = [action.text() for action in tray.menu.actions() if not action.isSeparator()]
    assert texts == ["Next: Kubernetes the hard way · Tue 16 Jun 2026, 18:30", "&Open Empower Desktop", "&Quit"]
    assert tray.next_action.isEnabled()


def test_without_a_tray_closing_the_window_quits_as_before(services: Services, make_window: WindowFactory) -> None:
    services.settings.set("app.close_to_tray", True)
    window = make_window(services)
    assert window.tray is not None and not window.tray.has_icon()  # offscreen: no system tray
    assert window.tray.check(FIXED_NOW) == []  # nothing to show it on, and nothing breaks

    window.close()

    assert window.is_closed and not window.isVisible()


@pytest.mark.qt_log_ignore(*NO_DESKTOP_TRAY)
def test_with_a_tray_closing_hides_the_window_and_quit_really_quits(
    services: Services, make_window: WindowFactory, qtbot: QtBot
) -> None:
    services.settings.set("app.close_to_tray", True)
    window = make_window(services)
    assert window.tray is not None
    window.tray.stop()
    window.tray = ReminderTray(window, window, available=True)  # as on a desktop with a tray
    assert window.tray.has_icon()

    window.close()
    assert not window.isVisible() and not window.is_closed  # still running in the tray
    assert not QApplication.quitOnLastWindowClosed()

    window.tray.open_action.trigger()
    assert window.isVisible() and QApplication.quitOnLastWindowClosed()

    services.settings.set("app.close_to_tray", False)
    window.close()  # the setting off: closing closes
    assert window.is_closed and not window.tray.has_icon()


@pytest.mark.qt_log_ignore(*NO_DESKTOP_TRAY)
def test_quit_from_the_tray_menu_closes_the_window_hidden_there(services: Services, make_window: WindowFactory) -> None:
    services.settings.set("app.close_to_tray", True)
    window = make_window(services)
    assert window.tray is not None
    window.tray.stop()
    window.tray = ReminderTray(window, window, available=True)
    window.close()
    assert not window.isVisible() and not window.is_closed

    window.tray.quit_action.trigger()

    assert window.is_closed and QApplication.quitOnLastWindowClosed()


def test_no_date_in_a_notice_reads_as_iso(demo_services: Services) -> None:
    demo_services.settings.set("notify.deadline_days", 30)
    notices = Reminders(demo_services).due(FIXED_NOW)
    assert notices
    for notice in notices:
        assert not re.search(ISO_DAY, notice.title + notice.text), notice
