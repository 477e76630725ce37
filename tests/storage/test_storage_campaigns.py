"""Campaigns survive restarts and each run is claimed once; opt-outs (退订)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import TypedDict, Unpack

import pytest

from bot.storage import (
    CampaignNotFound,
    CampaignStatus,
    Database,
    InvalidTransition,
    RunStatus,
    open_database,
)

PAYLOAD = {"text": "双十一全场8折", "groups": ["g1", "g2"]}


class Schedule(TypedDict, total=False):
    """The keyword arguments `create_campaign` takes to say when a campaign runs."""

    cron: str
    run_at: datetime


async def _campaign(db: Database, **schedule: Unpack[Schedule]) -> int:
    schedule = schedule or {"cron": "0 10 * * 1"}
    made = await db.campaigns.create_campaign(
        "周一早报", "broadcast", PAYLOAD, created_by="staff:li", **schedule
    )
    return made.id


async def test_create_and_list(db: Database) -> None:
    run_at = datetime(2030, 1, 1, 2, 0, tzinfo=UTC)
    weekly = await _campaign(db)
    once = await _campaign(db, run_at=run_at)
    listed = await db.campaigns.list_campaigns()
    assert [c.id for c in listed] == [weekly, once]
    assert listed[0].payload == PAYLOAD and listed[0].cron == "0 10 * * 1"
    assert listed[1].run_at == run_at and listed[1].status is CampaignStatus.ACTIVE
    assert listed[0].created_by == "staff:li"


@pytest.mark.parametrize(
    "schedule",
    [
        {},
        {"cron": "0 10 * *"},
        {"cron": "0 10 * * 1", "run_at": datetime(2030, 1, 1, tzinfo=UTC)},
        {"run_at": datetime(2030, 1, 1)},
    ],
)
async def test_schedule_must_be_one_valid_choice(db: Database, schedule: Schedule) -> None:
    with pytest.raises(ValueError):
        await db.campaigns.create_campaign("x", "broadcast", {}, created_by="s", **schedule)


async def test_pause_resume_cancel(db: Database) -> None:
    cid = await _campaign(db)
    assert (await db.campaigns.pause_campaign(cid, actor="s")).status is CampaignStatus.PAUSED
    assert await db.campaigns.claim_run(cid, "2030-01-07T10:00") is False
    assert (await db.campaigns.resume_campaign(cid, actor="s")).status is CampaignStatus.ACTIVE
    with pytest.raises(InvalidTransition):
        await db.campaigns.resume_campaign(cid, actor="s")
    assert (await db.campaigns.cancel_campaign(cid, actor="s")).status is CampaignStatus.CANCELLED
    with pytest.raises(InvalidTransition):
        await db.campaigns.pause_campaign(cid, actor="s")
    with pytest.raises(CampaignNotFound):
        await db.campaigns.pause_campaign(cid + 100, actor="s")
    assert [c.id for c in await db.campaigns.list_campaigns(CampaignStatus.CANCELLED)] == [cid]


async def test_claim_run_exactly_once_under_concurrency(db: Database) -> None:
    cid = await _campaign(db)
    claims = await asyncio.gather(*(db.campaigns.claim_run(cid, "run-1") for _ in range(20)))
    assert claims.count(True) == 1
    assert await db.campaigns.claim_run(cid, "run-2") is True
    assert await db.campaigns.claim_run(cid + 100, "run-1") is False


async def test_claim_survives_restart(store_url: str) -> None:
    async with await open_database(store_url) as db:
        cid = await _campaign(db)
        assert await db.campaigns.claim_run(cid, "2030-01-07T10:00+08:00")
    async with await open_database(store_url) as db:
        assert [c.id for c in await db.campaigns.list_campaigns(CampaignStatus.ACTIVE)] == [cid]
        assert await db.campaigns.claim_run(cid, "2030-01-07T10:00+08:00") is False


async def test_finish_run_records_counts(db: Database) -> None:
    cid = await _campaign(db, run_at=datetime.now(UTC) + timedelta(hours=1))
    await db.campaigns.claim_run(cid, "once")
    run = await db.campaigns.finish_run(cid, "once", sent=1998, failed=2)
    assert (run.status, run.sent, run.failed) == (RunStatus.DONE, 1998, 2)
    assert run.finished_at is not None and run.claimed_at <= run.finished_at
    with pytest.raises(InvalidTransition):
        await db.campaigns.finish_run(cid, "once", sent=0, failed=0)
    with pytest.raises(InvalidTransition):
        await db.campaigns.finish_run(cid, "never-claimed", sent=0, failed=0)
    await db.campaigns.claim_run(cid, "retry")
    failed = await db.campaigns.finish_run(cid, "retry", sent=0, failed=5, error="quota")
    assert failed.status is RunStatus.FAILED
    assert [r.run_key for r in await db.campaigns.list_runs(cid)] == ["retry", "once"]
    assert (await db.campaigns.complete_campaign(cid)).status is CampaignStatus.DONE


async def test_opt_out_and_back_in(db: Database) -> None:
    assert await db.opt_outs.is_opted_out("oa", "u1") is False
    await db.opt_outs.opt_out("oa", "u1")
    await db.opt_outs.opt_out("oa", "u1")
    await asyncio.gather(*(db.opt_outs.opt_out("oa", "u2") for _ in range(5)))
    assert await db.opt_outs.is_opted_out("oa", "u1") is True
    assert await db.opt_outs.is_opted_out("wecom", "u1") is False
    audience = [f"u{i}" for i in range(1200)]
    assert await db.opt_outs.opted_out("oa", audience) == {"u1", "u2"}
    await db.opt_outs.opt_in("oa", "u1")
    assert await db.opt_outs.is_opted_out("oa", "u1") is False
