"""Gift searches that said whom the present is for or what they like: "他爱打游戏" with a
budget got a bag of nuts (the 500 of 500以内 read as its 500g), "给爸爸买个生日礼物 五六十岁
预算200" got "想买哪件商品呢", and "送妈妈的 300左右" ignored what the shop tags 送长辈."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_liking_keeps_the_gifts_tagged_with_it(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 给男朋友买个礼物 500以内 他爱打游戏
        < 87键机械键盘
        < 游戏
        <! 夏威夷果
        <! 真皮自动扣腰带
        """
    )


async def test_a_budget_number_is_no_spec_value(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 零食 500以内
        <! [图文] 奶油味夏威夷果
        """
    )
    await shop.chat().run(
        """
        > 夏威夷果 500的
        < 奶油味夏威夷果
        """
    )


async def test_a_present_for_a_parent_puts_the_gifts_for_elders_first(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 给爸爸买个生日礼物 五六十岁 预算200
        < 200元以内的礼物
        < 适合送长辈
        < 1. 真皮自动扣腰带
        <! 想买哪件商品
        <! 口红
        """
    )
    await shop.chat().run(
        """
        > 有没有适合送妈妈的东西 300左右
        < 适合送长辈
        < 1. 羊毛混纺针织开衫
        """
    )
    await shop.chat().run(
        """
        > 想给长辈挑个礼物 100以内
        < 100元以内的礼物
        < 适合送长辈
        < 1. 头皮按摩梳
        """
    )


async def test_an_age_says_an_elder_too(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 送个礼物给领导 六十多岁 200以内
        < 适合送长辈
        """
    )
