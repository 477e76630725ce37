"""我的订单, 查物流, 售后进度, an order or ticket by number, 取消订单: at any time, own data only.

Every read passes the sender's id and channel to the store's owner-checked methods. A number that
belongs to someone else gets the same "not found" as a number that does not exist, word for word,
and no list ever shows an address. 查物流 gives the carrier's tracking link (carriers.toml) and the
newest logistics update; 售后进度 the ticket's real state; 取消订单 follows the policy table
(bot/storage/policy.py): unpaid orders are cancelled, paid ones not shipped yet are cancelled with
a refund ticket that staff are alerted to at once.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from zoneinfo import ZoneInfo

from bot.business import tickets as after_sales
from bot.business.dispatch import if_paid_now
from bot.business.texts import ticket_brief, tracking_text
from bot.dialogs import words
from bot.handlers import aftercare, answers
from bot.protocol import Inbound
from bot.router import Handler, Route, normalise_command_word
from bot.shop import catalog, stock
from bot.shop.texts import order_brief, order_detail, order_items, pay_url, yuan
from bot.shoptime import local_time, shop_zone
from bot.step import Context, Step
from bot.storage import (
    Cancellation,
    InvalidTransition,
    Order,
    OrderNotFound,
    OrderStatus,
    TicketAlreadyOpen,
)
from bot.storage.ids import normalise
from bot.storage.models import ShipmentEvent
from bot.storage.policy import ALLOWED, Change
from knowledge.entities import find_order_no

LISTED = 5
_TICKET_NO = re.compile(r"(?<![A-Za-z0-9])AS\d{8}[0-9A-Za-z]{12}(?![A-Za-z0-9])", re.IGNORECASE)
_LOGISTICS = re.compile(r"物流|快递|到哪|到那了|发货|运单|单号")  # 到那了: the common typo
_OWN_ORDER = re.compile(
    r"我的|我买的|我拍的|我下的|订单|单子|这单|了没|了吗|了么|没有到|还没|怎么还|到哪|到那了|催|签收|显示|都没|一直|好几天|一个礼拜|一周"
)
"""Words that make a delivery question about the shopper's own order."""
JUST_PLACED = re.compile(r"刚(?:才|刚)?(?:下|买|拍|付|提交|订)|刚才(?:那|这|的)|刚刚(?:那|这|的)")
"""The order just placed or just talked about (我刚下的单, 刚才那单): the newest one."""
_OWN_PARCEL = re.compile(r"发了|发出了|没到|没收到")
POLICY_FAQS = ("ship.",)
POLICY_FAQ_MIN = 0.55
PENDING_CANCEL = "pending_cancel"
"""Session slot: the order a "要取消订单…吗？" reply asked about (kept for one message)."""
CANCEL_YES = frozenset(
    {*words.YES, "确认取消", "确定取消", "是的取消", "取消吧", "对取消", "嗯取消"}
)
_CANCEL_YES_SAID = re.compile(
    r"^(?:那|那就|那你|好|好的|行|嗯|对|是的|可以|ok)*(?:就|还是|帮我|给我|麻烦)*"
    r"(?:确认|确定)?(?:取消|撤销|撤单|退掉)(?:掉|了)?(?:吧|啊|哈|呀|呗)?"
    r"(?:订单|这单|那单|这个订单|它)?(?:吧|啊|哈|呀|呗)?(?:谢谢)?$"
)
"""A yes to the cancellation asked, said in words ("那取消吧", "行 帮我取消掉", "好的取消这单")."""


def cancel_yes(text: str) -> bool:
    word = normalise_command_word(text)
    return word in CANCEL_YES or _CANCEL_YES_SAID.match(word) is not None


def ticket_no_in(text: str) -> str | None:
    found = _TICKET_NO.search(text)
    return found.group().upper() if found else None


def not_found(number: str) -> str:
    return f"没有找到 {number}，请核对一下号码；订单和售后单只能由下单的微信号查询。"


async def my_orders(msg: Inbound, ctx: Context) -> str:
    orders = await ctx.services.db.orders.list_orders(msg.user, LISTED, channel=str(msg.channel))
    if not orders:
        return "您还没有订单。想买什么直接告诉我，或回复“逛逛”看看～"
    listing = "\n".join(f"{i}. {order_brief(o)}" for i, o in enumerate(orders, start=1))
    return f"您最近的订单：\n{listing}\n发订单号可查看详情和物流。"


