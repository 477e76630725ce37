"""Normalisation: full width, case, punctuation, emoji and Chinese numerals."""

from __future__ import annotations

import pytest

from knowledge.normalize import clean, normalize
from knowledge.numerals import convert_numerals, parse_chinese_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＸＬ码有吗？", "xl码有吗"),  # full width letters and punctuation
        ("Ｈｅｌｌｏ　世界", "hello 世界"),  # ideographic space
        ("１２３件", "123件"),
        ("我要两件，红色的！！", "我要2件 红色的"),
        ("买三斤车厘子", "买3斤车厘子"),
        ("两百以内的面膜", "200以内的面膜"),
        ("一百五十块左右", "150块左右"),
        ("😂😂 买三斤车厘子 👍🏻", "买3斤车厘子"),  # emoji and skin tone modifier
        ("👨‍👩‍👧", ""),  # zero-width joiner sequence
        ("[捂脸]好的[强]", "好的 好的"),  # WeChat emoticons, some of which mean something
        ("\x00\x1b[31m你好\u200b\x07", "你好"),  # control, ANSI escape, zero-width space
        ("看看 https://item.example.com/1.html 有货吗", "看看 有货吗"),
        ("iPhone15 Pro", "iphone15 pro"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_clean_keeps_case_and_punctuation_for_entities() -> None:
    assert clean("订单SB2024ABC0000001，100-200元") == "订单SB2024ABC0000001,100-200元"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("两百", 200),
        ("一百五", 150),
        ("一百零五", 105),
        ("两千五", 2500),
        ("两千零八", 2008),
        ("三万", 30000),
        ("一万五千", 15000),
        ("二三", None),  # a range, not a number
        ("十十", None),
        ("abc", None),
        ("", None),
    ],
)
def test_parse_chinese_number(text: str, value: int | None) -> None:
    assert parse_chinese_number(text) == value


@pytest.mark.parametrize(
    "text",
    ["我想问一下", "一起发", "统一发货", "万一坏了", "双十一", "十分感谢", "一样的", "一直没到"],
)
def test_numerals_in_words_are_left_alone(text: str) -> None:
    assert convert_numerals(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3千以内", "3000以内"),
        ("1万", "10000"),
        ("1千克", "1千克"),
        ("三天了还没发", "3天了还没发"),
    ],
)
def test_digit_scales(text: str, expected: str) -> None:
    assert convert_numerals(text) == expected
