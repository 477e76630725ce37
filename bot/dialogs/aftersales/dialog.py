"""After-sales as one table: which order, how, why, photos, confirm → a ticket (售后单号).

The diagram beside it (aftersales.mmd) is drawn from this table; tests/dialogs check they agree.
"""

from __future__ import annotations

from bot.dialogs.aftersales import form, pick
from bot.dialogs.aftersales.states import (
    CHOICES,
    KIND,
    ORDER_NO,
    PHOTOS,
    PHOTOS_DONE,
    REASON,
    AfterSalesState,
    Ev,
)
from bot.dialogs.machine import END, Dialog, StateDef, Target

A = AfterSalesState

STATES = {
    A.ORDER: StateDef(pick.ask_order, pick.on_order, owns=(ORDER_NO, CHOICES)),
    A.KIND: StateDef(form.ask_kind, form.on_kind, owns=(KIND,)),
    A.REASON: StateDef(form.ask_reason, form.on_reason, owns=(REASON,)),
    A.PHOTOS: StateDef(form.ask_photos, form.on_photos, owns=(PHOTOS, PHOTOS_DONE)),
    A.CONFIRM: StateDef(form.ask_confirm, form.on_confirm),
}

TABLE: dict[tuple[AfterSalesState, str], Target] = {
    (A.ORDER, Ev.NO_ORDERS): END,
    (A.ORDER, Ev.DONE): A.KIND,
    (A.KIND, Ev.DONE): A.REASON,
    (A.REASON, Ev.DONE): A.PHOTOS,
    (A.PHOTOS, Ev.DONE): A.CONFIRM,
    (A.CONFIRM, Ev.SUBMITTED): END,
    (A.CONFIRM, Ev.REFUSED): END,
}


def build() -> Dialog[AfterSalesState]:
    return Dialog(
        "aftersales",
        A.ORDER,
        STATES,
        TABLE,
        title="申请售后",
        cancelled="好的，已取消这次售后申请。有需要随时找我～",
    )
