"""Owners who have not confirmed a group-message task are reminded, once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.broadcast.audience import Audience
from bot.broadcast.content import Content
from bot.broadcast.reminders import remind_unconfirmed
from bot.broadcast.spec import KIND_BROADCAST, CampaignSpec
from mockwechat import create_mock_app
from tests.staff.kit import STAFF, ServicesKit, bot_config, calls, mock_state


async def test_unconfirmed_tasks_are_reminded_once(aiohttp_server):
    mock = await aiohttp_server(create_mock_app())
    state = mock_state(mock)
    async with ServicesKit(bot_config(mock)) as services:
        spec = CampaignSpec(Audience.parse("groups"), Content("新品预售"), notify=STAFF)
        campaign = await services.db.campaigns.create_campaign(
            "每周二新品预售",
            KIND_BROADCAST,
            spec.to_payload(),
            created_by="staff:x",
            run_at=datetime.now(UTC),
        )
        await services.db.campaigns.claim_run(campaign.id, "now")
        broadcaster = services.broadcaster
        await broadcaster.run(campaign, "now")
        owners = {t.senders[u].userid for t in state.tasks.all() for u in t.senders}
        confirmed = state.tasks.all()[0]
        state.tasks.confirm(confirmed.msgid, None, state.clock())  # one owner tapped 发送
        before = len(calls(mock, "/cgi-bin/message/send"))
        now = datetime.now(UTC)
        assert await remind_unconfirmed(broadcaster, now, after_s=3600) == 0  # too early
        later = now + timedelta(hours=1)
        assert await remind_unconfirmed(broadcaster, later, after_s=1800) == len(owners) - 1
        assert await remind_unconfirmed(broadcaster, later, after_s=1800) == 0  # once
    reminders = calls(mock, "/cgi-bin/message/send")[before:]
    assert {c.body["touser"] for c in reminders} == owners - set(confirmed.senders)
    assert all("每周二新品预售" in c.body["text"]["content"] for c in reminders)
