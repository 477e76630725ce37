"""The list shown before the order form: "第二个", "换成第一个", "刚才那个蓝色的" said while the
form asks a spec or the count point at a product of that list, not at a colour or a count.

Browsing hands the products on screen to the form with the product bought (`OrderValues.
earlier`). While a line of that list is being chosen, a reference to another product of the list
puts it in the line's place (its count kept). One ambiguity is asked about instead of guessed: a bare
ordinal at a spec question, whose own list is numbered too ("第二个" may be the second colour):
the shopper is asked whether they meant the listed product (`OrderValues.meant`), and a yes
swaps it in.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.dialogs import words
from bot.dialogs.list_refs import Reference, referred
from bot.dialogs.order.item import item_of
from bot.dialogs.order.specs import spec_values_in, without_names
from bot.dialogs.order.values import OrderStep, OrderValues, current, new_line, with_spec
from bot.dialogs.parse import QUESTION, fold, pick_number, quantity_in
from bot.dialogs.slot import ALL, Fill, FormTurn, Slot, anywhere
from bot.shop import catalog
from knowledge.model import Product

OS = OrderStep
Turn = FormTurn[OrderValues]

_POINTING = re.compile(r"刚才|刚刚|之前|上面|前面|列表|换成|换|改成|改|还是|那款|那件|那个|这款")
"""Words that make an ordinal point at the list, not at the spec question's own numbers."""
_THAT_ONE = re.compile(
    r"(?:那|这)(?:一)?(?:个|款|件|种|双|条|套|盒|瓶|只|支)(?P<word>[\u4e00-\u9fffA-Za-z0-9]{1,8}?)的?$"
)
""""那个蓝色的": the describing word after 那个, as list_refs reads it before ("蓝色那个")."""
_LEAD = re.compile(r"^(?:我|那|那就|就)?(?:刚才|刚刚|之前|上面|前面)?(?:换成|换|改成|还是|要)?")
YES = words.YES | frozenset({"换", "换吧", "要换", "换过去", "换一下", "就那个", "是那个"})
"""A yes to "您是想换成刚才列表里的…吗": the question is whether to swap."""


def _listed(turn: Turn) -> list[Product]:
    return [p for sku in turn.values.earlier if (p := catalog.product(turn.ctx, sku))]


def _reference(text: str, shown: list[Product]) -> Reference | None:
    """The product of `shown` the text points at, by its number or a describing word (either
    before 那个, "蓝色那个", or after it, "刚才那个蓝色的")."""
    found = referred(text, shown)
    if found is not None:
        return found
    after = _THAT_ONE.search(_LEAD.sub("", fold(text)))
    if after is None:
        return None
    described = referred(f"{after.group('word')}那个", shown)
    return Reference(described.item, text, described.spec_value) if described else None


def _swapped(turn: Turn, item: Product, said: str) -> Fill[OrderValues]:
    """`item` in place of the line being chosen, with the spec values and count `said` gives
    (else the count the line had)."""
    values = turn.values
    line = current(values)
    spec = spec_values_in(said, item)
    chosen = with_spec(new_line(item), spec, item)
    chosen.qty = quantity_in(without_names(said, item)) or (line.qty if line else None)
    lines = [*values.lines[:-1], chosen] if line is not None else [*values.lines, chosen]
    swapped = replace(values, lines=lines, adding=False, choices=[], hint="", meant="")
    return Fill(swapped, ALL, f"好的，换成{item.name}。")


def _pointed(turn: Turn) -> Fill[OrderValues] | None:
    """A product of the earlier list pointed at while a line's spec or count is asked, or the
    yes to "您是想换成刚才列表里的…吗"."""
    if turn.values.meant:
        meant = catalog.product(turn.ctx, turn.values.meant)
        if meant is not None and turn.word in YES:
            return _swapped(turn, meant, "")
        # any other answer forgets the question, and is read as it would be without it
        turn.values = replace(turn.values, meant="")
    line = current(turn.values)
    shown = _listed(turn)
    if turn.asked not in (OS.SPEC, OS.QUANTITY) or line is None or len(shown) < 2:
        return None
    if line.sku not in turn.values.earlier:
        return None  # a product asked for since ("再来一个保温杯"): that list is behind it
    if QUESTION.search(turn.text):
        return None  # "第二个有什么颜色": a question, answered in passing
    found = _reference(turn.text, shown)
    waiting = {x.sku for x in turn.values.queued}  # "都要": the others come next anyway
    if found is None or found.item.sku == line.sku or found.item.sku in waiting:
        return None
    item = item_of(turn, line)
    if (
        found.spec_value
        and item is not None
        and spec_values_in(found.spec_value, item, shades=False)
    ):
        return None  # "黑色那个" while its colour is asked: this product's black
    if turn.asked == OS.SPEC and item is not None and not _POINTING.search(turn.text):
        dim = line.missing[0] if line.missing else ""
        own = len(item.specs.get(dim, ()))
        if pick_number(turn.text, own) is not None or _within(found.words, own):
            return _ask_which(turn, found.item, dim)  # "第二个": a colour, or that product?
    return _swapped(turn, found.item, found.rest(turn.text))


def _within(words: str, count: int) -> bool:
    """Are the pointing words an ordinal ("第二个") among the spec question's own `count`?"""
    return words.startswith("第") and pick_number(words, count) is not None


def _ask_which(turn: Turn, item: Product, dim: str) -> Fill[OrderValues]:
    index = turn.values.earlier.index(item.sku) + 1
    note = (
        f"您是想换成刚才列表里的第{index}款“{item.name}”吗？要换请回复“换”；"
        f"要选{dim}，回复{dim}名称或数字（例如“{index}”）就行。"
    )
    return Fill(replace(turn.values, meant=item.sku), ALL, note)


LISTED = Slot[OrderValues](
    OS.LISTED,
    "刚才列表里的商品",
    filled=lambda v: False,
    clear=lambda v: v,
    extract=(anywhere(_pointed),),
    required=False,
    applies=lambda v: bool(v.earlier),
)
