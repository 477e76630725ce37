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
* SQLite reads of a file database run on the event loop, through the plain sqlite3 driver. Such
  a read takes tens of microseconds; through aiosqlite's thread each of its six or so steps
  waits for a turn of a busy event loop, and under load a lookup of a shopper's orders took
  70 ms. WAL readers never wait for the writer, so the loop is not blocked by one.
  The inline reader keeps its few connections between reads and begins a read with the driver's
  own `BEGIN`: a pool checkout, the reset on return and an executed `BEGIN` statement cost
  more than the query they wrapped (a shopper's tickets: 0.9 → 0.4 ms).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from contextlib import (
    AbstractAsyncContextManager,
    asynccontextmanager,
    contextmanager,
    nullcontext,
)
from contextvars import ContextVar
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, Result, ScalarResult
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.sql import Executable

from bot.clock import Clock, SystemClock
from bot.storage.urls import Target

BUSY_TIMEOUT_MS = 15_000
INLINE_BUSY_TIMEOUT_MS = 200
INLINE_KEPT = 4  # idle inline read connections kept open; reads are short, so rarely more
_READ_ONLY = "shopbot_read_only"


def dumps_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _engine_for(target: Target) -> AsyncEngine:
    if target.backend == "sqlite":
        engine = create_async_engine(target.url, json_serializer=dumps_json, hide_parameters=True)
        _configure_sqlite(engine)
        return engine
    settings = {"application_name": "shopbot"}
    if target.schema:
        settings["search_path"] = target.schema
    return create_async_engine(
        target.url,
        json_serializer=dumps_json,
        hide_parameters=True,  # errors are logged; bound values hold phones and addresses
        pool_size=10,
        max_overflow=10,
        pool_pre_ping=True,
        connect_args={"server_settings": settings},
    )


class Reader(Protocol):
    """What a read transaction offers the stores: AsyncConnection, or the inline SQLite reader.
    `parameters` fill a statement's `bindparam`s (a statement built once, for the hot reads)."""

    async def execute(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None, /
    ) -> Result[Any]: ...

    async def scalar(self, statement: Executable, /) -> Any: ...

    async def scalars(self, statement: Executable, /) -> ScalarResult[Any]: ...


class InlineReader:
    """A plain (sqlite3) connection behind the async methods the stores call."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def execute(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None, /
    ) -> Result[Any]:
        return self._conn.execute(statement, parameters)

    async def scalar(self, statement: Executable, /) -> Any:
        return self._conn.scalar(statement)

    async def scalars(self, statement: Executable, /) -> ScalarResult[Any]:
        return self._conn.scalars(statement)


def _inline_reader_engine(target: Target) -> Engine | None:
    if target.backend != "sqlite" or target.memory:
        return None
    engine = create_engine(target.url.set(drivername="sqlite+pysqlite"), hide_parameters=True)
    _configure_sqlite(engine, read_only=True)
    return engine


def _configure_sqlite(engine: AsyncEngine | Engine, *, read_only: bool = False) -> None:
    sync_engine = engine.sync_engine if isinstance(engine, AsyncEngine) else engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when and how a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # The inline reader runs on the event loop: it must not wait seconds for an exclusive
        # lock (a WAL reset, a backup); a read that cannot go on fails fast instead.
        busy_ms = INLINE_BUSY_TIMEOUT_MS if read_only else BUSY_TIMEOUT_MS
        pragmas = [f"PRAGMA busy_timeout = {busy_ms}", "PRAGMA foreign_keys = ON"]
        if read_only:
            pragmas.append("PRAGMA query_only = ON")  # the inline reader can never write
        else:
            # synchronous stays FULL (the default): a confirmed order must survive a power cut.
            pragmas.append("PRAGMA journal_mode = WAL")
        for pragma in pragmas:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if read_only:
            # Straight to the sqlite3 driver: an executed statement costs as much as the read.
            # Its commit() ends the transaction (it commits whenever one is open).
            conn.connection.driver_connection.execute("BEGIN")  # type: ignore[union-attr]
            return
        reading = conn.get_execution_options().get(_READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


_WRITTEN: ContextVar[list[str] | None] = ContextVar("audit_actions_written", default=None)


def note_written(action: str) -> None:
    """Called for each audit entry: remembered until its transaction commits (see `write`)."""
    pending = _WRITTEN.get()
    if pending is not None:
        pending.append(action)


class Transactor:
    """Hands out transactions; owns the engine and the SQLite write queue."""

    def __init__(self, target: Target, clock: Clock | None = None) -> None:
        self.target = target
        # Every store's timestamps, and the shop's zone: the date in order and ticket numbers,
        # the unanswered log's days.
        self.clock: Clock = clock or SystemClock()
        self.engine = _engine_for(target)
        self._write_lock = asyncio.Lock() if target.backend == "sqlite" else None
        self._read_lock = self._write_lock if target.memory else None
        self._inline: Engine | None = None  # made on first read, once the schema exists
        self._idle_inline: list[Connection] = []
        self.committed: list[Callable[[str], None]] = []

    @property
    def backend(self) -> str:
        return self.target.backend

    @property
    def zone(self) -> ZoneInfo:
        """The shop's time zone (the clock's)."""
        return self.clock.zone

    def _hold(self, lock: asyncio.Lock | None) -> AbstractAsyncContextManager[Any]:
        return lock if lock is not None else nullcontext()

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncConnection]:
        """One write transaction: committed on normal exit, rolled back on any exception.

        The audit actions it wrote (order.paid, ticket.open …) reach the `committed` listeners
        once it has committed, never for a transaction rolled back (metrics count them).
        """
        events: list[str] = []
        token = _WRITTEN.set(events)
        try:
            async with self._hold(self._write_lock), self.engine.begin() as conn:
                yield conn
        finally:
            _WRITTEN.reset(token)
        for listener in self.committed:
            for action in events:
                listener(action)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Reader]:
        """A read-only transaction (never takes SQLite's write lock)."""
        inline = self._inline_engine()
        if inline is not None:
            with self._inline_read(inline) as reader:
                yield reader
            return
        async with self._hold(self._read_lock), self.engine.connect() as conn:
            await conn.execution_options(**{_READ_ONLY: True})
            async with conn.begin():
                yield conn

    @contextmanager
    def _inline_read(self, engine: Engine) -> Iterator[InlineReader]:
        """A read transaction on an idle inline connection (a new one when all are in use: a
        read body may await, and another message read meanwhile)."""
        conn = self._idle_inline.pop() if self._idle_inline else engine.connect()
        try:
            with conn.begin():
                yield InlineReader(conn)
        except BaseException:
            conn.close()  # not reused after a failure: the pool checks it on return
            raise
        if len(self._idle_inline) < INLINE_KEPT:
            self._idle_inline.append(conn)
        else:
            conn.close()

    def _inline_engine(self) -> Engine | None:
        if self._inline is None and self.target.backend == "sqlite" and not self.target.memory:
            self._inline = _inline_reader_engine(self.target)
        return self._inline

    async def close(self) -> None:
        while self._idle_inline:
            self._idle_inline.pop().close()
        if self._inline is not None:
            self._inline.dispose()
        await self.engine.dispose()
