"""The API client against the mock API: shared tokens, refresh on token errors, back-off, quotas."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from bot.outbound import Outbound
from bot.protocol import Channel, Inbound, Kind, TextReply
from bot.state import open_state_store
from mockwechat import create_mock_app
from mockwechat.credentials import DEMO_SHOPPER_OPENID, DEMO_STAFF_IDS
from tests.factories import demo_config


@pytest.fixture
async def mock_api(aiohttp_server):
    return await aiohttp_server(create_mock_app())


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


def _url(server) -> str:
    return str(server.make_url("")).rstrip("/")


async def _calls(http, server, path: str) -> list[dict]:
    async with http.get(server.make_url("/_mock/calls"), params={"path": path}) as response:
        return (await response.json())["calls"]


def _user_message(user: str) -> Inbound:
    return Inbound(Channel.OA, user, "gh_demo", Kind.TEXT, 1, msg_id="1", text="hi")


async def test_workers_share_one_token_fetch(mock_api, http):
    store = open_state_store("memory://")
    config = demo_config(_url(mock_api))
    workers = [Outbound(config, store, http) for _ in range(4)]
    tokens = await asyncio.gather(*(w.tokens.oa.get() for w in workers for _ in range(5)))
    assert len(set(tokens)) == 1
    assert len(await _calls(http, mock_api, "/cgi-bin/stable_token")) == 1


async def test_workers_share_one_token_fetch_through_redis(mock_api, http, redis_url):
    config = demo_config(_url(mock_api))
    stores = [open_state_store(redis_url) for _ in range(3)]
    try:
        workers = [Outbound(config, s, http) for s in stores]
        tokens = await asyncio.gather(*(w.tokens.wecom.get() for w in workers))
        assert len(set(tokens)) == 1
        assert len(await _calls(http, mock_api, "/cgi-bin/gettoken")) == 1
    finally:
        for store in stores:
            await store.close()


async def test_customer_service_send_and_quota(mock_api, http):
    store = open_state_store("memory://")
    outbound = Outbound(demo_config(_url(mock_api)), store, http)
    user = DEMO_SHOPPER_OPENID
    refused = await outbound.send(Channel.OA, user, TextReply("before any message"))
    assert not refused.ok and refused.errcode == 45047  # no grant yet: never call and fail
    await outbound.cs_quota.grant(_user_message(user))
    results = [await outbound.send(Channel.OA, user, TextReply(f"第{i}条")) for i in range(6)]
    assert [r.ok for r in results] == [True] * 5 + [False]
    sent = await _calls(http, mock_api, "/cgi-bin/message/custom/send")
    assert [c["body"]["text"]["content"] for c in sent] == [f"第{i}条" for i in range(5)]


async def test_a_refused_token_is_refreshed_once(mock_api, http):
    store = open_state_store("memory://")
    outbound = Outbound(demo_config(_url(mock_api)), store, http)
    await store.set(f"token:{outbound.tokens.wecom.name}", b"stale-token", 600)
    result = await outbound.send(Channel.WECOM, DEMO_STAFF_IDS[0], TextReply("你好"))
    assert result.ok
    assert await outbound.tokens.wecom.get() != "stale-token"


async def test_frequency_errors_back_off_and_retry(mock_api, http):
    async with http.post(
        mock_api.make_url("/_mock/faults"),
        json={"path": "/cgi-bin/message/send", "errcode": 45009, "count": 2},
    ) as response:
        assert response.status == 200
    outbound = Outbound(demo_config(_url(mock_api)), open_state_store("memory://"), http)
    outbound.caller.backoff_s = (0.01, 0.01, 0.01)
    assert (await outbound.send(Channel.WECOM, DEMO_STAFF_IDS[0], TextReply("重试"))).ok
    async with http.post(
        mock_api.make_url("/_mock/faults"),
        json={"path": "/cgi-bin/message/send", "errcode": 45009, "count": 5},
    ):
        pass
    failed = await outbound.send(Channel.WECOM, DEMO_STAFF_IDS[0], TextReply("放弃"))
    assert not failed.ok and failed.errcode == 45009


async def test_wecom_member_rate_limit_is_never_exceeded(mock_api, http):
    outbound = Outbound(demo_config(_url(mock_api)), open_state_store("memory://"), http)
    user = DEMO_STAFF_IDS[0]
    results = await asyncio.gather(
        *(outbound.send(Channel.WECOM, user, TextReply("x")) for _ in range(35))
    )
    assert sum(r.ok for r in results) == 30
    assert len(await _calls(http, mock_api, "/cgi-bin/message/send")) == 30


async def test_a_send_that_may_have_gone_through_is_not_repeated(mock_api, http):
    """A customer-service message has no idempotency key: after a timeout it is not resent."""
    async with http.post(
        mock_api.make_url("/_mock/faults"),
        json={"path": "/cgi-bin/message/custom/send", "delay_s": 0.5, "count": 1},
    ):
        pass
    store = open_state_store("memory://")
    config = demo_config(_url(mock_api))
    # The token is fetched over the ordinary session (it lands in the shared store), so only the
    # send itself meets the short timeout, however slow the machine is.
    await Outbound(config, store, http).tokens.oa.get()
    short = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=0.2))
    try:
        outbound = Outbound(config, store, short)
        outbound.caller.backoff_s = (0.01, 0.01, 0.01)
        await outbound.cs_quota.grant(_user_message(DEMO_SHOPPER_OPENID))
        result = await outbound.send(Channel.OA, DEMO_SHOPPER_OPENID, TextReply("只发一次"))
    finally:
        await short.close()
    assert not result.ok and result.outcome.value == "unknown"
    await asyncio.sleep(0.6)
    # The timed-out attempt was abandoned by the mock with the connection; a retry would have
    # found no fault left and been recorded as a second message.
    assert await _calls(http, mock_api, "/cgi-bin/message/custom/send") == []


async def test_customer_contact_calls_use_the_contact_secrets_token(mock_api, http):
    outbound = Outbound(demo_config(_url(mock_api)), open_state_store("memory://"), http)
    listed = await outbound.call_wecom(
        "/cgi-bin/externalcontact/groupchat/list", {"limit": 10}, idempotent=True
    )
    sent = await outbound.send(Channel.WECOM, DEMO_STAFF_IDS[0], TextReply("你好"))
    assert listed.ok and sent.ok
    assert len(await _calls(http, mock_api, "/cgi-bin/gettoken")) == 2
    contact = await _calls(http, mock_api, "/cgi-bin/externalcontact/groupchat/list")
    app = await _calls(http, mock_api, "/cgi-bin/message/send")
    assert contact[0]["query"]["access_token"] != app[0]["query"]["access_token"]
