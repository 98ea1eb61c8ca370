"""The clean stage's fast scans find what the scans they stand for find (clean/charset.py gates, numpy searches):
they change its speed, never its output. Checked on every 25th corpus file and on text written to hit each one."""

from __future__ import annotations

import re

import pytest

from luoshi.clean import badness, charset, chrome, repairs, whitespace

CRAFTED = [
    "", "a", "区长 王国荣\n市长　李强\n代市长 朱洪武\n增长 8.5%，书记 张三丰 等",
    "1 234元 3 4%由1 995年 QQ12345 qq群主微信www.x.cn WWW.Y http://z 微信 微信微",
    "365体育彩票-竞猜网投 体育体育直播 官网官网 时时彩时时彩计划 六合彩 电网投资",
    "2O05年增长l0% 鍦板尯 Ã© ２０２０年 ⺠⼈ 乾隆 裏 \ufffd\ue001 ㄒ唬┰ 𠀋𪚥 字",
]


@pytest.fixture(scope="module")
def texts(corpus):
    paths = [p for p in sorted(corpus.rglob("*")) if p.is_file() and p.suffix in {".txt", ".md", ".csv"}]
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths[::25]] + CRAFTED


def test_class_gates_agree_with_regex_scans(texts):
    classes = [repairs._LATIN1_LEAD, repairs._LOST_CHARS, repairs._SHIFT_CHARS, repairs._TRAD_MASK,
               repairs._RADICAL_MASK, repairs._FULLWIDTH_GATE, repairs._OCR_LETTERS, repairs._utf8_as_gbk_lead_mask()]
    patterns = ["[\u00e2-\u00ef]", "[\ufffd\ue000-\uf8ff]",
                "[\u3100-\u312f\u2500-\u257f\u0391-\u03c9\u0401-\u0451\u3041-\u30f6\ufffd?]", repairs._TRAD_MARKERS,
                repairs._RADICAL_LIKE, "[０-９Ａ-Ｚａ-ｚ％]", "[lIOo]", repairs._utf8_as_gbk_chars()[1]]
    for text in texts:
        astral = any(ord(c) > 0xFFFF for c in text)
        for mask, rx in zip(classes, patterns, strict=True):
            found = re.search(rx, text) is not None
            assert charset.holds(text, mask) == (found or astral), (rx, text[:40])


def test_odd_count_of_a_whole_text_equals_the_regex_count(texts):
    for text in texts:
        if len(text) > 2000:
            slow = len(badness.ODD_CHARS.findall(text)) + 0.5 * len(badness._rare_hanzi().findall(text)) + (
                len(badness._QUESTION_AFTER_HANZI.findall(text)) if "?" in text else 0)
            assert badness.odd_count(text) == slow


def test_speaker_lines_are_the_multiline_scan_s(texts):
    for text in texts:
        want = [(m.start(), m.end()) for m in whitespace._SPEAKER_LINE.finditer(text)]
        assert whitespace._speaker_lines(text, charset.code_points(text)) == want


def test_contact_keys_and_ad_words_are_what_str_find_finds(texts):
    for text in texts:
        want = set()
        for key in chrome._CONTACT_KEYS:
            want.update(m.start() for m in re.finditer(f"(?={re.escape(key)})", text))
        assert chrome._contact_keys(text) == sorted(want)
        hits = set()
        for word in chrome._AD_VOCAB:  # the scan _ad_hits stands for: each word's occurrences, without overlap
            i = text.find(word)
            while i >= 0:
                m = chrome._AD_HIT.search(text, max(0, i - 8), i + len(word) + 8)
                if m:
                    hits.add(m.start())
                i = text.find(word, i + len(word))
        assert chrome._ad_hits(text) == sorted(hits)


def test_the_counted_text_is_kept_per_thread():
    """The web app cleans in a thread pool: a text counted in another thread never stands for this thread's."""
    import threading

    mine = "区长 王国荣" * 3
    charset.code_points(mine)
    other = threading.Thread(target=charset.code_points, args=("另一个线程的文本",))
    other.start()
    other.join()
    assert charset._last()[0] is mine


def test_utf8_as_gbk_runs_are_the_run_regex_matches_with_a_lead(texts):
    run_re, lead_re = repairs._utf8_as_gbk_chars()
    for text in texts + ["鍦板尯鐢熶骇鎬诲€?", "鍦板?鍦板尯", "涓嶅彲€€€", "𠀋鍦板尯𠀋"]:
        want = [(m.start(), m.end()) for m in run_re.finditer(text) if lead_re.search(m.group())]
        assert repairs._utf8_as_gbk_runs(text) == want, text[:40]


def test_ocr_gate_is_the_regex_search(texts):
    for text in texts + ["2O", "O2", "l", "1l", "Il", "0o0", "年9I"]:
        assert repairs._digit_beside_letter(text) == (repairs._OCR_DIGIT_GATE.search(text) is not None), text[:40]


def test_space_scans_are_the_regex_scans(texts):
    import numpy as np

    for text in texts + ["中 国", "　中\u3000 国", "a  b", "a\u2003b", "5 %", "\t 中", " 中 "]:
        cp = charset.code_points(text)
        spaces = whitespace._space_at(cp)
        gaps = spaces[whitespace._GAP_TABLE[cp[spaces]]]
        want = [(m.start(), m.end()) for m in whitespace._SPACE_BETWEEN.finditer(text)]
        assert [(m.start(), m.end()) for m in whitespace._spaces_between(text, cp, gaps)] == want, text[:40]
        multi = bool((cp[gaps] != 32).any() or (np.diff(gaps) == 1).any())
        assert multi == (whitespace._MULTI_SPACE.search(text) is not None), text[:40]
