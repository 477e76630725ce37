"""What a shopper wants a product to be: tags (辣, 送礼, 保暖), attribute values (性别 女, 肤质 油皮)
and an age, read from the message with the words of products.csv and facts.toml; and the check
of one product against them.

A wish is either met, contradicted (the product says 肤质: 干皮 and the shopper has 油皮) or
unknown (the product says nothing about it). Search keeps what meets the wishes, and says so
plainly when nothing does instead of quietly showing something else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from knowledge.model import AttributeWords, Product
from knowledge.trie import trie_regex

_AGE = re.compile(r"(\d{1,2})\s*(?:岁|周岁)")
_RANGE = re.compile(r"(\d{1,3})\s*[-~到至]\s*(\d{1,3})\s*岁")
NEGATED = ("不", "别", "不要", "不能")
"""A tag right after these is not wanted (不辣 is not 辣; 不辣 as a tag of its own still is)."""


@dataclass(frozen=True, slots=True)
class Wants:
    """The qualities a message asks for; all empty when it asks for none."""

    tags: tuple[str, ...] = ()
    attributes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    age: int | None = None
    avoid: tuple[str, ...] = ()
    """Tags asked to be without (不辣, 不要辣的: no product tagged 辣)."""
    words: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Each attribute wished for → every word for its value (儿童: 小孩, 小朋友, …), so that a
    fact saying 小朋友不建议吃 is read as speaking of the 小孩 asked about."""

    def said_in(self, name: str, text: str) -> bool:
        """Does `text` speak of the value wished for attribute `name`, in any of its words?"""
        value = self.attributes.get(name, "")
        return any(w and w in text for w in (value, *self.words.get(name, ())))

    def __bool__(self) -> bool:
        return bool(self.tags or self.attributes or self.age is not None or self.avoid)

    def to_json(self) -> dict[str, object]:
        return {
            "tags": list(self.tags),
            "attributes": dict(self.attributes),
            "age": self.age,
            "avoid": list(self.avoid),
        }


class WantFinder:
    """Tags and attribute words of one catalogue, found in a normalised message."""

    def __init__(self, products: Iterable[Product], words: Iterable[AttributeWords]) -> None:
        self._tags: dict[str, str] = {}
        self._values: dict[str, tuple[str, str]] = {}
        self._words: dict[tuple[str, str], tuple[str, ...]] = {}
        for product in products:
            for tag in product.tags:
                self._tags.setdefault(tag.casefold(), tag)
        for said in words:
            for word in (said.value, *said.words):
                self._values.setdefault(word.casefold(), (said.name, said.value))
            key = (said.name, said.value)
            self._words[key] = (*self._words.get(key, ()), *said.words)
        self._tag_re = trie_regex(self._tags)
        self._value_re = trie_regex(self._values)

    def is_tag(self, word: str) -> bool:
        """Is `word` one of the catalogue's tags (a quality, not a kind of thing)?"""
        return word.casefold() in self._tags

    def is_value(self, word: str) -> bool:
        """Is `word` one of the words for an attribute value (闺女 for 人群 儿童)?"""
        return word.casefold() in self._values

    def words_in(self, norm: str) -> set[str]:
        """The tag and attribute words written in a text (to tell them from product words)."""
        found: set[str] = set()
        for regex in (self._tag_re, self._value_re):
            if regex is not None:
                found.update(m.group() for m in regex.finditer(norm))
        return found

    def find(self, norm: str, folded: str = "") -> Wants:
        """The wishes in a normalised message; `folded` (its synonyms folded: 礼物 → 送礼) adds
        the tags written in other words."""
        if folded and folded != norm:
            norm = f"{norm} {folded}"
        tags: list[str] = []
        avoid: list[str] = []
        if self._tag_re is not None:
            for found in self._tag_re.finditer(norm):
                before = norm[max(0, found.start() - 2) : found.start()]
                tag = self._tags[found.group()]
                wanted = avoid if before.endswith(NEGATED) else tags
                if tag not in wanted:
                    wanted.append(tag)
                plain = tag[1:] if tag.startswith("不") else ""
                if plain in self._tags.values() and plain not in avoid:
                    avoid.append(plain)  # a product tagged 不辣 is wanted, one tagged 辣 is not
        attributes: dict[str, str] = {}
        if self._value_re is not None:
            for found in self._value_re.finditer(norm):
                name, value = self._values[found.group()]
                attributes.setdefault(name, value)
        age = _AGE.search(norm)
        age_found = int(age.group(1)) if age else None
        words = {name: self._words.get((name, value), ()) for name, value in attributes.items()}
        return Wants(
            tuple(tags),
            MappingProxyType(attributes),
            age_found,
            tuple(avoid),
            MappingProxyType(words),
        )


