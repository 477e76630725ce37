"""/stats and /unanswered: what happened today, and what shoppers asked in vain."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from bot.handlers.staff.args import UsageError
from bot.handlers.staff.registry import Arg, command
from bot.protocol import Inbound
from bot.shop.texts import yuan
from bot.shoptime import shop_zone
from bot.step import Context, Step
from bot.storage import Database
from knowledge import INTENT_NAMES


@command("stats", summary="今日消息、订单、热门意图、未识别")
async def stats(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    daily = ctx.services.stats
    today = daily.today()
    counts = await daily.many(("messages", "fallback", "subscribe", "optout"), today)
    zone = shop_zone(ctx.services.config)
    day = await orders_today(ctx.services.db, zone, today)
    lines = [
        f"今日（{today:%m-%d}）统计：",
        f"消息 {counts['messages']}，未识别（兜底回复）{counts['fallback']}",
        f"新订单 {day.made}（{yuan(day.made_fen)}），其中已付款 {day.paid}（{yuan(day.paid_fen)}）",
        f"新关注 {counts['subscribe']}，退订 {counts['optout']}",
    ]
    top = await daily.top_intents(5, today)
    if top:
        shown = (f"{INTENT_NAMES.get(name, '其他')} {count}" for name, count in top)
        lines.append("热门意图：" + "，".join(shown))
    return Step.say("\n".join(lines))


@dataclass(frozen=True)
class DayOrders:
    """The orders placed on one day: how many and their amount, and the paid part of them."""

    made: int
    paid: int
    made_fen: int
    paid_fen: int


async def orders_today(db: Database, zone: ZoneInfo, today: date) -> DayOrders:
    """Orders placed on `today` (in the shop's zone), and which of them are paid."""
    recent = await db.orders.staff_list_orders(None, 500)
    mine = [o for o in recent if o.created_at.astimezone(zone).date() == today]
    paid = [o for o in mine if o.paid_at is not None]
    return DayOrders(
        made=len(mine),
        paid=len(paid),
        made_fen=sum(o.total_fen for o in mine),
        paid_fen=sum(o.total_fen for o in paid),
    )


@command(
    "unanswered",
    summary="最近顾客问了、机器人答不上的问题（按次数）",
    args=[Arg("--days", "天数", default=7, type=int), Arg("--limit", "条数", default=10, type=int)],
)
async def unanswered(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    from bot.gaps import gaps_text, recorded_gaps

    if args.days < 1 or args.limit < 1:
        raise UsageError("--days 和 --limit 要是正整数")
    gaps = await recorded_gaps(ctx, args.days, args.limit)
    return Step.say(gaps_text(gaps, args.days))
