"""The metric table (data/metrics.tsv): phrase -> metric id, longest alias wins, and unit compatibility."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import data_file
from . import lexicon
from .tables import units as _units


@dataclass(frozen=True)
class Metric:
    id: str
    name: str
    kind: str  # currency | count | percent | mass | concentration | ratio


@cache
def table() -> dict[str, Metric]:
    out = {}
    for r in data_file.rows(__package__, "metrics.tsv")[1:]:
        out[r[0]] = Metric(r[0], r[1], r[3])
    return out


@cache
def aliases() -> dict[str, str]:
    """Every alias (and the name itself) -> metric id."""
    out: dict[str, str] = {}
    for r in data_file.rows(__package__, "metrics.tsv")[1:]:
        for a in [r[1], *r[2].split("|")]:
            if a and not a.startswith(("=", "^")):
                out.setdefault(normalise(a), r[0])
    return out


@cache
def whole_phrase_aliases(mark: str = "=") -> dict[str, str]:
    """Aliases written '=经济' in metrics.tsv: they name the metric only as the whole phrase ('经济增长5%'); with
    mark '^' ('^工业产值'), only as the whole phrase after a jurisdiction word ('全市工业产值538亿元': a bare
    '实现工业产值125亿元' is most often a firm's or a zone's)."""
    out: dict[str, str] = {}
    for r in data_file.rows(__package__, "metrics.tsv")[1:]:
        for a in r[2].split("|"):
            if a.startswith(mark):
                out[normalise(a[1:])] = r[0]
    return out


@cache
def aliases_by_start() -> dict[str, tuple[str, ...]]:
    """Aliases by their first two characters (every alias has at least two), longest first."""
    index: dict[str, list[str]] = {}
    for alias in sorted(aliases(), key=len, reverse=True):
        index.setdefault(alias[:2], []).append(alias)
    return {k: tuple(v) for k, v in index.items()}


@cache
def _alias_first_re() -> re.Pattern[str]:
    """Any character an alias starts with."""
    return re.compile("[" + "".join(sorted({re.escape(k[0]) for k in aliases_by_start()})) + "]")


def alias_matches(p: str) -> Iterator[tuple[str, int]]:
    """At every position of p, the longest alias starting there (matches may overlap). A dictionary of first
    characters instead of one regular expression of 269 alternatives: the same matches, 3x faster; only the positions
    holding an alias's first character (one scan in C) are looked up."""
    starts = aliases_by_start()
    for m in _alias_first_re().finditer(p, 0, len(p) - 1):
        i = m.start()
        for alias in starts.get(p[i:i + 2], ()):
            if p.startswith(alias, i):
                yield alias, i
                break


WHOLE_PREFIX = re.compile(f"^(?:(?:{lexicon.pattern('jurisdiction')})(?:{lexicon.pattern('whole_scopes')})?"
                          f"|(?:{lexicon.pattern('whole_scopes')}))")  # "全市", "全市全口径", "全口径"
JURISDICTION_PREFIX = re.compile(f"^(?:{lexicon.pattern('jurisdiction')})")


@cache
def neighbours() -> tuple[dict[str, str], dict[str, str]]:
    """(alias start -> characters that may not stand before it, alias -> characters that may not follow it):
    data/alias_neighbours.tsv ("进出口" is trade, not exports; "提高企业" names no high-tech firm)."""
    after: dict[str, str] = {}
    before: dict[str, str] = {}
    for side, alias, chars, *_ in data_file.rows(__package__, "alias_neighbours.tsv"):
        table = after if side == "after" else before
        table[alias] = table.get(alias, "") + chars
    return after, before


def normalise(phrase: str) -> str:
    """Fold the spelling variants of a phrase: full-width brackets, spaces."""
    return phrase.replace("（", "(").replace("）", ")").replace(" ", "").replace("\u3000", "")


@cache
def followers() -> tuple[str, ...]:
    """Words after a metric name that make the phrase another measure ("出口通关时间")."""
    return lexicon.words("followers")


@cache
def shares() -> list[tuple[str, str | re.Pattern, re.Pattern]]:
    """(share metric, subject metric or a pattern of subject words ("~…"), bases) from data/shares.tsv."""
    out: list[tuple[str, str | re.Pattern, re.Pattern]] = []
    for r in data_file.rows(__package__, "shares.tsv"):
        subject = re.compile(rf"(?:{BASE_PREFIX})*(?:{r[1][1:]})") if r[1].startswith("~") else r[1]
        out.append((r[0], subject, re.compile(rf"(?:{BASE_PREFIX})*(?:{r[2]})")))
    return out


