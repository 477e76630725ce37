"""Questions in and after the after-sales form: answered, and the form goes on where it was
(they got "请先回复“取消”" or "请回复序号"); 我要退货 inside the form is the same request; once
a return is approved, 寄回地址是哪里 gives the address the approval did, not a new form."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order

LEAVE_FIRST = "请先回复“取消”"


async def test_questions_inside_the_form_are_answered_and_the_form_goes_on(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await paid_order(shop, chat.user, "HM-5001")
    await chat.run(
        f"""
        > 我要退货
        < 售后订单：
        < 请简单说一下原因
        > 我要退货
        < 正在为您申请退货
        < 请简单说一下原因
        <! {LEAVE_FIRST}
        > 退款多久到账
        < 1个工作日内发起退款
        < 原因
        <! {LEAVE_FIRST}
        > 运费谁出
        < 无理由退货的寄回运费由买家承担
        < 原因
        > 不想要了
        < 可以发几张照片
        > 寄回去的邮费谁承担？
        < 寄回运费由买家承担
        < 照片
        > 跳过
        < 请确认售后申请
        > 退款多久到账
        < 1个工作日内发起退款
        < 售后申请还没提交
        > 确认
        < 售后申请已提交
        > 退款多久到账
        < 1个工作日内发起退款
        < 等待客服审核
        <! 如需申请
        """
    )
    (ticket,) = await shop.db.tickets.list_tickets(chat.user)
    assert ticket.reason == "不想要了"


async def test_after_approval_the_return_address_and_postage_are_answered(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5001")
    ticket = await shop.db.tickets.create_ticket(
        order.order_no, chat.user, "return", "不想要了", []
    )
    await shop.db.tickets.approve_ticket(ticket.ticket_no, actor="staff:zhangsan")
    await chat.run(
        f"""
        > 寄回地址是哪里
        < 售后单 {ticket.ticket_no} 请寄回
        < 0573-82081234
        < 仓储路8号
        <! 请问是哪个订单要售后
        > 运费谁出
        < 寄回运费由买家承担
        <! 请回复序号
        """
    )


async def test_before_approval_the_address_is_not_made_up(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5001")
    await shop.db.tickets.create_ticket(order.order_no, chat.user, "return", "不想要了", [])
    await chat.run(
        """
        > 退货寄到哪
        < 审核通过后
        <! 仓储路8号
        """
    )


async def test_with_a_ticket_open_other_questions_keep_their_own_answers(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5001")
    await shop.db.tickets.create_ticket(order.order_no, chat.user, "return", "不想要了", [])
    await chat.run(
        """
        > 运费多少
        < 满69元包邮
        <! 寄回运费
        > 你们几点下班
        < 9:00-22:00
        <! 售后单
        """
    )
