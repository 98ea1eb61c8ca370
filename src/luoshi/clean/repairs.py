"""Repairs: each a small named function text -> edits, applied only where the result is measurably better.

The REPAIRS registry (ftfy-style) lists them in the order `clean_text` applies them. Each function is gated by a
cheap detector so that clean text costs one regex scan per repair.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial

import numpy as np
import opencc

from .. import data_file
from .badness import ODD_CHARS, RARE_BELOW, badness, better, hanzi_freq, is_rare_hanzi
from .charset import char_mask, code_points, holds
from .edits import Edit
from .lossy import restore_lossy
from .pinyin import fix_pinyin_annotations


@dataclass
class RepairResult:
    edits: list[Edit] = field(default_factory=list)
    damaged: list[tuple[int, int]] = field(default_factory=list)  # offsets in the text given to the repair
    # characters chosen by the model of report prose: (start, end, before, after, probability), offsets in the
    # text after this repair's edits
    guesses: list[tuple[int, int, str, str, float]] = field(default_factory=list)


COMMON_AT_LEAST = 300  # a restored run may hold only hanzi at least this frequent in the clean corpus


def _is_clean_run(s: str) -> bool:
    """No odd symbol and only common hanzi: what a restored run must look like before we accept it."""
    freq = hanzi_freq()
    return bool(s) and not ODD_CHARS.search(s) and "?" not in s and all(
        freq.get(ch, 0) >= COMMON_AT_LEAST for ch in s if "\u3400" <= ch <= "\u9fff"
    )


# --- UTF-8 read as GBK with lost bytes ("2022骞�1鏈�17鏃" -> "2022年1月17日"): lossy.py -----------------------


def fix_lossy_utf8_as_gbk(text: str) -> RepairResult:
    edits, guesses = restore_lossy(text)
    return RepairResult(edits, guesses=guesses)


# --- UTF-8 bytes read as GBK ("鍦板尯鐢熶骇鎬诲€?" -> "地区生产总值") -------------------------------------------

_U8_LEAD = range(0xE4, 0xEA)  # UTF-8 lead bytes of the common CJK blocks
_U8_CONT = range(0x80, 0xC0)


@cache
def _utf8_as_gbk_chars() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a run of characters GBK decodes from UTF-8 CJK bytes, the characters that start such a run)."""
    run_chars, lead_chars = set(), set()
    byte_set = list(_U8_LEAD) + list(_U8_CONT)
    for b1 in byte_set:
        for b2 in byte_set:
            try:
                ch = bytes([b1, b2]).decode("gbk")
            except UnicodeDecodeError:
                continue
            if len(ch) == 1:
                run_chars.add(ch)
                if b1 in _U8_LEAD:
                    lead_chars.add(ch)
    run_chars.add("€")

    def cls(chars: set[str]) -> str:
        return "".join(re.escape(c) for c in sorted(chars))

    return re.compile(f"[{cls(run_chars)}]{{3,}}\\??"), re.compile(f"[{cls(lead_chars)}]")


@cache
def _utf8_as_gbk_lead_mask() -> np.ndarray:
    return char_mask(_utf8_as_gbk_chars()[1])


def _complete_last_char(data: bytes) -> str | None:
    """UTF-8 bytes whose last byte was lost (GBK readers print '?'): restore it only when one hanzi is by far
    the most frequent completion."""
    freq = hanzi_freq()
    best: list[tuple[int, str]] = []
    for b in _U8_CONT:
        try:
            s = (data + bytes([b])).decode("utf-8")
        except UnicodeDecodeError:
            continue
        # Traditional forms compete only when the run itself is Traditional
        if _TRAD_MARKERS.match(s[-1]) and not _TRAD_MARKERS.search(s[:-1]):
            continue
        best.append((freq.get(s[-1], 0), s))
    best.sort(reverse=True)
    if best and best[0][0] >= 1000 and (len(best) == 1 or best[0][0] >= 3 * best[1][0]):
        return best[0][1]
    return None


