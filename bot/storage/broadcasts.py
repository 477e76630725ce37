"""The plan of a broadcast run and its batches: how a restart resumes without sending twice.

A claimed campaign run (`campaigns.claim_run`) first stores its plan — every API call it will
make, as numbered batches with their targets — in one transaction. Then, for each batch::

    planned --start_batch--> sending --finish_batch--> sent | failed
                             sending --interrupt-----> unknown        (found after a crash)

`start_batch` is one conditional UPDATE, so of any number of workers or restarts exactly one gets
to make a batch's API call. A batch found `sending` after a restart may or may not have reached
Tencent; it becomes `unknown` and is reported, never resent (a promotion sent twice is worse than
one reported late). A late answer for it may still `finish_batch` it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Row, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.storage.audit import write_entry
from bot.storage.core import Transactor
from bot.storage.models import CampaignRun, CampaignStatus, RunStatus
from bot.storage.schema import (
    broadcast_batches,
    broadcast_plans,
    campaign_runs,
    campaigns,
)

_MIRROR_LOCK_KEY = 0x5B0_C0F  # PostgreSQL advisory lock: one mirroring at a time


class BatchStatus(StrEnum):
    PLANNED = "planned"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class BatchIn:
    """One API call to make: a channel (e.g. "group_task"), its sender, its targets."""

    channel: str
    targets: tuple[str, ...]
    sender: str = ""


@dataclass(frozen=True)
class MirroredCampaign:
    """A campaign of the config file: its name identifies it; cron and payload may change."""

    name: str
    cron: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Batch:
    campaign_id: int
    run_key: str
    batch_no: int
    channel: str
    sender: str
    targets: tuple[str, ...]
    status: BatchStatus
    result: dict[str, Any]
    error: str | None
    updated_at: datetime
    reminded_at: datetime | None


@dataclass(frozen=True)
class BroadcastPlan:
    campaign_id: int
    run_key: str
    summary: dict[str, Any]
    created_at: datetime
    batches: tuple[Batch, ...]


def _batch(row: Row[Any]) -> Batch:
    return Batch(
        campaign_id=row.campaign_id,
        run_key=row.run_key,
        batch_no=row.batch_no,
        channel=row.channel,
        sender=row.sender,
        targets=tuple(row.targets),
        status=BatchStatus(row.status),
        result=dict(row.result),
        error=row.error,
        updated_at=row.updated_at,
        reminded_at=row.reminded_at,
    )


class BroadcastStore:
    def __init__(self, tx: Transactor) -> None:
        self._tx = tx

    async def save_plan(
        self,
        campaign_id: int,
        run_key: str,
        summary: dict[str, Any],
        batches: Sequence[BatchIn],
    ) -> bool:
        """Store the plan and its batches (numbered from 1); False if the run has one already."""
        now = self._tx.clock.now()
        rows = [
            {
                "campaign_id": campaign_id,
                "run_key": run_key,
                "batch_no": number,
                "channel": batch.channel,
                "sender": batch.sender,
                "targets": list(batch.targets),
                "status": BatchStatus.PLANNED.value,
                "result": {},
                "updated_at": now,
            }
            for number, batch in enumerate(batches, start=1)
        ]
        plan = {"campaign_id": campaign_id, "run_key": run_key, "summary": summary}
        try:
            async with self._tx.write() as conn:
                await conn.execute(insert(broadcast_plans).values(**plan, created_at=now))
                if rows:
                    await conn.execute(insert(broadcast_batches), rows)
                detail = {"run_key": run_key, "batches": len(rows)}
                await write_entry(
                    conn, now, "scheduler", "broadcast.plan", f"campaign:{campaign_id}", detail
                )
        except IntegrityError:
            return False
        return True

    async def get_plan(self, campaign_id: int, run_key: str) -> BroadcastPlan | None:
        mine_plan = (
            broadcast_plans.c.campaign_id == campaign_id,
            broadcast_plans.c.run_key == run_key,
        )
        async with self._tx.read() as conn:
            head = (await conn.execute(select(broadcast_plans).where(*mine_plan))).first()
            if head is None:
                return None
            query = (
                select(broadcast_batches)
                .where(
                    broadcast_batches.c.campaign_id == campaign_id,
                    broadcast_batches.c.run_key == run_key,
                )
                .order_by(broadcast_batches.c.batch_no)
            )
            batches = tuple(_batch(row) for row in (await conn.execute(query)).all())
        return BroadcastPlan(campaign_id, run_key, dict(head.summary), head.created_at, batches)

    def _one(self, campaign_id: int, run_key: str, batch_no: int) -> tuple[Any, ...]:
        c = broadcast_batches.c
        return (c.campaign_id == campaign_id, c.run_key == run_key, c.batch_no == batch_no)

    async def start_batch(self, campaign_id: int, run_key: str, batch_no: int) -> bool:
        """Claim a planned batch for sending: True for exactly one caller."""
        async with self._tx.write() as conn:
            result = await conn.execute(
                update(broadcast_batches)
                .where(
                    *self._one(campaign_id, run_key, batch_no),
                    broadcast_batches.c.status == BatchStatus.PLANNED,
                )
                .values(status=BatchStatus.SENDING, updated_at=self._tx.clock.now())
            )
        return bool(result.rowcount == 1)

    async def finish_batch(
        self,
        campaign_id: int,
        run_key: str,
        batch_no: int,
        status: BatchStatus,
        result: dict[str, Any],
        error: str | None = None,
    ) -> bool:
        """Record what the API answered for a claimed batch; False if it was not in flight."""
        if status not in (BatchStatus.SENT, BatchStatus.FAILED, BatchStatus.UNKNOWN):
            raise ValueError(f"a batch cannot finish as {status}")
        in_flight = (BatchStatus.SENDING, BatchStatus.UNKNOWN)
        async with self._tx.write() as conn:
            changed = await conn.execute(
                update(broadcast_batches)
                .where(
                    *self._one(campaign_id, run_key, batch_no),
                    broadcast_batches.c.status.in_(in_flight),
                )
                .values(status=status, result=result, error=error, updated_at=self._tx.clock.now())
            )
            if changed.rowcount == 1 and status is not BatchStatus.SENT:
                detail = {"run_key": run_key, "batch": batch_no, "status": status, "error": error}
                target = f"campaign:{campaign_id}"
                await write_entry(
                    conn, self._tx.clock.now(), "scheduler", "broadcast.batch", target, detail
                )
        return bool(changed.rowcount == 1)

    async def interrupt(self, campaign_id: int, run_key: str) -> int:
        """After a crash: batches left `sending` become `unknown` (reported, never resent)."""
        c = broadcast_batches.c
        async with self._tx.write() as conn:
            result = await conn.execute(
                update(broadcast_batches)
                .where(
                    c.campaign_id == campaign_id,
                    c.run_key == run_key,
                    c.status == BatchStatus.SENDING,
                )
                .values(
                    status=BatchStatus.UNKNOWN, error="interrupted", updated_at=self._tx.clock.now()
                )
            )
        return int(result.rowcount or 0)

    async def running_runs(self, limit: int = 100) -> list[CampaignRun]:
        """Claimed runs not yet finished, oldest first: after a restart, these are resumed."""
        query = (
            select(campaign_runs)
            .where(campaign_runs.c.status == RunStatus.RUNNING)
            .order_by(campaign_runs.c.id)
            .limit(limit)
        )
        async with self._tx.read() as conn:
            rows = (await conn.execute(query)).all()
        return [
            CampaignRun(
                campaign_id=row.campaign_id,
                run_key=row.run_key,
                status=RunStatus(row.status),
                claimed_at=row.claimed_at,
                finished_at=row.finished_at,
                sent=row.sent,
                failed=row.failed,
                error=row.error,
            )
            for row in rows
        ]

    async def awaiting_confirmation(
        self, channel: str, sent_before: datetime, limit: int = 200
    ) -> list[Batch]:
        """Sent batches of `channel` not yet reminded about, sent before `sent_before`."""
        c = broadcast_batches.c
        query = (
            select(broadcast_batches)
            .where(
                c.status == BatchStatus.SENT,
                c.channel == channel,
                c.reminded_at.is_(None),
                c.updated_at < sent_before,
            )
            .order_by(c.updated_at)
            .limit(limit)
        )
        async with self._tx.read() as conn:
            return [_batch(row) for row in (await conn.execute(query)).all()]

    async def mark_reminded(self, campaign_id: int, run_key: str, batch_no: int) -> None:
        async with self._tx.write() as conn:
            await conn.execute(
                update(broadcast_batches)
                .where(*self._one(campaign_id, run_key, batch_no))
                .values(reminded_at=self._tx.clock.now())
            )

    async def mirror_campaigns(
        self, kind: str, actor: str, wanted: Sequence[MirroredCampaign]
    ) -> None:
        """Make the live (active or paused) campaigns of `kind` exactly `wanted`, atomically.

        Unchanged ones stay as they are (a pause too); changed ones are cancelled and created
        anew; missing ones are cancelled. One transaction, serialised across processes (SQLite's
        write lock, a PostgreSQL advisory lock), so two schedulers starting together cannot
        create the same campaign twice, which would send it twice under two ids.
        """
        live = (CampaignStatus.ACTIVE, CampaignStatus.PAUSED)
        now = self._tx.clock.now()
        async with self._tx.write() as conn:
            if self._tx.backend == "postgresql":
                await conn.execute(select(func.pg_advisory_xact_lock(_MIRROR_LOCK_KEY)))
            query = select(campaigns).where(campaigns.c.kind == kind, campaigns.c.status.in_(live))
            existing = {row.name: row for row in (await conn.execute(query)).all()}
            for entry in wanted:
                found = existing.pop(entry.name, None)
                if (
                    found is not None
                    and found.cron == entry.cron
                    and found.payload == entry.payload
                ):
                    continue
                if found is not None:
                    await self._cancel(conn, found.id, actor, now)
                values = {
                    "name": entry.name,
                    "kind": kind,
                    "payload": entry.payload,
                    "cron": entry.cron,
                    "run_at": None,
                    "status": CampaignStatus.ACTIVE,
                    "created_by": actor,
                    "created_at": now,
                    "updated_at": now,
                }
                made = (await conn.execute(insert(campaigns).values(values))).inserted_primary_key
                assert made is not None
                detail = {"name": entry.name, "kind": kind, "cron": entry.cron}
                await write_entry(
                    conn,
                    self._tx.clock.now(),
                    actor,
                    "campaign.create",
                    f"campaign:{made[0]}",
                    detail,
                )
            for gone in existing.values():
                await self._cancel(conn, gone.id, actor, now)

    async def _cancel(self, conn: Any, campaign_id: int, actor: str, now: datetime) -> None:
        await conn.execute(
            update(campaigns)
            .where(campaigns.c.id == campaign_id)
            .values(status=CampaignStatus.CANCELLED, updated_at=now)
        )
        await write_entry(
            conn, self._tx.clock.now(), actor, "campaign.cancel", f"campaign:{campaign_id}"
        )
