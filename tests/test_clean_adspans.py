"""Ad runs inside sentences that no word list names (clean/adspans.py): found by the model of report prose around
a cue; report text carrying the same cues is left alone (cases: tests/data/clean_ad_spans.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.clean import clean_document, clean_text
from luoshi.clean.adcues import CUES, code_points, find_cues
from luoshi.clean.adspans import find_ad_spans
from luoshi.models import Document


def tsv_cases(name: str) -> list[list[str]]:
    """The rows of tests/data/NAME.tsv, split at tabs (blank lines and # comments skipped)."""
    lines = (Path(__file__).parent / "data" / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]


CASES = tsv_cases("clean_ad_spans")


@pytest.mark.parametrize(("text", "removed"), CASES)
def test_ad_run_removed_and_report_text_kept(text, removed):
    got = [text[e.start:e.end] for e in find_ad_spans(text)]
    assert got == ([] if removed == "-" else [removed])
    if removed != "-":
        assert clean_text(text) == text.replace(removed, "")


def test_undamaged_bulk_reports_lose_nothing(corpus):
    """Every 25th bulk work report: the rule removes nothing (the whole bulk corpus is checked in docs/clean.md)."""
    paths = sorted((corpus / "bulk").rglob("*.md"))[::25]
    hits = []
    for p in paths:
        text = p.read_text(encoding="utf-8", errors="replace")
        hits += [(p.name, text[e.start:e.end]) for e in find_ad_spans(text)]
    assert len(paths) > 40 and not hits


def test_cues_found_fast_are_those_a_regex_scan_finds(corpus):
    """adcues.find_cues (numpy over code points for cues led by two letters or two literal characters) finds exactly
    what rx.finditer finds for every cue: every 25th bulk report, and text made of the cues themselves."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((corpus / "bulk").rglob("*.md"))[::25]]
    texts += ["下载下载微信 1234加V888 彩票彩票彩金QQ123 qq 12345推进bet365体育AGvip8", "微信", "彩", ""]
    for text in texts:
        want = sorted((m.start(), m.end(), m.re.pattern) for rx in CUES for m in rx.finditer(text))
        got = [(m.start(), m.end(), m.re.pattern) for m in find_cues(text, code_points(text))]
        assert sorted(got) == want


REPEATS = tsv_cases("clean_ad_repeats")


@pytest.mark.parametrize(("text", "removed"), REPEATS)
def test_run_pasted_more_than_once_removed_and_repeated_report_phrase_kept(text, removed):
    """clean/adrepeats.py: a run pasted into several sentences goes at every copy, cue or not; a phrase the report
    repeats reads as prose at its edges and stays."""
    text = text.replace("\\n", "\n")
    got = [text[e.start:e.end] for e in find_ad_spans(text)]
    if removed == "-":
        assert got == []
    else:
        assert got == [removed] * text.count(removed)
        assert removed not in clean_text(text)


ECHOES = tsv_cases("clean_ad_echoes")


@pytest.mark.parametrize(("text", "removed"), ECHOES)
def test_other_copies_of_a_found_run_removed_and_a_report_figure_kept(text, removed):
    text = text.replace("\\n", "\n")
    assert [text[e.start:e.end] for e in find_ad_spans(text)] == removed.split(" | ")


HACKED = "全面推进乡村振兴战略，加快建设农业强vip777国际娱乐官网登录省，稳步提高粮食综合生产能力。\n"
SPLITS = tsv_cases("clean_ad_splits")


@pytest.mark.parametrize(("text", "removed"), SPLITS)
def test_pure_hanzi_run_removed_in_a_hacked_document(text, removed):
    """adsplit.py: in a document where an ad was found, a pure-hanzi run that cuts a word goes; names stay."""
    doc = HACKED + text
    got = [doc[e.start:e.end] for e in find_ad_spans(doc)]
    assert got == ["vip777国际娱乐官网登录"] + ([] if removed == "-" else [removed])


@pytest.mark.parametrize(("text", "removed"), [c for c in SPLITS if c[1] != "-"])
def test_pure_hanzi_run_left_in_a_document_not_found_hacked(text, removed):
    """The rule is looked for only where another rule found an ad: a clean document is never scanned by it."""
    assert find_ad_spans(text) == []


WORD_LIST_HACKED = "全面推进乡村振兴战略，加快建设农业强澳门葡京娱乐城省，稳步提高粮食综合生产能力。\n"


@pytest.mark.parametrize(("text", "removed"), SPLITS)
def test_pure_hanzi_run_removed_in_a_document_the_word_lists_found_hacked(text, removed):
    """A document whose only other ad the word lists found (chrome.find_ads: no cue, no number for the model's rules)
    is hacked too: clean_document looks for pasted runs there (find_ad_spans(hacked=True))."""
    clean, q = clean_document(Document("x", b"", WORD_LIST_HACKED + text))
    assert [r.text for r in q.removed if r.kind == "ad"] == ["澳门葡京娱乐城"] + ([] if removed == "-" else [removed])
    assert clean.split("\n")[1] == (text if removed == "-" else text.replace(removed, ""))


HACKED_NUMBERS = tsv_cases("clean_ad_hacked_numbers")


@pytest.mark.parametrize(("text", "removed"), HACKED_NUMBERS)
def test_number_run_removed_in_a_hacked_document_and_report_figures_kept(text, removed):
    """adnumbers.find_hacked_number_spans: in a document where an ad was found, every number's run is weighed (no
    gate on the digit or what follows it); the corpus's figures that read best without their run stay."""
    doc = HACKED + text
    got = [doc[e.start:e.end] for e in find_ad_spans(doc)]
    assert got == ["vip777国际娱乐官网登录"] + ([] if removed == "-" else [removed])


@pytest.mark.parametrize(("text", "removed"), [c for c in HACKED_NUMBERS if c[1] != "-"])
def test_gated_number_run_left_in_a_document_not_found_hacked(text, removed):
    assert find_ad_spans(text) == []


HACKED_CAPITALS = tsv_cases("clean_ad_hacked_capitals")


@pytest.mark.parametrize(("text", "removed"), HACKED_CAPITALS)
def test_capital_brand_removed_in_a_hacked_document_and_report_latin_kept(text, removed):
    """adspans._hacked_capitals: in a document where an ad was found, a capital word's span pays less (a brand in
    capitals, "…ZHQX", or a capital word reports write too, "IT"); the corpus's capital words stay."""
    doc = HACKED + text
    got = [doc[e.start:e.end] for e in find_ad_spans(doc)]
    assert got == ["vip777国际娱乐官网登录"] + ([] if removed == "-" else [removed])


@pytest.mark.parametrize(("text", "removed"), [c for c in HACKED_CAPITALS if c[1] != "-"])
def test_capital_brand_under_the_switch_left_in_a_document_not_found_hacked(text, removed):
    assert find_ad_spans(text) == []


HACKED_REPEATS = tsv_cases("clean_ad_hacked_repeats")


@pytest.mark.parametrize(("text", "removed"), HACKED_REPEATS)
def test_repeat_keyed_at_its_last_rare_hanzi_removed_in_a_hacked_document(text, removed):
    """adrepeats.HACKED_KEY_STARTS: in a document where an ad was found, a repeat is keyed on its anchor's left too
    ("…找莺" + a number); what it finds goes by its words and must name nothing ("尽早从柬埔寨" stays)."""
    doc = HACKED + text.replace("\\n", "\n")
    got = [doc[e.start:e.end] for e in find_ad_spans(doc)]
    assert got == ["vip777国际娱乐官网登录"] + ([] if removed == "-" else removed.split(" | "))


WORDS = tsv_cases("clean_ad_words")


@pytest.mark.parametrize(("text", "removed"), WORDS)
def test_run_of_whole_words_inside_a_word_removed_in_a_hacked_document(text, removed):
    """adwords.py: in a document where an ad was found, a pure-hanzi run of whole words set inside a word of the
    sentence goes (jieba reads the word the run cut); the corpus's report text nearest the rule stays."""
    doc = HACKED + text
    got = [doc[e.start:e.end] for e in find_ad_spans(doc)]
    assert got == ["vip777国际娱乐官网登录"] + ([] if removed == "-" else [removed])


@pytest.mark.parametrize(("text", "removed"), [c for c in WORDS if c[1] != "-"])
def test_run_of_whole_words_left_in_a_document_not_found_hacked(text, removed):
    assert find_ad_spans(text) == []
