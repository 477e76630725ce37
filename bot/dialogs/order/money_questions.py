"""Questions about the cart's money, asked while ordering: "现在多少钱", "还差多少能满199减20",
"满99减10是自动减的吗 现在够了没", "为啥用不了 那再加点啥能用", "两张券一起用行不".

Each is answered from the cart itself, with the same pricing as the order (bot/shop/pricing.py),
so the shortfall said here is what the confirmation will take off once it is met. A word of the
question that names a product ("自动扣腰带" in 自动减) is not read as that product: at the cart,
these words are about the money.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from bot.dialogs.card_money import count_asked, total_answer
from bot.dialogs.order.quote import (
    coupon_offer,
    free_shipping_state,
    least_lines,
    least_order,
    order_quote,
)
from bot.dialogs.order.values import OrderValues
from bot.shop import catalog
from bot.shop.pricing import CartLine, best_promotion, coupon_discount, eligible_fen
from bot.shop.texts import yuan
from bot.step import Context
from knowledge.model import Coupon, Promotion

_PROMOTION = re.compile(r"满减|满\d+减\d+|自动减|能减|减了没|减没减|够了没|够不够|够没够|凑单|凑够")
_SHORTFALL = re.compile(r"还差多少|差多少|还差几|再加点|加点啥|加点什么|加什么|加啥")
_COUPON_REFUSED = re.compile(r"用不了|不能用|用不上|咋不能|怎么不能|为啥不能|为什么不能")
_STACKING = re.compile(
    r"(?:两|2|几|多)张.{0,6}(?:一起|同时|叠加|都用)|券.{0,6}(?:叠加|一起用|同时用)"
    r"|(?:跟|和|与)满减.{0,3}(?:一起|同时|叠加)"
)
_WHICH_COUPON = re.compile(
    r"有(?:什么|啥|没有|没|哪些|哪张|可用的|能用的)?(?:优惠)?券(?!码)|(?:能|可以)用(?:什么|啥|哪张|哪个)券"
    r"|用(?:什么|啥|哪张|哪个)券|券.{0,2}(?:有吗|有没有|有不|有么)"
)
"""有券吗 at the cart: which coupon this order can use, not how a code is typed."""
_TOTAL = re.compile(r"现在多少钱|一共多少|总共多少|合计多少|多少钱了|共多少钱|总价多少")
_POSTAGE = re.compile(r"包邮|运费|邮费")
_AUTOMATIC = re.compile(r"自动|要领|领券|需要领|怎么减")

ONE_COUPON = "每单限用一张券，可以和满减一起用。"
AUTOMATIC = "满减是下单时自动减的，不用领券。"


def asks_money(text: str) -> bool:
    """Is `text` a question about what the cart costs or which offer it reaches?"""
    patterns = (_PROMOTION, _SHORTFALL, _COUPON_REFUSED, _STACKING, _TOTAL, _WHICH_COUPON)
    return any(p.search(text) for p in patterns)


def money_answer(ctx: Context, values: OrderValues, text: str) -> str | None:
    """The answer to a money question about the cart; None when `text` asks none or the cart
    holds nothing to price."""
    if not asks_money(text) or only_postage(text):
        return None
    chosen = replace(values, lines=[x for x in values.lines if x.complete])
    lines = least_lines(chosen)  # a line still choosing its spec is not in the cart yet
    if not lines:
        choosing = values.lines[-1].name if values.lines else ""
        return f"购物车里还没有选好的商品，{choosing}选好后我帮您算合计～" if choosing else None
    values = chosen
    counted = _total_for_a_count(ctx, values, text)
    if counted is not None:  # "两个 一共多少钱" with one cup in the cart: two of it
        return counted
    parts: list[str] = []
    if _AUTOMATIC.search(text) and _PROMOTION.search(text):
        parts.append(AUTOMATIC)
    if _TOTAL.search(text):
        parts.append(_total_said(ctx, values))
    if _COUPON_REFUSED.search(text) or ("券" in text and _SHORTFALL.search(text)):
        parts.append(_coupons_said(ctx, lines, text))
    elif _WHICH_COUPON.search(text):
        parts.append(_coupon_for_order(ctx, values, lines, text))
    elif _SHORTFALL.search(text) and _POSTAGE.search(text) and not _PROMOTION.search(text):
        parts.append(free_shipping_state(order_quote(ctx, values)))  # 现在多少钱 还差多少包邮
    elif _PROMOTION.search(text) or _SHORTFALL.search(text):
        parts.append(_promotions_said(ctx, lines, text))
    if _STACKING.search(text):
        parts.append(ONE_COUPON)
    said = "".join(p for p in parts if p)
    return said or None


def _coupon_for_order(
    ctx: Context, values: OrderValues, lines: Sequence[CartLine], text: str
) -> str:
    """ "有券吗": the coupon already on the order, or the one that takes the most off it, or how
    far the cart is from each coupon it counts toward."""
    if values.coupon and (coupon := catalog.kb(ctx).find_coupon(values.coupon)):
        return f"这单已经用了优惠券“{coupon.title}”，{ONE_COUPON}"
    best = coupon_offer(ctx, values)
    return f"有的，{best}" if best else _coupons_said(ctx, lines, text)


def _total_for_a_count(ctx: Context, values: OrderValues, text: str) -> str | None:
    """The total for the count a question names of the cart's one product, with the way to
    make it so: the cart holds one, the shopper asks what two would come to."""
    count = count_asked(text)
    if count is None or len(values.lines) != 1 or values.lines[0].qty == count:
        return None
    item = catalog.product(ctx, values.lines[0].sku)
    if item is None:
        return None
    return f"{total_answer(item, count, ctx)}要{count}件的话回复“改成{count}件”就行。"


def only_postage(text: str) -> bool:
    """ "还差多少包邮": the free-shipping threshold, which the cart's postage answers."""
    about_offers = "券" in text or any(p.search(text) for p in (_PROMOTION, _TOTAL, _STACKING))
    return bool(_POSTAGE.search(text)) and not about_offers


