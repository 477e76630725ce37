"""A kind asked for ("坚果有哪些", "有坚果卖吗", "坚果这块有哪些呀" over a list) and the small or big
one of the list ("那小的那个多少钱", "大一点的那个").

Broke because only one product was called 坚果 (the others are nuts by their tags), so a first
message showed its card alone and the same question over a list was read as a question about
that one product ("不太确定"); and 小 was read as a word of a name (小核桃), not the size.
"""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize("asked", ["坚果有哪些", "有坚果卖吗", "有没有坚果"])
async def test_a_kind_asked_first_lists_every_product_of_it(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 为您找到5件相关商品
        < 奶油味夏威夷果
        < 手剥山核桃
        < 盐焗腰果
        <! [图文]
        """
    )


async def test_a_kind_over_a_list_is_the_listed_ones_of_it(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 零食有哪些
        < 零食（第1/6页）
        > 坚果这块有哪些呀
        < 坚果有这5款
        < 原味巴旦木
        <! 不太确定
        > 那小的那个多少钱
        < 手剥山核桃（250g）¥45.00
        < 盐焗腰果（250g、500g）¥39.90
        <! 原味巴旦木
        <! 不太确定
        """
    )


async def test_the_small_or_big_one_of_two_is_by_what_they_hold(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有水杯
        < 2. 耐热玻璃水杯
        > 大一点的那个多少钱
        < 316不锈钢保温杯 ¥99.00
        <! 耐热玻璃水杯 ¥
        """
    )
    await shop.chat().run(
        """
        > 有没有充电宝
        > 小的那个多少钱
        < 10000mAh超薄充电宝 ¥89.00
        <! 20000mAh大容量充电宝 ¥
        """
    )
