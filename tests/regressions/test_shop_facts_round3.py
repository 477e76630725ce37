"""Round 3 of the shop's own facts: "付好了" answered from the shopper's latest order, the shop's
name and categories, an acknowledgement before a question, a WeChat-pay choice acknowledged
without the FAQ again, and "发票几天能收到" as an invoice question."""

from __future__ import annotations

from tests.dialogs.transcript import Shop, paid_order


async def test_paid_said_after_paying_gets_the_order_and_dispatch_time(shop: Shop) -> None:
    order = await paid_order(shop, "u-paid")
    shopper = shop.chat("u-paid")
    await shopper.run(
        f"""
        > 付好了
        < 收到啦
        < {order.order_no}
        < 16:00前付款当天发出
        <! 没学会
        """
    )


async def test_paid_said_before_paying_gets_the_pay_link(shop: Shop) -> None:
    shopper = shop.chat("u-unpaid")
    await shopper.run(
        """
        > 我要买两件白色T恤 L码
        > 结算
        > 李四 13900001111 上海市浦东新区张江路88号
        > 确认
        < 下单成功
        > 已经付了
        < 还没收到付款
        < pay?order=
        <! 收到啦
        """
    )


async def test_paid_said_without_any_order(shop: Shop) -> None:
    shopper = shop.chat("u-none")
    await shopper.run(
        """
        > 钱付了
        < 没查到这个微信号下的订单
        <! 没学会
        """
    )


async def test_the_shop_name_and_what_it_sells(shop: Shop) -> None:
    shopper = shop.chat("u-shop")
    await shopper.run(
        """
        > 你们店叫啥名
        < 小禾良品
        < 数码配件
        <! 没学会
        > 你们是什么店
        < 小禾良品
        """
    )


async def test_acknowledgement_before_a_question_in_the_category_menu(shop: Shop) -> None:
    shopper = shop.chat("u-ack")
    await shopper.run(
        """
        > 有口罩吗
        < 不卖口罩
        > 好吧 那你们主要卖啥
        < 主要卖服饰
        <! 不客气
        > 好的 那怎么退货
        < 退货地址
        <! 不客气
        """
    )


async def test_wechat_pay_choice_after_the_payment_faq_is_not_the_faq_again(shop: Shop) -> None:
    shopper = shop.chat("u-pay")
    await shopper.run(
        """
        > 能用支付宝付吗
        < 暂不支持支付宝
        > 那行吧 微信付
        < 好的，用微信付就行
        <! 暂不支持支付宝
        """
    )


async def test_when_the_invoice_arrives_is_an_invoice_question(shop: Shop) -> None:
    shopper = shop.chat("u-inv")
    await shopper.run(
        """
        > 发票几天能收到
        < 电子发票
        <! 江浙沪
        """
    )
