"""Comparing products the shopper has in front of them: "这俩有啥区别", "这个和T恤有啥不一样",
"哪个更保暖", "哪个便宜点".

Answered only from what the shop recorded: prices, specs, tags, attributes, facts and
descriptions. A quality the data names for some products and not others ("保暖" tagged on one)
picks those; a quality none of them records, or all of them equally, is said plainly with a
human offered: the bot never ranks what the data cannot rank.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.shop.texts import yuan
from knowledge.model import Product
from knowledge.wants import Wants, meets

ASK_HUMAN = "拿不准的话回复“人工”，我请客服帮您确认～"
COMPARED_NEXT = "想要哪款直接告诉我～"

_DIFFERENCE = re.compile(
    r"区别|差别|差异|不一样|不同|有啥差|有什么差|对比|比较一下|比一下|比较下|哪里不一|差在哪|差多少"
)
_WHICH = re.compile(
    r"(?:哪(?:一)?(?:个|款|件|种|样|双|条|套|盒|瓶))\s*(?:会|要|更加|更|比较|最|稍微|相对)?\s*"
    r"(?P<quality>[^，,。？?！!～~\s]*)(?P<use>.*)"
)
_PRICE_GAP = re.compile(r"差多少钱|差几块|差价|贵多少|便宜多少|差了多少钱|相差多少")
_TAIL = re.compile(r"(?:一点|一些|一丢丢|点|些|啊|呀|呢|吗|么|嘛|哦|的|？|\?|[\s。.!！~～])+$")
_CHEAPER = re.compile(r"便宜|实惠|划算|省钱|价格低|价低|少钱|性价比")
_DEARER = re.compile(r"贵|价格高|价高|高档")
_GOOD = re.compile(r"(?:的)?(?:效果|性能)?(?:更|最|比较)?(?:好|强|棒|厉害)$")
_SPEC_NAME = re.compile(
    r"(?:的)?(?:尺码|码数|码子|码|号码|号|尺寸|大小|颜色|色|规格|款式|口味|容量)"
)
"""What one chooses a value of ("要哪个码"): a spec's name, never a quality to compare."""
_VERDICT = re.compile(
    r"^(?:好|好用|好看|好吃|好喝|值得|值|推荐|合适|适合我|划算|靠谱|不错|质量好)$"
)


@dataclass(frozen=True)
class Ask:
    """What a comparison asks: a difference, or which product has a quality (便宜, 保暖)."""

    quality: str  # "" for "有啥区别"
    measure: str = ""
    """The measure named before 哪个 ("续航哪个长": 续航), when it is one the data can rank."""
    use: str = ""
    """What the shopper says it is for, after the question ("哪个好 主要地铁通勤用"): read for
    the products' tags, never pasted into a sentence."""
    gap: bool = False
    """The price difference is asked ("差多少钱", "贵多少")."""


@lru_cache(maxsize=4096)  # asked of one text several times a message; an Ask is frozen
def comparison_asked(text: str) -> Ask | None:
    """The comparison a message asks for, or None when it asks none."""
    which = _WHICH.search(text)
    if which is not None:
        quality = _TAIL.sub("", which.group("quality")).strip()
        if quality and not _VERDICT.match(quality):
            quality = _GOOD.sub("", quality) or quality  # 降噪好: which 降噪 is better
        if quality and _SPEC_NAME.fullmatch(quality):
            return None  # "要哪个码", "选哪个颜色": which value to choose, no quality to rank
        if quality:
            return Ask(quality, _measure_before(text[: which.start()]), which.group("use"))
    if _PRICE_GAP.search(text):
        return Ask("", gap=True)
    if _DIFFERENCE.search(text):
        return Ask("")
    return None


def _measure_before(head: str) -> str:
    """ "通勤用 续航哪个长": the measure just before 哪个 (续航), when the data can rank it."""
    before = head.rstrip()
    for measure in MEASURES:
        found = measure.asks.search(before[-4:])
        if found is not None and before.endswith(found.group(0)):
            return found.group(0)
    return ""


