"""The web app through Starlette's TestClient (httpx): every route, on a database ingested from the shared corpus."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import SHARED
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from luoshi.ingest import read_bytes
from luoshi.models import Document, Fact, Report
from luoshi.pipeline import process
from luoshi.web import create_app
from luoshi.web.charts import Series, line_chart, nice_ticks
from luoshi.web.highlight import highlighted_text
from luoshi.web.uploads import safe_name

CORPUS_PARTS = ("seeds", "raw")
# Two documents that are not work reports, from the bulk collection: an NBS communiqué (a second source for the
# national targets of 2021, judged also by the 2022 work report in raw/) and a five-year plan outline.
EXTRA_DOCS = ("bulk/lawtext-gov/国家统计局年度统计/2021.md", "bulk/lawtext-gov/五年规划/2021-十四五规划纲要.md")
SCRIPT = "<script>window.__xss = 1; alert('xss')</script>"
HANZI_RUN = re.compile(r"[\u4e00-\u9fff]{8}")


def extra_docs_present() -> bool:
    """Whether the bulk collection's two documents of EXTRA_DOCS are here (a checkout without ../shared/corpus/bulk)."""
    return all((SHARED / "corpus" / doc).exists() for doc in EXTRA_DOCS)


def build_db(path: Path, corpus: Path, seeds: dict[str, Path]) -> str:
    """Ingest seeds/ and raw/ (a few dozen real reports) plus one seed with a <script> tag in its text.

    Returns the id of the report with the script tag.
    """
    from luoshi.store import open_store
    from luoshi.store.ingest import ingest

    with open_store(str(path)) as store:
        ingest(store, [str(corpus / part) for part in CORPUS_PARTS]
               + [str(corpus / doc) for doc in EXTRA_DOCS if (corpus / doc).exists()], jobs=2)
        seed = next(iter(seeds.values())).read_bytes().decode("utf-8", "replace")
        lines = seed.splitlines()
        lines.insert(min(5, len(lines)), SCRIPT)
        data = "\n".join(lines).encode("utf-8")
        (doc,) = read_bytes("script-test.txt", data)
        assert isinstance(doc, Document)
        report = process(doc)
        store.add_report(report, raw=doc.data)
        return report.id


