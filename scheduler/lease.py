"""Which process runs the scheduler: a lease in the state store.

With Redis as the state store every worker (and a separate `shopbot scheduler` process) competes
for one key; the holder renews it every `renew_every_s` and the others retry at the same pace,
taking over within `ttl_s` of the holder's death. With the memory store the process is alone and
always holds it.

The store offers no "extend only if mine" step, so a renewal is read-then-write: should a holder
stall past the TTL, two processes may briefly both think they lead. That is safe, because
leadership only saves work: every run is claimed in the database (`claim_run`) and every batch
of it too (`start_batch`), so nothing is sent twice whoever fires it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from bot.state import StateStore

LEASE_KEY = "scheduler:lease"


@dataclass
class Lease:
    store: StateStore
    ttl_s: float = 30.0
    key: str = LEASE_KEY
    token: bytes = field(default_factory=lambda: secrets.token_hex(12).encode())

    async def acquire(self) -> bool:
        """Take the lease if free, or renew it if ours; True while we hold it."""
        if await self.store.set_if_absent(self.key, self.token, self.ttl_s):
            return True
        return await self.renew()

    async def renew(self) -> bool:
        if await self.store.get(self.key) != self.token:
            return False
        await self.store.set(self.key, self.token, self.ttl_s)
        return True

    async def release(self) -> None:
        await self.store.delete_if_equals(self.key, self.token)
