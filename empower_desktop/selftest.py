"""`empower-desktop --selftest`: does this installation work, without showing a window?

Frozen apps break where a source checkout never does: a keyring backend, the time-zone data or a
Qt plugin left out of the bundle. Each check below exercises the real thing in a temporary data
folder and prints one line, `ok` or `fail`; the exit code is 0 only if every check passed.

- database: creates a data folder, writes a record, closes, opens again and reads it back.
- time zones: turns a learning session in Europe/Berlin into a calendar with its VTIMEZONE, with
  the system's zoneinfo switched off, so only the app's own tzdata can answer.
- keyring: a keyring backend other than keyring's "fail" one is available; which one, or why the
  OS's own is not. (Nothing is written to the keyring: that would prompt on macOS.)
- caldav: the app's CalDAV client finds the calendar of a tiny server on 127.0.0.1 (its HTTP
  client and XML parsing), and the trusted root certificates https checks servers against are there.
- resources: the style sheet and the icon are where the app looks for them.
- qt plugins: the platform plugin, the image formats (SVG, ICO) and the SVG icon engine load from
  the app's own Qt, and the icon renders.
- qt charts: the charts module loads.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

BERLIN = "Europe/Berlin"


class CheckFailed(Exception):
    """A check found a problem; the message says what, in words a person can pass on."""


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'ok' if self.ok else 'fail':<4}  {self.name}: {self.detail}"


Check = Callable[[Path], str]  # gets a scratch folder; returns what it found, raises if something is wrong


def frozen_root() -> Path | None:
    """The unpacked bundle's folder when running frozen (PyInstaller), else None."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else None


def inside_app(path: Path) -> bool:
    """Whether *path* lies in the frozen app (always true from a checkout). A macOS .app keeps its
    files in Contents/Frameworks and Contents/Resources, linked to each other, so either counts."""
    root = frozen_root()
    if root is None:
        return True
    roots = [root, root.parent] if root.name == "Frameworks" else [root]
    candidates = {Path(os.path.abspath(path)), path.resolve()}
    return any(r in c.parents for c in candidates for r in {*roots, *(r.resolve() for r in roots)})


def resources_dir() -> Path:
    root = frozen_root()
    return (root if root is not None else Path(__file__).resolve().parent.parent) / "resources"


# -- database --------------------------------------------------------------------------------------
def check_database(scratch: Path) -> str:
    import sqlite3

    from .domain import Skill
    from .services import Services

    folder = scratch / "data"
    services = Services.open(folder)
    try:
        written = services.data.save(Skill(name="Self-test skill", notes="written by --selftest"))
        db_path = services.db_path
    finally:
        services.close()
    services = Services.open(folder)
    try:
        read = services.store.skills.get(written.id)
    finally:
        services.close()
    if not isinstance(read, Skill) or read.name != "Self-test skill" or read.notes != "written by --selftest":
        raise CheckFailed(f"the record read back differs from the one written: {read!r}")
    return f"wrote, closed, reopened and read back a record in {db_path} (SQLite {sqlite3.sqlite_version})"


# -- time zones ------------------------------------------------------------------------------------
def check_time_zones(scratch: Path) -> str:
    import importlib
    import zoneinfo
    from datetime import UTC

    from .domain.common import zone

    saved = zoneinfo.TZPATH
    zoneinfo.reset_tzpath(to=[])  # no system zoneinfo: only the tzdata package can answer
    zoneinfo.ZoneInfo.clear_cache()
    zone.cache_clear()
    try:
        try:
            tzdata = importlib.import_module("tzdata")  # zoneinfo's own fallback when there is no system data
        except ImportError:
            raise CheckFailed("the tzdata package is missing, so no time zone can be loaded") from None
        text, instant = _berlin_calendar(scratch)
    finally:
        zoneinfo.reset_tzpath(to=saved)
        zoneinfo.ZoneInfo.clear_cache()
        zone.cache_clear()
    if instant != datetime(2026, 7, 6, 16, 0, tzinfo=UTC):
        raise CheckFailed(f"18:00 in {BERLIN} on 6 July 2026 came out as {instant.isoformat()}, not 16:00 UTC")
    expected = [
        "BEGIN:VTIMEZONE",
        f"TZID:{BERLIN}",
        "TZOFFSETTO:+0100",  # CET
        "TZOFFSETTO:+0200",  # CEST
        f"DTSTART;TZID={BERLIN}:20260706T180000",
    ]
    missing = [part for part in expected if part not in text]
    if missing:
        raise CheckFailed(f"the calendar lacks {', '.join(missing)}")
    version = getattr(tzdata, "IANA_VERSION", "?")
    return f"an event in {BERLIN} with its VTIMEZONE (CET/CEST), from tzdata {version}, without the system's zoneinfo"


