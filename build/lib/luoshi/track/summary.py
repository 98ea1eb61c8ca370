"""Summaries across regions: the share of targets met by level and province, and target amplification.

Target amplification (层层加码): a region's target minus the target of the level above for the same metric and
year (a city's GDP growth target minus its province's), the quantity researchers of target setting study.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .verdict import Verdict

JUDGED = ("met", "exceeded", "missed", "partly")


def verdict_frame(verdicts: Iterable[Verdict]) -> pd.DataFrame:
    rows = [v.row() for v in verdicts]
    return pd.DataFrame(rows, columns=list(Verdict(None, None, None, "met").row()))


def share_met(frame: pd.DataFrame, by: tuple[str, ...] = ("level", "province")) -> pd.DataFrame:
    """Per group: judged targets, how many were met or exceeded, and the share."""
    judged = frame[frame["verdict"].isin(JUDGED) & (frame["kind"] == "target")].copy()
    judged["achieved"] = judged["verdict"].isin(("met", "exceeded"))
    keys = [k for k in by if k in judged]
    grouped = judged.fillna({k: "?" for k in keys}).groupby(keys)["achieved"]
    out = grouped.agg(targets="count", achieved="sum").reset_index()
    out["share_met"] = (out["achieved"] / out["targets"]).round(3)
    return out


def amplification(frame: pd.DataFrame, parents: dict[str, str]) -> pd.DataFrame:
    """Each region's target minus its parent's (same metric, year and target kind), for growth targets in %.

    `parents` maps a region name to the name of the level above (city → province, province → 全国).
    """
    growth = frame[(frame["kind"] == "target") & (frame["unit"].isin(["%"]) | frame["unit"].isna())].copy()
    growth = growth[growth["target_value"].notna()] if "target_value" in growth else growth
    own = growth.set_index(["region", "metric", "year"])["target_value"]
    rows = []
    for (region, metric, year), value in own.items():
        parent = parents.get(region)
        if parent and (parent, metric, year) in own.index:
            above = own.loc[(parent, metric, year)]
            above = above.iloc[0] if isinstance(above, pd.Series) else above
            rows.append({"region": region, "parent": parent, "metric": metric, "year": year,
                         "target": value, "parent_target": above, "amplification": round(value - above, 2)})
    return pd.DataFrame(rows, columns=["region", "parent", "metric", "year", "target", "parent_target",
                                       "amplification"])
