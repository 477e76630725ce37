"""The one clock: every reading of the time in the bot comes from a `Clock`.

A process makes one (`shop_clock(config)`, in `open_services`), opens its state store and
database with it, and `build_services` hands the same one to everything else as
`services.clock`: the stores, the scheduler, the outbound limiter, 微信客服, broadcasts, stats,
hand-off, the pipeline's deadlines. Nothing calls `time.time()`, `time.monotonic()` or
`datetime.now()` itself (tests/test_clock.py holds every module to that, with the few readings
that must stay, such as benchmark timing, listed there with the reason).

A clock gives three readings:

* `now()`: this moment as an aware datetime in UTC (what the database stores and compares);
  `today()` and `local_now()` put it in the shop's zone (`zone`, bot/shoptime.py): the one
  calendar of promotions, order numbers, stats, quiet hours and campaigns;
* `time()`: the same moment as seconds since the epoch (TTLs written into records, WeChat's
  timestamps, the 48-hour 微信客服 window);
* `monotonic()`: seconds that only ever go forward, for timeouts, rates and caches (immune to
  the wall clock being set back).

Tests use `TestClock`, which can be moved on (`clock.advance(200)`) instead of sleeping.
"""

from __future__ import annotations

import time as _time
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from bot.shoptime import DEFAULT_ZONE, shop_today, shop_zone

if TYPE_CHECKING:
    from bot.config import Config


class Clock(Protocol):
    """Where the bot reads the time (see the module docstring for which reading is for what)."""

    @property
    def zone(self) -> ZoneInfo:
        """The shop's time zone."""

    def now(self) -> datetime:
        """This moment, aware, in UTC."""

    def time(self) -> float:
        """This moment in seconds since the epoch."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary start that never go backwards."""

    def today(self) -> date:
        """The shop's calendar day now."""

    def local_now(self) -> datetime:
        """This moment in the shop's zone."""


class SystemClock:
    """The machine's clock (NTP-synchronised on a server), read in the shop's zone."""

    def __init__(self, zone: ZoneInfo = DEFAULT_ZONE) -> None:
        self._zone = zone

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    def now(self) -> datetime:
        return datetime.now(UTC)

    def time(self) -> float:
        return _time.time()

    def monotonic(self) -> float:
        return _time.monotonic()

    def today(self) -> date:
        return shop_today(self._zone, self.now())

    def local_now(self) -> datetime:
        return self.now().astimezone(self._zone)


def shop_clock(config: Config) -> SystemClock:
    """The system clock in the configured shop zone (`[scheduler] timezone`)."""
    return SystemClock(shop_zone(config))


class TestClock:
    """A clock a test moves by hand: `advance(seconds)` is that much time passing, for the wall
    clock and the monotonic one alike.

    `frozen=True` (the default) stands still between advances, so a test can assert exact
    times. `frozen=False` also runs along with the real clock, for tests of the whole app, whose
    polling loops and deadlines must still see time pass while nobody advances it.
    """

    __test__ = False  # not a test class, whatever its name says to pytest

    def __init__(
        self,
        start: datetime | float | None = None,
        *,
        zone: ZoneInfo = DEFAULT_ZONE,
        frozen: bool = True,
    ) -> None:
        if start is None:
            start = _time.time() if not frozen else 1_700_000_000.0
        self._start = start.timestamp() if isinstance(start, datetime) else float(start)
        self._zone = zone
        self._frozen = frozen
        self._offset = 0.0
        self._real_start = _time.monotonic()

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    def advance(self, seconds: float) -> None:
        """Let `seconds` pass (negative values are refused: the monotonic clock cannot go back)."""
        if seconds < 0:
            raise ValueError("a clock only goes forward")
        self._offset += seconds

    def _elapsed(self) -> float:
        running = 0.0 if self._frozen else _time.monotonic() - self._real_start
        return self._offset + running

    def time(self) -> float:
        return self._start + self._elapsed()

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), UTC)

    def monotonic(self) -> float:
        return 1000.0 + self._elapsed()

    def today(self) -> date:
        return shop_today(self._zone, self.now())

    def local_now(self) -> datetime:
        return self.now().astimezone(self._zone)
