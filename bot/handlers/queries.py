"""我的订单, 查物流, 售后进度, an order or ticket by number, 取消订单: at any time, own data only.

Every read passes the sender's id and channel to the store's owner-checked methods. A number that
belongs to someone else gets the same "not found" as a number that does not exist, word for word,
and no list ever shows an address.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from bot.protocol import Inbound
from bot.router import Handler
from bot.shop import stock
from bot.shop.texts import order_brief, order_detail, pay_url, ticket_brief
from bot.step import Context, Step
from bot.storage import InvalidTransition, OrderNotFound, OrderStatus
from bot.storage.ids import normalise
from knowledge.entities import find_order_no

LISTED = 5
_TICKET_NO = re.compile(r"(?<![A-Za-z0-9])AS\d{8}[0-9A-Za-z]{12}(?![A-Za-z0-9])", re.IGNORECASE)
_LOGISTICS = re.compile(r"物流|快递|到哪|发货|运单|单号")


def ticket_no_in(text: str) -> str | None:
    found = _TICKET_NO.search(text)
    return found.group().upper() if found else None


def not_found(number: str) -> str:
    return f"没有找到 {number}，请核对一下号码；订单和售后单只能由下单的微信号查询。"


async def my_orders(msg: Inbound, ctx: Context) -> str:
    orders = await stock.database(ctx.services).orders.list_orders(
        msg.user, LISTED, channel=str(msg.channel)
    )
    if not orders:
        return "您还没有订单。想买什么直接告诉我，或回复“逛逛”看看～"
    listing = "\n".join(f"{i}. {order_brief(o)}" for i, o in enumerate(orders, start=1))
    return f"您最近的订单：\n{listing}\n发订单号可查看详情和物流。"


async def logistics(msg: Inbound, ctx: Context) -> str:
    orders = await stock.database(ctx.services).orders.list_orders(
        msg.user, 20, channel=str(msg.channel)
    )
    shipped = [o for o in orders if o.carrier and o.tracking_no][:LISTED]
    if shipped:
        lines = [f"{o.order_no}\n   {o.carrier} {o.tracking_no}" for o in shipped]
        return "您的快递：\n" + "\n".join(lines)
    waiting = [o for o in orders if o.status is OrderStatus.PAID]
    if waiting:
        return f"您有{len(waiting)}个订单已付款、正在备货，发货后我会把快递单号发给您。"
    return "您目前没有已发货的订单。发“我的订单”可以查看全部订单。"


async def my_tickets(msg: Inbound, ctx: Context) -> str:
    tickets = await stock.database(ctx.services).tickets.list_tickets(
        msg.user, LISTED, channel=str(msg.channel)
    )
    if not tickets:
        return "您还没有售后申请。需要退货、退款或换货请回复“售后”。"
    return "您的售后申请：\n" + "\n".join(
        f"{i}. {ticket_brief(t)}" for i, t in enumerate(tickets, 1)
    )


async def order_by_number(msg: Inbound, ctx: Context, order_no: str) -> str:
    order = await stock.database(ctx.services).orders.get_order(
        order_no, msg.user, channel=str(msg.channel)
    )
    return (
        not_found(normalise(order_no))
        if order is None
        else order_detail(order, ctx.services.config.shop)
    )


async def ticket_by_number(msg: Inbound, ctx: Context, ticket_no: str) -> str:
    ticket = await stock.database(ctx.services).tickets.get_ticket(
        ticket_no, msg.user, channel=str(msg.channel)
    )
    return not_found(normalise(ticket_no)) if ticket is None else ticket_brief(ticket)


async def status_text(msg: Inbound, ctx: Context) -> str:
    """order_status in any wording: a number shown in detail, 物流 → parcels, else the list."""
    if order_no := find_order_no(msg.text):
        return await order_by_number(msg, ctx, order_no)
    if ticket_no := ticket_no_in(msg.text):
        return await ticket_by_number(msg, ctx, ticket_no)
    if _LOGISTICS.search(msg.text):
        return await logistics(msg, ctx)
    return await my_orders(msg, ctx)


async def cancel_text(msg: Inbound, ctx: Context) -> str:
    """取消订单 [number]: the shopper cancels an unpaid order of theirs; stock goes back on sale."""
    order_no = find_order_no(msg.text)
    if order_no is None:
        return await _unpaid_list(msg, ctx)
    try:
        order = await stock.database(ctx.services).orders.cancel_order(
            order_no, msg.user, channel=str(msg.channel)
        )
    except OrderNotFound:
        return not_found(normalise(order_no))
    except InvalidTransition as exc:
        if exc.current in (OrderStatus.CANCELLED, OrderStatus.EXPIRED):
            return "这个订单已经关闭了，不需要再取消。"
        return "这个订单已经付款，不能直接取消了。如需退款，请回复“售后”申请。"
    stock.forget(ctx.services, [line.sku for line in order.lines])
    return f"订单 {order.order_no} 已取消，不会再扣款。需要的话可以重新下单～"


async def _unpaid_list(msg: Inbound, ctx: Context) -> str:
    orders = await stock.database(ctx.services).orders.list_orders(
        msg.user, 20, channel=str(msg.channel)
    )
    unpaid = [o for o in orders if o.status is OrderStatus.CREATED][:LISTED]
    if not unpaid:
        return "您没有待付款的订单。已付款的订单如需退款，请回复“售后”申请。"
    shop = ctx.services.config.shop
    listing = "\n".join(f"{o.order_no}（去支付：{pay_url(shop, o)}）" for o in unpaid)
    return f"您的待付款订单：\n{listing}\n要取消哪一个，请回复“取消订单 订单号”。"


def answering(make: Callable[[Inbound, Context], Awaitable[str]]) -> Handler:
    """A handler that answers with one text and leaves the dialog state as it is."""

    async def answer(msg: Inbound, ctx: Context) -> Step:
        return Step.say(await make(msg, ctx))

    answer.__name__ = make.__name__
    return answer
