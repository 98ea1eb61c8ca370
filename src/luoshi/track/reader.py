"""A focused reader of headline figures, for texts the extract stage does not cover.

The NBS communiqués are documents of their own kind, and a work report may reach the tracker without extracted
facts (an old record, a store loaded before the extract stage ran). This reader finds only what tracking needs:
the main targets ("主要预期目标：地区生产总值增长5%以上，…"), the headline results of the review, and the figures a
communiqué states for the same metrics. It returns ordinary `Fact`s, so the verdict logic never knows the difference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..models import Fact

NUMBER = r"(\d+(?:\.\d+)?)"
GROWTH_WORDS = "增长|下降|上涨|提高|减少|增加|回落|降低|涨幅|增速|增幅|回升"
NEGATIVE_WORDS = ("下降", "减少", "回落", "降低")
MIN_WORDS = ("以上", "不低于", "至少", "超过", "突破", "力争", "高于")
MAX_WORDS = ("以内", "以下", "不超过", "控制在", "低于", "不高于")
APPROX_WORDS = ("左右", "约", "大约")
MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "": 1.0}
UNITS = "元|美元|人|吨|斤|公斤|个|户|套|处|座|家|公里|平方米|亩|%"

GROWTH_RE = re.compile(
    rf"(?P<word>{GROWTH_WORDS})(?P<pre>[^0-9，。；]{{0,6}}?)(?P<n>{NUMBER[1:-1]})"
    rf"(?:%?\s*[-—–~至到]\s*(?P<hi>{NUMBER[1:-1]}))?\s*(?P<unit>%|个百分点|倍)(?P<post>以上|以内|以下|左右)?"
)
LEVEL_RE = re.compile(
    rf"(?P<pre>不低于|至少|超过|突破|达到|达|为|保持在|控制在|约|在)?(?P<n>{NUMBER[1:-1]})"
    rf"(?:\s*[-—–~至到]\s*(?P<hi>{NUMBER[1:-1]}))?\s*(?P<mult>万亿|亿|万|千)?(?P<unit>{UNITS})(?P<post>以上|以内|以下|左右)?"
)
TO_LEVEL_RE = re.compile(r"(?:提高|提升|增加|增长|下降|降低|上升|降)(?:到|至)")
FOOTNOTE_RE = re.compile(r"\[\d{1,2}\]")
MULTI_YEAR_RE = re.compile(r"五年来|累计|过去五年|“?十[一二三四五]五”?(?:期间|时期|以来)|年均")
CLAUSE_SPLIT = re.compile(r"[，,；;：:]")
SENTENCE_RE = re.compile(r"[^。！？\n]+[。！？]?")
TARGET_INTRO = re.compile(r"主要预期目标|预期目标是|预期目标为|预期目标：|主要目标是|主要目标为")
NO_TARGET_RE = re.compile(r"(?:没有|未|不再)(?:提出|设定|设置|确定)[^。，；]{0,12}?(?:经济增速|增长速度|增速|经济增长)[^。，；]{0,6}?目标")


@dataclass(frozen=True)
class MetricInfo:
    id: str
    direction: str  # up | down
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def metric_table() -> dict[str, MetricInfo]:
    """The metric aliases and directions, loaded once from data/metrics.tsv."""
    text = resources.files(__package__).joinpath("data/metrics.tsv").read_text(encoding="utf-8")
    table: dict[str, MetricInfo] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        metric_id, direction, aliases = line.split("\t")
        table[metric_id] = MetricInfo(metric_id, direction, tuple(aliases.split("|")))
    return table


@lru_cache(maxsize=1)
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    by_alias = {alias: info.id for info in metric_table().values() for alias in info.aliases}
    ordered = sorted(by_alias, key=len, reverse=True)
    return re.compile("|".join(re.escape(a) for a in ordered)), by_alias


def direction(metric: str | None) -> str:
    info = metric_table().get(metric or "")
    return info.direction if info else "up"


def _bound(pre: str, post: str, clause: str) -> str:
    if post == "左右" or any(w in pre for w in APPROX_WORDS):
        return "approx"
    if post == "以上" or any(w in pre for w in MIN_WORDS) or "不低于" in clause:
        return "min"
    if post in ("以内", "以下") or any(w in pre for w in MAX_WORDS) or "控制在" in clause:
        return "max"
    return "exact"


def _clause_fact(metric: str, metric_text: str, segment: str, clause: str, offset: int, sentence: str,
                 status: str, period: int | None) -> Fact | None:
    """The figure that follows a metric name in one clause: its growth, or its level, or both."""
    fact = Fact(metric=metric, metric_text=metric_text, value=None, unit=None, value_text="", status=status,
                period=period, start=offset, end=offset + len(clause), sentence=sentence, rule="track.reader")
    segment = segment.split("其中")[0]  # what follows 其中 is a part, not the whole
    if "年均" in segment or "分别" in clause or (status != "target" and "累计" in clause):
        return None  # a multi-year average, not the year's figure
    arrival = TO_LEVEL_RE.search(segment)
    level = LEVEL_RE.search(segment, arrival.end() if arrival else 0)
    growth = None if arrival else GROWTH_RE.search(segment)
    if growth and level and level.start() >= growth.start() and level.start() < growth.end():
        level = None  # the growth's own number, not a level
    if growth:
        value = float(growth["n"])
        if growth["word"] in NEGATIVE_WORDS:
            value = -value
        fact.growth = value
        fact.growth_unit = growth["unit"]
        fact.bound = _bound(growth["pre"] or "", growth["post"] or "", clause)
        if growth["hi"]:
            fact.high, fact.bound = float(growth["hi"]), "range"
        fact.value_text = growth.group(0)
    if level:
        mult = MULTIPLIERS[level["mult"] or ""]
        fact.value = float(level["n"]) * mult
        fact.unit = level["unit"]
        if not growth:
            fact.bound = _bound(level["pre"] or "", level["post"] or "", clause)
            if level["hi"]:
                fact.high, fact.bound = float(level["hi"]) * mult, "range"
        fact.value_text = (level.group(0) + ("，" + fact.value_text if fact.value_text else "")).strip()
    if fact.growth is None and fact.value is None:
        return None
    if fact.growth is None and fact.unit == "%" and metric_text.endswith(("增长", "增速", "涨幅", "增幅")):
        fact.growth, fact.growth_unit, fact.value, fact.unit = fact.value, "%", None, None  # "经济增长5%左右"
        if fact.high is not None and fact.bound != "range":
            fact.high = None
    return fact


def read_figures(text: str, *, status: str, period: int | None, base: int = 0, first_only: bool = True,
                 within: str | None = None) -> list[Fact]:
    """Every metric named in `text` with the figure that follows it (first mention only unless asked)."""
    pattern, by_alias = _alias_pattern()
    facts: list[Fact] = []
    seen: set[str] = set()
    text = FOOTNOTE_RE.sub(lambda m: " " * len(m.group(0)), text)  # "国内生产总值[2]": keep offsets
    for sentence_match in SENTENCE_RE.finditer(text):
        sentence = sentence_match.group(0)
        if (within and within not in sentence) or (status != "target" and MULTI_YEAR_RE.search(sentence)):
            continue  # a five-year review's totals are not the year's results
        carried: Fact | None = None  # the fact of the previous clause, which a bare growth clause completes
        position = 0
        for clause in CLAUSE_SPLIT.split(sentence):
            clause_start = sentence_match.start() + position
            position += len(clause) + 1
            names = list(pattern.finditer(clause))
            if not names:
                if carried and carried.growth is None:
                    extra = _clause_fact(carried.metric or "", carried.metric_text, clause, clause, base + clause_start,
                                         sentence, status, period)
                    if extra and extra.growth is not None and extra.value is None and "年均" not in clause:
                        _merge(carried, extra)
                    elif extra and extra.growth is None and carried.bound == "min" and carried.status != "target":
                        carried.value, carried.bound = extra.value, "exact"  # "首次突破2000亿元，达到2120亿元"
                        continue
                    elif extra is None and len(clause) <= 8:
                        continue  # "按可比价计算": the growth may follow in the next clause
                carried = None
                continue
            carried = None
            if "分别" in clause and len(names) >= 2:
                for fact in _respectively(clause, names, by_alias, base + clause_start, sentence, status, period):
                    if not (first_only and fact.metric in seen) and fact.metric != "_skip":
                        facts.append(fact)
                        seen.add(fact.metric or "")
                continue
            for i, name in enumerate(names):
                metric = by_alias[name.group(0)]
                segment = _segment(clause, names, i)
                preceded = clause[max(0, name.start() - 1): name.start()]
                if "来源于" in clause[: name.start()]:
                    continue  # revenue "来源于…辖区": a wider scope than the local budget the target is about
                if metric == "_skip" or segment.startswith("占") or preceded == "占" or (first_only and metric in seen):
                    continue
                fact = _clause_fact(metric, name.group(0), segment, clause, base + clause_start, sentence, status,
                                    period)
                if fact:
                    if status == "actual" and "预计" in sentence[: clause_start - sentence_match.start() + len(clause)]:
                        fact.status = "estimate"
                    facts.append(fact)
                    seen.add(metric)
                    carried = fact
    return facts


RESPECTIVELY_RE = re.compile(rf"分别(?P<word>{GROWTH_WORDS})?(?:达到|为|达)?(?P<list>[0-9.%、和及万亿元人]+)")


def _respectively(clause: str, names: list[re.Match[str]], by_alias: dict[str, str], offset: int, sentence: str,
                  status: str, period: int | None) -> list[Fact]:
    """"GDP、规模工业增加值、社会消费品零售总额分别增长4.6%、5%、9.5%": one figure per name, in order."""
    match = RESPECTIVELY_RE.search(clause)
    if not match or match.start() < names[-1].end():
        return []
    items = [x for x in re.split(r"[、和及]", match["list"]) if re.match(r"\d", x)]
    if len(items) != len(names):
        return []
    facts = []
    for name, item in zip(names, items, strict=True):
        text = (match["word"] or "") + item + ("%" if match["word"] and not item.endswith("%") else "")
        fact = _clause_fact(by_alias[name.group(0)], name.group(0), text, clause.replace("分别", ""), offset,
                            sentence, status, period)
        if fact:
            facts.append(fact)
    return facts


AVERAGE_RE = re.compile(rf"年均(?:实际)?(?P<word>增长|增速|增幅|下降|降低|提高)?(?:保持在|达到|为)?\s*(?P<n>{NUMBER[1:-1]})(?:%?\s*[-—–~至到]\s*(?P<hi>{NUMBER[1:-1]}))?%(?P<post>以上|以内|以下|左右)?")


def read_averages(text: str, *, status: str, period: int | None) -> list[Fact]:
    """Average annual growth over a plan period ("国内生产总值年均增长7%"), for five-year plan tracking: each 年均
    figure goes to the nearest metric named before it in the same sentence (within 40 characters)."""
    pattern, by_alias = _alias_pattern()
    facts: list[Fact] = []
    seen: set[str] = set()
    for match in AVERAGE_RE.finditer(text):
        window_start = max(text.rfind("。", 0, match.start()), text.rfind("；", 0, match.start()), match.start() - 40)
        names = [n for n in pattern.finditer(text, window_start + 1, match.start())]
        if not names or by_alias[names[-1].group(0)] == "_skip":
            continue
        name = names[-1]
        metric = by_alias[name.group(0)]
        between = text[name.end(): match.start()]
        if metric in seen or "、" in between or "分别" in between or "和" in between[:2]:
            continue
        value = float(match["n"]) * (-1 if match["word"] in ("下降", "降低") else 1)
        sentence_start = max(text.rfind("。", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        sentence_end = text.find("。", match.end())
        fact = Fact(metric=metric, metric_text=name.group(0), value=None, unit=None, value_text=match.group(0),
                    growth=value, growth_unit="%", bound=_bound("", match["post"] or "", ""), status=status,
                    period=period, start=name.start(), end=match.end(), rule="track.reader.average",
                    sentence=text[sentence_start: sentence_end + 1 if sentence_end >= 0 else len(text)])
        if match["hi"]:
            fact.high, fact.bound = float(match["hi"]), "range"
        facts.append(fact)
        seen.add(metric)
    return facts


JOINERS = ("、", "和", "及", "与", "以及")


def _joins(between: str) -> bool:
    """"、" or "、对外贸易": a list joiner, perhaps with a short qualifier of the next name, and no figure."""
    return between.startswith(JOINERS) and len(between) <= 5 and not re.search(r"\d", between)


def _segment(clause: str, names: list[re.Match[str]], i: int) -> str:
    """The text after name i up to the next name; for a joined list sharing one figure
    ("地区生产总值、固定资产投资、规上工业增加值增长5%以上") the segment after the list's last name."""
    j = i
    while j + 1 < len(names) and _joins(clause[names[j].end(): names[j + 1].start()].strip()):
        j += 1
    return clause[names[j].end(): names[j + 1].start() if j + 1 < len(names) else len(clause)]


