"""Extraction: every quantified fact, with metric, value, growth, bound, status, period and offsets.

The report arrives cleaned and parsed. Each sentence of a review, targets or plan section is scanned for
quantities (quantities.py), each quantity is attributed to the phrase it measures (attribution.py), the phrase
is mapped to a metric id (metrics.py) and the fact gets its status and period from its section (status.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..models import Fact, Report, Sentence
from . import lexicon, metrics
from .attribution import RATE_TAIL_RE, attribute, strip_action, strip_front
from .draft import CLAUSE_DELIMS, Draft, clause_end, clause_start
from .explain import explain as explain_fact
from .local_part import PART as PART_OF_WHOLE_REVENUE
from .local_part import local_part
from .metrics import direction
from .quantities import Quantity, scan
from .rank import find_rank
from .relation import find_relations, reference_metric, with_relations
from .relative import part_named
from .relative import relative_targets as relative_of
from .result_sentence import status_with_result
from .status import ABSENT_RE, basis_for_period, basis_of, period_of, plan_period, role_of, span_end, status_of
from .target_sentence import (
    absent_by_content,
    continues_run,
    dash_list_end,
    heading_lead,
    in_figure_aside,
    next_list_line,
    paragraph_lead,
    status_with_content,
)
from .term_review import mark_term_review_figures
from .vetoes import FACT_VETOES, THRESHOLD_RE, Seen, apply

# The stage's public surface: what other stages may import (track uses direction, find_relations, plan_period,
# part_named, reference_metric, strip_action; the pipeline relative_targets; the CLI explain_fact).
__all__ = ["direction", "explain_fact", "extract_facts", "find_relations", "part_named", "plan_period",
           "reference_metric", "relative_targets", "strip_action", "targets_table"]

ESTIMATE_RE = re.compile(lexicon.pattern("estimate_words"))
MAX_GROWTH = 1000  # percent; larger changes are misreadings or not comparable rates
SENTENCE_END = re.compile(r"[。！？!?\n]")
SENTENCE_OPENING = re.compile(rf"^(?:(?:19|20)[0-9]{{2}}年|{lexicon.pattern('period_words')}|{lexicon.pattern('jurisdiction')})+")
# a verb of completing that opens the sentence before the head ("完成粮食种植面积125.12万亩，总产57.6万吨")
OPENING_VERB_RE = re.compile(f"^(?:{lexicon.pattern('inner_verbs')})")
# a name cut to its tail opening a path to the figure: "增速由最低时的5.6%逐步回升到2017年的6.4%" (the tail 增速)
PATH_NAME_RE = re.compile(rf"^(.{{2,6}}?)(?:由|从)[^，,；;。]*?(?:{lexicon.pattern('path_verbs')})(?:到|至)")


def fallback_sentences(text: str) -> list[Sentence]:
    """Sentences when the report carries none (a bare Report built by hand)."""
    out, s = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.end() - s > 1:
            out.append(Sentence(s, m.end()))
        s = m.end()
    if s < len(text):
        out.append(Sentence(s, len(text)))
    return out


def section_at(report: Report, pos: int) -> int | None:
    """The innermost section holding pos (for sentences that do not name theirs)."""
    best = None
    for i, sec in enumerate(report.sections):
        if sec.start <= pos < sec.end and (best is None or sec.level >= report.sections[best].level):
            best = i
    return best


def extract_facts(report: Report) -> tuple[list[Fact], list[str]]:
    """Return the facts and the metric ids the report explicitly sets no target for."""
    text = report.text
    damaged = [(d.start, d.end) for d in report.quality.damaged]
    sentences = report.sentences or fallback_sentences(text)
    facts: list[Fact] = []
    absent: list[str] = []
    seen_targets: dict[tuple, int] = {}  # a target's numbers -> the sentence that first stated it
    found = scan(text)
    if damaged:  # most reports have no damaged span: no test per quantity
        found = [q for q in found if not any(q.start < e and s < q.end for s, e in damaged)]
    starts = [q.start for q in found]
    roles: dict[int | None, tuple[str, str]] = {}  # a section's role and heading lead, once per report
    run_paragraph = -1  # the paragraph where a year target found by content opened a run of targets
    run_items_end = -1  # the end of the dashed items that run goes on through
    for sent in sentences:
        lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        quantities = [q for q in found[lo:hi] if q.end <= sent.end]
        if not quantities and text.find("目标", sent.start, sent.end) < 0:
            continue
        index = sent.section if sent.section is not None else section_at(report, sent.start)
        if index not in roles:  # a section's role and heading lead, once per section
            roles[index] = role_of(report.sections, index), heading_lead(report, index)
        role, heading = roles[index]
        sentence_text = text[sent.start:sent.end]
        lead = paragraph_lead(text, sent.start)
        by_role = status_of(report, role)
        status = status_with_content(report, role, by_role, sentence_text, lead, heading)
        paragraph, before_run, in_run = sent.start - len(lead), status, False
        if status == "target" and by_role != "target":
            run_paragraph = paragraph  # a year target found by content opens a run in its paragraph
            run_items_end = dash_list_end(text, paragraph)  # and in the dashed items after it
        elif (paragraph == run_paragraph or sent.start < run_items_end) and status in (None, "plan") \
                and continues_run(role, sentence_text):
            status, in_run = "target", True  # "今年，国内生产总值增长8.5%。…全部财政收入增长7.1%；城乡居民收入增长5%…"
        status = status_with_result(report, role, status, sentence_text, lead, sent.start)  # "全年完成…增长10.1%"
        if status is None:
            continue
        if status == "target":
            for m in ABSENT_RE.finditer(sentence_text):
                named = metrics.find(m.group(1))  # not `found`: that name holds the report's quantities
                if named and named[0] not in absent:
                    absent.append(named[0])
        if not quantities:
            continue
        drafts = attribute(text, sent.start, sent.end, quantities)
        if paragraph == run_paragraph and (following := next_list_line(text, sent.end)) >= 0:
            run_paragraph = following  # a run written one target a line goes on to the next line
        if in_run and not all_named(report, drafts, sent, sentence_text):
            status = before_run  # the run goes on only through figures that each name a metric
            if status is None:
                continue
        for d in drafts:
            if d.growth is not None and d.growth_unit == "%" and abs(d.growth) > MAX_GROWTH:
                d.growth = d.growth_unit = None  # "增长一七倍" in a 1950s plan: not a rate anyone tracks
                if d.value is None:
                    continue
            if status == "target" and in_figure_aside(text, sent.start, d.q.start):
                continue  # "…控制在9.5‰（省下达顺德市为9.4‰）以内": the part's figure in the target's aside
            fact = to_fact(report, d, status, sent, sentence_text)
            if status == "target" and facts and restated_increment(fact, facts[-1]):
                continue  # "农民人均年纯收入达到2414元，增加250元": the change to the level just set, no target of its own
            if status == "target" and fact.metric:  # a target restated in a later sentence is one target; two
                # names of one sentence that share a figure and a metric id ("财政总收入、地方财政收入均增长8%") are two
                key = (fact.metric, fact.value, fact.unit, fact.growth, fact.growth_unit, fact.high)
                if seen_targets.setdefault(key, sent.start) != sent.start:
                    continue
            facts.append(fact)
    for sec in report.sections:  # "需要说明的是，我们没有提出全年经济增速具体目标" follows the passage it qualifies
        if sec.role == "targets":
            after = len(text[sec.end:]) - len(text[sec.end:].lstrip()) + sec.end  # the paragraph that follows
            line_end = text.find("\n", after)
            window = text[sec.end:min(line_end if line_end >= 0 else len(text), after + 300)]
            for m in ABSENT_RE.finditer(window):
                named = metrics.find(m.group(1))
                if named and named[0] not in absent:
                    absent.append(named[0])
    facts = with_relations(report, sentences, facts)  # "增速高于全省1个百分点", "与全国同步": GDP set against another
    absent += [m for m in absent_by_content(report, sentences) if m not in absent]  # "没有提出…具体目标" anywhere
    return mark_term_review_figures(report, facts), absent


def relative_targets(report: Report) -> list[Fact]:
    """Targets set only relative to another quantity or jurisdiction that are not among `report.facts`
    ("城乡居民收入增长与经济增长同步"): relation.py's one reading, kept apart (`Report.relative_targets`; relative.py)."""
    return relative_of(report, report.sentences or fallback_sentences(report.text), report.facts)


