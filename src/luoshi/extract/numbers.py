"""Numerals as written in reports -> exact Decimal values.

Arabic numbers may carry thousands separators and full-width digits (the clean stage normalises them,
but extraction must not depend on it); Chinese numerals are read positionally ("一万二千" -> 12000).
Decimal keeps "239.9亿" exact: floats only appear at the very end, in the Fact.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

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


def parse_chinese(text: str) -> Decimal:
    """'三十万' -> 300000, '一万二千' -> 12000, '两千' -> 2000, '十' -> 10, '三点五' -> 3.5, '二〇二三' -> 2023."""
    text = text.replace("·", "点").replace("．", "点")
    if "点" in text:
        whole, _, frac = text.partition("点")
        scale = Decimal(1)
        while frac and frac[-1] in "十百千万亿":  # "四五点五亿": the multiplier scales the whole number
            scale *= MULTIPLIERS.get(frac[-1], Decimal(10))
            frac = frac[:-1]
        digits = "".join(str(CHINESE_DIGITS[c]) for c in frac)
        return (parse_chinese(whole or "零") + Decimal("0." + (digits or "0"))) * scale
    if text and all(c in CHINESE_DIGITS for c in text) and len(text) > 1:
        return Decimal("".join(str(CHINESE_DIGITS[c]) for c in text))
    total = Decimal(0)  # sum of completed 亿/万 groups
    section = Decimal(0)  # value below the current big unit
    digit: int | None = None
    for c in text:
        if c in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[c]
        elif c in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[c]
            digit = None
        elif c in BIG_UNITS:
            section += digit or 0
            digit = None
            if section == 0:  # "万亿": scale what we have
                total = total * BIG_UNITS[c]
            else:
                total = (total + section) * BIG_UNITS[c] if BIG_UNITS[c] > 10**4 else total + section * BIG_UNITS[c]
            section = Decimal(0)
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + (digit or 0)


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

    parts = []
    for value, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        d, n = divmod(n, value)
        if d:
            parts.append((below_10000(d) if d < 10**4 else format_chinese(d)) + name)
        elif parts and n:
            parts.append("零")
    text = "".join(parts)
    while "零零" in text:
        text = text.replace("零零", "零")
    return text.rstrip("零")