def _merge(fact: Fact, extra: Fact) -> None:
    """A growth stated in the clause after the level ("实现地区生产总值2.67万亿元，增长6%") joins that fact."""
    fact.growth, fact.growth_unit = extra.growth, extra.growth_unit
    if fact.status == "target":
        fact.bound = extra.bound
    fact.value_text = f"{fact.value_text}，{extra.value_text}"
    fact.end = extra.end


def target_passage(text: str) -> tuple[int, int] | None:
    """The sentence that lists the year's main expected targets, as offsets; None when the report has none.

    A report may also name targets elsewhere (a five-year plan's, "完成预期目标" in the review): the sentence
    introduced with 今年/年度 wins, then the one with the most figures.
    """
    best: tuple[int, int, int] | None = None
    for match in TARGET_INTRO.finditer(text):
        end = text.find("。", match.end())
        end = len(text) if end < 0 else end + 1
        figures = len(GROWTH_RE.findall(text, match.end(), end)) + len(LEVEL_RE.findall(text, match.end(), end))
        if not figures:
            continue
        lead = text[max(0, match.start() - 20): match.start()]
        score = figures + (100 if re.search(r"今年|年度|\d{4}年", lead) else 0)
        if best is None or score > best[0]:
            best = (score, match.start(), end)
    return (best[1], best[2]) if best else None


