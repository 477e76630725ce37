"""What the order costs, from one function: the cart, the confirmation and the order placed all
read `order_quote`, so every line of the money (goods, promotion, coupon, shipping) is made here
once and shows everywhere the total does.

The order of the money is knowledge/shipping.py's: promotion and coupon come off the goods, the
free-shipping threshold compares the goods after them, shipping goes on top. Before the address
is known the fee is the shop's normal one (provisional); the address's province then decides it
(bot/business/shipping.py: `cart_fee`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.business.shipping import cart_fee
from bot.business.texts import shipping_lines, undeliverable_text
from bot.dialogs.order.values import OrderValues
from bot.dialogs.slot import Fill, FormTurn, Read
from bot.shop import catalog
from bot.shop.pricing import CartLine, Quote, quote
from bot.shop.texts import yuan
from knowledge.model import Coupon, KnowledgeBase
from knowledge.regions import province_of
from knowledge.shipping import STANDARD, ShipLine, Shipping, Undeliverable

if TYPE_CHECKING:
    from bot.step import Context


@dataclass(frozen=True)
class OrderQuote:
    """The goods' quote, and the shipping for the cart (None: nothing to ship yet)."""

    goods: Quote
    shipping: Shipping | Undeliverable | None
    province: str | None  # of the address, when it names one
    free_over_fen: int | None  # the shop's threshold, for "还差…包邮"
    free_here: bool  # the province (or, before the address, the normal rule) ships free over it

    @property
    def coupon(self) -> Coupon | None:
        return self.goods.coupon

    @property
    def coupon_fen(self) -> int:
        return self.goods.coupon_fen

    @property
    def discount_fen(self) -> int:
        return self.goods.discount_fen

    @property
    def shipping_fen(self) -> int:
        return self.shipping.fee_fen if isinstance(self.shipping, Shipping) else 0

    @property
    def total_fen(self) -> int:
        return self.goods.total_fen + self.shipping_fen

    @property
    def undeliverable(self) -> Undeliverable | None:
        return self.shipping if isinstance(self.shipping, Undeliverable) else None


def priced_lines(values: OrderValues) -> list[CartLine]:
    """The lines that can be priced: those with a quantity."""
    return [line.priced() for line in values.lines if line.qty]


def least_order(values: OrderValues) -> OrderValues:
    """The order with a line still waiting for its count taken as one: the least the cart will
    hold, so a coupon given before the count (¥259 shoes, "用XIAOHE10") is checked against it."""
    return replace(values, lines=[replace(line, qty=line.qty or 1) for line in values.lines])


def least_lines(values: OrderValues) -> list[CartLine]:
    """The priced lines of `least_order`."""
    return priced_lines(least_order(values))


def _shipping(
    kb: KnowledgeBase, lines: list[CartLine], goods_fen: int, address: str | None
) -> Shipping | Undeliverable | None:
    if not lines:
        return None
    parcels = [ShipLine(x.sku, x.category, x.name) for x in lines]
    found = cart_fee(kb, parcels, goods_fen, address)
    if found is None:  # an address without a province (refused when given): the normal fee
        found = cart_fee(kb, parcels, goods_fen, None)
    return found


def destination(values: OrderValues) -> str | None:
    """Where the order goes: the address, else the province said before it ("寄新疆")."""
    return values.address or values.ship_to or None


def order_quote(ctx: Context, values: OrderValues) -> OrderQuote:
    """Subtotal, the best promotion, the coupon given (if it applies), shipping and the total."""
    kb = catalog.kb(ctx)
    lines = priced_lines(values)
    goods = quote(kb, lines, values.coupon, catalog.today(ctx.services))
    where = destination(values)
    province = province_of(where) if where else None
    region = kb.shipping.region_of(province)
    return OrderQuote(
        goods,
        _shipping(kb, lines, goods.total_fen, where),
        province,
        kb.shipping.free_over_fen,
        region is None or region.free_shipping,
    )


def cannot_send(ctx: Context, values: OrderValues) -> tuple[str, ...]:
    """The products in the cart, or offered to choose from, that cannot go to the address given
    (fresh fruit to 西藏), so the shopper hears it when it happens, not only at the end."""
    where = destination(values)
    if not where:
        return ()
    kb = catalog.kb(ctx)
    parcels = [ShipLine(x.sku, x.category, x.name) for x in values.lines]
    for sku in values.choices:
        if (item := catalog.product(ctx, sku)) is not None:
            parcels.append(ShipLine(item.sku, item.category, item.name))
    found = cart_fee(kb, parcels, 0, where) if parcels else None
    return found.names if isinstance(found, Undeliverable) else ()


def newly_unsendable(ctx: Context, before: OrderValues, after: OrderValues) -> str:
    """What to tell when a change made some product unsendable to the address ("" if none)."""
    names = [n for n in cannot_send(ctx, after) if n not in cannot_send(ctx, before)]
    where = destination(after)
    province = province_of(where) if where else None
    if not names or province is None:
        return ""
    found = Undeliverable(province, tuple(names))
    return f"{undeliverable_text(found)}可以选别的商品，或换一个收货地址。"


