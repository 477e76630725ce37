"""After ordering, answers speak of the shopper's own order: whether the address can still
change (not the FAQ's "还没发货可以改" for a shipped order), a parcel that stopped moving or is
urged (what the shop does, not the tracking link alone), how the money comes back for an order
as it stands, and the postage asked with the return address."""

from __future__ import annotations

from bot.storage import Order
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order


async def _shipped(shop: Shop, user: str, sku: str = "HM-5022") -> Order:  # noqa: F811
    order = await paid_order(shop, user, sku)
    return await shop.db.orders.mark_shipped(order.order_no, "顺丰速运", "SF2468013579", actor="t")


async def test_can_the_address_change_on_a_shipped_order(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await _shipped(shop, chat.user)
    await chat.run(
        f"""
        > 收货地址还能改吗 我换地方住了
        < 您的订单 {order.order_no} 已经发货
        < 人工
        <! 订单还没发货可以改
        """
    )


async def test_can_the_address_change_before_shipping_asks_the_new_one(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5022")
    await chat.run(
        f"""
        > 地址可以改不
        < 订单 {order.order_no}
        < 新地址
        """
    )
    stranger = shop.chat()
    await stranger.run(
        """
        > 地址可以改不
        < 改地址
        <! 您还没有订单
        """
    )


async def test_a_parcel_that_stopped_moving_and_is_urged(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await _shipped(shop, chat.user)
    await chat.run(
        f"""
        > 快递信息好几天没更新了
        < {order.order_no}
        < 48小时没有更新
        < 人工
        > 三天了 帮我催催
        < 已经发出了
        < 48小时没有更新
        """
    )


async def test_how_the_money_comes_back_depends_on_the_order(shop: Shop) -> None:  # noqa: F811
    shipped = shop.chat()
    order = await _shipped(shop, shipped.user, "HM-5019")
    await shipped.run(
        f"""
        > 那我的钱怎么退
        < 订单 {order.order_no}
        < 拒收
        < 全额原路退回
        <! 请问是哪个订单要售后
        """
    )
    waiting = shop.chat()
    paid = await paid_order(shop, waiting.user, "HM-5019")
    await waiting.run(
        f"""
        > 钱咋退给我
        < 还没发货
        < 取消订单 {paid.order_no}
        """
    )


async def test_postage_asked_with_the_return_address(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await _shipped(shop, chat.user, "AP-1001")
    ticket = await shop.db.tickets.create_ticket(
        order.order_no, chat.user, "return", "尺码不合适", []
    )
    await shop.db.tickets.approve_ticket(ticket.ticket_no, actor="staff:zhangsan")
    await chat.run(
        f"""
        > 寄回到哪 邮费谁承担
        < 售后单 {ticket.ticket_no} 请寄回
        < 寄回运费由买家承担
        """
    )
