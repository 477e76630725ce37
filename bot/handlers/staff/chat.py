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
Orders in a state (有没有待付款的), the scheduled campaigns (有哪些定时活动) and the unanswered
questions (顾客问了啥没答上) are listed as their command lists them; wanting to send to the
groups (帮我发个群消息) gets /broadcast with an example of their words. The shopper's browsing
(the category menu, 我们店不卖…) is never staff's answer, and a shopper dialog they opened while
trying the shop never takes a staff question (`staff_in_dialog`). Staff on the OA are shoppers.

`staff_text` is an inner middleware on shopper routes and `staff_in_dialog` on dialog routes
(bot/handlers/middlewares.py), inside the hand-off gate (a member waiting for a human is left to
the human).
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
from bot.handlers.staff.words import status_word_in
from bot.handlers.understanding import CLARIFY, SMALL_TALK
from bot.protocol import Inbound, Kind
from bot.router import Handler, Route, Table
from bot.shop import catalog
from bot.shop.texts import yuan
from bot.shoptime import shop_zone
from bot.step import Context, Step
from knowledge.entities import find_order_no

HELP_HINT = (
    "这里是店铺管理端，可以直接问“今天卖了多少”“有没有待付款的”“有售后单要处理吗”，"
    "也可以发指令办事，发 /help 看全部指令。"
)
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
    actions: tuple[tuple[re.Pattern[str], str], ...] = ()
    """How one move of the task is done (怎么拒绝售后), said instead of the whole `how`."""


_FIND_TICKET = "先发 /tickets 找到售后单号，"
TICKET_MOVES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"拒绝|驳回|不同意|不通过|不给退|不让退"),
        f"拒绝售后：{_FIND_TICKET}再发 /ticket 售后单号 拒绝 理由，理由会发给顾客。",
    ),
    (
        re.compile(r"同意|通过|批准|审核|答应"),
        f"同意售后：{_FIND_TICKET}再发 /ticket 售后单号 同意（后面可以写留言），"
        "退货、换货会把寄回地址发给顾客；退款打给顾客后再发 /ticket 售后单号 已退款。",
    ),
    (
        re.compile(r"收到|收货|寄回"),
        f"收到顾客寄回的商品：{_FIND_TICKET}再发 /ticket 售后单号 已收到。",
    ),
    (
        re.compile(r"打款|已退款|退完|标记"),
        f"钱退给顾客后：{_FIND_TICKET}再发 /ticket 售后单号 已退款，顾客会收到通知。",
    ),
)
"""The after-sales moves staff ask how to make, each with the /ticket action word it takes
(first match: 不同意 is a refusal)."""
_UNANSWERED = re.compile(r"答不上|没答上|答不出|没回答|回答不了|不会答|没听懂|兜底|未识别")
"""The questions the bot could not answer (机器人答不上来的问题有哪些): what /unanswered lists."""
_CAMPAIGNS = re.compile(r"定时|排期|活动列表|推送列表|群发列表|待发送")
"""The campaigns waiting to be sent (有哪些定时活动): what /campaign list shows."""

