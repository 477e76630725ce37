"""Short shopper numbers for staff: `顾客 #17` instead of an openid nobody can read or type.

Each (channel, user) gets the next number the first time staff are shown that shopper (a hand-off
alert, a ticket); the number never changes and is never reused, so `/handback 17` written an hour
later still means the same person. Numbers are shared by every channel: the number alone says
which channel the shopper is on.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from bot.storage.core import Transactor
from bot.storage.schema import shopper_numbers


class NumberedShopper(NamedTuple):
    channel: str
    user: str


class ShopperNumbers:
    def __init__(self, tx: Transactor) -> None:
        self._tx = tx

    async def number_for(self, channel: str, user: str) -> int:
        """The shopper's number, given now if they have none yet."""
        found = await self.number_of(channel, user)
        if found is not None:
            return found
        values = {"channel": channel, "user_id": user, "created_at": self._tx.clock.now()}
        try:
            async with self._tx.write() as conn:
                made = (
                    await conn.execute(insert(shopper_numbers).values(values))
                ).inserted_primary_key
            assert made is not None
            return int(made[0])
        except IntegrityError:  # another worker numbered them a moment ago: theirs stands
            again = await self.number_of(channel, user)
            if again is None:
                raise
            return again

    async def find(self, number: int) -> NumberedShopper | None:
        query = select(shopper_numbers.c.channel, shopper_numbers.c.user_id).where(
            shopper_numbers.c.id == number
        )
        async with self._tx.read() as conn:
            row = (await conn.execute(query)).first()
        return NumberedShopper(row.channel, row.user_id) if row is not None else None

    async def number_of(self, channel: str, user: str) -> int | None:
        """The shopper's number if they have one (gives none)."""
        query = select(shopper_numbers.c.id).where(
            shopper_numbers.c.channel == channel, shopper_numbers.c.user_id == user
        )
        async with self._tx.read() as conn:
            found = await conn.scalar(query)
        return int(found) if found is not None else None
