"""Every word class of a stage (extract/, parse/, track/) lives in its data/lexicon.tsv, each in one place, documented and used.

A new word list written inline in a stage (a regex alternation of Chinese words, or a tuple/set/list of them) fails
here: put its words in the stage's lexicon as a class (or reuse a class with the same words) and build the pattern
from `lexicon.pattern(cls)` / `lexicon.words(cls)`. The few lists that are grammar, not words, are allowed below, each
with its reason. Alternations of single characters (到|至, 底|末, 由|从) are structure, like a character class. Both
lexicons are read by one loader (luoshi/lexicon_file.py); parse runs before extract and never imports it.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from luoshi import lexicon_file
from luoshi.extract import lexicon
from luoshi.lexicon_file import Lexicon
from luoshi.parse import lexicon as parse_lexicon
from luoshi.track import lexicon as track_lexicon

EXTRACT = Path(lexicon.__file__).parent
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
# parse/ has no inline word list left (its cue files, targets_cues.txt and the like, are data files of their own)
PARSE_ALLOWED: dict[tuple[str, str], str] = {}
# nor has track/ (its data files of phrases, commitment_actions.txt and the like, stay files of their own)
TRACK_ALLOWED: dict[tuple[str, str], str] = {}
STAGES = {"extract": (lexicon, ALLOWED), "parse": (parse_lexicon, PARSE_ALLOWED), "track": (track_lexicon, TRACK_ALLOWED)}


def _docstrings(tree: ast.AST) -> set[int]:
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
            and isinstance(node.body[0], ast.Expr)}


def inline_word_lists(stage: Path = EXTRACT) -> list[tuple[str, int, str]]:
    """(file, line, words) of every inline list of Chinese words in a stage's *.py with a word of two characters or
    more."""
    found = []
    for path in sorted(stage.glob("*.py")):
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


def _stage(name: str) -> tuple[ModuleType, Path, dict[tuple[str, str], str]]:
    lex, allowed = STAGES[name]
    return lex, Path(lex.__file__).parent, allowed


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_no_inline_word_list_in_stage(stage: str) -> None:
    """No word list written inline in the stage outside its allow-list: its words belong in its lexicon.tsv."""
    _, folder, allowed = _stage(stage)
    new = [f"{f}:{line}: {words}" for f, line, words in inline_word_lists(folder) if (f, words) not in allowed]
    assert not new, f"word lists inline in {stage}/ (move them into data/lexicon.tsv as a class):\n" + "\n".join(new)


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_allow_list_is_current(stage: str) -> None:
    """Every allowed inline list still exists (a stale entry would let its words back in unseen)."""
    _, folder, allowed = _stage(stage)
    found = {(f, words) for f, _, words in inline_word_lists(folder)}
    assert not set(allowed) - found, sorted(set(allowed) - found)


def test_the_scan_finds_inline_lists() -> None:
    """The scan itself sees an inline alternation, a tuple of words, and leaves single characters and docstrings."""
    assert ALTERNATION.findall("(?:增长|增速)?的") == ["增长|增速"]
    assert ALTERNATION.findall(r"今年|明年|(?:19|20)\d{2}年") == ["今年|明年"]
    assert ALTERNATION.findall("(?!以上|以下)") == ["以上|以下"]
    assert ALTERNATION.findall("年以来|为(?:19") == []  # two alternatives' ends, not a list of words
    assert all(len(w) == 1 for m in ALTERNATION.findall("(?:到|至)(?:底|末)") for w in m.split("|"))


def _rows(folder: Path) -> list[tuple[int, str]]:
    text = (folder / "data" / "lexicon.tsv").read_text(encoding="utf-8")
    return [(n, line) for n, line in enumerate(text.splitlines(), 1)]


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_each_class_in_one_place_with_its_comment(stage: str) -> None:
    """A class's rows stand together under a comment line that names it and says what its words do; no word twice."""
    lex, folder, _ = _stage(stage)
    seen: list[str] = []
    comments: set[str] = set()
    for n, line in _rows(folder):
        if line.startswith("# ") and ":" in line:
            comments.add(line[2:].split(":", 1)[0])
        elif line and not line.startswith("#"):
            cls, word = line.split("\t")
            assert word and word == word.strip(), f"lexicon.tsv:{n}: empty or padded word"
            if not seen or seen[-1] != cls:
                assert cls not in seen, f"lexicon.tsv:{n}: class {cls} written in two places"
                assert cls in comments, f"lexicon.tsv:{n}: class {cls} has no comment line"
                seen.append(cls)
    for cls, words in lex.lexicon().items():
        assert len(set(words)) == len(words), (cls, [w for w, k in Counter(words).items() if k > 1])


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_no_two_classes_hold_the_same_words(stage: str) -> None:
    """One class per set of words: a second class with the same words should be the first one."""
    lex, _, _ = _stage(stage)
    by_words: dict[frozenset[str], str] = {}
    for cls, words in lex.lexicon().items():
        assert frozenset(words) not in by_words, (cls, by_words.get(frozenset(words)))
        by_words[frozenset(words)] = cls


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_every_class_is_used(stage: str) -> None:
    """Every class is named by the stage's code (a class no code reads is dead data)."""
    lex, folder, _ = _stage(stage)
    source = "\n".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.py"))
    unused = [cls for cls in lex.lexicon() if not re.search(rf"\b{cls}\b", source)]
    assert not unused, unused


def test_parse_never_reads_extract() -> None:
    """Parse runs before extract: no module of parse/ imports extract (its lexicon included), late imports counted."""
    folder = Path(parse_lexicon.__file__).parent
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert "extract" not in (node.module or "").split("."), (path.name, node.lineno)
            elif isinstance(node, ast.Import):
                assert not any("extract" in a.name.split(".") for a in node.names), (path.name, node.lineno)


def test_the_loader_reads_a_class_in_file_order() -> None:
    """One loader for both lexicons: words in file order, the pattern longest first (a stable sort)."""
    assert parse_lexicon.words("acting") == ("代理", "代")
    assert parse_lexicon.pattern("title_noise") == "政府工作报告|人民政府|工作报告|上半年"
    assert "acting" in parse_lexicon.lexicon() and "acting" not in lexicon.lexicon()
    assert "jurisdiction" in lexicon.lexicon() and "jurisdiction" not in parse_lexicon.lexicon()
    assert all(isinstance(lex.LEXICON, Lexicon) for lex in (lexicon, parse_lexicon, track_lexicon))


def test_a_bad_row_names_its_file_and_line() -> None:
    """A row without its tab (or with an empty word) is an error naming the lexicon file and the line."""
    assert lexicon_file.parse("# a: words\na\tx\na\ty\n", "f.tsv") == {"a": ("x", "y")}
    for bad in ("a x", "a\t", "a\tx\ty"):
        with pytest.raises(ValueError, match=r"f\.tsv:2: a lexicon row is class<TAB>word"):
            lexicon_file.parse(f"# a: words\n{bad}\n", "f.tsv")
