"""Audit records: the parts of each report's JSON record the checks read (id, source, meta, facts, absent_targets),
from files run through the pipeline (as `luoshi extract` does) or from a database's stored rows.

Records are plain dicts, so that a field added to the record (a fact's `relation`) is carried when present.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from ..ingest import read_paths
from ..models import Document, IngestError, Report
from ..pipeline import process
from ..store import neardup
from ..store.ingest import default_jobs


@dataclass
class Failed:
    """A document the pipeline could not process (the batch goes on)."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def audit_record(report: Report) -> dict[str, Any]:
    """The audit's view of a processed report: no text, sections or quality details (small to send between
    processes)."""
    return {
        "id": report.id,
        "source": report.source,
        "meta": dataclasses.asdict(report.meta),
        "facts": [dataclasses.asdict(f) for f in report.facts],
        "absent_targets": list(report.absent_targets),
        "confidence": report.quality.confidence,
        "minhash": neardup.signature(report.text),  # to tell copies of one report from two reports of one year
    }


def _safe_record(doc: Document) -> dict[str, Any] | str:
    try:
        return audit_record(process(doc))
    except Exception as e:  # noqa: BLE001 - one bad report must not stop the batch
        return f"{type(e).__name__}: {e}"


def records_from_paths(paths: Iterable[str], *, jobs: int | None = None,
                       on_item: Callable[[str], None] | None = None) -> Iterator[dict[str, Any] | IngestError | Failed]:
    """Audit records of every report under `paths` (files, folders, archives), processed in `jobs` worker processes;
    refusals (IngestError) and processing failures (Failed) are yielded in the stream. A document whose bytes were
    already read (the same file twice) is read once. `on_item(source)` is called after each document is settled."""
    jobs = jobs or default_jobs()
    notify = on_item or (lambda source: None)
    seen: set[str] = set()

    def admit(items: Iterable[Document | IngestError]) -> Iterator[Document | IngestError]:
        for item in items:
            if isinstance(item, Document) and item.id in seen:
                notify(item.source)
                continue
            if isinstance(item, Document):
                seen.add(item.id)
            yield item

    def settle(doc: Document, result: dict[str, Any] | str) -> dict[str, Any] | Failed:
        notify(doc.source)
        return Failed(doc.source, result) if isinstance(result, str) else result

    items = admit(read_paths([str(p) for p in paths]))
    if jobs == 1:
        for item in items:
            if isinstance(item, IngestError):
                notify(item.source)
                yield item
            else:
                yield settle(item, _safe_record(item))
        return
    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    window = jobs * 4  # documents in flight: enough to keep the workers busy, few enough to bound memory
    pending: dict[Future, Document] = {}
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as executor:
        for item in items:
            if isinstance(item, IngestError):
                notify(item.source)
                yield item
                continue
            pending[executor.submit(_safe_record, item)] = item
            while len(pending) >= window:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield settle(pending.pop(fut), _result(fut))
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield settle(pending.pop(fut), _result(fut))


def _result(fut: Future) -> dict[str, Any] | str:
    try:
        return fut.result()
    except Exception as e:  # noqa: BLE001 - a worker died (killed, out of memory): this document failed
        return f"{type(e).__name__}: {e}"


REPORT_FIELDS = ("id", "source", "title", "region", "adcode", "level", "province", "year", "kind", "date", "meeting",
                 "speaker", "speaker_title", "doc_type", "confidence", "canonical_id", "minhash", "record_json")


def records_from_store(store) -> list[dict[str, Any]]:
    """Audit records of every stored report, from the `reports` and `facts` tables and the fields kept in
    record_json (absent_targets, fact fields without a column such as `relation`); texts are not read."""
    from ..store.records import FACT_FIELDS_IN_TABLE, META_COLUMNS, unpack_extras

    facts: dict[str, list[dict[str, Any]]] = {}
    for row in store.query("SELECT * FROM facts ORDER BY report_id, idx"):
        fact = {k: row[k] for k in FACT_FIELDS_IN_TABLE if k in row}
        if row.get("rank_scope") is not None or row.get("rank_n") is not None:
            fact["rank"] = {"scope": row["rank_scope"], "n": row["rank_n"]}
        fact["_idx"] = row["idx"]
        facts.setdefault(row["report_id"], []).append(fact)
    out = []
    for row in store.query(f"SELECT {', '.join(REPORT_FIELDS)} FROM reports ORDER BY id"):
        rest = json.loads(row["record_json"] or "{}")
        meta = {**{k: row[k] for k in META_COLUMNS}, **(rest.get("meta") or {})}
        if "facts" in rest:  # written before the record was split into the tables: the whole record
            report_facts = list(rest["facts"])
        else:
            extras = rest.get("fact_fields") or unpack_extras(rest.get("fact_extra"))
            report_facts = []
            for fact in facts.get(row["id"], []):
                fact.update(extras.get(str(fact.pop("_idx")), {}))
                report_facts.append(fact)
        out.append({"id": row["id"], "source": row["source"], "meta": meta, "facts": report_facts,
                    "absent_targets": list(rest.get("absent_targets") or []), "confidence": row["confidence"],
                    "canonical_id": row["canonical_id"], "minhash": row["minhash"]})
    return out
