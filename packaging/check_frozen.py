"""Run a built app the way a person's computer would, and check it: the self-test, then the window.

    python packaging/check_frozen.py [EXECUTABLE]     (default: the one build.py made in dist/)

1. `--selftest` with PYTHONTZPATH pointing nowhere, so the time-zone check can only pass on the
   app's own tzdata; every check must print `ok` and the exit code must be 0.
2. The window, offscreen, on example data (`--demo --exit-on-first-paint`): it must paint, fill
   the first tab and exit 0.
On Linux the self-test runs inside a private D-Bus session with GNOME Keyring unlocked when those
are installed, so the Secret Service backend has something to find (a desktop session has one).
Used by the packaging tests and by CI on Windows and macOS.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bundle_metadata  # noqa: E402

SELFTEST_CHECKS = (
    "database",
    "time zones",
    "keyring",
    "caldav",
    "resources",
    "qt plugins",
    "qt charts",
    "schedule import",
)
NO_ZONEINFO = str(Path(tempfile.gettempdir()) / "no-zoneinfo-here")


def frozen_env(**extra: str) -> dict[str, str]:
    """The environment for a frozen run: no system zoneinfo, Qt offscreen (no screen needed)."""
    env = dict(os.environ, PYTHONTZPATH=NO_ZONEINFO, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)  # the bundle must not lean on a checkout
    env.update(extra)
    return env


def secret_service_available() -> bool:
    return sys.platform.startswith("linux") and all(
        shutil.which(tool) for tool in ("dbus-run-session", "gnome-keyring-daemon")
    )


def with_secret_service(cmd: list[str]) -> list[str]:
    """*cmd* inside a fresh D-Bus session with an unlocked GNOME Keyring (Linux, when installed)."""
    if not secret_service_available():
        return cmd
    script = 'printf selftest | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"'
    return ["dbus-run-session", "--", "sh", "-c", script, "sh", *cmd]


def run_selftest(
    exe: Path, env: dict[str, str] | None = None, keyring: bool = True
) -> subprocess.CompletedProcess[str]:
    cmd = [str(exe), "--selftest"]
    return subprocess.run(
        with_secret_service(cmd) if keyring else cmd,
        env=env or frozen_env(),
        capture_output=True,
        text=True,
        timeout=180,
    )


def run_window(exe: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), "--demo", "--exit-on-first-paint"],
        env=env or frozen_env(),
        capture_output=True,
        text=True,
        timeout=180,
    )


def selftest_lines(output: str) -> dict[str, str]:
    """check name -> "ok" or "fail", from the self-test's output."""
    found = {}
    for line in output.splitlines():
        status, _, rest = line.partition("  ")
        name = rest.split(":", 1)[0].strip()
        if status.strip() in {"ok", "fail"} and name in SELFTEST_CHECKS:
            found[name] = status.strip()
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    exe = Path(args[0]) if args else bundle_metadata.executable_path(bundle_metadata.ROOT / "dist")
    if not exe.is_file():
        print(f"no app at {exe}: build it first (python packaging/build.py)", file=sys.stderr)
        return 2
    problems = []

    selftest = run_selftest(exe)
    print(selftest.stdout, end="")
    print(selftest.stderr, end="", file=sys.stderr)
    statuses = selftest_lines(selftest.stdout)
    if selftest.returncode != 0:
        problems.append(f"the self-test exited with {selftest.returncode}")
    not_ok = [name for name in SELFTEST_CHECKS if statuses.get(name) != "ok"]
    if not_ok:
        problems.append(f"self-test checks not ok: {', '.join(not_ok)}")

    window = run_window(exe)
    shown = window.stdout.split()
    print(f"window: {' '.join(shown) or '(nothing printed)'} (exit {window.returncode})")
    if window.returncode != 0 or shown[-2:] != ["first-paint", "data-shown"]:
        problems.append(f"the window did not paint its data:\n{window.stderr[-2000:]}")

    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