def _berlin_calendar(scratch: Path) -> tuple[str, datetime]:
    """A learning session at 18:00 Berlin time, exported through the app's calendar mapping."""
    from datetime import UTC, timedelta

    from .domain import DomainError, LearningItem, LearningSession, ZonedDateTime
    from .domain.learn import LearningType
    from .services import Services
    from .sync.mapping import Reminders, build_calendar

    services = Services.open(scratch / "calendar")
    try:
        try:
            start = ZonedDateTime.at(datetime(2026, 7, 6, 18, 0), BERLIN)
        except DomainError as exc:
            raise CheckFailed(f"{exc}: the time-zone data is missing or incomplete") from exc
        item = LearningItem(kind=LearningType.COURSE, title="Self-test course")
        services.data.save(item)
        services.data.save(LearningSession(item_id=item.id, start=start, end=start + timedelta(hours=1)))
        calendar = build_calendar(services.store, datetime.now(UTC), Reminders())
        return calendar.to_ical().decode("utf-8").replace("\r\n ", ""), start.instant
    finally:
        services.close()


# -- keyring ---------------------------------------------------------------------------------------
OS_KEYRINGS = {
    "win32": ("keyring.backends.Windows", "WinVaultKeyring", "Windows Credential Manager"),
    "darwin": ("keyring.backends.macOS", "Keyring", "macOS Keychain"),
}
LINUX_KEYRING = ("keyring.backends.SecretService", "Keyring", "Secret Service (GNOME Keyring, KWallet)")


def check_keyring(scratch: Path) -> str:
    import keyring
    from keyring.backends import chainer, fail, null

    active = keyring.get_keyring()
    found = list(active.backends) if isinstance(active, chainer.ChainerBackend) else [active]
    usable = [backend for backend in found if not isinstance(backend, fail.Keyring | null.Keyring)]
    if not usable:
        raise CheckFailed(f"no usable keyring backend, only {_describe(active)}; {os_keyring_status()}")
    return ", ".join(_describe(backend) for backend in usable)


def _describe(backend: object) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__} (priority {getattr(backend, 'priority', '?')})"


def os_keyring_status(platform: str = sys.platform) -> str:
    """Whether this OS's own keyring backend is in the app, and if it is, why it is not available."""
    import importlib

    module_name, class_name, label = OS_KEYRINGS.get(platform, LINUX_KEYRING)
    try:
        backend = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as exc:
        return f"the {label} backend is not in this installation ({exc})"
    try:
        priority = backend.priority
    except Exception as exc:
        return f"the {label} backend is here but not available: {exc}"
    return f"the {label} backend is here (priority {priority})"


# -- resources -------------------------------------------------------------------------------------
REQUIRED_RESOURCES = ("style.qss", "icons/app-icon.svg")


def check_resources(scratch: Path) -> str:
    folder = resources_dir()
    missing = [
        name for name in REQUIRED_RESOURCES if not (folder / name).is_file() or not (folder / name).stat().st_size
    ]
    if missing:
        raise CheckFailed(f"{', '.join(missing)} missing from {folder}")
    return f"{', '.join(REQUIRED_RESOURCES)} in {folder}"


# -- CalDAV ----------------------------------------------------------------------------------------
# Every PROPFIND of discovery gets this one answer: the principal, its calendar home and a calendar.
MULTISTATUS = (
    b'<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
    b"<d:response><d:href>/calendar/</d:href><d:propstat><d:prop>"
    b"<d:current-user-principal><d:href>/calendar/</d:href></d:current-user-principal>"
    b"<c:calendar-home-set><d:href>/calendar/</d:href></c:calendar-home-set>"
    b"<d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:displayname>Self-test</d:displayname>"
    b"</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"
)


