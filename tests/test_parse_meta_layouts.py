"""Who and when in the layouts of every decade, from data files: speaker lines as copies write them, place strings
that are words rather than jurisdictions, and the year a report's own words set against its title."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from luoshi.models import Quality
from luoshi.parse import divisions, parse_meta, parse_sections

DATA = Path(__file__).parent / "data"
OPENING = "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n一、过去一年的工作\n全市经济平稳增长。\n"


def rows(name: str) -> list[list[str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]


def meta(text: str):
    return parse_meta(text, {}, parse_sections(text), Quality())


@pytest.mark.parametrize(("line", "speaker", "title"), rows("speaker_lines.tsv"))
def test_speaker_line(line: str, speaker: str, title: str) -> None:
    m = meta(f"政府工作报告\n{line}\n{OPENING}")
    assert (m.speaker, m.speaker_title) == (speaker, title)


@pytest.mark.parametrize(("string", "region"), rows("place_strings.tsv"))
def test_place_string(string: str, region: str) -> None:
    place = divisions.resolve(string, 2020, "")
    assert (place.region if place else "-") == region


@pytest.mark.parametrize(("title", "line", "sentence", "year", "conflict"), rows("year_from_own_words.tsv"))
def test_year_from_own_words(title: str, line: str, sentence: str, year: str, conflict: str) -> None:
    m = meta(f"{title}\n{line}\n{OPENING}二、今年的工作\n{sentence}\n")
    assert m.year == int(year)
    assert any(f.startswith("year:") for f in m.findings) == (conflict == "yes")


@pytest.mark.parametrize(("lines", "date"), rows("date_lines.tsv"))
def test_date_line(lines: str, date: str) -> None:
    head = lines.replace("|", "\n")
    m = meta(f"{head}\n{OPENING}")
    assert (m.date or "-") == date


@pytest.mark.parametrize(("head", "closing", "date"), rows("date_closing.tsv"))
def test_date_at_close(head: str, closing: str, date: str) -> None:
    m = meta(f"{head.replace('|', chr(10))}\n{OPENING}二、今年的工作\n今年全市生产总值增长8%。\n{closing.replace('|', chr(10))}\n")
    assert (m.date or "-") == date


@pytest.mark.parametrize(("title", "comment", "date"), rows("date_in_comments.tsv"))
def test_date_in_a_comment(title: str, comment: str, date: str) -> None:
    """The caption reaches the parse stage only as clean's furniture (Quality.removed), as in a real copy."""
    from luoshi.clean import clean_document
    from luoshi.models import Document

    text = f"{title}\n\n<!-- {comment} -->\n\n{OPENING}"
    clean, quality = clean_document(Document("t", text.encode(), text))
    assert (parse_meta(clean, {}, parse_sections(clean), quality).date or "-") == date
