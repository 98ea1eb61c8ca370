"""Region and year over every work report of the bulk collection agree with the names the collection gives them,
or the disagreement is the collection's error, shown from the text in tests/data/meta_disagreements.tsv.

The folder and file names are read ONLY here, to check the answers; parsing never sees them (it reads the document
through ingest and clean like any other input).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from meta_checks import disagreement_rows, folder_answer, metas, same_place, within

from luoshi.ingest import read_paths
from luoshi.models import Document


@pytest.fixture(scope="module")
def bulk(corpus: Path) -> tuple[Path, list[Path]]:
    root = corpus / "bulk" / "lawtext-gov"
    files = sorted(p for d in root.glob("政府工作报告-*") for p in d.rglob("*.md"))
    assert len(files) > 1000
    return root, files


@pytest.mark.slow
def test_region_and_year_agree_with_the_collection(bulk) -> None:
    root, files = bulk
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for path, meta in metas(read_paths(files)):
        region, year = folder_answer(path, root)
        name = path.relative_to(root).as_posix()
        if not same_place(meta.region, region, year):
            found[(name, "region")] = (region, str(meta.region))
        if meta.year != year:
            found[(name, "year")] = (str(year), str(meta.year))
    known = disagreement_rows()
    unexplained = {k: v for k, v in found.items() if k not in known or known[k]["luoshi"] != v[1]}
    stale = [k for k in known if k not in found]
    for (name, field), (folder, ours) in sorted(unexplained.items()):
        print(f"{name}\t{field}\t{folder}\t{ours}")
    reports = len({name for name, _ in found})
    print(f"{len(files)} reports, {reports} disagree with the folder names ({1 - reports / len(files):.2%} agree); "
          f"{len(unexplained)} not explained in tests/data/meta_disagreements.tsv")
    assert not stale, f"listed but no longer disagreeing (remove them): {stale}"
    assert all(known[k]["whose"] == "collection" and len(known[k]["why"]) > 20 for k in found if k in known)
    assert unexplained == {}
    assert 1 - reports / len(files) >= 0.995


def _without_title(doc: Document) -> Document:
    """The same report with its title taken away: no front-matter title, title lines reduced to 政府工作报告."""
    fm = dict(doc.hints.get("front_matter") or {})
    fm.pop("title", None)
    text = re.sub(r"^---\n.*?\n---\n", "", doc.text, flags=re.DOTALL).split("\n")
    for i, line in enumerate(text[:8]):
        if "工作报告" in line and len(line) < 60 and "我代表" not in line:
            text[i] = "政府工作报告"
    doc.text, doc.hints = "\n".join(text), {**doc.hints, "front_matter": fm}
    return doc


@pytest.mark.slow
def test_a_report_without_its_title_is_still_placed(bulk) -> None:
    """Titles that name no region (the collection's other half has many): the meeting line, the opening, the voice
    (全市, 我省) and the body's own name still place the report, and never in a district of another city."""
    root, files = bulk
    wrong, elsewhere = [], []
    for path, meta in metas(_without_title(d) for d in read_paths(files)):
        region, year = folder_answer(path, root)
        if not same_place(meta.region, region, year):
            wrong.append(f"{path.relative_to(root)}: {meta.region} ({meta.level})")
            if meta.level in ("district", "county") and not within(meta.adcode, region):
                elsewhere.append(wrong[-1])
    print("\n".join(wrong))
    assert elsewhere == []
    assert 1 - len(wrong) / len(files) >= 0.99


@pytest.mark.slow
def test_no_city_or_province_resolves_to_a_county_of_another_place(corpus: Path) -> None:
    """Every report of a city or province in the corpus (bulk, by its folder; raw, by MANIFEST.tsv) resolves to that
    place, or to a place inside it, never to a district or county elsewhere."""
    import csv

    root = corpus / "bulk" / "lawtext-gov"
    answers: dict[str, str] = {}
    for path in root.rglob("*.md"):
        if path.parent.parent.name.startswith("政府工作报告-"):
            answers[str(path)] = path.parent.name
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["level"] in ("city", "province"):
                answers[str(corpus / "raw" / row["file"])] = row["region"]
    elsewhere = []
    for path, meta in metas(read_paths([Path(p) for p in sorted(answers)])):
        place = answers[str(path).split("#")[0]]  # "….csv#row=1": a report of a multi-report file
        if meta.level in ("district", "county") and not within(meta.adcode, place):
            elsewhere.append(f"{path}: {meta.region} ({meta.level}), expected inside {place}")
    print("\n".join(elsewhere))
    assert len(answers) > 1000
    assert elsewhere == []


@pytest.mark.slow
def test_raw_reports_agree_with_the_manifest(corpus: Path) -> None:
    """Region, year and level of every report in raw/ agree with MANIFEST.tsv (read only to check the answers)."""
    import csv

    from luoshi.clean import clean_document
    from luoshi.parse import parse_meta, parse_sections

    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    disagreements, checked = [], 0
    for row in rows:
        for doc in read_paths([corpus / "raw" / row["file"]]):
            assert hasattr(doc, "text"), str(doc)
            text, quality = clean_document(doc)
            meta = parse_meta(text, doc.hints, parse_sections(text, quality.structure), quality)
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

