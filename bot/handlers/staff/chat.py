"""What staff write to the WeCom app that is no command. Staff may try the shop as a shopper
would (有保温杯吗, 人工), so what the shopper routes understand goes there; but a question about
the shop's day (今天单多不多) gets today's numbers, and what the shopper routes would only
answer with a shopper's fallback, a clarifying question or small talk gets a staff reply: the
command that answers the topic, or the /help hint. Never 查订单 / 逛逛 / 回复“人工” to staff.
Asked in words to see the shop's orders or tickets (帮我看下最近的订单, 看看售后单), staff get
what /orders or /tickets shows: the shopper routes would answer with the member's own orders.
Asked about a day's after-sales (今天有没有人退货, 今天有退款吗), they get that day's tickets as
/tickets lists them; asked how a task of theirs is done (怎么给订单发货, 退款怎么操作), the steps
with the documented commands, where a shopper's FAQ would tell them the shop's policy instead.

`staff_text` is an inner middleware on shopper routes (bot/handlers/middlewares.py), inside the
hand-off gate (a member waiting for a human is left to the human).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta

from bot.handlers import smalltalk
from bot.handlers.queries import ticket_no_in
from bot.handlers.smalltalk import Small
from bot.handlers.staff.confirm import from_staff
from bot.handlers.staff.registry import COMMANDS
from bot.handlers.staff.reports import orders_today
from bot.handlers.staff.tickets import tickets_of_day
from bot.handlers.understanding import CLARIFY, SMALL_TALK
from bot.protocol import Inbound, Kind
from bot.router import Handler, Route, Table
from bot.shop.texts import yuan
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
_DAYS = {"今天": 0, "今日": 0, "今儿": 0, "昨天": 1, "昨日": 1, "昨儿": 1}
_DAY = re.compile("|".join(_DAYS))
_AFTER_SALES = re.compile(r"售后|退货|退款|换货|退换|退单|工单|投诉")
_HOW = re.compile(r"怎么|怎样|如何|咋|流程|步骤|操作|办法|方法|教我|教一下")
"""A staff member asking how a task is done (怎么给订单发货, 发货怎么操作)."""


@dataclass(frozen=True)
class Topic:
    """What staff may ask about in words: the command that answers it (`hint`), and, for a task
    staff do themselves, how it is done (`how`, for 怎么… questions)."""

    words: re.Pattern[str]
    hint: str
    how: str = ""
    command: str = ""  # the command whose /help the how-to points to


TOPICS: tuple[Topic, ...] = (
    Topic(
        _AFTER_SALES,
        "售后单发 /tickets 查看，/ticket 售后单号 处理。",
        "处理售后：发 /tickets 看处理中的售后单，再发 /ticket 售后单号 看详情；"
        "在后面写 同意、拒绝 理由、已收到、已退款 办理，顾客会收到通知。",
        "ticket",
    ),
    Topic(
        re.compile(r"答不上|没回答|没听懂|不会答|兜底|未识别"), "答不上的问题发 /unanswered 查看。"
    ),
    Topic(
        re.compile(r"发货|快递|物流|单号"),
        "发货用 /ship 订单号 快递 单号，例如 /ship SB… 顺丰 SF123。",
        "给订单发货：先发 /orders 已付款 找到要发的订单，再发 /ship 订单号 快递 单号，"
        "例如 /ship SB… 顺丰 SF1234567890；顾客会收到快递单号和查询链接。"
        "查某个订单的物流发 /orders 订单号。",
        "ship",
    ),
    Topic(
        re.compile(r"群发|推送|广播|活动|营销"),
        "群发用 /broadcast 文本，定时推送用 /push 或 /campaign。",
        "群发：发 /broadcast 文本，先看预览和合规检查，回复“确认”才会发出；"
        "商品卡片推到客户群用 /push 商品编号，定时活动用 /campaign。",
        "broadcast",
    ),
    Topic(
        re.compile(r"顾客|客人|转人工|人工|交还"),
        "转人工的顾客处理完发 /handback 顾客编号 交还给助手。",
        "顾客转人工时这里会收到提醒，上面有顾客编号；"
        "处理完发 /handback 顾客编号 把顾客交还给智能助手。",
        "handback",
    ),
    Topic(
        re.compile(r"知识|问答|商品表|上新|更新|重载"),
        "改了知识文件后发 /reload 重新加载。",
        "改好商品表或问答等知识文件后，发 /reload 重新加载，回复里会列出加载的内容。",
        "reload",
    ),
    Topic(_ORDERS, "订单发 /orders 查看，/stats 看今天的单量。"),
    Topic(re.compile(r"数据|统计|消息|关注"), "今天的数据发 /stats 查看。"),
)
"""Staff's topics in words (first match)."""

_SEE = re.compile(r"看|查|瞧|列|最近|最新|有哪些|有没有新")
_PENDING = re.compile(r"现在|目前|当前|待处理|要处理|没处理|未处理")
"""After-sales asked about as they stand (现在有退款要处理吗): the tickets in progress."""
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
    how = how_to(msg.text)
    if how is not None:  # 怎么给订单发货: the steps, with the documented commands
        return Step.say(how)
    day = _day_asked(msg.text)
    if day is not None and _AFTER_SALES.search(msg.text):  # 今天有没有人退货: that day's tickets
        return Step.say(await _tickets_of(ctx, day))
    if _TODAY.search(msg.text) and _ORDERS.search(msg.text):  # 今天单多不多: the numbers
        return Step.say(await _orders_of_today(ctx))
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
    if _OWN.search(text):
        return None
    if _PENDING.search(text) and _AFTER_SALES.search(text):  # 现在有退款要处理吗
        return "/tickets"
    if not _SEE.search(text):
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
    for topic in TOPICS:
        if topic.words.search(text):
            return f"{topic.hint}发 /help 看全部指令。"
    return HELP_HINT


def how_to(text: str) -> str | None:
    """How a task of staff's is done, when they ask how (怎么…, …怎么操作), else None."""
    if not _HOW.search(text) or _OWN.search(text):
        return None
    topic = next((t for t in TOPICS if t.words.search(text)), None)
    if topic is None or not topic.how:
        return None
    return f"{topic.how}\n发 /help {topic.command} 看详细用法。"


def _day_asked(text: str) -> int | None:
    """The day a question is about (今天, 昨天), as how many days ago; None if it names none."""
    found = _DAY.search(text)
    return None if found is None else _DAYS[found.group()]


async def _tickets_of(ctx: Context, days_ago: int) -> str:
    """The tickets opened on that day, as /tickets lists them."""
    day = ctx.services.stats.today() - timedelta(days=days_ago)
    label = "今天" if days_ago == 0 else "昨天"
    listed = await tickets_of_day(ctx, day, label)
    if listed.startswith("没有"):
        return f"{label}没有新的售后单。处理中的售后单发 /tickets 查看。"
    return listed


async def _orders_of_today(ctx: Context) -> str:
    """今天单多不多, 今天卖了多少: today's orders, how many are paid, and their amounts."""
    zone, today = shop_zone(ctx.services.config), ctx.services.stats.today()
    day = await orders_today(ctx.services.db, zone, today)
    said = f"今天新订单{day.made}个，其中已付款{day.paid}个"
    if day.made:
        said += f"；下单金额{yuan(day.made_fen)}，已付款{yuan(day.paid_fen)}"
    return f"{said}。发 /stats 看详细数据。"
