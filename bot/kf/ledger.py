"""The durable half of exactly-once for 微信客服: the cursor and every msgid, in the database.

Tencent keeps handing back what a cursor has not passed, so a lost or stale cursor answers the
same messages again (the complaint of every kf bot, PLATFORM.md). Here:

* `claim` stores the pulled messages and moves the cursor **in one transaction**, and only
  if the cursor is still the one the pull started from (compare-and-set): two pullers that
  raced (a lease ran out) cannot both claim a page, and a crash leaves either both or neither.
  A msgid already in the inbox is not stored again (unique (open_kfid, msgid)), so even a pull
  from an old cursor claims nothing twice.
* `take` hands a customer's oldest pending messages (up to 10 at a time) to exactly one worker
  (a conditional UPDATE), and forgets their content: after that only the msgid is kept, to
  refuse it again.
* A message claimed but not yet taken when a worker died is still pending: the next sweep
  (start-up, or the periodic pull) answers it. A message taken and then lost mid-answer (its worker
  died holding it) is not answered again: as in the pipeline, a lost reply is preferred to a
  doubled one.
* Rows are kept `KEEP_S` (4 days): sync_msg only returns the last 3 days, so no msgid can
  come back after its row is gone.

The tables live beside the shop's (same database, SQLite or PostgreSQL) and are created and
upgraded by the shop's migrations (bot/storage/schema.py, migration 3).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    delete,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.storage import Database
from bot.storage.schema import kf_cursors, kf_inbox

KEEP_S = 4 * 86_400
TAKE_BATCH = 10
PENDING, TAKEN = "pending", "taken"


class CursorMoved(Exception):
    """Another puller moved the cursor since this pull read it; its page is not claimed."""


@dataclass(frozen=True)
class Claimed:
    msgid: str
    user: str
    send_time: int
    origin: int


@dataclass(frozen=True)
class Pending:
    msgid: str
    user: str
    item: dict[str, Any]


def _user(item: dict[str, Any]) -> str:
    event = item.get("event")
    found = item.get("external_userid") or (
        event.get("external_userid") if isinstance(event, dict) else ""
    )
    return str(found or "")


class KfLedger:
    def __init__(self, db: Database) -> None:
        self._tx = db.transactor

    async def cursor(self, open_kfid: str) -> str:
        async with self._tx.read() as conn:
            found = await conn.scalar(
                select(kf_cursors.c.cursor).where(kf_cursors.c.open_kfid == open_kfid)
            )
        return str(found or "")

    async def forget_cursor(self, open_kfid: str) -> None:
        """Pull from the start of Tencent's 3 days again; the msgids kept refuse repeats."""
        async with self._tx.write() as conn:
            await conn.execute(delete(kf_cursors).where(kf_cursors.c.open_kfid == open_kfid))

    async def claim(
        self, open_kfid: str, read_cursor: str, next_cursor: str, items: list[dict[str, Any]]
    ) -> list[Claimed]:
        """Store the page's new messages and move the cursor, atomically; CursorMoved if the
        cursor is no longer `read_cursor`. Returns the messages that were new."""
        now = int(self._tx.clock.time())
        async with self._tx.write() as conn:
            await self._move_cursor(conn, open_kfid, read_cursor, next_cursor, now)
            rows = [_row(open_kfid, item, now) for item in items if item.get("msgid")]
            if not rows:
                return []
            inserted = set(await self._insert_new(conn, [_stored(r) for r in rows]))
        return [
            Claimed(r["msgid"], r["external_userid"], r["send_time"], r["origin"])
            for r in rows
            if r["msgid"] in inserted
        ]

    def _insert(self) -> Any:
        dialect = postgresql if self._tx.backend == "postgresql" else sqlite
        return dialect.insert

    async def _move_cursor(
        self, conn: AsyncConnection, open_kfid: str, old: str, new: str, now: int
    ) -> None:
        current = await conn.scalar(
            select(kf_cursors.c.cursor).where(kf_cursors.c.open_kfid == open_kfid)
        )
        if (current or "") != old:
            raise CursorMoved(open_kfid)
        if current is None:
            stmt = self._insert()(kf_cursors).values(
                open_kfid=open_kfid, cursor=new, updated_at=now
            )
            result = await conn.execute(stmt.on_conflict_do_nothing())
        else:
            result = await conn.execute(
                update(kf_cursors)
                .where(kf_cursors.c.open_kfid == open_kfid, kf_cursors.c.cursor == old)
                .values(cursor=new, updated_at=now)
            )
        if result.rowcount != 1:
            raise CursorMoved(open_kfid)

    async def _insert_new(self, conn: AsyncConnection, rows: list[dict[str, Any]]) -> list[str]:
        stmt = (
            self._insert()(kf_inbox)
            .values(rows)
            .on_conflict_do_nothing()
            .returning(kf_inbox.c.msgid)
        )
        return list((await conn.execute(stmt)).scalars())

    async def take(self, open_kfid: str, user: str, limit: int = TAKE_BATCH) -> list[Pending]:
        """The customer's oldest pending messages (at most `limit`), now taken by this caller
        and by no other, oldest first."""
        async with self._tx.write() as conn:
            rows = (
                await conn.execute(
                    select(kf_inbox.c.id, kf_inbox.c.msgid, kf_inbox.c.item)
                    .where(
                        kf_inbox.c.open_kfid == open_kfid,
                        kf_inbox.c.external_userid == user,
                        kf_inbox.c.status == PENDING,
                    )
                    .order_by(kf_inbox.c.id)
                    .limit(limit)
                )
            ).all()
            if not rows:
                return []
            taken = set(
                (
                    await conn.execute(
                        update(kf_inbox)
                        .where(
                            kf_inbox.c.id.in_([r.id for r in rows]), kf_inbox.c.status == PENDING
                        )
                        .values(status=TAKEN, item="")
                        .returning(kf_inbox.c.id)
                    )
                ).scalars()
            )
        return [Pending(r.msgid, user, json.loads(r.item)) for r in rows if r.id in taken]

    async def pending_users(self, open_kfid: str, older_than_s: float = 0.0) -> list[str]:
        """Customers with messages claimed at least `older_than_s` ago and not yet taken."""
        before = int(self._tx.clock.time() - older_than_s)
        async with self._tx.read() as conn:
            found = await conn.scalars(
                select(kf_inbox.c.external_userid)
                .where(
                    kf_inbox.c.open_kfid == open_kfid,
                    kf_inbox.c.status == PENDING,
                    kf_inbox.c.claimed_at <= before,
                )
                .distinct()
            )
            return list(found)

    async def purge(self, keep_s: float = KEEP_S) -> int:
        before = int(self._tx.clock.time() - keep_s)
        async with self._tx.write() as conn:
            result = await conn.execute(delete(kf_inbox).where(kf_inbox.c.claimed_at < before))
        return int(result.rowcount or 0)


def _row(open_kfid: str, item: dict[str, Any], now: int) -> dict[str, Any]:
    return {
        "origin": _origin(item),
        "open_kfid": open_kfid,
        "msgid": str(item.get("msgid", "")),
        "external_userid": _user(item),
        "send_time": int(item.get("send_time") or 0),
        "item": json.dumps(item, ensure_ascii=False, separators=(",", ":")),
        "status": PENDING,
        "claimed_at": now,
    }


def _stored(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "origin"}


def _origin(item: dict[str, Any]) -> int:
    try:
        return int(item.get("origin") or (4 if item.get("msgtype") == "event" else 3))
    except (TypeError, ValueError):
        return 0
