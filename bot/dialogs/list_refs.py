"""Which product of the list just shown a message points at: "第二个有什么颜色", "加厚的那款多少钱",
"黑色那个还有货吗", "便宜的那个", "长款羽绒服那件"; or a describing word and 的 opening the
question ("头戴的有白色吗", "350的能装多少水"): `described_among` gives the listed products it fits.

A reference is an ordinal, or a describing word before 那个 / 那款 / 这件 …: a part of the name
(加厚), a spec value (黑色), a tag or attribute value (保暖), or cheapest / dearest. It resolves
only when exactly one product of the list fits; otherwise the caller treats the message as it
would without a reference.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.dialogs.parse import NUMBER, number_value
from bot.dialogs.turn import fold
from knowledge.model import Product

_ORDINAL = re.compile(rf"第\s*({NUMBER})\s*[个件款条种样双套盒瓶只支]?(?:的|商品|产品)?")
_DESCRIBED = re.compile(
    r"(?P<word>[\u4e00-\u9fffA-Za-z0-9]{1,8}?)\s*(?:的)?\s*(?:那|这)(?:一)?(?:个|款|件|种|双|条|套|盒|瓶|只|支)"
)
_CHEAPEST = re.compile(r"^(?:最|更)?(?:便宜|低价|实惠)(?:一)?(?:点|些)?$")
_DEAREST = re.compile(r"^(?:最|更)?(?:贵|高档)(?:一)?(?:点|些)?$")
_SMALLEST = re.compile(r"^(?:最|更)?(?:小|少)(?:一)?(?:点|些)?(?:包|份|装|瓶|盒|袋)?$")
_BIGGEST = re.compile(r"^(?:最|更)?(?:大|多)(?:一)?(?:点|些)?(?:包|份|装|瓶|盒|袋)?$")
""""小的那个", "大一点的那款": the listed product of the smallest (largest) amount its specs or
name state (250g, 5斤, 350ml, 20000mAh), compared only in one kind of unit."""
_OPENING = re.compile(
    r"^(?:那|这|那个|这个|请问|问下|问一下)?\s*(?P<word>[\u4e00-\u9fffA-Za-z0-9-]{1,8}?)\s*的(?=\S)"
)
""""头戴的有白色吗": a describing word and 的 opening a question about the listed ones it fits."""
_POINTING = re.compile(r"^(?:那|这)(?:一)?(?:个|款|件|种|双|条|套|盒|瓶|只|支|包|袋)")
_NOT_DESCRIBING = re.compile(r"^(?:就|要|买|拍|来|选|我|你|您|看|问|问下|请问|那|这|和|跟|还有)+$")


@dataclass(frozen=True)
class Reference:
    """A product of the list, the words that pointed at it, and whether they name a spec value
    (kept in the question: "黑色那个还有货吗" asks about black)."""

    item: Product
    words: str
    spec_value: str | None = None

    def rest(self, text: str) -> str:
        """The message without the pointing words: the question about the item."""
        left = fold(text).replace(self.words, " ", 1).strip(" ，,的")
        return f"{self.spec_value}{left}" if self.spec_value else left


def referred(text: str, shown: Sequence[Product]) -> Reference | None:
    """The one product of `shown` (the list on screen) the message points at, or None."""
    folded = fold(text)
    found = _ORDINAL.search(folded)
    if found is not None:
        number = number_value(found.group(1))
        if number is not None and 1 <= number <= len(shown):
            return Reference(shown[number - 1], found.group(0))
        return None
    for match in _DESCRIBED.finditer(folded):
        word, said = match.group("word"), match.group(0)
        for start in range(len(word)):  # "我想问下加厚的那款": the describing word is its end
            if _NOT_DESCRIBING.match(word[start:]):
                continue
            reference = _described(word[start:], said[start:], shown)
            if reference is not None:
                return reference
    return None


@dataclass(frozen=True)
class Described:
    """The listed products a describing word fits (some, not all), and the question after it
    (with the spec value the word named: "白色的有L码吗" still asks about 白色)."""

    items: list[Product]
    question: str


def described_among(text: str, shown: Sequence[Product]) -> Described | None:
    """ "头戴的有白色吗" over a list of earphones: the listed products the opening word fits (by
    name, then spec value, then tag), when it fits some of them but not all; else None."""
    folded = fold(text)
    found = _OPENING.match(folded)
    if found is None or len(shown) < 2:
        return None
    word = found.group("word")
    rest = folded[found.end() :].strip(" ，,")
    if _SMALLEST.match(word) or _BIGGEST.match(word):  # 小的多少钱: the small ones, by amount
        sized = by_amount(shown, biggest=bool(_BIGGEST.match(word)))
        rest = _POINTING.sub("", rest).strip(" ，,")
        return Described(sized, rest) if sized and len(sized) < len(shown) else None
    if len(word) < 2 and not word.isascii():
        return None  # "有的吗": one character describes nothing
    if _NOT_DESCRIBING.match(word) or _CHEAPEST.match(word) or _DEAREST.match(word):
        return None
    for tier in (_by_name, _by_spec, _by_tag):
        fits = [p for p in shown if tier(word, p)]
        if not fits:
            continue
        if len(fits) == len(shown):
            return None  # it describes every listed one: nothing is picked
        value = (_spec_value(word, fits[0]) or word) if tier is _by_spec else ""
        return Described(fits, f"{value}{rest}")
    return None


def _spec_value(word: str, item: Product) -> str | None:
    """The value of `item`'s specs `word` names: itself, or the one a bare number begins (350:
    350ml)."""
    for values in item.specs.values():
        for value in values:
            if value == word or (word.isdigit() and _number_of(value) == word):
                return value
    return None


def _number_of(value: str) -> str | None:
    """The number a value is with its unit (350ml: 350), or None (L, 2C1A, 350ml×2)."""
    found = re.fullmatch(r"(\d+(?:\.\d+)?)\s*[A-Za-z\u4e00-\u9fff]{1,3}", value)
    return found.group(1) if found else None


_DESCRIBING_DE = re.compile(
    r"(?P<word>[\u4e00-\u9fffA-Za-z0-9]{2,10}?)\s*(?:的|那个|那款|那件|那种)"
)
""""就要轻薄的吧 黑色 L码": a describing word and 的 anywhere in an order line."""


def described_by_a_word(
    text: str, among: Sequence[Product], on_screen: Product | None = None
) -> Product | None:
    """The one product of `among` a describing word before 的 in `text` fits ("轻薄的 黑色 L码"
    of two down jackets: the light one); None when no word, or several products, fit. The
    word is the end of what stands before 的 ("就要轻薄的": 轻薄); one character (白的) is
    too little to tell products apart by their names. A word that is a spec value of the
    product `on_screen` describes that one ("原味的" on the seaweed card is its flavour, not
    原味巴旦木), so no other product is."""
    for found in _DESCRIBING_DE.finditer(fold(text)):
        word = found.group("word")
        for start in range(len(word) - 1):
            if _NOT_DESCRIBING.match(word[start:]):
                continue
            if on_screen is not None and _spec_value(word[start:], on_screen) is not None:
                return None
            item = described_one(word[start:], among)
            if item is not None:
                return item
    return None


_ONE_CHARACTER_DE = re.compile(r"(?:^|(?<=[那这个款种件要就吧选买来，,\s]))([\u4e00-\u9fff])的")
_NO_TELLING = frozenset("大小多少好新旧贵便宜的我你他她它要买来就那这")
"""One character before 的 that tells no product by its name (大的 is an amount, 我的 a
person)."""


def told_by_one_character(text: str, among: Sequence[Product]) -> Product | None:
    """ "就要那个长的吧" of a light and a long down jacket: the one product whose name holds the
    character said before 的, when no listed product comes in a spec value holding it (白的 of
    white and black T-shirts is a colour, never the name 白鸭绒)."""
    for found in _ONE_CHARACTER_DE.finditer(fold(text)):
        character = found.group(1)
        if character in _NO_TELLING:
            continue
        if any(character in v for p in among for vs in p.specs.values() for v in vs):
            continue
        named = [p for p in among if character in p.name]
        if len(named) == 1:
            return named[0]
    return None


def described_one(word: str, among: Sequence[Product]) -> Product | None:
    """The one product of `among` a describing word fits ("10000" of two power banks, "头戴" of
    the earphones), by name, then spec value, then tag; None when none or several fit."""
    reference = _described(word, word, among)
    return reference.item if reference is not None else None


def _described(word: str, words: str, shown: Sequence[Product]) -> Reference | None:
    if len(shown) < 2:
        return None
    if _CHEAPEST.match(word) or _DEAREST.match(word):
        ranked = sorted(shown, key=lambda p: p.price_fen, reverse=bool(_DEAREST.match(word)))
        if ranked[0].price_fen == ranked[1].price_fen:
            return None
        return Reference(ranked[0], words)
    if _SMALLEST.match(word) or _BIGGEST.match(word):  # 小的那个: by amount, not 小 of 小核桃
        sized = by_amount(shown, biggest=bool(_BIGGEST.match(word)))
        return Reference(sized[0], words) if sized is not None and len(sized) == 1 else None
    for tier in (_by_name, _by_spec, _by_tag):
        fits = [p for p in shown if tier(word, p)]
        if len(fits) == 1:
            value = _spec_value(word, fits[0]) if tier is _by_spec else None
            return Reference(fits[0], words, value)
        if fits:
            return None  # several fit: which one is not clear
    return None


_AMOUNT = re.compile(
    r"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>kg|g|克|千克|公斤|斤|ml|毫升|l|升|mah|片|袋|包|支|条|卷|瓶|个|双|盒)"
    r"(?![a-z])"
)
_UNIT_KIND = {
    "kg": ("weight", 1000.0),
    "千克": ("weight", 1000.0),
    "公斤": ("weight", 1000.0),
    "斤": ("weight", 500.0),
    "g": ("weight", 1.0),
    "克": ("weight", 1.0),
    "l": ("volume", 1000.0),
    "升": ("volume", 1000.0),
    "ml": ("volume", 1.0),
    "毫升": ("volume", 1.0),
    "mah": ("charge", 1.0),
}
"""Units an amount is compared in; a count (30袋, 10片) is compared with the same word only."""


def _amounts(item: Product) -> dict[str, list[float]]:
    """What `item` comes in, by kind of unit: 500g and 1kg as weight in grams, 350ml as volume,
    20000mAh as charge, 30袋 as a count of 袋; from its spec values, else its name."""
    found: dict[str, list[float]] = {}
    for values in ([v for vs in item.specs.values() for v in vs], [item.name]):
        for value in values:
            match = _AMOUNT.search(value.casefold())  # 100g×3: the first amount says the size
            if match is not None:
                kind, scale = _UNIT_KIND.get(match.group("unit"), (match.group("unit"), 1.0))
                found.setdefault(kind, []).append(float(match.group("n")) * scale)
        if found:
            break
    return found


def by_amount(shown: Sequence[Product], *, biggest: bool = False) -> list[Product] | None:
    """The listed products of the smallest (`biggest`: largest) amount, in the kind of unit most
    of them state (weights with weights; one stated in 袋 only is left out); None when fewer
    than two can be compared or all are the same. Each is measured by its smallest size (its
    largest, for the big one)."""
    if len(shown) < 2:
        return None
    measured = [(p, _amounts(p)) for p in shown]
    counted = Counter(kind for _, m in measured for kind in m)
    if not counted:
        return None
    (kind, most), *others = counted.most_common(2)
    if most < 2 or (others and others[0][1] == most):
        return None  # two kinds of unit as common: nothing to compare them by
    sizes = [(p, max(m[kind]) if biggest else min(m[kind])) for p, m in measured if kind in m]
    best = (max if biggest else min)(size for _, size in sizes)
    picked = [p for p, size in sizes if size == best]
    return picked if len(picked) < len(sizes) else None


_KIND_ASKED = re.compile(
    r"^(?:那|那么|请问|问下|你们|这里|这边)?(?P<kind>[\u4e00-\u9fffA-Za-z0-9]{1,8}?)的?"
    r"(?:这块|这一块|这边|这类|这种|一类|类|方面|的话|里面|里)?(?:都|还|一共)?有(?:哪些|什么|啥|哪几[款种个样])"
    r"(?:款|种|样|的)?(?:呀|呢|啊|吗|嘛|么|哇)?[?？。!！~～\s]*$"
    r"|^(?:那|你们|这里|这边)?(?:都|还)?有(?:哪些|哪几[款种样])(?P<after>[\u4e00-\u9fffA-Za-z0-9]{1,8}?)"
    r"(?:呀|呢|啊|吗|嘛|么|哇)?[?？。!！~～\s]*$"
)
""""坚果这块有哪些呀", "有哪些坚果": which products of a kind there are."""


def kind_asked(text: str) -> str | None:
    """The kind a "X有哪些" question asks for (坚果 of "坚果这块有哪些呀"), or None."""
    found = _KIND_ASKED.match(fold(text).strip())
    if found is None:
        return None
    kind = found.group("kind") or found.group("after") or ""
    if len(kind) < 2 or _NOT_DESCRIBING.match(kind) or _NO_KIND.match(kind):
        return None
    return kind


_NO_KIND = re.compile(r"^(?:你们|我们|店里|这里|这边|那边|现在|目前|别的|其他|其它)$")


def of_kind(word: str, item: Product) -> bool:
    """Is `item` of the kind `word` says, by its name, an alias or a tag (坚果: 每日坚果 by name,
    夏威夷果 by its tag)?"""
    return _by_name(word, item) or _by_tag(word, item)


_SPOKEN_UNITS = {"毫安": "mah", "毫升": "ml", "瓦": "w", "英寸": "寸"}
_SPOKEN_MEASURE = re.compile(rf"({NUMBER})\s*({'|'.join(_SPOKEN_UNITS)})")


def as_written(word: str) -> str:
    """A measure as shoppers say it, as names write it: 两万毫安 → 20000mah, 六十五瓦 → 65w."""

    def written(found: re.Match[str]) -> str:
        number = number_value(found.group(1))
        unit = _SPOKEN_UNITS[found.group(2)]
        return found.group(0) if number is None else f"{number}{unit}"

    return _SPOKEN_MEASURE.sub(written, word.casefold())


def _by_name(word: str, item: Product) -> bool:
    folded = {word.casefold(), as_written(word)}
    return any(w in n.casefold() for n in (item.name, *item.aliases) for w in folded)


def _by_spec(word: str, item: Product) -> bool:
    return _spec_value(word, item) is not None


def _by_tag(word: str, item: Product) -> bool:
    if word in item.tags:
        return True
    return any(word in values for values in item.attributes.values())


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_CJK_ONE = re.compile(r"[\u4e00-\u9fff]")


def ordered_one(
    text: str, candidates: Sequence[Product], preferred: Sequence[Product] = ()
) -> Product | None:
    """The one product a buying message with no product named outright means, of `candidates`
    (the products on screen and spoken of lately): the one that fits most of what it says, by
    spec value ("红轴黑色的", "5斤礼盒的", "130cm的 棕色", "15pro 远峰蓝") and by a word of its
    name or aliases ("啫喱那个", "入耳的", "壳子"). A tie goes to the first of `preferred` among
    those tied (the card on screen), else is no answer; nothing fitting at all is none."""
    from bot.dialogs.order.specs import spec_values_in  # order/ imports this module

    unique = list({p.sku: p for p in candidates}.values())
    scores = {p.sku: len(spec_values_in(text, p)) + _name_fits(text, p) for p in unique}
    best = max(scores.values(), default=0)
    if best == 0:
        return None
    winners = [p for p in unique if scores[p.sku] == best]
    if len(winners) == 1:
        return winners[0]
    return next((p for p in preferred if p in winners), None)


def _name_fits(text: str, item: Product) -> int:
    """1 when the text carries two characters or more of the product's name or an alias (啫喱
    of 控油清爽啫喱面霜, 入耳 of 入耳式耳机), its head word said with 子 (壳子 of 手机壳) or a
    one-character alias (膜), else 0. Only Chinese counts: a number in a name ("10000mAh") is
    no describing word beside a count ("拍10个")."""
    folded = fold(text).casefold()
    for name in (item.name, *item.aliases):
        if _CJK_ONE.fullmatch(name) and name in folded:
            return 1
        if _CJK_ONE.fullmatch(name[-1:]) and f"{name[-1]}子" in folded:
            return 1
        for run in _CJK_RUN.findall(name):
            parts = (run[i:j] for i in range(len(run)) for j in range(i + 2, len(run) + 1))
            if any(part in folded for part in parts):
                return 1
    return 0


_HAS_SUCH = re.compile(
    r"^(?:请问|那|你们|店里|这里|这边)?(?P<has>有没有|有木有|还有没有|有)?(?P<can>带|能|可以|是)?"
    r"(?P<word>[\u4e00-\u9fffA-Za-z0-9.]{1,10}?)的(?:吗|么|嘛|没有|没|呢)?"
    r"(?P<asks>有吗|有没有|有没|有么|有嘛|还有吗|有不)?[?？。.~～!！\s]*$"
)
"""A thing said by what it has ("有防干烧的吗", "1.7L的有吗", "有没有IPX7的"), not by what it is."""


@dataclass(frozen=True)
class Stated:
    """The products whose own data states the word asked for, each with the words that say it."""

    word: str
    found: list[tuple[Product, str]]


@dataclass(frozen=True)
class Such:
    """What "有X的吗" asks for: the word, and whether it is said as a feature (带滤网的, 能定时的),
    which no product may be called: then the shop's data not saying it is no "we don't sell"."""

    word: str
    feature: bool


