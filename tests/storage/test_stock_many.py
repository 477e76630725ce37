"""Reading a page of stock counts in one query, on both backends."""

from __future__ import annotations


async def test_get_stocks_reads_several_skus_and_leaves_unknown_ones_out(db):
    await db.stock.seed_stock([("A1", 3), ("B2", 0), ("C3", 7)])
    assert await db.stock.get_stocks(["A1", "B2", "ZZ"]) == {"A1": 3, "B2": 0}
    assert await db.stock.get_stocks([]) == {}


async def test_reads_see_what_was_just_committed(db):
    """SQLite reads go through their own connection: they must see every committed write."""
    await db.stock.seed_stock([("R1", 2)])
    for value in (5, 0, 9):
        await db.stock.set_stock("R1", value, actor="test")
        assert await db.stock.get_stock("R1") == value
