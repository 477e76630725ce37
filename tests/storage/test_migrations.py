"""Schema migrations: a database written by the previous release upgrades with its data intact.

Contract, on SQLite and PostgreSQL: the version-1 database of tests/storage/v1 (that release's
tables and rows) opens with today's code; every row it held reads back unchanged; the stores work
on it (new ids do not collide); its schema is then the same as a freshly created one; a second
open changes nothing; a database newer than the code is refused; a step that fails leaves the
database as it was; workers starting at once apply each step once.
"""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.engine import Connection

from bot.storage import LineIn, SchemaMismatch, open_database
from bot.storage.core import Transactor
from bot.storage.migrate import _prefer_wal, prepare_schema
from bot.storage.migrations import MIGRATIONS, Migration, head
from bot.storage.schema import SCHEMA_VERSION, metadata, schema_version
from bot.storage.urls import parse
from tests.storage.migration_kit import describe, drop_schema, load_v1, v1_rows


@asynccontextmanager
async def sibling(url: str, tmp_path: Path) -> AsyncIterator[str]:
    """Another empty database on the same backend as `url`."""
    target = parse(url)
    if target.backend == "sqlite":
        yield f"sqlite:///{tmp_path / f'sibling-{uuid.uuid4().hex[:6]}.sqlite3'}"
        return
    base = url.split("?", 1)[0]
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        yield f"{base}?schema={schema}"
    finally:
        await drop_schema(base, schema)


