"""The shopper's entry for changes after ordering (改地址, 改电话, 改收货人, 备注, 开发票): the
message carries its arguments, so it is routed by the word it starts with (router prefixes).
What is not a change request after all ("开发票要多久") goes to `otherwise` (the FAQ answer).

A request without its value ("改地址") asks for it and waits one message (`PENDING_CHANGE`):
"广东省广州市天河区天河路385号" alone is then the new address of the order asked about.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from bot.business import aftercare
from bot.dialogs import words
from bot.dialogs.turn import word_of
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
    if waiting.to_confirm:
        pending["value"] = waiting.value
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
    proposed = pending.get("value")
    if isinstance(proposed, str):  # "是改成广东省深圳市…吗？": a yes makes it, a question waits
        return await _proposed(msg, ctx, replace(request, value=proposed, to_confirm=True))
    value = aftercare.value_for(request, msg.text)
    if value is None:
        return None
    return await reply(msg, ctx, replace(request, value=value))


_YES_CHANGE = re.compile(
    r"(?:对|是|嗯|好|行|可以|没错|确认)?(?:的|吧|啊)?(?:就?改吧|改吧|帮我改|改成这个|就这个)?"
)
_DONE_ASKED = re.compile(r"改好|改了(?:吗|没|么)|改过了|改成功")


async def _proposed(msg: Inbound, ctx: Context, request: aftercare.Request) -> Step | None:
    """The answer to "是改成…吗？": a yes changes the address; "改好了吗" is told it has not been
    changed yet (and the question still waits); anything else is read as it is."""
    word = word_of(msg.text)
    if word and (word in words.YES or _YES_CHANGE.fullmatch(word)):
        return Step.say(await aftercare.handle_request(msg, ctx, request))
    if _DONE_ASKED.search(msg.text):
        pending = {
            "change": str(request.change),
            "field": request.field,
            "order_no": request.order_no,
            "value": request.value,
        }
        text = f"还没改：等您确认新地址{request.value}，对的话回复“确认”我马上改。"
        return Step.say(text, slots={PENDING_CHANGE: pending})
    return None
