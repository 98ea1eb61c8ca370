"""Ingest at scale: a 10,000-report corpus built from the ~1,700 real ones, stored with `luoshi ingest`'s engine.

    .venv/bin/python bench/bench_corpus.py [--n 10000] [--jobs 2] [--db /tmp/luoshi_bench.db] [--time-box 1200]

How the corpus is built (deterministic: the same corpus on every run and machine). The real documents of
../shared/corpus (bulk/, raw/, seeds/; every format, read by luoshi.ingest) are streamed in path order. Each
real document is used as is (its original bytes), followed by K variants of its decoded text, K = 5 so that
1,700 × 6 ≥ 10,000. Variant k of a document is made with random.Random(f"{id}:{k}"):
  - paragraph shuffle: the text is cut into blocks at heading-like lines (short lines without a full stop);
    inside each block, the order of the paragraphs (lines) is shuffled;
  - number jitter: each number in the text (but years 1900-2099) has its last digit changed with probability 0.3.
The variant's bytes are its text as UTF-8, so every variant has a new id (nothing is skipped as "same bytes"),
and each must be cleaned, parsed and extracted like a new report. Variants are near-duplicates of their original
(shuffles keep most 5-character shingles) and will mostly be linked to it, as in a real corpus with copies.
The corpus is generated on the fly (never written to disk, never held whole in memory).

What is measured: reports stored per second (wall clock, --jobs worker processes, writes in the main
process), database size (file + WAL), peak resident memory of the main process and of the largest worker
(getrusage), and CPU seconds per report (main + workers): on a shared machine the wall-clock rate depends on the
other load, so the CPU figure gives the rate on cores of its own. With --time-box, admission of new documents stops after that many seconds and the rate is
extrapolated to --n (say so when reporting).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from luoshi.ingest import read_paths
from luoshi.models import Document, IngestError
from luoshi.store import open_store
from luoshi.store.ingest import IngestSummary, ingest

SHARED = Path(os.environ.get("LUOSHI_SHARED", Path(__file__).resolve().parents[2] / "shared"))
VARIANTS = 5
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
SENTENCE_END = ("。", "；", "：", "！", "？", ".", ";")


def real_paths() -> list[str]:
    corpus = SHARED / "corpus"
    return [str(corpus / d) for d in ("bulk", "raw", "seeds")]


def perturb(text: str, seed: str) -> str:
    """One deterministic variant: paragraphs shuffled within sections, ~30% of numbers' last digit changed."""
    rng = random.Random(seed)
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and len(stripped) <= 30 and not stripped.endswith(SENTENCE_END):
            blocks.append([line])  # a heading starts a block and stays first in it
        else:
            blocks[-1].append(line)
    out = list(blocks[0])  # the front (title, front matter) stays as it is
    for block in blocks[1:]:
        body = block[1:]
        rng.shuffle(body)
        out += block[:1] + body

    def jitter(m: re.Match) -> str:
        s = m.group(0)
        if rng.random() >= 0.3 or (s.isdigit() and len(s) == 4 and 1900 <= int(s) <= 2099):  # years stay: metadata depends on them
            return s
        return s[:-1] + str((int(s[-1]) + rng.randint(1, 9)) % 10)

    return NUMBER.sub(jitter, "\n".join(out))


def bench_documents(n: int, variants: int = VARIANTS) -> Iterator[Document | IngestError]:
    """The first n documents of the bench corpus (see the module docstring)."""
    produced = 0
    for item in read_paths(real_paths()):
        if isinstance(item, IngestError):
            continue
        yield item
        produced += 1
        for k in range(1, variants + 1):
            if produced >= n:
                return
            text = perturb(item.text, f"{item.id}:{k}")
            yield Document(source=f"{item.source}#variant={k}", data=text.encode("utf-8"), text=text,
                           fmt=item.fmt if item.fmt in ("md", "txt") else "txt", hints=dict(item.hints))
            produced += 1
        if produced >= n:
            return


def time_boxed(items: Iterator, seconds: float | None) -> Iterator:
    start = time.perf_counter()
    for item in items:
        if seconds is not None and time.perf_counter() - start > seconds:
            return
        yield item


def db_size(path: str) -> int:
    return sum(os.path.getsize(path + suffix) for suffix in ("", "-wal", "-shm") if os.path.exists(path + suffix))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="reports in the bench corpus")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--db", default="/tmp/luoshi_bench.db", help="SQLite file (replaced) or postgresql:// URL")
    ap.add_argument("--time-box", type=float, default=None, help="stop admitting documents after this many seconds")
    args = ap.parse_args()
    if not args.db.startswith("postgres"):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(args.db + suffix):
                os.remove(args.db + suffix)
    summary = IngestSummary()
    last = [time.perf_counter()]

    def tick(s: IngestSummary, source: str) -> None:
        if time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            print(f"  … read {s.read} stored {s.stored} in {last[0] - start:.0f} s", file=sys.stderr)

    with open_store(args.db) as store:
        start = time.perf_counter()
        ingest(store, [], jobs=args.jobs, documents=time_boxed(bench_documents(args.n), args.time_box),
               summary=summary, on_progress=tick)
        elapsed = time.perf_counter() - start
        n_facts = store.count("facts")
        if store.dialect == "postgresql":
            pg_size = store.query("SELECT pg_database_size(current_database()) AS n")[0]["n"]
    rate = summary.stored / elapsed
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_main, cpu_workers = own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime
    per_report = (cpu_main + cpu_workers) / max(summary.stored, 1)
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    size_mb = (pg_size if args.db.startswith("postgres") else db_size(args.db)) / 1e6
    print(f"reports read {summary.read}, stored {summary.stored}, near-duplicates linked {summary.near_duplicates}, "
          f"failed {len(summary.failed)}, facts {n_facts}")
    print(f"jobs {args.jobs}: {elapsed:.1f} s, {rate:.1f} reports/s"
          + (f" (time-boxed; {args.n} reports would take ~{args.n / rate / 60:.1f} min)" if summary.read < args.n
             else ""))
    print(f"database {size_mb:.0f} MB ({size_mb * 1e3 / max(summary.stored, 1):.0f} kB/report); peak RSS main "
          f"{self_mb:.0f} MB, largest worker {child_mb:.0f} MB; load average {os.getloadavg()[0]:.1f}")
    print(f"CPU: main {cpu_main:.0f} s (reading, writing), workers {cpu_workers:.0f} s (processing); "
          f"{per_report * 1e3:.0f} ms CPU per report, so ~{min(args.jobs, 2) / per_report:.1f} reports/s on "
          f"{min(args.jobs, 2)} cores the bench does not share")
    for source, reason in summary.failed[:10]:
        print(f"  failed {source}: {reason}")


if __name__ == "__main__":
    main()
