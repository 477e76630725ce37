"""The audit log: who did what to which order, ticket, stock or campaign. Append-only.

Stores write their own entry inside the transaction that makes the change, so a change without an
entry (or an entry without the change) cannot happen. The detail is scrubbed on the way in:
phones become `138****5678` and addresses `***`, whatever key or free text they arrive in.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Row, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.logs import CORRELATION, NO_CORRELATION
from bot.storage.core import Transactor, note_written
from bot.storage.masking import mask_text, scrub
from bot.storage.models import AuditEntry
from bot.storage.schema import audit_log


async def write_entry(
    conn: AsyncConnection,
    at: datetime,
    actor: str,
    action: str,
    target: str,
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Append one entry made `at` on `conn` (the caller's transaction), with the correlation id of the
    callback it came from (`cid`), so an entry leads to the log lines of its handling."""
    note_written(action)
    details = scrub(dict(detail or {}))
    if (cid := CORRELATION.get()) != NO_CORRELATION:
        details.setdefault("cid", cid)
    await conn.execute(
        insert(audit_log).values(
            at=at,
            actor=mask_text(actor)[:128],
            action=action[:64],
            target=mask_text(target)[:128],
            detail=details,
        )
    )


def _entry(row: Row[Any]) -> AuditEntry:
    return AuditEntry(row.id, row.at, row.actor, row.action, row.target, dict(row.detail))


class AuditLog:
    def __init__(self, tx: Transactor) -> None:
        self._tx = tx

    async def record(
        self, actor: str, action: str, target: str, detail: Mapping[str, Any] | None = None
    ) -> None:
        """Append one entry in its own transaction (for actions with no stored change)."""
        async with self._tx.write() as conn:
            await write_entry(conn, self._tx.clock.now(), actor, action, target, detail)

    async def recent(self, limit: int = 50, target: str | None = None) -> list[AuditEntry]:
        """Newest first; optionally only the entries about one order, ticket or campaign."""
        query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
        if target is not None:
            query = query.where(audit_log.c.target == target)
        async with self._tx.read() as conn:
            rows = (await conn.execute(query)).all()
        return [_entry(row) for row in rows]
