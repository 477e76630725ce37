"""Today's numbers for `/stats`, counted in the state store so every worker adds to the same day.

    stats = services.stats
    await stats.count("messages")            # the pipeline, once per inbound shopper message
    await stats.count("intent:order_status") # the intent resolver, per recognised intent
    await stats.count("fallback")            # the fallback handler

Keys are `stats:<YYYY-MM-DD>:<name>` in the local day of `[scheduler] timezone`, kept 8 days.
Names are a short vocabulary, never a user id, so the counters hold no personal data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.state import StateStore, keys

INTENT_PREFIX = "intent:"


@dataclass
class DailyStats:
    store: StateStore
    clock: Clock  # its zone is the shop's: the day each count goes to
    names: tuple[str, ...] = ()  # intents to read back; the matcher's ids by default
    _day: str = field(default="", init=False, repr=False)
    _day_until: float = field(default=0.0, init=False, repr=False)

    @property
    def zone(self) -> ZoneInfo:
        return self.clock.zone

    def today(self) -> date:
        return self.clock.today()

    async def count(self, name: str, amount: int = 1) -> None:
        await self.store.incr(keys.STATS.key(self._day_key(), name), amount, keys.STATS.life_s)

    def _day_key(self) -> str:
        """Today's key part, worked out at most once a second (every message counts here)."""
        now = self.clock.monotonic()
        if now >= self._day_until:
            self._day, self._day_until = self.today().isoformat(), now + 1.0
        return self._day

    async def get(self, name: str, day: date | None = None) -> int:
        raw = await self.store.get(keys.STATS.key((day or self.today()).isoformat(), name))
        return int(raw) if raw else 0

    async def top_intents(self, limit: int = 5, day: date | None = None) -> list[tuple[str, int]]:
        counts = [(n, await self.get(INTENT_PREFIX + n, day)) for n in self.names]
        return sorted(((n, c) for n, c in counts if c), key=lambda nc: -nc[1])[:limit]

    async def many(self, names: Iterable[str], day: date | None = None) -> dict[str, int]:
        return {name: await self.get(name, day) for name in names}
