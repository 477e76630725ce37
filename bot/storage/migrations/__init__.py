"""Numbered schema migrations: each step takes the database from one schema version to the next.

Version 1 is the layout of the first release (`create_all` of that day). Every later version is a
`Migration` in `MIGRATIONS`, in order, and `bot.storage.schema.SCHEMA_VERSION` is the last one.
`bot/storage/migrate.py` runs the missing steps at start-up, under a lock, in one transaction.

Rules for writing a step (README.md, "Migrations"):

* A step never imports the live tables of schema.py: it describes the tables as they are at its
  own version, so it still means the same thing after later steps change schema.py again.
* It works on SQLite and PostgreSQL. PostgreSQL alters in place. SQLite cannot change a CHECK
  constraint or a column's type, so such a step rebuilds the table (`sqlite.rebuild_table`);
  foreign keys are off during the run and checked before it commits.
* Existing rows get sensible values for new columns: nothing a shop stored may be lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Connection


@dataclass(frozen=True)
class Migration:
    version: int
    """The schema version the database has after this step."""
    summary: str
    upgrade: Callable[[Connection], None]
    """Runs inside the migration transaction, on the synchronous side of the connection."""


def _steps() -> tuple[Migration, ...]:
    # Imported here: each step module may use this package's helpers while it initialises.
    from bot.storage.migrations import (
        m002_business,
        m003_kf,
        m004_unanswered,
        m005_shopper_numbers,
        m006_return_tracking,
    )

    steps = (
        m002_business,
        m003_kf,
        m004_unanswered,
        m005_shopper_numbers,
        m006_return_tracking,
    )
    return tuple(Migration(step.VERSION, step.SUMMARY, step.upgrade) for step in steps)


MIGRATIONS: tuple[Migration, ...] = _steps()
BASE_VERSION = 1


def head(migrations: tuple[Migration, ...] = MIGRATIONS) -> int:
    """The version a database has once every step ran."""
    return migrations[-1].version if migrations else BASE_VERSION
