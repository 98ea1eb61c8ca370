"""Search, kwic and trend on a small database of real reports (苏州市, 江苏省 and State Council reports).

Metadata comes from the corpus MANIFEST (ground truth) where parse leaves a field empty, so these tests check the
query stage and not parse's accuracy. Expected answers are computed independently by scanning the clean texts.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from luoshi.cli.common import iter_documents
from luoshi.pipeline import process
from luoshi.query import search as search_module
from luoshi.query.api import Corpus
from luoshi.query.expr import QueryError
from luoshi.query.search import count, kwic, search
from luoshi.query.trend import trend
from luoshi.store import open_store

SELECTION = ("政府工作报告-主要城市/苏州市/", "政府工作报告-省自治区/江苏省/", "政府工作报告-国务院/20")
ALL = 1_000_000


def manifest_reports(corpus: Path) -> list[tuple[Path, dict]]:
    """(file, metadata) for the selected MANIFEST rows."""
    out = []
    with open(corpus / "MANIFEST.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if any(s in row["file"] for s in SELECTION) and row["file"].endswith(".md"):
                name, level = row["region"], row["level"]
                province = None if level == "national" else name.split("省")[0] + "省"
                region = name.split("省", 1)[1] if level == "city" and "省" in name else name
                out.append((corpus / "raw" / row["file"],
                            {"region": region, "province": province, "level": level, "year": int(row["year"])}))
    return out


def build_store(target: str, files: list[tuple[Path, dict]]):
    store = open_store(target)
    for path, meta in files:
        for doc in iter_documents([str(path)]):
            report = process(doc)
            for key, value in meta.items():
                if getattr(report.meta, key) in (None, "unknown"):
                    setattr(report.meta, key, value)
            store.add_report(report, raw=doc.data)
    return store


@pytest.fixture(scope="session")
def query_db(corpus: Path, tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("query") / "q.db")
    with build_store(path, manifest_reports(corpus)):
        pass
    return path


@pytest.fixture()
def store(query_db: str):
    with open_store(query_db) as s:
        yield s


def texts(store, **where) -> dict[str, str]:
    rows = store.query("SELECT id, text, year, province FROM reports")
    return {r["id"]: r["text"] for r in rows if all(r[k] == v for k, v in where.items())}


def occurrences(store, needle: str, **where) -> set[tuple[str, int]]:
    found = set()
    for rid, text in texts(store, **where).items():
        pos = text.find(needle)
        while pos >= 0:
            found.add((rid, pos))
            pos = text.find(needle, pos + 1)
    return found


def matched(hits) -> set[tuple[str, int]]:
    return {(h["report_id"], a) for h in hits for a, _ in h["matches"]}


@pytest.mark.parametrize("needle", ["税", "就业", "低空经济", "新质生产力", "高质量发展", "5G工厂"])
def test_every_occurrence_is_found_at_its_offset(store, needle):
    """One-, two- and longer terms: the matches are exactly the occurrences in the clean texts."""
    expected = occurrences(store, needle)
    assert expected, f"{needle} should occur in the selected reports"
    hits = search(store, needle, limit=ALL)
    assert matched(hits) == expected
    text = texts(store)
    for h in hits[:50]:
        assert text[h["report_id"]][h["start"]:h["end"]] == h["sentence"]
        assert "【" + needle + "】" in h["snippet"]


def test_known_phrase_in_the_right_report(store, corpus):
    """低空经济 is in 苏州's 2024 report: the year/region filters find it there and only there."""
    hits = search(store, "低空经济", region="苏州市", year=2024, limit=ALL)
    assert hits and {h["source"] for h in hits} == {str(corpus / "raw/lawtext-gov/政府工作报告-主要城市/苏州市/2024.md")}
    assert matched(hits) == occurrences(store, "低空经济", year=2024) & matched(hits)
    rid = hits[0]["report_id"]
    report_text = texts(store)[rid]
    for h in hits:
        for a, b in h["matches"]:
            assert report_text[a:b] == "低空经济"


