"""After-sales questions answered for the shopper's own case instead of the generic menu or FAQ:

* a spec change on a signed-for order says 已签收 (not 已发货), and intimate wear is never
  promised an exchange (return.intimate), neither is it offered a no-reason return;
* with a ticket open, 多久能退款 / 钱啥时候退回来 退到哪 are answered (time and where) beside
  that ticket, not the ticket list alone nor "回复“售后”申请";
* 直接给我退款吧 on a shipped order explains why not now and the way back of the money;
* 不退我就投诉了 gets an apology and a person, not the menu;
* 照片怎么给你们 at the photos step is answered, and the reason keeps no run of spaces;
* 还没发货 能加急吗 我周六要用: the order's own dispatch time, the faster way, no date promised.
"""

from __future__ import annotations

from bot.storage import Order, TicketKind
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order


async def _shipped(shop: Shop, user: str, sku: str) -> Order:  # noqa: F811
    order = await paid_order(shop, user, sku)
    return await shop.db.orders.mark_shipped(order.order_no, "中通快递", "ZT5566001133", actor="t")


async def _delivered(shop: Shop, user: str, sku: str) -> Order:  # noqa: F811
    order = await _shipped(shop, user, sku)
    return await shop.db.orders.mark_done(order.order_no, actor="t")


async def test_a_signed_for_order_is_said_signed_for(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await _delivered(shop, chat.user, "AP-1020")
    await chat.run(
        f"""
        > {order.order_no}
        > 不对 我要换42码的
        < 已经签收了
        <! 已经发货
        <! 收到后
        """
    )


async def test_intimate_wear_is_not_promised_an_exchange(shop: Shop) -> None:  # noqa: F811
    for sku, wish in (("AP-1015", "那换成L码行吗"), ("AP-1016", "能换成纯黑的吗")):
        chat = shop.chat()
        order = await _delivered(shop, chat.user, sku)
        await chat.run(
            f"""
            > {order.order_no}
            > {wish}
            < 不支持无理由退换
            <! 可以换
            <! 签收7天内可以换尺码
            """
        )


async def test_intimate_wear_asked_about_a_return(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _delivered(shop, chat.user, "AP-1015")
    await chat.run(
        """
        > 内裤买大了 能退吗 没拆封的
        < 不支持无理由退换
        < 人工
        <! 可以无理由退货
        <! 选这个订单申请就行
        """
    )


async def test_refund_questions_with_a_ticket_open(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await _delivered(shop, chat.user, "AP-1005")
    ticket = await shop.db.tickets.create_ticket(
        order.order_no, chat.user, TicketKind.RETURN, "不喜欢", [], channel="oa"
    )
    await chat.run(
        f"""
        > 多久能退款啊
        < 微信零钱即时到账
        < {ticket.ticket_no}
        <! 选这个订单申请就行
        > 钱啥时候退回来 退到哪啊
        < 即时到账
        < 原路退回
        < {ticket.ticket_no}
        """
    )


async def test_a_cancelled_paid_order_refund_is_explained(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5001")
    await chat.run(
        f"""
        > 取消订单 {order.order_no}
        < 已取消
        > 钱啥时候退回来 退到哪啊
        < 原路退回
        < 即时到账
        """
    )


async def test_refund_now_on_a_shipped_order(shop: Shop) -> None:  # noqa: F811
    for wish in ("不等了 直接给我退款吧", "算了 你们直接退钱吧"):
        chat = shop.chat()
        await _shipped(shop, chat.user, "HM-5019")
        await chat.run(
            f"""
            > {wish}
            < 已经发出
            < 拒收
            < 全额原路退回
            <! 取消未付款的订单
            """
        )


async def test_a_threat_gets_an_apology_and_a_person(shop: Shop) -> None:  # noqa: F811
    for said in ("我就要退 你们不退我就投诉了", "不给退我就给差评"):
        chat = shop.chat()
        await _delivered(shop, chat.user, "AP-1015")
        await chat.run(
            f"""
            > {said}
            < 抱歉
            < 人工
            <! 您是想
            """
        )


async def test_how_to_send_the_photos(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await paid_order(shop, chat.user)
    await chat.reach("aftersales:photos")
    for asked in ("照片怎么给你们 直接发这里吗", "图片往哪发啊"):
        await chat.run(
            f"""
            > {asked}
            < 直接在这个聊天里发图片
            < 最多9张
            <! 答不上来
            """
        )
        assert await chat.state() == "aftersales:photos"


async def test_the_reason_keeps_no_run_of_spaces(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _delivered(shop, chat.user, "AP-1005")
    await chat.run(
        """
        > 裙子不太喜欢 想退 吊牌都在的
        > 跳过
        < 原因：裙子不太喜欢，吊牌都在的
        """
    )


async def test_urging_with_a_day_it_is_needed(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await paid_order(shop, chat.user, "AP-1007")
    await chat.run(
        """
        > 怎么还没发货啊 能加急吗 我周六要去爬山
        < 已经提醒仓库尽快给您发出。
        < 没有单独的加急服务
        < 周六
        <! 水果生鲜按采摘批次发货
        <! 预售商品
        """
    )
