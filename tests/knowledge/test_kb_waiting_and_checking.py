"""Waiting, checking and thanking phrases the matcher mixed up: a shopper busy for a moment
(稍等 我找找) is not saying goodbye; a yes/no question made of thank-you words (弄好了吗) checks on
something; thanks said with 您 or a bare 没有的 is a goodbye; a lone character is no ask; and a
parcel asked after in a roundabout way (要好几天才能到, 正在送往, 没法发货) is order status."""

from __future__ import annotations

import pytest

from bot.handlers import smalltalk
from knowledge import Matcher


@pytest.mark.parametrize(
    "text",
    ["稍等 我找找", "等等 我翻下记录", "你等下 我问问", "稍等哈 我查查", "等一下 我找下单号"],
)
def test_busy_for_a_moment_is_no_goodbye(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).intent != "thanks_bye"


@pytest.mark.parametrize(
    "text",
    [
        "稍等 我找找",
        "等下我翻下聊天记录",
        "好的 稍等我看看",
        "我查一下订单",
        "你等一下 我问问家里人",
    ],
)
def test_busy_phrases_are_small_talk_for_waiting(text: str) -> None:
    assert smalltalk.kind(text) is smalltalk.Small.WAIT


@pytest.mark.parametrize(
    "text", ["我问一下", "我看看有没有卖鞋的", "我看下这个多少钱", "帮我查一下", "我看看"]
)
def test_a_question_or_browsing_is_no_busy_phrase(text: str) -> None:
    """我问一下 opens a question, 我看看 may mean browsing: neither is "wait for me"."""
    assert smalltalk.kind(text) is not smalltalk.Small.WAIT


@pytest.mark.parametrize("text", ["弄好了吗", "现在行了吗", "好了没", "搞定了没", "这样可以了么"])
def test_a_question_made_of_thanks_words_is_no_thanks(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).intent != "thanks_bye"


@pytest.mark.parametrize("text", ["好的 麻烦您了", "辛苦您了", "谢谢您", "没有的", "没有了呢"])
def test_polite_thanks_and_nothing_more_are_a_goodbye(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).intent == "thanks_bye"


@pytest.mark.parametrize("text", ["张", "李", "的"])
def test_a_lone_character_gets_no_guess(matcher: Matcher, text: str) -> None:
    """The classifier's character statistics say nothing about one character alone."""
    assert matcher.match(text).band == "fallback"


@pytest.mark.parametrize(
    "text",
    [
        "怎么要好几天才能到",
        "多久才可以收到",
        "包裹正在送往哪个站",
        "是不是没法发货了",
        "已经运往仓库了吗",
    ],
)
def test_a_roundabout_parcel_question_is_order_status(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).intent == "order_status"
