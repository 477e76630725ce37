"""Ordering in chat: from a first message that names everything to 订单号 and a pay link."""

from __future__ import annotations

from bot.storage import OrderStatus
from tests.dialogs.transcript import Shop


async def test_order_with_everything_in_the_first_message(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要两件黑色M码的T恤
        < 已加入购物车
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×2  ¥118.00
        > 结算
        < 有优惠券码吗
        > 没有
        < 收货人姓名
        > 张三
        < 手机号
        > 13812345678
        < 收货地址
        > 上海市浦东新区世纪大道100号3栋201室
        < 请核对订单
        < 应付：¥118.00
        < 张* 138****5678
        > 确认
        < 下单成功
        < 订单号：SB
        < https://pay.example.com/pay?order=SB
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.status is OrderStatus.CREATED
    assert order.total_fen == 11800
    assert [(x.sku, x.qty, x.spec) for x in order.lines] == [
        ("AP-1001", 2, {"颜色": "黑色", "尺码": "M"})
    ]
    assert order.order_no in chat.last[0]
    assert await shop.db.stock.get_stock("AP-1001") == 320 - 2
