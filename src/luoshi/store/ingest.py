"""Batch ingest: read → process in worker processes → store in the main process, one transaction per batch.

Why this shape: processing (clean, parse, extract, MinHash) is CPU-bound pure Python, so it runs in `jobs` worker
processes; a database has one writer, so all writes happen in the main process. Reports are written in batches
(up to BATCH_REPORTS, or what BATCH_SECONDS gathered), one transaction per batch and a savepoint per report: a
kill at any moment loses at most the batch being written and never leaves half of a report, and one commit per
batch instead of per report spares the search index most of its segment flushes and merges (the main process's
largest cost). The search index's rows are segmented in the workers too and written with their report.
Documents are streamed from `read_paths` with a bounded number in flight, so memory does not grow with the
corpus. Ids (sha256 of the raw bytes) already stored are skipped before processing, and a file whose bytes are a
stored report is not even decoded (`read_paths(known=...)`): a re-run costs about the share of files that changed,
and an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace

from ..ingest import read_paths
from ..ingest.limits import DEFAULT_LIMITS, Limits
from ..ingest.readers import Known
from ..models import Document, IngestError, Report, printable
from ..pipeline import process
from . import neardup
from .base import Store
from .packing import pack_raw
from .records import record_rest, store_rows
from .search_index import prepare, report_index_rows, write_pending, write_rows


@dataclass
class IngestSummary:
    read: int = 0  # documents read (files, archive members, table rows)
    stored: int = 0
    already_stored: int = 0  # same bytes as a report stored by an earlier run
    duplicates: int = 0  # same bytes as another document of this run
    near_duplicates: int = 0  # stored, and linked to a canonical report by canonical_id
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)

    def lines(self) -> list[str]:
        out = [
            (f"read {self.read}, stored {self.stored}, already stored {self.already_stored}, "
             f"duplicates (same bytes) {self.duplicates}, near-duplicates linked {self.near_duplicates}, "
             f"failed {len(self.failed)}")
        ]
        out += [printable(f"failed {source}: {reason}") for source, reason in self.failed]
        return out


@dataclass
class Processed:
    """What a worker sends back: the report and the costly parts of storing it, computed in the worker."""

    report: Report  # from process_for_store: only id, source, meta and quality figures (the rest is in `rows`)
    minhash: str | None
    record_json: str  # records.record_rest: what the tables do not hold
    index_rows: list[tuple] | None = None  # the search index's rows (luoshi.store.search_index.index_rows)
    raw_z: bytes | None = None  # packing.pack_raw: the raw text, packed
    rows: tuple[dict, dict[str, list[tuple]]] | None = None  # records.store_rows: the report's table rows


def process_for_store(doc: Document, words: bool = False) -> Processed:
    """The worker's job: the full report, its near-duplicate signature, JSON record, packed raw text, table rows
    and search index rows (all CPU work; `words`: jieba words for PostgreSQL's ranking, the largest part when
    asked). The report itself goes back without its texts and parts (`_shell`): they are in the rows, and
    unpickling its thousands of objects cost the main process more than writing them."""
    report = process(doc)
    minhash, record, raw_z = neardup.signature(report.text), record_rest(report), pack_raw(report.raw_text or "",
                                                                                          report.text or "")
    rows = store_rows(report, minhash=minhash, n_bytes=len(doc.data), record=record, raw_z=raw_z)
    done = Processed(_shell(report), minhash, record, report_index_rows(report, words=words), raw_z, rows)
    _settle_heap()
    return done


def _shell(report: Report) -> Report:
    """The report without what `rows` holds: what add_report still reads from it (id, meta.year, quality)."""
    return replace(report, text="", raw_text="", sections=[], sentences=[], facts=[],
                   quality=replace(report.quality, repairs=[], removed=[]))


_worker = False  # set in worker processes (_worker_init)
_settled = False
GC_THRESHOLD = 5000  # a worker's young collections: 700 allocations (Python's default) ran one every ~25 kB of work


def _settle_heap() -> None:
    """A worker's heap, once, after its first report: gc.freeze(). What is alive then (modules, lexicons, compiled
    patterns, metric tables, the code-point tables) lives as long as the process, yet every full collection scanned
    it again. With GC_THRESHOLD, a worker's collections cost 0.1 ms a report instead of 1.4 (120 bulk reports);
    garbage cycles are collected as before."""
    global _settled
    if _worker and not _settled:
        _settled = True
        gc.freeze()


def _safe_process(doc: Document, words: bool = False) -> Processed | str:
    try:
        return process_for_store(doc, words)
    except Exception as e:  # noqa: BLE001 - one bad report must not stop the batch
        return f"{type(e).__name__}: {e}"


BATCH_REPORTS = 32  # reports per transaction at most
BATCH_SECONDS = 1.0  # and no report waits longer than this to be written (progress, and what a kill can lose)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def ingest(
    store: Store,
    paths: Iterable[str],
    *,
    jobs: int | None = None,
    on_progress: Callable[[IngestSummary, str], None] | None = None,
    documents: Iterable[Document | IngestError] | None = None,
    summary: IngestSummary | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> IngestSummary:
    """Ingest every report under `paths` (or the given `documents`) into `store`; returns the counts.

    `on_progress(summary, source)` is called after each document is settled (stored, skipped or failed).
    Interrupting (Ctrl-C, SIGTERM as KeyboardInterrupt) rolls back only the batch being written (reports are
    written whole or not at all); reports processed but not yet written are simply processed again on the next run;
    pass your own `summary` to keep the counts so far when that happens.
    """
    with store.transaction():  # the search index's tables (each report's rows are written in its transaction),
        store._lock_for_migration()  # created once when two ingests start together
        prepare(store)
    words = store.dialect != "sqlite"  # the index rows PostgreSQL needs (search_index.index_rows)
    jobs = jobs or default_jobs()
    summary = summary if summary is not None else IngestSummary()
    seen: set[str] = set()

    def known(rid: str) -> bool:  # stored by an earlier run (not a duplicate within this one): no need to decode
        return rid not in seen and store.has(rid)

    items = documents if documents is not None else read_paths([str(p) for p in paths], limits=limits, known=known)
    notify = on_progress or (lambda s, src: None)

    batch: list[tuple[Document, Processed]] = []
    first_at = 0.0

    def store_result(doc: Document, result: Processed | str) -> None:
        nonlocal first_at
        if isinstance(result, str):
            summary.failed.append((doc.source, result))
            notify(summary, doc.source)
            return
        if not batch:
            first_at = time.monotonic()
        batch.append((doc, result))
        if len(batch) >= BATCH_REPORTS or time.monotonic() - first_at >= BATCH_SECONDS:
            flush()

    def flush() -> None:
        """Write the batch in one transaction, each report under its own savepoint."""
        if not batch:
            return
        counted = 0
        try:
            try:
                outcome = _write_batch(store, batch, defer_index=True)
            except _Redo:  # the batch's full-text rows were refused together (the batch rolled back): again, with
                outcome = _write_batch(store, batch, defer_index=False)  # each report's rows under its savepoint
            for doc, written, near in outcome:
                if isinstance(written, str):
                    summary.failed.append((doc.source, written))
                elif written:
                    summary.stored += 1
                    summary.near_duplicates += near
                else:
                    summary.already_stored += 1
                counted += 1
                notify(summary, doc.source)
        except KeyboardInterrupt:  # it may land after COMMIT (even a line later), before or amid the counts: count
            for doc, result in batch[counted:]:  # what the file holds of the reports not counted yet
                if store.has(result.report.id):
                    summary.stored += 1
            batch.clear()
            raise
        batch.clear()

    def admit(item: Document | IngestError | Known) -> Document | None:
        """Count one read item; the Document if it still needs processing."""
        summary.read += 1
        if isinstance(item, IngestError):
            summary.failed.append((item.source, item.reason))
        elif isinstance(item, Known):  # the file's content hash is stored: neither decoded nor processed again
            summary.already_stored += 1
        elif (rid := item.id) in seen:
            summary.duplicates += 1
        elif store.has(rid):
            summary.already_stored += 1
        else:
            seen.add(rid)
            return item
        notify(summary, item.source)
        return None

    if jobs == 1:
        for item in items:
            doc = admit(item)
            if doc is not None:
                store_result(doc, _safe_process(doc, words))
        flush()
        store.refresh_statistics(summary.stored)
        return summary

    window = jobs * 4  # documents in flight: enough to keep workers busy, few enough to bound memory
    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None

    def new_executor() -> ProcessPoolExecutor:
        """Workers are forked now, before the caller's progress display starts any thread."""
        executor = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init,
                                       initargs=(os.getpid(),))
        executor.submit(int).result()
        return executor

    executor = new_executor()
    pending: dict[Future, Document] = {}

    def drain(block_until: int) -> None:
        nonlocal executor
        while len(pending) > block_until:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                doc = pending.pop(fut)
                try:
                    result = fut.result()
                except BrokenProcessPool:  # a worker died (killed, out of memory): what was in flight failed
                    result, broken = "a worker process died while this was being processed; run again to retry", True
                store_result(doc, result)
            if broken:
                executor.shutdown(wait=False, cancel_futures=True)
                executor = new_executor()

    completed = False
    try:
        for item in items:
            doc = admit(item)
            if doc is None:
                continue
            pending[executor.submit(_safe_process, doc, words)] = doc
            drain(window)
        drain(0)
        flush()
        completed = True
    finally:
        executor.shutdown(wait=completed, cancel_futures=True)
    store.refresh_statistics(summary.stored)
    return summary


