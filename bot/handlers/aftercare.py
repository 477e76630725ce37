"""The shopper's entry for changes after ordering (改地址, 改电话, 改收货人, 备注, 开发票): the
message carries its arguments, so it is routed by the word it starts with (router prefixes).
What is not a change request after all ("开发票要多久") goes to `otherwise` (the FAQ answer)."""

from __future__ import annotations

from bot.business import aftercare
from bot.protocol import Inbound
from bot.router import Handler
from bot.step import Context, Step

WORDS = aftercare.CHANGE_WORDS


def changes(otherwise: Handler) -> Handler:
    async def change(msg: Inbound, ctx: Context) -> Step:
        text = await aftercare.handle(msg, ctx)
        return Step.say(text) if text is not None else await otherwise(msg, ctx)

    return change
