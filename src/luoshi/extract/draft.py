"""A fact under construction (Draft) and the clause bounds every rule and veto measures with."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache

from .quantities import Quantity

CLAUSE_DELIMS = "，,；;：:。！？!?\n"
ENUM_DELIMS = "、"
MAX_NOTE = 20  # a parenthesis longer than this is prose, not a note inside a name ("县（市、区）")


@dataclass
class Draft:
    """A fact under construction; `steps`, `checks` and `vetoed` are its trail (`luoshi show --explain`)."""

    q: Quantity
    metric: str | None
    metric_text: str
    value: Decimal | None = None
    unit: str | None = None
    high: Decimal | None = None
    growth: Decimal | None = None
    growth_unit: str | None = None
    growth_q: Quantity | None = None
    rule: str = "lead"
    scope: str | None = None
    action: str | None = None
    object: str | None = None
    rank: dict | None = None
    extra: dict = field(default_factory=dict)
    steps: list[str] = field(default_factory=list)  # the registry rules that made or changed it, in order
    checks: list[str] = field(default_factory=list)  # the vetoes it passed
    vetoed: list[str] = field(default_factory=list)  # the vetoes that fired on it


@cache
def _last_delim_re(delims: str) -> re.Pattern:
    d = re.escape(delims)
    return re.compile(rf"[{d}](?=[^{d}]*\Z)")


@cache
def delim_re(delims: str) -> re.Pattern:
    return re.compile(f"[{re.escape(delims)}]")


def _parens_around(text: str, d: int, lo: int, hi: int) -> tuple[int, int] | None:
    """(open, close) of a short parenthesis in text[lo:hi] holding position d, or None."""
    opened = max(text.rfind("（", max(lo, d - MAX_NOTE), d), text.rfind("(", max(lo, d - MAX_NOTE), d))
    if opened < 0 or max(text.rfind("）", opened, d), text.rfind(")", opened, d)) >= 0:
        return None
    m = delim_re("）)").search(text, d, min(hi, opened + MAX_NOTE))
    return (opened, m.start()) if m else None


@lru_cache(maxsize=4096)  # a memo of a pure function: a rule, its veto and the fact ask for the same clause
def clause_start(text: str, floor: int, pos: int, delims: str = CLAUSE_DELIMS + ENUM_DELIMS) -> int:
    """Where the clause holding pos begins: after the last delimiter that is not inside a note ("县（市、区）")."""
    if delims == CLAUSE_DELIMS and text.find(ENUM_DELIMS, floor, pos) < 0:
        return clause_start(text, floor, pos)  # no 、 before pos: the same bound, one memo entry for both
    m = _last_delim_re(delims).search(text, floor, pos)
    if m is None:
        return floor
    d = m.start()
    lo = max(floor, d - MAX_NOTE)
    if text.rfind("（", lo, d) < 0 and text.rfind("(", lo, d) < 0:
        return m.end()  # no bracket opens before the delimiter: no note holds it (most clauses)
    while m and (note := _parens_around(text, m.start(), floor, pos)):
        m = _last_delim_re(delims).search(text, floor, note[0])
    return m.end() if m else floor


def clause_end(text: str, pos: int, ceil: int, delims: str = CLAUSE_DELIMS + ENUM_DELIMS) -> int:
    m = delim_re(delims).search(text, pos, ceil)
    if m is None:
        return max(pos, ceil)
    d = m.start()
    lo = max(pos, d - MAX_NOTE)
    if text.rfind("（", lo, d) < 0 and text.rfind("(", lo, d) < 0:
        return d  # no bracket opens before the delimiter: no note holds it (most clauses)
    while m and (note := _parens_around(text, m.start(), pos, ceil)):
        m = delim_re(delims).search(text, note[1], ceil)
    return m.start() if m else max(pos, ceil)