def known_phrase(text: str) -> tuple[str, int]:
    """Eight Chinese characters from the middle of a real text, and where they first occur."""
    m = HANZI_RUN.search(text, len(text) // 2) or HANZI_RUN.search(text)
    assert m, "expected Chinese text"
    return m.group(), text.find(m.group())


def shared_db(tmp_path_factory: pytest.TempPathFactory, corpus: Path, seeds: dict[str, Path]) -> tuple[Path, str]:
    """The test database, built once per session and shared by the web test modules (they only read it)."""
    path = tmp_path_factory.getbasetemp() / "web-shared.db"
    marker = path.with_suffix(".script-id")
    if not marker.exists():
        marker.write_text(build_db(path, corpus, seeds))
    return path, marker.read_text()


@pytest.fixture(scope="module")
def web_db(tmp_path_factory: pytest.TempPathFactory, corpus: Path, seeds: dict[str, Path]) -> tuple[Path, str]:
    return shared_db(tmp_path_factory, corpus, seeds)


@pytest.fixture(scope="module")
def store(web_db):
    from luoshi.store import open_store

    with open_store(str(web_db[0]), readonly=True) as s:
        yield s


@pytest.fixture(scope="module")
def client(web_db):
    from fastapi.testclient import TestClient

    with TestClient(create_app(str(web_db[0]))) as c:
        yield c


@pytest.fixture()
def upload_client(web_db, tmp_path: Path):
    """An app with uploads allowed, over a copy of the database (the module's database stays as ingested)."""
    from fastapi.testclient import TestClient

    db = tmp_path / "upload.db"
    shutil.copy(web_db[0], db)
    app = create_app(str(db), allow_upload=True, data_dir=tmp_path / "data", max_upload_bytes=2 * 1024 * 1024,
                     upload_hosts=["testserver"])
    with TestClient(app) as c:
        yield c


def page_text(html: str, selector: str) -> str:
    node = HTMLParser(html).css_first(selector)
    assert node is not None, f"{selector} not on the page"
    return node.text(deep=True)


# --- overview and lists ------------------------------------------------------------------------------------

def test_overview_counts_match_the_database(client, store):
    r = client.get("/")
    assert r.status_code == 200
    total = store.query("SELECT COUNT(*) AS n FROM reports", [])[0]["n"]
    assert page_text(r.text, "#total-reports").replace(",", "") == str(total)
    assert "<svg" in r.text  # the counts-by-year chart
    assert 'id="quality"' in r.text


def test_report_list_filters_and_pages(client, store):
    years = store.query("SELECT year, COUNT(*) AS n FROM reports WHERE year IS NOT NULL GROUP BY year "
                        "ORDER BY n DESC LIMIT 1", [])
    total = store.query("SELECT COUNT(*) AS n FROM reports", [])[0]["n"]
    r = client.get("/reports")
    assert r.status_code == 200
    assert len(HTMLParser(r.text).css("table.list tbody tr")) == min(50, total)
    if total > 50:
        assert 'rel="next"' in r.text
        r2 = client.get("/reports?page=2")
        assert len(HTMLParser(r2.text).css("table.list tbody tr")) == min(50, total - 50)
    if years:
        y = years[0]
        r = client.get(f"/reports?year={y['year']}&level=&province=")
        assert len(HTMLParser(r.text).css("table.list tbody tr")) == min(50, y["n"])
    assert client.get("/reports?year=abc&page=-3&level=<x>").status_code == 200  # bad input is ignored, not a 422


# --- one report ----------------------------------------------------------------------------------------

def report_with_most_facts(store) -> str | None:
    rows = store.query("SELECT report_id, COUNT(*) AS n FROM facts GROUP BY report_id ORDER BY n DESC LIMIT 1", [])
    return rows[0]["report_id"] if rows else None


def test_report_page_text_is_exactly_the_clean_text(client, store):
    rid = report_with_most_facts(store) or store.query("SELECT id FROM reports LIMIT 1", [])[0]["id"]
    report = store.get_report(rid)
    r = client.get(f"/report/{rid}")
    assert r.status_code == 200
    assert page_text(r.text, "#report-text") == report.text  # offsets in the page are offsets in the text
    spans = HTMLParser(r.text).css("#report-text span.fact")
    assert len(spans) <= len(report.facts)
    for span in spans:
        f = report.facts[int(span.attributes["data-i"])]
        assert span.text() == report.text[f.start:f.end]
        assert f"s-{f.status}" in span.attributes["class"]
    facts_json = json.loads(page_text(r.text, "#facts-data"))
    assert len(facts_json) == len(report.facts)


def test_report_page_shows_facts_when_the_pipeline_finds_them(client, store):
    rid = report_with_most_facts(store)
    assert rid is not None, "the pipeline extracted no facts from the corpus"
    r = client.get(f"/report/{rid}")
    spans = HTMLParser(r.text).css("#report-text span.fact")
    assert spans, "facts should be highlighted"
    assert len(HTMLParser(r.text).css("#facts-table tbody tr")) == len(store.get_report(rid).facts)


def test_report_by_prefix_and_unknown_report(client, store):
    rid = store.query("SELECT id FROM reports LIMIT 1", [])[0]["id"]
    assert client.get(f"/report/{rid[:12]}").status_code == 200
    r = client.get("/report/0000000000000000nope")
    assert r.status_code == 404
    assert page_text(r.text, "#error-message") == "未找到该报告"
    assert page_text(client.get("/no/such/page").text, "#error-message") == "页面不存在"


def test_script_in_report_text_is_escaped(client, web_db):
    rid = web_db[1]
    r = client.get(f"/report/{rid}")
    assert r.status_code == 200
    assert SCRIPT not in r.text
    assert "&lt;script&gt;window.__xss" in r.text
    assert SCRIPT in page_text(r.text, "#report-text")  # shown as text, character for character
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_report_downloads(client, store):
    rid = report_with_most_facts(store) or store.query("SELECT id FROM reports LIMIT 1", [])[0]["id"]
    report = store.get_report(rid)
    r = client.get(f"/report/{rid}.json")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    record = json.loads(r.text)
    assert record["id"] == rid and record["text"] == report.text and len(record["facts"]) == len(report.facts)
    r = client.get(f"/report/{rid}.csv")
    rows = list(csv.DictReader(io.StringIO(r.text.lstrip("\ufeff"))))
    assert len(rows) == len(report.facts)
    assert "metric" in r.text.splitlines()[0]


def test_original_text_is_served_as_plain_text(client, store, web_db):
    rid = web_db[1]
    r = client.get(f"/report/{rid}/raw")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.text == store.raw_text(rid) and r.text != store.get_report(rid).text
    assert SCRIPT in r.text
    assert client.get("/report/ffffffffffffnope/raw").status_code == 404


# --- targets, region ------------------------------------------------------------------------------------

def count_targets(store, year: int | None = None) -> int:
    sql = ("SELECT COUNT(*) AS n FROM facts f JOIN reports r ON r.id = f.report_id "
           "WHERE f.status = 'target' AND r.canonical_id IS NULL")
    return store.query(sql + (" AND r.year = ?" if year else ""), [year] if year else [])[0]["n"]


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))


def test_targets_table_csv_and_sorting(client, store):
    n = count_targets(store)
    r = client.get("/targets?year=&sort=value&desc=1")
    assert r.status_code == 200
    assert len(HTMLParser(r.text).css("#targets-table tbody tr")) == min(50, n)
    rows = csv_rows(client.get("/targets.csv?year="))
    assert len(rows) == n
    values = [float(row["value"]) for row in rows if row["value"]]
    sorted_values = [float(row["value"]) for row in csv_rows(client.get("/targets.csv?year=&sort=value"))
                     if row["value"]]
    assert sorted_values == sorted(values)


def test_targets_default_to_the_latest_year(client, store):
    latest = store.query("SELECT MAX(year) AS y FROM reports WHERE canonical_id IS NULL", [])[0]["y"]
    rows = csv_rows(client.get("/targets.csv"))
    assert len(rows) == count_targets(store, latest)
    assert {int(row["year"]) for row in rows} <= {latest}
    assert f'<option value="{latest}" selected>' in client.get("/targets").text


def test_query_strings_never_reach_sql(client, store):
    before = store.query("SELECT COUNT(*) AS n FROM reports", [])[0]["n"]
    assert client.get("/targets?sort=year;DROP TABLE reports&desc=1").status_code == 200
    r = client.get("/targets.csv?province=' OR 1=1 --")
    assert len(r.text.lstrip("\ufeff").strip().splitlines()) == 1  # header only: nothing matches that province
    r = client.get("/search?q=%' OR 1=1 --")
    assert r.status_code == 200 and "0 " in page_text(r.text, "#result-count")
    assert client.get("/trends?terms=');DROP TABLE facts;--").status_code == 200
    assert store.query("SELECT COUNT(*) AS n FROM reports", [])[0]["n"] == before


