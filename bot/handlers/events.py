"""Platform events: follow / unfollow of the OA, and the WeCom app being opened."""

from __future__ import annotations

import logging

from bot.handlers.shopper import WELCOME
from bot.protocol import Inbound
from bot.router import Router
from bot.step import Context, Step

log = logging.getLogger(__name__)


async def subscribe(msg: Inbound, ctx: Context) -> Step:
    """A new follower. A parameter QR code carries `qrscene_<scene>`: kept for attribution."""
    scene = msg.event_key.removeprefix("qrscene_") if msg.event_key else ""
    return Step(
        replies=Step.say(WELCOME).replies,
        next_state=None,
        reset_slots=True,
        slots={"scene": scene} if scene else {},
    )


async def unsubscribe(msg: Inbound, ctx: Context) -> Step:
    """Tencent's docs ask us to delete the user's data: the session goes (orders stay, by law)."""
    return Step(next_state=None, reset_slots=True)


async def enter_agent(msg: Inbound, ctx: Context) -> Step:
    return Step()


def register(router: Router) -> None:
    router.event("subscribe")(subscribe)
    router.event("unsubscribe")(unsubscribe)
    router.event("enter_agent")(enter_agent)
