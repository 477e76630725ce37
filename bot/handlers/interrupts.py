"""What every dialog state understands besides its own question — the one shared helper.

An active dialog is routed before the router's global words, so the dialogs handle them here:
取消 (leave), 返回 (previous question), 重新开始 (from the top), 人工 (hand-off); 我的订单 /
查物流 / 售后进度 are answered and the form asks again. When a state cannot use an answer, the
matcher decides: a known question (FAQ) is answered and the state asks again; another request
either leaves browsing for the handler of that request or, in a form, is told how to get there.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.dialogs import Dialogs
from bot.dialogs.machine import Dialog, ended
from bot.dialogs.turn import Turn
from bot.handlers import answers, handoff, queries
from bot.protocol import Inbound, TextReply
from bot.router import Router, normalise_command_word
from bot.session import Session
from bot.shop import catalog
from bot.step import Context, Step


def _words(*words: str) -> frozenset[str]:
    return frozenset(normalise_command_word(w) for w in words)


CANCEL = _words("取消", "算了", "不要了", "不买了", "退出", "结束", "不办了")
BACK = _words("返回", "上一步", "后退", "返回上一步")
RESTART = _words("重新开始", "重来", "重新来", "从头开始")
HUMAN = _words(*handoff.HUMAN_WORDS)
ORDERS = _words("我的订单", "查订单", "订单查询")
LOGISTICS = _words("查物流", "物流", "我的快递", "快递到哪了", "物流查询")
TICKETS = _words("售后进度", "我的售后", "售后单", "退款进度", "售后查询")
REQUESTS = frozenset(
    {"human_agent", "place_order", "order_status", "cancel_order", "modify_order", "return_refund"}
)
"""Intents that ask for something to be done (not a question with an FAQ answer)."""

Redispatch = Callable[[Inbound, Context], Awaitable[Step]]


def redispatcher(router: Router) -> Redispatch:
    """Route a message as if no dialog were active (for leaving browse on another request)."""

    async def redispatch(msg: Inbound, ctx: Context) -> Step:
        fresh = Context(Session(), ctx.services, ctx.match_cache)
        handler = router.resolve(msg, fresh)
        return ended(await handler(msg, fresh) if handler else Step())

    return redispatch


async def anytime_answer(msg: Inbound, ctx: Context, word: str) -> str | None:
    if word in ORDERS:
        return await queries.my_orders(msg, ctx)
    if word in LOGISTICS:
        return await queries.logistics(msg, ctx)
    if word in TICKETS:
        return await queries.my_tickets(msg, ctx)
    return None


class DialogGlobals:
    """Installed into every dialog as its `interrupt` and `unclear` hooks."""

    def __init__(self, redispatch: Redispatch) -> None:
        self.redispatch = redispatch

    async def interrupt(self, dialog: Dialog[Any], turn: Turn, state: str) -> Step | None:
        word = turn.word
        if word in CANCEL:
            return dialog.cancel()
        if word in BACK:
            return await dialog.back(turn, state)
        if word in RESTART:
            return await dialog.restart(turn)
        if word in HUMAN:
            return await handoff.start(turn.msg, turn.ctx)
        answer = await anytime_answer(turn.msg, turn.ctx, word) if word else None
        if answer is not None:
            return await dialog.reask(turn, state, (TextReply(answer),))
        return None

    async def unclear(self, dialog: Dialog[Any], turn: Turn, state: str) -> Step | None:
        """The state could not use the message: maybe it was about something else."""
        result = catalog.match(turn.msg, turn.ctx)
        if result is None or result.band == "fallback":
            return None
        if result.band == "act" and result.intent in REQUESTS:
            return await self._request(dialog, turn, state, result.intent)
        answer = await answers.question_answer(turn.msg, turn.ctx)
        if answer is not None:
            return await dialog.reask(turn, state, (TextReply(answer),))
        return None

    async def _request(self, dialog: Dialog[Any], turn: Turn, state: str, intent: str) -> Step:
        if intent == "human_agent":
            return await handoff.start(turn.msg, turn.ctx)
        if not dialog.form:  # browsing: follow the new request
            return await self.redispatch(turn.msg, turn.ctx)
        if intent == "order_status":
            answer = await queries.status_text(turn.msg, turn.ctx)
            return await dialog.reask(turn, state, (TextReply(answer),))
        note = f"您正在{dialog.title}，如需办理别的事情，请先回复“取消”。"
        return await dialog.reask(turn, state, (TextReply(note),))


def install(dialogs: Dialogs, router: Router) -> None:
    hooks = DialogGlobals(redispatcher(router))
    for dialog in dialogs.all():
        dialog.interrupt = hooks.interrupt
        dialog.unclear = hooks.unclear
