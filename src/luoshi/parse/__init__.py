"""Parsing: metadata (who, where, when), the section tree with roles, and sentences."""

from __future__ import annotations

from .divisions import named as places_named
from .meta import parse_meta
from .sections import is_back_matter, parse_sections
from .sentences import split_sentences

__all__ = ["is_back_matter", "parse_meta", "parse_sections", "places_named", "split_sentences"]
