"""Edits on a text and the offset map they induce, so every logged span stays an offset into the final text."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from ..models import Mark, Repair, Span


@dataclass
class Edit:
    """Replace text[start:end] by `new`; `kind` names the repair or removal, `log` says where it is recorded."""

    start: int
    end: int
    new: str
    kind: str
    log: str = "repair"  # repair | removal | none


class OffsetMap:
    """Maps offsets in the text before a set of edits to offsets in the text after them."""

    def __init__(self, edits: list[Edit], new_starts: list[int]):
        self._old_starts = [e.start for e in edits]
        self._edits = edits
        self._new_starts = new_starts

    def __call__(self, pos: int, *, end: bool = False) -> int:
        i = bisect.bisect_right(self._old_starts, pos) - 1
        if i < 0:
            return pos
        e, ns = self._edits[i], self._new_starts[i]
        if pos >= e.end and not (pos == e.end == e.start):
            return pos - e.end + ns + len(e.new)
        if len(e.new) == e.end - e.start:
            return ns + (pos - e.start)
        return ns + len(e.new) if end else ns

    def move(self, spans: Iterable[Span | Repair | Mark], first: int) -> None:
        """Re-map the start and end of every span that ends at or after `first` (the same as calling the map on
        each; one loop with the lookups bound: a report carries thousands of logged spans)."""
        old_starts, edits, new_starts, find = self._old_starts, self._edits, self._new_starts, bisect.bisect_right
        for span in spans:
            if span.end < first:
                continue  # spans wholly before the first edit do not move
            pos = span.start
            i = find(old_starts, pos) - 1
            if i >= 0:
                e, ns = edits[i], new_starts[i]
                if pos >= e.end and not (pos == e.end == e.start):
                    pos = pos - e.end + ns + len(e.new)
                elif len(e.new) == e.end - e.start:
                    pos = ns + (pos - e.start)
                else:
                    pos = ns
            end = span.end
            i = find(old_starts, end) - 1
            if i >= 0:
                e, ns = edits[i], new_starts[i]
                if end >= e.end and not (end == e.end == e.start):
                    end = end - e.end + ns + len(e.new)
                elif len(e.new) == e.end - e.start:
                    end = ns + (end - e.start)
                else:
                    end = ns + len(e.new)
            span.start, span.end = pos, end


_START_END = attrgetter("start", "end")  # the sort key (start, end), read in C


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[tuple[Edit, int]], OffsetMap]:
    """Apply non-overlapping edits (overlaps: the earlier-starting one wins). Returns the new text,
    each applied edit with its start in the new text, and the offset map."""
    edits = sorted(edits, key=_START_END)
    kept: list[Edit] = []
    pieces: list[str] = []
    new_starts: list[int] = []
    last = -1
    pos = 0
    out_len = 0
    for e in edits:  # one loop: which edits are kept, and the pieces of the new text
        if e.start >= last and not (e.start == e.end and e.new == ""):
            kept.append(e)
            last = e.end
            pieces.append(text[pos:e.start])
            out_len += e.start - pos
            new_starts.append(out_len)
            pieces.append(e.new)
            out_len += len(e.new)
            pos = e.end
    pieces.append(text[pos:])
    return "".join(pieces), list(zip(kept, new_starts)), OffsetMap(kept, new_starts)
