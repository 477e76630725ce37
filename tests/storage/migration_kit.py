"""Build a database as an older release left it, and describe any database's schema.

`load_v1(url)` creates the version-1 tables from tests/storage/v1/ and fills them with that
release's rows; `describe(url)` reflects tables, columns, keys, indexes and CHECK constraints into
plain values, so a migrated database can be compared with a freshly created one.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, insert, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from bot.storage.urls import ensure_parent_dir, parse

V1 = Path(__file__).parent / "v1"
SERIAL_IDS = (("audit_log", "id"), ("campaigns", "id"), ("campaign_runs", "id"))


def v1_rows() -> dict[str, list[dict[str, Any]]]:
    def decode(value: Any) -> Any:
        if isinstance(value, dict) and set(value) == {"$dt"}:
            return datetime.fromisoformat(value["$dt"])
        return value

    raw = json.loads((V1 / "rows.json").read_text(encoding="utf-8"))
    return {t: [{k: decode(v) for k, v in row.items()} for row in rows] for t, rows in raw.items()}


def _load(conn: Connection, backend: str) -> None:
    ddl = (V1 / f"{backend}.sql").read_text(encoding="utf-8")
    for statement in ddl.split(";\n"):
        if statement.strip():
            conn.exec_driver_sql(statement)
    tables = MetaData()
    tables.reflect(conn)
    for table in tables.sorted_tables:
        rows = v1_rows()[table.name]
        if backend == "sqlite":  # that release stored naive UTC in SQLite
            rows = [
                {
                    k: v.astimezone(UTC).replace(tzinfo=None) if isinstance(v, datetime) else v
                    for k, v in row.items()
                }
                for row in rows
            ]
        if rows:
            conn.execute(insert(table), rows)
    if backend == "postgresql":  # as if the ids had been handed out by the sequences
        for name, column in SERIAL_IDS:
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', '{column}'), "
                    f"(SELECT max({column}) FROM {name}))"
                )
            )


async def _on(url: str, work: Any) -> Any:
    target = parse(url)
    ensure_parent_dir(target)
    args: dict[str, Any] = {}
    if target.schema:
        args["connect_args"] = {"server_settings": {"search_path": target.schema}}
    engine = create_async_engine(target.url, **args)
    try:
        async with engine.begin() as conn:
            if target.schema:
                await conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{target.schema}"'))
            return await conn.run_sync(work)
    finally:
        await engine.dispose()


async def load_v1(url: str) -> None:
    backend = parse(url).backend
    await _on(url, lambda conn: _load(conn, backend))


def _sql(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value)).replace('"', "").strip()


def _describe(conn: Connection) -> dict[str, Any]:
    found = inspect(conn)
    schema: dict[str, Any] = {}
    for table in sorted(found.get_table_names()):
        indexes = {
            index["name"]: (
                tuple(index["column_names"]),
                bool(index["unique"]),
                sorted((k, _sql(v)) for k, v in index.get("dialect_options", {}).items()),
            )
            for index in found.get_indexes(table)
        }
        schema[table] = {
            "columns": {
                c["name"]: (str(c["type"]), c["nullable"], _sql(c.get("default")))
                for c in found.get_columns(table)
            },
            "primary_key": found.get_pk_constraint(table)["constrained_columns"],
            "foreign_keys": sorted(
                (
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                    sorted(fk.get("options", {}).items()),
                )
                for fk in found.get_foreign_keys(table)
            ),
            "indexes": indexes,
            "unique": sorted(
                (u["name"], tuple(u["column_names"])) for u in found.get_unique_constraints(table)
            ),
            "checks": sorted(
                (c["name"], _sql(c["sqltext"])) for c in found.get_check_constraints(table)
            ),
        }
    return schema


async def describe(url: str) -> dict[str, Any]:
    return dict(await _on(url, _describe))


async def drop_schema(base_url: str, schema: str) -> None:
    engine = create_async_engine(parse(base_url).url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        await engine.dispose()
