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
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True, timeout=60
    )
    assert "QT: []" in out.stdout


# The import contract: each part of the package may import only the parts below it. Parts on one
# level are independent of each other. Every import counts, also one inside a function or under
# TYPE_CHECKING: a circle there is still a circle in the design.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("empower_desktop", "errors", "logs", "changes"),
    ("paths",),
    ("domain",),
    ("store",),
    ("settings", "demo"),
    ("sync", "review"),
    ("services",),
    ("selftest",),
    ("ui",),
    ("app",),
    ("cli",),
    ("__main__",),
)
LEVEL = {part: level for level, parts in enumerate(LAYERS) for part in parts}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (relative imports resolved)."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package[: len(package) - node.level + 1] if node.level else []
                module = ".".join([*base, node.module] if node.module else base)
                targets = [module, *(f"{module}.{alias.name}" for alias in node.names)]
            graph[name].update(t for t in targets if t in files and t != name)
    return graph


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_every_part_of_the_package_has_a_layer() -> None:
    assert {_part(m) for m in _import_graph()} <= set(LEVEL), "a new part of the package needs a place in LAYERS"


def test_imports_only_point_down_the_layers() -> None:
    upward = sorted(
        f"{module} imports {target}"
        for module, targets in _import_graph().items()
        for target in targets
        if _part(module) != _part(target) and LEVEL[_part(target)] >= LEVEL[_part(module)]
    )
    assert upward == []


def test_the_package_has_no_import_circle() -> None:
    assert _circles(_import_graph()) == []


def test_the_contract_sees_an_upward_import_and_a_circle() -> None:
    graph = {"empower_desktop.sync.ics": {"empower_desktop.services"}, "empower_desktop.services": set()}
    assert LEVEL[_part("empower_desktop.services")] > LEVEL[_part("empower_desktop.sync.ics")]
    graph["empower_desktop.services"].add("empower_desktop.sync.ics")
    assert _circles(graph) == [["empower_desktop.services", "empower_desktop.sync.ics"]]