def warns_unsendable(read: Read[OrderValues]) -> Read[OrderValues]:
    """`read`, and when what it filled cannot be sent to the address, the reply says so."""

    def read_and_check(turn: FormTurn[OrderValues]) -> Fill[OrderValues] | None:
        fill = read(turn)
        if fill is None:
            return None
        if at_confirmation(fill.values):
            return fill  # the confirmation says what cannot go there, and what to do
        said = newly_unsendable(turn.ctx, turn.values, fill.values)
        return replace(fill, note=" ".join(x for x in (fill.note, said) if x)) if said else fill

    return read_and_check


def at_confirmation(values: OrderValues) -> bool:
    """Everything the confirmation needs is there: the next thing shown is the confirmation."""
    lines_done = all(x.complete and x.qty for x in values.lines)
    receiver = bool(values.name and values.phone and values.address)
    chosen = not values.adding and not values.choices
    return bool(values.lines) and values.checkout and lines_done and receiver and chosen


def coupon_offer(ctx: Context, values: OrderValues) -> str:
    """ "可用优惠券：新人券 满99减15，回复“NEWBIE15”可再减¥15.00。": the coupon that takes the most
    off what this order costs, shipping included (a coupon that takes the goods under the
    free-shipping threshold saves less), when the shopper has given none (empty: none helps)."""
    best = best_coupon(ctx, values)
    if best is None:
        return ""
    coupon, fen = best
    return f"可用优惠券：{coupon.title}，回复“{coupon.code}”可再减{yuan(fen)}。"


def best_coupon(ctx: Context, values: OrderValues) -> tuple[Coupon, int] | None:
    """The coupon that takes the most off this order, shipping included, and how much; None
    when the shopper gave one already or none helps."""
    if values.coupon or not priced_lines(values):
        return None
    kb = catalog.kb(ctx)
    now = order_quote(ctx, values).total_fen
    saved = [
        (now - order_quote(ctx, replace(values, coupon=code)).total_fen, code)
        for code in kb.coupons
    ]
    fen, code = max(saved, default=(0, ""))
    coupon = kb.find_coupon(code) if fen > 0 else None
    return (coupon, fen) if coupon is not None else None


def _free_hint(money: OrderQuote, shipping: Shipping) -> str:
    """ "（满¥69.00包邮，还差¥10.00）" while the normal fee is charged and the threshold could
    waive it."""
    standard = dict(shipping.parts).get(STANDARD, 0)
    if not standard or money.free_over_fen is None or not money.free_here:
        return ""
    short = money.free_over_fen - money.goods.total_fen
    return f"（满{yuan(money.free_over_fen)}包邮，还差{yuan(short)}）" if short > 0 else ""


def free_shipping_state(money: OrderQuote) -> str:
    """Where the cart stands against free shipping, for "差多少包邮" asked with one: "您购物车
    现在¥99.00，已经包邮了。" or "…¥59.00，还差¥10.00就包邮。"; empty when no rule applies to it."""
    shipping = money.shipping
    if not isinstance(shipping, Shipping) or money.free_over_fen is None:
        return ""
    goods = f"您购物车现在{yuan(money.goods.total_fen)}"
    if shipping.fee_fen == 0:
        return f"{goods}，已经包邮了。"
    short = money.free_over_fen - money.goods.total_fen
    if not money.free_here or short <= 0 or not dict(shipping.parts).get(STANDARD, 0):
        return ""
    return f"{goods}，还差{yuan(short)}就包邮。"


def shipping_text(money: OrderQuote) -> list[str]:
    """The shipping lines of a summary ("运费：¥6.00（满¥69.00包邮，还差¥10.00）", "运费：包邮",
    a remote region's surcharge on its own line); none while nothing can be shipped."""
    shipping = money.shipping
    if not isinstance(shipping, Shipping):
        return []
    lines = shipping_lines(shipping)
    if lines and lines[0].startswith("运费：¥"):
        lines[0] += _free_hint(money, shipping)
    return lines


def quote_lines(money: OrderQuote, *, payable: bool = False) -> list[str]:
    """The money part of the cart (`payable`: of the confirmation, which says 应付)."""
    goods = money.goods
    lines = [f"商品合计：{yuan(goods.subtotal_fen)}"]
    if goods.promotion is not None:
        lines.append(f"{goods.promotion.title}：-{yuan(goods.promotion_fen)}")
    if goods.coupon is not None:
        lines.append(f"优惠券 {goods.coupon.title}：-{yuan(goods.coupon_fen)}")
    lines += shipping_text(money)
    if money.undeliverable is None:
        lines.append(f"{'应付' if payable else '合计'}：{yuan(money.total_fen)}")
    elif not payable:  # no total: the cart cannot go there as it is (the confirmation says how)
        lines.append(undeliverable_text(money.undeliverable))
    return lines
