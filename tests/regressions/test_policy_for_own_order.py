"""A policy question about a case ("货没到能退钱吗", "收到就坏了还能退吗") gets the shop's policy
for that case and, when the shopper has an order, the next step for it by its state; it was a
clarifying question, or the general answer with nothing about their order."""

from __future__ import annotations

from tests.dialogs.transcript import Shop, paid_order


async def test_not_received_before_shipping_is_a_cancellation(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5001")
    await chat.run(
        f"""
        > 货还没收到，可以退款吗
        < 没收到货可以退款
        < 订单 {order.order_no}（316不锈钢保温杯）已付款，正在备货
        < 回复“取消订单”可以直接取消
        <! 我不太确定您的意思
        """
    )


async def test_not_received_while_shipped_offers_a_human(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5001")
    await shop.db.orders.mark_shipped(order.order_no, "顺丰速运", "SF1234567890", actor="test")
    await chat.run(
        f"""
        > 一直没收到货 能退钱吗
        < 没收到货可以退款
        < 订单 {order.order_no}（316不锈钢保温杯）已发货
        < 回复“人工”
        """
    )


async def test_broken_on_arrival_points_to_after_sales_for_that_order(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5001")
    await shop.db.orders.mark_shipped(order.order_no, "顺丰速运", "SF1234567890", actor="test")
    await chat.run(
        f"""
        > 收到的杯子裂了能退吗
        < 附上商品破损处和外包装的照片
        < 订单 {order.order_no}
        < 回复“售后”，选这个订单申请就行
        """
    )


async def test_without_an_order_only_the_policy(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 快递一直没到可以退款吗
        < 没收到货可以退款
        <! 回复“取消订单”
        <! 回复“售后”，选这个订单
        <! 我不太确定您的意思
        """
    )
