"""Config URLs (`sqlite:///…`, `postgresql://…`) to SQLAlchemy async URLs.

The config speaks in plain URLs; the drivers are an inside detail (aiosqlite, asyncpg). A
PostgreSQL URL may carry `?schema=NAME`: the tables then live in that schema (created if missing),
which lets several shops, or parallel test runs, share one database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

_SQLITE = {"sqlite", "sqlite+aiosqlite", "sqlite+pysqlite"}
_POSTGRES = {"postgresql", "postgres", "postgresql+asyncpg"}
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@dataclass(frozen=True)
class Target:
    url: URL
    backend: str  # "sqlite" or "postgresql"
    schema: str | None = None

    @property
    def memory(self) -> bool:
        return self.backend == "sqlite" and self.url.database in (None, "", ":memory:")


def parse(raw: str) -> Target:
    """Map a config URL to its async driver; reject anything else without echoing a password."""
    url = make_url(raw)
    if url.drivername in _SQLITE:
        return Target(url.set(drivername="sqlite+aiosqlite"), "sqlite")
    if url.drivername in _POSTGRES:
        schema = url.query.get("schema")
        if isinstance(schema, tuple):
            raise ValueError("database URL: give ?schema= once")
        if schema is not None and not _SCHEMA_NAME.match(schema):
            raise ValueError(f"database URL: schema {schema!r} must match {_SCHEMA_NAME.pattern}")
        url = url.difference_update_query(["schema"]).set(drivername="postgresql+asyncpg")
        return Target(url, "postgresql", schema)
    raise ValueError(
        f"unsupported database URL scheme {url.drivername!r}: use sqlite:///PATH or postgresql://…"
    )


def ensure_parent_dir(target: Target) -> None:
    """A fresh install points at `data/shopbot.sqlite3`; create `data/` rather than fail."""
    if target.backend == "sqlite" and not target.memory and target.url.database:
        Path(target.url.database).parent.mkdir(parents=True, exist_ok=True)
