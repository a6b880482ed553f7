"""Fixtures for the packaging tests: the scripts in packaging/, and the frozen app, built once per session.

packaging/ holds scripts, not a package (a package of that name would shadow the PyPA library
PyInstaller needs), so its folder goes on sys.path here.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))

import bundle_metadata  # noqa: E402


@dataclass(frozen=True)
class FrozenApp:
    dist: Path
    bundle: Path  # the folder (Windows, Linux) or the .app (macOS)
    exe: Path
    build_seconds: float
    build_output: str


@pytest.fixture(scope="session")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> FrozenApp:
    """The app built by the real build command into a temporary folder (once per test session)."""
    pytest.importorskip("PyInstaller", reason='the packaging extra is not installed: pip install -e ".[packaging]"')
    base = tmp_path_factory.mktemp("frozen")
    dist = base / "dist"
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "build.py"), "--dist", str(dist), "--work", str(base / "work")],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    seconds = time.perf_counter() - started
    assert result.returncode == 0, f"the build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    exe = bundle_metadata.executable_path(dist)
    assert exe.is_file(), f"the build made no executable at {exe}"
    return FrozenApp(dist, bundle_metadata.bundle_path(dist), exe, seconds, result.stdout)
