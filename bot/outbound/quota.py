"""Quotas and rate limits the platform enforces; we count them first so we never exceed them.

OA customer-service messages (PLATFORM.md): a user message grants 5 messages for 48 h; a menu click,
subscribe or QR scan grants 3 for one minute; a payment grants unlimited messages for 48 h (the
payment-success trigger: the shop's payment callback calls `grant_payment`). Rate limits are in
bot/outbound/limits.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.protocol import Inbound, Kind
from bot.state import StateStore, keys

MESSAGE_GRANT = (5, 48 * 3600)
EVENT_GRANT = (3, 60)
PAYMENT_GRANT_S = 48 * 3600
GRANTING_EVENTS = frozenset({"click", "subscribe", "scan", "view"})


@dataclass
class CustomerServiceQuota:
    store: StateStore

    async def grant(self, msg: Inbound) -> None:
        """Record what this inbound lets us send to its user through the customer-service API."""
        if msg.kind is Kind.EVENT:
            if msg.event in GRANTING_EVENTS:
                await self.store.set(
                    keys.CSQ_EVENT.key(msg.user), str(EVENT_GRANT[0]).encode(), EVENT_GRANT[1]
                )
            return
        await self.store.set(
            keys.CSQ_MESSAGE.key(msg.user), str(MESSAGE_GRANT[0]).encode(), MESSAGE_GRANT[1]
        )

    async def grant_payment(self, user: str) -> None:
        """The user paid: messages are unlimited for 48 hours."""
        await self.store.set(keys.CSQ_PAYMENT.key(user), b"1", PAYMENT_GRANT_S)

    async def take(self, user: str) -> bool:
        """Spend one message: free within 48 h of a payment; else the short event grant first,
        since it expires sooner."""
        if await self.store.get(keys.CSQ_PAYMENT.key(user)) is not None:
            return True
        for key in (keys.CSQ_EVENT.key(user), keys.CSQ_MESSAGE.key(user)):
            if await self.store.take(key):  # atomic: never below zero, never past its expiry
                return True
        return False

    async def remaining(self, user: str) -> int:
        total = 0
        for key in (keys.CSQ_EVENT.key(user), keys.CSQ_MESSAGE.key(user)):
            raw = await self.store.get(key)
            total += max(0, int(raw)) if raw else 0
        return total
