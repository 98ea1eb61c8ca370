"""A model of report prose: character bigram log-probabilities of the reports (data/prose_bigrams.npz, built by
scripts/build_clean_model.py). Used to choose among the characters lost bytes allow (lossy.py).

P(b | a) is Witten-Bell smoothed: (c(ab) + T(a) P(b)) / (c(a) + T(a)), T(a) the number of distinct followers of
a; P(b) add-one smoothed unigrams. Digits are one class, Latin letters one, rare characters one (the unknown class).
Surprisal of a few lines is looked up in the sparse pairs (binary search); the dense V x V table (uint8 steps of
1/8 nat, ~21 MB) is built only when lost characters are chosen.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

import numpy as np

from .. import data_file

STEP = 8.0  # quantisation: surprisal in units of 1/8 nat, capped at 255 (~32 nats)


class ProseModel:
    def __init__(self, vocab: list[str], uni: np.ndarray, pairs: np.ndarray, counts: np.ndarray):
        self.vocab = vocab
        V = self.V = len(vocab)
        self.index = {ch: i for i, ch in enumerate(vocab)}
        self.cmap = np.zeros(0x10000, dtype=np.uint16)  # BMP code point -> id (0: unknown)
        for ch, i in self.index.items():
            if len(ch) == 1 and ord(ch) < 0x10000:
                self.cmap[ord(ch)] = i
        for lo, hi, cls in (("0", "9", "0"), ("０", "９", "0"), ("A", "Z", "a"), ("a", "z", "a"), ("Ａ", "Ｚ", "a"),
                            ("ａ", "ｚ", "a")):
            self.cmap[ord(lo):ord(hi) + 1] = self.index.get(cls, 0)
        for ch in " \t\u3000\r":
            self.cmap[ord(ch)] = self.index.get("\n", 0)
        first, second = pairs // V, pairs % V
        c_a = np.bincount(first, weights=counts, minlength=V)
        t_a = np.bincount(first, minlength=V).astype(np.float64)
        p_b = (uni.astype(np.float64) + 1) / (uni.sum() + V)
        denom = c_a + t_a
        denom[denom == 0] = 1
        t_a[c_a == 0] = 1  # a character never seen first: back off to the unigram
        # unseen pairs: -log(T(a) P(b) / (c(a) + T(a))) = row(a) + col(b), in 1/8 nat steps, added as small ints
        row = -np.log(t_a / denom) * STEP
        col = -np.log(p_b) * STEP
        seen = -np.log((counts + t_a[first] * p_b[second]) / denom[first]) * STEP
        self._row, self._col = row.astype(np.float32), col.astype(np.float32)
        self._pairs, self._first, self._second = pairs, first, second
        self._seen = np.clip(seen, 0, 255).astype(np.uint8)
        self._table: np.ndarray | None = None
        self.uni_cost = np.clip(-np.log(p_b) * STEP, 0, 255).astype(np.uint8)

    @property
    def table(self) -> np.ndarray:
        """The dense V x V table (uint8, 21 MB), built on first use: only choosing lost characters needs it."""
        if self._table is None:
            table = np.clip(np.add.outer(self._row, self._col), 0, 255).astype(np.uint8)
            table[self._first, self._second] = self._seen
            self._table = table
        return self._table

    def _pair_cost(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Quantised -log P(b | a) from the sparse pairs (binary search): cheap for a few short lines."""
        keys = a.astype(np.uint32) * np.uint32(self.V) + b.astype(np.uint32)
        i = np.minimum(np.searchsorted(self._pairs, keys), len(self._pairs) - 1)
        unseen = np.clip(self._row[a] + self._col[b], 0, 255).astype(np.uint8)
        return np.where(self._pairs[i] == keys, self._seen[i], unseen)

    def add_trigrams(self, keys: np.ndarray, counts: np.ndarray, pairs: np.ndarray, pair_counts: np.ndarray) -> None:
        """Trigram counts (key (a*V + b)*V + c, seen twice or more) for cost3; bigram counts for their contexts."""
        self.tri_keys, self.tri_counts = keys, counts.astype(np.float64)
        self.pair_keys, self.pair_counts = pairs.astype(np.uint64), pair_counts.astype(np.float64)
        ctx = keys // np.uint64(self.V)  # sorted, as the keys are: distinct contexts without a sort
        first = np.flatnonzero(np.r_[True, ctx[1:] != ctx[:-1]])
        self.ctx_keys, self.ctx_types = ctx[first], np.diff(np.r_[first, len(ctx)])
        # each pair's distinct followers as a context, beside its count: cost3 finds both with one search (a context
        # that is no counted pair is never read: cost3 backs off to the bigram where the pair's count is 0)
        self._pair_types = self._lookup(self.ctx_keys, self.ctx_types, self.pair_keys)

    @staticmethod
    def _lookup(keys: np.ndarray, values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
        i = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        return np.where(keys[i] == wanted, values[i], 0)

    def cost3(self, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
        """-log P(c | a b) in nats for arrays of ids, Witten-Bell interpolated with the bigram P(c | b)."""
        V = np.uint64(self.V)
        a, b, c = (np.asarray(x).astype(np.uint64) for x in (a, b, c))
        ab = a * V + b
        i = np.minimum(np.searchsorted(self.pair_keys, ab), len(self.pair_keys) - 1)
        found = self.pair_keys[i] == ab
        n_ab = np.where(found, self.pair_counts[i], 0)
        t_ab = np.where(found, self._pair_types[i], 0).astype(np.float64)
        bi, ci = b.astype(np.int64), c.astype(np.int64)
        q2 = self._table[bi, ci] if self._table is not None else self._pair_cost(bi, ci)  # the same values
        p2 = np.exp(-q2.astype(np.float64) / STEP)
        n_abc = self._lookup(self.tri_keys, self.tri_counts, ab * V + c)
        p3 = (n_abc + t_ab * p2) / (np.maximum(n_ab, n_abc) + t_ab + (t_ab == 0))
        return -np.log(np.where((n_ab > 0) & (t_ab > 0), p3, p2))

    def ids(self, text: str) -> np.ndarray:
        cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        out = self.cmap[np.minimum(cp, 0xFFFF)]
        out[cp > 0xFFFF] = 0
        return out

    def cost(self, a: np.ndarray | int, b: np.ndarray | int) -> np.ndarray:
        """-log P(b | a) in nats (arrays broadcast)."""
        return self.table[a, b] / STEP

    def surprisal(self, text: str) -> np.ndarray:
        """-log P(each character | the one before), nats; the first character by its unigram."""
        ids = self.ids(text)
        out = np.empty(len(ids), dtype=np.float32)
        if len(ids):
            out[0] = self.uni_cost[ids[0]] / STEP
            out[1:] = (self.table[ids[:-1], ids[1:]] if self._table is not None
                       else self._pair_cost(ids[:-1], ids[1:])) / STEP
        return out


def _npz(data: bytes) -> Any:
    """The arrays of a .npz file's bytes."""
    return np.load(io.BytesIO(data))


@cache
def prose_model() -> ProseModel:
    with _npz(data_file.binary(__package__, "prose_bigrams.npz")) as z:
        return ProseModel([str(x) for x in z["vocab"]], z["uni"], z["pairs"], z["counts"])


@cache
def prose_model3() -> ProseModel:
    """The model with trigram counts too (data/prose_trigrams.npz, ~3 MB): loaded only where lost characters are
    chosen."""
    m = prose_model()
    with _npz(data_file.binary(__package__, "prose_trigrams.npz")) as z, \
            _npz(data_file.binary(__package__, "prose_bigrams.npz")) as z2:
        m.add_trigrams(z["keys"], z["counts"], z2["pairs"], z2["counts"])
    return m


def edge_breaks(p: np.ndarray, q: np.ndarray, r: np.ndarray, t: np.ndarray,
                w: np.ndarray, x: np.ndarray, y: np.ndarray, z: np.ndarray) -> np.ndarray:
    """How much the prose breaks at both edges of runs text[a:b] pasted inside sentences, in nats (trigrams of
    prose_model3), the runs given by the model ids around them (p q r t = text[a-2:a+2], w x y z = text[b-2:b+2]):
    entering, the run's first two characters after the sentence against after a line edge (an ad starts as a text
    of its own), plus leaving, the two characters after b as they stand against right after a-1 (the sentence's
    prose resumes when the run is taken out). The one score of adnumbers.py and adrepeats.py; one cost3 call, as
    its overhead is per call."""
    m = prose_model3()
    nl = np.full(len(r), int(m.ids("\n")[0]))
    c = m.cost3(np.concatenate((p, q, nl, nl, w, x, p, q)), np.concatenate((q, r, nl, r, x, y, q, y)),
                np.concatenate((r, t, r, t, y, z, y, z))).reshape(8, -1)
    return (c[0] + c[1] - c[2] - c[3]) + (c[4] + c[5] - c[6] - c[7])
