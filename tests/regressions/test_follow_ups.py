"""Messages that only make sense with the exchange before them: "那澳门呢" after a delivery
question (the tester got "这个问题我还没学会"), "那算了 微信付吧" after the payment answer (the
same FAQ answer again), "我上周买的" in an order or after-sales talk (read as the return's
reason, or not understood)."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order


async def test_the_last_delivery_question_about_another_place(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 寄到广州几天到
        < 2-4天
        > 那澳门呢
        < 澳门目前不在配送范围
        < 人工
        <! 还没学会
        <! 2-4天
        > 那新疆的呢
        < 5-7天
        > 那国外呢
        < 海外暂不支持配送
        > 那纽约呢
        < 寄到纽约的情况我不太确定
        < 人工
        > 那要多久呢
        <! 寄到要多久
        """
    )


async def test_a_place_the_shop_does_not_deliver_to_asked_in_full(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 寄到台湾要几天
        < 台湾目前不在配送范围
        <! 1-2天
        > 能不能寄到香港
        < 港澳台和海外暂不支持配送
        """
    )


async def test_choosing_wechat_pay_points_to_the_unpaid_order(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        """
        > 张三 13812345678 上海市浦东新区世纪大道100号
        > 确认
        < 订单号
        > 怎么付款
        < 暂不支持支付宝
        > 那算了 微信付吧
        < 用微信付就行
        < 点这里付款：https://pay.example.com/pay?order=SB
        <! 暂不支持支付宝
        """
    )


async def test_choosing_a_way_to_pay_before_ordering(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 怎么付款
        < 可以用零钱、银行卡和信用卡
        > 那算了 微信付吧
        < 好的，用微信付就行
        < 下单后，我把微信支付链接发给您
        <! 可以用零钱、银行卡和信用卡
        > 用支付宝付吧
        < 抱歉
        < 暂不支持支付宝
        """
    )


async def test_bought_last_week_after_a_delivery_complaint(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await chat.run(
        f"""
        > 我的快递怎么还没到
        < 正在备货
        > 我上周买的
        < 没有找到您上周下的订单
        < {order.order_no}
        <! 还没学会
        > 今天买的
        < 您今天买的是这个订单吧
        < {order.order_no}
        < 查物流、申请售后
        """
    )


async def test_bought_last_week_in_the_after_sales_form_is_no_reason(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await chat.run(
        f"""
        > 我要退货
        < 售后订单：{order.order_no}
        < 原因
        > 我上周买的
        < {order.order_no}
        < 请简单说一下原因
        <! 照片
        > 尺码不合适
        < 照片
        """
    )


async def test_bought_then_without_orders(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 我上周买的
        < 没有查到您的订单
        < 人工
        """
    )
