"""Notices a shopper could not be sent (the customer-service quota was used up), kept until their
next message opens a new quota.

One notice per `topic` (`ticket:AS…`, `order:SB…`, `logistics:SB…`): a newer one replaces the
older, so a shopper who comes back after five logistics updates hears the latest, once. The text
is what the shopper will read (it may name an order, never a phone or an address).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from bot.storage.core import Transactor
from bot.storage.models import PendingNotice
from bot.storage.schema import pending_notices

KEEP_FOR = timedelta(days=7)  # a notice older than this is stale news; dropped unsent
MAX_TOPIC = 64


class NoticeStore:
    def __init__(self, tx: Transactor) -> None:
        self._tx = tx

    async def hold(self, channel: str, user: str, topic: str, text: str) -> None:
        """Keep `text` for the shopper's next message, replacing an older one on the topic."""
        topic = topic[:MAX_TOPIC]
        mine = (
            pending_notices.c.channel == channel,
            pending_notices.c.user_id == user,
            pending_notices.c.topic == topic,
        )
        async with self._tx.write() as conn:
            await conn.execute(delete(pending_notices).where(*mine))
            await conn.execute(
                insert(pending_notices).values(
                    channel=channel,
                    user_id=user,
                    topic=topic,
                    text=text,
                    created_at=self._tx.clock.now(),
                )
            )

    async def waiting(
        self, channel: str, user: str, now: datetime | None = None
    ) -> list[PendingNotice]:
        """The shopper's notices, oldest first; stale ones are dropped on the way."""
        cutoff = (now or self._tx.clock.now()) - KEEP_FOR
        mine = (pending_notices.c.channel == channel, pending_notices.c.user_id == user)
        async with self._tx.write() as conn:
            await conn.execute(
                delete(pending_notices).where(*mine, pending_notices.c.created_at < cutoff)
            )
            rows = (
                await conn.execute(
                    select(pending_notices).where(*mine).order_by(pending_notices.c.id)
                )
            ).all()
        return [
            PendingNotice(r.id, r.channel, r.user_id, r.topic, r.text, r.created_at) for r in rows
        ]

    async def claim(self, notice_id: int) -> bool:
        """Take one notice for sending: True for exactly one caller (two messages of the same
        shopper arriving together must not both send it)."""
        async with self._tx.write() as conn:
            result = await conn.execute(
                delete(pending_notices).where(pending_notices.c.id == notice_id)
            )
        return bool(result.rowcount == 1)

    async def restore(self, notice: PendingNotice) -> None:
        """Put back a claimed notice whose sending failed, unless a newer one took its topic."""
        try:
            async with self._tx.write() as conn:
                await conn.execute(
                    insert(pending_notices).values(
                        channel=notice.channel,
                        user_id=notice.user,
                        topic=notice.topic,
                        text=notice.text,
                        created_at=notice.created_at,
                    )
                )
        except IntegrityError:
            pass  # a newer notice on the topic waits instead
