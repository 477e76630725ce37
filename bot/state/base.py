"""The state store protocol and what is built on it for every implementation (leased locks)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from bot.state.tokens import unique_token

if TYPE_CHECKING:
    from bot.clock import Clock

log = logging.getLogger(__name__)

# One write of `write_many`: a value and its TTL, or None to delete the key.
Write = tuple[bytes, float | None] | None


class Renewal:
    """A lease its holder keeps while it works: renewed every `every_s` until `stop`.

    Almost every holder is done long before the first renewal is due, so a lease costs no timer
    and no task of its own: it joins its store's `LeaseKeeper`, one task that wakes a few times a
    second and renews the leases that are due. (A task, then a timer, per message was a
    measurable share of a busy worker's time.) `renew` returns False when the lease is no longer
    ours; `lost` tells the holder.
    """

    def __init__(
        self,
        keeper: LeaseKeeper,
        renew: Callable[[], Awaitable[bool]],
        every_s: float,
        what: str,
    ) -> None:
        self._keeper = keeper
        self.renew = renew
        self.every_s = every_s
        self.what = what
        self.lost = False
        self.due = 0.0

    def start(self) -> None:
        self.due = self._keeper.clock.monotonic() + self.every_s
        self._keeper.add(self)

    async def stop(self) -> None:
        self._keeper.discard(self)


class LeaseKeeper:
    """Renews the leases of one store's holders (see `Renewal`), from one task per event loop."""

    def __init__(self, clock: Clock, tick_s: float = 0.25) -> None:
        self.clock = clock
        self.tick_s = tick_s
        self._leases: set[Renewal] = set()
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def add(self, lease: Renewal) -> None:
        self._leases.add(lease)
        loop = asyncio.get_running_loop()
        if self._task is None or self._task.done() or self._loop is not loop:
            self._loop = loop
            self._task = loop.create_task(self._run())

    def discard(self, lease: Renewal) -> None:
        self._leases.discard(lease)

    async def _run(self) -> None:
        while self._leases:
            await asyncio.sleep(self.tick_s)
            now = self.clock.monotonic()
            due = [lease for lease in self._leases if lease.due <= now]
            if due:
                await asyncio.gather(*(self._renew(lease) for lease in due))

    async def _renew(self, lease: Renewal) -> None:
        lease.due = self.clock.monotonic() + lease.every_s
        try:
            if await lease.renew():
                return
        except Exception:  # the store did not answer: try again at the next beat
            log.debug("renewing %s failed", lease.what, exc_info=True)
            return
        if lease in self._leases:
            lease.lost = True
            self._leases.discard(lease)
            log.warning("a lease ran out while its holder still worked (%s)", lease.what)

    async def close(self) -> None:
        self._leases.clear()
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, RuntimeError):
                await task


class LockTimeout(Exception):
    """The lock stayed taken for longer than the caller could wait."""


class StateStore(ABC):
    """Bytes under string keys with optional expiry, plus the few atomic steps shopbot needs.

    Every method is atomic on its own; that is all the callers rely on, so the Redis implementation
    holds across processes exactly as the memory one holds inside one. `clock` (bot/clock.py)
    times leases, lock waits and, in memory, expiry.
    """

    clock: Clock

    @property
    def keeper(self) -> LeaseKeeper:
        """Renews the leases (locks, dedup claims) held on this store by this process."""
        found: LeaseKeeper | None = getattr(self, "_lease_keeper", None)
        if found is None:
            found = LeaseKeeper(self.clock)
            self._lease_keeper = found
        return found

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
    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        """The values of `keys` in one round trip, None for each missing one."""

    @abstractmethod
    async def write_many(self, writes: Mapping[str, Write]) -> None:
        """Set or delete several keys as one step: a reader sees all of it or none of it."""

    @abstractmethod
    async def set_if_equals(
        self, key: str, expected: bytes, value: bytes, ttl_s: float | None = None
    ) -> bool:
        """Replace `key` only while it still holds `expected` (renewing or settling a claim we
        own); True when this call replaced it."""

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
        """Hold `key` exclusively, as a lease: the holder renews it every third of `ttl_s` while
        it works, so the TTL can be short and a lock whose holder died (SIGKILL, a lost host) is
        free again within `ttl_s`, not after the longest a holder might ever need. We release
        only our own."""
        name = f"lock:{key}"
        token = unique_token().encode()
        deadline = self.clock.monotonic() + wait_s
        delay = 0.002
        while not await self.set_if_absent(name, token, ttl_s):
            if self.clock.monotonic() >= deadline:
                raise LockTimeout(key)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.05)
        renewal = Renewal(
            self.keeper, lambda: self.set_if_equals(name, token, token, ttl_s), ttl_s / 3, name
        )
        renewal.start()
        try:
            yield
        finally:
            await renewal.stop()
            await self.delete_if_equals(name, token)


def open_state_store(url: str, clock: Clock | None = None) -> StateStore:
    """`memory://` or `redis://host:port/db[?prefix=name:]`, timed by `clock` (default: the
    system clock; the app passes the one of its services)."""
    if url == "memory://":
        from bot.state.memory import MemoryStore

        return MemoryStore(clock)
    from bot.state.redis import RedisStore

    return RedisStore.from_url(url, clock)
