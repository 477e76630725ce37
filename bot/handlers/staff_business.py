"""Staff commands for after-sales and shipping (registered by staff.py's `build_commands`):

    /tickets [状态] [--limit N]                        待审核 处理中(default) 已同意 已收货 已退款 …
    /ticket 售后单号                                    details, history, what can be done next
    /ticket 售后单号 approve [留言] | reject 理由 | received [留言] | refunded [留言] | done [留言]
    /ship 订单号 快递 单号                               the shopper gets the tracking link

A move the ticket's kind or state does not allow (approving twice, refunding an exchange) is
answered with what *can* be done and changes nothing; so is a number that does not exist.
"""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING

from bot.business import logistics
from bot.business import tickets as business
from bot.business.texts import STAFF_STATUS, staff_ticket_line
from bot.handlers.shopper_tags import channel_name, tag_of
from bot.handlers.staff_args import CommandParser, UsageError
from bot.protocol import Inbound
from bot.shop.texts import TICKET_KIND, local_time, yuan
from bot.step import Context, Step
from bot.storage import (
    Database,
    InvalidTransition,
    Order,
    OrderNotFound,
    OrderStatus,
    Ticket,
    TicketNotFound,
    TicketStatus,
)
from bot.storage.ids import normalise
from bot.storage.tickets import MOVES, can_move

if TYPE_CHECKING:
    from bot.services import Services

T = TicketStatus
ACTIONS = {
    "approve": T.APPROVED,
    "reject": T.REJECTED,
    "received": T.RECEIVED,
    "refunded": T.REFUNDED,
    "done": T.RESOLVED,
}
VERB = {
    T.APPROVED: "同意",
    T.REJECTED: "拒绝",
    T.RECEIVED: "确认收到退货",
    T.REFUNDED: "确认退款",
    T.RESOLVED: "完成",
}
ACTIVE = "处理中"
ALL = "全部"
_STATUS_WORDS = (
    {word: status for status, word in STAFF_STATUS.items()}
    | {str(status): status for status in TicketStatus}
    | {"已拒绝": T.REJECTED, "拒绝": T.REJECTED}
)
_TICKET_NO = re.compile(r"^AS\d{8}[0-9A-Z]{12}$")
_ORDER_NO = re.compile(r"^SB\d{8}[0-9A-Z]{12}$")
_TRACKING = re.compile(r"^[A-Za-z0-9-]{4,40}$")
ORDER_WORDS = {
    OrderStatus.CREATED: "待付款",
    OrderStatus.PAID: "已付款",
    OrderStatus.SHIPPED: "已发货",
    OrderStatus.DONE: "已完成",
    OrderStatus.CANCELLED: "已取消",
    OrderStatus.EXPIRED: "已过期",
}
HELD = "顾客的客服消息额度已用完，通知会在顾客下次发消息时送达。"


def _db(ctx: Context) -> Database:
    if ctx.services.db is None:
        raise UsageError("没有配置数据库")
    return ctx.services.db


def _number(raw: str, pattern: re.Pattern[str], example: str) -> str:
    number = normalise(raw)
    if not pattern.match(number):
        raise UsageError(f"{raw} 不像{example[:3]}，{example}")
    return number


def _ticket_no(raw: str) -> str:
    return _number(raw, _TICKET_NO, "售后单号以 AS 开头，例如 AS20250314T3N8W1ZR6PEA")


def _order_no(raw: str) -> str:
    return _number(raw, _ORDER_NO, "订单号以 SB 开头，例如 SB20250314K7QX2M9CDV0H")


# --- /tickets ----------------------------------------------------------------------------------


def _statuses(word: str) -> list[TicketStatus] | None:
    if word in ("", ACTIVE):
        return [T.OPEN, T.APPROVED, T.RECEIVED]
    if word in (ALL, "all"):
        return None
    if word.lower() in _STATUS_WORDS:
        return [_STATUS_WORDS[word.lower()]]
    raise UsageError("状态可以是 " + "、".join([ACTIVE, *STAFF_STATUS.values(), ALL]))