def share_of_subject(metric: str) -> str | None:
    """The share metric whose subject is this metric (livelihood_expenditure -> livelihood_share), data/shares.tsv."""
    return next((share for share, subject, _bases in shares() if subject == metric), None)


@cache
def change_rates() -> frozenset[str]:
    """Percent metrics whose figure is itself a change on last year (cpi): a fall is a negative value."""
    return frozenset(r[0] for r in data_file.rows(__package__, "change_rates.txt"))


BASE_PREFIX = f"{lexicon.pattern('jurisdiction')}|{lexicon.pattern('share_bases')}"
# "…比重五年提高5.8个百分点", "…比重预计达2.4%" (an estimate word after the name, as after 之比)
SHARE_TAIL = re.compile(rf"的?(?:{lexicon.pattern('share_words')})?的?(?:[两三四五六七八九十]年(?:来|间)?)?"
                        rf"(?:{lexicon.pattern('estimate_words')})?$")
RATIO_TAIL = re.compile(r"之比(?:预计)?$")
BARE_SHARE = re.compile(f"的?(?:{lexicon.pattern('share_words')})$")
INNER_VERBS = re.compile(f"(?<=.)(?:{lexicon.pattern('inner_verbs')})(?=.)")
VERB_BEFORE_RE = re.compile(f"(?:{lexicon.pattern('inner_verbs')})$")  # an inner verb right before an alias


def find(phrase: str, *, whole: bool = True) -> tuple[str, int, int] | None:
    """(metric id, start, end) of the longest alias in phrase (rightmost among equals), or None.

    A share written as its parts ("民生类支出占财政总支出", "服务业比重") is found from data/shares.tsv; a verb
    inside a name ("规模以上工业完成增加值") is read past when nothing else names the phrase."""
    return _find(phrase, whole)


@lru_cache(maxsize=8192)  # a memo of a pure function: phrases repeat across clauses and reports; one key for
def _find(phrase: str, whole: bool) -> tuple[str, int, int] | None:  # find(p) and find(p, whole=True)
    p = normalise(phrase)
    share = share_of(p)
    if share:
        return share
    best = _longest(p)
    if best is None:
        rest = WHOLE_PREFIX.sub("", p)
        metric = (whole_phrase_aliases().get(rest)
                  or (whole_phrase_aliases("^").get(rest) if JURISDICTION_PREFIX.match(p) else None)) if whole else None
        if metric:
            return metric, len(p) - len(WHOLE_PREFIX.sub("", p)), len(p)
        return _past_inner_verb(p)
    return best[2], best[0], best[1]


def _longest(p: str) -> tuple[int, int, str] | None:
    best: tuple[int, int, str] | None = None
    not_after, not_before = neighbours()
    for alias, i in alias_matches(p):
        if i and p[i - 1] in not_after.get(alias[:2], ""):
            continue
        if (verb := VERB_BEFORE_RE.search(p, 0, i)) and verb.start() and p[verb.start() - 1] in not_after.get(alias[:2], ""):
            continue  # "工业实现税收" is 工业税收 with a verb inside: one sector's too
        nxt = p[i + len(alias):i + len(alias) + 1]
        if nxt and nxt in not_before.get(alias, ""):
            continue
        if p.startswith(followers(), i + len(alias)) or (i and p[i - 1] == "占"):
            continue  # "出口通关时间"; "增加值占服务业比重" names the base of a share, not its subject
        if p.count("(", 0, i) > p.count(")", 0, i):
            continue  # "自有资金(包括利用外资)": a name inside an aside is not what the phrase measures
        if best is None or len(alias) >= best[1] - best[0]:
            best = (i, i + len(alias), aliases()[alias])
    return best


def _past_inner_verb(p: str) -> tuple[str, int, int] | None:
    """'规模以上工业完成增加值' -> 规模以上工业增加值, with offsets in p."""
    if not INNER_VERBS.search(p):
        return None  # no verb inside (most phrases no alias names)
    kept = [i for i in range(len(p))]
    for m in reversed(list(INNER_VERBS.finditer(p))):
        del kept[m.start():m.end()]
    if len(kept) == len(p):
        return None
    best = _longest("".join(p[i] for i in kept))
    if best is None:
        return None
    return best[2], kept[best[0]], kept[best[1] - 1] + 1


