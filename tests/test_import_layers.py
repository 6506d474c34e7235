"""The packages import each other in pipeline order only: no cycle, no upward import.

Layers, lowest first: the shared records and helpers (``types``, ``errors``, ``settings``,
``words``, ``datelines``, ``report_types``, ``models``), then ``ingestion`` → ``analyse`` →
``stories`` / ``comparison`` → ``render`` / ``store`` / ``web`` → ``eval`` / ``cli``. A package
may import its own layer and those below it. Imports needed only by the type checker (under
``if TYPE_CHECKING:``) are left out: they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import storylens

PACKAGE = Path(storylens.__file__).parent

LAYERS = [
    {"types", "errors", "settings", "report_types", "words", "datelines", "_imports", "models"},
    {"ingestion"},
    {"analyse"},
    {"stories", "comparison"},
    {"render", "store", "web"},
    {"eval", "cli"},
    {"_main", "__main__"},
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _part(module: str) -> str:
    """The top-level package or module of ``storylens.<part>...``."""
    return module.split(".")[1]


def _runtime_imports(tree: ast.AST) -> list[str]:
    """``storylens.*`` modules a file imports when it runs (``TYPE_CHECKING`` blocks aside)."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "storylens":
                found.extend(f"storylens.{alias.name}" for alias in node.names)
            else:
                found.append(node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return [name for name in found if name.startswith("storylens.")]


def _edges() -> dict[tuple[str, str], str]:
    """(importing part, imported part) → one file that does it."""
    edges: dict[tuple[str, str], str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative == Path("__init__.py"):
            continue  # the public API: lazily re-exports every layer
        source = relative.parts[0].removesuffix(".py")
        for name in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            target = _part(name)
            if target != source and target in RANK:
                edges.setdefault((source, target), str(relative))
    return edges


def test_import_layers_every_part_has_a_layer() -> None:
    parts = {
        p.name.removesuffix(".py")
        for p in PACKAGE.iterdir()
        if p.suffix == ".py" or (p / "__init__.py").is_file()
    }
    assert parts - {"__init__"} <= set(RANK), parts - set(RANK)


def test_import_layers_no_upward_import() -> None:
    upward = [
        f"{where}: {source} imports {target}"
        for (source, target), where in _edges().items()
        if RANK[target] > RANK[source]
    ]
    assert upward == []


def test_import_layers_no_cycle_between_packages() -> None:
    graph: dict[str, set[str]] = {}
    for source, target in _edges():
        graph.setdefault(source, set()).add(target)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    cycles = sorted(f"{a} ⇄ {b}" for a, b in _edges() if reaches(b, a, {b}))
    assert cycles == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("from storylens.store import Store", ["storylens.store"]),
        ("from storylens import compare", ["storylens.compare"]),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import storylens.web", []),
        ("def f():\n    import storylens.cli.app\n", ["storylens.cli.app"]),
    ],
)
def test_import_layers_finds_runtime_imports(code: str, expected: list[str]) -> None:
    assert _runtime_imports(ast.parse(code)) == expected


MAX_MODULE_LINES = 600


def test_import_layers_no_module_over_the_line_limit() -> None:
    # a module past this holds more than one piece of the pipeline: split it by what it does
    sizes = {
        str(path.relative_to(PACKAGE)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert sizes
    assert {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES} == {}
