"""The records that flow through the pipeline.

One `Report` is annotated by each stage in turn (spaCy's Doc idea): ingest gives a `Document`
(raw bytes + decoded text), clean gives the clean text and its `Quality`, parse adds `Meta`,
`Section`s and `Sentence`s, extract adds `Fact`s. Every span is a pair of character offsets into
`Report.text`, the clean text, so any figure can be traced back to the exact characters it came from.

Field names follow the JSON contract in shared/spec/report-json.md; `Report.to_dict()` emits it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any


def printable(text: str) -> str:
    """`text` with control, format, separator and surrogate characters shown as escapes (\\n, \\x1b, \\u202e):
    a file name must not forge a line of output, move the cursor or reverse what follows."""
    if text.isprintable():
        return text
    return "".join(_escape(ch) if unicodedata.category(ch) in UNPRINTABLE else ch for ch in text)


UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _escape(ch: str) -> str:
    code = ord(ch)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or (
        f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Document:
    """One report as read from its container, before cleaning.

    `data` are the raw bytes the id is computed from (the file, the archive member, or the
    table row's text encoded as UTF-8). `text` is the decoded text (for HTML/docx/pdf: the text
    the reader pulled out of the markup). `hints` carry furniture outside the body that metadata
    may use (YAML front matter, a table's other columns, an HTML <title>); never the file name.
    """

    source: str
    data: bytes
    text: str
    encoding: str = "utf-8"
    fmt: str = "txt"  # txt | md | html | docx | pdf | row
    hints: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return sha256_hex(self.data)


@dataclass
class IngestError:
    """A file (or member, or row) that could not be read, and why: one clear line for the user."""

    source: str
    reason: str

    def __str__(self) -> str:
        return printable(f"{self.source}: {self.reason}")


@dataclass
class Repair:
    kind: str
    start: int  # offsets in the clean text of the repaired span
    end: int
    before: str
    after: str
    p: float | None = None  # a guessed repair (a lost character chosen by the model of report prose): its probability


@dataclass
class Removal:
    kind: str  # boilerplate | ad | pinyin | chrome | caption | contact | ...
    text: str


@dataclass
class Span:
    start: int
    end: int
    kind: str = "damaged"
    text: str = ""


@dataclass
class Mark:
    """Structure the clean stage read from a markdown mark it removed: a span (a line) of the clean text."""

    start: int
    end: int
    kind: str  # heading | bold | item | row
    level: int = 0  # a heading's level: the number of its # marks
    cells: list[list[int]] = field(default_factory=list)  # a table row's cells, [start, end] each


@dataclass
class Quality:
    encoding: str = "utf-8"
    repairs: list[Repair] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    confidence: float = 1.0
    reasons: list[str] = field(default_factory=list)  # why the confidence is below 1
    damaged: list[Span] = field(default_factory=list)  # spans later stages must skip
    page: list[int] | None = None  # [k, n] for "page k of n"
    partial: bool = False
    structure: list[Mark] = field(default_factory=list)  # what the removed markdown line marks marked

    def judged(self, meta: Meta) -> Quality:
        """The record's quality: the clean stage's, with what parse found about the document (`Meta.partial`,
        `Meta.doubts`, `Meta.confidence`). A new object: neither stage writes into the other's results."""
        return dataclasses.replace(self, confidence=min(self.confidence, meta.confidence),
                                   reasons=[*self.reasons, *meta.doubts], partial=self.partial or meta.partial)


@dataclass
class Meta:
    title: str | None = None
    region: str | None = None
    adcode: str | None = None
    level: str = "unknown"
    province: str | None = None
    year: int | None = None
    kind: str = "annual"
    date: str | None = None
    meeting: str | None = None
    speaker: str | None = None
    speaker_title: str | None = None
    doc_type: str = "work_report"  # work_report | communique | five_year_plan | budget | other
    parent: str | None = None  # the parent jurisdiction's name, for districts and towns
    # What parse finds about the document as a whole (the record's quality combines them with clean's: Quality.judged)
    partial: bool = False  # the copy misses its first page (judged from the outline, or a page k > 1)
    doubts: list[str] = field(default_factory=list)  # why it may not be a whole government work report
    confidence: float = 1.0  # how sure parse is that it is one (below 1 only with doubts)
    findings: list[str] = field(default_factory=list)  # what the parse stage noticed (e.g. a title naming another year)


@dataclass
class Section:
    level: int
    number: str | None
    title: str
    role: str  # review | problems | targets | plan | self_building | other
    start: int
    end: int


@dataclass
class Sentence:
    start: int
    end: int
    section: int | None = None  # index into Report.sections of the innermost section holding it


@dataclass
class Fact:
    metric: str | None
    metric_text: str
    value: float | None
    unit: str | None
    value_text: str
    high: float | None = None
    growth: float | None = None
    growth_unit: str | None = None
    bound: str = "exact"
    status: str = "actual"
    period: int | None = None
    rank: dict[str, Any] | None = None
    start: int = 0
    end: int = 0
    sentence: str = ""
    action: str | None = None  # plan facts: 新增 / 建成 / 完成 / 开工 ...
    object: str | None = None  # plan facts: the thing committed to ("公共停车位")
    scope: str | None = None  # None for the jurisdiction as a whole; else the park/sub-region named
    rule: str | None = None  # which attribution rule produced the fact
    basis: str = "annual"  # annual | average (年均, over the span ending in period) | cumulative (累计)
    # a target set relative to another jurisdiction or quantity ("增速高于全省1个百分点", "与全国同步"):
    # {"to": "全省", "comparison": "above" | "below" | "not_below" | "equal", "by": 1.0, "by_unit": "个百分点"}
    relation: dict[str, Any] | None = None
    steps: list[str] = field(default_factory=list)  # the attribution rules that made and changed it, in order
    checks: list[str] = field(default_factory=list)  # the vetoes it passed (extract/vetoes.py VETOES)
    vetoed: list[str] = field(default_factory=list)  # the vetoes that fired on it


@dataclass
class Report:
    id: str
    source: str
    text: str
    meta: Meta = field(default_factory=Meta)
    quality: Quality = field(default_factory=Quality)
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    raw_text: str = ""  # the decoded text before cleaning ("the original as ingested")
    fmt: str = "txt"
    absent_targets: list[str] = field(default_factory=list)  # metrics explicitly given no target
    # targets set only relative to another quantity or jurisdiction ("城乡居民收入增长与经济增长同步"): fact-shaped
    # (relation set, no figure), kept out of `facts` (the gold spec counts a target without a number as no fact)
    relative_targets: list[Fact] = field(default_factory=list)

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        """The JSON record of shared/spec/report-json.md (plus a few added fields)."""
        d: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "meta": dataclasses.asdict(self.meta),
            "quality": dataclasses.asdict(self.quality),
            "sections": [dataclasses.asdict(s) for s in self.sections],
            "facts": [dataclasses.asdict(f) for f in self.facts],
            "absent_targets": list(self.absent_targets),
            "relative_targets": [dataclasses.asdict(f) for f in self.relative_targets],
        }
        if with_text:
            d["text"] = self.text
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Report:
        q = dict(d.get("quality") or {})
        quality = Quality(
            encoding=q.get("encoding", "utf-8"),
            repairs=[Repair(**r) for r in q.get("repairs", [])],
            removed=[Removal(**r) for r in q.get("removed", [])],
            confidence=q.get("confidence", 1.0),
            reasons=list(q.get("reasons", [])),
            damaged=[Span(**s) for s in q.get("damaged", [])],
            page=q.get("page"),
            partial=q.get("partial", False),
            structure=[Mark(**m) for m in q.get("structure", [])],
        )
        return cls(
            id=d["id"],
            source=d.get("source", ""),
            text=d.get("text", ""),
            meta=Meta(**(d.get("meta") or {})),
            quality=quality,
            sections=[Section(**s) for s in d.get("sections", [])],
            facts=[Fact(**f) for f in d.get("facts", [])],
            absent_targets=list(d.get("absent_targets", [])),
            relative_targets=[Fact(**f) for f in d.get("relative_targets") or []],
        )
