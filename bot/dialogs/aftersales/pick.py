"""Which order: only the shopper's own, and only one that was paid.

Every lookup goes through the store's owner-checked reads (`list_orders`, `get_order` with the
sender's id and channel). A number that is not the shopper's gets exactly the answer a number
that does not exist gets, so nobody learns that someone else's order exists.
"""

from __future__ import annotations

from bot.dialogs.aftersales.states import CHOICES, ORDER_NO, Ev
from bot.dialogs.machine import RETRY, UNCLEAR, Outcome, Prompt
from bot.dialogs.slots import pick_number
from bot.dialogs.turn import Turn
from bot.protocol import TextReply
from bot.shop import stock
from bot.shop.texts import order_brief
from bot.storage import Order, OrderStatus
from bot.storage.ids import normalise
from knowledge.entities import find_order_no

TICKETABLE = (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DONE)
LISTED = 5
NO_ORDERS = (
    "您目前没有可以申请售后的订单：付款后的订单才能申请售后。\n"
    "还没付款的订单不需要售后，回复“取消订单 订单号”即可取消。"
)


async def own_order(turn: Turn, order_no: str) -> Order | None:
    return await stock.database(turn.services).orders.get_order(
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


async def ask_order(turn: Turn) -> Prompt | Outcome:
    notes: list[str] = []
    if turn.slots.get(ORDER_NO):
        given = str(turn.slots.pop(ORDER_NO))
        problem = problem_with(await own_order(turn, given), given)
        if problem is None:
            turn.slots[ORDER_NO] = normalise(given)
            return Outcome(Ev.DONE)
        notes.append(problem)
    mine = await stock.database(turn.services).orders.list_orders(
        turn.user, 20, channel=turn.channel
    )
    eligible = [o for o in mine if o.status in TICKETABLE][:LISTED]
    if not eligible:
        return Outcome(Ev.NO_ORDERS, tuple(TextReply(t) for t in (*notes, NO_ORDERS)))
    turn.slots[CHOICES] = [o.order_no for o in eligible]
    listing = "\n".join(f"{i}. {order_brief(o)}" for i, o in enumerate(eligible, start=1))
    ask = f"请问是哪个订单要售后？回复序号，或直接发订单号：\n{listing}"
    return tuple(TextReply(t) for t in (*notes, ask))


async def on_order(turn: Turn) -> Outcome:
    choices: list[str] = list(turn.slots.get(CHOICES) or [])
    index = pick_number(turn.text, len(choices))
    given = choices[index] if index is not None else find_order_no(turn.text)
    if given is None:
        return Outcome.say(UNCLEAR, "请回复序号选择订单，或发订单号（SB开头）。")
    problem = problem_with(await own_order(turn, given), given)
    if problem is not None:
        return Outcome.say(RETRY, problem)
    turn.slots[ORDER_NO] = normalise(given)
    turn.slots.pop(CHOICES, None)
    return Outcome(Ev.DONE)
