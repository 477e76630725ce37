"""A staff member's broadcast end to end, through the real callback endpoint: preview, 确认, the
scheduler sends it, progress and a report come back; a restart mid-way sends no group twice."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from bot.broadcast.runner import ADD_MSG_TEMPLATE
from bot.config import SchedulerConfig
from bot.gateway import create_app
from bot.simulator import CallbackBuilder
from mockwechat import MockData, create_mock_app
from tests.staff.kit import (
    STAFF,
    Chat,
    bot_config,
    calls,
    mock_state,
    services_of,
    staff_router,
    wait_for,
)


@pytest.fixture
async def big_mock(aiohttp_server):
    return await aiohttp_server(create_mock_app(MockData.generated(groups=2000, followers=10)))


def _messages_to(server, user: str) -> list[str]:
    return [
        c.body["text"]["content"]
        for c in calls(server, "/cgi-bin/message/send")
        if c.body.get("touser") == user and c.body.get("msgtype") == "text"
    ]


def _sent_per_group(server) -> Counter[str]:
    return Counter(chat for c in calls(server, ADD_MSG_TEMPLATE) for chat in c.body["chat_id_list"])


async def _start(aiohttp_client, config, progress_every_s: float = 10.0):
    client = await aiohttp_client(create_app(config, router_factory=staff_router))
    services_of(client).broadcaster.progress_every_s = progress_every_s
    return client, Chat(client, CallbackBuilder(config, "wecom"), STAFF)


async def test_confirmed_broadcast_reaches_2000_groups_once_with_progress_and_report(
    aiohttp_client, big_mock
):
    config = bot_config(big_mock, scheduler=SchedulerConfig(enabled=True))
    _, chat = await _start(aiohttp_client, config, progress_every_s=0.0)
    preview = await chat.say("/broadcast 周末全场8折，欢迎选购")
    assert "共 2000 个" in preview and "23 位群主" in preview
    assert calls(big_mock, ADD_MSG_TEMPLATE) == []  # nothing before 确认
    assert "开始发送" in await chat.say("确认")
    await wait_for(lambda: any("群发报告" in t for t in _messages_to(big_mock, STAFF)), 15)
    sent = _sent_per_group(big_mock)
    assert len(sent) == 2000 and set(sent.values()) == {1}
    assert all(len(c.body["chat_id_list"]) <= 2000 for c in calls(big_mock, ADD_MSG_TEMPLATE))
    texts = _messages_to(big_mock, STAFF)
    report = next(t for t in texts if "群发报告" in t)
    assert "覆盖 2000 个群" in report and "待 23 位群主" in report
    assert any("开始群发" in t for t in texts)
    assert any("进度" in t for t in texts)


async def test_a_restart_mid_broadcast_sends_no_group_twice(aiohttp_client, big_mock, tmp_path):
    config = bot_config(big_mock, scheduler=SchedulerConfig(enabled=True))
    database = f"sqlite:///{tmp_path / 'shop.sqlite3'}"
    config = replace(config, storage=replace(config.storage, database=database))
    first, chat = await _start(aiohttp_client, config)
    await chat.say("/broadcast 周末全场8折")
    await chat.say("确认")
    await wait_for(lambda: len(calls(big_mock, ADD_MSG_TEMPLATE)) >= 5, every_s=0.005)
    mock_state(big_mock).faults.add({"path": ADD_MSG_TEMPLATE, "delay_s": 1.0})
    await wait_for(lambda: not mock_state(big_mock).faults.active(), every_s=0.005)
    await first.close()  # the worker stops with a call in flight
    await _start(aiohttp_client, config)  # ... and a new one takes over the same database
    await wait_for(lambda: any("群发报告" in t for t in _messages_to(big_mock, STAFF)), 15)
    sent = _sent_per_group(big_mock)
    assert set(sent.values()) == {1}, "a group got the promotion twice"
    report = next(t for t in _messages_to(big_mock, STAFF) if "群发报告" in t)
    assert "未重发" in report
    assert any("继续群发" in t for t in _messages_to(big_mock, STAFF))
