"""The request budget of a sync, on real servers (Radicale and Xandikos): a sync with no changes
sends at most two requests whatever the number of items, and k changed items cost at most k + 2
(one PUT each with the ETag already known, no GET before it). Counted by the target itself,
which counts what its HTTP session sends, the 401s of an auth negotiation included. Writes go
out on a few connections at once; a request the server asks to send again (Xandikos answers 423
while its repository is locked by a write beside it) is counted apart, as the server's doing."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from empower_desktop.domain import LearningItem, LearningSession, ZonedDateTime
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services
from empower_desktop.sync.engine import SyncEngine, SyncReport
from empower_desktop.sync.local import StoreLocalSide
from empower_desktop.sync.status import StatusStore
from empower_desktop.sync.targets.caldav_target import CalDAVTarget

from ..conftest import FIXED_NOW
from .conftest import CalDAVServer

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ACCOUNT = "work"


def plan_sessions(services: Services, count: int) -> None:
    course = services.data.save(LearningItem(kind=LearningType.COURSE, title="Distributed systems"))
    first = datetime(2026, 9, 7, 8, 0)
    sessions = []
    for n in range(count):
        start = ZonedDateTime.at(first + timedelta(days=n // 4, hours=2 * (n % 4)), "Europe/Berlin")
        sessions.append(LearningSession(item_id=course.id, start=start, end=start + timedelta(hours=1)))
    services.store.learning_sessions.add_many(sessions)


def add_account(services: Services, server: CalDAVServer, url: str) -> None:
    services.calendar.add_caldav_account(
        ACCOUNT, server.url, server.username, server.password, calendar=url, remember_password=False
    )
    assert services.calendar.account(ACCOUNT).calendar_url == url


def counted_sync(services: Services, server: CalDAVServer, url: str) -> tuple[SyncReport, int]:
    """One sync of the account, as the app runs it, and the HTTP requests it sent (without those the
    server asked to send again)."""
    with CalDAVTarget(url, server.username, server.password, name=ACCOUNT) as target:
        local = StoreLocalSide(services.store, services.calendar.reminders())
        report = SyncEngine(target, StatusStore(services.store.db, ACCOUNT), local, lambda: FIXED_NOW).run()
        assert target.retried <= 8, f"the server asked {target.retried} times to send again"
        return report, target.requests - target.retried


def change_sessions(services: Services, k: int, label: str) -> None:
    for session in services.store.learning_sessions.all()[:k]:
        session.location = f"Room {label}"
        services.store.learning_sessions.update(session)


@pytest.mark.parametrize(("count", "changes"), [(10, (1, 5)), (200, (1, 10, 50))])
def test_requests_stay_within_the_budget(
    services: Services, server: CalDAVServer, calendar_url: str, count: int, changes: tuple[int, ...]
) -> None:
    plan_sessions(services, count)
    add_account(services, server, calendar_url)
    items = len(StoreLocalSide(services.store, services.calendar.reminders()).items())
    assert items >= count

    report, sent = counted_sync(services, server, calendar_url)
    assert len(report.created) == items and not report.problems
    assert sent <= items + 2, f"initial sync of {items} items sent {sent} requests"

    # The first sync after writing lists everything (no sync token kept), the next one asks for
    # the changes since its token: both are one listing, whatever the number of items.
    for which in ("first", "second"):
        report, sent = counted_sync(services, server, calendar_url)
        assert not report.changed_anything and not report.problems
        assert sent <= 2, f"{which} sync with no changes of {count} items sent {sent} requests"

    for k in changes:
        change_sessions(services, k, f"{k}")
        report, sent = counted_sync(services, server, calendar_url)
        assert len(report.updated) == k and not report.problems and not report.conflicts
        assert sent <= k + 2, f"{k} changed items of {count} sent {sent} requests"

    report, sent = counted_sync(services, server, calendar_url)
    assert not report.changed_anything and sent <= 2
