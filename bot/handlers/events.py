"""Platform events: following the OA, menu clicks and QR scans enter the shopper dialogs.

Menu keys (set them as the `key` of CLICK buttons in the OA menu):

    MENU_BROWSE      逛商品 (categories)          MENU_ORDERS       我的订单
    MENU_LOGISTICS   查物流                        MENU_AFTERSALES   申请售后
    MENU_TICKETS     售后进度                      MENU_HUMAN        人工客服
    MENU_HELP        the welcome                   MENU_PROMO        优惠活动
    CATEGORY_<name>  one category's products       PRODUCT_<sku>     one product's card

A parameter QR code whose scene is `sku_<SKU>` opens that product's card, after the welcome for a
new follower (subscribe: `qrscene_sku_<SKU>`; SCAN by a follower: `sku_<SKU>`). A menu click or a
subscription allows 3 customer-service messages within a minute (PLATFORM.md), so an answer here
is at most 3 messages.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.dialogs import Dialogs
from bot.handlers import handoff, queries, shopper
from bot.handlers.starts import Starts
from bot.protocol import Inbound, TextReply
from bot.router import RouteKind, Router
from bot.step import Context, Step

log = logging.getLogger(__name__)

Answer = Callable[[Inbound, Context], Awaitable[Step]]


class Events:
    def __init__(self, starts: Starts, dialogs: Dialogs | None = None) -> None:
        self.starts = starts
        self.dialogs = dialogs
        self.menu: dict[str, Answer] = {
            "MENU_BROWSE": starts.browse,
            "MENU_ORDERS": queries.answering(queries.my_orders),
            "MENU_LOGISTICS": queries.answering(queries.logistics),
            "MENU_AFTERSALES": starts.aftersales,
            "MENU_TICKETS": queries.answering(queries.my_tickets),
            "MENU_HUMAN": self.human,
            "MENU_HELP": shopper.restart,
            "MENU_PROMO": shopper.promotions,
        }

    async def human(self, msg: Inbound, ctx: Context) -> Step:
        """人工客服 from the menu: a dialog under way waits for the shopper, as with 人工."""
        conv = self.dialogs.active(ctx.session.state) if self.dialogs else None
        return await handoff.start(msg, ctx, conv)

    async def subscribe(self, msg: Inbound, ctx: Context) -> Step:
        """A new follower: the welcome with the main choices (and a product from a QR code)."""
        scene = msg.event_key.removeprefix("qrscene_") if msg.event_key else ""
        if scene:
            log.info("new follower from QR scene %r", scene[:64])
        welcome = TextReply(shopper.welcome_text(ctx))
        if scene.startswith("sku_"):
            step = await self.starts.product(msg, ctx, scene.removeprefix("sku_"))
            return Step((welcome, *step.replies)[:3], step.next_state, step.slots, True)
        return Step(replies=(welcome,), next_state=None, reset_slots=True)

    async def scan(self, msg: Inbound, ctx: Context) -> Step:
        """A follower scans a parameter QR code: a product scene opens its card."""
        if msg.event_key.startswith("sku_"):
            return await self.starts.product(msg, ctx, msg.event_key.removeprefix("sku_"))
        return Step()

    async def click(self, msg: Inbound, ctx: Context) -> Step:
        key = msg.event_key
        if key in self.menu:
            return await self.menu[key](msg, ctx)
        if key.startswith("CATEGORY_"):
            return await self.starts.category(msg, ctx, key.removeprefix("CATEGORY_"))
        if key.startswith("PRODUCT_"):
            return await self.starts.product(msg, ctx, key.removeprefix("PRODUCT_"))
        log.warning("menu key %r is not known; answered with the welcome", key[:64])
        return await shopper.restart(msg, ctx)


async def unsubscribe(msg: Inbound, ctx: Context) -> Step:
    """Tencent's docs ask us to delete the user's data: session and hand-off go (orders stay,
    as the law requires for transactions)."""
    await handoff.forget(ctx.services, str(msg.channel), msg.user)
    return Step(next_state=None, reset_slots=True)  # saving an empty session deletes it


async def silent(msg: Inbound, ctx: Context) -> Step:
    """Events that need no answer (a URL menu opened, the WeCom app entered)."""
    return Step()


def register(router: Router, starts: Starts, dialogs: Dialogs | None = None) -> None:
    events = Events(starts, dialogs)
    # A shopper's own events wait while a human has the conversation (middlewares.py)...
    router.event("subscribe", kind=RouteKind.MENU)(events.subscribe)
    router.event("scan", kind=RouteKind.MENU)(events.scan)
    router.event("click", kind=RouteKind.MENU)(events.click)
    # ...these answer nobody, or must act even then (an unfollow deletes the shopper's data).
    router.event("view", "enter_agent", kind=RouteKind.PLATFORM)(silent)
    router.event("unsubscribe", kind=RouteKind.PLATFORM)(unsubscribe)
