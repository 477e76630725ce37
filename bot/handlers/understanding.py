"""From a shopper's words to an intent id the router can act on, honestly.

The matcher answers with a band (knowledge/bands.py): "act" runs the intent's handler; "clarify"
goes to a handler that asks which of the close readings was meant; "fallback" resolves to None so
the fallback handler says plainly that the bot did not understand and offers a human. The match
is cached in `ctx.match_cache`, so the handler that runs next reads the same result for free.
"""

from __future__ import annotations

from bot.protocol import Inbound
from bot.shop import catalog
from bot.step import RECOGNISED_INTENT, Context

CLARIFY = "clarify"
"""The pseudo-intent of the clarify band; `shopper.register` routes it to the clarifying handler."""


def resolve_intent(msg: Inbound, ctx: Context) -> str | None:
    result = catalog.match(msg, ctx)
    if result is None:
        return None
    if result.band == "act":
        ctx.match_cache[RECOGNISED_INTENT] = result.intent
        return result.intent
    if result.band == "clarify":
        return CLARIFY
    return None
