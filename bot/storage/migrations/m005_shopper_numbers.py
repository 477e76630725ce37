"""Version 5: short shopper numbers for staff (`shopper_numbers`), a new table and nothing else.

Staff read and type `顾客 #17` instead of an openid (bot/storage/shoppers.py). Both backends
create it the same way.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table, UniqueConstraint
from sqlalchemy.engine import Connection
from sqlalchemy.schema import CreateTable

from bot.storage.schema import UTCDateTime

VERSION = 5
SUMMARY = "short shopper numbers that staff read and type instead of openids"

# The table as it is at version 5 (never the live one of schema.py: see migrations/__init__).
_v5 = MetaData()
shopper_numbers = Table(
    "shopper_numbers",
    _v5,
    Column(
        "id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("channel", String(16), nullable=False),
    Column("user_id", String(128), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("channel", "user_id", name="shopper_numbers_user"),
)


def upgrade(conn: Connection) -> None:
    conn.execute(CreateTable(shopper_numbers))
