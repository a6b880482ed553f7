"""What the native app says about itself, and what the bundle keeps: one source for every OS."""

from __future__ import annotations

import plistlib
import re
from pathlib import Path
from typing import Any

import bundle_contents
import bundle_metadata
import check_frozen
import pytest

from empower_desktop import APP_ID, APP_NAME, __version__, selftest

ISS = bundle_metadata.ROOT / "packaging" / "windows" / "empower-desktop.iss"


def test_names_and_version_come_from_the_package() -> None:
    assert bundle_metadata.APP_NAME == APP_NAME
    assert bundle_metadata.APP_ID == APP_ID
    assert __version__ == bundle_metadata.VERSION


@pytest.mark.parametrize(
    ("version", "expected"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc3", (2, 0, 1, 0)), ("1.2.3.4.5", (1, 2, 3, 4))],
)
def test_windows_version_numbers(version: str, expected: tuple[int, int, int, int]) -> None:
    assert bundle_metadata.version_tuple(version) == expected


def test_windows_version_resource_carries_name_and_version() -> None:
    """Evaluate the version file the way PyInstaller does, with its constructors recorded."""
    names = [
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    ]

    def recorder(kind: str) -> Any:
        return lambda *args, **kwargs: (kind, args, kwargs)

    info = eval(bundle_metadata.windows_version_info(), {n: recorder(n) for n in names})
    assert info[0] == "VSVersionInfo"
    fixed = info[2]["ffi"]
    assert fixed[2]["filevers"] == fixed[2]["prodvers"] == bundle_metadata.version_tuple()
    strings = dict(s[1] for s in info[2]["kids"][0][1][0][0][1][1])
    assert strings["ProductName"] == APP_NAME and strings["ProductVersion"] == __version__
    assert strings["OriginalFilename"] == f"{APP_NAME}.exe"


def test_info_plist_names_bundle_version_minimum_macos_and_retina() -> None:
    plist = plistlib.loads(plistlib.dumps(bundle_metadata.info_plist("14.0")))
    assert plist["CFBundleIdentifier"] == bundle_metadata.BUNDLE_ID
    assert re.fullmatch(r"[A-Za-z0-9.-]+", plist["CFBundleIdentifier"])
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == __version__
    assert plist["CFBundleName"] == APP_NAME
    assert plist["LSMinimumSystemVersion"] == "14.0"
    assert plist["NSHighResolutionCapable"] is True


def test_minimum_macos_is_read_from_the_qt_wheel_tags() -> None:
    wheel = "Wheel-Version: 1.0\nTag: cp39-abi3-macosx_15_0_arm64\nTag: cp39-abi3-macosx_13_3_x86_64\n"
    assert bundle_metadata.minimum_macos_from_wheel(wheel) == "13.3"
    assert bundle_metadata.minimum_macos_from_wheel("Tag: cp310-abi3-manylinux_2_34_x86_64\n") is None
    assert re.fullmatch(r"\d+\.\d+", bundle_metadata.minimum_macos())


@pytest.mark.parametrize(
    ("platform", "bundle", "exe"),
    [
        ("linux", "Empower Desktop", "Empower Desktop/Empower Desktop"),
        ("win32", "Empower Desktop", "Empower Desktop/Empower Desktop.exe"),
        ("darwin", "Empower Desktop.app", "Empower Desktop.app/Contents/MacOS/Empower Desktop"),
    ],
)
def test_where_each_system_finds_the_app(platform: str, bundle: str, exe: str) -> None:
    dist = Path("dist")
    assert bundle_metadata.bundle_path(dist, platform) == dist / bundle
    assert bundle_metadata.executable_path(dist, platform) == dist / exe


def test_installer_script_gets_every_value_it_uses_from_the_build() -> None:
    script = ISS.read_text(encoding="utf-8")
    used = set(re.findall(r"\{#(\w+)\}", script)) | set(re.findall(r"#ifndef (\w+)", script))
    defined = set(bundle_metadata.inno_defines(Path("src"), Path("out")))
    assert used == defined
    settings = dict(re.findall(r"^(\w+)=(.*)$", script, re.M))
    assert settings["PrivilegesRequired"] == "lowest"  # installs per user, without administrator rights
    assert settings["DefaultDirName"].startswith("{autopf}")  # %LOCALAPPDATA%\Programs when per user
    assert settings.get("Uninstallable", "yes") == "yes"
    assert re.search(r"^Name: \"\{autoprograms\}\\\{#AppName\}\"", script, re.M), "no Start-menu entry"


def test_windows_app_id_is_a_braced_guid() -> None:
    assert re.fullmatch(r"\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", bundle_metadata.WINDOWS_APP_ID)


@pytest.mark.parametrize(
    ("filename", "base"),
    [("libqxcb.so", "qxcb"), ("qwindows.dll", "qwindows"), ("libqcocoa.dylib", "qcocoa"), ("qsvg.dll", "qsvg")],
)
def test_plugin_base_names(filename: str, base: str) -> None:
    assert bundle_contents.plugin_base_name(filename) == base


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_every_plugin_the_selftest_needs_is_kept_in_the_bundle(platform: str) -> None:
    suffix = {"linux": ".so", "win32": ".dll", "darwin": ".dylib"}[platform]
    prefix = "" if platform == "win32" else "lib"
    needed = selftest.required_plugins(platform, {"WAYLAND_DISPLAY": "wayland-0"})
    assert needed
    for kind, base in needed:
        assert bundle_contents.keep_plugin(kind, f"{prefix}{base}{suffix}"), f"{kind}/{base} would be left out"


def test_plugins_no_desktop_app_loads_are_left_out() -> None:
    for kind, filename in [
        ("platforminputcontexts", "libqtvirtualkeyboardplugin.so"),  # drags in QtQuick and QML
        ("imageformats", "libqpdf.so"),  # drags in QtPdf
        ("platformthemes", "libqgtk3.so"),  # drags in a GTK stack
        ("platforms", "libqeglfs.so"),
        ("platforms", "libqvnc.so"),
        ("egldeviceintegrations", "libqeglfs-kms-integration.so"),
        ("tls", "libqopensslbackend.so"),
    ]:
        assert not bundle_contents.keep_plugin(kind, filename), filename


def test_unused_qt_modules_tests_and_file_keyrings_are_excluded() -> None:
    excluded = set(bundle_contents.excluded_modules())
    assert {"PySide6.QtQuick", "PySide6.QtQml", "PySide6.QtTest", "PySide6.QtNetwork"} <= excluded
    assert {"pytest", "hypothesis", "pytestqt", "keyrings.alt", "tkinter"} <= excluded
    assert {"radicale", "xandikos"} <= excluded  # test servers, not the app
    assert not {f"PySide6.{name}" for name in bundle_contents.QT_MODULES} & excluded
    assert {"caldav", "niquests", "lxml", "pytz", "pdb"} <= excluded  # the tests' CalDAV client, unused parts
    assert "tzdata" in bundle_contents.HIDDEN_IMPORTS


def test_resources_go_in_without_the_installer_icons() -> None:
    pairs = bundle_contents.resource_datas()
    names = {Path(src).relative_to(bundle_contents.ROOT).as_posix(): dest for src, dest in pairs}
    assert names["resources/style.qss"] == "resources"
    assert names["resources/icons/app-icon.svg"] == str(Path("resources/icons"))
    assert not [n for n in names if n.endswith((".ico", ".icns"))]


def test_translations_are_dropped_from_the_bundle() -> None:
    toc = [
        ("PySide6/Qt/translations/qtbase_de.qm", "/x/qtbase_de.qm", "DATA"),
        ("resources/style.qss", "/x/style.qss", "DATA"),
    ]
    assert bundle_contents.drop_unused_files(toc) == [toc[1]]


def test_selftest_output_is_parsed_per_check() -> None:
    output = "ok    database: fine\nfail  keyring: no backend\nsomething else\nselftest: 1 of 2 checks passed\n"
    assert check_frozen.selftest_lines(output) == {"database": "ok", "keyring": "fail"}


def test_system_libraries_leave_with_what_only_they_needed() -> None:
    needs = {
        "libdbus-1.so.3": {"libsystemd.so.0"},
        "libsystemd.so.0": {"libgcrypt.so.20", "libzstd.so.1"},
        "libgcrypt.so.20": {"libgpg-error.so.0"},
        "libgpg-error.so.0": set(),
        "libzstd.so.1": set(),
        "libQt6Core.so.6": {"libzstd.so.1"},
        "libQt6DBus.so.6": {"libdbus-1.so.3", "libQt6Core.so.6"},
    }
    toc = [(f"PySide6/Qt/lib/{name}" if "Qt6" in name else name, f"/src/{name}", "BINARY") for name in needs]
    kept = bundle_contents.leave_to_system(toc, lambda path: needs[Path(path).name])
    assert sorted(Path(entry[0]).name for entry in kept) == ["libQt6Core.so.6", "libQt6DBus.so.6", "libzstd.so.1"]
    without = [entry for entry in toc if "dbus-1" not in entry[0]]
    assert bundle_contents.leave_to_system(without, lambda path: needs[Path(path).name]) == without
