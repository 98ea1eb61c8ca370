"""Rank claims: "总量全市第三", "位居全市第二", "列全国第7", "位列苏州乡镇（街道）第九名" -> {"scope": ..., "n": ...}."""

from __future__ import annotations

import re

from .lexicon import pattern, words
from .numbers import parse_number

RANK_RE = re.compile(
    rf"(?:{pattern('rank_verbs')})?"
    rf"(?P<scope>{pattern('jurisdiction')}|[\u4e00-\u9fff]{{2,6}}?(?:（[^）]{{1,6}}）|\([^)]{{1,6}}\))?)"
    r"(?:第)(?P<n>[0-9]{1,3}|[一二三四五六七八九十]{1,3})(?:位|名)?"
)

WIDE_RE = re.compile(pattern("jurisdiction"))


def find_rank(clause: str) -> dict | None:
    if "第" not in clause:  # every rank has it: most clauses are decided without the pattern
        return None
    m = RANK_RE.search(clause)
    if not m:
        return None
    scope = m.group("scope")
    for lead in words("rank_leads"):
        scope = scope.removeprefix(lead)
    wide = None
    for wide in WIDE_RE.finditer(scope):
        pass
    if wide:  # "总量全省县级市第五": the scope starts at the (last) area word: "我市成为全国第二" ranks in 全国
        scope = scope[wide.start():]
    if not scope:
        return None
    try:
        n = int(parse_number(m.group("n")))
    except (ValueError, KeyError):
        return None
    return {"scope": scope, "n": n}
