"""Staff commands over the WeCom app, errbot style: one argparse parser per command, an ACL, DMs only.

Only the WeCom members listed in `[wecom] staff` may use them, and only in a direct chat with the
app; anyone else (a shopper typing "/broadcast" on the OA, a member not on the list, a group chat)
gets a polite refusal and an audit entry. A wrong argument answers with the command's usage.

    /help [命令]
    /broadcast [--to 目标] [--sku SKU] [--at 时间] 文本     preview → 确认 or /confirm → sent
    /push SKU [--to 目标] [--at 时间] [附言]
    /campaign list | add 名称 (--cron "0 20 * * *" | --at 时间) [--to 目标] [--sku SKU] 文本
              | pause ID | resume ID | cancel ID
    /orders [状态 | 订单号] [--limit N]
    /stats
    /reload
    /unanswered [--days 7] [--limit 10]                  the questions shoppers asked in vain
    /handback 顾客编号 [--channel oa|wecom|kf]             end a shopper's hand-off to a human
    /tickets [状态], /ticket 售后单号 [操作 …], /ship 订单号 快递 单号    (staff_business.py)

A broadcast or a new campaign is shown as a preview with the compliance check (bot/compliance.py)
and waits in the session (`broadcast:confirm`) for 确认 or /confirm within `CONFIRM_TTL_S`;
anything else, another command, or the timeout cancels it. Confirmed, it becomes a campaign in
the database that the scheduler runs (scheduler/service.py), now or at the time given.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.broadcast.audience import Audience
from bot.broadcast.content import Content
from bot.broadcast.drafts import (
    CONFIRM_STATE,
    CONFIRM_WORDS,
    Draft,
    audit,
    confirm_or_cancel,
    default_name,
    prepare,
    wake_scheduler,
)
from bot.broadcast.spec import CampaignSpec, ProductMissing, card_for
from bot.handlers import staff_business as b
from bot.handlers.shopper_tags import shopper_of
from bot.handlers.staff_args import (
    ActionParser,
    CommandParser,
    UsageError,
    parse_when,
    split_args,
)
from bot.protocol import Channel, Inbound, TextReply
from bot.router import Router
from bot.stats import DailyStats
from bot.step import KEEP, Context, Step
from bot.storage import CampaignNotFound, CampaignStatus, Database, InvalidTransition, OrderStatus
from knowledge import INTENT_NAMES

log = logging.getLogger(__name__)

REPLY_MAX_BYTES = 2000  # a passive WeCom text reply holds 2048 bytes
REFUSAL = "抱歉，这是店铺员工专用的指令，您没有使用权限。如需帮助请直接留言～"
DM_ONLY = "店员指令只能在与应用的私聊中使用，请私聊我再试。"

StaffRun = Callable[[argparse.Namespace, Inbound, Context], Awaitable[Step]]


@dataclass(frozen=True)
class Command:
    name: str
    summary: str
    usage: str
    parser: CommandParser | ActionParser
    run: StaffRun


# --- the commands ------------------------------------------------------------------------


class StaffCommands:
    def __init__(self) -> None:
        self.commands: dict[str, Command] = {}

    def add(
        self,
        name: str,
        summary: str,
        usage: str,
        parser: CommandParser | ActionParser,
        run: StaffRun,
    ) -> None:
        self.commands[name] = Command(name, summary, usage, parser, run)

    def help_text(self) -> str:
        lines = ["店员指令："]
        lines += [f"{c.usage.splitlines()[0]}\n    {c.summary}" for c in self.commands.values()]
        lines.append("发送 /help 指令名 查看详细用法。")
        return "\n".join(lines)

    async def handle(self, msg: Inbound, ctx: Context) -> Step:
        """The router's entry for every registered "/name": ACL, parse, run, audit."""
        words = msg.text.strip()[1:].split(maxsplit=1)
        name = words[0].lower() if words else ""
        command = self.commands.get(name)
        refusal = await self._refuse(msg, ctx, name)
        if refusal is not None:
            return refusal
        if command is None:  # registered under another name (/confirm, /cancel)
            return await confirm_or_cancel(msg, ctx)
        try:
            args = command.parser.parse(split_args(words[1] if len(words) > 1 else ""))
            step = await command.run(args, msg, ctx)
        except UsageError as exc:
            hint = f"（{exc}）" if str(exc) else ""
            step = Step.say(f"参数有误{hint}。用法：\n{command.usage}")
        except argparse.ArgumentError as exc:
            step = Step.say(f"参数有误（{exc}）。用法：\n{command.usage}")
        await audit(ctx, f"staff:{msg.user}", f"staff.{name}", "command", {"ok": True})
        return fit(_drop_pending_draft(ctx, step))

    async def _refuse(self, msg: Inbound, ctx: Context, name: str) -> Step | None:
        staff = ctx.services.config.wecom.staff
        if msg.channel is Channel.WECOM and msg.user in staff and not msg.chat:
            return None
        reason = "group_chat" if msg.channel is Channel.WECOM and msg.user in staff else "not_staff"
        actor = f"{msg.channel}:{msg.user}"
        await audit(ctx, actor, "staff.refused", f"command:{name}"[:64], {"reason": reason})
        log.info("refused /%s from a %s user (%s)", name, msg.channel, reason)
        return Step.say(DM_ONLY if reason == "group_chat" else REFUSAL)


