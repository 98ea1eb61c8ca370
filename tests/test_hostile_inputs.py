"""Hostile inputs: every one gives a result or one clear line, within its time and memory budget, and the batch
goes on (issue 19). The cases built from bytes are rows of tests/data/hostile_inputs.tsv; folders, the CLI, the
web upload and a killed ingest are tests below. Sizes are small for CI; bench/RESULTS.md has full-size figures."""

from __future__ import annotations

import csv
import io
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from luoshi.ingest import DEFAULT_LIMITS, iter_bytes, read_paths
from luoshi.ingest.limits import with_overrides
from luoshi.models import Document, IngestError

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (ROOT / "examples" / "sample_report.txt").read_text(encoding="utf-8")
LUOSHI = [sys.executable, "-m", "luoshi"]
MB = 1024 * 1024


def varied_report(n_bytes: int, seed: int = 19) -> str:
    """About n_bytes of report-like text with many distinct shingles: the sample's lines in random order with
    their figures changed (a repeated text would flatter the near-duplicate signature's memory)."""
    rng = random.Random(seed)
    lines = [line for line in SAMPLE.splitlines() if line.strip()]
    out, size = [lines[0], lines[1]], 0
    while size < n_bytes:
        line = re.sub(r"\d+(?:\.\d+)?", lambda m: str(round(rng.uniform(1, 3000), rng.choice((0, 1)))), rng.choice(lines))
        out.append(line)
        size += len(line.encode()) + 1
    return "\n".join(out) + "\n"


