"""In-process state: the embedded default for one `shopbot serve` process or the demo."""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence

from bot.clock import Clock, SystemClock
from bot.state.base import StateStore, Write

BUCKET_S = 1
LONG_TTL_S = 3600.0
LONG_BUCKET_S = 256
"""Keys expire in buckets of `BUCKET_S` seconds of their expiry time, or of `LONG_BUCKET_S` for a
TTL over `LONG_TTL_S` (the day-long markers, the month-long kf records): the buckets number at most
about an hour's seconds and a month's 256-second spans, however many keys there are."""


class MemoryStore(StateStore):
    """Dicts with expiry. Expired keys are dropped as they are met and, a bucket at a time, on
    every write: a busy worker holds hundreds of thousands of dedup records, and a full sweep over
    them would stall the event loop.

    Every structure that grows with the keys holds only strings, bytes and floats: a dict of such
    values is never tracked by the garbage collector, so its collections do not walk the store.
    Only the small index of buckets, one per second (or 256 s) that keys expire in, is a container
    the collector walks. A key rewritten with a new TTL moves to its new bucket, so nothing stale
    is left behind to clean up. (The heap of `(expiry, key)` tuples this replaces, beside a
    `(value, expiry)` tuple per key, was two tuples per write for the collector to walk, and was
    rebuilt whenever stale entries of rewritten sessions outnumbered the keys: at 1,000 messages
    a second, 240,000 keys, every minute or so, holding the event loop for 85-170 ms of CPU.)
    """

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock or SystemClock()
        self._data: dict[str, bytes] = {}
        self._expires: dict[str, float] = {}  # keys without expiry have no entry
        # A bucket's end (a second, see `_bucket_end`) → its keys; each key with an expiry is in
        # exactly one bucket, the one of its expiry.
        self._buckets: dict[int, dict[str, None]] = {}
        self._due: list[int] = []  # a heap of the ends in `_buckets`

    async def get(self, key: str) -> bytes | None:
        return self._live(key)

    async def set(self, key: str, value: bytes, ttl_s: float | None = None) -> None:
        self._put(key, value, ttl_s)

    async def set_if_absent(self, key: str, value: bytes, ttl_s: float | None = None) -> bool:
        if self._live(key) is not None:
            return False
        self._put(key, value, ttl_s)
        return True

    async def delete(self, key: str) -> None:
        self._forget(key)

    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        return [self._live(key) for key in keys]

    async def write_many(self, writes: Mapping[str, Write]) -> None:
        for key, write in writes.items():
            if write is None:
                self._forget(key)
            else:
                self._put(key, *write)

    async def set_if_equals(
        self, key: str, expected: bytes, value: bytes, ttl_s: float | None = None
    ) -> bool:
        if self._live(key) != expected:
            return False
        self._put(key, value, ttl_s)
        return True

    async def delete_if_equals(self, key: str, value: bytes) -> bool:
        if self._live(key) == value:
            self._forget(key)
            return True
        return False

    async def take(self, key: str) -> bool:
        value = self._live(key)
        if value is None or int(value) <= 0:
            return False
        self._data[key] = str(int(value) - 1).encode()  # the expiry stays as it was
        return True

    async def incr(self, key: str, amount: int = 1, ttl_s: float | None = None) -> int:
        value = self._live(key)
        if value is None:
            self._put(key, str(amount).encode(), ttl_s)
            return amount
        counted = int(value) + amount
        self._data[key] = str(counted).encode()
        return counted

    async def ttl(self, key: str) -> float | None:
        if self._live(key) is None:
            return None
        expires = self._expires.get(key)
        return None if expires is None else max(0.0, expires - self.clock.monotonic())

    async def close(self) -> None:
        await self.keeper.close()
        self._data.clear()
        self._expires.clear()
        self._buckets.clear()
        self._due.clear()

    def _live(self, key: str) -> bytes | None:
        value = self._data.get(key)
        if value is None:
            return None
        expires = self._expires.get(key)
        if expires is not None and expires <= self.clock.monotonic():
            self._forget(key)
            return None
        return value

    def _put(self, key: str, value: bytes, ttl_s: float | None) -> None:
        now = self.clock.monotonic()
        self._unbucket(key)
        self._data[key] = value
        if ttl_s:
            expires = now + ttl_s
            self._expires[key] = expires
            end = _bucket_end(expires, LONG_BUCKET_S if ttl_s > LONG_TTL_S else BUCKET_S)
            bucket = self._buckets.get(end)
            if bucket is None:
                bucket = self._buckets[end] = {}
                heapq.heappush(self._due, end)
            bucket[key] = None
        self._drop_expired(now)

    def _forget(self, key: str) -> None:
        self._unbucket(key)
        self._data.pop(key, None)

    def _unbucket(self, key: str) -> None:
        """Take `key` out of its expiry's bucket (it is deleted, or written with a new TTL)."""
        expires = self._expires.pop(key, None)
        if expires is None:
            return
        for width in (BUCKET_S, LONG_BUCKET_S):  # which one its TTL chose is not kept
            bucket = self._buckets.get(_bucket_end(expires, width))
            if bucket is not None and bucket.pop(key, 0) is None:
                return

    def _drop_expired(self, now: float) -> None:
        """Drop the keys of every bucket whose end has passed. A key expires before its bucket
        ends; until the bucket is dropped, `_live` finds it expired when it is read."""
        due = self._due
        while due and due[0] <= now:
            bucket = self._buckets.pop(heapq.heappop(due), None) or {}
            for key in bucket:
                del self._expires[key]
                del self._data[key]


def _bucket_end(expires: float, width: int) -> int:
    """The end of the `width`-second span that `expires` falls in: the bucket it expires in."""
    return (int(expires) // width + 1) * width
