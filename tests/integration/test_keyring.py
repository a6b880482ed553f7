"""The password and the real keyring, through the command line as a person uses it.

With the Secret Service (GNOME Keyring, which `scripts/dev.sh test` starts unlocked in a D-Bus
session of its own): `account add` saves the password there under the service "empower-desktop",
`sync` finds it without being given it, `account remove` deletes it. With no keyring at all:
`account add` works but says the password could not be saved and why, and `sync` without a
password fails with one line saying to give it with --password-stdin.

After every run the password appears nowhere: not in any file of the data folder (the SQLite
file, its -wal, the log, backups), not on stdout or stderr.
"""

from __future__ import annotations

import base64
import contextlib
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from empower_desktop.domain import LearningItem, LearningSession, ZonedDateTime
from empower_desktop.domain.learn import LearningType
from empower_desktop.services import Services
from empower_desktop.sync.credentials import SERVICE
from empower_desktop.sync.local import StoreLocalSide

from .conftest import CalDAVServer

pytestmark = pytest.mark.integration

# Set by `scripts/dev.sh test` once it has started GNOME Keyring: there, a Secret Service that
# does not answer is a failure, not a reason to skip.
REQUIRED = "EMPOWER_TEST_SECRET_SERVICE"
NO_KEYRING = "keyring.backends.fail.Keyring"


def _secret_service_problem() -> str | None:
    """Why the Secret Service cannot be used here, or None when it can."""
    if not sys.platform.startswith("linux"):
        return "the Secret Service is Linux's keyring"
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return "no D-Bus session bus (`bash scripts/dev.sh test` starts one with GNOME Keyring)"
    try:
        from keyring.backends import SecretService

        backend = SecretService.Keyring()
        if backend.priority <= 0:  # raises when the service is not there
            return "the Secret Service backend is not usable"
        probe = f"probe-{uuid.uuid4().hex}"
        backend.set_password(SERVICE + "-test", probe, "probe")
        backend.delete_password(SERVICE + "-test", probe)
    except Exception as exc:
        return f"the Secret Service does not answer ({type(exc).__name__}: {exc})"
    return None


@pytest.fixture(scope="module")
def secret_service() -> Any:
    """The Secret Service backend of keyring, checked to work."""
    problem = _secret_service_problem()
    if problem is not None:
        if os.environ.get(REQUIRED):
            pytest.fail(f"The test command started GNOME Keyring, yet: {problem}")
        pytest.skip(problem)
    from keyring.backends import SecretService

    return SecretService.Keyring()


@pytest.fixture
def account_name(secret_service: Any) -> Iterator[str]:
    """An account name no other test uses; its keyring entry is gone at the end whatever happens."""
    name = f"work-{uuid.uuid4().hex[:8]}"
    yield name
    from keyring.errors import PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError):
        secret_service.delete_password(SERVICE, name)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with a few learning sessions to sync."""
    folder = tmp_path / "data"
    services = Services.open(folder)
    try:
        course = services.data.save(LearningItem(kind=LearningType.COURSE, title="Negotiation"))
        for day in range(3):
            start = ZonedDateTime.at(datetime(2026, 9, 7 + day, 9, 0), "Europe/Berlin")
            services.data.save(LearningSession(item_id=course.id, start=start, end=start + timedelta(hours=1)))
    finally:
        services.close()
    return folder


def items_in(data: Path) -> int:
    """How many events the app puts in a calendar for this data folder."""
    services = Services.open(data)
    try:
        return len(StoreLocalSide(services.store, services.calendar.reminders()).items())
    finally:
        services.close()


class CommandLine:
    """Runs the app's command line on one data folder and keeps everything it printed."""

    def __init__(self, data: Path, *, keyring_backend: str | None = None) -> None:
        self.data = data
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
        if keyring_backend is not None:
            self.env["PYTHON_KEYRING_BACKEND"] = keyring_backend
        self.printed: list[str] = []

    def __call__(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "empower_desktop", "--data-dir", str(self.data), *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            env=self.env,
        )
        self.printed += [done.stdout, done.stderr]
        return done

    def add(self, name: str, server: CalDAVServer, calendar_url: str, *extra: str) -> subprocess.CompletedProcess[str]:
        return self(
            "account", "add", name, "--url", server.url, "--username", server.username,
            "--calendar", calendar_url, "--password-stdin", *extra, stdin=server.password + "\n",
        )  # fmt: skip


def assert_password_nowhere(server: CalDAVServer, cli: CommandLine) -> None:
    """Neither the password nor the Authorization header that carries it, in any file of the data
    folder or anything the command line printed."""
    basic = base64.b64encode(f"{server.username}:{server.password}".encode())
    secrets = [server.password.encode(), basic]
    files = [p for p in cli.data.rglob("*") if p.is_file()]
    assert any(p.name == "empower.sqlite3" for p in files)
    for path in files:
        content = path.read_bytes()
        for secret in secrets:
            assert secret not in content, f"the password is in {path.name}"
    for text in cli.printed:
        for secret in secrets:
            assert secret.decode() not in text, f"the password was printed: {text!r}"


def test_the_password_goes_to_the_secret_service_and_nowhere_else(
    secret_service: Any, account_name: str, radicale_server: CalDAVServer, data: Path
) -> None:
    server = radicale_server
    cli = CommandLine(data)
    added = cli.add(account_name, server, server.new_calendar())
    assert added.returncode == 0, added.stderr
    assert "The password is saved in the system keyring." in added.stdout
    assert secret_service.get_password(SERVICE, account_name) == server.password

    synced = cli("sync", account_name)  # no password given: it comes from the keyring
    assert synced.returncode == 0, synced.stderr
    assert f"{account_name}: {items_in(data)} created in the calendar" in synced.stdout
    again = cli("sync")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == f"{account_name}: up to date"

    removed = cli("account", "remove", account_name)
    assert removed.returncode == 0, removed.stderr
    assert secret_service.get_password(SERVICE, account_name) is None
    gone = cli("sync", account_name)
    assert gone.returncode == 1 and f"There is no calendar account called “{account_name}”" in gone.stderr
    assert_password_nowhere(server, cli)


def test_without_a_keyring_the_password_is_asked_for_each_time(radicale_server: CalDAVServer, data: Path) -> None:
    server = radicale_server
    cli = CommandLine(data, keyring_backend=NO_KEYRING)
    added = cli.add("work", server, server.new_calendar())
    assert added.returncode == 0, added.stderr
    assert "Added work (CalDAV)" in added.stdout
    assert "The password for “work” cannot be saved: no keyring service was found on this computer." in added.stdout
    assert "You will be asked for it each session." in added.stdout

    refused = cli("sync")
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert refused.stderr.count("\n") == 1, refused.stderr
    assert refused.stderr.startswith("empower-desktop: work: No password for “work”")
    assert "--password-stdin" in refused.stderr
    # It says why there is none, and not to add the account again (no keyring would keep it either).
    assert "no keyring service was found on this computer" in refused.stderr
    assert "add the account again" not in refused.stderr

    synced = cli("sync", "--password-stdin", stdin=server.password + "\n")
    assert synced.returncode == 0, synced.stderr
    assert f"work: {items_in(data)} created in the calendar" in synced.stdout
    removed = cli("account", "remove", "work")
    assert removed.returncode == 0, removed.stderr
    assert_password_nowhere(server, cli)
