"""What a cart costs: subtotal, the best promotion, a coupon, the total. All integer fen.

A promotion or coupon limited to some categories counts only the lines of those categories
toward its threshold. The best promotion applies by itself; a coupon stacks on top of it, as in
most shops, but the discounts together never exceed the subtotal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.shop.texts import yuan
from knowledge.model import Coupon, KnowledgeBase, Promotion


@dataclass(frozen=True)
class CartLine:
    """One line of the cart as the slots keep it (plain JSON, so it survives in the state store)."""

    sku: str
    name: str
    category: str
    spec: Mapping[str, str]
    qty: int
    unit_price_fen: int

    @property
    def amount_fen(self) -> int:
        return self.qty * self.unit_price_fen

    def to_slot(self) -> dict[str, Any]:
        return {
            "sku": self.sku,
            "name": self.name,
            "category": self.category,
            "spec": dict(self.spec),
            "qty": self.qty,
            "price": self.unit_price_fen,
        }

    @classmethod
    def from_slot(cls, raw: Mapping[str, Any]) -> CartLine:
        return cls(
            str(raw["sku"]),
            str(raw["name"]),
            str(raw.get("category", "")),
            dict(raw.get("spec") or {}),
            int(raw["qty"]),
            int(raw["price"]),
        )


def cart_of(slots: Mapping[str, Any]) -> list[CartLine]:
    return [CartLine.from_slot(raw) for raw in slots.get("cart") or []]


@dataclass(frozen=True)
class Quote:
    subtotal_fen: int
    promotion: Promotion | None
    promotion_fen: int
    coupon: Coupon | None
    coupon_fen: int

    @property
    def discount_fen(self) -> int:
        return self.promotion_fen + self.coupon_fen

    @property
    def total_fen(self) -> int:
        return self.subtotal_fen - self.discount_fen

    def lines(self) -> list[str]:
        """The money part of a summary."""
        out = [f"商品合计：{yuan(self.subtotal_fen)}"]
        if self.promotion is not None:
            out.append(f"{self.promotion.title}：-{yuan(self.promotion_fen)}")
        if self.coupon is not None:
            out.append(f"优惠券 {self.coupon.title}：-{yuan(self.coupon_fen)}")
        out.append(f"应付：{yuan(self.total_fen)}")
        return out


def eligible_fen(lines: Iterable[CartLine], categories: Sequence[str]) -> int:
    """What the lines of those categories (all, when none is named) come to: an offer's count."""
    return sum(x.amount_fen for x in lines if not categories or x.category in categories)


def best_promotion(
    kb: KnowledgeBase, lines: Sequence[CartLine], day: date
) -> tuple[Promotion | None, int]:
    best: tuple[Promotion | None, int] = (None, 0)
    for promo in kb.active_promotions(day):
        fen = promo.discount_for(eligible_fen(lines, promo.categories), day)
        if fen > best[1]:
            best = (promo, fen)
    return best


def coupon_discount(coupon: Coupon, lines: Sequence[CartLine], day: date) -> int:
    return coupon.discount_for(eligible_fen(lines, coupon.categories), day)


def coupon_problem(coupon: Coupon | None, lines: Sequence[CartLine], day: date) -> str | None:
    """Why a coupon cannot be used on this cart today, in words for the shopper; None if it can."""
    if coupon is None:
        return "没有找到这个优惠券码，请核对一下大小写和字母。"
    if not coupon.active_on(day):
        return f"优惠券“{coupon.title}”不在有效期内。"
    counts_none = coupon.categories and not any(x.category in coupon.categories for x in lines)
    if counts_none and lines:
        kinds = "、".join(coupon.categories)
        return f"优惠券“{coupon.title}”只能用在{kinds}商品上，购物车里没有{kinds}商品。"
    if coupon_discount(coupon, lines, day) == 0:
        where = f"（限{'、'.join(coupon.categories)}）" if coupon.categories else ""
        counted = eligible_fen(lines, coupon.categories)
        short = (
            f"，现在{yuan(counted)}，还差{yuan(coupon.min_spend_fen - counted)}" if counted else ""
        )
        return f"优惠券“{coupon.title}”需满{yuan(coupon.min_spend_fen)}{where}才能使用{short}。"
    return None


def quote(
    kb: KnowledgeBase, lines: Sequence[CartLine], coupon_code: str | None, day: date
) -> Quote:
    subtotal = sum(x.amount_fen for x in lines)
    promotion, promotion_fen = best_promotion(kb, lines, day)
    coupon = kb.find_coupon(coupon_code) if coupon_code else None
    coupon_fen = 0
    if coupon is not None and coupon_problem(coupon, lines, day) is None:
        coupon_fen = min(coupon_discount(coupon, lines, day), subtotal - promotion_fen)
    else:
        coupon = None
    return Quote(subtotal, promotion, promotion_fen, coupon, coupon_fen)
