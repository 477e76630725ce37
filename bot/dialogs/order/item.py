"""What to buy: the product, its specs and the quantity of the line being chosen.

"我要一件白色L码卫衣" fills all three at once; a name that fits several products is narrowed by
the specs it came with (of the two 卫衣 only one comes in L), else the shopper picks from a short
list and what they said with it (L, 一件) is applied to the one they pick.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.dialogs.order.money_questions import asks_money
from bot.dialogs.order.quote import warns_unsendable
from bot.dialogs.order.specs import (
    same_as_before,
    spec_values_in,
    unknown_colour,
    without_names,
)
from bot.dialogs.order.values import (
    Line,
    OrderStep,
    OrderValues,
    current,
    new_line,
    reopened,
    with_current,
    with_models_of,
    with_spec,
)
from bot.dialogs.order.variants import variant_lines
from bot.dialogs.parse import (
    COUNT_WORD,
    GOODS_MEASURE,
    IN_STOCK_ASKED,
    asks_whether_to_buy,
    check_quantity,
    fold,
    is_question,
    looks_like_phone_attempt,
    ordinal_in,
    parse_quantity,
    pick_number,
    quantity_in,
    said_over,
)
from bot.dialogs.size_advice import measured, sized
from bot.dialogs.slot import ALL, Fill, FormTurn, Slot, anywhere, asked, at, near
from bot.dialogs.turn import word_of
from bot.shop import catalog, stock
from bot.shop.texts import numbered, spec_text, yuan
from bot.step import Context
from knowledge.model import KnowledgeBase, Product

OS = OrderStep
MAX_CART_LINES = 10
LOW_STOCK = 10
QTY_HOW = "回复数字就行，例如“2”。"
"""How to answer the quantity question: a new shopper does not know a bare number will do."""
_BUY = re.compile(r"买|要|来|拍|下单|订|加(?![厚绒湿大长宽])|拿|配")
"""Buying words; the 加 of a goods word (加湿器, 加厚, 加绒) is none."""
_ADD_WORDS = r"(?:再|还|另外|顺便|也|然后)\s*(?:给我|帮我|给他|给她)?\s*(?:来|要|买|加|拿|订|配)"
_ADD = re.compile(rf"^(?:那|那就)?{_ADD_WORDS}")
_ADD_LATER = re.compile(rf"[，,；;。\s]+(?:那|那就)?(?={_ADD_WORDS})")
"""Where a message that is about the line being chosen goes on to one more product ("要远峰蓝
再来个防窥膜"): the first part is that line's, the rest another line."""
_ADD_VERB = re.compile(r"^(?:加|加个|加一个|添|添加|帮我加)")
_GOODS_ADD_WORDS: list[tuple[KnowledgeBase, frozenset[str]]] = []


def _add_word_heads(kb: KnowledgeBase) -> frozenset[str]:
    """The two characters every catalogue word opening with 加 begins with (加厚, 加绒, 加湿,
    加大), built once per knowledge base: there 加 is part of the goods' word, not "add"."""
    if _GOODS_ADD_WORDS and _GOODS_ADD_WORDS[0][0] is kb:
        return _GOODS_ADD_WORDS[0][1]
    heads = {
        word[:2]
        for item in kb.products.values()
        for name in (item.name, *item.aliases, *item.tags)
        for word in re.findall(r"加[\u4e00-\u9fff]", name)
    }
    built = frozenset(heads - {"加个", "加一", "加两", "加上", "加点"})
    _GOODS_ADD_WORDS[:] = [(kb, built)]
    return built


def adds_with_a_verb(turn: Turn, text: str) -> bool:
    """ "加一个充电宝", "添个杯子": one more product by a verb opening the message; "加厚的 黑色
    M码" (a describing word) and "加湿器来一个" (a product's name) open with no verb."""
    if not _ADD_VERB.search(text):
        return False
    at = text.lstrip().removeprefix("帮我")
    return at[:2] not in _add_word_heads(catalog.kb(turn.ctx))


_SPEC_LIKE = re.compile(
    r"[A-Za-z0-9.×*\-/ ]{1,12}(?:码|号|ml|g|cm|米|寸)?"
    r"|(?!.*[退付货存贷]款).{0,4}[色码号款味型装](?:的|吧)?"
)
"""What reads as an attempt at a spec value (9, XXXL, 42码, 紫色, 大号): refused by name; the 款
of 退款 / 付款 is no style."""
Turn = FormTurn[OrderValues]


def item_of(turn: Turn, line: Line | None) -> Product | None:
    return catalog.product(turn.ctx, line.sku) if line is not None else None


def describe(line: Line) -> str:
    """纯棉圆领短袖T恤（颜色:白色 尺码:L）"""
    shown = spec_text(line.spec)
    return f"{line.name}{f'（{shown}）' if shown else ''}"


# ------------------------------------------------------------------------ product


def start_line(turn: Turn, item: Product, said: str) -> Fill[OrderValues]:
    """A new line for `item` with the specs and quantity `said` gives. It replaces a line still
    being chosen (the shopper changed their mind) and comes after a complete one."""
    values = turn.values
    last = current(values)
    keep = values.lines[:-1] if last is not None and not last.complete else values.lines
    if split := variant_lines(said, item):  # "一件M一件L": a line for each
        chosen = replace(values, lines=[*keep, *split.lines], adding=False, choices=[], hint="")
        return Fill(chosen, ALL, split.note)
    earlier = [x.spec for x in values.lines]  # "同样码": the size of the line before
    same = same_as_before(said, item, earlier)
    found = {**same, **spec_values_in(said, item)}
    line = with_models_of(with_spec(new_line(item), found, item), item, keep)
    line.qty = quantity_in(without_names(said, item))
    colour = unknown_colour(said, item, found)
    chosen = replace(values, lines=[*keep, line], adding=False, choices=[], hint="")
    # "再配条裤子 一样的码": which value "the same" was taken for is said, the line does not show it
    kept = [f"{k}按{v}" for k, v in same.items() if found.get(k) == v]
    noted = f"好的，{'、'.join(kept)}，和前面一样。" if kept and not line.complete else ""
    return Fill(chosen, ALL, f"这款没有“{colour}”。" if colour else noted)


def narrow(
    found: list[Product], said: str, earlier: Sequence[dict[str, str]] = ()
) -> list[Product]:
    """Of several products, the one that has the specs the shopper named, if only one does;
    "一样的码" names the size of a line `earlier` ("再配条裤子 一样的码" after an M T-shirt: the
    trousers that come in M)."""
    scores = [
        len({**same_as_before(said, p, list(earlier)), **spec_values_in(said, p)}) for p in found
    ]
    best = max(scores, default=0)
    winners = [p for p, s in zip(found, scores, strict=True) if s == best]
    return winners if best > 0 and len(winners) == 1 else found


def offer(turn: Turn, found: list[Product], said: str) -> Fill[OrderValues]:
    """One product is chosen; several are listed for the shopper to pick from."""
    found = narrow(found, said, [x.spec for x in turn.values.lines])
    if len(found) == 1:
        return start_line(turn, found[0], said)
    return Fill(replace(turn.values, choices=[p.sku for p in found], hint=said), ALL)


def split_variants(turn: Turn) -> Fill[OrderValues] | None:
    """The line being chosen named in several variants ("一件M一件L", at the product's first
    message or at its size question): one line each, keeping what was chosen already."""
    line = current(turn.values)
    item = item_of(turn, line)
    if line is None or item is None or line.complete:
        return None
    split = variant_lines(turn.text, item)
    if split is None:
        return None
    lines = [with_spec(line, x.spec, item) for x in split.lines]
    lines = [replace(x, qty=y.qty) for x, y in zip(lines, split.lines, strict=True)]
    return Fill(replace(turn.values, lines=[*turn.values.lines[:-1], *lines]), ALL, split.note)


def _asking_not_buying(text: str) -> bool:
    """A question, a product taken out, or a question about the cart's money with no buying
    word ("零食不是满99减10嘛 减了没": the 零食 of the offer is no product wanted)."""
    return asks_only(text) or unwanted(text) or (asks_money(text) and not _BUY.search(text))


def asks_only(text: str) -> bool:
    """ "米白的有L码吗", "多大容量", "声音大不大": a question without a buying word, which chooses
    nothing (the form's unclear move answers it, and the question is asked again); so does
    one with only a wish to buy ("想买个充电宝 能带上飞机吗"). "要米白的 有L码吗" chooses."""
    # Imported here: card_questions imports the order package.
    from bot.dialogs.card_questions import asked_before_buying

    if not is_question(text):
        return False
    return not _BUY.search(text) or asks_whether_to_buy(text) or asked_before_buying(text)


_NOT_WANTED = re.compile(r"不要|不买|不想要|别要|别买|不用")
_WANTED_AFTER = re.compile(r"换|改|要|买|来|拿")


def unwanted(text: str) -> bool:
    """ "抽纸不要了", "不想要保温杯了": a product named to be taken out, not bought (while
    "不要黑色的 要白色的" and "不要T恤了 换成卫衣" go on to what is wanted)."""
    found = _NOT_WANTED.search(text)
    return found is not None and not _WANTED_AFTER.search(text, found.end())


def _picked(turn: Turn) -> Fill[OrderValues] | None:
    """A pick from the offered list: "2", "第二个", or the specs only one of them has."""
    values = turn.values
    offered = [p for sku in values.choices if (p := catalog.product(turn.ctx, sku))]
    if not offered:
        return None
    index = pick_number(turn.rest, len(offered))
    if index is None:
        index = ordinal_in(turn.rest, len(offered))
    if index is None:
        narrowed = narrow(offered, turn.rest)
        if len(narrowed) != 1:
            narrowed = _by_name(offered, turn.rest)
        index = offered.index(narrowed[0]) if len(narrowed) == 1 else None
    if index is None:
        return None
    return start_line(turn, offered[index], f"{values.hint} {turn.rest}")


_PICK_FILLER = re.compile(r"的|那个|那款|这个|这款|吧|要|我|就|选|呢|啊|[\s,，。!！]")


def _by_name(offered: list[Product], text: str) -> list[Product]:
    """The offered products whose name or alias has what the shopper said ("苹果的" → 苹果快充数据线)."""
    said = _PICK_FILLER.sub("", text).casefold()
    if len(said) < 2:
        return []
    return [p for p in offered if any(said in n.casefold() for n in (p.name, *p.aliases))]


def _named(turn: Turn) -> Fill[OrderValues] | None:
    """A product named while choosing: at the product step, the one to buy; while its specs or
    quantity are asked, another one instead; at the cart, one more line."""
    text = turn.rest
    if _asking_not_buying(text):
        return None
    found = named_last(turn, text)
    offered = [p for p in found if p.sku in turn.values.choices]
    found = offered or found  # of the products named, those on the list offered
    line = current(turn.values)
    if not found or (line is not None and line.sku in {p.sku for p in found}):
        return None
    item = item_of(turn, line)
    in_line = item is not None and (spec_values_in(text, item) or parse_quantity(text) is not None)
    if turn.asked in (OS.SPEC, OS.QUANTITY) and in_line:
        return None  # "黑色" is this product's colour, not a product called 黑色…
    if turn.asked == OS.CART:
        turn.values = replace(turn.values, adding=True)
    return offer(turn, found, text)


def named_last(turn: Turn, text: str) -> list[Product]:
    """The products the text names; after a correction word, those of the part said last
    ("要个保温杯 不对 要T恤": the T-shirt)."""
    parts = said_over(text)
    for part in reversed(parts) if len(parts) > 1 else ():
        found = named_beside_lines(turn, part)
        if found:
            return found
    return named_beside_lines(turn, text)


def _added(turn: Turn) -> Fill[OrderValues] | None:
    """ "再来一个保温杯", "还要两包纸巾", "加一个充电宝": another product, at any step; also
    after what the message says of the line being chosen ("要远峰蓝 再来个防窥膜")."""
    first, text = _before_the_addition(turn)
    if not (_ADD.search(text) or adds_with_a_verb(turn, text)) or _asking_not_buying(text):
        return None
    if not turn.rest.strip():
        return None  # taken whole already (several products at once)
    found = named_beside_lines(turn, text)
    line = current(turn.values)
    if not found or (line is not None and line.sku in {p.sku for p in found} and len(found) == 1):
        return None  # "再来一件T恤" while choosing the T-shirt is about its quantity
    if line is not None and not (line.complete and line.qty):
        return _added_after_unfinished(turn, line, first, text, found)
    if turn.values.lines:
        turn.values = replace(turn.values, adding=True)
    return offer(turn, found, text)


def _before_the_addition(turn: Turn) -> tuple[str, str]:
    """ "要远峰蓝 再来个防窥膜" while the phone case is chosen → ("要远峰蓝", "再来个防窥膜"); a
    message that opens with the addition is all addition, and one whose first part names a
    product of its own ("买1包抽纸 再来一个保温杯") is several products (`several`)."""
    text = turn.text
    later = _ADD_LATER.search(text)
    line = current(turn.values)
    if later is None or line is None or _ADD.search(text) or adds_with_a_verb(turn, text):
        return "", text
    first = text[: later.start()]
    if {p.sku for p in catalog.named_products(turn.ctx, first)} - {line.sku}:
        return "", text
    return first, text[later.end() :]


def _added_after_unfinished(
    turn: Turn, line: Line, first: str, text: str, found: list[Product]
) -> Fill[OrderValues] | None:
    """One more product while a line is still being chosen: that line is kept, never replaced.
    What the message says of it first is taken; without a count it is one (said). A line still
    short of a spec is asked first, the new product waiting its turn (`queued`)."""
    item = item_of(turn, line)
    if item is None:
        return None
    kept = with_spec(line, spec_values_in(first, item), item) if first else line
    counted = kept.qty or quantity_in(without_names(first, item))
    asked_how_many = turn.asked == OS.QUANTITY and not counted  # else "要远峰蓝" means one
    one = f"{line.name}{ONE_BY_DEFAULT}" if asked_how_many else ""
    kept = replace(kept, qty=counted or 1)
    values = with_current(turn.values, kept)
    if not kept.missing:
        turn.values = replace(values, adding=True)
        fill = offer(turn, found, text)
        return replace(fill, note="".join(x for x in (one, fill.note) if x))
    chosen = narrow(found, text)
    if len(chosen) != 1:
        return None  # which product is meant is asked once this line is chosen
    new = with_spec(new_line(chosen[0]), spec_values_in(text, chosen[0]), chosen[0])
    new = with_models_of(new, chosen[0], [*values.lines, *values.queued])
    new.qty = quantity_in(without_names(text, chosen[0])) or (1 if _ONE.search(text) else None)
    queued = replace(values, queued=[*values.queued, new])
    # "灰蓝 再要个夏凉被": the value taken for this line is said too, not only the other product
    taken = "、".join(v for k, v in kept.spec.items() if line.spec.get(k) != v)
    first_line = f"{line.name}选了{taken}，" if taken else ""
    still = "、".join(kept.missing) if taken else line.name
    said = f"好的，{first_line}{chosen[0].name}也记下了，先把{still}选好。"
    return Fill(queued, text, said)


_SEVERAL = re.compile(
    r"[，,；;。\s]*(?:再|还有|还|另外|顺便|以及|外加|加上)\s*"
    r"(?=来|要|买|加|拿|订|[一两二三四五六七八九十俩仨]|\d+\s*[件个只支条双套盒瓶包袋箱罐份])"
)
"""Where a message that orders several products goes on to the next one ("…的T恤 再来个…")."""


def several(turn: Turn) -> Fill[OrderValues] | None:
    """ "我要一件黑色M码的T恤 再来个白色500ml保温杯": one line per product, in the order said.
    Every line but the last must be complete (the form asks only about the line being chosen);
    a message that does not fit that is left to the one-product readers."""
    clauses, listed = ordered_clauses(turn.ctx, turn.text)
    if len(clauses) < 2:
        return None
    lines = []
    for clause in clauses:
        found = narrow(catalog.named_products(turn.ctx, clause), clause)
        if len(found) != 1:
            return None
        lines.append(line_said(found[0], clause, one_by_default=listed))
    lines.sort(key=lambda x: not x.complete)  # a line still being chosen goes last
    if any(not x.complete for x in lines[:-1]):
        return None
    values = turn.values
    last = current(values)
    keep = values.lines[:-1] if last is not None and not last.complete else values.lines
    added = "、".join(f"{x.name}×{x.qty}" for x in lines if x.complete)
    said = f"好的，加上{added}。" if keep and added else ""
    if added and not said and not lines[-1].complete:  # the question next is the last line's
        put = "、".join(f"{describe(x)}×{x.qty}" for x in lines if x.complete)
        said = f"好的，{put}已加入购物车。"
    chosen = replace(values, lines=[*keep, *lines], adding=False, choices=[], hint="")
    return Fill(chosen, ALL, said)


_PIECE_BREAK = re.compile(r"[，,；;、\s]+")


def ordered_clauses(ctx: Context, text: str) -> tuple[list[str], bool]:
    """The parts of a message that orders several products, and whether they were only listed
    side by side: cut where it goes on to the next one ("…的T恤 再来个…"), else at its commas
    and spaces when two or more pieces name a product ("都要 芒果干200g 草莓脆两包"), a piece
    naming none (都要, M码) joined to the product piece it stands by."""
    clauses = [c for c in _SEVERAL.split(text) if c.strip()]
    if len(clauses) >= 2:
        return clauses, False
    joined: list[str] = []
    lead = ""
    for piece in (p for p in _PIECE_BREAK.split(text) if p):
        if catalog.named_products(ctx, piece):
            joined.append(f"{lead} {piece}".strip())
            lead = ""
        elif joined:
            joined[-1] = f"{joined[-1]} {piece}"
        else:
            lead = f"{lead} {piece}".strip()
    return (joined, True) if len(joined) >= 2 else ([text], False)


def first_part(text: str) -> str:
    """The part of a message about the product it opens with, before it goes on to one more
    ("黑色500ml两个 再来个唇釉": 黑色500ml两个)."""
    return _SEVERAL.split(text, maxsplit=1)[0]


def line_said(item: Product, clause: str, *, one_by_default: bool = False) -> Line:
    """A line for `item` with the specs and count its part of the message says; "来个…" is one,
    and so is a product listed without a count when `one_by_default` ("都要 芒果干200g …")."""
    line = with_spec(new_line(item), spec_values_in(clause, item), item)
    one = 1 if one_by_default or _ONE.search(clause) else None
    line.qty = quantity_in(without_names(clause, item)) or one
    return line


def each_said(ctx: Context, text: str, listed: Sequence[str] = ()) -> dict[str, str]:
    """{sku: its part of the message} for the products a message orders side by side; a part
    is read first against the products on screen (`listed`): "草莓脆两包" over a list with
    冻干草莓脆 is that snack, not the fresh 草莓 the word alone would find."""
    clauses, _ = ordered_clauses(ctx, text)
    found = [(_named_among(ctx, c, listed), c) for c in clauses]
    return {items[0].sku: clause for items, clause in found if len(items) == 1}


def _named_among(ctx: Context, clause: str, listed: Sequence[str]) -> list[Product]:
    result = catalog.match_text(ctx, clause)
    hits = [p for h in (result.products if result else ()) if (p := catalog.product(ctx, h.sku))]
    on_screen = [p for p in hits if p.sku in listed]
    return (
        on_screen[:1]
        if len(on_screen) == 1
        else narrow(catalog.named_products(ctx, clause), clause)
    )


def named_in_parts(turn: Turn, text: str) -> list[Product]:
    """The products each part of a message names ("再来一个保温杯 还要三包抽纸": both), which
    the matcher, reading the whole, may not pick out."""
    found: list[Product] = []
    for clause in [text, *_SEVERAL.split(text)]:
        found += [p for p in named_beside_lines(turn, clause) if p not in found]
    return found


def named_beside_lines(turn: Turn, text: str) -> list[Product]:
    """The products `text` names, leaving out one named only by a spec value of a product
    in the order ("再来一盒原味的" beside the nougat: its 原味, not 原味巴旦木)."""
    found = catalog.named_products(turn.ctx, text)
    lines = [*turn.values.lines, *turn.values.queued]
    in_order = {x.sku for x in lines}
    values = {
        value
        for line in lines
        if (item := item_of(turn, line)) is not None
        for value in spec_values_in(text, item).values()
        if value in text
    }
    if not values or all(p.sku in in_order for p in found):
        return found
    bare = text
    for value in sorted(values, key=len, reverse=True):
        bare = bare.replace(value, " ")
    still = {p.sku for p in catalog.named_products(turn.ctx, bare)}
    return [p for p in found if p.sku in still or p.sku in in_order]


def adds_another(turn: Turn) -> bool:
    """ "再来一个白色500ml的保温杯" with a T-shirt in the cart: a new line, so its 白色 is no
    change to the T-shirt."""
    if not (_ADD.search(turn.text) or adds_with_a_verb(turn, turn.text)):
        return False
    in_cart = {x.sku for x in turn.values.lines}
    return any(p.sku not in in_cart for p in named_in_parts(turn, turn.text))


_ONE = re.compile(r"(?:来|要|买|加|拿)个")
"""再来个保温杯: 个 without a number is one."""


async def _validate_product(turn: Turn) -> str | None:
    line = current(turn.values)
    if len(turn.values.lines) > MAX_CART_LINES:
        return f"购物车最多放{MAX_CART_LINES}种商品，请先回复“结算”。"
    if line is not None and await stock.available(turn.services, line.sku) <= 0:
        return f"抱歉，“{line.name}”暂时缺货，看看别的吧～"
    return None


CATEGORY_LISTED = 8
"""How many of a category's products the product question lists (the rest: by name)."""


def _category_named(turn: Turn) -> Fill[OrderValues] | None:
    """A category named at the product question ("零食", "看看数码配件"), which offers them: its
    products to pick from. A product's own name that holds a category's (零食大礼包) is that
    product."""
    kb = catalog.kb(turn.ctx)
    said = word_of(turn.rest)
    category = catalog.named_category(said, kb.categories)
    if category is None and len(said) >= 2:  # 数码 for 数码配件, 水果 for 水果生鲜
        begun = [c for c in kb.categories if c.startswith(said)]
        category = begun[0] if len(begun) == 1 else None
    if category is None or len(catalog.named_products(turn.ctx, turn.rest)) == 1:
        return None
    found = kb.products_in(category)[:CATEGORY_LISTED]
    return (
        Fill(replace(turn.values, choices=[p.sku for p in found], hint=""), ALL) if found else None
    )


async def ask_product(turn: Turn) -> str:
    names = []
    for sku in turn.values.choices:
        item = catalog.product(turn.ctx, sku)
        if item is not None:
            names.append(f"{item.name} {yuan(item.price_fen)}")
    if names:
        return "找到这几件，您要哪一件？回复序号即可：\n" + numbered(names)
    if turn.values.lines:
        return "还想买点什么？直接发商品名；不买别的了回复“结算”。"
    categories = "、".join(catalog.kb(turn.ctx).categories)
    shown = f"\n也可以发分类看看：{categories}。" if categories else ""
    return f"想买哪件商品呢？直接发商品名就行，例如“T恤”“保温杯”。{shown}"


async def again_product(turn: Turn) -> str:
    """After an answer to something else: a list still open is not shown again in full (it
    was appended to every reply that followed); with a cart, the cart's next step instead."""
    if not turn.values.choices:
        return await ask_product(turn)
    if turn.values.lines:
        return "刚才列的商品要加的话回复序号；不加的话回复“结算”去下单，或接着发商品名。"
    return "刚才列的商品想要哪件，回复序号就行；也可以直接发别的商品名。"


def _product_back(values: OrderValues) -> OrderValues | None:
    """返回 while choosing one more product goes back to the cart."""
    if values.lines and (values.adding or values.choices):
        return replace(values, adding=False, choices=[], hint="")
    return None


def drop_current(values: OrderValues) -> OrderValues:
    rest = values.lines[:-1] if current(values) is not None else values.lines
    return replace(values, lines=rest, adding=bool(rest), choices=[], hint="")


PRODUCT = Slot[OrderValues](
    OS.PRODUCT,
    "商品",
    filled=lambda v: current(v) is not None,
    clear=drop_current,
    extract=(
        anywhere(split_variants),
        at(OS.PRODUCT, OS.SPEC, OS.QUANTITY, OS.CART)(warns_unsendable(several)),
        anywhere(warns_unsendable(_added)),
        asked(warns_unsendable(_picked)),
        asked(_category_named),
        at(OS.PRODUCT, OS.SPEC, OS.QUANTITY, OS.CART)(warns_unsendable(_named)),
    ),
    ask=ask_product,
    again=again_product,
    validate=_validate_product,
    back=_product_back,
    not_yet=lambda v: None if v.choices else "还没选商品呢～",  # with choices: 选好就能继续
)


# ------------------------------------------------------------------------ spec


def _spec_answer(turn: Turn) -> Fill[OrderValues] | None:
    """The asked spec by its number in the list, or values of this product by name. Asked
    whether values are there ("浅蓝的41有吗"), they are taken as well: the question itself is
    answered in passing (the form's aside), and the step does not ask for what was just said."""
    line = current(turn.values)
    item = item_of(turn, line)
    if line is None or item is None or not line.missing:
        return None
    if asks_only(turn.rest):
        return _values_asked_after(turn, line, item)
    dim = line.missing[0]
    index = pick_number(turn.rest, len(item.specs.get(dim, ())), counts_are_quantities=True)
    named = {dim: item.specs[dim][index]} if index is not None else _values_said(turn, item)
    chosen = with_spec(line, named, item)
    if named and chosen != line:
        still = dim in chosen.missing  # another spec was named: say it was heard
        said = "、".join(v for k, v in named.items() if k != dim)
        note = f"好的，{said}记下了。" if still and said else ""
        values = _models_for_waiting(turn, with_current(turn.values, chosen))
        return Fill(values, ALL if index is not None else "", note)
    colour = unknown_colour(turn.rest, item, named)
    if colour or _SPEC_LIKE.fullmatch(turn.rest):
        return Fill(turn.values, note=f"这款没有“{colour or turn.rest[:20]}”这个{dim}。")
    return None


def _values_said(turn: Turn, item: Product) -> dict[str, str]:
    """The values of `item` the text names, and those it says are as before ("同样码": the size
    of the line before this one)."""
    earlier = [x.spec for x in turn.values.lines[:-1]]
    return {**same_as_before(turn.rest, item, earlier), **spec_values_in(turn.rest, item)}


def _values_asked_after(turn: Turn, line: Line, item: Product) -> Fill[OrderValues] | None:
    """ "有白色吗", "浅蓝的41有吗" while the spec is asked: the values of this product it names,
    chosen (the rest of the text stays, for the answer); a value it does not come in, or a
    question that is not whether they are there ("白色的透不透"), chooses nothing."""
    if not IN_STOCK_ASKED.search(turn.rest):
        return None
    named = spec_values_in(turn.rest, item)
    if line.missing[0] not in named:
        return None
    chosen = with_spec(line, named, item)
    return Fill(with_current(turn.values, chosen)) if chosen != line else None


def _spec_named(turn: Turn) -> Fill[OrderValues] | None:
    """Values of the line's product named in passing ("黑色M码的", "120g那种", "豆沙色")."""
    line = current(turn.values)
    item = item_of(turn, line)
    if line is None or item is None or not line.missing or asks_only(turn.rest):
        return None
    fresh = {k: v for k, v in spec_values_in(turn.rest, item).items() if k in line.missing}
    if not fresh:
        return None
    return Fill(_models_for_waiting(turn, with_current(turn.values, with_spec(line, fresh, item))))


def _models_for_waiting(turn: Turn, values: OrderValues) -> OrderValues:
    """The products waiting their turn (`queued`: "远峰蓝 再来张防窥膜 一样的型号") with the
    model chosen now for the line before them, where they come in it."""
    queued = [
        with_models_of(x, item, values.lines) if (item := item_of(turn, x)) is not None else x
        for x in values.queued
    ]
    return replace(values, queued=queued) if queued != values.queued else values


async def ask_spec(turn: Turn) -> str:
    line = current(turn.values)
    item = item_of(turn, line)
    if line is None or item is None or not line.missing:
        return "请选择规格。"  # not reached: the slot applies only to a line with open specs
    dim = line.missing[0]
    return f"{item.name}，请选择{dim}（回复序号或名称）：\n{numbered(item.specs[dim])}"


SPEC = Slot[OrderValues](
    OS.SPEC,
    "规格",
    filled=lambda v: (line := current(v)) is not None and not line.missing,
    clear=lambda v: with_current(v, reopened(line)) if (line := current(v)) else v,
    extract=(asked(_spec_answer), near(_spec_named)),
    ask=ask_spec,
    applies=lambda v: (line := current(v)) is not None and bool(line.dims),
    not_yet=lambda v: (
        f"下单前还要选一下{'、'.join(line.missing)}～" if (line := current(v)) else None
    ),
)


# ------------------------------------------------------------------------ quantity


def _qty_answer(turn: Turn) -> Fill[OrderValues] | None:
    """The quantity as the whole answer: 2, 两件, 俩, x3, 0 (refused by the validator)."""
    line = current(turn.values)
    if line is None:
        return None
    if _body_not_count(turn.rest, item_of(turn, line)):
        return None
    qty = parse_quantity(turn.rest)
    whole = qty is not None  # a count inside more ("2箱 一包多少抽") leaves the rest to answer
    if qty is None and not looks_like_phone_attempt(turn.rest):
        qty = quantity_in(turn.rest)
    if qty is None:
        return None
    return Fill(with_current(turn.values, replace(line, qty=qty)), ALL if whole else "")


def _qty_named(turn: Turn) -> Fill[OrderValues] | None:
    """A count said in passing, for a line that has none yet: "黑色两件", "要三支"."""
    line = current(turn.values)
    item = item_of(turn, line)
    if line is None or item is None:
        return None
    said = without_names(turn.rest, item)
    restated = (line.missing and _ONLY_A_COUNT.fullmatch(fold(turn.rest))) or (
        turn.asked == OS.SPEC and COUNT_WORD.search(said)
    )
    if line.qty is not None and not restated:
        return None  # a count said alone, or with the spec asked ("15袋装的 来一盒"), restates it
    if _body_not_count(turn.rest, item):
        return None
    qty = quantity_in(said)
    return Fill(with_current(turn.values, replace(line, qty=qty))) if qty is not None else None


def _body_not_count(text: str, item: Product | None) -> bool:
    """ "我175cm 140斤" about clothes: the shopper's height and weight, never 140 of them."""
    return item is not None and sized(item) and measured(text)


ONE_BY_DEFAULT = "数量先按1件算，要多买直接说，例如“改成两件”。"

_ONLY_A_COUNT = re.compile(
    rf"(?:要|来|买|就)?[一二两俩仨三四五六七八九十\d]{{1,3}}\s*{GOODS_MEASURE}(?:吧|的|了)?"
)
"""The whole message a count with its measure word ("三件", "来两盒吧"; a bare "3" chooses)."""


async def _validate_qty(turn: Turn) -> str | None:
    line = current(turn.values)
    if line is None or line.qty is None:
        return None
    return check_quantity(line.qty, await stock.available(turn.services, line.sku))


async def ask_quantity(turn: Turn) -> str:
    line = current(turn.values)
    if line is None:
        return f"要买几件？{QTY_HOW}"
    left = await stock.available(turn.services, line.sku)
    hint = f"（库存仅剩{left}件）" if 0 < left < LOW_STOCK else ""
    return f"{describe(line)} 单价{yuan(line.price_fen)}，要买几件？{hint}\n{QTY_HOW}"


QUANTITY = Slot[OrderValues](
    OS.QUANTITY,
    "数量",
    filled=lambda v: (line := current(v)) is not None and line.qty is not None,
    clear=lambda v: with_current(v, replace(line, qty=None)) if (line := current(v)) else v,
    extract=(asked(_qty_answer), near(_qty_named)),
    ask=ask_quantity,
    validate=_validate_qty,
    applies=lambda v: current(v) is not None,
    retry="请直接回复数量，例如“2”。",
)
