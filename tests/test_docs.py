"""The README documents every command, and every option it shows exists (sqlite-utils' test_docs idea)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import typer

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