def check_caldav(scratch: Path) -> str:
    """The app's CalDAV client finds a calendar on a server on 127.0.0.1 (three PROPFINDs and
    their XML answers), and https has trusted root certificates to check servers against."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from .sync.targets.caldav_target import discover_calendars
    from .sync.targets.http import trusted_roots

    class Handler(BaseHTTPRequestHandler):
        def do_PROPFIND(self) -> None:  # the HTTP method, by name
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(207)
            self.send_header("Content-Type", "application/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(MULTISTATUS)))
            self.end_headers()
            self.wfile.write(MULTISTATUS)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        found = discover_calendars(f"http://127.0.0.1:{server.server_address[1]}/", "selftest", "selftest")
    finally:
        server.shutdown()
        server.server_close()
    if [c.name for c in found] != ["Self-test"]:
        raise CheckFailed(f"discovery on a local server found {[c.name for c in found]} instead of its calendar")
    roots, source = trusted_roots()
    if not roots:
        raise CheckFailed(f"no trusted root certificates ({source}): no https server could be verified")
    return f"found a calendar on a local server; https checks against {roots} root certificates ({source})"


# -- Qt plugins ------------------------------------------------------------------------------------
IMAGE_PLUGINS = [("imageformats", "qsvg"), ("imageformats", "qico"), ("iconengines", "qsvgicon")]
PLATFORM_PLUGINS = {
    "win32": ["qwindows", "qoffscreen"],
    "darwin": ["qcocoa", "qoffscreen"],
    "linux": ["qxcb", "qoffscreen"],
}
LINUX_EXTRA_PLUGINS = [
    ("platforminputcontexts", "composeplatforminputcontextplugin"),  # dead keys and compose sequences
    ("platformthemes", "qxdgdesktopportal"),  # native file dialogs through the desktop portal
]


def required_plugins(platform: str = sys.platform, environ: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(type, base name) of every Qt plugin the app loads on *platform*."""
    environ = dict(os.environ) if environ is None else environ
    system = "linux" if platform.startswith("linux") else platform
    names = list(PLATFORM_PLUGINS.get(system, PLATFORM_PLUGINS["linux"]))
    if system == "linux" and environ.get("WAYLAND_DISPLAY"):
        names.append("qwayland")
    plugins = [("platforms", name) for name in names] + IMAGE_PLUGINS
    return plugins + (LINUX_EXTRA_PLUGINS if system == "linux" else [])


def plugin_file(folder: Path, base: str) -> Path | None:
    """The plugin called *base* in *folder*, whatever the OS's prefix and suffix ("libqxcb.so", "qxcb.dll")."""
    if not folder.is_dir():
        return None
    for path in sorted(folder.iterdir()):
        stem = path.name.split(".", 1)[0]
        if path.suffix in {".so", ".dll", ".dylib"} and stem.removeprefix("lib") == base:
            return path
    return None


def chosen_platform(environ: dict[str, str] | None = None, platform: str = sys.platform) -> str | None:
    """The Qt platform to start: QT_QPA_PLATFORM if set; offscreen on a Linux without a display;
    else None (Qt picks the system's own)."""
    environ = dict(os.environ) if environ is None else environ
    requested = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if requested:
        return requested
    if platform.startswith("linux") and not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return "offscreen"
    return None


def check_qt_plugins(scratch: Path) -> str:
    from PySide6.QtCore import QLibraryInfo, QPluginLoader

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    if not inside_app(plugins):
        raise CheckFailed(f"Qt looks for its plugins outside the app, in {plugins}")
    platform = chosen_platform()
    wanted = required_plugins()
    if platform and ("platforms", f"q{platform}") not in wanted:
        wanted.insert(0, ("platforms", f"q{platform}"))
    # Load each plugin before the application exists: a platform plugin that cannot load would
    # otherwise end the process instead of failing this check.
    problems = []
    for kind, base in wanted:
        path = plugin_file(plugins / kind, base)
        if path is None:
            problems.append(f"{kind}/{base} is missing")
            continue
        loader = QPluginLoader(str(path))
        if not loader.load() or loader.instance() is None:
            problems.append(f"{kind}/{base} does not load: {loader.errorString()}")
    if problems:
        raise CheckFailed("; ".join(problems) + f" (plugins from {plugins})")
    started = _start_gui(platform)
    _render_icon()
    loaded = ", ".join(f"{kind}/{base}" for kind, base in wanted)
    return f"running on the {started} platform; loaded {loaded} from {plugins}; the SVG icon renders"


def _start_gui(platform: str | None) -> str:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        args = [sys.argv[0] if sys.argv else "empower-desktop"]
        app = QGuiApplication([*args, "-platform", platform] if platform else args)
    name = QGuiApplication.platformName()
    if platform and name != platform:
        raise CheckFailed(f"Qt started the {name!r} platform instead of {platform!r}")
    return name


