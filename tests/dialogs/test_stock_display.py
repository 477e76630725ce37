"""Browsing shows cached stock; this process's own sales and cancellations refresh it at once."""

from __future__ import annotations

from bot.shop import stock
from tests.dialogs.transcript import Shop


async def test_displayed_stock_is_cached_and_forgotten_after_a_local_change(shop: Shop) -> None:
    services = shop.services
    sku = next(iter(services.knowledge.current.kb.products))
    before = (await stock.displayed(services, [sku]))[sku]
    await shop.db.stock.set_stock(sku, before + 5, actor="test")
    assert (await stock.displayed(services, [sku]))[sku] == before  # cached for display
    assert await stock.available(services, sku) == before + 5  # the sale path reads live
    stock.forget(services, [sku])
    assert (await stock.displayed(services, [sku]))[sku] == before + 5
