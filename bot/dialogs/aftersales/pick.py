"""Which order: only the shopper's own, and only one that was paid.

Every lookup goes through the store's owner-checked reads (`list_orders`, `get_order` with the
sender's id and channel). A number that is not the shopper's gets exactly the answer a number
that does not exist gets, so nobody learns that someone else's order exists.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.business import return_cases
from bot.dialogs.aftersales.form import care_advice, is_complaint, sent_short
from bot.dialogs.aftersales.values import AfterSalesStep, TicketValues
from bot.dialogs.parse import CHANGE, ordinal_in, pick_number
from bot.dialogs.slot import ALL, Exit, Fill, FormTurn, Slot, anywhere, asked
from bot.protocol import Kind
from bot.shop import catalog
from bot.shop.texts import ORDER_STATUS, order_brief, order_items
from bot.step import Context
from bot.storage import Order, OrderStatus
from bot.storage.ids import normalise
from knowledge.entities import ORDER_NO, find_order_no

Turn = FormTurn[TicketValues]
TICKETABLE = (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DONE)
LISTED = 5
NO_ORDERS = (
    "您目前没有可以申请售后的订单：付款后的订单才能申请售后。\n"
    "还没付款的订单不需要售后，回复“取消订单 订单号”即可取消。"
)
SORRY = "非常抱歉给您添麻烦了！"
NOTHING_BOUGHT = "这个微信号下还没有可以申请售后的订单（付款后的订单才能申请）。"
"""A problem with goods we cannot find among the shopper's orders: nothing about cancelling."""
NOT_FOUND_HELP = "如果是用别的微信号下的单，把订单号发我，或回复“人工”，客服帮您查。"
PROBLEM_SORRY = f"{SORRY}质量问题可以退换，来回运费由我们承担，我这就帮您申请售后。"
"""Said first when a problem with what arrived opens the form (the FAQ's postage rule)."""


async def own_order(turn: Turn, order_no: str) -> Order | None:
    return await turn.services.db.orders.get_order(
        normalise(order_no), turn.user, channel=turn.channel
    )


def problem_with(order: Order | None, order_no: str) -> str | None:
    """Why this order cannot have after-sales, in words for its owner; None when it can."""
    if order is None:
        return f"没有找到订单号 {order_no}，请核对后重新发送。"
    if order.status is OrderStatus.CREATED:
        return f"这个订单还没付款，不需要申请售后；不想要了可以回复“取消订单 {order.order_no}”。"
    if order.status not in TICKETABLE:
        return "这个订单已经关闭了，不需要申请售后。"
    return None


def _number(turn: Turn) -> Fill[TicketValues] | None:
    given = find_order_no(turn.text)
    if given is None:
        return None
    found = ORDER_NO.search(turn.text)
    taken = found.group(0) if found else ""
    if turn.values.order_no == normalise(given):  # the number again: the request is for it
        return Fill(turn.values, taken, f"对，申请的就是订单 {turn.values.order_no}。")
    return Fill(replace(turn.values, order_no=normalise(given)), taken)


def _picked(turn: Turn) -> Fill[TicketValues] | None:
    choices = turn.values.choices
    index = pick_number(turn.rest, len(choices))
    if index is None:
        index = ordinal_in(turn.rest, len(choices))
    if index is None:
        return None
    return Fill(replace(turn.values, order_no=choices[index]), ALL)


def _picked_again(turn: Turn) -> Fill[TicketValues] | None:
    """ "订单选错了，是第二个": another of the orders listed, at any step."""
    if not turn.values.order_no or not CHANGE.search(turn.text) or "订单" not in turn.text:
        return None
    index = ordinal_in(turn.text, len(turn.values.choices))
    if index is None:
        return None
    return Fill(replace(turn.values, order_no=turn.values.choices[index]), ALL)


async def _validate(turn: Turn) -> str | None:
    given = turn.values.order_no
    if given is None:
        return None
    return problem_with(await own_order(turn, given), given)


SHORT_SORRY = f"{SORRY}少发的我们来处理。"
"""A missing item is no fault of the goods: no "质量问题可以退换" for it."""


def _sorry(turn: Turn, order: Order | None = None) -> str:
    """The apology for a problem with what arrived, with care advice first for the skin, and
    the case's own policy when it has one (bad fruit: refunded by the share, nothing sent back;
    a wrong item: postage both ways is ours) instead of the general one."""
    if sent_short(turn.text):
        return SHORT_SORRY
    kb = catalog.kb(turn.ctx)
    if order is not None:
        skus = [line.sku for line in order.lines]
    else:
        skus = [p.sku for p in catalog.named_products(turn.ctx, turn.text)]
    case = return_cases.case_of(kb, skus, turn.text)
    policy = kb.faqs.get(case) if case in (return_cases.FRESH, return_cases.WRONG_ITEM) else None
    if policy is not None:
        said = return_cases.said_in_the_form(policy.answer)
        return said if _SORRY_SAID.match(said) else f"{SORRY}{said}"
    return PROBLEM_SORRY.replace(SORRY, f"{SORRY}{care_advice(turn.text)}", 1)


_SORRY_SAID = re.compile(r"^(?:非常|很|真的很)?抱歉")


async def has_ticketable_order(ctx: Context, user: str, channel: str) -> bool:
    """Has the shopper an order after-sales could be about (paid, shipped or done)?"""
    mine = await ctx.services.db.orders.list_orders(user, 20, channel=channel)
    return any(o.status in TICKETABLE for o in mine)


async def _eligible(turn: Turn) -> list[Order]:
    mine = await turn.services.db.orders.list_orders(turn.user, 20, channel=turn.channel)
    return [o for o in mine if o.status in TICKETABLE][:LISTED]


def _complaint(turn: Turn) -> bool:
    return turn.msg.kind is Kind.TEXT and is_complaint(turn.text)


async def _only_order(turn: Turn) -> Fill[TicketValues] | None:
    """One order that can have after-sales: it is the one, named instead of asked."""
    eligible = await _eligible(turn)
    if len(eligible) != 1:
        return None
    order = eligible[0]
    values = replace(turn.values, order_no=order.order_no, choices=[order.order_no])
    sorry = f"{_sorry(turn, order)}\n" if _complaint(turn) else ""
    what = f"{order_items(order)}，{ORDER_STATUS[order.status]}"
    return Fill(values, ALL, f"{sorry}售后订单：{order.order_no}（{what}）")


async def ask_order(turn: Turn) -> str | Exit:
    eligible = await _eligible(turn)
    complaint = _complaint(turn)
    if not eligible:
        # a problem with something we cannot find: maybe bought with another account
        care = care_advice(turn.text) if complaint else ""
        return Exit(f"{SORRY}{care}{NOTHING_BOUGHT}\n{NOT_FOUND_HELP}" if complaint else NO_ORDERS)
    turn.values = replace(turn.values, choices=[o.order_no for o in eligible])
    listing = "\n".join(f"{i}. {order_brief(o)}" for i, o in enumerate(eligible, start=1))
    sorry = f"{_sorry(turn)}\n" if complaint else ""
    return f"{sorry}请问是哪个订单要售后？回复序号，或直接发订单号：\n{listing}"


ORDER = Slot[TicketValues](
    AfterSalesStep.ORDER,
    "订单",
    filled=lambda v: bool(v.order_no),
    clear=lambda v: replace(v, order_no=None),
    extract=(anywhere(_number), anywhere(_picked_again), asked(_picked)),
    ask=ask_order,
    validate=_validate,
    only=_only_order,
    show=lambda v: v.order_no or "",
    retry="请回复序号选择订单，或发订单号（SB开头）。",
)
