"""The unanswered-question log: what shoppers asked that the bot could not answer, per day.

Each question is masked (`masking.mask_message`) before it is stored, then counted under its
folded wording, the day in the shop's time zone and why it went unanswered (`fallback`: not understood;
`no_product`: nothing in the catalogue; `no_fact`: a product question without a fact). The
merchant reads the most frequent ones of the last days (`/unanswered`, `shopbot kb gaps`) to add
the FAQ entry or product fact that was missing.

Counting is an UPDATE of the day's row, or an INSERT when there is none yet; two workers inserting
the same new row at once collide on the primary key and the loser updates instead.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.shoptime import shop_today
from bot.storage.core import Transactor
from bot.storage.masking import mask_message
from bot.storage.schema import unanswered

REASONS = ("fallback", "no_product", "no_fact")
MAX_TEXT = 200
"""Longer messages are cut: a letter is for a human to read in the chat, not a gap to count."""
_FOLD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Unanswered:
    """One wording and how often it went unanswered in the period asked for."""

    text: str
    reason: str
    count: int
    last_at: datetime


def fold(text: str) -> str:
    """The wording counted: full width folded, lower case, no punctuation or spaces."""
    folded = _FOLD.sub("", unicodedata.normalize("NFKC", text).casefold())
    return folded[:MAX_TEXT]


def shop_day(at: datetime, zone: ZoneInfo) -> str:
    return shop_today(zone, at).isoformat()


class UnansweredStore:
    def __init__(self, tx: Transactor) -> None:
        self._tx = tx

    async def record(self, text: str, reason: str, at: datetime | None = None) -> bool:
        """Count one unanswered message (masked first); False when there is nothing to count."""
        if reason not in REASONS:
            raise ValueError(f"unknown reason {reason!r}: one of {', '.join(REASONS)}")
        masked = " ".join(mask_message(text).split())[:MAX_TEXT]
        key = fold(masked)
        if not key:
            return False
        at = at or self._tx.clock.now()
        row = {"day": shop_day(at, self._tx.clock.zone), "text_key": key, "reason": reason}
        for _ in range(2):
            try:
                async with self._tx.write() as conn:
                    if await self._bump(conn, row, at):
                        return True
                    values = row | {"text": masked, "count": 1, "last_at": at}
                    await conn.execute(insert(unanswered).values(values))
                    return True
            except IntegrityError:
                continue  # another worker inserted the same row first: count on it
        return False

    async def _bump(self, conn: AsyncConnection, row: dict[str, str], at: datetime) -> bool:
        found = await conn.execute(
            update(unanswered)
            .where(*(unanswered.c[name] == value for name, value in row.items()))
            .values(count=unanswered.c.count + 1, last_at=at)
        )
        return bool(found.rowcount)

    async def most_frequent(
        self, days: int = 7, limit: int = 10, now: datetime | None = None
    ) -> list[Unanswered]:
        """The most frequent unanswered wordings of the last `days` days (today included)."""
        now = now or self._tx.clock.now()
        since = shop_day(now - timedelta(days=max(1, days) - 1), self._tx.clock.zone)
        total = func.sum(unanswered.c.count).label("total")
        last = func.max(unanswered.c.last_at).label("last")
        shown = func.max(unanswered.c.text).label("shown")
        query = (
            select(shown, unanswered.c.reason, total, last)
            .where(unanswered.c.day >= since)
            .group_by(unanswered.c.text_key, unanswered.c.reason)
            .order_by(total.desc(), last.desc())
            .limit(limit)
        )
        async with self._tx.read() as conn:
            rows = (await conn.execute(query)).all()
        return [Unanswered(r.shown, r.reason, int(r.total), _aware(r.last)) for r in rows]


def _aware(value: datetime | str) -> datetime:
    """max() over a UTCDateTime column comes back raw (SQLite: a string, naive)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
