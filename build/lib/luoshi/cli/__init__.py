"""The `luoshi` command: a thin layer over the library (each command calls one library function).

Commands live in small modules by stage; each module has a `register(app)` that adds its commands.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="luoshi",
    help="luoshi (落实): Chinese government work reports into trustworthy data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# One module per stage; each defines register(app).
COMMAND_MODULES = ["extract_cmd", "store_cmd", "query_cmd", "track_cmd", "web_cmd"]

for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as e:
        if e.name != f"{__name__}.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    app()
