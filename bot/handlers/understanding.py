"""From a shopper's words to an intent id the router can act on, honestly.

The matcher answers with a band (knowledge/bands.py): "act" runs the intent's handler; "clarify"
goes to a handler that asks which of the close readings was meant; "fallback" resolves to None so
the fallback handler says plainly that the bot did not understand and offers a human. The match
is cached in `ctx.match_cache`, so the handler that runs next reads the same result for free.
An intent the matcher acted on is returned as an `IntentId`, so the routing result
(`Route.recognised`) tells /stats what was recognised; the clarify band's key is a plain `str`.
"""

from __future__ import annotations

from bot.handlers import smalltalk
from bot.protocol import Inbound
from bot.shop import catalog
from bot.step import Context
from knowledge.model import IntentId

CLARIFY = "clarify"
"""The pseudo-intent of the clarify band; `routes.register` routes it to the clarifying handler."""
SMALL_TALK = "small_talk"
"""The pseudo-intent of small talk said in a phrase (挺智能的, 今天好冷啊, 我回来了): read before
the matcher, whose product words would find a smartwatch strap in 智能."""


_KNOWN = frozenset(IntentId)


def resolve_intent(msg: Inbound, ctx: Context) -> IntentId | str | None:
    if smalltalk.kind(msg.text) in smalltalk.CHAT_KINDS:
        return SMALL_TALK
    result = catalog.match(msg, ctx)
    if result is None:
        return None
    if result.band == "act":
        # Always a knowledge intent (the loader refuses others); a plain str would route nowhere.
        return IntentId(result.intent) if result.intent in _KNOWN else result.intent
    if result.band == "clarify":
        return CLARIFY
    return None