def such_asked(text: str) -> Such | None:
    """What "有X的吗" / "X的有吗" asks the products to have, or None."""
    found = _HAS_SUCH.match(fold(text).strip())
    if found is None or not (found.group("has") or found.group("asks")):
        return None
    word = found.group("word")
    if len(word) < 2 or _NOT_DESCRIBING.match(word):
        return None
    return Such(word, found.group("can") is not None)


NOT_STATED_ANYWHERE = (
    "店里商品的资料里没有写{word}的，我不太确定，不想乱说；回复“人工”请客服帮您确认～"
)


def stated_among(word: str, pool: Sequence[Product]) -> Stated:
    """The products of `pool` whose specs, attributes, tags, name or description state `word`
    (1.7L: the kettle's 容量; 防干烧: its description), with what says it."""
    found = [(item, said) for item in pool if (said := _stating(word, item)) is not None]
    return Stated(word, found)


def _stating(word: str, item: Product) -> str | None:
    """What of `item`'s data states `word` ("容量1.7L", "304内胆，防干烧"), or None."""
    asked = as_written(word)
    for name, values in item.specs.items():
        if any(asked == v.casefold() or _says(asked, v) for v in values):
            return f"{name}{'、'.join(values)}"
    for name, values in item.attributes.items():
        if any(_says(asked, v) for v in values):
            return f"{name}{'、'.join(values)}"
    if _says(asked, item.name) or any(_says(asked, t) for t in item.tags):
        return item.description.rstrip("。") or item.name
    clauses = [c.strip() for c in re.split(r"[，,。；;！!]", item.description) if c.strip()]
    said = [c for c in clauses if _says(asked, c)]
    return "，".join(said) if said else None


_NEGATING = "不无没非勿"


def _says(word: str, text: str) -> bool:
    """Does `text` hold `word`, not as part of a longer number (1.7 is not in 11.7L) or negated
    (不防水, 不可进洗碗机 state no 防水, no 进洗碗机)?"""
    folded = text.casefold()
    at = folded.find(word)
    while at >= 0:
        before = folded[at - 1] if at else ""
        inside_a_number = word[0].isdigit() and (before.isdigit() or before == ".")
        negated = any(c in _NEGATING for c in folded[max(0, at - 2) : at])
        if not inside_a_number and not negated:
            return True
        at = folded.find(word, at + 1)
    return False
