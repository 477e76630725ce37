"""`shopbot chat` after 人工: the bot stays silent by design while a human has the conversation,
and the terminal showed only "(no reply)", which reads as a broken bot. The chat tool now says,
in Chinese, that the message went to the human queue, on every channel, until the conversation
comes back to the bot; the bot's own answers are unchanged (still none)."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Callable
from contextlib import redirect_stdout
from dataclasses import replace
from typing import Any

import aiohttp
import pytest

from bot.gateway import create_app
from bot.simulator.chat import WITH_HUMAN, ChatOptions, ChatSession, Exchange, print_exchange
from mockwechat import create_mock_app
from tests.factories import demo_config

Opener = Callable[[str, str], Any]


def _url(server: Any) -> str:
    return str(server.make_url("")).rstrip("/")


@pytest.fixture
async def open_chat(aiohttp_server: Any) -> AsyncIterator[Opener]:
    mock = await aiohttp_server(create_mock_app())
    config = demo_config(_url(mock))
    bot = await aiohttp_server(create_app(config))
    # the chat waits the bot's reply budget for an answer that never comes: a short one here
    quick = replace(config, server=replace(config.server, reply_budget_s=0.1))
    async with aiohttp.ClientSession() as http:

        async def opened(channel: str, user: str) -> ChatSession:
            options = ChatOptions(channel=channel, user=user, url=_url(bot))
            session = ChatSession(quick, options, http)
            await session.start()
            return session

        yield opened


def _shown(exchange: Exchange) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        print_exchange(exchange, as_json=False)
    return out.getvalue()


@pytest.mark.parametrize(
    ("channel", "user"), [("oa", "o-waits-1"), ("wecom", "lisi"), ("kf", "wm-waits-1")]
)
async def test_a_message_to_the_human_queue_is_said_so_locally(
    open_chat: Opener, channel: str, user: str
) -> None:
    chat: ChatSession = await open_chat(channel, user)
    handed = await chat.send("转人工")
    assert "转接人工客服" in _shown(handed)
    waiting = await chat.send("在吗")
    assert not waiting.passive and not waiting.api  # the bot itself still says nothing
    assert WITH_HUMAN in _shown(waiting)
    assert "(no reply)" not in _shown(waiting)
    assert waiting.to_json()["note"] == WITH_HUMAN
    back = await chat.send("取消人工")
    assert "已切换回智能助手" in _shown(back)
    answered = await chat.send("有保温杯吗")
    assert WITH_HUMAN not in _shown(answered)
    assert "保温杯" in _shown(answered)


async def test_a_silence_without_a_human_is_no_human_queue(open_chat: Opener) -> None:
    chat: ChatSession = await open_chat("oa", "o-waits-2")
    answered = await chat.send("你好")
    assert WITH_HUMAN not in _shown(answered)
    assert "note" not in answered.to_json()
    assert not chat.with_human
