"""/tickets and /ticket: after-sales tickets that staff read and move.

    /tickets [状态] [--limit N]                        待审核 处理中(default) 已同意 已收货 已退款 …
    /ticket 售后单号                                    details, history, what can be done next
    /ticket 售后单号 approve [留言] | reject 理由 | received [留言] | refunded [留言] | done [留言]
    (or in Chinese: 同意、拒绝 理由、已收到、已退款、完成)

A move the ticket's kind or state does not allow (approving twice, refunding an exchange) is
answered with what *can* be done and changes nothing (`Declined`); so is a number that does not
exist. The shopper is named by their short number (`顾客 #17`) and the history is told in words.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from bot.business import tickets as business
from bot.business.shoppers import label, shopper_no
from bot.business.texts import STAFF_STATUS, staff_ticket_line
from bot.handlers.staff.args import UsageError
from bot.handlers.staff.registry import Arg, Declined, command
from bot.handlers.staff.words import CHANNEL_WORDS, HELD, ORDER_WORDS, number_like
from bot.protocol import Inbound
from bot.services import Services
from bot.shop.texts import TICKET_KIND, yuan
from bot.shoptime import local_time, shop_zone
from bot.step import Context, Step
from bot.storage import (
    AuditEntry,
    InvalidTransition,
    Order,
    Ticket,
    TicketNotFound,
    TicketStatus,
)
from bot.storage.tickets import MOVES, RETURN_PARCEL, can_move

T = TicketStatus
ACTIONS = {
    "approve": T.APPROVED,
    "reject": T.REJECTED,
    "received": T.RECEIVED,
    "refunded": T.REFUNDED,
    "done": T.RESOLVED,
}
ACTION_WORDS = {
    **{
        word: T.APPROVED
        for word in ("同意", "已同意", "通过", "批准", "审核通过", "同意退货", "同意换货")
    },
    **{word: T.REJECTED for word in ("拒绝", "已拒绝", "驳回", "不同意", "不通过")},
    **{word: T.RECEIVED for word in ("已收到", "收到", "已收货", "收货", "收到退货")},
    **{word: T.REFUNDED for word in ("已退款", "退款", "退款了", "已退")},
    **{word: T.RESOLVED for word in ("完成", "已完成", "换货完成", "已换货")},
}
"""What staff who write Chinese type for the same moves (the words of STAFF_STATUS too)."""
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


def _ticket_no(raw: str) -> str:
    return number_like(raw, _TICKET_NO, "售后单号以 AS 开头，例如 AS20250314T3N8W1ZR6PEA")


# --- /tickets ----------------------------------------------------------------------------------


def _statuses(word: str) -> list[TicketStatus] | None:
    if word in ("", ACTIVE):
        return [T.OPEN, T.APPROVED, T.RECEIVED]
    if word in (ALL, "all"):
        return None
    if word.lower() in _STATUS_WORDS:
        return [_STATUS_WORDS[word.lower()]]
    raise UsageError("状态可以是 " + "、".join([ACTIVE, *STAFF_STATUS.values(), ALL]))


TICKETS_STATES = "状态：" + "、".join([ACTIVE, *STAFF_STATUS.values(), ALL])


@command(
    "tickets",
    summary="售后单列表（默认处理中的）",
    args=[
        Arg("status", "状态", nargs="?", default=""),
        Arg("--limit", "条数", default=20, type=int),
    ],
    details=TICKETS_STATES,
)
async def tickets(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    statuses = _statuses(args.status.strip())
    if not 1 <= args.limit <= 30:
        raise UsageError("--limit 在 1 到 30 之间")
    found = await ctx.services.db.tickets.staff_list_tickets(statuses, args.limit)
    return Step.say(listing(ctx, found, args.status or ACTIVE))


def listing(ctx: Context, found: Sequence[Ticket], label: str) -> str:
    """What /tickets shows: `label`'s tickets, one line each, or that there are none."""
    if not found:
        return f"没有{label}的售后单。"
    lines = [f"{label}的售后单（{len(found)}个，新的在前）："]
    zone = shop_zone(ctx.services.config)
    lines += [staff_ticket_line(ticket, zone) for ticket in found]
    lines.append("发 /ticket 售后单号 查看详情。")
    return "\n".join(lines)


DAY_SCAN = 200
"""How many of the newest tickets are looked through for one day's (a day has far fewer)."""


async def tickets_of_day(ctx: Context, day: date, label: str, limit: int = 20) -> str:
    """The listing of the tickets shoppers opened on `day` (the shop's calendar), every state."""
    zone = shop_zone(ctx.services.config)
    recent = await ctx.services.db.tickets.staff_list_tickets(None, DAY_SCAN)
    found = [t for t in recent if t.created_at.astimezone(zone).date() == day]
    return listing(ctx, found[:limit], label)


# --- /ticket -----------------------------------------------------------------------------------


def next_moves(ticket: Ticket) -> list[str]:
    """The commands that can move this ticket now."""
    return [
        f"/ticket {ticket.ticket_no} {action}{' 理由' if target is T.REJECTED else ''}"
        for action, target in ACTIONS.items()
        if can_move(ticket.kind, ticket.status, target)
    ]


