"""The rule trail of a fact, in words (`luoshi show FILE --explain`)."""

from __future__ import annotations

from ..models import Fact
from .vetoes import VETOES

_PHASE = {v.name: v.phase for v in VETOES}


def explain(i: int, f: Fact) -> str:
    """Which rules made fact i, which vetoes it passed and which fired."""
    growth = f"  growth {f.growth:g}{f.growth_unit or ''}" if f.growth is not None else ""
    lines = [
        f"fact {i}: {f.status} {f.metric or '(no metric)'} = {f.value_text}{growth}  [{f.start}-{f.end}]",
        f"  named by: {f.metric_text!r} (rule {f.rule})",
        f"  rules:    {' > '.join(f.steps) or '(none recorded)'}",
        f"  passed:   {', '.join(f.checks) or '(no veto ran: no metric was named)'}",
    ]
    if f.vetoed:
        fired = ", ".join(f"{v} ({_PHASE.get(v, '?')} phase)" for v in f.vetoed)
        lines.append(f"  vetoed:   {fired}")
    lines.append(f"  sentence: {f.sentence}")
    return "\n".join(lines)
