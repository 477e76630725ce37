"""确认 / /confirm / /cancel for a broadcast draft waiting in the staff member's session."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable

from bot.broadcast.drafts import confirm_or_cancel
from bot.handlers.staff.registry import COMMANDS, STAFF_DM
from bot.protocol import Inbound
from bot.router import Router
from bot.step import Context, Step

NOTHING_TO_CONFIRM = (
    "现在没有待确认的群发。要发新的群发请发送 /broadcast 文本，发 /help 查看全部指令。"
)
Handler = Callable[[Inbound, Context], Awaitable[Step]]


async def broadcast_dialog(msg: Inbound, ctx: Context) -> Step:
    """The `broadcast:confirm` state: staff confirm or drop the draft; anyone else is refused and
    the draft dropped."""
    refusal = await COMMANDS.refuse(msg, ctx, "confirm")
    if refusal is not None:
        return dataclasses.replace(refusal, next_state=None, reset_slots=True)
    return await confirm_or_cancel(msg, ctx)


def late_confirm(router: Router) -> Handler:
    """确认 from staff with no draft waiting (a second 确认 after a broadcast) is told so, not
    given the shopper's fallback; anyone else's 确认 goes where it went before (intent, fallback)."""
    before = router.words.get("确认")

    async def confirm_word(msg: Inbound, ctx: Context) -> Step:
        if STAFF_DM.refusal(msg, ctx) is None:
            return Step.say(NOTHING_TO_CONFIRM)
        handler = before or router.resolve_without_words(msg, ctx)
        return await handler(msg, ctx) if handler is not None else Step()

    return confirm_word
