"""Redis state: shared by every worker, so dedup, locks and tokens hold across processes."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import redis.asyncio as aioredis

from bot.state.base import StateStore

_DELETE_IF_EQUALS = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
_TAKE = """
local value = tonumber(redis.call('GET', KEYS[1]) or '0')
if value and value > 0 then redis.call('DECR', KEYS[1]); return 1 end
return 0
"""
_INCR_WITH_TTL = """
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if tonumber(value) == tonumber(ARGV[1]) and tonumber(ARGV[2]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return value
"""


class RedisStore(StateStore):
    def __init__(self, client: aioredis.Redis, prefix: str = "shopbot:") -> None:
        self._redis = client
        self._prefix = prefix
        self._delete_if_equals: Any = client.register_script(_DELETE_IF_EQUALS)
        self._incr: Any = client.register_script(_INCR_WITH_TTL)
        self._take: Any = client.register_script(_TAKE)

    @classmethod
    def from_url(cls, url: str) -> RedisStore:
        """`redis://host:port/db?prefix=name:` — `prefix` is ours; the rest goes to redis-py."""
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        prefix = query.pop("prefix", "shopbot:")
        clean = urlunsplit(parts._replace(query=urlencode(query)))
        return cls(aioredis.Redis.from_url(clean), prefix)

    def _k(self, key: str) -> str:
        return self._prefix + key

    async def get(self, key: str) -> bytes | None:
        value = await self._redis.get(self._k(key))
        if value is None:
            return None
        return value if isinstance(value, bytes) else str(value).encode()

    async def set(self, key: str, value: bytes, ttl_s: float | None = None) -> None:
        await self._redis.set(self._k(key), value, px=_ms(ttl_s))

    async def set_if_absent(self, key: str, value: bytes, ttl_s: float | None = None) -> bool:
        return bool(await self._redis.set(self._k(key), value, px=_ms(ttl_s), nx=True))

    async def delete(self, key: str) -> None:
        await self._redis.delete(self._k(key))

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
        await self._redis.aclose()


def _ms(ttl_s: float | None) -> int | None:
    return max(1, int(ttl_s * 1000)) if ttl_s else None