@cache
def _utf8_as_gbk_tables() -> tuple[np.ndarray, np.ndarray]:
    """The run's and the lead's characters as tables over the BMP (entry 0x10000, above the BMP: in neither)."""
    run_re, lead_re = _utf8_as_gbk_chars()
    tables = []
    for rx in (run_re.pattern[:run_re.pattern.rindex("]") + 1], lead_re):
        table = char_mask(rx)
        table[0x10000] = False
        tables.append(table)
    return tables[0], tables[1]


def _utf8_as_gbk_runs(text: str) -> list[tuple[int, int]]:
    """run_re.finditer's matches that hold a lead character, as (start, end): a match is a maximal run of 3 or more
    run characters (and a "?" after it), found with numpy over the code points. The run regex matches ~300k runs of
    common hanzi over the corpus, ~80% without a lead, each one a step in Python."""
    run, lead = _utf8_as_gbk_tables()
    cp = np.minimum(code_points(text), 0x10000)
    is_lead = lead[cp]
    if not is_lead.any():
        return []
    edge = np.diff(np.concatenate(([0], run[cp].view(np.int8), [0])))
    starts, ends = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
    leads = np.concatenate(([0], np.cumsum(is_lead)))
    keep = (ends - starts >= 3) & (leads[ends] > leads[starts])
    return [(a, b + 1 if b < len(text) and text[b] == "?" else b)
            for a, b in zip(starts[keep].tolist(), ends[keep].tolist())]


def fix_utf8_read_as_gbk(text: str) -> RepairResult:
    _, lead_re = _utf8_as_gbk_chars()
    out = RepairResult()
    if not holds(text, _utf8_as_gbk_lead_mask()):
        return out
    for start, end in _utf8_as_gbk_runs(text):
        # the run may take in real punctuation on either side ("，" is also a pair of continuation bytes)
        whole = text[start:end]
        first = lead_re.search(whole)
        if first is None:
            continue
        a = first.start()  # UTF-8 text starts with a lead byte: what comes before is real text
        for b in range(4):
            run = whole[a:len(whole) - b]
            fixed, hopeless = _decode_utf8_as_gbk_run(run)
            if hopeless:  # the bytes break well before the end: a shorter run breaks at the same place
                break
            # a strict UTF-8 decode of a long run is itself strong evidence; the measure must still improve
            if fixed is not None and not ODD_CHARS.search(fixed) and better(run, fixed):
                out.edits.append(Edit(start + a, start + a + len(run), fixed, "utf8_read_as_gbk"))
                break
    return out


_TRIM_BYTES = 3 * 2 + 4  # what cutting up to three characters (two GBK bytes each) off the end can reach, with margin


def _decode_utf8_as_gbk_run(run: str) -> tuple[str | None, bool]:
    """(the UTF-8 text the run's GBK bytes spell, or None; whether no shorter run from the same start can decode)."""
    if len(run) < 3:
        return None, True
    # Windows' GBK (cp936) has the euro sign at 0x80, where UTF-8 continuation bytes land
    chars = run.rstrip("?")
    raw = (b"\x80".join(part.encode("gbk", errors="replace") for part in chars.split("€")) if "€" in chars
           else chars.encode("gbk", errors="replace"))  # the same bytes: one part, nothing to join
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and run.endswith("?"):
            return _complete_last_char(raw), False
        return None, err.end + _TRIM_BYTES < len(raw)


# --- UTF-8 bytes read as Latin-1 / cp1252 ("åœ°åŒº" -> "地区") --------------------------------------------------

_CP1252_BYTE = {bytes([b]).decode("cp1252", errors="ignore") or chr(b): b for b in range(0x80, 0x100)}
_CP1252_BYTE.update({chr(b): b for b in range(0x80, 0xA0) if chr(b) not in _CP1252_BYTE})
_LATIN1_RUN = re.compile(
    "(?:[\u00e2-\u00ef][" + "".join(re.escape(c) for c in _CP1252_BYTE if _CP1252_BYTE[c] < 0xC0) + "]{2})+"
)


