"""The shopper's entry for changes after ordering (改地址, 改电话, 改收货人, 备注, 开发票): the
message carries its arguments, so it is routed by the word it starts with (router prefixes).
What is not a change request after all ("开发票要多久") goes to `otherwise` (the FAQ answer).

A request without its value ("改地址") asks for it and waits one message (`PENDING_CHANGE`):
"广东省广州市天河区天河路385号" alone is then the new address of the order asked about.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from bot.business import aftercare
from bot.protocol import Inbound
from bot.router import Handler
from bot.step import Context, Step
from bot.storage import Change

WORDS = aftercare.CHANGE_WORDS
PENDING_CHANGE = "pending_change"
"""Session slot: the change whose value the last reply asked for (kept for one message)."""


def changes(otherwise: Handler, start_order: Handler) -> Handler:
    """A change request answered; anything else to `otherwise`. A note with no order to put it
    on opens the order form with it (`start_order`), which keeps it and asks what to buy."""

    async def change(msg: Inbound, ctx: Context) -> Step:
        request = aftercare.parse(msg.text)
        if request is None:
            return await otherwise(msg, ctx)
        if await aftercare.note_for_the_next_order(msg, ctx, request):
            return await start_order(msg, ctx)
        return await reply(msg, ctx, request)

    return change


async def reply(msg: Inbound, ctx: Context, request: aftercare.Request) -> Step:
    """The answer to a change request; one that asks for the value remembers what for."""
    text, waiting = await aftercare.answer(msg, ctx, request)
    if waiting is None:
        return Step.say(text)
    pending = {"change": str(waiting.change), "field": waiting.field, "order_no": waiting.order_no}
    return Step.say(text, slots={PENDING_CHANGE: pending})


async def value_given(msg: Inbound, ctx: Context) -> Step | None:
    """The message is the value the last reply asked for: the change is made; None otherwise."""
    pending = ctx.session.slots.get(PENDING_CHANGE)
    if not isinstance(pending, Mapping):
        return None
    try:
        change = Change(str(pending.get("change")))
    except ValueError:
        return None
    request = aftercare.Request(change, str(pending.get("field")), pending.get("order_no"), "")
    value = aftercare.value_for(request, msg.text)
    if value is None:
        return None
    return await reply(msg, ctx, replace(request, value=value))
