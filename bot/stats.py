"""Today's numbers for `/stats`, counted in the state store so every worker adds to the same day.

    stats = services.stats
    await stats.count("messages")            # the pipeline, once per inbound shopper message
    await stats.count("intent:order_status") # the intent resolver, per recognised intent
    await stats.count("fallback")            # the fallback handler

Keys are `stats:<YYYY-MM-DD>:<name>` in the local day of `[scheduler] timezone`, kept 8 days.
Names are a short vocabulary, never a user id, so the counters hold no personal data.

Counts are added up in the process and written together, one `incr` per name, at most
`FLUSH_EVERY_S` after the first of them (and when the worker stops): one to three writes to the
state store inside every message (round trips, with Redis, under the shopper's lock) become a
handful a second. This process's own counts not yet written are part of what `get` reads; another
worker's show up within `FLUSH_EVERY_S`. A worker killed outright loses its last second of counts.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from bot.background import TaskSet
from bot.clock import Clock
from bot.state import StateStore, keys

log = logging.getLogger(__name__)

INTENT_PREFIX = "intent:"
FLUSH_EVERY_S = 1.0


@dataclass
class DailyStats:
    store: StateStore
    clock: Clock  # its zone is the shop's: the day each count goes to
    names: tuple[str, ...] = ()  # intents to read back; the matcher's ids by default
    tasks: TaskSet | None = None  # runs the flush (the app's); None: every count written at once
    flush_every_s: float = FLUSH_EVERY_S
    _day: str = field(default="", init=False, repr=False)
    _day_until: float = field(default=0.0, init=False, repr=False)
    _pending: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _writing: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _flush_due: bool = field(default=False, init=False, repr=False)
    _one_flush: asyncio.Lock = field(default_factory=asyncio.Lock, init=False, repr=False)

    @property
    def zone(self) -> ZoneInfo:
        return self.clock.zone

    def today(self) -> date:
        return self.clock.today()

    async def count(self, name: str, amount: int = 1) -> None:
        key = keys.STATS.key(self._day_key(), name)  # the day it happened, whenever it is written
        if self.tasks is None:
            await self.store.incr(key, amount, keys.STATS.life_s)
            return
        self._pending[key] = self._pending.get(key, 0) + amount
        if not self._flush_due:
            self._flush_due = True
            self.tasks.spawn(self._flush_soon())

    async def _flush_soon(self) -> None:
        try:
            await asyncio.sleep(self.flush_every_s)
        finally:  # also when the worker stops: what was counted is written
            await self.flush()

    async def flush(self) -> None:
        """Write the counts added up so far. Those the store does not take wait for the next."""
        self._flush_due = False  # a count from now on asks for a flush of its own
        async with self._one_flush:  # `_writing` is the one flush's under way
            self._writing, self._pending = self._pending, {}
            try:
                while self._writing:
                    key, amount = next(iter(self._writing.items()))
                    await self.store.incr(key, amount, keys.STATS.life_s)
                    del self._writing[key]
            except Exception:
                log.warning("could not write today's counts; they are kept for the next try")
                for key, amount in self._writing.items():
                    self._pending[key] = self._pending.get(key, 0) + amount
            finally:
                self._writing = {}

    def _day_key(self) -> str:
        """Today's key part, worked out at most once a second (every message counts here)."""
        now = self.clock.monotonic()
        if now >= self._day_until:
            self._day, self._day_until = self.today().isoformat(), now + 1.0
        return self._day

    async def get(self, name: str, day: date | None = None) -> int:
        key = keys.STATS.key((day or self.today()).isoformat(), name)
        raw = await self.store.get(key)
        unwritten = self._pending.get(key, 0) + self._writing.get(key, 0)
        return (int(raw) if raw else 0) + unwritten

    async def top_intents(self, limit: int = 5, day: date | None = None) -> list[tuple[str, int]]:
        counts = [(n, await self.get(INTENT_PREFIX + n, day)) for n in self.names]
        return sorted(((n, c) for n, c in counts if c), key=lambda nc: -nc[1])[:limit]

    async def many(self, names: Iterable[str], day: date | None = None) -> dict[str, int]:
        return {name: await self.get(name, day) for name in names}