def _total_said(ctx: Context, values: OrderValues) -> str:
    money = order_quote(ctx, least_order(values))
    taken = f"（已减{yuan(money.discount_fen)}）" if money.discount_fen else ""
    shipping = "包邮" if money.shipping_fen == 0 else f"含运费{yuan(money.shipping_fen)}"
    return f"您购物车现在合计{yuan(money.total_fen)}{taken}，{shipping}。"


def _kind(categories: Sequence[str]) -> str:
    return "、".join(categories) if categories else "全店商品"


def _named(title: str, code: str, text: str) -> bool:
    """Does `text` name this offer: by its code, or by its threshold ("满199", "199减20")?"""
    threshold = re.search(r"\d{2,}", title)
    by_number = threshold is not None and re.search(rf"(?<!\d){threshold.group()}(?!\d)", text)
    return (bool(code) and code.lower() in text.lower()) or bool(by_number)


def _promotions_said(ctx: Context, lines: Sequence[CartLine], text: str) -> str:
    """Each 满减 the cart's goods count toward: taken off already, or how much is still short."""
    day = catalog.today(ctx.services)
    promotions = [
        p
        for p in catalog.kb(ctx).active_promotions(day)
        if not p.categories or any(x.category in p.categories for x in lines)
    ]
    named = [
        p for p in promotions if _named(p.title, "", text) or any(c in text for c in p.categories)
    ]
    applied, _ = best_promotion(catalog.kb(ctx), lines, day)
    # one 满减 applies at a time (the best): with one reached, the others are no next step
    fallback = [applied] if applied is not None else promotions
    said = [_promotion_state(p, lines) for p in (named or fallback)]
    if not said:
        return "您购物车里的商品现在没有能参加的满减。"
    return "；".join(said) + "。"


def _promotion_state(promotion: Promotion, lines: Sequence[CartLine]) -> str:
    counted = eligible_fen(lines, promotion.categories)
    if counted >= promotion.threshold_fen:
        return f"{promotion.title}已经够了，下单自动减{yuan(promotion.discount_fen)}"
    short = promotion.threshold_fen - counted
    whose = f"您的{_kind(promotion.categories)}" if promotion.categories else "您购物车"
    return f"{promotion.title}：{whose}现在{yuan(counted)}，还差{yuan(short)}{_top_up(lines, promotion.categories, short)}"


def _coupons_said(ctx: Context, lines: Sequence[CartLine], text: str) -> str:
    """Each coupon asked about (none named: each the cart's goods count toward): usable, or how
    much is short; coupons in the same state are said once ("XIAOHE10、NEWBIE15都要满¥99…")."""
    day = catalog.today(ctx.services)
    coupons = [c for c in catalog.kb(ctx).coupons.values() if c.active_on(day)]
    named = [c for c in coupons if _named(c.title, c.code, text) or c.named_in(text)]
    asked = named or [c for c in coupons if eligible_fen(lines, c.categories) > 0]
    states: dict[str, list[str]] = {}
    for coupon in asked:
        states.setdefault(_coupon_state(coupon, lines, day), []).append(coupon.code)
    said = [
        f"{'、'.join(codes)}{'都' if len(codes) > 1 else ''}{state}"
        for state, codes in states.items()
    ]
    return "；".join(said) + "。" if said else "今天没有能用的优惠券。"


def _coupon_state(coupon: Coupon, lines: Sequence[CartLine], day: date) -> str:
    counted = eligible_fen(lines, coupon.categories)
    if coupon.categories and counted == 0:
        return f"只限{_kind(coupon.categories)}，您购物车里的商品用不了"
    if coupon_discount(coupon, lines, day) > 0:
        return f"现在就能用，下单时发券码减{yuan(coupon.discount_fen)}"
    short = coupon.min_spend_fen - counted
    return (
        f"要满{yuan(coupon.min_spend_fen)}才能用，现在{yuan(counted)}，"
        f"还差{yuan(short)}{_top_up(lines, coupon.categories, short)}"
    )


def _top_up(lines: Sequence[CartLine], categories: Sequence[str], short: int) -> str:
    """ "，再加1件芒果干就够": the fewest of one cart line's product that cover the shortfall,
    from the line that needs the fewest (the dearest that counts)."""
    counting = [
        x for x in lines if x.unit_price_fen > 0 and (not categories or x.category in categories)
    ]
    if not counting:
        return ""
    line = max(counting, key=lambda x: x.unit_price_fen)
    more = math.ceil(short / line.unit_price_fen)
    return f"，再加{more}件{line.name}就够" if more <= 3 else ""