def read_targets(text: str, year: int | None) -> list[Fact]:
    """The main targets a work report sets for its own year."""
    span = target_passage(text)
    if not span:
        return []
    start, end = span
    return read_figures(text[start:end], status="target", period=year, base=start)


def read_results(text: str, year: int | None) -> list[Fact]:
    """The headline results a work report states for the year it reviews (the text before its targets)."""
    span = target_passage(text)
    review_end = span[0] if span else len(text)
    return read_figures(text[:review_end], status="actual", period=year)


def read_absent_targets(text: str) -> list[str]:
    """Metrics the report explicitly sets no target for ("我们没有提出全年经济增速具体目标")."""
    return ["gdp"] if NO_TARGET_RE.search(text) else []


YEAR_REVIEW_RE = re.compile(r"(\d{4})年(?:工作|政府工作)?回顾")
CN_DIGITS = "〇一二三四五六七八九"
DATE_RE = re.compile(r"([0-9〇零一二三四五六七八九]{4})年([0-9一二三四五六七八九十]{1,3})月([0-9一二三四五六七八九十]{1,3})日")


def _cn_number(text: str) -> int:
    """"2023", "二〇二三", "十二", "三十一" → int."""
    if text.isdigit():
        return int(text)
    text = text.replace("零", "〇")
    if "十" not in text:
        return int("".join(str(CN_DIGITS.index(c)) for c in text))
    tens, _, ones = text.partition("十")
    return (CN_DIGITS.index(tens) if tens else 1) * 10 + (CN_DIGITS.index(ones) if ones else 0)


def infer_year(text: str) -> int | None:
    """The report's year from its own text, for records without parsed metadata: the delivery date (a report
    delivered after 20 December belongs to the next year), else the reviewed year plus one."""
    delivered = DATE_RE.search(text[:1500])
    if delivered:
        year, month, day = (_cn_number(g) for g in delivered.groups())
        return year + 1 if (month, day) >= (12, 20) else year
    review = YEAR_REVIEW_RE.search(text[:3000])
    return int(review.group(1)) + 1 if review else None
