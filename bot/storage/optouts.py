"""退订: shoppers who asked not to receive promotions, per channel.

Broadcasts filter their audience through `opted_out` before sending. Opting out twice keeps the
first date (when they first asked is what a complaint needs).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from bot.storage.audit import write_entry
from bot.storage.core import Transactor
from bot.storage.schema import opt_outs

_CHUNK = 500  # stays far below SQLite's bound-parameter limit


class OptOutStore:
    def __init__(self, tx: Transactor) -> None:
        self._tx = tx

    async def opt_out(self, channel: str, user: str) -> None:
        mine = (opt_outs.c.channel == channel, opt_outs.c.user_id == user)
        try:
            async with self._tx.write() as conn:
                if await conn.scalar(select(opt_outs.c.since).where(*mine)) is None:
                    values = {"channel": channel, "user_id": user, "since": self._tx.clock.now()}
                    await conn.execute(insert(opt_outs).values(values))
                    await write_entry(
                        conn,
                        self._tx.clock.now(),
                        f"shopper:{user}",
                        "optout.add",
                        f"{channel}:{user}",
                    )
        except IntegrityError:
            return  # a concurrent request opted them out first; the outcome is the same

    async def opt_in(self, channel: str, user: str) -> None:
        async with self._tx.write() as conn:
            result = await conn.execute(
                delete(opt_outs).where(opt_outs.c.channel == channel, opt_outs.c.user_id == user)
            )
            if result.rowcount:
                await write_entry(
                    conn,
                    self._tx.clock.now(),
                    f"shopper:{user}",
                    "optout.remove",
                    f"{channel}:{user}",
                )

    async def is_opted_out(self, channel: str, user: str) -> bool:
        query = select(opt_outs.c.since).where(
            opt_outs.c.channel == channel, opt_outs.c.user_id == user
        )
        async with self._tx.read() as conn:
            return await conn.scalar(query) is not None

    async def opted_out(self, channel: str, users: Iterable[str]) -> set[str]:
        """Which of `users` opted out (for filtering a broadcast audience in bulk)."""
        wanted = list(dict.fromkeys(users))
        found: set[str] = set()
        async with self._tx.read() as conn:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                query = select(opt_outs.c.user_id).where(
                    opt_outs.c.channel == channel, opt_outs.c.user_id.in_(chunk)
                )
                found.update((await conn.scalars(query)).all())
        return found
