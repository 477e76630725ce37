"""Chinese numerals to digits, where shoppers use them as quantities or prices.

Only numerals followed by a measure word, a money word or a range word are converted (两件 → 2件,
三斤 → 3斤, 两百以内 → 200以内), so 一下, 一起, 统一 and 万一 keep their meaning.
"""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5}
_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL = "零〇一二两俩三四五六七八九十百千万"
NUMERAL_CHARS = _NUMERAL
"""Every character `convert_numerals` may rewrite or needs to see (normalize.py's fast path)."""

MEASURE_WORDS = (
    "件个只支条双套箱盒瓶包袋斤两公斤千克克罐桶提份台部张块元毛角杯听串颗粒片卷枚对副把本"
)
"""Single-character measure and money words after which a Chinese numeral is a quantity."""

_FOLLOW = "以内|以下|以上|左右|多块|多元|多|来块|号|天|周|月|年|分钟|小时|码|岁|寸|米|次|人"
_CN_RUN = re.compile(rf"(?<![0-9.])([{_NUMERAL}]+)(?=[{MEASURE_WORDS}]|{_FOLLOW})")
# 一百到两百: a numeral before 到/至 is a range bound when it is clearly a number (两位+ or 十百千万).
_CN_RANGE = re.compile(rf"(?<![0-9.])([{_NUMERAL}]{{2,}}|[十百千万])(?=\s*[到至~-])")
# 一百到两百: the numeral after 到/至 is the other bound (两百 then 的, 之间 or nothing at all).
_CN_RANGE_END = re.compile(rf"(?<=[到至~-])\s*([{_NUMERAL}]{{2,}}|[十百千万])(?![{_NUMERAL}])")
# 两三百, 三四十块: two neighbouring digits before one scale are a range, 200到300.
_CN_TWO_BOUNDS = re.compile(
    r"(?<![0-9.零〇一二两三四五六七八九十百千万])([一二两三四五六七八])([二三四五六七八九])([百千]|十(?=[块元]))"
)
_DIGIT_UNIT = re.compile(r"(\d+(?:\.\d+)?)([百千万])(?![克米瓦伏])")


def parse_chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral such as 二十五, 一百五, 两千零八 or 三万; None if malformed."""
    if not text or any(ch not in _NUMERAL for ch in text):
        return None
    if "万" in text:
        high, _, low = text.partition("万")
        high_value = parse_chinese_number(high) if high else 1
        low_value = parse_chinese_number(low) if low else 0
        if high_value is None or low_value is None:
            return None
        return high_value * 10000 + low_value
    return _below_10000(text)


def _below_10000(text: str) -> int | None:
    total, digit, last_unit, zero = 0, None, 10000, False
    for ch in text:
        if ch in _DIGITS:
            if digit and _DIGITS[ch]:
                return None  # two digits in a row (e.g. 二三) is a range, not a number
            zero = zero or (_DIGITS[ch] == 0 and last_unit < 10000)
            digit = _DIGITS[ch]
        else:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    if digit:
        # 一百五 means 150 and 两千五 2500: a trailing digit counts one unit below the last one,
        # unless a 零 says it is the ones (一百零五 = 105).
        scaled = last_unit <= 1000 and len(text) > 1 and not zero
        total += digit * (last_unit // 10 if scaled else 1)
    return total


def _replace_run(match: re.Match[str]) -> str:
    value = parse_chinese_number(match.group(1))
    return match.group(1) if value is None else str(value)


def _replace_digit_unit(match: re.Match[str]) -> str:
    scale = {"百": 100, "千": 1000, "万": 10000}[match.group(2)]
    value = float(match.group(1)) * scale
    return str(int(value)) if value.is_integer() else match.group(0)


def _replace_two_bounds(match: re.Match[str]) -> str:
    low, high = _DIGITS[match.group(1)], _DIGITS[match.group(2)]
    if high != low + 1:
        return match.group(0)  # 一五百 is no way of saying a range
    scale = _UNITS[match.group(3)]
    return f"{low * scale}到{high * scale}"


def convert_numerals(text: str) -> str:
    """Rewrite quantity-like Chinese numerals (and 3千, 1万) as Arabic digits; 两三百 → 200到300."""
    text = _CN_TWO_BOUNDS.sub(_replace_two_bounds, text)
    text = _CN_RUN.sub(_replace_run, text)
    text = _CN_RANGE.sub(_replace_run, text)
    text = _CN_RANGE_END.sub(_replace_run, text)
    return _DIGIT_UNIT.sub(_replace_digit_unit, text)
