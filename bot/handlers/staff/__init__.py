"""Staff commands over the WeCom app, errbot style: one `@command` per command, by topic.

Only the WeCom members listed in `[wecom] staff` may use them, and only in a direct chat with the
app; anyone else (a shopper typing "/broadcast" on the OA, a member not on the list, a group chat)
gets a polite refusal and an audit entry. A wrong argument answers in Chinese with the command's
usage. Every command leaves one audit entry with its real outcome (registry.CommandOutcome).

| module | commands |
|---|---|
| help.py | /help [指令名] |
| broadcast.py | /broadcast, /push, /campaign (drafts wait for 确认: confirm.py) |
| orders.py | /orders [状态 或 订单号], /ship 订单号 快递 单号 |
| tickets.py | /tickets [状态], /ticket 售后单号 [操作 …] |
| handback.py | /handback 顾客编号 (the number of the hand-off alert) |
| reports.py | /stats, /unanswered |
| knowledge.py | /reload |
| registry.py | `@command`, `Arg`, `Acl`, the dispatcher, outcomes, `Declined` / `Failed` |
| args.py | argparse in Chinese, quotes, send times |

A new command goes in the topic module it belongs to (or a new one imported below), decorated
with `@command(...)`; see README.md beside this file.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.broadcast.drafts import CONFIRM_WORDS, confirm_or_cancel

# Each topic module registers its commands on import; /help lists them in this order.
from bot.handlers.staff import broadcast, handback, knowledge, orders, reports, tickets  # noqa: F401
from bot.handlers.staff import help as help_module  # noqa: F401
from bot.handlers.staff.confirm import (
    NOTHING_TO_CONFIRM,
    broadcast_dialog,
    from_staff,
    late_confirm,
)
from bot.handlers.staff.registry import COMMANDS, CommandOutcome, fit
from bot.protocol import Inbound
from bot.router import RouteKind, Router
from bot.step import Context, Step

__all__ = ["COMMANDS", "NOTHING_TO_CONFIRM", "CommandOutcome", "fit", "register"]


async def handle(msg: Inbound, ctx: Context) -> Step:
    """Every routed "/name": a staff command, or /confirm and /cancel for a waiting draft."""
    return await COMMANDS.dispatch(msg, ctx, confirm_or_cancel)


def register(router: Router, commands: Sequence[str] = ()) -> None:
    """Route every staff command, /confirm and /cancel, and the confirmation dialog."""
    for name in (*COMMANDS.commands, "confirm", "cancel", *commands):
        router.command(name)(handle)
    router.dialog("broadcast", kind=RouteKind.STAFF)(broadcast_dialog)
    # Anyone else's 确认 goes where it would without this word (intent, fallback).
    router.word(*CONFIRM_WORDS, kind=RouteKind.STAFF, when=from_staff)(late_confirm)
