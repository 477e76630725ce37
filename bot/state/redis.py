"""Redis state: shared by every worker, so dedup, locks and tokens hold across processes.

Timeouts (README, "When Redis is down"): redis-py waits 5 s for an answer and retries three
times, so one stalled command could hold a callback for 20 s, long past WeChat's 5 s. Here a
command gets `socket_timeout=1.5` s and one retry, on a broken connection only (a Redis that
restarted leaves dead connections in the pool; a timed-out command may still run, so it is not
sent twice). That is shorter than the dedup claim's lease (bot/pipeline.py), so an owner always
learns it lost Redis before its claim runs out. The URL may set other values
(`?socket_timeout=2`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError

from bot.clock import Clock, SystemClock
from bot.state.base import StateStore, Write

SOCKET_TIMEOUT_S = 1.5
CONNECT_TIMEOUT_S = 2.0  # a new connection on a busy host may take a moment; a stall is not one

_DELETE_IF_EQUALS = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
_TAKE = """
local value = tonumber(redis.call('GET', KEYS[1]) or '0')
if value and value > 0 then redis.call('DECR', KEYS[1]); return 1 end
return 0
"""
_SET_IF_EQUALS = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
else redis.call('SET', KEYS[1], ARGV[2]) end
return 1
"""
_INCR_WITH_TTL = """
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if tonumber(value) == tonumber(ARGV[1]) and tonumber(ARGV[2]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return value
"""


class RedisStore(StateStore):
    def __init__(
        self, client: aioredis.Redis, prefix: str = "shopbot:", clock: Clock | None = None
    ) -> None:
        self.clock = clock or SystemClock()  # leases and lock waits; Redis expires keys itself
        self._redis = client
        self._prefix = prefix
        self._delete_if_equals: Any = client.register_script(_DELETE_IF_EQUALS)
        self._incr: Any = client.register_script(_INCR_WITH_TTL)
        self._take: Any = client.register_script(_TAKE)
        self._set_if_equals: Any = client.register_script(_SET_IF_EQUALS)

    @classmethod
    def from_url(cls, url: str, clock: Clock | None = None) -> RedisStore:
        """`redis://host:port/db?prefix=name:` — `prefix` is ours; the rest goes to redis-py."""
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        prefix = query.pop("prefix", "shopbot:")
        clean = urlunsplit(parts._replace(query=urlencode(query)))
        client = aioredis.Redis.from_url(
            clean,
            socket_timeout=SOCKET_TIMEOUT_S,
            socket_connect_timeout=CONNECT_TIMEOUT_S,
            retry=Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
        )
        return cls(client, prefix, clock)

    def _k(self, key: str) -> str:
        return self._prefix + key

    async def get(self, key: str) -> bytes | None:
        return _bytes(await self._redis.get(self._k(key)))

    async def set(self, key: str, value: bytes, ttl_s: float | None = None) -> None:
        await self._redis.set(self._k(key), value, px=_ms(ttl_s))

    async def set_if_absent(self, key: str, value: bytes, ttl_s: float | None = None) -> bool:
        return bool(await self._redis.set(self._k(key), value, px=_ms(ttl_s), nx=True))

    async def delete(self, key: str) -> None:
        await self._redis.delete(self._k(key))

    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        values = await self._redis.mget([self._k(key) for key in keys])
        return [_bytes(value) for value in values]

    async def write_many(self, writes: Mapping[str, Write]) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:  # MULTI ... EXEC
            for key, write in writes.items():
                if write is None:
                    pipe.delete(self._k(key))
                else:
                    pipe.set(self._k(key), write[0], px=_ms(write[1]))
            await pipe.execute()

    async def set_if_equals(
        self, key: str, expected: bytes, value: bytes, ttl_s: float | None = None
    ) -> bool:
        args = [expected, value, _ms(ttl_s) or 0]
        return bool(await self._set_if_equals(keys=[self._k(key)], args=args))

    async def delete_if_equals(self, key: str, value: bytes) -> bool:
        return bool(await self._delete_if_equals(keys=[self._k(key)], args=[value]))

    async def incr(self, key: str, amount: int = 1, ttl_s: float | None = None) -> int:
        return int(await self._incr(keys=[self._k(key)], args=[amount, _ms(ttl_s) or 0]))

    async def take(self, key: str) -> bool:
        return bool(await self._take(keys=[self._k(key)]))

    async def ttl(self, key: str) -> float | None:
        millis = int(await self._redis.pttl(self._k(key)))
        return millis / 1000 if millis >= 0 else None

    async def close(self) -> None:
        await self.keeper.close()
        await self._redis.aclose()


def _ms(ttl_s: float | None) -> int | None:
    return max(1, int(ttl_s * 1000)) if ttl_s else None


def _bytes(value: Any) -> bytes | None:
    if value is None:
        return None
    return value if isinstance(value, bytes) else str(value).encode()
