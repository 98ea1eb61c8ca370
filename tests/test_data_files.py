"""Package data files are read one way: through luoshi.data_file (lines, rows, a table by its header, text, bytes;
cached). A module that finds a package file itself (importlib.resources, pkgutil, __file__) or names a data file
outside a data_file call fails here: read it with data_file instead."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from luoshi import data_file

SRC = Path(data_file.__file__).parent
LOADER = SRC / "data_file.py"
# what finds a file beside the code: only the loader may use it
FINDERS = {"importlib.resources", "importlib_resources", "pkgutil"}
DUNDERS = {"__file__", "__path__", "__spec__", "__loader__"}
DATA_NAMES = {p.name for p in SRC.glob("*/data/*")} | {p.name for p in SRC.glob("*/schema/*")}


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if p != LOADER)


def _is_loader_call(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "data_file")


def _named_constants(tree: ast.AST) -> set[int]:
    """String constants that name a file for the loader: `NAME = "x.txt"`, a parameter's default ("lexicon.tsv")."""
    out = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Assign)}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out |= {id(d) for d in [*node.args.defaults, *node.args.kw_defaults] if d is not None}
    return out


def other_ways(source: str, where: str) -> list[str]:
    """How a module's source reaches package files other than through data_file: "file:line what"."""
    tree = ast.parse(source)
    found = []
    in_loader_call = {id(n) for call in ast.walk(tree) if _is_loader_call(call) for n in ast.walk(call)}
    constants = _named_constants(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"{where}:{node.lineno} import {a.name}" for a in node.names if a.name in FINDERS]
        elif isinstance(node, ast.ImportFrom) and node.module in FINDERS | {"importlib"}:
            names = {a.name for a in node.names}
            if node.module != "importlib" or "resources" in names:
                found.append(f"{where}:{node.lineno} from {node.module} import {', '.join(sorted(names))}")
        elif (isinstance(node, ast.Attribute) and node.attr == "resources" and isinstance(node.value, ast.Name)
              and node.value.id == "importlib"):
            found.append(f"{where}:{node.lineno} importlib.resources")
        elif isinstance(node, ast.Name) and node.id in DUNDERS:
            found.append(f"{where}:{node.lineno} {node.id}")
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_loader_call
              and id(node) not in constants and Path(node.value).name in DATA_NAMES):
            found.append(f"{where}:{node.lineno} names {node.value!r} outside a data_file call")
    return found


def test_no_module_reads_a_package_data_file_another_way():
    found = [hit for path in _modules() for hit in other_ways(path.read_text(encoding="utf-8"),
                                                              str(path.relative_to(SRC)))]
    assert found == [], "read package data files with luoshi.data_file:\n" + "\n".join(found)


@pytest.mark.parametrize("source, hit", [
    ("from importlib import resources\n", "from importlib import resources"),
    ("import importlib.resources\n", "import importlib.resources"),
    ("import pkgutil\n", "import pkgutil"),
    ("import importlib\nT = importlib.resources.files('luoshi.parse')\n", "importlib.resources"),
    ("from pathlib import Path\nX = Path(__file__).with_name('data')\n", "__file__"),
    ("open('src/luoshi/parse/data/roles.tsv')\n", "names 'src/luoshi/parse/data/roles.tsv'"),
    ("from pathlib import Path\nT = Path('x') / 'roles.tsv'\n", "names 'roles.tsv'"),
])
def test_the_scan_finds_each_other_way(source, hit):
    found = other_ways(source, "probe.py")
    assert len(found) == 1 and hit in found[0], found


def test_a_loader_call_a_named_constant_and_a_default_pass():
    source = ('from .. import data_file\nNAME = "roles.tsv"\nA = data_file.rows(__package__, "roles.tsv")\n'
              'B = data_file.lines(__package__, NAME)\ndef load(name="lexicon.tsv"):\n    return data_file.text("p", name)\n')
    assert other_ways(source, "probe.py") == []


def test_lines_rows_and_tables_are_read_once_and_shared():
    """Two modules asking for one file get the same object (the file is read once), and a table keys its rows by
    the header."""
    assert data_file.rows("luoshi.extract", "metrics.tsv") is data_file.rows("luoshi.extract", "metrics.tsv")
    header, first = data_file.rows("luoshi.extract", "metrics.tsv")[:2]
    assert header[0] == "id" and data_file.table("luoshi.extract", "metrics.tsv")[0] == dict(zip(header, first))
    assert all(line and not line.startswith("#") for line in data_file.lines("luoshi.parse", "targets_cues.txt"))


def test_a_missing_data_file_is_an_error_naming_it():
    with pytest.raises(FileNotFoundError, match="no_such_file.tsv"):
        data_file.rows("luoshi.parse", "no_such_file.tsv")