def test_filters_exclude_what_they_should(store):
    every = search(store, "就业", limit=ALL)
    jiangsu = search(store, "就业", province="江苏省", limit=ALL)
    national = search(store, "就业", level="national", limit=ALL)
    assert jiangsu and national
    assert {h["province"] for h in jiangsu} == {"江苏省"}
    assert {h["level"] for h in national} == {"national"}
    assert matched(jiangsu) | matched(national) == matched(every)
    assert not matched(jiangsu) & matched(national)
    ranged = search(store, "就业", year_from=2020, year_to=2021, limit=ALL)
    assert ranged and all(2020 <= h["year"] <= 2021 for h in ranged)
    assert matched(ranged) == occurrences(store, "就业") & {
        (rid, p) for rid, p in occurrences(store, "就业") if rid in {h["report_id"] for h in ranged}}


def test_traditional_and_full_width_queries_find_simplified_text(store):
    assert matched(search(store, "就業", limit=ALL)) == matched(search(store, "就业", limit=ALL))
    assert matched(search(store, "經濟發展", limit=ALL)) == occurrences(store, "经济发展")
    upper = {(r, p) for r, p in occurrences(store, "GDP")}
    assert upper and matched(search(store, "ＧＤＰ", limit=ALL)) >= upper


def test_boolean_queries(store):
    both = search(store, "就业 青年", limit=ALL)
    assert both and all("就业" in h["sentence"] and "青年" in h["sentence"] for h in both)
    without = search(store, "就业 -青年", limit=ALL)
    assert without and all("青年" not in h["sentence"] for h in without)
    assert len(search(store, "就业 NOT 青年", limit=ALL)) == len(without)
    either = search(store, "低空经济 OR 新质生产力", limit=ALL)
    sentences = {(h["report_id"], h["start"]) for h in either}
    for term in ("低空经济", "新质生产力"):
        assert {(h["report_id"], h["start"]) for h in search(store, term, limit=ALL)} <= sentences
    quoted = search(store, '"高质量 发展"', limit=ALL)
    assert matched(quoted) == occurrences(store, "高质量发展")
    with pytest.raises(QueryError):
        search(store, "-就业")
    with pytest.raises(QueryError):
        search(store, "(就业")


def test_a_bar_is_or_with_or_without_spaces(store):
    either = matched(search(store, "低空经济 OR 新质生产力", limit=ALL))
    assert either == occurrences(store, "低空经济") | occurrences(store, "新质生产力")
    assert matched(search(store, "低空经济|新质生产力", limit=ALL)) == either
    assert matched(search(store, "低空经济 | 新质生产力", limit=ALL)) == either
    with pytest.raises(QueryError, match="missing"):
        search(store, "低空经济|")


def sentences_containing(store, needle: str) -> list[tuple[str, int]]:
    """(report, sentence start) of every stored sentence whose text holds the needle, from a scan of the texts."""
    text = texts(store)
    rows = store.query('SELECT k.report_id, s.start, s."end" FROM sentence_rows s '
                       "JOIN report_keys k ON k.num = s.report_num")
    return [(r["report_id"], r["start"]) for r in rows if needle in text[r["report_id"]][r["start"]:r["end"]]]


# Terms the index decides alone (one token), terms checked on the text (pairs), boolean queries, and terms whose
# pairs are in many more sentences than the term (punctuation inside: 就业，民生 is the pairs 就业 and 民生).
COUNT_QUERIES = ["税", "就业", "低空经济", "高质量发展", "就业 -青年", "低空经济|新质生产力", "就业，民生", "发展,改革"]


@pytest.mark.parametrize("query", COUNT_QUERIES)
def test_count_is_what_search_finds(store, query):
    """Uncapped, the count is the number of sentences search returns (and their reports)."""
    hits = search(store, query, limit=ALL)
    got = count(store, query, cap=ALL)
    assert got == {"matches": len(hits), "reports": len({h["report_id"] for h in hits}), "capped": False}


