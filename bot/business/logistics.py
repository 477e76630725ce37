"""An order's life after the form: paid, shipped (with a tracking link), the carrier's updates.

Shared by the admin endpoints (a payment system, a back office: bot/handlers/admin_http.py) and
the staff commands (`/ship`), so the shopper hears the same words whoever made the move.

* Paid: on OA the payment opens the unlimited 48-hour customer-service quota (PLATFORM.md), then
  the shopper is told.
* Shipped: the carrier is looked up in carriers.toml (顺丰 → 顺丰速运) and stored by its name; the
  notice carries the tracking link of that carrier's template.
* A logistics update is kept (`db.shipments`) and told, one notice per order waiting at most when
  the quota is used up (the newest); one marked delivered completes the order.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.business.notify import tell
from bot.business.texts import tracking_text
from bot.protocol import Channel
from bot.shop.texts import yuan
from bot.storage import Order
from bot.storage.shipments import Recorded
from knowledge import KnowledgeBase

if TYPE_CHECKING:
    from bot.services import Services


class AmountMismatch(Exception):
    """The payment system paid another amount than the order's total; nothing was changed."""

    def __init__(self, order: Order, paid_fen: int) -> None:
        super().__init__(f"{order.order_no}: paid {paid_fen}, total {order.total_fen}")
        self.order = order
        self.paid_fen = paid_fen


def _kb(services: Services) -> KnowledgeBase:
    return services.knowledge.current.kb


def paid_notice(order: Order) -> str:
    return (
        f"您的订单 {order.order_no} 已付款成功（{yuan(order.total_fen)}），"
        "我们会尽快发货，发货后会把快递单号发给您。"
    )


def shipped_notice(kb: KnowledgeBase | None, order: Order) -> str:
    tracking = tracking_text(kb, order) if kb else f"{order.carrier} {order.tracking_no}"
    return f"您的订单 {order.order_no} 已发货：\n   {tracking}\n发“查物流”可随时查看。"


def update_notice(kb: KnowledgeBase | None, recorded: Recorded) -> str:
    order = recorded.order
    head = "已签收" if recorded.delivered_now else "物流更新"
    link = kb.carriers.link(order.carrier, order.tracking_no) if kb else ""
    tail = f"\n查看物流：{link}" if link else ""
    thanks = "\n感谢您的购买，有问题随时找我～" if recorded.delivered_now else ""
    return f"您的订单 {order.order_no} {head}：{recorded.event.text}{tail}{thanks}"


def carrier_name(kb: KnowledgeBase | None, carrier: str) -> str:
    """The carrier as carriers.toml names it (顺丰 → 顺丰速运), or as given when unknown."""
    found = kb.carriers.find(carrier) if kb else None
    return found.name if found else carrier.strip()


async def mark_paid(
    services: Services, order_no: str, *, actor: str, paid_fen: int | None = None
) -> tuple[Order, bool]:
    """The order and whether the shopper was told now (False: held for their next message).

    With `paid_fen` (what the payment system says it collected) an amount other than the
    order's total raises AmountMismatch and the order stays unpaid. The total never changes
    after the order is placed, so reading it first is safe.
    """
    db = services.db
    if paid_fen is not None:
        current = await db.orders.staff_get_order(order_no)
        if current is not None and current.total_fen != paid_fen:
            raise AmountMismatch(current, paid_fen)
    order = await db.orders.mark_paid(order_no, actor=actor)
    if order.channel == Channel.OA:
        await services.outbound.cs_quota.grant_payment(order.user)
    topic = f"order:{order.order_no}"
    return order, await tell(services, order.channel, order.user, paid_notice(order), topic=topic)


async def mark_shipped(
    services: Services, order_no: str, carrier: str, tracking_no: str, *, actor: str
) -> tuple[Order, bool]:
    kb = _kb(services)
    order = await services.db.orders.mark_shipped(
        order_no, carrier_name(kb, carrier), tracking_no, actor=actor
    )
    text = shipped_notice(kb, order)
    told = await tell(services, order.channel, order.user, text, topic=f"order:{order.order_no}")
    return order, told


async def record_update(
    services: Services,
    order_no: str,
    text: str,
    *,
    at: datetime | None = None,
    delivered: bool = False,
    actor: str,
) -> tuple[Recorded, bool]:
    recorded = await services.db.shipments.record(
        order_no, text, at=at, delivered=delivered, actor=actor
    )
    order = recorded.order
    notice = update_notice(_kb(services), recorded)
    topic = f"logistics:{order.order_no}"
    return recorded, await tell(services, order.channel, order.user, notice, topic=topic)
