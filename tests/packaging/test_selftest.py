"""`empower-desktop --selftest` from a source checkout: every check passes here, and each one fails
when the thing it checks is missing."""

from __future__ import annotations

import io
import subprocess
import sys
import zoneinfo
from pathlib import Path

import check_frozen
import keyring
import pytest
from keyring.backends import chainer, fail

from empower_desktop import cli, selftest


class MemoryKeyring:
    """Looks like a keyring backend to the self-test. Deliberately not a KeyringBackend subclass:
    keyring registers every subclass it sees and would pick this one for every later test."""

    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NotImplementedError

    def delete_password(self, service: str, username: str) -> None:
        raise NotImplementedError


@pytest.mark.slow
def test_selftest_passes_from_the_checkout_without_the_systems_zoneinfo() -> None:
    if sys.platform.startswith("linux") and not check_frozen.secret_service_available():
        pytest.skip("needs dbus-run-session and gnome-keyring-daemon (scripts/dev.sh test installs them)")
    cmd = check_frozen.with_secret_service([sys.executable, "-m", "empower_desktop", "--selftest"])
    result = subprocess.run(cmd, env=check_frozen.frozen_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert check_frozen.selftest_lines(result.stdout) == dict.fromkeys(check_frozen.SELFTEST_CHECKS, "ok")
    assert [name for name, _ in selftest.CHECKS] == list(check_frozen.SELFTEST_CHECKS)


def test_database_check_writes_and_reads_back(tmp_path: Path) -> None:
    detail = selftest.check_database(tmp_path)
    assert str(tmp_path / "data") in detail and "SQLite" in detail
    assert (tmp_path / "data" / "empower.sqlite3").is_file()


def test_time_zone_check_builds_a_vtimezone_and_restores_the_search_path(tmp_path: Path) -> None:
    before = zoneinfo.TZPATH
    detail = selftest.check_time_zones(tmp_path)
    assert "Europe/Berlin" in detail and "tzdata" in detail
    assert before == zoneinfo.TZPATH


def test_time_zone_check_fails_without_tzdata_even_with_a_system_zoneinfo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tzdata", None)  # `import tzdata` now fails
    with pytest.raises(selftest.CheckFailed, match="tzdata"):
        selftest.check_time_zones(tmp_path)


def test_keyring_check_names_the_backend_it_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring, "get_keyring", MemoryKeyring)
    assert "MemoryKeyring (priority 1)" in selftest.check_keyring(Path())


def test_keyring_check_fails_with_only_the_fail_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    with pytest.raises(selftest.CheckFailed, match="no usable keyring backend"):
        selftest.check_keyring(Path())


def test_keyring_check_looks_inside_a_chain(monkeypatch: pytest.MonkeyPatch) -> None:
    chain = chainer.ChainerBackend()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [fail.Keyring()])
    monkeypatch.setattr(keyring, "get_keyring", lambda: chain)
    with pytest.raises(selftest.CheckFailed):
        selftest.check_keyring(Path())
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [fail.Keyring(), MemoryKeyring()])
    assert "MemoryKeyring" in selftest.check_keyring(Path())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Secret Service is Linux's keyring")
def test_os_keyring_status_says_why_the_secret_service_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    status = selftest.os_keyring_status("linux")
    assert "Secret Service" in status and "not available" in status and "DBUS_SESSION_BUS_ADDRESS" in status
    windows = selftest.os_keyring_status("win32")  # its module is here, but it needs Windows
    assert "Windows Credential Manager" in windows and "not available" in windows


def test_resources_check_names_what_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "style.qss" in selftest.check_resources(tmp_path)
    monkeypatch.setattr(selftest, "resources_dir", lambda: tmp_path)
    (tmp_path / "style.qss").write_text("QWidget {}")
    with pytest.raises(selftest.CheckFailed, match=r"icons/app-icon\.svg missing"):
        selftest.check_resources(tmp_path)


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", "offscreen"),
        ({"QT_QPA_PLATFORM": "xcb:display=:1;wayland"}, "linux", "xcb"),
        ({}, "linux", "offscreen"),  # no display: nothing else could start
        ({"DISPLAY": ":0"}, "linux", None),  # Qt picks, as it would for the app
        ({}, "win32", None),
    ],
)
def test_platform_choice(environ: dict[str, str], platform: str, expected: str | None) -> None:
    assert selftest.chosen_platform(environ, platform) == expected


