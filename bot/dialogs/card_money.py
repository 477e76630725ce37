"""Money questions about the product on a card: "两个一共多少" / "买三个多少钱" (the total for
that many, with the promotion the cart would take and the shipping rule) and "能用券吗" (which
of the shop's coupons and promotions this product can join, and from how many).

The figures come from the same functions as the cart (bot/shop/pricing.py `quote`,
bot/business/shipping.py `cart_fee`), so what the card says is what the cart will charge.
"""

from __future__ import annotations

import math
import re

from bot.business.shipping import cart_fee
from bot.dialogs.parse import quantity_in
from bot.shop import catalog
from bot.shop.pricing import CartLine, quote
from bot.shop.texts import yuan
from bot.step import Context
from knowledge.model import Coupon, Product, Promotion
from knowledge.shipping import ShipLine, Shipping

_TOTAL = re.compile(r"一共|总共|合计|总价|加起来|共多少|一起多少")
_PRICE = re.compile(r"多少钱|多少|几块|几元|什么价|啥价|价格|价钱|多钱")
_COUPON = re.compile(
    r"(?:用|使|使用|上|叠)(?:个|张)?(?:优惠)?券|(?:优惠)?券.{0,3}(?:能|可以|可)用|有(?:没有)?(?:优惠)?券"
)
_TOGETHER = re.compile(r"一起|一共|总共|加起来|合计")
MAX_COUNT = 99
"""Beyond this a count is no cart question (a phone number read as one, a bulk order)."""


def count_asked(text: str) -> int | None:
    """The count a total question is about ("两个一共多少" → 2, "买三个多少钱" → 3); None when it
    asks no total or names no count of two or more (one is the card's own price)."""
    if not _PRICE.search(text):
        return None
    # "三个多少钱": 个多 would read as 三个多(月); "俩一起多少钱": 一起 is no count of one
    count = quantity_in(_PRICE.sub(" ", _TOGETHER.sub(" ", text)))
    if count is None or not 2 <= count <= MAX_COUNT:
        return None
    return count


def total_asked(text: str) -> bool:
    """ "一共多少钱", "加起来多少": what it all comes to, not a price alone."""
    return bool(_TOTAL.search(text) and _PRICE.search(text))


def coupon_asked(text: str) -> bool:
    """ "能用券吗", "这个能用优惠券不", "有券吗": a coupon question about the product."""
    return bool(_COUPON.search(text))


def _promotions_for(item: Product, ctx: Context) -> list[Promotion]:
    day = catalog.today(ctx.services)
    kb = catalog.kb(ctx)
    return [
        o for o in kb.active_promotions(day) if not o.categories or item.category in o.categories
    ]


def coupons_for(item: Product, ctx: Context) -> list[Coupon]:
    """The shop's coupons valid today that this product's category can use."""
    day = catalog.today(ctx.services)
    return [
        c
        for c in catalog.kb(ctx).coupons.values()
        if c.active_on(day) and (not c.categories or item.category in c.categories)
    ]


def offers_for(item: Product, ctx: Context) -> list[str]:
    """The promotions and coupons the product can join, by title (for its price answer)."""
    offers = [o.title for o in _promotions_for(item, ctx)]
    return offers + [f"券{c.code}（{c.title}）" for c in coupons_for(item, ctx)]


def _shipping_said(item: Product, goods_fen: int, ctx: Context) -> tuple[str, int]:
    """The cart's shipping for these goods before an address is known, in words, and its fee."""
    kb = catalog.kb(ctx)
    found = cart_fee(kb, [ShipLine(item.sku, item.category, item.name)], goods_fen, None)
    if not isinstance(found, Shipping):
        return "", 0
    if found.fee_fen == 0:
        return "包邮", 0
    free_over = kb.shipping.free_over_fen
    short = f"满{yuan(free_over)}包邮，" if free_over is not None else ""
    return f"运费{yuan(found.fee_fen)}（{short}偏远地区另计）", found.fee_fen


def _best_coupon(item: Product, line: CartLine, ctx: Context) -> tuple[Coupon, int] | None:
    """The coupon that takes the most off these goods, and how much (None: none applies)."""
    kb, day = catalog.kb(ctx), catalog.today(ctx.services)
    plain = quote(kb, [line], None, day).total_fen
    saved = [(plain - quote(kb, [line], c.code, day).total_fen, c) for c in coupons_for(item, ctx)]
    best = max(saved, key=lambda pair: pair[0], default=None)
    return (best[1], best[0]) if best is not None and best[0] > 0 else None


def total_answer(item: Product, count: int, ctx: Context) -> str:
    """ "316不锈钢保温杯 ¥99.00×3=¥297.00，全店满199减20减¥20.00，包邮，合计¥277.00。": what
    that many cost in the cart, and the coupon that would take most off besides."""
    kb, day = catalog.kb(ctx), catalog.today(ctx.services)
    line = CartLine(item.sku, item.name, item.category, {}, count, item.price_fen)
    goods = quote(kb, [line], None, day)
    parts = [f"{item.name} {yuan(item.price_fen)}×{count}={yuan(goods.subtotal_fen)}"]
    if goods.promotion is not None:
        parts.append(f"{goods.promotion.title}减{yuan(goods.promotion_fen)}")
    shipping, fee_fen = _shipping_said(item, goods.total_fen, ctx)
    parts += [shipping] if shipping else []
    said = "，".join(parts) + f"，合计{yuan(goods.total_fen + fee_fen)}。"
    best = _best_coupon(item, line, ctx)
    if best is not None:
        said += f"下单时用券{best[0].code}还能再减{yuan(best[1])}。"
    return said


def _threshold(coupon: Coupon, item: Product) -> str:
    count = max(1, math.ceil(coupon.min_spend_fen / item.price_fen)) if item.price_fen else 1
    return f"买{count}件就够门槛" if count > 1 else "买1件就能用"


def coupon_answer(item: Product, ctx: Context) -> str:
    """Which coupons (and promotions) this product can use, from how many; honest "not sure"
    when the shop has no offer data at all."""
    kb = catalog.kb(ctx)
    fitting = coupons_for(item, ctx)
    promotions = "、".join(p.title for p in _promotions_for(item, ctx))
    also = f"还能参加{promotions}。" if promotions else ""
    if fitting:
        listed = "；".join(f"{c.code}（{c.title}，{_threshold(c, item)}）" for c in fitting)
        return (
            f"{item.name}可以用券：{listed}。每单限用一张券，可以和满减叠加，{also}"
            "下单确认时把券码发给我就行。"
        )
    if kb.coupons or promotions:
        return f"{item.name}暂时没有能用的优惠券。{also or '现在也没有它能参加的满减。'}"
    return f"{item.name}能不能用券我不太确定，回复“人工”请客服帮您确认～"
