"""After ordering, money and coupon questions got general FAQs: "钱什么时候到账" after cancelling a
paid order got the no-reason return paragraph, "拒收的话钱多久退 退哪" only the times, "取消了吗"
the how-to, and "忘了用券" on a paid order the coupon how-to. Each now answers for the shopper's
latest order as it stands."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order


async def test_money_back_after_a_cancel(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5022")
    await chat.run(
        f"""
        > 取消订单 {order.order_no}
        < 已取消
        > 那钱多久能到账啊
        < 已经取消
        < 原路退回
        < 信用卡最长7个工作日
        <! 无理由退货
        """
    )


async def test_refusing_a_shipped_parcel_says_when_and_where(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5019")
    await shop.db.orders.mark_shipped(order.order_no, "圆通速递", "YT2718281828", actor="t")
    await chat.run(
        """
        > 我要是拒签 钱几天退回来 退到哪
        < 送到时拒收
        < 原路退回
        < 银行卡1-3个工作日
        """
    )


async def test_cancelled_yet_reads_the_order(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5022")
    await chat.run(
        f"""
        > 我那单取消了没
        < {order.order_no}
        < 还没取消
        <! 发“我的订单”就能看到
        """
    )


async def test_a_coupon_forgotten_on_a_paid_order(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await paid_order(shop, chat.user, "HM-5022")
    await chat.run(
        """
        > 下单的时候忘记用券了 现在还能用吗
        < 不能再补用券
        < 确认取消
        <! 下单确认时把券码发给我
        > 那能补我差价吗
        < 差价没法单独退
        <! 无理由退货
        > 确认取消
        < 已取消
        """
    )
