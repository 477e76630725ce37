"""Stock: how many of each SKU can still be sold.

Reservation is one conditional UPDATE, `available = available - q WHERE sku = s AND available >= q`,
and a look at the row count. The check and the decrement are one statement, so two shoppers racing
for the last item cannot both pass the check: on PostgreSQL the second UPDATE waits for the first
one's row lock and then re-evaluates its WHERE against the new value; on SQLite writers are
serialised. The CHECK constraint on the table is the backstop.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.storage.audit import write_entry
from bot.storage.core import Transactor
from bot.storage.errors import OutOfStock
from bot.storage.schema import stock


async def reserve(conn: AsyncConnection, wanted: Mapping[str, int], now: datetime) -> None:
    """Take `wanted` (sku -> qty) out of stock, all or nothing (the caller's transaction).

    SKUs are taken in sorted order so two multi-line orders never lock rows in opposite orders
    (which PostgreSQL would break as a deadlock). Raises OutOfStock on the first SKU that lacks.
    """
    for sku in sorted(wanted):
        qty = wanted[sku]
        result = await conn.execute(
            update(stock)
            .where(stock.c.sku == sku, stock.c.available >= qty)
            .values(available=stock.c.available - qty, updated_at=now)
        )
        if result.rowcount != 1:
            raise OutOfStock(sku, await _available(conn, sku))


async def release(conn: AsyncConnection, returned: Mapping[str, int], now: datetime) -> None:
    """Put stock back (a cancelled or expired order); same sorted order as `reserve`."""
    for sku in sorted(returned):
        await conn.execute(
            update(stock)
            .where(stock.c.sku == sku)
            .values(available=stock.c.available + returned[sku], updated_at=now)
        )


async def _available(conn: AsyncConnection, sku: str) -> int:
    value = await conn.scalar(select(stock.c.available).where(stock.c.sku == sku))
    return int(value or 0)


_STOCKS_OF = select(stock.c.sku, stock.c.available).where(
    stock.c.sku.in_(bindparam("skus", expanding=True))
)
"""Read on every product list and card: built once, not again for each read."""
_STOCK_OF = select(stock.c.available).where(stock.c.sku == bindparam("sku"))
"""Read for every order line checked: built once too."""


class StockStore:
    def __init__(self, tx: Transactor) -> None:
        self._tx = tx

    async def seed_stock(self, products: Iterable[tuple[str, int]]) -> int:
        """Insert stock for SKUs the database has not seen; returns how many were added.

        Run at every start from the catalogue. It never touches an existing row: after a restart
        the live count (what was sold since) wins over the catalogue's opening stock.
        """
        wanted = {sku: int(qty) for sku, qty in products}
        if any(qty < 0 for qty in wanted.values()):
            raise ValueError("stock cannot be negative")
        if not wanted:
            return 0
        for attempt in range(3):
            try:
                return await self._insert_missing(wanted)
            except IntegrityError:
                # Another worker seeded the same SKUs between our read and our insert.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _insert_missing(self, wanted: Mapping[str, int]) -> int:
        async with self._tx.write() as conn:
            present = set((await conn.scalars(select(stock.c.sku))).all())
            rows = [
                {"sku": sku, "available": qty, "updated_at": self._tx.clock.now()}
                for sku, qty in wanted.items()
                if sku not in present
            ]
            if rows:
                await conn.execute(insert(stock), rows)
        return len(rows)

    async def set_stock(self, sku: str, available: int, *, actor: str) -> None:
        """Staff: set the sellable count of one SKU outright (a stock-take), creating it if new."""
        if available < 0:
            raise ValueError("stock cannot be negative")
        async with self._tx.write() as conn:
            before = await conn.scalar(select(stock.c.available).where(stock.c.sku == sku))
            values = {"available": available, "updated_at": self._tx.clock.now()}
            if before is None:
                await conn.execute(insert(stock).values(sku=sku, **values))
            else:
                await conn.execute(update(stock).where(stock.c.sku == sku).values(**values))
            detail = {"before": before, "after": available}
            await write_entry(conn, self._tx.clock.now(), actor, "stock.set", f"sku:{sku}", detail)

    async def get_stocks(self, skus: Sequence[str]) -> dict[str, int]:
        """Sellable counts of several SKUs in one query; SKUs the database does not know are left
        out. A product list reads its page with this, not one query per product."""
        if not skus:
            return {}
        async with self._tx.read() as conn:
            rows = await conn.execute(_STOCKS_OF, {"skus": list(skus)})
        return {str(row.sku): int(row.available) for row in rows}

    async def get_stock(self, sku: str) -> int | None:
        """Sellable count, or None for a SKU the database does not know."""
        async with self._tx.read() as conn:
            value = (await conn.execute(_STOCK_OF, {"sku": sku})).scalar()
        return None if value is None else int(value)
