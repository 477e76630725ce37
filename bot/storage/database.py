"""`open_database(url)`: one object with every store, tables created on first open."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.storage.audit import AuditLog
from bot.storage.broadcasts import BroadcastStore
from bot.storage.campaigns import CampaignStore
from bot.storage.core import Transactor
from bot.storage.errors import SchemaMismatch
from bot.storage.optouts import OptOutStore
from bot.storage.orders import OrderStore
from bot.storage.schema import SCHEMA_VERSION, metadata, schema_version, utcnow
from bot.storage.stock import StockStore
from bot.storage.tickets import TicketStore
from bot.storage.urls import Target, ensure_parent_dir, parse

# Any constant works; it only has to be the same in every worker (see _create_schema).
_DDL_LOCK_KEY = 0x5B0_7DB


class Database:
    """The order store and its neighbours, sharing one engine.

    `db.orders`, `db.stock`, `db.tickets`, `db.audit`, `db.campaigns`, `db.opt_outs`,
    `db.broadcasts`. Build it
    with `open_database`; close it with `await db.close()` (or `async with`).
    """

    def __init__(self, tx: Transactor) -> None:
        self._tx = tx
        self.orders = OrderStore(tx)
        self.stock = StockStore(tx)
        self.tickets = TicketStore(tx)
        self.audit = AuditLog(tx)
        self.campaigns = CampaignStore(tx)
        self.opt_outs = OptOutStore(tx)
        self.broadcasts = BroadcastStore(tx)

    @property
    def backend(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self._tx.backend

    @property
    def transactor(self) -> Transactor:
        """The transaction source, for code in this package that needs raw SQL (tests, tools)."""
        return self._tx

    async def close(self) -> None:
        await self._tx.close()

    async def __aenter__(self) -> Database:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()


async def open_database(url: str) -> Database:
    """Connect, create missing tables, check the schema version.

    `sqlite:///path` (the parent folder is created), `sqlite:///:memory:`, or
    `postgresql://user@host/db[?schema=name]`.
    """
    target = parse(url)
    ensure_parent_dir(target)
    tx = Transactor(target)
    try:
        async with tx.write() as conn:
            await _create_schema(conn, target)
    except BaseException:
        await tx.close()
        raise
    return Database(tx)


async def _create_schema(conn: AsyncConnection, target: Target) -> None:
    """Create tables and record the version, once, even when several workers start together.

    SQLite's BEGIN IMMEDIATE already serialises this; PostgreSQL gets a transaction-scoped
    advisory lock, because two concurrent CREATE TABLEs of the same name fail there.
    """
    if target.backend == "postgresql":
        await conn.execute(select(func.pg_advisory_xact_lock(_DDL_LOCK_KEY)))
        if target.schema:
            await conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{target.schema}"'))
    await conn.run_sync(metadata.create_all)
    found = await conn.scalar(select(func.max(schema_version.c.version)))
    if found is None:
        await conn.execute(
            insert(schema_version).values(version=SCHEMA_VERSION, applied_at=utcnow())
        )
    elif found != SCHEMA_VERSION:
        raise SchemaMismatch(
            f"database schema is version {found}, this shopbot expects {SCHEMA_VERSION}"
        )
