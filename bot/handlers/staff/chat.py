"""What staff write to the WeCom app that is no command. Staff may try the shop as a shopper
would (有保温杯吗, 人工), so what the shopper routes understand goes there; but a question about
the shop's day (今天单多不多) gets today's numbers, and what the shopper routes would only
answer with a shopper's fallback, a clarifying question or small talk gets a staff reply: the
command that answers the topic, or the /help hint. Never 查订单 / 逛逛 / 回复“人工” to staff.
Asked in words to see the shop's orders or tickets (帮我看下最近的订单, 看看售后单), staff get
what /orders or /tickets shows: the shopper routes would answer with the member's own orders.

`staff_text` is an inner middleware on shopper routes (bot/handlers/middlewares.py), inside the
hand-off gate (a member waiting for a human is left to the human).
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.handlers import smalltalk
from bot.handlers.queries import ticket_no_in
from bot.handlers.smalltalk import Small
from bot.handlers.staff.confirm import from_staff
from bot.handlers.staff.registry import COMMANDS
from bot.handlers.staff.reports import orders_today
from bot.handlers.understanding import CLARIFY, SMALL_TALK
from bot.protocol import Inbound, Kind
from bot.router import Handler, Route, Table
from bot.shoptime import shop_zone
from bot.step import Context, Step
from knowledge.entities import find_order_no

HELP_HINT = "这里是店铺管理端，发指令办事就行，例如 /stats 看今天的数据；发 /help 看全部指令。"
SMALL = {
    Small.THANKS: "不客气～",
    Small.BYE: "好的，辛苦了～",
    Small.ACK: "好的～",
    Small.GREETING: "在的～",
    Small.WAIT: "好的～",
    Small.PRAISE: "谢谢～",
    Small.CHAT: "辛苦了～",
    Small.BACK: "在的～",
    Small.BOT: "我是店铺的智能助手，管理端发指令办事，发 /help 看全部指令。",
}
_TODAY = re.compile(r"今天|今日|今儿|现在|目前")
_ORDERS = re.compile(r"单|卖|成交|销量|付款")
TOPICS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"售后|退货|退款|换货|工单|投诉"),
        "售后单发 /tickets 查看，/ticket 售后单号 处理。",
    ),
    (re.compile(r"答不上|没回答|没听懂|不会答|兜底|未识别"), "答不上的问题发 /unanswered 查看。"),
    (
        re.compile(r"发货|快递|物流|单号"),
        "发货用 /ship 订单号 快递 单号，例如 /ship SB… 顺丰 SF123。",
    ),
    (
        re.compile(r"群发|推送|广播|活动|营销"),
        "群发用 /broadcast 文本，定时推送用 /push 或 /campaign。",
    ),
    (
        re.compile(r"顾客|客人|转人工|人工|交还"),
        "转人工的顾客处理完发 /handback 顾客编号 交还给助手。",
    ),
    (re.compile(r"知识|问答|商品表|上新|更新|重载"), "改了知识文件后发 /reload 重新加载。"),
    (_ORDERS, "订单发 /orders 查看，/stats 看今天的单量。"),
    (re.compile(r"数据|统计|消息|关注"), "今天的数据发 /stats 查看。"),
)
"""What staff may ask about in words, and the command that answers it (first match)."""

_SEE = re.compile(r"看|查|瞧|列|最近|最新|有哪些|有没有新")
_OWN = re.compile(r"我的|我买|我下|我拍")
"""Staff asking about their own purchases (我的订单) are answered as the shopper they are."""
SHOWN: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"售后|退货|退款|换货|工单"), "/tickets"),
    (re.compile(r"订单|单子"), "/orders"),
)
"""Lists staff ask to see in words, and the command that shows them (first match)."""


STAFF_ROUTES = frozenset({CLARIFY, SMALL_TALK})
"""Intent-table keys whose shopper replies are no use to staff (besides the fallback)."""


async def staff_text(handler: Handler, msg: Inbound, ctx: Context, route: Route) -> Step:
    """A listed staff member's plain text in the app that no shopper route really takes (or that
    asks about today's orders): answered for staff."""
    if msg.kind is not Kind.TEXT or not from_staff(msg, ctx):
        return await handler(msg, ctx)
    if _TODAY.search(msg.text) and _ORDERS.search(msg.text):  # 今天单多不多: the numbers
        zone, today = shop_zone(ctx.services.config), ctx.services.stats.today()
        made, paid = await orders_today(ctx.services.db, zone, today)
        return Step.say(f"今天新订单{made}个，其中已付款{paid}个；发 /stats 看详细数据。")
    shown = _shown_by(msg.text)
    if shown is not None:  # 帮我看下最近的订单: the shop's orders, as the command lists them
        return await COMMANDS.dispatch(replace(msg, text=shown), ctx, _no_command)
    small = smalltalk.kind(msg.text)
    if small is not None:
        return Step.say(SMALL.get(small, SMALL[Small.ACK]))
    if route.table is Table.INTENT and route.key in STAFF_ROUTES:
        return Step.say(staff_hint(msg.text))
    step = await handler(msg, ctx)
    # what the shopper's handlers did not understand (their fallback) is answered for staff
    return Step.say(staff_hint(msg.text)) if ctx.said_not_understood else step


def _shown_by(text: str) -> str | None:
    """The listing command staff asked for in words ("看下最近的订单" → /orders, "查下订单
    SB…" → /orders SB…, "看看售后单 AS…" → /ticket AS…), or None."""
    if not _SEE.search(text) or _OWN.search(text):
        return None
    if ticket_no := ticket_no_in(text):
        return f"/ticket {ticket_no}"
    if order_no := find_order_no(text):
        return f"/orders {order_no}"
    return next((command for pattern, command in SHOWN if pattern.search(text)), None)


async def _no_command(msg: Inbound, ctx: Context) -> Step:
    return Step.say(HELP_HINT)


def staff_hint(text: str) -> str:
    """The command that answers what staff wrote about, or the /help hint."""
    for pattern, hint in TOPICS:
        if pattern.search(text):
            return f"{hint}发 /help 看全部指令。"
    return HELP_HINT
