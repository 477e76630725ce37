"""Staff commands over the WeCom app, as chat transcripts through the real callback endpoint."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import ComplianceConfig
from bot.gateway import create_app
from bot.handlers.staff.knowledge import where_broken
from bot.simulator import CallbackBuilder
from bot.storage import CampaignStatus
from knowledge import KbIssue, KnowledgeError
from mockwechat import create_mock_app
from tests.staff.kit import (
    NOT_STAFF,
    SHOPPER,
    STAFF,
    Chat,
    bot_config,
    calls,
    services_of,
    staff_router,
)


@pytest.fixture
async def mock_api(aiohttp_server):
    return await aiohttp_server(create_mock_app())


@pytest.fixture
async def bot(aiohttp_client, mock_api):
    config = bot_config(mock_api)
    return await aiohttp_client(create_app(config, router_factory=staff_router))


def wecom(bot, user: str) -> Chat:
    config = services_of(bot).config
    return Chat(bot, CallbackBuilder(config, "wecom"), user)


def oa(bot, user: str) -> Chat:
    return Chat(bot, CallbackBuilder(services_of(bot).config, "oa"), user)


async def test_help_lists_the_commands(bot):
    reply = await wecom(bot, STAFF).say("/help")
    for name in ("/broadcast", "/push", "/campaign", "/orders", "/stats", "/reload"):
        assert name in reply
    assert "--cron" in await wecom(bot, STAFF).say("/help campaign")


async def test_non_staff_cannot_broadcast_and_is_audited(bot, mock_api):
    for chat in (wecom(bot, NOT_STAFF), oa(bot, SHOPPER)):
        reply = await chat.say("/broadcast 今晚8点秒杀")
        assert "没有使用权限" in reply
    assert await wecom(bot, NOT_STAFF).say("确认") == "fallback"
    db = services_of(bot).db
    refused = [e for e in await db.audit.recent() if e.action == "staff.refused"]
    assert len(refused) == 2 and {e.detail["reason"] for e in refused} == {"not_staff"}
    assert await db.campaigns.list_campaigns() == []
    assert calls(mock_api, "/cgi-bin/externalcontact/add_msg_template") == []


async def test_staff_in_a_group_chat_is_refused(bot):
    chat = wecom(bot, STAFF)
    callback = chat.builder.message(
        STAFF, {"MsgType": "text", "Content": "/broadcast hi", "MsgId": "77", "ChatId": "wrX"}
    )
    response = await bot.post(callback.path, params=callback.query, data=callback.body)
    fields = chat.builder.read_reply(await response.text())
    assert fields is None or "私聊" in fields.get("Content", "")


async def test_argument_errors_answer_with_the_usage(bot):
    chat = wecom(bot, STAFF)
    assert "用法" in await chat.say("/campaign")
    assert "用法" in await chat.say("/campaign pause abc")
    assert "用法" in await chat.say('/broadcast --to "moon" hi')
    assert "用法" in await chat.say("/broadcast")
    assert "用法" in await chat.say("/push NOPE-1")
    assert "用法" in await chat.say("/orders --limit 0")


async def test_broadcast_preview_then_confirm_creates_a_campaign(bot):
    chat = wecom(bot, STAFF)
    preview = await chat.say("/broadcast --to groups:老客 周末全场8折，老客专享")
    assert "群发预览" in preview and "共 2 个" in preview and "合规检查：通过" in preview
    assert "确认" in preview
    assert "已确认" in await chat.say("确认")
    db = services_of(bot).db
    [campaign] = await db.campaigns.list_campaigns()
    assert campaign.payload["target"] == "groups:老客"
    assert campaign.created_by == f"staff:{STAFF}" and campaign.run_at is not None


async def test_anything_but_confirm_cancels(bot):
    chat = wecom(bot, STAFF)
    await chat.say("/broadcast 周末全场8折")
    assert "已取消" in await chat.say("算了")
    assert "没有待确认" in await chat.say("/confirm")
    await chat.say("/broadcast 周末全场8折")
    assert "待确认的群发已取消" in await chat.say("/stats")
    assert await services_of(bot).db.campaigns.list_campaigns() == []


async def test_banned_words_block_the_broadcast(bot):
    reply = await wecom(bot, STAFF).say("/broadcast 全网最低价，国家级品质")
    assert "禁用词" in reply and "最" in reply and "国家级" in reply
    assert "没有待确认" in await wecom(bot, STAFF).say("/confirm")


async def test_campaign_add_list_pause_resume_cancel(bot):
    chat = wecom(bot, STAFF)
    preview = await chat.say('/campaign add 每晚秒杀 --cron "0 20 * * *" 今晚8点秒杀开始')
    assert "0 20 * * *" in preview
    assert "已按计划" in await chat.say("/confirm")
    listed = await chat.say("/campaign list")
    assert "每晚秒杀" in listed and "进行中" in listed
    db = services_of(bot).db
    [campaign] = await db.campaigns.list_campaigns()
    assert "已暂停" in await chat.say(f"/campaign pause {campaign.id}")
    assert "不能暂停" in await chat.say(f"/campaign pause {campaign.id}")
    assert "已恢复" in await chat.say(f"/campaign resume #{campaign.id}")
    assert "已取消" in await chat.say(f"/campaign cancel {campaign.id}")
    stored = await db.campaigns.get_campaign(campaign.id)
    assert stored is not None
    assert stored.status is CampaignStatus.CANCELLED
    assert "没有活动" in await chat.say("/campaign cancel 999")
    assert "cron 格式不对" in await chat.say('/campaign add x --cron "99 99 * * *" hi')


async def test_push_shows_the_product_card(bot):
    reply = await wecom(bot, STAFF).say("/push AP-1001 新品上架")
    assert "[商品卡片]" in reply and "纯棉圆领短袖T恤" in reply


async def test_orders_stats_and_reload(bot):
    chat = wecom(bot, STAFF)
    assert "没有订单" in await chat.say("/orders")
    assert "今日" in await chat.say("/stats")
    reloaded = await chat.say("/reload")
    assert "知识库已重新加载：157个商品（6个分类）" in reloaded
    assert not re.search("[A-Za-z]", reloaded), reloaded


def test_a_broken_reload_says_where_in_chinese():
    issues = [KbIssue("products.csv", n, "price_fen must be a whole number") for n in range(2, 12)]
    said = where_broken(KnowledgeError(issues))
    assert said.startswith("共10处问题，在：products.csv 第2行、products.csv 第3行")
    assert "第9行等。" in said and "第10行" not in said
    assert "price_fen" not in said and "shopbot kb check" in said


async def test_a_broadcast_in_quiet_hours_waits_for_their_end(aiohttp_client, mock_api):
    zone = ZoneInfo("Asia/Shanghai")
    now = datetime.now(zone)
    window = f"{now - timedelta(hours=1):%H:%M}-{now + timedelta(hours=1):%H:%M}"
    config = bot_config(mock_api, compliance=ComplianceConfig(quiet_hours=window))
    client = await aiohttp_client(create_app(config, router_factory=staff_router))
    chat = wecom(client, STAFF)
    preview = await chat.say("/broadcast 周末全场8折")
    assert "免打扰时段" in preview
    assert "将于" in await chat.say("确认")
    [campaign] = await services_of(client).db.campaigns.list_campaigns()
    end = (now + timedelta(hours=1)).replace(second=0, microsecond=0)
    assert campaign.run_at == end.astimezone(UTC)


async def test_a_later_send_time_is_shown_and_a_past_one_refused(bot):
    chat = wecom(bot, STAFF)
    assert "已经过去了" in await chat.say("/broadcast --at 2020-01-01 10:00 周末全场8折")
    preview = await chat.say("/broadcast --at 2099-01-01 10:00 周末全场8折")
    assert "时间：01-01 10:00" in preview
    assert "将于 01-01 10:00 发送" in await chat.say("确认")


async def test_the_full_router_routes_staff_commands_and_confirmations(aiohttp_client, mock_api):
    client = await aiohttp_client(create_app(bot_config(mock_api)))  # register_all's router
    chat = wecom(client, STAFF)
    assert "/broadcast" in await chat.say("/help")
    assert "群发预览" in await chat.say("/broadcast 周末全场8折")
    assert "已确认" in await chat.say("确认")
    assert "没有使用权限" in await oa(client, SHOPPER).say("/broadcast 周末全场8折")
    assert "已为您退订" in await oa(client, SHOPPER).say("退订")


async def test_stats_name_intents_in_chinese_not_by_their_ids(bot):
    from bot.stats import INTENT_PREFIX

    await services_of(bot).stats.count(INTENT_PREFIX + "product_search", 3)
    reply = await wecom(bot, STAFF).say("/stats")
    assert "热门意图：找商品 3" in reply
    assert "product_search" not in reply
