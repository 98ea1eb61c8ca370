"""The search query language: terms, "quoted phrases", AND (a space), OR, NOT / -term, parentheses.

    低空经济 无人机            both terms in one sentence
    新质生产力 OR 新动能        either (also 新质生产力|新动能)
    就业 -青年 / 就业 NOT 青年  the first without the second
    "数字 经济" (绿色 OR 低碳)

A query is parsed once into a small tree, then compiled for SQLite FTS5 (`to_fts5`) or PostgreSQL tsquery
(`to_tsquery`). Every term is normalised (Traditional → simplified, full-width → half-width) first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..store.segment import bigram_tokens, char_tokens, normalize_query, pairs_apply, query_words

LEX = re.compile(r'"[^"]*"|\(|\)|\||[^\s()"|]+')  # `|` is OR with or without spaces (养老|医疗)


class QueryError(ValueError):
    """A query that cannot be searched (empty, unbalanced, only negative terms); the message says why."""


@dataclass(frozen=True)
class Term:
    text: str  # normalised

    @property
    def chars(self) -> list[str]:
        return char_tokens(self.text)

    @cached_property
    def substring(self) -> tuple[str, list[str]]:
        """(column, tokens) of the exact-substring match: pairs when the term allows, single characters else."""
        return ("bigrams", bigram_tokens(self.text)) if pairs_apply(self.text) else ("chars", self.chars)

    @cached_property
    def words(self) -> list[str]:
        return query_words(self.text)


@dataclass(frozen=True)
class All:
    positive: tuple
    negative: tuple = ()


@dataclass(frozen=True)
class Any:
    parts: tuple


Node = Term | All | Any


def parse(query: str) -> Node:
    tokens = LEX.findall(normalize_query(query).replace("（", "(").replace("）", ")"))
    if not tokens:
        raise QueryError("empty query")
    node, pos = _parse_or(tokens, 0)
    if pos != len(tokens):
        raise QueryError(f"unexpected {tokens[pos]!r} in query")
    return node


def _parse_or(tokens: list[str], pos: int) -> tuple[Node, int]:
    parts = []
    node, pos = _parse_and(tokens, pos)
    parts.append(node)
    while pos < len(tokens) and tokens[pos] in ("or", "|"):
        node, pos = _parse_and(tokens, pos + 1)
        parts.append(node)
    return (parts[0] if len(parts) == 1 else Any(tuple(parts))), pos


def _parse_and(tokens: list[str], pos: int) -> tuple[Node, int]:
    positive: list[Node] = []
    negative: list[Node] = []
    while pos < len(tokens) and tokens[pos] not in ("or", "|", ")"):
        tok = tokens[pos]
        if tok == "and":
            pos += 1
            continue
        negate = False
        if tok == "not":
            negate, pos = True, pos + 1
        elif tok.startswith("-") and len(tok) > 1:
            negate, tokens = True, [*tokens[:pos], tok[1:], *tokens[pos + 1:]]
        node, pos = _parse_atom(tokens, pos)
        (negative if negate else positive).append(node)
    if not positive and not negative:
        raise QueryError("a term is missing (before or after OR / |, or between parentheses)")
    if not positive:
        raise QueryError("a query needs at least one term to find (NOT alone matches everything)")
    if len(positive) == 1 and not negative:
        return positive[0], pos
    return All(tuple(positive), tuple(negative)), pos


def _parse_atom(tokens: list[str], pos: int) -> tuple[Node, int]:
    if pos >= len(tokens):
        raise QueryError("query ends where a term was expected")
    tok = tokens[pos]
    if tok == "(":
        node, pos = _parse_or(tokens, pos + 1)
        if pos >= len(tokens) or tokens[pos] != ")":
            raise QueryError("unbalanced parentheses")
        return node, pos + 1
    text = tok[1:-1] if tok.startswith('"') else tok
    if not char_tokens(text):
        raise QueryError(f"{tok!r} has no letters or digits to search for")
    return Term(text), pos + 1


def terms(node: Node) -> list[Term]:
    """The positive terms (the ones to highlight), in order."""
    if isinstance(node, Term):
        return [node]
    parts = node.positive if isinstance(node, All) else node.parts
    return [t for p in parts for t in terms(p)]


# --- SQLite FTS5 ------------------------------------------------------------------------------------------------


def _fts_token(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def to_fts5(node: Node, *, words_only: bool = False) -> str:
    """An FTS5 MATCH expression that finds a superset of the sentences matching the query: the index has no
    positions (search_index: detail=none), so a term is every one of its pairs (or characters) anywhere in the
    sentence, and `sentence_matches` then checks the text. A negative term is left out unless its tokens alone
    decide it (a single token: one pair, one character, one word of letters), since excluding on a superset would
    drop real hits. `words_only` is checked on the text too; it does not change the candidates.
    """
    del words_only  # word boundaries are not in the index
    return _fts5(node)


def _fts5(node: Node) -> str:
    if isinstance(node, Term):
        tokens = list(dict.fromkeys(node.substring[1]))
        return "(" + " AND ".join(_fts_token(t) for t in tokens) + ")"
    if isinstance(node, Any):
        return "(" + " OR ".join(_fts5(p) for p in node.parts) + ")"
    expr = "(" + " AND ".join(_fts5(p) for p in node.positive) + ")"
    for n in node.negative:
        if isinstance(n, Term) and len(set(n.substring[1])) == 1:
            expr = f"({expr} NOT {_fts5(n)})"
    return expr


def needle(term: Term) -> str:
    """What a term is in a folded sentence: its text without the spaces a quoted phrase may hold."""
    return term.text.replace(" ", "")


def sentence_matches(node: Node, folded: str, words: list[str] | None = None) -> bool:
    """Whether a folded sentence matches the query: each term as a substring, or with `words` (the sentence's
    jieba tokens, `segment.word_tokens`) as a run of whole words."""
    if isinstance(node, Term):
        if words is not None:
            return word_hits(node, words) > 0
        return needle(node) in folded
    if isinstance(node, Any):
        return any(sentence_matches(p, folded, words) for p in node.parts)
    return (all(sentence_matches(p, folded, words) for p in node.positive)
            and not any(sentence_matches(n, folded, words) for n in node.negative))


def word_hits(term: Term, words: list[str]) -> int:
    """How often the term's words (jieba, precise) stand as consecutive tokens of the sentence's words."""
    want = term.words
    n = len(want)
    if not n:
        return 0
    return sum(1 for i in range(len(words) - n + 1) if words[i:i + n] == want)


# --- PostgreSQL tsquery -----------------------------------------------------------------------------------------


def ts_lexeme(token: str) -> str:
    """A tsquery lexeme, quoted."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _ts_phrase(tokens: list[str]) -> str:
    return "(" + " <-> ".join(ts_lexeme(t) for t in tokens) + ")"


def to_tsquery(node: Node, column: str) -> str:
    """A tsquery over 'words' (word boundaries) or 'substring' (the chars/bigrams vectors, see Term.substring).

    PostgreSQL keeps the three token streams in one tsvector each; the substring query names its lexemes with a
    column prefix (c: single characters, b: pairs) so both live in the `grams` vector.
    """
    if isinstance(node, Term):
        if column == "words":
            return _ts_phrase(node.words)
        kind, tokens = node.substring
        return _ts_phrase([("b:" if kind == "bigrams" else "c:") + t for t in tokens])
    if isinstance(node, Any):
        return "(" + " | ".join(to_tsquery(p, column) for p in node.parts) + ")"
    pos = " & ".join(to_tsquery(p, column) for p in node.positive)
    neg = "".join(f" & !{to_tsquery(n, column)}" for n in node.negative)
    return f"({pos}{neg})"
