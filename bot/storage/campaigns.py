"""Staff-created campaigns and their runs, for the scheduler.

A campaign lives in the database, so it survives a restart. Each time the scheduler fires it
computes a run key (the scheduled fire time, e.g. `2025-03-14T10:00+08:00`) and calls `claim_run`:
the insert into `campaign_runs` has a unique (campaign_id, run_key), so of all the workers and
restarts that try to send that run exactly one gets True. A run that crashes half-way stays
`running` and is not retried by itself: a promotion sent twice is worse than one reported late.

Campaign states::

    active <--pause/resume--> paused
    active | paused --cancel--> cancelled
    active --complete--> done          (the scheduler, after a one-off run_at campaign ran)
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, insert, literal, select, update
from sqlalchemy.exc import IntegrityError

from bot.storage.audit import write_entry
from bot.storage.core import Transactor
from bot.storage.errors import CampaignNotFound, InvalidTransition
from bot.storage.models import Campaign, CampaignRun, CampaignStatus, RunStatus
from bot.storage.schema import campaign_runs, campaigns

C = CampaignStatus
SOURCES: dict[CampaignStatus, tuple[CampaignStatus, ...]] = {
    C.PAUSED: (C.ACTIVE,),
    C.ACTIVE: (C.PAUSED,),
    C.CANCELLED: (C.ACTIVE, C.PAUSED),
    C.DONE: (C.ACTIVE,),
}
_VERBS = {C.PAUSED: "pause", C.ACTIVE: "resume", C.CANCELLED: "cancel", C.DONE: "complete"}


def _campaign(row: Row[Any]) -> Campaign:
    return Campaign(
        id=row.id,
        name=row.name,
        kind=row.kind,
        payload=dict(row.payload),
        cron=row.cron,
        run_at=row.run_at,
        status=CampaignStatus(row.status),
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _run(row: Row[Any]) -> CampaignRun:
    return CampaignRun(
        campaign_id=row.campaign_id,
        run_key=row.run_key,
        status=RunStatus(row.status),
        claimed_at=row.claimed_at,
        finished_at=row.finished_at,
        sent=row.sent,
        failed=row.failed,
        error=row.error,
    )


def _schedule(cron: str | None, run_at: datetime | None) -> tuple[str | None, datetime | None]:
    """Exactly one of a 5-field crontab and an aware run_at. Field syntax is the scheduler's job."""
    if (cron is None) == (run_at is None):
        raise ValueError("give exactly one of cron and run_at")
    if cron is not None:
        cron = " ".join(cron.split())
        if len(cron.split(" ")) != 5:
            raise ValueError("cron must have 5 fields: minute hour day month weekday")
    if run_at is not None and run_at.tzinfo is None:
        raise ValueError("run_at must be time-zone aware")
    return cron, run_at