def _aware(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


async def _versions(url: str) -> list[int]:
    async with await open_database(url) as db, db.transactor.read() as conn:
        found = await conn.scalars(
            select(schema_version.c.version).order_by(schema_version.c.version)
        )
        return list(found.all())


def test_the_code_expects_the_newest_step() -> None:
    assert head() == SCHEMA_VERSION
    assert [step.version for step in MIGRATIONS] == list(range(2, SCHEMA_VERSION + 1))


async def test_v1_database_upgrades_with_every_row_intact(store_url: str) -> None:
    await load_v1(store_url)
    old = v1_rows()
    async with await open_database(store_url) as db:
        async with db.transactor.read() as conn:
            for name, rows in old.items():
                if name == "schema_version":
                    continue
                table = metadata.tables[name]
                columns = [table.c[key] for key in rows[0]] if rows else []
                if not columns:
                    continue
                keys = [c for c in table.primary_key.columns]
                found = (await conn.execute(select(*columns).order_by(*keys))).mappings().all()
                want = sorted(rows, key=lambda r: tuple(r[k.name] for k in keys))
                assert [{k: _aware(v) for k, v in r.items()} for r in found] == [
                    {k: _aware(v) for k, v in r.items()} for r in want
                ], name
        # The stores read what the old release wrote, and write beside it.
        shipped = next(r for r in old["orders"] if r["status"] == "shipped")
        order = await db.orders.get_order(shipped["order_no"], shipped["user_id"])
        assert order is not None and (order.carrier, order.tracking_no) == ("顺丰", "SF1234567890")
        assert order.total_fen == shipped["total_fen"] and len(order.lines) == 2
        approved = next(r for r in old["tickets"] if r["status"] == "approved")
        ticket = await db.tickets.staff_get_ticket(approved["ticket_no"])
        assert ticket is not None and ticket.photo_media_ids == ("MEDIA_1", "MEDIA_2")
        placed = await db.orders.create_order(
            "oNew",
            "oa",
            [LineIn("SN-2001", "每日坚果", "30包", 1, 9900)],
            receiver_name="李四",
            phone="13900001111",
            address="上海市黄浦区南京东路1号",
            idempotency_key="after-upgrade",
        )
        assert (await db.orders.get_order(placed.order_no, "oNew")) == placed
        campaign = await db.campaigns.create_campaign(
            "升级后", "staff", {"text": "hi"}, created_by="staff:zhangsan", cron="0 9 * * *"
        )
        assert campaign.id > max(r["id"] for r in old["campaigns"])
        assert (await db.audit.recent(1))[0].id > max(r["id"] for r in old["audit_log"])
    assert await _versions(store_url) == list(range(1, SCHEMA_VERSION + 1))


async def test_upgraded_schema_is_the_fresh_schema(store_url: str, tmp_path: Path) -> None:
    await load_v1(store_url)
    async with await open_database(store_url):
        pass
    async with sibling(store_url, tmp_path) as fresh:
        async with await open_database(fresh):
            pass
        assert await describe(store_url) == await describe(fresh)


async def test_opening_again_changes_nothing(store_url: str) -> None:
    await load_v1(store_url)
    async with await open_database(store_url):
        pass
    before = await describe(store_url)
    tx = Transactor(parse(store_url))
    try:
        assert await prepare_schema(tx) == []
    finally:
        await tx.close()
    assert await describe(store_url) == before


async def test_a_newer_database_is_refused_and_left_alone(store_url: str) -> None:
    async with await open_database(store_url) as db, db.transactor.write() as conn:
        await conn.execute(
            insert(schema_version).values(version=SCHEMA_VERSION + 1, applied_at=datetime.now(UTC))
        )
    before = await describe(store_url)
    with pytest.raises(SchemaMismatch, match="newer"):
        await open_database(store_url)
    assert await describe(store_url) == before


def _add_column(conn: Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE opt_outs ADD COLUMN source VARCHAR(16)")


def _add_column_then_fail(conn: Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE opt_outs ADD COLUMN reason VARCHAR(16)")
    conn.exec_driver_sql("UPDATE opt_outs SET source = 'x', reason = 'y'")
    raise RuntimeError("step failed half-way")


def _later(*steps: Any) -> tuple[Migration, ...]:
    return tuple(
        Migration(SCHEMA_VERSION + i, f"test step {i}", step) for i, step in enumerate(steps, 1)
    )


async def test_a_failing_step_leaves_the_database_as_it_was(store_url: str) -> None:
    await load_v1(store_url)
    async with await open_database(store_url):
        pass
    before = await describe(store_url)
    tx = Transactor(parse(store_url))
    try:
        with pytest.raises(RuntimeError, match="half-way"):
            await prepare_schema(tx, (*MIGRATIONS, *_later(_add_column, _add_column_then_fail)))
    finally:
        await tx.close()
    assert await describe(store_url) == before
    assert await _versions(store_url) == list(range(1, SCHEMA_VERSION + 1))


async def test_workers_starting_together_apply_each_step_once(store_url: str) -> None:
    await load_v1(store_url)
    steps = (*MIGRATIONS, *_later(_add_column))
    workers = [Transactor(parse(store_url)) for _ in range(3)]
    try:
        applied = await asyncio.gather(*(prepare_schema(tx, steps) for tx in workers))
    finally:
        for tx in workers:
            await tx.close()
    everything = list(range(2, SCHEMA_VERSION + 2))
    assert sorted(applied, key=len) == [[], [], everything]
    columns = (await describe(store_url))["opt_outs"]["columns"]
    assert "source" in columns


async def test_the_migration_transaction_checks_foreign_keys(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fk.sqlite3'}"
    await load_v1(url)

    def orphan(conn: Connection) -> None:
        conn.execute(text("DELETE FROM orders WHERE status = 'shipped'"))  # its lines stay behind

    tx = Transactor(parse(url))
    try:
        with pytest.raises(SchemaMismatch, match="order_lines"):
            await prepare_schema(tx, (*MIGRATIONS, *_later(orphan)))
    finally:
        await tx.close()
    assert await _versions(url) == list(range(1, SCHEMA_VERSION + 1))


def test_a_worker_that_loses_the_race_to_switch_to_wal_keeps_going(tmp_path: Path) -> None:
    path = tmp_path / "race.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x INTEGER)")
    holder.execute("BEGIN IMMEDIATE")  # another worker mid-switch holds the write lock
    loser = sqlite3.connect(path, isolation_level=None, timeout=0.05)
    try:
        _prefer_wal(loser.cursor())  # must not raise "database is locked"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _prefer_wal(loser.cursor())
    assert loser.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    loser.close()
