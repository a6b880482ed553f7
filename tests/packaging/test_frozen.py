"""The frozen app, built by the real build command: its self-test, its window, and what it holds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import bundle_metadata
import check_frozen
import pytest

from empower_desktop import APP_NAME, __version__

from .conftest import FrozenApp

pytestmark = [pytest.mark.packaging, pytest.mark.slow]

LINUX = sys.platform.startswith("linux")
BUNDLE_LIMIT_MB = 150  # the goal for the Linux bundle


def internal(app: FrozenApp) -> Path:
    """The folder holding the bundled libraries and data."""
    if sys.platform == "darwin":
        return app.bundle / "Contents" / "Frameworks"
    return app.bundle / "_internal"


def qt_plugins(app: FrozenApp) -> Path:
    """Where PySide6's wheels keep Qt's plugins (on Windows without the Qt folder level)."""
    if sys.platform == "win32":
        return internal(app) / "PySide6" / "plugins"
    return internal(app) / "PySide6" / "Qt" / "plugins"


def test_selftest_passes_without_the_systems_zoneinfo(frozen_app: FrozenApp) -> None:
    if LINUX and not check_frozen.secret_service_available():
        pytest.skip("needs dbus-run-session and gnome-keyring-daemon (scripts/dev.sh test installs them)")
    env = check_frozen.frozen_env()
    assert not Path(env["PYTHONTZPATH"]).exists()
    result = check_frozen.run_selftest(frozen_app.exe, env)
    assert result.returncode == 0, result.stdout + result.stderr
    statuses = check_frozen.selftest_lines(result.stdout)
    assert statuses == dict.fromkeys(check_frozen.SELFTEST_CHECKS, "ok"), result.stdout
    lines = {line.split(":", 1)[0].split("  ", 1)[-1].strip(): line for line in result.stdout.splitlines()}
    assert "tzdata" in lines["time zones"] and "without the system's zoneinfo" in lines["time zones"]
    expected_backend = {"win32": "Windows", "darwin": "macOS"}.get(sys.platform, "SecretService")
    assert f"keyring.backends.{expected_backend}" in lines["keyring"]
    # Qt's plugins come from inside the bundle, never from a Qt installed on the computer.
    assert str(frozen_app.bundle) in lines["qt plugins"] and "offscreen platform" in lines["qt plugins"]
    assert str(frozen_app.bundle) in lines["resources"]
    assert "found a calendar" in lines["caldav"] and "root certificates (the system's store)" in lines["caldav"]
    assert f"selftest: {len(check_frozen.SELFTEST_CHECKS)} of {len(check_frozen.SELFTEST_CHECKS)} checks passed" in (
        result.stdout
    )


@pytest.mark.skipif(not LINUX, reason="removes files by their Linux names")
def test_selftest_fails_when_tzdata_a_plugin_or_the_keyring_is_missing(frozen_app: FrozenApp, tmp_path: Path) -> None:
    """A copy of the bundle without its tzdata and its SVG image plugin, run with no D-Bus session."""
    broken = tmp_path / "broken"
    shutil.copytree(frozen_app.bundle, broken, copy_function=os.link, symlinks=True)
    shutil.rmtree(broken / "_internal" / "tzdata")
    (broken / "_internal" / "PySide6" / "Qt" / "plugins" / "imageformats" / "libqsvg.so").unlink()
    env = check_frozen.frozen_env()
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    result = check_frozen.run_selftest(broken / APP_NAME, env, keyring=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert check_frozen.selftest_lines(result.stdout) == {
        "database": "ok",
        "time zones": "fail",
        "keyring": "fail",
        "caldav": "ok",
        "resources": "ok",
        "qt plugins": "fail",
        "qt charts": "ok",
        "schedule import": "fail",  # it needs the time-zone data too
    }, result.stdout
    assert "Unknown time zone 'Europe/Berlin'" in result.stdout  # the system's zoneinfo was not used instead
    assert "imageformats/qsvg is missing" in result.stdout
    assert "Secret Service" in result.stdout and "not available" in result.stdout


def test_frozen_window_paints_the_demo_data(frozen_app: FrozenApp) -> None:
    result = check_frozen.run_window(frozen_app.exe)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["first-paint", "data-shown"], result.stdout + result.stderr


def test_frozen_cli_reports_the_package_version(frozen_app: FrozenApp) -> None:
    result = subprocess.run(
        [str(frozen_app.exe), "--version"], capture_output=True, text=True, timeout=60, env=check_frozen.frozen_env()
    )
    assert result.returncode == 0 and result.stdout.strip() == f"{APP_NAME} {__version__}"


def test_bundle_holds_what_the_app_needs(frozen_app: FrozenApp) -> None:
    inside = internal(frozen_app)
    assert (inside / "tzdata" / "zoneinfo" / "Europe" / "Berlin").is_file()
    assert (inside / "resources" / "style.qss").is_file()
    assert (inside / "resources" / "icons" / "app-icon.svg").is_file()
    # keyring's metadata: keyring finds its backends through the entry points listed there
    assert any(p.name.startswith("keyring-") and p.suffix == ".dist-info" for p in inside.iterdir())
    plugins = qt_plugins(frozen_app)
    for kind, names in {
        "platforms": ["qoffscreen", *(["qxcb", "qwayland"] if LINUX else [])],
        "imageformats": ["qsvg", "qico"],
        "iconengines": ["qsvgicon"],
    }.items():
        present = {p.name.split(".")[0].removeprefix("lib") for p in (plugins / kind).iterdir()}
        assert set(names) <= present, f"{kind}: {sorted(present)}"


def _all_names(folder: Path) -> list[str]:
    return [str(path.relative_to(folder)) for path in folder.rglob("*")]


def _python_modules(exe: Path) -> set[str]:
    from PyInstaller.archive.readers import CArchiveReader

    return set(CArchiveReader(str(exe)).open_embedded_archive("PYZ.pyz").toc)


def test_bundle_leaves_out_what_the_app_does_not_use(frozen_app: FrozenApp) -> None:
    names = _all_names(frozen_app.bundle)
    for unwanted in ("WebEngine", "Qt6Quick", "Qt6Qml", "VirtualKeyboard", "Qt6Pdf", "qgtk3", "Qt6Multimedia"):
        assert not [n for n in names if unwanted in n], unwanted
    assert not [n for n in names if "/translations/" in f"/{n}/"]
    assert not [n for n in names if n.endswith((".ico", ".icns")) and "resources" in n]

    modules = _python_modules(frozen_app.exe)
    assert {"empower_desktop.selftest", "keyring.backends.SecretService", "tzdata", "icalendar"} <= modules
    tops = {name.split(".")[0] for name in modules}
    assert not tops & {"pytest", "_pytest", "pytestqt", "hypothesis", "mypy", "tkinter", "unittest", "PyInstaller"}
    assert not tops & {"radicale", "xandikos", "dulwich", "aiohttp"}, "the tests' CalDAV servers must stay out"
    assert not tops & {"pytz", "qh3", "pdb", "doctest"}
    assert not tops & {"caldav", "niquests", "urllib3", "lxml"}, "the CalDAV client needs only the standard library"
    assert "wassima" in tops, "https needs the system's trusted roots"
    if LINUX:  # left to the system, with systemd's library that only it needed
        assert not [n for n in names if Path(n).name.startswith(("libdbus-1.so", "libsystemd.so"))]
        assert [n for n in names if Path(n).name.startswith("libQt6DBus.so")]
    assert not [m for m in modules if m.startswith("keyrings")], "file-based keyrings must stay out"
    bindings = {p.name.split(".")[0] for p in (internal(frozen_app) / "PySide6").glob("Qt*") if p.is_file()}
    assert bindings == {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtCharts"}


@pytest.mark.skipif(not LINUX, reason="the size goal is for the Linux bundle")
def test_linux_bundle_is_under_the_size_goal(frozen_app: FrozenApp) -> None:
    size = sum(p.lstat().st_size for p in frozen_app.bundle.rglob("*") if p.is_file() or p.is_symlink())
    print(f"bundle: {size / 1e6:.1f} MB, built in {frozen_app.build_seconds:.0f} s")
    assert size < BUNDLE_LIMIT_MB * 1e6, f"{size / 1e6:.1f} MB"
    assert bundle_metadata.APP_NAME == APP_NAME
