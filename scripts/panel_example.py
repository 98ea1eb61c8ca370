"""The worked example of docs/panel.md: GDP growth targets of the country, its provinces and their cities by year,
from `luoshi panel`, drawn as an SVG line chart (no plotting library needed).

    luoshi ingest ../shared/corpus --db luoshi.db
    python scripts/panel_example.py --db luoshi.db --svg docs/img/panel-gdp-targets.svg
"""

from __future__ import annotations

import argparse

import pandas as pd

import luoshi

SERIES = (("national", "全国 (national)", "#444"), ("province", "provinces (mean)", "#c0392b"),
          ("city", "cities (mean)", "#2471a3"))


def yearly_means(frame: pd.DataFrame) -> pd.DataFrame:
    """Mean growth target by level and year, and the mean gap to the parent's target (amplification)."""
    growth = frame[(frame["target_unit"] == "%") & frame["target_low"].notna()].copy()
    growth["amplification"] = growth["target_low"] - growth["parent_target"]
    return growth.groupby(["level", "year"]).agg(regions=("region", "nunique"), target=("target_low", "mean"),
                                                 amplification=("amplification", "mean")).reset_index()


def svg_chart(means: pd.DataFrame, width: int = 720, height: int = 360) -> str:
    years = sorted(means["year"].unique())
    low, high = 0.0, max(16.0, float(means["target"].max()) + 1)
    left, right, top, bottom = 48, 170, 20, 36

    def x(year: int) -> float:
        return left + (year - years[0]) / max(1, years[-1] - years[0]) * (width - left - right)

    def y(value: float) -> float:
        return top + (high - value) / (high - low) * (height - top - bottom)

    header = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
              'font-family="sans-serif" font-size="12">')
    parts = [header, f'<rect width="{width}" height="{height}" fill="white"/>']
    for tick in range(0, int(high) + 1, 2):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#eee"/>')
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}%</text>')
    for year in years[::max(1, len(years) // 10)]:
        parts.append(f'<text x="{x(year):.1f}" y="{height - bottom + 16}" text-anchor="middle">{year}</text>')
    for i, (level, label, colour) in enumerate(SERIES):
        rows = means[means["level"] == level].sort_values("year")
        if rows.empty:
            continue
        points = " ".join(f"{x(r.year):.1f},{y(r.target):.1f}" for r in rows.itertuples())
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts.append(f'<text x="{width - right + 10}" y="{top + 16 * (i + 1)}" fill="{colour}">{label}</text>')
    parts.append(f'<text x="{left}" y="{top - 6}">GDP growth target (%), by target year</text></svg>')
    return "\n".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="luoshi.db")
    ap.add_argument("--svg", default="docs/img/panel-gdp-targets.svg")
    args = ap.parse_args()
    with luoshi.open(args.db) as corpus:
        frame = corpus.panel(metrics=["gdp"], years=(1995, 2026))
    means = yearly_means(frame)
    with open(args.svg, "w", encoding="utf-8") as out:
        out.write(svg_chart(means))
    table = means.pivot(index="year", columns="level", values=["target", "amplification"]).round(2)
    print(table.to_string())


if __name__ == "__main__":
    main()