def test_region_page_lists_its_reports(client, store):
    row = store.query("SELECT region, COUNT(*) AS n FROM reports WHERE region IS NOT NULL "
                      "GROUP BY region ORDER BY n DESC LIMIT 1", [])
    assert row, "no report has a region"
    region = row[0]["region"]
    r = client.get(f"/region/{region}")
    assert r.status_code == 200
    assert page_text(r.text, "#region-name") == region
    assert len(HTMLParser(r.text).css("table.list tbody tr")) >= row[0]["n"]
    assert client.get("/region/不存在的地方").status_code == 404


def test_region_verdicts_are_the_tracking_stage_verdicts(client, store):
    """The page rebuilds reports from the facts table (no JSON records): the verdicts must be those of
    `luoshi track` over the fully loaded reports; main targets first, plans in their own fragment."""
    from luoshi.track import load_region, track

    region = store.query("SELECT region FROM reports WHERE region IS NOT NULL GROUP BY region "
                         "ORDER BY COUNT(*) DESC LIMIT 1", [])[0]["region"]
    expected = track(load_region(store, region))
    r = client.get(f"/region/{region}/verdicts")
    assert r.status_code == 200
    key = lambda v: (v.year, v.metric, v.verdict)
    shown = [(int(tr.css("td")[0].text() or 0) or None, tr.css("td")[2].text(strip=True))
             for tr in HTMLParser(r.text).css("#verdicts-targets tbody tr")]
    targets = sorted((key(v) for v in expected if v.kind != "plan"), key=str)
    assert len(shown) == len(targets)
    assert sorted(y for y, _ in shown if y) == sorted(y for y, _, _ in targets if y)
    plans_url = HTMLParser(r.text).css_first("#verdicts-plans").attributes["data-src"]
    plans = client.get(plans_url)
    assert plans.status_code == 200
    assert len(HTMLParser(plans.text).css("#verdicts-plan-table tbody tr")) == len(
        [v for v in expected if v.kind == "plan"])
    assert 'data-src="/region/' in client.get(f"/region/{region}").text
    assert client.get("/region/不存在的地方/verdicts/plans").status_code == 404


def test_region_chart_has_points_when_targets_exist(client, store):
    rows = store.query("SELECT r.region, COUNT(*) AS n FROM facts f JOIN reports r ON r.id = f.report_id "
                       "WHERE f.status = 'target' AND f.metric IS NOT NULL AND r.region IS NOT NULL "
                       "GROUP BY r.region ORDER BY n DESC LIMIT 1", [])
    assert rows, "no target with a metric and a region in the corpus"
    r = client.get(f"/region/{rows[0]['region']}")
    assert HTMLParser(r.text).css("figure.chart-box svg circle.point")


# --- search, trends ------------------------------------------------------------------------------------

def longest_canonical(store) -> str:
    return store.query("SELECT id FROM reports WHERE canonical_id IS NULL ORDER BY n_chars DESC LIMIT 1", [])[0]["id"]


def assert_search_finds(client, store, rid: str) -> None:
    text = store.get_report(rid).text
    phrase, _ = known_phrase(text)
    r = client.get("/search", params={"q": phrase})
    assert r.status_code == 200
    links = [a.attributes["href"] for a in HTMLParser(r.text).css("#hits a.hit")]
    mine = [h for h in links if h.startswith(f"/report/{rid}#c")]
    assert mine, f"search for {phrase} should find report {rid[:12]}"
    start, end = map(int, re.search(r"#c(\d+)-(\d+)", mine[0]).groups())
    assert text[start:end] == phrase
    assert phrase in "".join(m.text() for m in HTMLParser(r.text).css("#hits .snippet mark"))


def test_search_finds_a_known_phrase_with_its_offset(client, store):
    assert_search_finds(client, store, longest_canonical(store))


def test_search_uses_the_full_text_index_when_it_is_built(tmp_path, seeds):
    """On a small database whose index is built, the query stage's ranked search answers, with the same links."""
    from fastapi.testclient import TestClient

    from luoshi.store import open_store
    from luoshi.store.ingest import ingest
    from luoshi.store.search_index import ensure_index
    from luoshi.web import data

    with open_store(str(tmp_path / "small.db")) as s:
        ingest(s, [str(p) for p in seeds.values()], jobs=1)
        ensure_index(s)
    with open_store(str(tmp_path / "small.db"), readonly=True) as s, \
            TestClient(create_app(str(tmp_path / "small.db"))) as c:
        assert data.search_index_ready(s, writable=False)
        assert_search_finds(c, s, longest_canonical(s))
        points = HTMLParser(c.get("/trends", params={"terms": "发展"}).text).css("#trend-chart circle.point")
        years = s.query("SELECT DISTINCT year FROM reports WHERE year IS NOT NULL AND canonical_id IS NULL", [])
        assert len(points) == len(years)


def test_trend_counts_are_exact_whichever_way_reports_are_found(tmp_path, seeds, monkeypatch):
    """A common term is counted in every report's text, a rarer one only in the reports the index lists: both
    give the substring counts of the clean texts (the web's trends page reads luoshi.query.trend)."""
    from luoshi.query import trend as trend_module
    from luoshi.store import open_store
    from luoshi.store.ingest import ingest
    from luoshi.store.search_index import ensure_index

    with open_store(str(tmp_path / "trend.db")) as s:
        ingest(s, [str(p) for p in seeds.values()], jobs=1)
        ensure_index(s)
        texts = s.query("SELECT year, text FROM reports WHERE canonical_id IS NULL", [])
        words = ["发展", "就业", "低空经济"]
        expected = {(y, w): sum(r["text"].count(w) for r in texts if r["year"] == y)
                    for y in {r["year"] for r in texts} for w in words}
        assert any(expected.values())
        for share in (0.0, 2.0):  # 0: every term is "common" (scan every text); 2: none is (index first)
            monkeypatch.setattr(trend_module, "COMMON_SHARE", share)
            rows = trend_module.trend(s, words, canonical_only=True)
            assert {(r["year"], r["term"]): r["count"] for r in rows} == expected


