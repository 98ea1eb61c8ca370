"""The "Done when" figures of issue 19, at full size, through the real commands (tests use small sizes).

    .venv/bin/python bench/bench_hostile.py [--only NAME ...] [--work /tmp/luoshi_hostile]

Each figure is wall time and peak memory of a fresh `luoshi` process (/usr/bin/time -v, "Maximum resident set
size": the largest process of the command, workers included), or for the server its VmHWM before and after one
upload. The 10 MB report is bulk reports of the shared corpus run together (none of eval/stratified/sample.tsv);
without ../shared it is the sample report's lines with figures changed.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LUOSHI = [str(ROOT / ".venv" / "bin" / "luoshi")]
SAMPLE = (ROOT / "examples" / "sample_report.txt").read_text(encoding="utf-8")
MB = 1024 * 1024


def timed(command: list[str], timeout: float = 1200) -> tuple[float, float, int, str]:
    """(seconds, peak MB, exit code, last stderr line) of one command under /usr/bin/time -v."""
    start = time.monotonic()
    run = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True, timeout=timeout,
                         check=False)
    seconds = time.monotonic() - start
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1)) / 1024
    lines = [line for line in run.stderr.splitlines() if line.startswith(("luoshi:", "read ", "failed "))]
    return seconds, peak, run.returncode, (lines[0] if lines else "")[:160]


def report_text(n_bytes: int) -> str:
    bulk = SHARED / "corpus" / "bulk" / "lawtext-gov" / "政府工作报告-省自治区"
    if bulk.is_dir():
        sample = ROOT / "eval" / "stratified" / "sample.tsv"
        excluded = {row["file"] for row in csv.DictReader(sample.open(encoding="utf-8"), delimiter="\t")}
        parts, size = [], 0
        for path in sorted(bulk.rglob("*.md")):
            if str(path.relative_to(SHARED / "corpus")) in excluded:
                continue
            parts.append(path.read_text(encoding="utf-8"))
            size += len(parts[-1].encode())
            if size >= n_bytes:
                break
        return "\n".join(parts)
    rng = random.Random(19)
    lines = [line for line in SAMPLE.splitlines() if line.strip()]
    out, size = [], 0
    while size < n_bytes:
        out.append(re.sub(r"\d+", lambda m: str(rng.randint(1, 3000)), rng.choice(lines)))
        size += len(out[-1].encode()) + 1
    return "\n".join(out)


def compressible(n_bytes: int) -> bytes:
    chunk = SAMPLE.encode()[:1000] + b" " * 2000  # deflates about 330:1
    return (chunk * (n_bytes // len(chunk) + 1))[:n_bytes]


def zipped(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def big_report(work: Path) -> list[str]:
    path = work / "report10.md"
    path.write_text(report_text(10 * MB), encoding="utf-8")
    out = []
    for jobs in (1, 2):
        db = work / f"r10-{jobs}.db"
        db.unlink(missing_ok=True)
        s, peak, code, line = timed([*LUOSHI, "ingest", str(path), "--db", str(db), "--jobs", str(jobs), "-q"])
        out.append(f"| 10 MB report ({path.stat().st_size / MB:.1f} MB), `luoshi ingest --jobs {jobs}` | {s:.1f} s | "
                   f"{peak:.0f} MB | {code} | {line} |")
    return out


def zip_bombs(work: Path) -> list[str]:
    bomb = zipped({f"m{i:02}.txt": compressible(20 * MB) for i in range(20)})
    (work / "bomb.zip").write_bytes(bomb)
    inner = {f"inner{i:02}.zip": zipped({"m.txt": compressible(20 * MB)}) for i in range(20)}
    (work / "zips.zip").write_bytes(zipped(inner, zipfile.ZIP_STORED))
    out = []
    for name, what in (("bomb.zip", "zip of 20 x 20 MB text"), ("zips.zip", "zip of 20 zips of 20 MB text")):
        size = (work / name).stat().st_size
        s, peak, code, line = timed([*LUOSHI, "extract", str(work / name)])
        out.append(f"| {what}, {size / MB:.2f} MB expanding {400 * MB // size}:1 to 400 MB, `luoshi extract` | "
                   f"{s:.2f} s | {peak:.0f} MB | {code} | {line} |")
        from luoshi.ingest import read_bytes

        start = time.monotonic()
        read_bytes(name, (work / name).read_bytes())
        out.append(f"| the same, `read_bytes` in-process (no start-up) | {time.monotonic() - start:.3f} s | | | |")
    return out


def fifo_and_html(work: Path) -> list[str]:
    folder = work / "fifo"
    if folder.exists():
        for p in folder.iterdir():
            p.unlink()
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(SAMPLE, encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    (folder / "c.txt").write_text(SAMPLE.replace("2350", "2351"), encoding="utf-8")
    s, peak, code, line = timed([*LUOSHI, "extract", str(folder)], timeout=60)
    out = [(f"| FIFO between two reports in a folder, `luoshi extract` (2 records out) | {s:.2f} s | {peak:.0f} MB | "
            f"{code} | {line} |")]
    from luoshi.ingest import read_paths

    start = time.monotonic()
    items = list(read_paths([folder]))
    out.append(f"| the same folder, `read_paths` in-process (no start-up, no processing) | "
               f"{time.monotonic() - start:.3f} s | | | {[type(i).__name__ for i in items]} |")
    n = 100_000
    page = work / "deep.html"
    page.write_text(f"<html><body>{'<div>' * n}深层文本{'</div>' * n}</body></html>", encoding="utf-8")
    s, peak, code, line = timed([*LUOSHI, "extract", str(page)])
    out.append(f"| 100,000 nested divs ({page.stat().st_size / MB:.1f} MB), `luoshi extract` | {s:.2f} s | "
               f"{peak:.0f} MB | {code} | {line or 'a record'} |")
    from luoshi.ingest import read_bytes

    start = time.monotonic()
    (doc,) = read_bytes("deep.html", page.read_bytes())
    out.append(f"| the same page, `read_bytes` in-process | {time.monotonic() - start:.2f} s | | | "
               f"text {doc.text.strip()!r} |")
    return out


def vm_kb(pid: int, field: str) -> int:
    return int(re.search(rf"^{field}:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.MULTILINE).group(1))


def post(port: int, name: str, data: bytes, headers: dict[str, str] | None = None) -> int:
    boundary = "luoshi-bench"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/upload", data=body, method="POST",
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=1200) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def upload(work: Path) -> list[str]:
    from luoshi.store import open_store

    db = work / "up.db"
    db.unlink(missing_ok=True)
    open_store(str(db)).close()
    data_dir = work / "updata"
    port = 18700
    server = subprocess.Popen([*LUOSHI, "serve", "--db", str(db), "--port", str(port), "--allow-upload",
                               "--data-dir", str(data_dir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = []
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/upload", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        text = report_text(30_000)[:4_000]  # repeated within deflate's 32 KB window: about 100:1
        member = (text * (990_000 // len(text))).encode()
        zip160 = zipped({f"m{i}.txt": member.replace("。".encode(), "，".encode(), i + 1) for i in range(6)})
        before, rss = vm_kb(server.pid, "VmHWM"), vm_kb(server.pid, "VmRSS")
        start = time.monotonic()
        status = post(port, "r.zip", zip160)
        s = time.monotonic() - start
        grown = (vm_kb(server.pid, "VmHWM") - before) / 1024
        out.append(f"| upload of a {len(zip160) / 1024:.0f} KB zip (6 members of {len(member.decode()):,} characters, "
                   f"{6 * len(member) / MB:.1f} MB expanded) | {s:.1f} s | +{grown:.0f} MB peak over {rss / 1024:.0f}"
                   f" MB | HTTP {status} | |")
        kept = len(list((data_dir / "uploads").iterdir()))
        bomb = zipped({f"m{i}.txt": compressible(20 * MB) for i in range(2)})
        status = post(port, "bomb.zip", bomb)
        after = len(list((data_dir / "uploads").iterdir()))
        out.append(f"| upload of a {len(bomb) / 1024:.0f} KB zip expanding to 40 MB | | | HTTP {status} | "
                   f"files kept: {after - kept} |")
        status = post(port, "r.txt", SAMPLE.encode(), {"Host": f"evil.example:{port}",
                                                        "Origin": f"http://evil.example:{port}"})
        out.append(f"| upload with Host and Origin of another site | | | HTTP {status} | |")
    finally:
        server.terminate()
        server.wait(timeout=60)
    return out


def kill9(work: Path) -> list[str]:
    raw = SHARED / "corpus" / "raw"
    if not raw.is_dir():
        return ["| kill -9 of ingest | needs ../shared | | | |"]
    db = work / "k9.db"
    db.unlink(missing_ok=True)
    command = [*LUOSHI, "ingest", str(raw), "--db", str(db), "--jobs", "2", "-q"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import sqlite3

    def count() -> int:
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as c:
                return c.execute("SELECT count(*) FROM reports").fetchone()[0]
        except sqlite3.Error:
            return 0

    while count() < 10:
        time.sleep(0.05)
    workers = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _ppid(p) == proc.pid]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    start = time.monotonic()
    while any(_alive(w) for w in workers) and time.monotonic() - start < 120:
        time.sleep(0.01)
    gone = time.monotonic() - start
    with sqlite3.connect(db) as c:
        check = c.execute("PRAGMA integrity_check").fetchone()[0]
    _, _, code, line = timed(command)
    return [(f"| kill -9 of `luoshi ingest --jobs 2` ({len(workers)} workers) | workers gone {gone:.2f} s later | | "
             f"integrity_check {check} | rerun: exit {code}, {line} |")]


def _ppid(p: Path) -> int:
    try:
        return int((p / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def _alive(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


FIGURES = {"report": big_report, "zip": zip_bombs, "fifo": fifo_and_html, "upload": upload, "kill": kill9}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="*", choices=sorted(FIGURES))
    parser.add_argument("--work", default="/tmp/luoshi_hostile")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    print("| input | time | peak memory | exit / status | line |\n|---|---:|---:|---|---|")
    for name in args.only or FIGURES:
        for row in FIGURES[name](work):
            print(row, flush=True)


if __name__ == "__main__":
    sys.exit(main())
