"""Questions about the product on a card that its facts do not answer: which specs it comes in
("有白色L码吗"), and what the card itself says (price, specs, stock, its description).

A spec question is answered from the product's specs and stock (the shop keeps one count per
product: a value it comes in is in stock when the product is), and a value it does not come in
is said so with the values it does. What was asked for is kept, so "买俩" next buys white L.
A question the card cannot answer is not answered with the card again (handlers/answers.py
says "not sure" and offers a human).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypeVar

from bot.dialogs.order.specs import spec_values_in, value_spans
from bot.dialogs.parse import IN_STOCK_ASKED, QUESTION, YES_NO, is_question
from bot.dialogs.size_advice import measured, without_body
from bot.shop.texts import yuan
from knowledge.model import KnowledgeBase, Product, SynonymGroup

WISH = "wish"
"""Browse slot: the spec values the shopper asked about on the card ({"颜色": "白色"})."""
LOW_STOCK = 10
_ABOUT_CARD = re.compile(
    r"多少钱|价格|价钱|几块|便宜|优惠|颜色|尺码|码数|尺寸|规格|色号|容量|型号|款式|香型|口味|"
    r"库存|有货|现货|缺货|卖完|没货|还有|怎么样|如何|好不好|好用|介绍|详情|详细|推荐|值得|靠谱|质量"
)
"""What the card itself shows (price, specs, stock) or sums up (its description)."""
_FILLER = re.compile(
    r"这个|这款|那个|那款|这件|它|请问|问一下|你们|能不能|可不可以|是不是|会不会|有没有|"
    r"能|可以|会|是|不|吗|呢|么|嘛|吧|啊|呀|的|了|有|要|用|[?？!！,，。.~～\s]"
)
_METRES = re.compile(r"(?<=[\d一二两三四五六七八九十])米(?![白色黄])")
_CJK_PAIR = re.compile(r"(?=([\u4e00-\u9fffa-z0-9]{2}))")


_Made = TypeVar("_Made")
_Memo = list[tuple[tuple[object, ...], _Made]]


def _last_made(memo: _Memo[_Made], key: tuple[object, ...], make: Callable[[], _Made]) -> _Made:
    """What `make` gave for `key` the last time (one entry: a message asks the same thing of
    the same product a few times over, then moves on). Texts compare equal, everything else
    (a product, a knowledge base: a reload makes a new one) by identity."""
    if memo and _same_key(memo[0][0], key):
        return memo[0][1]
    made = make()
    memo[:] = [(key, made)]
    return made


def _same_key(kept: tuple[object, ...], key: tuple[object, ...]) -> bool:
    return len(kept) == len(key) and all(
        a is b or (isinstance(a, str) and a == b) for a, b in zip(kept, key, strict=True)
    )


_BY_SPEC: _Memo[dict[str, tuple[str, ...]]] = []


def values_by_spec(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Every value each spec name has anywhere in the catalogue (颜色: 白色, 黑色, 燕麦色, …),
    built once per knowledge base (a reload makes a new one)."""
    return _last_made(_BY_SPEC, (kb,), lambda: _values_by_spec(kb))