@pytest.mark.parametrize("needle", ["就业", "高质量发展", "就业，民生"])
def test_count_of_a_term_is_the_sentences_holding_it(store, needle):
    expected = sentences_containing(store, needle.replace("，", ","))
    assert count(store, needle, cap=ALL)["matches"] == len(expected)
    assert count(store, needle, cap=ALL, province="江苏省")["matches"] == len(
        [1 for rid, _ in expected if rid in texts(store, province="江苏省")])


@pytest.mark.parametrize("query", ["就业", "高质量发展"])
def test_count_stops_at_the_cap(store, query):
    """Up to the cap the count is exact; past it, `capped` says the matches are at least the cap."""
    total = count(store, query, cap=ALL)["matches"]
    assert total > 5
    assert count(store, query, cap=5) == {"matches": 5, "reports": count(store, query, cap=5)["reports"], "capped": True}
    assert count(store, query, cap=total) == {**count(store, query, cap=ALL), "capped": False}
    assert count(store, query, cap=total - 1)["matches"] == total - 1
    assert count(store, query, cap=total - 1)["capped"]


def test_a_checked_count_reads_a_bounded_number_of_texts(store, monkeypatch):
    """A term checked on its text stops after COUNT_TEXTS reports' texts: a lower bound, marked capped."""
    full = count(store, "高质量发展", cap=ALL)
    assert full["reports"] > 2
    monkeypatch.setattr(search_module, "COUNT_TEXTS", 2)
    monkeypatch.setattr(search_module, "COUNT_BATCH", 2)
    part = count(store, "高质量发展", cap=ALL)
    assert part["capped"] and 0 < part["matches"] < full["matches"] and part["reports"] <= 2
    assert count(store, "就业", cap=ALL)["capped"] is False  # one token: counted in SQL, no text read


def test_count_takes_the_search_filters_but_not_role(store):
    for filters in ({"year": 2024}, {"province": "江苏省"}, {"level": "national", "year_from": 2020}):
        hits = search(store, "高质量发展", limit=ALL, **filters)
        assert hits and count(store, "高质量发展", cap=ALL, **filters)["matches"] == len(hits)
    with pytest.raises(TypeError, match="role"):
        count(store, "就业", role="targets")


def test_whole_words_rank_first_and_words_only_narrows(store):
    """税 as a word (税收 is another word) versus inside words: word hits come first in the ranking."""
    every = search(store, "税", limit=ALL)
    words = search(store, "税", limit=ALL, words_only=True)
    assert words and len(words) < len(every)
    word_sentences = {(h["report_id"], h["start"]) for h in words}
    assert word_sentences <= {(h["report_id"], h["start"]) for h in every}
    top = {(h["report_id"], h["start"]) for h in every[:len(words)]}
    assert len(top & word_sentences) >= 0.8 * len(words)


def test_pages_do_not_overlap(store):
    first = search(store, "发展", limit=10)
    second = search(store, "发展", limit=10, offset=10)
    assert len(first) == len(second) == 10
    assert not {(h["report_id"], h["start"]) for h in first} & {(h["report_id"], h["start"]) for h in second}
    assert [h["rank"] for h in second] == list(range(11, 21))


def test_kwic_lines_are_slices_of_the_text(store):
    lines = kwic(store, "民生", width=8, limit=50)
    assert len(lines) == 50
    text = texts(store)
    for ln in lines:
        t = text[ln["report_id"]]
        assert ln["keyword"] == "民生" == t[ln["start"]:ln["end"]]
        assert ln["left"] == t[max(0, ln["start"] - 8):ln["start"]].replace("\n", " ")


def test_trend_counts_per_10k_characters(store):
    rows = trend(store, ["就业", "低空经济"], by="year")
    by_year = {(r["year"], r["term"]): r for r in rows}
    all_rows = store.query("SELECT year, text, n_chars FROM reports")
    for year in {r["year"] for r in all_rows}:
        in_year = [r for r in all_rows if r["year"] == year]
        expected = sum(r["text"].count("就业") for r in in_year)
        row = by_year[(year, "就业")]
        assert row["count"] == expected
        assert row["chars"] == sum(r["n_chars"] for r in in_year)
        assert row["per_10k"] == pytest.approx(expected * 10000 / row["chars"], abs=1e-3)
    assert by_year[(2024, "低空经济")]["count"] > 0
    assert by_year[(2019, "低空经济")]["count"] == 0
    provinces = trend(store, ["就业"], by="province")
    assert {r["province"] for r in provinces} == {"江苏省", None}
    with pytest.raises(ValueError):
        trend(store, ["就业"], by="colour")


