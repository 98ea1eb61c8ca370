"""Helpers shared by CLI commands: reading inputs with clear per-file errors, limits, exit codes, stderr output.

Exit codes of every command that reads files (extract, clean, targets, ingest, show FILE, track FILES):
0 every input was read, 1 some inputs failed and some were read, 2 every input failed (nothing was read;
click's usage errors are 2 too: nothing was done), 130 interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Annotated

import typer

from ..ingest import DEFAULT_LIMITS, Limits, read_bytes, read_paths
from ..ingest.limits import MB, with_overrides
from ..models import Document, IngestError, Report, printable

EXIT_ALL, EXIT_SOME, EXIT_NONE = 0, 1, 2


def err(msg: str) -> None:
    print(msg, file=sys.stderr)


def failed(source: str, e: BaseException) -> str:
    """The one line for a report that was read but could not be processed (names escaped)."""
    return printable(f"luoshi: failed {source}: {type(e).__name__}: {e}")


@dataclass
class Tally:
    """Inputs read and failed, for the exit code."""

    read: int = 0
    failed: int = 0

    def exit_code(self) -> int:
        if not self.failed:
            return EXIT_ALL
        return EXIT_SOME if self.read else EXIT_NONE

    def exit(self) -> None:
        if code := self.exit_code():
            raise typer.Exit(code)


_H = "(limits: docs/ingest.md#limits)"
MaxFileMB = Annotated[float | None, typer.Option(
    "--max-file-mb", help=f"Largest file or archive member, in MB (default {DEFAULT_LIMITS.file_bytes // MB}) {_H}.")]
MaxArchiveMB = Annotated[float | None, typer.Option(
    "--max-archive-mb", help=f"Largest expanded total of one archive, in MB (default {DEFAULT_LIMITS.archive_bytes // MB}).")]
MaxMembers = Annotated[int | None, typer.Option(
    "--max-members", help=f"Most members in one archive (default {DEFAULT_LIMITS.archive_members:,}).")]
MaxArchiveDepth = Annotated[int | None, typer.Option(
    "--max-archive-depth", help=f"Archives inside archives, deepest level (default {DEFAULT_LIMITS.archive_depth}).")]
MaxHtmlDepth = Annotated[int | None, typer.Option(
    "--max-html-depth", help=f"HTML elements nested deeper are flattened (default {DEFAULT_LIMITS.html_depth}).")]
MaxTextChars = Annotated[int | None, typer.Option(
    "--max-text-chars", help=f"Most characters of text in one report (default {DEFAULT_LIMITS.text_chars:,}).")]


def make_limits(
    file_mb: float | None = None, archive_mb: float | None = None, members: int | None = None,
    archive_depth: int | None = None, html_depth: int | None = None, text_chars: int | None = None,
    base: Limits = DEFAULT_LIMITS,
) -> Limits:
    """`base` with the options given on the command line."""
    return with_overrides(
        base, file_bytes=None if file_mb is None else file_mb * MB,
        archive_bytes=None if archive_mb is None else archive_mb * MB, archive_members=members,
        archive_depth=archive_depth, html_depth=html_depth, text_chars=text_chars,
    )


def iter_documents(
    paths: list[str], *, limits: Limits = DEFAULT_LIMITS, tally: Tally | None = None
) -> Iterator[Document]:
    """Documents from paths ("-" is stdin); a refused input prints one line on stderr (counted in `tally`) and the
    batch goes on."""
    for p in paths:
        items: Iterable[Document | IngestError]
        if p == "-":  # read one byte past the limit so an oversize stream is refused, not swallowed whole
            items = read_bytes("<stdin>", sys.stdin.buffer.read(limits.file_bytes + 1), limits=limits)
        else:
            items = read_paths([p], limits=limits)
        for item in items:
            if isinstance(item, IngestError):
                if tally is not None:
                    tally.failed += 1
                err(f"luoshi: skipped {item}")
            else:
                yield item


def iter_reports(paths: list[str], *, limits: Limits = DEFAULT_LIMITS, tally: Tally) -> Iterator[Report]:
    """The processed reports of `paths`: a file refused or a report that fails prints one line, counts in `tally`,
    and the batch goes on."""
    from ..pipeline import process

    for doc in iter_documents(paths, limits=limits, tally=tally):
        try:
            report = process(doc)
        except Exception as e:  # noqa: BLE001 - one bad report must not stop the batch
            err(failed(doc.source, e))
            tally.failed += 1
            continue
        tally.read += 1
        yield report
