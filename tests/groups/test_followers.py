"""Broadcasts to OA followers: one mass send when nobody is left out, an openid list when someone
opted out, customer-service messages for those with quota to spare, and the monthly cap."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.broadcast.audience import Audience
from bot.broadcast.content import Content
from bot.broadcast.runner import CUSTOM_SEND, MASS_SEND, MASS_SENDALL
from bot.broadcast.spec import KIND_BROADCAST, CampaignSpec
from bot.protocol import Channel, Inbound, Kind
from mockwechat import create_mock_app
from tests.staff.kit import SHOPPER, STAFF, ServicesKit, bot_config, calls, mock_state


@pytest.fixture
async def mock_api(aiohttp_server):
    return await aiohttp_server(create_mock_app())


async def _run(services, target: str = "followers", key: str = "now"):
    spec = CampaignSpec(Audience.parse(target), Content("会员日全场9折"), notify=STAFF)
    campaign = await services.db.campaigns.create_campaign(
        "会员日",
        KIND_BROADCAST,
        spec.to_payload(),
        created_by=f"staff:{STAFF}",
        run_at=datetime.now(UTC),
    )
    assert await services.db.campaigns.claim_run(campaign.id, key)
    return await services.broadcaster.run(campaign, key)


async def test_everyone_by_one_mass_send(mock_api):
    async with ServicesKit(bot_config(mock_api)) as services:
        report = await _run(services)
    [call] = calls(mock_api, MASS_SENDALL)
    assert call.body["filter"] == {"is_to_all": True} and call.errcode == 0
    assert call.body["clientmsgid"] and "退订" in call.body["text"]["content"]
    assert report is not None and report.sent == 30 and not report.failed


async def test_by_tag_name(mock_api):
    async with ServicesKit(bot_config(mock_api)) as services:
        report = await _run(services, "followers:会员")
    [call] = calls(mock_api, MASS_SENDALL)
    assert call.body["filter"] == {"is_to_all": False, "tag_id": 100}
    tagged = mock_state(mock_api).directory.tag_followers(100)
    assert report is not None and report.sent == len(tagged)


async def test_opted_out_followers_are_left_out_by_listing_openids(mock_api):
    async with ServicesKit(bot_config(mock_api)) as services:
        await services.db.opt_outs.opt_out("oa", SHOPPER)
        report = await _run(services)
    assert calls(mock_api, MASS_SENDALL) == []
    [call] = calls(mock_api, MASS_SEND)
    assert SHOPPER not in call.body["touser"] and len(call.body["touser"]) == 29
    assert report is not None and report.skipped == {"opted_out": 1}
    assert call.errcode == 0
    assert report.sent == 29 and not report.failed


async def test_recent_chatters_get_a_customer_service_message(mock_api):
    async with ServicesKit(bot_config(mock_api)) as services:
        quota = services.outbound.cs_quota
        await quota.grant(Inbound(Channel.OA, SHOPPER, "gh", Kind.TEXT, 1, msg_id="1", text="hi"))
        report = await _run(services)
        left = await quota.remaining(SHOPPER)
    [custom] = calls(mock_api, CUSTOM_SEND)
    assert custom.body["touser"] == SHOPPER and "9折" in custom.body["text"]["content"]
    assert left == 4  # one of the five spent, the rest kept for the conversation
    [mass] = calls(mock_api, MASS_SEND)
    assert SHOPPER not in mass.body["touser"]
    assert report is not None and report.sent >= 1


async def test_four_mass_sends_a_month_per_follower(mock_api):
    async with ServicesKit(bot_config(mock_api)) as services:
        for run in range(4):
            await _run(services, key=f"run{run}")
        fifth = await _run(services, key="run5")
    assert len(calls(mock_api, MASS_SENDALL)) == 4
    assert fifth is not None and fifth.skipped == {"monthly_cap": 30} and fifth.sent == 0


async def test_a_repeated_clientmsgid_counts_as_sent(mock_api):
    mock_state(mock_api).faults.add({"path": MASS_SENDALL, "errcode": 45065, "count": 1})
    async with ServicesKit(bot_config(mock_api)) as services:
        report = await _run(services)
    assert report is not None and report.sent == 30 and not report.failed