def test_api_returns_dataframes(query_db):
    import luoshi

    with luoshi.open(query_db) as corpus:
        assert isinstance(corpus, Corpus)
        frame = corpus.search("低空经济", year=2024)
        assert len(frame) and {"report_id", "start", "end", "snippet", "matches"} <= set(frame.columns)
        every = corpus.search("低空经济", year=2024, limit=ALL)
        assert corpus.count("低空经济", year=2024, cap=ALL) == {
            "matches": len(every), "reports": every["report_id"].nunique(), "capped": False}
        assert set(corpus.reports(province="江苏省")["province"]) == {"江苏省"}
        assert list(corpus.trend("就业")["term"].unique()) == ["就业"]


def test_cli_search_jsonl(query_db):
    from typer.testing import CliRunner

    from luoshi.cli import app

    result = CliRunner().invoke(app, ["search", "低空经济", "--db", query_db, "--year", "2024", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["year"] == 2024 and "低空经济" in r["sentence"] for r in rows)
    bad = CliRunner().invoke(app, ["search", "-就业", "--db", query_db])
    assert bad.exit_code == 2


@pytest.mark.postgres
def test_postgres_search_matches_sqlite(request, corpus, store):
    try:
        url = request.getfixturevalue("pg_url")
    except pytest.FixtureLookupError:
        pytest.skip("no pg_url fixture")
    files = [f for f in manifest_reports(corpus) if "苏州市" in str(f[0])]
    with build_store(url, files) as pg:
        for query in ("低空经济", "税", "就业 -青年", "經濟"):
            got = search(pg, query, limit=ALL)
            want = search(store, query, limit=ALL, region="苏州市")
            assert matched(got) == matched(want), query
            assert count(pg, query, cap=ALL)["matches"] == len(got), query
            assert count(pg, query, cap=3)["capped"] == (len(got) > 3), query
        assert search(pg, "就业", year=2024, limit=ALL) and all(h["year"] == 2024 for h in
                                                               search(pg, "就业", year=2024, limit=ALL))
        got_trend = {r["year"]: r["count"] for r in trend(pg, ["就业"], by="year")}
        want_trend = {r["year"]: r["count"] for r in trend(store, ["就业"], by="year", region="苏州市")}
        assert got_trend == want_trend and got_trend[2024] > 0


def test_trend_counts_a_report_shared_in_two_formats_once(corpus, tmp_path):
    """The 2025 江苏 report as .docx and as markdown is one report (linked as near-duplicates at ingest): `luoshi
    trend` counts it once unless --include-copies."""
    import subprocess
    import sys

    from luoshi.store.ingest import ingest

    db = str(tmp_path / "copies.db")
    docx = corpus / "raw" / "alexzhu0-prov2025-docx" / "2025年江苏省政府工作报告.docx"
    md = corpus / "bulk" / "lawtext-gov" / "政府工作报告-省自治区" / "江苏省" / "2025.md"
    with open_store(db) as s:
        assert ingest(s, [str(docx), str(md)], jobs=1).near_duplicates == 1
        canonical = s.query("SELECT text FROM reports WHERE canonical_id IS NULL", [])
        both = s.query("SELECT text FROM reports", [])
    assert len(canonical) == 1 and len(both) == 2

    def count(*extra: str) -> int:
        out = subprocess.run([sys.executable, "-m", "luoshi", "trend", "就业", "--db", db, "--format", "jsonl", *extra],
                             capture_output=True, text=True, check=True).stdout
        return sum(json.loads(line)["count"] for line in out.splitlines())

    assert count() == canonical[0]["text"].count("就业") > 0
    assert count("--include-copies") == sum(r["text"].count("就业") for r in both)
    with Corpus(open_store(db)) as c:
        assert c.trend("就业")["count"].sum() == count()
