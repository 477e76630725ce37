"""The cart in words: show it, change a line's quantity or spec, swap or remove a line, one more,
empty it; 结算 moves on to the receiver. Every change says what changed and the new total.

Which line: the one named ("T恤改成两件"), numbered ("第二个不要了"), with the old quantity
("三包改成一包"), or the one with the new value ("换成浅蓝色": the line whose product comes in
浅蓝); else the last line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.dialogs import words
from bot.dialogs.moving_on import MovingOn, moving_on, says_go_on
from bot.dialogs.order.item import (
    ONE_BY_DEFAULT,
    adds_another,
    describe,
    item_of,
    named_in_parts,
    several,
    unwanted,
)
from bot.dialogs.order.money_questions import asks_money, only_postage
from bot.dialogs.order.quote import free_shipping_state, order_quote, quote_lines
from bot.dialogs.order.specs import spec_values_in, unknown_colour, without_names
from bot.dialogs.order.values import (
    Line,
    OrderStep,
    OrderValues,
    current,
    new_line,
    with_current,
    with_spec,
)
from bot.dialogs.parse import (
    CHANGE,
    NUMBER,
    PHONE_IN,
    UNITS,
    Replacement,
    check_quantity,
    number_value,
    offers_receiver,
    ordinal_in,
    parse_quantity,
    quantity_in,
    replacement,
    said_over,
    split_contact,
)
from bot.dialogs.slot import ALL, Fill, FormTurn, Slot, anywhere, at
from bot.shop import catalog, stock
from bot.shop.texts import line_text, numbered
from knowledge.model import Product

OS = OrderStep
Turn = FormTurn[OrderValues]

_CLEAR = re.compile(r"清空购物车|购物车清空|清空一下|全部删掉|全删了|全都删了|都删了|全部清空")
_REMOVE = re.compile(r"不要了|不要|删掉|删了|删除|去掉|拿掉|移除|撤掉")
_MORE_OF = re.compile(
    rf"^(?:那|那就)?(?:再|多|还)(?:来|要|加|买|拿)?\s*(?P<count>{NUMBER})\s*[{UNITS}]|^(?:再来|再要|再加|多来|多要)(?!.*[和跟])"
)
_NAMED_MORE = re.compile(
    rf"^(?:那|那就)?(?P<what>[^，,。\s]{{1,12}}?)\s*(?:也|再|还)(?:来|要|加|买|拿)\s*(?P<count>{NUMBER})?\s*[{UNITS}]"
)
""""保温杯也来一个", "T恤再要两件": the product first, then more of it (a line it names)."""
_QTY_WORD = re.compile(r"数量|件数|个数")
_SECOND_THOUGHTS = re.compile(
    r"^(?:(?:算了|那|那就|还是|要不|要不然|不然|嗯|额|呃|哦|好吧|这样吧|想了想|我想想)[，,。\s～~]*)+"
)
""""算了两件吧", "那还是三件吧": the new quantity comes after words that change one's mind."""


# ------------------------------------------------------------------------ which line


def _mentions(turn: Turn, text: str) -> list[int]:
    """Lines whose product the text names (by name, alias, or the matcher's reading), else the
    one line whose name has the kind of goods the text says ("裤子不要了": the 运动裤)."""
    named = {p.sku for p in catalog.named_products(turn.ctx, text)}
    hits = []
    for index, line in enumerate(turn.values.lines):
        item = item_of(turn, line)
        names = [line.name, *(item.aliases if item else ())]
        if line.sku in named or any(n and n.casefold() in text.casefold() for n in names):
            hits.append(index)
    return hits or _by_kind(turn.values.lines, text)


_KIND_FILLER = re.compile(
    r"算了|不对|还是|那个|这个|那条|这条|那件|这件|那双|这双|那|这|的|了|吧|啊|呀|哈|我|就|先|也|"
    r"[\s,，。!！~～]"
)


def _by_kind(lines: list[Line], text: str) -> list[int]:
    """The line whose name holds the word left when the edit's words are taken out ("算了裤子
    不要了" → 裤), when exactly one does."""
    said = _KIND_FILLER.sub("", _REMOVE.sub("", text))
    kind = said[:-1] if len(said) == 2 and said.endswith("子") else said
    if not 1 <= len(kind) <= 4 or not re.fullmatch(r"[\u4e00-\u9fff]+", kind):
        return []
    hits = [i for i, line in enumerate(lines) if kind in line.name]
    return hits if len(hits) == 1 else []


def _target(turn: Turn, text: str, *, qty: int | None = None) -> int | None:
    lines = turn.values.lines
    if not lines:
        return None
    index = ordinal_in(text, len(lines))
    if index is not None:
        return index
    named = _mentions(turn, text)
    if named:
        return named[-1]
    if qty is not None:
        with_qty = [i for i, line in enumerate(lines) if line.qty == qty]
        if with_qty:
            return with_qty[-1]
    return len(lines) - 1