def _render_icon() -> None:
    """Render the app's SVG icon through the svg image format and the svg icon engine, and write and
    read it back as ICO."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QColor, QIcon, QImageReader, QImageWriter

    svg = resources_dir() / "icons" / "app-icon.svg"
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"svg", "ico", "png"} - formats
    if missing:
        raise CheckFailed(f"Qt cannot read {', '.join(sorted(missing))} images")
    reader = QImageReader(str(svg))
    reader.setScaledSize(QSize(64, 64))
    image = reader.read()
    if image.isNull():
        raise CheckFailed(f"the SVG icon does not render: {reader.errorString()}")
    tile, step = QColor(image.pixel(12, 12)), QColor(image.pixel(20, 46))
    if not (tile.blue() > tile.red() + 60 and min(step.red(), step.green(), step.blue()) > 220):
        raise CheckFailed(f"the SVG icon renders wrong (tile {tile.name()}, step {step.name()})")
    if QIcon(str(svg)).pixmap(QSize(32, 32)).isNull():
        raise CheckFailed("the SVG icon engine gives no pixmap")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buffer, QByteArray(b"ico")).write(image.scaled(32, 32)):
        raise CheckFailed("Qt cannot write ICO images")
    buffer.close()
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    back = QImageReader(buffer, QByteArray(b"ico")).read()
    if back.isNull() or back.size() != QSize(32, 32):
        raise CheckFailed("Qt cannot read back an ICO image")


# -- Qt charts -------------------------------------------------------------------------------------
def check_qt_charts(scratch: Path) -> str:
    from PySide6.QtCharts import QLineSeries

    series = QLineSeries()
    series.append(0.0, 1.0)
    series.append(1.0, 2.0)
    if series.count() != 2:
        raise CheckFailed("a chart series does not keep its points")
    return "QtCharts loads and builds a series"


def check_schedule_import(scratch: Path) -> str:
    """A course schedule with a rule a habit cannot hold (the last Tuesday of the month), read the
    way File → Import reads one: recurring-ical-events and the time-zone data must be there."""
    from datetime import date

    from .sync.importing import IcsImportError, read_schedule

    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Self-test//EN\r\nBEGIN:VEVENT\r\nUID:selftest@example.org\r\n"
        b"DTSTART;TZID=W. Europe Standard Time:20270126T180000\r\nDURATION:PT1H\r\n"
        b"RRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1;COUNT=3\r\nSUMMARY:Meetup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    try:
        found = read_schedule(data, "selftest.ics", tz=BERLIN, today=date(2027, 1, 1))
    except (IcsImportError, ImportError) as exc:
        raise CheckFailed(f"a schedule cannot be read: {exc}") from exc
    starts = [s.start.strftime("%m-%d %H:%M %Z") for s in found.sessions]
    if starts != ["01-26 18:00 CET", "02-23 18:00 CET", "03-30 18:00 CEST"]:
        raise CheckFailed(f"a monthly schedule read wrongly: {starts or [left.reason for left in found.left_out]}")
    return "a monthly series in a Windows-named zone reads as 3 sessions"


CHECKS: list[tuple[str, Check]] = [
    ("database", check_database),
    ("time zones", check_time_zones),
    ("keyring", check_keyring),
    ("caldav", check_caldav),
    ("resources", check_resources),
    ("qt plugins", check_qt_plugins),
    ("qt charts", check_qt_charts),
    ("schedule import", check_schedule_import),
]


def run_checks(checks: list[tuple[str, Check]] | None = None) -> list[CheckResult]:
    results = []
    with tempfile.TemporaryDirectory(prefix="empower-selftest-", ignore_cleanup_errors=True) as folder:
        for name, check in CHECKS if checks is None else checks:
            try:
                results.append(CheckResult(name, True, check(Path(folder))))
            except CheckFailed as exc:
                results.append(CheckResult(name, False, str(exc)))
            except Exception as exc:  # any other error is a failed check too, named by its type
                results.append(CheckResult(name, False, f"{type(exc).__name__}: {exc}"))
    return results


def _output() -> TextIO | None:
    """Standard output; a windowed Windows executable has none, so attach to the console that started it."""
    if sys.stdout is not None:
        return sys.stdout
    if sys.platform == "win32":
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
            return open("CONOUT$", "w", encoding="utf-8", errors="replace")  # stays open until the process ends
    return None


def run_selftest(out: TextIO | None = None) -> int:
    """Run every check, print one line each and a summary; 0 if all passed, else 1."""
    stream = out or _output()
    results = run_checks()
    failed = [r for r in results if not r.ok]
    lines = [r.line() for r in results]
    lines.append(
        f"selftest: {len(results) - len(failed)} of {len(results)} checks passed"
        + (f"; failed: {', '.join(r.name for r in failed)}" if failed else "")
    )
    if stream is not None:
        stream.write("\n".join(lines) + "\n")
        stream.flush()
    return 1 if failed else 0
