"""The order form as one table: product, spec, quantity, cart, coupon, receiver, confirm.

The diagram beside it (order.mmd) is drawn from this table; tests/dialogs check they agree.
"""

from __future__ import annotations

from bot.dialogs.machine import END, Dialog, StateDef, Target
from bot.dialogs.order import confirm, item, receiver
from bot.dialogs.order.states import (
    ADDRESS,
    CHOICES,
    COUPON,
    NAME,
    PHONE,
    QTY,
    SKU,
    SPEC,
    SPEC_DIM,
    Ev,
    OrderState,
)

OS = OrderState

STATES = {
    OS.PRODUCT: StateDef(
        item.ask_product, item.on_product, owns=(SKU, SPEC, SPEC_DIM, QTY, CHOICES)
    ),
    OS.SPEC: StateDef(item.ask_spec, item.on_spec, owns=(SPEC, SPEC_DIM)),
    OS.QUANTITY: StateDef(item.ask_quantity, item.on_quantity, owns=(QTY,)),
    OS.CART: StateDef(item.ask_cart, item.on_cart, checkpoint=True),
    OS.COUPON: StateDef(receiver.ask_coupon, receiver.on_coupon, owns=(COUPON,)),
    OS.NAME: StateDef(receiver.ask_name, receiver.on_name, owns=(NAME,)),
    OS.PHONE: StateDef(receiver.ask_phone, receiver.on_phone, owns=(PHONE,)),
    OS.ADDRESS: StateDef(receiver.ask_address, receiver.on_address, owns=(ADDRESS,)),
    OS.CONFIRM: StateDef(confirm.ask_confirm, confirm.on_confirm),
}

TABLE: dict[tuple[OrderState, str], Target] = {
    (OS.PRODUCT, Ev.DONE): OS.SPEC,
    (OS.SPEC, Ev.NEXT_SPEC): OS.SPEC,
    (OS.SPEC, Ev.DONE): OS.QUANTITY,
    (OS.SPEC, Ev.GONE): OS.CART,
    (OS.QUANTITY, Ev.DONE): OS.CART,
    (OS.QUANTITY, Ev.SOLD_OUT): OS.CART,
    (OS.CART, Ev.EMPTY): OS.PRODUCT,
    (OS.CART, Ev.MORE): OS.PRODUCT,
    (OS.CART, Ev.PICKED): OS.SPEC,
    (OS.CART, Ev.CHECKOUT): OS.COUPON,
    (OS.COUPON, Ev.DONE): OS.NAME,
    (OS.NAME, Ev.DONE): OS.PHONE,
    (OS.PHONE, Ev.DONE): OS.ADDRESS,
    (OS.ADDRESS, Ev.DONE): OS.CONFIRM,
    (OS.CONFIRM, Ev.SOLD_OUT): OS.CONFIRM,
    (OS.CONFIRM, Ev.EMPTY): END,
    (OS.CONFIRM, Ev.PLACED): END,
}


def build() -> Dialog[OrderState]:
    return Dialog(
        "order",
        OS.PRODUCT,
        STATES,
        TABLE,
        title="下单",
        cancelled="好的，已取消本次下单，购物车已清空。需要时随时找我～",
    )
