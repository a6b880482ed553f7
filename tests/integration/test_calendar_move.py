"""Moving an account to another calendar on the same server, on Radicale and Xandikos: the app's
events end up in the new calendar once each, none stay behind in the old one, and the old copies
are deleted before any new one is made. Between the app and the server, the test proxy plays a
hosted server that allows a UID only once per account (as some large ones do), where copying
first would be refused for every event."""

from __future__ import annotations

import http.client
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from empower_desktop.services import Services
from empower_desktop.services.calendar import AccountError

from .conftest import CalDAVServer
from .proxy import FaultyProxy
from .sync_checks import duplicates, plan_sessions, server_events

pytestmark = pytest.mark.integration

NO_UID_CONFLICT = (
    b'<?xml version="1.0" encoding="utf-8"?><D:error xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
    b"<C:no-uid-conflict><D:href>/elsewhere.ics</D:href></C:no-uid-conflict></D:error>"
)


class OneUidPerAccount:
    """A rule for the proxy: a PUT of a UID that another calendar of the account still holds is
    refused with no-uid-conflict; a DELETE frees the UID."""

    def __init__(self) -> None:
        self.holder: dict[str, str] = {}  # object name -> the path that holds it
        self.refused = 0

    def __call__(self, method: str, path: str, body: bytes) -> tuple[int, bytes] | None:
        name = path.rsplit("/", 1)[-1]
        if not name.endswith(".ics"):
            return None
        if method == "PUT":
            if self.holder.get(name, path) != path:
                self.refused += 1
                return 403, NO_UID_CONFLICT
            self.holder[name] = path
        elif method == "DELETE":
            self.holder.pop(name, None)
        return None


def calendar_paths(proxy: FaultyProxy, method: str, calendar_url: str) -> list[int]:
    """The positions, among every request the proxy saw, of *method* requests into the calendar."""
    path = urlsplit(calendar_url).path
    return [n for n, (m, p) in enumerate(proxy.requests) if m == method and p.startswith(path) and p != path]


def put_directly(proxy: FaultyProxy, server: CalDAVServer, url: str, body: bytes) -> int:
    """A PUT through the proxy by another client: its status."""
    connection = http.client.HTTPConnection("127.0.0.1", urlsplit(proxy.url).port or 80, timeout=30)
    try:
        connection.request("PUT", urlsplit(url).path, body, {"Content-Type": "text/calendar"})
        return connection.getresponse().status
    finally:
        connection.close()


def test_a_move_deletes_the_old_copies_first_and_leaves_none_behind(services: Services, server: CalDAVServer) -> None:
    sessions = plan_sessions(services, 12)
    old_url, new_url = server.new_calendar(), server.new_calendar()
    rule = OneUidPerAccount()
    with FaultyProxy(server.url, rate=0, seed=5, stall_seconds=0) as proxy:
        proxy.rule = rule
        services.calendar.add_caldav_account(
            "work", proxy.url, server.username, server.password, calendar=proxy.via(old_url), remember_password=False
        )
        first = services.calendar.sync_account("work", password=server.password)
        items = len(first.created)
        assert items == len(sessions) + 1 and not first.problems  # and the review ritual
        # The proxy does refuse a copy while the old one exists: copying first would fail.
        copied = put_directly(proxy, server, proxy.via(new_url) + next(iter(rule.holder)), b"BEGIN:VCALENDAR\r\n")
        assert copied == 403 and rule.refused == 1
        proxy.requests.clear()

        moved = services.calendar.move_account("work", proxy.via(new_url), password=server.password)

        deletes, puts = calendar_paths(proxy, "DELETE", old_url), calendar_paths(proxy, "PUT", new_url)
        assert len(deletes) == items and len(puts) == items
        assert max(deletes) < min(puts), "every old copy is deleted before the first new one is made"
        assert rule.refused == 1  # the move itself was never refused
        assert (moved.deleted, moved.kept, len(moved.report.created)) == (items, [], items)
        assert services.calendar.account("work").calendar_url == proxy.via(new_url)
        again = services.calendar.sync_account("work", password=server.password)
        assert again.lines() == ["work: up to date"]
    assert server_events(server, old_url) == []
    in_new = server_events(server, new_url)
    assert len(in_new) == items and not duplicates(in_new)


def test_a_move_cut_off_half_way_is_finished_by_the_next_sync(services: Services, server: CalDAVServer) -> None:
    plan_sessions(services, 8)
    old_url, new_url = server.new_calendar(), server.new_calendar()
    with FaultyProxy(server.url, rate=0, seed=6, stall_seconds=0) as proxy:
        services.calendar.add_caldav_account(
            "work", proxy.url, server.username, server.password, calendar=proxy.via(old_url), remember_password=False
        )
        items = len(services.calendar.sync_account("work", password=server.password).created)
        deletes_seen: list[str] = []

        def fail_the_fourth_delete(method: str, path: str, body: bytes) -> tuple[int, bytes] | None:
            if method == "DELETE":
                deletes_seen.append(path)
                if len(deletes_seen) == 4:
                    return 500, b""
            return None

        proxy.rule = fail_the_fourth_delete
        with pytest.raises(
            AccountError, match=r"stopped half-way: The server had a problem .* The next sync finishes it"
        ):
            services.calendar.move_account("work", proxy.via(new_url), password=server.password)
        account = services.calendar.account("work")
        assert account.moving_from == proxy.via(old_url) and account.calendar_url == proxy.via(new_url)
        assert len(server_events(server, old_url)) == items - 3 and server_events(server, new_url) == []

        proxy.rule = None
        finished = services.calendar.sync_account("work", password=server.password)
        assert len(finished.created) == items and not finished.problems
        assert services.calendar.account("work").moving_from == ""
    assert server_events(server, old_url) == []
    in_new = server_events(server, new_url)
    assert len(in_new) == items and not duplicates(in_new)


def test_the_command_line_moves_an_account(tmp_path: Path, radicale_server: CalDAVServer) -> None:
    server = radicale_server
    data = tmp_path / "data"
    services = Services.open(data)
    try:
        plan_sessions(services, 4)
    finally:
        services.close()
    old_url, new_url = server.new_calendar(), server.new_calendar()
    password = server.password + "\n"
    add = ["account", "add", "work", "--url", server.url, "--username", server.username, "--calendar", old_url]
    assert cli(data, *add, "--password-stdin", "--no-keyring", stdin=password).returncode == 0
    first = cli(data, "sync", "--password-stdin", stdin=password)
    assert first.returncode == 0 and "work: 5 created in the calendar" in first.stdout

    moved = cli(data, "account", "move", "work", new_url, "--password-stdin", stdin=password)
    assert moved.returncode == 0, moved.stderr
    lines = moved.stdout.splitlines()
    assert lines[0].startswith("Moved work to the calendar ") and lines[0].endswith(": 5 events left the old calendar")
    assert "work: 5 created in the calendar" in lines
    again = cli(data, "account", "move", "work", new_url, "--password-stdin", stdin=password)
    assert again.returncode == 1 and "already uses the calendar" in again.stderr
    assert server_events(server, old_url) == [] and len(server_events(server, new_url)) == 5


def cli(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "empower_desktop", "--data-dir", str(data), *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=120)
