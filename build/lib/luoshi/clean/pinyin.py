"""Pinyin annotations after characters ("區(qū)", "發（fā）"): some sites print the reading after each hard hanzi."""

from __future__ import annotations

import re

from .edits import Edit

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# a syllable with at least one tone mark, in half- or full-width parentheses, right after a hanzi
PINYIN_ANNOTATION = re.compile(
    f"(?<=[\u4e00-\u9fff])[(（](?=[a-zü{TONED}]*[{TONED}])[a-zü{TONED}]{{1,7}}[)）]"
)


def fix_pinyin_annotations(text: str) -> list[Edit]:
    """Drop the reading; the character before it is the text."""
    if not any(ch in text for ch in TONED):
        return []
    return [Edit(m.start(), m.end(), "", "pinyin") for m in PINYIN_ANNOTATION.finditer(text)]
