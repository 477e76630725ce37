"""Answers to a shopper's question, wherever it is asked: inside a form, on a product card, or
outside any dialog.

One door, so that improving how questions are understood (FAQ, product facts, several questions
in one message) improves every place that answers them. The dialogs call `question_answer` when a
state cannot use a message; None means "not a question we can answer", and the state decides what
to do with the message instead.
"""

from __future__ import annotations

from bot.protocol import Inbound
from bot.shop import catalog
from bot.step import Context

FAQ_MIN_IN_CLARIFY = 0.8  # a clarify-band FAQ hit this close is still the answer to give


async def question_answer(msg: Inbound, ctx: Context) -> str | None:
    """The shop's answer to a question in `msg`, or None when there is no confident one."""
    result = catalog.match(msg, ctx)
    if result is None or result.band == "fallback" or result.faq is None:
        return None
    if result.band == "act" or result.faq.score >= FAQ_MIN_IN_CLARIFY:
        return result.faq.answer
    return None
