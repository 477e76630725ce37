"""The shopper's budget, said once and honoured after: "预算300以内" in a search is kept in the
session (slot `budget`, beside the dialogs' own), so "有没有别的" on the card or at the order
form's spec question offers only what fits it, or says none does.

It is a mapping, as the dialogs' parts of the session are, so moving between dialogs keeps it
(conversation.py `slots_with` keeps mappings); leaving every dialog forgets it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from bot.dialogs.size_advice import SIZE_SPECS
from bot.session import Session
from bot.shop.texts import yuan
from knowledge.model import KnowledgeBase, Product

BUDGET = "budget"


@dataclass(frozen=True)
class Budget:
    low: int | None
    high: int | None
    kin: tuple[str, ...] = ()
    """The products the search found that meet its other wishes (保暖, 女), whatever their
    price: "有没有别的" offers these, not every product of the category."""

    def fits(self, item: Product) -> bool:
        return (self.low is None or item.price_fen >= self.low) and (
            self.high is None or item.price_fen <= self.high
        )

    @property
    def said(self) -> str:
        """The budget as the shopper would say it: 300元以内, 100-200元, 200元以上, 300元左右."""
        if self.low is not None and self.high is not None and self.low * 3 == self.high * 2:
            return f"{(self.low + self.high) // 200}元左右"  # the matcher reads 300左右 as 240-360
        if self.low is not None and self.high is not None:
            return f"{self.low // 100}-{self.high // 100}元"
        if self.high is not None:
            return f"{self.high // 100}元以内"
        return f"{(self.low or 0) // 100}元以上"

    def slot(self) -> dict[str, dict[str, object]]:
        return {BUDGET: {"low": self.low, "high": self.high, "kin": list(self.kin)}}


def budget_of(low: int | None, high: int | None, kin: Sequence[str] = ()) -> Budget | None:
    return Budget(low, high, tuple(kin)) if low is not None or high is not None else None


def said_budget(session: Session) -> Budget | None:
    raw = session.slots.get(BUDGET)
    if not isinstance(raw, Mapping):
        return None
    low, high, kin = raw.get("low"), raw.get("high"), raw.get("kin")
    return budget_of(
        low if isinstance(low, int) else None,
        high if isinstance(high, int) else None,
        [str(s) for s in kin] if isinstance(kin, list) else (),
    )


def none_in_budget(others: Sequence[Product], budget: Budget) -> str:
    """None of `others` (products like the one on screen) fits the budget: said so, with the
    nearest one above it."""
    dearer = sorted(
        (p for p in others if budget.high is not None and p.price_fen > budget.high),
        key=lambda p: p.price_fen,
    )
    if not dearer:
        return f"{budget.said}的同类只有这款。"
    nearest = dearer[0]
    return (
        f"{budget.said}的同类只有这款；预算能放到{-(-nearest.price_fen // 10000) * 100}元的话，"
        f"还有{nearest.name}{yuan(nearest.price_fen)}。"
    )


MAX_OTHERS = 3


def alike(item: Product, kb: KnowledgeBase) -> list[Product]:
    """Products of its kind: the same category and a tag in common, most tags shared first."""
    # Asked of the card on screen by most questions about it: kept per product of the catalogue
    # (a reload makes a new product mapping, and the kept ones go with the old one).
    if not _ALIKE or _ALIKE[0][0] is not kb.products:
        _ALIKE[:] = [(kb.products, {})]
    kept = _ALIKE[0][1]
    found = kept.get(item.sku)
    if found is None or found[0] is not item:
        if len(kept) >= _ALIKE_KEPT:  # a big catalogue's cards: the recent ones, not all
            kept.clear()
        found = kept[item.sku] = (item, tuple(_alike(item, kb)))
    return list(found[1])


_ALIKE_KEPT = 512
_ALIKE: list[tuple[Mapping[str, Product], dict[str, tuple[Product, tuple[Product, ...]]]]] = []


def _alike(item: Product, kb: KnowledgeBase) -> list[Product]:
    kin = [
        p
        for p in kb.products_in(item.category)
        if p.sku != item.sku and set(p.tags) & set(item.tags)
    ]
    kin.sort(key=lambda p: -len(set(p.tags) & set(item.tags)))
    return kin


def others_like(item: Product, kb: KnowledgeBase, budget: Budget | None) -> list[Product]:
    """What "有没有别的" offers beside `item`: the search's other finds when its budget was
    kept, else products of its kind."""
    kin = [kb.products[s] for s in (budget.kin if budget else ()) if s in kb.products]
    found = [p for p in kin if p.sku != item.sku]
    return found or alike(item, kb)


class Span(Enum):
    """What a bare span of numbers ("110-120的有吗") says."""

    PRICE = "price"
    HEIGHT = "height"
    UNSURE = "unsure"


HEIGHT_LOW, HEIGHT_HIGH = 80, 170
"""A child's height in cm: a bare span inside it may be one, for clothes sized by height."""
_BARE_SPAN = re.compile(r"(?<![\d.])(\d{2,3})\s*(?:-|~|～|到|至)\s*(\d{2,3})(?![\d.])")
_MONEY = re.compile(r"元|块|钱|rmb|¥|￥|价|预算|便宜|贵", re.IGNORECASE)
_HEIGHT_SAID = re.compile(r"身高|高|cm|厘米|公分|码|号|穿", re.IGNORECASE)


def bare_span(text: str) -> tuple[int, int] | None:
    """The span of two- or three-digit numbers a message says without a money word ("110-120的",
    "100到130"), when both ends could be a child's height; None otherwise."""
    found = _BARE_SPAN.search(text)
    if found is None or _MONEY.search(text):
        return None
    low, high = sorted((int(found.group(1)), int(found.group(2))))
    return (low, high) if HEIGHT_LOW <= low <= high <= HEIGHT_HIGH else None


def span_reading(text: str, in_view: Sequence[Product]) -> Span | None:
    """Whether the bare span a message says is a price or a height: a height with a height word
    (身高, cm, 码) or when every product it is about is sold in sizes by height (kids' clothes),
    a price when none is, and unsure with nothing to tell (a list of both, or nothing at all).
    None when the message says no such span (a price with 元 or 块 is a price)."""
    if bare_span(text) is None:
        return None
    if _HEIGHT_SAID.search(text):
        return Span.HEIGHT
    by_height = [p for p in in_view if sized_by_height(p)]
    if in_view and len(by_height) == len(in_view):
        return Span.HEIGHT
    return Span.UNSURE if by_height or not in_view else Span.PRICE


def sized_by_height(item: Product) -> bool:
    """Is the product sold in sizes that are heights in cm (童装 100/110/120…)?"""
    sizes = [v for name in SIZE_SPECS for v in item.specs.get(name, ())]
    return len(sizes) > 1 and all(v.isdigit() and HEIGHT_LOW - 30 <= int(v) <= 190 for v in sizes)


SPAN_UNSURE = "您说的{low}-{high}是价格还是孩子的身高？按价格找就说“{low}-{high}元”，按身高选码就说“身高{low}-{high}”～"