class _Redo(Exception):
    """The batch's deferred full-text rows could not be written: the batch is rolled back and written again."""


def _write_batch(store: Store, batch: list[tuple[Document, Processed]], *,
                 defer_index: bool) -> list[tuple[Document, bool | str, bool]]:
    """Write a batch in one transaction, each report under its own savepoint: (doc, stored or why not, linked as a
    near-duplicate) for each. `defer_index`: the search index's full-text rows of all the batch's reports are
    inserted once at the end (search_index.write_rows' `pending`: one FTS5 segment a batch instead of one a report);
    should that insert fail, `_Redo` is raised after the transaction is rolled back."""
    outcome: list[tuple[Document, bool | str, bool]] = []
    pending: list[tuple[int, str]] | None = [] if defer_index and store.dialect == "sqlite" else None
    with store.transaction():
        for doc, result in batch:
            try:
                outcome.append((doc, _store_with_index(store, result.report, doc.data, result, pending),
                                bool(store.last_near_duplicate)))
            except KeyboardInterrupt:
                raise
            except Exception as e:  # noqa: BLE001 - a report the database refuses (e.g. NUL on PostgreSQL)
                outcome.append((doc, f"not stored: {type(e).__name__}: {e}", False))
        if pending:
            try:
                write_pending(store, pending)
            except Exception as e:  # rolled back whole (it is re-raised), then written report by report
                raise _Redo(str(e)) from e
    return outcome


