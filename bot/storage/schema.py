"""Tables (SQLAlchemy Core), shared by SQLite and PostgreSQL.

Money is integer fen (BigInteger) so totals never pick up float error. Timestamps are UTC: a
`UTCDateTime` refuses naive datetimes, stores UTC, and always returns aware values, because SQLite
has no time-zone type and would otherwise hand back naive ones. CHECK constraints repeat the rules
the code enforces (stock never negative, known statuses), so a bug cannot write a bad row.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.types import TypeDecorator

from bot.storage.models import (
    ACTIVE_TICKET_STATUSES,
    CampaignStatus,
    InvoiceKind,
    OrderStatus,
    RunStatus,
    TicketKind,
    TicketStatus,
)

SCHEMA_VERSION = 6  # the newest step of bot/storage/migrations

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
Id = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on both backends."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _one_of(column: str, values: Any) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", UTCDateTime, nullable=False),
)

stock = Table(
    "stock",
    metadata,
    Column("sku", String(64), primary_key=True),
    Column("available", BigInteger, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    CheckConstraint("available >= 0", name="stock_never_negative"),
)

orders = Table(
    "orders",
    metadata,
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
    # Version 2: shipping is charged on top of the discounted goods; note and invoice details.
    Column("shipping_fen", BigInteger, nullable=False, server_default=text("0")),
    Column("note", Text, nullable=False, server_default=text("''")),
    Column("invoice_kind", String(16)),
    Column("invoice_title", String(100)),
    Column("invoice_tax_no", String(32)),
    Column("invoice_email", String(254)),
    # Scoped to the shopper: a key another shopper happens to reuse can never return their order.
    UniqueConstraint("channel", "user_id", "idempotency_key", name="orders_idempotency"),
    CheckConstraint(_one_of("status", OrderStatus), name="orders_status"),
    CheckConstraint(
        "discount_fen >= 0 AND shipping_fen >= 0 AND total_fen >= 0"
        " AND total_fen = subtotal_fen - discount_fen + shipping_fen",
        name="orders_money",
    ),
    CheckConstraint(
        "invoice_kind IS NULL OR " + _one_of("invoice_kind", InvoiceKind), name="orders_invoice"
    ),
    Index("orders_by_user", "user_id", "created_at"),
    Index("orders_by_status", "status", "created_at"),
)

order_lines = Table(
    "order_lines",
    metadata,
    Column(
        "order_no",
        String(32),
        ForeignKey("orders.order_no", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("line_no", Integer, primary_key=True),
    Column("sku", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("spec", JSON, nullable=False),
    Column("qty", Integer, nullable=False),
    Column("unit_price_fen", BigInteger, nullable=False),
    CheckConstraint("qty > 0 AND unit_price_fen >= 0", name="order_lines_amounts"),
)

tickets = Table(
    "tickets",
    metadata,
    Column("ticket_no", String(32), primary_key=True),
    Column("order_no", String(32), ForeignKey("orders.order_no"), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("user_id", String(128), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("photo_media_ids", JSON, nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # Version 2: when staff were told about the ticket, and last reminded of it.
    Column("alerted_at", UTCDateTime),
    Column("reminded_at", UTCDateTime),
    # Version 6: the tracking number of the parcel the shopper sent back ("" until they say it).
    Column("return_tracking", String(64), nullable=False, server_default=""),
    CheckConstraint(_one_of("kind", TicketKind), name="tickets_kind"),
    CheckConstraint(_one_of("status", TicketStatus), name="tickets_status"),
    Index("tickets_by_user", "user_id", "created_at"),
    Index("tickets_by_status", "status", "updated_at"),
    # One active ticket per order, enforced by the database even under concurrent requests.
    Index(
        "tickets_one_active_per_order",
        "order_no",
        unique=True,
        sqlite_where=text(_one_of("status", ACTIVE_TICKET_STATUSES)),
        postgresql_where=text(_one_of("status", ACTIVE_TICKET_STATUSES)),
    ),
)

# Version 2: what a shopper is to be told but could not be (the customer-service quota was used
# up): sent with their next message. One per topic, the newest (bot/storage/notices.py).
pending_notices = Table(
    "pending_notices",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("channel", String(16), nullable=False),
    Column("user_id", String(128), nullable=False),
    Column("topic", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("channel", "user_id", "topic", name="pending_notices_one_per_topic"),
)

# Version 2: what the carrier reported after shipping, newest last (POST /admin/orders/{no}/logistics).
shipment_events = Table(
    "shipment_events",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column(
        "order_no", String(32), ForeignKey("orders.order_no", ondelete="CASCADE"), nullable=False
    ),
    Column("at", UTCDateTime, nullable=False),
    Column("text", Text, nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Index("shipment_events_by_order", "order_no", "id"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(128), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", String(128), nullable=False),
    Column("detail", JSON, nullable=False),
    Index("audit_by_target", "target", "id"),
)

campaigns = Table(
    "campaigns",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("cron", String(120)),
    Column("run_at", UTCDateTime),
    Column("status", String(16), nullable=False),
    Column("created_by", String(128), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    CheckConstraint(_one_of("status", CampaignStatus), name="campaigns_status"),
    CheckConstraint("(cron IS NULL) <> (run_at IS NULL)", name="campaigns_one_schedule"),
)

campaign_runs = Table(
    "campaign_runs",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("campaign_id", Id, ForeignKey("campaigns.id"), nullable=False),
    Column("run_key", String(128), nullable=False),
    Column("status", String(16), nullable=False),
    Column("claimed_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime),
    Column("sent", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
    Column("error", Text),
    # The scheduler's idempotency key: inserting the same run twice fails, so it is sent once.
    UniqueConstraint("campaign_id", "run_key", name="campaign_runs_once"),
    CheckConstraint(_one_of("status", RunStatus), name="campaign_runs_status"),
)

opt_outs = Table(
    "opt_outs",
    metadata,
    Column("channel", String(16), primary_key=True),
    Column("user_id", String(128), primary_key=True),
    Column("since", UTCDateTime, nullable=False),
)

# A broadcast run's plan (what was decided before anything was sent) and its batches. Each batch
# is claimed (planned → sending) by one conditional UPDATE before its API call, so a restart or a
# second worker resumes the plan without sending any batch twice (bot/storage/broadcasts.py).
broadcast_plans = Table(
    "broadcast_plans",
    metadata,
    Column("campaign_id", Id, ForeignKey("campaigns.id"), primary_key=True),
    Column("run_key", String(128), primary_key=True),
    Column("summary", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

broadcast_batches = Table(
    "broadcast_batches",
    metadata,
    Column("campaign_id", Id, ForeignKey("campaigns.id"), primary_key=True),
    Column("run_key", String(128), primary_key=True),
    Column("batch_no", Integer, primary_key=True),
    Column("channel", String(32), nullable=False),
    Column("sender", String(128), nullable=False),
    Column("targets", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    Column("result", JSON, nullable=False),
    Column("error", Text),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("reminded_at", UTCDateTime),
    CheckConstraint(
        "status IN ('planned', 'sending', 'sent', 'failed', 'unknown')",
        name="broadcast_batches_status",
    ),
    Index("broadcast_batches_by_status", "status", "channel", "updated_at"),
)


# 微信客服: the pull cursor per account and every pulled msgid, so that nothing is answered twice
# across workers and restarts (bot/kf/ledger.py says how they are used).
kf_cursors = Table(
    "kf_cursors",
    metadata,
    Column("open_kfid", String(64), primary_key=True),
    Column("cursor", String(128), nullable=False),
    Column("updated_at", BigInteger, nullable=False),
)

kf_inbox = Table(
    "kf_inbox",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),  # the order messages were pulled in
    Column("open_kfid", String(64), nullable=False),
    Column("msgid", String(128), nullable=False),
    Column("external_userid", String(64), nullable=False),
    Column("send_time", BigInteger, nullable=False),
    Column("item", Text, nullable=False),  # the pulled JSON; "" once taken
    Column("status", String(16), nullable=False),
    Column("claimed_at", BigInteger, nullable=False),
    UniqueConstraint("open_kfid", "msgid", name="kf_inbox_msgid"),
    Index("kf_inbox_pending", "open_kfid", "external_userid", "status", "id"),
)

# Shopper questions the bot could not answer, counted per day (China time) and wording, for the
# merchant (`/unanswered`, `shopbot kb gaps`). `text` is masked before it is stored: no phone,
# address or order number ever reaches this table. `text_key` is its folded form, so 怎么开发票？
# and 怎么开发票 count together.
unanswered = Table(
    "unanswered",
    metadata,
    Column("day", String(10), primary_key=True),
    Column("text_key", String(200), primary_key=True),
    Column("reason", String(16), primary_key=True),
    Column("text", String(200), nullable=False),
    Column("count", Integer, nullable=False),
    Column("last_at", UTCDateTime, nullable=False),
    CheckConstraint("count > 0", name="unanswered_count"),
    CheckConstraint("reason IN ('fallback', 'no_product', 'no_fact')", name="unanswered_reason"),
)

# Short numbers staff read and type for shoppers (`顾客 #17`, `/handback 17`): one per channel and
# user, never reused (bot/storage/shoppers.py).
shopper_numbers = Table(
    "shopper_numbers",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("channel", String(16), nullable=False),
    Column("user_id", String(128), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("channel", "user_id", name="shopper_numbers_user"),
)
