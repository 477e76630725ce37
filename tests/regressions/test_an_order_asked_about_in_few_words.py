"""A shopper with an order asks about it in a few words, and the words are about that order:

* "发了没" / "发货了吗" is whether the order has left: a paid one is told when it leaves under
  the shop's rules, a shipped one that it is on its way (never the "您是想" menu, twice);
* "地址要改一下 改成…" / "电话得改下 改成…" about the shopper's only unshipped order changes it,
  as "改地址 …" does (never the FAQ's how-to with a command to type).
"""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order

MENU = "您是想"


async def test_has_it_left_yet_is_the_paid_orders_dispatch(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await chat.run(
        f"""
        > 发了没
        < {order.order_no}
        < 付款
        < 发出
        <! {MENU}
        > 发了没啊
        < {order.order_no}
        <! {MENU}
        """
    )


async def test_has_it_left_yet_of_a_shipped_order(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await shop.db.orders.mark_shipped(order.order_no, "中通快递", "ZT5566001122", actor="t")
    await chat.run(
        f"""
        > 发货了吗
        < {order.order_no}
        <! {MENU}
        > 东西发出去了没有
        < {order.order_no}
        <! {MENU}
        """
    )


async def test_the_address_to_change_then_the_new_one(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await chat.run(
        f"""
        > 地址要改一下 改成浙江杭州滨江区江南大道588号
        < {order.order_no}
        < 已改为
        < 江南大道588号
        <! 改地址 订单号
        > 电话得改下 改成13912345678
        < 已改为
        <! 改电话
        """
    )
    changed = await shop.db.orders.staff_get_order(order.order_no)
    assert changed is not None
    assert "江南大道588号" in changed.address
    assert changed.phone == "13912345678"
