"""`shopbot chat`: pictures, follows and menu taps from the terminal, and messages the API refused."""

from __future__ import annotations

import io
from contextlib import redirect_stdout

import aiohttp
import pytest

from bot.gateway import create_app
from bot.simulator.chat import ChatOptions, ChatSession, print_exchange
from mockwechat import create_mock_app
from tests.factories import demo_config


def _url(server) -> str:
    return str(server.make_url("")).rstrip("/")


@pytest.fixture
async def chat(aiohttp_server):
    mock = await aiohttp_server(create_mock_app())
    config = demo_config(_url(mock))
    bot = await aiohttp_server(create_app(config))
    async with aiohttp.ClientSession() as http:
        session = ChatSession(config, ChatOptions(url=_url(bot)), http)
        await session.start()
        yield session, mock, http


async def test_follow_menu_and_photo_are_real_events_and_messages(chat):
    session, _, _ = chat
    follow = await session.send("/follow")
    assert follow.status == 200 and "欢迎" in (follow.passive or {}).get("Content", "")
    menu = await session.send("/menu browse")
    assert menu.status == 200 and (menu.passive or menu.api)
    photo = await session.send("/photo")
    assert "图片" in (photo.passive or {}).get("Content", "")


async def test_a_staff_command_is_still_sent_as_text(chat):
    session, _, _ = chat
    session.builder = session.builder.__class__(session.config, "wecom")
    session.user = "zhangsan"
    exchange = await session.send("/help")
    assert "/broadcast" in str([exchange.passive, exchange.api])


async def test_a_message_the_api_refused_is_marked_not_delivered(chat):
    session, mock, http = chat
    fault = {"path": "/cgi-bin/message/custom/send", "errcode": 48001, "count": -1}
    async with http.post(mock.make_url("/_mock/faults"), json=fault) as response:
        assert response.status == 200
    exchange = await session.send("人工")
    assert exchange.api, "the hand-off sends a notice through the API"
    assert exchange.to_json()["undelivered"][0]["errcode"] == 48001
    out = io.StringIO()
    with redirect_stdout(out):
        print_exchange(exchange, as_json=False)
    assert "not delivered: 48001" in out.getvalue()


async def test_any_user_the_chat_speaks_as_can_be_messaged_by_the_bot(aiohttp_server):
    mock = await aiohttp_server(create_mock_app())
    config = demo_config(_url(mock))
    bot = await aiohttp_server(create_app(config))
    async with aiohttp.ClientSession() as http:
        session = ChatSession(config, ChatOptions(url=_url(bot), user="u_new_shopper"), http)
        await session.start()
        exchange = await session.send("人工")
    assert exchange.api, "the hand-off sends a notice through the API"
    assert exchange.to_json()["undelivered"] == []
