"""Broadcast plans and batches: each batch is claimed once, a crash leaves it unknown, not resent."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.storage import CampaignStatus, Database, open_database
from bot.storage.broadcasts import BatchIn, BatchStatus

BATCHES = [
    BatchIn("group_task", ("wr1", "wr2"), sender="zhangsan"),
    BatchIn("group_task", ("wr3",), sender="lisi"),
    BatchIn("mass_tag", ("tag:100",)),
]


async def _run(db: Database) -> tuple[int, str]:
    made = await db.campaigns.create_campaign(
        "秒杀", "broadcast", {"text": "x"}, created_by="staff:li", run_at=datetime.now(UTC)
    )
    assert await db.campaigns.claim_run(made.id, "once")
    return made.id, "once"


async def test_plan_is_saved_once_and_read_back(db: Database) -> None:
    cid, key = await _run(db)
    assert await db.broadcasts.save_plan(cid, key, {"groups": 3}, BATCHES)
    assert not await db.broadcasts.save_plan(cid, key, {"groups": 9}, BATCHES[:1])
    plan = await db.broadcasts.get_plan(cid, key)
    assert plan is not None and plan.summary == {"groups": 3}
    assert [b.batch_no for b in plan.batches] == [1, 2, 3]
    assert plan.batches[0].targets == ("wr1", "wr2") and plan.batches[0].sender == "zhangsan"
    assert {b.status for b in plan.batches} == {BatchStatus.PLANNED}
    assert await db.broadcasts.get_plan(cid, "other") is None


async def test_each_batch_is_claimed_by_exactly_one_caller(db: Database) -> None:
    cid, key = await _run(db)
    await db.broadcasts.save_plan(cid, key, {}, BATCHES)
    claims = await asyncio.gather(*(db.broadcasts.start_batch(cid, key, 1) for _ in range(10)))
    assert claims.count(True) == 1
    assert await db.broadcasts.finish_batch(
        cid, key, 1, BatchStatus.SENT, {"msgid": "m1", "fail_list": []}
    )
    assert not await db.broadcasts.start_batch(cid, key, 1)
    assert not await db.broadcasts.finish_batch(cid, key, 2, BatchStatus.SENT, {})  # not started
    with pytest.raises(ValueError):
        await db.broadcasts.finish_batch(cid, key, 1, BatchStatus.PLANNED, {})


async def test_a_crash_mid_batch_leaves_it_unknown_after_restart(store_url: str) -> None:
    async with await open_database(store_url) as db:
        cid, key = await _run(db)
        await db.broadcasts.save_plan(cid, key, {}, BATCHES)
        await db.broadcasts.start_batch(cid, key, 1)
        await db.broadcasts.finish_batch(cid, key, 1, BatchStatus.SENT, {"msgid": "m1"})
        await db.broadcasts.start_batch(cid, key, 2)  # ... and the worker dies here
    async with await open_database(store_url) as db:
        assert [(r.campaign_id, r.run_key) for r in await db.broadcasts.running_runs()] == [
            (cid, key)
        ]
        assert await db.broadcasts.interrupt(cid, key) == 1
        plan = await db.broadcasts.get_plan(cid, key)
        assert plan is not None
        assert [b.status for b in plan.batches] == [
            BatchStatus.SENT,
            BatchStatus.UNKNOWN,
            BatchStatus.PLANNED,
        ]
        assert not await db.broadcasts.start_batch(cid, key, 2)
        assert await db.broadcasts.start_batch(cid, key, 3)
        # A late answer for the interrupted batch may still be recorded.
        assert await db.broadcasts.finish_batch(cid, key, 2, BatchStatus.SENT, {"msgid": "m2"})


async def test_sent_group_tasks_await_a_reminder_once(db: Database) -> None:
    cid, key = await _run(db)
    await db.broadcasts.save_plan(cid, key, {}, BATCHES)
    for number in (1, 2, 3):
        await db.broadcasts.start_batch(cid, key, number)
        await db.broadcasts.finish_batch(
            cid, key, number, BatchStatus.SENT, {"msgid": f"m{number}"}
        )
    later = datetime.now(UTC) + timedelta(seconds=1)
    waiting = await db.broadcasts.awaiting_confirmation("group_task", later)
    assert [b.batch_no for b in waiting] == [1, 2]
    assert await db.broadcasts.awaiting_confirmation("group_task", later - timedelta(hours=1)) == []
    await db.broadcasts.mark_reminded(cid, key, 1)
    assert [b.batch_no for b in await db.broadcasts.awaiting_confirmation("group_task", later)] == [
        2
    ]


async def test_config_campaigns_are_mirrored_once_even_by_two_workers(store_url: str) -> None:
    from bot.storage.broadcasts import MirroredCampaign

    nightly = MirroredCampaign("每晚秒杀", "0 20 * * *", {"target": "groups"})
    weekly = MirroredCampaign("周二新品", "0 10 * * 2", {"target": "groups"})
    workers = [await open_database(store_url) for _ in range(2)]
    try:
        await asyncio.gather(
            *(w.broadcasts.mirror_campaigns("config", "config", [nightly, weekly]) for w in workers)
        )
        db = workers[0]
        live = await db.campaigns.list_campaigns(CampaignStatus.ACTIVE)
        assert sorted(c.name for c in live) == ["周二新品", "每晚秒杀"]
        paused = await db.campaigns.pause_campaign(live[0].id, actor="staff:li")
        changed = MirroredCampaign("周二新品", "30 10 * * 2", {"target": "groups"})
        await db.broadcasts.mirror_campaigns("config", "config", [nightly, changed])
        after = {(c.name, c.cron): c.status for c in await db.campaigns.list_campaigns()}
        assert after[(paused.name, paused.cron)] is CampaignStatus.PAUSED  # unchanged: kept
        assert after[("周二新品", "0 10 * * 2")] is CampaignStatus.CANCELLED
        assert after[("周二新品", "30 10 * * 2")] is CampaignStatus.ACTIVE
        await db.broadcasts.mirror_campaigns("config", "config", [])
        assert await db.campaigns.list_campaigns(CampaignStatus.ACTIVE) == []
    finally:
        for worker in workers:
            await worker.close()
