"""End to end in headless Chromium (Debian's /usr/bin/chromium driven by playwright) on a database ingested from
the shared corpus: every page, a fact's details, a search hit opening the report at its place, charts with points,
uploads (a seed report, random bytes), and a report whose text holds a <script> tag. Screenshots of each page go to
artifacts/screenshots/ (the folder is printed at the end of the run)."""

from __future__ import annotations

import contextlib
import hashlib
import random
import re
import shutil
import socket
import threading
import time
from pathlib import Path
from typing import Self

import pytest
from test_web_app import known_phrase, shared_db

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "artifacts" / "screenshots"

if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package (pip)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BackgroundServer:
    """uvicorn serving an app on 127.0.0.1 and a free port, in a daemon thread."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the web server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def db(tmp_path_factory, corpus, seeds) -> tuple[Path, str]:
    return shared_db(tmp_path_factory, corpus, seeds)


@pytest.fixture(scope="module")
def store(db):
    from luoshi.store import open_store

    with open_store(str(db[0]), readonly=True) as s:
        yield s


@pytest.fixture(scope="module")
def server(db):
    from luoshi.web import create_app

    with BackgroundServer(create_app(str(db[0]))) as s:
        yield s


@pytest.fixture(scope="module")
def upload_server(db, tmp_path_factory):
    from luoshi.web import create_app

    folder = tmp_path_factory.mktemp("webu")
    shutil.copy(db[0], folder / "upload.db")
    app = create_app(str(folder / "upload.db"), allow_upload=True, data_dir=folder / "data",
                     max_upload_bytes=5 * 1024 * 1024)
    with BackgroundServer(app) as s:
        yield s


@pytest.fixture(scope="module")
def browser(request):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
    line = f"\nweb screenshots: {SHOTS} ({len(list(SHOTS.glob('*.png')))} files)"
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print(line)


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    p.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    p.js_errors = errors
    yield p
    context.close()
    assert not errors, f"JavaScript errors or dialogs on the page: {errors}"


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def most_facts(store) -> str | None:
    rows = store.query("SELECT report_id, COUNT(*) AS n FROM facts GROUP BY report_id ORDER BY n DESC LIMIT 1", [])
    return rows[0]["report_id"] if rows else None


def busiest_region(store) -> str | None:
    rows = store.query("SELECT r.region FROM facts f JOIN reports r ON r.id = f.report_id WHERE f.status = 'target' "
                       "AND f.metric IS NOT NULL AND r.region IS NOT NULL AND r.canonical_id IS NULL "
                       "GROUP BY r.region ORDER BY COUNT(*) DESC LIMIT 1", [])
    return rows[0]["region"] if rows else None


def all_pages(store, server) -> dict[str, str]:
    rid = most_facts(store) or store.query("SELECT id FROM reports ORDER BY n_chars DESC LIMIT 1", [])[0]["id"]
    pages = {
        "overview": "/", "reports": "/reports", "targets": "/targets", "search": "/search?q=改革",
        "trends": "/trends?terms=改革,创新,高质量发展", "upload": "/upload", "report": f"/report/{rid}",
        "regions": "/regions?q=江苏",
    }
    region = busiest_region(store)
    if region:
        pages["region"] = f"/region/{region}"
    return pages


def test_every_page_renders(page, server, store):
    """Every page in both languages (screenshots name-zh.png and name-en.png), and the not-found page."""
    pages = all_pages(store, server)
    for lang in ("zh", "en"):
        for name, path in pages.items():
            response = page.goto(server.url + path + ("&" if "?" in path else "?") + f"lang={lang}")
            assert response.status == 200, path
            assert page.locator("header.top nav a.active").count() == 1
            if name == "region":
                page.locator("#verdicts-box #verdicts, #verdicts-box #verdicts-none").first.wait_for()
            shot(page, f"{name}-{lang}")
        href = page.goto(server.url + "/region/全国/verdicts").ok and page.locator("a.verdict-view").first
        if href and href.count():
            page.goto(server.url + href.get_attribute("href") + f"?lang={lang}")
            shot(page, f"verdict-{lang}")
        response = page.goto(server.url + f"/region/江苏?lang={lang}")
        assert response.status == 404
        shot(page, f"region-not-found-{lang}")
        page.js_errors[:] = [e for e in page.js_errors if "status of 404" not in e]


def test_no_cumulative_figure_is_plotted_on_any_region_page(page, server, store):
    """On the region page of every region with targets, each plotted point is a stored figure whose basis is a
    year's (annual): no five-year total or multi-year average is drawn as a year's result."""
    regions = [r["region"] for r in store.query(
        "SELECT DISTINCT r.region FROM facts f JOIN reports r ON r.id = f.report_id WHERE f.status = 'target' "
        "AND f.metric IS NOT NULL AND r.region IS NOT NULL AND r.canonical_id IS NULL", [])]
    assert regions
    checked = 0
    for region in regions:
        page.goto(f"{server.url}/region/{region}")
        points = page.eval_on_selector_all(
            "figure.chart-box svg circle.point",
            "cs => cs.map(c => [c.dataset.report, Number(c.dataset.start), c.dataset.basis])")
        for report_id, start, basis in points:
            stored = store.query("SELECT basis FROM facts WHERE report_id = ? AND start = ?", [report_id, start])
            assert stored and (stored[0]["basis"] or "annual") == "annual" == basis, (region, report_id, start)
            checked += 1
        page.locator("#verdicts-box #verdicts, #verdicts-box #verdicts-none").first.wait_for()
    assert checked


def test_each_national_target_counted_once(page, server, store):
    page.goto(f"{server.url}/region/全国")
    page.locator("#verdicts-box #verdicts, #verdicts-box #verdicts-none").first.wait_for()
    rows = page.locator("#verdicts-targets tbody tr")
    links = page.eval_on_selector_all("#verdicts-targets a.verdict-view", "as => as.map(a => a.getAttribute('href'))")
    assert len(links) == len(set(links)) and links
    counted = sum(int(n) for n in page.eval_on_selector_all(".verdict-summary .verdict", "s => s.map(x => x.dataset.n)"))
    assert counted == rows.count()
    if store.query("SELECT 1 AS x FROM reports WHERE doc_type = 'communique' LIMIT 1", []):
        both = page.locator('#verdicts-targets tbody tr[data-sources="2"]')
        assert both.count() > 0
        both.first.scroll_into_view_if_needed()
        shot(page, "national-verdicts-sources")


def test_a_csv_behind_every_table(page, server, store):
    """Every table on every page has a CSV link in its section that downloads rows."""
    pages = all_pages(store, server)
    pages.pop("upload")
    for name, path in pages.items():
        page.goto(server.url + path)
        if name == "region":
            page.locator("#verdicts-box #verdicts, #verdicts-box #verdicts-none").first.wait_for()
        links = page.eval_on_selector_all(
            "table, ol.hits", "ts => ts.map(t => { const box = t.closest('section, figure, #verdicts, .side-by-side, main');"
            " const a = box && box.querySelector('a[href*=\".csv\"]'); return a ? a.href : null; })")
        assert all(links), f"{name}: a table without a CSV link"
        assert links or name == "regions", f"{name}: no table found"
        for href in set(links):
            response = page.request.get(href)
            assert response.ok and response.headers["content-type"].startswith("text/csv"), href


def test_a_verdict_side_by_side(page, server, store):
    page.goto(f"{server.url}/region/全国")
    page.locator("#verdicts-box #verdicts").wait_for()
    page.locator("#verdicts-targets a.verdict-view").first.click()
    page.wait_for_selector("#side-by-side")
    for side in ("#side-target", "#side-result"):
        quote = page.locator(f"{side} blockquote.sentence")
        start, end = int(quote.get_attribute("data-mark-start")), int(quote.get_attribute("data-mark-end"))
        report_id = page.locator(f"{side} p.muted a").get_attribute("href").split("/")[2].split("#")[0]
        assert page.locator(f"{side} mark").inner_text() == store.get_report(report_id).text[start:end]
    boxes = [page.locator(side).bounding_box() for side in ("#side-target", "#side-result")]
    assert boxes[0]["x"] < boxes[1]["x"] and abs(boxes[0]["y"] - boxes[1]["y"]) < 5, "side by side"
    assert page.locator("#verdict-confidence").inner_text()
    shot(page, "verdict-side-by-side")


def test_english_mode_names_metrics_in_english(page, server, store):
    from luoshi.web.names import metric_table

    region = busiest_region(store)
    page.goto(f"{server.url}/region/{region}?lang=en")
    captions = page.locator("figure.chart-box figcaption").all_inner_texts()
    english = [v["en"] for v in metric_table().values()]
    assert captions and sum(any(c.startswith(e) for e in english) for c in captions) >= len(captions) - 1
    assert not any(re.search(r"[\u4e00-\u9fff]", c) for c in captions)
    page.locator("#verdicts-box #verdicts").wait_for()
    assert not any(re.search(r"[\u4e00-\u9fff]", s) for s in page.locator("#verdicts-targets span.verdict").all_inner_texts())
    page.locator("figure.chart-box").first.scroll_into_view_if_needed()
    shot(page, "region-en-names")


def test_a_fact_is_highlighted_and_shows_its_value(page, server, store):
    rid = most_facts(store)
    assert rid is not None, "the pipeline extracted no facts from the corpus"
    report = store.get_report(rid)
    page.goto(f"{server.url}/report/{rid}")
    span = page.locator("#report-text span.fact").first
    fact = report.facts[int(span.get_attribute("data-i"))]
    span.scroll_into_view_if_needed()
    span.hover()
    tip = page.locator("#fact-tip")
    tip.wait_for(state="visible")
    assert fact.value_text in tip.inner_text()
    shot(page, "report-fact")
    page.click("#raw summary")  # the original as ingested is fetched when opened
    sync_api.expect(page.locator("#raw-text")).not_to_be_empty()


def test_search_link_opens_the_report_at_the_place(page, server, store):
    rid = store.query("SELECT id FROM reports WHERE canonical_id IS NULL ORDER BY n_chars DESC LIMIT 1", [])[0]["id"]
    phrase, _ = known_phrase(store.get_report(rid).text)
    page.goto(server.url + "/search")
    page.fill("#q", phrase)
    page.press("#q", "Enter")
    page.wait_for_selector("#hits")
    shot(page, "search-results")
    link = page.locator(f'#hits a.hit[href^="/report/{rid}#c"]').first
    link.click()
    page.wait_for_selector("mark.jump")
    assert re.search(r"#c\d+", page.url)
    assert "".join(page.locator("mark.jump").all_inner_texts()) == phrase
    box = page.locator("#jump-target").bounding_box()
    assert box and 0 <= box["y"] <= 900, "the marked place is scrolled into view"
    shot(page, "search-opened")


def test_charts_render_with_data_points(page, server, store):
    assert store.query("SELECT 1 AS x FROM reports WHERE year IS NOT NULL AND instr(text, ?) > 0 LIMIT 1", ["改革"]), "no report has a year: nothing to chart over years"
    page.goto(server.url + "/trends?terms=改革,创新")
    points = page.locator("#trend-chart svg circle.point")
    assert points.count() > 0
    box = points.first.bounding_box()
    assert box and box["width"] > 0
    shot(page, "trends-chart")
    rows = store.query("SELECT r.region, COUNT(*) AS n FROM facts f JOIN reports r ON r.id = f.report_id "
                       "WHERE f.status = 'target' AND f.metric IS NOT NULL AND r.region IS NOT NULL "
                       "GROUP BY r.region ORDER BY n DESC LIMIT 1", [])
    if rows:
        page.goto(f"{server.url}/region/{rows[0]['region']}")
        assert page.locator("figure.chart-box svg circle.point").count() > 0
        page.locator("figure.chart-box").first.scroll_into_view_if_needed()
        shot(page, "region-chart")
        page.locator("#verdicts-box #verdicts, #verdicts-box #verdicts-none").first.wait_for()  # fetched after load
        page.locator("#verdicts-box").evaluate("box => box.scrollIntoView()")
        shot(page, "region-verdicts")


def test_upload_of_a_seed_and_of_random_bytes(page, upload_server, seeds):
    seed = seeds[min(seeds)]
    page.goto(upload_server.url + "/upload")
    shot(page, "upload-form")
    page.set_input_files("#file", str(seed))
    page.click("#upload-submit")
    page.wait_for_url(re.compile(r".*/report/[0-9a-f]{64}$"))
    assert page.locator("#report-text").inner_text().strip()
    shot(page, "upload-opened")

    # Dropping a file on the zone submits it the same way.
    other = seeds[max(seeds)]
    page.goto(upload_server.url + "/upload")
    transfer = page.evaluate_handle(
        "([bytes, name]) => { const dt = new DataTransfer(); "
        "dt.items.add(new File([new Uint8Array(bytes)], name, {type: 'text/plain'})); return dt; }",
        [list(other.read_bytes()), other.name])
    page.dispatch_event("#upload-form", "drop", {"dataTransfer": transfer})
    page.wait_for_url(re.compile(r".*/report/[0-9a-f]{64}$"))
    assert page.url.endswith(hashlib.sha256(other.read_bytes()).hexdigest())
    assert page.locator("#report-text").inner_text().strip()

    page.goto(upload_server.url + "/upload")
    junk = random.Random(8).randbytes(5000)
    page.set_input_files("#file", files=[{"name": "junk.bin", "mimeType": "application/octet-stream", "buffer": junk}])
    page.click("#upload-submit")
    error = page.locator("#upload-error")
    error.wait_for(state="visible")
    assert "junk.bin" in error.inner_text()
    shot(page, "upload-error")
    # The refusal is an HTTP 400 page, which Chromium also logs to the console: that one is expected.
    page.js_errors[:] = [e for e in page.js_errors if "status of 400" not in e]


def test_script_tag_in_a_report_renders_as_text(page, server, db):
    page.goto(f"{server.url}/report/{db[1]}")
    assert page.evaluate("window.__xss") is None
    assert "<script>window.__xss" in page.locator("#report-text").inner_text()
    shot(page, "report-script-tag")


def test_english_toggle(page, server):
    page.goto(server.url + "/")
    assert page.locator("header nav a.active").inner_text() == "概览"
    page.click("#lang-toggle")
    page.wait_for_url(re.compile(r".*lang=en"))
    assert page.locator("header nav a.active").inner_text() == "Overview"
    page.goto(server.url + "/targets")
    assert page.locator("header nav a.active").inner_text() == "Targets"
    shot(page, "targets-en")
