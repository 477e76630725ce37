"""A thing the shop does not sell asked for while a product's card or a list of one is on screen
(卖猫粮不 over the phone case, 有卖电视吗 over the tea's list) is said unsold, not answered as a
question about the product on screen."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_unsold_over_a_card(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有卖手机的吗
        > iphone16有没有
        > 那手机壳有没有 我是华为的
        > 卖猫粮不
        < 不卖猫粮
        <! 手机壳
        > 感冒药有吗
        < 不卖感冒药
        <! 手机壳
        """
    )
    await shop.chat().run(
        """
        > 保温杯
        > 有没有狗粮
        < 不卖狗粮
        <! 不太确定
        """
    )


async def test_unsold_over_a_list_of_one(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有卖白酒的
        > 那有没有茶叶
        < 冷泡绿茶茶包
        > 有卖电视吗
        < 不卖电视
        <! 茶包
        """
    )
