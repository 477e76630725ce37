"""A message asking the shop two things gets both answers, in the order asked, in one reply
(the returns policy's two parts, when it ships and how long it takes); whether a parcel can go
somewhere is answered from the shipping rules of that place, also when the place was said in
the message before ("我在广州" → "可以发吗") and while a cart is open."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_two_return_policy_questions_both_answered_in_order(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 退货运费谁出 不喜欢能退吗
        < 1. 质量问题、发错货由我们承担来回运费
        < 2. 签收后7天内
        > 不合适能退吗 退回去运费谁出
        < 1. 签收后7天内
        < 2. 质量问题、发错货由我们承担来回运费
        """
    )


async def test_dispatch_and_delivery_time_in_the_order_asked_in_the_cart(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 我要一件黑色M码的T恤
        < 已加入购物车
        > 今天能发吗 几天到广州
        < 店铺这边现在是
        < 16:00前付款当天发出
        < 2-4天
        <1 购物车里的商品都给您留着
        > 香港能发吗
        < 港澳台
        < 购物车里的商品都给您留着
        > 拉萨能寄吗
        < 15
        """
    )


async def test_whether_it_ships_to_the_place_said_before(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 我在广州
        > 可以发吗
        < 广州可以发货，运费¥6.00，满¥69.00包邮
        """
    )
    await shop.chat().run(
        """
        > 寄到乌鲁木齐
        > 能寄吗
        < 乌鲁木齐可以发货，运费¥15.00，不参与包邮
        < 暂不发乌鲁木齐
        """
    )
    await shop.chat().run(
        """
        > 香港
        > 能发吗
        < 港澳台
        <! 合并成一个包裹
        """
    )
    await shop.chat().run(
        """
        > 成都能发货吗
        < 成都可以发货
        """
    )
