"""Metadata read from the text only (first working version: year and region string)."""

from __future__ import annotations

import re
from typing import Any

from ..models import Meta, Quality, Section

_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年[^\n。]{0,30}政府工作报告")
_REGION = re.compile(r"我代表([^\s，,。]{1,20}?)人民政府")


def parse_meta(text: str, hints: dict[str, Any], sections: list[Section], quality: Quality) -> Meta:
    meta = Meta()
    head = text[:3000]
    m = _TITLE_YEAR.search(head)
    if m:
        meta.year = int(m.group(1))
    r = _REGION.search(head)
    if r:
        meta.region = r.group(1)
    return meta
