"""A report's card for `luoshi show`: metadata, the outline with roles, and quality (a rich renderable)."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..models import Report

ROLE_STYLES = {"review": "cyan", "problems": "red", "targets": "bold magenta", "plan": "green",
               "self_building": "yellow", "other": "dim"}
_MAX_TITLE = 40


def _meta_table(report: Report) -> Table:
    m = report.meta
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    where = m.region or "(anonymised)" if m.level != "unknown" else m.region or "?"
    rows = [
        ("region", f"{where}  [{m.level}]" + (f"  adcode {m.adcode}" if m.adcode else "")),
        ("province", m.province or "—"),
        ("year", f"{m.year or '?'}  ({m.kind}; {m.doc_type})"),
        ("date", m.date or "—"),
        ("meeting", m.meeting or "—"),
        ("speaker", " ".join(x for x in (m.speaker_title, m.speaker) if x) or "—"),
    ]
    for key, value in rows:
        table.add_row(key, Text(str(value)))
    return table


def _outline(report: Report, max_level: int = 2) -> Tree:
    tree = Tree(Text("outline", style="bold"))
    stack: list[tuple[int, Tree]] = [(0, tree)]
    for s in report.sections:
        if s.level > max_level and s.role != "targets":
            continue
        while stack and stack[-1][0] >= s.level:
            stack.pop()
        parent = stack[-1][1] if stack else tree
        number = f"{s.number}、" if s.number else ""
        title = s.title if len(s.title) <= _MAX_TITLE else s.title[:_MAX_TITLE] + "…"
        label = Text.assemble((number + title, ""), ("  " + s.role, ROLE_STYLES.get(s.role, "")),
                              (f"  {s.end - s.start}字", "dim"))
        node = parent.add(label)
        stack.append((s.level, node))
    if not report.sections:
        tree.add(Text("(no headings found)", style="dim"))
    return tree


def _quality(report: Report) -> Table:
    q = report.quality
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row("confidence", f"{q.confidence:.2f}" + ("  partial copy" if q.partial else ""))
    table.add_row("encoding", q.encoding)
    table.add_row("repairs / removed", f"{len(q.repairs)} / {len(q.removed)}")
    for reason in q.reasons[:5]:
        table.add_row("", Text(reason, style="yellow"))
    table.add_row("facts", str(len(report.facts)))
    return table


def render_card(report: Report) -> Panel:
    """The card `luoshi show` prints: who/where/when, the outline with roles, how sure the pipeline is."""
    title = report.meta.title or report.source or report.id[:12]
    body = Group(_meta_table(report), Text(""), _outline(report), Text(""), _quality(report))
    return Panel(body, title=Text(title, style="bold"), subtitle=report.id[:12], expand=False)
