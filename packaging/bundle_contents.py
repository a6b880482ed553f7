"""What goes into the frozen app, and what stays out. Read by the PyInstaller spec.

PyInstaller follows imports by itself. What it cannot see is named here:
- `tzdata`, which zoneinfo loads by name at run time; without it a Windows computer has no
  time-zone data at all, and calendar events lose their zones;
- keyring's OS backends are found through keyring's own hook (Windows Credential Manager,
  macOS Keychain, the Secret Service on Linux). The file-based backends of keyrings.alt are kept
  out on purpose: passwords belong in the OS keyring only, never in a file next to the app;
- Qt's plugins: Qt's hooks collect every plugin of each type they know, including ones a
  desktop app never loads (the virtual keyboard, which drags in QtQuick and QML; the PDF image
  format; embedded-device platforms; the GTK theme, which drags in a GTK stack that clashes with
  the system's). `install_qt_plugin_filter` keeps to the plugins listed in QT_PLUGINS, before
  PyInstaller looks for their libraries, so what they would pull in never arrives.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"

HIDDEN_IMPORTS = [
    "tzdata",  # zoneinfo imports it by name, so PyInstaller cannot see it
    "empower_desktop.selftest",
    "PySide6.QtSvg",  # the SVG icons; the image-format and icon-engine plugins need its library
    "PySide6.QtCharts",
]

# Python packages that must never be inside: tests and their tools, toolkits the app does not use,
# and plaintext password stores.
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "test",
    "unittest",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "pip",
    "setuptools",
    "pkg_resources",
    "PyInstaller",
    "keyrings.alt",
    # The app's CalDAV client is its own (the standard library's HTTP and XML): the caldav package
    # and its HTTP stack are only the tests' second client, so none of them belongs in the app.
    # pytz is used by icalendar only when asked for (the app's zones come from zoneinfo and tzdata).
    "caldav",
    "niquests",
    "urllib3",
    "urllib3_future",
    "requests",
    "lxml",
    "qh3",
    "pytz",
    # Debuggers and doctest, which some libraries import only in a debug mode.
    "pdb",
    "doctest",
    # The CalDAV servers the integration tests start.
    "radicale",
    "xandikos",
    "dulwich",
    "aiohttp",
]

# PySide6 modules the app imports. Every other PySide6 module (WebEngine, Quick, QML, Multimedia,
# 3D, Test, OpenGL, ...) stays out; Qt libraries that these link (QtCharts links Qt's OpenGL
# libraries) still come along, just not their Python bindings.
QT_MODULES = {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtCharts"}

# Qt plugins to keep, by type: the base names (without "lib" and the file suffix) that may stay.
# A type that is not listed is left out entirely.
QT_PLUGINS: dict[str, set[str] | None] = {
    # The windowing systems of the three OSes, plus the offscreen one the self-test and CI use.
    "platforms": {"qxcb", "qwayland", "qwindows", "qcocoa", "qoffscreen", "qminimal"},
    "platforms/darwin": None,  # None: keep every plugin of this type (macOS helpers of the cocoa platform)
    "platformthemes": {"qxdgdesktopportal"},  # native file dialogs through the desktop portal
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    "xcbglintegrations": None,
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
    "wayland-shell-integration": None,
    "imageformats": {"qsvg", "qico"},  # PNG is built into QtGui
    "iconengines": {"qsvgicon"},
    "styles": None,  # the Windows styles Qt starts with before the app switches to Fusion
    "accessiblebridge": None,
}


def plugin_base_name(filename: str) -> str:
    """ "libqxcb.so" -> "qxcb", "qwindows.dll" -> "qwindows", "libqcocoa.dylib" -> "qcocoa"."""
    name = PurePath(filename).name.split(".", 1)[0]
    return name[3:] if name.startswith("lib") else name


def keep_plugin(plugin_type: str, filename: str) -> bool:
    if plugin_type not in QT_PLUGINS:
        return False
    wanted = QT_PLUGINS[plugin_type]
    return wanted is None or plugin_base_name(filename) in wanted


def excluded_modules() -> list[str]:
    """EXCLUDED_MODULES plus every PySide6 module the app does not use."""
    import PySide6

    package = Path(PySide6.__file__).parent
    found = {path.name.split(".", 1)[0] for path in package.iterdir() if path.name.startswith("Qt")}
    unused = sorted(f"PySide6.{name}" for name in found if name.isidentifier() and name not in QT_MODULES)
    return [*EXCLUDED_MODULES, *unused]


def install_qt_plugin_filter() -> None:
    """Make PyInstaller's Qt hooks collect only the plugins `keep_plugin` accepts.

    Done before the analysis, so the libraries the left-out plugins link (a GTK stack, QtQuick)
    are never looked for; filtering the result afterwards would leave those behind.
    """
    from PyInstaller.utils.hooks import qt

    info_class: Any = qt.QtLibraryInfo
    original: Callable[[Any, str], list[tuple[str, str]]] = info_class.collect_plugins
    if getattr(original, "empower_filtered", False):
        return

    def collect_plugins(self: Any, plugin_type: str) -> list[tuple[str, str]]:
        return [(src, dest) for src, dest in original(self, plugin_type) if keep_plugin(plugin_type, src)]

    collect_plugins.empower_filtered = True  # type: ignore[attr-defined]
    info_class.collect_plugins = collect_plugins


def resource_datas() -> list[tuple[str, str]]:
    """The app's resources/ folder, as (source, folder in the bundle) pairs.

    The .ico and .icns files are for the installers and the executable only, so they stay out.
    """
    pairs = []
    for path in sorted(RESOURCES.rglob("*")):
        if path.is_file() and path.suffix not in {".ico", ".icns"}:
            pairs.append((str(path), str(path.parent.relative_to(ROOT))))
    return pairs


def drop_unused_files(toc: Iterable[Any]) -> list[Any]:
    """Remove Qt's translations from a TOC: the app does not install a Qt translator yet.

    Entries are PyInstaller TOC tuples (destination name, source, type code).
    """
    return [entry for entry in toc if "/translations/" not in "/" + PurePath(entry[0]).as_posix()]


# Libraries every Linux desktop has, left to the system: the D-Bus client library talks to the
# system's own D-Bus daemon (it is among the Qt system libraries the README's set-up installs), and
# bundling it would bring systemd's library and its crypto and compression libraries along.
SYSTEM_LIBRARIES = {"libdbus-1.so.3"}


def elf_needed(path: str) -> set[str]:
    """The shared libraries an ELF file names as DT_NEEDED (readelf, from binutils like strip)."""
    import subprocess

    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=False).stdout
    return {line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "(NEEDED)" in line}


def leave_to_system(binaries: list[Any], needed: Callable[[str], set[str]] = elf_needed) -> list[Any]:
    """Drop SYSTEM_LIBRARIES from a TOC of binaries (Linux), with the libraries only they needed.

    Entries are PyInstaller TOC tuples (destination name, source, type code). A library the
    dropped ones needed stays if anything that stays still needs it.
    """
    by_name = {PurePath(entry[0]).name: entry for entry in binaries}
    dropped = {name for name in SYSTEM_LIBRARIES if name in by_name}
    if not dropped:
        return list(binaries)
    deps = {name: needed(str(entry[1])) for name, entry in by_name.items()}
    candidates, todo = set(), list(dropped)
    while todo:  # everything the dropped libraries pull in, directly or not
        for dep in deps.get(todo.pop(), set()):
            if dep in by_name and dep not in candidates:
                candidates.add(dep)
                todo.append(dep)
    keep = set(by_name) - dropped
    changed = True
    while changed:
        changed = False
        for name in sorted(candidates & keep):
            if not any(name in deps[other] for other in keep if other != name):
                keep.discard(name)
                changed = True
    return [entry for entry in binaries if PurePath(entry[0]).name in keep]


def strip_binaries() -> bool:
    """Strip symbols on Linux (the Python library alone sheds tens of MB). macOS would lose the
    wheels' signatures, and Windows has nothing to strip."""
    return sys.platform.startswith("linux")
