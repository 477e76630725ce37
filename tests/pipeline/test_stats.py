"""The pipeline counts today's shopper messages, recognised intents and fallbacks for /stats."""

from __future__ import annotations

import asyncio

from bot.background import TaskSet
from bot.clock import SystemClock
from bot.gateway import SERVICES, create_app
from bot.services import open_services
from bot.simulator import CallbackBuilder
from bot.state.memory import MemoryStore
from bot.stats import DailyStats
from tests.factories import demo_knowledge, sample_config


async def test_messages_intents_and_fallbacks_are_counted_once_each(aiohttp_client):
    config = sample_config()
    client = await aiohttp_client(create_app(config))
    builder = CallbackBuilder(config, "oa")
    retried = builder.text("oStats", "怎么退货", msg_id=9001)
    for callback in (retried, retried, builder.text("oStats", "qwzx vbnm")):
        await client.post(callback.path, params=callback.query, data=callback.body)
    stats = client.app[SERVICES].stats
    assert await stats.get("messages") == 2  # the retry is not a new message
    assert await stats.get("fallback") == 1
    assert sum(count for _, count in await stats.top_intents()) == 1


class CountingStore(MemoryStore):
    """A memory store that counts the writes the stats make."""

    def __init__(self) -> None:
        super().__init__()
        self.incrs = 0

    async def incr(self, key: str, amount: int = 1, ttl_s: float | None = None) -> int:
        self.incrs += 1
        return await super().incr(key, amount, ttl_s)


async def test_counts_are_written_together_not_once_per_message():
    store, tasks = CountingStore(), TaskSet()
    stats = DailyStats(store, SystemClock(), tasks=tasks, flush_every_s=0.05)
    for _ in range(50):
        await stats.count("messages")
    await stats.count("fallback")
    assert store.incrs == 0  # nothing written inside the messages
    assert await stats.get("messages") == 50  # this worker's own counts are read at once
    await asyncio.sleep(0.2)
    assert store.incrs == 2  # one write per name
    assert await stats.get("messages") == 50
    assert await stats.get("fallback") == 1
    await tasks.close()


async def test_counts_not_yet_written_are_written_when_the_worker_stops():
    store = CountingStore()
    async with open_services(sample_config(), store=store, knowledge=demo_knowledge()) as services:
        await services.stats.count("messages", 3)
        assert store.incrs == 0
    assert store.incrs == 1
    assert await DailyStats(store, SystemClock()).get("messages") == 3


async def test_counts_the_store_did_not_take_are_kept_for_the_next_write():
    class Down(CountingStore):
        down = True

        async def incr(self, key: str, amount: int = 1, ttl_s: float | None = None) -> int:
            if self.down:
                raise ConnectionError("redis is down")
            return await super().incr(key, amount, ttl_s)

    store, tasks = Down(), TaskSet()
    stats = DailyStats(store, SystemClock(), tasks=tasks, flush_every_s=60)
    await stats.count("messages", 2)
    await stats.flush()
    assert await stats.get("messages") == 2  # still counted, waiting
    store.down = False
    await stats.flush()
    assert await DailyStats(store, SystemClock()).get("messages") == 2
    await tasks.close()