def test_search_without_query_and_filters(client):
    r = client.get("/search")
    assert r.status_code == 200 and "result-count" not in r.text
    r = client.get("/search", params={"q": "的", "year": "1800"})
    assert "0 " in page_text(r.text, "#result-count")


def test_trends_chart_has_a_point_per_year(client, store):
    years = store.query("SELECT DISTINCT year FROM reports WHERE year IS NOT NULL AND canonical_id IS NULL", [])
    r = client.get("/trends", params={"terms": "改革, 创新"})
    assert r.status_code == 200
    points = HTMLParser(r.text).css('#trend-chart svg g.series[data-name="改革"] circle.point')
    assert len(points) == len(years)
    counts = [int(td.text().split("(")[1].split("/")[0]) for td in HTMLParser(r.text).css("#trend-table td small")]
    assert sum(counts) > 0  # 改革 is used in these reports
    assert client.get("/trends").status_code == 200


# --- upload --------------------------------------------------------------------------------------------

def test_upload_is_off_by_default(client, seeds):
    assert "upload-disabled" in client.get("/upload").text
    seed = next(iter(seeds.values()))
    r = client.post("/upload", files={"file": (seed.name, seed.read_bytes(), "text/plain")})
    assert r.status_code == 403


def test_upload_of_a_seed_opens_its_report(upload_client, seeds, tmp_path):
    seed = seeds[max(seeds)]
    data = seed.read_bytes()
    r = upload_client.post("/upload", files={"file": ("../../evil/" + seed.name, data, "text/plain")},
                           follow_redirects=False)
    assert r.status_code == 303
    from luoshi.models import sha256_hex

    assert r.headers["location"] == f"/report/{sha256_hex(data)}"
    assert upload_client.get(r.headers["location"]).status_code == 200
    saved = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix == ".txt"]
    assert saved and all(p.parent == tmp_path / "data" / "uploads" for p in saved)
    assert not (tmp_path.parent / "evil").exists()


def test_upload_of_random_bytes_is_a_clear_error(upload_client):
    import random

    junk = random.Random(8).randbytes(4000)
    r = upload_client.post("/upload", files={"file": ("junk.bin", junk, "application/octet-stream")})
    assert r.status_code == 400
    message = page_text(r.text, "#upload-error")
    assert "junk.bin" in message  # the CLI's wording: "<name>: <reason>"


def test_upload_limits(upload_client):
    big = b"a" * (3 * 1024 * 1024)
    assert upload_client.post("/upload", files={"file": ("big.txt", big, "text/plain")}).status_code == 413
    assert upload_client.post("/upload", files={"file": ("empty.txt", b"", "text/plain")}).status_code == 400
    r = upload_client.post("/upload", files={"file": ("a.txt", "报告".encode(), "text/plain")},
                           headers={"Origin": "http://evil.example"})
    assert r.status_code == 403


# --- language -------------------------------------------------------------------------------------------

def test_chinese_first_with_english_toggle(client):
    client.cookies.clear()
    assert "概览" in client.get("/").text
    r = client.get("/?lang=en")
    assert "Overview" in r.text and r.cookies.get("lang") == "en"
    assert "Overview" in client.get("/targets").text  # the cookie keeps it
    assert "概览" in client.get("/?lang=zh").text
    client.cookies.clear()


# --- pure helpers ---------------------------------------------------------------------------------------

def test_highlight_escapes_and_skips_overlaps():
    text = "<b>收入</b>增长6%和5%"
    facts = [
        {"i": 0, "start": 10, "end": 12, "status": "target", "metric": "x"},
        {"i": 1, "start": 11, "end": 14, "status": "actual"},  # overlaps the first: skipped
        {"i": 2, "start": 13, "end": 15, "status": "<evil>"},
    ]
    html = str(highlighted_text(text, facts))
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert html.count('class="fact') == 2 and "s-other" in html and "<evil>" not in html
    assert HTMLParser(f"<div>{html}</div>").css_first("div").text() == text


def test_chart_points_and_ticks():
    svg = str(line_chart([Series("a<b", [(2020.0, 1.5), (2021.0, 2.5)]), Series("empty", [])]))
    assert svg.count('class="point"') == 2 and "a&lt;b" in svg and "empty" not in svg
    ticks = nice_ticks(0.3, 7.2)
    assert ticks[0] <= 0.3 and ticks[-1] >= 7.2 and len(ticks) <= 12


def test_safe_upload_names():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\x\\报告.docx") == "报告.docx"
    assert safe_name("..") == "upload.txt"


def test_fact_offsets_survive_astral_characters():
    text = "𠀀𠀁增长6%"
    report = Report(id="x", source="x", text=text, facts=[Fact("gdp", "增长", None, None, "6%", start=4, end=6)])
    html = str(highlighted_text(text, [{"i": 0, "start": f.start, "end": f.end, "status": f.status}
                                       for f in report.facts]))
    assert ">6%</span>" in html


def test_serve_command_refuses_a_missing_database(tmp_path):
    from typer.testing import CliRunner

    from luoshi.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2
    assert "cannot open the database" in result.output
    assert not (tmp_path / "missing.db").exists()  # read-only by default: nothing was created


