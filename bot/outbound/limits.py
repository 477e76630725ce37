"""Rate limits we keep below, counted in the state store so every worker shares them.

Tencent counts its per-minute limits over a sliding window (a burst at 12:00:59 and another at
12:01:01 are one minute's worth), so a fixed-window counter could let twice the limit through
across a boundary, and app messages over the limit are dropped *silently*. `SlidingLimiter`
therefore counts in buckets of `window / BUCKETS` seconds and admits a unit only while the last
BUCKETS + 1 buckets (one bucket more than the window, as a margin for network delay) hold fewer
than the limit. Any window of the platform's length then sees at most `limit` units, under any
interleaving of workers: a unit is added first and taken back if the sum is over.

The numbers (PLATFORM.md; Tencent pages cited beside each):
"""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass

from bot.clock import Clock
from bot.state import StateStore, keys

BUCKETS = 12


@dataclass(frozen=True)
class Window:
    limit: int
    seconds: int


# WeCom "主动调用频率限制" (path 90312): every API, per corp, 10,000 calls a minute, 150,000 an hour.
WECOM_API_PER_CORP = (Window(10_000, 60), Window(150_000, 3600))
# WeCom 发送应用消息 (path 90236): each member receives at most 30 a minute and 1000 an hour.
WECOM_APP_PER_MEMBER = (Window(30, 60), Window(1000, 3600))
# WeCom 应用推送消息 (path 90248): each member at most 200 a minute and 10,000 a day.
WECOM_APPCHAT_PER_MEMBER = (Window(200, 60), Window(10_000, 86_400))
# WeCom 群机器人 (path 91770): 20 messages a minute per robot.
WECOM_WEBHOOK_PER_ROBOT = (Window(20, 60),)
# OA 群发接口: 60 requests a minute per account.
OA_MASS_PER_ACCOUNT = (Window(60, 60),)
# OA 客服消息: no per-minute figure is published; stay well inside the corp-style base rate.
OA_CUSTOM_PER_ACCOUNT = (Window(6000, 60),)
# OA 群发: a service account's follower receives at most 4 mass messages a month.
OA_MASS_PER_USER_MONTH = 4
# WeCom 创建企业群发 (path 92135): at most 2000 chat ids (10,000 customers) per call; each group
# or customer receives at most "days in the month" group messages a month.
MAX_CHAT_IDS_PER_TASK = 2000
MAX_EXTERNAL_USERIDS_PER_TASK = 10_000
# OA 根据OpenID列表群发: 2 to 10,000 openids per call.
MAX_OPENIDS_PER_MASS = 10_000


class RateLimited(Exception):
    """No room in the window within the time the caller could wait."""

    def __init__(self, name: str, waited_s: float) -> None:
        super().__init__(f"rate limit {name}: no room after {waited_s:.1f} s")
        self.name = name


@dataclass
class SlidingLimiter:
    store: StateStore
    # Wall time (epoch seconds), not monotonic: the buckets are shared by every worker through
    # the store, so all of them must count the same seconds. Default: the store's clock.
    clock: Clock | None = None

    def __post_init__(self) -> None:
        self._clock: Clock = self.clock or self.store.clock

    async def try_acquire(self, name: str, windows: tuple[Window, ...]) -> float:
        """Spend one unit in every window, or in none. 0.0 when spent, else seconds to wait."""
        spent: list[str] = []
        for window in windows:
            width = window.seconds / BUCKETS
            now = self._clock.time()
            bucket = math.floor(now / width)
            key = keys.SLIDING_WINDOW.key(name, window.seconds, bucket)
            total = await self.store.incr(key, 1, window.seconds + 2 * width)
            for older in range(bucket - BUCKETS, bucket):
                raw = await self.store.get(keys.SLIDING_WINDOW.key(name, window.seconds, older))
                total += int(raw) if raw else 0
            if total > window.limit:
                for undo in (*spent, key):
                    await self.store.incr(undo, -1)
                return max(0.01, (bucket + 1) * width - now)
            spent.append(key)
        return 0.0

    async def acquire(
        self, name: str, windows: tuple[Window, ...], max_wait_s: float = 120.0
    ) -> None:
        """Wait for room (up to `max_wait_s`), then spend one unit; RateLimited if none came."""
        started = self._clock.time()
        while True:
            wait = await self.try_acquire(name, windows)
            if wait == 0.0:
                return
            waited = self._clock.time() - started
            if waited + wait > max_wait_s:
                raise RateLimited(name, waited)
            await asyncio.sleep(wait)
