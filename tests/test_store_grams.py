"""The search index's tokens of a sentence (`distinct_grams`, one regex pass) are exactly the pairs and characters
that bigram_tokens and char_tokens give, each once: on every sentence of the seed reports and on generated text
mixing Chinese, letters, digits, full-width forms, underscores and unassigned code points of the Chinese ranges; and
a whole report's sentences folded and cut at once (luoshi.store.grams, the ingest workers' way) give the same."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.store.grams import STARTER_SECONDS, fold_spans, grams_of_sentences
from luoshi.store.segment import SENTENCE_END, bigram_tokens, char_tokens, distinct_grams, fold, split_spans


def reference(folded: str) -> list[str]:
    return list(dict.fromkeys([*bigram_tokens(folded, folded=True), *char_tokens(folded, folded=True)]))


def test_the_seed_reports_sentences_give_the_same_tokens(seeds):
    sentences = [fold(s) for path in seeds.values()
                 for s in SENTENCE_END.split(path.read_text(encoding="utf-8", errors="replace")) if s.strip()]
    assert len(sentences) > 1000
    assert [distinct_grams(s) for s in sentences] == [reference(s) for s in sentences]


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="经济发展就业5Gg_ ，。Ａ１\u3400\uf900\ufa6e\U0002a6e0\U00020000é-", max_size=16))
def test_generated_text_gives_the_same_tokens(text):
    folded = fold(text)
    assert distinct_grams(folded) == reference(folded)


# The whole report at once (luoshi.store.grams): the same folds and grams as sentence by sentence


def test_a_report_folded_and_cut_at_once_gives_each_sentences_grams(seeds):
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in seeds.values()]
    texts.append("Ⅲ、平均气温15℃，面积㎡……ΑΣ Σ. ｛ＡＢ｝\ud800\n经济增长6.5%\u3400\ufa6e\U00020000\U0002a6e0")
    for text in texts:
        spans = split_spans(text)
        assert fold_spans(text, spans) == [fold(text[a:b]) for a, b in spans]
        folded = [fold(text[a:b]) for a, b in spans]
        assert grams_of_sentences(folded) == [" ".join(distinct_grams(s)) for s in folded]


def test_sentences_cut_in_runs_give_the_same_grams(seeds, monkeypatch):
    """A long report is cut in runs of sentences (grams.CHUNK_CHARS, to bound memory): runs of ~300 characters over
    the seed reports, so every seed has many runs' ends, give each sentence's grams as sentence by sentence."""
    from luoshi.store import grams

    monkeypatch.setattr(grams, "CHUNK_CHARS", 300)
    text = "".join(path.read_text(encoding="utf-8", errors="replace") for path in seeds.values())
    folded = [fold(text[a:b]) for a, b in split_spans(text)]
    assert grams_of_sentences(folded) == [" ".join(distinct_grams(s)) for s in folded]
    assert grams_of_sentences([]) == []


SENTENCE_ALPHABET = "经济发展就业5Gg_ ，。Ａ１\u3400\uf900\ufa6e\U0002a6e0\U00020000é-\nⅢ℃Σ\u0301\u1161가"


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.text(alphabet=SENTENCE_ALPHABET, max_size=12), min_size=1, max_size=6))
def test_generated_sentences_give_the_same_grams_and_folds(sentences):
    text = "".join(sentences)
    spans, at = [], 0
    for s in sentences:
        spans.append((at, at + len(s)))
        at += len(s)
    assert fold_spans(text, spans) == [fold(s) for s in sentences]
    folded = [fold(s) for s in sentences]
    assert grams_of_sentences(folded) == [" ".join(distinct_grams(s)) for s in folded]


def test_starter_seconds_are_unicodedatas():
    """The characters of combining class 0 that compose with what precedes them, derived from unicodedata."""
    derived = set()
    for c in range(0x110000):
        parts = unicodedata.decomposition(chr(c)).split()
        if len(parts) == 2 and not parts[0].startswith("<") and not unicodedata.combining(chr(int(parts[1], 16))):
            derived.add(int(parts[1], 16))
    hangul = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))  # composed by the Hangul algorithm
    assert STARTER_SECONDS == derived | hangul