def _told_apart(turn: Turn, text: str) -> list[int] | None:
    """The lines a spec value in `text` picks out among lines of one product ("黑色的" of a black
    and a white cup): only values of a spec those lines differ in count. None: the text names
    no such value; []: it names one that no line has ("雾霾蓝的" with black and white)."""
    lines = turn.values.lines
    picked: list[int] | None = None
    for sku in dict.fromkeys(x.sku for x in lines):
        group = [i for i, x in enumerate(lines) if x.sku == sku]
        item = item_of(turn, lines[group[0]])
        if len(group) < 2 or item is None:
            continue
        differ = {d for d in item.specs if len({lines[i].spec.get(d) for i in group}) > 1}
        named = {k: v for k, v in spec_values_in(text, item).items() if k in differ}
        if named:
            hits = [i for i in group if all(lines[i].spec.get(k) == v for k, v in named.items())]
            picked = [*(picked or []), *hits]
    return picked


def _has_twin(lines: list[Line], index: int) -> bool:
    """Another line of the same product is in the cart: a line is told by its values then."""
    return sum(x.sku == lines[index].sku for x in lines) > 1


def called(lines: list[Line], index: int) -> str:
    """How the reply names a line: its product, and with a line of the same product beside it,
    the values that tell them apart first ("黑色的316不锈钢保温杯")."""
    line = lines[index]
    twins = [x for x in lines if x.sku == line.sku]
    if len(twins) < 2:
        return line.name
    differ = [d for d in line.dims if len({x.spec.get(d) for x in twins}) > 1]
    alone = [d for d in differ if [x.spec.get(d) for x in twins].count(line.spec.get(d)) == 1]
    values = line.spec.get(alone[0], "") if alone else "".join(line.spec.get(d, "") for d in differ)
    return f"{values}的{line.name}" if values else line.name


def _which_twin(
    turn: Turn, indices: list[int], doing: str, example: str, said: str = ""
) -> Fill[OrderValues]:
    """Asked which of the lines of one product a change is for, when the message does not tell
    (or names a value none of them has: `said`); the answer names it and is read then."""
    lines = turn.values.lines
    name = lines[indices[0]].name
    head = f"购物车里没有{said}的{name}" if said else f"购物车里有{len(indices)}个{name}"
    first = indices[0] + 1
    hint = f"回复例如“第{first}个{example}”。"
    if turn.asked in (OS.CART, OS.CONFIRM):  # the cart follows, numbered, with the question
        return Fill(turn.values, ALL, f"{head}，{doing}？{hint}")
    shown = numbered(line_shown(x) for x in lines)  # numbered as the cart is: 第2个 is line 2
    return Fill(turn.values, ALL, f"{head}，{doing}？\n{shown}\n{hint}")


def _twins(lines: list[Line], index: int) -> list[int]:
    return [i for i, x in enumerate(lines) if x.sku == lines[index].sku]


def _with_twins(lines: list[Line]) -> list[int]:
    """The lines that share their product with another line."""
    return [i for i in range(len(lines)) if _has_twin(lines, i)]


def _replaced(turn: Turn, index: int, line: Line) -> OrderValues:
    lines = list(turn.values.lines)
    lines[index] = line
    return replace(turn.values, lines=lines)


# ------------------------------------------------------------------------ edits


def _clear(turn: Turn) -> Fill[OrderValues] | None:
    if not turn.values.lines or not _CLEAR.search(turn.text):
        return None
    emptied = replace(turn.values, lines=[], adding=False, choices=[], hint="", checkout=False)
    return Fill(emptied, ALL, "购物车已清空。")


def _remove(turn: Turn) -> Fill[OrderValues] | None:
    text = turn.text
    if not turn.values.lines or not _REMOVE.search(text):
        return None
    index = ordinal_in(text, len(turn.values.lines))
    named = _mentions(turn, text)
    told = _told_apart(turn, text) if index is None else None
    if told is not None and (unwanted(text) or replacement(text) is None):
        return _remove_told(turn, told, text)  # "黑色那个不要了" of a black and a white cup
    if index is None and not named and (waiting := _queued_named(turn, text)) is not None:
        return waiting
    if index is None and not named and unwanted(text):
        return _not_in_cart(turn)
    if index is None and not named and not re.search(r"这个|这件|那个|刚才|最后", text):
        return None  # "不要了" alone is 取消, a global word
    if _another_product(turn) is not None:
        return None  # "不要T恤了 换成卫衣": a swap (_swap_product), not only a removal
    index = index if index is not None else (named[-1] if named else len(turn.values.lines) - 1)
    return _removed(turn, index)


