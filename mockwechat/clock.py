"""Time for the mock: token expiry, rate windows and call timestamps all read one clock.

The clock is injectable so tests can move time by hand instead of sleeping through a
5-minute token overlap or a 60-second rate window.
"""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]
"""Seconds since the epoch, like `time.time`."""

system_clock: Clock = time.time


class ManualClock:
    """A clock that only moves when told to; starts at a fixed, plausible epoch second."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
