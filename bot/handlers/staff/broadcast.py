"""/broadcast, /push and /campaign: drafts that wait for 确认 (bot/broadcast/drafts.py), campaigns.

A broadcast or a new campaign is shown as a preview with the compliance check (bot/compliance.py)
and waits in the session (`broadcast:confirm`) for 确认 or /confirm (confirm.py); confirmed, it
becomes a campaign in the database that the scheduler runs (scheduler/service.py).
"""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.broadcast.audience import Audience
from bot.broadcast.content import Content
from bot.broadcast.drafts import Draft, default_name, prepare, wake_scheduler
from bot.broadcast.spec import CampaignSpec, ProductMissing, card_for
from bot.handlers.staff.args import UsageError, parse_when
from bot.handlers.staff.registry import Arg, Declined, command
from bot.protocol import Inbound
from bot.shoptime import shop_zone
from bot.step import Context, Step
from bot.storage import CampaignNotFound, CampaignStatus, InvalidTransition

TARGET = Arg("--to", "目标", default="groups")
AT = Arg("--at", "时间", default="")
SKU = Arg("--sku", "商品编号", default="")
TEXT = Arg("text", "文本", nargs="*")
TARGETS = (
    "目标：groups（全部客户群，默认）、groups:名称关键词、followers（公众号粉丝）、followers:标签"
)
TIMES = "时间：20:00、3-14 20:00 或 2025-03-14 20:00，不写则确认后立即发送"


def _zone(ctx: Context) -> ZoneInfo:
    return shop_zone(ctx.services.config)


def _spec(ctx: Context, to: str, text: str, sku: str, msg: Inbound) -> CampaignSpec:
    try:
        audience = Audience.parse(to)
    except ValueError as exc:
        raise UsageError("目标只能是 groups、groups:名称、followers 或 followers:标签") from exc
    if not text and not sku:
        raise UsageError("要有文本或 --sku")
    try:
        card = card_for(ctx.services, sku) if sku else None
    except ProductMissing as exc:
        raise UsageError(str(exc)) from exc
    return CampaignSpec(audience, Content(text, card), sku.upper() if sku else "", msg.user)


def _run_at(ctx: Context, text: str) -> datetime | None:
    if not text:
        return None
    moment = parse_when(text, ctx.services.clock.now(), _zone(ctx))
    if moment < ctx.services.clock.now() - timedelta(minutes=1):
        raise UsageError(f"{moment.astimezone(_zone(ctx)):%Y-%m-%d %H:%M} 已经过去了")
    return moment