_LATIN1_LEAD = char_mask("[\u00e2-\u00ef]")


def fix_latin1_mojibake(text: str) -> RepairResult:
    out = RepairResult()
    if not holds(text, _LATIN1_LEAD):
        return out
    for m in _LATIN1_RUN.finditer(text):
        try:
            fixed = bytes(_CP1252_BYTE[c] for c in m.group()).decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            continue
        if _is_clean_run(fixed) and better(m.group(), fixed):
            out.edits.append(Edit(m.start(), m.end(), fixed, "latin1_mojibake"))
    return out


# --- GBK runs misaligned by one byte ("。ㄒ唬┰谛掳l(fā)展" -> "（一）在新發(fā)展") -----------------------------

# symbols a one-byte shift of GBK hanzi lands on: bopomofo, box drawing, Greek, Cyrillic, kana; or U+FFFD;
# or a '?' (a lost byte) next to a rare hanzi
# one of the symbols shifted GBK lands on, or a "?" before a hanzi: one leading character set (fast to scan for)
_SHIFT_TRIGGER = re.compile(
    "[\u3100-\u312f\u2500-\u257f\u0391-\u03c9\u0401-\u0451\u3041-\u30f6\ufffd?]"
    "(?:(?<=\\?)(?=[\u4e00-\u9fff])|(?<!\\?))"
)
_MAX_GAP = 3  # clean characters tolerated inside one damaged run
_BOX_DASH = re.compile("[\u2500\u2501]+")  # "──2017年4月16日在…会议上": box-drawing lines typed as a dash


def _gbk_two_byte(ch: str) -> bool:
    try:
        return len(ch.encode("gbk")) == 2
    except UnicodeEncodeError:
        return False


def _suspect(ch: str) -> bool:
    return bool(ODD_CHARS.match(ch)) or ch == "?" or ("\u3400" <= ch <= "\u9fff" and is_rare_hanzi(ch))


def _run_around(text: str, i: int) -> tuple[int, int]:
    """The run of GBK characters around a trigger at i whose gaps between suspect characters are small."""
    def inside(j: int) -> bool:
        return 0 <= j < len(text) and (_gbk_two_byte(text[j]) or (j == i and text[j] == "?"))

    start = end = i
    gap = 0
    j = i - 1
    while inside(j) and gap <= _MAX_GAP:
        if _suspect(text[j]):
            start, gap = j, 0
        else:
            gap += 1
        j -= 1
    # a leading punctuation mark whose second byte is the first byte of the run (the "。" of "。ㄒ唬")
    if start > 0 and text[start - 1] in "。，、；：？！" and inside(start - 1):
        start -= 1
    gap = 0
    j = i + 1
    while inside(j) and gap <= _MAX_GAP:
        if _suspect(text[j]):
            end, gap = j, 0
        else:
            gap += 1
        j += 1
    return start, end + 1


def _realign(run: str, tail: str) -> str | None:
    """Decode the run's GBK bytes one byte later; `tail` is an ASCII character that may hold the last byte."""
    raw = run.encode("gbk", errors="replace")
    for data in (raw[1:] + tail.encode("ascii"), raw[1:]):
        try:
            fixed = data.decode("gbk")
        except UnicodeDecodeError:
            continue
        if _is_clean_run(fixed):
            return fixed
    return None


# a lost byte ('?') followed by ASCII garbage between hanzi ("列入?yún)^(qū)支持"): nothing to restore from
_LOST_BYTE_GARBAGE = re.compile("(?<=[\u4e00-\u9fff])\\?[\x21-\x7e\u00c0-\u01dc]{1,12}(?=[\u4e00-\u9fff])")