def test_required_plugins_per_system() -> None:
    linux = selftest.required_plugins("linux", {})
    assert ("platforms", "qxcb") in linux and ("platforms", "qwayland") not in linux
    assert ("platforms", "qwayland") in selftest.required_plugins("linux", {"WAYLAND_DISPLAY": "wayland-0"})
    assert ("platforms", "qwindows") in selftest.required_plugins("win32", {})
    assert ("platforms", "qcocoa") in selftest.required_plugins("darwin", {})
    for system in ("linux", "win32", "darwin"):
        assert {("imageformats", "qsvg"), ("iconengines", "qsvgicon")} <= set(selftest.required_plugins(system, {}))


def test_plugin_file_matches_each_systems_naming(tmp_path: Path) -> None:
    for name in ("libqxcb.so", "qwindows.dll", "libqcocoa.dylib", "qxcb.debug"):
        (tmp_path / name).write_bytes(b"")
    assert selftest.plugin_file(tmp_path, "qxcb") == tmp_path / "libqxcb.so"
    assert selftest.plugin_file(tmp_path, "qwindows") == tmp_path / "qwindows.dll"
    assert selftest.plugin_file(tmp_path, "qcocoa") == tmp_path / "libqcocoa.dylib"
    assert selftest.plugin_file(tmp_path, "qsvg") is None
    assert selftest.plugin_file(tmp_path / "absent", "qxcb") is None


def test_one_line_per_check_and_exit_code_1_on_any_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(folder: Path) -> str:
        raise selftest.CheckFailed("it is missing")

    def crashing(folder: Path) -> str:
        raise ValueError("unexpected")

    monkeypatch.setattr(selftest, "CHECKS", [("first", lambda folder: "fine"), ("second", broken), ("third", crashing)])
    out = io.StringIO()
    assert selftest.run_selftest(out) == 1
    assert out.getvalue().splitlines() == [
        "ok    first: fine",
        "fail  second: it is missing",
        "fail  third: ValueError: unexpected",
        "selftest: 1 of 3 checks passed; failed: second, third",
    ]
    monkeypatch.setattr(selftest, "CHECKS", [("first", lambda folder: "fine")])
    assert selftest.run_selftest(io.StringIO()) == 0


def test_checks_get_a_scratch_folder_that_is_removed_afterwards(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []

    def record(folder: Path) -> str:
        seen.append(folder)
        (folder / "file").write_text("x")
        return "ok"

    assert [r.ok for r in selftest.run_checks([("a", record), ("b", record)])] == [True, True]
    assert seen[0] == seen[1] and not seen[0].exists()


def test_cli_runs_the_selftest_before_anything_else(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest, "run_selftest", lambda: 7)
    assert cli.main(["--selftest"]) == 7
    assert "--selftest" in cli.build_parser().format_help()


def test_inside_app_is_judged_against_the_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert selftest.inside_app(Path("/anywhere"))  # from a checkout there is no bundle to leave
    frameworks = tmp_path / "Empower Desktop.app" / "Contents" / "Frameworks"
    monkeypatch.setattr(selftest, "frozen_root", lambda: frameworks)
    assert selftest.inside_app(frameworks / "PySide6" / "Qt" / "plugins")
    assert selftest.inside_app(frameworks.parent / "Resources" / "resources")
    assert not selftest.inside_app(Path("/usr/lib/qt6/plugins"))
    folder = tmp_path / "Empower Desktop" / "_internal"
    monkeypatch.setattr(selftest, "frozen_root", lambda: folder)
    assert selftest.inside_app(folder / "PySide6" / "Qt" / "plugins")
    assert not selftest.inside_app(tmp_path / "elsewhere")