TOPICS: tuple[Topic, ...] = (
    Topic(
        _AFTER_SALES,
        "售后单发 /tickets 查看，/ticket 售后单号 处理。",
        "处理售后：发 /tickets 看处理中的售后单，再发 /ticket 售后单号 看详情；"
        "在后面写 同意、拒绝 理由、已收到、已退款 办理，顾客会收到通知。",
        "ticket",
        TICKET_MOVES,
    ),
    Topic(_UNANSWERED, "答不上的问题发 /unanswered 查看。"),
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
LISTED: tuple[tuple[re.Pattern[str], str], ...] = (
    (_CAMPAIGNS, "/campaign list"),
    (_UNANSWERED, "/unanswered"),
)
"""Lists staff name in words without asking to see them (顾客问了啥没答上), and their command."""
_BROADCAST = re.compile(r"群发|群消息|发到群|群里发|发给大家|通知大家|推送给")
"""Staff wanting to send something to the shop's groups (帮我发个群消息)."""
_NOT_THE_MESSAGE = re.compile(
    r"我想|我要|想要|帮我|帮忙|麻烦|给大家|给顾客们?|给客户们?|给所有人|所有群|客户群|群里|"
    r"群发|群消息|发到群|发给大家|通知大家|推送给|一下|一条|一个|发个|发条|个|消息|通知|"
    r"[吧呢啊哈呀，,。.!！?？~～\s]"
)
"""The request around what staff want to send (我想给大家群发一下…), left out of the example."""


BROWSE_MENU = "browse:categories"
"""The shopper's category menu (想看哪一类？), never opened for staff."""
STAFF_ROUTES = frozenset({CLARIFY, SMALL_TALK})
"""Intent-table keys whose shopper replies are no use to staff (besides the fallback)."""


async def staff_text(handler: Handler, msg: Inbound, ctx: Context, route: Route) -> Step:
    """A listed staff member's plain text in the app that no shopper route really takes (or that
    asks about the shop's orders, tickets, campaigns): answered for staff. The shopper's browsing
    is never opened for staff (nothing found, the category menu): the staff hint instead."""
    if msg.kind is not Kind.TEXT or not from_staff(msg, ctx):
        return await handler(msg, ctx)
    answer = await staff_answer(msg, ctx)
    if answer is not None:
        return answer
    small = smalltalk.kind(msg.text)
    if small is not None:
        return Step.say(SMALL.get(small, SMALL[Small.ACK]))
    if route.table is Table.INTENT and route.key in STAFF_ROUTES:
        return Step.say(staff_hint(msg.text))
    step = await handler(msg, ctx)
    return Step.say(staff_hint(msg.text)) if _dead_end(step, ctx) else step


async def staff_in_dialog(handler: Handler, msg: Inbound, ctx: Context, route: Route) -> Step:
    """Staff's text while a shopper dialog of theirs is open (they tried the shop, 有保温杯吗): a
    staff question still gets its staff answer and closes the dialog, and what the dialog does not
    understand gets the staff hint, not a shopper's retry (an old browse never takes over)."""
    if msg.kind is not Kind.TEXT or not from_staff(msg, ctx):
        return await handler(msg, ctx)
    answer = await staff_answer(msg, ctx)
    if answer is None:
        step = await handler(msg, ctx)
        if not _dead_end(step, ctx):
            return step
        answer = Step.say(staff_hint(msg.text))
    return replace(answer, next_state=None, reset_slots=True)


def _dead_end(step: Step, ctx: Context) -> bool:
    """The shopper's reply could not help staff: not understood, no such product (我们店不卖…),
    or the category menu offered instead of an answer."""
    if ctx.said_not_understood or "no_product" in ctx.gap_reasons:
        return True
    return step.next_state == BROWSE_MENU


async def staff_answer(msg: Inbound, ctx: Context) -> Step | None:
    """What staff asked in words about the shop's work, answered as the command would; None
    when it is nothing staff-like (the shopper routes may know it: 有保温杯吗)."""
    text = msg.text
    how = how_to(text)
    if how is not None:  # 怎么给订单发货: the steps, with the documented commands
        return Step.say(how)
    day = _day_asked(text)
    if day is not None and _AFTER_SALES.search(text):  # 今天有没有人退货: that day's tickets
        return Step.say(await _tickets_of(ctx, day))
    listed = _listed_by(text)
    if listed is not None:  # 有哪些定时活动, 有没有待付款的: as the command lists them
        return await COMMANDS.dispatch(replace(msg, text=listed), ctx, _no_command)
    if _TODAY.search(text) and _ORDERS.search(text):  # 今天单多不多: the numbers
        return Step.say(await _orders_of_today(ctx))
    shown = _shown_by(text)
    if shown is not None:  # 帮我看下最近的订单: the shop's orders, as the command lists them
        return await COMMANDS.dispatch(replace(msg, text=shown), ctx, _no_command)
    if _BROADCAST.search(text):  # 帮我发个群消息: how, with what they want to send
        return Step.say(broadcast_pointer(text, ctx))
    return None


def _listed_by(text: str) -> str | None:
    """The list command a text names: the campaigns, the unanswered questions, the orders in a
    state (待发货的有几单 → /orders 待发货; not with a day: 今天… are today's numbers)."""
    if _OWN.search(text):
        return None
    found = next((command for pattern, command in LISTED if pattern.search(text)), None)
    if found is not None:
        return found
    status = status_word_in(text)
    if status is None or _DAY.search(text) or find_order_no(text):
        return None
    return f"/orders {status}"


def broadcast_pointer(text: str, ctx: Context) -> str:
    """How to send what staff want to send, with /broadcast and an example of their words (or
    the shop's own offer when they did not say what)."""
    wanted = _NOT_THE_MESSAGE.sub("", text).strip()
    offers = catalog.kb(ctx).active_promotions(catalog.today(ctx.services))
    example = wanted or (offers[0].title if offers else "今晚8点秒杀，限量100件")
    return (
        "群发用 /broadcast 加要发的内容，先出预览和合规检查，回复“确认”才会发出，例如：\n"
        f"/broadcast {example}\n定时发在后面加 --at 20:00，发 /help broadcast 看详细用法。"
    )


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
    how = next((said for pattern, said in topic.actions if pattern.search(text)), topic.how)
    return f"{how}\n发 /help {topic.command} 看详细用法。"


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
