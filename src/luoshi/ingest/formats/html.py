"""HTML pages: visible text with block structure kept as line breaks; <title> goes to hints.

selectolax (lexbor) parses broken real-world markup fast. Chrome stays in: the clean stage removes it.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from ...models import Document
from ..decode import decode_bytes

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "title",
    ]
)
CELL_TAGS = frozenset({"td", "th"})
INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "head", "iframe", "svg", "object"})
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
MAX_DEPTH = 512  # the default of ingest.limits.Limits.html_depth
HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
BLANK_RUNS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*>")
VOID_TAGS = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
# Elements whose end tag may be left out and that close their open sibling: they never nest deep by themselves
# (each measured: 100,000 nested in about a second; <optgroup>, <rt>, <rb>, <rp> are quadratic and do count).
SELF_CLOSING_SIBLINGS = frozenset(
    ["p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup"]
)
NOT_NESTING = VOID_TAGS | SELF_CLOSING_SIBLINGS | {"html", "head", "body"}


def cap_depth(html: str, max_depth: int) -> str:
    """The markup with elements nested deeper than `max_depth` removed (their text kept, a block's line break
    kept as a line break): lexbor takes time quadratic in nesting depth (100,000 nested divs: two minutes), this
    one pass is linear. Depth is counted on the tags as written; pages whose tags never close count deep too, so
    the default is far above any real page's depth."""
    depth = 0
    dropped: dict[str, int] = {}
    out: list[str] = []
    last = 0
    for m in TAG.finditer(html):
        closing, tag = m.group(1), m.group(2).lower()
        if tag in NOT_NESTING or m.group(0).endswith("/>"):
            continue
        if closing:
            if dropped.get(tag):
                dropped[tag] -= 1
            else:
                depth = max(0, depth - 1)
                continue
        elif depth < max_depth:
            depth += 1
            continue
        else:
            dropped[tag] = dropped.get(tag, 0) + 1
        out.append(html[last:m.start()])
        out.append("\n" if tag in BLOCK_TAGS else "")
        last = m.end()
    if not out:
        return html
    out.append(html[last:])
    return "".join(out)


def declared_charset(data: bytes) -> str | None:
    m = META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii") if m else None


def html_to_text(html: str, max_depth: int = MAX_DEPTH) -> tuple[str, str | None]:
    """(visible text with one line per block, <title> text or None)."""
    tree = LexborHTMLParser(cap_depth(html, max_depth))
    title_node = tree.css_first("title")
    title = HTML_SPACE.sub(" ", title_node.text()).strip() if title_node else None
    root = tree.body or tree.root
    parts: list[str] = []
    if root is not None:
        _walk(root, parts)
    lines = (line.strip(" \t") for line in "".join(parts).split("\n"))
    text = BLANK_RUNS.sub("\n", "\n".join(line for line in lines if line)).strip("\n")
    return text + "\n" if text else "", title or None


def _walk(root, parts: list[str]) -> None:
    """Depth-first without recursion (real pages nest deeper than Python's recursion limit)."""
    stack = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            parts.append("\n" if tag in BLOCK_TAGS else "\t")
            continue
        if tag == "-text":
            parts.append(HTML_SPACE.sub(" ", node.text_content or ""))
            continue
        if tag in INVISIBLE_TAGS or tag in ("_comment", "-comment") or _hidden(node):
            continue
        if tag == "br":
            parts.append("\n")
            continue
        if tag in BLOCK_TAGS:
            parts.append("\n")
        if tag in BLOCK_TAGS or tag in CELL_TAGS:
            stack.append((node, True))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(children))


def _hidden(node) -> bool:
    """Elements the page never shows (hacked sites hide injected ads and link farms this way)."""
    attributes = node.attributes
    if not attributes:
        return False
    if "hidden" in attributes:
        return True
    style = attributes.get("style")
    return bool(style and HIDDEN_STYLE.search(style))


def read_html(source: str, data: bytes, max_depth: int = MAX_DEPTH) -> Document:
    text, encoding = decode_bytes(data, declared_charset(data))
    body, title = html_to_text(text, max_depth)
    hints = {"html_title": title} if title else {}
    return Document(source=source, data=data, text=body, encoding=encoding, fmt="html", hints=hints)
