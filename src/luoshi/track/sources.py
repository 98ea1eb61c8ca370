"""One verdict per target when a result has two sources (the next work report and, for the country, the NBS
communiqué): counting both would count the target twice, and the two can disagree (5.5% in one, 5.6% in the other).
"""

from __future__ import annotations

from .verdict import Verdict

JUDGED = ("met", "exceeded", "missed", "partly")
# The communiqué is the statistical source (final figures); the next work report restates them, sometimes rounded.
SOURCE_ORDER = ("communique", "work_report", "same_report")


def other_source(verdict: Verdict) -> dict:
    """What a second source said, kept beside the verdict that counts."""
    return {"source": verdict.source, "verdict": verdict.verdict, "result_value": verdict.result_value,
            "unit": verdict.unit, "result_report": verdict.result_report,
            "result_sentence": verdict.result.sentence if verdict.result else None,
            "result_start": verdict.result.start if verdict.result else None}


def primary(candidates: list[Verdict]) -> Verdict:
    """The verdict that counts: a judged one before an unjudged one, then by SOURCE_ORDER."""
    def rank(v: Verdict) -> tuple[int, int]:
        order = SOURCE_ORDER.index(v.source) if v.source in SOURCE_ORDER else len(SOURCE_ORDER)
        return (0 if v.verdict in JUDGED else 1, order)
    return min(candidates, key=rank)


def fold_sources(verdicts: list[Verdict]) -> list[Verdict]:
    """Main-target verdicts of the same target (report, year, metric) from several sources become one, in the
    order of the first; the others are listed in `extra["other_sources"]`. Other kinds pass unchanged."""
    groups: dict[tuple, list[Verdict]] = {}
    order: list[tuple | int] = []  # an int: a verdict passed on as it is; a tuple: the target whose group stands there
    for i, v in enumerate(verdicts):
        if v.kind != "target" or v.target is None:
            order.append(i)
            continue
        key = (v.target_report, v.year, v.metric, v.target.start)
        if key not in groups:
            order.append(key)
        groups.setdefault(key, []).append(v)
    folded: list[Verdict] = []
    for place in order:
        if isinstance(place, int):
            folded.append(verdicts[place])
            continue
        group = groups[place]
        chosen = primary(group)
        others = [other_source(v) for v in group if v is not chosen]
        if others:
            chosen.extra["other_sources"] = others
        folded.append(chosen)
    return folded
