"""The unanswered-question log for the merchant: recording each question the bot could not
answer, and reading the most frequent back (`/unanswered` in the WeCom app, `shopbot kb gaps`).

Recording never stands in the way of a reply: it is queued and written in the background
(`WriteBehind`); without a database nothing is kept, and a failed write is one log line (no
message text in it).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from bot.clock import shop_clock
from bot.config import Config, database_url
from bot.protocol import Channel, Inbound, Kind
from bot.step import Context
from bot.storage import open_database
from bot.storage.unanswered import Unanswered

log = logging.getLogger(__name__)

WHY = {"fallback": "没听懂", "no_product": "没有这类商品", "no_fact": "缺商品信息"}
"""What each reason asks the merchant to add: an FAQ or intent example, a product, a fact."""
DAYS = 7
SHOWN = 10


def record_gap(msg: Inbound, ctx: Context, reason: str) -> None:
    """Count a shopper's text message that went unanswered (masked by the store), off the hot
    path: the reply never waits for the write, and a failed write is one log line. The
    message's context keeps the reason (a staff reply replaces a shopper's dead end)."""
    if msg.kind is not Kind.TEXT or not msg.text.strip():
        return
    ctx.gap_reasons.append(reason)
    if msg.channel is Channel.WECOM:  # staff trying words in the app are no shopper's question
        return
    text = msg.text
    ctx.services.write_behind.submit(
        f"unanswered {reason} question", lambda db: db.unanswered.record(text, reason)
    )


async def recorded_gaps(ctx: Context, days: int, limit: int) -> list[Unanswered]:
    """The most frequent unanswered questions, counting those still queued for writing."""
    db = ctx.services.db
    await ctx.services.write_behind.flush()
    return await db.unanswered.most_frequent(days=days, limit=limit)


def gaps_text(gaps: Sequence[Unanswered], days: int = DAYS) -> str:
    """The merchant's list: most frequent first, with why each went unanswered."""
    if not gaps:
        return f"最近{days}天没有答不上的问题。"
    lines = [f"最近{days}天答不上的问题（按次数）："]
    for number, gap in enumerate(gaps, 1):
        lines.append(f"{number}. {gap.text} ×{gap.count}（{WHY.get(gap.reason, gap.reason)}）")
    lines.append(
        "可以把常问的加到问答（faq.toml）、商品信息（facts.toml）或商品表里，再发 /reload。"
    )
    return "\n".join(lines)


async def _read(config: Config, days: int, limit: int) -> list[Unanswered]:
    async with await open_database(database_url(config), shop_clock(config)) as db:
        return await db.unanswered.most_frequent(days=days, limit=limit)


def run_gaps(config: Config, days: int, limit: int) -> int:
    """`shopbot kb gaps`: print the list; exit 0."""
    print(gaps_text(asyncio.run(_read(config, days, limit)), days))
    return 0
