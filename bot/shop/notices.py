"""Messages the shop sends a shopper on its own: paid, shipped, expired unpaid.

They go through the customer-service API (OA) or an app message (WeCom). On OA this needs the
shopper's 48-hour window (PLATFORM.md): a failure is logged and never breaks the caller, because
the order has changed either way and "我的订单" shows it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.protocol import Channel, TextReply
from bot.shop.texts import yuan
from bot.storage import Order

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)


def paid_notice(order: Order) -> str:
    return (
        f"您的订单 {order.order_no} 已付款成功（{yuan(order.total_fen)}），"
        "我们会尽快发货，发货后会把快递单号发给您。"
    )


def shipped_notice(order: Order) -> str:
    return (
        f"您的订单 {order.order_no} 已发货：{order.carrier} {order.tracking_no}\n"
        "发“查物流”可随时查看。"
    )


def expired_notice(order: Order, minutes: int) -> str:
    return (
        f"您的订单 {order.order_no} 超过{minutes}分钟未付款，已自动取消，不会扣款。"
        "需要的话可以重新下单～"
    )


async def notify(services: Services, order: Order, text: str) -> bool:
    """Tell the order's owner; False (and a log line without personal data) when it failed."""
    result = await services.outbound.send(Channel(order.channel), order.user, TextReply(text))
    if not result.ok:
        log.warning(
            "could not notify the owner of order %s: %s %s",
            order.order_no,
            result.errcode,
            result.reason,
        )
    return result.ok