def _drop_pending_draft(ctx: Context, step: Step) -> Step:
    """Any command other than /confirm cancels a broadcast waiting for confirmation."""
    if ctx.session.state != CONFIRM_STATE or not isinstance(step.next_state, type(KEEP)):
        return step
    replies = Step.say("（待确认的群发已取消）").replies + step.replies
    return dataclasses.replace(step, replies=replies, next_state=None, reset_slots=True)


def _db(ctx: Context) -> Database:
    db = ctx.services.db
    if db is None:
        raise UsageError("没有配置数据库")
    return db


def _now() -> datetime:
    return datetime.now(UTC)


def _zone(ctx: Context) -> ZoneInfo:
    return ZoneInfo(ctx.services.config.scheduler.timezone)


def fit(step: Step) -> Step:
    """Cut text replies to what one passive WeCom reply carries."""
    replies = tuple(
        TextReply(_cut(r.text)) if isinstance(r, TextReply) else r for r in step.replies
    )
    return dataclasses.replace(step, replies=replies)


def _cut(text: str) -> str:
    data = text.encode("utf-8")
    if len(data) <= REPLY_MAX_BYTES:
        return text
    return data[: REPLY_MAX_BYTES - 40].decode("utf-8", "ignore") + "\n…（内容过长，已截断）"


# --- /broadcast, /push: a draft waiting for confirmation (bot/broadcast/drafts.py) ----------


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
    moment = parse_when(text, _now(), _zone(ctx))
    if moment < _now() - timedelta(minutes=1):
        raise UsageError(f"{moment.astimezone(_zone(ctx)):%Y-%m-%d %H:%M} 已经过去了")
    return moment


