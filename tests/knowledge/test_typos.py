"""Typos and near-misses in the shop's words: the right sound with the wrong character, or one
slipped character in a long product word; never a real word "corrected" into a shop word."""

from __future__ import annotations

import pytest

from knowledge import Matcher
from knowledge.normalize import clean, squash
from knowledge.typos import TypoFixer, readings


def fixer(*words: str, products: tuple[str, ...] = ()) -> TypoFixer:
    return TypoFixer(words, products, lambda text: text in {"唯一", "时间"}, lambda w: w)


def test_the_table_reads_common_characters() -> None:
    sounds = readings()
    assert len(sounds) > 6000
    assert sounds["充"] == sounds["冲"] and sounds["退"] == sounds["腿"]
    assert sounds["是"] == sounds["室"]


def test_the_right_sound_with_the_wrong_character_is_fixed() -> None:
    fix = fixer("充电宝", "沐浴露").fix
    assert fix("有没有冲电宝", ["有没有", "冲", "电宝"]) == "有没有充电宝"
    assert fix("沐浴路多少钱", ["沐浴", "路", "多少钱"]) == "沐浴露多少钱"


def test_blurred_initials_and_finals_still_match() -> None:
    # zh/z, ch/c, sh/s, in/ing, l/n: how many southern shoppers type
    fix = fixer("充电宝", "蓝牙").fix
    assert fix("葱电宝", ["葱", "电宝"]) == "充电宝"
    assert fix("南牙", ["南牙"]) == "蓝牙"


def test_a_two_character_word_must_be_one_word_of_the_cut() -> None:
    fix = fixer("卫衣", "卧室").fix
    assert fix("我为一件事", ["我", "为", "一件", "事"]) == "我为一件事"
    assert fix("我是来问的", ["我", "是", "来", "问", "的"]) == "我是来问的"
    assert fix("喂衣", ["喂衣"]) == "卫衣"


def test_real_words_and_shared_sounds_are_left_alone() -> None:
    assert fixer("卫衣").fix("唯一", ["唯一"]) == "唯一"
    # two shop words with one sound: no guess
    both = fixer("充电宝", "冲电宝")
    assert both.fix("葱电宝", ["葱", "电宝"]) == "葱电宝"


def test_a_shop_word_typed_exactly_is_never_rewritten_into_a_longer_sound_alike() -> None:
    # 赠品 (a gift) and 正品 (genuine) blur to one sound: 赠品吗 was read as 正品吗
    fix = fixer("正品吗", "赠品", "充电", "充电宝").fix
    assert fix("有赠品吗", ["有", "赠品", "吗"]) == "有赠品吗"
    assert fix("有政品吗", ["有", "政品", "吗"]) == "有正品吗"
    assert fix("充电包", ["充电", "包"]) == "充电宝"  # extending the typed word is still a fix


def test_one_slipped_character_in_a_long_product_word() -> None:
    fix = fixer(products=("液态硅胶", "手机壳")).fix
    assert fix("液太硅胶的", ["液", "太", "硅胶", "的"]) == "液态硅胶的"
    assert fix("液态鬼胶", ["液态", "鬼", "胶"]) == "液态硅胶"
    # keywords are not matched by shape: 有没有卖 is no slip of 有没有冲
    assert fixer("有没有卖").fix("有没有冲", ["有没有", "冲"]) == "有没有冲"


def test_a_word_that_starts_with_letters_keeps_them_and_fixes_the_rest() -> None:
    fix = fixer("t恤", "充电宝").fix
    assert fix("我要买个t嘘", ["我要", "买", "个", "t", "嘘"]) == "我要买个t恤"
    assert fix("iphone冲电宝", ["iphone", "冲", "电宝"]) == "iphone充电宝"
    # the letters are exact: another letter is no t恤
    assert fix("买个x嘘", ["买", "个", "x", "嘘"]) == "买个x嘘"


@pytest.mark.parametrize(
    ("typed", "sku"),
    [("冲电宝", "EA-6005"), ("有没有蓝呀耳机", "EA-6008"), ("车里子", "FR-4001")],
)
def test_the_matcher_finds_products_through_typos(matcher: Matcher, typed: str, sku: str) -> None:
    result = matcher.match(typed)
    assert result.intent == "product_search"
    assert sku in [p.sku for p in result.products]


def test_an_order_with_a_typo_in_a_lettered_name(matcher: Matcher) -> None:
    result = matcher.match("我要买个T嘘")
    assert result.intent == "place_order"
    assert "AP-1001" in [p.sku for p in result.products]


def test_the_matcher_does_not_rewrite_ordinary_chat(matcher: Matcher) -> None:
    for text in ("我是来问发票的", "是的", "我刚下的单", "微信能付款吗", "是否可以明天送"):
        assert matcher._prepare(text).norm == squash(clean(text)), text
