"""In-process state: the embedded default for one `shopbot serve` process or the demo."""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence

from bot.clock import Clock, SystemClock
from bot.state.base import StateStore, Write


class MemoryStore(StateStore):
    """A dict with expiry. Expired keys are dropped as they are met and, in order of expiry, from
    a heap on every write: a busy worker holds hundreds of thousands of dedup records, and a full
    sweep over them would stall the event loop."""

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock or SystemClock()
        self._data: dict[str, tuple[bytes, float | None]] = {}
        self._expiries: list[tuple[float, str]] = []

    async def get(self, key: str) -> bytes | None:
        entry = self._live(key)
        return entry[0] if entry else None

    async def set(self, key: str, value: bytes, ttl_s: float | None = None) -> None:
        self._put(key, value, ttl_s)

    async def set_if_absent(self, key: str, value: bytes, ttl_s: float | None = None) -> bool:
        if self._live(key):
            return False
        self._put(key, value, ttl_s)
        return True

    async def delete(self, key: str) -> None:
        self._data.pop(key, None)

    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        return [entry[0] if (entry := self._live(key)) else None for key in keys]

    async def write_many(self, writes: Mapping[str, Write]) -> None:
        for key, write in writes.items():
            if write is None:
                self._data.pop(key, None)
            else:
                self._put(key, *write)

    async def set_if_equals(
        self, key: str, expected: bytes, value: bytes, ttl_s: float | None = None
    ) -> bool:
        entry = self._live(key)
        if entry is None or entry[0] != expected:
            return False
        self._put(key, value, ttl_s)
        return True

    async def delete_if_equals(self, key: str, value: bytes) -> bool:
        entry = self._live(key)
        if entry and entry[0] == value:
            del self._data[key]
            return True
        return False

    async def take(self, key: str) -> bool:
        entry = self._live(key)
        if entry is None or int(entry[0]) <= 0:
            return False
        self._data[key] = (str(int(entry[0]) - 1).encode(), entry[1])
        return True

    async def incr(self, key: str, amount: int = 1, ttl_s: float | None = None) -> int:
        entry = self._live(key)
        if entry is None:
            self._put(key, str(amount).encode(), ttl_s)
            return amount
        value = int(entry[0]) + amount
        self._data[key] = (str(value).encode(), entry[1])
        return value

    async def ttl(self, key: str) -> float | None:
        entry = self._live(key)
        if not entry or entry[1] is None:
            return None
        return max(0.0, entry[1] - self.clock.monotonic())

    async def close(self) -> None:
        await self.keeper.close()
        self._data.clear()
        self._expiries.clear()

    def _live(self, key: str) -> tuple[bytes, float | None] | None:
        entry = self._data.get(key)
        if entry and entry[1] is not None and entry[1] <= self.clock.monotonic():
            del self._data[key]
            return None
        return entry

    def _put(self, key: str, value: bytes, ttl_s: float | None) -> None:
        now = self.clock.monotonic()
        expires = now + ttl_s if ttl_s else None
        self._data[key] = (value, expires)
        if expires is not None:
            heapq.heappush(self._expiries, (expires, key))
        self._drop_expired(now)

    def _drop_expired(self, now: float) -> None:
        expiries = self._expiries
        while expiries and expiries[0][0] <= now:
            expires, key = heapq.heappop(expiries)
            entry = self._data.get(key)
            if entry is not None and entry[1] == expires:  # not rewritten since
                del self._data[key]
        if len(expiries) > 2 * len(self._data) + 1024:
            self._rebuild_expiries()

    def _rebuild_expiries(self) -> None:
        """A key rewritten often (a session, a quota) leaves stale heap entries behind; once
        they outnumber the keys, keep only the current one of each."""
        self._expiries = [(exp, key) for key, (_, exp) in self._data.items() if exp is not None]
        heapq.heapify(self._expiries)
