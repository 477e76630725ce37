"""The order form as one declaration: the slots in the order they are asked, then the confirmation.

Adding a step is one more `Slot` here (and `python -m bot.dialogs.diagram` to redraw order.mmd);
an optional slot (`required=False`) is never asked, only taken when the shopper offers it, as the
coupon code is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.dialogs import words
from bot.dialogs.conversation import GlobalMoves
from bot.dialogs.form import Form
from bot.dialogs.order.cart import CART, CHANGES, cart_text, show_cart
from bot.dialogs.order.confirm import CONFIRM
from bot.dialogs.order.earlier import LISTED
from bot.dialogs.order.extras import INVOICE, NOTE
from bot.dialogs.order.item import (
    PRODUCT,
    QUANTITY,
    SPEC,
    describe,
    each_said,
    first_part,
    line_said,
)
from bot.dialogs.order.quote import order_quote, priced_lines
from bot.dialogs.order.receiver import ADDRESS, COUPON, DESTINATION, NAME, PHONE
from bot.dialogs.order.specs import spec_values_in
from bot.dialogs.order.values import Line, OrderStep, OrderValues, new_line, with_spec
from bot.dialogs.slot import FormTurn
from bot.shop import catalog
from bot.shop.texts import yuan

# The extras come before the receiver: their extractors take their part of a message first, so
# "…电话158… 发票 杭州小禾贸易有限公司 …" does not lend the company's name to the receiver.
SLOTS = (
    LISTED,
    CHANGES,
    PRODUCT,
    SPEC,
    QUANTITY,
    CART,
    COUPON,
    DESTINATION,
    NOTE,
    INVOICE,
    NAME,
    PHONE,
    ADDRESS,
)


def cancelled(values: OrderValues) -> str:
    """取消 / 算了: what was dropped, so the shopper knows nothing was ordered."""
    dropped = "、".join(f"{x.name}×{x.qty or 1}" for x in values.lines)
    if dropped:
        return (
            f"好的，已取消本次下单，购物车里的{dropped}已清空，没有下单也不会扣款。需要时随时找我～"
        )
    return "好的，已取消本次下单。需要时随时找我～"


def summary(values: OrderValues) -> str | None:
    """For staff: what the shopper has in the cart."""
    if not values.lines:
        return None
    lines = "；".join(f"{describe(x)}×{x.qty or '?'}" for x in values.lines)
    subtotal = sum((x.qty or 0) * x.price_fen for x in values.lines)
    return f"正在下单：{lines}（商品合计{yuan(subtotal)}）"


def recap(turn: FormTurn[OrderValues]) -> str:
    """After a change to the cart at a step that does not show it: the new total (none while
    no line has a quantity yet: "现在合计：¥0.00" for a colour changed before the size). A line
    whose spec is still being chosen is not in it: it is not in the cart yet."""
    chosen = replace(turn.values, lines=[x for x in turn.values.lines if x.complete])
    if not priced_lines(chosen):
        return ""
    money = order_quote(turn.ctx, chosen)
    return "" if money.undeliverable else f"现在合计：{yuan(money.total_fen)}"


def seed(turn: FormTurn[OrderValues], given: Mapping[str, Any]) -> OrderValues:
    """From browsing: the product on the card goes into the cart (after what is there), with
    the spec values the shopper asked about on the card ("有白色L码吗" → 白色, L), under those
    the message itself names."""
    shown = given.get("shown")  # the list on screen, for "换成第二个" (earlier.py); none: a card
    earlier = [str(sku) for sku in shown] if isinstance(shown, list) else []
    turn.values = replace(turn.values, earlier=earlier, meant="")
    offered = given.get("choices")  # 您要哪一款 was asked in the list, and not answered yet
    if isinstance(offered, list) and offered:
        hint = str(given.get("hint", ""))
        chosen = [str(sku) for sku in offered]
        return replace(turn.values, choices=chosen, hint=hint, adding=bool(turn.values.lines))
    if given.get("checkout") and turn.values.lines:  # 结算 while browsing: the cart waiting
        return replace(turn.values, checkout=True, adding=False, choices=[], hint="")
    several = given.get("skus")
    if isinstance(several, list) and several:
        return _seed_several(turn, [str(sku) for sku in several])
    item = catalog.product(turn.ctx, str(given.get("sku", "")))
    if item is None:
        return turn.values
    asked = given.get("spec")
    spec = {str(k): str(v) for k, v in asked.items()} if isinstance(asked, Mapping) else {}
    # What the shopper names in this message wins over what an earlier question on the card
    # mentioned ("350的和500的价格一样吗", then "黑色500ml两个": 500ml).
    said = spec_values_in(first_part(turn.text), item)
    line = with_spec(new_line(item), {**spec, **said}, item)
    counted = given.get("qty")  # a product pointed at with 要 and no count: one (browse.py)
    if isinstance(counted, int) and counted > 0:
        line.qty = counted
        turn.changed.add(OrderStep.QUANTITY)  # the cart says it was just added
    values = turn.values
    last = values.lines[-1] if values.lines else None
    kept = values.lines[:-1] if last is not None and not last.complete else values.lines
    return replace(values, lines=[*kept, line], adding=False, choices=[], hint="")


def _seed_several(turn: FormTurn[OrderValues], skus: list[str]) -> OrderValues:
    """ "都要" / "各来一个" after a list: one of each, or what the message says of each ("都要
    芒果干200g 草莓脆两包"); the specs still open are asked one line at a time (the first
    becomes the line being chosen, the others wait in `queued`)."""
    items = [item for sku in skus if (item := catalog.product(turn.ctx, sku)) is not None]
    said = each_said(turn.ctx, turn.text, skus)  # 都要 芒果干200g 草莓脆两包: each part's
    lines = [line_said(item, said.get(item.sku, ""), one_by_default=True) for item in items]
    lines.sort(key=lambda x: not x.complete)  # those chosen go in first, the others are asked
    ready = [x for x in lines if x.complete]
    if ready and len(ready) < len(lines):  # the next question is another line's: said first
        put = "、".join(f"{describe(x)}×{x.qty}" for x in ready)
        turn.seeded.append(f"好的，{put}已加入购物车。")
    values = turn.values
    last = values.lines[-1] if values.lines else None
    kept = values.lines[:-1] if last is not None and not last.complete else values.lines
    return replace(values, lines=kept, queued=lines, adding=False, choices=[], hint="")


def take_queued(values: OrderValues) -> OrderValues:
    """The next product chosen together becomes the line being chosen once the current one is
    complete (or the cart has none)."""
    lines, queued = list(values.lines), list(values.queued)
    while queued and (not lines or lines[-1].complete or values.adding):
        lines.append(queued.pop(0))
        values = replace(values, adding=False)
    if queued == values.queued:
        return values
    return replace(values, lines=lines, queued=queued)


def merge_same(values: OrderValues) -> OrderValues:
    """Two complete lines of the same product and spec become one."""
    merged: list[Line] = []
    for line in values.lines:
        twin = next(
            (
                x
                for x in merged
                if x.complete and line.complete and (x.sku, x.spec) == (line.sku, line.spec)
            ),
            None,
        )
        if twin is not None:
            twin.qty = (twin.qty or 0) + (line.qty or 0)
        else:
            merged.append(replace(line, spec=dict(line.spec), dims=list(line.dims)))
    return replace(values, lines=merged) if len(merged) != len(values.lines) else values


def share_choices(values: OrderValues) -> OrderValues:
    """Lines of one product split from one message ("T恤 一件M一件L") wait together for the spec
    none of them named: what is chosen for the line asked about is theirs too. (Only lines
    split so are incomplete before the last one.)"""
    last = values.lines[-1] if values.lines else None
    if last is None or len(values.lines) < 2:
        return values
    lines = [
        _with_choices(x, last) if x.sku == last.sku and x.missing else x for x in values.lines[:-1]
    ]
    return replace(values, lines=[*lines, last]) if lines != values.lines[:-1] else values


def _with_choices(line: Line, chosen: Line) -> Line:
    """`line` with the values of `chosen` for the specs it misses, in the catalogue's order."""
    merged = {**{k: v for k, v in chosen.spec.items() if k in line.missing}, **line.spec}
    order = [k for k in line.spec if k not in line.dims] + [d for d in line.dims if d in merged]
    return replace(line, spec={k: merged[k] for k in order})


def tidy(values: OrderValues) -> OrderValues:
    return take_queued(merge_same(share_choices(values)))


def build(moves: GlobalMoves) -> Form[OrderValues]:
    return Form(
        "order",
        title="下单",
        values=OrderValues,
        slots=SLOTS,
        final=CONFIRM,
        moves=moves,
        cancelled=cancelled,
        summary=summary,
        recap=recap,
        recap_after=frozenset({OrderStep.CHANGES}),
        shows_all=frozenset({OrderStep.CART}),
        seed=seed,
        words={words.CART: show_cart},
        tidy=tidy,
        asks_first=frozenset({OrderStep.PRODUCT}),
    )


__all__ = ["build", "cart_text"]
