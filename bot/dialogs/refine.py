"""A list on screen narrowed by what the shopper does not want: "不要辣的", "要不辣的",
"不要太甜的", "除了黑色的", "别要带糖的". The word said is a quality of the listed products (a tag, an
attribute value, a spec value or a part of the name); the products it describes are taken out.

A product tagged 不辣 is not described by 辣: a tag that itself says no (不辣, 无糖) never
counts as the quality it denies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.dialogs.turn import fold
from knowledge.model import Product

_NEGATED = re.compile(
    r"^(?:那|那就|我)?(?:(?:想|就)?要(?!不要)|来点|来些|换)?"
    r"(?:不要|不想要|别要|别给我|别|不|除了|去掉|排除)(?:太|那么|很|带|有)?"
    r"(?P<said>[\u4e00-\u9fffA-Za-z0-9]{1,8}?)"
    r"(?:的|了)?(?:以外|之外)?(?:呢|吧|哈|啊)?"
    r"(?:[,，\s]*(?:还有(?:吗|没有|啥|什么)?|有吗|有没有|其他的?呢?|别的呢?))?[。.!！?？~～]*$"
)
_DENYING = ("不", "无", "非", "零", "低")
"""A tag starting with these says the product is without the quality (不辣, 无糖, 低糖)."""


@dataclass(frozen=True)
class Refined:
    """The word said not to be wanted, and the listed products left once it is taken out."""

    word: str
    kept: list[Product]
    dropped: list[Product]


def negated_words(text: str) -> list[str]:
    """What a message says no to ("除了黑色的" → 黑色, 黑), longest reading first; [] when it
    says no to nothing."""
    found = _NEGATED.match(fold(text).strip())
    if found is None:
        return []
    said = found.group("said")
    return [said[:end] for end in range(len(said), 0, -1)]


def described_by(word: str, item: Product) -> bool:
    """Does `word` describe the product: a part of its name, one of its tags, or every value
    of one of its attributes or specs (除了黑色的: a product that only comes in black; a T恤 for
    男|女 is not 女的)?"""
    if len(word) > 1 and word in item.name:
        return True
    if any(word in tag and not tag.startswith(_DENYING) for tag in item.tags):
        return True
    kinds = (*item.attributes.values(), *item.specs.values())
    return any(values and all(word in v for v in values) for values in kinds)


def is_quality(word: str, catalogue: Iterable[Product]) -> bool:
    """Is `word` a quality the catalogue's products are told by (a tag; when longer than one
    character, also a part of a tag, an attribute or spec value or a part of a name), so not a
    stray word ("不用了", "不对" say no to nothing listed)?"""
    for item in catalogue:
        if word in item.tags:
            return True
        if len(word) < 2:
            continue  # 不行, 不清楚: one character inside a tag (旅行, 清凉) is no quality
        if any(word in tag and not tag.startswith(_DENYING) for tag in item.tags):
            return True
        kinds = (*item.attributes.values(), *item.specs.values())
        if word in item.name or any(word in value for values in kinds for value in values):
            return True
    return False


def refined(text: str, listed: Sequence[Product], catalogue: Iterable[Product]) -> Refined | None:
    """The list without the products the message says no to; None when the message says no to
    no quality of the catalogue."""
    catalogue = list(catalogue)
    word = next((w for w in negated_words(text) if is_quality(w, catalogue)), None)
    if word is None:
        return None
    kept = [item for item in listed if not described_by(word, item)]
    dropped = [item for item in listed if described_by(word, item)]
    return Refined(word, kept, dropped)
