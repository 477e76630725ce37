"""Broadcasts to customer groups against the mock: the right add_msg_template calls, each group
once, even when the sending process dies half-way and another one resumes the run."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.broadcast.audience import Audience
from bot.broadcast.content import Content
from bot.broadcast.runner import ADD_MSG_TEMPLATE
from bot.broadcast.spec import KIND_BROADCAST, CampaignSpec
from bot.config import ComplianceConfig
from bot.storage.broadcasts import BatchStatus
from mockwechat import MockData, create_mock_app
from mockwechat.data import CustomerGroup
from tests.staff.kit import STAFF, ServicesKit, bot_config, calls, mock_state, wait_for


async def _campaign(services, target: str = "groups", text: str = "周末全场8折"):
    spec = CampaignSpec(Audience.parse(target), Content(text), notify=STAFF)
    campaign = await services.db.campaigns.create_campaign(
        "周末特惠",
        KIND_BROADCAST,
        spec.to_payload(),
        created_by=f"staff:{STAFF}",
        run_at=datetime.now(UTC),
    )
    assert await services.db.campaigns.claim_run(campaign.id, "now")
    return campaign


def _tasks(server) -> list[dict]:
    return [c.body for c in calls(server, ADD_MSG_TEMPLATE)]


@pytest.fixture
async def big_mock(aiohttp_server):
    return await aiohttp_server(create_mock_app(MockData.generated(groups=2000, followers=10)))


async def test_2000_groups_one_task_per_owner_each_group_once(big_mock):
    async with ServicesKit(bot_config(big_mock)) as services:
        report = await services.broadcaster.run(await _campaign(services), "now")
    tasks = _tasks(big_mock)
    sent = Counter(chat for body in tasks for chat in body["chat_id_list"])
    groups = mock_state(big_mock).directory.groups
    assert set(sent) == set(groups) and set(sent.values()) == {1}
    for body in tasks:
        assert body["chat_type"] == "group" and len(body["chat_id_list"]) <= 2000
        assert {groups[c].owner for c in body["chat_id_list"]} == {body["sender"]}
        assert body["text"]["content"] == "周末全场8折"
    assert len(tasks) == len({g.owner for g in groups.values()})
    assert report is not None and report.pending == 2000 and report.tasks == len(tasks)
    assert "待" in report.text() and "确认" in report.text()


async def test_more_than_2000_groups_of_one_owner_are_split(aiohttp_server):
    groups = tuple(
        CustomerGroup(f"wrOne{i:025d}", f"大群{i}", "zhangsan", ("wmX",)) for i in range(2500)
    )
    data = replace(MockData.demo(), groups=groups)
    mock = await aiohttp_server(create_mock_app(data))
    async with ServicesKit(bot_config(mock)) as services:
        await services.broadcaster.run(await _campaign(services), "now")
    sizes = [len(body["chat_id_list"]) for body in _tasks(mock)]
    assert sizes == [2000, 500]


async def test_a_restart_mid_way_sends_no_group_twice(big_mock, tmp_path):
    database = f"sqlite:///{tmp_path / 'shop.sqlite3'}"
    config = bot_config(big_mock)
    state = mock_state(big_mock)
    async with ServicesKit(config, database=database) as services:
        campaign = await _campaign(services)
        run = asyncio.create_task(services.broadcaster.run(campaign, "now"))
        # Reading 2,000 groups from the mock comes first: slow on a busy machine, so wait long.
        await wait_for(lambda: len(_tasks(big_mock)) >= 5, timeout_s=120, every_s=0.005)
        state.faults.add({"path": ADD_MSG_TEMPLATE, "delay_s": 1.0})  # the next call hangs
        await wait_for(lambda: not state.faults.active(), every_s=0.005)
        run.cancel()  # the worker dies while that call is in flight
        with pytest.raises(asyncio.CancelledError):
            await run
    async with ServicesKit(config, database=database) as services:  # a new process
        [running] = await services.db.broadcasts.running_runs()
        campaign = await services.db.campaigns.get_campaign(running.campaign_id)
        assert campaign is not None
        report = await services.broadcaster.run(campaign, running.run_key)
        plan = await services.db.broadcasts.get_plan(campaign.id, "now")
        assert plan is not None
    sent = Counter(chat for body in _tasks(big_mock) for chat in body["chat_id_list"])
    assert set(sent.values()) == {1}, "a group got the promotion twice"
    statuses = Counter(b.status for b in plan.batches)
    assert statuses[BatchStatus.UNKNOWN] == 1 and statuses[BatchStatus.PLANNED] == 0
    unknown = next(b for b in plan.batches if b.status is BatchStatus.UNKNOWN)
    assert report is not None and report.unknown == len(unknown.targets)
    # The hung call may or may not have created its task: either way it is reported, not resent.
    assert len(sent) in (2000, 2000 - len(unknown.targets))
    assert "未重发" in report.text()


async def test_refused_tasks_are_reported_with_the_reason(aiohttp_server):
    mock = await aiohttp_server(create_mock_app())
    mock_state(mock).faults.add({"path": ADD_MSG_TEMPLATE, "errcode": 40058, "count": 1})
    async with ServicesKit(bot_config(mock)) as services:
        report = await services.broadcaster.run(await _campaign(services), "now")
    assert report is not None and sum(report.failed.values()) > 0
    assert any("40058" in reason for reason in report.failed)
    assert "失败" in report.text()


async def test_45009_backs_off_and_retries(aiohttp_server):
    mock = await aiohttp_server(create_mock_app())
    mock_state(mock).faults.add({"path": ADD_MSG_TEMPLATE, "errcode": 45009, "count": 2})
    async with ServicesKit(bot_config(mock)) as services:
        broadcaster = services.broadcaster
        broadcaster.api.backoff_s = (0.05, 0.1, 0.2)
        report = await broadcaster.run(await _campaign(services), "now")
    assert report is not None and not report.failed and report.pending == 10


async def test_weekly_cap_skips_groups(aiohttp_server):
    mock = await aiohttp_server(create_mock_app())
    config = bot_config(
        mock, compliance=ComplianceConfig(quiet_hours="", max_promotions_per_week=1)
    )
    async with ServicesKit(config) as services:
        first = await services.broadcaster.run(await _campaign(services), "now")
        second = await services.broadcaster.run(await _campaign(services), "now")
    assert first is not None and first.pending == 10
    assert second is not None and second.pending == 0 and second.skipped == {"weekly_cap": 10}
    assert len(_tasks(mock)) == 3  # the demo's three owners, once