def restated_increment(fact: Fact, before: Fact) -> bool:
    """An amount added that the increment veto took from a metric whose level the fact just before sets under the
    same name ("…达到2414元，增加250元"): it restates the change to that level. Alone ("农民人均纯收入增加100元以上") it
    stays: it is then the target itself."""
    return fact.metric is None and "increment" in fact.vetoed and before.metric is not None \
        and before.value is not None and before.metric_text == fact.metric_text and before.end <= fact.start


def all_named(report: Report, drafts: list[Draft], sent: Sentence, sentence_text: str) -> bool:
    """Every figure of the sentence names a metric of metrics.tsv: a sentence that goes on with the year's targets
    lists them ("全部财政收入增长7.1%"), where a task of the plan counts other things ("新建公路120公里")."""
    return bool(drafts) and all(to_fact(report, d, "target", sent, sentence_text).metric for d in drafts)


def elliptic_metric(text: str, sent: Sentence, d: Draft) -> str | None:
    """'粮食种植面积、单产实现“双增”，总产超298万吨' / '粮食生产连续七年丰收、去年总产接近600亿斤': a name cut to its
    tail (总产) after the sentence, its clause or the clause before opened with its head (粮食)."""
    if d.metric or d.scope or d.rule != "lead" or not d.metric_text:
        return None
    tail = SENTENCE_OPENING.sub("", d.metric_text)
    if path := PATH_NAME_RE.match(tail):
        tail = path.group(1)
    if metrics.normalise(tail) not in metrics.aliases_by_tail():
        return None  # no alias ends with it: nothing to complete (most unnamed figures stop here)
    own = clause_start(text, sent.start, d.q.start, CLAUSE_DELIMS)
    if "其中" in text[own:d.q.start]:
        return None  # "实际利用外资50.42亿美元，其中外商直接投资36.23亿美元": a part, not the whole cut short
    before = clause_start(text, sent.start, own - 1, CLAUSE_DELIMS) if own > sent.start else own
    starts = {sent.start, own, before}
    if sent.start < before < own and tail in text[before:own]:
        starts.add(clause_start(text, sent.start, before - 1, CLAUSE_DELIMS))  # a parallel clause before, cut to the
        # same tail, opened where it was: "地区生产总值从2017年开始触底反弹，到2019年年均增速6%，2020年增速为3.6%"
    starts |= figureless_clauses(text, sent.start, before)  # "尤其是旅游业克服非典的影响，率先启动，总收入增长17.9%"
    if own == sent.start and (joined := clause_before_semicolon(text, sent.start)) is not None:
        starts.add(joined)  # "规模以上工业总产值达到6600亿元；增加值1650亿元": a clause of the same sentence, cut at ；
    if own == sent.start and sent.start and text[sent.start - 1] in "；;" and d.value is not None \
            and not THRESHOLD_RE.match(text, d.q.end):  # "…2500元以下的低收入村": a bar, it names nothing
        prior = max(text.rfind(c, 0, sent.start - 1) for c in "。！？!?；;\n") + 1
        first = scan(text, prior, sent.start - 1)[:1]
        if first and first[0].unit == d.unit and not first[0].growth_sign:
            starts.add(prior)  # a level in the unit of the level the segment before the ； opens with, named where that
            # one was: "全市直接利用外资合同额35.1亿美元，增长74.3%；到位额16.3亿美元" (a sentence ends at ；)
    if own == sent.start and (topic := topic_line(text, sent.start)) is not None:
        starts.add(topic)  # "服务业发展提速升级。完成增加值655亿元": the line before names the industry (only for the
        # figure that opens its sentence: "工业结构加快调整。…实施100个项目，完成投资182亿元" is the projects')
    openings = [SENTENCE_OPENING.sub("", TOPIC_MARKER_RE.sub("", text[s:d.q.start].lstrip())) for s in sorted(starts)]
    if text[clause_start(text, sent.start, d.q.start):d.q.start].lstrip().startswith(d.metric_text):
        # no verb of its own: the opening's verb is shared ("完成粮食种植面积125.12万亩，总产57.6万吨")
        openings += [SENTENCE_OPENING.sub("", OPENING_VERB_RE.sub("", o)) for o in openings if OPENING_VERB_RE.match(o)]
        # or a filler before the head ("确保了粮食播种面积910.9万亩、总产量343万吨", "预计全年粮食种植面积…，总产352万吨")
        openings += [o2 for o in openings if (o2 := SENTENCE_OPENING.sub("", strip_front(o))) != o]
    found = {metrics.completion(tail, o) for o in openings} - {None}
    metric = found.pop() if len(found) == 1 else None
    if metric and d.value is not None and not metrics.compatible(metric, d.unit) \
            and not (d.unit == "%" and RATE_TAIL_RE.search(metrics.normalise(tail))):
        return None  # a rate noun's % is the metric's growth ("增速…6.4%"): to_fact makes it one
    return metric


