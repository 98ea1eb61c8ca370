"""Data as people read it, in either language: metric and unit names (English from metrics.tsv's name_en and
data/units_en.tsv), amounts in 万/亿/万亿 with the exact figure kept for hover, ranges as "5–5.5%", quality reasons
in Chinese. The tables are read once; nothing here touches the database.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from markupsafe import Markup

from .. import data_file
from .highlight import format_number

VARIANT_SEP = "~"  # a chart key "unemployment_rate~surveyed": the metric and the measure named apart
# Units whose big figures are written with 万/亿/万亿 (zh) or thousand/million/billion (en); others stay as written.
SCALED_UNITS = {"元", "美元", "公斤", "人", "个", "户", "家", "吨", "人次", "亩", "千瓦", "斤", "套", "件", "辆", "平方米"}
ZH_SCALES = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))
EN_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


@cache
def metric_table() -> dict[str, dict[str, str]]:
    """metric id -> {"zh", "en"}: the extract stage's metric table (an English name where metrics.tsv has one)."""
    out = {}
    for r in data_file.table("luoshi.extract", "metrics.tsv"):
        if r.get("id"):
            out[r["id"]] = {"zh": r.get("name_zh") or r["id"], "en": (r.get("name_en") or "").strip() or r["id"]}
    return out


@cache
def variants() -> dict[str, list[tuple[str, str, dict[str, str]]]]:
    """metric -> [(word in metric_text, variant id, names)] (data/metric_variants.tsv)."""
    out: dict[str, list] = {}
    for metric, word, variant, zh, en in data_file.rows(__package__, "metric_variants.tsv"):
        out.setdefault(metric, []).append((word, variant, {"zh": zh, "en": en}))
    return out


def chart_key(metric: str, metric_text: str | None) -> str:
    """The metric a fact is charted under: its own, or its named variant when the text says so (调查失业率)."""
    for word, variant, _ in variants().get(metric, ()):
        if word in (metric_text or ""):
            return f"{metric}{VARIANT_SEP}{variant}"
    return metric


def metric_name(key: str | None, lang: str = "zh") -> str:
    """A metric's (or a chart key's) name in lang; an unknown id is shown as it is."""
    if not key:
        return ""
    metric, _, variant = key.partition(VARIANT_SEP)
    if variant:
        for _, v, names in variants().get(metric, ()):
            if v == variant:
                return names[lang if lang in names else "zh"]
    named = metric_table().get(metric)
    return named[lang if lang in named else "zh"] if named else key


@cache
def _units_en() -> dict[str, str]:
    return {r[0]: (r[1] if len(r) > 1 else "") for r in data_file.rows(__package__, "units_en.tsv")}


def unit_name(unit: str | None, lang: str = "zh") -> str:
    if not unit:
        return ""
    if lang == "en":
        return _units_en().get(unit, unit)
    return unit


def scale(value: float, unit: str | None, lang: str = "zh") -> tuple[float, str]:
    """(divisor, unit as read) for a figure: 12,820,000,000,000 元 -> (1e12, "万亿元"); unscaled units (1, unit)."""
    if unit in SCALED_UNITS:
        for size, word in (ZH_SCALES if lang == "zh" else EN_SCALES):
            if abs(value) >= size:
                return size, (f"{word}{unit}" if lang == "zh" else f"{word} {unit_name(unit, lang)}".strip())
    return 1.0, unit_name(unit, lang)


def _short(x: float) -> str:
    return format_number(round(x, 2 if abs(x) < 1000 else 0))


def amount(value: float | None, unit: str | None, lang: str = "zh", high: float | None = None) -> Markup:
    """A value (or a range value–high) with its unit as read, the exact figure on hover when it was rounded."""
    if value is None:
        return Markup("")
    size, shown_unit = scale(float(value), unit, lang)
    shown = _short(float(value) / size) if size != 1 else format_number(value)
    exact = format_number(value)
    if high is not None:
        shown += "–" + (_short(float(high) / size) if size != 1 else format_number(high))
        exact += "–" + format_number(high)
    gap = " " if lang == "en" and shown_unit and shown_unit not in ("%", "‰") else ""
    text, exact = f"{shown}{gap}{shown_unit}", f"{exact}{gap}{unit_name(unit, lang)}"
    if text == exact:
        return Markup('<span class="amount">{}</span>').format(text)
    return Markup('<span class="amount" title="{}">{}</span>').format(exact, text)


def growth(fact: dict[str, Any], lang: str = "zh") -> str:
    """A growth figure as read: "+6.5%", a range "5–5.5%" (high belongs to growth when there is no value)."""
    g = fact.get("growth")
    if g is None:
        return ""
    unit = fact.get("growth_unit") or ""
    unit = unit_name(unit, lang) if unit != "%" else unit
    high = fact.get("high") if fact.get("value") is None else None
    if high is not None:
        return f"{format_number(g)}–{format_number(high)}{unit}"
    return f"{format_number(g, signed=True)}{unit if unit == '%' else (' ' + unit if lang == 'en' else unit)}"


def value(fact: dict[str, Any], lang: str = "zh") -> Markup:
    """The value column: the amount (a range when high belongs to it), with its unit."""
    high = fact.get("high") if fact.get("value") is not None else None
    return amount(fact.get("value"), fact.get("unit"), lang, high=high)


@cache
def _reasons() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p), zh) for p, zh in data_file.rows(__package__, "reasons.tsv")]


def reason(text: str, lang: str = "zh") -> str | None:
    """A quality reason in lang: English as recorded; in Chinese from data/reasons.tsv, None when not listed."""
    if lang == "en":
        return text
    for pattern, zh in _reasons():
        m = pattern.match(text)
        if m:
            return m.expand(re.sub(r"\{(\d)\}", r"\\\1", zh))
    return None