_FEWER = re.compile(
    rf"(?:删掉|删除|删|去掉|拿掉|减掉|减去|减|少要|少来|少买|少拿|退掉)\s*(?P<count>{NUMBER})\s*[{UNITS}]"
    rf"|(?:^|[\s，,])少\s*(?P<fewer>{NUMBER})\s*[{UNITS}]"
)
""""删掉一件", "T恤减两件", "少要一个": that many fewer of a line, not the line taken out."""


def _fewer(turn: Turn) -> Fill[OrderValues] | None:
    """ "删掉一件" of a line with more: its count less that many; a line of two of one product
    is told by its values ("黑色的删掉一件"), else asked which. Taking all of it takes it out."""
    lines = turn.values.lines
    found = _FEWER.search(turn.text)
    if not lines or found is None:
        return None
    less = number_value(found.group("count") or found.group("fewer") or "")
    if less is None or less <= 0:
        return None
    told = _told_apart(turn, turn.text)
    if told is not None and len(told) != 1:
        said = "" if told else _values_named(turn, turn.text)
        twins = told or _with_twins(lines)
        return _which_twin(turn, twins, f"要把哪个减{less}件", f"减{less}件", said)
    counted = [i for i, x in enumerate(lines) if x.qty]
    pointed = ordinal_in(turn.text, len(lines)) is not None or _mentions(turn, turn.text)
    if told is None and len(counted) > 1 and not pointed:
        ask = f"购物车里有{len(lines)}种商品，要把哪件减{less}件？"
        hint = f"回复例如“第1件减{less}件”。"
        if turn.asked in (OS.CART, OS.CONFIRM):  # the cart follows, numbered
            return Fill(turn.values, ALL, f"{ask}{hint}")
        listed = numbered(line_shown(x) for x in lines)
        return Fill(turn.values, ALL, f"{ask}\n{listed}\n{hint}")
    index = told[0] if told else _target(turn, turn.text)
    if index is None or lines[index].qty is None:
        return None
    line = lines[index]
    left = (line.qty or 0) - less
    if left <= 0:
        return _removed(turn, index)
    changed = _replaced(turn, index, replace(line, qty=left))
    head = called(lines, index)
    return Fill(changed, ALL, f"好的，{head}减了{less}件，现在{left}件。")


def _remove_told(turn: Turn, told: list[int], text: str) -> Fill[OrderValues]:
    """The line of two of one product that a value names goes; none or both named: which."""
    if len(told) == 1:
        return _removed(turn, told[0])
    said = "" if told else _values_named(turn, text)
    twins = told or _with_twins(turn.values.lines)
    return _which_twin(turn, twins, "要删哪一个", "不要了", said)


def _removed(turn: Turn, index: int) -> Fill[OrderValues]:
    gone = called(turn.values.lines, index)
    lines = [line for i, line in enumerate(turn.values.lines) if i != index]
    values = replace(turn.values, lines=lines, adding=bool(lines) and turn.values.adding)
    if not lines:
        values = replace(values, checkout=False)
    return Fill(values, ALL, f"已从购物车删除“{gone}”。{_what_is_left(turn, lines)}")


def _queued_named(turn: Turn, text: str) -> Fill[OrderValues] | None:
    """ "裤子不要了" for a product still waiting for its turn (`queued`): it is dropped."""
    queued = turn.values.queued
    named = {p.sku for p in catalog.named_products(turn.ctx, text)}
    hits = [i for i, x in enumerate(queued) if x.sku in named] or _by_kind(queued, text)
    if not hits:
        return None
    gone = queued[hits[-1]]
    kept = [x for i, x in enumerate(queued) if i != hits[-1]]
    return Fill(replace(turn.values, queued=kept), ALL, f"好的，{gone.name}不要了。")


def _what_is_left(turn: Turn, lines: list[Line]) -> str:
    """After a line is taken out: what the cart still holds, unless the step shows it."""
    if not lines:
        return "购物车空了。"
    shown_next = all(x.complete for x in lines) and not turn.values.checkout  # the cart step
    if turn.asked in (OS.CART, OS.CONFIRM) or shown_next:
        return ""
    return f"购物车里还有：{'、'.join(describe(x) for x in lines)}。"


def _not_in_cart(turn: Turn) -> Fill[OrderValues] | None:
    """ "抽纸不要了" with no 抽纸 in the cart: say so, and add nothing."""
    found = [p.name for p in catalog.named_products(turn.ctx, turn.text)]
    if not found:
        return None
    return Fill(turn.values, note=f"购物车里没有{found[0]}，不用删～")


