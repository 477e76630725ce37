"""Issue 14, item 9: the admin token and spaces; staff's second 确认 after a broadcast; a paused
scheduler leader's stale progress message after the final report."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.broadcast.runner import ADD_MSG_TEMPLATE
from bot.config import ConfigError, SchedulerConfig, config_from_mapping
from bot.gateway import create_app
from bot.handlers.shopper import FALLBACK
from bot.handlers.staff import NOTHING_TO_CONFIRM
from bot.simulator import CallbackBuilder
from mockwechat import MockData, create_mock_app
from tests.staff.kit import STAFF, Chat, bot_config, calls, mock_state, services_of, wait_for

TOKEN = "s3cret-admin-token"


@pytest.mark.parametrize("token", [TOKEN + " ", " " + TOKEN, TOKEN + "\n", "two words"])
def test_an_admin_token_with_spaces_is_a_config_error(token):
    with pytest.raises(ConfigError) as caught:
        config_from_mapping({"shop": {"admin_token": token}}, {})
    assert caught.value.key == "shop.admin_token"


def test_an_admin_token_from_the_environment_with_a_newline_is_refused_too():
    with pytest.raises(ConfigError, match=r"shop\.admin_token"):
        config_from_mapping({}, {"SHOPBOT_SHOP_ADMIN_TOKEN": TOKEN + "\n"})


@pytest.fixture
async def mock(aiohttp_server):
    return await aiohttp_server(create_mock_app())


async def test_the_admin_token_is_compared_exactly(aiohttp_client, mock):
    config = bot_config(mock)
    config = replace(config, shop=replace(config.shop, admin_token=TOKEN))
    client = await aiohttp_client(create_app(config))
    url = "/admin/orders/SB0000000000/paid"
    for header in (f"Bearer  {TOKEN}", f"Bearer {TOKEN}x", f"Bearer\t{TOKEN}"):
        response = await client.post(url, headers={"Authorization": header})
        assert response.status == 401, header
    right = await client.post(url, headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status == 404  # let in: that order does not exist


async def test_a_second_confirm_after_a_broadcast_is_not_the_shopper_fallback(aiohttp_client, mock):
    config = bot_config(mock)
    client = await aiohttp_client(create_app(config))
    chat = Chat(client, CallbackBuilder(config, "wecom"), STAFF)
    assert "群发预览" in await chat.say("/broadcast 周末全场8折，欢迎选购")
    assert "已确认" in await chat.say("确认")
    second = await chat.say("确认")
    assert second == NOTHING_TO_CONFIRM
    assert FALLBACK not in second
    # A shopper's 确认 outside any dialog still goes where it went before.
    shopper = Chat(client, CallbackBuilder(config, "oa"), "oShopperConfirm")
    assert NOTHING_TO_CONFIRM not in await shopper.say("确认")


@pytest.fixture
async def big_mock(aiohttp_server):
    return await aiohttp_server(create_mock_app(MockData.generated(groups=600, followers=10)))


def _staff_texts(server) -> list[str]:
    return [
        c.body["text"]["content"]
        for c in calls(server, "/cgi-bin/message/send")
        if c.body.get("touser") == STAFF and c.body.get("msgtype") == "text"
    ]


async def test_a_leader_resumed_after_a_long_pause_sends_no_progress_after_the_report(
    aiohttp_client, big_mock, tmp_path
):
    config = bot_config(big_mock, scheduler=SchedulerConfig(enabled=True))
    database = f"sqlite:///{tmp_path / 'shop.sqlite3'}"
    config = replace(config, storage=replace(config.storage, database=database))
    paused = await aiohttp_client(create_app(config))
    services_of(paused).broadcaster.progress_every_s = 0.0  # due at its very next batch
    chat = Chat(paused, CallbackBuilder(config, "wecom"), STAFF)
    await chat.say("/broadcast 周末全场8折")
    await chat.say("确认")
    await wait_for(lambda: len(calls(big_mock, ADD_MSG_TEMPLATE)) >= 2, every_s=0.005)
    # The first leader's call hangs (a long pause); a second leader resumes and finishes the run.
    mock_state(big_mock).faults.add({"path": ADD_MSG_TEMPLATE, "delay_s": 4.0})
    await wait_for(lambda: not mock_state(big_mock).faults.active(), every_s=0.005)
    await aiohttp_client(create_app(config))
    await wait_for(lambda: any("群发报告" in t for t in _staff_texts(big_mock)), 20)
    # The paused leader wakes up when its call returns, and finishes its run loop.
    first = services_of(paused).broadcaster
    await wait_for(lambda: not first._active, 10)
    await wait_for(lambda: not mock_state(big_mock).faults.active(), 1)
    texts = _staff_texts(big_mock)
    report_at = max(i for i, t in enumerate(texts) if "群发报告" in t)
    assert not [t for t in texts[report_at + 1 :] if "进度" in t]
