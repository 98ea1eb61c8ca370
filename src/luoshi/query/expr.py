"""The search query language: terms, "quoted phrases", AND (a space), OR, NOT / -term, parentheses.

    低空经济 无人机            both terms in one sentence
    新质生产力 OR 新动能        either
    就业 -青年 / 就业 NOT 青年  the first without the second
    "数字 经济" (绿色 OR 低碳)

A query is parsed once into a small tree, then compiled for SQLite FTS5 (`to_fts5`) or PostgreSQL tsquery
(`to_tsquery`). Every term is normalised (Traditional → simplified, full-width → half-width) first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..store.segment import bigram_tokens, char_tokens, normalize_query, pairs_apply, query_words

LEX = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+')


class QueryError(ValueError):
    """A query that cannot be searched (empty, unbalanced, only negative terms); the message says why."""


@dataclass(frozen=True)
class Term:
    text: str  # normalised

    @property
    def chars(self) -> list[str]:
        return char_tokens(self.text)

    @property
    def substring(self) -> tuple[str, list[str]]:
        """(column, tokens) of the exact-substring match: pairs when the term allows, single characters else."""
        return ("bigrams", bigram_tokens(self.text)) if pairs_apply(self.text) else ("chars", self.chars)

    @property
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


def _fts_phrase(tokens: list[str]) -> str:
    return '"' + " ".join(tokens).replace('"', '""') + '"'


def to_fts5(node: Node, *, words_only: bool = False) -> str:
    """An FTS5 MATCH expression: each term matches as a substring (chars column) or as words (words column).

    The words alternative adds nothing to the set found but lifts the bm25 score of sentences where the term is a
    whole word. `words_only` keeps only word-boundary matches.
    """
    if isinstance(node, Term):
        words = f"words:{_fts_phrase(node.words)}"
        column, tokens = node.substring
        return words if words_only else f"({column}:{_fts_phrase(tokens)} OR {words})"
    if isinstance(node, Any):
        return "(" + " OR ".join(to_fts5(p, words_only=words_only) for p in node.parts) + ")"
    expr = "(" + " AND ".join(to_fts5(p, words_only=words_only) for p in node.positive) + ")"
    for n in node.negative:
        expr = f"({expr} NOT {to_fts5(n, words_only=words_only)})"
    return expr


# --- PostgreSQL tsquery -----------------------------------------------------------------------------------------


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _ts_phrase(tokens: list[str]) -> str:
    return "(" + " <-> ".join(_lexeme(t) for t in tokens) + ")"


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