def topic_asked(ask: Ask, read: Callable[[str], str | None], whole: str | None) -> str | None:
    """The fact topic a "哪个能…" comparison asks about: read from the quality alone (能机洗:
    机洗), else the whole message's (`whole`); `read` is the matcher's topic of a text."""
    if not ask.quality:
        return None
    return read(ask.quality) or whole


def comparison_start(text: str) -> int:
    """Where the comparison words begin ("T恤和卫衣|有什么区别"): what comes before names the
    products compared."""
    starts = [m.start() for m in (_WHICH.search(text), _DIFFERENCE.search(text)) if m]
    return min(starts, default=len(text))


_JOINS = re.compile(r"和|跟|与|还是|比|对比|vs|VS|、|，|,|/")
_POINTERS = re.compile(r"这个|那个|这款|那款|这件|那件|它|有啥|有什么|哪个|哪款|[?？\s]")


def compared_parts(text: str) -> list[str]:
    """The parts naming what is compared ("T恤和卫衣有什么区别" → T恤, 卫衣); named after the
    question when not before it ("苹果哪个好吃 红富士还是冰糖心" → 红富士, 冰糖心)."""
    start = comparison_start(text)
    parts = [p for p in (_POINTERS.sub("", part) for part in _JOINS.split(text[:start])) if p]
    if len(parts) >= 2:
        return parts
    after = _TAIL.sub("", text[start:].split(maxsplit=1)[1]) if " " in text[start:] else ""
    named_after = [p for p in (_POINTERS.sub("", x) for x in _JOINS.split(after)) if p]
    return named_after if len(named_after) >= 2 else parts


def parts_on_screen(text: str, shown: Sequence[Product]) -> list[Product]:
    """The products on screen the compared parts write out part of ("10000的和20000的差多少钱"
    over a list of power banks: the 10000mAh one and the 20000mAh one), one each."""
    picked: dict[str, Product] = {}
    for part in compared_parts(text):
        bare = part.strip("的").split("的")[0].casefold()  # 20000mAh的充电宝: 20000mAh
        fits = [p for p in shown if len(bare) >= 2 and bare in p.name.casefold()]
        if len(fits) == 1:
            picked.setdefault(fits[0].sku, fits[0])
    return list(picked.values())


def answer(
    ask: Ask, products: Sequence[Product], topic: str | None = None, wants: Wants | None = None
) -> str:
    """The comparison of `products` (two or more), short, from their data only; `topic` is the
    fact topic the quality asks about (哪个能放洗碗机: 洗碗机), answered from each one's fact;
    `wants` are the wishes the message says (油皮), which pick among them when asked which is
    good."""
    if ask.quality and _names_their_kind(ask.quality, products):
        ask = replace(ask, quality="好")  # 哪个面霜好: 面霜 is what they are, 好 is asked
    ranked = by_measure(ask, products)
    if ranked is not None:  # 续航哪个长, 哪件暖和: the numbers the products' words state
        return ranked
    if topic is not None and ask.quality and any(topic in p.facts for p in products):
        return _by_fact(topic, products)  # none with the fact: their words may say it (轻薄)
    verdict_asked = bool(_VERDICT.match(ask.quality))
    for_wish = _by_wishes(wants, products) if verdict_asked and wants else None
    if for_wish is not None:  # 油皮用哪个面霜好: the one whose data meets the wish
        return for_wish
    for_use = _by_use(ask.use, products) if verdict_asked else None
    if for_use is not None:  # 哪个好 主要地铁通勤用: the one tagged 通勤
        return for_use
    if ask.gap and len(products) == 2:  # 差多少钱: the difference itself, then the rest
        return f"{_price_gap(products)}\n{differences(products)}"
    if not ask.quality or _VERDICT.match(ask.quality):
        tail = "看您更看重哪一点；" + ASK_HUMAN if ask.quality else COMPARED_NEXT
        return differences(products) + "\n" + tail
    if _CHEAPER.search(ask.quality) or _DEARER.search(ask.quality):
        return _by_price(products, cheaper=bool(_CHEAPER.search(ask.quality)))
    return _by_quality(ask.quality, products)


