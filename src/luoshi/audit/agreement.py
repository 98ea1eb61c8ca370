"""Agreement between sources: the same figure read from two sources must be the same figure.

Two copies of one annual work report (same region and year, near-duplicate texts, different sources) must yield the same GDP target and the
same GDP result for the reviewed year; a difference means one copy was read differently (OCR damage, an abridged
copy, a layout the extraction handles in one copy only). For the country, the result for year N in report N+1 is
checked against the NBS statistical communiqué of year N (published weeks before the report).
"""

from __future__ import annotations

from .corpus import Corpus, record_failure_fields
from .model import Failure, Outcome
from .select import GDP, figure_text, gdp_result, main_gdp_target, meta, reviewed_year, target_figure

# Figures are given to one decimal: anything beyond float noise is a different figure.
SAME = 0.05
# Percentage points. The work report of N+1 is written after the communiqué of N and quotes the same preliminary
# figure; older reports round ("增长9%左右" for 8.8%), so up to half a point is the same figure, rounded.
COMMUNIQUE_GAP = 0.5
NATIONAL = "全国"


def _compare(a: dict, b: dict, fa: dict | None, fb: dict | None, what: str, value) -> Failure | None:
    """A failure row when the two copies' figures differ or only one copy yields one; None when they agree."""
    if fa is None and fb is None:
        return None
    if fa is not None and fb is not None and abs(value(fa) - value(fb)) <= SAME:
        return None
    if fa is not None and fb is not None:
        why = f"GDP {what}: the copies differ"
    else:
        why = f"GDP {what}: read in one copy only (missing in {(b if fa is not None else a).get('source')})"
    first, fact = (a, fa) if fa is not None else (b, fb)
    assert fact is not None  # one copy at least yields the figure (checked above)
    values = f"{figure_text(fa) or '—'} ({a.get('source')}) vs {figure_text(fb) or '—'} ({b.get('source')})"
    return Failure("copies_agree", **record_failure_fields(first), metric=GDP, values=values,
                   sentence=fact.get("sentence", ""), why=why)


def copies_agree(corpus: Corpus) -> Outcome:
    """Copies of one report (same region and year, near-duplicate texts) yield the same GDP target and result."""
    out = Outcome()
    for a, b in corpus.copies:
        for what, pick, value in (("target", main_gdp_target, target_figure),
                                  ("result", lambda r: gdp_result(r, reviewed_year(r)), lambda f: f["growth"])):
            fa, fb = pick(a), pick(b)
            if fa is None and fb is None:
                continue
            out.checked += 1
            if (failure := _compare(a, b, fa, fb, what, value)) is not None:
                out.failures.append(failure)
    return out


def communique_agrees(corpus: Corpus) -> Outcome:
    """The country's GDP growth for year N in report N+1 is within COMMUNIQUE_GAP of the NBS communiqué of year N."""
    out = Outcome()
    for r in corpus.annual:
        m = meta(r)
        n = reviewed_year(r)
        if m.get("region") != NATIONAL or n not in corpus.communique_results:
            continue
        communique, official = corpus.communique_results[n]
        stated = gdp_result(r, n)
        if stated is None:  # no result at all is the gdp_result check's failure, not a disagreement
            continue
        out.checked += 1
        if abs(stated["growth"] - official["growth"]) <= COMMUNIQUE_GAP:
            continue
        why = f"{stated['growth'] - official['growth']:+.1f} points from the communiqué of {n} (limit {COMMUNIQUE_GAP:g})"
        out.failures.append(Failure("communique_agrees", **record_failure_fields(r), metric=GDP,
                                    values=f"{figure_text(stated)} vs {figure_text(official)} "
                                           f"({communique.get('source')})",
                                    sentence=stated.get("sentence", ""), why=why))
    return out
