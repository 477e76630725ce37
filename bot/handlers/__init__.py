"""Entry points per kind of inbound. `register_all` wires them into a router."""

from __future__ import annotations

from bot.handlers import events, shopper
from bot.router import Router


def register_all(router: Router) -> Router:
    events.register(router)
    shopper.register(router)
    return router
