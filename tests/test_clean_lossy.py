"""Lossy mojibake (UTF-8 read as GBK, undecodable bytes replaced): restored where the bytes and the model of report
prose say so, and nothing else is ever changed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.clean import clean_document
from luoshi.clean.edits import apply_edits
from luoshi.clean.lossy import _slots, restore_lossy
from luoshi.models import Document

CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质平济阳育"


def _damaged(s: str) -> str:
    return s.encode("utf-8").decode("gbk", errors="replace")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=CHARS + "，。、；0123456789%", min_size=1, max_size=80))
def test_guessing_never_changes_a_character_that_was_not_lost(s):
    g = _damaged(s)
    edits, guesses = restore_lossy(g)
    new = apply_edits(g, edits)[0]
    if not edits:
        return
    assert len(new) == len(s)
    guessed = {a for a, _, _, _, _ in guesses}
    for i, (got, want) in enumerate(zip(new, s)):
        assert got == want or got == "\ufffd" or i in guessed
    assert all(0.9 <= p <= 1.0 for *_, p in guesses)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=CHARS + "，。、；：“”（）《》0123456789%ａＡ１GDPkm\u3000", min_size=1, max_size=80))
def test_the_lost_character_is_always_among_the_readings(s):
    """Readings are cut to those whose lost byte and the byte after it are no GBK character (the decoder would
    have read such a pair as one character): the character that was there is never cut."""
    g = _damaged(s)
    buf: list[int] = []
    for ch in g:
        buf.extend([-1] if ch == "\ufffd" else ch.encode("gbk"))
    slots = _slots(buf)
    assert slots is not None and len(slots) == len(s)
    assert all(ch in readings for ch, readings in zip(s, slots, strict=True))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=CHARS + "，。\ufffd", min_size=1, max_size=80))
def test_undamaged_text_with_stray_replacement_characters_is_left_alone(s):
    """Real Chinese text with U+FFFD in it (a file that lost bytes some other way) is not this damage."""
    assert restore_lossy(s) == ([], [])


def test_a_date_comes_back_and_every_guess_is_logged_with_its_probability():
    text = "各位代表：2022年1月17日，全市地区生产总值增长6.5%，一般公共预算收入增长8%。"
    clean, q = clean_document(Document("t", b"", _damaged(text)))
    assert "2022年1月17日" in clean
    guessed = [r for r in q.repairs if r.kind == "guessed"]
    assert guessed and all(r.p is not None and 0.9 <= r.p <= 1 for r in guessed)
    assert all(clean[r.start:r.end] == r.after for r in guessed)


def test_every_damaged_line_of_a_text_is_restored():
    lines = ["各位代表：", "2022年1月17日，全市地区生产总值增长6.5%。", "一般公共预算收入增长8%，城乡居民收入稳步增长。"] * 3
    damaged = _damaged("\n".join(lines))
    clean, _ = clean_document(Document("t", b"", damaged))
    assert clean.count("2022年1月17日") == 3 and clean.count("城乡居民收入稳步增长") == 3