@pytest.mark.postgres
def test_every_route_on_postgresql(pg_url, seeds):
    """The same pages over a PostgreSQL store (the seeds only, to stay quick)."""
    from fastapi.testclient import TestClient

    from luoshi.store import open_store
    from luoshi.store.ingest import ingest

    with open_store(pg_url) as s:
        ingest(s, [str(p) for p in seeds.values()], jobs=1)
        rid = s.query("SELECT id FROM reports WHERE canonical_id IS NULL ORDER BY n_chars DESC LIMIT 1", [])[0]["id"]
        text = s.get_report(rid).text
        region = s.query("SELECT region FROM reports WHERE region IS NOT NULL LIMIT 1", [])
    phrase, _ = known_phrase(text)
    with TestClient(create_app(pg_url, allow_upload=True)) as c:
        for path in ["/", "/reports?year=2024", f"/report/{rid}", f"/report/{rid}.json", f"/report/{rid}.csv",
                     f"/report/{rid}/raw", "/targets?sort=growth&desc=1", "/targets.csv", "/trends?terms=发展",
                     "/upload", "/reports.csv?doc_type=work_report", "/overview/by_year.csv",
                     f"/report/{rid}/repairs.csv", "/trends.csv?terms=发展", "/search.csv?q=发展&sort=year_asc",
                     "/regions?q=市"]:
            assert c.get(path).status_code == 200, path
        assert page_text(c.get(f"/report/{rid}").text, "#report-text") == text
        r = c.get("/search", params={"q": phrase})
        assert f"/report/{rid}#c" in r.text
        assert int(HTMLParser(r.text).css_first("#result-count").attributes["data-total"]) >= 1
        if region:
            name = region[0]["region"]
            for path in (f"/region/{name}", f"/region/{name}/verdicts", f"/region/{name}/verdicts/plans",
                         f"/region/{name}.csv", f"/region/{name}/verdicts.csv"):
                assert c.get(path).status_code == 200, path
            for href in re.findall(r'href="(/verdict/[^"]+)"', c.get(f"/region/{name}/verdicts").text)[:2]:
                assert "side-by-side" in c.get(href).text
    with open_store(pg_url) as s:  # the web app's index migration runs on PostgreSQL too
        assert s.query("SELECT 1 AS x FROM schema_migrations WHERE version = ?", [50])


def test_upload_of_a_file_with_several_reports_lists_them(upload_client, corpus):
    """A one-report-per-line file (as in the corpus) stores every report and lists links to each."""
    lines = (corpus / "raw" / "computational-class-cjc" / "gov_reports1954-2019.txt").read_text("utf-8").splitlines()
    two = sorted((line for line in lines if line.strip()), key=len)[:2]  # the two shortest keep the test quick
    r = upload_client.post("/upload", files={"file": ("two.txt", ("\n".join(two) + "\n").encode(), "text/plain")})
    assert r.status_code == 200
    links = [a.attributes["href"] for a in HTMLParser(r.text).css("#stored a")]
    assert len(links) == 2
    assert all(upload_client.get(link).status_code == 200 for link in links)


def test_trends_counted_in_memory_equal_the_database_counts(store):
    """The web app counts trends in the canonical texts held in memory; luoshi.query.trend counts them in SQL.
    Both must give the same rows for every grouping and filter (exact substring counts either way)."""
    from luoshi.query.texts import ReportTexts
    from luoshi.query.trend import trend

    texts = ReportTexts.load(store)
    assert texts is not None and len(texts) > 1
    words = ["发展", "就业", "乡村振兴", "發展", "没有这个词语"]
    for by in ("year", "province", "level", "region"):
        want = trend(store, words, by=by, canonical_only=True)
        got = trend(store, words, by=by, canonical_only=True, texts=texts)
        assert got == want and any(r["count"] for r in got)
    level = next(r["level"] for r in trend(store, ["发展"], by="level", canonical_only=True) if r["level"])
    assert (trend(store, ["发展"], level=level, year_from=2010, canonical_only=True, texts=texts)
            == trend(store, ["发展"], level=level, year_from=2010, canonical_only=True))
    assert ReportTexts.load(store, max_chars=10) is None  # a corpus too big to hold: callers count in SQL
    with pytest.raises(ValueError):
        trend(store, ["发展"], texts=texts)  # all reports asked for, but the texts hold the canonical ones only


def test_a_region_s_commitments_are_judged_in_the_background_once_its_verdicts_are_shown(client, store):
    from luoshi.web import data

    region = store.query("SELECT region FROM reports WHERE region IS NOT NULL AND canonical_id IS NULL "
                         "GROUP BY region ORDER BY COUNT(*) DESC LIMIT 1", [])[0]["region"]
    plans_key = ("verdicts", region, True, data.fingerprint(store))
    state = client.app.state
    assert client.get(f"/region/{region}/verdicts").status_code == 200
    state.background.submit(lambda: None).result(timeout=120)  # one worker, in order: the prefetch has ended
    assert plans_key in state.cache
    fragment = client.get(f"/region/{region}/verdicts/plans")
    assert fragment.status_code == 200 and "verdicts-plan-table" in fragment.text


def test_an_app_stopped_at_once_waits_for_its_start_up_work(web_db):
    """Stopping closes every connection; the start-up thread (loading texts for trends) must have finished first:
    closing a SQLite connection in the middle of its query crashed the process."""
    import threading

    from fastapi.testclient import TestClient

    for _ in range(3):
        with TestClient(create_app(str(web_db[0]))):
            pass
        assert not [t for t in threading.enumerate() if t.name == "luoshi-warm-up" and t.is_alive()]


