"""改地址 with one order that can change asks only for the new address, and the address sent
alone next is taken (it got "请把新地址和订单号一起发给我", then "没学会")."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order

NEW = "广东省广州市天河区天河路385号"


async def test_one_order_asks_only_for_the_address_and_takes_it_bare(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5001")
    await chat.run(
        f"""
        > 改地址
        < 订单 {order.order_no}
        < 直接发新地址给我
        <! 和订单号一起
        > {NEW}
        < 订单 {order.order_no} 的收货地址已改为：{NEW}
        > 几天到
        < 已付款，正在备货
        """
    )
    changed = await shop.db.orders.get_order(order.order_no, chat.user)
    assert changed is not None and changed.address == NEW


async def test_the_value_waits_one_message_and_only_a_value_is_taken(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5001")
    await chat.run(
        """
        > 电话写错了
        < 直接发新手机号给我
        > 几天能到
        < 已付款，正在备货
        > 13912345678
        <! 已改为
        > 改电话
        > 13912345678
        < 139****5678
        """
    )
    changed = await shop.db.orders.get_order(order.order_no, chat.user)
    assert changed is not None and changed.phone == "13912345678"
