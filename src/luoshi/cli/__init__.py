"""The `luoshi` command: a thin layer over the library (each command calls one library function).

Commands live in small modules by stage; each module has a `register(app)` that adds its commands.
"""

from __future__ import annotations

import typer

from . import extract_cmd

app = typer.Typer(
    name="luoshi",
    help="luoshi (落实): Chinese government work reports into trustworthy data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in (extract_cmd,):
    _module.register(app)


def main() -> None:
    app()
