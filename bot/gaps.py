"""The unanswered-question log for the merchant: recording each question the bot could not
answer, and reading the most frequent back (`/unanswered` in the WeCom app, `shopbot kb gaps`).

Recording never stands in the way of a reply: without a database, or when the write fails, the
shopper still gets their answer and the failure is one log line (no message text in it).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError

from bot.config import Config, database_url
from bot.protocol import Inbound, Kind
from bot.step import Context
from bot.storage import open_database
from bot.storage.unanswered import Unanswered

log = logging.getLogger(__name__)

WHY = {"fallback": "没听懂", "no_product": "没有这类商品", "no_fact": "缺商品信息"}
"""What each reason asks the merchant to add: an FAQ or intent example, a product, a fact."""
DAYS = 7
SHOWN = 10


async def record_gap(msg: Inbound, ctx: Context, reason: str) -> None:
    """Count a shopper's text message that went unanswered (masked by the store)."""
    db = ctx.services.db
    if db is None or msg.kind is not Kind.TEXT or not msg.text.strip():
        return
    try:
        await db.unanswered.record(msg.text, reason)
    except (SQLAlchemyError, OSError):
        log.warning("could not record an unanswered %s question", reason, exc_info=True)


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
    async with await open_database(database_url(config)) as db:
        return await db.unanswered.most_frequent(days=days, limit=limit)


def run_gaps(config: Config, days: int, limit: int) -> int:
    """`shopbot kb gaps`: print the list; exit 0."""
    print(gaps_text(asyncio.run(_read(config, days, limit)), days))
    return 0
