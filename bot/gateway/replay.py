"""Each signed query is good for one body.

A callback's signature covers its timestamp and nonce but, in plaintext mode, not its body. A query
string captured from a proxy log would otherwise let anyone post other XML under it for the whole
clock-skew window. So every accepted `(channel, timestamp, nonce)` is remembered, across workers,
with a digest of its body for as long as its timestamp is accepted: the same query with the same
body again is WeChat resending (the pipeline's dedup answers it), the same query with another body
is refused.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping

from bot.protocol import Forbidden
from bot.state import StateStore, keys

log = logging.getLogger(__name__)

MIN_WINDOW_S = 300  # with the clock-skew check off, a query is still remembered this long
_WARN_EVERY_S = 60.0


class ReplayGuard:
    def __init__(self, store: StateStore, max_clock_skew_s: int) -> None:
        self.store = store
        # The timestamp is accepted up to the skew on either side of now, and a little beyond.
        self.window_s = max(max_clock_skew_s * 2, MIN_WINDOW_S) + 60
        self._warned_at = 0.0

    async def admit(self, channel: str, query: Mapping[str, str], body: bytes) -> None:
        """Raise Forbidden when this query was already used with another body."""
        key = keys.REPLAY.key(channel, query.get("timestamp", ""), query.get("nonce", ""))
        digest = hashlib.sha256(body).digest()[:16]
        try:
            if await self.store.set_if_absent(key, digest, self.window_s):
                return
            seen = await self.store.get(key)
        except Exception:  # the state store is down: the signature check still stands
            self._warn_store_down()
            return
        if seen is not None and seen != digest:
            raise Forbidden("this timestamp and nonce were already used with another body")

    def _warn_store_down(self) -> None:
        now = self.store.clock.monotonic()
        if now - self._warned_at >= _WARN_EVERY_S:
            self._warned_at = now
            log.warning("replay guard skipped: the state store did not answer", exc_info=True)
