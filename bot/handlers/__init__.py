"""Entry points per kind of inbound. `register_all` wires them into a router.

Shopper routes are wrapped by `handoff.gated` (silent while a human has the conversation) and,
outside dialogs, by `shopper.expiry_aware` (a reply to a dialog that timed out is told so).
"""

from __future__ import annotations

from bot.handlers import events, groups, interrupts, routes, staff, understanding
from bot.handlers.starts import Starts
from bot.router import Router


def register_all(router: Router) -> Router:
    dialogs = interrupts.build(router)  # each dialog gets the global moves when it is built
    starts = Starts(dialogs)
    events.register(router, starts, dialogs)
    routes.register(router, dialogs, starts)
    router.intent_resolver = understanding.resolve_intent
    # Staff commands and customer-group events are not shopper routes: not gated by the hand-off.
    staff.register(router)
    groups.register(router)  # after events: it wraps the subscribe handler to record the scene
    return router
