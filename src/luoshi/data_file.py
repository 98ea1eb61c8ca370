"""The one way code reads a file shipped in the package: a stage's data/<name> (and the store's schema/*.sql), as
lines, tab-separated rows, a table by its header row, text or bytes. Lines, rows and tables are cached, so a file is
read once however many modules ask. Stage-neutral (it imports no stage), so every stage and lexicon_file use it;
tests/test_data_files.py fails when a module under src/luoshi reads a package file another way.

A line is a data line when it is not empty and does not start with "#" (a comment); it is kept as written (a
trailing tab stays, giving an empty last cell)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def _file(package: str | None, name: str, folder: str) -> Traversable:
    if not package:  # `__package__` of a module run as a script: no package to read from
        raise ValueError(f"no package to read {folder}/{name} from")
    return files(package).joinpath(folder, name)


def text(package: str | None, name: str, folder: str = "data") -> str:
    """The whole text of <package>/<folder>/<name> (UTF-8), for a reader that parses it once into its own form
    (a lexicon, TOML, SQL) and keeps that; not cached here."""
    return _file(package, name, folder).read_text(encoding="utf-8")


def binary(package: str | None, name: str) -> bytes:
    """The bytes of <package>/data/<name> (a .gz or .npz); not cached: the reader keeps what it builds from them."""
    return _file(package, name, "data").read_bytes()


@cache
def lines(package: str | None, name: str) -> tuple[str, ...]:
    """The data lines of <package>/data/<name>, in file order."""
    return tuple(line for line in text(package, name).splitlines() if line.strip() and not line.startswith("#"))


@cache
def rows(package: str | None, name: str) -> tuple[tuple[str, ...], ...]:
    """The data lines split at tabs (a header row, where the file has one, is the first)."""
    return tuple(tuple(line.split("\t")) for line in lines(package, name))


@cache
def table(package: str | None, name: str) -> tuple[dict[str, str], ...]:
    """The rows after the first as dicts keyed by the first (the header); a short row lacks its last keys."""
    header, *body = rows(package, name)
    return tuple(dict(zip(header, row)) for row in body)


def listing(package: str | None, folder: str, suffix: str) -> list[str]:
    """Names of the files in <package>/<folder> that end with suffix, sorted (the store's migrations)."""
    if not package:
        raise ValueError(f"no package to list {folder} of")
    return sorted(f.name for f in files(package).joinpath(folder).iterdir() if f.name.endswith(suffix))


def directory(package: str | None, folder: str) -> Path:
    """<package>/<folder> as a path, for what reads or writes the files there itself: Jinja's templates and the
    static files of the web package, a script rebuilding a data file."""
    if not package:
        raise ValueError(f"no package to find {folder} in")
    return Path(str(files(package).joinpath(folder)))
