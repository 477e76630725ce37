"""确认 / /confirm / /cancel for a broadcast draft waiting in the staff member's session."""

from __future__ import annotations

import dataclasses

from bot.broadcast.drafts import confirm_or_cancel
from bot.handlers.staff.registry import COMMANDS, STAFF_DM
from bot.protocol import Inbound
from bot.step import Context, Step

NOTHING_TO_CONFIRM = (
    "现在没有待确认的群发。要发新的群发请发送 /broadcast 文本，发 /help 查看全部指令。"
)


async def broadcast_dialog(msg: Inbound, ctx: Context) -> Step:
    """The `broadcast:confirm` state: staff confirm or drop the draft; anyone else is refused and
    the draft dropped."""
    refusal = await COMMANDS.refuse(msg, ctx, "confirm")
    if refusal is not None:
        return dataclasses.replace(refusal, next_state=None, reset_slots=True)
    return await confirm_or_cancel(msg, ctx)


def from_staff(msg: Inbound, ctx: Context) -> bool:
    """The guard of the 确认 word: staff in a direct chat with the app."""
    return STAFF_DM.refusal(msg, ctx) is None


async def late_confirm(msg: Inbound, ctx: Context) -> Step:
    """确认 from staff with no draft waiting (a second 确认 after a broadcast) is told so, not
    given the shopper's fallback (the router takes it for staff only: `from_staff`)."""
    return Step.say(NOTHING_TO_CONFIRM)
