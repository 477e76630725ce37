"""What runs around the handlers, declared once per route kind; read top to bottom, outermost
first (bot/router.py explains outer and inner middlewares).

| middleware | kinds | what it does |
|---|---|---|
| `count_stats` (outer) | every kind | today's shopper messages, recognised intents, fallbacks |
| `vary_not_sure` (outer) | SHOPPER, DIALOG | a second "not sure" in a row is said shorter |
| `followups` (outer) | SHOPPER, DIALOG | read with the exchange before: "那澳门呢", "嗨 随便看看", a gift's "他爱喝茶", the same complaint again |
| `groups.record_scene` | MENU | a follow's QR scene, for the campaign that brought it |
| `handoff.gate` | SHOPPER, DIALOG, MENU | silent while a human has the conversation |
| `staff.chat.staff_text` | SHOPPER | staff's plain text in the app: a question about the shop's work gets the staff answer, what shopper routes would not understand (or meet with the category menu, 我们店不卖…) a staff reply |
| `staff.chat.staff_in_dialog` | DIALOG | the same for staff inside a shopper dialog they opened: a staff question closes it, never read as browsing |
| `starts.receiver_first` | SHOPPER | receiver details sent before anything else, which no route understands, start an order that keeps them and asks what to buy |
| `shopper.expiry_notice` | SHOPPER | a reply to a dialog that timed out is told so |
| `queries.cancel_confirmation` | SHOPPER | a yes to the cancellation asked in the last reply; a money question before it is answered for that order and the yes still waits |
| `shopper.frustration` | SHOPPER | "你好笨", "听不懂人话吗": an apology and a human offered |
| `starts.height_or_price` | SHOPPER | "110-120的有吗" (no 元): for kids' clothes sized by height, the sizes for that height; with nothing to tell a price from a height, which is asked |

Staff routes, platform events and 退订 / 订阅 (CONSENT) have no inner middleware: staff are not
shoppers, an unfollow must delete data even while a human talks, and consent is honoured
whatever else is going on. A new middleware goes in `install` at the place its order needs.
"""

from __future__ import annotations

from bot.dialogs import Dialogs
from bot.gaps import record_gap
from bot.handlers import answers, followups, groups, handoff, queries, shopper
from bot.handlers.staff.chat import staff_in_dialog, staff_text
from bot.handlers.starts import Starts
from bot.protocol import Channel, Inbound, Kind
from bot.router import Handler, Route, RouteKind, Router
from bot.stats import INTENT_PREFIX
from bot.step import Context, Step

K = RouteKind


def install(router: Router, dialogs: Dialogs | None = None, starts: Starts | None = None) -> Router:
    """The app's middlewares on `router`; `dialogs` lets the gate resume a conversation,
    `starts` lets a follow-up open a search (followups.py)."""
    router.outer(count_stats)
    router.outer(vary_not_sure, K.SHOPPER, K.DIALOG)
    if starts is not None:
        followups.install(router, starts)
    router.use(groups.record_scene, K.MENU)
    router.use(handoff.gate(dialogs, router), K.SHOPPER, K.DIALOG, K.MENU)
    router.use(staff_text, K.SHOPPER)
    router.use(staff_in_dialog, K.DIALOG)
    if starts is not None:
        router.use(starts.receiver_first, K.SHOPPER)
        router.use(starts.ordered_by_reference, K.SHOPPER)
    router.use(shopper.expiry_notice, K.SHOPPER)
    router.use(queries.cancel_confirmation, K.SHOPPER)
    router.use(shopper.frustration, K.SHOPPER)
    if starts is not None:
        router.use(starts.height_or_price, K.SHOPPER)
    return router


async def count_stats(handler: Handler, msg: Inbound, ctx: Context, route: Route) -> Step:
    """Today's numbers for /stats and /metrics, once per inbound message, from what routing
    found: shopper messages (the OA and 微信客服; WeCom is staff), the intent the matcher
    recognised, and the replies that said the message was not understood, wherever they were
    said (`Context.note_not_understood`), whose question is kept for /unanswered. A handler
    that fails is not counted."""
    step = await handler(msg, ctx)
    if msg.channel is Channel.WECOM or msg.kind is Kind.EVENT:
        return step
    stats = ctx.services.stats
    metrics = ctx.services.metrics
    await stats.count("messages")
    if route.recognised:
        await stats.count(INTENT_PREFIX + route.recognised)
        metrics.intents.labels(msg.channel, route.recognised).inc()
    if ctx.said_not_understood:  # the fallback, or 没太明白 in a list or a form
        record_gap(msg, ctx, "fallback")
        await stats.count("fallback")
        metrics.fallbacks.labels(msg.channel).inc()
    return step


async def vary_not_sure(handler: Handler, msg: Inbound, ctx: Context, route: Route) -> Step:
    """The same "not sure, ask a human" sentence in two replies in a row reads like a broken
    record: the second one is said shorter (answers.not_sure_varied)."""
    return answers.not_sure_varied(await handler(msg, ctx), ctx)
