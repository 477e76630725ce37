"""Entry points per kind of inbound. `register_all` wires them into a router.

Routes register bare handlers with their `RouteKind`; what runs around them (the hand-off gate,
the expiry notice, stats …) is declared once in middlewares.py. The order of the `register`
calls below does not matter: a key routed twice to different handlers is an error.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.handlers import events, groups, interrupts, middlewares, routes, staff, understanding
from bot.handlers.starts import Starts
from bot.router import Router


def register_all(router: Router, intents: Iterable[str] | None = None) -> Router:
    """The app's routes and middlewares; with `intents` (the loaded knowledge's), the intent
    routes are checked against them (`routes.check_intents`)."""
    dialogs = interrupts.build(router)  # each dialog gets the global moves when it is built
    starts = Starts(dialogs)
    events.register(router, starts, dialogs)
    routes.register(router, dialogs, starts)
    staff.register(router)
    groups.register(router)
    router.intent_resolver = understanding.resolve_intent
    middlewares.install(router, dialogs, starts)
    if intents is not None:
        routes.check_intents(router, intents)
    return router