def _store_with_index(store: Store, report: Report, raw: bytes, result: Processed,
                      pending: list[tuple[int, str]] | None = None) -> bool:
    """add_report and the report's search index rows in one transaction (a savepoint inside the batch's): a kill
    never leaves one without the other, and a report the database refuses leaves no row behind. `pending`: see
    search_index.write_rows (the full-text rows are written at the end of the batch's transaction)."""
    mine: list[tuple[int, str]] | None = [] if pending is not None else None
    with store.transaction():
        stored = store.add_report(report, raw=raw, minhash=result.minhash, record_json=result.record_json,
                                  raw_z=result.raw_z, rows=result.rows)
        if stored and result.index_rows is not None:
            write_rows(store, report.id, result.index_rows, pending=mine)
    if mine and pending is not None:  # only once the report's savepoint is released: a report rolled back leaves no full-text row
        pending.extend(mine)
    return stored


def _worker_init(parent: int | None = None) -> None:
    """Ctrl-C and SIGTERM are the main process's to handle: it rolls back and prints the summary.
    A worker ends with its parent (kill -9 of `luoshi ingest` must not leave workers running for minutes). Its
    garbage collector runs less often (GC_THRESHOLD, `_settle_heap`)."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)
    _worker = True
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None) -> None:
    """Ask Linux for SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG), then check that it has not died
    already (between fork and here). Elsewhere nothing is done: workers end when they next find the pool gone."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - no prctl: the pool's own checks remain
        return
    if parent is not None and os.getppid() != parent:
        os._exit(1)
