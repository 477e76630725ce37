"""Live stock: the database's count, seeded from the catalogue's opening stock.

The catalogue says how many a shop had when the file was written; the database says how many can
still be sold. `seed_catalogue_stock` copies the catalogue into the database for SKUs it has not
seen (never overwriting a live count), once per knowledge snapshot and process. The app should run
it at start-up and after a reload; the order dialog also calls it before it reads or reserves
stock, so a SKU added by a reload is sellable at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.services import Services
    from knowledge.model import KnowledgeBase


@dataclass(eq=False)
class StockView:
    """This process's view of stock (`services.stock`): which catalogue it has seeded, and the
    counts shown while browsing with when each stops being good to show."""

    seeded_for: KnowledgeBase | None = None
    displayed: dict[str, tuple[int, float]] = field(default_factory=dict)


async def seed_catalogue_stock(services: Services) -> int:
    """Seed stock for catalogue SKUs the database lacks; returns how many were added."""
    kb = services.knowledge.current.kb  # seeding follows the serving catalogue, not a message's
    if services.stock.seeded_for is kb:
        return 0
    added = await services.db.stock.seed_stock((p.sku, p.stock) for p in kb.products.values())
    services.stock.seeded_for = kb
    return added


async def available(services: Services, sku: str) -> int:
    """How many of `sku` can be sold right now (0 for a SKU nobody stocks)."""
    await seed_catalogue_stock(services)
    return await services.db.stock.get_stock(sku) or 0


DISPLAY_TTL_S = 10.0


async def displayed(services: Services, skus: list[str]) -> dict[str, int]:
    """Stock counts to show while browsing, at most DISPLAY_TTL_S old.

    Browsing reads stock for every list and card, most of them for the same hot products; a
    count a few seconds old is as good to look at, and the sale itself never relies on it: the
    order form reads `available` and the reservation at confirmation is atomic. This process's
    own sales, cancellations and expiries `forget` their SKUs at once.
    """
    cache = services.stock.displayed
    now = services.clock.monotonic()
    missing = [sku for sku in skus if cache.get(sku, (0, 0.0))[1] <= now]
    if missing:
        await seed_catalogue_stock(services)
        found = await services.db.stock.get_stocks(missing)
        for sku in missing:
            cache[sku] = (found.get(sku, 0), now + DISPLAY_TTL_S)
    return {sku: cache[sku][0] for sku in skus}


def forget(services: Services, skus: Iterable[str]) -> None:
    """Drop displayed counts that this process has just changed."""
    cache = services.stock.displayed
    for sku in skus:
        cache.pop(sku, None)
