"""Chrome lines of a site no word list names (clean/chrome.py, foreign lines and head lines): a short line unlike
report prose after a paragraph's end (also one closed by a note in brackets), after a line ending in "：" when it
is a clause with no end (a list item has none inside); a head line with a page counter. Report lines stay
(cases: tests/data/clean_foreign_lines.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.clean import clean_text

CASES = [ln.split("\t") for ln in (Path(__file__).parent / "data" / "clean_foreign_lines.tsv").read_text(
    encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
GREETING = "各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。"
BODY = "过去一年，全市地区生产总值增长5.5%，一般公共预算收入增长6%，城乡居民人均可支配收入分别增长5%和7%。"


def _kept(line: str, clean: str) -> bool:
    return line.replace(" ", "") in clean.replace(" ", "")


@pytest.mark.parametrize(("text", "removed"), CASES)
def test_foreign_line_removed_and_report_lines_kept(text, removed):
    lines = text.split("\\n")
    clean = clean_text("\n".join([GREETING, *lines, BODY]))
    for line in lines:
        assert _kept(line, clean) == (line != removed), (line, clean)


@pytest.mark.parametrize("counter", ["PDF全文 累计下载：2031", "本文字数：8123"])
def test_head_line_with_a_page_counter_goes(counter):
    clean = clean_text(f"2024年市政府工作报告\n{counter}\n{GREETING}\n{BODY}")
    assert counter not in clean and "2024年市政府工作报告" in clean and BODY in clean
