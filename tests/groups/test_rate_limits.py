"""Rate limits hold under a burst: nothing above the platform's limit ever reaches the API."""

from __future__ import annotations

import asyncio

import pytest

from bot.config import SchedulerConfig
from mockwechat import DEMO_WEBHOOK_KEY, create_mock_app
from tests.staff.kit import STAFF, ServicesKit, bot_config, calls


@pytest.fixture
async def mock_api(aiohttp_server):
    return await aiohttp_server(create_mock_app())


async def test_robot_posts_stay_within_20_a_minute(mock_api, caplog):
    caplog.set_level("DEBUG")
    config = bot_config(
        mock_api, scheduler=SchedulerConfig(enabled=False, webhook_key=DEMO_WEBHOOK_KEY)
    )
    async with ServicesKit(config) as services:
        notifier = services.broadcaster.notifier
        notifier.max_wait_s = 0.2
        posted = await asyncio.gather(*(notifier.announce(f"报告 {i}") for i in range(35)))
    webhook = calls(mock_api, "/cgi-bin/webhook/send")
    assert posted.count(True) == len(webhook) == 20
    assert all(c.errcode == 0 for c in webhook)  # never a 45009 from the platform
    ours = [
        r.getMessage() for r in caplog.records if r.name.startswith(("bot.broadcast", "scheduler"))
    ]
    assert not any(DEMO_WEBHOOK_KEY in line for line in ours)  # the robot key is a credential


async def test_app_messages_stay_within_30_a_minute_per_member(mock_api):
    async with ServicesKit(bot_config(mock_api)) as services:
        notifier = services.broadcaster.notifier
        notifier.max_wait_s = 0.2
        told = await asyncio.gather(*(notifier.tell(STAFF, f"进度 {i}") for i in range(45)))
    sent = calls(mock_api, "/cgi-bin/message/send")
    assert told.count(True) == len(sent) == 30
    assert not any(c.notes.get("dropped") for c in sent)  # WeCom would drop the excess silently


async def test_workers_sharing_redis_share_the_limits(mock_api, redis_url):
    from bot.state import open_state_store

    config = bot_config(
        mock_api, scheduler=SchedulerConfig(enabled=False, webhook_key=DEMO_WEBHOOK_KEY)
    )
    stores = [open_state_store(redis_url) for _ in range(2)]
    try:
        kits = [ServicesKit(config, store=store) for store in stores]
        workers = [await kit.__aenter__() for kit in kits]
        try:
            notifiers = [w.broadcaster.notifier for w in workers]
            for notifier in notifiers:
                notifier.max_wait_s = 0.2
            posted = await asyncio.gather(
                *(notifiers[i % 2].announce(f"报告 {i}") for i in range(30))
            )
        finally:
            for kit in kits:
                await kit.__aexit__(None, None, None)
    finally:
        for store in stores:
            await store.close()
    assert posted.count(True) == 20 and len(calls(mock_api, "/cgi-bin/webhook/send")) == 20
