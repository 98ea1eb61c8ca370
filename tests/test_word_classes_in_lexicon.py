"""Every word class of the extract stage lives in data/lexicon.tsv, each in one place, documented and used.

A new word list written inline in extract/ (a regex alternation of Chinese words, or a tuple/set/list of them) fails
here: put its words in the lexicon as a class (or reuse a class with the same words) and build the pattern from
`lexicon.pattern(cls)` / `lexicon.words(cls)`. The few lists that are grammar, not words, are allowed below, each with
its reason. Alternations of single characters (到|至, 底|末, 由|从) are structure, like a character class.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

from luoshi.extract import lexicon

EXTRACT = Path(lexicon.__file__).parent
LEXICON = EXTRACT / "data" / "lexicon.tsv"
CJK = "\u3400-\u9fff"
# a whole alternation of Chinese words: it starts a group or the pattern and ends one ("(?:增长|增速)", "今年|明年")
ALTERNATION = re.compile(rf"(?:^|(?<=[(:|!=]))[{CJK}]+(?:\|[{CJK}]+)+(?=$|[|)?])")
WORD = re.compile(rf"[{CJK}]+")

BOUNDS = "bound words of the quantity grammar (data/bounds.tsv): which bounds a pattern accepts after a figure is its structure"
MULTIPLIERS = "multipliers and numerals of the number grammar (quantities.py), not words of a class"
ALLOWED: dict[tuple[str, str], str] = {
    ("attribution.py", "以上|多"): BOUNDS,  # PEOPLE_NOUN_RE "85万以上贫困人口"
    ("attribution.py", "以上|左右"): BOUNDS,  # TRAIL_SHARE_RE
    ("quantities.py", "以上|以下|左右|人口"): BOUNDS + " (and 人口, the noun PEOPLE_RE ends with)",
    ("quantities.py", "左右|以上|多"): BOUNDS,  # BARE_AMOUNT_RE
    ("target_sentence.py", "左右|以上"): BOUNDS,  # _GDP_GROWTH, a GDP level before its rate
    ("vetoes.py", "以上|以下"): BOUNDS,  # THRESHOLD_RE
    ("quantities.py", "百分之|翻"): MULTIPLIERS + ": where a numeral run begins (CANDIDATE_RE)",
    ("quantities.py", "百亿|千亿|万亿|百万|千万"): MULTIPLIERS + ": a round amount written without a digit (ROUND_AMOUNT)",
    ("result_sentence.py", "万亿|亿"): MULTIPLIERS,  # _LEVEL_AND_RATE
    ("target_sentence.py", "万亿|亿|万"): MULTIPLIERS,  # _GDP_GROWTH
}


def _docstrings(tree: ast.AST) -> set[int]:
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
            and isinstance(node.body[0], ast.Expr)}


def inline_word_lists() -> list[tuple[str, int, str]]:
    """(file, line, words) of every inline list of Chinese words in extract/*.py with a word of two characters or more."""
    found = []
    for path in sorted(EXTRACT.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                found += [(path.name, node.lineno, m.group(0)) for m in ALTERNATION.finditer(node.value)
                          if max(map(len, m.group(0).split("|"))) > 1]
            elif isinstance(node, (ast.Tuple, ast.Set, ast.List)) and len(node.elts) >= 2 and all(
                    isinstance(e, ast.Constant) and isinstance(e.value, str) and WORD.fullmatch(e.value)
                    for e in node.elts):
                items = [e.value for e in node.elts if isinstance(e, ast.Constant)]
                if max(map(len, items)) > 1:
                    found.append((path.name, node.lineno, "|".join(items)))
    return found


def test_no_inline_word_list_in_extract() -> None:
    """No word list written inline in extract/ outside the allow-list: its words belong in lexicon.tsv."""
    new = [f"{f}:{line}: {words}" for f, line, words in inline_word_lists() if (f, words) not in ALLOWED]
    assert not new, "word lists inline in extract/ (move them into data/lexicon.tsv as a class):\n" + "\n".join(new)


def test_allow_list_is_current() -> None:
    """Every allowed inline list still exists (a stale entry would let its words back in unseen)."""
    found = {(f, words) for f, _, words in inline_word_lists()}
    assert not set(ALLOWED) - found, sorted(set(ALLOWED) - found)


def test_the_scan_finds_inline_lists() -> None:
    """The scan itself sees an inline alternation, a tuple of words, and leaves single characters and docstrings."""
    assert ALTERNATION.findall("(?:增长|增速)?的") == ["增长|增速"]
    assert ALTERNATION.findall(r"今年|明年|(?:19|20)\d{2}年") == ["今年|明年"]
    assert ALTERNATION.findall("(?!以上|以下)") == ["以上|以下"]
    assert ALTERNATION.findall("年以来|为(?:19") == []  # two alternatives' ends, not a list of words
    assert all(len(w) == 1 for m in ALTERNATION.findall("(?:到|至)(?:底|末)") for w in m.split("|"))


def _rows() -> list[tuple[int, str]]:
    return [(n, line) for n, line in enumerate(LEXICON.read_text(encoding="utf-8").splitlines(), 1)]


def test_each_class_in_one_place_with_its_comment() -> None:
    """A class's rows stand together under a comment line that names it and says what its words do; no word twice."""
    seen: list[str] = []
    comments: set[str] = set()
    for n, line in _rows():
        if line.startswith("# ") and ":" in line:
            comments.add(line[2:].split(":", 1)[0])
        elif line and not line.startswith("#"):
            cls, word = line.split("\t")
            assert word and word == word.strip(), f"lexicon.tsv:{n}: empty or padded word"
            if not seen or seen[-1] != cls:
                assert cls not in seen, f"lexicon.tsv:{n}: class {cls} written in two places"
                assert cls in comments, f"lexicon.tsv:{n}: class {cls} has no comment line"
                seen.append(cls)
    for cls, words in lexicon.lexicon().items():
        assert len(set(words)) == len(words), (cls, [w for w, k in Counter(words).items() if k > 1])


def test_no_two_classes_hold_the_same_words() -> None:
    """One class per set of words: a second class with the same words should be the first one."""
    by_words: dict[frozenset[str], str] = {}
    for cls, words in lexicon.lexicon().items():
        assert frozenset(words) not in by_words, (cls, by_words.get(frozenset(words)))
        by_words[frozenset(words)] = cls


def test_every_class_is_used() -> None:
    """Every class is named by the code (a class no code reads is dead data)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in EXTRACT.parent.rglob("*.py"))
    unused = [cls for cls in lexicon.lexicon() if not re.search(rf"\b{cls}\b", source)]
    assert not unused, unused
