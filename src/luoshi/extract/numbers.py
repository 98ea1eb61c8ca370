"""Numerals as written in reports -> exact Decimal values.

Arabic numbers may carry thousands separators and full-width digits (the clean stage normalises them,
but extraction must not depend on it); Chinese numerals are read positionally ("一万二千" -> 12000).
Decimal keeps "239.9亿" exact: floats only appear at the very end, in the Fact.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from itertools import pairwise

FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8}

MULTIPLIERS = {"万亿": Decimal(10) ** 12, "千亿": Decimal(10) ** 11, "百亿": Decimal(10) ** 10, "千万": Decimal(10) ** 7,
               "百万": Decimal(10) ** 6, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000),
               "百": Decimal(100)}

ARABIC_RE = re.compile(r"[0-9０-９]+(?:[,，][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?")


def parse_arabic(text: str) -> Decimal:
    """'1,234.5' / '１２３４．５' -> Decimal('1234.5')."""
    cleaned = text.translate(FULLWIDTH).replace(",", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation as e:
        raise ValueError(f"not a number: {text!r}") from e


PLACE_TOKEN = re.compile(r"[0-9]+|.")
DIGITS_THEN_PLACES = re.compile(r"([零〇一二三四五六七八九]{2,})([十百千万亿]+)")


def parse_chinese(text: str) -> Decimal:
    """'三十万' -> 300000, '一万二千' -> 12000, '两千' -> 2000, '十' -> 10, '三点五' -> 3.5, '二〇二三' -> 2023,
    '5万4千6百' -> 54600. A form that cannot be read exactly raises ValueError (it is not read at all)."""
    text = text.translate(FULLWIDTH).replace("·", "点").replace("．", "点")
    if "点" in text:
        whole, _, frac = text.partition("点")
        scale = Decimal(1)
        while frac and frac[-1] in "十百千万亿":  # "四五点五亿": the multiplier scales the whole number
            scale *= MULTIPLIERS.get(frac[-1], Decimal(10))
            frac = frac[:-1]
        digits = "".join(str(CHINESE_DIGITS[c]) for c in frac)
        if len(whole) > 1 and all(c in CHINESE_DIGITS for c in whole):  # "四五点五亿": read digit by digit
            return Decimal("".join(str(CHINESE_DIGITS[c]) for c in whole) + "." + (digits or "0")) * scale
        return (parse_chinese(whole or "零") + Decimal("0." + (digits or "0"))) * scale
    if len(text) > 1 and all(c in CHINESE_DIGITS for c in text):
        return Decimal(digit_by_digit(text))
    scaled = DIGITS_THEN_PLACES.fullmatch(text)  # "一〇〇万", "四二二万": digit by digit, then multipliers
    if scaled:
        scale = Decimal(1)
        for c in scaled.group(2):
            scale *= {**SMALL_UNITS, **BIG_UNITS}[c]
        return Decimal(digit_by_digit(scaled.group(1))) * scale
    return Decimal(read_places(text))


def digit_by_digit(text: str) -> str:
    """Digits without places, as older reports write them ("一五六个" = 156, "二〇二三"), unless the run is no number:
    an approximation ("三五天", "四五", "一两个"), a list ("一二三次产业") or a part cut at a separator ("六、〇〇〇")."""
    if text[0] in "零〇" or "两" in text:
        raise ValueError(f"not a digit-by-digit number: {text!r}")
    digits = [CHINESE_DIGITS[c] for c in text]
    steps = {b - a for a, b in pairwise(digits)}
    if "零" not in text and "〇" not in text and (steps == {1} or text == "三五"):
        raise ValueError(f"an approximation or a list, not a number: {text!r}")
    return "".join(map(str, digits))


def read_places(text: str) -> int:
    """An integer written with places, exactly, or ValueError.

    Chinese digits and Arabic runs may mix ("5万4千6百", "3亿2000万"). A digit left after a place without 零 takes
    the next place down, as spoken (两千四百五 = 2450, 九万四 = 94000, 一百五 = 150); a form written two ways
    (两千四百五万: 2405万 or 2450万) or no numeral at all (十四五, a plan's name) is refused.
    """
    if text in ("零", "〇"):
        return 0
    total = section = 0  # completed 亿/万 groups; the value below the current big unit
    digit: str | None = None  # a digit (or an Arabic run) waiting for its place
    arabic = False  # ... written in Arabic numerals
    place: int | None = None  # the last place used: 十/百/千 in this section, or the big unit just closed
    zero = False  # 零 since the last place
    last_big: int | None = None
    for tok in PLACE_TOKEN.findall(text):
        if tok in ("零", "〇"):
            if digit is not None or place is None:
                raise ValueError(f"零 out of place: {text!r}")
            zero = True
        elif tok.isdigit() or tok in CHINESE_DIGITS:
            if digit is not None:
                raise ValueError(f"two numbers in a row: {text!r}")
            digit, arabic = (tok, True) if tok.isdigit() else (str(CHINESE_DIGITS[tok]), False)
        elif tok in SMALL_UNITS:
            unit = SMALL_UNITS[tok]
            if digit is None:  # 十五, 一千零十, 一百十八: a place without its digit counts one, at a section's start,
                # after 零, or 十 after a larger place
                if not (zero or (section == 0 and (place is None or place >= 10**4)) or (unit == 10 and place)):
                    raise ValueError(f"a place without its digit: {text!r}")
                digit = "1"
            if len(digit) > 1 or (place is not None and place < 10**4 and unit >= place):
                raise ValueError(f"places out of order: {text!r}")
            section += int(digit) * unit
            digit, place, zero = None, unit, False
        elif tok in BIG_UNITS:
            unit = BIG_UNITS[tok]
            if digit is not None:
                if place is not None and 10 < place < 10**4 and not zero:
                    raise ValueError(f"written two ways: {text!r}")  # 两千四百五万: 2405万 or 2450万
                if len(digit) > 1 and section:
                    raise ValueError(f"an Arabic run after a place: {text!r}")
                section += int(digit)
            if section == 0:  # 万亿: scale what came before
                if total == 0:
                    raise ValueError(f"a big unit without a number: {text!r}")
                total *= unit
            elif last_big is None or unit > last_big:
                total = (total + section) * unit
            elif unit < last_big:
                total += section * unit
            else:
                raise ValueError(f"big units out of order: {text!r}")
            digit, section, place, zero, last_big = None, 0, unit, False, unit
        else:
            raise ValueError(f"not a numeral: {text!r}")
    if digit is not None:
        if zero or place is None or place == 10:
            section += int(digit)  # 一百零五, 二十五
        elif arabic:  # 1百23, 1万2345: an Arabic run fills the places below exactly, or it is not read
            if len(digit) != len(str(place)) - 1:
                raise ValueError(f"an Arabic number after a place: {text!r}")
            section += int(digit)
        elif place >= 10**4 and not (total < 10 * place and total % place == 0):
            raise ValueError(f"a digit after {text[:-1]!r} is written two ways: {text!r}")  # 七千亿三, 三十万五
        else:
            section += int(digit) * place // 10  # 两千四百五 = 2450, 九万四 = 94000, 一亿二
    return total + section


def parse_number(text: str) -> Decimal:
    """Either kind of numeral; '百分之五' is read as 5 (the caller knows it is a percentage)."""
    text = text.removeprefix("百分之")
    if ARABIC_RE.fullmatch(text):
        return parse_arabic(text)
    return parse_chinese(text)


def format_chinese(n: int) -> str:
    """An integer as a Chinese numeral ('12000' -> '一万二千'); the inverse of parse_chinese, for tests and display."""
    if n == 0:
        return "零"
    digits = "零一二三四五六七八九"

    def below_10000(k: int) -> str:
        out, zero = "", False
        for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d, k = divmod(k, value)
            if d:
                if zero and out:
                    out += "零"
                out += digits[d] + name
                zero = False
            else:
                zero = True
        return out

    parts: list[str] = []
    for value, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        d, n = divmod(n, value)
        if d:
            if parts and d < 1000:  # 七万零一: without 零 a lone digit takes the next place down (七万一 = 71000)
                parts.append("零")
            parts.append((below_10000(d) if d < 10**4 else format_chinese(d)) + name)
        elif parts and n:
            parts.append("零")
    text = "".join(parts)
    while "零零" in text:
        text = text.replace("零零", "零")
    return text.rstrip("零")