_DONE: dict[str, str] = {
    T.OPEN: "提交了申请",
    T.APPROVED: "同意",
    T.REJECTED: "拒绝",
    T.RECEIVED: "确认收到退货",
    T.REFUNDED: "确认退款",
    T.RESOLVED: "完成",
    T.WITHDRAWN: "撤回了申请",
    RETURN_PARCEL: "登记了寄回的快递单号",
}


def _who(actor: str, shopper: str) -> str:
    """An audit actor in words: the ticket's shopper by number, staff by their member name."""
    kind, _, name = actor.partition(":")
    if kind == "staff" and name:
        return f"店员 {name}"
    if kind in ("shopper", "oa", "kf", "wecom"):
        return shopper
    return "系统"  # SYSTEM_ACTOR (a policy step) or the scheduler


def _history_line(entry: AuditEntry, shopper: str, zone: ZoneInfo) -> str:
    what = entry.action.removeprefix("ticket.")
    return f"· {local_time(entry.at, zone)} {_who(entry.actor, shopper)} {_DONE.get(what, '更新了售后单')}"


async def _details(services: Services, ticket: Ticket) -> str:
    db = services.db
    order = await db.orders.staff_get_order(ticket.order_no)
    zone = shop_zone(services.config)
    shopper = label(await shopper_no(services, ticket.channel, ticket.user))
    lines = [
        f"售后单 {ticket.ticket_no} · {TICKET_KIND[ticket.kind]} · {STAFF_STATUS[ticket.status]}",
        _order_line(order, ticket.order_no),
        f"{shopper}（{CHANNEL_WORDS.get(ticket.channel, '其他渠道')}）"
        + (f" 手机 {order.masked_phone}" if order else ""),
        f"顾客说：{ticket.reason}",
        f"照片：{len(ticket.photo_media_ids)}张",
        f"提交 {local_time(ticket.created_at, zone)}，更新 {local_time(ticket.updated_at, zone)}",
    ]
    if ticket.note:
        lines.append(f"客服留言：{ticket.note}")
    if ticket.return_tracking:
        lines.append(f"顾客寄回的快递单号：{ticket.return_tracking}")
    history = await db.audit.recent(10, target=ticket.ticket_no)
    if history:
        lines.append("记录：")
        lines += [_history_line(entry, shopper, zone) for entry in reversed(history)]
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


@command(
    "ticket",
    summary="查看售后单，同意、拒绝、收货、退款",
    args=[
        Arg("ticket_no", "售后单号"),
        Arg("action", "操作", nargs="?", default=""),
        Arg("text", "留言", nargs="*"),
    ],
    details=(
        "/ticket 售后单号                查看详情和可做的操作\n"
        "/ticket 售后单号 approve [留言]  同意（退货、换货会把寄回地址发给顾客）\n"
        "/ticket 售后单号 reject 理由     拒绝，理由会发给顾客\n"
        "/ticket 售后单号 received [留言] 收到寄回的商品\n"
        "/ticket 售后单号 refunded [留言] 已退款\n"
        "/ticket 售后单号 done [留言]     换货完成（新商品已发出）\n"
        "操作也可以写中文：同意、拒绝 理由、已收到、已退款、完成"
    ),
)
async def ticket(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    ticket_no = _ticket_no(args.ticket_no)
    db = ctx.services.db
    found = await db.tickets.staff_get_ticket(ticket_no)
    if found is None:
        raise Declined(f"没有售后单 {ticket_no}，请核对单号。")
    if not args.action:
        return Step.say(await _details(ctx.services, found))
    target = ACTIONS.get(args.action.lower()) or ACTION_WORDS.get(args.action)
    if target is None:
        raise UsageError(
            f"不认识的操作“{args.action}”，可以用：同意、拒绝 理由、已收到、已退款、完成"
            "（或 approve、reject、received、refunded、done）"
        )
    note = " ".join(args.text).strip()
    if target is T.REJECTED and not note:
        raise UsageError(
            f"拒绝要写理由，顾客会看到，例如：{args.action} 商品已拆封，不支持无理由退货"
        )
    try:
        moved, told = await business.move(
            ctx.services, ticket_no, target, actor=f"staff:{msg.user}", note=note
        )
    except (InvalidTransition, TicketNotFound) as exc:
        current = await db.tickets.staff_get_ticket(ticket_no)
        raise Declined(_refusal(current or found, target)) from exc
    except business.NeedsReturnAddress as exc:
        raise Declined(
            "同意退货或换货时要告诉顾客寄回地址，但知识库 shipping.toml 里没有寄回地址。"
            f"请在同意时写上：/ticket {ticket_no} approve 寄回地址 收件人 电话"
        ) from exc
    reply = f"售后单 {moved.ticket_no}（{TICKET_KIND[moved.kind]}）已{VERB[target]}，"
    reply += "已通知顾客。" if told else HELD
    return Step.say(reply)
