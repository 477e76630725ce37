"""After-sales as one declaration: which order, how, why, photos, then the confirmation → 售后单号.

Adding a step is one more `Slot` here (and `python -m bot.dialogs.diagram` to redraw
aftersales.mmd).
"""

from __future__ import annotations

from bot.dialogs.aftersales.form import CONFIRM, DETAILS, KIND, PHOTOS, REASON, WANTED
from bot.dialogs.aftersales.pick import ORDER
from bot.dialogs.aftersales.values import TicketValues
from bot.dialogs.conversation import GlobalMoves
from bot.dialogs.form import Form
from bot.shop.texts import TICKET_KIND
from bot.storage import TicketKind


def cancelled(values: TicketValues) -> str:
    about = f"（订单 {values.order_no}）" if values.order_no else ""
    return f"好的，已取消这次售后申请{about}，没有提交任何申请。有需要随时找我～"


def summary(values: TicketValues) -> str | None:
    if not values.order_no:
        return "正在申请售后，还没选订单"
    kind = f" · {TICKET_KIND[TicketKind(values.kind)]}" if values.kind else ""
    reason = f" · 原因：{values.reason}" if values.reason else ""
    return f"正在申请售后：订单 {values.order_no}{kind}{reason}"


def build(moves: GlobalMoves) -> Form[TicketValues]:
    return Form(
        "aftersales",
        title="申请售后",
        values=TicketValues,
        slots=(ORDER, KIND, WANTED, REASON, DETAILS, PHOTOS),
        final=CONFIRM,
        moves=moves,
        cancelled=cancelled,
        summary=summary,
    )
