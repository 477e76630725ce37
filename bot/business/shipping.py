"""An order's shipping under the knowledge files' rules (knowledge/shipping.py has the rules and
the pure fee function; this is where an order and an address meet them).

A new address for an order is accepted when its province can be read, the order can go there,
and it costs the same to ship there as to the old address under today's rules: a change never
makes an order cost more or less than the shopper agreed to pay.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.business.texts import NO_PROVINCE, undeliverable_text
from bot.shop.texts import yuan
from bot.storage import Order
from knowledge import KnowledgeBase
from knowledge.regions import province_of
from knowledge.shipping import ShipLine, Shipping, Undeliverable, shipping_fee

if TYPE_CHECKING:
    pass


def cart_fee(
    kb: KnowledgeBase, lines: Iterable[ShipLine], goods_fen: int, address: str | None
) -> Shipping | Undeliverable | None:
    """The order form's shipping line: the cart's fee before the address is known (`address`
    None: provisional), or for the address given; None when the address names no province."""
    province = None
    if address is not None:
        province = province_of(address)
        if province is None:
            return None
    return shipping_fee(kb.shipping, list(lines), goods_fen, province)


def ship_lines(kb: KnowledgeBase, order: Order) -> list[ShipLine]:
    """The order's lines as the fee sees them (category from today's catalogue)."""
    lines = []
    for line in order.lines:
        product = kb.products.get(line.sku)
        lines.append(ShipLine(line.sku, product.category if product else "", line.name))
    return lines


def order_fee(kb: KnowledgeBase, order: Order, address: str) -> Shipping | Undeliverable | None:
    """The fee of `order` sent to `address`; None when the address names no province."""
    province = province_of(address)
    if province is None:
        return None
    return shipping_fee(kb.shipping, ship_lines(kb, order), order.goods_fen, province)


def address_problem(kb: KnowledgeBase, order: Order, address: str) -> str | None:
    """Why `address` cannot replace the order's address (in the shopper's words), or None."""
    new = order_fee(kb, order, address)
    if new is None:
        return NO_PROVINCE
    if isinstance(new, Undeliverable):
        return undeliverable_text(new)
    old = order_fee(kb, order, order.address)
    before = old.fee_fen if isinstance(old, Shipping) else order.shipping_fen
    if new.fee_fen == before:
        return None
    return (
        f"新地址的运费是{yuan(new.fee_fen)}，和原来的{yuan(before)}不一样，不能直接改地址。"
        "未付款的订单可以取消后重新下单；已付款的请回复“人工”，客服帮您处理。"
    )
