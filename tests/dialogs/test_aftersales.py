"""After-sales in chat: the shopper's own paid order, kind, reason, photos → 售后单号."""

from __future__ import annotations

import pytest

from bot.storage import TicketKind
from tests.dialogs.transcript import Shop, paid_order, session_key_of


async def test_return_with_photos_creates_a_ticket(shop: Shop) -> None:
    chat, other = shop.chat(), shop.chat()
    mine = await paid_order(shop, chat.user)
    theirs = await paid_order(shop, other.user, "HM-5001")
    await chat.run(
        f"""
        > 我要退货
        < 售后订单：{mine.order_no}（纯棉圆领短袖T恤，已付款，待发货）
        < 请简单说一下原因
        <! {theirs.order_no}
        > {theirs.order_no}
        < 没有找到订单号 {theirs.order_no}
        <! 保温杯
        <! 李四
        <! 北京
        < 请简单说一下原因
        > 尺码不合适
        < 可以发几张照片
        > [image] MEDIA-1
        < 收到第1张照片
        > [image] MEDIA-2
        < 收到第2张照片
        > 好了
        < 请确认售后申请
        < 订单：{mine.order_no}
        < 处理方式：退货退款
        < 原因：尺码不合适
        < 照片：2张
        > 确认
        < 售后申请已提交
        < 售后单号：AS
        > 售后进度
        < 订单 {mine.order_no} · 退货退款 · 已提交，等待客服审核
        """
    )
    (ticket,) = await shop.db.tickets.list_tickets(chat.user)
    assert ticket.order_no == mine.order_no
    assert ticket.kind is TicketKind.RETURN
    assert (ticket.reason, ticket.photo_media_ids) == ("尺码不合适", ("MEDIA-1", "MEDIA-2"))
    assert ticket.ticket_no in "\n".join(chat.log)
    assert await shop.db.tickets.list_tickets(other.user) == []


async def test_exchange_chosen_by_number_with_an_early_photo(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "AP-1019")
    await paid_order(shop, chat.user, "HM-5001")
    await chat.run(
        f"""
        > 售后
        < {order.order_no}
        < 请问是哪个订单要售后
        > {order.order_no.lower()}
        < 请问您想怎么处理
        < 3. 换货
        > 4
        < 请回复 1、2 或 3
        > 3
        < 请简单说一下原因
        > [image] SHOE-1
        < 收到照片（共1张），会附在售后申请里
        < 请简单说一下原因
        > 鞋码偏小，想换大一码
        < 已收到1张照片
        > 返回
        < 请简单说一下原因
        > 偏小一码
        > 跳过
        < 处理方式：换货
        < 照片：1张
        > 取消
        < 已取消这次售后申请
        """
    )
    assert await shop.db.tickets.list_tickets(chat.user) == []


async def test_orders_that_cannot_have_after_sales(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要退款
        < 没有可以申请售后的订单
        < 回复“取消订单 订单号”即可取消
        """
    )
    await chat.reach("order:confirm")
    await chat.run(
        """
        > 确认
        < 下单成功
        """
    )
    (unpaid,) = await shop.db.orders.list_orders(chat.user)
    paid = await paid_order(shop, chat.user, "HM-5002")
    await chat.run(
        f"""
        > 退货 {unpaid.order_no}
        < 这个订单还没付款，不需要申请售后
        < 售后订单：{paid.order_no}
        <! 请问是哪个订单要售后
        """
    )


async def test_one_open_ticket_per_order(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    existing = await shop.db.tickets.create_ticket(
        order.order_no, chat.user, "refund", "没收到货", channel="oa"
    )
    await chat.run(
        """
        > 我要换货
        > 1
        > 颜色不喜欢
        > 跳过
        > 确认
        < 这个订单已经有一个售后单在处理中
        """
        + f"< {existing.ticket_no}"
    )
    assert len(await shop.db.tickets.list_tickets(chat.user)) == 1


async def test_a_policy_question_is_answered_not_opened(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 退货运费谁出？
        < 如需申请，请回复“售后”
        <! 请问是哪个订单
        """
    )


async def test_a_photo_after_the_session_expired_is_told_so(shop: Shop) -> None:
    chat = shop.chat()
    await paid_order(shop, chat.user)
    await chat.run(
        """
        > 我要退货
        > 1
        > 有破损
        < 可以发几张照片
        """
    )
    await shop.services.store.delete(session_key_of(chat.user))
    await chat.run(
        """
        > [image] LATE-PHOTO
        < 已经自动结束了，没有提交任何订单或申请
        """
    )
    assert await shop.db.tickets.list_tickets(chat.user) == []


async def test_refund_without_photos(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "SN-3001")
    await chat.run(
        f"""
        > 我要退款
        < 售后订单：{order.order_no}
        < 请简单说一下原因
        > 拍错了，还没发货
        > 跳过
        < 处理方式：仅退款
        > 确认
        < 售后单号：AS
        """
    )
    (ticket,) = await shop.db.tickets.list_tickets(chat.user)
    assert (ticket.kind, ticket.photo_media_ids) == (TicketKind.REFUND, ())


@pytest.mark.parametrize("step", ["aftersales:reason", "aftersales:photos", "aftersales:confirm"])
async def test_the_kind_changed_at_any_later_step(shop: Shop, step: str) -> None:
    chat = shop.chat()
    await paid_order(shop, chat.user)
    await chat.reach(step)
    await chat.run(
        """
        > 不是退货，是换货
        < 已把处理方式改成换货
        """
    )
    assert await chat.state() == step


@pytest.mark.parametrize("step", ["aftersales:photos", "aftersales:confirm"])
async def test_the_reason_changed_at_any_later_step(shop: Shop, step: str) -> None:
    chat = shop.chat()
    await paid_order(shop, chat.user)
    await chat.reach(step)
    await chat.run(
        """
        > 原因改成颜色和图片不一样
        < 已把原因改成颜色和图片不一样
        """
    )
    assert await chat.state() == step


async def test_another_order_picked_from_the_list(shop: Shop) -> None:
    chat = shop.chat()
    first = await paid_order(shop, chat.user)
    second = await paid_order(shop, chat.user, "HM-5001")
    await chat.reach("aftersales:confirm")
    picked = await chat.state()
    assert picked == "aftersales:confirm"
    listed = [first.order_no, second.order_no]
    shown = next(no for no in listed if no in chat.last[0])
    other = 2 if shown == listed[-1] else 1  # the list shows the newest first
    await chat.run(
        f"""
        > 订单选错了，是第{other}个
        < 已把订单改成
        <! 订单：{shown}
        """
    )


async def test_a_kind_and_a_reason_in_one_message(shop: Shop) -> None:
    chat = shop.chat()
    await paid_order(shop, chat.user)
    await paid_order(shop, chat.user, "HM-5001")
    await chat.run(
        """
        > 售后
        < 请问是哪个订单
        > 我要换货，尺码偏小
        < 处理方式、原因记下了
        > 1
        < 可以发几张照片
        > 跳过
        < 处理方式：换货
        < 原因：尺码偏小
        """
    )
