"""The order form's states and events (the table is in dialog.py)."""

from __future__ import annotations

from enum import StrEnum


class OrderState(StrEnum):
    PRODUCT = "product"
    SPEC = "spec"
    QUANTITY = "quantity"
    CART = "cart"
    COUPON = "coupon"
    NAME = "name"
    PHONE = "phone"
    ADDRESS = "address"
    CONFIRM = "confirm"


class Ev(StrEnum):
    DONE = "done"  # the state's slot is filled
    NEXT_SPEC = "next_spec"  # one spec chosen, another still open (颜色 then 尺码)
    GONE = "gone"  # the product left the catalogue (a reload) while the shopper chose
    SOLD_OUT = "sold_out"
    EMPTY = "empty"  # nothing in the cart (any more)
    MORE = "more"  # add another product
    PICKED = "picked"  # another product named at the cart
    CHECKOUT = "checkout"
    PLACED = "placed"


# Slots the form fills; the cart keeps committed lines, the rest describe the line being chosen.
SKU, SPEC, SPEC_DIM, QTY, CHOICES = "sku", "spec", "spec_dim", "qty", "choices"
CART, COUPON, NAME, PHONE, ADDRESS = "cart", "coupon", "name", "phone", "address"
