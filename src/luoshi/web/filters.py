"""Filters read from the query string, validated, and turned into parameterised SQL (values never in the SQL)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import QueryParams

LEVELS = ("national", "province", "city", "county", "district", "town", "unknown")
DOC_TYPES = ("work_report", "communique", "five_year_plan", "other")  # meta.doc_type (parse stage)
PAGE_SIZE = 50
FILTER_COLUMNS = ("year", "level", "province", "region", "doc_type")


def int_or_none(s: str | None) -> int | None:
    """Forms send empty fields as ''; anything that is not a plain integer is ignored rather than an error."""
    s = (s or "").strip()
    return int(s) if s.lstrip("-").isdigit() and len(s) <= 9 else None


def text_or_none(s: str | None, max_len: int = 100) -> str | None:
    s = (s or "").strip()
    return s[:max_len] or None


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    level: str | None = None
    province: str | None = None
    region: str | None = None
    doc_type: str | None = None
    page: int = 1

    @classmethod
    def from_query(cls, q: QueryParams) -> Filters:
        level = text_or_none(q.get("level"))
        return cls(
            year=int_or_none(q.get("year")),
            level=level if level in LEVELS else None,
            province=text_or_none(q.get("province")),
            region=text_or_none(q.get("region")),
            doc_type=doc_type if (doc_type := text_or_none(q.get("doc_type"))) in DOC_TYPES else None,
            page=max(1, int_or_none(q.get("page")) or 1),
        )

    def where(self, alias: str = "r") -> tuple[str, list[Any]]:
        """' AND …' clauses on the reports table (alias given) with their parameters."""
        sql, params = [], []
        for column in FILTER_COLUMNS:
            value = getattr(self, column)
            if value is not None:
                sql.append(f" AND {alias}.{column} = ?")
                params.append(value)
        return "".join(sql), params

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE

    def as_params(self) -> dict[str, Any]:
        """The filters as query-string pairs, for links that keep them (pagination, sorting, downloads)."""
        return {k: v for k in FILTER_COLUMNS if (v := getattr(self, k)) is not None}
