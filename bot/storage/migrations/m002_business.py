"""Version 2: shipping fees, order notes and invoices, the after-sales states staff move, the
notices that wait for a shopper's quota, and logistics updates.

* orders: `shipping_fen` (0 for old orders, which were charged none), `note` (''), the four
  `invoice_*` columns (NULL); `orders_money` now says total = subtotal - discount + shipping;
  `orders_invoice` checks the kind.
* tickets: statuses `received` and `refunded`; `received` is active too, so the one-active-per-
  order index changes; `alerted_at` (set to `updated_at` for old tickets, so staff are not alerted
  about tickets they already know) and `reminded_at`; an index by status for staff lists.
* new tables `pending_notices` and `shipment_events`.

PostgreSQL alters in place. SQLite rebuilds orders and tickets (it cannot change a CHECK).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.schema import CreateIndex, CreateTable

from bot.storage.migrations.sqlite import rebuild_table
from bot.storage.schema import Id, UTCDateTime

VERSION = 2
SUMMARY = "shipping fee, note and invoice on orders; after-sales states; pending notices"

ORDER_STATUSES = "status IN ('created', 'paid', 'shipped', 'done', 'cancelled', 'expired')"
MONEY = (
    "discount_fen >= 0 AND shipping_fen >= 0 AND total_fen >= 0"
    " AND total_fen = subtotal_fen - discount_fen + shipping_fen"
)
INVOICE = "invoice_kind IS NULL OR invoice_kind IN ('normal', 'special')"
TICKET_STATUSES = (
    "status IN ('open', 'approved', 'received', 'refunded', 'resolved', 'rejected', 'withdrawn')"
)
ACTIVE = "status IN ('open', 'approved', 'received')"

# The tables as they are at version 2 (never the live ones of schema.py: see migrations/__init__).
_v2 = MetaData()
orders = Table(
    "orders",
    _v2,
    Column("order_no", String(32), primary_key=True),
    Column("channel", String(16), nullable=False),
    Column("user_id", String(128), nullable=False),
    Column("status", String(16), nullable=False),
    Column("subtotal_fen", BigInteger, nullable=False),
    Column("discount_fen", BigInteger, nullable=False),
    Column("total_fen", BigInteger, nullable=False),
    Column("coupon_code", String(64)),
    Column("receiver_name", String(64), nullable=False),
    Column("phone", String(32), nullable=False),
    Column("address", Text, nullable=False),
    Column("idempotency_key", String(128), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("paid_at", UTCDateTime),
    Column("shipped_at", UTCDateTime),
    Column("done_at", UTCDateTime),
    Column("closed_at", UTCDateTime),
    Column("carrier", String(64)),
    Column("tracking_no", String(64)),
    Column("shipping_fen", BigInteger, nullable=False, server_default=text("0")),
    Column("note", Text, nullable=False, server_default=text("''")),
    Column("invoice_kind", String(16)),
    Column("invoice_title", String(100)),
    Column("invoice_tax_no", String(32)),
    Column("invoice_email", String(254)),
    UniqueConstraint("channel", "user_id", "idempotency_key", name="orders_idempotency"),
    CheckConstraint(ORDER_STATUSES, name="orders_status"),
    CheckConstraint(MONEY, name="orders_money"),
    CheckConstraint(INVOICE, name="orders_invoice"),
    Index("orders_by_user", "user_id", "created_at"),
    Index("orders_by_status", "status", "created_at"),
)
tickets = Table(
    "tickets",
    _v2,
    Column("ticket_no", String(32), primary_key=True),
    Column("order_no", String(32), ForeignKey("orders.order_no"), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("user_id", String(128), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("photo_media_ids", JSON, nullable=False),
    Column("note", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("alerted_at", UTCDateTime),
    Column("reminded_at", UTCDateTime),
    CheckConstraint("kind IN ('return', 'refund', 'exchange')", name="tickets_kind"),
    CheckConstraint(TICKET_STATUSES, name="tickets_status"),
    Index("tickets_by_user", "user_id", "created_at"),
    Index("tickets_by_status", "status", "updated_at"),
    Index(
        "tickets_one_active_per_order",
        "order_no",
        unique=True,
        sqlite_where=text(ACTIVE),
        postgresql_where=text(ACTIVE),
    ),
)
pending_notices = Table(
    "pending_notices",
    _v2,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("channel", String(16), nullable=False),
    Column("user_id", String(128), nullable=False),
    Column("topic", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("channel", "user_id", "topic", name="pending_notices_one_per_topic"),
)
shipment_events = Table(
    "shipment_events",
    _v2,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column(
        "order_no", String(32), ForeignKey("orders.order_no", ondelete="CASCADE"), nullable=False
    ),
    Column("at", UTCDateTime, nullable=False),
    Column("text", Text, nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Index("shipment_events_by_order", "order_no", "id"),
)
_OLD_ORDER_COLUMNS = [c.name for c in orders.columns][:20]
_OLD_TICKET_COLUMNS = [c.name for c in tickets.columns][:11]
_NEW_TABLES = (pending_notices, shipment_events)


def upgrade(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        _sqlite(conn)
    else:
        _postgresql(conn)
    for table in _NEW_TABLES:
        conn.execute(CreateTable(table))
        for index in table.indexes:
            conn.execute(CreateIndex(index))


def _sqlite(conn: Connection) -> None:
    order_values = {name: name for name in _OLD_ORDER_COLUMNS}
    order_values |= {"shipping_fen": "0", "note": "''"}
    order_values |= {f"invoice_{part}": "NULL" for part in ("kind", "title", "tax_no", "email")}
    rebuild_table(conn, orders, order_values)
    ticket_values = {name: name for name in _OLD_TICKET_COLUMNS}
    ticket_values |= {"alerted_at": "updated_at", "reminded_at": "NULL"}
    rebuild_table(conn, tickets, ticket_values)


def _postgresql(conn: Connection) -> None:
    for statement in (
        "ALTER TABLE orders ADD COLUMN shipping_fen BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE orders ADD COLUMN note TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE orders ADD COLUMN invoice_kind VARCHAR(16)",
        "ALTER TABLE orders ADD COLUMN invoice_title VARCHAR(100)",
        "ALTER TABLE orders ADD COLUMN invoice_tax_no VARCHAR(32)",
        "ALTER TABLE orders ADD COLUMN invoice_email VARCHAR(254)",
        "ALTER TABLE orders DROP CONSTRAINT orders_money",
        f"ALTER TABLE orders ADD CONSTRAINT orders_money CHECK ({MONEY})",
        f"ALTER TABLE orders ADD CONSTRAINT orders_invoice CHECK ({INVOICE})",
        "ALTER TABLE tickets ADD COLUMN alerted_at TIMESTAMP WITH TIME ZONE",
        "ALTER TABLE tickets ADD COLUMN reminded_at TIMESTAMP WITH TIME ZONE",
        "UPDATE tickets SET alerted_at = updated_at",
        "ALTER TABLE tickets DROP CONSTRAINT tickets_status",
        f"ALTER TABLE tickets ADD CONSTRAINT tickets_status CHECK ({TICKET_STATUSES})",
        "DROP INDEX tickets_one_active_per_order",
        f"CREATE UNIQUE INDEX tickets_one_active_per_order ON tickets (order_no) WHERE {ACTIVE}",
        "CREATE INDEX tickets_by_status ON tickets (status, updated_at)",
    ):
        conn.exec_driver_sql(statement)