# --- issue 18: charts and counts that agree, copies, document types, CSVs, side-by-side, English, numbers ----------

def regions_with_targets(store) -> list[str]:
    """Regions with targets, the most targets first."""
    return [r["region"] for r in store.query(
        "SELECT r.region FROM facts f JOIN reports r ON r.id = f.report_id WHERE f.status = 'target' "
        "AND f.metric IS NOT NULL AND r.region IS NOT NULL AND r.canonical_id IS NULL "
        "GROUP BY r.region ORDER BY COUNT(*) DESC, r.region", [])]


def stored_basis(store, report_id: str, start: int) -> str:
    rows = store.query("SELECT basis FROM facts WHERE report_id = ? AND start = ?", [report_id, int(start)])
    assert rows, f"a plotted point names a figure that is not stored: {report_id[:12]} @{start}"
    return rows[0]["basis"] or "annual"


def test_region_charts_plot_a_year_s_figures_only(client, store):
    """Every plotted point of every region names its stored figure, and that figure is a year's (basis annual);
    the region's multi-year figures are listed apart (the CSV's plotted = 0 rows), never plotted."""
    regions = regions_with_targets(store)
    assert regions
    apart = 0
    for region in regions:
        html = client.get(f"/region/{region}").text
        points = HTMLParser(html).css("figure.chart-box svg circle.point")
        for p in points:
            assert p.attributes["data-basis"] == "annual"
            assert stored_basis(store, p.attributes["data-report"], p.attributes["data-start"]) == "annual"
        rows = csv_rows(client.get(f"/region/{region}.csv"))
        plotted = [r for r in rows if r["plotted"] == "1"]
        assert len(plotted) >= len(points)  # the page draws at most MAX_CHARTS charts
        assert all(stored_basis(store, r["report_id"], r["start"]) == "annual" for r in plotted)
        for r in rows:
            if r["plotted"] == "0":
                apart += 1
                assert stored_basis(store, r["report_id"], r["start"]) in ("cumulative", "average")
    assert apart, "the corpus has multi-year figures (五年来…): they should be listed apart"


def test_one_measure_per_chart(client, store):
    """The surveyed unemployment rate is charted apart from the registered one (one measure per chart)."""
    region = store.query("SELECT r.region FROM facts f JOIN reports r ON r.id = f.report_id "
                         "WHERE f.metric = 'unemployment_rate' AND f.metric_text LIKE '%调查%' AND f.status = 'target' "
                         "AND r.canonical_id IS NULL GROUP BY r.region ORDER BY COUNT(*) DESC LIMIT 1", [])
    assert region, "no surveyed unemployment target in the corpus"
    rows = csv_rows(client.get(f"/region/{region[0]['region']}.csv"))
    by_chart = {r["metric"]: [] for r in rows}
    for r in rows:
        by_chart[r["metric"]].append(r)
    assert all("调查" not in r["metric_text"] for r in by_chart.get("unemployment_rate", []))
    assert all("调查" in r["metric_text"] for r in by_chart["unemployment_rate~surveyed"])


def national_verdict_rows(client) -> list:
    html = client.get("/region/全国/verdicts").text
    return HTMLParser(html).css("#verdicts-targets tbody tr")


def test_each_national_target_counted_once_with_all_its_sources(client, store):
    """A target judged by the next work report and by the communiqué is one row (and one count), the other
    source listed beside it; the summary counts equal the rows."""
    rows = national_verdict_rows(client)
    keys = [tr.css_first("a.verdict-view").attributes["href"] for tr in rows if tr.css_first("a.verdict-view")]
    assert len(keys) == len(set(keys)), "a target appears twice"
    communique = store.query("SELECT 1 AS x FROM reports WHERE doc_type = 'communique' LIMIT 1", [])
    if not communique and not extra_docs_present():
        pytest.skip(f"{EXTRA_DOCS[0]} is not in this corpus")
    assert communique, "the NBS communiqué was stored but not typed as one"
    two = [tr for tr in rows if tr.attributes.get("data-sources") == "2"]
    assert two, "the 2021 targets have two sources (the 2022 work report and the 2021 communiqué)"
    assert all(tr.css(".other-source") for tr in two)
    html = client.get("/region/全国/verdicts").text
    summary = sum(int(s.attributes["data-n"]) for s in HTMLParser(html).css(".verdict-summary .verdict"))
    assert summary == len(rows)


def test_verdict_view_shows_both_sentences_marked_exactly(client, store):
    rows = national_verdict_rows(client)
    judged = [tr for tr in rows if tr.css_first("a.verdict-view") and "v-other" not in tr.css_first("span.verdict").attributes["class"]]
    assert judged
    href = judged[0].css_first("a.verdict-view").attributes["href"]
    r = client.get(href)
    assert r.status_code == 200
    tree = HTMLParser(r.text)
    for side in ("#side-target", "#side-result"):
        quote = tree.css_first(f"{side} blockquote.sentence")
        assert quote is not None, side
        start, end = int(quote.attributes["data-mark-start"]), int(quote.attributes["data-mark-end"])
        report_id = tree.css_first(f"{side} p.muted a").attributes["href"].split("/")[2].split("#")[0]
        text = store.get_report(report_id).text
        assert quote.css_first("mark").text() == text[start:end]
        assert quote.text() in text  # the whole sentence, as stored
    assert tree.css_first("#verdict-confidence").text()
    assert tree.css_first("#verdict-method p").text()
    assert client.get("/verdict/0000/1").status_code == 404