def _price_gap(products: Sequence[Product]) -> str:
    low, high = sorted(products, key=lambda p: p.price_fen)
    if low.price_fen == high.price_fen:
        return f"两款价格一样，都是{yuan(low.price_fen)}。"
    gap = yuan(high.price_fen - low.price_fen)
    return f"{high.name}{yuan(high.price_fen)}，{low.name}{yuan(low.price_fen)}，差{gap}。"


def _names_their_kind(quality: str, products: Sequence[Product]) -> bool:
    """Is `quality` a name or alias every product has (面霜 of two face creams)?"""
    said = quality.casefold()
    return all(said in {n.casefold() for n in (p.name, *p.aliases)} for p in products)


def _by_wishes(wants: Wants, products: Sequence[Product]) -> str | None:
    """The products whose data meets the wishes said (肤质 油皮), when some do and some do not:
    recommended first, then what tells them apart; None when the wishes tell them not apart."""
    fit = [p for p in products if meets(p, wants)]
    if not fit or len(fit) == len(products):
        return None
    words = list(dict.fromkeys([*wants.attributes.values(), *wants.tags]))
    said = "、".join(w for w in words if not any(w != o and w in o for o in words))  # 夏 in 夏天
    return (
        f"按您说的{said}，推荐{'、'.join(p.name for p in fit)}：\n"
        + differences(products)
        + "\n拿不准的话回复“人工”问问客服～"
    )


def _by_use(use: str, products: Sequence[Product]) -> str | None:
    """The products whose tags name the use said (通勤 in "主要地铁通勤用"), when some do and
    some do not: those first, with each one's data; None when the tags tell them not apart."""
    uses = [t for p in products for t in p.tags if len(t) >= 2 and t in use]
    if not uses:
        return None
    use_word = uses[0]
    fit = [p for p in products if use_word in p.tags]
    if len(fit) == len(products):
        return None
    names = "、".join(p.name for p in fit)
    return (
        f"按您说的{use_word}用，资料里标了{use_word}的是{names}：\n"
        + differences(products)
        + "\n拿不准的话回复“人工”问问客服～"
    )


def prices(products: Sequence[Product]) -> str:
    """ "多少钱" asked beside a comparison: each compared product's price, in one line."""
    return "价格：" + "；".join(f"{p.name}{yuan(p.price_fen)}" for p in products) + "。"


def _by_price(products: Sequence[Product], *, cheaper: bool) -> str:
    ranked = sorted(products, key=lambda p: p.price_fen, reverse=not cheaper)
    first, rest = ranked[0], ranked[1:]
    if all(p.price_fen == first.price_fen for p in rest):
        return f"{'、'.join(p.name for p in ranked)}价格一样，都是{yuan(first.price_fen)}。"
    word = "便宜" if cheaper else "贵"
    best = "更" if len(products) == 2 else "最"
    others = "，".join(f"{p.name}{yuan(p.price_fen)}" for p in rest)
    return f"{first.name}{best}{word}，{yuan(first.price_fen)}（{others}）。"


_CLAUSE = re.compile(r"[，,。；;！!\n]")


SAID_AS = {
    "显瘦": ("收腰", "高腰", "修身", "显腿长", "A字"),
    "暖和": ("保暖",),
    "透气": ("速干", "网眼", "冰丝"),
}
"""Qualities shoppers ask for and the words product texts state them with (显瘦: 收腰)."""


def stated(quality: str, item: Product) -> str | None:
    """Where the product's words say `quality` (or a word it is stated with, SAID_AS): the
    clause of its description or the fact that names it, or its description when its name
    does (轻 in 轻薄白鸭绒羽绒服); None otherwise."""
    words = (quality, *SAID_AS.get(quality, ()))
    for clause in _CLAUSE.split(item.description):
        if any(w in clause for w in words):
            return clause.strip()
    for fact in item.facts.values():
        if any(w in fact for w in words):
            return fact
    if quality in item.name:
        return item.description or item.name
    return None


def tagged(quality: str, item: Product) -> bool:
    """Is `quality` only among the product's tags or attributes (轻 → 轻薄), not in its words?"""
    if any(quality in t for t in item.tags):
        return True
    return any(
        quality in name or any(quality in v for v in values)
        for name, values in item.attributes.items()
    )


