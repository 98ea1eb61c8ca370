"""Charts drawn server-side as inline SVG: no chart library to bundle, works offline and without JavaScript.

Every label goes through markupsafe's escaping; points carry a <title> so hovering shows the value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from .highlight import format_number

PALETTE = 8  # CSS classes c0..c7 colour the series (static/app.css)


@dataclass
class Series:
    name: str
    points: list[tuple[float, float]] = field(default_factory=list)
    dashed: bool = False
    # x -> where the point comes from: report_id, start, basis, status (data attributes: tests check them against
    # the database) and `title` (the hover text, e.g. the figure as written)
    info: dict[float, dict] = field(default_factory=dict)


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering [lo, hi] (the classic 1-2-5 steps)."""
    if hi == lo:
        lo, hi = (lo - 1, hi + 1) if lo == 0 else (lo - abs(lo) * 0.1, hi + abs(hi) * 0.1)
    raw = (hi - lo) / max(n, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.floor(lo / step) * step
    ticks = []
    v = first
    while v <= hi + step * 0.5:
        ticks.append(round(v, 10))
        v += step
        if len(ticks) > 20:
            break
    return ticks


def year_ticks(lo: float, hi: float, n: int = 10) -> list[float]:
    """Whole-year ticks at a round step (1, 2, 5, 10, 20 … years) covering [lo, hi]."""
    if hi <= lo:
        return [lo]
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50) if (hi - lo) / s <= n), 100)
    first = math.ceil(lo / step) * step
    return [float(y) for y in range(int(first), int(hi) + 1, step)]


def line_chart(series: Sequence[Series], *, width: int = 640, height: int = 260, y_label: str = "") -> Markup:
    """A line chart of year → value series; empty series are dropped, an empty chart returns ''."""
    series = [s for s in series if s.points]
    if not series:
        return Markup("")
    xs = sorted({x for s in series for x, _ in s.points})
    ys = [y for s in series for _, y in s.points]
    ticks = nice_ticks(min(ys + [0.0]) if min(ys) >= 0 and min(ys) < max(ys) * 0.3 else min(ys), max(ys))
    y_lo, y_hi = ticks[0], ticks[-1]
    # the left margin fits the longest tick label (7 px a digit at the tick font size): none is cut off
    left, right, top, bottom = max(40, 14 + 7 * max(len(format_number(t)) for t in ticks)), 16, 28, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    x_lo, x_hi = xs[0], xs[-1]

    def px(x: float) -> float:
        return left + (plot_w / 2 if x_hi == x_lo else (x - x_lo) / (x_hi - x_lo) * plot_w)

    def py(y: float) -> float:
        return top + plot_h - (0 if y_hi == y_lo else (y - y_lo) / (y_hi - y_lo) * plot_h)

    parts = [Markup('<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}">').format(width, height, y_label)]
    for t in ticks:
        parts.append(Markup('<line class="grid" x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}"/>').format(
            left, width - right, py(t), py(t)))
        parts.append(Markup('<text class="tick" x="{}" y="{:.1f}" text-anchor="end">{}</text>').format(
            left - 6, py(t) + 4, format_number(t)))
    for x in year_ticks(x_lo, x_hi):
        parts.append(Markup('<text class="tick" x="{:.1f}" y="{}" text-anchor="middle">{}</text>').format(
            px(x), height - bottom + 16, format_number(x).replace(",", "")))
    parts.append(Markup('<line class="axis" x1="{}" x2="{}" y1="{}" y2="{}"/>').format(
        left, width - right, top + plot_h, top + plot_h))
    legend_x = left
    for k, s in enumerate(series):
        cls = f"c{k % PALETTE}"
        pts = sorted(s.points)
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)
        parts.append(Markup('<g class="series {}" data-name="{}">').format(cls, s.name))
        if len(pts) > 1:
            parts.append(Markup('<polyline class="line{}" points="{}"/>').format(" dashed" if s.dashed else "", path))
        for x, y in pts:
            info = s.info.get(x, {})
            data = Markup("").join(Markup(' data-{}="{}"').format(k, info[k])
                                   for k in ("report", "start", "end", "basis", "status") if info.get(k) is not None)
            parts.append(Markup('<circle class="point" cx="{:.1f}" cy="{:.1f}" r="3.5" data-x="{}" data-y="{}"{}>'
                                '<title>{} {}: {}{}</title></circle>').format(
                px(x), py(y), format_number(x).replace(",", ""), y, data, s.name, format_number(x).replace(",", ""),
                format_number(y), f" ({info['title']})" if info.get("title") else ""))
        parts.append(Markup("</g>"))
        parts.append(Markup('<rect class="swatch {}" x="{}" y="8" width="12" height="4"/>'
                            '<text class="legend" x="{}" y="14">{}</text>').format(
            cls, legend_x, legend_x + 16, s.name))
        legend_x += 28 + 13 * len(s.name)
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def bar_chart(labels: Sequence[str], values: Sequence[float], *, width: int = 1200, height: int = 200) -> Markup:
    """Vertical bars (counts by year on the overview); each bar's <title> gives label and value."""
    if not values:
        return Markup("")
    left, right, top, bottom = 40, 8, 10, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    hi = max(values) or 1
    bw = plot_w / len(values)
    parts = [Markup('<svg class="chart bars" viewBox="0 0 {} {}" role="img">').format(width, height)]
    step = max(1, math.ceil(len(labels) / 16))
    for k, (label, v) in enumerate(zip(labels, values, strict=True)):
        h = v / hi * plot_h
        x = left + k * bw
        parts.append(Markup('<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}">'
                            '<title>{}: {}</title></rect>').format(
            x + bw * 0.1, top + plot_h - h, bw * 0.8, h, label, format_number(v)))
        if k % step == 0:
            parts.append(Markup('<text class="tick" x="{:.1f}" y="{}" text-anchor="middle">{}</text>').format(
                x + bw / 2, height - bottom + 16, label))
    parts.append(Markup('<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>').format(
        left - 4, top + 8, format_number(hi)))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
