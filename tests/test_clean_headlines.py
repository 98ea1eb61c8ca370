"""The dateline ("——2019年1月14日在…会议上") and the speaker line ("北京市市长 陈吉宁") are the report: cleaning keeps
them verbatim (modulo spaces) on real reports whose heads used to lose them (no title in the body, an HTML comment
caption mentioning 政府工作报告, a markdown-bold dateline, a speaker line above the title, a wrapped dateline)."""

from __future__ import annotations

import re

import pytest

from luoshi.clean import clean_document
from luoshi.ingest.readers import read_path

_DATELINE = re.compile(r"^[*#\s]*(?:[—─\-]{1,3}|[(（])\s*\d{4}\s*年.{2,40}(?:会议|会)上")
_SPEAKER = re.compile(r"^[*\s]*\S{0,16}(?:长|主席)\s*\S{2,4}[*\s]*$")

CASES = [
    "bulk/lawtext-gov/政府工作报告-主要城市/北京市/2019.md",
    "bulk/lawtext-gov/政府工作报告-主要城市/天津市/2018.md",
    "bulk/lawtext-gov/政府工作报告-主要城市/石家庄市/2023.md",
    "bulk/lawtext-gov/政府工作报告-省自治区/湖北省/2016.md",
    "raw/lawtext-gov/政府工作报告-省自治区/贵州省/2011.md",
    "bulk/lawtext-gov/政府工作报告-主要城市/苏州市/2013.md",
    "raw/johncodes404-prov2026-csv/2026_广东省_政府工作报告.csv",
]


def _squash(s: str) -> str:
    return re.sub(r"[\s*#]", "", s)


@pytest.mark.parametrize("rel", CASES)
def test_dateline_and_speaker_survive(corpus, rel):
    path = corpus / rel
    if not path.exists():
        pytest.skip(f"{rel} not in this corpus")
    doc = next(d for d in read_path(path) if hasattr(d, "text"))
    # the head lines as written in the source (a dateline may be wrapped over two lines)
    head = [ln.strip() for ln in doc.text.split("\n")[:40] if ln.strip() and not ln.startswith(("---", "<!--"))]
    heads = [_squash(a + b) if not re.search(r"(?:会议|会)上[*）)]*$", a) else _squash(a)
             for a, b in zip(head, head[1:] + [""]) if _DATELINE.match(a + b)]
    speakers = [_squash(s) for s in head if _SPEAKER.match(s)]
    assert heads or speakers
    clean, _ = clean_document(doc)
    lines = {_squash(ln) for ln in clean.split("\n")}
    for want in heads[:1] + speakers[:1]:
        assert want in lines, want