def _more_of(turn: Turn) -> Fill[OrderValues] | None:
    """ "再来一件" / "再来两件T恤": more of a line already in the cart."""
    text = turn.text
    # "哦 那再加一包芝麻的": the words of a second thought before 再加 change nothing it says
    found = _MORE_OF.search(_SECOND_THOUGHTS.sub("", text)) or _more_of_named(turn)
    lines = turn.values.lines
    if not found or not lines:
        return None
    named = _mentions(turn, text)
    others = {p.sku for p in named_in_parts(turn, text)} - {x.sku for x in lines}
    if others:
        return None  # "再来一个保温杯": another product (item.py)
    index = named[-1] if named else len(lines) - 1
    line = lines[index]
    if line.qty is None:
        return None
    extra = number_value(found.group("count")) if found.group("count") else 1
    if extra is None or extra <= 0:
        return None
    other = _other_spec(turn, line, text)
    if other is not None:  # "再加一件黑色的" with a grey one in the cart: a black one besides
        added = replace(other, qty=extra)
        lines = [*lines, added]
        said = f"好的，再加{extra}件{describe(added)}。"
        return Fill(replace(turn.values, lines=lines, adding=False), ALL, said)
    changed = _replaced(turn, index, replace(line, qty=line.qty + extra))
    return Fill(changed, ALL, f"好的，{line.name}再加{extra}件，现在共{line.qty + extra}件。")


def _more_of_named(turn: Turn) -> re.Match[str] | None:
    """ "保温杯也来一个" when the cup is in the cart: the words before 也/再 name a line."""
    found = _NAMED_MORE.search(turn.text)
    return found if found is not None and _mentions(turn, found.group("what")) else None


def _other_spec(turn: Turn, line: Line, text: str) -> Line | None:
    """`line` with the spec values `text` names that it does not have (the values it does not
    name are kept: the same size in another colour), or None when it names none."""
    item = item_of(turn, line)
    if item is None:
        return None
    named = {k: v for k, v in spec_values_in(text, item).items() if k in line.dims}
    other = with_spec(line, named, item)
    return other if other.spec != line.spec else None


def _new_qty(text: str) -> int | None:
    qty = parse_quantity(text)
    if qty is None:
        qty = quantity_in(text)
    if qty is None and (bare := re.fullmatch(rf"\s*({NUMBER})\s*", text)):
        qty = number_value(bare.group(1))
    return qty


def _change_qty(turn: Turn) -> Fill[OrderValues] | None:
    """ "改成两件", "T恤改成2件", "三包改成一包", "数量改成3", "不是3件是2件"."""
    if not turn.values.lines or not CHANGE.search(turn.text):
        return None
    change = replacement(turn.text) or _said_last(turn.text)
    if change is None:
        return None
    qty = _new_qty(without_names(change.new, _any_item(turn)))
    if qty is None:
        return None
    old_qty = _new_qty(change.old) if change.old else None
    told = _told_apart(turn, _said_before(turn.text, change, change.new))
    if told is not None and len(told) != 1:  # "雾霾蓝的换成两个" with black and white cups
        said = "" if told else _values_named(turn, change.old or turn.text)
        twins = told or _with_twins(turn.values.lines)
        return _which_twin(turn, twins, f"要把哪个改成{qty}件", f"改成{qty}件", said)
    if told is None and _line_unclear(turn, turn.text, old_qty):
        return _which_line(turn, qty)
    if told is None and _names_another(turn, change.old or turn.text):
        return None  # "护手霜改成2个" with no 护手霜 in the cart: no other line's count changes
    index = told[0] if told else _target(turn, change.old or turn.text, qty=old_qty)
    line = turn.values.lines[index] if index is not None else None
    other = _other_spec(turn, line, change.new) if line is not None else None
    if index is None or line is None or other is None:
        return _set_qty(turn, index, qty)
    # "不对 要XL的 拿两件": the size and the count, both
    what = "、".join(v for k, v in other.spec.items() if line.spec.get(k) != v)
    changed = _replaced(turn, index, replace(other, qty=qty))
    head = called(turn.values.lines, index)
    return Fill(changed, ALL, "" if _first_said(turn, line) else f"已把{head}改成{what}、{qty}件。")


_COUNT_SAID = re.compile(rf"(?P<count>{NUMBER})\s*[{UNITS}]")


def _split_line(turn: Turn) -> Fill[OrderValues] | None:
    """ "不对 一件黑色一件白色" with 黑色L×2 in the cart: the line becomes one line per count said,
    each with its own values and the line's other specs kept (the size L stays); "黑色一件
    白色一件" too. Two or more parts, each with a count and a value of the line, make a split."""
    lines = turn.values.lines
    if not lines or turn.asked is None:
        return None  # the form's first message: its own lines were made from it (variants.py)
    said = said_over(turn.text)[-1]
    counts = list(_COUNT_SAID.finditer(said))
    if len(counts) < 2:
        return None
    named = _mentions(turn, turn.text)
    index = named[-1] if named else len(lines) - 1
    line = lines[index]
    item = item_of(turn, line)
    if item is None or not line.dims or not line.complete:
        return None
    parts = _parts_by_count(said, counts)
    split: list[Line] = []
    for qty, part in parts:
        values = {k: v for k, v in spec_values_in(part, item).items() if k in line.dims}
        if qty is None or not values:
            return None
        split.append(replace(with_spec(line, values, item), qty=qty))
    kept = [*lines[:index], *split, *lines[index + 1 :]]
    shown = "、".join(f"{''.join(x.spec.get(k, '') for k in x.dims)}×{x.qty}" for x in split)
    return Fill(replace(turn.values, lines=kept), ALL, f"好的，{line.name}分成{shown}。")