def _values_by_spec(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for item in kb.products.values():
        for name, values in item.specs.items():
            known = found.setdefault(name, [])
            known.extend(v for v in values if v not in known)
    return {name: tuple(values) for name, values in found.items()}


_SPECS_ASKED: _Memo[tuple[dict[str, str], list[str]]] = []


def specs_asked(text: str, item: Product, kb: KnowledgeBase) -> tuple[dict[str, str], list[str]]:
    """({spec: value} of `item` named in `text`, the other products' values of its specs named
    in `text`, which `item` does not come in). A body measure is none of them: "我130斤穿什么码"
    asks for a size, it names no size 130."""
    # A question on a card asks this twice (the answer, then the wish kept for the order), and
    # reading the whole catalogue's values is a browsing message's largest part.
    own, missing = _last_made(_SPECS_ASKED, (text, item, kb), lambda: _specs_asked(text, item, kb))
    return dict(own), list(missing)


def _specs_asked(text: str, item: Product, kb: KnowledgeBase) -> tuple[dict[str, str], list[str]]:
    text = without_body(text)
    own = spec_values_in(text, item)
    for start, end, _ in reversed(value_spans(text, item) if own else []):
        text = text[:start] + " " + text[end:]  # 1.8米床: no colour 米 of another product in it
    text = _METRES.sub(" ", text)  # 2米的床: metres, not the colour 米 (米色)
    anywhere = spec_values_in(text, _widened(item, kb))
    missing = [v for name, v in anywhere.items() if v not in item.specs.get(name, ())]
    rest = text
    for value in sorted({*own.values(), *missing}, key=len, reverse=True):
        rest = rest.replace(value, " ")  # 米白色 names 米白, not a colour 白色 besides
    missing += [c for c in _colours_in(rest) if c not in missing]
    return own, missing


_WIDENED: _Memo[Product] = []


def _widened(item: Product, kb: KnowledgeBase) -> Product:
    """`item` as if it came in every value its specs have anywhere in the catalogue: made once
    for the card on screen, not per question about it."""
    return _last_made(_WIDENED, (item, kb), lambda: _wider(item, kb))


def _wider(item: Product, kb: KnowledgeBase) -> Product:
    wider = {name: values_by_spec(kb).get(name, values) for name, values in item.specs.items()}
    return replace(item, specs=wider)


_COLOUR = re.compile(r"(?:[深浅亮暗大酒玫桃天宝藏墨军]?[红橙黄绿青蓝紫粉白黑灰棕褐金银米杏驼])色")
"""A colour as shoppers name one (红色, 深蓝色): a spec value even when no product of the shop
comes in it, so "有红色的吗" is a question about the product's colours, not a thing not sold."""


def _colours_in(text: str) -> list[str]:
    return list(dict.fromkeys(_COLOUR.findall(text)))


def spec_of_value(value: str, item: Product, kb: KnowledgeBase) -> str:
    """The spec a value asked about belongs to: the catalogue's, else (a colour no product
    comes in) the product's colour spec; "" when neither."""
    known = next((n for n, vs in values_by_spec(kb).items() if value in vs), "")
    if known or not _COLOUR.fullmatch(value):
        return known
    return next((n for n in item.specs if "色" in n), "")


def _as_said(name: str, value: str) -> str:
    """A value as a shopper says it: a size L is "L码", a colour 白色 stays "白色"."""
    return f"{value}码" if name.endswith("码") and value.isascii() else value


_ITS_PRICE = re.compile(
    r"多少钱|多少米|几块|几元|什么价|啥价|价格|价钱|售价|多钱|卖多少|怎么卖|咋卖|如何卖|怎么个卖法"
)
_BARE_HOW_MUCH = re.compile(
    r"^(?:那|那么|这个|那个|这款|那款|它|一个|一件|单价)?(?:要|卖)?多少(?:啊|呀|呢|嘞|哇|哈)?[?？。.~～]*$"
)
"""A bare "多少" / "这个多少" with a product in front of the shopper: nothing else it can ask."""


def bare_price_question(text: str) -> bool:
    """ "多少" / "那个多少呀" alone: the price of what is on screen, nothing a fact answers."""
    return bool(_BARE_HOW_MUCH.match(text.strip()))


SELLS_HOW = re.compile(r"怎么卖|咋卖|如何卖|怎么个卖法")
"""How it is sold ("榴莲怎么卖"): its price and the sizes it comes in, not how to order."""


_PER_UNIT = re.compile(
    r"(?:多少钱|几块钱?|什么价|啥价|怎么卖)(?:一|每)(?P<after>斤|公斤|千克|克|两|个|只|颗|片|袋|包|盒|瓶)"
    r"|(?:一|每)(?P<before>斤|公斤|千克|克|两|个|只|颗|片|袋|包|盒|瓶)(?:要|是|卖)?(?:多少钱|几块|什么价|啥价)"
)
"""The price of one unit asked ("多少钱一斤", "一斤多少钱")."""


def unit_price_answer(text: str, item: Product) -> str | None:
    """ "车厘子多少钱一斤" of a product sold in packs measured in that unit (2斤装 / 5斤礼盒):
    it is sold by the pack, not weighed out, with the packs and the price; None when no unit
    price is asked or its specs do not measure in that unit."""
    asked = _PER_UNIT.search(text)
    if asked is None:
        return None
    unit = asked.group("after") or asked.group("before")
    packs = [v for values in item.specs.values() for v in values if re.search(rf"\d{unit}", v)]
    if not packs:
        return None
    same = "（各规格同价）" if len(packs) > 1 else ""
    return f"{item.name}不单按{unit}卖，按份卖：{'、'.join(packs)}，{yuan(item.price_fen)}{same}。"


def asks_its_price(text: str) -> bool:
    """ "5斤礼盒多少钱", or a bare "多少" about what is on screen: its price is asked."""
    return bool(_ITS_PRICE.search(text)) or bare_price_question(text)


def asks_availability(text: str) -> bool:
    return bool(IN_STOCK_ASKED.search(text)) or bool(QUESTION.search(text))


_WISH_TO_BUY = re.compile(
    r"(?:想|打算|准备|考虑|正想|想着)(?:给[^\s，,。]{1,4})?"
    r"(?:要|买|入手|入|购买)(?:个|一个|件|款|台|只|支|瓶|条)?"
)
"""A wish to buy, which orders nothing yet: 想买个, 打算入手, 想给我妈买."""
_COUNTED_ORDER = re.compile(
    r"(?:要|来|买|拍|拿|订|下单)\s*(?:\d+|[一两二三四五六七八九十俩仨])\s*[个件条双套盒瓶支只份包袋箱台罐]"
    r"|下单|就要|就买|就这个|来个"
)
"""An order said outright: 来一个, 要两件, 下单, 就要."""


def asked_before_buying(text: str) -> bool:
    """ "想买个加湿器 卧室用 声音大不大", "打算入手个充电宝 能带上飞机吗": a question asked
    before buying, with at most a wish to buy. It orders nothing (it never adds to a cart);
    its answer comes first. "想买个加湿器 来一个" or "要两个 有黑色吗" order as well."""
    if not is_question(text) or _WISH_TO_BUY.search(text) is None:
        return False
    return _COUNTED_ORDER.search(without_wish(text)) is None


def orders_and_asks(text: str) -> bool:
    """ "想买个加湿器 来一个 声音大吗": an order said outright, with a question beside it (the
    order form takes the order and answers the question in passing)."""
    return is_question(text) and _COUNTED_ORDER.search(without_wish(text)) is not None


def without_wish(text: str) -> str:
    """The message without its wish to buy ("想买个加湿器 声音大不大" → " 加湿器 声音大不大"),
    which says nothing about what is asked."""
    return _WISH_TO_BUY.sub(" ", text)


def availability(
    text: str, item: Product, kb: KnowledgeBase, left: int, on_card: bool = True
) -> str | None:
    """The answer to "有白色L码吗" about `item`, or None when no spec value is named. On its
    card it is "这款"; elsewhere the product is named, and its card follows (no tail here)."""
    own, missing = specs_asked(text, item, kb)
    if not (own or missing) or not asks_availability(text):
        return None
    parts: list[str] = []
    for value in missing:
        name = spec_of_value(value, item, kb)
        choices = "、".join(item.specs.get(name, ()))
        this = "这款" if on_card else item.name
        parts.append(f"{this}没有{value}" + (f"，{name}有{choices}" if choices else ""))
    asked = "".join(_as_said(name, value) for name, value in own.items())
    others = [n for n in specs_meant(text, item) if n not in own]
    if asked and left <= 0:
        parts.append(f"{asked}暂时缺货了")
    elif asked and others and not missing:  # 500ml有啥颜色: the colours of 500ml, not its stock
        # the shop counts stock per product: every value of a product in stock is in stock
        choices = "；".join(f"{n}有{'、'.join(item.specs[n])}" for n in others)
        parts.append(
            f"{asked}的{choices}，都有货" + (f"，只剩{left}件了" if left < LOW_STOCK else "")
        )
    elif asked:
        parts.append(f"{asked}有货" + (f"，只剩{left}件了" if left < LOW_STOCK else ""))
    if asked and not on_card and not missing:
        parts[-1] = item.name + parts[-1]
    head = "；".join(parts) + "。"
    if not on_card:
        return head
    if not own or missing:
        return f"{head}想要哪个直接告诉我。"
    if left <= 0:
        return f"{head}可以看看别的颜色或款式～"
    return f"{head}要的话回复“买”，或直接说要几件。"


_VERDICT = re.compile(r"怎么样|咋样|如何|好不好|好用吗|行不行|值得|靠谱|质量")
"""Asking what the product is like: the card sums it up in its description."""


def verdict_answer(item: Product, left: int) -> str:
    """ "乳胶枕怎么样": what its description says, its price and stock, in one sentence, not
    the whole card again."""
    stock_text = "有货" if left >= LOW_STOCK else (f"仅剩{left}件" if left > 0 else "暂时缺货")
    about = f"：{item.description.rstrip('。')}" if item.description else ""
    return f"{item.name}{about}，{yuan(item.price_fen)}，{stock_text}。"


def asks_verdict(text: str) -> bool:
    """ "乳胶枕怎么样", "质量好不好": what the product is like."""
    return bool(_VERDICT.search(text))


def card_answers(text: str, item: Product) -> bool:
    """Does the card answer this question: its price, specs and stock, a verdict its description
    sums up (怎么样), or something its name or description names (防水 for an IPX7防水 speaker)?"""
    if _ABOUT_CARD.search(text) or asks_its_price(text) or any(n in text for n in item.specs):
        return True
    return turned_to(text, item) or described_in(text, item)


def turned_to(text: str, item: Product) -> bool:
    """Does the message only name the product ("那开衫呢" after another product was asked about):
    what its card shows is the answer, nothing else is asked."""
    asked = text.casefold()
    named = False
    for name in sorted((item.name, *item.aliases), key=len, reverse=True):
        named = named or name.casefold() in asked
        asked = asked.replace(name.casefold(), " ")
    return named and not _FILLER.sub("", asked).removeprefix("那么").removeprefix("那")


def unsold_other_than(unsold: str | None, item: Product) -> bool:
    """Is `unsold` (the thing the matcher found the shop does not sell) something other than
    the product on screen, which its name, aliases and description do not name?"""
    if not unsold:
        return False
    said = " ".join((item.name, *item.aliases, item.description)).casefold()
    return unsold.casefold() not in said


def described_in(text: str, item: Product) -> bool:
    """Does the product's name or description name what is asked (防水 for an IPX7防水 speaker)?"""
    said = f"{item.name}{item.description}".casefold()
    return any(pair in said for pair in _asked_pairs(text, item))


def described_clause(text: str, item: Product) -> str | None:
    """The clause of the product's description that names what is asked ("蓝牙音箱防水吗":
    IPX7防水), to say before its card; None when the description does not name it."""
    pairs = _asked_pairs(text, item)
    clauses = (c.strip() for c in _CLAUSES.split(item.description))
    return next((c for c in clauses if c and any(p in c.casefold() for p in pairs)), None)


def _asked_pairs(text: str, item: Product) -> list[str]:
    asked = text.casefold()
    for name in sorted((item.name, *item.aliases), key=len, reverse=True):
        asked = asked.replace(name.casefold(), " ")  # "T恤会起球吗": 起球, not T恤, is asked
    return [pair.casefold() for pair in _CJK_PAIR.findall(_FILLER.sub("", asked))]


_DESCRIPTION_CLAUSE = re.compile(r"[^，,。；;！!]+")
_ASKED_ENDING = re.compile(
    r"多久|多长时间|怎么办|怎么样|怎么|如何|多少次|几次|几回|多少|几年|几个月"
)
_EVERY = ((re.compile(r"[一每](?:个)?(?:星期|礼拜)|一周"), "每周"), (re.compile(r"一天"), "每天"))
"""How often, as shoppers ask it (一周用几次) and descriptions say it (建议每周2-3次)."""
"""How a question ends, not what it is about: 保修多久 asks about 保修."""


def described_answer(text: str, item: Product, synonyms: Sequence[SynonymGroup] = ()) -> str | None:
    """The clauses of the product's description that name what is asked ("膜贴歪了怎么办":
    贴歪可免费补发一次; "保修多久" or "质保多久", a synonym: 整机保修一年, 电机保修三年), as an
    answer; None when the description names none of it."""
    asked = text.casefold()
    for name in sorted((item.name, *item.aliases), key=len, reverse=True):
        asked = asked.replace(name.casefold(), " ")
    for often, written in _EVERY:
        asked = often.sub(written, asked)
    asked = _FILLER.sub("", _ASKED_ENDING.sub(" ", asked))
    pairs = {pair.casefold() for pair in _CJK_PAIR.findall(asked)}
    if _MATERIAL_CHAR.fullmatch(asked):  # 是铝的吗 of a stand 铝合金: the one material asked
        pairs.add(asked)
    for terms, kept in _folded_synonyms(synonyms):
        if any(term in asked for term in terms):
            pairs.update(kept)
    said = [
        c for c, folded in _description_clauses(item.description) if any(p in folded for p in pairs)
    ]
    return f"{item.name}：{'，'.join(said)}。" if said else None


_MATERIAL_CHAR = re.compile(r"[铝钢铁铜木竹]")
"""A material asked in one character ("是铝的吗"), which a description writes out longer (铝合金)."""


_A_KIND = re.compile(
    r"的(?:吗|么|嘛|呢|吧)?[?？。]*$|的(?:款|那种|那款)|还有|有货|现货|缺货|卖完|没货"
)
"""Its stock asked; with 的, a kind of thing asked for ("有没有纯棉的", "有没有iPhone14的手机壳"):
a search, not what it is like ("有没有弹力": of the product on screen)."""


_SYNONYMS: _Memo[tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = []


def _folded_synonyms(
    synonyms: Sequence[SynonymGroup],
) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Each synonym group's terms lower-cased, and those of two characters or more: once per
    knowledge base's groups, not per question."""
    return _last_made(
        _SYNONYMS,
        (synonyms,),
        lambda: tuple(
            (
                tuple(t.casefold() for t in group.terms),
                tuple(t.casefold() for t in group.terms if len(t) > 1),
            )
            for group in synonyms
        ),
    )


@lru_cache(maxsize=4096)
def _description_clauses(description: str) -> tuple[tuple[str, str], ...]:
    """A description's clauses, each with its lower-cased form."""
    clauses = (c.strip() for c in _DESCRIPTION_CLAUSE.findall(description))
    return tuple((c, c.casefold()) for c in clauses if c)


def described_reply(text: str, item: Product, synonyms: Sequence[SynonymGroup] = ()) -> str | None:
    """ "会不会干烧" (防干烧), "纯棉的吗" of 纯棉圆领短袖T恤: what its description says of it, or,
    when only its name names it, yes with the description; None when neither names it. A
    question whether the shop has one ("有没有纯棉的") is a search, not this."""
    kind = "的" in text or _A_KIND.search(text)
    if (IN_STOCK_ASKED.search(text) and kind) or not is_question(text):
        return None
    clause = described_answer(text, item, synonyms)
    if clause is not None:
        return clause
    named = item.name.casefold()
    if any(pair in named for pair in _asked_pairs(text, item)):
        return f"是的，{item.name}：{item.description.rstrip('。')}。"
    return None


_CLAUSE_SPLIT = re.compile(r"[\s，,；;。？?！!]+")


def data_answers(text: str, item: Product, synonyms: Sequence[SynonymGroup] = ()) -> str | None:
    """ "烧水壶多大容量 会不会干烧" naming `item`: each clause its specs or description answer
    (容量1.7L; 防干烧), one per line; None when the data answers none of them."""
    found: list[str] = []
    for clause in (c for c in _CLAUSE_SPLIT.split(text) if c):
        clause = plain_question(clause)
        said = measure_answer(clause, item) or described_reply(clause, item, synonyms)
        if said is not None and said not in found:
            found.append(said)
    return "\n".join(found) or None


_CHOICES = re.compile(r"什么|啥|哪些|哪几|哪种|几种|几个|几款|几色|多少种|多大|可选|可以选|选择")
"""Asking which values there are (有什么颜色, 几个码, 容量可以选吗), not for one of them."""
_ASPECT_SPECS = (
    (re.compile(r"颜色|色系|几色|什么色|啥色|哪些色|色号"), ("颜色", "色号")),
    (re.compile(r"尺码|码数|码|号|尺寸|大小|多大"), ("尺码", "尺寸", "长度")),
    (re.compile(r"容量|多大|几升|毫升|ml", re.IGNORECASE), ("容量",)),
    (re.compile(r"口味|味道|什么味"), ("口味", "香型")),
    (re.compile(r"香型|香味|什么香"), ("香型",)),
    (re.compile(r"规格|款式|型号|款|版本|分量|重量|多重"), ()),
)
"""The words for a kind of spec, and the spec names they mean (none: every spec)."""


def specs_meant(text: str, item: Product) -> list[str]:
    """The spec names of `item` whose choices `text` asks for ("有什么颜色": 颜色), all of them
    for 规格 / 款式; empty when it asks for no choices (or names a value: 有白色吗)."""
    if not _CHOICES.search(text) and not re.search(r"[有哪]\S{0,3}[吗么]", text):
        return []
    meant = [name for name in item.specs if name in text or _by_its_kind(name, item, text)]
    for words, names in _ASPECT_SPECS:
        if meant or not words.search(text):
            continue
        if not words.search(text.replace("多大", "")) and not of_itself(text, item):
            continue  # 声音多大: how loud, not its sizes
        meant = [n for n in item.specs if n in names] if names else list(item.specs)
    return meant


_KIND_ASKED = r"(?:什么|啥|哪些|哪几种|哪种|几种|多少种)(?:样的|样|的)?"


def _by_its_kind(name: str, item: Product, text: str) -> bool:
    """ "有啥轴" of a keyboard (轴体: 红轴 / 青轴 / 茶轴): the word every value of the spec ends
    in, or the spec's name without its last character (轴体 → 轴), asked for by kind."""
    values = item.specs.get(name, ())
    ending = ""
    if len(values) > 1 and all(v and "\u4e00" <= v[-1] <= "\u9fff" for v in values):
        ending = values[0][-1] if all(v[-1] == values[0][-1] for v in values) else ""
    stems = {w for w in (ending, name[:-1] if len(name) == 2 else "") if w}
    return any(re.search(_KIND_ASKED + re.escape(w), text) for w in stems)


def _choices(name: str, values: tuple[str, ...], counted: bool) -> str:
    count = f"（共{len(values)}种）" if counted and len(values) > 1 else ""
    return f"{name}：{' / '.join(values)}{count}"


def spec_choices(text: str, products: list[Product], left: int | None = None) -> str | None:
    """ "有什么颜色" about these products: the values of the specs asked, one line per product;
    for the one on its card (`left` given), its other specs and its stock after them. None when
    no product has the spec asked for."""
    counted = bool(re.search(r"几|多少种", text))  # 有几个颜色: the count is asked too
    lines: list[str] = []
    for item in products:
        meant = specs_meant(text, item)
        if not meant:
            continue
        asked = "；".join(_choices(n, item.specs[n], counted) for n in meant)
        if left is None:
            lines.append(f"{item.name} {asked}")
            continue
        rest = [_choices(n, v, False) for n, v in item.specs.items() if n not in meant]
        stock_text = f"库存：{'充足' if left >= LOW_STOCK else f'{left}件'}"
        lines.extend([asked, *rest, stock_text])
    return "\n".join(lines) or None


_POINTING = re.compile(r"这个|这款|这件|这种|这双|这条|这套|这盒|这瓶|它")


def points_at_one(text: str) -> bool:
    """ "这个能防水吗": the product meant is the one in front of the shopper, not one named."""
    return bool(_POINTING.search(text))


def named_in(text: str, products: list[Product]) -> list[Product]:
    """Of the products a message names, those written out in it by name or alias (保温杯能防水吗:
    the cup, not the 防水 mascara whose name merely shares a word)."""
    folded = text.casefold()
    return [p for p in products if any(n.casefold() in folded for n in (p.name, *p.aliases) if n)]


_USE_VERB = re.compile(r"[烤煮炸蒸装放煎炖焖热冲泡烘]了?(?:[一两几半][个只块根袋斤杯]|点|些)?$")
"""A verb of use right before a thing ("能烤红薯吗", "能装两斤水吗"): the thing is what the
product in front of the shopper is used on, not the product asked about."""


def only_used_on(text: str, item: Product) -> bool:
    """Whether `text` writes out `item` only as what something is used on ("能烤红薯吗" on the
    air fryer's card: the fryer is asked about, the sweet potatoes are what it roasts)."""
    folded = text.casefold()
    seen = False
    for name in sorted({n.casefold() for n in (item.name, *item.aliases) if n}, key=len):
        for at in (m.start() for m in re.finditer(re.escape(name), folded)):
            seen = True
            if not _USE_VERB.search(folded[:at]):
                return False
    return seen


@dataclass(frozen=True)
class _Measure:
    """A measure shoppers ask about (多长, 能装多少), where a product's data may hold it."""

    label: str
    asks: re.Pattern[str]
    specs: tuple[str, ...]  # the spec names that may hold it …
    unit: re.Pattern[str]  # … when every value has its unit
    clause: re.Pattern[str]  # a clause of the description or a fact that states it


_MEASURES = (
    _Measure(
        "容量",
        re.compile(
            r"装多少|能装|多大容量|容量多[大少]|容量是多少|几升|多少毫升|多少ml|多少升|"
            r"[烧煮泡装盛][多少几]+[水杯碗壶]?|多少水",
            re.I,
        ),
        ("容量", "规格"),
        re.compile(r"\d\s*(?:ml|l|升|毫升)$", re.I),
        re.compile(r"容量|\d\s*(?:ml|升|毫升)", re.I),
    ),
    _Measure(
        "长度",
        re.compile(r"多长(?!时间)|长度|多少米|几米|多少厘米|多少cm|[裤衣袖裙]长", re.I),
        ("长度", "尺码", "尺寸", "规格"),
        re.compile(r"\d\s*(?:cm|mm|m|米|厘米)$", re.I),
        re.compile(r"长度|长约?\s*\d|\d\s*[×x*]\s*\d", re.I),
    ),
    _Measure(
        "重量",
        re.compile(r"多重|重量|几克|多少克|多少g(?![a-z])|分量|重不重|沉不沉|轻不轻", re.I),
        ("重量", "规格"),
        re.compile(r"\d\s*(?:g|kg|克|公斤)$", re.I),
        re.compile(r"重|\d\s*(?:g|kg|克)(?![a-z])", re.I),
    ),
    _Measure(
        "规格",
        re.compile(r"(?:多少|几)[包片支条只瓶袋抽卷盒粒颗罐层]|装多少"),
        ("规格", "数量", "包装"),
        re.compile(r"\d\s*[包片支条只瓶袋抽卷盒粒颗罐层]"),
        re.compile(r"\d\s*[包片支条只瓶袋抽卷盒粒颗罐层]"),
    ),
    _Measure(
        "材质",
        re.compile(r"料子|面料|材质|布料|[什啥]么?(?:料|材料|材质|做的)|用的什么"),
        ("材质", "面料"),
        re.compile(r"."),
        re.compile(
            r"棉|麻|涤纶|聚酯|锦纶|氨纶|莫代尔|羊毛|羊绒|真丝|桑蚕丝|雪纺|[真牛羊]皮|"
            r"不锈钢|硅胶|陶瓷|玻璃|乳胶|实木|竹|纱|绒|内胆|鞋面|表活",
            re.I,
        ),
    ),
)
_SIZE = _Measure(
    "大小",
    re.compile(r"多大(?!码|号|年纪|岁|功率)|大小|体积|几寸|多少寸"),
    ("规格", "容量", "尺寸", "长度", "重量"),
    re.compile(r"\d\s*(?:ml|l|升|毫升|g|kg|克|cm|mm|米|厘米|寸)$", re.I),
    re.compile(r"\d\s*[×x*]\s*\d|\d\s*(?:ml|升|毫升|cm|厘米)|尺寸|体积", re.I),
)
"""How big it is, asked with nothing else ("多大的", "收纳箱多大"): its specs with a unit (50g,
30L|55L|80L, 80×30cm), named by their own spec name. "声音多大", "力度多大" ask something else,
and "穿多大" a size for the body (size_advice.py)."""
_COUNT_WORDS = {3: "三", 4: "四", 5: "五", 6: "六"}
_WORN = re.compile(r"穿|码|[几多]岁|孩子|宝宝|口人|口之家|人用|个人|适合")
"""A size for the body or a child (穿多大, 5岁多大的), or for how many (多大的适合3口人): the
size advice or the sizes with what the data does not say, not how big the thing is."""
_OTHER_QUALITY = re.compile(
    r"声音?|噪音|音量|功率|力度|力气|吸力|风力|风量|亮度|温度|压力|年纪|岁数|年龄|区别|差别|差距|"
    r"影响|作用|风险|问题|难度|劲|火力|辐射|味道?|气味|误差|偏差|色差|弹力|弹性|"
    r"电流|电压|瓦数|噪声|震动|振动|动静|口子|伤害|刺激"
)
"""What 多大 may be asked of other than the product's size ("声音多大", "区别多大")."""
_PART_LENGTH = re.compile(r"[裤衣袖裙]长")
_CLAUSES = re.compile(r"[，,。；;！!\n]")


_ENDS_IN_NOT = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?<![不没])不$")
"""A clause of two words or more ending in 不 is a yes-no question (包邮不, 掉色不)."""


def plain_question(text: str) -> str:
    """A yes-no question ending in 不 said with 吗, as the shop's facts list the ways it is asked
    ("能机洗不" → "能机洗吗", "包邮不" → "包邮吗"). One rewrite for a whole message and for each
    of its clauses alike."""
    return _ENDS_IN_NOT.sub("吗", YES_NO.sub(lambda m: f"{m.group('what')}吗", text))


def measure_answer(text: str, item: Product) -> str | None:
    """ "皮带有多长的", "裤长多少", "350的能装多少水": the measure from the product's specs (its
    values with their unit, the one named first) and the clauses of its description and facts
    that state it; None when it asks no measure or the data holds none. "15袋装多少钱" asks
    the price of a spec, not how much is in it."""
    if _ITS_PRICE.search(text):
        return None
    for measure in _MEASURES:
        if not measure.asks.search(text):
            continue
        part = _PART_LENGTH.search(text) if measure.label == "长度" else None
        said = [*_measure_specs(text, item, measure, part is not None)]
        said += [
            c
            for c in _measure_clauses(item, measure)
            if part is None or part.group(0) in c or "长度" in c
        ]
        unit = _COUNTED.search(text) if measure.label == "规格" else None
        counted = [s for s in said if unit and re.search(rf"\d\s*{unit.group(1)}", s)]
        if counted or said:  # 一箱有几包: what says 包 (24包整箱), not 每包100抽 beside it
            return "；".join(distinct(counted or said)) + "。"
    return _size_answer(text, item)


def distinct(said: Sequence[str]) -> list[str]:
    """`said` without a sentence that mostly says again one kept before it (a fact's "1.7升一壶水
    大约5分钟烧开" and another's "一满壶1.7升大约5分钟烧开")."""
    kept: list[tuple[str, set[str]]] = []
    for sentence in said:
        pairs = set(_CJK_PAIR.findall(sentence.casefold()))
        if any(len(pairs & other) >= _SAID_AGAIN * max(len(pairs), 1) for _, other in kept):
            continue
        kept.append((sentence, pairs))
    return [sentence for sentence, _ in kept]


_SAID_AGAIN = 0.6
"""The share of a sentence's character pairs found in one said before that makes it a repeat."""


def asks_how_big(text: str, item: Product) -> bool:
    """ "多大的", "收纳箱多大", "有多大": how big the product itself is, with nothing before 多大
    but its name and filler ("声音多大" asks how loud), and no body or use it is for."""
    return of_itself(text, item) and not (measured(text) or _WORN.search(text))


def of_itself(text: str, item: Product) -> bool:
    """Is 多大 (大小, 体积) asked of the product itself: nothing before it but the product's name
    and filler ("声音多大" asks how loud)?"""
    asked = _SIZE.asks.search(text)
    if asked is None:
        return False
    return not _OTHER_QUALITY.search(text[: asked.start()])


def _size_answer(text: str, item: Product) -> str | None:
    """ "多大的", "收纳箱多大": its specs that carry a unit, each by its own name ("规格是50g",
    "规格有30L、55L、80L三种"), else the clauses of its data that give a size; None when the
    question asks the size of something else (声音多大) or the data holds none."""
    if not asks_how_big(text, item):
        return None
    said = []
    for name, values in item.specs.items():
        if name not in _SIZE.specs or not all(_SIZE.unit.search(v) for v in values):
            continue
        many = f"{_COUNT_WORDS.get(len(values), '几')}种" if len(values) > 2 else ""
        said.append(
            f"{name}有{'、'.join(values)}{many}" if len(values) > 1 else f"{name}是{values[0]}"
        )
    clauses = (c.strip() for c in _CLAUSES.split(item.description))
    said = said or [c for c in clauses if c and _SIZE.clause.search(c)]
    return f"{item.name}{'；'.join(dict.fromkeys(said))}。" if said else None


_COUNTED = re.compile(r"(?:多少|几)([包片支条只瓶袋抽卷盒粒颗罐层])")


def _measure_specs(text: str, item: Product, measure: _Measure, by_part: bool) -> list[str]:
    named = spec_values_in(text, item)
    said = []
    for name, values in item.specs.items():
        if name not in measure.specs or not all(measure.unit.search(v) for v in values):
            continue
        if by_part and name != measure.label:
            continue  # 裤长 is not the waist size
        chosen = named.get(name)
        if chosen is not None:
            others = [v for v in values if v != chosen]
            more = f"（还有{'、'.join(others)}可选）" if others else ""
            said.append(f"{chosen}的{measure.label}就是{chosen}{more}")
        else:
            said.append(
                f"{measure.label}有{'、'.join(values)}"
                if len(values) > 1
                else f"{measure.label}{values[0]}"
            )
    return said


def _measure_clauses(item: Product, measure: _Measure) -> list[str]:
    texts = [item.description, *item.facts.values()]
    clauses = [c.strip() for t in texts for c in _CLAUSES.split(t)]
    return [c for c in clauses if c and measure.clause.search(c)]
