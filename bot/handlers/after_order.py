"""What shoppers say about an order they already placed, in their own words, before the matcher's
intent decides: "我申请的退货怎么样了", "几天能到", "订单号多少", "快点发货啊", "地址填错了 改成…",
"不要了 取消吧", "收到的杯子是坏的".

The matcher puts these under broad intents (order_status, return_refund, cancel_order,
modify_order) or between two of them (the clarify band), and its FAQ answers speak about the
shop in general. Each sentence here has one meaning once the shopper's own orders are looked at:
progress means their tickets, a delivery time means their paid or shipped orders (or the shop's
delivery times when there are none), a correction goes to the change it names. A message none
of the patterns reads goes on to the intent's handler unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from bot.business import aftercare, return_cases
from bot.business.dispatch import dispatch_of, paid_time_text, standard_rule, when_text
from bot.business.texts import sf_terms, shopper_status
from bot.business.tickets import return_address, tell_staff
from bot.dialogs.aftersales.form import asks, is_complaint, kind_in, returns_what_arrived
from bot.dialogs.parse import BOUGHT_WHEN, WHEN_DAYS, bought_when
from bot.handlers import aftercare as changes
from bot.handlers import answers, queries
from bot.handlers.answers import FAQ_MIN_IN_CLARIFY
from bot.protocol import Inbound
from bot.router import Handler
from bot.shop import catalog
from bot.shop.texts import ORDER_STATUS, mask_name, pay_url
from bot.step import Context, Step
from bot.storage import (
    Change,
    InvalidTransition,
    Order,
    OrderStatus,
    ShipmentEvent,
    Ticket,
    TicketKind,
    TicketNotFound,
    TicketStatus,
)
from knowledge.entities import ORDER_NO, PHONE, find_order_no
from knowledge.matcher import MatchResult
from knowledge.model import IntentId
from knowledge.numerals import parse_chinese_number
from knowledge.regions import province_of

S = OrderStatus
SHIP_WHEN, SHIP_ETA = "ship.when", "ship.eta"
NO_UPDATE, RETURN_HOW = "ship.no_update", "return.how"

_PROGRESS = re.compile(
    r"(?:退货|退款|换货|售后|退的钱|钱).{0,8}"
    r"(?:怎么样|进度|到哪|处理|好了没|审核|还没|没到|没收到|呢$|到账了?[吗没]|退了[吗没]|通过)"
    r"|(?:我|我的)(?:申请的?)?(?:退货|退款|换货|售后)(?:呢|单)?$"
    r"|我申请的(?:退货|退款|换货|售后)"
)
"""The shopper asks how their own ticket is going (not how after-sales works)."""
_CANCEL_WISH = re.compile(r"不想要了|不要了|不买了|取消吧|退掉|想取消|要取消")
_URGE = re.compile(r"催|快点发|赶紧发|尽快发|早点发|快发货|怎么还不发|怎么还没发|还不发货|还没发货")
"""Pushing for the parcel to leave (a plain "什么时候发货" is _SHIP_WHEN's question)."""
_SHIP_WHEN_ASKED = re.compile(
    r"(?:什么时候|啥时候|啥时|几时|几号|哪天|多久|几天|多长时间|今天|明天|当天|马上)"
    r"(?:能|可以|会|才|就|能不能|可不可以)?(?:给我)?(?:发货|发出|发走|寄出|发)(?![票顺])"
    r"|(?:发货|发出)(?:要|需要)?(?:几天|多久|多长时间)"
    r"|(?:能|可以)(?:发货|发出)了?(?:吗|没|不)"
)
_SHIPPED_YET = re.compile(
    r"(?:发货|发出去?|发走|寄出去?|发)了(?:没有?|吗|么|嘛|不)|(?:发货|发出|寄出)(?:没有?)"
    r"|发没发|有没有发(?:货|出)?"
)
"""Whether the shopper's order has left yet ("发了没", "发货了吗"): about an order under way."""
_SHIP_WHEN = re.compile(f"{_SHIP_WHEN_ASKED.pattern}|{_SHIPPED_YET.pattern}")
"""When the order leaves the warehouse ("啥时候发货", "什么时候能发", "今天能发出吗"), or whether
it has left yet ("发了没", "发货了吗": the order's state and when it leaves), not when
it arrives (_ETA) nor a push to send it (_URGE)."""
_STALLED = re.compile(
    r"(?:物流|快递|包裹|单号|信息).{0,6}(?:不动|没动|不更新|没更新|没变|停了|卡住|卡着|没动静)"
    r"|(?:一直|好几天|几天|好久|半天)(?:都|也)?(?:不动|没动|不更新|没更新|没变化|没动静)"
)
"""A parcel that stopped moving (not 快递到哪了, the tracking itself)."""
_REFUND_HOW = re.compile(
    r"(?:直接|给我|帮我)(?:给我|帮我)?(?:直接)?退(?:款|钱)(?:吧|啊|得了)?(?:$|[\s，,。!！])"
    r"|钱(?:要)?(?:咋|怎么|怎样|如何)(?:退|还|给|返)|(?:咋|怎么|如何)退(?:钱|款)"
    r"|退款(?:咋|怎么)(?:弄|办|操作|退)|钱(?:能|可以)退(?:吗|不|回来)"
)
"""How the shopper gets their money back (that depends on where their order is)."""
_POSTAGE = re.compile(r"运费|邮费|快递费")
_MONEY = re.compile(r"钱|退款|款|发票")
"""钱什么时候到 is the refund's time, 什么时候能收到发票 the invoice's, not a parcel's."""
_ETA = re.compile(
    r"(?:几天|多久|多长时间|什么时候|啥时候|几号)(?:能|可以|才)?(?:到|收到|送到)(?![账款])"
)
"""A delivery time (not 退款多久到账, a refund's)."""
_ORDER_NO_QUESTION = re.compile(r"订单号|订单编号|单号是?多少")
_PARCEL_NO = re.compile(r"快递单号|运单号|物流单号")
_FIELD_WRONG = re.compile(
    r"(?P<field>收货地址|地址|手机号码?|电话号码?|电话|手机|收货人|收件人|名字|姓名)"
    r"(?:也|又|还|都|好像|也是)?(?:填|写|留|打|给)?(?:错了|错|不对)"
    r"|改(?:个|一下|下)?(?P<field2>收货地址|地址|手机号码?|电话号码?|电话|手机|收货人|收件人|名字|姓名)"
    r"|(?P<field3>收货地址|地址|手机号码?|电话号码?|电话|手机|收货人|收件人)(?:要|得|需要|想|帮我)?"
    r"(?:(?:修改|更改|改|换)(?:一下|下)?(?![成为])|(?=(?:改|换)[成为]))"
)
"""A receiver's detail said wrong ("地址填错了"), or to change ("改个地址", "地址要改一下 改成…",
"电话改成…"); the new value may follow."""
_CAN_CHANGE = re.compile(
    r"(?P<asked>收货地址|地址|手机号码?|电话号码?|电话|手机|收货人|收件人)(?:还)?"
    r"(?:能|可以|能不能|可不可以|可否|咋|怎么)(?:修改|更改|改|换)"
)
"""Asking whether the order's receiver can still change ("地址能改不 我搬家了"): the answer
depends on the shopper's own order (shipped or not), not the FAQ's general rule."""
_NEW_VALUE = re.compile(
    r"(?:改成|改为|换成|应该是|正确的是|正确是|不是.{1,20}?是|是)[:：\s]*(?P<value>.+)$"
)
_ASKED_AFTER = re.compile(
    r"[\s，,]+(?:(?:能|可以|可不可以|能不能|还能)(?:帮我)?(?:改|修改|换)?(?:一下|下)?(?:吗|么|嘛|不|呢)?"
    r"|(?:帮我)?(?:改|修改)(?:一下|下)?(?:吗|么|嘛)|行吗|可以吗|好吗)[?？。]*$"
)
"""The asking after a new value ("应该是南山区…2号 能改吗"): no part of it."""
_INVOICE_ASKED = re.compile(r"^.*?发票(?:开一下|开下|开个|开张|开了|开)?")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_QUESTION = re.compile(r"[?？]|吗|怎么|如何|能不能|可不可以|可以不|还能")
_RETURN_ADDRESS = re.compile(
    r"(?:寄回|寄还|退回|退货|换货|售后)(?:去|来|的|要)?(?:地址|寄(?:到|给)?(?:哪|什么地方|谁))"
    r"|(?:寄回|寄还|退回)(?:去|来)?(?:到|给)?(?:哪|什么地方|谁)"
)
"""Where to send the goods back ("寄回地址是哪里", "退货寄到哪"; not 收货地址, the order's)."""
_ASKS = re.compile(r"[?？吗呢]|谁|多少|怎么|什么|哪|几|多久|能不能|可不可以|是不是|要不要")
"""Any question, for reading it as one about the shopper's after-sales under way."""
_ABOUT_AFTER_SALES = re.compile(
    r"退|换|运费|邮费|快递费|寄|到账|售后|审核|地址|多久|几天|怎么办|流程|什么时候|时间|保修|维修"
)
"""A question that could be about the after-sales under way ("运费谁出", "多久到账"); only those
read the shopper's tickets (a query on every question was a tenth of a busy worker's time)."""
_TRACKING = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{0,4}\d{8,20}[A-Za-z]{0,2}(?![A-Za-z0-9])")
"""A parcel's tracking number: SF1234567890, YT…, JT…, 7731…(digits only), EA123456789CN."""
_SENT_BACK_WORDS = re.compile(r"寄回|寄出|寄了|寄过去|寄走|退回|发回|发出|快递|单号|运单")
"""Words that make a tracking number the parcel sent back, also without an approved ticket."""
_SENT_NOW = re.compile(r"(?:寄回|寄出|寄了|寄走|退回|发回)(?:去|来)?了|寄过去了|已经寄")
"""The shopper says they sent the goods back ("已经寄出了"), maybe without the number."""
SENT_BACK = (TicketStatus.APPROVED, TicketStatus.RECEIVED)
KIND_WORD = {TicketKind.RETURN: "退货", TicketKind.REFUND: "退款", TicketKind.EXCHANGE: "换货"}
"""How a question about a ticket of this kind is read: "运费谁出" → "退货运费谁出"."""
AFTER_SALES_INTENT = IntentId.RETURN_REFUND
RETURN_ADDRESS_FAQ = "return.address"
_FIELDS = {
    "地址": "address",
    "收货地址": "address",
    "电话": "phone",
    "手机": "phone",
    "手机号": "phone",
    "手机号码": "phone",
    "电话号码": "phone",
    "收货人": "name",
    "收件人": "name",
    "名字": "name",
    "姓名": "name",
}


@dataclass(frozen=True)
class Topic:
    name: str
    pattern: re.Pattern[str]
    answer: Callable[[Inbound, Context], Awaitable[Step | None]]
    unless: re.Pattern[str] | None = None

    def reads(self, text: str) -> bool:
        if not self.pattern.search(text):
            return False
        return self.unless is None or not self.unless.search(text)


def _faq(ctx: Context, faq_id: str) -> str:
    faq = catalog.kb(ctx).faqs.get(faq_id)
    return faq.answer if faq is not None else ""


async def _orders(msg: Inbound, ctx: Context) -> list[Order]:
    return await ctx.services.db.orders.list_orders(msg.user, 20, channel=str(msg.channel))


def _what(order: Order) -> str:
    first = order.lines[0].name if order.lines else "商品"
    return f"{first}{'等' if len(order.lines) > 1 else ''}"


# ------------------------------------------------------------------ progress of a ticket


async def progress(msg: Inbound, ctx: Context) -> Step | None:
    if find_order_no(msg.text) or queries.ticket_no_in(msg.text):
        return None  # the number decides (queries.status_text)
    if _WHEN_OR_WHERE.search(msg.text):  # 钱啥时候退回来 退到哪: answered, with the ticket
        answered = await ticket_question(msg, ctx)
        if answered is not None:
            return answered
    return Step.say(await queries.my_tickets(msg, ctx))


_WHEN_OR_WHERE = re.compile(r"什么时候|啥时候|多久|几天|多长时间|哪里|哪儿|到哪(?!了)|退到|退回哪")
"""A question about when or where the money goes ("钱啥时候退回来", "退到哪"), not 到哪了."""


# ------------------------------------------------------------------ a ticket under way


async def _active_tickets(msg: Inbound, ctx: Context) -> list[Ticket]:
    tickets = await ctx.services.db.tickets.list_tickets(
        msg.user, queries.LISTED, channel=str(msg.channel)
    )
    return [t for t in tickets if t.active]


async def where_to_send(msg: Inbound, ctx: Context) -> Step | None:
    """寄回地址是哪里 with a return or exchange approved: the address the approval gave (the
    shop's, or the one staff wrote in their note); before that, the FAQ says when it comes."""
    tickets = await _active_tickets(msg, ctx)
    approved = [t for t in tickets if t.status in SENT_BACK and t.kind is not TicketKind.REFUND]
    postage = _postage_answer(ctx, msg.text, tickets[0].kind if tickets else None)
    if not approved:
        before = _faq(ctx, RETURN_ADDRESS_FAQ)  # the address comes with the approval
        if not before or not tickets:
            return Step.say(_lines(before, postage)) if before else None
        status = f"您的售后单 {tickets[0].ticket_no}：{shopper_status(tickets[0])}"
        return Step.say(_lines(before, postage, status))
    ticket = approved[0]
    address = return_address(ctx.services) or ticket.note
    if not address:
        return Step.say(
            _lines("寄回地址客服会发给您，我请客服确认一下：回复“人工”可以直接问客服。", postage)
        )
    return Step.say(
        _lines(
            f"售后单 {ticket.ticket_no} 请寄回：{address}\n"
            "包裹里附一张写有售后单号的纸条，不要寄到付；寄出后把快递单号发给客服就行。",
            postage,
        )
    )


def _lines(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _postage_answer(ctx: Context, text: str, kind: TicketKind | None) -> str:
    """ "退货寄哪里 运费谁出": the postage part of the question, answered beside the address."""
    parts = [p for p in re.split(r"[\s，,。；;？?]+", text) if _POSTAGE.search(p)]
    if not parts:
        return ""
    return in_after_sales(ctx, parts[0], kind) or ""


def in_after_sales(
    ctx: Context,
    text: str,
    kind: TicketKind | None,
    case: str | None = None,
    insured: bool = False,
) -> str | None:
    """A question asked while an after-sales request is under way, read as one about it
    ("运费谁出" during a return is "退货运费谁出"): the after-sales FAQ's answer, or None. Each
    part of the message is answered ("有运费险吗 退回去运费谁出": both), and once the case is
    known its own policy answers for the general one (`case`: return_cases; `insured`: the
    goods come with 运费险, said beside the postage of a return)."""
    if not _asks_after_sales(text):
        return None  # 我要退货 said again is the request, not a question
    found = [f for part in _parts(text) if (f := _after_sales_faq_for(ctx, part, kind))]
    if not found:
        whole = _after_sales_faq_for(ctx, text, kind)
        found = [whole] if whole else []
    if not found and case is not None and _COMPENSATE.search(text):
        return _case_text(ctx, case, case)  # 怎么赔 about bad fruit: the case's own policy
    ids = list(dict.fromkeys(_for_case(f, case, insured, kind) for f in found))
    said = [_case_text(ctx, i, case) for i in dict.fromkeys(x for group in ids for x in group)]
    return "\n".join(x for x in said if x) or None


_COMPENSATE = re.compile(r"赔|补偿|怎么(?:处理|算|退)|咋(?:处理|算|退)|退多少")
"""How the shopper is made good ("怎么赔", "赔多少", "怎么算"): the case's own policy says."""


def remote_postage(ctx: Context, order: Order | None, kind: TicketKind | None) -> str:
    """Beside the postage of sending goods back, for an order whose address is in a region
    that ships at a surcharge (新疆 …): what that means for this request; "" elsewhere."""
    if order is None or not order.address:
        return ""
    province = province_of(order.address)
    region = catalog.kb(ctx).shipping.region_of(province)
    if region is None or region.excluded or (region.free_shipping and not region.surcharge_fen):
        return ""
    new_one = "；换的新商品由我们寄出，不再收运费" if kind is TicketKind.EXCHANGE else ""
    return (
        f"您的订单寄到{province}（{region.name}）：寄回的运费按您选的快递公司实际收费"
        f"{new_one}。不确定的话回复“人工”问问客服。"
    )


async def case_of_request(
    msg: Inbound, ctx: Context, order_no: str | None, said: str
) -> tuple[str | None, bool]:
    """The after-sales case (return_cases) of a request for this order, for what was said about
    it, and whether its goods come with 运费险; the products named stand in for the order before
    one is chosen."""
    kb = catalog.kb(ctx)
    order = None
    if order_no:
        order = await ctx.services.db.orders.get_order(order_no, msg.user, channel=str(msg.channel))
    if order is not None:
        skus = [line.sku for line in order.lines]
    else:
        skus = [p.sku for p in catalog.named_products(ctx, said)]
    return return_cases.case_of(kb, skus, said), return_cases.insured(kb, skus)


def _parts(text: str) -> list[str]:
    parts = [p for p in re.split(r"[\s，,。；;？?！!]+", text) if len(p) >= 2]
    return parts if len(parts) > 1 else []


def _after_sales_faq_for(ctx: Context, text: str, kind: TicketKind | None) -> str | None:
    """The after-sales FAQ one question is about, read on its own, then as the kind's."""
    if not _asks_after_sales(text):
        return None
    result = catalog.match_text(ctx, text)
    faq = result.faq if result is not None else None
    if result is not None and faq is not None and _understood(result):
        # understood on its own (运费多少 is the shop's shipping fee): not re-read, except that
        # during an exchange the parcel asked about is the new one (多久能发出 → 换货多久)
        if kind is TicketKind.EXCHANGE and faq.id in _SHIPPING_OF_THE_NEW_ONE:
            return EXCHANGE_TIME_FAQ if _faq(ctx, EXCHANGE_TIME_FAQ) else None
        if _after_sales_faq(ctx, faq.id):
            return faq.id
        if _POSTAGE.search(text) and _SENT_BACK.search(text) and _faq(ctx, RETURN_POSTAGE_FAQ):
            return RETURN_POSTAGE_FAQ  # 换了的话寄回运费多少: not the shop's shipping fee
        return None
    word = KIND_WORD.get(kind or TicketKind.RETURN, "退货")
    # "钱什么时候到" is about the refund whatever the kind: read as the kind's, then a refund's
    for said in dict.fromkeys((f"{word}{text}", f"退款{text}")):
        result = catalog.match_text(ctx, said)
        faq = result.faq if result is not None else None
        if result is not None and faq is not None and _understood(result):
            return faq.id if _after_sales_faq(ctx, faq.id) else None
    return None


RETURN_POSTAGE_FAQ = "return.shipping_fee"
_SENT_BACK = re.compile(r"寄回|退回|发回|寄过去|寄给你们|退货|换货|换了|退了")
"""A question about sending the goods back, whatever else it shares words with (运费多少)."""
_POSTAGE_DEMAND = re.compile(
    r"(?:运费|邮费|快递费).{0,4}(?:你们|商家|店家|卖家|店里)(?:出|付|承担|包)"
)
"""来回运费你们出吧: a demand that is the question who pays."""


def asks_about_postage(text: str) -> bool:
    """运费谁出 / 来回运费你们出吧: who pays the postage, asked or demanded."""
    return bool(_POSTAGE.search(text)) and _asks_after_sales(text)


def _asks_after_sales(text: str) -> bool:
    return bool(_ASKS.search(text) or asks(text) or _POSTAGE_DEMAND.search(text))


EXCHANGE_TIME_FAQ = "return.exchange_time"
_SHIPPING_OF_THE_NEW_ONE = frozenset({SHIP_WHEN, SHIP_ETA})


_GENERAL_POLICY = frozenset(
    {"return.policy", "return.exchange", "return.shipping_fee", "return.send_back"}
)
"""The answers that speak for every product: a case's own policy answers instead."""
_CASE_OVERRIDES = {
    return_cases.WRONG_ITEM: _GENERAL_POLICY | {return_cases.INSURED},
    return_cases.FRESH: _GENERAL_POLICY | {return_cases.INSURED},
    return_cases.INTIMATE: frozenset({"return.policy", "return.exchange"}),
}


def _for_case(
    faq_id: str, case: str | None, insured: bool, kind: TicketKind | None
) -> tuple[str, ...]:
    """The FAQ ids that answer `faq_id` for this case (the case's own policy, 运费险 beside
    the postage of a clothing return)."""
    if case is not None and faq_id in _CASE_OVERRIDES.get(case, frozenset()):
        return (case,)
    returning = kind in (None, TicketKind.RETURN, TicketKind.EXCHANGE)  # both send it back
    if insured and returning and faq_id in _POSTAGE_FAQS and case is None:
        return (faq_id, return_cases.INSURED)
    return (faq_id,)


_POSTAGE_FAQS = frozenset({RETURN_POSTAGE_FAQ, "return.send_back"})
"""The answers that say who pays for sending goods back: 运费险 is said beside them."""


def _case_text(ctx: Context, faq_id: str, case: str | None) -> str:
    answer = _faq(ctx, faq_id)
    return return_cases.said_in_the_form(answer) if case == faq_id else answer


def _understood(result: MatchResult) -> bool:
    """The FAQ hit is the answer: the matcher is sure, or the FAQ is this close anyway."""
    faq = result.faq
    return faq is not None and (result.band == "act" or faq.score >= FAQ_MIN_IN_CLARIFY)


def _after_sales_faq(ctx: Context, faq_id: str) -> bool:
    entry = catalog.kb(ctx).faqs.get(faq_id)
    return entry is not None and entry.intent == AFTER_SALES_INTENT


async def ticket_question(msg: Inbound, ctx: Context) -> Step | None:
    """A question about after-sales from a shopper whose ticket is under way: answered for it
    (no "回复“售后”申请" — they already did), with where their ticket stands."""
    if not _ABOUT_AFTER_SALES.search(msg.text):
        return None
    tickets = await _active_tickets(msg, ctx)
    if not tickets:
        return None
    answer = in_after_sales(ctx, msg.text, tickets[0].kind)
    if answer is None:
        return None
    ticket = tickets[0]
    return Step.say(f"{answer}\n您的售后单 {ticket.ticket_no}：{shopper_status(ticket)}")


# ------------------------------------------------------------------ the parcel sent back


def tracking_no_in(text: str) -> str | None:
    """A parcel tracking number in the message; never an order or ticket number, nor a phone."""
    for found in _TRACKING.finditer(text):
        token = found.group()
        if ORDER_NO.fullmatch(token) or queries.ticket_no_in(token) or PHONE.fullmatch(token):
            continue
        return token.upper()
    return None


def _waiting_for_parcel(ticket: Ticket) -> bool:
    return ticket.status is TicketStatus.APPROVED and ticket.kind is not TicketKind.REFUND


async def return_parcel(msg: Inbound, ctx: Context) -> Step | None:
    """ "我已经寄回了 单号SF9876543210" after a return or exchange was approved: the number is
    recorded on the ticket and staff are told, never a new application. Said before any
    approval, staff are told and the shopper hears what happens; None when it is not about a
    parcel sent back (a number alone, without tickets)."""
    tracking = tracking_no_in(msg.text)
    if tracking is None:
        return None
    tickets = await _active_tickets(msg, ctx)
    waiting = [t for t in tickets if _waiting_for_parcel(t)]
    named = queries.ticket_no_in(msg.text) or find_order_no(msg.text)
    if named:
        waiting = [t for t in waiting if named in (t.ticket_no, t.order_no)]
    if len(waiting) == 1:
        return Step.say(await _record_parcel(msg, ctx, waiting[0], tracking))
    if len(waiting) > 1:
        listing = "\n".join(
            f"{t.ticket_no}（订单 {t.order_no}）" for t in waiting[: queries.LISTED]
        )
        return Step.say(
            f"您有{len(waiting)}个售后单在等寄回的商品，这个快递单号 {tracking} 是哪一个的？"
            f"请带上售后单号再发一次：\n{listing}"
        )
    if not _SENT_BACK_WORDS.search(msg.text):
        return None
    return Step.say(await _parcel_without_approval(ctx, tickets, tracking))


async def parcel_sent(msg: Inbound, ctx: Context) -> Step | None:
    """ "已经寄出了" without a tracking number while a return or exchange waits for the parcel:
    the number is asked for (or the one already recorded is repeated)."""
    if tracking_no_in(msg.text) or _QUESTION.search(msg.text):
        return None
    waiting = [t for t in await _active_tickets(msg, ctx) if _waiting_for_parcel(t)]
    if not waiting:
        return None
    ticket = waiting[0]
    if ticket.return_tracking:
        return Step.say(
            f"寄回的快递单号 {ticket.return_tracking} 已登记在售后单 {ticket.ticket_no}，"
            "仓库签收后会通知您；单号写错了的话直接发正确的单号给我。"
        )
    return Step.say(
        f"好的，请把寄回的快递单号发给我（例如 SF1234567890），我登记到售后单 {ticket.ticket_no}，"
        "仓库签收后就给您处理。"
    )


async def _record_parcel(msg: Inbound, ctx: Context, ticket: Ticket, tracking: str) -> str:
    try:
        ticket = await ctx.services.db.tickets.record_return_parcel(
            ticket.ticket_no, msg.user, tracking, channel=str(msg.channel)
        )
    except (TicketNotFound, InvalidTransition):  # moved meanwhile (staff marked it received)
        return f"售后单 {ticket.ticket_no} 刚刚有了新进展，发“售后进度”可以查看。"
    what = KIND_WORD.get(ticket.kind, "售后")
    ctx.services.tasks.spawn(
        tell_staff(
            ctx.services,
            f"顾客已寄回{what}商品：售后单 {ticket.ticket_no}（订单 {ticket.order_no}），"
            f"快递单号 {tracking}。仓库签收后请发：/ticket {ticket.ticket_no} received",
        )
    )
    after = (
        "仓库签收验货后1个工作日内退款，退款后会通知您。"
        if ticket.kind is TicketKind.RETURN
        else "仓库签收后会尽快给您换新的发出。"
    )
    return f"收到！寄回的快递单号 {tracking} 已登记到售后单 {ticket.ticket_no}，{after}"


async def _parcel_without_approval(ctx: Context, tickets: list[Ticket], tracking: str) -> str:
    """A parcel sent back that no approved ticket waits for: a human checks, nothing is opened."""
    about = f"（售后单 {tickets[0].ticket_no}：{shopper_status(tickets[0])}）" if tickets else ""
    ctx.services.tasks.spawn(
        tell_staff(
            ctx.services,
            f"顾客说已经寄回商品，快递单号 {tracking}，但没有等寄回的售后单{about}，请跟进。",
        )
    )
    return (
        f"收到快递单号 {tracking}，已经转给客服核对{about}，仓库签收后会联系您。"
        "还没申请售后的话，回复“售后”申请；着急可以回复“人工”。"
    )


# ------------------------------------------------------------------ cancel


async def cancel_wish(msg: Inbound, ctx: Context) -> Step | None:
    """不要了 / 取消吧 / 不想要了 能退款吗: what can be done with the shopper's orders as they are."""
    if find_order_no(msg.text):
        return await queries.cancel(msg, ctx)
    orders = await _orders(msg, ctx)
    if not orders:
        return Step.say("您还没有订单，不需要取消。想买什么直接告诉我～")
    open_ones = [o for o in orders if o.status in (S.CREATED, S.PAID)]
    if open_ones:
        return await queries.cancel(msg, ctx)
    sent = [o for o in orders if o.status in (S.SHIPPED, S.DONE)]
    if sent:
        return Step.say(
            queries.cancel_refusal(sent[0].status).replace("这个订单", f"订单 {sent[0].order_no} ")
        )
    return Step.say("您的订单都已经关闭了，不需要再取消。")


async def refund_how(msg: Inbound, ctx: Context) -> Step | None:
    """那钱咋退 without an after-sales request: how it comes back for the shopper's own latest
    order as it stands (cancel before shipping, refuse or return after); None with a ticket
    under way (ticket_question answers for it) or without orders (the FAQ does)."""
    if find_order_no(msg.text) or await _active_tickets(msg, ctx):
        return None
    orders = [
        o for o in await _orders(msg, ctx) if o.status in (S.CREATED, S.PAID, S.SHIPPED, S.DONE)
    ]
    if not orders:
        return None
    order = orders[0]
    about = f"订单 {order.order_no}（{_what(order)}）"
    if order.status is S.CREATED:
        text = f"{about}还没付款，不用退钱；不要了回复“取消订单 {order.order_no}”就行。"
    elif order.status is S.PAID:
        text = (
            f"{about}还没发货：回复“取消订单 {order.order_no}”取消，付的钱全额原路退回"
            "（微信零钱即时到账）。"
        )
    elif order.status is S.SHIPPED:
        text = (
            f"{about}已经发出，路上没法直接退款：送到时拒收，包裹退回仓库后全额原路退回；"
            "已经签收的话回复“售后”申请退货，仓库收到验货后1个工作日内退款。"
            "着急的话也可以回复“人工”找客服。"
        )
    else:
        text = f"{about}已经签收：{_faq(ctx, RETURN_HOW)}"
    return Step.say(text)


_REFUND_WHEN = re.compile(
    r"(?:钱|款|退款).{0,6}(?:什么时候|啥时候|啥时|多久|几天|多长时间|哪天|几号)"
    r"|(?:钱|款).{0,6}(?:退|到|回)(?:到)?(?:哪|什么地方)|退(?:到|回)?哪(?:里|儿)?"
)
"""When and where the money comes back ("钱啥时候退回来", "拒收的话钱多久能退 退哪里")."""
_CANCELLED_YET = re.compile(r"取消(?:了|掉了|成功了?)(?:吗|没|么|没有|不)|取消好了(?:吗|没)")
"""Whether a cancellation went through ("取消了吗")."""
_COUPON_FORGOT = re.compile(
    r"(?:忘|忘记|没)(?:了)?(?:用|使用|领|填)(?:优惠)?(?:券|卷|码)|(?:券|卷).{0,8}(?:还能|能|可以)(?:补|用)"
    r"|(?:退|补|返)(?:我)?.{0,4}差价"
)
"""A coupon not used on an order already placed ("忘用券了 还能用吗", "能退我差价吗")."""
_PRICE_DIFFERENCE = re.compile(r"差价")
REFUND_TIME_FAQ = "return.refund_time"


def _refund_times(ctx: Context) -> str:
    """How long the money takes by how it was paid: the refund-time FAQ without the warehouse's
    check, which a cancelled or refused order has no need of."""
    said = _faq(ctx, REFUND_TIME_FAQ)
    return said.split("发起退款，", 1)[-1].rstrip("。")


_WAYS_BACK = re.compile(r"拒收|取消|不要了|不想要|退货|退掉|退回去|钱退|退哪|退到哪|退回哪")
"""The way the money would come back is said or asked (拒收的话…, 取消了钱…, 退哪里)."""


async def refund_when(msg: Inbound, ctx: Context) -> Step | None:
    """钱啥时候退回来: for the shopper's latest order as it stands (cancelled after paying: on its
    way back; paid: once cancelled; shipped: once refused and back); None with a ticket under
    way (ticket_question answers for it) or without a paid order (the FAQ does)."""
    if find_order_no(msg.text):
        return None
    paid = [o for o in await _orders(msg, ctx) if o.paid_at is not None]
    if not paid:
        return None
    order = paid[0]
    if order.status is not S.CANCELLED and await _active_tickets(msg, ctx):
        return None  # a cancelled order's refund ticket is this answer; another one answers itself
    about = f"订单 {order.order_no}（{_what(order)}）"
    back = f"¥{order.total_fen / 100:.2f}原路退回（付款用的零钱、银行卡或信用卡）：{_refund_times(ctx)}"
    if order.status is S.CANCELLED:
        text = f"{about}已经取消，{back}。"
    elif not _WAYS_BACK.search(msg.text):  # 退款多久到账 with nothing asked for: how long
        times = _faq(ctx, REFUND_TIME_FAQ)
        way = (
            f"不想要了回复“取消订单 {order.order_no}”，取消后全额原路退回"
            if order.status is S.PAID
            else "不想要的话可以送到时拒收，或收货后回复“售后”申请退货"
        )
        if order.status not in (S.PAID, S.SHIPPED) or not times:
            return None
        text = f"{times}\n{about}还没有申请退款；{way}。"
    elif order.status is S.PAID:
        text = f"{about}还没发货，回复“取消订单 {order.order_no}”取消后，{back}。"
    elif order.status is S.SHIPPED:
        text = f"{about}已经发出：送到时拒收，包裹退回仓库后{back}。"
    else:
        return None  # signed for: the return's own times (the FAQ) after an application
    return Step.say(text)


async def cancelled_yet(msg: Inbound, ctx: Context) -> Step | None:
    """取消了吗: whether the shopper's latest order was cancelled, then their orders."""
    if find_order_no(msg.text):
        return None
    orders = await _orders(msg, ctx)
    if not orders:
        return None
    order = orders[0]
    about = f"订单 {order.order_no}（{_what(order)}）"
    if order.status in (S.CANCELLED, S.EXPIRED):
        lead = f"{about}已经取消了。"
    elif order.status in (S.CREATED, S.PAID):
        lead = f"{about}还没取消；要取消回复“取消订单 {order.order_no}”。"
    else:
        lead = f"{about}没有取消，{_order_state_line(ctx, order).replace(about, '', 1)}。"
    return Step.say(f"{lead}\n{await queries.my_orders(msg, ctx)}")


async def coupon_forgot(msg: Inbound, ctx: Context) -> Step | None:
    """忘用券了: a coupon cannot be added to a placed order; before it ships, cancelling and
    ordering again with the coupon is the way. None without such an order (the coupon FAQ)."""
    orders = [o for o in await _orders(msg, ctx) if o.status in (S.CREATED, S.PAID)]
    if not orders or orders[0].coupon_code:
        return None
    order = orders[0]
    about = f"订单 {order.order_no}（{_what(order)}）"
    if _PRICE_DIFFERENCE.search(msg.text):
        how = f"差价没法单独退；{about}还没发货，取消（全额原路退回）后重新下单就能用券"
    elif order.status is S.CREATED:
        how = f"{about}已经提交，不能再补用券；还没付款，取消后重新下单时发券码就能减"
    else:
        how = f"{about}已经付款，不能再补用券；还没发货，可以取消（全额原路退回）后重新下单用券"
    return Step.say(
        f"{how}。要我帮您取消吗？确认请回复“确认取消”。",
        slots={queries.PENDING_CANCEL: order.order_no},
    )


# ------------------------------------------------------------------ delivery


def _named_orders(
    msg: Inbound, ctx: Context, orders: list[Order]
) -> tuple[str, list[Order]] | None:
    """The product the message names ("我买的T恤什么时候到") and the orders that hold it."""
    result = catalog.match(msg, ctx)
    if result is None or not result.products:
        return None
    best = result.products[0]
    skus = {hit.sku for hit in result.products if hit.score >= best.score - 0.05}
    holding = [o for o in orders if any(line.sku in skus for line in o.lines)]
    return best.name, holding


def _order_state_line(ctx: Context, order: Order) -> str:
    kb = catalog.kb(ctx)
    if order.status is S.SHIPPED and order.carrier and order.tracking_no:
        link = kb.carriers.link(order.carrier, order.tracking_no)
        where = f"，查看物流：{link}" if link else ""
        return f"订单 {order.order_no}（{_what(order)}）已发货：{order.carrier} {order.tracking_no}{where}"
    if order.status is S.PAID:
        return f"订单 {order.order_no}（{_what(order)}）已付款，正在备货，还没发出"
    if order.status is S.CREATED:
        return (
            f"订单 {order.order_no}（{_what(order)}）还没付款，付款后才会发货："
            f"{pay_url(ctx.services.config.shop, order)}"
        )
    if order.status is S.DONE:
        return f"订单 {order.order_no}（{_what(order)}）已经签收了"
    return f"订单 {order.order_no}（{_what(order)}）已关闭"


async def delivery_time(msg: Inbound, ctx: Context) -> Step | None:
    """几天能到: the shopper's orders still on their way with the shop's delivery times; without
    any, the delivery times alone (a question before buying)."""
    if find_order_no(msg.text):
        return None
    orders = await _orders(msg, ctx)
    named = _named_orders(msg, ctx, orders)
    under_way = [o for o in orders if o.status in (S.CREATED, S.PAID, S.SHIPPED)]
    if named is not None and orders:
        product, holding = named
        if not holding:
            return Step.say(f"没有找到您买{product}的订单。{await queries.my_orders(msg, ctx)}")
        under_way = [o for o in holding if o.status in (S.CREATED, S.PAID, S.SHIPPED)] or holding
    transit = answers.transit_answer(msg.text, catalog.kb(ctx))  # 发新疆几天到: that place's
    if not under_way:
        return Step.say(transit or _times_before_buying(ctx))
    lines = [_order_state_line(ctx, o) for o in under_way[: queries.LISTED]]
    times = [transit or _faq(ctx, SHIP_ETA)]
    if any(o.status is S.PAID for o in under_way):
        times.insert(0, _faq(ctx, SHIP_WHEN))
    return Step.say("\n".join([*lines, *times]))


def _times_before_buying(ctx: Context) -> str:
    """几天能到 asked before buying: when goods in stock leave, in the rule's one clause, then the
    delivery times. The whole ship-time answer (fruit batches, pre-sales) is the answer to
    "什么时候发货", often the question just before; said again here it buries the days asked."""
    rule = standard_rule(catalog.kb(ctx))
    eta = _faq(ctx, SHIP_ETA)
    return f"现货{rule}；{eta}" if rule else f"{_faq(ctx, SHIP_WHEN)}\n{eta}"


def _dispatch_line(ctx: Context, order: Order) -> tuple[str, bool]:
    """When this paid order leaves under the shop's dispatch rules, and whether that time has
    passed without it leaving (the warehouse is told then); the FAQ's general words when the
    rules say nothing for it."""
    clock = ctx.services.clock
    dispatch = dispatch_of(catalog.kb(ctx), order, clock.zone)
    about = f"订单 {order.order_no}（{_what(order)}）"
    if dispatch is None:
        return f"{about}已付款，正在备货。{_faq(ctx, SHIP_WHEN)}", False
    today = clock.today()
    paid = paid_time_text(order, clock.zone, today)
    if clock.now() > dispatch.by:
        late = f"{about}{paid}付款，按规则（{dispatch.rule}）应该已经发出，现在还没发"
        return f"{late}，已经提醒仓库尽快给您发出。", True
    return f"{about}{paid}付款，按店铺规则（{dispatch.rule}）{when_text(dispatch, today)}。", False


async def ship_when(msg: Inbound, ctx: Context) -> Step | None:
    """ "啥时候发货" from a shopper with an order: when their order leaves, by the shop's
    dispatch rules applied to its payment time (an unpaid one ships once paid, a shipped one
    is on its way); without orders under way the FAQ's general answer (the matcher may read
    it as a question about a parcel: "多久发货 今天能发不" is no "您没有已发货的订单")."""
    if find_order_no(msg.text):
        return None
    orders = await _orders(msg, ctx)
    named = _named_orders(msg, ctx, orders)
    if named is not None and named[1]:
        orders = named[1]
    paid = [o for o in orders if o.status is S.PAID]
    others = [o for o in orders if o.status in (S.CREATED, S.SHIPPED)]
    if not paid and not others:  # no order under way: the shop's rule, whatever the intent
        if _SHIPPED_YET.search(msg.text) and not _SHIP_WHEN_ASKED.search(msg.text):
            return None  # "发了没" with nothing under way: no order to speak of, not the rule
        rule = _faq(ctx, SHIP_WHEN)
        several = _ETA.search(msg.text) is not None  # 啥时候发 几天到: each part, by the FAQ
        return Step.say(rule) if rule and not several else None
    lines: list[str] = []
    late: list[Order] = []
    for order in paid[: queries.LISTED]:
        said, overdue = _dispatch_line(ctx, order)
        lines.append(said)
        late += [order] if overdue else []
    if not paid:
        lines = [_unpaid_or_state(ctx, o) for o in others[: queries.LISTED]]
        if any(o.status is S.CREATED for o in others) and not _rule_said(lines):
            lines.append(_faq(ctx, SHIP_WHEN))
        if _RUSH.search(msg.text):  # 我急用: the faster way the shop offers, not only the rule
            lines.append(_faster(ctx))
    if late:
        numbers = "、".join(o.order_no for o in late)
        ctx.services.tasks.spawn(
            tell_staff(
                ctx.services, f"顾客问发货：订单 {numbers} 已过发货时间还没发出，请尽快安排。"
            )
        )
        lines.append("着急的话也可以回复“人工”。")
    elif paid:
        lines.append("发出后发“我的订单”就能看到快递单号。")
    return Step.say("\n".join(lines))


_RUSH = re.compile(r"急|加急|快点|尽快|赶时间|等着用")
_NEEDED_BY = re.compile(r"(?:这|下)?(?:周|星期|礼拜)[一二三四五六日天]|明天|后天|\d{1,2}(?:号|日)")
"""The day the shopper needs it by ("我周六要去爬山", "明天要用")."""
"""The shopper needs it soon ("我急用 能今天发吗")."""


def _unpaid_or_state(ctx: Context, order: Order) -> str:
    """An unpaid order with when it leaves once paid (the shop's rule); another as it stands."""
    if order.status is S.CREATED:
        return queries.unpaid_text(ctx, order)
    return _order_state_line(ctx, order)


def _rule_said(lines: list[str]) -> bool:
    return any("现在付款的话" in line for line in lines)


def _faster(ctx: Context) -> str:
    """What the shop offers to get a parcel there sooner: no rush service, 顺丰 on its terms."""
    extra = catalog.kb(ctx).shipping.sf_extra_fen
    if extra is None:
        return "没有单独的加急服务；想快一些可以回复“人工”问问客服。"
    return f"没有单独的加急服务，想路上快一些可以发顺丰；{sf_terms(extra)}"


async def urge(msg: Inbound, ctx: Context) -> Step | None:
    """快点发货啊: staff are told about the shopper's paid orders waiting to ship, and the
    shopper is told so; unpaid or shipped orders are explained instead."""
    if find_order_no(msg.text):
        return None
    orders = await _orders(msg, ctx)
    waiting = [o for o in orders if o.status is S.PAID]
    if waiting:
        numbers = "、".join(o.order_no for o in waiting[: queries.LISTED])
        ctx.services.tasks.spawn(
            tell_staff(ctx.services, f"顾客催发货：订单 {numbers} 已付款还没发出，请尽快安排。")
        )
        # each order's own time to leave (its payment time under the rules), not the whole FAQ
        lines = [_waiting_line(ctx, o) for o in waiting[: queries.LISTED]]
        lines.append("已经提醒仓库尽快给您发出。")
        if _RUSH.search(msg.text):  # 能加急吗: what the shop offers instead
            lines.append(_faster(ctx))
        needed = _NEEDED_BY.search(msg.text)
        if needed is not None:  # 我周六要用: no date the courier could break is promised
            lines.append(
                f"要赶在{needed.group()}前收到的话，快递时效我没法保证，"
                "想更稳妥可以回复“人工”请客服帮您看看。"
            )
        else:
            lines.append("着急的话也可以回复“人工”。")
        return Step.say("\n".join(lines))
    unpaid = [o for o in orders if o.status is S.CREATED]
    shipped = [o for o in orders if o.status is S.SHIPPED]
    lines = [_order_state_line(ctx, o) for o in (shipped + unpaid)[: queries.LISTED]]
    if shipped:  # on its way: the courier, not the warehouse; a parcel that stopped is checked
        lines += [f"已经发出了，正在路上。{_faq(ctx, NO_UPDATE)}"]
    if lines:
        return Step.say("\n".join(lines))
    return Step.say(f"您还没有待发货的订单。{_faq(ctx, SHIP_WHEN)}")


def _waiting_line(ctx: Context, order: Order) -> str:
    """A paid order not sent yet, and when it leaves under the shop's rules."""
    state = _order_state_line(ctx, order)
    if dispatch_of(catalog.kb(ctx), order, ctx.services.clock.zone) is None:
        return f"{state}。"  # no rule for it: the state alone, never the whole FAQ again
    about = f"订单 {order.order_no}（{_what(order)}）"
    return f"{state}；{_dispatch_line(ctx, order)[0].replace(about, '', 1)}"


async def stalled(msg: Inbound, ctx: Context) -> Step | None:
    """物流一直不动: the shopper's parcels on their way, and what the shop does about one that
    stopped moving (ship.no_update); None without a shipped order (status_text says why)."""
    if find_order_no(msg.text):
        return None
    shipped = [o for o in await _orders(msg, ctx) if o.status is S.SHIPPED]
    if not shipped:
        return None
    lines = [_order_state_line(ctx, o) for o in shipped[: queries.LISTED]]
    return Step.say(answers.apologising(msg.text, "\n".join([*lines, _faq(ctx, NO_UPDATE)])))


async def order_numbers(msg: Inbound, ctx: Context) -> Step | None:
    """订单号多少: the shopper's orders, numbers first (查物流 words go to logistics)."""
    if find_order_no(msg.text) or _PARCEL_NO.search(msg.text):
        return None
    return Step.say(await queries.my_orders(msg, ctx))


_TODAY_ARRIVAL = re.compile(
    r"(?:今天|今儿|今日)(?:能|可以|会|就)?(?:送到|到|送来|送过来|收到)|几点(?:能|会)?(?:到|送)"
    r"|(?:到|送到)(?:哪|哪儿|哪里)了"
)
"""Where the parcel is now and whether it comes today ("今天能送到不", "到哪了")."""
_PICKUP_POINT = re.compile(r"驿站|快递柜|丰巢|菜鸟|放门口|放门卫|代收|不在家")
"""Where the parcel should be left ("明天不在家 能放驿站吗")."""
_OUT_FOR_DELIVERY = re.compile(r"派送|派件|配送中|送货中")
OUT_TODAY = "正在派送，一般今天就能送到，具体几点以快递员为准；着急可以直接联系快递员。"


async def _tracked(msg: Inbound, ctx: Context) -> list[tuple[Order, ShipmentEvent | None]]:
    """The shopper's parcels on their way, each with the carrier's newest update."""
    shipped = [o for o in await _orders(msg, ctx) if o.status is S.SHIPPED and o.tracking_no]
    shipped = shipped[: queries.LISTED]
    latest = await ctx.services.db.shipments.latest([o.order_no for o in shipped])
    return [(o, latest.get(o.order_no)) for o in shipped]


def _out_for_delivery(event: ShipmentEvent | None) -> bool:
    return event is not None and bool(_OUT_FOR_DELIVERY.search(event.text))


async def parcel_numbers(msg: Inbound, ctx: Context) -> Step | None:
    """快递单号多少: the tracking numbers of the shopper's parcels with the newest update (not
    the FAQ's "发订单号给我"); None before anything was sent."""
    if find_order_no(msg.text) or _TRACKING.search(msg.text) or not _ASKS.search(msg.text):
        return None
    orders = await _orders(msg, ctx)
    if not any(o.tracking_no or o.status is S.PAID for o in orders):
        return None
    return Step.say(await queries.logistics(msg, ctx))


async def arrival_today(msg: Inbound, ctx: Context) -> Step | None:
    """今天能送到不 / 到哪了: the parcel's newest update, and what it means for today."""
    if find_order_no(msg.text):
        return None
    tracked = await _tracked(msg, ctx)
    if not tracked:
        return None
    lines = [await queries.logistics(msg, ctx)]
    if any(_out_for_delivery(event) for _, event in tracked):
        lines.append(OUT_TODAY)
    else:
        lines.append(f"还在路上，今天不一定能到。{_faq(ctx, SHIP_ETA)}")
    return Step.say("\n".join(lines))


async def pickup_point(msg: Inbound, ctx: Context) -> Step | None:
    """能放驿站吗 with a parcel on its way: the courier decides where it is left, so the
    shopper tells the courier (or a human does it for them); None with nothing shipped."""
    if find_order_no(msg.text) or not _ASKS.search(msg.text):
        return None
    tracked = await _tracked(msg, ctx)
    if not tracked:
        return None
    order, event = tracked[0]
    about = f"订单 {order.order_no}（{_what(order)}）"
    if _out_for_delivery(event):
        state = f"{about}已经在派送了，可以直接联系快递员放驿站或快递柜"
    else:
        state = f"{about}还在路上，快递员派送前可以跟他说放驿站或快递柜"
    return Step.say(f"{state}；需要的话回复“人工”，客服帮您联系快递。")


# ------------------------------------------------------------------ corrections


def correction(text: str) -> aftercare.Request | None:
    """ "地址填错了 改成杭州市…", "电话写错了，是139…", "改个地址": the change it asks for,
    with the new value when the message has one."""
    found = _FIELD_WRONG.search(text)
    if found is None:
        asked = _CAN_CHANGE.search(text)
        if asked is None:
            return None
        number = ORDER_NO.search(text)
        order_no = number.group().upper() if number else None
        return aftercare.Request(Change.RECEIVER, _FIELDS[asked.group("asked")], order_no, "")
    field = _FIELDS[found.group("field") or found.group("field2") or found.group("field3")]
    number = ORDER_NO.search(text)
    order_no = number.group().upper() if number else None
    rest = ORDER_NO.sub(" ", text[found.end() :])
    value = ""
    if new := _NEW_VALUE.search(rest):
        value = re.sub(r"[，,\s]*不是.*$", "", new.group("value"))  # "是99号不是90号"
    elif not _QUESTION.search(rest):  # "地址写错了怎么办" asks how, with no new address
        value = rest
    value = _ASKED_AFTER.sub("", " ".join(value.split())).strip(" \t:：,，。.;；、-")
    return aftercare.Request(Change.RECEIVER, field, order_no, value)


async def correct(msg: Inbound, ctx: Context) -> Step | None:
    request = correction(msg.text)
    if request is None:
        return None
    if not request.value and not request.order_no and not await _orders(msg, ctx):
        return None  # "能改地址吗" before buying: the FAQ's rule
    return await changes.reply(msg, ctx, request)


async def invoice(msg: Inbound, ctx: Context) -> Step | None:
    """ "帮我开张发票 抬头张三 邮箱…": the invoice details after the word 发票, as 开发票 takes them."""
    if not _EMAIL.search(msg.text):
        return None  # a question about invoices, for the FAQ
    number = ORDER_NO.search(msg.text)
    details = _INVOICE_ASKED.sub("", ORDER_NO.sub(" ", msg.text), count=1)
    value = " ".join(details.split()).strip(" \t:：,，。.;；、-")
    order_no = number.group().upper() if number else None
    request = aftercare.Request(Change.INVOICE, "invoice", order_no, value)
    return Step.say(await aftercare.handle_request(msg, ctx, request))


# ------------------------------------------------------------------ policy, for their own order

_POLICY_ASK = re.compile(
    r"(?:能|可以|可不可以|能不能|支持|给不给|可否|还能|怎么)\s*(?:申请)?\s*(?:退|换|赔)"
    r"|(?:退|换)(?:款|货|钱)?(?:吗|么|不|嘛)[?？]*$"
)
"""A question whether something can be returned or refunded ("坏了能退吗", "没收到能退款吗")."""
_NOT_RECEIVED = re.compile(r"没收到|没到|还没到|没发货|未发货|不发货|收不到|丢件|丢了|没送到")
_DAMAGED = re.compile(r"坏|破|碎|裂|漏|划痕|瑕疵|质量|不能用|用不了|发错|错了|少了|漏发|不对")
_HYPOTHETICAL = re.compile(
    r"要是|如果|万一|假如|假设|到时候|的话|收到(?:后|以后|之后)|以后(?:能|可以|还能)"
)
"""A question about what could happen ("收到要是不喜欢能退吗"), not a request for this order."""
POLICY_FAQ = {
    "not_received": "return.not_received",
    "damaged": "return.damaged",
    "exchange": "return.exchange",
}
GENERAL_POLICY_FAQ = "return.policy"


_EXCHANGE = re.compile(r"换(?!成退)|调换")
_REFUND_WORD = re.compile(r"退")


def _situation(text: str) -> str:
    if _NOT_RECEIVED.search(text):
        return "not_received"
    if _DAMAGED.search(text):
        return "damaged"
    # 收到后还能换码吗: an exchange later, no refund and no cancelling now
    return "exchange" if _EXCHANGE.search(text) and not _REFUND_WORD.search(text) else "other"


def _policy(msg: Inbound, ctx: Context, situation: str) -> str:
    """The shop's policy for the case: the FAQ the matcher found when it is an after-sales
    one, else the entry for the situation said."""
    result = catalog.match(msg, ctx)
    found = result.faq if result is not None else None
    sure = (
        result is not None
        and found is not None
        and (found.score >= 0.6 or (result.band == "act" and found.score >= 0.5))
    )
    if found is not None and sure and _after_sales_faq(ctx, found.id):
        return found.answer
    if found is not None and sure and situation == "other" and _of_another_topic(ctx, result):
        return ""  # 降价了能退差价吗: the shop's price protection, not its return policy
    return _faq(ctx, POLICY_FAQ.get(situation, GENERAL_POLICY_FAQ))


def _of_another_topic(ctx: Context, result: MatchResult | None) -> bool:
    """The message is read as another intent than after-sales, and its FAQ is of that intent."""
    if result is None or result.faq is None or result.intent == AFTER_SALES_INTENT:
        return False
    entry = catalog.kb(ctx).faqs.get(result.faq.id)
    return entry is not None and entry.intent == result.intent


def _next_step(order: Order, situation: str, ctx: Context) -> str:
    """What to do now about this order in this case, by the state it is in."""
    said = _order_state_line(ctx, order)
    if situation == "exchange" and order.status in (S.CREATED, S.PAID):
        return ""  # an exchange is for what has arrived: the policy is the whole answer
    if order.status is S.CREATED:  # no pay link here: the shopper asked about money back
        return f"订单 {order.order_no}（{_what(order)}）还没付款，不需要退款；不想要了回复“取消订单”就行。"
    if order.status is S.PAID:
        return f"{said}：回复“取消订单”可以直接取消，钱原路退回。"
    if order.status is S.SHIPPED and situation == "not_received":
        return f"{said}。还在路上可以先等等；确认丢件或想拒收，回复“人工”客服帮您处理。"
    if order.status in (S.SHIPPED, S.DONE):
        if situation == "not_received" and order.status is S.DONE:
            return f"{said}；如果实际没收到，回复“人工”请客服找快递核实。"
        return f"{said}：回复“售后”，选这个订单申请就行。"
    return ""


async def policy_for_own(msg: Inbound, ctx: Context) -> Step | None:
    """ "没收到货能退款吗", "东西坏了能退吗": the shop's policy for that case, and when the shopper
    has an order, the next step for their latest one."""
    if find_order_no(msg.text) or queries.ticket_no_in(msg.text):
        return None  # the number decides (queries.status_text)
    for_ticket = await ticket_question(msg, ctx)
    if for_ticket is not None:  # 多久能退款 with a return under way: that return's answer
        return for_ticket
    situation = _situation(msg.text)
    policy = _policy(msg, ctx, situation)
    if not policy:
        return None
    if _HYPOTHETICAL.search(msg.text):
        return Step.say(policy)  # 收到要是不喜欢能退吗: the rule, not a refund nobody asked for
    closed = (S.CANCELLED, S.EXPIRED)
    orders = [o for o in await _orders(msg, ctx) if o.status not in closed]
    if situation == "not_received":
        orders = [o for o in orders if o.status is not S.DONE] or orders
    if orders and situation != "damaged" and _intimate(ctx, orders[0]):
        return Step.say(_intimate_answer(ctx, orders[0]))
    step = _next_step(orders[0], situation, ctx) if orders else ""
    return Step.say("\n".join(x for x in (policy, step) if x))


def _intimate_answer(ctx: Context, order: Order) -> str:
    """内裤买大了能退吗: return.intimate for this order, and what can still be done (a fault)."""
    about = f"订单 {order.order_no}（{_what(order)}）"
    return (
        f"{_faq(ctx, return_cases.INTIMATE)}\n{about}如果有质量问题，回复“售后”申请；"
        "别的情况想问问客服，可以回复“人工”。"
    )


# ------------------------------------------------------------------ the order just talked about

_CHANGE_DONE = re.compile(
    r"^(?:那|请问)?(?:地址|收货地址|电话|手机号?|收货人|名字|备注|信息|订单)?(?:已经)?"
    r"(?:改|修改|更改|换)(?:好|完|成功|过来|对)?了?(?:吗|没|么|没有|嘛|不)[?？。~～]*$"
)
"""Asking whether the change just made took ("改好了吗", "地址改了没")."""
_THAT_ORDER = re.compile(
    r"^(?:对|嗯|是的?)?[，,\s]*(?:就是?|是)?(?:刚才|刚刚|刚下|刚买|刚拍)(?:的)?(?:那|这)?(?:个|一)?"
    r"(?:单|订单|单子)(?:啊|呀|吧|呢|哦|哈)?[。.!！~～]*$"
)
"""Naming the order just talked about as the one meant ("就刚才那单", "是刚下的那个订单")."""
_CHANGED_SAID = re.compile(r"已改为|已改好|已备注")
"""A reply saying a change to the order was made."""


_SPEC_CHANGE = re.compile(r"不对|错了|选错|弄错|搞错|改|换成|换个|换一|能换|要换|想换")
"""A wish to change what was ordered ("不对 我要XL 能改吗", "颜色选错了 换成白色")."""
CHANGE_SPEC_FAQ = "order.change_spec"


_DROP_IT = re.compile(
    r"^(?:那|那就|哎|唉)?(?:还是)?(?:算了|取消|取消吧|取消掉|不要了|不想要了|不买了|不要这个了)"
    r"(?:吧|啊|哈|呢)?[。.!！~～]*$"
)
"""Dropping what was just ordered ("不要了", "算了", "还是不买了")."""


def about_order_in_talk(text: str) -> bool:
    """Could the message be about the order just talked about (cheap: no matching)?"""
    said = text.strip()
    return bool(
        _CHANGE_DONE.match(said)
        or _THAT_ORDER.match(said)
        or _SPEC_CHANGE.search(said)
        or _DROP_IT.match(said)
    )


def _specs_of_order(ctx: Context, order: Order, specs: dict[str, str]) -> str:
    """The spec values said that a product of the order is sold in (XL for the hoodie), as
    the shopper would say them; "" when none is."""
    kb = catalog.kb(ctx)
    said: list[str] = []
    for name, value in specs.items():
        for line in order.lines:
            item = kb.products.get(line.sku)
            sold = item.specs.get(name, ()) if item is not None else ()
            match = next((v for v in sold if v.casefold() == value.casefold()), None)
            if match is not None and match not in said:
                said.append(match)
    return "".join(said)


async def spec_change(msg: Inbound, ctx: Context, order: Order) -> Step | None:
    """ "不对 我要XL 能改吗" right after ordering: the order.change_spec rule applied to that
    order (unpaid or paid: cancel and order again, the cancellation asked as 取消订单 asks it;
    shipped: an exchange after it arrives); None when the message names no spec of it."""
    if not _SPEC_CHANGE.search(msg.text) or _FIELD_WRONG.search(msg.text):
        return None  # 地址填错了 is the receiver's correction
    result = catalog.match(msg, ctx)
    wanted = _specs_of_order(ctx, order, dict(result.entities.specs)) if result else ""
    if not wanted:
        return None
    about = f"订单 {order.order_no}（{_what(order)}）"
    if order.status in (S.CREATED, S.PAID):
        money = (
            "还没付款，取消不会扣钱" if order.status is S.CREATED else "已付款，取消后全额原路退回"
        )
        return Step.say(
            f"订单提交后不能直接改规格。{about}{money}，可以取消后重新下{wanted}的。"
            "要我帮您取消吗？确认请回复“确认取消”。",
            slots={queries.PENDING_CANCEL: order.order_no},
        )
    if order.status in (S.SHIPPED, S.DONE):
        state = "已经签收了" if order.status is S.DONE else "已经发货"
        if _intimate(ctx, order):  # return.intimate: no exchange without a fault
            return Step.say(f"{about}{state}，不能再改规格了。{_faq(ctx, return_cases.INTIMATE)}")
        later = "可以换" if order.status is S.DONE else "收到后可以换"
        exchange = _faq(ctx, "return.exchange")
        return Step.say(f"{about}{state}，不能再改规格了；{later}{wanted}的。{exchange}")
    return Step.say(_faq(ctx, CHANGE_SPEC_FAQ)) if _faq(ctx, CHANGE_SPEC_FAQ) else None


_HAS_IT = re.compile(
    r"收到|到了|到货|到手|签收|拿到|送到|穿了|穿上|试了|上身|小了|大了|偏小|偏大|紧了|松了|"
    r"不合身|不合适|不合脚|挤脚|磨脚"
)
"""The goods are with the shopper: arrived (已签收, 到货了) or tried on (小了, 偏小)."""
_CAN_I = re.compile(
    r"^(?:请问|那|那我|那就)?(?:我)?(?:可以|能不能|可不可以|可否|能)?"
    r"|(?:吗|么|嘛|呢|不|行不行|可以吗|行吗|可以不|好吗|能不能)?[?？。!！~～\s]*$"
)
_ARRIVED_FIRST = re.compile(
    r"^(?:东西|货|衣服|快递)?(?:已经)?(?:到货了|收到了|到了|签收了|已签收|拿到了)[\s，,。]*"
)
LAST_TURN_SLOT = "last_turn"
"""followups.LAST_TURN: what the shopper asked the message before (read here, not imported:
followups builds on this module)."""


def _asked_before(ctx: Context) -> str:
    turn = ctx.session.slots.get(LAST_TURN_SLOT)
    asked = turn.get("asked") if isinstance(turn, Mapping) else None
    return asked if isinstance(asked, str) else ""


async def exchange_wish(msg: Inbound, ctx: Context) -> tuple[Inbound, str] | None:
    """ "T恤小了想换个L", "到货了 尺码偏小 想换XL", "已签收" → "可以换L吗": an exchange of the
    product of an order the shopper has (delivered, or shipped and said to be there) to a spec
    it is sold in, as the after-sales form reads it (that order's number first, the asking
    left out), and the line said before the form's; None when the message is no such wish."""
    text = msg.text
    if "换" not in text or kind_in(text) is not TicketKind.EXCHANGE or find_order_no(text):
        return None
    result = catalog.match(msg, ctx)
    specs = dict(result.entities.specs) if result is not None else {}
    if not specs:
        return None
    has_it = bool(_HAS_IT.search(text) or _HAS_IT.search(_asked_before(ctx)))
    for order in await _orders(msg, ctx):
        if order.status not in (S.SHIPPED, S.DONE) or (order.status is S.SHIPPED and not has_it):
            continue
        if _intimate(ctx, order) and not is_complaint(text):
            return None  # return.intimate: no exchange without a fault, said by spec_change
        if _specs_of_order(ctx, order, specs):
            said = _CAN_I.sub("", text).strip() if asks(text) else text
            said = _ARRIVED_FIRST.sub("", said) or said  # 到货了 is no part of the reason
            state = "已经签收了，可以换，" if order.status is S.DONE else ""
            lead = f"订单 {order.order_no}（{_what(order)}）{state}直接给您申请换货："
            return replace(msg, text=f"{order.order_no} {said}"), lead
    return None


def _intimate(ctx: Context, order: Order) -> bool:
    """Is the order intimate wear only (return.intimate's case)?"""
    products = return_cases.products_of(catalog.kb(ctx), [line.sku for line in order.lines])
    return bool(products) and all(return_cases.is_intimate(p) for p in products)


def changed_in(reply: str) -> bool:
    return bool(_CHANGED_SAID.search(reply))


async def order_in_talk(msg: Inbound, ctx: Context, order_no: str, changed: bool) -> Step | None:
    """ "改好了吗", "就刚才那单" right after a reply about one order: that order as it stands
    now (its receiver read back from the store), never the fallback; None when the message is
    no such reference or the order is not the sender's."""
    text = msg.text.strip()
    asks_done = bool(_CHANGE_DONE.match(text))
    drops = bool(_DROP_IT.match(text))
    if not (asks_done or drops or _THAT_ORDER.match(text) or _SPEC_CHANGE.search(text)):
        return None
    order = await ctx.services.db.orders.get_order(order_no, msg.user, channel=str(msg.channel))
    if order is None:
        return None
    if drops:  # 不要了 right after ordering: that order, cancelled once the shopper says yes
        if order.status not in (S.CREATED, S.PAID):
            return None
        if ctx.session.slots.get(queries.PENDING_CANCEL) == order.order_no:
            # "那取消吧" after "要取消吗？": the yes to that question, not the question again
            return Step.say(await queries.confirm_cancel(msg, ctx, order.order_no))
        ask = queries.ask_cancel(ctx, order)
        return Step.say(ask, slots={queries.PENDING_CANCEL: order.order_no})
    if not (asks_done or _THAT_ORDER.match(text)):
        return await spec_change(msg, ctx, order)
    receiver = f"{mask_name(order.receiver_name)} {order.masked_phone}，{order.address}" + (
        f"；备注：{order.note}" if order.note else ""
    )
    about = f"订单 {order.order_no}（{_what(order)}）"
    if asks_done and changed:
        lead = f"改好了，{about}现在的收货信息：{receiver}。"
    elif asks_done:
        lead = (
            f"{about}现在的收货信息：{receiver}。这单还没有改过；"
            "要改的话直接说，例如“地址改成…”“电话改成…”。"
        )
    elif changed:
        lead = f"对，就是刚才的{about}，已经改好了，现在的收货信息：{receiver}。"
    else:
        lead = f"好的，就是刚才的{about}，收货信息：{receiver}。"
    state = (
        queries.unpaid_text(ctx, order, "这单")
        if order.status is S.CREATED
        else _order_state_line(ctx, order).replace(about, "这单", 1) + "。"
    )
    return Step.say(f"{lead}\n{state}")


_ARRIVED_ONLY = re.compile(
    r"^(?:我的?)?(?:东西|货|快递|包裹|衣服|宝贝)?(?:已经|刚刚?|今天)?"
    r"(?:收到了?|到了|到货了?|签收了?|已签收|拿到了?)(?:啊|哈|哦|了|哈哈)?[。.!！~～]*$"
)
"""The shopper saying the parcel came ("已签收", "东西收到了"), nothing more."""


async def arrived(msg: Inbound, ctx: Context) -> Step | None:
    """ "已签收" with an order on its way or delivered: glad it came, and what can be done now
    (not the order list, which still says 已发货)."""
    sent = [o for o in await _orders(msg, ctx) if o.status in (S.SHIPPED, S.DONE)]
    if not sent:
        return None
    order = sent[0]
    clothing = return_cases.insured(catalog.kb(ctx), [line.sku for line in order.lines])
    swap = "尺码颜色不合适可以换，" if clothing and not _intimate(ctx, order) else ""
    return Step.say(
        f"好的，订单 {order.order_no}（{_what(order)}）收到就好～"
        f"用着有问题随时找我：{swap}有质量问题可以退换。"
    )


_SINCE_BOUGHT = re.compile(
    r"^(?:我|这)?(?:才|刚|已经|都|也就)?(?:买了?|用了?|到手|收到)(?:才|有|快|不到|差不多)?"
    r"(?P<n>\d{1,2}|[一两二三四五六七八九十半]{1,2})(?:个)?(?P<unit>天|周|星期|礼拜|月|年)(?:多)?"
    r"(?:了|吧|啊|而已|不到|左右)*[。.!！~～]*$"
)
"""How long ago the thing was bought ("才买了两个月", "用了半年"), nothing more."""
_UNIT_DAYS = {"天": 1, "周": 7, "星期": 7, "礼拜": 7, "月": 30, "年": 365}
WARRANTY_FAQ = "warranty.policy"
WARRANTY_DAYS = 365


def since_bought(msg: Inbound, ctx: Context, asked: str) -> Awaitable[str] | None:
    """ "才买了两个月" right after a fault with something bought ("耳机坏了 右耳没声音"): whether
    that is still in the warranty, and how to go on for the shopper's order (or that no order
    of theirs was found here); None when the message is no such follow-up."""
    found = _SINCE_BOUGHT.match(msg.text.strip())
    if found is None or not asked or not is_complaint(asked) or not _faq(ctx, WARRANTY_FAQ):
        return None
    raw = found.group("n")
    count = 0.5 if raw == "半" else (int(raw) if raw.isdigit() else parse_chinese_number(raw))
    days = (count or 1) * _UNIT_DAYS[found.group("unit")]
    return _warranty_for(msg, ctx, days)


async def _warranty_for(msg: Inbound, ctx: Context, days: float) -> str:
    inside = days <= WARRANTY_DAYS
    verdict = "还在一年保修期内" if inside else "已经过了一年保修期，可以付费维修"
    rule = _faq(ctx, WARRANTY_FAQ)
    sent = [o for o in await _orders(msg, ctx) if o.status in (S.SHIPPED, S.DONE)]
    if not sent:
        after = "这个微信号下没查到您的订单，是用别的微信号买的吗？回复“人工”，客服帮您查。"
    else:
        after = f"回复“售后”选订单 {sent[0].order_no} 申请，附上故障描述和视频。"
    return f"{rule}\n这样算{verdict}。{after}"


# ------------------------------------------------------------------ "我上周买的"


async def bought_at(msg: Inbound, ctx: Context) -> Step | None:
    """ "我上周买的" about an order: the shopper's orders of that time (or their latest, said
    so, when none is of it), and which one it is asked, or where the only one stands."""
    said = await bought_then(msg, ctx)
    return Step.say(said) if said is not None else None


async def bought_then(msg: Inbound, ctx: Context, *, in_form: bool = False) -> str | None:
    """The answer to "我上周买的" (see `bought_at`); `in_form`: said in the after-sales form,
    whose own question follows (which order, or why), so no next step of its own."""
    when = bought_when(msg.text)
    if when is None:
        return None
    orders = await _orders(msg, ctx)
    if not orders:
        return "没有查到您的订单哦。是在别的账号或渠道买的话，回复“人工”请客服帮您查～"
    clock = ctx.services.clock
    days = WHEN_DAYS.get(when)
    today = clock.today()

    def ago(order: Order) -> int:
        return (today - order.created_at.astimezone(clock.zone).date()).days

    then = [o for o in orders if days is None or days[0] <= ago(o) <= days[1]]
    note = "" if then else f"没有找到您{when}下的订单，您最近的订单是：\n"
    shown = (then or orders)[: queries.LISTED]
    if len(shown) == 1:
        lead = note or f"您{when}买的是这个订单吧：\n"
        state = _order_state_line(ctx, shown[0])
        line = f"{lead}{state}{'' if _ENDS_WITH_LINK.search(state) else '。'}"
        return line if in_form else f"{line}\n想查物流、申请售后还是别的，直接告诉我～"
    listing = "\n".join(f"· {_dated(o, clock.zone)}" for o in shown)
    lead = note or f"您{when}的订单有这几个：\n"
    if in_form:
        return f"{lead}{listing}"
    return f"{lead}{listing}\n是哪一个？发订单号给我，再说要查物流还是售后就行。"


_ENDS_WITH_LINK = re.compile(r"https?://\S+$")


def _dated(order: Order, zone: ZoneInfo) -> str:
    day = order.created_at.astimezone(zone)
    return f"{order.order_no}（{day.month}月{day.day}日，{_what(order)}，{ORDER_STATUS[order.status]}）"


TOPICS = (
    Topic("arrived", _ARRIVED_ONLY, arrived),
    Topic("bought_at", BOUGHT_WHEN, bought_at),
    Topic("return_parcel", _TRACKING, return_parcel),
    Topic("parcel_sent", _SENT_NOW, parcel_sent),
    Topic("return_address", _RETURN_ADDRESS, where_to_send),
    Topic("progress", _PROGRESS, progress),
    Topic("correct", re.compile(f"{_FIELD_WRONG.pattern}|{_CAN_CHANGE.pattern}"), correct),
    Topic("cancelled_yet", _CANCELLED_YET, cancelled_yet),
    Topic("cancel", _CANCEL_WISH, cancel_wish),
    Topic("coupon_forgot", _COUPON_FORGOT, coupon_forgot),
    Topic("refund_when", _REFUND_WHEN, refund_when),
    Topic("refund_how", _REFUND_HOW, refund_how),
    Topic("stalled", _STALLED, stalled),
    Topic("parcel_no", _PARCEL_NO, parcel_numbers),
    Topic("today", _TODAY_ARRIVAL, arrival_today, unless=_MONEY),
    Topic("pickup", _PICKUP_POINT, pickup_point),
    Topic("policy", _POLICY_ASK, policy_for_own),
    Topic("urge", _URGE, urge),
    Topic("ship_when", _SHIP_WHEN, ship_when, unless=_MONEY),
    Topic("eta", _ETA, delivery_time, unless=_MONEY),
    Topic("order_no", _ORDER_NO_QUESTION, order_numbers),
    Topic("invoice", re.compile("发票"), invoice),
    Topic("ticket_question", _ASKS, ticket_question),
)
"""Read in this order; the first topic whose answer is not None answers."""


_CLAUSES = re.compile(r"[\s,，。;；?？!！、]+")


def _several_shop_questions(msg: Inbound, ctx: Context) -> str | None:
    """The FAQ's answer to each part of a message asking the shop several things, in the order
    asked; None when it asks one thing (every clause must ask), or
    names an order or ticket (its number decides)."""
    if find_order_no(msg.text) or queries.ticket_no_in(msg.text) or is_complaint(msg.text):
        return None
    clauses = [c for c in _CLAUSES.split(msg.text) if c]
    if len(clauses) < 2 or not all(_ASKS.search(c) for c in clauses):
        return None  # 货还没收到，可以退款吗: one question with what happened, read whole
    result = catalog.match(msg, ctx)
    if result is None or len(result.answers) < 2:
        return None
    return answers.same_day_said(msg, result, ctx) or answers.faq_answers(result)


def listening(handler: Handler, complaints: Handler | None = None) -> Handler:
    """`handler`, unless the message is one of the sentences above about the shopper's orders;
    a complaint about a product goes to `complaints` (the after-sales form)."""

    async def listen(msg: Inbound, ctx: Context) -> Step:
        text = msg.text
        if complaints is not None and returns_what_arrived(text):
            return await complaints(msg, ctx)  # "收到了 不想要了 想退" is no cancellation
        if _REFUND_WHEN.search(text):  # 拒收的话钱多久退 退哪里: both parts, for their order
            refund = await refund_when(msg, ctx)
            if refund is not None:
                return refund
        several = _several_shop_questions(msg, ctx)
        if several is not None:  # 退货运费谁出 不喜欢能退吗: each part, not the first topic read
            return Step.say(several)
        for topic in TOPICS:
            if topic.reads(text):
                step = await topic.answer(msg, ctx)
                if step is not None:
                    return step
        if complaints is not None and is_complaint(text):
            return await complaints(msg, ctx)
        return await handler(msg, ctx)

    listen.__name__ = getattr(handler, "__name__", "listen")
    return listen


PARCEL_TOPICS = tuple(t for t in TOPICS if t.name in ("parcel_no", "today", "pickup"))
"""Questions about a parcel on its way that the matcher reads as product questions ("今儿能送到
吗", "放快递柜行吗"); each answers only when the shopper has such a parcel."""


def complaining(handler: Handler, complaints: Handler) -> Handler:
    """`handler`, unless the message is a problem with what arrived ("收到的杯子有划痕" reads
    as a product question to the matcher): that goes to `complaints`, the after-sales form;
    or a question about the shopper's parcel on its way (PARCEL_TOPICS)."""

    async def hear(msg: Inbound, ctx: Context) -> Step:
        if is_complaint(msg.text):
            return await complaints(msg, ctx)
        for topic in PARCEL_TOPICS:
            if topic.reads(msg.text):
                step = await topic.answer(msg, ctx)
                if step is not None:
                    return step
        return await handler(msg, ctx)

    hear.__name__ = getattr(handler, "__name__", "hear")
    return hear