def _parts_by_count(said: str, counts: list[re.Match[str]]) -> list[tuple[int | None, str]]:
    """(count, the words it goes with): the words after each count ("一件黑色一件白色"), or
    before it when the message opens with a value ("黑色一件白色一件")."""
    ends = [m.start() for m in counts[1:]] + [len(said)]
    after = [said[m.end() : end] for m, end in zip(counts, ends, strict=True)]
    if said[: counts[0].start()].strip(" ，,") and not after[-1].strip(" ，,。"):
        starts = [0] + [m.end() for m in counts[:-1]]
        before = [said[start : m.start()] for start, m in zip(starts, counts, strict=True)]
        return [(number_value(m.group("count")), w) for m, w in zip(counts, before, strict=True)]
    return [(number_value(m.group("count")), w) for m, w in zip(counts, after, strict=True)]


def _first_said(turn: Turn, line: Line) -> bool:
    """The form's first message, for a line it was opened with and no count yet ("要保温杯 黑色
    三个 不对 两个" after its card): what it sets is the request, no change to report."""
    return turn.asked is None and line.qty is None


def _said_last(text: str) -> Replacement | None:
    """ "三件 不对 两件": what follows the last correction word replaces what came before."""
    parts = said_over(text)
    if len(parts) < 2 or not parts[-1].strip():
        return None
    return Replacement(_SECOND_THOUGHTS.sub("", parts[-2].strip()), parts[-1].strip())


def _bare_qty(turn: Turn) -> Fill[OrderValues] | None:
    """At the cart or the confirmation a quantity alone changes the last line: "两件吧"; at the
    receiver's questions one said with its measure word does ("2包就够了": no name has 包)."""
    named = _mentions(turn, turn.text)
    index = named[-1] if named else len(turn.values.lines) - 1
    line = turn.values.lines[index] if turn.values.lines else None
    if line is None or line.qty is None:
        return None
    # "坚果一盒就行了": the line named is the one counted, so its names are kept out of the count
    item = item_of(turn, line) if named else _any_item(turn)
    text = _SECOND_THOUGHTS.sub("", without_names(turn.text, item or _BLANK).strip())
    if turn.asked not in (OS.CART, OS.CONFIRM) and not _COUNTED.search(text):
        return None  # a bare "2" at the phone question is a wrong number, not a count
    qty = parse_quantity(text)
    if qty is None and _QTY_WORD.search(text):
        qty = _new_qty(_QTY_WORD.sub("", text))
    if qty is None:
        return None
    if _line_unclear(turn, turn.text, None):
        return _which_line(turn, qty)
    return _set_qty(turn, _target(turn, turn.text), qty)


_COUNTED = re.compile(rf"{NUMBER}\s*[{UNITS}]")
_AFTER_THE_CART = frozenset({OS.NAME, OS.PHONE, OS.ADDRESS, OS.CONFIRM})


def _names_another(turn: Turn, text: str) -> bool:
    """Does `text` name a product of the shop that no line of the cart holds (and none that
    one does)? A change said of it is not about the lines there."""
    if _mentions(turn, text):
        return False
    held = {x.sku for x in turn.values.lines}
    named = catalog.named_products(turn.ctx, text)
    return bool(named) and not any(p.sku in held for p in named)


def _line_unclear(turn: Turn, text: str, old_qty: int | None) -> bool:
    """A new count said after the cart was left, with several lines in it and nothing that
    says which (no name, no number of the line, no old count only one line has): the last
    line is no longer the one being talked about, so it is not guessed."""
    lines = turn.values.lines
    if len(lines) < 2 or turn.asked not in _AFTER_THE_CART:
        return False
    if ordinal_in(text, len(lines)) is not None or _mentions(turn, text):
        return False
    return old_qty is None or not any(line.qty == old_qty for line in lines)


def _which_line(turn: Turn, qty: int) -> Fill[OrderValues]:
    """Asked which line the new count is for; the shopper's answer names it and is read then."""
    listed = numbered(line_shown(x) for x in turn.values.lines)
    first = turn.values.lines[0].name
    ask = f"购物车里有{len(turn.values.lines)}种商品，要把哪件改成{qty}件？\n{listed}\n"
    return Fill(turn.values, ALL, f"{ask}回复例如“第1件改成{qty}件”或“{first}改成{qty}件”。")


