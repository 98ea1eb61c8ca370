"""Helpers shared by the metadata tests on real reports: the metadata of a corpus file, and the oracle the bulk
collection's folder names give (read by tests only, to check answers; parsing never sees a path)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from luoshi.clean import clean_document
from luoshi.ingest import read_paths
from luoshi.parse import parse_meta, parse_sections
from luoshi.parse.divisions import named

NATIONAL_FOLDER = "政府工作报告-国务院"
DATA = Path(__file__).parent / "data"


def meta_of(path):
    """(Meta, clean text) of the first report in a file, through clean and parse only."""
    doc = next(iter(read_paths([path])))
    text, quality = clean_document(doc)
    return parse_meta(text, doc.hints, parse_sections(text, quality.structure), quality), text


def metas(docs):
    """(source path, Meta) of every document, through clean and parse only."""
    for doc in docs:
        assert hasattr(doc, "text"), str(doc)
        text, quality = clean_document(doc)
        yield Path(doc.source), parse_meta(text, doc.hints, parse_sections(text, quality.structure), quality)


def folder_answer(path: Path, root: Path) -> tuple[str, int]:
    """The collection's region and year for a file: <collection>/<region>/<year>[-MM].md, or <year>… for 国务院."""
    parts = path.relative_to(root).parts
    year = int(re.match(r"\d{4}", parts[-1]).group(0))
    return ("全国" if parts[0] == NATIONAL_FOLDER else parts[1]), year


def same_place(predicted: str | None, folder: str, year: int) -> bool:
    """The folder uses today's name; a report may rightly use the name of its year (毕节地区 before 2011)."""
    if predicted == folder:
        return True
    today = {d.adcode for d in named(folder)}
    return bool(predicted) and any(d.adcode in today for d in named(predicted) if d.valid_in(year))


def within(adcode: str | None, place: str) -> bool:
    """A division (by adcode) lies inside the place of that name (or is it)."""
    if not adcode:
        return False
    for d in named(place):
        keep = {"province": 2, "city": 4}.get(d.level, 6)
        if adcode[:keep] == d.adcode[:keep]:
            return True
    return False


def disagreement_rows() -> dict[tuple[str, str], dict[str, str]]:
    """tests/data/meta_disagreements.tsv keyed by (file, field)."""
    with (DATA / "meta_disagreements.tsv").open(encoding="utf-8") as f:
        lines = [x for x in f if x.strip() and not x.startswith("#")]
    names = ["file", "field", "folder", "luoshi", "whose", "why"]
    return {(r["file"], r["field"]): r for r in csv.DictReader(lines, fieldnames=names, delimiter="\t")}