# a word that singles out the topic of what follows ("尤其是旅游业…，总收入增长17.9%": the opening is 旅游业)
TOPIC_MARKER_RE = re.compile(f"^(?:{lexicon.pattern('topic_markers')})")
FIGURELESS_CLAUSES_MAX = 3


def figureless_clauses(text: str, floor: int, before: int) -> set[int]:
    """Starts of the clauses before `before` that hold no figure, back to the first that does (at most a few): a
    topic named two clauses before the figure still opens it ("旅游业克服非典的影响，率先启动，总收入增长17.9%")."""
    out: set[int] = set()
    pos = before
    for _ in range(FIGURELESS_CLAUSES_MAX):
        if pos <= floor:
            break
        start = clause_start(text, floor, pos - 1, CLAUSE_DELIMS)
        if any(c.isdigit() for c in text[start:pos]):
            break
        out.add(start)
        pos = start
    return out


def clause_before_semicolon(text: str, start: int) -> int | None:
    """Start of the last clause of the sentence before `start` when that sentence ended at a semicolon: parse
    splits at ；, but the clause before it still belongs to the same sentence. Not a share's clause: it names a part
    and its whole, no topic ("民生支出占财政支出的81%；投入28.2亿元，完成省定33项民生工程" is the projects')."""
    if start < 2 or text[start - 1] not in "；;":
        return None
    floor = max(text.rfind(c, 0, start - 1) for c in "。！？!?\n") + 1
    clause = clause_start(text, floor, start - 1, CLAUSE_DELIMS)
    name = re.split(r"[0-9０-９]", text[clause:start - 1], maxsplit=1)[0]
    return None if metrics.share_of(metrics.normalise(name)) else clause


