"""The README documents every command, and every option it shows exists (sqlite-utils' test_docs idea)."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
import shlex
from pathlib import Path

import typer

import luoshi
from luoshi import models
from luoshi.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app).commands


def readme_invocations() -> list[list[str]]:
    """Every `luoshi ...` command line inside the README's code blocks, split into words."""
    lines = []
    for block in re.findall(r"```(?:sh|console)?\n(.*?)```", README, flags=re.DOTALL):
        for line in block.splitlines():
            line = line.split("#", 1)[0].lstrip("$ ").strip()
            if line.startswith("luoshi "):
                lines.append(shlex.split(line.split("|")[0].split(">")[0]))
    return lines


def test_every_command_is_shown_in_the_readme_with_an_example():
    shown = {words[1] for words in readme_invocations()}
    assert set(COMMANDS) - shown == set()


def test_every_option_the_readme_shows_exists():
    unknown = []
    for words in readme_invocations():
        command = COMMANDS[words[1]]
        names = {opt for p in command.params for opt in getattr(p, "opts", []) + getattr(p, "secondary_opts", [])}
        unknown += [f"luoshi {words[1]} {w}" for w in words[2:] if w.startswith("-") and w != "-" and w not in names]
    assert unknown == []


def test_every_command_has_help_text():
    assert [name for name, c in COMMANDS.items() if not (c.help or "").strip()] == []


def test_the_two_set_up_commands_come_first():
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = [line.strip() for line in setup.splitlines() if line.startswith("    ")]
    assert len(commands) == 2
    assert "pip install" in commands[0] and "examples/sample_report.txt" in commands[0]
    assert commands[1] == ".venv/bin/python -m pytest"


# --- The reference docs: links resolve, code names cited in backticks exist. ---

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").rglob("*.md"))]
FILE_SUFFIXES = {"py", "tsv", "txt", "toml", "md", "json", "jsonl", "sql", "csv", "gz", "html", "js", "css", "db"}
RECORD = {"report": "Report", "meta": "Meta", "quality": "Quality", "fact": "Fact", "section": "Section"}


def luoshi_modules() -> dict[str, list[str]]:
    """Last name of every module of luoshi -> its full names (metrics -> luoshi.extract.metrics)."""
    out: dict[str, list[str]] = {"luoshi": ["luoshi"]}
    for m in pkgutil.walk_packages(luoshi.__path__, "luoshi."):
        if not m.name.endswith("__main__"):
            out.setdefault(m.name.rsplit(".", 1)[1], []).append(m.name)
    return out


def has(obj: object, name: str) -> bool:
    """An attribute, a dataclass field (fields with a default factory are no class attributes) or a submodule."""
    if hasattr(obj, name) or (dataclasses.is_dataclass(obj) and name in {f.name for f in dataclasses.fields(obj)}):
        return True
    if hasattr(obj, "__path__"):
        try:
            importlib.import_module(f"{obj.__name__}.{name}")
            return True
        except ImportError:
            return False
    return False


def resolves(parts: list[str], root: object) -> bool:
    obj = root
    for name in parts:
        if not has(obj, name):
            return False
        field = {f.name: f for f in dataclasses.fields(obj)} if dataclasses.is_dataclass(obj) else {}
        obj = getattr(obj, name, None) if name not in field or hasattr(obj, name) else None
        if obj is None:  # a field: what it holds is not checked further
            return True
    return True


def cited_names() -> list[tuple[str, str]]:
    """(doc, `a.b.c`) for every backticked dotted name whose first part is a luoshi module or a record part."""
    modules = luoshi_modules()
    out = []
    for doc in DOCS:
        for name in re.findall(r"`([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+)(?:\(\))?`", doc.read_text()):
            first, last = name.split(".")[0], name.rsplit(".", 1)[1]
            if last in FILE_SUFFIXES or (first not in modules and first not in RECORD and first not in RECORD.values()):
                continue
            out.append((str(doc.relative_to(ROOT)), name))
    return out


def test_every_code_name_the_docs_cite_exists():
    modules = luoshi_modules()
    missing = []
    for doc, name in cited_names():
        first, *rest = name.split(".")
        roots: list[object] = [importlib.import_module(m) for m in modules.get(first, [])]
        if first in RECORD or first in RECORD.values():
            roots.append(getattr(models, RECORD.get(first, first)))
        if not any(resolves(rest, root) for root in roots):
            missing.append(f"{doc}: `{name}`")
    assert missing == []


def test_the_check_of_cited_names_sees_names():
    cited = {name for _, name in cited_names()}
    assert {"luoshi.pipeline.process", "quantities.PEOPLE_AFTER_RE"} <= cited


def test_every_relative_link_in_the_docs_points_at_a_file():
    broken = []
    for doc in DOCS:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
            if not re.match(r"[a-z]+:", target) and not (doc.parent / target).exists():
                broken.append(f"{doc.relative_to(ROOT)} -> {target}")
    assert broken == []