async def cmd_broadcast(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    text = " ".join(args.text).strip()
    spec = _spec(ctx, args.to, text, args.sku, msg)
    run_at = _run_at(ctx, args.at)
    return await prepare(Draft(default_name(spec.content), spec, run_at), msg, ctx)


async def cmd_push(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    text = " ".join(args.text).strip()
    spec = _spec(ctx, args.to, text, args.sku, msg)
    run_at = _run_at(ctx, args.at)
    name = f"推送 {spec.content.card.title if spec.content.card else args.sku}"
    return await prepare(Draft(name, spec, run_at), msg, ctx)


# --- /campaign -------------------------------------------------------------------------------


async def cmd_campaign(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    if args.action == "list":
        return await _campaign_list(ctx)
    if args.action == "add":
        return await _campaign_add(args, msg, ctx)
    campaign_id = _campaign_id(args.id)
    campaigns = _db(ctx).campaigns
    moves = {
        "pause": campaigns.pause_campaign,
        "resume": campaigns.resume_campaign,
        "cancel": campaigns.cancel_campaign,
    }
    try:
        campaign = await moves[args.action](campaign_id, actor=f"staff:{msg.user}")
    except CampaignNotFound:
        return Step.say(f"没有活动 #{campaign_id}。")
    except InvalidTransition as exc:
        return Step.say(
            f"活动 #{campaign_id} 当前是{_STATUS.get(exc.current, exc.current)}，不能{_VERB[args.action]}。"
        )
    wake_scheduler(ctx)
    return Step.say(f"活动 #{campaign.id}「{campaign.name}」已{_VERB[args.action]}。")


_VERB = {"pause": "暂停", "resume": "恢复", "cancel": "取消"}
_STATUS = {"active": "进行中", "paused": "已暂停", "cancelled": "已取消", "done": "已完成"}


def _campaign_id(text: str) -> int:
    digits = text.lstrip("#")
    if not digits.isdigit():
        raise UsageError(f"活动编号应是数字，例如 12，而不是 {text!r}")
    return int(digits)


async def _campaign_list(ctx: Context) -> Step:
    db = _db(ctx)
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
        last = f"，上次 {runs[0].status}" if runs else ""
        source = "配置" if c.kind == "config" else c.created_by.removeprefix("staff:")
        lines.append(f"#{c.id} {c.name} [{_STATUS[c.status]}] {when} → {target}（{source}{last}）")
    return Step.say("\n".join(lines))


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


# --- /orders, /stats, /reload, /help ---------------------------------------------------------

_ORDER_STATUS = {
    "created": "待付款",
    "paid": "已付款",
    "shipped": "已发货",
    "done": "已完成",
    "cancelled": "已取消",
    "expired": "已过期",
}
_STATUS_WORDS = {v: k for k, v in _ORDER_STATUS.items()} | {k: k for k in _ORDER_STATUS}


async def cmd_orders(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    db = _db(ctx)
    zone = _zone(ctx)
    if args.query and args.query.upper().startswith("SB"):
        order = await db.orders.staff_get_order(args.query)
        if order is None:
            return Step.say(f"没有订单 {args.query}。")
        lines = [
            f"订单 {order.order_no}（{_ORDER_STATUS[order.status]}）",
            *(f"· {line.name} {line.spec_text} ×{line.qty}" for line in order.lines),
            f"合计 ¥{order.total_fen / 100:.2f}，下单 {order.created_at.astimezone(zone):%m-%d %H:%M}",
            f"收货人手机 {order.masked_phone}",
        ]
        if order.tracking_no:
            lines.append(f"物流 {order.carrier or ''} {order.tracking_no}")
        return Step.say("\n".join(lines + b.order_extras(order)))
    status = None
    if args.query:
        if args.query not in _STATUS_WORDS:
            raise UsageError("状态可以是 " + "、".join(_ORDER_STATUS.values()))
        status = OrderStatus(_STATUS_WORDS[args.query])
    if not 1 <= args.limit <= 20:
        raise UsageError("--limit 在 1 到 20 之间")
    orders = await db.orders.staff_list_orders(status, args.limit)
    if not orders:
        return Step.say("没有订单。")
    lines = [f"最近 {len(orders)} 个订单："]
    for order in orders:
        items = sum(line.qty for line in order.lines)
        lines.append(
            f"{order.order_no} {_ORDER_STATUS[order.status]} ¥{order.total_fen / 100:.2f} "
            f"{items}件 {order.created_at.astimezone(zone):%m-%d %H:%M}"
        )
    return Step.say("\n".join(lines))


async def cmd_stats(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    services = ctx.services
    stats = DailyStats.of(services)
    today = stats.today()
    counts = await stats.many(("messages", "fallback", "subscribe", "optout"), today)
    orders_today, paid_today = await _orders_today(_db(ctx), today, _zone(ctx))
    lines = [
        f"今日（{today:%m-%d}）统计：",
        f"消息 {counts['messages']}，未识别（兜底回复）{counts['fallback']}",
        f"新订单 {orders_today}，其中已付款 {paid_today}",
        f"新关注 {counts['subscribe']}，退订 {counts['optout']}",
    ]
    top = await stats.top_intents(5, today)
    if top:
        shown = (f"{INTENT_NAMES.get(name, name)} {count}" for name, count in top)
        lines.append("热门意图：" + "，".join(shown))
    return Step.say("\n".join(lines))


async def _orders_today(db: Database, today: date, zone: ZoneInfo) -> tuple[int, int]:
    recent = await db.orders.staff_list_orders(None, 500)
    mine = [o for o in recent if o.created_at.astimezone(zone).date() == today]
    paid = sum(1 for o in mine if o.paid_at is not None)
    return len(mine), paid


async def cmd_handback(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    from bot.handlers.handoff import hand_back

    tagged = await shopper_of(ctx.services, args.user)
    channel, user = tagged if tagged is not None else (args.channel, args.user)
    if await hand_back(ctx.services, channel, user, actor=f"staff:{msg.user}"):
        return Step.say(f"已把顾客 {args.user} 交还给智能助手，并通知了顾客。")
    return Step.say(f"顾客 {args.user} 当前没有在等人工客服。")


async def cmd_reload(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    from knowledge import KnowledgeError

    holder = ctx.services.knowledge
    if holder is None:
        return Step.say("没有加载商品知识库。")
    try:
        await holder.reload_async()
    except KnowledgeError as exc:
        problems = str(exc).splitlines()
        shown = "\n".join(problems[:8]) + (
            f"\n… 共 {len(problems)} 处" if len(problems) > 8 else ""
        )
        await audit(ctx, f"staff:{msg.user}", "knowledge.reload", "knowledge", {"ok": False})
        return Step.say(f"重新加载失败，仍使用原来的知识库：\n{shown}")
    await audit(ctx, f"staff:{msg.user}", "knowledge.reload", "knowledge", {"ok": True})
    return Step.say(f"知识库已重新加载：{holder.current.kb.summary()}")


async def cmd_unanswered(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    from bot.gaps import gaps_text

    if args.days < 1 or args.limit < 1:
        raise UsageError("--days 和 --limit 要是正整数")
    gaps = await _db(ctx).unanswered.most_frequent(days=args.days, limit=args.limit)
    return Step.say(gaps_text(gaps, args.days))


# --- wiring ----------------------------------------------------------------------------------


def _target_options(parser: CommandParser) -> None:
    parser.add_argument("--to", default="groups")
    parser.add_argument("--at", default="")


def build_commands() -> StaffCommands:
    staff = StaffCommands()

    def _help(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Awaitable[Step]:
        return _help_for(staff, args.command)

    help_parser = CommandParser("help")
    help_parser.add_argument("command", nargs="?", default="")
    staff.add("help", "指令列表与用法", "/help [指令名]", help_parser, _help)

    broadcast = CommandParser("broadcast")
    _target_options(broadcast)
    broadcast.add_argument("--sku", default="")
    broadcast.add_argument("text", nargs="*")
    staff.add(
        "broadcast",
        "群发文字或商品卡片：先预览和合规检查，回复“确认”后发送",
        "/broadcast [--to 目标] [--sku 商品编号] [--at 时间] 文本\n"
        "目标：groups（全部客户群，默认）、groups:名称关键词、followers（公众号粉丝）、followers:标签\n"
        "时间：20:00、3-14 20:00 或 2025-03-14 20:00，不写则确认后立即发送\n"
        '例：/broadcast --to groups:老客 "今晚8点秒杀，限量100件"',
        broadcast,
        cmd_broadcast,
    )
    push = CommandParser("push")
    push.add_argument("sku")
    _target_options(push)
    push.add_argument("text", nargs="*")
    staff.add(
        "push",
        "把商品卡片推送到客户群",
        "/push 商品编号 [--to 目标] [--at 时间] [附言]\n例：/push AP-1001 新品上架",
        push,
        cmd_push,
    )
    staff.add(
        "campaign",
        "定时活动：列表、添加、暂停、恢复、取消",
        "/campaign list | add | pause | resume | cancel\n"
        "/campaign list\n"
        '/campaign add 名称 (--cron "分 时 日 月 周" | --at 时间) [--to 目标] [--sku 商品编号] 文本\n'
        "/campaign pause|resume|cancel 活动编号\n"
        '例：/campaign add 每晚秒杀 --cron "0 20 * * *" 今晚8点秒杀开始',
        _campaign_parser(),
        cmd_campaign,
    )
    orders = CommandParser("orders")
    orders.add_argument("query", nargs="?", default="")
    orders.add_argument("--limit", type=int, default=10)
    staff.add(
        "orders",
        "最近的订单，或按状态、订单号查询",
        "/orders [状态 | 订单号] [--limit N]\n状态：" + "、".join(_ORDER_STATUS.values()),
        orders,
        cmd_orders,
    )
    staff.add(
        "stats", "今日消息、订单、热门意图、未识别", "/stats", CommandParser("stats"), cmd_stats
    )
    staff.add("reload", "重新加载商品和问答知识库", "/reload", CommandParser("reload"), cmd_reload)
    unanswered = CommandParser("unanswered")
    unanswered.add_argument("--days", type=int, default=7)
    unanswered.add_argument("--limit", type=int, default=10)
    staff.add(
        "unanswered",
        "最近顾客问了、机器人答不上的问题（按次数）",
        "/unanswered [--days 7] [--limit 10]",
        unanswered,
        cmd_unanswered,
    )
    handback = CommandParser("handback")
    handback.add_argument("user")
    handback.add_argument("--channel", choices=("oa", "wecom", "kf"), default="oa")
    staff.add(
        "handback",
        "把转人工的顾客交还给智能助手",
        "/handback 顾客编号（提醒里的六位编号）",
        handback,
        cmd_handback,
    )
    _business_commands(staff)
    return staff


def _business_commands(staff: StaffCommands) -> None:
    staff.add(
        "tickets", "售后单列表（默认处理中的）", b.TICKETS_USAGE, b.tickets_parser(), b.cmd_tickets
    )
    staff.add(
        "ticket",
        "查看售后单，同意、拒绝、收货、退款",
        b.TICKET_USAGE,
        b.ticket_parser(),
        b.cmd_ticket,
    )
    staff.add(
        "ship", "订单发货，顾客会收到快递单号和查询链接", b.SHIP_USAGE, b.ship_parser(), b.cmd_ship
    )


def _campaign_parser() -> ActionParser:
    parser = ActionParser("campaign")
    parser.add("list")
    add = parser.add("add")
    add.add_argument("name")
    add.add_argument("--cron", default="")
    _target_options(add)
    add.add_argument("--sku", default="")
    add.add_argument("text", nargs="*")
    for action in ("pause", "resume", "cancel"):
        parser.add(action).add_argument("id")
    return parser


async def _help_for(staff: StaffCommands, name: str) -> Step:
    name = name.lstrip("/").lower()
    if not name:
        return Step.say(staff.help_text())
    command = staff.commands.get(name)
    if command is None:
        return Step.say(f"没有指令 /{name}。\n{staff.help_text()}")
    return Step.say(f"{command.summary}\n用法：\n{command.usage}")


def register(router: Router, commands: Sequence[str] = ()) -> None:
    """Route every staff command, /confirm and /cancel, and the confirmation dialog."""
    staff = build_commands()
    for name in (*staff.commands, "confirm", "cancel", *commands):
        router.command(name)(staff.handle)
    router.dialog("broadcast")(_dialog(staff))
    router.word(*CONFIRM_WORDS)(_late_confirm(router))


NOTHING_TO_CONFIRM = (
    "现在没有待确认的群发。要发新的群发请发送 /broadcast 文本，发 /help 查看全部指令。"
)


def _late_confirm(router: Router) -> Callable[[Inbound, Context], Awaitable[Step]]:
    """确认 from staff with no draft waiting (a second 确认 after a broadcast) is told so, not
    given the shopper's fallback; anyone else's 确认 goes where it went before (intent, fallback)."""
    before = router.words.get("确认")

    async def late_confirm(msg: Inbound, ctx: Context) -> Step:
        staff = ctx.services.config.wecom.staff
        if msg.channel is Channel.WECOM and msg.user in staff and not msg.chat:
            return Step.say(NOTHING_TO_CONFIRM)
        handler = before or router.resolve_without_words(msg, ctx)
        return await handler(msg, ctx) if handler is not None else Step()

    return late_confirm


def _dialog(staff: StaffCommands) -> Callable[[Inbound, Context], Awaitable[Step]]:
    async def broadcast_dialog(msg: Inbound, ctx: Context) -> Step:
        refusal = await staff._refuse(msg, ctx, "confirm")
        if refusal is not None:
            return dataclasses.replace(refusal, next_state=None, reset_slots=True)
        return await confirm_or_cancel(msg, ctx)

    return broadcast_dialog
