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


async def test_one_skus_stock_is_read_with_a_statement_built_once(db, monkeypatch):
    """An order line's stock check reads one SKU: its statement is built at import, not again
    for each read (building and keying a statement cost as much as the read)."""
    from bot.storage import stock

    await db.stock.seed_stock([("S1", 4), ("S2", 0)])

    def no_new_statement(*args, **kwargs):
        raise AssertionError("a statement was built for one read")

    monkeypatch.setattr(stock, "select", no_new_statement)
    assert await db.stock.get_stock("S1") == 4
    assert await db.stock.get_stock("S2") == 0
    assert await db.stock.get_stock("nope") is None
