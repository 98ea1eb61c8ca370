"""The search index's tokens of a sentence (`distinct_grams`, one regex pass) are exactly the pairs and characters
that bigram_tokens and char_tokens give, each once: on every sentence of the seed reports and on generated text
mixing Chinese, letters, digits, full-width forms, underscores and unassigned code points of the Chinese ranges."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.store.segment import SENTENCE_END, bigram_tokens, char_tokens, distinct_grams, fold


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
