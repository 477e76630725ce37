"""In-process state: the embedded default for one `shopbot serve` process or the demo."""

from __future__ import annotations

import time

from bot.state.base import StateStore

_SWEEP_EVERY = 1024  # writes between sweeps of expired keys, so memory stays bounded


class MemoryStore(StateStore):
    def __init__(self) -> None:
        self._data: dict[str, tuple[bytes, float | None]] = {}
        self._writes = 0

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

    async def delete_if_equals(self, key: str, value: bytes) -> bool:
        entry = self._live(key)
        if entry and entry[0] == value:
            del self._data[key]
            return True
        return False

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
        return max(0.0, entry[1] - time.monotonic())

    async def close(self) -> None:
        self._data.clear()

    def _live(self, key: str) -> tuple[bytes, float | None] | None:
        entry = self._data.get(key)
        if entry and entry[1] is not None and entry[1] <= time.monotonic():
            del self._data[key]
            return None
        return entry

    def _put(self, key: str, value: bytes, ttl_s: float | None) -> None:
        self._data[key] = (value, time.monotonic() + ttl_s if ttl_s else None)
        self._writes += 1
        if self._writes % _SWEEP_EVERY == 0:
            self._sweep()

    def _sweep(self) -> None:
        now = time.monotonic()
        expired = [k for k, (_, exp) in self._data.items() if exp is not None and exp <= now]
        for key in expired:
            del self._data[key]