_LOST = re.compile("[\ufffd\ue000-\uf8ff]+")
_LOST_CHARS = char_mask("[\ufffd\ue000-\uf8ff]")
_SHIFT_CHARS = char_mask("[\u3100-\u312f\u2500-\u257f\u0391-\u03c9\u0401-\u0451\u3041-\u30f6\ufffd?]")
_MAX_REALIGN_TRIES = 200


def _merge_windows(points: list[tuple[int, int]], gap: int = 4) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in points:
        if merged and s - merged[-1][1] <= gap:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def fix_misaligned_gbk(text: str) -> RepairResult:
    """Re-decode GBK runs shifted by one byte; runs it cannot restore exactly (lost bytes) become damaged spans."""
    out = RepairResult()
    if "?" in text:
        out.damaged.extend((m.start(), m.end()) for m in _LOST_BYTE_GARBAGE.finditer(text)
                           if not re.fullmatch(r"\?[\d.%]*", m.group()))
    # U+FFFD and private-use characters are bytes a decoder already threw away: nothing to realign
    lost = [(m.start(), m.end()) for m in _LOST.finditer(text)] if holds(text, _LOST_CHARS) else []
    out.damaged.extend(_merge_windows(lost))
    last_end = -1
    tries = 0
    for m in _SHIFT_TRIGGER.finditer(text) if holds(text, _SHIFT_CHARS) else ():
        if m.start() < last_end or m.group() == "\ufffd":
            continue
        tries += 1
        if tries > _MAX_REALIGN_TRIES:
            break
        s, e = _run_around(text, m.start())
        run = text[s:e]
        # a trigger among clean text (a Greek letter in a formula) is not a shifted run; nor is a dash of box lines
        if sum(_suspect(ch) for ch in run) < 2 or _BOX_DASH.fullmatch(run):
            continue
        tail = text[e] if e < len(text) and "\x40" <= text[e] <= "\x7e" else ""
        fixed = _realign(run, tail)
        if fixed is not None and better(run + tail, fixed):
            out.edits.append(Edit(s, e + len(tail), fixed, "gbk_realigned"))
        else:
            out.damaged.append((s, e))
        last_end = e
    out.damaged = _merge_windows(sorted(out.damaged), gap=0)
    return out


# --- pinyin annotations -----------------------------------------------------------------------------------------


def fix_pinyin(text: str) -> RepairResult:
    return RepairResult(fix_pinyin_annotations(text))


_TONED_SYLLABLE = re.compile("[(（]?[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]*[a-zü]*[)）]?")


def fix_pinyin_in_lost_bytes(text: str) -> RepairResult:
    """A reading left inside lost-byte garbage ("列入?yún)^(qū)支持"): the hanzi it read is gone, the reading is
    not the report either. The garbage stays (a damaged span); only the toned syllables go."""
    out = RepairResult()
    if "?" not in text or not any(ch in text for ch in "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"):
        return out
    for m in _LOST_BYTE_GARBAGE.finditer(text):
        for p in _TONED_SYLLABLE.finditer(m.group()):
            out.edits.append(Edit(m.start() + p.start(), m.start() + p.end(), "", "pinyin"))
    return out


# --- Traditional -> Simplified ------------------------------------------------------------------------------------

_TRAD_MARKERS = re.compile("[" + "".join(data_file.lines(__package__, "traditional_markers.txt")) + "]")
_TRAD_MASK = char_mask(_TRAD_MARKERS)
_PROTECTED = data_file.lines(__package__, "protected_names.txt")
_PROTECT_SLOT = 0xE100  # private-use code points hold protected names while OpenCC runs


@cache
def _t2s(config: str = "t2s") -> opencc.OpenCC:
    return opencc.OpenCC(config)


# Forms only one standard writes (measured with OpenCC s2tw / s2hk / s2t on bulk reports): Taiwan 群 啟 裡 汙 峰 床
# where the others write 羣 啓 裏 污 峯 牀; Hong Kong 衞 啓 裏 綫 着 户 税 脱 温 説 where the others write 衛 啟 裡 線 著
# 戶 稅 脫 溫 說. tw2s turns the Taiwan 著 into 着 (t2s keeps it); hk2s handles the Hong Kong forms and reads the
# standard (OpenCC) Traditional as t2s does.
_TW_FORMS = re.compile("[群啟裡汙峰床]")
_HK_FORMS = re.compile("[衞啓裏綫着户税脱温説]")