def test_a_csv_behind_every_table(client, store):
    """Each page's tables have a CSV with the same rows (and the sentences and report ids where there are)."""
    region = regions_with_targets(store)[0]
    pages = {"/reports": "#reports-csv", "/targets?year=": "#targets-csv", "/search?q=改革": "#search-csv",
             "/trends?terms=改革,开放": "#trends-csv", f"/region/{region}": "#region-csv"}
    for path, link in pages.items():
        href = HTMLParser(client.get(path).text).css_first(link).attributes["href"]
        r = client.get(href)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv"), href
        assert csv_rows(r), href
    verdicts = client.get(f"/region/{region}/verdicts").text
    rows = csv_rows(client.get(HTMLParser(verdicts).css_first("#verdicts-csv").attributes["href"]))
    assert len(rows) == len(HTMLParser(verdicts).css("#verdicts-targets tbody tr"))
    assert {"target_sentence", "result_sentence", "target_report"} <= set(rows[0])
    assert len(csv_rows(client.get("/reports.csv"))) == store.query(
        "SELECT COUNT(*) AS n FROM reports WHERE canonical_id IS NULL", [])[0]["n"]
    assert {"sentence", "report_id"} <= set(csv_rows(client.get("/targets.csv?year="))[0])
    assert len(csv_rows(client.get("/reports.csv?province=' OR 1=1 --"))) == 0


def test_near_duplicates_are_listed_once_under_their_report(client, store):
    dup = store.query("SELECT id, canonical_id FROM reports WHERE canonical_id IS NOT NULL LIMIT 1", [])
    assert dup, "no near-duplicate in the corpus"
    canonical = store.query("SELECT COUNT(*) AS n FROM reports WHERE canonical_id IS NULL", [])[0]["n"]
    html = client.get("/reports").text
    assert page_text(html, "#reports-total").replace(",", "") == str(canonical)
    ids = [a for a in store.query("SELECT id FROM reports WHERE canonical_id IS NOT NULL", [])]
    rows = [r for r in csv_rows(client.get("/reports.csv")) if r["copies"]]
    assert sorted(i for r in rows for i in r["copies"].split("|")) == sorted(r["id"] for r in ids)
    report = client.get(f"/report/{dup[0]['canonical_id']}").text
    assert f'data-copy="{dup[0]["id"]}"' in report
    assert len(csv_rows(client.get("/reports.csv?copies=1"))) == store.query(
        "SELECT COUNT(*) AS n FROM reports", [])[0]["n"]


def test_documents_that_are_not_work_reports_are_marked_and_filterable(client, store):
    other = store.query("SELECT id, doc_type FROM reports WHERE doc_type <> 'work_report' AND canonical_id IS NULL", [])
    if not other and not extra_docs_present():
        pytest.skip(f"{EXTRA_DOCS} are not in this corpus")
    assert other, "the communiqué and the plan outline were stored as work reports"
    for doc_type in {r["doc_type"] for r in other}:
        rows = csv_rows(client.get(f"/reports.csv?doc_type={doc_type}"))
        assert sorted(r["id"] for r in rows) == sorted(r["id"] for r in other if r["doc_type"] == doc_type)
        html = client.get(f"/reports?doc_type={doc_type}").text
        assert len(HTMLParser(html).css(f'#reports-table .badge[data-doc-type="{doc_type}"]')) == len(rows)
    html = client.get("/search", params={"q": "国内生产总值", "doc_type": "communique"}).text
    groups = HTMLParser(html).css("li.hit-group")
    assert groups and all(g.css_first('.badge[data-doc-type="communique"]') for g in groups)


def test_search_has_a_total_grouped_by_report_and_sorts_by_year(client, store):
    n = store.query("SELECT COUNT(*) AS n FROM reports WHERE canonical_id IS NULL AND instr(text, ?) > 0",
                    ["改革开放"])[0]["n"]
    html = client.get("/search?q=改革开放&sort=year_asc").text
    count = HTMLParser(html).css_first("#result-count")
    assert int(count.attributes["data-reports"]) == n
    groups = HTMLParser(html).css("li.hit-group")
    ids = [g.attributes["data-report"] for g in groups]
    assert len(ids) == len(set(ids)) == min(n, 50)
    years = [int(g.attributes["data-year"] or 0) for g in groups]
    assert years == sorted(years)
    html = client.get("/search?q=改革开放&sort=year_desc").text
    years = [int(g.attributes["data-year"] or 0) for g in HTMLParser(html).css("li.hit-group")]
    assert years == sorted(years, reverse=True)


def result_count(html: str) -> dict:
    return HTMLParser(html).css_first("#result-count").attributes


@pytest.fixture(scope="module")
def indexed_client(web_db, tmp_path_factory):
    """The app over a copy of the test database whose search index covers every report (the query stage's search
    and count answer, not the scan of the texts the module's read-only database falls back to)."""
    from fastapi.testclient import TestClient

    from luoshi.store import open_store
    from luoshi.store.search_index import ensure_index

    db = tmp_path_factory.mktemp("indexed") / "indexed.db"
    shutil.copy(web_db[0], db)
    with open_store(str(db)) as s:
        ensure_index(s)
    with TestClient(create_app(str(db))) as c:
        yield c


