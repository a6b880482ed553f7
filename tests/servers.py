"""Real CalDAV servers on 127.0.0.1: Radicale and Xandikos, each started as a subprocess in a folder
the caller gives and on a free port, and stopped when the `with` block ends.

The integration tests' fixtures (tests/integration/conftest.py) and the sync benchmarks
(benchmarks/calendar_server.py, with the project's root on sys.path) both start their servers
here, so this module uses the standard library only: no pytest, no CalDAV client.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

STARTUP_SECONDS = 30.0


class ServerDidNotStartError(RuntimeError):
    """The server exited, or did not answer in time; the message holds its log."""


@dataclass(frozen=True)
class RunningServer:
    name: str
    url: str  # the server's root, as a person would type it
    port: int
    process: subprocess.Popen[bytes]
    log: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def radicale(folder: Path, username: str, password: str) -> Iterator[RunningServer]:
    """Radicale with one account (htpasswd `plain`), its collections in *folder*."""
    port = free_port()
    (folder / "users").write_text(f"{username}:{password}\n", encoding="utf-8")
    (folder / "config").write_text(
        f"""[server]
hosts = 127.0.0.1:{port}

[auth]
type = htpasswd
htpasswd_filename = {folder / "users"}
htpasswd_encryption = plain
# no pause after a wrong password: the tests try one on purpose
delay = 0

[storage]
filesystem_folder = {folder / "collections"}

[logging]
level = warning
""",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "radicale", "--config", str(folder / "config")]
    with _running("Radicale", command, folder, port) as server:
        yield server


@contextmanager
def xandikos(folder: Path, username: str) -> Iterator[RunningServer]:
    """Xandikos with the calendar home of *username* at /<username>/calendars/, its data in *folder*.

    Xandikos has no authentication of its own (it leaves that to a reverse proxy): it ignores the
    credentials, which clients send all the same (caldav wants some)."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "xandikos",
        "serve",
        "--directory",
        str(folder / "data"),
        "--defaults",
        "--current-user-principal",
        f"/{username}/",
        "--listen-address",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with _running("Xandikos", command, folder, port) as server:
        yield server


@contextmanager
def _running(name: str, command: list[str], folder: Path, port: int) -> Iterator[RunningServer]:
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        server = RunningServer(name, f"http://127.0.0.1:{port}/", port, process, log)
        _wait_until_answering(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_until_answering(server: RunningServer) -> None:
    """Until the server answers HTTP at all (any status: 401 from Radicale is an answer)."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if server.process.poll() is not None:
            raise ServerDidNotStartError(f"{server.name} exited with {server.process.returncode}:\n{_log(server)}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=2)
            try:
                connection.request("OPTIONS", "/")
                connection.getresponse().read()
                return
            finally:
                connection.close()
        except OSError:
            if time.monotonic() > deadline:
                raise ServerDidNotStartError(
                    f"{server.name} did not answer within {STARTUP_SECONDS:g} s:\n{_log(server)}"
                ) from None
            time.sleep(0.1)


def _log(server: RunningServer) -> str:
    return server.log.read_text(encoding="utf-8", errors="replace")
