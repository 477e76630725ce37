"""The state store protocol and what is built on it for every implementation (locks)."""

from __future__ import annotations

import asyncio
import secrets
import time
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class LockTimeout(Exception):
    """The lock stayed taken for longer than the caller could wait."""


class StateStore(ABC):
    """Bytes under string keys with optional expiry, plus the few atomic steps shopbot needs.

    Every method is atomic on its own; that is all the callers rely on, so the Redis implementation
    holds across processes exactly as the memory one holds inside one.
    """

    @abstractmethod
    async def get(self, key: str) -> bytes | None: ...

    @abstractmethod
    async def set(self, key: str, value: bytes, ttl_s: float | None = None) -> None: ...

    @abstractmethod
    async def set_if_absent(self, key: str, value: bytes, ttl_s: float | None = None) -> bool:
        """Store `value` only if `key` has none; True when this call stored it."""

    @abstractmethod
    async def delete(self, key: str) -> None: ...

    @abstractmethod
    async def delete_if_equals(self, key: str, value: bytes) -> bool:
        """Delete `key` only while it still holds `value` (releasing a lock we own)."""

    @abstractmethod
    async def incr(self, key: str, amount: int = 1, ttl_s: float | None = None) -> int:
        """Add to a counter and return the new value; `ttl_s` is set when the counter is created."""

    @abstractmethod
    async def take(self, key: str) -> bool:
        """Spend one unit of an existing positive counter; False (and no change) otherwise."""

    @abstractmethod
    async def ttl(self, key: str) -> float | None:
        """Seconds until `key` expires; None when it has no expiry or does not exist."""

    @abstractmethod
    async def close(self) -> None: ...

    @asynccontextmanager
    async def lock(
        self, key: str, ttl_s: float = 30.0, wait_s: float = 10.0
    ) -> AsyncIterator[None]:
        """Hold `key` exclusively. The TTL frees a lock whose holder died; we release only our own."""
        token = secrets.token_bytes(12)
        deadline = time.monotonic() + wait_s
        delay = 0.002
        while not await self.set_if_absent(f"lock:{key}", token, ttl_s):
            if time.monotonic() >= deadline:
                raise LockTimeout(key)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.05)
        try:
            yield
        finally:
            await self.delete_if_equals(f"lock:{key}", token)


def open_state_store(url: str) -> StateStore:
    """`memory://` or `redis://host:port/db[?prefix=name:]`."""
    if url == "memory://":
        from bot.state.memory import MemoryStore

        return MemoryStore()
    from bot.state.redis import RedisStore

    return RedisStore.from_url(url)