def _age_fits(product: Product, age: int) -> bool | None:
    for values in product.attributes.values():
        for value in values:
            if found := _RANGE.fullmatch(value.replace(" ", "")):
                return int(found.group(1)) <= age <= int(found.group(2))
    return None


def verdict(product: Product, wants: Wants) -> bool | None:
    """True: meets every attribute wish it can be judged on; False: contradicts one; None: the
    product says nothing about them. Tags only order the results (see `sift`)."""
    judged: list[bool] = []
    for name, value in wants.attributes.items():
        values = product.attributes.get(name)
        if values:
            judged.append(any(value in v for v in values))
        elif value in product.tags:  # 儿童 tagged on a snack: for children, though no 人群 says so
            judged.append(True)
    if wants.age is not None and (fits := _age_fits(product, wants.age)) is not None:
        judged.append(fits)
    if not judged:
        return None
    return all(judged)


def stated_by(products: Iterable[Product], wants: Wants, keep: Iterable[str] = ()) -> Wants:
    """`wants` with only the attribute wishes some of `products` speak of (its attribute, or the
    value as a tag), and those named in `keep`: 男 for a pillow no pillow states a 性别 of is a
    wish the data cannot judge, and must not hide the pillow that fits the price and the need."""
    products = list(products)
    kept = set(keep)

    def spoken_of(name: str, value: str) -> bool:
        return any(name in p.attributes or value in p.tags for p in products)

    attributes = {n: v for n, v in wants.attributes.items() if n in kept or spoken_of(n, v)}
    if len(attributes) == len(wants.attributes):
        return wants
    words = {n: w for n, w in wants.words.items() if n in attributes}
    return replace(wants, attributes=MappingProxyType(attributes), words=MappingProxyType(words))


def has_tag(product: Product, tag: str) -> bool:
    """The product is tagged so, or its name says it (静音 of 静音加湿器), as a tag would."""
    return tag in product.tags or tag in product.name


def meets(product: Product, wants: Wants) -> bool:
    """Does the data say the product meets the wishes: none it is asked to be without, every
    tag wished for, and the attributes judged true?"""
    if any(tag in product.tags for tag in wants.avoid):
        return False
    if not all(has_tag(product, tag) for tag in wants.tags):
        return False
    if wants.attributes or wants.age is not None:
        return verdict(product, wants) is True
    return True


@dataclass(frozen=True, slots=True)
class Sifted:
    """Products sorted by how they meet a search's wishes (each list keeps the search order)."""

    fits: list[Product]
    """In the price range and meeting every wish that can be judged."""
    unknown: list[Product]
    """In the price range; the catalogue says nothing about the wishes."""
    against: list[Product]
    """In the price range but contradicting a wish (a cream for 干皮 when 油皮 was asked)."""
    too_dear: list[Product]
    """Outside the price range (not contradicting a wish), nearest to it first."""


def in_price(product: Product, low: int | None, high: int | None) -> bool:
    return (low is None or product.price_fen >= low) and (high is None or product.price_fen <= high)


def sift(products: Iterable[Product], low: int | None, high: int | None, wants: Wants) -> Sifted:
    fits: list[Product] = []
    unknown: list[Product] = []
    against: list[Product] = []
    outside: list[Product] = []
    for product in products:
        if any(tag in product.tags for tag in wants.avoid):
            against.append(product)
            continue
        judged = verdict(product, wants) if wants.attributes or wants.age is not None else True
        if judged is False:
            against.append(product)
        elif not in_price(product, low, high):
            outside.append(product)
        else:
            (fits if judged else unknown).append(product)
    outside.sort(key=lambda p: _distance(p.price_fen, low, high))
    if wants.tags:
        tagged = [p for p in fits if all(has_tag(p, t) for t in wants.tags)]
        fits = tagged or sorted(fits, key=lambda p: -sum(has_tag(p, t) for t in wants.tags))
    return Sifted(fits, unknown, against, outside)


def _distance(price: int, low: int | None, high: int | None) -> int:
    """How far a price is outside a range (0 inside it)."""
    if low is not None and price < low:
        return low - price
    if high is not None and price > high:
        return price - high
    return 0
