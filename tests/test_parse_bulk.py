"""Region and year over every work report of the bulk collection agree with the names the collection gives them.

The folder and file names are read ONLY here, to check the answers; parsing never sees them (it reads the document
through ingest and clean like any other input). Every disagreement is printed with what the text itself says.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from luoshi.clean import clean_document
from luoshi.ingest import read_paths
from luoshi.parse import parse_meta, parse_sections
from luoshi.parse.divisions import named

NATIONAL_FOLDER = "政府工作报告-国务院"


def expected(path: Path) -> tuple[str, int]:
    year = int(re.match(r"\d{4}", path.stem).group(0))
    region = "全国" if path.parent.name == NATIONAL_FOLDER else path.parent.name
    return region, year


def same_place(predicted: str | None, folder: str, year: int) -> bool:
    """The folder uses today's name; a report may rightly use the name of its year (毕节地区 before 2011)."""
    if predicted == folder:
        return True
    today = {d.adcode for d in named(folder)}
    return bool(predicted) and any(d.adcode in today for d in named(predicted) if d.valid_in(year))


def explain(meta, text: str) -> str:
    says = []
    if meta.title:
        says.append(f"title {meta.title!r}")
    if meta.date:
        says.append(f"delivered {meta.date}")
    if meta.meeting:
        says.append(f"meeting {meta.meeting!r}")
    years = re.findall(r"((?:19|20)\d{2})\s*年\s*(?:工作回顾|工作安排|主要工作|工作任务)", text)
    if years:
        says.append(f"headings name {sorted(set(years))}")
    return "; ".join(says) or "the text names neither region nor year"


@pytest.mark.slow
def test_region_and_year_agree_with_the_collection(corpus: Path) -> None:
    root = corpus / "bulk" / "lawtext-gov"
    files = sorted(p for d in root.glob("政府工作报告-*") for p in d.rglob("*.md"))
    assert len(files) > 1000
    disagreements = []
    for doc in read_paths(files):
        assert hasattr(doc, "text"), str(doc)
        text, quality = clean_document(doc)
        sections = parse_sections(text)
        meta = parse_meta(text, doc.hints, sections, quality)
        path = Path(doc.source)
        region, year = expected(path)
        if not same_place(meta.region, region, year) or meta.year != year:
            disagreements.append(f"{path.parent.name}/{path.name}: predicted {meta.region} {meta.year}, "
                                 f"collection {region} {year}; the text: {explain(meta, text)}")
    for line in disagreements:
        print(line)
    share = 1 - len(disagreements) / len(files)
    print(f"{len(files)} reports, {len(disagreements)} disagreements, agreement {share:.2%}")
    assert share >= 0.99


@pytest.mark.slow
def test_raw_reports_agree_with_the_manifest(corpus: Path) -> None:
    """Region, year and level of every report in raw/ agree with MANIFEST.tsv (read only to check the answers)."""
    import csv

    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    disagreements, checked = [], 0
    for row in rows:
        for doc in read_paths([corpus / "raw" / row["file"]]):
            assert hasattr(doc, "text"), str(doc)
            text, quality = clean_document(doc)
            meta = parse_meta(text, doc.hints, parse_sections(text), quality)
            checked += 1
            years = [int(y) for y in re.findall(r"\d{4}", row["year"])]
            year_ok = meta.year == years[0] if len(years) == 1 else years[0] <= (meta.year or 0) <= years[-1] + 1
            region_ok = bool(meta.region) and (row["region"].endswith(meta.region) or meta.region.endswith(row["region"]))
            if not region_ok or meta.level != row["level"] or not year_ok:
                disagreements.append(f"{row['file']}: predicted {meta.region} {meta.year} {meta.level}, "
                                     f"manifest {row['region']} {row['year']} {row['level']}")
    print("\n".join(disagreements))
    assert checked > len(rows)  # the multi-report file counts each of its reports
    assert not disagreements
