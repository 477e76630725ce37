"""/orders and /ship: what staff read about orders, and shipping one (the shopper gets the link)."""

from __future__ import annotations

import argparse
import re
from zoneinfo import ZoneInfo

from bot.business import logistics
from bot.handlers.staff.args import UsageError
from bot.handlers.staff.registry import Arg, Declined, command
from bot.handlers.staff.words import (
    HELD,
    ORDER_WORDS,
    STATUS_BY_WORD,
    number_like,
    status_word_in,
)
from bot.protocol import Inbound
from bot.shoptime import shop_zone
from bot.step import Context, Step
from bot.storage import InvalidTransition, Order, OrderNotFound, OrderStatus

_STATUS_WORDS = STATUS_BY_WORD | {str(k): k for k in ORDER_WORDS}
_ORDER_NO = re.compile(r"^SB\d{8}[0-9A-Z]{12}$")
_TRACKING = re.compile(r"^[A-Za-z0-9-]{4,40}$")


def _zone(ctx: Context) -> ZoneInfo:
    return shop_zone(ctx.services.config)


@command(
    "orders",
    summary="最近的订单，或按状态、订单号查询",
    args=[
        Arg("query", "状态 | 订单号", nargs="?", default=""),
        Arg("--limit", "条数", default=10, type=int),
    ],
    details="状态：" + "、".join(ORDER_WORDS.values()) + "（待发货就是已付款）",
)
async def orders(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    if args.query and args.query.upper().startswith("SB"):
        return await _one_order(args.query, ctx)
    status = None
    word = status_word_in(args.query) if args.query else None
    if args.query:
        if word is None and args.query not in _STATUS_WORDS:
            raise UsageError("状态可以是 " + "、".join(ORDER_WORDS.values()))
        status = _STATUS_WORDS[word or args.query]
    if not 1 <= args.limit <= 20:
        raise UsageError("--limit 在 1 到 20 之间")
    found = await ctx.services.db.orders.staff_list_orders(status, args.limit)
    word = word or (ORDER_WORDS[status] if status else "")
    if not found:
        return Step.say(f"没有{word}的订单。" if status else "没有订单。")
    zone = _zone(ctx)
    lines = [await _heading(ctx, status, word, len(found))]
    for order in found:
        items = sum(line.qty for line in order.lines)
        lines.append(
            f"{order.order_no} {ORDER_WORDS[order.status]} ¥{order.total_fen / 100:.2f} "
            f"{items}件 {order.created_at.astimezone(zone):%m-%d %H:%M}"
        )
    return Step.say("\n".join(lines))


async def _heading(ctx: Context, status: OrderStatus | None, word: str, shown: int) -> str:
    """What the list is: the recent orders, or those in the state asked for and how many there
    are in all (the list stops at --limit)."""
    if status is None:
        return f"最近 {shown} 个订单："
    total = await ctx.services.db.orders.count_orders(status)
    if total <= shown:
        return f"{word}订单 {total} 个："
    return f"{word}订单 {total} 个，最近 {shown} 个："


async def _one_order(order_no: str, ctx: Context) -> Step:
    order = await ctx.services.db.orders.staff_get_order(order_no)
    if order is None:
        raise Declined(f"没有订单 {order_no}。")
    lines = [
        f"订单 {order.order_no}（{ORDER_WORDS[order.status]}）",
        *(f"· {line.name} {line.spec_text} ×{line.qty}" for line in order.lines),
        f"合计 ¥{order.total_fen / 100:.2f}，下单 {order.created_at.astimezone(_zone(ctx)):%m-%d %H:%M}",
        f"收货人手机 {order.masked_phone}",
    ]
    if order.tracking_no:
        lines.append(f"物流 {order.carrier or ''} {order.tracking_no}")
    return Step.say("\n".join(lines + order_extras(order)))


def order_extras(order: Order) -> list[str]:
    """What staff need beyond /orders' summary: shipping, the shopper's note, the invoice."""
    lines = [f"其中运费 ¥{order.shipping_fen / 100:.2f}"] if order.shipping_fen else []
    if order.note:
        lines.append(f"备注：{order.note}")
    invoice = order.invoice
    if invoice is not None:
        kind = "专票" if invoice.kind == "special" else "普票"
        tax = f" 税号 {invoice.tax_no}" if invoice.tax_no else ""
        lines.append(f"发票（{kind}）：{invoice.title}{tax}，发到 {invoice.email}")
    return lines


@command(
    "ship",
    summary="订单发货，顾客会收到快递单号和查询链接",
    args=[Arg("order_no", "订单号"), Arg("carrier", "快递"), Arg("tracking_no", "单号")],
    details="例：/ship SB20250314K7QX2M9CDV0H 顺丰 SF1234567890",
)
async def ship(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    order_no = number_like(
        args.order_no, _ORDER_NO, "订单号以 SB 开头，例如 SB20250314K7QX2M9CDV0H"
    )
    carrier, tracking_no = args.carrier.strip(), args.tracking_no.strip()
    if not 0 < len(carrier) <= 64:
        raise UsageError("快递公司名太长了")
    if not _TRACKING.match(tracking_no):
        raise UsageError(f"{tracking_no} 不像快递单号（4-40位字母、数字或-）")
    try:
        order, told = await logistics.mark_shipped(
            ctx.services, order_no, carrier, tracking_no, actor=f"staff:{msg.user}"
        )
    except OrderNotFound as exc:
        raise Declined(f"没有订单 {order_no}，请核对订单号。") from exc
    except InvalidTransition as exc:
        if exc.current == OrderStatus.CREATED:
            raise Declined(f"订单 {order_no} 还没付款，要等付款后才能发货，没有改动。") from exc
        word = ORDER_WORDS.get(OrderStatus(exc.current), "其他状态")
        raise Declined(f"订单 {order_no} 当前是{word}，不能发货，没有改动。") from exc
    known = ctx.kb.carriers.find(carrier) is not None
    link = "" if known else "（carriers.toml 里没有这家快递，顾客收到单号，没有查询链接）"
    reply = f"订单 {order.order_no} 已发货：{order.carrier} {order.tracking_no}{link}，"
    return Step.say(reply + ("已通知顾客。" if told else HELD))
