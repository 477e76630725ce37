"""Unpaid orders expire: their stock goes back on sale and the shopper is told.

`expire_unpaid_orders(services)` is meant for the scheduler, every minute (and is safe to run in
several workers at once: each order moves from created to expired in one conditional UPDATE, so
only one worker expires it and only that one sends the notice).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.shop import stock
from bot.shop.notices import expired_notice, notify

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)


async def expire_unpaid_orders(services: Services, now: datetime | None = None) -> int:
    """Expire orders unpaid for `shop.unpaid_expiry_min` minutes; returns how many expired."""
    minutes = services.config.shop.unpaid_expiry_min
    cutoff = (now or services.clock.now()) - timedelta(minutes=minutes)
    expired = await services.db.orders.expire_unpaid(cutoff)
    stock.forget(services, [line.sku for order in expired for line in order.lines])
    for order in expired:
        await notify(services, order, expired_notice(order, minutes))
    if expired:
        log.info("%d unpaid orders expired and their stock was released", len(expired))
    return len(expired)
