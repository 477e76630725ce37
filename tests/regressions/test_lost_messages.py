"""Issue 14, items 2-4, in one process (tests/faults runs the same with real processes and Redis).

2: a first attempt that dies mid-message left its dedup claim "pending" for the whole TTL, so
   WeChat's retries got `success` and nothing was ever sent; its user lock held the shopper 30 s;
   a session and its "seen" marker were deleted by two commands, and the shopper was told nothing
   had been submitted when their order had gone through.
3: claims orphaned by a Redis stall stayed pending for the whole TTL.
4: with Redis down every callback got HTTP 500.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import Mapping, Sequence

import pytest

from bot.gateway import SERVICES, create_app
from bot.handlers.shopper import EXPIRED_UNSURE
from bot.pipeline import STORE_DOWN
from bot.protocol import Inbound
from bot.router import Router
from bot.session import session_key
from bot.simulator import CallbackBuilder
from bot.state import StateStore
from bot.state import claims as claims_module
from bot.state.base import Write
from bot.state.memory import MemoryStore
from bot.step import Context, Step
from mockwechat import create_mock_app
from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import session_key_of
from tests.factories import demo_config
from tests.replies import passive_reply

LEASE_S = 0.4


@pytest.fixture(autouse=True)
def short_lease(monkeypatch):
    monkeypatch.setattr(claims_module, "LEASE_S", LEASE_S)
    monkeypatch.setattr(claims_module, "RENEW_EVERY_S", LEASE_S / 4)


class SwitchableStore(StateStore):
    """A memory store that can be switched off, as Redis going down looks to the client."""

    def __init__(self) -> None:
        self.inner = MemoryStore()
        self.clock = self.inner.clock
        self.down = False

    def _check(self) -> None:
        if self.down:
            raise ConnectionError("Redis is down")

    async def get(self, key: str) -> bytes | None:
        self._check()
        return await self.inner.get(key)

    async def set(self, key: str, value: bytes, ttl_s: float | None = None) -> None:
        self._check()
        await self.inner.set(key, value, ttl_s)

    async def set_if_absent(self, key: str, value: bytes, ttl_s: float | None = None) -> bool:
        self._check()
        return await self.inner.set_if_absent(key, value, ttl_s)

    async def delete(self, key: str) -> None:
        self._check()
        await self.inner.delete(key)

    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        self._check()
        return await self.inner.get_many(keys)

    async def write_many(self, writes: Mapping[str, Write]) -> None:
        self._check()
        await self.inner.write_many(writes)

    async def set_if_equals(self, key, expected, value, ttl_s=None) -> bool:
        self._check()
        return await self.inner.set_if_equals(key, expected, value, ttl_s)

    async def delete_if_equals(self, key: str, value: bytes) -> bool:
        self._check()
        return await self.inner.delete_if_equals(key, value)

    async def incr(self, key: str, amount: int = 1, ttl_s: float | None = None) -> int:
        self._check()
        return await self.inner.incr(key, amount, ttl_s)

    async def take(self, key: str) -> bool:
        self._check()
        return await self.inner.take(key)

    async def ttl(self, key: str) -> float | None:
        self._check()
        return await self.inner.ttl(key)

    async def close(self) -> None:
        await self.inner.close()


class Counting:
    def __init__(self) -> None:
        self.runs: Counter[str] = Counter()

    def router(self, services) -> Router:
        router = Router()

        @router.fallback
        async def count(msg: Inbound, ctx: Context) -> Step:
            self.runs[msg.msg_id] += 1
            return Step.say(f"收到：{msg.text}")

        return router


@pytest.fixture
async def mock_api(aiohttp_server):
    return await aiohttp_server(create_mock_app())


async def _app(aiohttp_client, mock_api, bot: Counting, store: StateStore):
    config = demo_config(str(mock_api.make_url("")).rstrip("/"))
    client = await aiohttp_client(create_app(config, router_factory=bot.router, store=store))
    return config, client


async def _send(client, callback) -> tuple[int, str]:
    response = await client.post(callback.path, params=callback.query, data=callback.body)
    return response.status, await response.text()


def _dead_owners_claim(msg_key: str) -> bytes:
    return json.dumps({"s": "pending", "o": "dead-worker"}).encode()


async def test_a_retry_takes_over_a_claim_whose_owner_died(aiohttp_client, mock_api):
    bot, store = Counting(), MemoryStore()
    config, client = await _app(aiohttp_client, mock_api, bot, store)
    builder = CallbackBuilder(config, "oa")
    callback = builder.text("oOrphan", "有没有保温杯", msg_id=7001)
    # What a worker killed mid-message leaves behind: its claim (it renewed no more) and lock.
    await store.set("dedup:oa:m:7001", _dead_owners_claim("7001"), ttl_s=LEASE_S)
    await store.set("lock:user:oa:oOrphan", b"dead-worker", ttl_s=LEASE_S)
    started = time.monotonic()
    status, body = await _send(client, callback)
    assert status == 200
    assert passive_reply(builder, body)["Content"] == "收到：有没有保温杯"
    assert bot.runs["7001"] == 1
    assert time.monotonic() - started < LEASE_S + 1.5
    services = client.app[SERVICES]
    assert services.metrics.takeovers.labels("oa")._value.get() == 1
    # The retries after it are answered from its record and never run the handler again.
    for _ in range(2):
        assert (
            passive_reply(builder, (await _send(client, callback))[1])["Content"]
            == "收到：有没有保温杯"
        )
    assert bot.runs["7001"] == 1


async def test_a_live_owner_keeps_its_claim_past_the_lease(aiohttp_client, mock_api):
    """A slow first attempt renews its claim, so its retries wait for it instead of running."""
    runs: Counter[str] = Counter()

    def router(services) -> Router:
        r = Router()

        @r.fallback
        async def slow(msg: Inbound, ctx: Context) -> Step:
            runs[msg.msg_id] += 1
            await asyncio.sleep(LEASE_S * 3)
            return Step.say("慢慢来")

        return r

    config = demo_config(str(mock_api.make_url("")).rstrip("/"))
    client = await aiohttp_client(create_app(config, router_factory=router))
    builder = CallbackBuilder(config, "oa")
    callback = builder.text("oSlow", "在吗", msg_id=7002)
    first = asyncio.create_task(_send(client, callback))
    await asyncio.sleep(LEASE_S * 1.5)  # past one lease: only renewals keep the claim
    retry = await _send(client, callback)
    answers = [await first, retry]
    assert runs["7002"] == 1
    assert all(status == 200 for status, _ in answers)
    assert [passive_reply(builder, body)["Content"] for _, body in answers] == ["慢慢来", "慢慢来"]


async def test_redis_down_answers_200_with_an_apology_and_recovers(aiohttp_client, mock_api):
    bot, store = Counting(), SwitchableStore()
    config, client = await _app(aiohttp_client, mock_api, bot, store)
    builder = CallbackBuilder(config, "oa")
    store.down = True
    during = builder.text("oOutage", "我的订单", msg_id=7101)
    status, body = await _send(client, during)
    assert status == 200
    assert passive_reply(builder, body)["Content"] == STORE_DOWN.text
    assert bot.runs["7101"] == 0
    metrics = (await (await client.get("/metrics")).text()).splitlines()
    assert 'shopbot_store_unavailable_total{channel="oa"} 1.0' in metrics
    store.down = False
    after = builder.text("oOutage", "我的订单", msg_id=7102)
    replies = [passive_reply(builder, (await _send(client, after))[1])["Content"] for _ in range(3)]
    assert replies == ["收到：我的订单"] * 3
    assert bot.runs == {"7102": 1}


async def test_a_claim_written_late_by_a_stalled_redis_expires_within_a_lease(
    aiohttp_client, mock_api
):
    """The claim's command timed out in the worker but ran when Redis woke up: nobody owns it."""
    bot, store = Counting(), MemoryStore()
    config, client = await _app(aiohttp_client, mock_api, bot, store)
    builder = CallbackBuilder(config, "oa")
    await store.set_if_absent("dedup:oa:m:7201", _dead_owners_claim("7201"), claims_module.LEASE_S)
    await asyncio.sleep(LEASE_S * 1.2)
    status, body = await _send(client, builder.text("oStall", "在吗", msg_id=7201))
    assert status == 200 and passive_reply(builder, body)["Content"] == "收到：在吗"
    assert bot.runs["7201"] == 1


