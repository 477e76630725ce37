"""Plain questions about how the shop works that a tester found unanswered (抱歉，这个问题我还没学会)
or answered with something else: paying by 支付宝, the service hours and phone, bargaining, a
rush delivery, a free gift, and how long a refund takes. Each answer says what the shop really
does (the phone is the after-sales one of shipping.toml; there is no hotline, rush service or gift)."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_payment_hours_and_phone(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 能货到付款吗
        < 暂不支持货到付款
        > 支付宝能付吗
        < 暂不支持支付宝
        <! 没学会
        > 营业时间
        < 9:00-22:00
        <! 没学会
        > 电话多少
        < 没有对外的客服热线
        < 0573-82081234
        < 人工
        <! 没学会
        """
    )


async def test_bargain_gift_rush_and_refund_time(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 能便宜点吗
        < 不议价
        > 可以砍价吗
        < 不议价
        > 那送点小礼物呗
        < 暂时没有买赠活动
        <! 相关商品
        > 有赠品吗
        < 暂时没有买赠活动
        <! 正品
        > 能加急吗
        < 没有单独的加急服务
        < 发顺丰
        <! 您还没有订单
        > 多久能退完
        < 1个工作日内
        <! 没有可以申请售后的订单
        """
    )
