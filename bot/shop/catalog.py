"""The one door to the knowledge for dialogs and handlers: products, the matcher, promotions, "today".

Every helper reads the message's snapshot, `ctx.knowledge` (taken once when the message arrived,
`Context.begin`), so one reply never mixes two catalogues and a staff reload takes effect on the
next message; a dialog that stored a SKU which vanished in the reload finds `product()` is None
and says so instead of failing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from bot.protocol import Inbound
from bot.step import Context

if TYPE_CHECKING:
    from bot.services import Services
    from knowledge.entities import Entities
    from knowledge.matcher import MatchResult
    from knowledge.model import KnowledgeBase, Product

_MATCH = "match"


def kb(ctx: Context) -> KnowledgeBase:
    return ctx.knowledge.kb


def product(ctx: Context, sku: str) -> Product | None:
    return ctx.knowledge.kb.products.get(sku)


def named_category(word: str, categories: Sequence[str]) -> str | None:
    """The one category a short message names ("零食", "看看零食", "有什么零食")."""
    named = [c for c in categories if word == c or (len(word) <= len(c) + 4 and c in word)]
    return named[0] if len(named) == 1 else None


def match(msg: Inbound, ctx: Context) -> MatchResult | None:
    """The matcher's reading of this message, computed once per message (`ctx.match_cache`)."""
    if _MATCH not in ctx.match_cache:
        text = msg.text.strip()
        ctx.match_cache[_MATCH] = ctx.knowledge.matcher.match(text) if text else None
    result: MatchResult | None = ctx.match_cache[_MATCH]
    return result


def match_text(ctx: Context, text: str) -> MatchResult | None:
    """The matcher's reading of part of a message (what a form's other slots left of it)."""
    text = text.strip()
    return ctx.knowledge.matcher.match(text) if text else None


def spelled(ctx: Context, text: str) -> str:
    """`text` with the shop's words it mistypes written right (雾霾兰 → 雾霾蓝)."""
    return ctx.knowledge.matcher.spelled(text)


def named_products(ctx: Context, text: str) -> list[Product]:
    """Products the text names clearly enough to act on (the matcher's named entities)."""
    result = match_text(ctx, text)
    if result is None:
        return []
    products = kb(ctx).products
    return [products[sku] for sku in result.entities.skus if sku in products]


def extract(
    ctx: Context,
    text: str,
    item: Product | None = None,
    *,
    expect_quantity: bool = False,
) -> Entities:
    """Entities for one slot; with `item`, spec values are read against that product."""
    return ctx.knowledge.matcher.extract(text, item, expect_quantity=expect_quantity)


def find_products(msg: Inbound, ctx: Context) -> list[Product]:
    """Products the message names, best first (at most 5, as the matcher ranks them)."""
    result = match(msg, ctx)
    if result is None:
        return []
    products = kb(ctx).products
    return [products[hit.sku] for hit in result.products if hit.sku in products]


def today(services: Services) -> date:
    """The shop's calendar day (promotions run on the shop's dates, whatever the server's zone)."""
    return services.clock.today()