def completion(tail: str, opening: str) -> str | None:
    """The one metric whose alias is the sentence's opening word plus tail ('粮食' + '总产' -> 粮食总产), or, for a
    tail that names nothing alone, the metric the opening names when one of its aliases ends with the tail ('GDP增幅…，
    总量…' -> 经济总量)."""
    tail = normalise(tail)
    if len(tail) < 2:
        return None
    candidates = aliases_by_tail().get(tail, ())
    found = {m for a, m in candidates if opening.startswith(a[:-len(tail)])}
    if not found and candidates and find(tail) is None and (named := find(opening)) and named[1] == 0 \
            and any(m == named[0] for _a, m in candidates):
        found = {named[0]}  # "GDP增幅连续五年全省第一，总量从1974亿元增至3645亿元": the opening names the metric
    return found.pop() if len(found) == 1 else None


@cache
def aliases_by_tail() -> dict[str, list[tuple[str, str]]]:
    """Every proper ending of every alias -> (alias, metric): `completion` looks its tail up instead of testing
    every alias (it runs for most figures without a name: 3 of the 9.6 s of extracting 200 reports)."""
    index: dict[str, list[tuple[str, str]]] = {}
    for alias, metric in aliases().items():
        for k in range(1, len(alias)):
            index.setdefault(alias[k:], []).append((alias, metric))
    return index


def share_of(p: str) -> tuple[str, int, int] | None:
    """'X占Y的比重' / 'X相当于Y的比例' / 'X与Y之比' / 'X占比' / 'X比重' where X names a share's subject and Y its base
    (data/shares.tsv)."""
    n = len(p)
    i, word = max((p.rfind("占"), "占"), (p.rfind("相当于"), "相当于"))
    if i < 0 and (ratio := RATIO_TAIL.search(p)) and (j := p.rfind("与", 0, ratio.start())) > 0:
        i, word, p = j, "与", p[:ratio.start()]  # "研发经费支出与地区生产总值之比(预计)"
    if i > 0 and p[i + 1:i + 2] != "比":
        subject, base = p[:i], SHARE_TAIL.sub("", p[i + len(word):]).removeprefix("到").removeprefix("了")
        # "(其中)民生支出占到78.9%": the whole left unsaid, read only for a subject whose % is its share (lexicon
        # share_in_percent; "外商直接投资…其中服务业占37.2%" is a part of the figure before)
        bare = not base and word == "占" and p[i + 1:] in ("", "到", "了")
        if not base and not bare:
            return None
    else:
        m = BARE_SHARE.search(p)
        if not m or m.start() == 0:
            return None
        subject, base, bare = p[:m.start()], "", False
    found = find(subject)
    if bare and not (found and found[0] in lexicon.words("share_in_percent")):
        return None
    for share, subject_metric, bases in shares():
        if base and not bases.fullmatch(base):
            continue
        if isinstance(subject_metric, re.Pattern):
            if subject_metric.fullmatch(subject.removesuffix("的").lstrip("—－-― \u3000")):  # "——市区…天数占全年的"
                return share, 0, n
        elif found and found[2] == len(subject) and found[0] == subject_metric:
            return share, found[1], n
    return None


COMPATIBLE = {
    "currency": {"currency"},
    "count": {"count"},
    "mass": {"mass"},
    "concentration": {"concentration"},
    "percent": {"%"},
    "ratio": {"energy", "%"},
}


def compatible(metric_id: str, unit: str | None) -> bool:
    """Can a value in this unit be a figure of the metric? (A currency metric never has a value in %.)"""
    if unit is None:
        return True
    kind = table()[metric_id].kind
    unit_kind = "%" if unit == "%" else _units().get(unit, "other")
    if unit_kind == "count" and metric_id in count_units() and unit not in count_units()[metric_id]:
        return False  # "企业上市7条": policies, not firms
    return unit_kind in COMPATIBLE.get(kind, {unit_kind})


@cache
def count_units() -> dict[str, frozenset[str]]:
    """The units a count metric is counted in, where listed (data/count_units.tsv)."""
    return {r[0]: frozenset(r[1].split("|")) for r in data_file.rows(__package__, "count_units.tsv")}


def units() -> dict[str, str]:
    return _units()


def kind(metric_id: str | None) -> str | None:
    return table()[metric_id].kind if metric_id else None


@cache
def direction(metric: str | None) -> str:
    """"up" when more is better, "down" when a target is a ceiling (CPI, unemployment, energy intensity)."""
    for r in data_file.rows(__package__, "metrics.tsv")[1:]:
        if r[0] == metric:
            return r[5] if len(r) > 5 and r[5] else "up"
    return "up"
