"""人工, then nothing for minutes: "人呢" got no answer at all. While queued on OA, a text after a
few quiet minutes gets one short "已经通知客服了", at most that often; on WeCom (where the bot
cannot tell whether a human is talking) the bot stays silent."""

from __future__ import annotations

import pytest

from bot.clock import TestClock
from bot.handlers import handoff
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


@pytest.fixture
def clock(shop: Shop) -> TestClock:  # noqa: F811
    """The bot's clock, moved by the test (`clock.advance(200)`)."""
    return shop.clock


async def test_a_waiting_shopper_hears_once_in_a_while_that_a_human_is_coming(
    shop: Shop,  # noqa: F811
    clock: TestClock,
) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 人工
        < [转人工]
        > 在吗
        < (silence)
        """
    )
    clock.advance(handoff.WAIT_NOTICE_S + 1)
    await chat.run(
        """
        > 人呢
        < 已经通知客服了
        > 你好
        < (silence)
        """
    )
    clock.advance(handoff.WAIT_NOTICE_S + 1)
    await chat.run(
        """
        > 人呢？？
        < 已经通知客服了
        > 取消人工
        < 已切换回智能助手
        """
    )


async def test_on_wecom_the_bot_stays_silent(shop: Shop, clock: TestClock) -> None:  # noqa: F811
    chat = shop.chat("lisi", channel="wecom")
    await chat.run(
        """
        > 人工
        < 正在为您转接人工客服
        """
    )
    clock.advance(handoff.WAIT_NOTICE_S * 3)
    await chat.run(
        """
        > 人呢
        < (silence)
        """
    )