async def logistics(msg: Inbound, ctx: Context) -> str:
    db = ctx.services.db
    orders = await db.orders.list_orders(msg.user, 20, channel=str(msg.channel))
    if JUST_PLACED.search(msg.text):
        orders = orders[:1]  # 我刚下的单: the newest order, not every parcel on its way
    shipped = [o for o in orders if o.carrier and o.tracking_no][:LISTED]
    if shipped:
        kb = catalog.kb(ctx)
        latest = await db.shipments.latest([o.order_no for o in shipped])
        lines = [
            f"{o.order_no}\n   {tracking_text(kb, o, _with_zone(latest.get(o.order_no), ctx))}"
            for o in shipped
        ]
        return "您的快递：\n" + "\n".join(lines)
    waiting = [o for o in orders if o.status is OrderStatus.PAID]
    if waiting:
        return f"您有{len(waiting)}个订单已付款、正在备货，发货后我会把快递单号发给您。"
    unpaid = [o for o in orders if o.status is OrderStatus.CREATED]
    if unpaid:  # 我刚下的单到哪了, one message after 下单成功: that order, not "no parcels"
        return unpaid_text(ctx, unpaid[0])
    return "您目前没有已发货的订单。发“我的订单”可以查看全部订单。"


def unpaid_text(ctx: Context, order: Order, about: str = "") -> str:
    """Where an unpaid order stands: not sent before payment, when it leaves once paid (the
    shop's dispatch rule), and the link to pay on a line of its own; `about` names the order
    when the reply named it already ("这单")."""
    clock = ctx.services.clock
    promise = if_paid_now(catalog.kb(ctx), order, clock.now(), clock.zone)
    after = f"，{promise}" if promise else "，付款后才会发货"
    return (
        f"{about or f'订单 {order.order_no}（{order_items(order)}）'}还没付款{after}。\n"
        f"去付款：{pay_url(ctx.services.config.shop, order)}"
    )


async def my_tickets(msg: Inbound, ctx: Context) -> str:
    tickets = await ctx.services.db.tickets.list_tickets(msg.user, LISTED, channel=str(msg.channel))
    if not tickets:
        return "您还没有售后申请。需要退货、退款或换货请回复“售后”。"
    return "您的售后申请：\n" + "\n".join(
        f"{i}. {ticket_brief(t)}" for i, t in enumerate(tickets, 1)
    )


async def order_by_number(msg: Inbound, ctx: Context, order_no: str) -> str:
    order = await ctx.services.db.orders.get_order(order_no, msg.user, channel=str(msg.channel))
    if order is None:
        return not_found(normalise(order_no))
    return "\n".join(
        [
            order_detail(order, ctx.services.config.shop, shop_zone(ctx.services.config)),
            *_extras(ctx, order),
            *await _latest_update(ctx, order),
        ]
    )


async def _latest_update(ctx: Context, order: Order) -> list[str]:
    """The carrier's newest update of a parcel on its way ("SB… 到哪了" asks where it is, which
    the link alone does not say)."""
    if order.status is not OrderStatus.SHIPPED:
        return []
    latest = (await ctx.services.db.shipments.latest([order.order_no])).get(order.order_no)
    if latest is None:
        return []
    return [f"最新：{latest.text}（{local_time(latest.at, shop_zone(ctx.services.config))}）"]


def _extras(ctx: Context, order: Order) -> list[str]:
    """What the order form's detail does not show yet: shipping, note, invoice, tracking link."""
    lines = []
    if order.shipping_fen:
        lines.append(f"含运费：{yuan(order.shipping_fen)}")
    if order.note:
        lines.append(f"备注：{order.note}")
    if order.invoice is not None:
        lines.append("发票：已登记，开出后发到您留的邮箱")
    link = catalog.kb(ctx).carriers.link(order.carrier, order.tracking_no)
    if link:
        lines.append(f"查看物流：{link}")
    return lines


async def ticket_by_number(msg: Inbound, ctx: Context, ticket_no: str) -> str:
    ticket = await ctx.services.db.tickets.get_ticket(ticket_no, msg.user, channel=str(msg.channel))
    return not_found(normalise(ticket_no)) if ticket is None else ticket_brief(ticket)


async def status_text(msg: Inbound, ctx: Context) -> str:
    """order_status in any wording, with an apology first when the shopper is upset."""
    return answers.apologising(msg.text, await _status(msg, ctx))


