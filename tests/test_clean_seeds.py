"""The five messy seed copies clean to text that starts with the report and holds none of its chrome."""

from __future__ import annotations

import re

import pytest

from luoshi.clean import clean_document
from luoshi.models import Document


def _clean(path):
    text = path.read_bytes().decode("utf-8", errors="replace")
    return clean_document(Document(source=str(path), data=path.read_bytes(), text=text))


@pytest.fixture(scope="module")
def cleaned(seeds):
    return {k: _clean(p) for k, p in seeds.items()}


CHROME = {
    "000": ["SUCAI198", "admin 分享", "更多资料请联系", "QQ215425891", "领取福利", "微信扫码", "221381"],
    "001": ["上一篇", "下一篇"],
    "002": ["发布时间", "点击:", "热点文章阅读", "發", "區"],
    "003": ["365体育", "彩票", "竞猜网投", "信息公开", "访问量", "【字体", "扫一扫", "相关信息", "相关附件"],
    "004": ["设为首页", "签到天数", "回帖", "积分", "Powered by", "客服中心", "返回顶部", "[复制链接]"],
}
STARTS = {
    "000": "2022年昆山市政府工作报告",
    "001": "2021年常熟市政府工作报告",
    "002": "2020年上半年政府工作报告",
    "003": "政府工作报告(2020年1月16日在淀山湖镇",
    "004": "2024年苏州市吴江区政府工作报告",
}


@pytest.mark.parametrize("key", sorted(STARTS))
def test_seed_starts_with_report_and_has_no_chrome(cleaned, key):
    text, quality = cleaned[key]
    assert text.startswith(STARTS[key])
    for junk in CHROME[key]:
        assert junk not in text, junk
    assert quality.removed, "the removals are logged"


def test_seed_keeps_dateline_and_speaker(cleaned):
    text = cleaned["004"][0]
    lines = text.split("\n")
    assert lines[1] == "2024年1月9日在苏州市吴江区第十七届人民代表大会第三次会议上"
    assert lines[2] == "区长 王国荣"
    assert cleaned["003"][0].split("\n")[2] == "镇长 朱叶华"
    assert cleaned["002"][0].split("\n")[1].startswith("——2020年7月15日在xx市xx区第五届人民代表大会")


def test_page_two_of_two_is_partial(cleaned):
    for key in ("000", "001"):
        _, q = cleaned[key]
        assert q.page == [2, 2] and q.partial
        assert any("page 2 of 2" in r for r in q.reasons)
    assert not cleaned["004"][1].partial and cleaned["004"][1].page is None


def test_ads_removed_inside_sentences(cleaned):
    text, q = cleaned["003"]
    assert "带来了机遇" in text
    assert "巩固专项巡视反馈意见整改成效" in text
    assert sum(r.kind == "ad" for r in q.removed) >= 3


def test_furniture_logged_for_metadata(cleaned):
    _, q = cleaned["002"]
    furniture = [r.text for r in q.removed if r.kind == "furniture"]
    assert any("2020-10-05" in t for t in furniture)


def test_002_realigned_simplified_and_damaged_marked(cleaned):
    text, q = cleaned["002"]
    assert "（一）在新发展格局中开辟长三角" in text
    assert not re.search("\\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\\)", text)  # no reading left, "列入?yún)^(qū)支持" included
    assert not re.search("[a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", text)  # no toned syllable at all
    assert "发展" in text and "發" not in text
    damaged = [d.text for d in q.damaged]
    assert any(d.startswith("。ㄈ┤μ嵘鞘") for d in damaged)
    assert "?偛拷" in damaged
    for d in q.damaged:
        assert text[d.start:d.end] == d.text
    realigned = [r for r in q.repairs if r.kind == "gbk_realigned"]
    assert realigned and realigned[0].before.startswith("。ㄒ唬┰谛掳")
    assert q.confidence < 0.8 and any("damaged" in r for r in q.reasons)


def test_numbers_and_spaces_in_002(cleaned):
    text, _ = cleaned["002"]
    assert "实现地方财政收入145.5亿元" in text
    assert "2020年7月15日" in text


def test_repair_offsets_point_into_clean_text(cleaned):
    for text, q in cleaned.values():
        for r in q.repairs:
            assert text[r.start:r.end] == r.after, r
            assert r.before != r.after or r.kind == "t2s", r
