"""The evidence index only skips results that cannot match: commitment verdicts are the same with and without it."""

from __future__ import annotations

import itertools

from test_track_series import series

from luoshi.track import plans
from luoshi.track.plans import EvidenceIndex, fact_key, match_score


def test_index_candidates_hold_every_result_that_can_match(corpus):
    reports = series(corpus, "政府工作报告-主要城市/深圳市", 2019, 2024)
    checked = 0
    for report, follow in itertools.pairwise(reports):
        evidence = [f for f in follow.facts if f.status in ("actual", "estimate")]
        index = EvidenceIndex(evidence)
        for plan in (f for f in report.facts if f.status == "plan" and f.object):
            key = fact_key(plan)
            if not key:
                continue
            matching = [i for i, e in enumerate(evidence) if match_score(plan, e) > 0]
            assert set(matching) <= set(index.candidates(key)), plan.object
            checked += bool(matching)
    assert checked > 20  # real matches were found, so the check above had something to hold


def test_verdicts_are_the_same_with_and_without_the_index(corpus, monkeypatch):
    reports = series(corpus, "政府工作报告-主要城市/深圳市", 2019, 2024)
    with_index = [v.row() for v in plans.track_plans(reports)]
    judge = plans.judge_commitment
    monkeypatch.setattr(plans, "judge_commitment", lambda plan, evidence, *, in_review=False, index=None:
                        judge(plan, evidence, in_review=in_review))
    assert with_index == [v.row() for v in plans.track_plans(reports)] and with_index
