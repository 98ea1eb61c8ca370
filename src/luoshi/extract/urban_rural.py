"""'城乡居民人均可支配收入' names two metrics at once, the urban and the rural one. Kept below attribution and vetoes so
that both read a subject the same way (the split of "城乡" lives here once)."""
from __future__ import annotations

import re

from . import metrics
from .lexicon import pattern, words

# "(全省)城乡居民…", "城镇居民和农民…", "城镇和农村(常住)居民…": the urban and the rural, with the words after them
# naming what is measured of each (a pair followed by more items, "城镇居民、农村居民、低收入农户…", is a longer list)
_RESIDENTS = pattern("resident_words")
URBAN_RURAL_RE = re.compile(rf"(?:全[省市区州县盟]|本[省市区])?(?:城乡|(?P<urban>{pattern('urban_pair_words')})"
                            rf"(?P<urban_res>{_RESIDENTS})?[和与及、](?P<rural>{pattern('rural_pair_words')})"
                            rf"(?P<rural_res>{_RESIDENTS})?(?!(?:{_RESIDENTS})?[、和与及，,]))")
_RESIDENTS_RE = re.compile(f"(?:{_RESIDENTS})")
_RESIDENT_PLACES = frozenset(words("resident_places"))


def split(subject: str) -> list[str] | None:
    """'全省城乡居民人均可支配收入' -> 全省城镇居民…, 全省农村居民…; '城镇居民和农民人均可支配收入' -> 城镇居民…, 农民…;
    '城镇和农村居民…' -> 城镇居民…, 农村居民…: the scope stays in front of each, the words after the pair (and the
    residents named once, "居民", "常住居民") go with both; None when the subject does not open with such a pair."""
    if not (m := URBAN_RURAL_RE.match(subject)):
        return None
    rest = subject[m.end():]
    if m.group("urban") is None:
        scope = subject[:m.end() - 2]
        return [scope + "城镇" + rest, scope + "农村" + rest]
    scope = subject[:m.start("urban")]
    residents = (head.group() if (head := _RESIDENTS_RE.match(rest)) else "") \
        or m.group("rural_res") or m.group("urban_res") or ""
    rest = rest[len(head.group()):] if head else rest
    rural = m.group("rural") + (residents if m.group("rural") in _RESIDENT_PLACES else "")
    return [scope + m.group("urban") + residents + rest, scope + rural + rest]


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
