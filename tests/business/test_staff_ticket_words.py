"""/ticket as staff read it: the shopper by their short number, the history in words, never an
openid or a state's English name."""

from __future__ import annotations

import re

from tests.business.conftest import STAFF, ticket_on
from tests.dialogs.transcript import Shop


async def test_ticket_details_name_the_shopper_by_number_and_tell_the_history_in_words(
    shop: Shop,
) -> None:
    chat, staff = shop.chat(), shop.chat(STAFF, "wecom")
    _, ticket = await ticket_on(shop, chat.user)
    no = ticket.ticket_no
    await chat.say("你好")
    number = await shop.db.shoppers.number_for("oa", chat.user)
    await staff.run(
        f"""
        > /ticket {no} approve 请在7天内寄回
        > /ticket {no}
        < 顾客 #{number}（公众号）
        < 记录：
        < 顾客 #{number} 提交了申请
        < 店员 {STAFF} 同意
        <! {chat.user}
        <! shopper:
        <! approved
        <! （oa）
        """
    )
    details = staff.last[-1]
    history = details.split("记录：")[1].split("可以：")[0]
    assert not re.search(r"[A-Za-z]{3,}", history.replace(STAFF, "")), history


async def test_a_shopper_keeps_one_number_across_tickets_and_alerts(shop: Shop) -> None:
    chat, staff = shop.chat(), shop.chat(STAFF, "wecom")
    _, first = await ticket_on(shop, chat.user)
    _, second = await ticket_on(shop, chat.user, sku="AP-1019")
    other = shop.chat()
    _, theirs = await ticket_on(shop, other.user)
    await staff.run(f"> /ticket {first.ticket_no}")
    mine = re.search(r"顾客 #(\d+)", staff.last[-1])
    await staff.run(f"> /ticket {second.ticket_no}")
    again = re.search(r"顾客 #(\d+)", staff.last[-1])
    await staff.run(f"> /ticket {theirs.ticket_no}")
    someone_else = re.search(r"顾客 #(\d+)", staff.last[-1])
    assert mine and again and someone_else
    assert mine.group(1) == again.group(1) != someone_else.group(1)


async def test_staff_move_a_ticket_with_chinese_words(shop: Shop) -> None:
    """/ticket … 同意 / 拒绝 / 已收到 / 已退款: the same moves as approve, reject, received,
    refunded; a word it does not know lists the ones it does."""
    chat, staff = shop.chat(), shop.chat(STAFF, "wecom")
    _, ticket = await ticket_on(shop, chat.user)
    _, other = await ticket_on(shop, chat.user, sku="AP-1019")
    no = ticket.ticket_no
    await chat.say("你好")
    await staff.run(
        f"""
        > /ticket {no} 好的
        < 不认识的操作“好的”
        < 同意、拒绝 理由、已收到、已退款
        > /ticket {no} 同意
        < 售后单 {no}（退货退款）已同意
        > /ticket {no} 已收到
        < 已确认收到退货
        > /ticket {no} 已退款
        < 已确认退款
        > /ticket {other.ticket_no} 拒绝
        < 拒绝要写理由
        < 拒绝 商品已拆封
        > /ticket {other.ticket_no} 拒绝 商品已拆封，不支持无理由退货
        < 已拒绝
        """
    )
    moved = await shop.db.tickets.staff_get_ticket(no)
    refused = await shop.db.tickets.staff_get_ticket(other.ticket_no)
    assert moved is not None and refused is not None
    assert (moved.status, refused.status) == ("refunded", "rejected")