def _set_qty(turn: Turn, index: int | None, qty: int) -> Fill[OrderValues] | None:
    if index is None:
        return None
    line = turn.values.lines[index]
    if line.qty == qty:  # the whole message said so: it is no receiver detail either
        # ... unless the line is still being chosen: "每日坚果30袋礼盒 一盒" at its spec
        # question says the spec too, which the spec's readers take from the text
        return Fill(turn.values, "" if line.missing else ALL, f"{line.name}已经是{qty}件了。")
    said = "" if _first_said(turn, line) else f"已把{called(turn.values.lines, index)}改成{qty}件。"
    return Fill(_replaced(turn, index, replace(line, qty=qty)), ALL, said)


def _any_item(turn: Turn) -> Product:
    """Names to keep out of a quantity: the last line's product (its 24包 is not a count)."""
    line = turn.values.lines[-1]
    item = item_of(turn, line)
    return item if item is not None else _BLANK


_BLANK = Product("", "", "", "", 0, 0)


_THEN_TAKE = re.compile(r"那(?:就|我)?(?:要|换成?|拿)|那就")
""""没有M吗 那要S", "那就换L吧": the value after 那要 / 那就 replaces the line's value."""


def _change_spec(turn: Turn) -> Fill[OrderValues] | None:
    """ "换成浅蓝色", "颜色改成黑色", "L码换成XL", "不是黑色是白色", and at the cart or the
    confirmation also "要白色的"."""
    lines = turn.values.lines
    if not lines or adds_another(turn):
        return None
    if _MORE_OF.search(_SECOND_THOUGHTS.sub("", turn.text)) and not CHANGE.search(turn.text):
        return None  # "再加一包芝麻的": one more, a new line beside the 原味 one (_more_of)
    # 那要 corrects only a line chosen before this message ("那要黑色L 两件" from a card is the
    # request itself)
    then = _THEN_TAKE.search(turn.text) if turn.asked is not None else None
    marked = CHANGE.search(turn.text) or then
    if not marked and turn.asked not in (OS.CART, OS.CONFIRM):
        return None
    change = replacement(turn.text) if marked else None
    wanted = change.new if change else turn.text
    if then is not None and not CHANGE.search(turn.text):
        wanted = turn.text[then.end() :]  # "没有M吗 那要S": only what follows is wanted
    named = _mentions(turn, turn.text)
    order = [named[-1]] if named else list(range(len(lines) - 1, -1, -1))
    told = _told_apart(turn, _said_before(turn.text, change, wanted))
    numbered_line = ordinal_in(_said_before(turn.text, change, wanted), len(lines))
    if numbered_line is not None:
        told = [numbered_line]  # "第2个改成500ml"
    if told is not None and len(told) == 1:
        order = told  # "不对 黑色的要350的": the black cup, not the last line
    for index in order:
        line = lines[index]
        item = item_of(turn, line)
        if item is None or not line.dims:
            continue
        values = {k: v for k, v in spec_values_in(wanted, item).items() if k in line.dims}
        changing = [
            i for i in _twins(lines, index) if with_spec(lines[i], values, item) != lines[i]
        ]
        if told is None and len(changing) == 1:
            index, line = changing[0], lines[changing[0]]  # "换成350ml": the one not 350ml yet
        elif values and _has_twin(lines, index) and (told is None or len(told) != 1):
            what = "、".join(values.values())
            said = _value_said(turn, item, told)
            return _which_twin(
                turn, _twins(lines, index), f"要把哪个改成{what}", f"改成{what}", said
            )
        if values and with_spec(line, values, item) != line:
            changed = with_spec(line, values, item)
            what = "、".join(values.values())
            head = called(lines, index)
            return Fill(_replaced(turn, index, changed), ALL, f"已把{head}改成{what}。")
        if values:
            return Fill(turn.values, note=f"{line.name}已经是{'、'.join(values.values())}了。")
    if marked and named:
        item = item_of(turn, lines[named[-1]])
        colour = unknown_colour(wanted, item, {}) if item else None
        if colour and item is not None:
            return Fill(
                turn.values, note=f"这款没有“{colour}”，可选：{'、'.join(item.specs['颜色'])}。"
            )
    return None


def _said_before(text: str, change: Replacement | None, wanted: str) -> str:
    """The words that say which line a change is for: the old value ("雾霾蓝的改成350"), else
    what stands before the new one ("不对 黑色的要350的" → "不对 黑色的要")."""
    if change is not None and change.old:
        return change.old
    at = text.rfind(wanted) if wanted else -1
    return text[:at] if at > 0 else ""


def _values_named(turn: Turn, text: str) -> str:
    """The spec values `text` names for the lines' products ("雾霾蓝"), for a reply."""
    said: dict[str, None] = {}
    for line in turn.values.lines:
        item = item_of(turn, line)
        if item is not None:
            said.update(dict.fromkeys(spec_values_in(text, item).values()))
    return "、".join(said)


