"""Choosing what to buy: product → spec → quantity → cart.

A line under construction lives in the slots `sku`, `spec`, `qty`; the cart state commits it to
`cart` only when the shopper moves on (结算, 继续, another product), so "返回" from the cart can
still change the quantity.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot.dialogs import words
from bot.dialogs.machine import RETRY, STAY, UNCLEAR, Outcome, Prompt, prompt
from bot.dialogs.order.states import CART, CHOICES, QTY, SKU, SPEC, SPEC_DIM, Ev
from bot.dialogs.slots import check_quantity, parse_quantity, pick_number
from bot.dialogs.turn import Turn
from bot.shop import catalog, stock
from bot.shop.pricing import CartLine, cart_of
from bot.shop.texts import line_text, numbered, spec_text, yuan
from knowledge.model import Product

if TYPE_CHECKING:
    from bot.services import Services

COLOUR = "颜色"
_COLOUR = re.compile(
    r"((?:[深浅酒天藏墨宝玫米雾奶姜焦橘亮暗]?)[红橙黄绿青蓝紫粉白黑灰棕咖金银驼杏]色)"
)
MAX_CART_LINES = 10
LOW_STOCK = 10


def _drop_line_in_progress(slots: dict[str, Any]) -> None:
    for slot in (SKU, SPEC, SPEC_DIM, QTY, CHOICES):
        slots.pop(slot, None)


def line_seed(services: Services, item: Product, text: str) -> dict[str, Any]:
    """The slots `text` already fills for `item`: spec values and a quantity.

    A colour the product does not have ("红色" for a T-shirt sold in 白/黑/灰/藏青) is kept, so
    the spec question can say "这款没有“红色”" instead of silently ignoring it.
    """
    found = catalog.extract(services, text, item)
    spec = dict(found.specs)
    colour = _COLOUR.search(text)
    if COLOUR in item.specs and COLOUR not in spec and colour:
        spec[COLOUR] = colour.group(1)
    seed: dict[str, Any] = {SKU: item.sku}
    if spec:
        seed[SPEC] = spec
    if found.quantity is not None:
        seed[QTY] = found.quantity
    return seed


def choose(turn: Turn, item: Product, text: str) -> None:
    """Take `item` and whatever spec and quantity `text` already gives ("两件黑色M码的T恤")."""
    _drop_line_in_progress(turn.slots)
    turn.slots.update(line_seed(turn.services, item, text))


def _choices_text(turn: Turn) -> str:
    names = []
    for sku in turn.slots.get(CHOICES) or []:
        item = catalog.product(turn.services, sku)
        if item is not None:
            names.append(f"{item.name} {yuan(item.price_fen)}")
    return "找到这几件，您要哪一件？回复序号即可：\n" + numbered(names)


# ------------------------------------------------------------------------ product


async def ask_product(turn: Turn) -> Prompt | Outcome:
    if turn.slots.get(SKU):
        return Outcome(Ev.DONE)
    if turn.slots.get(CHOICES):
        return prompt(_choices_text(turn))
    return prompt("想买哪件商品呢？直接发商品名就行，例如“T恤”“保温杯”。")


async def on_product(turn: Turn) -> Outcome:
    choices: list[str] = list(turn.slots.get(CHOICES) or [])
    index = pick_number(turn.text, len(choices)) if choices else None
    if index is not None:
        found = [p for p in [catalog.product(turn.services, choices[index])] if p is not None]
    else:
        found = catalog.find_products(turn.msg, turn.ctx)
    if not found:
        return Outcome.say(UNCLEAR, f"没有找到“{turn.text[:20]}”，换个商品名试试～")
    if len(found) > 1:
        turn.slots[CHOICES] = [p.sku for p in found]
        return Outcome(RETRY)
    item = found[0]
    if await stock.available(turn.services, item.sku) <= 0:
        turn.slots.pop(CHOICES, None)
        return Outcome.say(RETRY, f"抱歉，“{item.name}”暂时缺货，看看别的吧～")
    choose(turn, item, turn.text)
    return Outcome(Ev.DONE)


# ------------------------------------------------------------------------ spec


def _valid_spec(turn: Turn, item: Product) -> list[str]:
    """Keep the chosen values this product has; fill specs with only one value. Returns notes."""
    chosen: dict[str, str] = dict(turn.slots.get(SPEC) or {})
    notes = []
    for name, value in list(chosen.items()):
        if value not in item.specs.get(name, ()):
            del chosen[name]
            notes.append(f"这款没有“{value}”。")
    for name, values in item.specs.items():
        if len(values) == 1:
            chosen.setdefault(name, values[0])
    turn.slots[SPEC] = chosen
    return notes


async def ask_spec(turn: Turn) -> Prompt | Outcome:
    item = catalog.product(turn.services, str(turn.slots.get(SKU, "")))
    if item is None:
        _drop_line_in_progress(turn.slots)
        return Outcome.say(Ev.GONE, "抱歉，这件商品刚刚下架了。")
    notes = _valid_spec(turn, item)
    missing = [name for name in item.specs if name not in turn.slots[SPEC]]
    if not missing:
        return Outcome(Ev.DONE, prompt(*notes))
    turn.slots[SPEC_DIM] = missing[0]
    values = item.specs[missing[0]]
    return prompt(
        *notes, f"{item.name}，请选择{missing[0]}（回复序号或名称）：\n{numbered(values)}"
    )


async def on_spec(turn: Turn) -> Outcome:
    item = catalog.product(turn.services, str(turn.slots.get(SKU, "")))
    if item is None:
        return Outcome(RETRY)  # ask_spec says it is gone and moves on
    dim = str(turn.slots.get(SPEC_DIM) or next(iter(item.specs), ""))
    values = item.specs.get(dim, ())
    chosen: dict[str, str] = dict(turn.slots.get(SPEC) or {})
    index = pick_number(turn.text, len(values))
    if index is not None:
        chosen[dim] = values[index]
    else:
        chosen.update(catalog.extract(turn.services, turn.text, item).specs)
    if chosen == turn.slots.get(SPEC):
        return Outcome.say(UNCLEAR, f"这款没有“{turn.text[:20]}”这个{dim}。")
    turn.slots[SPEC] = chosen
    missing = [name for name in item.specs if name not in chosen]
    return Outcome(Ev.NEXT_SPEC if missing else Ev.DONE)


# ------------------------------------------------------------------------ quantity


async def ask_quantity(turn: Turn) -> Prompt | Outcome:
    item = catalog.product(turn.services, str(turn.slots.get(SKU, "")))
    left = await stock.available(turn.services, item.sku) if item else 0
    if item is None or left <= 0:
        name = item.name if item else "这件商品"
        _drop_line_in_progress(turn.slots)
        return Outcome.say(Ev.SOLD_OUT, f"抱歉，“{name}”刚刚卖完了。")
    notes: list[str] = []
    if QTY in turn.slots:
        problem = check_quantity(int(turn.slots[QTY]), left)
        if problem is None:
            return Outcome(Ev.DONE)
        notes.append(problem)
        del turn.slots[QTY]
    chosen = dict(turn.slots.get(SPEC) or {})
    shown = spec_text({name: chosen[name] for name in item.specs if name in chosen})
    hint = f"（库存仅剩{left}件）" if left < LOW_STOCK else ""
    what = f"{item.name}{f'（{shown}）' if shown else ''}"
    return prompt(*notes, f"{what} 单价{yuan(item.price_fen)}，要买几件？{hint}")


async def on_quantity(turn: Turn) -> Outcome:
    qty = parse_quantity(turn.text)
    if qty is None:
        qty = catalog.extract(turn.services, turn.text, expect_quantity=True).quantity
    if qty is None:
        return Outcome.say(UNCLEAR, "请直接回复数量，例如“2”。")
    left = await stock.available(turn.services, str(turn.slots.get(SKU, "")))
    problem = check_quantity(qty, left)
    if problem is not None:
        return Outcome.say(RETRY, problem)
    turn.slots[QTY] = qty
    return Outcome(Ev.DONE)


# ------------------------------------------------------------------------ cart


def pending_line(turn: Turn) -> CartLine | None:
    """The line being chosen, once product, spec and quantity are all known."""
    item = catalog.product(turn.services, str(turn.slots.get(SKU, "")))
    if item is None or QTY not in turn.slots:
        return None
    chosen = dict(turn.slots.get(SPEC) or {})
    spec = {name: chosen[name] for name in item.specs if name in chosen}  # the catalogue's order
    return CartLine(item.sku, item.name, item.category, spec, int(turn.slots[QTY]), item.price_fen)


def _commit(turn: Turn) -> None:
    line = pending_line(turn)
    if line is not None:
        turn.slots[CART] = [*(turn.slots.get(CART) or []), line.to_slot()]
    _drop_line_in_progress(turn.slots)


def cart_text(lines: list[CartLine]) -> str:
    shown = [line_text(x.name, x.spec, x.qty, x.amount_fen) for x in lines]
    return f"{numbered(shown)}\n合计：{yuan(sum(x.amount_fen for x in lines))}"


async def ask_cart(turn: Turn) -> Prompt | Outcome:
    lines = cart_of(turn.slots)
    pending = pending_line(turn)
    if pending is None and not lines:
        return Outcome(Ev.EMPTY)
    head = "已加入购物车：" if pending is not None else "购物车："
    lines += [pending] if pending is not None else []
    tail = "回复“结算”去下单，或直接发商品名继续加购。"
    return prompt(f"{head}\n{cart_text(lines)}\n{tail}")


async def on_cart(turn: Turn) -> Outcome:
    full = len(cart_of(turn.slots)) + 1 >= MAX_CART_LINES
    if turn.word in words.CHECKOUT:
        _commit(turn)
        return Outcome(Ev.CHECKOUT)
    if turn.word in words.MORE:
        if full:
            return Outcome.say(STAY, f"购物车最多放{MAX_CART_LINES}种商品，请先回复“结算”。")
        _commit(turn)
        return Outcome(Ev.MORE)
    found = catalog.find_products(turn.msg, turn.ctx)
    if not found:
        return Outcome.say(UNCLEAR, "回复“结算”去下单，或发商品名继续加购。")
    if full:
        return Outcome.say(STAY, f"购物车最多放{MAX_CART_LINES}种商品，请先回复“结算”。")
    _commit(turn)
    if len(found) > 1:
        turn.slots[CHOICES] = [p.sku for p in found]
        return Outcome(Ev.MORE)
    choose(turn, found[0], turn.text)
    return Outcome(Ev.PICKED)
