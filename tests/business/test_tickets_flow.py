"""After-sales that staff handle: the alert with the order, the shopper's words and the photos;
/tickets and /ticket; each move with its shopper notice and audit line; refusals that change
nothing; reminders for tickets nobody moved; 售后进度 showing the real state."""

from __future__ import annotations

from datetime import timedelta

import aiohttp

from bot.business.tickets import alert_new_tickets, remind_untouched
from bot.storage import TicketKind, TicketStatus
from mockwechat import MOCK_STATE
from mockwechat.client import add_fault, clear_faults
from tests.business.conftest import STAFF, last_seq, staff_messages, ticket_on
from tests.dialogs.transcript import Shop, paid_order


async def test_a_new_ticket_alerts_staff_once_with_what_they_need(shop: Shop) -> None:
    chat = shop.chat()
    order, ticket = await ticket_on(shop, chat.user)
    assert await alert_new_tickets(shop.services) == 1
    assert await alert_new_tickets(shop.services) == 0  # once
    for staff in (STAFF, "lisi"):
        alert, *photos = staff_messages(shop, staff=staff)
        assert f"新售后单 {ticket.ticket_no}（退货退款，待审核）" in alert
        assert f"订单 {order.order_no}：纯棉圆领短袖T恤×1，实付 ¥59.00" in alert
        assert "顾客说：尺码偏小，穿不上" in alert and "照片：2张，随后发来" in alert
        assert photos == ["[image]", "[image]"]  # the shopper's pictures, forwarded
        assert f"/ticket {ticket.ticket_no} approve" in alert
        assert "13900001111" not in alert and "建国路" not in alert


async def test_a_ticket_from_the_after_sales_form_alerts_staff_at_once(shop: Shop) -> None:
    """No sweep needed: staff hear of it as the shopper is told it was submitted, and the sweep
    (the fallback) does not alert it again."""
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    before = last_seq(shop)
    await chat.run(
        """
        > 售后
        > 1
        > 1
        > 尺码偏小穿不上
        > 跳过
        > 确认
        < 售后申请已提交
        """
    )
    (ticket,) = await shop.db.tickets.list_tickets(chat.user)
    (alert,) = staff_messages(shop, since=before)
    assert f"新售后单 {ticket.ticket_no}（退货退款，待审核）" in alert
    assert f"订单 {order.order_no}" in alert and "顾客说：尺码偏小穿不上" in alert
    assert await alert_new_tickets(shop.services) == 0
    assert staff_messages(shop, since=before) == [alert]


async def test_photos_are_moved_from_the_account_to_the_app(shop: Shop) -> None:
    recorder = shop.mock.app[MOCK_STATE].recorder
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    ticket = await shop.db.tickets.create_ticket(
        order.order_no,
        chat.user,
        "refund",
        "坏了",
        ["MEDIA-9", "expired-MEDIA", "http://img/x.jpg"],
    )
    assert await alert_new_tickets(shop.services) == 1
    fetched = [c.query["media_id"] for c in recorder.calls(path="/cgi-bin/media/get")]
    assert fetched == ["MEDIA-9", "expired-MEDIA"]  # the link is not fetched
    (upload,) = recorder.calls(path="/cgi-bin/media/upload")
    assert upload.body["media"]["size"] > 0 and upload.errcode == 0
    sent = recorder.calls(path="/cgi-bin/message/send", touser=STAFF)
    images = [c.body["image"]["media_id"] for c in sent if c.body.get("msgtype") == "image"]
    assert images == [upload.answer["media_id"]]  # the expired one is skipped
    assert "照片链接：http://img/x.jpg" in staff_messages(shop)[0]
    assert ticket.ticket_no in staff_messages(shop)[0]


async def test_an_alert_nobody_received_is_tried_again(shop: Shop) -> None:
    chat = shop.chat()
    _, ticket = await ticket_on(shop, chat.user)
    mock = str(shop.mock.make_url("")).rstrip("/")
    async with aiohttp.ClientSession() as http:
        await add_fault(http, mock, "/cgi-bin/message/send", errcode=81013, count=-1)
        assert await alert_new_tickets(shop.services) == 0
        await clear_faults(http, mock)
    assert await alert_new_tickets(shop.services) == 1
    assert any(ticket.ticket_no in m for m in staff_messages(shop))


