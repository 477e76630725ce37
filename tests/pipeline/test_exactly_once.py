"""WeChat retries: one handler run, identical replies; the slow path answers once via the API."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from bot.gateway import PIPELINE, create_app
from bot.protocol import Inbound
from bot.router import Router
from bot.simulator import CallbackBuilder
from bot.step import Context, Step
from mockwechat import create_mock_app
from tests.factories import demo_config, with_budget
from tests.replies import passive_reply


class CountingBot:
    """A router whose only handler counts its runs, optionally slowly, and keeps a per-user tally."""

    def __init__(self, delay_s: float = 0.0) -> None:
        self.runs: Counter[str] = Counter()
        self.delay_s = delay_s

    def router(self, services) -> Router:
        router = Router()

        @router.fallback
        async def count(msg: Inbound, ctx: Context) -> Step:
            self.runs[msg.msg_id] += 1
            await asyncio.sleep(self.delay_s)
            seen = int(ctx.session.slots.get("seen", 0)) + 1
            return Step.say(f"第{seen}条：{msg.text}", next_state="tally:on", slots={"seen": seen})

        @router.dialog("tally")
        async def tally(msg: Inbound, ctx: Context) -> Step:
            return await count(msg, ctx)

        return router


@pytest.fixture
async def mock_api(aiohttp_server):
    return await aiohttp_server(create_mock_app())


def _api_url(server) -> str:
    return str(server.make_url("")).rstrip("/")


async def _send(client, callback):
    response = await client.post(callback.path, params=callback.query, data=callback.body)
    assert response.status == 200
    return await response.text()


async def _bot(aiohttp_client, config, bot: CountingBot):
    return await aiohttp_client(create_app(config, router_factory=bot.router))


async def test_sequential_retries_run_the_handler_once(aiohttp_client, mock_api):
    bot = CountingBot()
    config = demo_config(_api_url(mock_api))
    client = await _bot(aiohttp_client, config, bot)
    builder = CallbackBuilder(config, "oa")
    callback = builder.text("oUser1", "有没有保温杯", msg_id=1001)
    bodies = [await _send(client, callback) for _ in range(3)]
    replies = [passive_reply(builder, b)["Content"] for b in bodies]
    assert bot.runs["1001"] == 1
    assert replies == ["第1条：有没有保温杯"] * 3


async def test_concurrent_retries_run_the_handler_once(aiohttp_client, mock_api):
    bot = CountingBot(delay_s=0.2)  # the retries arrive while the first attempt is still working
    config = demo_config(_api_url(mock_api))
    client = await _bot(aiohttp_client, config, bot)
    builder = CallbackBuilder(config, "oa")
    callback = builder.text("oUser2", "在吗", msg_id=2002)
    bodies = await asyncio.gather(*(_send(client, callback) for _ in range(3)))
    assert bot.runs["2002"] == 1
    assert len({passive_reply(builder, b)["Content"] for b in bodies}) == 1


async def test_retries_across_two_workers_sharing_redis(aiohttp_client, mock_api, redis_url):
    bot = CountingBot(delay_s=0.1)
    config = demo_config(_api_url(mock_api), state=redis_url)
    worker_a = await _bot(aiohttp_client, config, bot)
    worker_b = await _bot(aiohttp_client, config, bot)
    builder = CallbackBuilder(config, "oa")
    callback = builder.text("oUser3", "查订单", msg_id=3003)
    bodies = list(
        await asyncio.gather(
            _send(worker_a, callback), _send(worker_b, callback), _send(worker_a, callback)
        )
    )
    bodies.append(await _send(worker_b, callback))
    assert bot.runs["3003"] == 1
    assert len({passive_reply(builder, b)["Content"] for b in bodies}) == 1


async def test_events_are_deduplicated_by_sender_and_time(aiohttp_client, mock_api):
    runs: Counter[str] = Counter()

    def factory(services) -> Router:
        router = Router()

        @router.event("click")
        async def click(msg: Inbound, ctx: Context) -> Step:
            runs[msg.event_key] += 1
            return Step.say("菜单")

        return router

    config = demo_config(_api_url(mock_api))
    client = await aiohttp_client(create_app(config, router_factory=factory))
    builder = CallbackBuilder(config, "oa")
    click = builder.message(
        "oUser4", {"MsgType": "event", "Event": "CLICK", "EventKey": "MENU"}, 1700000000
    )
    other_second = builder.message(
        "oUser4", {"MsgType": "event", "Event": "CLICK", "EventKey": "MENU"}, 1700000001
    )
    for callback in (click, click, click, other_second):
        await _send(client, callback)
    assert runs["MENU"] == 2


async def test_messages_of_one_user_are_handled_one_at_a_time(aiohttp_client, mock_api):
    """The per-user lock: concurrent different messages never lose a session update."""
    bot = CountingBot(delay_s=0.01)
    config = demo_config(_api_url(mock_api))
    client = await _bot(aiohttp_client, config, bot)
    builder = CallbackBuilder(config, "oa")
    bodies = await asyncio.gather(
        *(_send(client, builder.text("oUser5", f"m{i}")) for i in range(6))
    )
    numbers = sorted(passive_reply(builder, b)["Content"].split("：")[0] for b in bodies)
    assert numbers == sorted(f"第{i}条" for i in range(1, 7))


async def _api_messages(client_session, server, touser: str) -> list[dict]:
    response = await client_session.get(
        server.make_url("/_mock/calls"),
        params={"touser": touser, "path": "/cgi-bin/message/custom/send"},
    )
    return [call["body"] for call in (await response.json())["calls"]]


async def test_slow_handler_answers_success_now_and_the_reply_once_through_the_api(
    aiohttp_client, mock_api
):
    from mockwechat.credentials import DEMO_SHOPPER_OPENID as user

    bot = CountingBot(delay_s=0.6)
    config = with_budget(demo_config(_api_url(mock_api)), 0.2)
    client = await _bot(aiohttp_client, config, bot)
    builder = CallbackBuilder(config, "oa")
    callback = builder.text(user, "慢慢想", msg_id=4004)
    first = await _send(client, callback)
    assert first == "success"
    retry = await _send(client, callback)  # WeChat's retry lands while the handler still works
    assert retry == "success"
    await asyncio.sleep(0.8)
    assert await _send(client, callback) == "success"  # and after the API message went out
    sent = await _api_messages(client.session, mock_api, user)
    assert [m["text"]["content"] for m in sent] == ["第1条：慢慢想"]
    assert bot.runs["4004"] == 1


async def test_a_failing_handler_apologises_instead_of_crashing(aiohttp_client, mock_api):
    def factory(services) -> Router:
        router = Router()

        @router.fallback
        async def broken(msg: Inbound, ctx: Context) -> Step:
            raise RuntimeError("boom")

        return router

    config = demo_config(_api_url(mock_api))
    client = await aiohttp_client(create_app(config, router_factory=factory))
    builder = CallbackBuilder(config, "oa")
    body = await _send(client, builder.text("oUser6", "hi"))
    assert "抱歉" in passive_reply(builder, body)["Content"]
    assert (await client.get("/healthz")).status == 200


async def test_a_replay_inside_the_clock_window_still_finds_its_record(aiohttp_client, mock_api):
    """The dedup record must outlive the replay window, or a replay would run the handler."""
    bot = CountingBot()
    config = demo_config(_api_url(mock_api), max_clock_skew_s=600)
    client = await _bot(aiohttp_client, config, bot)
    assert client.app[PIPELINE].dedup_ttl_s >= 600


async def test_wecom_system_events_do_not_queue_on_one_lock(aiohttp_client, mock_api):
    """Every customer event comes from "sys": they must not wait for each other."""
    started: list[float] = []

    def factory(services) -> Router:
        router = Router()

        @router.event("change_external_contact")
        async def slow(msg: Inbound, ctx: Context) -> Step:
            started.append(asyncio.get_running_loop().time())
            await asyncio.sleep(0.3)
            return Step()

        return router

    config = demo_config(_api_url(mock_api))
    client = await aiohttp_client(create_app(config, router_factory=factory))
    builder = CallbackBuilder(config, "wecom")
    events = [
        builder.message(
            "sys",
            {
                "MsgType": "event",
                "Event": "change_external_contact",
                "ChangeType": "add_external_contact",
                "ExternalUserID": f"wmNEW{i}",
                "UserID": "zhangsan",
            },
        )
        for i in range(4)
    ]
    await asyncio.gather(*(_send(client, e) for e in events))
    assert len(started) == 4
    assert max(started) - min(started) < 0.25  # ran side by side, not one after another
