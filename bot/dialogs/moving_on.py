"""When a question still open gives way: the one rule every waiting prompt reads a message by.

A prompt waiting for an answer (a spec or a count of the order's line, which listed product to
buy, the receiver's name) must not take over a message that is clearly something else. Two
kinds of message move the shopper on instead of answering it:

* **a word that moves on** to the checkout or the order placed ("结算", "下单吧", "帮我下单",
  "确认", "提交", "好了就这些": `words.goes_on`);
* **the receiver's details** ("上海市浦东新区…12号 张三 138…"): a phone number, a labelled
  detail or an address. An address inside a question with no phone ("上海能送吗") is asked,
  not given.

What each prompt then does is its own (the order takes a count of one, lets an unfinished
line go, or says what is still needed; a list hands over to the order form), but whether it
gives way is decided here only, so no step answers "结算" differently from another.
"""

from __future__ import annotations

import re
from enum import StrEnum

from bot.dialogs.parse import NUMBER, QUESTION, UNITS, offers_receiver, phone_in
from bot.dialogs.turn import word_of
from bot.dialogs.words import goes_on


class MovingOn(StrEnum):
    CHECKOUT = "checkout"  # a word that moves on: 结算, 下单吧, 确认, 提交
    RECEIVER = "receiver"  # the receiver's details: name, phone, address


_COUNT = re.compile(rf"(?<![第\d]){NUMBER}\s*[{UNITS}]")
"""A count said beside a go-on word ("好 下单一个", "那先下单吧 20个"): how many are ordered."""


def moving_on(text: str) -> MovingOn | None:
    """How `text` moves the shopper past an open question, or None when it may answer it. A
    count beside the go-on word still moves on (the order form reads the count itself)."""
    if goes_on(word_of(text)) or goes_on(word_of(_COUNT.sub(" ", text, count=1).strip())):
        return MovingOn.CHECKOUT
    if offers_receiver(text) and (phone_in(text) or not QUESTION.search(text)):
        return MovingOn.RECEIVER
    return None


def says_go_on(text: str) -> bool:
    """Only the word kind: the message is "结算" / "下单吧" / "确认", nothing else to read."""
    return moving_on(text) is MovingOn.CHECKOUT