async def cmd_tickets(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    statuses = _statuses(args.status.strip())
    if not 1 <= args.limit <= 30:
        raise UsageError("--limit 在 1 到 30 之间")
    found = await _db(ctx).tickets.staff_list_tickets(statuses, args.limit)
    label = args.status or ACTIVE
    if not found:
        return Step.say(f"没有{label}的售后单。")
    lines = [f"{label}的售后单（{len(found)}个，新的在前）："]
    lines += [staff_ticket_line(ticket) for ticket in found]
    lines.append("发 /ticket 售后单号 查看详情。")
    return Step.say("\n".join(lines))


# --- /ticket -----------------------------------------------------------------------------------


def next_moves(ticket: Ticket) -> list[str]:
    """The commands that can move this ticket now."""
    return [
        f"/ticket {ticket.ticket_no} {action}{' 理由' if target is T.REJECTED else ''}"
        for action, target in ACTIONS.items()
        if can_move(ticket.kind, ticket.status, target)
    ]


def _who(actor: str) -> str:
    """An audit actor as staff read it: the shopper is 顾客 (never their openid), a staff member
    their WeCom account, the shop's own rules 系统."""
    kind, _, name = actor.partition(":")
    if kind == "shopper":
        return "顾客"
    if kind == "staff" and name:
        return f"客服{name}"
    return "系统"


def _did(action: str) -> str:
    """ "ticket.open" → 提交申请, "ticket.approved" → the status in Chinese."""
    step = action.removeprefix("ticket.")
    if step == "open":
        return "提交申请"
    try:
        return STAFF_STATUS[TicketStatus(step)]
    except ValueError:
        return "更新"


async def _details(db: Database, ticket: Ticket, services: Services) -> str:
    order = await db.orders.staff_get_order(ticket.order_no)
    lines = [
        f"售后单 {ticket.ticket_no} · {TICKET_KIND[ticket.kind]} · {STAFF_STATUS[ticket.status]}",
        _order_line(order, ticket.order_no),
        f"顾客 {await tag_of(services, ticket.channel, ticket.user)}"
        f"（{channel_name(ticket.channel)}）" + (f" 手机 {order.masked_phone}" if order else ""),
        f"顾客说：{ticket.reason}",
        f"照片：{len(ticket.photo_media_ids)}张",
        f"提交 {local_time(ticket.created_at)}，更新 {local_time(ticket.updated_at)}",
    ]
    if ticket.note:
        lines.append(f"客服留言：{ticket.note}")
    history = await db.audit.recent(10, target=ticket.ticket_no)
    if history:
        lines.append("记录：")
        lines += [
            f"· {local_time(e.at)} {_who(e.actor)} {_did(e.action)}" for e in reversed(history)
        ]
    moves = next_moves(ticket)
    lines.append("可以：\n" + "\n".join(moves) if moves else "这个售后单已经结束。")
    return "\n".join(lines)


def _order_line(order: Order | None, order_no: str) -> str:
    if order is None:
        return f"订单 {order_no}（找不到）"
    items = "、".join(f"{line.name}×{line.qty}" for line in order.lines[:3])
    return (
        f"订单 {order.order_no}（{ORDER_WORDS[order.status]}）：{items}，"
        f"实付 {yuan(order.total_fen)}"
    )


def _refusal(ticket: Ticket, target: TicketStatus) -> str:
    now = STAFF_STATUS[ticket.status]
    if ticket.status is target:
        return f"售后单 {ticket.ticket_no} 已经是「{now}」了，没有再改。"
    if not MOVES[target].get(ticket.kind):
        why = f"{TICKET_KIND[ticket.kind]}的售后单没有“{VERB[target]}”这一步"
    else:
        why = f"售后单 {ticket.ticket_no} 当前是「{now}」，不能{VERB[target]}"
    moves = next_moves(ticket)
    then = "可以：\n" + "\n".join(moves) if moves else "这个售后单已经结束。"
    return f"{why}，没有改动。\n{then}"


async def cmd_ticket(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    ticket_no = _ticket_no(args.ticket_no)
    db = _db(ctx)
    ticket = await db.tickets.staff_get_ticket(ticket_no)
    if ticket is None:
        return Step.say(f"没有售后单 {ticket_no}，请核对单号。")
    if not args.action:
        return Step.say(await _details(db, ticket, ctx.services))
    action = args.action.lower()
    if action not in ACTIONS:
        raise UsageError(f"不认识的操作 {args.action}")
    target = ACTIONS[action]
    note = " ".join(args.text).strip()
    if target is T.REJECTED and not note:
        raise UsageError("拒绝要写理由，顾客会看到，例如：reject 商品已拆封，不支持无理由退货")
    try:
        moved, told = await business.move(
            ctx.services, ticket_no, target, actor=f"staff:{msg.user}", note=note
        )
    except (InvalidTransition, TicketNotFound):
        current = await db.tickets.staff_get_ticket(ticket_no)
        return Step.say(_refusal(current or ticket, target))
    except business.NeedsReturnAddress:
        return Step.say(
            "同意退货或换货时要告诉顾客寄回地址，但知识库 shipping.toml 里没有 [returns]。"
            f"请在同意时写上：/ticket {ticket_no} approve 寄回地址 收件人 电话"
        )
    reply = f"售后单 {moved.ticket_no}（{TICKET_KIND[moved.kind]}）已{VERB[target]}，"
    reply += "已通知顾客。" if told else HELD
    return Step.say(reply)


# --- /ship -------------------------------------------------------------------------------------


async def cmd_ship(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    order_no = _order_no(args.order_no)
    carrier, tracking_no = args.carrier.strip(), args.tracking_no.strip()
    if not 0 < len(carrier) <= 64:
        raise UsageError("快递公司名太长了")
    if not _TRACKING.match(tracking_no):
        raise UsageError(f"{tracking_no} 不像快递单号（4-40位字母、数字或-）")
    try:
        order, told = await logistics.mark_shipped(
            ctx.services, order_no, carrier, tracking_no, actor=f"staff:{msg.user}"
        )
    except OrderNotFound:
        return Step.say(f"没有订单 {order_no}，请核对订单号。")
    except InvalidTransition as exc:
        if exc.current == OrderStatus.CREATED:
            return Step.say(f"订单 {order_no} 还没付款，要等付款后才能发货，没有改动。")
        word = ORDER_WORDS.get(OrderStatus(exc.current), exc.current)
        return Step.say(f"订单 {order_no} 当前是{word}，不能发货，没有改动。")
    kb = ctx.services.knowledge.current.kb if ctx.services.knowledge else None
    known = kb is not None and kb.carriers.find(carrier) is not None
    link = "" if known else "（carriers.toml 里没有这家快递，顾客收到单号，没有查询链接）"
    reply = f"订单 {order.order_no} 已发货：{order.carrier} {order.tracking_no}{link}，"
    return Step.say(reply + ("已通知顾客。" if told else HELD))


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


# --- wiring ------------------------------------------------------------------------------------


def tickets_parser() -> CommandParser:
    parser = CommandParser("tickets")
    parser.add_argument("status", nargs="?", default="")
    parser.add_argument("--limit", type=int, default=20)
    return parser


def ticket_parser() -> CommandParser:
    parser = CommandParser("ticket")
    parser.add_argument("ticket_no")
    parser.add_argument("action", nargs="?", default="")
    parser.add_argument("text", nargs="*")
    return parser


def ship_parser() -> CommandParser:
    parser = CommandParser("ship")
    parser.add_argument("order_no")
    parser.add_argument("carrier")
    parser.add_argument("tracking_no")
    return parser


TICKETS_USAGE = "/tickets [状态] [--limit N]\n状态：" + "、".join(
    [ACTIVE, *STAFF_STATUS.values(), ALL]
)
TICKET_USAGE = (
    "/ticket 售后单号                查看详情和可做的操作\n"
    "/ticket 售后单号 approve [留言]  同意（退货、换货会把寄回地址发给顾客）\n"
    "/ticket 售后单号 reject 理由     拒绝，理由会发给顾客\n"
    "/ticket 售后单号 received [留言] 收到寄回的商品\n"
    "/ticket 售后单号 refunded [留言] 已退款\n"
    "/ticket 售后单号 done [留言]     换货完成（新商品已发出）"
)
SHIP_USAGE = "/ship 订单号 快递 单号\n例：/ship SB20250314K7QX2M9CDV0H 顺丰 SF1234567890"
