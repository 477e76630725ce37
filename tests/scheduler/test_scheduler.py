"""The scheduler: one leader among workers, each run once, missed runs caught up or reported,
campaigns surviving restarts. No test waits for a real minute: cron triggers are swapped for
second-level ones, and the clock is moved instead of waited for."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TypedDict
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger

from bot.broadcast.audience import Audience
from bot.broadcast.content import Content
from bot.broadcast.runner import ADD_MSG_TEMPLATE
from bot.broadcast.spec import KIND_BROADCAST, KIND_CONFIG, CampaignSpec
from bot.clock import TestClock
from bot.config import CampaignConfig, ComplianceConfig, SchedulerConfig
from bot.state import open_state_store
from bot.storage import CampaignStatus, RunStatus, open_database
from mockwechat import create_mock_app
from scheduler.service import SchedulerService, cron_trigger, fire_times, run_key
from tests.staff.kit import STAFF, ServicesKit, bot_config, calls, wait_for

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Timings(TypedDict):
    """The scheduler's intervals, as keyword arguments of SchedulerService."""

    sync_every_s: float
    renew_every_s: float
    lease_ttl_s: float


FAST: Timings = {"sync_every_s": 0.2, "renew_every_s": 0.1, "lease_ttl_s": 1.0}
# One scheduler alone, whose lease is not under test: a lease that outlives a loaded machine's
# pauses, so the leader never loses it mid-run and cancels the campaign it is sending.
ALONE: Timings = FAST | {"renew_every_s": 0.5, "lease_ttl_s": 10.0}


def every_2_seconds(cron: str, zone: ZoneInfo) -> CronTrigger:
    return CronTrigger(second="*/2", timezone=zone)


@pytest.fixture
async def mock_api(aiohttp_server):
    return await aiohttp_server(create_mock_app())


@pytest.fixture
def database(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'shop.sqlite3'}"


def _config(mock_api, grace_s: int = 600, campaigns=()):
    scheduler = SchedulerConfig(enabled=True, misfire_grace_s=grace_s)
    return bot_config(mock_api, scheduler=scheduler, campaigns=tuple(campaigns))


async def _staff_campaign(services, **schedule):
    spec = CampaignSpec(Audience.parse("groups"), Content("每晚8点秒杀"), notify=STAFF)
    return await services.db.campaigns.create_campaign(
        "每晚秒杀", KIND_BROADCAST, spec.to_payload(), created_by=f"staff:{STAFF}", **schedule
    )


def test_fire_times_and_run_keys():
    trigger = cron_trigger("0 20 * * *", SHANGHAI)
    since = datetime(2025, 3, 13, 19, 59, 59, 900_000, tzinfo=SHANGHAI)
    until = datetime(2025, 3, 15, 20, 0, tzinfo=SHANGHAI)
    found = fire_times(trigger, since, until)
    assert [t.day for t in found] == [13, 14, 15]
    assert fire_times(trigger, found[0], until) == found[1:]  # strictly after `since`
    assert run_key(found[0], SHANGHAI) == "2025-03-13T20:00:00+08:00"
    assert run_key(found[0].astimezone(UTC), SHANGHAI) == run_key(found[0], SHANGHAI)


async def test_exactly_one_leader_among_workers(mock_api, database, redis_url):
    stores = [open_state_store(redis_url) for _ in range(3)]
    kits = [ServicesKit(_config(mock_api), store=s, database=database) for s in stores]
    services = [await kit.__aenter__() for kit in kits]
    schedulers = [SchedulerService(s, **FAST) for s in services]
    try:
        for scheduler in schedulers:
            await scheduler.start()
        await wait_for(lambda: any(s.is_leader for s in schedulers))
        await asyncio.sleep(0.5)
        assert sum(s.is_leader for s in schedulers) == 1
        leader = next(s for s in schedulers if s.is_leader)
        await leader.stop()  # the leader goes away: another takes over within the lease TTL
        await wait_for(lambda: sum(s.is_leader for s in schedulers) == 1, timeout_s=5)
    finally:
        for scheduler in schedulers:
            await scheduler.stop()
        for kit in kits:
            await kit.__aexit__(None, None, None)
        for store in stores:
            await store.close()


