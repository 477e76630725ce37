"""While queued for a human, "算了等不了 取消人工" got no reply and kept the shopper in the queue
(only the exact 取消人工 left it), so every later question was silence too. Any way of saying
the human is not wanted any more ends the hand-off and the next lines are answered; a new
question while still queued is acknowledged (the bot does not answer for the human, but never
leaves it unheard), while a nudge keeps its own notice and 好的 gets nothing."""

from __future__ import annotations

import pytest

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop

BACK = "已切换回智能助手"


@pytest.mark.parametrize(
    "leave",
    [
        "算了等不了 取消人工",
        "不用人工了",
        "不要客服了",
        "算了 客服不用了",
        "那我不找人工了，你帮我看看吧",
        "还是切回机器人吧",
        "算了不用了 取消吧",
        "不用了",
        "那算了",
    ],
)
async def test_leaving_the_queue_in_own_words(shop: Shop, leave: str) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要找人工 你们机器人听不懂
        < [转人工]
        > {leave}
        < {BACK}
        <! 不客气
        > 有保温杯吗
        < 保温杯
        """
    )


async def test_wanting_a_human_is_no_leaving(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 人工
        < [转人工]
        > 不要机器人 我要人工
        <! 已切换回智能助手
        """
    )


async def test_no_human_wanted_before_any_hand_off(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 不用人工了
        < 您现在就在和智能助手聊天
        <! [转人工]
        <! 正在为您转接人工客服
        """
    )


async def test_a_question_in_the_queue_is_acknowledged(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 转人工
        < [转人工]
        > 我就问下 我上周买的东西 7天没到能退吗
        < 人工客服还在接入中
        < 取消人工
        > 那我的订单你查一下
        < 客服接入后
        <! 人工客服还在接入中
        > 在吗
        < (silence)
        > 人工
        < (silence)
        > 谢谢
        < (silence)
        > 算了等不了 取消人工
        < 已切换回智能助手
        > 那我的订单你查一下
        <! 人工客服还在接入中
        """
    )