def _by_fact(topic: str, products: Sequence[Product]) -> str:
    """Each product's fact on `topic`; of those without one, only the ones of the same kind as
    a product with it are named (哪个能带上飞机 in a list of power banks and chargers: the
    chargers are not what is asked about)."""
    having = [p for p in products if topic in p.facts]
    known = [f"{p.name}：{p.facts[topic]}" for p in having]
    if not known:
        return f"这几款的资料里都没有写这一点，不想乱说误导您。{ASK_HUMAN}"
    unknown = [p.name for p in lacking_the_fact(topic, products)]
    tail = [f"{'、'.join(unknown)}没有写这一点，{ASK_HUMAN}"] if unknown else []
    return "\n".join([*known, *tail])


def lacking_the_fact(topic: str, products: Sequence[Product]) -> list[Product]:
    """The products a fact answer names as not recording `topic`: those without it of the
    kind of one that has it (the chargers of a power-bank question are not named)."""
    having = [p for p in products if topic in p.facts]
    return [p for p in products if topic not in p.facts and having and same_kind(p, having)]


def same_kind(item: Product, others: Sequence[Product]) -> bool:
    """Is `item` the kind of thing one of `others` is: one of their names or aliases is part
    of its own (磁吸无线充电宝 is a 充电宝; a 充电器 is not)?"""
    own = [n.casefold() for n in (item.name, *item.aliases)]
    words = {n.casefold() for p in others for n in (p.name, *p.aliases) if len(n) >= 2}
    return any(w in n for w in words for n in own)


_CAN = re.compile(r"^(?:能|可以|会|有|是|适合|带|支持)")


def _by_quality(quality: str, products: Sequence[Product]) -> str:
    """Which products the data says have `quality`: those whose words state it first (主动降噪
    in the description), then those only tagged with it; it ranks nothing the data does not."""
    said = {p.sku: e for p in products if (e := stated(quality, p)) is not None}
    marked = [p for p in products if p.sku not in said and tagged(quality, p)]
    missing = [p for p in products if p.sku not in said and p not in marked]
    more = "" if _CAN.match(quality) else "更"
    if not said and not marked:
        return f"商品资料里没有写哪款{more}{quality}，不想乱说误导您。{ASK_HUMAN}"
    if not missing and (not said or not marked):  # every one says it alike
        both = "两款" if len(products) == 2 else "这几款"
        lines = [f"{p.name}：{said.get(p.sku) or p.description}" for p in products]
        return f"{both}都写了{quality}，资料分不出哪款{more}{quality}：\n" + "\n".join(
            [*lines, ASK_HUMAN]
        )
    first = [p for p in products if p.sku in said] or marked
    notes = []
    if said and marked:
        notes.append(f"{_names(marked)}只写了{quality}，没有具体说明")
    if missing:
        notes.append(f"{_names(missing)}没有写这一点")
    head = f"写明{quality}的是{_names(first)}（{'；'.join(notes)}）"
    lines = [f"{p.name}：{said[p.sku]}" for p in first if p.sku in said]
    return "\n".join([f"{head}：" if lines else f"{head}。", *lines])


@dataclass(frozen=True)
class Measure:
    """A quality the products' words state as a number ("续航40小时", "充绒量约260g"): asked with
    `asks`, read from the clause naming `word` with a number in `units`; `said` is the answer's
    words for the one that has most of it (empty: 更 and the word asked, 更保暖 or 更暖和), the
    least when `least_wins` (轻 is the lower weight)."""

    asks: re.Pattern[str]
    word: str
    units: str
    said: str = ""
    least_wins: bool = False
    states: re.Pattern[str] | None = None
    """What marks a clause as stating it, when not `word` itself (单只约230g is a weight)."""


FABRIC_WEIGHT = re.compile(r"\d\s*(?:g|克)(?:厚|毛圈|棉|面料|克重)")
"""A fabric's weight as the description states it (200g厚实, 400g毛圈棉), not a pack's."""

