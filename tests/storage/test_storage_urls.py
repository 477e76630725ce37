"""Config URLs map to the async drivers; an in-memory SQLite database works for quick runs."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from bot.clock import SystemClock
from bot.storage import Order, OutOfStock, open_database
from bot.storage.ids import new_order_no, normalise
from bot.storage.urls import parse

Place = Callable[..., Awaitable[Order]]


@pytest.mark.parametrize(
    ("url", "driver", "schema"),
    [
        ("sqlite:///data/shop.sqlite3", "sqlite+aiosqlite", None),
        ("sqlite:///:memory:", "sqlite+aiosqlite", None),
        ("postgresql://u:pw@db/shop", "postgresql+asyncpg", None),
        ("postgres://u@db/shop?schema=shop_a", "postgresql+asyncpg", "shop_a"),
        ("postgresql+asyncpg://u@db/shop", "postgresql+asyncpg", None),
    ],
)
def test_urls_map_to_async_drivers(url: str, driver: str, schema: str | None) -> None:
    target = parse(url)
    assert (target.url.drivername, target.schema) == (driver, schema)
    assert "schema" not in target.url.query


@pytest.mark.parametrize(
    "url", ["mysql://u:secret@db/shop", "postgresql://u:secret@db/x?schema=A;"]
)
def test_bad_urls_are_refused_without_the_password(url: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse(url)
    assert "secret" not in str(caught.value)


def test_order_numbers_are_random_and_forgiving() -> None:
    now = SystemClock().now()
    numbers = {new_order_no(now) for _ in range(1000)}
    assert len(numbers) == 1000
    number = next(iter(numbers))
    assert normalise(f" {number.lower()} ") == number
    assert normalise("sb20250101-oil0-uuuu-aaaa") == "SB20250101011" + "0VVVVAAAA"


async def test_memory_database_serialises_concurrent_orders(place: Place) -> None:
    async with await open_database("sqlite:///:memory:") as db:
        await db.stock.seed_stock([("A", 3)])
        results = await asyncio.gather(
            *(place(db, user=f"u{i}") for i in range(10)), return_exceptions=True
        )
        assert sum(isinstance(r, Order) for r in results) == 3
        assert sum(isinstance(r, OutOfStock) for r in results) == 7
        assert await db.stock.get_stock("A") == 0