@pytest.mark.parametrize("query", ["低空经济", "就业，民生", "碳达峰 -碳中和", "人工智能 数字经济", "发展,改革"])
def test_search_count_is_the_hits_listed(indexed_client, query):
    """Below the window the hits list holds every match: the count is their number and their reports' (a term
    with punctuation inside has its pairs in many sentences that do not hold it: those are not counted). The list
    ranks the newest 1,000 candidates (RANK_WINDOW): when they are mostly not matches (发展,改革: every sentence
    with 发展 and 改革), it can list fewer than the count finds in all of them, never more."""
    rows = csv_rows(indexed_client.get("/search.csv", params={"q": query}))
    count = result_count(indexed_client.get("/search", params={"q": query}).text)
    assert len(rows) < 100 and "data-capped" not in count
    if query == "发展,改革":
        assert int(count["data-total"]) >= len(rows)
        return
    assert int(count["data-total"]) == len(rows)
    assert int(count["data-reports"]) == len({r["report_id"] for r in rows})


def test_search_count_stops_at_its_cap(indexed_client, monkeypatch):
    """Past the cap the page says "N+": at least N matches (the count stops there, its cost bounded)."""
    from luoshi.web import data

    monkeypatch.setattr(data, "COUNT_CAP", 3)
    html = indexed_client.get("/search", params={"q": "高质量发展"}).text
    count = result_count(html)
    assert count["data-capped"] == "1" and count["data-total"] == "3"
    assert "3+" in page_text(html, "#result-count")
    assert len(HTMLParser(html).css("li.hit-group")) > 1  # the list is not cut by the count's cap


def test_a_bar_between_terms_is_or(indexed_client):
    """低空经济|新质生产力 (no spaces) is either term: hits listed, counted between the larger term and both."""
    def total(q: str) -> tuple[int, int]:
        html = indexed_client.get("/search", params={"q": q}).text
        return int(result_count(html)["data-total"]), len(HTMLParser(html).css("li.hit-group"))

    (either, listed), (low, _), (new, _) = total("低空经济|新质生产力"), total("低空经济"), total("新质生产力")
    assert listed and low and new
    assert max(low, new) <= either <= low + new


def test_region_search_and_suggestions(client, store):
    names = {r["region"] for r in store.query("SELECT DISTINCT region FROM reports WHERE region IS NOT NULL", [])}
    full = next(n for n in sorted(names) if n.endswith("省"))
    r = client.get(f"/region/{full[:-1]}")
    assert r.status_code == 404
    suggested = [a.text() for a in HTMLParser(r.text).css("#region-list a")]
    assert suggested and suggested[0] == full
    r = client.get("/regions", params={"q": full[:2]})
    assert full in [a.text() for a in HTMLParser(r.text).css("#region-list a")]


def test_english_mode_names_the_data_in_english(client, store):
    from luoshi.web.names import metric_table, variants

    region = regions_with_targets(store)[0]
    html = client.get(f"/region/{region}?lang=en").text
    captions = [c.text() for c in HTMLParser(html).css("figure.chart-box figcaption")]
    english = {v["en"] for v in metric_table().values()} | {n["en"] for vs in variants().values() for *_, n in vs}
    assert captions and all(any(c.startswith(e) for e in english) for c in captions)
    assert not any(re.search(r"[\u4e00-\u9fff]", c) for c in captions)
    verdicts = client.get(f"/region/{region}/verdicts?lang=en").text
    statuses = [s.text() for s in HTMLParser(verdicts).css("#verdicts-targets span.verdict")]
    assert statuses and not any(re.search(r"[\u4e00-\u9fff]", s) for s in statuses)
    client.get("/?lang=zh")


def test_chinese_mode_shows_no_english_quality_reasons(client, store):
    rid = store.query("SELECT id FROM reports WHERE json_extract(record_json, '$.quality.reasons') <> '[]' "
                      "LIMIT 1", [])
    assert rid, "no report with quality reasons"
    reasons = page_text(client.get(f"/report/{rid[0]['id']}?lang=zh").text, "#quality-reasons")
    assert not re.search(r"[A-Za-z]{3,}", reasons.replace("CSV", ""))
    assert re.search(r"[a-z]{3,}", page_text(client.get(f"/report/{rid[0]['id']}?lang=en").text, "#quality-reasons"))
    client.get("/?lang=zh")


def test_numbers_as_people_read_them(client, store):
    from luoshi.web import names

    assert names.growth({"growth": 5.0, "high": 5.5, "growth_unit": "%", "value": None}) == "5–5.5%"
    shown = names.amount(12_820_000_000_000, "元")
    assert "12.82万亿元" in shown and 'title="12,820,000,000,000元"' in shown
    assert "亿元" in names.amount(3_500_000_000, "元") and "万人" in names.amount(415_000, "人")
    rows = store.query("SELECT r.year FROM facts f JOIN reports r ON r.id = f.report_id WHERE f.status = 'target' "
                       "AND f.value IS NULL AND f.high IS NOT NULL AND f.growth IS NOT NULL AND r.canonical_id IS NULL "
                       "LIMIT 1", [])
    if rows:
        cells = [td.text() for td in HTMLParser(client.get(f"/targets?year={rows[0]['year']}").text).css(
            "#targets-table td.num")]
        assert any(re.fullmatch(r"\d+(\.\d+)?–\d+(\.\d+)?%", c) for c in cells)
        assert not any(c.startswith("–") for c in cells)


def test_a_report_from_a_table_row_is_titled_by_its_metadata_not_its_path(client, store):
    row = store.query("SELECT id, source, region, year FROM reports WHERE title IS NULL AND source LIKE '%#row=%' "
                      "LIMIT 1", [])
    assert row, "no untitled report read from a table row"
    title = page_text(client.get(f"/report/{row[0]['id']}").text, "#report-title")
    assert "/" not in title and "#row" not in title and str(row[0]["year"]) in title
