"""The one door to the knowledge for dialogs and handlers: products, the matcher, promotions, "today".

Each call reads `services.knowledge.current` afresh, so a staff reload takes effect on the next
message; a dialog that stored a SKU which vanished in the reload finds `product()` is None and
says so instead of failing.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bot.protocol import Inbound
from bot.shoptime import shop_today, shop_zone
from bot.step import Context

if TYPE_CHECKING:
    from bot.services import Services
    from knowledge.entities import Entities
    from knowledge.matcher import Matcher, MatchResult
    from knowledge.model import KnowledgeBase, Product

_MATCH = "match"


class KnowledgeMissing(RuntimeError):
    """The app was built without a knowledge index (a bug in the wiring, not shopper input)."""


def _current(services: Services) -> tuple[KnowledgeBase, Matcher]:
    holder = services.knowledge
    if holder is None:
        raise KnowledgeMissing("services.knowledge is not set")
    snapshot = holder.current
    return snapshot.kb, snapshot.matcher


def kb(services: Services) -> KnowledgeBase:
    return _current(services)[0]


def product(services: Services, sku: str) -> Product | None:
    return kb(services).products.get(sku)


def match(msg: Inbound, ctx: Context) -> MatchResult | None:
    """The matcher's reading of this message, computed once per message (`ctx.match_cache`)."""
    if _MATCH not in ctx.match_cache:
        text = msg.text.strip()
        holder = ctx.services.knowledge
        ctx.match_cache[_MATCH] = holder.current.matcher.match(text) if text and holder else None
    result: MatchResult | None = ctx.match_cache[_MATCH]
    return result


def match_text(ctx: Context, text: str) -> MatchResult | None:
    """The matcher's reading of part of a message (what a form's other slots left of it)."""
    holder = ctx.services.knowledge
    text = text.strip()
    if not text or holder is None:
        return None
    return holder.current.matcher.match(text)


def named_products(ctx: Context, text: str) -> list[Product]:
    """Products the text names clearly enough to act on (the matcher's named entities)."""
    result = match_text(ctx, text)
    if result is None:
        return []
    products = kb(ctx.services).products
    return [products[sku] for sku in result.entities.skus if sku in products]


def extract(
    services: Services,
    text: str,
    item: Product | None = None,
    *,
    expect_quantity: bool = False,
) -> Entities:
    """Entities for one slot; with `item`, spec values are read against that product."""
    return _current(services)[1].extract(text, item, expect_quantity=expect_quantity)


def find_products(msg: Inbound, ctx: Context) -> list[Product]:
    """Products the message names, best first (at most 5, as the matcher ranks them)."""
    result = match(msg, ctx)
    if result is None:
        return []
    products = kb(ctx.services).products
    return [products[hit.sku] for hit in result.products if hit.sku in products]


def today(services: Services) -> date:
    """The shop's calendar day (promotions run on the shop's dates, whatever the server's zone)."""
    return shop_today(shop_zone(services.config))
