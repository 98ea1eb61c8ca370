"""Parsing: metadata (who, where, when), the section tree with roles, and sentences."""

from __future__ import annotations

from typing import Any

from ..models import Meta, Quality, Section, Sentence


def parse_meta(text: str, hints: dict[str, Any], sections: list[Section], quality: Quality) -> Meta:
    return Meta()


def parse_sections(text: str) -> list[Section]:
    return []


def split_sentences(text: str, sections: list[Section]) -> list[Sentence]:
    return []
