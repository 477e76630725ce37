"""One contract suite, two backends: every test taking `db` runs on SQLite and on PostgreSQL.

SQLite gets a fresh file under tmp_path. PostgreSQL gets a fresh schema (`?schema=t_<random>`) in
the shared `test` database, dropped afterwards, so parallel runs and reruns never see each other's
rows. Without a PostgreSQL server the postgres half skips (or fails under
SHOPBOT_REQUIRE_SERVICES=1, see tests/conftest.py).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.storage import Database, LineIn, Order, open_database

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


async def _drop_schema(base_url: str, schema: str) -> None:
    engine = create_async_engine(base_url.replace("postgresql://", "postgresql+asyncpg://", 1))
    try:
        async with engine.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        await engine.dispose()


@asynccontextmanager
async def fresh_database_url(
    request: pytest.FixtureRequest, sqlite_file: Path
) -> AsyncIterator[str]:
    """A database URL no other test uses: a SQLite file, or a PostgreSQL schema dropped after."""
    if request.param == "sqlite":
        yield f"sqlite:///{sqlite_file}"
        return
    base = request.getfixturevalue("postgres_url")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        yield f"{base}?schema={schema}"
    finally:
        await _drop_schema(base, schema)


@pytest.fixture(params=BACKENDS)
async def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """Open it more than once to play several workers."""
    async with fresh_database_url(request, tmp_path / "data" / "shop.sqlite3") as url:
        yield url


@pytest.fixture
async def db(store_url: str) -> AsyncIterator[Database]:
    database = await open_database(store_url)
    try:
        yield database
    finally:
        await database.close()


PHONE = "13812345678"
ADDRESS = "上海市浦东新区世纪大道100号"
Place = Callable[..., Awaitable[Order]]


async def _place(
    db: Database,
    user: str = "u1",
    key: str | None = None,
    lines: list[LineIn] | None = None,
    channel: str = "oa",
    **extra: Any,
) -> Order:
    """Place an order with the usual receiver details; one unit of SKU A at 19.90 by default."""
    return await db.orders.create_order(
        user,
        channel,
        lines or [LineIn("A", "苹果", {"规格": "5斤装"}, 1, 1990)],
        receiver_name="张三",
        phone=PHONE,
        address=ADDRESS,
        idempotency_key=key or uuid.uuid4().hex,
        **extra,
    )


@pytest.fixture
def place() -> Place:
    """`await place(db, user=..., key=..., lines=[...])`: an order with the usual receiver."""
    return _place
