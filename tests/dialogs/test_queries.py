"""我的订单, 查物流, order numbers, 取消订单: the shopper's own data, nobody else's."""

from __future__ import annotations

from bot.storage import OrderStatus
from tests.dialogs.transcript import Shop, paid_order

PLACE = """
    > 我要一件黑色M码的T恤
    > 结算
    > 张三 13812345678 上海市浦东新区世纪大道100号
    > 确认
    < 下单成功
"""


async def test_my_orders_and_an_order_by_number(shop: Shop) -> None:
    chat, other = shop.chat(), shop.chat()
    await chat.run(
        """
        > 我的订单
        < 您还没有订单
        """
        + PLACE
    )
    (mine,) = await shop.db.orders.list_orders(chat.user)
    theirs = await paid_order(shop, other.user, "HM-5001")
    await chat.run(
        f"""
        > 我的订单
        < 1. {mine.order_no}
        < 纯棉圆领短袖T恤 ¥65.00 · 待付款
        <! {theirs.order_no}
        > 查一下 {mine.order_no}
        < 状态：待付款
        < 收货人：张* 138****5678
        < 去支付：https://pay.example.com/pay?order={mine.order_no}
        <! 13812345678
        <! 世纪大道
        > 查一下 {theirs.order_no}
        < 没有找到 {theirs.order_no}
        <! 保温杯
        <! 李
        <! 139
        <! 建国路
        > SB20250101ABCDEFGHJKMN
        < 没有找到 SB20250101ABCDEFGHJKMN
        """
    )
    other_answer = chat.last
    await chat.run("> 查一下 SB20250101ABCDEFGHJKMN")
    assert chat.last[0].replace("SB20250101ABCDEFGHJKMN", "X") == other_answer[0].replace(
        "SB20250101ABCDEFGHJKMN", "X"
    )


async def test_logistics_after_the_order_ships(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await chat.run(
        """
        > 查物流
        < 已付款、正在备货
        """
    )
    await shop.db.orders.mark_shipped(order.order_no, "顺丰", "SF1234567890", actor="test")
    await chat.run(
        f"""
        > 查物流
        < {order.order_no}
        < 顺丰 SF1234567890
        > 我的快递到哪了
        < 顺丰 SF1234567890
        """
    )


async def test_cancel_an_unpaid_order(shop: Shop) -> None:
    chat, other = shop.chat(), shop.chat()
    await chat.run(PLACE)
    (order,) = await shop.db.orders.list_orders(chat.user)
    theirs = await paid_order(shop, other.user)
    assert await shop.db.stock.get_stock("AP-1001") == 320 - 2
    await chat.run(
        f"""
        > 取消订单
        < 您的待付款订单
        < {order.order_no}
        > 取消订单 {theirs.order_no}
        < 没有找到 {theirs.order_no}
        > 取消订单 {order.order_no}
        < 订单 {order.order_no} 已取消
        > 取消订单 {order.order_no}
        < 这个订单已经关闭了
        """
    )
    stored = await shop.db.orders.get_order(order.order_no, chat.user)
    assert stored is not None
    assert stored.status is OrderStatus.CANCELLED
    stored = await shop.db.orders.get_order(theirs.order_no, other.user)
    assert stored is not None
    assert stored.status is OrderStatus.PAID
    assert await shop.db.stock.get_stock("AP-1001") == 320 - 1
    paid = await paid_order(shop, chat.user, "HM-5002")
    await chat.run(
        f"""
        > 取消订单 {paid.order_no}
        < 订单 {paid.order_no} 已取消，已为您申请全额退款
        < 会原路退回
        """
    )


async def test_questions_and_honest_fallbacks(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 怎么付款
        < 微信支付
        > 可以开发票吗
        < 发票
        > 今天天气怎么样
        < 这个问题我还没学会
        < 人工
        > [image] SOME-PHOTO
        < 收到图片
        > 取消
        < 当前没有进行中的操作
        > 谢谢
        < 不客气
        """
    )


async def test_price_questions_show_the_product(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯多少钱
        < [图文] 316不锈钢保温杯  ¥99.00
        > 这个多少钱
        < ¥99.00
        """
    )
    other = shop.chat()
    await other.run(
        """
        > 这个多少钱
        < 您想问哪件商品的价格
        > 现在有活动吗
        < 全店满199减20
        > 怎么修改订单
        < 取消订单
        < 人工
        """
    )
