"""Who a product is for, when the shopper says it is for a child (儿子5岁, 给闺女买, 小孩穿的):
the children's products of the kind asked about come first, and their size charts answer.

A child is said by the 人群 儿童 attribute words of facts.toml (儿子, 宝宝, 小朋友 …) or by an
age under ADULT_AGE. A product is for children when its 人群 attribute or a tag says 儿童, or its
age range (适用年龄 3-12岁) holds the age said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.model import KnowledgeBase, Product
from knowledge.wants import Wants, verdict

GROUP, CHILDREN = "人群", "儿童"
ADULT_AGE = 14
"""From this age on, a shopper's age says nothing about children's sizes."""


def for_a_child(wants: Wants) -> bool:
    """Does the message say the product is for a child?"""
    child_age = wants.age is not None and wants.age < ADULT_AGE
    return wants.attributes.get(GROUP) == CHILDREN or child_age


def is_childrens(item: Product, wants: Wants) -> bool:
    """Is the product made for children (and, when an age was said, for that age)?"""
    marked = CHILDREN in item.attributes.get(GROUP, ()) or CHILDREN in item.tags
    return marked and verdict(item, wants) is not False


def childrens_first(items: Iterable[Product], wants: Wants) -> list[Product]:
    """`items` with the children's ones only, when the message is about a child and some of
    them are; otherwise `items` as they are."""
    items = list(items)
    if not for_a_child(wants):
        return items
    kept = [item for item in items if is_childrens(item, wants)]
    return kept or items


def worn_by(item: Product, for_child: bool) -> bool:
    """Is the product for the wearer a size or height was said for: children's products for a
    child, the others for an adult (a child's 120cm never sizes a men's jacket)."""
    return is_childrens(item, Wants()) == for_child


_DIGITS = "一二三四五六七八九"
_AGE_SAID = re.compile(
    rf"(?<!\d)(\d{{2,3}})\s*(?:多|来)?\s*岁|([{_DIGITS}])[{_DIGITS}]?十\s*(?:多|来|几)?\s*岁"
)
"""An age as said of a grown-up: 60岁, 五十多岁, 五六十岁 (the lower one counts)."""


def age_said(text: str) -> int | None:
    """The age said in `text` in digits or in words (五六十岁 → 50); None when none is."""
    found = _AGE_SAID.search(text)
    if found is None:
        return None
    if found.group(1):
        return int(found.group(1))
    return (_DIGITS.index(found.group(2)) + 1) * 10


def recipient_tags(text: str, kb: KnowledgeBase) -> list[str]:
    """The gift tags (送长辈) whom the message says a present is for (爸爸, 五六十岁) calls
    for, as facts.toml's [[recipient]] entries say."""
    age = age_said(text)
    return [
        r.tag
        for r in kb.recipient_words
        if any(w in text for w in r.words)
        or (r.from_age is not None and age is not None and age >= r.from_age)
    ]
