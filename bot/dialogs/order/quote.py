"""What the order costs, from one function: the cart, the confirmation and the order placed all
read `order_quote`, so a new line in the quote (a shipping fee by province, say) is added here
once and shows everywhere the total does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogs.order.values import OrderValues
from bot.shop import catalog
from bot.shop.pricing import CartLine, Quote, quote
from bot.shop.texts import yuan

if TYPE_CHECKING:
    from bot.services import Services


def priced_lines(values: OrderValues) -> list[CartLine]:
    """The lines that can be priced: those with a quantity."""
    return [line.priced() for line in values.lines if line.qty]


def order_quote(services: Services, values: OrderValues) -> Quote:
    """Subtotal, the best promotion, the coupon given (if it applies) and the total."""
    return quote(catalog.kb(services), priced_lines(values), values.coupon, catalog.today())


def quote_lines(money: Quote, *, payable: bool = False) -> list[str]:
    """The money part of the cart (`payable`: of the confirmation, which says 应付)."""
    if money.discount_fen or payable:
        lines = money.lines()
        return lines if money.discount_fen else lines[-1:]
    return [f"合计：{yuan(money.total_fen)}"]