def compressible(n_bytes: int) -> bytes:
    """n_bytes that deflate about 300:1: a line of report text and a run of spaces, repeated."""
    chunk = SAMPLE.encode()[:1000] + b" " * 2000
    return (chunk * (n_bytes // len(chunk) + 1))[:n_bytes]


def zipped(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


# --- builders: size -> (file name, bytes) -----------------------------------------------------------------------

def zip_bomb(size: int) -> tuple[str, bytes]:
    half = size * MB // 2
    return "bomb.zip", zipped({"a.txt": compressible(half), "b.txt": compressible(half)})


def zip_of_zips(size: int) -> tuple[str, bytes]:
    inner = {f"inner{i}.zip": zip_bomb(1)[1] for i in range(size)}  # each 1 MB expanded: the outer declares little
    return "zips.zip", zipped(inner, zipfile.ZIP_STORED)


def nested_zip(depth: int) -> tuple[str, bytes]:
    data = zipped({"report.txt": SAMPLE.encode()})
    for level in range(depth):
        data = zipped({f"level{level}.zip": data}, zipfile.ZIP_STORED)
    return "nested.zip", data


def many_members(n: int) -> tuple[str, bytes]:
    return "many.zip", zipped({f"m{i:05}.txt": b"x" for i in range(n)})


def docx_bomb(size: int) -> tuple[str, bytes]:
    body = b"<w:document><w:body>" + compressible(size * MB) + b"</w:body></w:document>"
    return "bomb.docx", zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": body})


def deep_html(n: int, tag: str = "div") -> tuple[str, bytes]:
    page = f"<html><body>{f'<{tag}>' * n}深层文本{f'</{tag}>' * n}<p>之后</p></body></html>"
    return "deep.html", page.encode()


def deep_html_optgroup(n: int) -> tuple[str, bytes]:
    return deep_html(n, "optgroup")


def unclosed_html(n: int) -> tuple[str, bytes]:
    return "unclosed.html", ("<html><body>" + "<div>" * n + "深层文本").encode()


def long_text(chars: int) -> tuple[str, bytes]:
    return "long.txt", varied_report(chars * 3).encode()


def pdf_pages(pages: int) -> tuple[str, bytes]:
    """A PDF whose text passes the limit: reading stops at the page that passes it, not after the last."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for page in range(pages):
        for line in range(40):
            c.drawString(40, 800 - line * 18, f"page {page} line {line} " + "growth target " * 4)
        c.showPage()
    c.save()
    return "long.pdf", buf.getvalue()


def raw_bytes(size: int) -> tuple[str, bytes]:
    return "raw.txt", bytes(size)


BUILDERS = {f.__name__: f for f in (zip_bomb, zip_of_zips, nested_zip, many_members, docx_bomb, deep_html,
                                    deep_html_optgroup, unclosed_html, long_text, pdf_pages, raw_bytes)}


def cases() -> list:
    lines = (ROOT / "tests" / "data" / "hostile_inputs.tsv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader((line for line in lines if not line.startswith("#")), delimiter="\t")
    return [pytest.param(row, id=row["case"]) for row in rows]


def parse_limits(text: str):
    pairs = dict(kv.split("=", 1) for kv in text.split(",") if kv)
    return with_overrides(DEFAULT_LIMITS, **{k: int(v) for k, v in pairs.items()})


@pytest.mark.parametrize("case", cases())
def test_hostile_bytes_give_a_line_or_a_result_within_budget(case: dict) -> None:
    name, data = BUILDERS[case["builder"]](int(case["size"]))
    limits = parse_limits(case["limits"])
    start = time.process_time()  # CPU seconds: a budget against runaway work, not a speed figure (bench/ has those),
    items = list(iter_bytes(name, data, limits=limits))  # so other processes on a loaded machine cannot fail it
    seconds = time.process_time() - start
    tracemalloc.start()  # a second run for memory: tracing slows Python code about tenfold
    list(iter_bytes(name, data, limits=limits))
    peak = tracemalloc.get_traced_memory()[1] / MB
    tracemalloc.stop()
    kind, expected = case["expect"].split(":", 1)
    if kind == "line":
        errors = [i for i in items if isinstance(i, IngestError)]
        assert any(expected in str(e) for e in errors), items
        assert all("\n" not in str(e) for e in errors)
    else:
        assert any(isinstance(i, Document) and expected in i.text for i in items), items
    assert seconds < float(case["seconds"]), f"{case['case']}: {seconds:.1f} s"
    assert peak < float(case["mb"]), f"{case['case']}: {peak:.0f} MB"


def test_nested_archives_share_one_budget() -> None:
    """A zip of zips whose members each fit is still bounded by the one expanded total of the top archive."""
    name, data = zip_of_zips(6)  # 6 inner zips of 1 MB expanded each
    limits = with_overrides(DEFAULT_LIMITS, archive_bytes=4 * MB)
    (item,) = iter_bytes(name, data, limits=limits)
    assert isinstance(item, IngestError) and "with the archives inside it" in item.reason
    items = list(iter_bytes(name, data, limits=with_overrides(DEFAULT_LIMITS, archive_bytes=8 * MB)))
    assert len([i for i in items if isinstance(i, Document)]) == 12  # within the limit: every member read


# --- memory of one report ----------------------------------------------------------------------------------------

MEASURE = """
import resource, sys
from luoshi.ingest import read_bytes
from luoshi.store.ingest import process_for_store
warm, report = (open(path, "rb").read() for path in sys.argv[1:3])
process_for_store(read_bytes("warm.txt", warm)[0])  # what a worker loads once: data files, patterns, tables
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
process_for_store(read_bytes("report.txt", report)[0])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


def peak_rise_mb(tmp_path: Path, n_bytes: int) -> float:
    """How far one worker job on about n_bytes of report text raises a fresh process's peak RSS, after a small
    report has loaded what every report needs."""
    warm, path = tmp_path / "warm.txt", tmp_path / f"report_{n_bytes}.txt"
    warm.write_text(SAMPLE, encoding="utf-8")
    path.write_text(varied_report(n_bytes), encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", MEASURE, str(warm), str(path)], capture_output=True, text=True,
                         timeout=600, check=True)
    return int(out.stdout.strip()) / 1024


def test_a_reports_memory_is_proportional_to_its_size(tmp_path: Path) -> None:
    """What one more MB of report text adds to the peak memory of the whole worker job (pipeline, near-duplicate
    signature, table and index rows): the peak rise for 1.25 MB minus that for 0.25 MB, under 60 MB (about 35 MB
    now; 132 MB when the index's grams were cut for the whole report at once, 330 MB with MinHash's 64-column
    matrix; the issue's bound is 1 GB for 10 MB).

    Why so: peak RSS (ru_maxrss) only goes up, so each size runs in a fresh process: neither pytest's process nor
    the test order nor the other size counts. A small report first loads what a worker loads once, whatever its
    reports (data files, patterns, code-point tables: ~58 MB); the difference of two sizes then leaves out what
    every report costs (~15 MB) and is the same without that warm-up (36 MB). bench/bench_report_memory.py gives
    the figures at more sizes and on bulk text."""
    small, large = peak_rise_mb(tmp_path, MB // 4), peak_rise_mb(tmp_path, 5 * MB // 4)
    per_mb = large - small
    assert per_mb < 60, f"one more MB of text raised the peak by {per_mb:.0f} MB ({small:.0f} -> {large:.0f} MB)"


# --- folders: only regular files ---------------------------------------------------------------------------------

def folder_with(tmp_path: Path, odd_name: str, make) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SAMPLE, encoding="utf-8")
    make(folder / odd_name)
    (folder / "c.txt").write_text(SAMPLE.replace("2350", "2351"), encoding="utf-8")
    return folder


def unix_socket(path: Path) -> None:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))  # left bound until the test ends


@pytest.mark.parametrize(("make", "expected"), [
    (os.mkfifo, "FIFO"),
    (unix_socket, "socket"),
    (lambda p: p.symlink_to("/dev/zero"), "character device"),  # endless bytes if it were read
    (lambda p: p.symlink_to(p.parent / "gone.txt"), "link to nothing"),
])
def test_non_regular_files_get_one_line_and_the_next_file_is_read(tmp_path: Path, make, expected: str) -> None:
    folder = folder_with(tmp_path, "b.txt", make)
    start = time.monotonic()
    items = list(read_paths([folder]))
    assert time.monotonic() - start < 10.0  # a FIFO or a device read would block for ever: a hang, not a speed
    assert [type(i).__name__ for i in items] == ["Document", "IngestError", "Document"]
    assert items[1].source == str(folder / "b.txt") and expected in items[1].reason
    assert items[2].source == str(folder / "c.txt")


def test_fifo_does_not_block_the_command(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "b.txt", os.mkfifo)
    run = subprocess.run([*LUOSHI, "extract", str(folder)], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 1, run.stderr  # some read, one failed
    assert len(run.stdout.splitlines()) == 2
    assert f"luoshi: skipped {folder / 'b.txt'}: not a regular file (a FIFO" in run.stderr


def test_unreadable_folder_gets_one_line(tmp_path: Path, monkeypatch) -> None:
    """Root can list any folder, so the refusal is made by os.scandir itself, as for a folder without x/r rights."""
    folder = folder_with(tmp_path, "sub", os.mkdir)
    (folder / "sub" / "inside.txt").write_text(SAMPLE, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == folder / "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_paths([folder]))
    assert [(type(i).__name__, Path(i.source).name) for i in items] == [
        ("Document", "a.txt"), ("Document", "c.txt"), ("IngestError", "sub")]
    assert items[2].reason == "unreadable folder (Permission denied)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders without permission; see the scandir test above")
def test_folder_without_permission_gets_one_line(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "sub", os.mkdir)
    (folder / "sub").chmod(0)
    try:
        items = list(read_paths([folder]))
    finally:
        (folder / "sub").chmod(0o755)
    assert any(isinstance(i, IngestError) and "unreadable folder" in i.reason for i in items)


# --- the command line: escaped names, exit codes ------------------------------------------------------------------

def test_control_characters_in_names_are_shown_escaped(tmp_path: Path) -> None:
    evil = tmp_path / "x\nluoshi: forged line\x1b[2J.txt"
    evil.write_bytes(b"")
    run = subprocess.run([*LUOSHI, "extract", str(evil)], capture_output=True, text=True, timeout=60, check=False)
    lines = run.stderr.splitlines()
    assert lines == [f"luoshi: skipped {tmp_path}/x\\nluoshi: forged line\\x1b[2J.txt: empty file"]
    assert "\x1b" not in run.stderr


@pytest.mark.parametrize(("files", "code"), [(["good"], 0), (["good", "bad"], 1), (["bad"], 2)])
@pytest.mark.parametrize("command", ["extract", "targets", "clean"])
def test_exit_code_says_whether_everything_something_or_nothing_was_read(tmp_path, files, code, command):
    (tmp_path / "good.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    if command == "clean" and len(files) > 1:
        pytest.skip("clean reads one path")
    run = subprocess.run([*LUOSHI, command, *(str(tmp_path / f"{f}.txt") for f in files)], capture_output=True,
                         text=True, timeout=120, check=False)
    assert run.returncode == code, run.stderr


def test_ingest_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"")
    db = str(tmp_path / "e.db")
    runs = [subprocess.run([*LUOSHI, "ingest", *paths, "--db", db, "-q", "--jobs", "1"], capture_output=True,
                           text=True, timeout=120, check=False)
            for paths in ([str(tmp_path / "good.txt")], [str(tmp_path)], [str(tmp_path / "bad.txt")])]
    assert [r.returncode for r in runs] == [0, 1, 2], [r.stderr for r in runs]


def test_limit_options_reach_the_reader(tmp_path: Path) -> None:
    name, data = zip_bomb(4)
    (tmp_path / name).write_bytes(data)
    run = subprocess.run([*LUOSHI, "extract", str(tmp_path / name), "--max-archive-mb", "2"], capture_output=True,
                         text=True, timeout=60, check=False)
    assert run.returncode == 2 and "archive expands too far" in run.stderr and "limit 2,097,152" in run.stderr


# --- uploads -----------------------------------------------------------------------------------------------------

@pytest.fixture()
def upload_app(tmp_path: Path):
    from fastapi.testclient import TestClient

    from luoshi.store import open_store
    from luoshi.web import create_app

    db = tmp_path / "u.db"
    open_store(str(db)).close()
    app = create_app(str(db), allow_upload=True, data_dir=tmp_path / "data", upload_hosts=["127.0.0.1:8000"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        yield client, tmp_path / "data"


@pytest.mark.parametrize(("headers", "status"), [
    ({}, 303),  # not a browser: no Origin
    ({"Origin": "http://127.0.0.1:8000"}, 303),
    ({"Host": "evil.example:8000", "Origin": "http://evil.example:8000"}, 403),  # a rebinding page
    ({"Host": "evil.example:8000"}, 403),
    ({"Origin": "http://evil.example"}, 403),
    ({"Origin": "null"}, 403),
])
def test_upload_only_from_the_servers_own_address(upload_app, headers, status) -> None:
    client, data_dir = upload_app
    r = client.post("/upload", files={"file": ("r.txt", SAMPLE.encode(), "text/plain")}, headers=headers,
                    follow_redirects=False)
    assert r.status_code == status
    kept = list((data_dir / "uploads").glob("*")) if (data_dir / "uploads").exists() else []
    assert len(kept) == (1 if status == 303 else 0)


@pytest.mark.parametrize("builder", ["zip_bomb", "nested_zip", "long_text", "raw_bytes"])
def test_a_refused_upload_leaves_nothing_on_disk(upload_app, builder) -> None:
    client, data_dir = upload_app
    name, data = BUILDERS[builder]({"zip_bomb": 30, "nested_zip": 2, "long_text": 1_100_000, "raw_bytes": 100}[builder])
    r = client.post("/upload", files={"file": (name, data, "application/octet-stream")})
    assert r.status_code in (400, 413), r.text[:300]
    assert not (data_dir / "uploads").exists() or not any((data_dir / "uploads").iterdir())


def vm_kb(pid: int, field: str) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE).group(1))


def post_zip(port: int, data: bytes) -> None:
    """POST a zip to a running server's /upload as a browser form would; it must be accepted."""
    import urllib.request

    boundary = "luoshi-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.zip\"\r\n"
            f"Content-Type: application/zip\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/upload", data=body, method="POST",
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(req, timeout=600) as r:
        assert r.status == 200


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the server's memory from /proc")
def test_an_upload_cannot_raise_the_servers_memory_by_200_mb(tmp_path: Path) -> None:
    """The worst small zip the upload limits let through: members just under the text limit (1,000,000
    characters), deflated about 100:1 (two here to keep CI fast; bench/RESULTS.md: five, a 160 KB zip). Peak memory
    (VmHWM) after the upload minus before must stay under 200 MB: members are read and processed one at a time.
    Measured after a small upload (models loaded once per server, ~95 MB, are no cost of the upload's size): ~95 MB."""
    import urllib.request

    from luoshi.store import open_store

    db = tmp_path / "s.db"
    open_store(str(db)).close()
    port = 18000 + os.getpid() % 1000
    server = subprocess.Popen([*LUOSHI, "serve", "--db", str(db), "--port", str(port), "--allow-upload",
                               "--data-dir", str(tmp_path / "data")], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/upload", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        text = varied_report(24_000)
        # a small upload first: the models every report needs (prose model, word lists, OpenCC) are loaded once per
        # server, whatever the upload; what is measured is what the size of an upload adds
        post_zip(port, zipped({"warm.txt": varied_report(3_000, seed=7).encode()}))
        member = (text * (990_000 // len(text))).encode()
        data = zipped({"a.txt": member, "b.txt": member.replace("。".encode(), "，".encode(), 1)})
        assert len(data) <= 160 * 1024, len(data)
        before = vm_kb(server.pid, "VmHWM")
        post_zip(port, data)
        grown = (vm_kb(server.pid, "VmHWM") - before) / 1024
        assert grown < 200, f"the upload raised the server's peak memory by {grown:.0f} MB"
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- a killed ingest ---------------------------------------------------------------------------------------------

def children_of(pid: int) -> list[int]:
    out = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if int((p / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(p.name))
            except (OSError, IndexError, ValueError):
                pass
    return out


def alive(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def count_reports(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as c:
            return c.execute("SELECT count(*) FROM reports").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.corpus
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
def test_kill_9_of_ingest_leaves_no_worker_and_a_sound_database(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    folder = tmp_path / "reports"
    folder.mkdir()
    # enough reports that the first committed batch (at most 32 reports or 1 s: store.ingest) is not all of them
    for path in sorted((corpus / "bulk").rglob("*.md"))[:120:2]:
        (folder / f"{len(list(folder.iterdir())):03}.md").write_bytes(path.read_bytes())  # neutral names
    command = [*LUOSHI, "ingest", str(folder), "--db", str(db), "--jobs", "2", "-q"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 180
    while time.time() < deadline and proc.poll() is None and count_reports(db) < 1:
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before it could be killed"
    workers = children_of(proc.pid)
    assert len(workers) >= 2
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(5)
    assert [w for w in workers if alive(w)] == []
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = c.execute("SELECT count(*) FROM reports").fetchone()[0]
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert re.search(rf"already stored {stored},", rerun.stderr), rerun.stderr  # resumed: nothing done twice
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert c.execute("SELECT count(*) FROM reports").fetchone()[0] > stored


def test_the_server_accepts_uploads_addressed_to_its_own_addresses_only() -> None:
    from luoshi.cli.web_cmd import bound_hosts
    from luoshi.web.routes.upload import host_allowed

    loopback = frozenset(bound_hosts("127.0.0.1", 8000))
    assert {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"} <= loopback
    assert host_allowed("LOCALHOST:8000", loopback) and host_allowed("[::1]:8000", loopback)
    assert not host_allowed("127.0.0.1:8001", loopback)  # another port is another server
    assert not host_allowed("evil.example:8000", loopback)
    assert bound_hosts("192.0.2.7", 8000) == ["192.0.2.7:8000"]
    assert {"127.0.0.1", "127.0.0.1:80"} <= set(bound_hosts("0.0.0.0", 80))  # port 80 is left out of Host
