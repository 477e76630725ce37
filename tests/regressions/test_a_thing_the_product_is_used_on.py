"""A use verb and a thing on a card ("能烤红薯吗" on the air fryer's card) asks about the card's
product: what it is used on is no product asked about, so the card stays the air fryer's."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_what_the_fryer_roasts_is_asked_of_the_fryer(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 空气炸锅
        < 无油空气炸锅
        > 能烤红薯吗
        < 无油空气炸锅
        < 人工
        <! 蜜薯
        > 多少钱
        < 299
        """
    )


async def test_a_thing_named_alone_is_still_that_thing(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 空气炸锅
        > 红薯甜吗
        <! 空气炸锅
        """
    )
