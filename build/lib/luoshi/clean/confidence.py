"""How sure we are that the clean text is a clean, whole work report; every deduction names its reason."""

from __future__ import annotations

from ..models import Quality
from .badness import badness

SHORT_CHARS = 3000
CONTENT_REPAIRS = {"utf8_read_as_gbk", "latin1_mojibake", "gbk_realigned"}


def score(text: str, quality: Quality, *, title_found: bool) -> tuple[float, list[str]]:
    conf = 1.0
    reasons: list[str] = []

    def lower(by: float, reason: str) -> None:
        nonlocal conf
        conf -= by
        reasons.append(reason)

    if quality.damaged:
        lower(min(0.3, 0.1 * len(quality.damaged)), f"{len(quality.damaged)} damaged span(s) could not be restored")
    if quality.page:
        lower(0.1 if quality.page[0] == 1 else 0.3, f"page {quality.page[0]} of {quality.page[1]}")
    elif quality.partial:
        lower(0.3, "starts mid-report")
    if not title_found:
        lower(0.1, "no title found")
    if len(text) < SHORT_CHARS:
        lower(0.2, f"very short ({len(text)} characters)")
    content = sum(1 for r in quality.repairs if r.kind in CONTENT_REPAIRS)
    if content >= 5:
        lower(min(0.2, 0.02 * content), f"{content} encoding repairs")
    if any(r.kind == "t2s" for r in quality.repairs):
        lower(0.05, "converted from Traditional")
    residual = badness(text)
    if residual > 0.002:
        lower(min(0.3, residual * 20), f"residual mojibake score {residual:.3f}")
    return max(0.0, round(conf, 3)), reasons