def traditional_standard(text: str) -> str:
    """The OpenCC configuration that reads this Traditional text back: tw2s, hk2s (also right for standard t)."""
    sample = text[:50000]
    return "tw2s" if len(_TW_FORMS.findall(sample)) > len(_HK_FORMS.findall(sample)) else "hk2s"


@cache
def _protected_forms() -> tuple[re.Pattern[str], dict[str, str]]:
    forms = {}
    converters = [opencc.OpenCC(config) for config in ("s2t", "s2tw", "s2hk")]  # building one loads its dictionaries
    for name in _PROTECTED:
        forms[name] = name
        for conv in converters:
            forms[conv.convert(name)] = name
    pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    return pattern, forms


def looks_traditional(text: str) -> bool:
    """Traditional-only forms of frequent characters make up more than 2% of the hanzi (of the first 50k chars)."""
    sample = text[:50000]
    n = len(_TRAD_MARKERS.findall(sample))
    return n >= 3 and n > 0.02 * len(re.findall("[\u4e00-\u9fff]", sample))


def _hold(m: re.Match[str], names: list[str], forms: dict[str, str]) -> str:
    names.append(forms[m.group()])
    return chr(_PROTECT_SLOT + len(names) - 1)


def fix_traditional(text: str) -> RepairResult:
    out = RepairResult()
    if not holds(text, _TRAD_MASK) or not looks_traditional(text):
        return out
    pattern, forms = _protected_forms()
    converter = _t2s(traditional_standard(text))
    pos = 0
    for line in text.split("\n"):
        if _TRAD_MARKERS.search(line):
            names: list[str] = []
            held = pattern.sub(partial(_hold, names=names, forms=forms), line)
            new = converter.convert(held)
            for k, name in enumerate(names):
                new = new.replace(chr(_PROTECT_SLOT + k), name)
            if new != line:
                out.edits.append(Edit(pos, pos + len(line), new, "t2s"))
        pos += len(line) + 1
    return out


# --- radicals and full-width forms ------------------------------------------------------------------------------

_RADICALS = dict(ln.split("\t") for ln in data_file.lines(__package__, "radicals.tsv"))
_RADICAL_LIKE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]")
_RADICAL_MASK = char_mask(_RADICAL_LIKE)


def fix_radicals(text: str) -> RepairResult:
    """Kangxi radicals, radical supplements and compatibility ideographs that stand for ordinary hanzi."""
    out = RepairResult()
    if not holds(text, _RADICAL_MASK):  # the text's characters are counted once (charset.py)
        return out
    for m in _RADICAL_LIKE.finditer(text):
        ch = m.group()
        new = _RADICALS.get(ch) or unicodedata.normalize("NFKC", ch)
        if new != ch and len(new) == 1:
            out.edits.append(Edit(m.start(), m.end(), new, "radical"))
    return out


_FULLWIDTH_GATE = char_mask("[０-９Ａ-Ｚａ-ｚ％]")
_FULLWIDTH_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ％]+|(?<=[0-9０-９])．(?=[0-9０-９])")


def fix_fullwidth_alnum(text: str) -> RepairResult:
    """Full-width digits and letters (and ％, and ． between digits) to ASCII; Chinese punctuation stays."""
    out = RepairResult()
    if not holds(text, _FULLWIDTH_GATE):
        return out
    for m in _FULLWIDTH_ALNUM.finditer(text):
        new = m.group().translate(_HALF)
        out.edits.append(Edit(m.start(), m.end(), new, "fullwidth"))
    return out


# --- letters an OCR read for digits inside a number ("增长l0%", "2O05年", "1O%") -------------------------------------