TOPIC_LINE_MAX = 16  # "第三产业发展步伐明显加快。": a short sentence that only names the topic of the next
TOPIC_END_RE = re.compile(r"[。！？!?\n]")


def topic_line(text: str, start: int) -> int | None:
    """Where the sentence before `start` begins, when it is a short line without a figure naming what follows."""
    if start < 2 or text[start - 1] not in "。！？!?":
        return None
    lo = max(0, start - 1 - TOPIC_LINE_MAX - 1)
    ends = list(TOPIC_END_RE.finditer(text, lo, start - 1))
    if not ends and lo > 0:
        return None
    begin = ends[-1].end() if ends else 0
    line = text[begin:start - 1]
    return begin if line.strip() and not any(c.isdigit() for c in line) else None


MAX_NAME = 60  # the longest labelled name is 24 characters; real ones stay well under this


def name_tail(name: str) -> str:
    """A name cut to its last MAX_NAME characters. Only text whose punctuation was lost (a mojibake run where 。 became
    銆) gives longer "names" (thousands of characters up to the figure); the words nearest the figure name it."""
    return name[-MAX_NAME:] if name and len(name) > MAX_NAME else name


def to_fact(report: Report, d: Draft, status: str, sent: Sentence, sentence_text: str) -> Fact:
    """The fact a draft makes once the "fact" vetoes have judged it in its report."""
    text = report.text
    if d.metric:  # the vetoes judge a metric: a figure without one has nothing to lose
        apply(FACT_VETOES, Seen(d, report=report, status=status, sent=sent))
    if not d.metric and (completed := elliptic_metric(text, sent, d)):
        d.metric = completed
        d.steps.append("elliptic_metric")
        if metrics.kind(completed) == "percent" and d.value is None and d.growth_unit == "%":
            d.value, d.unit, d.growth, d.growth_unit = d.growth, "%", None, None  # a rate's figure is its value
        elif d.growth is None and d.unit == "%" and not metrics.compatible(completed, "%"):
            d.growth, d.growth_unit, d.value, d.unit = d.value, "%", None, None  # "增速由…回升到6.4%": a growth
    if local_part(text, sent.start, d):
        d.metric = PART_OF_WHOLE_REVENUE
        d.steps.append("local_part")
    q: Quantity = d.q
    before = text[sent.start:q.start]
    if status == "actual" and ESTIMATE_RE.search(before):
        status = "estimate"
    bound = q.bound
    if d.growth_q is not None and d.value is not None and bound == "exact":
        bound = d.growth_q.bound
    high = d.high if d.high is not None else d.extra.get("growth_high")
    first, last = q, q
    if d.growth_q is not None:  # the growth may come before its level ("年均增长14.2%，达到1100亿元")
        first, last = min(q, d.growth_q, key=lambda x: x.start), max(q, d.growth_q, key=lambda x: x.end)
    rank_end = clause_end(text, last.end, sent.end, CLAUSE_DELIMS)  # each clause bound is computed once
    rank = find_rank(text[last.end:rank_end])
    if rank is None and rank_end < sent.end and text.find("第", rank_end, sent.end) >= 0:  # every rank has a 第
        rank = find_rank(text[rank_end:clause_end(text, min(rank_end + 1, sent.end), sent.end, CLAUSE_DELIMS)])
    cs = clause_start(text, sent.start, q.start, CLAUSE_DELIMS)
    clause = text[cs if first is q else clause_start(text, sent.start, first.start, CLAUSE_DELIMS):rank_end]
    growth_start = d.growth_q.start if d.growth_q is not None else q.start
    gs = cs if growth_start == q.start else clause_start(text, sent.start, growth_start, CLAUSE_DELIMS)
    basis = basis_of(text[gs:growth_start], text[cs:q.start])
    period = period_of(report, status, before)
    if basis == "average":
        period = span_end(report, status, text[sent.start:growth_start]) or period
    basis = basis_for_period(basis, text[gs:growth_start], period)
    return Fact(
        metric=d.metric,
        metric_text=name_tail(d.metric_text),
        value=float(d.value) if d.value is not None else None,
        unit=d.unit if d.value is not None else None,
        value_text=q.value_text,
        high=float(high) if high is not None else None,
        growth=float(d.growth) if d.growth is not None else None,
        growth_unit=d.growth_unit,
        bound=bound,
        status=status,
        period=period,
        rank=rank,
        start=q.start,
        end=q.end,
        sentence=clause if clause else sentence_text.strip(),
        action=d.action if status == "plan" else None,
        object=name_tail(d.object) if status == "plan" and d.object is not None else None,
        scope=d.scope,
        rule=d.rule,
        basis=basis,
        steps=d.steps,
        checks=d.checks,
        vetoed=d.vetoed,
    )


def targets_table(reports) -> list[dict]:
    """The main targets of each report, one row per target fact (for `luoshi targets` and the store)."""
    rows = []
    for r in reports:
        for f in r.facts:
            if f.status != "target":
                continue
            rows.append({
                "region": r.meta.region, "year": r.meta.year, "metric": f.metric, "metric_text": f.metric_text,
                "value": f.value, "unit": f.unit, "growth": f.growth, "growth_unit": f.growth_unit,
                "high": f.high, "bound": f.bound, "period": f.period, "text": f.sentence, "source": r.source,
            })
        for m in r.absent_targets:
            rows.append({
                "region": r.meta.region, "year": r.meta.year, "metric": m, "metric_text": metrics.table()[m].name,
                "value": None, "unit": None, "growth": None, "growth_unit": None, "high": None,
                "bound": "absent", "period": r.meta.year, "text": "", "source": r.source,
            })
    return rows
