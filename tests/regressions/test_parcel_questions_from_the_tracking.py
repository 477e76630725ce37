"""Questions about a parcel on its way were answered from the general FAQ or the order list:
"今天能送到不" got the orders, "快递单号多少" the FAQ "把订单号发给我", "能放驿站吗" the rule that
orders cannot change, and "SB… 到哪了" only the link. Each now reads the shopper's own parcel and
the carrier's newest update."""

from __future__ import annotations

from bot.storage import Order
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order


async def _on_its_way(shop: Shop, user: str, update: str, sku: str = "HM-5022") -> Order:  # noqa: F811
    order = await paid_order(shop, user, sku)
    shipped = await shop.db.orders.mark_shipped(
        order.order_no, "韵达快递", "YD3141592653", actor="t"
    )
    await shop.db.shipments.record(shipped.order_no, update, actor="t")
    return shipped


async def test_out_for_delivery_comes_today(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _on_its_way(shop, chat.user, "快件已到达杭州西湖网点，快递员正在派件")
    await chat.run(
        """
        > 今儿能送到吗
        < 正在派件
        < 一般今天就能送到
        <! 您最近的订单
        > 我下午不在家 放快递柜行吗
        < 已经在派送了
        < 快递柜
        <! 不能在线修改
        """
    )


async def test_still_travelling_is_not_promised_for_today(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await _on_its_way(shop, chat.user, "快件已从上海转运中心发出")
    await chat.run(
        f"""
        > 到哪了 几点能到
        < 上海转运中心
        < 今天不一定能到
        <! 一般今天就能送到
        > 快递单号是多少啊
        < YD3141592653
        <! 把订单号
        > {order.order_no} 到哪了
        < 最新：快件已从上海转运中心发出
        """
    )


async def test_parcel_number_before_it_was_sent(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await paid_order(shop, chat.user, "HM-5022")
    await chat.run(
        """
        > 快递单号多少
        < 正在备货
        < 发货后
        """
    )
