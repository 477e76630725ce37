"""Version 3: the 微信客服 (kf) ledger — the pull cursor per account and every pulled msgid.

Before this step the kf module created its two tables itself on start; a database where it did
already has them, so they are created only where missing.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Connection

from bot.storage.schema import Id

VERSION = 3
SUMMARY = "微信客服 pull cursors and pulled messages"

# The tables as they are at version 3 (never the live ones of schema.py: see migrations/__init__).
_v3 = MetaData()
Table(
    "kf_cursors",
    _v3,
    Column("open_kfid", String(64), primary_key=True),
    Column("cursor", String(128), nullable=False),
    Column("updated_at", BigInteger, nullable=False),
)
Table(
    "kf_inbox",
    _v3,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("open_kfid", String(64), nullable=False),
    Column("msgid", String(128), nullable=False),
    Column("external_userid", String(64), nullable=False),
    Column("send_time", BigInteger, nullable=False),
    Column("item", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("claimed_at", BigInteger, nullable=False),
    UniqueConstraint("open_kfid", "msgid", name="kf_inbox_msgid"),
    Index("kf_inbox_pending", "open_kfid", "external_userid", "status", "id"),
)


def upgrade(conn: Connection) -> None:
    _v3.create_all(conn, checkfirst=True)
