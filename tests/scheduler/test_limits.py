"""The sliding limiter never lets more than the limit through in any window, across workers."""

from __future__ import annotations

import asyncio

import pytest

from bot.clock import TestClock
from bot.outbound.limits import RateLimited, SlidingLimiter, Window
from bot.state import open_state_store


async def test_no_window_ever_holds_more_than_the_limit():
    clock = TestClock()
    limiter = SlidingLimiter(open_state_store("memory://"), clock)
    window = (Window(20, 60),)
    admitted: list[float] = []
    for _ in range(3000):  # a burst every 0.1 s for 300 s
        if await limiter.try_acquire("robot", window) == 0.0:
            admitted.append(clock.time())
        clock.advance(0.1)
    for i, start in enumerate(admitted):
        inside = [t for t in admitted[i:] if t < start + 60]
        assert len(inside) <= 20
    assert len(admitted) >= 20 * 4  # and it still sends at close to the allowed rate


async def test_every_window_must_have_room():
    clock = TestClock()
    limiter = SlidingLimiter(open_state_store("memory://"), clock)
    windows = (Window(5, 60), Window(7, 3600))
    got = 0
    for _ in range(40):
        got += await limiter.try_acquire("member", windows) == 0.0
        clock.advance(30)
    assert got == 7  # the hourly window binds once the per-minute one has let 7 through


async def test_workers_sharing_redis_share_the_limit(redis_url):
    stores = [open_state_store(redis_url) for _ in range(3)]
    try:
        limiters = [SlidingLimiter(s) for s in stores]
        results = await asyncio.gather(
            *(limiters[i % 3].try_acquire("corp", (Window(10, 60),)) for i in range(30))
        )
        assert sum(r == 0.0 for r in results) == 10
    finally:
        for store in stores:
            await store.close()


async def test_acquire_gives_up_after_its_wait():
    limiter = SlidingLimiter(open_state_store("memory://"))
    await limiter.acquire("x", (Window(1, 60),), max_wait_s=0.1)
    with pytest.raises(RateLimited):
        await limiter.acquire("x", (Window(1, 60),), max_wait_s=0.1)