# a digit beside a look-alike letter, either side, or across a decimal point ("增长l.9倍", "95.l%"): one leading
# character set (the engine skips to the next one fast)
_OCR_DIGIT_GATE = re.compile(r"[0-9lIOo](?:(?<=[0-9])\.?[lIOo]|(?<=[lIOo])\.?[0-9])")
# a run of digits and look-alike letters, with at least one real digit and one letter, standing as a number: no ASCII
# letter on either side (so no English word or code like "CO2", "Win10" is touched) and a number's unit right after
_OCR_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])(?=[0-9lIOo.]*[0-9])(?=[0-9.]*[lIOo])[0-9lIOo](?:[0-9lIOo]|\.(?=[0-9lIOo]))*"
    r"(?=[%‰％年月日万亿千百个倍元吨]|\.[0-9])")
_TWO_LETTERS = re.compile("[lIOo]{2}")
_OCR_LETTERS, _DIGITS = char_mask("[lIOo]"), char_mask("[0-9]")
_OCR_DIGITS = str.maketrans("lIOo", "1100")


def _digit_beside_letter(text: str) -> bool:
    """_OCR_DIGIT_GATE.search(text), with numpy over the code points (the scan read every character)."""
    cp = code_points(text)
    digit = (cp - np.uint32(48)) <= 9
    letter = (cp == 108) | (cp == 73) | (cp == 79) | (cp == 111)
    if (digit[:-1] & letter[1:]).any() or (letter[:-1] & digit[1:]).any():
        return True
    dot = cp[1:-1] == 46  # across a decimal point: "l.9倍", "95.l%"
    return bool((dot & ((digit[:-2] & letter[2:]) | (letter[:-2] & digit[2:]))).any())


def fix_ocr_digits(text: str) -> RepairResult:
    """Letters read for digits inside a number (l/I for 1, O/o for 0): only single letters in a run that already
    holds a digit, has no Latin letter beside it and ends in a number's unit (%, 年, 万, 亿, …)."""
    out = RepairResult()
    if not (holds(text, _OCR_LETTERS) and holds(text, _DIGITS)) or not _digit_beside_letter(text):
        return out
    for m in _OCR_NUMBER.finditer(text):
        run = m.group()
        if _TWO_LETTERS.search(run):
            continue  # two letters side by side are a word or a code ("2019lo年"), not one misread digit
        out.edits.append(Edit(m.start(), m.end(), run.translate(_OCR_DIGITS), "ocr_digit"))
    return out


# --- HTML character references ("&ldquo;双减&rdquo;", "&#8240;": Big5 pages write what Big5 lacks as &#NNNN;) ----

_ENTITY = re.compile("&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")


def fix_html_entities(text: str) -> RepairResult:
    out = RepairResult()
    if "&" not in text:
        return out
    for m in _ENTITY.finditer(text):
        new = html.unescape(m.group())
        if new != m.group() and (new.isprintable() or new == "\xa0"):
            out.edits.append(Edit(m.start(), m.end(), new.replace("\xa0", " "), "html_entity"))
    return out


# --- a subscript written as TeX/markdown does ("PM_2.5", "SO_2", "PM_10" in 21 bulk reports): the name as plain text
# ("PM2.5", 777 times), so the metric names match. Capitals only, alone: no URL or code ("content_62153") is touched.

_SUBSCRIPT = re.compile(r"(?<![A-Za-z0-9_])([A-Z]{1,3})_(?=[0-9]{1,2}(?:\.[0-9])?(?![0-9A-Za-z_]))")


def fix_underscore_subscript(text: str) -> RepairResult:
    out = RepairResult()
    if "_" not in text:
        return out
    out.edits = [Edit(m.end(1), m.end(), "", "subscript") for m in _SUBSCRIPT.finditer(text)]
    return out


# --- ○ for 〇 in Chinese numerals ("二○一九年": Big5 has no 〇, so Taiwan and Big5 copies write the circle) -----

