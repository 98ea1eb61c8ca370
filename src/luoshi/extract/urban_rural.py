"""'城乡居民人均可支配收入' names two metrics at once, the urban and the rural one. Kept below attribution and vetoes so
that both read a subject the same way (the split of "城乡" lives here once)."""
from __future__ import annotations

import re

from . import metrics

URBAN_RURAL_RE = re.compile(r"(?:全[省市区州县盟]|本[省市区])?城乡")  # "(全省)城乡居民…": the urban and the rural


def split(subject: str) -> list[str] | None:
    """'全省城乡居民人均可支配收入' -> 全省城镇居民…, 全省农村居民…: the scope stays in front of each; None when the
    subject does not open with 城乡."""
    if not (m := URBAN_RURAL_RE.match(subject)):
        return None
    scope, rest = subject[:m.end() - 2], subject[m.end():]
    return [scope + "城镇" + rest, scope + "农村" + rest]


def both_named(subject: str) -> bool:
    """'城乡居民收入' names two metrics, the urban and the rural; '城乡居民基本养老保险…' names one scheme."""
    parts = split(subject)
    return parts is not None and all(metrics.find(s) for s in parts)


def metrics_named(clause: str) -> set[str]:
    """The metric ids of the urban and rural parts of a 城乡 subject anywhere in a clause ("预计城乡居民人均可支配收入
    分别增长5%、7%" -> urban_income, rural_income); empty when the clause has none."""
    found: set[str] = set()
    for m in URBAN_RURAL_RE.finditer(clause):
        for part in split(clause[m.start():]) or []:
            if (named := metrics.find(part)) is not None:
                found.add(named[0])
    return found
