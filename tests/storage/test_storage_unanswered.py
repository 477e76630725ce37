"""The unanswered-question log, on SQLite and PostgreSQL: masked, counted per wording and day,
the most frequent of the last days first; several workers counting at once lose nothing."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.storage import Database, open_database
from bot.storage.masking import mask_message
from bot.storage.schema import unanswered
from tests.storage.conftest import ADDRESS, PHONE

NOW = datetime(2025, 6, 10, 4, 0, tzinfo=UTC)  # 12:00 in China


async def test_counts_per_wording_and_lists_the_most_frequent_first(db: Database) -> None:
    for text in ("能刻字吗", "能刻字吗？", "能 刻字吗", "你们有实体店吗"):
        assert await db.unanswered.record(text, "fallback", NOW)
    assert await db.unanswered.record("有洗碗机吗", "no_product", NOW - timedelta(hours=1))
    top = await db.unanswered.most_frequent(days=7, now=NOW)
    assert [(u.count, u.reason) for u in top] == [
        (3, "fallback"),
        (1, "fallback"),
        (1, "no_product"),
    ]
    assert top[0].text in {"能刻字吗", "能刻字吗？", "能 刻字吗"}
    assert top[0].last_at == NOW and top[1].text == "你们有实体店吗"


async def test_only_the_days_asked_for(db: Database) -> None:
    await db.unanswered.record("能开专票吗", "fallback", NOW - timedelta(days=8))
    await db.unanswered.record("能开专票吗", "fallback", NOW - timedelta(days=2))
    await db.unanswered.record("能开专票吗", "fallback", NOW)
    [week] = await db.unanswered.most_frequent(days=7, now=NOW)
    assert week.count == 2
    [today] = await db.unanswered.most_frequent(days=1, now=NOW)
    assert today.count == 1
    assert len(await db.unanswered.most_frequent(days=30, limit=1, now=NOW)) == 1


async def test_no_phone_address_or_order_number_is_stored(db: Database) -> None:
    text = f"我电话{PHONE} 送到{ADDRESS} 订单SB20250101ABCDEF123456 能改吗"
    await db.unanswered.record(text, "fallback", NOW)
    async with db.transactor.read() as conn:
        rows = (await conn.execute(select(unanswered))).all()
    stored = " ".join(f"{r.text} {r.text_key}" for r in rows)
    assert PHONE not in stored and "世纪大道" not in stored and "SB2025" not in stored
    assert "[电话]" in rows[0].text and "[地址]" in rows[0].text and "[单号]" in rows[0].text


async def test_nothing_to_count_and_bad_reasons(db: Database) -> None:
    assert not await db.unanswered.record("  ？？ ", "fallback", NOW)
    with pytest.raises(ValueError, match="unknown reason"):
        await db.unanswered.record("能刻字吗", "nope", NOW)
    assert await db.unanswered.most_frequent(now=NOW) == []


async def test_workers_counting_at_once_lose_nothing(store_url: str) -> None:
    workers = [await open_database(store_url) for _ in range(3)]
    try:
        await asyncio.gather(
            *(w.unanswered.record("能刻字吗", "fallback", NOW) for w in workers for _ in range(4))
        )
        [top] = await workers[0].unanswered.most_frequent(now=NOW)
        assert top.count == 12
    finally:
        for w in workers:
            await w.close()


def test_masking_keeps_the_question_readable() -> None:
    assert mask_message("寄到广州几天到") == "寄到广州几天到"
    assert mask_message("这两款有什么区别") == "这两款有什么区别"
    assert mask_message("快递单号773012345678901查一下") == "快递单号[单号]查一下"
    assert mask_message("改到建国路88号3单元").endswith("[地址]")
    assert mask_message("座机010-12345678") == "座机[电话]"
