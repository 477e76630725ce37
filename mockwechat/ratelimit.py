"""Sliding-window counters for the platform's per-minute and per-hour limits."""

from __future__ import annotations

from collections import deque


class SlidingWindow:
    """At most `limit` events per key within any `window_s` seconds.

    A refused event is not counted, so a client that backs off gets through as soon as the
    oldest counted event leaves the window, as with Tencent's per-minute limits.
    """

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit = limit
        self.window_s = window_s
        self._events: dict[str, deque[float]] = {}

    def has_room(self, key: str, now: float) -> bool:
        events = self._events.get(key)
        if events is None:
            return True
        while events and events[0] <= now - self.window_s:
            events.popleft()
        return len(events) < self.limit

    def hit(self, key: str, now: float) -> bool:
        """Count one event for `key` if the window has room; say whether it was allowed."""
        if not self.has_room(key, now):
            return False
        self._events.setdefault(key, deque()).append(now)
        return True


def hit_all(windows: tuple[SlidingWindow, ...], key: str, now: float) -> bool:
    """Count an event in every window only if all of them have room (e.g. 30/min and 1000/h)."""
    if not all(w.has_room(key, now) for w in windows):
        return False
    for window in windows:
        window.hit(key, now)
    return True
