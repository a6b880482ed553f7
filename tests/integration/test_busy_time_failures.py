"""Busy calendars that cannot be read, over real HTTP: a link answered 304 (unchanged, one request),
404, 500 or not at all, a wrong password on Radicale, a server that answers 500. Each keeps the busy
time read before, says why in one line naming the calendar, and the other calendars still plan.

Today is Monday 15 June 2026, 11:30 in Berlin (the `services` fixture's clock)."""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from empower_desktop.domain import LearningItem
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services

from .conftest import CalDAVServer, Responder, always
from .test_sync_engine_servers import add_account

pytestmark = pytest.mark.integration

FEED = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:standup@example.org\r\n"
    b"DTSTAMP:20260601T000000Z\r\nDTSTART;TZID=Europe/Berlin:20260601T090000\r\n"
    b"DTEND;TZID=Europe/Berlin:20260601T093000\r\nRRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR\r\n"
    b"SUMMARY:Stand-up\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def feed_server(seen: list[dict[str, str]], status: list[int]) -> Responder:
    """A published calendar with an ETag; it answers 304 to a request that names it, unless told otherwise."""

    def answer(method: str, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        seen.append(headers)
        if status:
            return status.pop(0), {}, b"Server trouble"
        if headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"ETag": '"v1"', "Content-Type": "text/calendar"}, FEED

    return answer


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_a_link_unchanged_costs_one_request_and_a_failing_one_keeps_what_it_gave(
    services: Services, fake_server: Callable[..., str]
) -> None:
    seen: list[dict[str, str]] = []
    trouble: list[int] = []
    url = fake_server(feed_server(seen, trouble))
    find = services.find_time
    find.add_feed_source(url + "team.ics", "Team")
    [first] = find.refresh()
    assert first.ok and first.changed and first.requests == 1 and first.spans > 50
    [again] = find.refresh()
    assert again.ok and not again.changed and again.requests == 1 and again.spans == first.spans
    assert seen[-1].get("If-None-Match") == '"v1"'

    trouble.append(500)
    [failed] = find.refresh()
    assert not failed.ok and failed.spans == first.spans
    assert failed.problem == "Team: the server answered with a problem (HTTP 500); try again later."
    trouble.append(404)
    assert find.refresh()[0].problem == "Team: the server has no calendar at this link (HTTP 404)."
    busy = find.busy_between(*find.plan_window(date(2026, 6, 22), 1)[1:])
    assert sum(1 for b in busy if b.label == "Stand-up") == 5  # what it gave before is still planned around


def test_a_link_nobody_answers_is_named_and_the_other_calendars_still_plan(
    services: Services, fake_server: Callable[..., str], tmp_path: Path
) -> None:
    find = services.find_time
    find.add_feed_source(f"http://127.0.0.1:{free_port()}/team.ics", "Team")
    work = tmp_path / "work.ics"
    work.write_bytes(FEED.replace(b"Stand-up", b"Work stand-up"))
    find.add_file_source(work, "Work")
    results = {r.name: r for r in find.refresh()}
    assert results["Work"].ok
    assert (
        results["Team"].problem
        == "Team could not be fetched: 127.0.0.1 cannot be reached (offline, or the address is wrong)."
    )
    course = services.learning.save_item(LearningItem(kind=LearningType.COURSE, title="Rust"))
    plan = find.find_habit_time(course.id, 1, 60, first=date(2026, 6, 22), weeks=1)
    assert plan.problems == [results["Team"].problem]
    assert plan.proposal.blocks


def test_a_wrong_password_or_a_failing_server_keeps_the_busy_time_read_before(
    services: Services, radicale_server: CalDAVServer, radicale_calendar: str, fake_server: Callable[..., str]
) -> None:
    add_account(services, radicale_server, radicale_calendar)
    work = radicale_server.new_calendar()
    with radicale_server.client() as client:
        from caldav.collection import Calendar as DAVCalendar

        DAVCalendar(client=client, url=work).add_event(FEED.decode(), no_overwrite=True)
    find = services.find_time
    find.add_caldav_source("work", work, "Work")
    [first] = find.refresh({"work": radicale_server.password})
    assert first.ok and first.spans > 50

    [refused] = find.refresh({"work": "not the password"})
    assert not refused.ok and refused.spans == first.spans
    assert refused.problem.startswith("Work: The server refused the password for alice.")

    broken = fake_server(always(500))
    with services.store.db.transaction() as conn:
        conn.execute("UPDATE busy_sources SET location = ?", (broken,))
    [failing] = find.refresh({"work": radicale_server.password})
    assert not failing.ok and failing.spans == first.spans
    assert failing.problem.startswith("Work: ") and "500" in failing.problem and "Traceback" not in failing.problem