@command(
    "broadcast",
    summary="群发文字或商品卡片：先预览和合规检查，回复“确认”后发送",
    args=[TARGET, SKU, AT, TEXT],
    details=f'{TARGETS}\n{TIMES}\n例：/broadcast --to groups:老客 "今晚8点秒杀，限量100件"',
)
async def broadcast(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    text = " ".join(args.text).strip()
    spec = _spec(ctx, args.to, text, args.sku, msg)
    run_at = _run_at(ctx, args.at)
    return await prepare(Draft(default_name(spec.content), spec, run_at), msg, ctx)


@command(
    "push",
    summary="把商品卡片推送到客户群",
    args=[Arg("sku", "商品编号"), TARGET, AT, Arg("text", "附言", nargs="*")],
    details="例：/push AP-1001 新品上架",
)
async def push(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    text = " ".join(args.text).strip()
    spec = _spec(ctx, args.to, text, args.sku, msg)
    run_at = _run_at(ctx, args.at)
    name = f"推送 {spec.content.card.title if spec.content.card else args.sku}"
    return await prepare(Draft(name, spec, run_at), msg, ctx)


_CAMPAIGN_ID = [Arg("id", "活动编号")]
_VERB = {"pause": "暂停", "resume": "恢复", "cancel": "取消"}
_STATUS = {"active": "进行中", "paused": "已暂停", "cancelled": "已取消", "done": "已完成"}
_RUN_STATUS = {"running": "正在发送", "done": "已发送", "failed": "发送失败"}


@command(
    "campaign",
    summary="定时活动：列表、添加、暂停、恢复、取消",
    actions={
        "list": [],
        "add": [Arg("name", "名称"), Arg("--cron", "时间表", default=""), TARGET, AT, SKU, TEXT],
        "pause": _CAMPAIGN_ID,
        "resume": _CAMPAIGN_ID,
        "cancel": _CAMPAIGN_ID,
    },
    details=(
        '添加时 --cron "分 时 日 月 周" 和 --at 时间 二选一\n'
        '例：/campaign add 每晚秒杀 --cron "0 20 * * *" 今晚8点秒杀开始'
    ),
)
async def campaign(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    if args.action == "list":
        return await _campaign_list(ctx)
    if args.action == "add":
        return await _campaign_add(args, msg, ctx)
    return await _campaign_move(args.action, _campaign_id(args.id), msg, ctx)


async def _campaign_move(action: str, campaign_id: int, msg: Inbound, ctx: Context) -> Step:
    campaigns = ctx.services.db.campaigns
    moves = {
        "pause": campaigns.pause_campaign,
        "resume": campaigns.resume_campaign,
        "cancel": campaigns.cancel_campaign,
    }
    try:
        moved = await moves[action](campaign_id, actor=f"staff:{msg.user}")
    except CampaignNotFound as exc:
        raise Declined(f"没有活动 #{campaign_id}。") from exc
    except InvalidTransition as exc:
        now = _STATUS.get(exc.current, "其他状态")
        raise Declined(f"活动 #{campaign_id} 当前是{now}，不能{_VERB[action]}。") from exc
    wake_scheduler(ctx)
    return Step.say(f"活动 #{moved.id}「{moved.name}」已{_VERB[action]}。")


def _campaign_id(text: str) -> int:
    digits = text.lstrip("#＃")
    if not digits.isdigit():
        raise UsageError(f"活动编号应是数字，例如 12，而不是“{text}”")
    return int(digits)


async def _campaign_list(ctx: Context) -> Step:
    db = ctx.services.db
    shown = [
        c
        for c in await db.campaigns.list_campaigns(limit=1000)
        if c.status in (CampaignStatus.ACTIVE, CampaignStatus.PAUSED)
    ]
    if not shown:
        return Step.say("没有进行中或暂停的活动。用 /campaign add 添加。")
    zone = _zone(ctx)
    lines = ["活动列表："]
    for c in shown[-15:]:
        when = c.cron or (c.run_at.astimezone(zone).strftime("%m-%d %H:%M") if c.run_at else "")
        target = Audience.parse(str(c.payload.get("target", "groups"))).describe()
        runs = await db.campaigns.list_runs(c.id, limit=1)
        last = f"，上次{_RUN_STATUS.get(runs[0].status, runs[0].status)}" if runs else ""
        source = "配置" if c.kind == "config" else c.created_by.removeprefix("staff:")
        state = _state(c.status, bool(c.cron), bool(runs))
        lines.append(f"#{c.id} {c.name} [{state}] {when} → {target}（{source}{last}）")
    return Step.say("\n".join(lines))


def _state(status: CampaignStatus, repeats: bool, ran: bool) -> str:
    """A campaign's state in words: an active one-off that has not run yet waits to be sent."""
    if status is CampaignStatus.ACTIVE and not repeats and not ran:
        return "待发送"
    return _STATUS[status]


async def _campaign_add(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    if bool(args.cron) == bool(args.at):
        raise UsageError("--cron 和 --at 二选一")
    cron = None
    if args.cron:
        cron = " ".join(args.cron.split())
        try:
            CronTrigger.from_crontab(cron, timezone=_zone(ctx))
        except ValueError as exc:
            raise UsageError(f"cron 格式不对：{cron}（分 时 日 月 周，例如 0 20 * * *）") from exc
    run_at = _run_at(ctx, args.at)
    spec = _spec(ctx, args.to, " ".join(args.text).strip(), args.sku, msg)
    return await prepare(Draft(args.name, spec, run_at, cron), msg, ctx)
