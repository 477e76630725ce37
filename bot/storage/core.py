"""The engine and its transactions: the one place that knows SQLite from PostgreSQL.

Every store gets its connections from `Transactor.write()` or `Transactor.read()`:

* PostgreSQL: a pooled asyncpg connection per transaction, READ COMMITTED. Row locks taken by the
  conditional UPDATEs in the stores make concurrent orders safe.
* SQLite: SQLite allows one writer at a time, and a deferred transaction that reads and then writes
  fails with "database is locked" instead of waiting. So write transactions start with
  `BEGIN IMMEDIATE` (take the write lock up front; `busy_timeout` waits for another process holding
  it), and, inside one process, an `asyncio.Lock` queues writers fairly instead of letting them
  spin in SQLite's busy handler. WAL mode lets readers run while a writer works. An in-memory
  database is a single shared connection, so there reads queue on the same lock as well.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from bot.storage.urls import Target

BUSY_TIMEOUT_MS = 15_000
_READ_ONLY = "shopbot_read_only"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _engine_for(target: Target) -> AsyncEngine:
    if target.backend == "sqlite":
        engine = create_async_engine(target.url, json_serializer=_dumps)
        _configure_sqlite(engine)
        return engine
    settings = {"application_name": "shopbot"}
    if target.schema:
        settings["search_path"] = target.schema
    return create_async_engine(
        target.url,
        json_serializer=_dumps,
        pool_size=10,
        max_overflow=10,
        pool_pre_ping=True,
        connect_args={"server_settings": settings},
    )


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when and how a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
            "PRAGMA journal_mode = WAL",
            # synchronous stays FULL (the default): a confirmed order must survive a power cut.
            "PRAGMA foreign_keys = ON",
        ):
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        read_only = conn.get_execution_options().get(_READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


class Transactor:
    """Hands out transactions; owns the engine and the SQLite write queue."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.engine = _engine_for(target)
        self._write_lock = asyncio.Lock() if target.backend == "sqlite" else None
        self._read_lock = self._write_lock if target.memory else None

    @property
    def backend(self) -> str:
        return self.target.backend

    def _hold(self, lock: asyncio.Lock | None) -> AbstractAsyncContextManager[Any]:
        return lock if lock is not None else nullcontext()

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncConnection]:
        """One write transaction: committed on normal exit, rolled back on any exception."""
        async with self._hold(self._write_lock), self.engine.begin() as conn:
            yield conn

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        """A read-only transaction (never takes SQLite's write lock)."""
        async with self._hold(self._read_lock), self.engine.connect() as conn:
            await conn.execution_options(**{_READ_ONLY: True})
            async with conn.begin():
                yield conn

    async def close(self) -> None:
        await self.engine.dispose()
