"""Who the native app says it is: name, version, identifiers, and the per-OS metadata built from them.

The version comes from the package (`empower_desktop.__version__`), read from the source so that
building never depends on what happens to be installed. The PyInstaller spec, the build command,
the Windows installer and the macOS Info.plist all take their values from here.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_INIT = ROOT / "empower_desktop" / "__init__.py"
ICON_DIR = ROOT / "resources" / "icons"

PUBLISHER = "Empower Desktop contributors"
DESCRIPTION = "Career development that schedules its own time in your calendar"
BUNDLE_ID = "org.empower-desktop.EmpowerDesktop"
# Inno Setup identifies an installed app by this GUID: never change it, or updates install beside the old version.
WINDOWS_APP_ID = "{6B1F6C2E-5D7A-4E51-9C1B-2F0E8A4D3C71}"
# Used when the Qt wheels' own minimum cannot be read (Qt 6.10 and later need macOS 14 Sonoma).
FALLBACK_MINIMUM_MACOS = "14.0"


def _package_constant(name: str) -> str:
    tree = ast.parse(PACKAGE_INIT.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                return value
    raise LookupError(f"{PACKAGE_INIT} defines no string {name}")


APP_NAME = _package_constant("APP_NAME")  # also the executable's and the bundle's name
APP_ID = _package_constant("APP_ID")
VERSION = _package_constant("__version__")


def version_tuple(version: str = VERSION) -> tuple[int, int, int, int]:
    """Four numbers for Windows' version resource: "1.2.3rc1" -> (1, 2, 3, 0)."""
    numbers = [int(m.group()) for m in (re.match(r"\d+", part) for part in version.split(".")[:4]) if m]
    padded = [*numbers, 0, 0, 0, 0][:4]
    return padded[0], padded[1], padded[2], padded[3]


def copyright_line() -> str:
    return f"Copyright (c) {PUBLISHER}. MIT licence."


def minimum_macos_from_wheel(wheel_text: str) -> str | None:
    """The lowest macOS a wheel's `Tag:` lines allow ("Tag: cp39-abi3-macosx_14_0_universal2" -> "14.0")."""
    found = [
        (int(m.group(1)), int(m.group(2)))
        for m in re.finditer(r"^Tag:\s*\S+-macosx_(\d+)_(\d+)_\w+\s*$", wheel_text, re.M)
    ]
    if not found:
        return None
    major, minor = min(found)
    return f"{major}.{minor}"


def minimum_macos() -> str:
    """The oldest macOS the bundled Qt runs on: the PySide6 wheel's platform tag says so."""
    from importlib.metadata import PackageNotFoundError, distribution

    for name in ("PySide6-Essentials", "PySide6"):
        try:
            text = distribution(name).read_text("WHEEL")
        except PackageNotFoundError:
            continue
        found = minimum_macos_from_wheel(text or "")
        if found:
            return found
    return FALLBACK_MINIMUM_MACOS


def info_plist(minimum_system: str | None = None) -> dict[str, Any]:
    """Keys for the .app's Info.plist (PyInstaller adds the executable, icon and package type)."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": VERSION,
        "CFBundleVersion": VERSION,
        "CFBundleDevelopmentRegion": "en",
        "LSApplicationCategoryType": "public.app-category.productivity",
        "LSMinimumSystemVersion": minimum_system or minimum_macos(),
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follow the system's light or dark appearance
        "NSHumanReadableCopyright": copyright_line(),
    }


def windows_version_info() -> str:
    """The executable's version resource, in the text form PyInstaller's `version=` option reads."""
    numbers = version_tuple()
    strings = {
        "CompanyName": PUBLISHER,
        "FileDescription": APP_NAME,
        "FileVersion": VERSION,
        "InternalName": APP_ID,
        "LegalCopyright": copyright_line(),
        "OriginalFilename": f"{APP_NAME}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": VERSION,
        "Comments": DESCRIPTION,
    }
    table = ",\n".join(f"          StringStruct({key!r}, {value!r})" for key, value in strings.items())
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040904B0',
        [
{table}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def inno_defines(source_dir: Path, output_dir: Path) -> dict[str, str]:
    """The preprocessor defines the Inno Setup script expects (`ISCC /DName=value`)."""
    return {
        "AppName": APP_NAME,
        "AppVersion": VERSION,
        "AppPublisher": PUBLISHER,
        "AppId": WINDOWS_APP_ID,
        "AppExeName": f"{APP_NAME}.exe",
        "SourceDir": str(source_dir),
        "OutputDir": str(output_dir),
        "OutputBaseName": f"{APP_ID}-{VERSION}-windows-setup",
        "SetupIcon": str(ICON_DIR / "app-icon.ico"),
    }


def bundle_path(dist: Path, platform: str | None = None) -> Path:
    """What the build produces in *dist*: `Empower Desktop.app` on macOS, else the `Empower Desktop` folder."""
    platform = platform or sys.platform
    return dist / (f"{APP_NAME}.app" if platform == "darwin" else APP_NAME)


def executable_path(dist: Path, platform: str | None = None) -> Path:
    """The frozen app's executable inside the bundle in *dist*."""
    platform = platform or sys.platform
    bundle = bundle_path(dist, platform)
    if platform == "darwin":
        return bundle / "Contents" / "MacOS" / APP_NAME
    return bundle / (f"{APP_NAME}.exe" if platform == "win32" else APP_NAME)
