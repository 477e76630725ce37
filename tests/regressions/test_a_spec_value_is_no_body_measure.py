"""A measure that is a spec value of a listed product is that choice, not the shopper's body:
"棕色120cm" over a gift list with the belt (sold in 110cm/120cm/130cm) picks the belt in that
length, where it used to be read as a height of 120 cm and answered with size advice.
"130斤" and "身高175" over a list still get the size advice (the values are not measures of
the body only when a listed product comes in them)."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_a_belt_length_over_a_list_is_the_belts_choice(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 帮我推荐个礼物 送男朋友 300以内
        < 真皮自动扣腰带
        > 棕色120cm
        < 真皮自动扣腰带
        <! 尺码表
        <! 身高
        """
    )


async def test_a_weight_over_a_list_is_still_the_shoppers_body(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 卫衣有哪些
        < 重磅连帽卫衣
        > 我130斤
        < 重磅连帽卫衣
        <! 没太明白
        """
    )
