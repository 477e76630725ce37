"""Bring a database to the schema this code needs, once, even when several workers start together.

A new database gets every table of schema.py at once and is stamped with the newest version. An
existing one runs the steps of `bot.storage.migrations` it has not seen, in order, in **one**
transaction together with their `schema_version` rows: a step that fails leaves the database as
it was, and a worker that starts next tries again. A database newer than this code is refused
(`SchemaMismatch`): an older release must not guess at a layout it does not know.

The lock:

* PostgreSQL: a transaction-scoped advisory lock, so a second worker waits until the first
  committed, then finds nothing left to do.
* SQLite file: the migration transaction starts with `BEGIN IMMEDIATE`, the database's one write
  lock, held until commit; other workers wait for it (`MIGRATION_BUSY_TIMEOUT_MS`). It runs on a
  connection of its own with foreign keys off, because rebuilding a table (SQLite's only way to
  change a constraint) would otherwise cascade the implicit DELETE of the old table into its
  children; `PRAGMA foreign_key_check` must come back empty before it commits.
* SQLite in memory is always new: nothing to migrate, no other process to wait for.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from datetime import datetime
from typing import Any

from sqlalchemy import NullPool, create_engine, event, func, insert, inspect, select, text
from sqlalchemy.engine import Connection

from bot.storage.core import Transactor, dumps_json
from bot.storage.errors import SchemaMismatch
from bot.storage.migrations import MIGRATIONS, Migration, head
from bot.storage.schema import metadata, schema_version
from bot.storage.urls import Target

log = logging.getLogger(__name__)

# Any constant works; it only has to be the same in every worker.
DDL_LOCK_KEY = 0x5B0_7DB
MIGRATION_BUSY_TIMEOUT_MS = 120_000


async def prepare_schema(
    tx: Transactor, migrations: tuple[Migration, ...] = MIGRATIONS
) -> list[int]:
    """Create or upgrade the schema; returns the versions this call applied (empty: none)."""
    applied = await _prepare(tx, migrations)
    for step in migrations:
        if step.version in applied:
            log.warning("database schema upgraded to version %d: %s", step.version, step.summary)
    return applied


async def _prepare(tx: Transactor, migrations: tuple[Migration, ...]) -> list[int]:
    target, now = tx.target, tx.clock.now()  # the versions' applied_at
    if target.backend == "postgresql":
        async with tx.write() as conn:
            await conn.execute(select(func.pg_advisory_xact_lock(DDL_LOCK_KEY)))
            if target.schema:
                await conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{target.schema}"'))
            return await conn.run_sync(bring_up_to_date, migrations, now)
    if target.memory:
        async with tx.write() as conn:
            return await conn.run_sync(bring_up_to_date, migrations, now)
    return await asyncio.to_thread(_migrate_sqlite_file, target, migrations, now)


def bring_up_to_date(
    conn: Connection, migrations: tuple[Migration, ...], now: datetime
) -> list[int]:
    """The whole decision, on a connection already holding the lock (inside its transaction)."""
    newest = head(migrations)
    if not inspect(conn).has_table(schema_version.name):
        metadata.create_all(conn)
        _stamp(conn, newest, now)
        return []
    found = conn.scalar(select(func.max(schema_version.c.version)))
    if found is None:
        raise SchemaMismatch("schema_version is empty: this database was not made by shopbot")
    if found > newest:
        raise SchemaMismatch(
            f"database schema is version {found}, newer than this shopbot knows ({newest}); "
            "run the newer release or restore a backup made before it"
        )
    applied = []
    for step in migrations:
        if step.version <= found:
            continue
        step.upgrade(conn)
        _stamp(conn, step.version, now)
        applied.append(step.version)
    if applied and conn.dialect.name == "sqlite":
        _check_foreign_keys(conn)
    return applied


def _stamp(conn: Connection, version: int, now: datetime) -> None:
    conn.execute(insert(schema_version).values(version=version, applied_at=now))


def _check_foreign_keys(conn: Connection) -> None:
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        tables = sorted({str(row[0]) for row in broken})
        raise SchemaMismatch(f"migration left rows without their parent in {', '.join(tables)}")


def _migrate_sqlite_file(
    target: Target, migrations: tuple[Migration, ...], now: datetime
) -> list[int]:
    url = target.url.set(drivername="sqlite+pysqlite")
    engine = create_engine(
        url, poolclass=NullPool, hide_parameters=True, json_serializer=dumps_json
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's BEGIN below, not the module's
        cursor = dbapi_connection.cursor()
        for pragma in (
            f"PRAGMA busy_timeout = {MIGRATION_BUSY_TIMEOUT_MS}",
            "PRAGMA foreign_keys = OFF",  # outside any transaction, or SQLite ignores it
        ):
            cursor.execute(pragma)
        _prefer_wal(cursor)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with engine.begin() as conn:
            return bring_up_to_date(conn, migrations, now)
    finally:
        engine.dispose()


def _prefer_wal(cursor: Any) -> None:
    """Switch the file to WAL unless it is already; a worker that loses the race keeps going.

    Changing the journal mode takes a lock SQLite's busy timeout does not wait for, so two
    workers switching together make one fail with "database is locked". The migration itself
    is correct in either mode, and the winner's switch is persistent in the file.
    """
    mode = cursor.execute("PRAGMA journal_mode").fetchone()
    if mode and str(mode[0]).lower() == "wal":
        return
    try:
        cursor.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc):
            raise
        log.debug("another worker is switching the database to WAL: %s", exc)