def _value_said(turn: Turn, item: Product, told: list[int] | None) -> str:
    """The value named that no line has ("雾霾蓝"), for "购物车里没有雾霾蓝的…"; "" otherwise."""
    if told != []:
        return ""
    change = replacement(turn.text)
    before = _said_before(turn.text, change, change.new if change else "")
    return "、".join(spec_values_in(before, item).values())


def _another_product(turn: Turn) -> tuple[str, str, list[Product]] | None:
    """(old, new, products not in the cart that `new` names) for "X换成Y" / "不要X了 换成Y"."""
    if not turn.values.lines or not CHANGE.search(turn.text):
        return None
    change = replacement(turn.text)
    if change is None:
        return None
    skus = {x.sku for x in turn.values.lines}
    found = [p for p in catalog.named_products(turn.ctx, change.new) if p.sku not in skus]
    return (change.old, change.new, found) if found else None


def _swap_product(turn: Turn) -> Fill[OrderValues] | None:
    """ "T恤换成卫衣" / "换成保温杯": another product in that line's place (quantity kept); when
    the new name fits several ("换成卫衣": two hoodies), the old line goes and they are offered."""
    swap = _another_product(turn)
    if swap is None:
        return None
    old_words, new_words, found = swap
    index = _target(turn, old_words or "")
    at_index = index if index is not None else len(turn.values.lines) - 1
    old = turn.values.lines[at_index]
    if len(found) > 1:
        lines = [x for i, x in enumerate(turn.values.lines) if i != at_index]
        hint = f"{new_words} {old.qty}件" if old.qty else new_words
        offered = replace(
            turn.values, lines=lines, adding=bool(lines), choices=[p.sku for p in found], hint=hint
        )
        return Fill(offered, ALL, f"好的，{old.name}不要了。")
    item = found[0]
    line = with_spec(new_line(item), spec_values_in(new_words, item), item)
    line.qty = old.qty
    values = _replaced(turn, at_index, line)
    return Fill(values, ALL, f"好的，把{old.name}换成{item.name}。")


async def _validate_edits(turn: Turn) -> str | None:
    for line in turn.values.lines:
        if line.qty is None:
            continue
        problem = check_quantity(line.qty, await stock.available(turn.services, line.sku))
        if problem is not None:
            return f"{line.name}：{problem}"
    return None


CHANGES = Slot[OrderValues](
    OS.CHANGES,
    "购物车的修改",
    filled=lambda v: bool(v.lines),
    clear=lambda v: v,
    extract=(
        anywhere(several),  # "再来一个保温杯 还要三包抽纸": new lines, not edits of old ones
        anywhere(_clear),
        anywhere(_fewer),
        anywhere(_remove),
        anywhere(_more_of),
        anywhere(_split_line),
        anywhere(_change_qty),
        anywhere(_swap_product),
        anywhere(_change_spec),
        anywhere(_bare_qty),
    ),
    required=False,
    validate=_validate_edits,
    applies=lambda v: bool(v.lines),
)


# ------------------------------------------------------------------------ the cart step


def line_shown(line: Line) -> str:
    if line.complete and line.qty is not None:
        return line_text(line.name, line.spec, line.qty, line.qty * line.price_fen)
    return f"{describe(line)}（还没选完：{'、'.join([*line.missing, *([] if line.qty else ['数量'])])}）"


def cart_text(turn: Turn, values: OrderValues, *, payable: bool = False) -> str:
    """The cart's lines and its money; a line whose spec is still to choose is shown without a
    price and is not in the totals (they add up to the prices shown)."""
    chosen = replace(values, lines=[x for x in values.lines if not x.missing])
    money = quote_lines(order_quote(turn.ctx, chosen), payable=payable)
    return "\n".join([numbered(line_shown(x) for x in values.lines), *money])


def _checkout_words(turn: Turn) -> Fill[OrderValues] | None:
    """At the cart (and the product and confirmation steps): 结算, or a yes to its "回复结算"."""
    values = turn.values
    if not values.lines:
        return None
    checking_out = says_go_on(turn.text) or turn.word in words.CHECKOUT
    if checking_out and not values.checkout:
        return Fill(replace(values, checkout=True, adding=False, choices=[], hint=""), ALL)
    if turn.word in words.MORE:
        return Fill(replace(values, adding=True), ALL)
    return None


def _checkout_by_receiver(turn: Turn) -> Fill[OrderValues] | None:
    """Receiver details with the order ("…收货人王芳 电话…"), or at the cart, mean: check out.
    (Given while a spec is asked, they are kept, and the cart is still shown.)"""
    values = turn.values
    if turn.asked not in (None, OS.PRODUCT, OS.CART) or values.checkout:
        return None
    if not offers_receiver(turn.text):
        return None
    return Fill(replace(values, checkout=True))


