"""After buying: the parcel sent back for an approved return is recorded on its ticket (never a
new application); a complaint about what arrived opens after-sales even with a product card
open; 我要换货 starts the exchange; questions about refunds without delivery are answered; 售后进度
inside the form speaks of the application under way."""

from __future__ import annotations

from bot.storage import Order, Ticket
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order

NEW_APPLICATION = "请问是哪个订单要售后"


async def _shipped(
    shop: Shop,  # noqa: F811
    user: str,
    sku: str = "HM-5001",
) -> Order:
    order = await paid_order(shop, user, sku)
    return await shop.db.orders.mark_shipped(
        order.order_no, "顺丰速运", "SF1234567890", actor="test"
    )


async def _approved_return(
    shop: Shop,  # noqa: F811
    user: str,
    kind: str = "return",
) -> Ticket:
    order = await _shipped(shop, user)
    ticket = await shop.db.tickets.create_ticket(order.order_no, user, kind, "不想要了", [])
    return await shop.db.tickets.approve_ticket(ticket.ticket_no, actor="staff:zhangsan")


async def test_the_tracking_number_sent_back_is_recorded_on_the_approved_ticket(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    ticket = await _approved_return(shop, chat.user)
    await chat.run(
        f"""
        > 我已经寄回了 单号SF9876543210
        < SF9876543210 已登记到售后单 {ticket.ticket_no}
        < 1个工作日内退款
        <! {NEW_APPLICATION}
        > 售后进度
        < 已寄回（快递单号 SF9876543210）
        <! {NEW_APPLICATION}
        > 已经寄出了
        < SF9876543210 已登记在售后单
        """
    )
    recorded = await shop.db.tickets.get_ticket(ticket.ticket_no, chat.user)
    assert recorded is not None and recorded.return_tracking == "SF9876543210"
    assert recorded.status == "approved"  # staff mark it received when it arrives
    assert await shop.db.tickets.list_tickets(chat.user) == [recorded]  # no new application


async def test_staff_hear_of_the_parcel_and_see_it_on_the_ticket(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    ticket = await _approved_return(shop, chat.user, kind="exchange")
    await chat.run(
        """
        > 已经寄出了
        < 请把寄回的快递单号发给我
        > YT1234567890123
        < 仓库签收后会尽快给您换新的发出
        """
    )
    staff = shop.chat(shop.config.wecom.staff[0], channel="wecom")
    sent, _ = shop.api_messages(staff.user, 0, channel="wecom")
    assert any("YT1234567890123" in s and f"/ticket {ticket.ticket_no} received" in s for s in sent)
    await staff.run(
        f"""
        > /ticket {ticket.ticket_no}
        < 顾客寄回的快递单号：YT1234567890123
        < 登记了寄回的快递单号
        """
    )


async def test_a_parcel_without_an_approved_ticket_goes_to_staff_not_a_new_form(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await _shipped(shop, chat.user)
    await shop.db.tickets.create_ticket(order.order_no, chat.user, "return", "不想要了", [])
    await chat.run(
        f"""
        > 我已经寄回了 单号SF9876543210
        < 已经转给客服核对
        < 等待客服审核
        <! {NEW_APPLICATION}
        """
    )


async def test_a_problem_with_what_arrived_opens_after_sales_even_on_a_product_card(
    shop: Shop,  # noqa: F811
) -> None:
    chat = shop.chat()
    order = await _shipped(shop, chat.user)
    await chat.run(
        """
        > 保温杯
        < 316不锈钢保温杯
        > 收到的杯子有划痕
        < 非常抱歉给您添麻烦了
        < 售后订单：
        < 请问您想怎么处理
        <! 回复“买”下单
        > 我要换货
        < 可以发几张照片
        <! 回复“买”下单
        > 跳过
        < 处理方式：换货
        < 原因：收到的杯子有划痕
        """
    )
    assert await chat.state() == "aftersales:confirm"
    assert order.order_no in "\n".join(chat.last)


async def test_a_problem_said_first_is_no_product_question(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _shipped(shop, chat.user)
    await chat.run(
        """
        > 收到的杯子有划痕
        < 非常抱歉给您添麻烦了
        < 售后订单：
        <! ¥99.00  有货
        """
    )
    stranger = shop.chat()
    await stranger.run(
        """
        > 收到的杯子有划痕
        < 非常抱歉给您添麻烦了
        < 没有可以申请售后的订单
        < 人工
        <! 我这就帮您申请
        """
    )


async def test_asking_about_a_product_problem_stays_a_product_question(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯
        < 316不锈钢保温杯
        > 会不会有划痕
        <! 请问是哪个订单要售后
        > 能换货吗
        < 签收7天内可以换尺码或颜色
        """
    )


async def test_progress_asked_inside_the_form_speaks_of_the_application_under_way(
    shop: Shop,  # noqa: F811
) -> None:
    chat = shop.chat()
    await _shipped(shop, chat.user)
    await chat.run(
        """
        > 我要退货
        > 1
        > 不想要了
        > 售后进度
        < 退货退款申请还在填写
        < 可以发几张照片
        <! 您还没有售后申请
        > 跳过
        > 售后进度
        < 退货退款申请还在填写
        < 回复“确认”提交
        <! 您还没有售后申请
        > 确认
        < 售后申请已提交
        > 售后进度
        < 等待客服审核
        """
    )