@pytest.mark.parametrize("shared_store", [True, False], ids=["lease", "no-lease"])
async def test_a_cron_campaign_fires_once_with_two_workers(mock_api, database, shared_store):
    """With a shared store the lease keeps one scheduler; without one (two separate stores) both
    fire every time, and the database claim still lets only one of them send."""
    config = _config(mock_api)
    store = open_state_store("memory://")
    kits = [
        ServicesKit(config, store=store if shared_store else None, database=database)
        for _ in range(2)
    ]
    services = [await kit.__aenter__() for kit in kits]
    campaign = await _staff_campaign(services[0], cron="0 20 * * *")
    schedulers = [SchedulerService(s, trigger_factory=every_2_seconds, **FAST) for s in services]
    try:
        for scheduler in schedulers:
            await scheduler.start()
        await wait_for(lambda: all(campaign.id in s._known for s in schedulers if s.is_leader))
        db = services[0].db
        await wait_for(lambda: _runs_done(db, campaign.id, 2), timeout_s=8)
        leaders = sum(s.is_leader for s in schedulers)
    finally:
        for scheduler in schedulers:
            await scheduler.stop()
        for kit in kits:
            await kit.__aexit__(None, None, None)
        await store.close()
    assert leaders == (1 if shared_store else 2)
    async with ServicesKit(config, database=database) as fresh:
        runs = await fresh.db.campaigns.list_runs(campaign.id)
    keys = Counter(r.run_key for r in runs)
    assert set(keys.values()) == {1}
    done = [r for r in runs if r.status is RunStatus.DONE]
    tasks = [c for c in calls(mock_api, ADD_MSG_TEMPLATE)]
    per_group = Counter(chat for c in tasks for chat in c.body["chat_id_list"])
    assert set(per_group.values()) == {len(done)}  # every group once per run, never twice


async def _runs_done(db, campaign_id: int, count: int) -> bool:
    runs = await db.campaigns.list_runs(campaign_id)
    return sum(r.status is RunStatus.DONE for r in runs) >= count


async def test_missed_runs_within_grace_run_once_older_are_reported(mock_api):
    config = _config(mock_api, grace_s=90)
    clock = TestClock(frozen=False)
    async with ServicesKit(config, clock=clock) as services:
        campaign = await _staff_campaign(services, cron="* * * * *")
        clock.advance(timedelta(minutes=10, seconds=30).total_seconds())  # "down" for 10 minutes
        scheduler = SchedulerService(services, **FAST)
        decision = await scheduler.catch_up(campaign, cron_trigger("* * * * *", SHANGHAI))
        later = clock.now()
        assert decision.run_now is not None
        assert 0 <= (later - decision.run_now).total_seconds() < 60
        assert decision.missed in (9, 10)  # whole minutes in 10 min 30 s, less the one run now
        runs = await services.db.campaigns.list_runs(campaign.id)
        assert len(runs) == decision.missed and {r.error for r in runs} == {"missed"}
        assert await scheduler.fire(campaign.id, decision.run_now)
        assert not await scheduler.fire(campaign.id, decision.run_now)  # claimed: never twice
        again = await scheduler.catch_up(campaign, cron_trigger("* * * * *", SHANGHAI))
        assert again.run_now is None and again.missed == 0  # nothing is reported twice
    texts = [c.body["text"]["content"] for c in calls(mock_api, "/cgi-bin/message/send")]
    assert any("错过了" in t for t in texts)


async def test_one_off_campaigns_catch_up(mock_api):
    config = _config(mock_api, grace_s=60)
    async with ServicesKit(config) as services:
        now = datetime.now(UTC)
        recent = await _staff_campaign(services, run_at=now - timedelta(seconds=20))
        stale = await _staff_campaign(services, run_at=now - timedelta(hours=2))
        future = await _staff_campaign(services, run_at=now + timedelta(seconds=1))
        scheduler = SchedulerService(services, **ALONE)
        await scheduler.start()
        try:
            db = services.db
            await wait_for(lambda: _status(db, recent.id, CampaignStatus.DONE), timeout_s=20)
            await wait_for(lambda: _status(db, stale.id, CampaignStatus.DONE), timeout_s=20)
            await wait_for(lambda: _status(db, future.id, CampaignStatus.DONE), timeout_s=20)
        finally:
            await scheduler.stop()
        [recent_run] = await db.campaigns.list_runs(recent.id)
        [stale_run] = await db.campaigns.list_runs(stale.id)
        [future_run] = await db.campaigns.list_runs(future.id)
    assert recent_run.status is RunStatus.DONE and future_run.status is RunStatus.DONE
    assert stale_run.status is RunStatus.FAILED and stale_run.error == "missed"
    assert len(calls(mock_api, ADD_MSG_TEMPLATE)) == 2 * 3  # two runs, the demo's three owners


async def _status(db, campaign_id: int, status: CampaignStatus) -> bool:
    campaign = await db.campaigns.get_campaign(campaign_id)
    return campaign is not None and campaign.status is status