def _open_line_gives_way(turn: Turn) -> Fill[OrderValues] | None:
    """The spec or the count of the line being chosen is asked, and the shopper moves on instead
    (bot/dialogs/moving_on.py: 结算, 下单吧, 确认, or the receiver's details). The question gives
    way; what the line becomes depends on what it still lacks:

    * only its count: one, said so it can be changed ("数量先按1件算"), and on to the checkout;
      asking again would hold the whole order up on a number most shoppers mean as one;
    * a spec, with other lines ready: the line is let go (said), and the ready lines are the
      order (an earlier line left unfinished goes the same way);
    * a spec, and nothing else ready: nothing here; the form says what is still needed (the
      spec's `not_yet`) and asks it, keeping any receiver's details said meanwhile."""
    values = turn.values
    line = current(values)
    if turn.asked not in (OS.SPEC, OS.QUANTITY) or line is None or line.complete:
        return None
    how = moving_on(turn.text)
    if how is None:
        return None
    by_word = how is MovingOn.CHECKOUT
    item = item_of(turn, line)
    if not line.missing:
        if item is not None and quantity_in(without_names(PHONE_IN.sub(" ", turn.text), item)):
            return None  # "两件 王芳 158…": the count is said, its own readers take it
        counted = replace(with_current(values, replace(line, qty=1)), checkout=True)
        return Fill(counted, ALL if by_word else "", ONE_BY_DEFAULT)
    ready = [x for x in values.lines if x.complete]
    if not ready:
        return None
    if not by_word and item is not None and spec_values_in(_without_receiver(turn.text), item):
        return None  # "黑色 小王 138…": the spec is answered too, the line stays
    unfinished = [x for x in [*values.lines, *values.queued] if not x.complete]
    lacking = "；".join(f"{x.name}还没选好{'、'.join(_still_missing(x))}" for x in unfinished)
    said = f"{lacking}，先不加了；还想要的话之后发商品名再加。"
    let_go = replace(
        values, lines=ready, queued=[], adding=False, choices=[], hint="", checkout=True
    )
    return Fill(let_go, ALL if by_word else "", said)


def _without_receiver(text: str) -> str:
    """The text without the receiver's phone and address: the 100 of "文三路100号" is no size."""
    contact = split_contact(text)
    for part in (contact.address, contact.phone):
        text = text.replace(part, " ") if part else text
    return PHONE_IN.sub(" ", text)


def _still_missing(line: Line) -> list[str]:
    return [*line.missing, *([] if line.qty else ["数量"])]


async def ask_cart(turn: Turn) -> str:
    just_added = bool(turn.changed & {OS.PRODUCT, OS.SPEC, OS.QUANTITY})
    head = "已加入购物车：" if just_added else "购物车："
    tail = "回复“结算”去下单；想改数量或规格直接说，例如“改成两件”；也可以接着发商品名加购。"
    return f"{head}\n{cart_text(turn, turn.values)}\n{tail}"


_ASKS_SHIPPING = re.compile(r"包邮|运费|邮费|差多少|还差")
"""A question about shipping answered at the cart: the cart's own state against it follows."""
_RETURN_POSTAGE = re.compile(r"退|换货|寄回|拒收")
"""退货运费谁出: the postage of sending something back, which the cart's state does not answer."""


async def again_cart(turn: Turn) -> str:
    kept = "购物车里的商品都给您留着：回复“结算”去下单，或接着发商品名加购。"
    if not _ASKS_SHIPPING.search(turn.text) or _RETURN_POSTAGE.search(turn.text):
        return kept
    if asks_money(turn.text) and not only_postage(turn.text):
        return kept  # "还差多少能满199减20", "一共多少 包邮吗": the money answer said it all
    state = free_shipping_state(order_quote(turn.ctx, turn.values))
    return f"{state}回复“结算”去下单，或接着发商品名加购。" if state else kept


CART = Slot[OrderValues](
    OS.CART,
    "结算",
    filled=lambda v: v.checkout,
    clear=lambda v: replace(v, checkout=False),
    extract=(
        at(OS.PRODUCT, OS.CART, OS.CONFIRM)(_checkout_words),
        anywhere(_checkout_by_receiver),
        anywhere(_open_line_gives_way),
    ),
    ask=ask_cart,
    validate=_validate_edits,  # the count of one taken for a line moving on is checked too
    again=again_cart,
    reads_rest=True,  # "下单 备注…", "嗯 下单 寄杭州": the go-on word beside a note or a city
)


def show_cart(turn: Turn) -> str:
    """购物车 at any step: the cart, then the step's question again."""
    if turn.asked in (OS.CART, OS.CONFIRM):
        return ""
    if not any(line.complete for line in turn.values.lines):
        line = current(turn.values)
        return f"购物车还是空的，{line.name}选好就放进去～" if line else "购物车还是空的。"
    return f"您的购物车：\n{cart_text(turn, turn.values)}"
