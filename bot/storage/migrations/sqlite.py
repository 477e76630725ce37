"""SQLite's way to change what ALTER TABLE cannot: build the new table beside the old, copy, swap.

This is the procedure of sqlite.org/lang_altertable.html ("Making Other Kinds Of Table Schema
Changes"): create `_new_X`, copy the rows, drop `X`, rename `_new_X` to `X`, recreate the indexes.
Foreign keys must be off while it runs (bot/storage/migrate.py does that) or dropping `X` would
cascade into its children; tables that refer to `X` by name refer to the new one afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Table
from sqlalchemy.engine import Connection
from sqlalchemy.schema import CreateIndex, CreateTable


def rebuild_table(conn: Connection, table: Table, fill: Mapping[str, str]) -> None:
    """Replace the table named `table.name` with the definition `table`, keeping every row.

    `fill` maps each column of the new table to the SQL expression (over the old table's columns)
    that gives its value, e.g. `{"order_no": "order_no", "shipping_fen": "0"}`.
    """
    missing = {column.name for column in table.columns} - set(fill)
    if missing:
        raise ValueError(f"rebuild of {table.name}: no value for {', '.join(sorted(missing))}")
    quote = conn.dialect.identifier_preparer.quote
    name, temporary = quote(table.name), quote(f"_new_{table.name}")
    ddl = str(CreateTable(table).compile(dialect=conn.dialect)).strip()
    head = f"CREATE TABLE {name} ("
    if not ddl.startswith(head):
        raise ValueError(f"unexpected DDL for {table.name}: {ddl[:60]!r}")
    conn.exec_driver_sql(f"CREATE TABLE {temporary} (" + ddl[len(head) :])
    columns = ", ".join(quote(column) for column in fill)
    values = ", ".join(fill.values())
    conn.exec_driver_sql(f"INSERT INTO {temporary} ({columns}) SELECT {values} FROM {name}")
    conn.exec_driver_sql(f"DROP TABLE {name}")
    conn.exec_driver_sql(f"ALTER TABLE {temporary} RENAME TO {name}")
    for index in sorted(table.indexes, key=lambda index: str(index.name)):
        conn.execute(CreateIndex(index))
