"""SQLite reads on the event loop keep their connections between reads (bot/storage/core.py):
a kept connection must start every read afresh, whatever the read before it did."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from bot.storage import open_database


async def test_a_kept_connection_sees_another_workers_commits(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shop.sqlite3'}"
    async with await open_database(url) as ours, await open_database(url) as other:
        await other.stock.seed_stock([("K1", 1)])
        for value in (4, 0, 7):
            await other.stock.set_stock("K1", value, actor="test")  # the other worker writes
            assert await ours.stock.get_stock("K1") == value


async def test_reads_inside_a_read_and_after_a_failed_one(tmp_path: Path) -> None:
    async with await open_database(f"sqlite:///{tmp_path / 'shop.sqlite3'}") as db:
        await db.stock.seed_stock([("K2", 3)])
        tx = db.transactor
        with pytest.raises(RuntimeError):
            async with tx.read() as conn:
                await conn.execute(text("SELECT 1"))
                raise RuntimeError("a read body failed")
        async with tx.read() as outer:
            assert await db.stock.get_stock("K2") == 3  # a second connection meanwhile
            assert await outer.scalar(text("SELECT available FROM stock WHERE sku = 'K2'")) == 3
        await db.stock.set_stock("K2", 8, actor="test")
        assert await db.stock.get_stock("K2") == 8
