"""No import cycle in luoshi, counting imports inside functions (a late import hides a cycle, it does not remove it).

Every module's syntax tree is walked, every `import` and `from … import` anywhere in it (functions, `if
TYPE_CHECKING:` blocks) is an edge; importing `luoshi.a.b` also runs `luoshi.a`'s `__init__`, so that is an edge too,
except to the importer's own packages (a package's `__init__` importing its own modules is no cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "luoshi"


def modules() -> dict[str, Path]:
    """Dotted name -> file of every module of luoshi (a package is its __init__)."""
    out = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The luoshi modules `name` imports anywhere in its file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found |= {f"{target}.{alias.name}" for alias in node.names}  # `from . import metrics`: a module
    targets = set()
    for target in found:
        while target and target not in known:  # `from x import name`: x itself
            target = target.rpartition(".")[0]
        if target.startswith(PACKAGE):
            parts = target.split(".")  # importing a.b.c runs a and a.b first
            targets |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
    # the importer's own packages are running already (a package's modules may import it)
    return {t for t in targets if not f"{name}.".startswith(f"{t}.")}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imported(name, path, known) for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of modules (Tarjan), shortest first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(group)

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return [path_through(edges, g) for g in groups]


def path_through(edges: dict[str, set[str]], group: set[str]) -> list[str]:
    """A shortest cycle inside a strongly connected group, for the failure message."""
    start = min(group)
    paths = [[start]]
    while paths:
        path = paths.pop(0)
        for w in sorted(edges[path[-1]] & group):
            if w == start:
                return [*path, start]
            if w not in path:
                paths.append([*path, w])
    return sorted(group)


def test_the_module_graph_sees_late_imports():
    edges = graph()
    assert "luoshi.extract" in edges["luoshi.pipeline"]  # a top-level import
    assert "luoshi.query.export" in edges["luoshi.cli.extract_cmd"]  # an import inside a function


def test_a_cycle_is_found_when_there_is_one():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c", "a"]]


def test_no_import_cycle_in_luoshi():
    assert cycles(graph()) == []


# "" is the luoshi package itself; data_file (the one reader of package data files) and lexicon_file (the shared
# loader of lexicons, which reads through data_file) import no stage
STAGES = ["data_file", "lexicon_file", "models", "ingest", "clean", "parse", "extract", "pipeline", "store", "query",
          "track", "audit", "web", "corpus", "api", "cli", "__main__", ""]


def stage(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def test_each_stage_imports_only_earlier_stages():
    backwards = sorted(f"{a} -> {b}" for a, targets in graph().items() for b in targets
                       if STAGES.index(stage(b)) > STAGES.index(stage(a)))
    assert backwards == []


def test_other_stages_use_only_the_public_names_of_extract():
    """The extract stage's modules are its own; others import from luoshi.extract (its __all__)."""
    reaching = sorted(f"{a} -> {b}" for a, targets in graph().items() for b in targets
                      if b.startswith("luoshi.extract.") and stage(a) != "extract")
    assert reaching == []