MEASURES = (
    Measure(re.compile(r"续航|待机|电池|用得久|能用多久"), "续航", r"小时|h|天", "续航更长"),
    # a down jacket's warmth is its fill weight: the figure the shop writes down for it
    Measure(re.compile(r"暖和|保暖|暖|厚实"), "充绒量", r"g|克"),
    # a fabric's thickness is its weight per square metre: 200g厚实, 400g毛圈棉
    Measure(
        re.compile(r"厚"),
        "克重",
        r"g|克",
        "更厚",
        states=FABRIC_WEIGHT,
    ),
    Measure(
        re.compile(r"薄"),
        "克重",
        r"g|克",
        "更薄",
        least_wins=True,
        states=FABRIC_WEIGHT,
    ),
    Measure(
        re.compile(r"轻|重量|分量"),
        "重量",
        r"g|克|kg|千克|斤",
        "更轻",
        least_wins=True,
        # the weight of the thing itself: 重, or 单只/整机 before the figure (not 每袋25g)
        states=re.compile(r"重|^(?:单只|单个|单件|整件|整机|整只|机身|每只)"),
    ),
)


@dataclass(frozen=True)
class Stated:
    """What one product's words say of a measure: the number and the clause saying it."""

    item: Product
    value: float
    clause: str


def by_measure(ask: Ask, products: Sequence[Product]) -> str | None:
    """Which product has more of a measured quality (续航, 暖和, 轻), from the numbers their
    descriptions and facts state; None when the quality is no measure or none states it."""
    asked = f"{ask.measure}{ask.quality}"
    found = next(((m, said) for m in MEASURES if (said := m.asks.search(asked))), None)
    if found is None:
        return None
    measure, said = found
    more = measure.said or f"更{said.group(0)}"  # 更保暖 or 更暖和, as asked
    stated_ = [s for p in products if (s := _stated_measure(measure, p)) is not None]
    if not stated_:
        return None
    ranked = sorted(stated_, key=lambda s: s.value, reverse=not measure.least_wins)
    best = ranked[0]
    lines = [f"· {s.item.name}：{s.clause}" for s in ranked]
    missing = [p.name for p in products if p.sku not in {s.item.sku for s in stated_}]
    if missing:
        lines.append(f"{'、'.join(missing)}没有写{measure.word}，{ASK_HUMAN}")
    else:
        lines.append(COMPARED_NEXT)
    if len(ranked) > 1 and ranked[1].value == best.value:
        head = f"按{measure.word}看，资料分不出哪款{more}："
    elif len(ranked) == 1:
        head = f"只有{best.item.name}写了{measure.word}："
    else:
        head = f"按{measure.word}看，{best.item.name}{more}："
    return "\n".join([head, *lines])


def _stated_measure(measure: Measure, item: Product) -> Stated | None:
    """The first clause of the product's description, then facts, stating the measure with a
    number ("单次续航7小时"), with the product's fact of that name beside it when there is one
    ("加充电仓一共30小时")."""
    number = re.compile(rf"(\d+(?:\.\d+)?)\s*(?:{measure.units})")
    for text in (item.description, *item.facts.values()):
        for clause in (c.strip() for c in _CLAUSE.split(text)):
            found = number.search(clause)
            states = measure.states.search(clause) if measure.states else measure.word in clause
            if states and found is not None:
                fact = item.facts.get(measure.word, "")
                said = f"{clause}（{fact.rstrip('。')}）" if fact and clause not in fact else clause
                return Stated(item, float(found.group(1)), said)
    return None


def _names(products: Sequence[Product]) -> str:
    return "、".join(p.name for p in products)


def differences(products: Sequence[Product]) -> str:
    """One line per product: its price, the first spec the others do not share, its description."""
    lines = []
    for item in products:
        others = [p for p in products if p is not item]
        specs = [
            f"{name}{'/'.join(values)}"
            for name, values in item.specs.items()
            if any(p.specs.get(name) != values for p in others)
        ]
        parts = [yuan(item.price_fen), *specs[:1]]
        if item.description:  # its own words; the tags are the shop's search keys, not said
            parts.append(item.description)
        lines.append(f"· {item.name}：{'，'.join(parts)}")
    return "\n".join(lines)