async def _status(msg: Inbound, ctx: Context) -> str:
    """A number shown in detail; a policy question (几天发货, 多久能到上海) answered from the
    FAQ; the shopper's own parcels (发货了没, 我的快递到哪了) or orders otherwise."""
    if order_no := find_order_no(msg.text):
        return await order_by_number(msg, ctx, order_no)
    if ticket_no := ticket_no_in(msg.text):
        return await ticket_by_number(msg, ctx, ticket_no)
    policy = _policy_answer(msg, ctx)
    if policy is not None:
        return policy
    if _LOGISTICS.search(msg.text) or _OWN_PARCEL.search(msg.text):
        return await logistics(msg, ctx)
    return await my_orders(msg, ctx)


def _policy_answer(msg: Inbound, ctx: Context) -> str | None:
    """The FAQ answer to a question about the shop's delivery in general, not about one of
    the shopper's own orders ("几天发货" vs "发货了没")."""
    if _OWN_ORDER.search(msg.text):
        return None
    result = catalog.match(msg, ctx)
    if result is None:
        return None
    same_day = answers.same_day_said(msg, result, ctx)
    if same_day is not None:  # 今天能发货吗: by the shop's clock and cut-off
        return same_day
    several = answers.faq_answers(result)
    if several is not None:
        return several
    faq = result.faq
    if faq is not None and faq.id.startswith(POLICY_FAQS) and faq.score >= POLICY_FAQ_MIN:
        return faq.answer
    return None


async def cancel_text(msg: Inbound, ctx: Context) -> str:
    """取消订单 [number]: by the policy table; stock goes back on sale, a paid order's money
    back through a refund ticket staff are alerted to at once."""
    order_no = find_order_no(msg.text)
    if order_no is None:
        return await _cancellable_list(msg, ctx)
    try:
        done = await ctx.services.db.changes.cancel(order_no, msg.user, channel=str(msg.channel))
    except OrderNotFound:
        return not_found(normalise(order_no))
    except TicketAlreadyOpen as exc:
        return (
            f"这个订单已经有售后单在处理中（{exc.ticket_no}），退款会在那里办理，"
            "发“售后进度”可以查看。"
        )
    except InvalidTransition as exc:
        return cancel_refusal(exc.current)
    stock.forget(ctx.services, [line.sku for line in done.order.lines])
    return _cancelled_text(ctx, done)


def cancel_refusal(status: str) -> str:
    if status in (OrderStatus.CANCELLED, OrderStatus.EXPIRED):
        return "这个订单已经关闭了，不需要再取消。"
    if status == OrderStatus.SHIPPED:
        return (
            "这个订单已经发货，不能取消了：可以在快递送达时拒收，包裹退回仓库后全额退款；"
            "也可以收货后回复“售后”申请退货。"
        )
    return "这个订单已经签收，不能取消了；如需退货退款，请回复“售后”申请。"


def _cancelled_text(ctx: Context, done: Cancellation) -> str:
    order, refund = done.order, done.refund
    if refund is None:
        return f"订单 {order.order_no} 已取消，不会再扣款。需要的话可以重新下单～"
    ctx.services.tasks.spawn(after_sales.alert(ctx.services, refund))
    return (
        f"订单 {order.order_no} 已取消，已为您申请全额退款（售后单 {refund.ticket_no}），"
        f"{yuan(order.total_fen)}会原路退回，退款后会通知您。"
    )


async def cancel(msg: Inbound, ctx: Context) -> Step:
    """取消订单 without a number and one order that can be cancelled: ask before cancelling it,
    remembering which one for the next message only (`PENDING_CANCEL`)."""
    if find_order_no(msg.text) is None:
        open_ones = await _cancellable(msg, ctx)
        if len(open_ones) == 1:
            order = open_ones[0]
            return Step.say(ask_cancel(ctx, order), slots={PENDING_CANCEL: order.order_no})
    return Step.say(await cancel_text(msg, ctx))


def ask_cancel(ctx: Context, order: Order) -> str:
    first = order.lines[0].name if order.lines else "商品"
    what = f"{first}{'等' if len(order.lines) > 1 else ''} {yuan(order.total_fen)}"
    if order.status is OrderStatus.CREATED:
        head, after = "您的待付款订单", "还没付款，取消后不会扣款"
    else:
        head, after = "您可以取消的订单", "已付款，取消后全额退款"
    return (
        f"{head}：{order.order_no}（{after}），{what}。要取消吗？\n"
        "确认请回复“确认取消”，不取消的话不用回复。"
    )


async def confirm_cancel(msg: Inbound, ctx: Context, order_no: str) -> str:
    """The shopper said yes to `ask_cancel`."""
    return await cancel_text(replace(msg, text=f"取消订单 {order_no}"), ctx)