_CIRCLE_ZERO = re.compile("[○◯](?=[〇零一二三四五六七八九十○◯]*[年月日号])|(?<=[〇零一二三四五六七八九])[○◯](?=[〇零一二三四五六七八九○◯])")


def fix_circle_zero(text: str) -> RepairResult:
    out = RepairResult()
    if "○" not in text and "◯" not in text:
        return out
    out.edits = [Edit(m.start(), m.end(), "〇", "circle_zero") for m in _CIRCLE_ZERO.finditer(text)]
    return out


_HALF = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B)} | {ord("％"): "%", ord("．"): "."}

# "增长9。5％", "885。3亿元": an ideographic full stop typed for the decimal point. Only between a number (not an
# ordinal: "全省第1。4家企业…" ends a sentence) and one or two digits that a percent sign or a number unit follows.
# Found from the 。 (a literal the engine finds fast), then one to five digits before it, not after 第.
_DECIMAL_STOP = re.compile(r"。(?=[0-9]{1,2}(?:[%％‰]|[亿万千]|个百分点))")
_ASCII_DIGITS = frozenset("0123456789")


def _decimal_marks(text: str, mark: re.Pattern[str], not_before: str, kind: str) -> RepairResult:
    """A mark typed for the decimal point: each `mark` match after a number of one to five digits whose character
    before is none of `not_before` (第: an ordinal) becomes "."."""
    out = RepairResult()
    for m in mark.finditer(text):
        i = m.start()
        run = i
        while run > 0 and text[run - 1] in _ASCII_DIGITS:
            run -= 1
        if 1 <= i - run <= 5 and (run == 0 or text[run - 1] not in not_before):
            out.edits.append(Edit(i, i + 1, ".", kind))
    return out


def fix_ideographic_decimal(text: str) -> RepairResult:
    """An ideographic full stop used as a decimal point inside a figure ("9。5％" → "9.5％")."""
    return _decimal_marks(text, _DECIMAL_STOP, "第", "decimal_point") if "。" in text else RepairResult()


# "1715，7亿元", "增长21，2%": an ideographic comma typed for the decimal point. Stricter than the full stop: a comma
# also separates thousands ("2，819.5": three digits after it, never read) and list items, so only one or two digits
# that a percent sign, 亿/万 or 个百分点 follows, after a number of one to five digits not led by 第, "." or another
# comma. "完成12，6个项目", "增长9，6月份" stay (no unit of a figure after the digits).
_DECIMAL_COMMA = re.compile(r"，(?=[0-9]{1,2}(?:[%％‰]|[亿万]|个百分点))")


def fix_comma_decimal(text: str) -> RepairResult:
    """An ideographic comma used as a decimal point inside a figure ("1715，7亿元" → "1715.7亿元")."""
    return _decimal_marks(text, _DECIMAL_COMMA, "第.，,", "decimal_comma") if "，" in text else RepairResult()

# "控制在4％。以内", "7％o以内", "14‰o以内", "8.53％。。": an OCR'd ‰ (its small circle read as 。, o or 0 beside the
# sign). Only before a bound word that no sentence opens with (以内, 以下, 左右; not 以上: "…30%。以上指标") or before
# the sentence's own full stop ("％。。"): in the corpus these are population, birth and crime rates, all per mille.
_BOUND_END = r"(?:以内|以下|左右)(?:[，。；、,;）)\s]|\Z)"  # the bound word closes the clause: not "以内容为…"
# one pattern a sign, each led by its literal: Python's engine finds a literal fast, a class or alternation slowly
_PERMILLE = [re.compile(rf"{sign}(?:。(?={_BOUND_END}|。)|[o0](?={_BOUND_END}|以上|[，。；]))") for sign in "%％"]
_PERMILLE.append(re.compile(rf"‰[o0](?={_BOUND_END}|以上|[，。；])"))