async def test_staff_walk_a_return_through_with_the_shopper_told_at_each_step(
    shop: Shop,
) -> None:
    chat, staff = shop.chat(), shop.chat(STAFF, "wecom")
    order, ticket = await ticket_on(shop, chat.user)
    no = ticket.ticket_no
    await chat.say("你好")  # a shopper message opens the customer-service quota
    await staff.run(
        f"""
        > /tickets
        < 处理中的售后单（1个
        < {no} 待审核 退货退款
        > /tickets 已退款
        < 没有已退款的售后单
        > /tickets 买过的
        < 状态可以是 处理中、待审核
        > /ticket {no}
        < 售后单 {no} · 退货退款 · 待审核
        < 订单 {order.order_no}（已付款）
        < 顾客说：尺码偏小，穿不上
        < 照片：2张
        < 手机 139****1111
        < /ticket {no} approve
        < /ticket {no} reject 理由
        <! 13900001111
        <! /ticket {no} refunded
        > /ticket {no} refunded
        < 当前是「待审核」，不能确认退款，没有改动
        > /ticket {no} reject
        < 拒绝要写理由
        > /ticket {no} approve 请在7天内寄回
        < 售后单 {no}（退货退款）已同意，已通知顾客
        > /ticket {no} approve
        < 已经是「已同意」了，没有再改
        > /ticket {no} done
        < 退货退款的售后单没有“完成”这一步，没有改动
        < /ticket {no} received
        """
    )
    await chat.run(
        f"""
        > 售后进度
        < {no}
        < 已同意，请寄回商品
        < 客服留言：请在7天内寄回
        """
    )
    told = "\n".join(shop.api_messages(chat.user, 0)[0])
    assert f"您的退货退款申请 {no} 已通过" in told
    assert "小禾良品售后组 0573-82081234" in told and "仓储路8号" in told
    await staff.run(
        f"""
        > /ticket {no} received
        < 售后单 {no}（退货退款）已确认收到退货
        > /ticket {no} refunded 已退回微信零钱
        < 售后单 {no}（退货退款）已确认退款
        > /ticket {no} reject 太晚了
        < 这个售后单已经结束
        """
    )
    await chat.run(
        """
        > 售后进度
        < 已退款
        """
    )
    log = "\n".join(shop.api_messages(chat.user, 0)[0])
    assert f"仓库已收到您寄回的商品（售后单 {no}），验货后1个工作日内退款" in log
    assert f"您的售后单 {no} 已退款，款项原路退回" in log
    entries = await shop.db.audit.recent(20, target=no)
    assert [(e.action, e.actor) for e in reversed(entries)] == [
        ("ticket.open", f"shopper:{chat.user}"),
        ("ticket.approved", f"staff:{STAFF}"),
        ("ticket.received", f"staff:{STAFF}"),
        ("ticket.refunded", f"staff:{STAFF}"),
    ]
    stored = await shop.db.tickets.staff_get_ticket(no)
    assert stored is not None
    assert stored.status is TicketStatus.REFUNDED


async def test_reject_tells_the_shopper_why(shop: Shop) -> None:
    chat, staff = shop.chat(), shop.chat(STAFF, "wecom")
    _, ticket = await ticket_on(shop, chat.user, TicketKind.REFUND)
    await chat.say("你好")
    await staff.run(
        f"""
        > /ticket {ticket.ticket_no} reject 商品已签收超过7天
        < 售后单 {ticket.ticket_no}（仅退款）已拒绝，已通知顾客
        """
    )
    await chat.run(
        """
        > 售后进度
        < 未通过
        < 客服留言：商品已签收超过7天
        """
    )
    told = "\n".join(shop.api_messages(chat.user, 0)[0])
    assert f"您的售后申请 {ticket.ticket_no} 没有通过：商品已签收超过7天" in told


async def test_refund_and_exchange_paths(shop: Shop) -> None:
    chat, staff = shop.chat(), shop.chat(STAFF, "wecom")
    _, refund = await ticket_on(shop, chat.user, TicketKind.REFUND)
    _, swap = await ticket_on(shop, chat.user, TicketKind.EXCHANGE, "AP-1019")
    await chat.say("你好")
    await staff.run(
        f"""
        > /ticket {refund.ticket_no} approve
        < 售后单 {refund.ticket_no}（仅退款）已同意
        > /ticket {refund.ticket_no} received
        < 仅退款的售后单没有“确认收到退货”这一步
        < /ticket {refund.ticket_no} refunded
        > /ticket {refund.ticket_no} refunded
        < 已确认退款
        > /ticket {swap.ticket_no} approve
        > /ticket {swap.ticket_no} received
        > /ticket {swap.ticket_no} refunded
        < 换货的售后单没有“确认退款”这一步
        > /ticket {swap.ticket_no} done 新的已发顺丰 SF998877
        < 售后单 {swap.ticket_no}（换货）已完成
        """
    )
    log = "\n".join(shop.api_messages(chat.user, 0)[0])
    assert f"您的退款申请 {refund.ticket_no} 已通过，我们会尽快原路退款" in log
    assert "新的商品会尽快发出" in log
    assert f"您的换货已处理完成（售后单 {swap.ticket_no}）" in log
    assert "客服留言：新的已发顺丰 SF998877" in log


async def test_missing_or_malformed_ticket_numbers(shop: Shop) -> None:
    staff = shop.chat(STAFF, "wecom")
    await staff.run(
        """
        > /ticket AS20250101AAAAAAAAAAAA approve
        < 没有售后单 AS20250101AAAAAAAAAAAA，请核对单号
        > /ticket 12345 approve
        < 售后单号以 AS 开头
        > /ticket
        < 参数有误
        > /ticket AS20250101AAAAAAAAAAAA fly
        < 没有售后单
        """
    )


async def test_shoppers_cannot_use_the_commands(shop: Shop) -> None:
    chat = shop.chat()
    _, ticket = await ticket_on(shop, chat.user)
    await chat.run(
        f"""
        > /ticket {ticket.ticket_no} approve
        < 店铺员工专用
        """
    )
    stored = await shop.db.tickets.staff_get_ticket(ticket.ticket_no)
    assert stored is not None
    assert stored.status is TicketStatus.OPEN


async def test_untouched_tickets_remind_staff_once_per_period(shop: Shop) -> None:
    chat = shop.chat()
    _, ticket = await ticket_on(shop, chat.user)
    now = shop.services.clock.now()
    assert await remind_untouched(shop.services, now + timedelta(hours=23)) == 0
    before = last_seq(shop)
    assert await remind_untouched(shop.services, now + timedelta(hours=25)) == 1
    (reminder,) = staff_messages(shop, before)
    assert "提醒：1个售后单超过24小时没有处理" in reminder and ticket.ticket_no in reminder
    assert await remind_untouched(shop.services, now + timedelta(hours=30)) == 0
    assert await remind_untouched(shop.services, now + timedelta(hours=50)) == 1
    await shop.db.tickets.approve_ticket(ticket.ticket_no, actor="staff:lisi", note="寄回")
    assert (
        await remind_untouched(shop.services, shop.services.clock.now() + timedelta(hours=23)) == 0
    )