async def test_campaigns_survive_a_restart_and_config_campaigns_are_mirrored(mock_api, database):
    nightly = CampaignConfig(name="每晚8点秒杀", cron="0 20 * * *", text="今晚8点秒杀")
    config = _config(mock_api, campaigns=[nightly])
    async with ServicesKit(config, database=database) as services:
        staff_made = await _staff_campaign(services, cron="0 10 * * 2")
        scheduler = SchedulerService(services, **FAST)
        await scheduler.start()
        await wait_for(lambda: len(scheduler._known) == 2)
        await scheduler.stop()
    changed = replace(config, campaigns=(replace(nightly, cron="30 20 * * *"),))
    async with ServicesKit(changed, database=database) as services:  # restarted, config edited
        scheduler = SchedulerService(services, **FAST)
        await scheduler.start()
        await wait_for(lambda: len(scheduler._known) == 2)
        assert scheduler._scheduler is not None  # started
        jobs = {job.id for job in scheduler._scheduler.get_jobs()}
        await scheduler.stop()
        listed = await services.db.campaigns.list_campaigns()
    mirrored = [c for c in listed if c.kind == KIND_CONFIG]
    assert [(c.cron, c.status) for c in mirrored] == [
        ("0 20 * * *", CampaignStatus.CANCELLED),
        ("30 20 * * *", CampaignStatus.ACTIVE),
    ]
    assert f"campaign:{staff_made.id}" in jobs and f"campaign:{mirrored[1].id}" in jobs


async def test_a_run_that_falls_in_quiet_hours_is_reported_not_sent(mock_api):
    now = datetime.now(SHANGHAI)
    window = f"{now - timedelta(hours=1):%H:%M}-{now + timedelta(hours=1):%H:%M}"
    config = replace(_config(mock_api), compliance=ComplianceConfig(quiet_hours=window))
    async with ServicesKit(config) as services:
        campaign = await _staff_campaign(services, cron="0 20 * * *")
        scheduler = SchedulerService(services, **FAST)
        assert await scheduler.fire(campaign.id, now)
        [run] = await services.db.campaigns.list_runs(campaign.id)
    assert run.status is RunStatus.FAILED and "免打扰" in (run.error or "")
    assert calls(mock_api, ADD_MSG_TEMPLATE) == []
    texts = [c.body["text"]["content"] for c in calls(mock_api, "/cgi-bin/message/send")]
    assert any("未发送" in t and "免打扰" in t for t in texts)


async def test_shopbot_scheduler_runs_on_its_own_until_sigterm(mock_api, tmp_path):
    """`shopbot scheduler --config FILE` as a process."""
    database = tmp_path / "shop.sqlite3"
    toml = tmp_path / "shopbot.toml"
    toml.write_text(
        f'[storage]\ndatabase = "sqlite:///{database}"\n'
        f'[api]\noa_base_url = "{_url(mock_api)}"\nwecom_base_url = "{_url(mock_api)}"\n'
        '[[campaigns]]\nname = "每晚8点秒杀"\ncron = "0 20 * * *"\ntext = "今晚8点秒杀"\n',
        encoding="utf-8",
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "scheduler", "--config", str(toml)
    )
    try:

        async def mirrored() -> bool:
            if not database.exists():
                return False
            try:  # the process may still be creating the tables
                async with await open_database(f"sqlite:///{database}") as db:
                    return any(c.kind == KIND_CONFIG for c in await db.campaigns.list_campaigns())
            except Exception:
                return False

        await wait_for(mirrored, timeout_s=20, every_s=0.2)
    finally:
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 10) == 0


def _url(server) -> str:
    return str(server.make_url("")).rstrip("/")


async def test_stop_finishes_when_a_lease_check_ignores_its_cancellation(
    mock_api, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A lease check stuck in a store call that swallows the cancel hung the suite's shutdown;
    stop() now waits a bounded time, names it, and finishes."""
    import scheduler.service as service

    monkeypatch.setattr(service, "STOP_WAIT_S", 0.3)
    stubborn = True

    async def acquire() -> bool:
        while stubborn:  # ignores cancellation, as a stuck driver call can
            try:
                await asyncio.sleep(0.05)
            except asyncio.CancelledError:
                continue
        return False

    async with ServicesKit(_config(mock_api)) as services:
        scheduler = SchedulerService(services, **FAST)
        monkeypatch.setattr(scheduler.lease, "acquire", acquire)
        await scheduler.start()
        await asyncio.sleep(0.05)
        loop_task = scheduler._loop
        assert loop_task is not None
        started = asyncio.get_running_loop().time()
        await scheduler.stop()
        assert asyncio.get_running_loop().time() - started < 2.0
        stubborn = False  # let the stuck check end, then the loop stops at its next sleep
        loop_task.cancel()
        await asyncio.wait({loop_task}, timeout=2)
        loop_task.cancel()
        await asyncio.wait({loop_task}, timeout=2)
        assert loop_task.done()
    assert any("did not stop" in r.getMessage() for r in caplog.records)
