"""Version 4: the unanswered-question log (`unanswered`), a new table and nothing else changed.

One row per day (China time), folded wording and reason, with its count and last time; the text
is masked before it is written. Both backends create it the same way.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Column, Integer, MetaData, String, Table
from sqlalchemy.engine import Connection
from sqlalchemy.schema import CreateTable

from bot.storage.schema import UTCDateTime

VERSION = 4
SUMMARY = "unanswered shopper questions, counted per day for the merchant"

# The table as it is at version 4 (never the live one of schema.py: see migrations/__init__).
_v4 = MetaData()
unanswered = Table(
    "unanswered",
    _v4,
    Column("day", String(10), primary_key=True),
    Column("text_key", String(200), primary_key=True),
    Column("reason", String(16), primary_key=True),
    Column("text", String(200), nullable=False),
    Column("count", Integer, nullable=False),
    Column("last_at", UTCDateTime, nullable=False),
    CheckConstraint("count > 0", name="unanswered_count"),
    CheckConstraint("reason IN ('fallback', 'no_product', 'no_fact')", name="unanswered_reason"),
)


def upgrade(conn: Connection) -> None:
    conn.execute(CreateTable(unanswered))
