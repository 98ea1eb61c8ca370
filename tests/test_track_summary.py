"""Summaries: share of targets met by level and province, and target amplification (a city's target minus its
province's), on verdicts built from real targets: 苏州市 2024 "地区生产总值增长5%以上", 江苏省 2024 "地区生产总值增长5%以上",
深圳市 2022 "地区生产总值增长6%左右" against 广东省's "5.5%左右"."""

from __future__ import annotations

from luoshi.models import Fact
from luoshi.track import Verdict, amplification, share_met, verdict_frame


def verdict(region: str, level: str, province: str, year: int, target: float, outcome: str) -> Verdict:
    fact = Fact(metric="gdp", metric_text="地区生产总值", value=None, unit=None, value_text=f"增长{target}%", growth=target,
                growth_unit="%", bound="min", status="target")
    return Verdict(region=region, year=year, metric="gdp", verdict=outcome, target=fact, target_value=target, unit="%",
                   level=level, province=province)


def test_share_met_by_level():
    frame = verdict_frame([
        verdict("苏州市", "city", "江苏省", 2024, 5.0, "exceeded"),
        verdict("苏州市", "city", "江苏省", 2023, 5.0, "missed"),
        verdict("江苏省", "province", "江苏省", 2024, 5.0, "met"),
        verdict("江苏省", "province", "江苏省", 2021, 6.0, "not_reported"),  # not judged: left out of the share
    ])
    shares = share_met(frame, by=("level",)).set_index("level")
    assert shares.loc["city", "targets"] == 2 and shares.loc["city", "share_met"] == 0.5
    assert shares.loc["province", "targets"] == 1 and shares.loc["province", "share_met"] == 1.0


def test_amplification_is_target_minus_parent_target():
    frame = verdict_frame([
        verdict("深圳市", "city", "广东省", 2022, 6.0, "missed"),
        verdict("广东省", "province", "广东省", 2022, 5.5, "missed"),
        verdict("苏州市", "city", "江苏省", 2024, 5.0, "exceeded"),  # its parent is not in the frame: no row
    ])
    table = amplification(frame, {"深圳市": "广东省", "苏州市": "江苏省", "广东省": "全国"})
    assert table.to_dict(orient="records") == [{"region": "深圳市", "parent": "广东省", "metric": "gdp", "year": 2022,
                                                 "target": 6.0, "parent_target": 5.5, "amplification": 0.5}]
