"""Where a pasted run stands, read by jieba's dictionary of general Chinese (rjieba, as adsplit.names_or_lists): a
pasted run is whole words of its own set inside a word of the sentence ("执[…]法", "科技创[…]新发展"). Used by adwords.py
and adnumbers.py, only in a document found hacked."""

from __future__ import annotations

CONTEXT = 8  # characters either side that jieba reads


def _cuts(s: str) -> set[int]:
    import rjieba  # loads jieba's dictionary (0.12 s): only a hacked document needs it

    out, k = {0}, 0
    for w in rjieba.cut(s, False):
        k += len(w)
        out.add(k)
    return out


def cuts_a_word(text: str, a: int, b: int) -> bool:
    """text[a:b] is whole words where it stands, and without it text[a-1] and text[b] are one word."""
    lo, hi = max(0, a - CONTEXT), min(len(text), b + CONTEXT)
    here = _cuts(text[lo:hi])
    if a - lo not in here or b - lo not in here:
        return False
    return a - lo not in _cuts(text[lo:a] + text[b:hi])
