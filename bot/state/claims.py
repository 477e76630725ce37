"""A dedup claim: the first attempt at a callback owns it, as a lease, until it has answered.

The claim is the record `dedup:<key>` itself. While the owner works it holds
`{"s":"pending","o":<owner>}` with a short TTL (`LEASE_S`) that the owner renews every
`RENEW_EVERY_S`; once the owner has answered, it settles the record to the answer
(passive XML, "api", "none") for the long dedup TTL, if the claim is still its own.

So a claim is never pending without a live owner for longer than the lease: an owner killed
mid-message (SIGKILL, a lost host), or cut off from Redis, stops renewing, the record expires
within `LEASE_S`, and the next WeChat retry takes the claim over and runs the handler itself
(orders are idempotent by the dedup key, so a handler that got as far as the order does not
order twice). Commands a stalled Redis runs late can only recreate a pending record for one
lease. The Redis client's timeout (bot/state/redis.py) is shorter than the lease, so an owner
cut off from Redis finds out before its claim runs out.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.state import jsonbytes
from bot.state.base import Renewal, StateStore
from bot.state.tokens import unique_token

log = logging.getLogger(__name__)

LEASE_S = 3.0
RENEW_EVERY_S = 1.0
PENDING = "pending"


def owner_id() -> str:
    """This attempt: the process, its random part and a number (two attempts differ)."""
    return unique_token()


class Claim:
    def __init__(self, store: StateStore, key: str, record_ttl_s: float) -> None:
        self.store = store
        self.key = key
        self.record_ttl_s = record_ttl_s
        # What json.dumps({"s": PENDING, "o": owner}) gives, without encoding a dict per message.
        self._pending = f'{{"s": "{PENDING}", "o": "{owner_id()}"}}'.encode()
        self._renewal: Renewal | None = None
        self.lost = False  # the claim was taken over before we answered

    async def take(self) -> bool:
        """Claim the key if nobody holds it; True when this attempt owns it now."""
        return await self.store.set_if_absent(self.key, self._pending, LEASE_S)

    def keep(self) -> None:
        """Renew the lease in the background until `settle` or `stop`."""
        if self._renewal is None:
            self._renewal = Renewal(self.store.keeper, self._renew, RENEW_EVERY_S, "a dedup claim")
            self._renewal.start()

    async def _renew(self) -> bool:
        return await self.store.set_if_equals(self.key, self._pending, self._pending, LEASE_S)

    async def settle(self, record: dict[str, str]) -> bool:
        """Replace our pending record with the answer; False when the claim is no longer ours
        (another attempt took it over and answers instead)."""
        await self.stop()
        value = jsonbytes.dumps(record)
        if await self.store.set_if_equals(self.key, self._pending, value, self.record_ttl_s):
            return True
        # Our lease lapsed (a long pause) but nobody took over: the answer is still ours to give.
        if await self.store.set_if_absent(self.key, value, self.record_ttl_s):
            return True
        self.lost = True
        return False

    async def stop(self) -> None:
        renewal, self._renewal = self._renewal, None
        if renewal is not None:
            await renewal.stop()


def read_record(raw: bytes | None) -> dict[str, Any] | None:
    """A dedup record, or None when there is none (never claimed, or its lease ran out)."""
    if raw is None:
        return None
    record = jsonbytes.loads(raw)
    return record if isinstance(record, dict) else None
