"""The layers of DESIGN.md: nothing below ui/ imports Qt, and the CLI's sub-commands stay Qt-free."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "empower_desktop"
QT_FREE = ["domain", "store", "sync", "review", "services", "settings.py", "demo.py", "cli.py", "errors.py"]


def _python_files(part: str) -> list[Path]:
    path = PACKAGE / part
    return sorted(path.rglob("*.py")) if path.is_dir() else [path]


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("part", QT_FREE)
def test_layer_imports_no_qt(part: str) -> None:
    files = _python_files(part)
    assert files, f"{part} has no Python files"
    for path in files:
        qt = {m for m in _imported_modules(path) if m.split(".")[0] in {"PySide6", "shiboken6"}}
        assert not qt, f"{path.relative_to(PACKAGE)} imports {sorted(qt)}"


def test_lower_layers_never_import_ui() -> None:
    for part in ["domain", "store", "sync", "review", "services", "settings.py"]:
        for path in _python_files(part):
            source = path.read_text(encoding="utf-8")
            assert "from ..ui" not in source and "from .ui" not in source and "empower_desktop.ui" not in source, path


def test_cli_subcommand_runs_without_loading_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from empower_desktop.cli import main;"
        f"rc = main(['--data-dir', {str(tmp_path)!r}, 'review']);"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')));"
        "print('QT:', loaded); sys.exit(rc)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert "QT: []" in out.stdout
