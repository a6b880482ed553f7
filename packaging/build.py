"""Build the native app with PyInstaller: `dist/Empower Desktop/` (Windows, Linux) or `dist/Empower Desktop.app`.

    python packaging/build.py [--installer] [--dist DIR] [--work DIR] [--clean] [--icons]

--installer then wraps the bundle for people to download: the Inno Setup installer on Windows
(needs Inno Setup 6's ISCC), a .dmg on macOS, a .tar.gz of the folder on Linux.
Needs the packaging extra: pip install -e ".[packaging]".
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bundle_metadata  # noqa: E402
import make_icons  # noqa: E402

ROOT = HERE.parent
SPEC = HERE / "empower-desktop.spec"
ISS = HERE / "windows" / "empower-desktop.iss"
MAKE_DMG = HERE / "macos" / "make_dmg.sh"


def tree_size(path: Path) -> tuple[int, int]:
    """Bytes and number of files under *path* (symbolic links count as themselves, not their targets)."""
    total = files = 0
    for root, _dirs, names in os.walk(path):
        for name in names:
            total += (Path(root) / name).lstat().st_size
            files += 1
    return total, files


def ensure_icons(force: bool) -> None:
    wanted = [make_icons.ICON_DIR / "app-icon.ico", make_icons.ICON_DIR / "app-icon.icns"]
    wanted += [make_icons.ICON_DIR / f"app-icon-{size}.png" for size in make_icons.PNG_SIZES]
    if force or not all(path.is_file() for path in wanted):
        for path in make_icons.make_icons():
            print(f"icon: {path.relative_to(ROOT)}")


def run_pyinstaller(dist: Path, work: Path, clean: bool, verbose: bool) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit('PyInstaller is missing: pip install -e ".[packaging]"') from None
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "INFO" if verbose else "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    if clean:
        cmd.append("--clean")
    subprocess.run([*cmd, str(SPEC)], cwd=ROOT, check=True)


def find_iscc() -> str | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    candidates = [
        Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe",
        Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "Inno Setup 6" / "ISCC.exe",
        Path(os.environ.get("LOCALAPPDATA", "")) / "Programs" / "Inno Setup 6" / "ISCC.exe",
    ]
    return next((str(path) for path in candidates if path.is_file()), None)


def iscc_command(iscc: str, dist: Path) -> list[str]:
    defines = bundle_metadata.inno_defines(bundle_metadata.bundle_path(dist, "win32"), dist)
    return [iscc, "/Q", *(f"/D{key}={value}" for key, value in defines.items()), str(ISS)]


def make_installer(dist: Path) -> Path:
    base = f"{bundle_metadata.APP_ID}-{bundle_metadata.VERSION}"
    if sys.platform == "win32":
        iscc = find_iscc()
        if iscc is None:
            raise SystemExit("Inno Setup 6 is needed for the installer: https://jrsoftware.org/isdl.php")
        subprocess.run(iscc_command(iscc, dist), check=True)
        return dist / f"{base}-windows-setup.exe"
    if sys.platform == "darwin":
        out = dist / f"{base}-macos.dmg"
        subprocess.run(["bash", str(MAKE_DMG), str(bundle_metadata.bundle_path(dist)), str(out)], check=True)
        return out
    out = dist / f"{base}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(out, "w:gz") as tar:
        tar.add(bundle_metadata.bundle_path(dist), arcname=bundle_metadata.APP_NAME)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app lands (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder (default: build/)")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--icons", action="store_true", help="render the icons from their SVG again")
    parser.add_argument("--installer", action="store_true", help="also make this system's installer")
    parser.add_argument("--verbose", action="store_true", help="show PyInstaller's progress")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()

    start = time.perf_counter()
    ensure_icons(args.icons)
    run_pyinstaller(dist, work, args.clean, args.verbose)
    elapsed = time.perf_counter() - start
    bundle = bundle_metadata.bundle_path(dist)
    size, files = tree_size(bundle)
    print(f"built {bundle} in {elapsed:.0f} s: {size / 1e6:.1f} MB in {files:,} files")
    print(f"executable: {bundle_metadata.executable_path(dist)}")
    if args.installer:
        out = make_installer(dist)
        print(f"installer: {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