class CampaignStore:
    def __init__(self, tx: Transactor) -> None:
        self._tx = tx

    async def create_campaign(
        self,
        name: str,
        kind: str,
        payload: dict[str, Any],
        *,
        created_by: str,
        cron: str | None = None,
        run_at: datetime | None = None,
    ) -> Campaign:
        """Store a confirmed campaign (status active). `payload` is whatever the sender needs."""
        if not name.strip() or not kind.strip():
            raise ValueError("name and kind are required")
        cron, run_at = _schedule(cron, run_at)
        now = self._tx.clock.now()
        values = {
            "name": name.strip()[:200],
            "kind": kind.strip()[:32],
            "payload": payload,
            "cron": cron,
            "run_at": run_at,
            "status": C.ACTIVE,
            "created_by": created_by,
            "created_at": now,
            "updated_at": now,
        }
        async with self._tx.write() as conn:
            new_id = (await conn.execute(insert(campaigns).values(values))).inserted_primary_key
            assert new_id is not None
            target = f"campaign:{new_id[0]}"
            detail = {"name": values["name"], "kind": values["kind"], "cron": cron}
            await write_entry(
                conn, self._tx.clock.now(), created_by, "campaign.create", target, detail
            )
            row = (await conn.execute(select(campaigns).where(campaigns.c.id == new_id[0]))).one()
        return _campaign(row)

    async def get_campaign(self, campaign_id: int) -> Campaign | None:
        async with self._tx.read() as conn:
            query = select(campaigns).where(campaigns.c.id == campaign_id)
            row = (await conn.execute(query)).first()
        return None if row is None else _campaign(row)

    async def list_campaigns(
        self, status: CampaignStatus | None = None, limit: int = 100
    ) -> list[Campaign]:
        """Oldest first, so the scheduler re-registers them in creation order after a restart."""
        query = select(campaigns).order_by(campaigns.c.id).limit(limit)
        if status is not None:
            query = query.where(campaigns.c.status == CampaignStatus(status))
        async with self._tx.read() as conn:
            return [_campaign(row) for row in (await conn.execute(query)).all()]

    async def pause_campaign(self, campaign_id: int, *, actor: str) -> Campaign:
        return await self._move(campaign_id, C.PAUSED, actor)

    async def resume_campaign(self, campaign_id: int, *, actor: str) -> Campaign:
        return await self._move(campaign_id, C.ACTIVE, actor)

    async def cancel_campaign(self, campaign_id: int, *, actor: str) -> Campaign:
        return await self._move(campaign_id, C.CANCELLED, actor)

    async def complete_campaign(self, campaign_id: int, *, actor: str = "scheduler") -> Campaign:
        return await self._move(campaign_id, C.DONE, actor)

    async def _move(self, campaign_id: int, target: CampaignStatus, actor: str) -> Campaign:
        mine = campaigns.c.id == campaign_id
        async with self._tx.write() as conn:
            result = await conn.execute(
                update(campaigns)
                .where(mine, campaigns.c.status.in_(SOURCES[target]))
                .values(status=target, updated_at=self._tx.clock.now())
            )
            if result.rowcount != 1:
                current = await conn.scalar(select(campaigns.c.status).where(mine))
                if current is None:
                    raise CampaignNotFound(campaign_id)
                raise InvalidTransition(f"campaign:{campaign_id}", current, target)
            verb = _VERBS[target]
            await write_entry(
                conn, self._tx.clock.now(), actor, f"campaign.{verb}", f"campaign:{campaign_id}"
            )
            row = (await conn.execute(select(campaigns).where(mine))).one()
        return _campaign(row)

    async def claim_run(self, campaign_id: int, run_key: str) -> bool:
        """True for exactly one caller per (campaign, run_key), and only while the campaign is
        active. Everyone else, concurrent or after a restart, gets False and must not send."""
        if not run_key or len(run_key) > 128:
            raise ValueError("run_key must be 1-128 characters")
        # INSERT ... SELECT: the active check and the claim are one statement.
        source = select(
            campaigns.c.id,
            literal(run_key),
            literal(RunStatus.RUNNING.value),
            literal(self._tx.clock.now(), campaign_runs.c.claimed_at.type),
            literal(0),
            literal(0),
        ).where(campaigns.c.id == campaign_id, campaigns.c.status == C.ACTIVE)
        columns = ["campaign_id", "run_key", "status", "claimed_at", "sent", "failed"]
        try:
            async with self._tx.write() as conn:
                result = await conn.execute(insert(campaign_runs).from_select(columns, source))
        except IntegrityError:
            return False
        return result.rowcount == 1

    async def finish_run(
        self,
        campaign_id: int,
        run_key: str,
        *,
        sent: int,
        failed: int,
        error: str | None = None,
    ) -> CampaignRun:
        """Record the outcome of a claimed run (failed if `error` is given)."""
        status = RunStatus.FAILED if error else RunStatus.DONE
        mine = (campaign_runs.c.campaign_id == campaign_id, campaign_runs.c.run_key == run_key)
        async with self._tx.write() as conn:
            result = await conn.execute(
                update(campaign_runs)
                .where(*mine, campaign_runs.c.status == RunStatus.RUNNING)
                .values(
                    status=status,
                    finished_at=self._tx.clock.now(),
                    sent=sent,
                    failed=failed,
                    error=error,
                )
            )
            if result.rowcount != 1:
                current = await conn.scalar(select(campaign_runs.c.status).where(*mine))
                raise InvalidTransition(
                    f"campaign:{campaign_id}/{run_key}", current or "unclaimed", status
                )
            detail = {"run_key": run_key, "sent": sent, "failed": failed, "error": error}
            await write_entry(
                conn,
                self._tx.clock.now(),
                "scheduler",
                "campaign.run",
                f"campaign:{campaign_id}",
                detail,
            )
            row = (await conn.execute(select(campaign_runs).where(*mine))).one()
        return _run(row)

    async def list_runs(self, campaign_id: int, limit: int = 50) -> list[CampaignRun]:
        """Newest first."""
        query = (
            select(campaign_runs)
            .where(campaign_runs.c.campaign_id == campaign_id)
            .order_by(campaign_runs.c.id.desc())
            .limit(limit)
        )
        async with self._tx.read() as conn:
            return [_run(row) for row in (await conn.execute(query)).all()]
