"""From a shopper's words to an intent id the router can act on, honestly.

The matcher answers with a band (knowledge/bands.py): "act" runs the intent's handler; "clarify"
goes to a handler that asks which of the close readings was meant; "fallback" resolves to None so
the fallback handler says plainly that the bot did not understand and offers a human. The match
is cached in `ctx.match_cache`, so the handler that runs next reads the same result for free.
An intent the matcher acted on is returned as an `IntentId`, so the routing result
(`Route.recognised`) tells /stats what was recognised; the clarify band's key is a plain `str`.
"""

from __future__ import annotations

import re
import unicodedata

from bot.handlers import answers, payments, smalltalk
from bot.protocol import Inbound
from bot.shop import catalog
from bot.step import Context
from knowledge.matcher import MatchResult
from knowledge.model import IntentId
from knowledge.regions import place_in

CLARIFY = "clarify"
"""The pseudo-intent of the clarify band; `routes.register` routes it to the clarifying handler."""
SMALL_TALK = "small_talk"
"""The pseudo-intent of small talk said in a phrase (挺智能的, 今天好冷啊, 我回来了): read before
the matcher, whose product words would find a smartwatch strap in 智能."""

PAID = "paid"
"""The pseudo-intent of "付好了" / "已经付了": the shopper says they paid, asks nothing; the
matcher reads it as anything from cancel_order to nothing at all."""

PAY_LINK = "pay_link"
"""The pseudo-intent of "付款链接找不到了 再发一下": the pay link of the unpaid order, sent again;
the matcher reads 再发 as after-sales 补发 or order status."""


_KNOWN = frozenset(IntentId)
_ASKS_FOR = re.compile(
    r"^(?:请问|你们|你家|店里|这里|这边|这儿|这|那)*(?:有没有卖|有没有|有木有|有卖|卖不卖|有|卖)"
    r"(?:一个|一款|个|款|点)?(?P<thing>[^\s]{1,12}?)(?:的)?(?:卖吗|吗|么|嘛|不|没有|没|呢)?$"
    # the thing first (口罩有不, 那猫粮有没有)
    r"|^(?:请问|你们|那)*(?P<first>[^\s]{1,12}?)(?:有没有|有木有|有吗|有么|有嘛|有不|有卖吗|有卖没|有没)"
    r"(?:卖)?(?:啊|呀|呢)?$"
)
"""A question whether the shop sells a thing and nothing more (有口罩吗, 卖笔记本电脑吗); a second
clause may only say the thing again more closely (有酒吗 白酒)."""
_ASPECT_ASKED = re.compile(r"颜色|尺码|码|色|号|款|货|规格|型号|优惠|活动|券|人")
"""有货吗, 颜色有不, 有人吗: about the shop or a product, not whether it sells a thing."""
_CLAUSE_BREAK = re.compile(r"[\s,，。.!！?？;；、~～]+")


def _sold_thing(text: str, max_clauses: int) -> str | None:
    """The thing a message asks the shop to sell, when it asks only that (in at most
    `max_clauses` clauses, the first the question)."""
    clauses = [c for c in _CLAUSE_BREAK.split(unicodedata.normalize("NFKC", text)) if c]
    if not clauses or len(clauses) > max_clauses:
        return None
    found = _ASKS_FOR.match(clauses[0])
    return (found.group("thing") or found.group("first")) if found else None


def asks_for_unsold(text: str, unsold: str | None) -> bool:
    """Is the message only the question whether the shop sells `unsold` (a thing it does not)?
    Then it is a search whatever band the matcher gives it: the shopper is told plainly."""
    thing = _sold_thing(text, 2) if unsold is not None else None
    return thing is not None and thing.casefold() == unsold


def asks_whether_sold(text: str) -> bool:
    """Is `text` only the question whether the shop sells a thing (有口罩吗, 卖酒不, 那猫粮有没有)?"""
    thing = _sold_thing(text, 1)
    return bool(thing) and not _ASPECT_ASKED.search(thing or "")


def _place_answers(msg: Inbound, ctx: Context, result: MatchResult) -> bool:
    """ "广州可以发吗": the shipping rules answer it, where no FAQ is close enough."""
    return not answers.confident_faq(result) and bool(
        answers.place_answer(msg.text, catalog.kb(ctx))
    )


def resolve_intent(msg: Inbound, ctx: Context) -> IntentId | str | None:
    small = smalltalk.kind(msg.text)
    # 稍等 我找找: the shopper is busy for a moment; the matcher would hear a goodbye in it
    if small in smalltalk.CHAT_KINDS or small is smalltalk.Small.WAIT:
        return SMALL_TALK
    if payments.says_paid(msg.text):
        return PAID
    if payments.asks_pay_link(msg.text):
        return PAY_LINK
    if answers.asks_for_contact(msg.text):  # 人工的热线是多少: a question, never a hand-off
        return IntentId.OTHER
    result = catalog.match(msg, ctx)
    if result is None:
        return None
    if place_in(msg.text) is not None and _place_answers(msg, ctx, result):
        return IntentId.PRODUCT_INFO  # 广州可以发吗: the shipping rules answer, however it scored
    if result.band != "act" and asks_for_unsold(msg.text, result.unsold):
        return IntentId.PRODUCT_SEARCH
    if result.band == "act":
        # Always a knowledge intent (the loader refuses others); a plain str would route nowhere.
        return IntentId(result.intent) if result.intent in _KNOWN else result.intent
    if result.band == "clarify":
        return CLARIFY
    return None
