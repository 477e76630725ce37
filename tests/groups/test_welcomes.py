"""Welcomes and consent, through the real callback endpoint: a new customer's welcome within its
20 s window, the group welcome after a join, 退订 / 订阅, and QR-scene attribution."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from bot.gateway import create_app
from bot.handlers import groups
from bot.simulator import CallbackBuilder
from mockwechat import create_mock_app
from tests.staff.kit import (
    SHOPPER,
    Chat,
    bot_config,
    calls,
    mock_state,
    services_of,
    staff_router,
    wait_for,
)

WELCOME = "/cgi-bin/externalcontact/send_welcome_msg"
TASK = "/cgi-bin/externalcontact/add_msg_template"


@pytest.fixture
async def mock_api(aiohttp_server):
    return await aiohttp_server(create_mock_app())


@pytest.fixture
async def bot(aiohttp_client, mock_api):
    return await aiohttp_client(create_app(bot_config(mock_api), router_factory=staff_router))


def system(bot) -> Chat:
    return Chat(bot, CallbackBuilder(services_of(bot).config, "wecom"), "sys")


def shopper(bot) -> Chat:
    return Chat(bot, CallbackBuilder(services_of(bot).config, "oa"), SHOPPER)


async def test_a_new_customer_is_welcomed_once(bot, mock_api):
    state = mock_state(mock_api)
    contact = state.directory.contacts_of("zhangsan")[0]
    code = state.welcome.issue("zhangsan", contact, state.clock())
    event = {
        "ChangeType": "add_external_contact",
        "UserID": "zhangsan",
        "ExternalUserID": contact,
        "State": "spring_poster",
        "WelcomeCode": code.code,
    }
    callback = system(bot).builder.event("sys", "change_external_contact", **event)
    for _ in range(2):  # WeChat's retry of the same callback
        await bot.post(callback.path, params=callback.query, data=callback.body)
    [call] = calls(mock_api, WELCOME)
    assert call.errcode == 0 and call.body["welcome_code"] == code.code
    assert "欢迎" in call.body["text"]["content"]


async def test_no_welcome_code_no_call_and_a_late_code_is_only_logged(bot, mock_api):
    await system(bot).event("change_external_contact", ChangeType="add_external_contact")
    assert calls(mock_api, WELCOME) == []
    await system(bot).event(
        "change_external_contact",
        ChangeType="add_external_contact",
        ExternalUserID="wmSomeoneElse",
        WelcomeCode="stale",
    )
    [call] = calls(mock_api, WELCOME)
    assert call.errcode == 41096


async def test_a_customer_joining_a_group_gets_the_group_welcome(bot, mock_api, monkeypatch):
    monkeypatch.setattr(groups, "REREAD_AFTER_S", 0.01)
    state = mock_state(mock_api)
    chat_id = state.directory.group_order[0]
    group = state.directory.groups[chat_id]
    services = services_of(bot)
    await groups.GroupWelcomes(services, 0).refresh(chat_id)  # the members we knew before
    newcomer = state.directory.contacts_of(group.owner)[-1]
    state.directory.groups[chat_id] = replace(
        group, external_members=(*group.external_members, newcomer)
    )
    event = {"ChangeType": "update", "UpdateDetail": "add_member", "ChatId": chat_id}
    await system(bot).event("change_external_chat", JoinScene="3", MemChangeCnt="1", **event)
    await wait_for(lambda: calls(mock_api, TASK))
    [task] = calls(mock_api, TASK)
    name = state.directory.contacts[newcomer].name
    assert task.body["chat_id_list"] == [chat_id] and task.body["sender"] == group.owner
    assert name in task.body["text"]["content"] and group.name in task.body["text"]["content"]
    # A second join within 30 minutes is not a second task: it waits to be welcomed together.
    another = state.directory.contacts_of(group.owner)[-2]
    state.directory.groups[chat_id] = replace(
        state.directory.groups[chat_id],
        external_members=(*state.directory.groups[chat_id].external_members, another),
    )
    builder = system(bot).builder
    fields = {"MsgType": "event", "Event": "change_external_chat", **event}
    callback = builder.message("sys", fields, create_time=int(time.time()) + 1)  # a new event
    await bot.post(callback.path, params=callback.query, data=callback.body)
    await wait_for(lambda: services.store.get(f"grp:welcome:pending:{chat_id}"))
    await services.tasks.wait()
    assert len(calls(mock_api, TASK)) == 1
    pending = await services.store.get(f"grp:welcome:pending:{chat_id}")
    assert pending is not None
    assert state.directory.contacts[another].name in pending.decode()


async def test_opt_out_and_back_in(bot):
    db = services_of(bot).db
    assert "已为您退订" in await shopper(bot).say("退订")
    assert await db.opt_outs.is_opted_out("oa", SHOPPER)
    assert "恢复订阅" in await shopper(bot).say("订阅")
    assert not await db.opt_outs.is_opted_out("oa", SHOPPER)
    assert await services_of(bot).stats.get("optout") == 1


async def test_subscribe_scene_is_recorded(bot):
    reply = await shopper(bot).event("subscribe", EventKey="qrscene_spring_poster", Ticket="t")
    assert reply == "welcome"  # the subscribe handler still answers
    services = services_of(bot)
    entries = [e for e in await services.db.audit.recent() if e.action == "oa.subscribe"]
    assert [e.target for e in entries] == ["scene:spring_poster"]
    assert await services.stats.get("scene:spring_poster") == 1
