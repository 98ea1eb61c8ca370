"""Tokens for Chinese full-text search: jieba words plus single characters, and query normalisation.

Why two token streams: SQLite FTS5's unicode61 tokenizer sees a run of Chinese as one token, and the trigram
tokenizer cannot match one- or two-character queries. So each sentence is indexed twice, as space-separated tokens:
`words` (jieba search mode, computed by rjieba: words and the sub-words of long compounds) and `chars` (one token per Chinese character,
ASCII words whole). A query term matches as a phrase over `chars` (exact substring: full recall, any length) and is
ranked up when it is also a jieba word of the sentence (word boundaries: 就业 in 稳就业 beats 和平 in 和平台).

Queries in Traditional characters or full-width forms are folded to the simplified, half-width, lower-case form
the index holds (OpenCC t2s + NFKC).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TOKEN = re.compile(r"[^\W_]+")
HAN_CLASS = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]"
CHAR_TOKEN = re.compile(rf"{HAN_CLASS}|(?:(?!{HAN_CLASS})[^\W_])+")  # one Chinese character, or a run of others
SENTENCE_END = re.compile(r"[。！？；!?;\n]+")


@lru_cache(maxsize=1)
def _rjieba():
    """rjieba (jieba-rs: jieba's dictionary and algorithm in Rust, ~18x faster than jieba; see docs/query.md)."""
    import rjieba

    return rjieba


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    """Full-width to half-width, compatibility forms to plain ones, lower case: what the index stores."""
    return unicodedata.normalize("NFKC", text).lower()


def normalize_query(text: str) -> str:
    """A user's query in the index's form: Traditional to simplified, then `fold`."""
    return fold(_t2s().convert(text))


def folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """`fold(text)` character by character, and for each folded character the offset it came from in `text`."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        f = fold(ch) if not ch.isascii() or ch.isupper() else ch
        out.append(f)
        origin.extend([i] * len(f))
    return "".join(out), origin


def char_tokens(text: str, *, folded: bool = False) -> list[str]:
    """One token per Chinese character; runs of letters and digits otherwise stay whole."""
    return CHAR_TOKEN.findall(text if folded else fold(text))


HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")


def bigram_tokens(text: str, *, folded: bool = False) -> list[str]:
    """Overlapping character pairs of each run of Chinese (a lone character stays one token); other words whole.

    A phrase of pairs finds a term of two or more characters as fast as a word: pair posting lists are short,
    where a phrase of single characters must intersect the long lists of 地, 区, 生, 产 ...
    """
    tokens: list[str] = []
    for word in TOKEN.findall(text if folded else fold(text)):
        pos = 0
        for m in HAN_RUN.finditer(word):
            if m.start() > pos:
                tokens.append(word[pos:m.start()])
            run = m.group(0)
            tokens.extend([run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)])
            pos = m.end()
        if pos < len(word):
            tokens.append(word[pos:])
    return tokens


# A run of Chinese, or a run of other letters and digits (the pieces bigram_tokens and char_tokens cut words into)
PIECE = re.compile(rf"({HAN_CLASS}+)|([^\W_{HAN_CLASS[1:-1]}]+)")


def distinct_grams(folded: str) -> list[str]:
    """`bigram_tokens` then `char_tokens` of a folded sentence, each token once (first occurrence kept): the same
    list from one regex pass instead of three (28% less CPU on 146,000 bulk sentences; an ingest hot spot)."""
    pairs: list[str] = []
    chars: list[str] = []
    for han, other in PIECE.findall(folded):
        if not han:
            pairs.append(other)
            chars.append(other)
        elif not han.isalnum():  # a code point of the Chinese ranges that is no letter (unassigned): as before
            return list(dict.fromkeys([*bigram_tokens(folded, folded=True), *char_tokens(folded, folded=True)]))
        elif len(han) == 1:
            pairs.append(han)
            chars.append(han)
        else:
            pairs += map(str.__add__, han[:-1], han[1:])
            chars += han
    return list(dict.fromkeys(pairs + chars))


def sentence_grams(folded: str) -> str:
    """The distinct tokens of a (folded) sentence for the SQLite index: pairs (and lone characters) of each run of
    Chinese, every single Chinese character, other words whole. Without positions, a token once is enough."""
    return " ".join(distinct_grams(folded))


def pairs_apply(term: str) -> bool:
    """Whether a term can be searched as a phrase of pairs: every run of Chinese in it is 2+ characters."""
    runs = HAN_RUN.findall(fold(term))
    return bool(runs) and all(len(r) >= 2 for r in runs)


def word_tokens(text: str, *, folded: bool = False) -> list[str]:
    """jieba search-mode tokens (words, and the words inside long compounds), punctuation dropped."""
    return TOKEN.findall(" ".join(_rjieba().cut_for_search(text if folded else fold(text), True)))


def query_words(term: str) -> list[str]:
    """The jieba words of a (normalised) query term, precise mode: what a word-boundary match looks for."""
    tokens: list[str] = []
    for piece in _rjieba().cut(term, True):
        tokens.extend(TOKEN.findall(piece))
    return tokens


def split_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end] at 。！？； and line ends, whitespace trimmed; for reports without sentences."""
    end = len(text) if end is None else end
    spans = []
    pos = start
    for m in SENTENCE_END.finditer(text, start, end):
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out