def fix_split_permille(text: str) -> RepairResult:
    """A per-mille sign an OCR split in two ("4％。以内" → "4‰以内"), after a number."""
    out = RepairResult()
    if "%" not in text and "％" not in text and "‰" not in text:
        return out
    for m in sorted((m for rx in _PERMILLE for m in rx.finditer(text)), key=lambda m: m.start()):
        if m.start() and text[m.start() - 1].isdigit():
            out.edits.append(Edit(m.start(), m.end(), "‰", "permille"))
    return out


# "人口自然增长率控制在10％以内": a copy that writes ‰ as a percent sign, where the figure cannot be a percent of that rate
# (data/permille_rates.tsv: the rate's name and the floor from which it is ‰). Only the rate's first figure, a few
# words after its name, with no clause break between.
_PERMILLE_FLOORS = {name: float(floor) for name, floor in data_file.rows(__package__, "permille_rates.tsv")}
_PERMILLE_RATE = re.compile(rf"({'|'.join(map(re.escape, _PERMILLE_FLOORS))})[^，,。；;：:0-9%‰]{{0,8}}?([0-9]+(?:\.[0-9]+)?)%")


def fix_permille_rate(text: str) -> RepairResult:
    """A per-mille rate written with a percent sign, its figure impossible as a percent ("10％" → "10‰")."""
    out = RepairResult()
    if "率" not in text or "%" not in text:
        return out
    for m in _PERMILLE_RATE.finditer(text):
        if float(m.group(2)) >= _PERMILLE_FLOORS[m.group(1)]:
            out.edits.append(Edit(m.end() - 1, m.end(), "‰", "permille_rate"))
    return out


# --- a replacement template left in a number ("１０７$1.$2６亿元": a converter wrote its own "$1.$2" for the digits) --

# the digit run around the template: the digits kept on either side are not the figure's (its middle is lost)
_TEMPLATE_IN_NUMBER = re.compile(r"[0-9.]*\$[1-9][.．]?\$[1-9][0-9.]*")


def mark_template_residue(text: str) -> RepairResult:
    """A number holding a replacement template ("$1.$2") lost its digits: the run becomes a damaged span, so no
    figure is read from it ("１$1.$2％" is neither 1% nor 2%). Nothing is edited."""
    out = RepairResult()
    if "$" not in text:
        return out
    out.damaged.extend((m.start(), m.end()) for m in _TEMPLATE_IN_NUMBER.finditer(text))
    return out


RepairFn = Callable[[str], RepairResult]

# applied in this order; each sees the text as the previous one left it
REPAIRS: list[tuple[str, RepairFn]] = [
    ("lossy_utf8_as_gbk", fix_lossy_utf8_as_gbk),
    ("utf8_read_as_gbk", fix_utf8_read_as_gbk),
    ("latin1_mojibake", fix_latin1_mojibake),
    ("gbk_realigned", fix_misaligned_gbk),
    ("html_entity", fix_html_entities),
    ("pinyin", fix_pinyin),
    ("pinyin_in_lost_bytes", fix_pinyin_in_lost_bytes),
    ("t2s", fix_traditional),
    ("radical", fix_radicals),
    ("fullwidth", fix_fullwidth_alnum),
    ("ocr_digit", fix_ocr_digits),  # after fullwidth: "２Ｏ０５年" is "2O05年" by then
    ("decimal_point", fix_ideographic_decimal),
    ("decimal_comma", fix_comma_decimal),
    ("permille", fix_split_permille),  # after fullwidth and decimal_point: "4.76％。。" is "4.76%。。" by then
    ("permille_rate", fix_permille_rate),  # after permille: "4％。以内" is "4‰以内" by then
    ("circle_zero", fix_circle_zero),
    ("subscript", fix_underscore_subscript),  # after fullwidth: "ＰＭ＿２.５" is ASCII by then
    ("template_residue", mark_template_residue),  # after fullwidth: "１$1.$2％" is "1$1.$2%" by then
]

__all__ = ["RARE_BELOW", "REPAIRS", "RepairResult", "badness"]
