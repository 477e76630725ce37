"""Short shopper numbers (`顾客 #17`), on both backends: stable, never shared, found again."""

from __future__ import annotations

import asyncio

from bot.storage import Database, open_database
from bot.storage.shoppers import NumberedShopper


async def test_a_shopper_keeps_their_number_and_each_channel_counts_apart(db: Database) -> None:
    first = await db.shoppers.number_for("oa", "oUserA")
    assert await db.shoppers.number_for("oa", "oUserA") == first
    second = await db.shoppers.number_for("oa", "oUserB")
    on_kf = await db.shoppers.number_for("kf", "oUserA")  # the same id elsewhere: someone else
    assert len({first, second, on_kf}) == 3
    assert await db.shoppers.find(first) == NumberedShopper("oa", "oUserA")
    assert await db.shoppers.find(on_kf) == NumberedShopper("kf", "oUserA")
    assert await db.shoppers.find(999_999) is None


async def test_two_workers_numbering_one_shopper_at_once_agree(store_url: str) -> None:
    one, two = await open_database(store_url), await open_database(store_url)
    try:
        numbers = await asyncio.gather(
            *(worker.shoppers.number_for("oa", "oRacing") for worker in (one, two, one, two))
        )
        assert len(set(numbers)) == 1
        assert await one.shoppers.find(numbers[0]) == NumberedShopper("oa", "oRacing")
    finally:
        await one.close()
        await two.close()