async def cancel_confirmation(handler: Handler, msg: Inbound, ctx: Context, route: Route) -> Step:
    """Middleware of the shopper's routes outside dialogs: a yes to the cancellation asked in the
    last reply cancels, whatever route the word would take otherwise; a question about the
    money before it ("钱退到哪") is answered for that order and the yes still waits; the new
    value a change asked for ("改地址", then the address alone) makes the change."""
    pending = ctx.session.slots.get(PENDING_CANCEL)
    if isinstance(pending, str) and cancel_yes(msg.text):
        return Step.say(await confirm_cancel(msg, ctx, pending))
    if isinstance(pending, str) and _MONEY_ASKED.search(msg.text):
        answered = await _money_while_cancelling(msg, ctx, pending)
        if answered is not None:
            return answered
    changed = await aftercare.value_given(msg, ctx)
    if changed is not None:
        return changed
    return await handler(msg, ctx)


_MONEY_ASKED = re.compile(
    r"(?:钱|款|扣|付的|付了)(?:\S{0,6})(?:哪|吗|么|多久|几天|什么时候|啥时候|怎么|咋|回来|到账|原路)"
    r"|(?:退到|退回|退去|到账)"
)
"""A question about the money while a cancellation waits for its yes ("钱退到哪", "会扣钱吗")."""


async def _money_while_cancelling(msg: Inbound, ctx: Context, order_no: str) -> Step | None:
    """ "钱退到哪" between "要取消吗？" and the yes: answered for that order, and the yes is
    still awaited (the question is no reason to forget which order was asked about)."""
    order = await ctx.services.db.orders.get_order(order_no, msg.user, channel=str(msg.channel))
    if order is None or order.status not in ALLOWED[Change.CANCEL]:
        return None
    if order.status is OrderStatus.CREATED:
        money = "这单还没付款，取消不会扣钱，也就不用退款。"
    else:
        money = (
            f"这单已付款，取消后{yuan(order.total_fen)}全额原路退回：微信零钱付的退回零钱，"
            "银行卡付的退回原卡。"
        )
    return Step.say(
        f"{money}\n确认取消请回复“确认取消”，不取消的话不用回复。",
        slots={PENDING_CANCEL: order_no},
    )


async def unpaid_instead(msg: Inbound, ctx: Context) -> Step | None:
    """退款 / 退货 when the only order is not paid yet: no after-sales for it, the cancellation
    of that order offered instead (its yes waits like `cancel`'s); None otherwise."""
    orders = await ctx.services.db.orders.list_orders(msg.user, 20, channel=str(msg.channel))
    paid = [
        o for o in orders if o.status in (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DONE)
    ]
    unpaid = [o for o in orders if o.status is OrderStatus.CREATED]
    if paid or len(unpaid) != 1:
        return None
    order = unpaid[0]
    text = f"还没付款的订单不用申请退款，取消就行。\n{ask_cancel(ctx, order)}"
    return Step.say(text, slots={PENDING_CANCEL: order.order_no})


async def _cancellable(msg: Inbound, ctx: Context) -> list[Order]:
    orders = await ctx.services.db.orders.list_orders(msg.user, 20, channel=str(msg.channel))
    return [o for o in orders if o.status in ALLOWED[Change.CANCEL]][:LISTED]


async def _cancellable_list(msg: Inbound, ctx: Context) -> str:
    open_ones = await _cancellable(msg, ctx)
    if not open_ones:
        return "您没有可以取消的订单（已发货的订单可以在收货后申请售后）。"
    shop = ctx.services.config.shop
    listing = "\n".join(
        f"{o.order_no}（去支付：{pay_url(shop, o)}）"
        if o.status is OrderStatus.CREATED
        else f"{o.order_no}（已付款，取消后全额退款）"
        for o in open_ones
    )
    unpaid = all(o.status is OrderStatus.CREATED for o in open_ones)
    head = "您的待付款订单" if unpaid else "您可以取消的订单"
    return f"{head}：\n{listing}\n要取消哪一个，请回复“取消订单 订单号”。"


def answering(make: Callable[[Inbound, Context], Awaitable[str]]) -> Handler:
    """A handler that answers with one text and leaves the dialog state as it is."""

    async def answer(msg: Inbound, ctx: Context) -> Step:
        return Step.say(await make(msg, ctx))

    answer.__name__ = make.__name__
    return answer


def _with_zone(event: ShipmentEvent | None, ctx: Context) -> tuple[ShipmentEvent, ZoneInfo] | None:
    return None if event is None else (event, shop_zone(ctx.services.config))