async def test_session_and_marker_are_written_and_deleted_together(monkeypatch):
    from bot.protocol import Channel, Kind
    from bot.session import Session, SessionStore

    store = SwitchableStore()
    sessions = SessionStore(store.inner)
    msg = Inbound(Channel.OA, "oAtomic", "gh", Kind.TEXT, 0, msg_id="1", text="x")
    writes: list[Mapping[str, Write]] = []
    original = store.inner.write_many

    async def recording(batch: Mapping[str, Write]) -> None:
        writes.append(dict(batch))
        await original(batch)

    monkeypatch.setattr(store.inner, "write_many", recording)
    await sessions.save(msg, Session("order:confirm", {"sku": "T1"}))
    await sessions.save(msg, Session())
    key = session_key(msg)
    assert [sorted(batch) for batch in writes] == [[key, key + ":seen"]] * 2
    assert await store.inner.get_many([key, key + ":seen"]) == [None, None]


async def test_an_order_placed_after_the_last_step_is_never_called_not_submitted(make_shop):  # noqa: F811
    shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        > 结算
        > 没有
        > 张三 13812345678 上海市浦东新区世纪大道100号
        < 请核对订单
        """
    )
    # The worker that took 确认 placed the order, then died before it saved the session; the
    # session ran out later, its marker stayed.
    from bot.storage import LineIn

    await shop.db.orders.create_order(
        chat.user,
        "oa",
        [LineIn("AP-1001", "纯棉圆领短袖T恤", {"颜色": "黑色", "尺码": "M"}, 1, 5900)],
        receiver_name="张三",
        phone="13812345678",
        address="上海市浦东新区世纪大道100号",
        idempotency_key="lost-confirm",
    )
    await shop.services.store.delete(session_key_of(chat.user))
    await chat.run(
        """
        > 确认
        < 已经自动结束了
        <! 没有提交任何订单
        < 我的订单
        """
    )
    assert "已提交的订单" in EXPIRED_UNSURE
